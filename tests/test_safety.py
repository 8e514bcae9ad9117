"""Safety first, through the real engine, triage and sample catalogue: what a person in danger gets, turn by turn."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot import sms
from bot.engine import Engine, Inbound, load_flows
from bot.environment import LiveEnvironment
from bot.paths import flows_dir

ZONE = ZoneInfo("America/Edmonton")
MORNING = dt.datetime(2026, 11, 25, 10, 0, tzinfo=ZONE)
SETTINGS = {"crisis_line": "9-8-8", "emergency_number": "911", "navigator_phone": "587-555-0199",
            "default_language": "en", "resume_after": 1800, "timezone": "America/Edmonton",
            "helpline_name": "Passerelle", "safety_minutes": 60, "night_hours": "20-7"}


@pytest.fixture
def catalog(sample_catalog):
    return sample_catalog


class Texter:
    """One person texting the engine; `at` moves their clock."""

    def __init__(self, catalog):
        self.engine = Engine(load_flows(flows_dir()))
        self.catalog = catalog
        self.state = None
        self.now = MORNING

    def say(self, text, minutes_later=1):
        self.now += dt.timedelta(minutes=minutes_later)
        environment = LiveEnvironment("sms", SETTINGS, self.catalog, fits=sms.fits, clock=lambda: self.now)
        result = self.engine.resume(self.state, Inbound(text, "sms", received_at=self.now), environment)
        self.state = result.state
        return "\n".join(m.text for m in result.messages), result.events


def handoffs(events):
    return [e.payload for e in events if e.type == "handoff_requested"]


def test_every_crisis_turn_raises_the_handoff_at_top_priority_with_what_a_navigator_needs(catalog):
    texter = Texter(catalog)
    reply, events = texter.say("i want to kill myself tonight")
    assert "911" in reply and "9-8-8" in reply
    [handoff] = handoffs(events)
    assert handoff["priority"] == "urgent" and handoff["reason"] == "crisis"
    assert handoff["concern"] == "self" and handoff["crisis"] is True and handoff["language"] == "en"
    reply, events = texter.say("i have the pills right here")
    assert handoffs(events) and handoffs(events)[0]["priority"] == "urgent"


@pytest.mark.parametrize("short", ["ok", "non", "ok merci", "thanks", "k", "idk"])
def test_a_short_reply_after_a_crisis_gets_a_safety_answer_never_the_menu(catalog, short):
    texter = Texter(catalog)
    texter.say("i want to end my life")
    reply, _ = texter.say(short)
    assert "9-8-8" in reply and "911" in reply and "safe" in reply.lower(), reply
    assert "MENU" not in reply and "1)" not in reply


def test_not_safe_raises_the_handoff_again(catalog):
    texter = Texter(catalog)
    texter.say("je veux mourir")
    texter.say("ok")
    reply, events = texter.say("2")
    assert "911" in reply and handoffs(events)[0]["reason"] == "not_safe"


def test_safety_mode_ends_with_another_need(catalog):
    texter = Texter(catalog)
    texter.say("i want to die")
    reply, _ = texter.say("i need a food bank for tomorrow")
    assert "1)" in reply and "Food" in reply
    # The crisis put them in the navigators' queue: a plain text now is for the navigator, acknowledged once.
    reply, _ = texter.say("ok thanks")
    assert "navigator will answer you here" in reply


def test_safety_mode_ends_after_its_time(catalog):
    texter = Texter(catalog)
    texter.say("i want to die")
    reply, _ = texter.say("ok", minutes_later=30)
    assert "safe" in reply.lower()
    reply, _ = texter.say("hi", minutes_later=61)
    assert "safe right now" not in reply and "navigator will answer you here" in reply
    reply, _ = texter.say("1")
    assert reply == ""  # still waiting for the navigator, already told: silence, the text goes to them


def test_violence_gets_911_first_then_the_24_7_line_a_shelter_and_a_word_on_our_texts(catalog):
    texter = Texter(catalog)
    reply, events = texter.say("he's outside now banging on the door, he said he'd kill me")
    assert reply.startswith("If you are in danger now, call 911.")
    assert "Family Violence Info Line, day and night: 587-555-0105" in reply
    assert "Harbour House Women's Shelter" in reply and "delete our texts" in reply
    assert handoffs(events)[0]["concern"] == "violence"
    # The navigator sees what the danger is about, not "need not known yet".
    assert handoffs(events)[0]["needs"][0]["category"] == "family_violence"
    reply, events = texter.say("he's here")
    assert reply.startswith("Please call 911 now") and handoffs(events)


@pytest.mark.parametrize("text, line", [
    ("the guy I owe money to says he will break my legs if I dont pay by friday", "Victim Services Line"),
    ("le gars à qui je dois du cash dit qu'il va me casser les jambes si je paye pas vendredi",
     "Ligne d'aide aux victimes"),
])
def test_a_threat_from_outside_the_family_gets_911_and_victim_services_not_a_womens_shelter(catalog, text, line):
    texter = Texter(catalog)
    reply, events = texter.say(text)
    assert "911" in reply.split(".")[0] and line in reply and "587-555-0107" in reply
    assert "Harbour" not in reply and "Havre" not in reply and "587-555-0105" not in reply
    assert handoffs(events)[0]["priority"] == "urgent" and handoffs(events)[0]["concern"] == "violence"


def test_yes_to_the_danger_question_keeps_the_need_of_the_message_asked_about(catalog):
    texter = Texter(catalog)
    reply, _ = texter.say("the guy i owe money to says hes coming tonight to break my legs")
    assert "Are you in danger right now?" in reply
    reply, events = texter.say("1")
    assert reply.startswith("If you are in danger now, call 911.") and "Victim Services Line" in reply
    assert handoffs(events)[0]["needs"][0]["category"] == "legal"


def test_a_strangling_told_the_day_before_is_a_crisis_with_911(catalog):
    texter = Texter(catalog)
    reply, events = texter.say("my boyfriend choked me yesterday until i almost passed out")
    assert "911" in reply and handoffs(events)[0]["priority"] == "urgent"
    assert "Men's Support Line" not in reply


def test_a_violence_reply_in_french_keeps_its_accents_and_is_never_cut(catalog):
    texter = Texter(catalog)
    reply, _ = texter.say("il est là, il arrive, il m'a frappée hier")
    assert reply.startswith("En danger immédiat? Faites le 911.")
    assert "effacez nos textos" in reply


def test_a_warning_sign_is_asked_about_directly_and_yes_is_the_crisis_path(catalog):
    texter = Texter(catalog)
    reply, events = texter.say("i gave away my dog and my tv this week")
    assert "are you thinking about suicide?" in reply and "9-8-8" in reply
    assert any(e.type == "risk_asked" for e in events) and not handoffs(events)
    reply, events = texter.say("oui")
    assert "911" in reply and handoffs(events)[0]["priority"] == "urgent"


def test_a_warning_sign_answered_no_carries_on_with_the_need(catalog):
    texter = Texter(catalog)
    reply, _ = texter.say("wrote letters to my kids today, i need a food bank")
    assert "suicide" in reply
    reply, events = texter.say("no")
    assert "1)" in reply and "Food" in reply and not handoffs(events)


def test_stop_still_works_in_safety_mode(catalog):
    texter = Texter(catalog)
    texter.say("i want to die")
    reply, events = texter.say("STOP")
    assert any(e.type == "opted_out" for e in events)


@pytest.mark.parametrize("here", ["il est là", "il arrive", "y s'en vient", "he's here", "she's at the door"])
def test_after_violence_they_are_here_means_call_911_now(catalog, here):
    texter = Texter(catalog)
    texter.say("mon chum m'a serré le cou hier soir pis y revient à soir")
    texter.say("ok")
    reply, events = texter.say(here)
    assert "911" in reply and ("maintenant" in reply or "now" in reply), reply
    assert handoffs(events)


@pytest.mark.parametrize("sign, language", [("my dad's face is drooping on one side since lunch", "en"),
                                            ("mon père a la face croche depuis tantôt", "fr")])
def test_one_sign_of_an_emergency_is_asked_about_and_yes_means_911(catalog, sign, language):
    texter = Texter(catalog)
    reply, events = texter.say(sign)
    assert "911" in reply and ("hurt" in reply or "blessé" in reply)
    assert "risk_asked" in [e.type for e in events]
    reply, events = texter.say("1")
    assert "911" in reply and handoffs(events)[0]["priority"] == "urgent"


def test_one_sign_of_an_emergency_answered_no_keeps_911_in_mind_and_carries_on(catalog):
    texter = Texter(catalog)
    texter.say("mon père a la face croche depuis tantôt")
    reply, events = texter.say("2")
    assert "911" in reply and "9-8-8" not in reply.split("\n")[0]
    assert "services_offered" in [e.type for e in events]


def test_a_threat_asked_about_and_answered_no_keeps_911_not_the_suicide_line(catalog):
    # "my dad's gonna kill me" is asked about (are you in danger?); "no" keeps 911 in mind, in both languages.
    for first, no in (("my dad is gonna kill me", "2"), ("mon père va me tuer", "non")):
        texter = Texter(catalog)
        texter.say(first)
        reply, _ = texter.say(no)
        answer = reply.split("\n")[0]
        assert "911" in answer and "9-8-8" not in answer, reply
