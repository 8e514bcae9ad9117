"""Texts that arrive together: every one recorded exactly once and answered, through a real threaded server."""
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator
from werkzeug.serving import make_server

from bot.record import Contact, Conversation, Direction, Message
from bot.simulator import parse_twiml, sms_params
from tests.conftest import TEST_TOKEN

FIRST_TEXTS = ["hi, i need food", "for me and my 2 kids", "we have nothing left tonight"]


class Server:
    """The app served by werkzeug's threaded server on a free port, as `passerelle serve` runs it."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()

    def text(self, number: str, body: str, sid: str) -> tuple[int, list[str]]:
        params = sms_params(number, "+15875550000", body, sid)
        signature = RequestValidator(TEST_TOKEN).compute_signature(self.url, params)
        request = urllib.request.Request(self.url, data=urllib.parse.urlencode(params).encode(), method="POST",
                                         headers={"X-Twilio-Signature": signature})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, parse_twiml(response.read().decode())


def burst(server, numbers: int, start: int = 0):
    """Send two or three first texts at once from each of `numbers` new numbers; return every answer."""
    jobs = []
    for n in range(start, start + numbers):
        number = f"+1587{7000000 + n:07d}"
        for k in range(2 + n % 2):
            jobs.append((number, FIRST_TEXTS[k], f"SM{n:08d}{k:024d}"))
    with ThreadPoolExecutor(max_workers=24) as pool:
        answers = list(pool.map(lambda job: (job, *server.text(*job)), jobs))
    return jobs, answers


def check_every_text_recorded_once_and_answered(app, jobs, answers):
    for (number, body, _sid), status, messages in answers:
        assert status == 200 and messages, (number, body, status)
    database = app.extensions["passerelle.db"]
    with database.session() as session:
        inbound = session.execute(select(Message.external_id).where(Message.direction == Direction.INBOUND)).scalars()
        recorded = list(inbound)
        assert sorted(recorded) == sorted(sid for _, _, sid in jobs)
        numbers = {number for number, _, _ in jobs}
        assert session.execute(select(func.count()).select_from(Contact)).scalar() == len(numbers)
        # One person, one conversation, however many first texts came together.
        assert session.execute(select(func.count()).select_from(Conversation)).scalar() == len(numbers)


@pytest.mark.slow
def test_first_texts_in_pairs_and_triples_are_all_recorded_and_answered_on_sqlite(make_app):
    app = make_app()
    with Server(app) as server:
        jobs, answers = burst(server, 100)
    assert len(jobs) >= 250
    check_every_text_recorded_once_and_answered(app, jobs, answers)


@pytest.mark.slow
def test_first_texts_in_pairs_and_triples_are_all_recorded_and_answered_on_postgresql(make_app, postgres_url):
    app = make_app(DATABASE_URL=postgres_url)
    with Server(app) as server:
        jobs, answers = burst(server, 100)
    check_every_text_recorded_once_and_answered(app, jobs, answers)
    app.extensions["passerelle.db"].engine.dispose()


def test_a_retry_that_arrives_while_the_first_is_answered_gets_the_same_answer(make_app):
    app = make_app()
    sid = "SM" + "7" * 32
    with Server(app) as server, ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: server.text("+15877001234", "I need a food bank", sid), range(8)))
    bodies = {tuple(messages) for _, messages in answers}
    assert all(status == 200 for status, _ in answers)
    assert len(bodies) == 1 and next(iter(bodies)), "every copy gets the one real answer, never an empty one"
    with app.extensions["passerelle.db"].session() as session:
        assert session.execute(select(func.count()).select_from(Message).where(
            Message.direction == Direction.INBOUND)).scalar() == 1


def test_one_persons_texts_are_handled_in_arrival_order(make_app):
    app = make_app()
    with Server(app) as server, ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(server.text, "+15877005555", "I need a food bank", "SM" + "1" * 32)
        time.sleep(0.05)
        # "1" arrives while the first text is still being answered: it waits its turn, then picks from the list.
        second = pool.submit(server.text, "+15877005555", "1", "SM" + "2" * 32)
        assert "1)" in "\n".join(first.result()[1])
        assert "Phone:" in "\n".join(second.result()[1])


def check_a_returning_persons_texts_open_one_new_conversation_without_redis(app):
    # Redis down takes the per-person lock with it: the database alone must keep one person to one conversation,
    # for a new number and for a person back after the conversation expired (CONVERSATION_TTL) alike.
    with Server(app) as server:
        for n in range(30):
            assert server.text(f"+1587{7000000 + n:07d}", "hello", f"SM{n:08d}{9:024d}")[0] == 200
        time.sleep(7)  # past the 6-second conversation lifetime
        jobs, answers = burst(server, 30)
    assert all(status == 200 and messages for _, status, messages in answers)
    with app.extensions["passerelle.db"].session() as session:
        per_contact = Counter(session.execute(select(Conversation.contact_id)).scalars())
        assert len(per_contact) == 30
        assert set(per_contact.values()) == {2}, "the hello's conversation, then one new one for the texts together"


@pytest.mark.slow
def test_texts_together_make_one_conversation_with_redis_down_on_sqlite(make_app):
    check_a_returning_persons_texts_open_one_new_conversation_without_redis(
        make_app(REDIS_URL="redis://127.0.0.1:1/0", CONVERSATION_TTL=6))


@pytest.mark.slow
def test_texts_together_make_one_conversation_with_redis_down_on_postgresql(make_app, postgres_url):
    app = make_app(DATABASE_URL=postgres_url, REDIS_URL="redis://127.0.0.1:1/0", CONVERSATION_TTL=6)
    try:
        check_a_returning_persons_texts_open_one_new_conversation_without_redis(app)
    finally:
        app.extensions["passerelle.db"].engine.dispose()
