"""Node actions: what a flow can do when it enters a node (goflow's send_msg, set_contact_language, ...)."""
from __future__ import annotations

import datetime as dt
import string

from bot.engine import listing
from bot.engine.needs import N_, NEED_CHOICES, NEED_LABELS
from bot.engine.person import about_person, place_in
from bot.engine.text import as_number, is_night

ACTIONS = {}

#: Placeholders any message may use; their values come from the settings and the conversation.
MESSAGE_VARIABLES = {"crisis_line", "emergency", "navigator_phone", "need", "helpline"}

#: Services a search keeps for paging with MORE.
SEARCH_LIMIT = 9
#: Below this score a search result is not a real answer to the need; the need counts as unmet.
MATCH_THRESHOLD = 45.0


class Action:
    """An action type: checks its parameters at load time, runs at a turn."""

    required: tuple[str, ...] = ()

    def validate(self, params, fail) -> None:
        """Call `fail(message)` if `params` are wrong for this action."""
        for name in self.required:
            if name not in params:
                fail(f"missing parameter {name!r}")

    def run(self, ctx, params) -> None:
        """Do the action."""
        raise NotImplementedError


def action(name):
    """Register an action class under `name`."""
    def register(cls):
        ACTIONS[name] = cls()
        return cls
    return register


@action("send_msg")
class SendMessage(Action):
    """Send a text (an English msgid, translated at send time)."""

    required = ("text",)

    def validate(self, params, fail):
        super().validate(params, fail)
        text = params["text"]
        if not isinstance(text, str) or not text.strip():
            fail(f"text must be a non-empty string, got {text!r}")
        for _, field, _, _ in string.Formatter().parse(text):
            if field is not None and field not in MESSAGE_VARIABLES:
                fail(f"text uses unknown placeholder {{{field}}} (known: {', '.join(sorted(MESSAGE_VARIABLES))})")

    def run(self, ctx, params):
        for language in ctx.reply_languages():
            text = ctx.env.translate(language, params["text"]).format_map(ctx.variables(language))
            ctx.say(text, language, keep_accents=bool(params.get("keep_accents")))


@action("triage_input")
class TriageInput(Action):
    """Work out what the reply asks for; keep the ranked needs and, when sure, the one to act on."""

    def run(self, ctx, params):
        result = ctx.triage
        if params.get("keep") and (result is None or not result.needs):
            # "oui" to "are you thinking about suicide?" names no need: the message asked about keeps its own.
            return
        if result is None:
            ctx.state.needs, ctx.state.need = [], None
            return
        # The words that showed each need travel with it to the navigator's summary (when the person agrees).
        ctx.state.needs = [{"category": n.category, "score": round(n.score, 3), "evidence": list(n.evidence[:3])}
                           for n in result.needs]
        ctx.state.need = result.needs[0].category if result.needs and result.confident else None
        ctx.state.query = ctx.text
        if ctx.state.needs:
            ctx.emit("need_identified", needs=ctx.state.needs[:3], confident=bool(ctx.state.need),
                     language=ctx.lang)


@action("ask_clarify")
class AskClarify(Action):
    """Ask one question with numbered choices between the likeliest needs."""

    def run(self, ctx, params):
        options = [n["category"] for n in ctx.state.needs[:2]] or ["transport", "housing"]
        ctx.state.clarify_options = options
        if not ctx.replay:
            ctx.state.questions += 1
        choices = " ".join(f"{i} {ctx.t(NEED_CHOICES[c])}" for i, c in enumerate(options, 1))
        other = len(options) + 1
        ctx.say(ctx.t("Is it mainly: {choices} {other} something else?").format(choices=choices, other=other))
        ctx.emit("clarification_asked", options=options)


@action("choose_clarified")
class ChooseClarified(Action):
    """Take the numbered choice as the need to act on."""

    def run(self, ctx, params):
        number = as_number(ctx.text)
        if number and 1 <= number <= len(ctx.state.clarify_options):
            ctx.state.need = ctx.state.clarify_options[number - 1]
            ctx.emit("need_identified", needs=[{"category": ctx.state.need, "score": 1.0}], confident=True,
                     language=ctx.lang)


@action("search_services")
class SearchServices(Action):
    """Search the catalogue for the need; remember the results for paging; record whether the need was met."""

    def run(self, ctx, params):
        need = ctx.state.need or (ctx.state.needs[0]["category"] if ctx.state.needs else None)
        query = ctx.state.query or ctx.text
        night = is_night(ctx.now, ctx.env.settings.get("night_hours", "20-7"))
        person = about_person(query) or None
        # The person's words are not kept past the search that needed them: only what it read from them.
        ctx.state.query, ctx.state.person = "", person or {}
        matches = ctx.env.search(query, need, ctx.lang, ctx.now, SEARCH_LIMIT, where=place_in(query),
                                 person=person, open_first=night)
        good = [m for m in matches if m.score >= MATCH_THRESHOLD and (need is None or need in m.service.categories)]
        # At night, say honestly when nothing fitting is open, and list what opens first.
        ctx.state.closed_now = bool(night and good and not any(m.service.is_open(ctx.now) for m in good))
        if ctx.state.closed_now:
            far = ctx.now + dt.timedelta(days=8)
            good.sort(key=lambda m: m.service.next_open(ctx.now) or far)
        ctx.state.offered = [m.service.id for m in good]
        ctx.state.page = 0
        if need and need not in ctx.state.served:
            ctx.state.served.append(need)
        best = max((m.score for m in matches), default=None)
        ctx.emit("need_searched", category=need or "unknown", language=ctx.lang, matched=bool(good),
                 best_score=round(best, 1) if best is not None else None, results=len(good))


@action("send_services")
class SendServices(Action):
    """Send the current page of services as a short numbered list."""

    def run(self, ctx, params):
        services = ctx.page_services()
        if not services:
            return
        if ctx.state.closed_now and ctx.state.page == 0 and not ctx.replay:
            ctx.say(listing.closed_now(ctx, services[0]))
        label = ctx.t(NEED_LABELS.get(ctx.state.need or "", "Services near you"))
        more = ctx.has_more_pages()
        ctx.say(listing.service_list(ctx, services, ctx.t("{label}:").format(label=label), more))
        ctx.emit("services_offered", need=ctx.state.need, page=ctx.state.page,
                 service_ids=[s.id for s in services])


@action("next_page")
class NextPage(Action):
    """Move to the next page of results."""

    def run(self, ctx, params):
        if ctx.has_more_pages():
            ctx.state.page += 1


@action("send_service_details")
class SendServiceDetails(Action):
    """Send everything about the service the person picked by number."""

    def run(self, ctx, params):
        services = ctx.page_services()
        number = as_number(ctx.text) if not ctx.replay else None
        if number and 1 <= number <= len(services):
            ctx.state.selected = services[number - 1].id
        service = ctx.env.service(ctx.state.selected) if ctx.state.selected else None
        if service is None:
            return
        footer = ctx.t("Reply MORE for other options, MENU to start over, AGENT for a person.") \
            if ctx.has_more_pages() else ctx.t("Reply MENU to start over or AGENT for a person.")
        ctx.say(listing.service_details(ctx, service, footer))
        ctx.emit("service_details_sent", service_id=service.id)


@action("request_handoff")
class RequestHandoff(Action):
    """Hand the conversation to a person: it joins the navigators' queue (the console listens for the event)."""

    def validate(self, params, fail):
        if params.get("priority", "normal") not in ("normal", "urgent"):
            fail(f"priority must be normal or urgent, got {params.get('priority')!r}")

    def run(self, ctx, params):
        if any(event.type == "handoff_requested" for event in ctx.events):
            return  # one request a turn: the first says why
        state = ctx.state
        priority = params.get("priority", "normal")
        if priority == "urgent" and state.consent != "yes":
            # Safety first: the navigator reads the conversation, and the person is told so (not asked).
            state.consent = "crisis"
        if not state.with_a_person:
            state.mode, state.waiting_acked = "waiting", False
        reason = params.get("reason") or state.handoff_reason or "asked"
        state.handoff_reason = None
        ctx.emit("handoff_requested", reason=reason, priority=priority, needs=state.needs[:3], need=state.need,
                 crisis=state.crisis, language=ctx.lang, concern=state.concern, safety=state.safety,
                 consent=state.consent, offered=state.offered[:9])


@action("note_handoff_reason")
class NoteHandoffReason(Action):
    """Remember why a person is being offered (asked, unclear, no_match) until the handoff itself."""

    required = ("reason",)

    def run(self, ctx, params):
        ctx.state.handoff_reason = params["reason"]


@action("set_consent")
class SetConsent(Action):
    """Record whether the person agrees to share what they told us with the navigator."""

    required = ("value",)

    def validate(self, params, fail):
        super().validate(params, fail)
        if params.get("value") not in ("yes", "no"):
            fail(f"value must be yes or no, got {params.get('value')!r}")

    def run(self, ctx, params):
        ctx.state.consent = params["value"]
        ctx.emit("consent_given", shared=params["value"] == "yes")


# Translators: said right after a handoff, when navigators are at work; {wait} is a number of minutes.
WHAT_NEXT_OPEN = N_("Thank you. A navigator will text you back here, from this number, in about {wait} minutes. "
                    "To talk sooner, call {navigator_phone}. In danger, call {emergency}. Crisis line: {crisis_line}.")
# Translators: said right after a handoff, outside navigators' hours; {when} is e.g. "tomorrow at 8 AM".
WHAT_NEXT_CLOSED = N_("Thank you. Navigators are back {when}; one of them will text you back here, from this "
                      "number. In danger, call {emergency}. Crisis line, day and night: {crisis_line}.")
# Translators: added when the person chose not to share their words with the navigator.
NOT_SHARED = N_("I won't share your words: the navigator will only see your language and the kind of help.")
# Translators: when navigators are back, later today; {time} is e.g. "8 AM" / "8 h".
BACK_TODAY = N_("today at {time}")
# Translators: when navigators are back, tomorrow; {time} is e.g. "8 AM" / "8 h".
BACK_TOMORROW = N_("tomorrow at {time}")
# Translators: when navigators are back, another day; {day} is a weekday, {time} e.g. "8 AM" / "8 h".
BACK_ON_DAY = N_("{day} at {time}")


@action("say_what_next")
class SayWhatNext(Action):
    """Tell the person what happens now: a navigator texts back from this number, when, and the crisis numbers."""

    def run(self, ctx, params):
        outlook = ctx.env.handoff_outlook(ctx.now)
        values = ctx.variables()
        if outlook.open:
            text = ctx.t(WHAT_NEXT_OPEN).format(wait=outlook.wait_minutes, **values)
        else:
            back = outlook.back_at
            days = (back.date() - ctx.now.date()).days
            time = ctx.time(back.time())
            when = (ctx.t(BACK_TODAY).format(time=time) if days <= 0 else
                    ctx.t(BACK_TOMORROW).format(time=time) if days == 1 else
                    ctx.t(BACK_ON_DAY).format(day=ctx.weekday(back.weekday()), time=time))
            text = ctx.t(WHAT_NEXT_CLOSED).format(when=when, **values)
        if ctx.state.consent == "no":
            text = ctx.t(NOT_SHARED) + " " + text
        ctx.say(text)


@action("mark_crisis")
class MarkCrisis(Action):
    """Mark the conversation as a crisis, for a person at top priority."""

    def run(self, ctx, params):
        ctx.state.crisis = True
        ctx.emit("crisis_detected", language=ctx.lang)


@action("reset")
class Reset(Action):
    """Forget the needs and results so far; keep the language."""

    def run(self, ctx, params):
        state = ctx.state
        state.needs, state.need, state.query, state.offered = [], None, "", []
        state.page, state.selected, state.clarify_options, state.questions = 0, None, [], 0
        ctx.emit("conversation_restarted")


@action("count_question")
class CountQuestion(Action):
    """Count a question asked to find the need (we offer a person after two)."""

    def run(self, ctx, params):
        if not ctx.replay:
            ctx.state.questions += 1


@action("reset_questions")
class ResetQuestions(Action):
    """Start counting questions afresh (after a person was offered)."""

    def run(self, ctx, params):
        ctx.state.questions = 0


@action("enter_safety")
class EnterSafety(Action):
    """Keep the conversation in safety mode for a while: short replies get safety answers, not the menu."""

    def validate(self, params, fail):
        if params.get("mode") not in ("crisis", "violence", "same"):
            fail(f"mode must be crisis, violence or same, got {params.get('mode')!r}")

    def run(self, ctx, params):
        minutes = ctx.env.settings.get("safety_minutes", 120)
        # "same": a new crisis turn in safety mode keeps its mode and starts its time again.
        ctx.state.safety = ctx.state.safety if params["mode"] == "same" else params["mode"]
        ctx.state.safety_until = ctx.now.timestamp() + 60 * minutes
        ctx.emit("safety_mode", mode=params["mode"], minutes=minutes, concern=ctx.state.concern)


@action("end_safety")
class EndSafety(Action):
    """Leave safety mode (the person named another need, said they are safe, or time passed)."""

    def run(self, ctx, params):
        if ctx.state.safety:
            ctx.emit("safety_mode_ended", mode=ctx.state.safety)
        ctx.state.safety, ctx.state.safety_until = None, None


@action("ask_risk")
class AskRisk(Action):
    """Ask directly about the danger a warning sign points at, with the numbers in the question."""

    QUESTIONS = {
        "self": N_("Thank you for telling me. I want to ask you directly: are you thinking about suicide? "
                   "Reply 1 Yes or 2 No. You can call or text {crisis_line} any time, day or night."),
        "violence": N_("I want to make sure you are safe. Are you in danger right now? Reply 1 Yes or 2 No. "
                       "If you are in danger, call {emergency}."),
        "others": N_("Is someone in danger or hurt right now? Reply 1 Yes or 2 No. If so, call {emergency} now."),
    }

    def run(self, ctx, params):
        question = self.QUESTIONS.get(ctx.state.concern or "self", self.QUESTIONS["self"])
        for language in ctx.reply_languages():
            text = ctx.env.translate(language, question).format_map(ctx.variables(language))
            ctx.say(text, language, keep_accents=True)
        ctx.emit("risk_asked", concern=ctx.state.concern, language=ctx.lang)


@action("send_violence_help")
class SendViolenceHelp(Action):
    """Answer a violence disclosure: 911 first, then the 24/7 family-violence line and a shelter, and privacy."""

    def run(self, ctx, params):
        # The crisis node read the needs first (kept from the message asked about when "oui" names none).
        outsider = bool(ctx.state.needs) and ctx.state.needs[0]["category"] == "legal"
        if outsider:
            # A threat from outside the family (a dealer owed money, a stranger): a police matter, where a
            # women's shelter is no answer; the 24/7 victim services line is.
            found = ctx.env.search("victim services threat police 24/7", "legal", ctx.lang, ctx.now, 12)
        else:
            found = ctx.env.search("family violence line shelter 24/7", "family_violence", ctx.lang, ctx.now, 12)
        always = [m.service for m in found if getattr(m.service, "open_24_7", False) and m.service.phone]
        line = next((s for s in always if "shelter" not in s.categories), None)
        shelter = next((s for s in always if "shelter" in s.categories and s is not line), None)
        parts = [ctx.t("If you are in danger now, call {emergency}.")]
        if line is not None:
            parts.append(ctx.t("{name}, day and night: {phone}.").format(name=line.name(ctx.lang), phone=line.phone))
        if shelter is not None:
            parts.append(ctx.t("Safe shelter, day and night: {name}, {phone}.").format(
                name=shelter.name(ctx.lang), phone=shelter.phone))
        if outsider:
            # Nobody at home reads these texts: the word on deleting them would only cost a second segment.
            parts.append(ctx.t("A navigator will see your message first."))
        else:
            parts.append(ctx.t("A navigator will see your message first. If it is safer, delete our texts."))
        text = " ".join(parts).format_map(ctx.variables())
        ctx.say(text, keep_accents=True)
        ctx.emit("violence_help_sent", service_ids=[s.id for s in (line, shelter) if s is not None])


@action("set_aside_risk_need")
class SetAsideRiskNeed(Action):
    """After "no" to the direct question, the warning sign no longer ranks first: the need they named does."""

    def run(self, ctx, params):
        set_aside = {"self": "mental_health", "violence": "family_violence"}.get(ctx.state.concern or "")
        needs = [n for n in ctx.state.needs if n["category"] != set_aside]
        if needs and len(needs) < len(ctx.state.needs):
            ctx.state.needs, ctx.state.need = needs, needs[0]["category"]


@action("record_outcome")
class RecordOutcome(Action):
    """Record the answer to a follow-up: reached, not_reached or need_help."""

    required = ("value",)

    def validate(self, params, fail):
        super().validate(params, fail)
        if params.get("value") not in ("reached", "not_reached", "need_help", "none"):
            fail(f"value must be reached, not_reached, need_help or none, got {params.get('value')!r}")

    def run(self, ctx, params):
        followup = ctx.state.followup or {}
        if followup.get("id"):
            ctx.emit("followup_answered", followup_id=followup["id"], outcome=params["value"],
                     service_id=followup.get("service_id"))
        if params["value"] != "reached" and params["value"] != "not_reached":
            ctx.state.followup = {}


@action("record_feedback")
class RecordFeedback(Action):
    """Record how helpful the service was (counted per service for providers)."""

    required = ("value",)

    def run(self, ctx, params):
        followup = ctx.state.followup or {}
        if followup.get("id"):
            ctx.emit("feedback_given", followup_id=followup["id"], feedback=params["value"],
                     service_id=followup.get("service_id"))
        ctx.state.followup = {}


# Translators: PROFILE / PROFIL when something is kept; {needs} lists need names, {language} the language.
PROFILE_KEPT = N_("What we keep about you: language {language}; needs {needs}{facts}. Reply FORGET to erase "
                  "everything about this number.")
PROFILE_EMPTY = N_("We keep no profile about you. Your messages are kept {days} days to help you, then erased. "
                   "Reply FORGET to erase them now.")


@action("say_profile")
class SayProfile(Action):
    """Text back what is kept about the person (PROFILE / PROFIL)."""

    def run(self, ctx, params):
        profile = ctx.state.profile
        if not profile:
            days = int(ctx.env.settings.get("retention_days", 90))
            ctx.say(ctx.t(PROFILE_EMPTY).format(days=days))
            return
        needs = ", ".join(ctx.t(NEED_LABELS[n]).lower() for n in profile.get("needs", []) if n in NEED_LABELS)
        facts = _facts(ctx, profile.get("person") or {})
        language = ctx.t("French") if profile.get("language") == "fr" else ctx.t("English")
        ctx.say(ctx.t(PROFILE_KEPT).format(language=language, needs=needs or "-",
                                             facts=f"; {facts}" if facts else ""))


# Translators: facts a profile may keep, listed after the needs.
FACTS = {"age": N_("age {value}"), "family": N_("with children"), "pregnant": N_("pregnant"),
         "newcomer": N_("newcomer"), "senior": N_("senior"), "indigenous": N_("Indigenous"), "pets": N_("a pet")}


def _facts(ctx, person: dict) -> str:
    """Say the facts a profile keeps (an age, children...), in the person's language."""
    return ", ".join(ctx.t(FACTS[key]).format(value=value) for key, value in person.items()
                     if key in FACTS and value)


@action("remember_profile")
class RememberProfile(Action):
    """Keep what the person agreed to (needs, language, facts such as an age group), never their words."""

    def run(self, ctx, params):
        needs = list(ctx.state.served[-3:]) or [n["category"] for n in ctx.state.needs[:3]]
        profile = {"language": ctx.lang, "needs": needs, "person": dict(ctx.state.person or {}),
                   "since": ctx.now.date().isoformat()}
        ctx.state.profile = profile
        ctx.emit("profile_saved", profile=profile)


@action("mark_profile_asked")
class MarkProfileAsked(Action):
    """Ask about remembering once a conversation."""

    def run(self, ctx, params):
        ctx.state.profile_asked = True


@action("forget_person")
class ForgetPerson(Action):
    """Erase everything about this number (the record does it once this turn is kept)."""

    def run(self, ctx, params):
        ctx.emit("forget_requested")
        ctx.state.profile, ctx.state.needs, ctx.state.need, ctx.state.person = None, [], None, {}
