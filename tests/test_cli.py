"""The command line as a person uses it: a scripted chat, and a real server on a port."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.simulator import Phone


@pytest.fixture
def environment(tmp_path, redis_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/cli.sqlite")
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.setenv("PASSERELLE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("TWILIO_AUTH_TOKEN", raising=False)
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    monkeypatch.setenv("NIGHT_HOURS", "0-0")  # the same answers at any hour the tests run
    return tmp_path


def test_chat_runs_a_scripted_conversation_from_standard_input(environment):
    result = CliRunner().invoke(main, ["chat", "--from", "+15875552222"], input="bonjour j'ai faim\nEN\n")
    assert result.exit_code == 0, result.output
    replies = [block for block in result.output.split("you> ")[1:]]
    assert len(replies) == 2
    assert "Nourriture :" in replies[0] and "Répondez" in replies[0], replies[0]
    assert "banque alimentaire" in replies[0].lower(), "French service text for a French conversation"
    assert "Food:" in replies[1] and "Reply" in replies[1], replies[1]
    assert "segment" in result.output and "GSM-7" in result.output


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_signed_texts_over_http(environment):
    port = free_port()
    env = dict(os.environ)
    env.pop("REDIS_URL")  # the embedded Redis, as a new user gets it
    server = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        status, replies = Phone.remote(base, "+15875552223", "+15875550000").text("I need a ride to work")
        assert status == 200 and replies and "555-01" in replies[0].text
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert f"{base}/sms" in output, "serve says where to point a Twilio number"


def test_catalog_search_orders_by_the_person_and_says_why(environment):
    from bot.paths import catalog_dir

    runner = CliRunner()
    assert runner.invoke(main, ["catalog", "import", str(catalog_dir() / "sample")]).exit_code == 0
    result = runner.invoke(main, ["catalog", "search", "I'm 17 and got kicked out, need a bed", "--need", "shelter",
                                  "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found[0]["name"] == "Northstar Youth Shelter"
    assert "for ages 16-24 (age 17)" in found[0]["why"]
    assert all("Men's" not in service["name"] for service in found), "a 17-year-old can't use an 18+ shelter"


def test_catalog_search_at_night_puts_what_is_open_first(environment):
    from bot.paths import catalog_dir

    runner = CliRunner()
    runner.invoke(main, ["catalog", "import", str(catalog_dir() / "sample")])
    result = runner.invoke(main, ["catalog", "search", "somewhere to sleep", "--need", "shelter", "--json",
                                  "--at", "2026-11-25T22:30", "--open-first", "--limit", "4"])
    found = json.loads(result.output)
    assert all("open now, first at night" in service["why"] for service in found), found


def test_spool_status_and_replay_commands(environment):
    runner = CliRunner()
    result = runner.invoke(main, ["spool", "status"])
    assert result.exit_code == 0 and "waiting in Redis: 0; in the local file: 0; dead letters: 0" in result.output
    result = runner.invoke(main, ["spool", "replay"])
    assert result.exit_code == 0 and "replayed 0, dead letters 0, still waiting 0" in result.output
