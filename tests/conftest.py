"""Shared fixtures: a real Redis (dedicated database, flushed), an app, a client, signed Twilio requests."""
import os
import uuid

import pytest
import redis as redis_lib
from sqlalchemy import create_engine, text

#: Database number the tests own on the shared Redis; flushed before and after each test.
TEST_REDIS_DB = 15
#: PostgreSQL server the tests make throwaway databases on (trust auth).
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _redis_url() -> str:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379"
    base = url.rsplit("/", 1)[0] if url.count("/") > 2 else url
    return f"{base}/{TEST_REDIS_DB}"


@pytest.fixture
def redis_url():
    """Yield the URL of a real, empty Redis database; skip without Redis unless CI=true."""
    url = _redis_url()
    client = redis_lib.Redis.from_url(url)
    try:
        client.ping()
    except redis_lib.exceptions.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is required under CI and is not reachable at {url}")
        pytest.skip(f"no Redis at {url}")
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def redis(redis_url):
    """Yield a client of the real, flushed test Redis."""
    client = redis_lib.Redis.from_url(redis_url)
    yield client
    client.close()


#: Auth token the tests' app checks signatures against.
TEST_TOKEN = "test-auth-token-0123456789abcdef"


@pytest.fixture
def make_app(tmp_path, redis_url):
    """Return a factory of apps on a fresh SQLite file and the real test Redis, with settings overridden."""
    from bot import create_app

    def factory(**overrides):
        config = {
            "DATABASE_URL": f"sqlite:///{tmp_path}/passerelle.sqlite",
            "REDIS_URL": redis_url,
            "TWILIO_AUTH_TOKEN": TEST_TOKEN,
            "TWILIO_DEV_TOKEN": False,
            "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
            "SECRET_KEY": "test-secret-key",
            "PUBLIC_URL": "",
            "PASSERELLE_HOME": str(tmp_path / "home"),
            # Tests run at any hour: no night hours unless a test asks (night-time answers have their own tests).
            "NIGHT_HOURS": "0-0",
            # ...and navigators at work at any hour, unless a test asks.
            "NAVIGATOR_HOURS": "0-24",
        }
        config.update(overrides)
        app = create_app(config)
        app.testing = True
        return app

    return factory


@pytest.fixture
def app(make_app):
    """Return an app with the sample catalogue, on the real test Redis and a fresh SQLite file."""
    return make_app()


@pytest.fixture
def client(app):
    """Return a test client of the app."""
    return app.test_client()


@pytest.fixture
def phone(app):
    """Return a factory of simulated basic phones that text the app through the signed webhook."""
    from bot.simulator import Phone

    def factory(number="+15875551234"):
        return Phone.in_process(number, "+15875550000", app)

    return factory


def hsds_catalog(folder, services: list[dict], source: str):
    """Import HSDS 3.0 service objects into a fresh SQLite file in `folder`; return (catalogue, database)."""
    import json

    from bot.catalog import Catalog, import_path
    from bot.db import Database

    (folder / "services.json").write_text(json.dumps(services), encoding="utf-8")
    database = Database(f"sqlite:///{folder / 'catalog.sqlite'}")
    database.upgrade()
    import_path(database, folder / "services.json", source=source)
    return Catalog.load(database, "America/Edmonton"), database


@pytest.fixture(scope="session")
def sample_catalog(tmp_path_factory):
    """Return the sample catalogue, imported once into its own SQLite file and loaded for the engine."""
    from bot.catalog import Catalog, ensure_sample
    from bot.db import Database

    database = Database(f"sqlite:///{tmp_path_factory.mktemp('sample')}/catalog.sqlite")
    database.upgrade()
    ensure_sample(database)
    return Catalog.load(database)


@pytest.fixture
def fake_twilio():
    """Run a local stand-in for Twilio's REST API; yield it (its .url, .posts and .fail_with)."""
    from tests.fake_twilio import FakeTwilio

    server = FakeTwilio()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def postgres_url():
    """Yield the URL of a fresh PostgreSQL database, dropped afterwards; skip without PostgreSQL unless CI=true."""
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = "passerelle_test_" + uuid.uuid4().hex[:8]
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI: {error}")
        pytest.skip(f"no PostgreSQL: {error}")
    yield POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
