"""The voice line: Twilio's Voice webhook in, TwiML out (<Say>, <Gather>, <Dial>), the same engine and person.

Each step of a call is one request; where the call stands travels in the <Gather action> URL (stage, step
number, failures), so a step is stateless and its idempotency key is the CallSid *and* the step number.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, request, url_for
from twilio.twiml.voice_response import Gather, VoiceResponse

from bot import i18n
from bot.conversations import RenderedMessage
from bot.engine.needs import N_, NEED_LABELS
from bot.errors import AnswerPending
from bot.privacy import mask
from bot.signatures import twilio_signed

log = logging.getLogger(__name__)

bp = Blueprint("voice", __name__)

CHANNEL = "voice"
#: How each language is spoken (Canadian voices).
SPEECH_LANGUAGES = {"fr": "fr-CA", "en": "en-CA"}
#: Seconds a <Gather> waits for the caller.
GATHER_TIMEOUT = 6
#: Misheard or silent answers before the keypad menu of needs.
SPEECH_TRIES = 2
#: The keypad menu of needs when speech fails: digit → need (0 is always a person).
KEYPAD_NEEDS = {"1": "shelter", "2": "food", "3": "housing", "4": "transport", "5": "income", "6": "employment",
                "7": "health", "8": "mental_health", "9": "family_violence"}

GREETING = {
    "fr": N_("Hello, this is {helpline}. For service in French, press 1."),
    "en": N_("Hello, this is {helpline}. For service in English, press 2."),
}
# Translators: asked once the language is chosen; the call's safety line is in it.
ASK_NEED = N_("In a few words, what do you need help with? If you are in danger, hang up and call {emergency}.")
NOT_HEARD = N_("Sorry, I didn't catch that. In a few words, what do you need help with? For example food, rent, "
               "or a ride to work.")
# Translators: the keypad menu when speech failed twice; {choices} is e.g. "For food, press 2."
KEYPAD_INTRO = N_("Let's use the keypad.")
KEYPAD_CHOICE = N_("For {need}, press {digit}.")
KEYPAD_PERSON = N_("To talk to a person, press 0.")
# Translators: read before a service's phone number, which is then read digit by digit.
OPTION = N_("Option {number}: {name}.")
PHONE = N_("Phone: {digits}.")
OPTIONS_MENU = N_("To get these by text message, press 1. For more options, press 2. To hear them again, "
                  "press 9. To talk to a person, press 0.")
NO_MORE = N_("That's all I have for this need. To get these by text message, press 1. To hear them again, "
             "press 9. To talk to a person, press 0.")
TEXT_SENT = N_("I sent them to you by text message.")
TEXT_NOT_POSSIBLE = N_("I can't send a text message to this number.")
PRESS_YES_NO = N_("Press 1 for yes, or 2 for no.")
# Translators: the consent question on the phone (the text line's says "what you wrote").
VOICE_CONSENT = N_("So you don't have to repeat yourself, may I share what you told me with the navigator? Press 1 "
                   "for yes, or 2 for no.")
ALREADY_WITH_A_PERSON = N_("Your conversation is already with our navigators.")
CONNECTING = N_("Thank you. I'm connecting you with a navigator now. Please stay on the line.")
# Translators: when no navigator can take a call (outside their hours, or no line set up).
CALLBACK_OFFER = N_("For a navigator to call you back at this number, press 1. To get a text message instead, "
                    "press 2.")
CLARIFY_INTRO = N_("Is it mainly one of these?")
CLARIFY_OTHER = N_("For something else, press {digit}.")
DIAL_FAILED = N_("Nobody could answer right now. For a navigator to call you back at this number, press 1. To get "
                 "a text message instead, press 2.")
CALLBACK_DONE = N_("Done: a navigator will call you back at this number. You will also get a text message. If you "
                   "are in danger, call {emergency}. Goodbye.")
TEXT_INSTEAD = N_("Done: a navigator will text you at this number. If you are in danger, call {emergency}. Goodbye.")
# Translators: texted to a caller who asked for a call-back.
CALLBACK_SMS = N_("{helpline}: a navigator will call you back at this number as soon as they can. In danger, call "
                  "{emergency}. Crisis line, day and night: {crisis_line}.")
# Translators: texted to a caller who asked for a text instead of waiting on the line.
TEXT_SMS = N_("{helpline}: a navigator will text you here as soon as they can. You can reply here too. In danger, "
              "call {emergency}. Crisis line, day and night: {crisis_line}.")
CRISIS_TRANSFER = N_("I'm connecting you now with the crisis line. If you are in danger, hang up and call "
                     "{emergency}.")
CRISIS_UNANSWERED = N_("The crisis line did not answer. Please call {emergency} if you are in danger, or call or "
                       "text {crisis_line}, day and night.")
GOODBYE = N_("Thank you for calling {helpline}. If you are in danger, call {emergency}. Goodbye.")
# Translators: the whisper a navigator hears before being connected; only what the caller agreed to share.
WHISPER = N_("Call from {helpline}. The caller speaks {language}. Needs: {needs}.")
WHISPER_WORDS = N_("They said: {words}.")
WHISPER_NOT_SHARED = N_("They chose not to share their words.")
WHISPER_CRISIS = N_("Warning: crisis.")
LANGUAGE_NAMES = {"fr": N_("French"), "en": N_("English")}


def twiml(response: VoiceResponse | str, status: int = 200) -> Response:
    return Response(str(response), status=status, mimetype="application/xml")


class Call:
    """One request of a call: who, which step, what they said or pressed, and the TwiML we answer with."""

    def __init__(self, stage: str, step: int, failures: int, language: str | None):
        form = request.form
        self.sid = (form.get("CallSid") or "").strip()[:64]
        self.address = (form.get("From") or "").strip()
        self.stage, self.step, self.failures = stage, step, failures
        self.language = language if language in SPEECH_LANGUAGES else None
        self.digits = re.sub(r"[^0-9*#]", "", form.get("Digits") or "")[:8]
        from bot import sms as sms_text

        self.speech = sms_text.clean_inbound(form.get("SpeechResult") or "")[:500]
        self.said: list[RenderedMessage] = []
        self.response = VoiceResponse()
        self.config = current_app.config

    @property
    def heard(self) -> str:
        """What the caller gave at this step: their words, or the keys they pressed."""
        return self.speech or self.digits

    @property
    def key(self) -> str:
        return f"{self.sid}:{self.step}"

    def lang(self) -> str:
        return self.language or self.config["DEFAULT_LANGUAGE"]

    def t(self, msgid: str, language: str | None = None, **values) -> str:
        language = language or self.lang()
        values = {"helpline": self.config["HELPLINE_NAME"], "emergency": self.config["EMERGENCY_NUMBER"],
                  "crisis_line": spoken_number(self.config["CRISIS_LINE"]), **values}
        return i18n.gettext(language, msgid).format(**values)

    def next_url(self, stage: str, failures: int = 0, language: str | None = None) -> str:
        query = {"s": stage, "n": self.step + 1, "f": failures}
        language = language or self.language
        if language:
            query["l"] = language
        return url_for("voice.step") + "?" + urlencode(query)

    def say(self, target, text: str, language: str | None = None) -> None:
        language = language or self.lang()
        voice = self.config.get(f"VOICE_{language.upper()}") or None
        target.say(text, language=SPEECH_LANGUAGES[language], **({"voice": voice} if voice else {}))
        self.said.append(RenderedMessage(text, language))

    def gather(self, stage: str, texts: list[str], speech: bool = False, failures: int = 0, digits: int = 1,
               hints: str | None = None) -> None:
        """Ask, and listen for keys (and speech); silence comes back to the same stage as a failure."""
        options = {"input": "dtmf speech" if speech else "dtmf", "action": self.next_url(stage, failures),
                   "method": "POST", "timeout": GATHER_TIMEOUT, "action_on_empty_result": True}
        if speech:
            options.update(language=SPEECH_LANGUAGES[self.lang()], speech_timeout="auto",
                           hints=hints or self.hints())
        else:
            options["num_digits"] = digits
        gather = Gather(**options)
        for text in texts:
            self.say(gather, text)
        self.response.append(gather)

    def hints(self) -> str:
        language = self.lang()
        return ", ".join(i18n.gettext(language, label).lower() for label in NEED_LABELS.values())

    def document(self) -> tuple[list[RenderedMessage], str]:
        return self.said, str(self.response)


def spoken_number(number: str) -> str:
    """Return a phone number as it should be read: digit by digit, in groups ("4 0 3, 5 5 5, 0 1 1 3")."""
    groups = re.findall(r"\d+", number or "")
    return ", ".join(" ".join(group) for group in groups) if groups else number


# -- the call's steps ----------------------------------------------------------------------------


@bp.post("/voice")
@twilio_signed
def incoming():
    """A call comes in: the bilingual greeting (or a retry of it)."""
    return _step("start", 0, 0, None)


@bp.post("/voice/step")
@twilio_signed
def step():
    """Every later step of a call; where it stands is in the URL."""
    args = request.args
    stage = args.get("s", "start")
    number = int(args.get("n", "1")) if (args.get("n") or "").isdigit() else 1
    failures = int(args.get("f", "0")) if (args.get("f") or "").isdigit() else 0
    return _step(stage, number, failures, args.get("l"))


def _step(stage: str, number: int, failures: int, language: str | None):
    call = Call(stage, number, failures, language)
    if not call.sid or not call.address:
        response = VoiceResponse()
        response.hangup()
        return twiml(response, 400)
    conversations = current_app.extensions["passerelle.conversations"]
    try:
        stored = conversations.stored_response(CHANNEL, call.key)
        if stored is not None:
            return twiml(stored)  # Twilio asking again for a step we answered
    except Exception:
        log.exception("could not look up call step %s", call.key)
    try:
        handler = STAGES.get(stage, _start)
        return twiml(handler(call, conversations))
    except AnswerPending:
        return twiml(_apology(call))
    except Exception:
        log.exception("voice step %s failed for %s", stage, mask(call.address))
        return twiml(_apology(call))


def _apology(call: Call) -> str:
    response = VoiceResponse()
    for language in ("fr", "en"):
        call.say(response, call.t(N_("Sorry, something went wrong on our side. Please call again in a minute, or "
                                     "text us. If you are in danger, call {emergency}."), language), language)
    response.hangup()
    return str(response)


def _record_only(call: Call, conversations, build) -> str:
    """Answer a step without the engine (the greeting, a menu choice), recording both sides."""
    def respond(received):
        build(received)
        return call.document()

    return conversations.handle_step(CHANNEL, call.address, call.key, call.heard, respond).response


def _turn(call: Call, conversations, text: str) -> str:
    """Give what the caller said (or a keyword standing for a key) to the engine, and say its answer."""
    def render(messages, result=None):
        _after_turn(call, messages, result)
        return call.document()

    return conversations.handle(CHANNEL, call.address, call.key, text, render).response


def _start(call: Call, conversations) -> str:
    def build(received):
        gather = Gather(input="dtmf speech", num_digits=1, action=call.next_url("language", call.failures),
                        method="POST", timeout=GATHER_TIMEOUT, language="fr-CA", hints="français, english, anglais",
                        speech_timeout="auto", action_on_empty_result=True)
        for language in ("fr", "en"):
            call.say(gather, call.t(GREETING[language], language), language)
        call.response.append(gather)

    return _record_only(call, conversations, build)


def _language(call: Call, conversations) -> str:
    heard = call.heard.lower()
    language = "fr" if call.digits == "1" or "fran" in heard else "en" if (
        call.digits == "2" or "english" in heard or "anglais" in heard) else None
    if language is None:
        if call.failures + 1 < SPEECH_TRIES:
            call.failures += 1
            return _start(call, conversations)
        language = call.language or current_app.config["DEFAULT_LANGUAGE"]
    call.language = language
    # The engine records the choice (the contact's language); what it would text is not said.
    return _turn(call, conversations, "FR" if language == "fr" else "EN")


def _need(call: Call, conversations) -> str:
    if not call.speech and not call.digits:
        return _misheard(call, conversations)
    if call.digits == "0":
        return _turn(call, conversations, "AGENT")
    return _turn(call, conversations, call.heard)


def _misheard(call: Call, conversations) -> str:
    failures = call.failures + 1

    def build(received):
        if failures >= SPEECH_TRIES:
            _keypad(call)
        else:
            call.gather("need", [call.t(NOT_HEARD)], speech=True, failures=failures)

    return _record_only(call, conversations, build)


def _keypad(call: Call) -> None:
    texts = [call.t(KEYPAD_INTRO)]
    for digit, need in KEYPAD_NEEDS.items():
        texts.append(call.t(KEYPAD_CHOICE, need=i18n.gettext(call.lang(), NEED_LABELS[need]).lower(), digit=digit))
    texts.append(call.t(KEYPAD_PERSON))
    call.gather("keypad", [" ".join(texts)])


def _keypad_choice(call: Call, conversations) -> str:
    if call.digits == "0":
        return _turn(call, conversations, "AGENT")
    need = KEYPAD_NEEDS.get(call.digits[:1])
    if need is None:
        def build(received):
            _keypad(call)
        return _record_only(call, conversations, build)
    # The need's own words in the caller's language, read by the same triage as any text.
    from bot.engine.needs import NEED_CHOICES

    return _turn(call, conversations, i18n.gettext(call.lang(), NEED_CHOICES[need]))


def _answer(call: Call, conversations) -> str:
    """An answer to a question the engine asked (yes/no, a numbered choice): the keys, or the words."""
    if not call.heard:
        def build(received):
            call.gather(call.stage, [call.t(PRESS_YES_NO)] if call.stage in ("risk", "consent") else
                        [call.t(NOT_HEARD)], speech=call.stage != "consent", failures=call.failures + 1)
        return _record_only(call, conversations, build)
    return _turn(call, conversations, call.heard)


def _options(call: Call, conversations) -> str:
    key = call.digits[:1]
    if key == "2":
        return _turn(call, conversations, "MORE")
    if key == "0":
        return _turn(call, conversations, "AGENT")
    state = conversations.store.load(_contact_key(call)) or {}

    def build(received):
        if key == "1":
            call.say(call.response, call.t(_text_services(call, state, received.conversation_id)))
        _read_options(call, state, received.conversation_id, again=key != "1")

    return _record_only(call, conversations, build)


def _text_services(call: Call, state: dict, conversation_id: str) -> str:
    """Send the services being read by SMS, formatted as the text line would send them; return what to say."""
    from bot.privacy import is_person_number

    if not is_person_number(call.address, (current_app.config.get("TWILIO_FROM_NUMBER"),)):
        return TEXT_NOT_POSSIBLE
    services = _page(state)
    if not services:
        return TEXT_NOT_POSSIBLE
    from bot import jobs
    from bot.engine import listing

    ctx = _sms_context(call)
    label = i18n.gettext(call.lang(), NEED_LABELS.get(state.get("need") or "", "Services near you"))
    text = listing.service_list(ctx, services, i18n.gettext(call.lang(), "{label}:").format(label=label), False)
    current_app.extensions["passerelle.queue"].enqueue(jobs.send_sms, conversation_id, call.address, text,
                                                       call.lang())
    return TEXT_SENT


def _sms_context(call: Call):
    from bot.environment import sms_context

    return sms_context(current_app.config, current_app.extensions["passerelle.catalog"],
                       current_app.extensions["passerelle.engine"], call.lang())


def _page(state: dict) -> list:
    from bot.engine.runner import PAGE_SIZE

    catalog = current_app.extensions["passerelle.catalog"]
    page = state.get("page") or 0
    ids = (state.get("offered") or [])[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    return [s for s in (catalog.get(i) for i in ids) if s is not None]


def _read_options(call: Call, state: dict, conversation_id: str, again: bool = True, more: bool = True) -> None:
    """Read the services on the current page aloud, then the options menu."""
    from bot.engine import listing

    ctx = _sms_context(call)
    texts = []
    if again:
        for number, service in enumerate(_page(state), start=1):
            parts = [call.t(OPTION, number=number, name=service.name(call.lang()))]
            summary = service.summary(call.lang()) or ""
            if summary:
                parts.append(summary.split(". ")[0].rstrip(".") + ".")
            hours = listing.hours_now(ctx, service)
            if hours:
                parts.append(hours.rstrip(".") + ".")
            if service.phone:
                parts.append(call.t(PHONE, digits=spoken_number(service.phone)))
            texts.append(" ".join(parts))
    from bot.engine.runner import PAGE_SIZE

    has_more = ((state.get("page") or 0) + 1) * PAGE_SIZE < len(state.get("offered") or [])
    texts.append(call.t(OPTIONS_MENU if has_more and more else NO_MORE))
    call.gather("options", texts)


def _after_turn(call: Call, messages, result) -> None:
    """Say what the engine answered, the voice way: crisis → the crisis line at once; services → read aloud with
    the keypad menu; a question → its keys; a handoff → the navigators' line with a whisper."""
    state = result.state if result is not None else None
    if state is None:
        call.say(call.response, call.t(GOODBYE))
        call.response.hangup()
        return
    call.language = state.language or call.language
    node = state.node or ""
    events = {e.type for e in result.events}
    triage_risk = result.event("crisis_detected") is not None or (
        result.event("handoff_requested") is not None and result.event("handoff_requested").payload.get("priority")
        == "urgent")
    if triage_risk:
        _crisis_transfer(call)
        return
    if call.stage == "language":
        call.gather("need", [call.t(ASK_NEED)], speech=True)
        return
    # The text line's safety line is for a first text; the call said its own with the first question.
    lines = _safety_lines()
    spoken = [m.text for m in messages if m.text not in lines]
    if "handoff_requested" in events:
        _transfer(call, state, messages)
        return
    if state.mode in ("waiting", "navigator"):
        # Their conversation is already with the navigators (a text, an earlier call): put them through.
        call.say(call.response, call.t(ALREADY_WITH_A_PERSON))
        _transfer(call, state, [])
        return
    if node in ("main:list", "main:no_more") and state.offered:
        _read_options(call, state.to_dict(), state.conversation_id or "", more=node != "main:no_more")
        return
    if node == "main:ask_risk":
        call.gather("risk", [" ".join(m.text for m in messages), call.t(PRESS_YES_NO)], speech=True)
        return
    if node in ("handoff:ask_share", "handoff:ask_share_again"):
        before = [text for text in spoken if "1" not in text]  # "A person may help better." and the like
        call.gather("consent", [*before, call.t(VOICE_CONSENT)])
        return
    if node == "main:ask_clarify" and state.clarify_options:
        # The text line's "1 rent 2 food 3 something else" becomes keys to press.
        from bot.engine.needs import NEED_CHOICES

        choices = [call.t(KEYPAD_CHOICE, need=i18n.gettext(call.lang(), NEED_CHOICES[need]), digit=digit)
                   for digit, need in enumerate(state.clarify_options, start=1)]
        other = call.t(CLARIFY_OTHER, digit=len(state.clarify_options) + 1)
        call.gather("clarify", [" ".join([call.t(CLARIFY_INTRO), *choices, other])], speech=True)
        return
    # Anything else ("tell me a bit more"): listen again, and after two misses offer the keypad.
    failures = call.failures + 1
    if failures >= SPEECH_TRIES and not state.need:
        _keypad(call)
        return
    call.gather("need", spoken or [call.t(NOT_HEARD)], speech=True, failures=failures)


def _safety_lines() -> set[str]:
    from bot.engine.runner import SAFETY_LINE

    config = current_app.config
    values = {"emergency": config["EMERGENCY_NUMBER"], "crisis_line": config["CRISIS_LINE"]}
    lines = {i18n.gettext(language, SAFETY_LINE).format(**values) for language in i18n.LANGUAGES}
    return lines | {" / ".join(i18n.gettext(lang, SAFETY_LINE).format(**values) for lang in ("en", "fr"))}


def _crisis_transfer(call: Call) -> None:
    config = current_app.config
    call.say(call.response, call.t(CRISIS_TRANSFER))
    dial = call.response.dial(action=call.next_url("crisis_done"), method="POST", timeout=30)
    dial.number(config["CRISIS_LINE"])


def _transfer(call: Call, state, messages) -> None:
    """Hand the caller to the navigators' line, with a whisper for the navigator who answers (if nobody answers,
    the <Dial action> offers a call-back); with no line set up, say what happens next and offer it at once."""
    config = current_app.config
    numbers = [n.strip() for n in (config.get("NAVIGATOR_NUMBERS") or "").split(",") if n.strip()]
    if not numbers:
        for message in messages:
            call.say(call.response, message.text)
        call.gather("after_dial", [call.t(CALLBACK_OFFER)])
        return
    call.say(call.response, call.t(CONNECTING))
    dial = call.response.dial(action=call.next_url("after_dial"), method="POST", timeout=25,
                              caller_id=config.get("TWILIO_FROM_NUMBER") or None)
    whisper = url_for("voice.whisper") + "?" + urlencode({"c": state.conversation_id or ""})
    for number in numbers:
        dial.number(number, url=whisper, method="POST")


def _after_dial(call: Call, conversations) -> str:
    status = (request.form.get("DialCallStatus") or "").lower()
    key = call.digits[:1]

    def build(received):
        if status == "completed":
            call.say(call.response, call.t(GOODBYE))
            call.response.hangup()
        elif key in ("1", "2"):
            config = current_app.config
            from bot import jobs

            if key == "1":
                conversations.record_event(received.conversation_id, "callback_requested", language=call.lang())
            texted, said = (CALLBACK_SMS, CALLBACK_DONE) if key == "1" else (TEXT_SMS, TEXT_INSTEAD)
            text = call.t(texted, crisis_line=config["CRISIS_LINE"])
            current_app.extensions["passerelle.queue"].enqueue(jobs.send_sms, received.conversation_id,
                                                               call.address, text, call.lang())
            call.say(call.response, call.t(said))
            call.response.hangup()
        elif call.failures >= SPEECH_TRIES:
            call.say(call.response, call.t(GOODBYE))
            call.response.hangup()
        else:
            call.gather("after_dial", [call.t(DIAL_FAILED)], failures=call.failures + 1)

    return _record_only(call, conversations, build)


def _crisis_done(call: Call, conversations) -> str:
    status = (request.form.get("DialCallStatus") or "").lower()

    def build(received):
        if status != "completed":
            call.say(call.response, call.t(CRISIS_UNANSWERED))
        call.response.hangup()

    return _record_only(call, conversations, build)


def _contact_key(call: Call) -> str:
    from bot.privacy import contact_key

    return contact_key(current_app.config["SECRET_KEY"], call.address)


STAGES = {"start": _start, "language": _language, "need": _need, "keypad": _keypad_choice, "risk": _answer,
          "clarify": _answer, "consent": _answer, "options": _options, "after_dial": _after_dial,
          "crisis_done": _crisis_done}


@bp.post("/voice/whisper")
@twilio_signed
def whisper():
    """What the navigator hears before being connected: language, needs, risk, and the words only if shared."""
    from bot.record import Conversation

    conversation_id = request.args.get("c", "")
    database = current_app.extensions["passerelle.db"]
    desk = current_app.extensions["passerelle.desk"]
    response = VoiceResponse()
    with database.session() as session:
        conversation = session.get(Conversation, conversation_id) if conversation_id else None
        summary = desk.summary(conversation, session) if conversation is not None else None
    language = (summary.language if summary else None) or current_app.config["DEFAULT_LANGUAGE"]
    if summary is None:
        response.say(i18n.gettext(language, "Call from {helpline}.").format(
            helpline=current_app.config["HELPLINE_NAME"]), language=SPEECH_LANGUAGES.get(language, "en-CA"))
        return twiml(response)
    needs = ", ".join(i18n.gettext(language, NEED_LABELS.get(n["category"], n["category"])) for n in summary.needs)
    parts = [i18n.gettext(language, WHISPER).format(
        helpline=current_app.config["HELPLINE_NAME"], language=i18n.gettext(language, LANGUAGE_NAMES[language]),
        needs=needs or "-")]
    if summary.risk == "crisis":
        parts.insert(0, i18n.gettext(language, WHISPER_CRISIS))
    words = [w for n in summary.needs for w in n.get("evidence") or []]
    if summary.shared and words:
        parts.append(i18n.gettext(language, WHISPER_WORDS).format(words=", ".join(words[:6])))
    elif not summary.shared:
        parts.append(i18n.gettext(language, WHISPER_NOT_SHARED))
    response.say(" ".join(parts), language=SPEECH_LANGUAGES.get(language, "en-CA"))
    return twiml(response)
