"""The console's rules, through its real pages: logins and CSRF, what a navigator may see and do, outbound texts
through the queue to a local fake Twilio API, delivery statuses, the 'still waiting' text, live events."""
import datetime as dt
import re
import threading
import time

import pytest
from click.testing import CliRunner
from rq import SimpleWorker
from sqlalchemy import select, update
from twilio.request_validator import RequestValidator

from bot.record import AuditEntry, Contact, Conversation, Message
from bot.simulator import Phone
from tests.conftest import TEST_TOKEN
from tests.test_sms_webhook import db, say

PASSWORD = "s3cret-Passw0rd"


@pytest.fixture
def console_app(make_app, fake_twilio):
    from bot.console.auth import add_navigator

    app = make_app(TWILIO_API_URL=fake_twilio.url, PUBLIC_URL="http://localhost")
    add_navigator(db(app), "nav@example.org", PASSWORD)
    add_navigator(db(app), "marc@example.org", PASSWORD)
    add_navigator(db(app), "coord@example.org", PASSWORD, coordinator=True)
    app.fake_twilio = fake_twilio
    return app


def csrf(client, path="/console/login") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)


def signed_in(app, email="nav@example.org"):
    client = app.test_client()
    response = client.post("/console/login", data={"email": email, "password": PASSWORD,
                                                   "csrf_token": csrf(client)})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return client


def waiting_conversation(app, number="+15875553001", consent="1") -> str:
    texter = Phone.in_process(number, "+15875550000", app)
    say(texter, "my power is getting cut off friday, I need help with the bill")
    say(texter, "AGENT")
    say(texter, consent)
    with db(app).session() as session:
        contact = session.execute(select(Contact).where(Contact.address == number)).scalar_one()
        return session.execute(select(Conversation.id).where(Conversation.contact_id == contact.id)).scalar_one()


def work(app):
    """Run the queued jobs as a worker would."""
    queue = app.extensions["passerelle.queue"]
    with app.app_context():
        SimpleWorker([queue], connection=queue.connection).work(burst=True)


CONSOLE_PAGES = ["/console/", "/console/queue", "/console/stuck", "/console/events", "/console/c/abc",
                 "/console/c/abc/transcript"]
CONSOLE_ACTIONS = ["/console/c/abc/claim", "/console/c/abc/reply", "/console/c/abc/refer", "/console/c/abc/note",
                   "/console/c/abc/hand-back", "/console/c/abc/close", "/console/c/abc/reassign",
                   "/console/language", "/console/logout"]


@pytest.mark.parametrize("path", CONSOLE_PAGES)
def test_every_console_page_sends_a_stranger_to_the_login_page(console_app, path):
    response = console_app.test_client().get(path)
    assert response.status_code == 302 and "/console/login" in response.headers["Location"]


@pytest.mark.parametrize("path", CONSOLE_ACTIONS)
def test_every_console_action_needs_a_login(console_app, path):
    client = console_app.test_client()
    response = client.post(path, data={"csrf_token": csrf(client)})
    assert response.status_code == 302 and "/console/login" in response.headers["Location"]


def test_a_form_posted_without_its_csrf_token_is_refused(console_app):
    client = console_app.test_client()
    response = client.post("/console/login", data={"email": "nav@example.org", "password": PASSWORD})
    assert response.status_code == 400
    conversation = waiting_conversation(console_app)
    client = signed_in(console_app)
    response = client.post(f"/console/c/{conversation}/reply", data={"text": "hello"})
    assert response.status_code == 400 and not console_app.fake_twilio.posts


def test_repeated_failed_logins_are_throttled(console_app):
    client = console_app.test_client()
    token = csrf(client)
    for _ in range(5):
        response = client.post("/console/login", data={"email": "nav@example.org", "password": "wrong-one-123",
                                                       "csrf_token": token})
        assert response.status_code == 401
    response = client.post("/console/login", data={"email": "nav@example.org", "password": PASSWORD,
                                                   "csrf_token": token})
    assert response.status_code == 429 and "Too many failed attempts" in response.get_data(as_text=True)


def test_navigator_add_from_the_command_line(make_app, tmp_path, monkeypatch):
    from bot.cli import main

    url = f"sqlite:///{tmp_path}/cli.sqlite"
    monkeypatch.setenv("DATABASE_URL", url)
    runner = CliRunner()
    result = runner.invoke(main, ["navigator", "add", "Lea@Example.org", "--coordinator", "--password-stdin"],
                           input=PASSWORD + "\n")
    assert result.exit_code == 0 and "added coordinator lea@example.org" in result.output
    short = runner.invoke(main, ["navigator", "add", "x@example.org", "--password-stdin"], input="short\n")
    assert short.exit_code != 0 and "at least 10 characters" in short.output
    app = make_app(DATABASE_URL=url)
    client = signed_in(app, "lea@example.org")
    assert client.get("/console/stuck").status_code == 200, "a coordinator sees who is stuck"


def test_a_reply_goes_through_the_queue_to_twilio_and_its_delivery_is_shown(console_app):
    conversation = waiting_conversation(console_app)
    client = signed_in(console_app)
    client.post(f"/console/c/{conversation}/claim", data={"csrf_token": csrf(client, "/console/")})
    response = client.post(f"/console/c/{conversation}/reply",
                           data={"text": "Hi, this is Nadia. I can help with the power bill.",
                                 "csrf_token": csrf(client, "/console/")})
    assert response.status_code == 302
    assert not console_app.fake_twilio.posts, "sent by a worker, not by the web request"
    work(console_app)
    post = console_app.fake_twilio.posts[-1]
    assert post["To"] == "+15875553001" and "Nadia" in post["Body"]
    assert post["StatusCallback"] == "http://localhost/sms/status"
    with db(console_app).session() as session:
        sid = session.execute(select(Message.external_id).where(Message.author_id.is_not(None))).scalar_one()
    params = {"MessageSid": sid, "MessageStatus": "delivered", "AccountSid": "AC" + "0" * 32}
    url = "http://localhost/sms/status"
    signature = RequestValidator(TEST_TOKEN).compute_signature(url, params)
    assert console_app.test_client().post("/sms/status", data=params).status_code == 403, "unsigned: refused"
    assert console_app.test_client().post("/sms/status", data=params,
                                          headers={"X-Twilio-Signature": signature}).status_code == 200
    transcript = client.get(f"/console/c/{conversation}/transcript").get_data(as_text=True)
    assert "delivered" in transcript and "Nadia" in transcript


def test_twilio_saying_21610_marks_the_person_opted_out(console_app):
    conversation = waiting_conversation(console_app, "+15875553002")
    client = signed_in(console_app)
    client.post(f"/console/c/{conversation}/reply", data={"text": "Hello", "csrf_token": csrf(client, "/console/")})
    work(console_app)
    with db(console_app).session() as session:
        sid = session.execute(select(Message.external_id).where(Message.author_id.is_not(None))).scalar_one()
    params = {"MessageSid": sid, "MessageStatus": "failed", "ErrorCode": "21610"}
    signature = RequestValidator(TEST_TOKEN).compute_signature("http://localhost/sms/status", params)
    console_app.test_client().post("/sms/status", data=params, headers={"X-Twilio-Signature": signature})
    with db(console_app).session() as session:
        assert session.execute(select(Contact.opted_out).where(Contact.address == "+15875553002")).scalar()
    page = client.get(f"/console/c/{conversation}").get_data(as_text=True)
    assert "texted STOP" in page


def test_a_navigator_cannot_take_a_conversation_another_holds_but_a_coordinator_can_reassign_it(console_app):
    conversation = waiting_conversation(console_app)
    nadia, marc, coordinator = (signed_in(console_app, e) for e in
                                ("nav@example.org", "marc@example.org", "coord@example.org"))
    nadia.post(f"/console/c/{conversation}/claim", data={"csrf_token": csrf(nadia, "/console/")})
    page = marc.post(f"/console/c/{conversation}/claim", data={"csrf_token": csrf(marc, "/console/")},
                     follow_redirects=True).get_data(as_text=True)
    assert "Another navigator holds this conversation" in page
    assert marc.post(f"/console/c/{conversation}/reassign",
                     data={"navigator": "2", "csrf_token": csrf(marc, "/console/")}).status_code == 403
    with db(console_app).session() as session:
        marc_id = session.execute(select(AuditEntry.navigator_id).where(AuditEntry.action == "login")
                                  .order_by(AuditEntry.id)).scalars().all()[1]
    coordinator.post(f"/console/c/{conversation}/reassign",
                     data={"navigator": str(marc_id), "csrf_token": csrf(coordinator, "/console/")})
    with db(console_app).session() as session:
        held = session.get(Conversation, conversation)
        assert held.held_by_id == marc_id and held.mode == "navigator"
        actions = set(session.execute(select(AuditEntry.action)).scalars())
    assert {"login", "claim", "reassign"} <= actions, "the audit log says who did what"


def test_held_by_a_navigator_the_bot_is_silent_but_danger_still_gets_the_numbers(console_app):
    conversation = waiting_conversation(console_app, "+15875553003")
    client = signed_in(console_app)
    client.post(f"/console/c/{conversation}/claim", data={"csrf_token": csrf(client, "/console/")})
    texter = Phone.in_process("+15875553003", "+15875550000", console_app)
    assert say(texter, "ok thanks, friday is the cut off date") == []
    crisis = "\n".join(say(texter, "i want to end my life"))
    assert "9-8-8" in crisis and "911" in crisis
    with db(console_app).session() as session:
        held = session.get(Conversation, conversation)
        assert held.mode == "navigator" and held.priority == 2
    assert say(texter, "stop") and say(texter, "hello?") == [], "STOP works while held"


def test_without_consent_the_words_before_the_handoff_are_not_shown(console_app):
    conversation = waiting_conversation(console_app, "+15875553004", consent="2")
    client = signed_in(console_app)
    page = client.get(f"/console/c/{conversation}").get_data(as_text=True)
    assert "power is getting cut off" not in page and "not shared by the person" in page
    assert "Utilities" in page or "bill" in page.lower()
    Phone.in_process("+15875553004", "+15875550000", console_app).text("are you there?")
    assert "are you there?" in client.get(f"/console/c/{conversation}/transcript").get_data(as_text=True)


def test_a_referral_is_the_service_as_the_person_gets_it_in_their_language(console_app):
    conversation = waiting_conversation(console_app, "+15875553005")
    with db(console_app).session() as session:
        session.get(Conversation, conversation).language = "fr"
    client = signed_in(console_app)
    page = client.get(f"/console/c/{conversation}").get_data(as_text=True)
    service = re.search(r'name="service" value="([^"]+)"', page).group(1)
    assert "SMS segments: " in page
    client.post(f"/console/c/{conversation}/refer", data={"service": service, "csrf_token": csrf(client, "/console/")})
    work(console_app)
    body = console_app.fake_twilio.posts[-1]["Body"]
    assert "Téléphone" in body or "Tél" in body or "Adresse" in body, body


def test_one_still_waiting_text_when_nobody_claims_in_time(console_app):
    conversation = waiting_conversation(console_app, "+15875553006")
    desk = console_app.extensions["passerelle.desk"]
    assert desk.remind_waiting() == 0, "not yet: the wait is short"
    with db(console_app).session() as session:
        session.execute(update(Conversation).where(Conversation.id == conversation)
                        .values(waiting_since=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=11)))
    assert desk.remind_waiting() == 1
    assert desk.remind_waiting() == 0, "never twice"
    work(console_app)
    assert "still in line" in console_app.fake_twilio.posts[-1]["Body"]
    client = signed_in(console_app, "coord@example.org")
    assert 'data-testid="overdue"' in client.get("/console/").get_data(as_text=True)
    assert "Waiting too long" in client.get("/console/stuck").get_data(as_text=True)


def test_live_events_say_which_conversation_and_when_the_queue_changed(console_app):
    from bot.console.live import events

    client = console_app.extensions["passerelle.redis"]
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(events(client, keepalive=0.2, lifetime=3)))
    reader.start()
    time.sleep(0.5)
    conversation = waiting_conversation(console_app, "+15875553007")
    reader.join()
    text = "".join(lines)
    assert f"event: conv-{conversation}" in text and "event: queue" in text
    assert "+1587" not in text and "power" not in text, "no numbers or words in the live stream"


def test_the_try_page_texts_the_real_webhook(make_app):
    app = make_app(TWILIO_DEV_TOKEN=True)
    client = app.test_client()
    token = csrf(client, "/try/")
    screen = client.post("/try/send", data={"text": "I need a food bank", "csrf_token": token}).get_data(as_text=True)
    assert "Food" in screen and "SMS segments" in screen
    production = make_app().test_client()
    assert production.get("/try/").status_code == 403, "with a real Twilio token, only navigators may use it"


def test_the_console_speaks_the_navigators_language(console_app):
    client = signed_in(console_app)
    client.post("/console/language", data={"language": "fr", "csrf_token": csrf(client, "/console/")})
    page = client.get("/console/").get_data(as_text=True)
    assert "File d'attente" in page and 'lang="fr"' in page
    assert "<h1>Queue</h1>" not in page


def test_the_summary_keeps_the_real_need_first_and_referrals_fit_the_segment_budget(console_app):
    texter = Phone.in_process("+15875553008", "+15875550000", console_app)
    say(texter, "hi, my kids and I got evicted today, nowhere to sleep tonight")
    say(texter, "actually can I talk to a person")
    say(texter, "1")
    with db(console_app).session() as session:
        conversation = session.execute(select(Conversation)).scalars().all()[-1]
        summary = console_app.extensions["passerelle.desk"].summary(conversation, session)
    assert summary.needs[0]["category"] == "shelter", summary.needs
    assert "evicted" in " ".join(summary.needs[0].get("evidence", [])) or summary.needs[0].get("evidence")
    page = signed_in(console_app).get(f"/console/c/{conversation.id}").get_data(as_text=True)
    counts = [int(n) for n in re.findall(r"SMS segments: (\d+)", page)]
    assert counts and max(counts) <= 3, counts


def test_a_console_on_another_web_process_hears_the_same_live_events(make_app, tmp_path):
    from bot.console.live import events

    first = make_app()
    second = make_app()  # another process's app: its own Redis connection, the same Redis and database
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(
        events(second.extensions["passerelle.redis"], keepalive=0.2, lifetime=3)))
    reader.start()
    time.sleep(0.5)
    conversation = waiting_conversation(first, "+15875553009")
    reader.join()
    assert f"event: conv-{conversation}" in "".join(lines) and "event: queue" in "".join(lines)
