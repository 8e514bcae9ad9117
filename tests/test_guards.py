"""Cost and abuse guards, shared through the real Redis: floods, auto-responder loops, repeats; danger always answered."""
from sqlalchemy import select

from bot.record import Direction, Message
from tests.test_sms_webhook import db, say


def test_a_flood_is_asked_once_to_slow_down_then_left_unanswered_but_recorded(make_app, phone):
    app = make_app(RATE_LIMIT_PER_MINUTE=5)
    from bot.simulator import Phone

    texter = Phone.in_process("+15875553100", "+15875550000", app)
    replies = [say(texter, f"food {i}") for i in range(12)]
    answered = [r for r in replies if r]
    assert len(answered) == 6, answered
    assert "many messages" in answered[-1][0]
    with db(app).session() as session:
        assert len(session.execute(select(Message.id).where(Message.direction == Direction.INBOUND)).all()) == 12


def test_danger_is_answered_even_in_a_flood(make_app):
    from bot.simulator import Phone

    app = make_app(RATE_LIMIT_PER_MINUTE=3)
    texter = Phone.in_process("+15875553101", "+15875550000", app)
    for i in range(6):
        say(texter, f"food {i}")
    reply = "\n".join(say(texter, "i want to kill myself"))
    assert "911" in reply and "9-8-8" in reply


def test_an_auto_responder_echoing_our_replies_is_answered_once(app):
    from bot.simulator import Phone

    texter = Phone.in_process("+15875553102", "+15875550000", app)
    reply = say(texter, "hello")
    answered = 0
    for _ in range(10):
        if not reply:
            break
        answered += 1
        reply = say(texter, "Auto-reply: I am away from my phone. " + reply[0][:60])
    assert answered <= 2


def test_the_same_text_over_and_over_stops_being_answered(app):
    from bot.simulator import Phone

    texter = Phone.in_process("+15875553103", "+15875550000", app)
    replies = [say(texter, "Your message has been received by the system") for _ in range(6)]
    assert replies[0] and not replies[-1]


def test_a_person_repeating_ok_keeps_being_answered(app):
    from bot.simulator import Phone

    texter = Phone.in_process("+15875553104", "+15875550000", app)
    say(texter, "i want to end my life")
    assert all(say(texter, "ok") for _ in range(6))
