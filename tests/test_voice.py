"""The voice line, walked through whole calls with signed requests in both languages: TwiML checked against
twilio-python's element vocabulary, requests built from Twilio's real voice webhook parameters."""
import json
import random
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from bot.record import Conversation, Event, Message
from bot.simulator import Caller, Phone, voice_params
from tests.test_sms_webhook import db, say

DATA = Path(__file__).parent / "data" / "twilio"
VOCABULARY = json.loads((DATA / "twiml-elements.from-twilio-python.json").read_text())["voice"]
PARAMETERS = json.loads((DATA / "twilio-webhook-parameters.json").read_text())
NAVIGATORS, CRISIS = "+15875559999", "+15875559988"


def twiml_problems(document: str) -> list[str]:
    """Children and attributes not in twilio-python's vocabulary (so Twilio would refuse the document)."""
    by_name = {spec.get("xml_name") or name: spec for name, spec in VOCABULARY.items()}
    problems = []

    def walk(element, spec):
        allowed = {child["element"]: child for child in spec.get("children", [])}
        for child in element:
            if child.tag not in allowed:
                problems.append(f"<{child.tag}> in <{element.tag}>")
                continue
            known = set(allowed[child.tag].get("attributes", {}))
            problems.extend(f"{child.tag}@{a}" for a in child.attrib if a not in known)
            walk(child, by_name.get(child.tag, {}))

    root = ET.fromstring(document)
    assert root.tag == "Response"
    walk(root, VOCABULARY["VoiceResponse"])
    return problems


@pytest.fixture
def voice_app(make_app, fake_twilio):
    app = make_app(NAVIGATOR_NUMBERS=NAVIGATORS, CRISIS_LINE=CRISIS, TWILIO_API_URL=fake_twilio.url,
                   PUBLIC_URL="http://localhost", REDIS_URL="")
    app.fake_twilio = fake_twilio
    return app


class Checked(Caller):
    """A caller whose every answer is checked: 200, valid TwiML, nothing said in the wrong language."""

    language = None

    def step(self, digits=None, speech=None, **extra):
        greeting = (self.next or "/voice") == "/voice"
        status, document = self.post(digits, speech, **extra)
        assert status == 200, document[:200]
        assert not twiml_problems(document), twiml_problems(document)
        self.document = document
        heard = self.follow(document)
        if self.language and not greeting:
            wrong = [text for text, language in heard.said if not language.startswith(self.language)]
            assert not wrong, wrong
        return heard


def caller(app, number, language=None) -> Checked:
    made = Checked.in_process(number, "+15875550000", app)
    checked = Checked(made.phone, made.base)
    checked.language = language
    return checked


def said(heard) -> str:
    return " ".join(text for text, _ in heard.said)


def test_a_french_call_from_the_greeting_to_the_navigator_and_a_call_back(voice_app):
    call = caller(voice_app, "+15875553001", "fr")
    greeting = call.step(CallStatus="ringing")
    languages = {language for _, language in greeting.said}
    assert languages == {"fr-CA", "en-CA"} and greeting.listening == "dtmf speech"
    ask = call.step(digits="1")
    assert "de quoi avez-vous besoin" in said(ask) and "911" in said(ask), "the first answer carries the numbers"
    gather = ET.fromstring(call.document).find(".//Gather")
    assert gather.get("language") == "fr-CA" and "transport" in gather.get("hints")
    options = call.step(speech="mon auto est brisée et j'ai besoin d'un lift pour aller travailler")
    text = said(options)
    assert "Option 1" in text and "Téléphone : 4 0 3, 5 5 5" in text and "faites le 1" in text, text
    texted = call.step(digits="1")
    assert "texto" in said(texted)
    sms = voice_app.fake_twilio.posts[-1]
    assert sms["To"] == "+15875553001" and "Transport" in sms["Body"] and "1)" in sms["Body"]
    again = call.step(digits="9")
    assert "Option 1" in said(again), "9 reads them again"
    consent = call.step(digits="0")
    assert "partager ce que vous m'avez dit" in said(consent)
    transfer = call.step(digits="1")
    dial = ET.fromstring(call.document).find(".//Dial")
    number = dial.find("Number")
    assert number.text == NAVIGATORS and number.get("url") and dial.get("action")
    assert transfer.dialing == [NAVIGATORS]
    whisper = _signed_post(voice_app, number.get("url"), voice_params(NAVIGATORS, "+15875550000", "CA" + "2" * 32))
    assert "Transport" in whisper and "lift" in whisper and "français" in whisper, whisper
    unanswered = call.step(DialCallStatus="no-answer")
    assert "rappelle" in said(unanswered)
    done = call.step(digits="1")
    assert done.hung_up and "rappeler" in said(done)
    assert "vous rappeler" in voice_app.fake_twilio.posts[-1]["Body"], "an SMS confirms the call-back"
    with db(voice_app).session() as session:
        conversation = session.execute(select(Conversation)).scalar_one()
        assert (conversation.mode, conversation.handoff_reason, conversation.consent) == ("waiting", "call_back", "yes")
        kinds = set(session.execute(select(Event.type)).scalars())
        assert {"handoff_requested", "callback_requested", "consent_given"} <= kinds
        steps = session.execute(select(Message.body).where(Message.channel == "voice",
                                                           Message.direction == "inbound")).scalars().all()
        assert "mon auto est brisée et j'ai besoin d'un lift pour aller travailler" in steps


def test_an_english_call_with_a_crisis_is_transferred_at_once(voice_app):
    call = caller(voice_app, "+15875553002", "en")
    call.step(CallStatus="ringing")
    call.step(digits="2")
    heard = call.step(speech="i want to kill myself")
    assert heard.dialing == [CRISIS] and not heard.listening, "no menu first"
    assert "crisis line" in said(heard)
    ended = call.step(DialCallStatus="no-answer")
    assert "911" in said(ended) and ended.hung_up
    with db(voice_app).session() as session:
        assert session.execute(select(Conversation.priority)).scalar() == 2, "top of the navigators' queue too"


def test_a_warning_sign_by_voice_is_asked_about_directly(voice_app):
    call = caller(voice_app, "+15875553003", "en")
    call.step(CallStatus="ringing")
    call.step(digits="2")
    heard = call.step(speech="can't do this anymore. so tired of everything")
    assert "suicide" in said(heard).lower() and "Press 1 for yes" in said(heard), said(heard)
    yes = call.step(digits="1")
    assert yes.dialing == [CRISIS]


def test_silence_twice_brings_the_keypad_menu_of_needs(voice_app):
    call = caller(voice_app, "+15875553004", "en")
    call.step(CallStatus="ringing")
    call.step(digits="2")
    first = call.step()
    assert "didn't catch that" in said(first)
    menu = call.step()
    assert "keypad" in said(menu) and "press 2" in said(menu) and "press 0" in said(menu)
    options = call.step(digits="2")
    assert "Option 1" in said(options)
    with db(voice_app).session() as session:
        searched = session.execute(select(Event.payload).where(Event.type == "need_searched")).scalar_one()
    assert searched["category"] == "food", "2 on the keypad is food"


def test_a_call_continues_the_texted_conversation_and_a_text_picks_up_after_the_call(voice_app):
    number = "+15875553005"
    texter = Phone.in_process(number, "+15875550000", voice_app)
    say(texter, "I need a food bank")
    call = caller(voice_app, number, "en")
    call.step(CallStatus="ringing")
    call.step(digits="2")
    call.step(speech="actually I need a ride to my job tomorrow")
    after = "\n".join(say(texter, "MORE"))
    assert after.startswith("Getting around:"), "MORE by text goes on with the need the call found: " + after
    with db(voice_app).session() as session:
        assert len(session.execute(select(Conversation)).scalars().all()) == 1, "one person, one conversation"
        channels = set(session.execute(select(Message.channel)).scalars())
    assert channels == {"sms", "voice"}


def test_a_retried_step_gets_the_same_answer_and_steps_are_not_confused(voice_app):
    call = caller(voice_app, "+15875553006", "en")
    call.step(CallStatus="ringing")
    path = call.next
    first = call.step(digits="2")
    call.next = path
    retried = call.step(digits="2")
    assert said(first) == said(retried)
    with db(voice_app).session() as session:
        keys = session.execute(select(Message.external_id).where(Message.channel == "voice")).scalars().all()
    assert len([k for k in keys if k]) == len({k for k in keys if k}) == 2, keys


def test_unsigned_calls_are_refused(voice_app):
    client = voice_app.test_client()
    assert client.post("/voice", data=voice_params("+15875553007", "+15875550000", "CA" + "7" * 32)).status_code == 403
    assert client.post("/voice/step?s=need&n=2", data={"CallSid": "CAx"}).status_code == 403
    assert client.post("/voice/whisper?c=x", data={}).status_code == 403


def test_no_step_answers_a_5xx_whatever_the_parameters(voice_app):
    documented = list(PARAMETERS["incoming_voice_call"]["always"]) + list(PARAMETERS["gather_action_callback"])
    rng = random.Random(7)
    stages = ["start", "language", "need", "keypad", "risk", "clarify", "consent", "options", "after_dial",
              "crisis_done", "nonsense", ""]
    for attempt in range(120):
        params = {name: "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 12)))
                  for name in rng.sample(documented, rng.randint(0, len(documented)))}
        if attempt % 3 == 0:
            params.update(CallSid="CA" + "9" * 32, From="+15875553008")
        path = f"/voice/step?s={rng.choice(stages)}&n={rng.choice(['1', '-3', 'x', '99999999999'])}&f={rng.choice(['0', 'z'])}"
        body = _signed_post(voice_app, path, params, raw=True)
        assert body[0] < 500, (path, params, body)


def test_passerelle_call_runs_a_scripted_call(voice_app, monkeypatch):
    from bot.cli import main

    for name in ("DATABASE_URL", "TWILIO_AUTH_TOKEN", "SECRET_KEY", "PASSERELLE_HOME"):
        monkeypatch.setenv(name, str(voice_app.config[name]))
    monkeypatch.setenv("NAVIGATOR_HOURS", "0-24")
    monkeypatch.delenv("REDIS_URL", raising=False)
    result = CliRunner().invoke(main, ["call", "--from", "+15875553009"],
                                input="2\nI need a food bank near me\n9\n")
    assert result.exit_code == 0, result.output
    assert "[en-CA]> Option 1" in result.output and "For service in English, press 2" in result.output


def _signed_post(app, path, params, raw=False):
    from twilio.request_validator import RequestValidator

    url = "http://localhost" + path
    signature = RequestValidator(app.config["TWILIO_AUTH_TOKEN"]).compute_signature(url, params)
    response = app.test_client().post(path, data=params, headers={"X-Twilio-Signature": signature})
    if raw:
        return response.status_code, response.get_data(as_text=True)
    assert response.status_code == 200
    assert not twiml_problems(response.get_data(as_text=True))
    return " ".join((s.text or "") for s in ET.fromstring(response.get_data(as_text=True)).iter("Say"))


def test_the_navigator_sees_the_calls_steps_in_the_transcript(voice_app):
    from bot.console.auth import add_navigator
    from tests.test_console import PASSWORD, signed_in

    add_navigator(db(voice_app), "nav@example.org", PASSWORD)
    call = caller(voice_app, "+15875553010", "en")
    call.step(CallStatus="ringing")
    call.step(digits="2")
    call.step(speech="my landlord locked me out and I need somewhere to stay tonight")
    call.step(digits="0")
    call.step(digits="1")
    with db(voice_app).session() as session:
        conversation = session.execute(select(Conversation.id)).scalar_one()
    page = signed_in(voice_app).get(f"/console/c/{conversation}").get_data(as_text=True)
    assert "By phone" in page and "locked me out" in page and "Option 1" in page


def test_with_no_navigator_line_a_caller_hears_when_navigators_are_back_and_gets_a_call_back(make_app, fake_twilio):
    import datetime as dt
    from zoneinfo import ZoneInfo

    start = (dt.datetime.now(ZoneInfo("America/Edmonton")).hour + 2) % 24
    app = make_app(NAVIGATOR_NUMBERS="", NAVIGATOR_HOURS=f"{start}-{(start + 1) % 24}",
                   TWILIO_API_URL=fake_twilio.url, PUBLIC_URL="http://localhost", REDIS_URL="")
    call = caller(app, "+15875553011", "en")
    call.step(CallStatus="ringing")
    call.step(digits="2")
    asked = call.step(speech="I got laid off and I can't pay my electricity bill")
    assert "press 1" in said(asked) and "For something else, press 3" in said(asked), "choices become keys"
    call.step(digits="1")
    call.step(digits="0")
    offer = call.step(digits="1")
    assert not offer.dialing and "Navigators are back" in said(offer) and "call you back" in said(offer)
    done = call.step(digits="1")
    assert done.hung_up
    with db(app).session() as session:
        assert session.execute(select(Conversation.handoff_reason)).scalar() == "call_back"


def test_a_call_while_navigators_hold_the_texted_conversation_is_put_through(voice_app):
    number = "+15875553012"
    texter = Phone.in_process(number, "+15875550000", voice_app)
    say(texter, "I need help with my rent")
    say(texter, "AGENT")
    say(texter, "1")
    call = caller(voice_app, number, "en")
    call.step(CallStatus="ringing")
    call.step(digits="2")
    heard = call.step(speech="hello, I texted earlier about my rent")
    assert "already with our navigators" in said(heard) and heard.dialing == [NAVIGATORS]
