"""The warm handoff over SMS: consent, what happens next, waiting for a person, one person across spellings."""
import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.record import Contact, Conversation, Direction, Message
from tests.test_sms_webhook import db, say


def ask_for_a_person(texter, consent="1"):
    say(texter, "I need help paying my rent")
    question = "\n".join(say(texter, "AGENT"))
    assert "may I share what you told me" in question and "1 Yes or 2 No" in question, question
    return "\n".join(say(texter, consent))


def conversation_of(app) -> Conversation:
    with db(app).session() as session:
        return session.execute(select(Conversation)).scalar_one()


def test_after_consent_the_person_is_told_what_happens_next_and_joins_the_queue(phone, app):
    texter = phone()
    next_steps = ask_for_a_person(texter)
    assert "text you back here, from this number, in about 15 minutes" in next_steps, next_steps
    assert "911" in next_steps and "9-8-8" in next_steps
    conversation = conversation_of(app)
    assert (conversation.mode, conversation.consent, conversation.handoff_reason) == ("waiting", "yes", "asked")
    assert conversation.waiting_since is not None


def test_a_waiting_person_is_acknowledged_once_not_greeted(phone, app):
    texter = phone()
    ask_for_a_person(texter, consent="2")
    first = "\n".join(say(texter, "hello? anyone there?"))
    assert "message is saved" in first and "navigator will answer you here" in first, first
    assert "what do you need" not in first.lower() and "Hello!" not in first
    assert say(texter, "still here") == [], "acknowledged once: later texts wait silently for the navigator"
    with db(app).session() as session:
        bodies = session.execute(select(Message.body).where(Message.direction == Direction.INBOUND)).scalars().all()
    assert "still here" in bodies and "hello? anyone there?" in bodies, "every text is kept for the navigator"


def test_a_plain_need_while_waiting_still_gets_its_services(phone, app):
    texter = phone()
    ask_for_a_person(texter)
    reply = "\n".join(say(texter, "I need a food bank for tomorrow"))
    assert "1)" in reply and "Food" in reply, reply
    assert conversation_of(app).mode == "waiting", "still in the queue for a person"


def test_menu_while_waiting_takes_the_conversation_back_to_the_bot(phone, app):
    texter = phone()
    ask_for_a_person(texter)
    reply = "\n".join(say(texter, "MENU"))
    assert "what do you need" in reply.lower()
    conversation = conversation_of(app)
    assert conversation.mode == "bot" and conversation.waiting_since is None


def test_stop_while_waiting_is_honoured_and_leaves_the_queue(phone, app):
    texter = phone()
    ask_for_a_person(texter)
    assert "not get any more messages" in "\n".join(say(texter, "STOP"))
    assert conversation_of(app).mode == "bot"
    assert say(texter, "hello?") == []


def test_a_crisis_while_waiting_gets_the_numbers_at_once_and_the_top_of_the_queue(phone, app):
    texter = phone()
    ask_for_a_person(texter)
    reply = "\n".join(say(texter, "i cant do this anymore, i have the pills in my hand"))
    assert "911" in reply and "9-8-8" in reply, reply
    conversation = conversation_of(app)
    assert conversation.priority == 2 and conversation.mode == "waiting"


def test_a_second_no_answer_to_the_consent_question_hands_over_without_sharing(phone, app):
    texter = phone()
    say(texter, "AGENT")
    again = "\n".join(say(texter, "what do you mean"))
    assert "either way" in again and "Reply 1" in again, again
    said = "\n".join(say(texter, "hmm"))
    assert "won't share your words" in said, said
    assert conversation_of(app).consent == "no"


def test_unsure_after_the_questions_hands_over_with_the_reason(phone, app):
    texter = phone()
    say(texter, "I need help")
    say(texter, "hmm")
    assert "1 Yes or 2 No" in "\n".join(say(texter, "dunno"))
    say(texter, "1")
    conversation = conversation_of(app)
    assert (conversation.mode, conversation.handoff_reason) == ("waiting", "unclear")


def test_outside_navigator_hours_the_person_is_told_when_they_are_back(make_app):
    from bot.simulator import Phone

    now = dt.datetime.now(ZoneInfo("America/Edmonton"))
    start = (now.hour + 2) % 24
    app = make_app(NAVIGATOR_HOURS=f"{start}-{(start + 1) % 24}")
    texter = Phone.in_process("+15875557001", "+15875550000", app)
    next_steps = ask_for_a_person(texter)
    assert "Navigators are back" in next_steps and ":00" not in next_steps, next_steps
    assert ("today at" in next_steps) or ("tomorrow at" in next_steps), next_steps
    assert "day and night: 9-8-8" in next_steps


def test_two_spellings_of_one_number_are_one_person(app):
    from bot.simulator import Phone

    for number in ("+15875550123", "(587) 555-0123", "1 587 555 0123"):
        texter = Phone.in_process(number, "+15875550000", app)
        say(texter, "I need a food bank")
    with db(app).session() as session:
        assert session.execute(select(func.count()).select_from(Contact)).scalar() == 1
        assert session.execute(select(func.count()).select_from(Conversation)).scalar() == 1
        assert session.execute(select(Contact.address)).scalar() == "+15875550123"


def test_forget_works_while_waiting_for_a_person(phone, app):
    texter = phone("+15875557002")
    ask_for_a_person(texter)
    assert "Reply 1 to erase" in "\n".join(say(texter, "FORGET"))
    assert "erased" in "\n".join(say(texter, "1"))
    with db(app).session() as session:
        conversation = session.execute(select(Conversation)).scalar_one()
        assert conversation.mode == "bot" and session.execute(select(Contact.address)).scalar() is None
