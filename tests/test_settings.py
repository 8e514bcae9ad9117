"""Misconfiguration fails fast, naming the setting, instead of silently losing conversations."""
import threading

import pytest
from sqlalchemy import func, select

from bot import config
from bot.errors import ConfigError


def test_several_processes_without_redis_refuse_to_start(make_app, monkeypatch):
    # As the Procfile runs it: gunicorn with two workers and no REDIS_URL.
    monkeypatch.setattr("sys.argv", ["/venv/bin/gunicorn", "--workers", "2", "bot:create_app()"])
    with pytest.raises(ConfigError, match="REDIS_URL is not set, and 2 processes"):
        make_app(REDIS_URL="")
    monkeypatch.setattr("sys.argv", ["passerelle", "serve"])
    assert make_app(REDIS_URL="")


def test_gunicorn_workers_are_counted():
    assert config.serving_processes({}, ["/venv/bin/gunicorn", "--workers", "3", "bot:create_app()"]) == 3
    assert config.serving_processes({"WEB_CONCURRENCY": "2"}, ["/venv/bin/gunicorn", "bot:create_app()"]) == 2
    assert config.serving_processes({"WEB_CONCURRENCY": "4"}, ["passerelle", "serve"]) == 1


@pytest.mark.parametrize("missing", ["SECRET_KEY", "TWILIO_AUTH_TOKEN"])
def test_a_server_database_without_shared_secrets_refuses_to_start(make_app, postgres_url, missing):
    with pytest.raises(ConfigError, match=f"{missing} is not set"):
        make_app(DATABASE_URL=postgres_url, **{missing: ""})


def test_the_fictional_sample_is_not_loaded_into_a_server_database(monkeypatch, make_app, postgres_url):
    from bot.catalog.models import ServiceEntry

    monkeypatch.setenv("DATABASE_URL", postgres_url)
    monkeypatch.delenv("CATALOG_SAMPLE", raising=False)
    assert config.from_environment()["CATALOG_SAMPLE"] is False
    app = make_app(DATABASE_URL=postgres_url, CATALOG_SAMPLE=config.from_environment()["CATALOG_SAMPLE"])
    database = app.extensions["passerelle.db"]
    with database.session() as session:
        assert session.execute(select(func.count()).select_from(ServiceEntry)).scalar() == 0
    database.engine.dispose()


def test_hosts_starting_together_migrate_one_at_a_time(postgres_url):
    from bot.db import exclusive

    inside, overlaps = [], []

    def host():
        with exclusive(postgres_url, "migrate"):
            if inside:
                overlaps.append(True)
            inside.append(True)
            threading.Event().wait(0.2)
            inside.pop()

    hosts = [threading.Thread(target=host) for _ in range(3)]
    for thread in hosts:
        thread.start()
    for thread in hosts:
        thread.join()
    assert overlaps == []


def test_doctor_names_what_would_go_wrong(monkeypatch):
    from click.testing import CliRunner

    from bot.cli import main

    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/nowhere")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    result = CliRunner().invoke(main, ["doctor", "--processes", "2"])
    assert result.exit_code == 1
    assert "SECRET_KEY is not set" in result.output and "2 processes" in result.output
    assert "sample catalogue for an empty catalogue: no" in result.output
