"""Outages: texts that arrive while the database (and Redis) are down are kept, then replayed as real turns."""
import json
import shutil
import socket
import subprocess
import time

import pytest
from sqlalchemy import select

from bot.record import Contact, Direction, Message
from bot.simulator import Phone
from bot.spool import DEAD_KEY, SPOOL_KEY


def database_of(app):
    return app.extensions["passerelle.db"]


def break_database(app):
    with database_of(app).engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE messages RENAME TO messages_gone")


def repair_database(app):
    with database_of(app).engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE messages_gone RENAME TO messages")


def inbound_bodies(app):
    with database_of(app).session() as session:
        return sorted(session.execute(select(Message.body).where(Message.direction == Direction.INBOUND)).scalars())


def wait_for(condition, seconds=10.0):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_after_an_outage_texts_are_replayed_as_real_turns_and_answered(make_app, fake_twilio):
    app = make_app(TWILIO_API_URL=fake_twilio.url, REDIS_URL="")
    Phone.in_process("+15875558001", "+15875550000", app).text("hello")  # both contacts exist before
    Phone.in_process("+15875558002", "+15875550000", app).text("bonjour")
    break_database(app)
    status, replies = Phone.in_process("+15875558001", "+15875550000", app).text("I need a food bank")
    assert status == 200 and "911" in replies[0].text, "an apology with the numbers, never a 5xx"
    Phone.in_process("+15875558002", "+15875550000", app).text("ARRÊT")
    repair_database(app)
    # The next text that goes through replays what waited, in the background.
    Phone.in_process("+15875558003", "+15875550000", app).text("hi")
    assert wait_for(lambda: "ARRÊT" in inbound_bodies(app) and "I need a food bank" in inbound_bodies(app))
    with database_of(app).session() as session:
        stopped = session.execute(select(Contact.opted_out).where(Contact.opted_out.is_(True))).all()
    assert len(stopped) == 1, "the opt-out sent during the outage took effect"
    assert wait_for(lambda: any(post["To"] == "+15875558001" and "Food" in post["Body"]
                                for post in fake_twilio.posts)), "the real answer, late, by the REST API"
    assert not any(post["To"] == "+15875558002" and "1)" in post["Body"] for post in fake_twilio.posts)


def test_a_spooled_text_that_cannot_be_stored_becomes_a_dead_letter_and_blocks_nothing(make_app):
    from bot.channels.sms import render

    app = make_app()
    redis = app.extensions["passerelle.redis"]
    good = {"channel": "sms", "address": "+15875558010", "external_id": "SM" + "8" * 32,
            "text": "need a bus pass", "at": "2026-11-25T17:00:00+00:00"}
    redis.rpush(SPOOL_KEY, json.dumps({"channel": "sms", "address": "+15875558011"}))  # no text, no date
    redis.rpush(SPOOL_KEY, json.dumps(good))
    with app.app_context():
        counts = app.extensions["passerelle.conversations"].replay_spool(render)
    assert counts == {"replayed": 1, "dead": 1, "waiting": 0}
    assert inbound_bodies(app) == ["need a bus pass"]
    dead = json.loads(redis.lrange(DEAD_KEY, 0, -1)[0])
    assert dead["reason"] == "KeyError"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def own_redis(tmp_path):
    """A throwaway redis-server this test may stop and start again."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("no redis-server to start")
    port = free_port()

    def start():
        process = subprocess.Popen([binary, "--port", str(port), "--save", "", "--appendonly", "no",
                                    "--bind", "127.0.0.1"], stdout=subprocess.DEVNULL, cwd=tmp_path)
        assert wait_for(lambda: listening(port), 5)
        return process

    servers = [start()]
    yield f"redis://127.0.0.1:{port}/0", servers, start
    for process in servers:
        process.terminate()
        process.wait(timeout=5)


def test_with_the_database_and_redis_both_down_texts_wait_on_disk(make_app, own_redis, tmp_path):
    url, servers, start = own_redis
    app = make_app(REDIS_URL=url)
    break_database(app)
    servers[0].terminate()
    servers[0].wait(timeout=5)
    for k in range(3):
        status, replies = Phone.in_process(f"+158755581{k:02d}", "+15875550000", app).text(f"need food {k}")
        assert status == 200 and replies, "an apology, never a 5xx"
    spooled = (tmp_path / "home" / "spool.jsonl").read_text().splitlines()
    assert len(spooled) == 3
    servers.append(start())
    repair_database(app)
    store = app.extensions["passerelle.store"]
    store._down_until = 0  # Redis is back: no need to wait out the back-off in a test
    from bot.channels.sms import render

    with app.app_context():
        counts = app.extensions["passerelle.conversations"].replay_spool(render)
    assert counts["replayed"] == 3
    assert inbound_bodies(app) == ["need food 0", "need food 1", "need food 2"]
    assert not (tmp_path / "home" / "spool.jsonl").exists()
