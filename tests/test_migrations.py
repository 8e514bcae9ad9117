"""Migrations: the schema comes up on SQLite and PostgreSQL, and upgrading keeps what was recorded."""
from alembic import command
from sqlalchemy import create_engine, inspect, text

from bot.db import Database, alembic_config


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


def test_the_schema_comes_up_on_postgresql(postgres_url):
    database = Database(postgres_url)
    database.upgrade()
    tables = set(inspect(database.engine).get_table_names())
    assert {"contacts", "conversations", "messages", "events", "need_requests"} <= tables
    database.upgrade()  # a second run is a no-op
    database.engine.dispose()


def test_a_conversation_on_postgresql(make_app, postgres_url):
    from sqlalchemy import func, select

    from bot.record import Message
    from bot.simulator import Phone

    app = make_app(DATABASE_URL=postgres_url)
    texter = Phone.in_process("+15875556000", "+15875550000", app)
    status, replies = texter.text("j'ai besoin d'un lift pour aller travailler")
    assert status == 200 and "555-01" in replies[0].text
    status, again = texter.text("1")
    assert status == 200 and again
    database = app.extensions["passerelle.db"]
    with database.session() as session:
        assert session.execute(select(func.count()).select_from(Message)).scalar() == 4
    database.engine.dispose()
