"""The SMS webhook end to end: signed requests, both languages, keywords, retries, bad input, the record."""
import logging
import time

import pytest
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator

from bot.channels.sms import CRISIS_MAX_SEGMENTS
from bot.record import Contact, Conversation, Direction, Event, Message, NeedRequest
from bot.simulator import parse_twiml, sms_params
from tests.conftest import TEST_TOKEN

FRENCH_WORDS = {"le", "la", "les", "des", "de", "pour", "vous", "votre", "est", "avec", "répondez", "repondez",
                "ou", "et", "bonjour", "aujourd'hui", "besoin", "une", "un", "à", "ouvert", "ouvre"}
ENGLISH_WORDS = {"the", "for", "you", "your", "is", "are", "with", "reply", "or", "and", "to", "need", "open",
                 "opens", "hello", "today", "help", "a", "what"}


def language_of(text: str) -> str:
    words = text.lower().replace(",", " ").replace(".", " ").replace(":", " ").split()
    fr = sum(w in FRENCH_WORDS for w in words)
    en = sum(w in ENGLISH_WORDS for w in words)
    return "fr" if fr > en else "en" if en > fr else "?"


def say(phone, text, sid=None):
    """Text the app; check the reply is answered 200 and every message fits 3 segments; return the texts.

    A crisis reply keeps its accents and may take up to six segments rather than be cut.
    """
    status, replies = phone.text(text, sid=sid)
    assert status == 200
    for reply in replies:
        budget = CRISIS_MAX_SEGMENTS if reply.segments.encoding == "UCS-2" and "911" in reply.text else 3
        assert reply.segments.count <= budget, f"{reply.segments.count} segments: {reply.text!r}"
    return [r.text for r in replies]


def db(app):
    return app.extensions["passerelle.db"]


def post_signed(client, params, url="http://localhost/sms", token=TEST_TOKEN):
    signature = RequestValidator(token).compute_signature(url, params)
    return client.post("/sms", data=params, headers={"X-Twilio-Signature": signature})


# -- signatures --------------------------------------------------------------------------------------


def test_unsigned_request_is_refused(client):
    response = client.post("/sms", data=sms_params("+15875551001", "+15875550000", "Bonjour"))
    assert response.status_code == 403


def test_wrongly_signed_request_is_refused(client):
    response = post_signed(client, sms_params("+15875551001", "+15875550000", "Bonjour"), token="wrong-token")
    assert response.status_code == 403


def test_signature_over_other_params_is_refused(client):
    params = sms_params("+15875551001", "+15875550000", "Bonjour")
    signature = RequestValidator(TEST_TOKEN).compute_signature("http://localhost/sms", params)
    tampered = dict(params, Body="STOP")
    response = client.post("/sms", data=tampered, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 403


def test_public_url_is_the_url_checked(make_app):
    app = make_app(PUBLIC_URL="https://helpline.example.org")
    client = app.test_client()
    params = sms_params("+15875551001", "+15875550000", "Bonjour")
    assert post_signed(client, params).status_code == 403
    params = sms_params("+15875551001", "+15875550000", "Bonjour")
    assert post_signed(client, params, url="https://helpline.example.org/sms").status_code == 200


def test_without_a_token_the_app_makes_a_dev_token_and_its_simulator_signs_with_it(make_app, tmp_path):
    from bot.simulator import Phone

    app = make_app(TWILIO_AUTH_TOKEN="", TWILIO_DEV_TOKEN=True)
    token = app.config["TWILIO_AUTH_TOKEN"]
    assert token and token != TEST_TOKEN
    assert (tmp_path / "home" / "dev-twilio-token").read_text().strip() == token
    status, replies = Phone.in_process("+15875551009", "+15875550000", app).text("hello")
    assert status == 200 and replies
    assert post_signed(app.test_client(), sms_params("+1587555100", "+1", "hi")).status_code == 403


# -- conversations in both languages ----------------------------------------------------------------


def test_french_first_message_gets_french_services(phone):
    replies = say(phone(), "Bonjour, mon auto est brisée et j'ai besoin d'un lift pour aller travailler")
    text = "\n".join(replies)
    assert language_of(text) == "fr", text
    assert "1)" in text and "555-01" in text, text


def test_english_first_message_gets_english_services(phone):
    replies = say(phone(), "Hi, I need food for my kids, the fridge is empty")
    text = "\n".join(replies)
    assert language_of(text) == "en", text
    assert "1)" in text and "555-01" in text, text


def test_a_greeting_is_answered_with_a_question_in_its_language(phone):
    assert language_of(say(phone("+15875551010"), "Bonjour")[0]) == "fr"
    assert language_of(say(phone("+15875551011"), "hello")[0]) == "en"


def test_details_and_more_options(phone):
    texter = phone()
    first = "\n".join(say(texter, "I need a food bank"))
    assert "MORE" in first
    details = "\n".join(say(texter, "1"))
    first_name = first.split("1) ", 1)[1].split(":")[0].split(".")[0]
    assert details.startswith(first_name[:20]), (first_name, details)
    assert "555-01" in details
    more = "\n".join(say(texter, "MORE"))
    assert "1)" in more and more.split("1) ", 1)[1][:25] != first.split("1) ", 1)[1][:25]


def test_switching_language_mid_conversation(phone):
    texter = phone()
    english = "\n".join(say(texter, "I need a place to sleep tonight"))
    assert language_of(english) == "en"
    french = "\n".join(say(texter, "FR"))
    assert language_of(french) == "fr", french
    assert "1)" in french, "the list is sent again in French"
    back = "\n".join(say(texter, "english"))
    assert language_of(back) == "en", back


def test_language_words_are_accent_and_case_insensitive(phone):
    texter = phone()
    say(texter, "hello")
    assert language_of("\n".join(say(texter, "Français"))) == "fr"
    assert language_of("\n".join(say(texter, "francais"))) == "fr"


def test_the_chosen_language_is_remembered(phone):
    texter = phone()
    say(texter, "FR")
    later = "\n".join(say(texter, "need food"))
    assert language_of(later) == "fr", "an English word doesn't undo a chosen language"


def test_help_answers_and_keeps_the_question_waiting(phone):
    texter = phone()
    say(texter, "I need a food bank")
    help_text = "\n".join(say(texter, "HELP"))
    assert "9-8-8" in help_text and "911" in help_text
    details = "\n".join(say(texter, "1"))
    assert "555-01" in details, "after HELP, 1 still picks from the list"


def test_aide_in_french(phone):
    text = "\n".join(say(phone(), "aide"))
    assert "9-8-8" in text and "911" in text


def test_agent_asks_about_sharing_then_says_what_happens_next(phone, app):
    texter = phone()
    say(texter, "Bonjour")
    text = "\n".join(say(texter, "humain"))
    assert "partager" in text and "1 Oui ou 2 Non" in text, text
    text = "\n".join(say(texter, "1"))
    assert "de ce numéro" in text and "minutes" in text and app.config["NAVIGATOR_PHONE"] in text, text
    assert "911" in text and "9-8-8" in text
    with db(app).session() as session:
        conversation = session.execute(select(Conversation)).scalar_one()
        assert (conversation.mode, conversation.consent, conversation.handoff_reason) == ("waiting", "yes", "asked")


def test_menu_starts_over(phone):
    texter = phone()
    say(texter, "I need a food bank")
    text = "\n".join(say(texter, "menu"))
    assert "what do you need" in text.lower()


def test_crisis_gets_crisis_numbers_at_once(phone, app):
    text = "\n".join(say(phone(), "i want to kill myself"))
    assert "9-8-8" in text and "911" in text
    with db(app).session() as session:
        conversation = session.execute(select(Conversation)).scalar_one()
        assert conversation.crisis and conversation.mode == "waiting" and conversation.priority == 2
        kinds = set(session.execute(select(Event.type)).scalars())
        assert {"crisis_detected", "handoff_requested"} <= kinds


# -- opting out --------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["STOP", "stop", "Arrêt", "ARRET", "unsubscribe", "Cancel", "quit", "STOPALL"])
def test_stop_words_confirm_once_then_silence(phone, app, word):
    texter = phone()
    say(texter, "hello")
    confirmation = say(texter, word)
    assert len(confirmation) == 1 and "START" in confirmation[0]
    assert say(texter, "hello, i need help") == []
    # HELP still gets one answer: the numbers and how to come back (README, Reliability), never the services.
    assert "START" in "\n".join(say(texter, "HELP"))
    with db(app).session() as session:
        assert session.execute(select(Contact.opted_out)).scalar() is True


def test_start_resumes(phone):
    texter = phone()
    say(texter, "STOP")
    assert say(texter, "need food") == []
    assert say(texter, "START")
    assert say(texter, "need food")


def test_opt_out_outlives_the_conversation_state(phone, app):
    texter = phone()
    say(texter, "STOP")
    app.extensions["passerelle.redis"].flushdb()
    assert say(texter, "hello") == [], "the durable record keeps the opt-out when Redis forgets"


def test_twilio_21610_on_a_send_marks_the_number_opted_out(make_app, fake_twilio):
    from bot import outbound
    from bot.errors import OptedOutError

    app = make_app(TWILIO_API_URL=fake_twilio.url)
    texter = "+15875551777"
    status, _ = __import__("bot.simulator", fromlist=["Phone"]).Phone.in_process(texter, "+1", app).text("hello")
    assert status == 200
    with db(app).session() as session:
        conversation_id = session.execute(select(Conversation.id)).scalar()
    sid = outbound.send_sms(app.config, db(app), conversation_id, texter, "Are you still looking for food?")
    assert sid.startswith("SM") and fake_twilio.posts[-1]["To"] == texter
    fake_twilio.fail_with[texter] = (400, 21610)
    with pytest.raises(OptedOutError):
        outbound.send_sms(app.config, db(app), conversation_id, texter, "Another message")
    with db(app).session() as session:
        assert session.execute(select(Contact.opted_out)).scalar() is True
    posts = len(fake_twilio.posts)
    with pytest.raises(OptedOutError):
        outbound.send_sms(app.config, db(app), conversation_id, texter, "And another")
    assert len(fake_twilio.posts) == posts, "nothing more is even tried once a number opted out"


# -- retries and the record -------------------------------------------------------------------------


def test_a_retried_message_sid_gets_the_same_answer_once(phone, app):
    texter = phone()
    first = say(texter, "I need a food bank", sid="SM" + "a" * 32)
    again = say(texter, "I need a food bank", sid="SM" + "a" * 32)
    assert first == again and first
    with db(app).session() as session:
        inbound = session.execute(select(func.count()).select_from(Message).where(
            Message.direction == "inbound")).scalar()
        searches = session.execute(select(func.count()).select_from(NeedRequest)).scalar()
    assert inbound == 1 and searches == 1
    state = app.extensions["passerelle.store"]
    assert len(state.client.keys("passerelle:state:*")) == 1


def test_every_message_is_recorded_with_its_conversation(phone, app):
    texter = phone()
    say(texter, "Bonjour")
    say(texter, "j'ai faim")
    with db(app).session() as session:
        messages = session.execute(select(Message).order_by(Message.id)).scalars().all()
        assert [m.direction for m in messages] == ["inbound", "outbound", "inbound", "outbound"]
        assert len({m.conversation_id for m in messages}) == 1
        assert messages[0].body == "Bonjour" and messages[1].segments and messages[1].encoding == "GSM-7"


def test_with_redis_down_texts_are_recorded_and_answered(make_app):
    from bot.simulator import Phone

    app = make_app(REDIS_URL="redis://127.0.0.1:1/0")
    texter = Phone.in_process("+15875551888", "+1", app)
    started = time.monotonic()
    replies = "\n".join(say(texter, "need a food bank"))
    assert "555-01" in replies, "a real answer, not only an apology"
    assert say(texter, "hello again")
    assert time.monotonic() - started < 3
    with db(app).session() as session:
        bodies = session.execute(select(Message.body).where(Message.direction == "inbound")).scalars().all()
    assert bodies == ["need a food bank", "hello again"]


def test_a_returning_texter_is_asked_to_continue_or_start_over(make_app):
    from bot.simulator import Phone

    app = make_app(RESUME_PROMPT_AFTER=1)
    texter = Phone.in_process("+15875551999", "+1", app)
    say(texter, "I need a food bank")
    time.sleep(1.2)
    question = "\n".join(say(texter, "1"))
    assert "continue" in question.lower() and "start over" in question.lower()
    details = "\n".join(say(texter, "1"))
    assert "555-01" in details, "continuing uses the message they had sent"


def test_after_the_inactivity_period_a_new_conversation_starts(make_app):
    from bot.simulator import Phone

    app = make_app(CONVERSATION_TTL=1)
    texter = Phone.in_process("+15875551998", "+1", app)
    say(texter, "I need a food bank")
    time.sleep(1.3)
    say(texter, "hello")
    with db(app).session() as session:
        assert session.execute(select(func.count()).select_from(Conversation)).scalar() == 2


# -- bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", ["", "   ", "a" * 1700, "🏠🚌❓", "\x00\x1b[31mhi", "أحتاج مساعدة", "1" * 50,
                                  "ЖЖЖ", "<Response>&amp;</Response>", "%s %d {need}"])
def test_bad_input_gets_a_helpful_200(phone, body):
    replies = say(phone(), body)
    assert replies and all(r.strip() for r in replies)


def test_a_request_without_from_gets_a_4xx(client):
    params = sms_params("+15875551001", "+15875550000", "hi")
    params.pop("From")
    assert post_signed(client, params).status_code == 400


def test_logs_hold_no_message_body_or_full_number(phone, caplog):
    caplog.set_level(logging.DEBUG)
    say(phone("+15875556789"), "my secret words about my landlord")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "secret words" not in logged and "5875556789" not in logged


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json()["redis"] == "ok"


def test_twiml_is_well_formed(client):
    response = post_signed(client, sms_params("+15875551001", "+15875550000", "hello"))
    assert response.mimetype == "application/xml"
    assert parse_twiml(response.get_data(as_text=True))


# -- finding the need ----------------------------------------------------------------------------------


def test_when_unsure_one_numbered_question_then_the_chosen_need(phone):
    texter = phone()
    question = "\n".join(say(texter, "I need help with rent and food"))
    assert "1 " in question and "2 " in question and "3 something else" in question, question
    chosen = "\n".join(say(texter, "2"))
    assert chosen.startswith("Food:"), chosen


def test_the_clarifying_question_in_french(phone):
    question = "\n".join(say(phone(), "jai besoin daide pour mon loyer et mon epicerie"))
    assert question.startswith("C'est surtout pour") and "autre chose" in question, question


def test_never_more_than_two_questions_before_offering_a_person(phone, app):
    texter = phone()
    say(texter, "I need help")
    say(texter, "hmm")
    third = "\n".join(say(texter, "dunno"))
    assert third.startswith("A person may help better.") and "1 Yes or 2 No" in third, third


def test_a_crisis_in_french_gets_french_crisis_numbers(phone):
    text = "\n".join(say(phone(), "j'ai envie de me tuer"))
    assert "9-8-8" in text and "911" in text and language_of(text) == "fr", text


def test_a_crisis_mid_conversation_is_answered_at_once(phone):
    texter = phone()
    say(texter, "I need a food bank")
    text = "\n".join(say(texter, "actually i took all my pills"))
    assert "911" in text and "9-8-8" in text, text


def test_an_unmet_need_is_recorded_without_the_person(make_app):
    from bot.simulator import Phone

    app = make_app(CATALOG_SAMPLE=False)
    texter = Phone.in_process("+15875553333", "+1", app)
    reply = "\n".join(say(texter, "I need winter boots"))
    assert "navigator can look with you" in reply, "no service: a person is offered instead"
    with db(app).session() as session:
        gap = session.execute(select(NeedRequest)).scalar_one()
        assert (gap.category, gap.language, gap.matched) == ("clothing", "en", False)
        assert not hasattr(gap, "conversation_id") and not hasattr(gap, "contact_id")


def test_thanks_is_answered_kindly_and_the_list_stays_open(phone):
    texter = phone()
    say(texter, "j'ai besoin d'une banque alimentaire")
    thanks = "\n".join(say(texter, "merci beaucoup"))
    assert "MENU" in thanks and language_of(thanks) == "fr", thanks
    details = "\n".join(say(texter, "1"))
    assert "555-01" in details, "1 still picks from the list after a thank-you"


def test_with_the_database_down_a_text_is_kept_in_redis_and_recorded_later(make_app, tmp_path, redis_url):
    from bot.simulator import Phone

    broken = make_app(DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/none", AUTO_MIGRATE=False,
                      CATALOG_SAMPLE=False)
    status, replies = Phone.in_process("+15875557777", "+1", broken).text("my landlord changed the locks")
    assert status == 200 and replies and "911" in replies[0].text, "a clear answer, never a 5xx"
    working = make_app()
    from bot.channels.sms import render

    with working.app_context():
        counts = working.extensions["passerelle.conversations"].replay_spool(render)
    assert counts == {"replayed": 1, "dead": 0, "waiting": 0}
    with db(working).session() as session:
        body = session.execute(select(Message.body).where(Message.direction == Direction.INBOUND)).scalar_one()
    assert body == "my landlord changed the locks"


def test_database_errors_in_the_logs_hold_no_message_or_number(make_app, caplog):
    from bot.simulator import Phone

    app = make_app()
    with db(app).engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE messages RENAME TO messages_gone")  # recording itself fails
    caplog.set_level(logging.DEBUG)
    status, replies = Phone.in_process("+15875558888", "+1", app).text("I need a food bank near my sister's")
    assert status == 200 and replies
    formatter = logging.Formatter()
    logged = "\n".join(r.getMessage() + (formatter.formatException(r.exc_info) if r.exc_info else "")
                       for r in caplog.records)
    assert "no such table: messages" in logged, "the failure itself is logged"
    assert "sister" not in logged and "5875558888" not in logged
    spooled = app.extensions["passerelle.redis"].lrange("passerelle:spool", 0, -1)
    assert len(spooled) == 1 and b"sister" in spooled[0], "the message waits in Redis to be recorded"


@pytest.mark.parametrize("text", ["je veux parler à une personne", "Can I talk to a real person please",
                                  "est-ce que quelqu'un peut m'appeler"])
def test_asking_for_a_person_in_a_sentence(phone, app, text):
    texter = phone()
    say(texter, "I need a food bank" if "talk" in text else "j'ai besoin d'une banque alimentaire")
    reply = "\n".join(say(texter, text))
    assert "1 Yes or 2 No" in reply or "1 Oui ou 2 Non" in reply, reply
    assert app.config["NAVIGATOR_PHONE"] in "\n".join(say(texter, "2"))
    with db(app).session() as session:
        assert session.execute(select(Conversation.mode, Conversation.consent)).one() == ("waiting", "no")


@pytest.mark.parametrize("signed", [False, True])
def test_an_oversized_body_is_refused_before_it_is_read(client, signed):
    params = sms_params("+15875551050", "+15875550000", "x" * (2 * 1024 * 1024))
    headers = {"X-Twilio-Signature": RequestValidator(TEST_TOKEN).compute_signature("http://localhost/sms", params)
               } if signed else {}
    started = time.perf_counter()
    response = client.post("/sms", data=params, headers=headers)
    assert response.status_code == 413 and time.perf_counter() - started < 2


def test_a_body_with_thousands_of_fields_is_refused(client):
    params = {f"f{i}": "x" for i in range(5000)}
    assert client.post("/sms", data=params).status_code in (403, 413)


@pytest.mark.parametrize("sender", ["71321", "ALPHASHOP", "+15875550000"])
def test_senders_that_are_not_a_persons_phone_are_recorded_not_answered(app, sender):
    from bot.simulator import Phone

    status, replies = Phone.in_process(sender, "+15875550000", app).text("WIN A PRIZE reply YES")
    assert status == 200 and replies == []
    with db(app).session() as session:
        message = session.execute(select(Message).where(Message.direction == Direction.INBOUND)).scalar_one()
        assert message.body == "WIN A PRIZE reply YES" and message.status == "not_answered"


def test_marker_words_are_in_neither_the_logs_nor_redis_after_a_conversation(app, phone, caplog):
    caplog.set_level(logging.DEBUG)
    texter = phone("+15875551077")
    say(texter, "I need a food bank, zebraword, for me and my 2 kids")
    say(texter, "1")
    say(texter, "yakword I can't do this anymore")
    say(texter, "ok")
    redis = app.extensions["passerelle.redis"]
    stored = b"".join(redis.dump(key) or b"" for key in redis.keys("*"))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for marker in ("zebraword", "yakword", "5875551077"):
        assert marker.encode() not in stored, marker
        assert marker not in logged, marker
