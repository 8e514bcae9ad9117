"""Migrations: the schema comes up on SQLite and PostgreSQL, and upgrading keeps what was recorded."""
import os
import uuid

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from bot.db import Database, alembic_config

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def test_upgrading_from_the_first_revision_keeps_the_record(tmp_path):
    url = f"sqlite:///{tmp_path}/upgrade.sqlite"
    command.upgrade(alembic_config(url), "0001_record")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO contacts (key, opted_out, created_at) VALUES ('k', 1, '2026-01-01')"))
        connection.execute(text("INSERT INTO conversations (id, contact_id, channel, status, crisis, started_at,"
                                " last_activity_at) VALUES ('c1', 1, 'sms', 'active', 0, '2026-01-01', '2026-01-01')"))
        connection.execute(text("INSERT INTO messages (conversation_id, direction, channel, body, status, created_at)"
                                " VALUES ('c1', 'inbound', 'sms', 'bonjour', 'received', '2026-01-01')"))
    Database(url).upgrade()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT body FROM messages")).scalar() == "bonjour"
        assert connection.execute(text("SELECT opted_out FROM contacts")).scalar() == 1
    assert "alembic_version" in inspect(engine).get_table_names()


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


def test_the_schema_comes_up_on_postgresql(postgres_url):
    database = Database(postgres_url)
    database.upgrade()
    tables = set(inspect(database.engine).get_table_names())
    assert {"contacts", "conversations", "messages", "events", "need_requests"} <= tables
    database.upgrade()  # a second run is a no-op
    database.engine.dispose()
