"""The engine: (state, inbound message) → (new state, outbound messages, events). No I/O of its own."""
from __future__ import annotations

import copy
import logging

from bot.engine.actions import ACTIONS
from bot.engine.conditions import CONDITIONS
from bot.engine.definition import Flows, Node
from bot.engine.keywords import keyword_key
from bot.engine.needs import N_
from bot.engine.state import ConversationState, Event, Inbound, Outbound, Result
from bot.engine.text import as_number, has_letters, normalise

log = logging.getLogger(__name__)

#: Nodes one turn may pass through before we assume the flow loops.
MAX_STEPS = 40
#: Services shown at a time.
PAGE_SIZE = 3
#: The flow every conversation starts in.
MAIN_FLOW = "main"
# Translators: the short safety line every conversation's first answer carries (as 211 text lines do).
SAFETY_LINE = N_("In danger: {emergency}. Crisis: call or text {crisis_line}.")
# Translators: the one answer to texts sent while waiting for a navigator (later ones are silent).
WAITING_ACK = N_("Your message is saved. A navigator will answer you here soon. In danger, call {emergency}. "
                 "Crisis line: {crisis_line}.")
#: Keywords that work the same whoever holds the conversation; MENU also takes it back from the person.
PERSON_MODE_KEYWORDS = frozenset({"stop", "start", "help", "menu", "profile", "forget"})
#: Keywords that bring an opted-out number back, as START does.
OPT_BACK_IN = frozenset({"resume", "menu"})
#: Words that answer "1 to continue, 2 to start over" (a returning texter).
RETURN_WORDS = {"continue": 1, "continuer": 1, "reprendre": 1, "yes": 1, "oui": 1, "start over": 2,
                "recommencer": 2, "restart": 2, "new": 2, "nouveau": 2}


class Context:
    """One turn in progress: the state being changed and what the turn has said and noticed so far."""

    def __init__(self, flows: Flows, state: ConversationState, inbound: Inbound, env):
        self.flows, self.state, self.inbound, self.env = flows, state, inbound, env
        self.text = inbound.text or ""
        self.now = inbound.received_at or env.now()
        self.messages: list[Outbound] = []
        self.events: list[Event] = []
        self.replay = False
        #: Languages a reply is written in when the person's is not known yet (a first "AGENT").
        self.both_languages = False
        #: The short safety line a conversation's first answer carries; lists leave room for it.
        self.safety_line: dict[str, str] = {}
        self._triage = None
        self._triaged = False

    @property
    def lang(self) -> str:
        return self.state.language or self.env.settings.get("default_language", "en")

    def reply_languages(self) -> tuple[str, ...]:
        """Return the languages to answer in: the person's, or both while we can't tell it."""
        return ("en", "fr") if self.both_languages and self.state.language is None else (self.lang,)

    def fits(self, text: str) -> bool:
        """Tell whether `text` fits one reply on this channel, with room for this turn's safety line."""
        line = self.safety_line.get(self.lang)
        return self.env.fits(text + "\n" + line if line else text)

    @property
    def triage(self):
        """Return the triage of this turn's text (computed once), or None when it holds no words."""
        if not self._triaged:
            self._triaged = True
            self._triage = self.env.triage(self.text) if has_letters(self.text) else None
        return self._triage

    def t(self, msgid: str) -> str:
        return self.env.translate(self.lang, msgid)

    def time(self, value) -> str:
        return self.env.format_time(value, self.lang)

    def weekday(self, day: int, short: bool = False) -> str:
        return self.env.weekday_name(day, self.lang, short)

    def variables(self, language: str | None = None) -> dict:
        from bot.engine.needs import NEED_LABELS

        settings = self.env.settings
        need = NEED_LABELS.get(self.state.need or "")
        return {
            "crisis_line": settings.get("crisis_line", "9-8-8"),
            "emergency": settings.get("emergency_number", "911"),
            "navigator_phone": settings.get("navigator_phone", ""),
            "helpline": settings.get("helpline_name", "Passerelle"),
            "need": self.env.translate(language or self.lang, need).lower() if need else "",
        }

    def say(self, text: str, language: str | None = None, keep_accents: bool = False) -> None:
        self.messages.append(Outbound(text=text, language=language or self.lang, keep_accents=keep_accents))

    def emit(self, kind: str, **payload) -> None:
        # A replayed prompt (after a language switch) repeats words, not facts.
        if not self.replay:
            self.events.append(Event(kind, payload))

    def page_services(self) -> list:
        start = self.state.page * PAGE_SIZE
        found = (self.env.service(i) for i in self.state.offered[start:start + PAGE_SIZE])
        return [s for s in found if s is not None]

    def has_more_pages(self) -> bool:
        return (self.state.page + 1) * PAGE_SIZE < len(self.state.offered)


class Engine:
    """Runs flows: takes a state and an inbound message, returns the next state, messages and events."""

    def __init__(self, flows: Flows):
        self.flows = flows

    def resume(self, state: ConversationState | None, inbound: Inbound, env) -> Result:
        """Advance the conversation by one inbound message."""
        state = copy.deepcopy(state) if state is not None else ConversationState(channel=inbound.channel)
        ctx = Context(self.flows, state, inbound, env)
        now = ctx.now.timestamp()
        idle = now - state.last_active if state.last_active else 0
        state.turns += 1
        state.started_at = state.started_at or now
        state.last_active = now
        keyword = self.flows.keywords.get(keyword_key(ctx.text)) if ctx.text else None

        if state.opted_out:
            if keyword and keyword["name"] in OPT_BACK_IN:
                # REPRENDRE, RECOMMENCER, MENU: coming back, as START.
                keyword = self.flows.keywords.get("start")
            elif not (keyword and keyword["do"] == "opt_in"):
                # Opted out: silence, but for HELP or a message in danger, which get the numbers and how to
                # come back, never the services.
                if (keyword and keyword["name"] == "help") or (ctx.triage is not None and ctx.triage.risk):
                    self._enter(ctx, f"{MAIN_FLOW}:stopped_help")
                return Result(state, ctx.messages, ctx.events)
        if not state.safety_line_sent:
            ctx.safety_line = {lang: self._safety_line(ctx, lang) for lang in ("en", "fr")}
        if state.with_a_person and self._with_a_person(ctx, keyword):
            pass
        elif keyword is not None:
            self._keyword(ctx, keyword)
        elif state.held_text is not None:
            self._answer_return(ctx)
        else:
            self._settle_language(ctx)
            returning = self._hook(ctx, "on_return")
            if self._safety_first(ctx):
                pass
            elif state.node is not None and returning and idle >= env.settings.get("resume_after", 1800) \
                    and not ctx.state.in_safety_mode(ctx.now.timestamp()):
                state.held_text = ctx.text
                self._enter(ctx, returning)
            else:
                self._route(ctx)
        if ctx.safety_line and ctx.messages:
            self._add_safety_line(ctx)
        return Result(state, ctx.messages, ctx.events)

    # -- with a person ---------------------------------------------------------------------------

    def _with_a_person(self, ctx, keyword) -> bool:
        """Handle a text while a navigator is awaited or holds the conversation; False lets the flow answer.

        STOP, HELP and MENU work as ever (MENU takes the conversation back from the person), and danger gets the
        safety answers in every mode. Otherwise, while waiting, a need said plainly still gets its services and
        any other text is acknowledged once; while a navigator holds it, the bot is silent: every text goes to
        the navigator.
        """
        state = ctx.state
        if keyword is not None and keyword["name"] in PERSON_MODE_KEYWORDS:
            if keyword["name"] in ("menu", "stop", "forget"):
                ctx.emit("handoff_cancelled", reason=keyword["name"], mode=state.mode)
                state.mode, state.waiting_acked = "bot", False
            return False
        result = ctx.triage
        safety = state.in_safety_mode(ctx.now.timestamp())
        if state.mode == "waiting":
            if (result is not None and result.risk) or safety:
                return False  # nobody is answering yet: the safety answers, as in the bot's own mode
            if result is not None and result.confident and result.needs:
                # A need said plainly ("I need food for tomorrow") gets its services now, while they still wait
                # for the navigator, who sees both; "hello? anyone there?" is only acknowledged.
                return False
            if not state.waiting_acked:
                state.waiting_acked = True
                ctx.say(ctx.t(WAITING_ACK).format_map(ctx.variables()))
            return True
        # A navigator holds it: they answer, but danger still gets the numbers at once and the queue is told.
        if result is not None and result.risk == "crisis":
            return False
        if safety and result is not None and result.danger_now:
            self._enter(ctx, f"{MAIN_FLOW}:not_safe")  # "he's here": call 911 now, and the navigator is alerted
        elif result is not None and result.risk == "possible":
            ctx.emit("risk_flagged", risk=result.risk, concern=result.concern)
        return True

    # -- the safety line -------------------------------------------------------------------------

    @staticmethod
    def _safety_line(ctx, language: str) -> str:
        return ctx.env.translate(language, SAFETY_LINE).format_map(ctx.variables(language))

    def _add_safety_line(self, ctx) -> None:
        """End a conversation's first answer with the emergency and crisis numbers, unless it gave them."""
        ctx.state.safety_line_sent = True
        if any(m.keep_accents for m in ctx.messages):
            return  # a crisis or safety answer: it already gives the numbers that fit the danger
        numbers = (ctx.variables()["emergency"], ctx.variables()["crisis_line"])
        for language in dict.fromkeys(m.language for m in ctx.messages):
            said = " ".join(m.text for m in ctx.messages if m.language == language)
            if not all(number in said for number in numbers):
                line = ctx.safety_line[language]
                if ctx.state.language is None:
                    # We can't tell their language yet (a first "?" or emoji): the line in both.
                    line = " / ".join(ctx.safety_line[lang] for lang in ("en", "fr"))
                # Right after that language's last message, so the channel can send them as one.
                last = max(i for i, m in enumerate(ctx.messages) if m.language == language)
                ctx.messages.insert(last + 1, Outbound(text=line, language=language))

    # -- steps -----------------------------------------------------------------------------------

    def _settle_language(self, ctx) -> None:
        """Take the language from the message until it is settled (detected with confidence, or chosen)."""
        state = ctx.state
        if not state.language_chosen and ctx.triage is not None and ctx.triage.language_confident:
            if state.language != ctx.triage.language:
                ctx.emit("language_set", language=ctx.triage.language, reason="detected")
            state.language = ctx.triage.language
            state.language_chosen = True

    def _keyword(self, ctx, keyword) -> None:
        state = ctx.state
        operation = keyword["do"]
        if state.language is None and not state.language_chosen:
            if keyword["language"] and operation != "set_language":
                # A new contact's AIDE says they write French: answer in it and keep it.
                state.language, state.language_chosen = keyword["language"], True
                ctx.emit("language_set", language=state.language, reason="keyword")
            else:
                ctx.both_languages = True
        if operation == "opt_out":
            state.opted_out = True
            ctx.emit("opted_out", keyword=keyword["name"])
        elif operation == "opt_in":
            state.opted_out = False
            ctx.emit("opted_in")
        elif operation == "set_language":
            state.language = keyword["arg"]
            state.language_chosen = True
            ctx.emit("language_set", language=state.language, reason="asked")
        state.held_text = None
        if keyword["goto"]:
            self._enter(ctx, keyword["goto"])
        if keyword["reprompt"] or operation == "resume":
            if state.node is not None:
                self._reprompt(ctx)
            elif keyword["else_goto"]:
                self._enter(ctx, keyword["else_goto"])

    def _answer_return(self, ctx) -> None:
        """Handle the reply to 'continue or start over?' asked of a returning texter."""
        state = ctx.state
        held, state.held_text = state.held_text, None
        choice = as_number(ctx.text) or RETURN_WORDS.get(normalise(ctx.text))
        if choice == 2:
            ACTIONS["reset"].run(ctx, {})
            state.node = None
            ctx.text, ctx._triaged = held, False
            self._settle_language(ctx)
            self._start(ctx)
            return
        if choice == 1:
            ctx.emit("conversation_resumed")
            ctx.text, ctx._triaged = held, False
            if as_number(held) is None and not (ctx.triage and ctx.triage.needs) and not ctx.state.safety:
                # Their earlier words ("hi", "allo?") asked nothing: show again what was waiting (the list).
                self._reprompt(ctx, replay=False)
                return
            # Their earlier words were an answer to the question still waiting: use them now.
        if not self._safety_first(ctx):
            self._route(ctx)

    def _safety_first(self, ctx) -> bool:
        """Answer danger before anything else: a crisis at once, a warning sign with a direct question."""
        result, state = ctx.triage, ctx.state
        if result is None or result.risk is None:
            return False
        if result.risk == "crisis" or ctx.state.in_safety_mode(ctx.now.timestamp()):
            # In safety mode a warning sign ("I have the pills right here") is a crisis turn.
            state.concern = result.concern if result.risk == "crisis" else state.concern or result.concern
            self._enter_hook(ctx, "on_crisis")
            return True
        state.concern = result.concern
        target = self._hook(ctx, "on_possible")
        if target is None:
            return False
        self._enter(ctx, target)
        return True

    def _reprompt(self, ctx, replay: bool = True) -> None:
        """Say again what the waiting node asked, in the current language."""
        if ctx.state.node is None:
            return
        _, node = self.flows.node(ctx.state.node)
        ctx.replay = replay
        try:
            for act in node.actions:
                ACTIONS[act.type].run(ctx, act.params)
        finally:
            ctx.replay = False

    def _hook(self, ctx, hook: str) -> str | None:
        """Return the node a hook leads to: the waiting flow's own, else the main flow's."""
        for flow in (self.flows.flows.get(ctx.state.flow), self.flows.flows[MAIN_FLOW]):
            target = getattr(flow, hook, None) if flow else None
            if target:
                return f"{flow.id}:{target}"
        return None

    def _start(self, ctx) -> None:
        flow = self.flows.flows[MAIN_FLOW]
        self._enter(ctx, f"{flow.id}:{flow.start}")

    def _enter_hook(self, ctx, hook: str) -> None:
        target = self._hook(ctx, hook)
        if target:
            self._enter(ctx, target)
        else:
            self._route(ctx)

    def _route(self, ctx) -> None:
        """Send the reply through the waiting node's router."""
        if ctx.state.node is None:
            self._start(ctx)
            return
        flow, node = self.flows.node(ctx.state.node)
        target = self._next(ctx, node)
        if target is None:
            return
        self._enter(ctx, self._qualify(flow.id, target))

    def _next(self, ctx, node: Node) -> str | None:
        if node.router is not None:
            router = node.router
            for case in router.cases:
                if CONDITIONS[case.test](ctx, *case.args):
                    return router.exits[case.category]
            return router.exits[router.default]
        return node.exit

    @staticmethod
    def _qualify(flow_id: str, target: str) -> str:
        return target if ":" in target else f"{flow_id}:{target}"

    def _enter(self, ctx, ref: str) -> None:
        """Run nodes from `ref` until one waits for a reply or the flow ends."""
        for _ in range(MAX_STEPS):
            flow, node = self.flows.node(ref)
            for act in node.actions:
                ACTIONS[act.type].run(ctx, act.params)
            if node.wait:
                ctx.state.node, ctx.state.flow = ref, flow.id
                return
            target = self._next(ctx, node)
            if target is None:
                # A node that neither waits nor goes on ends the turn; whatever was waiting keeps waiting.
                return
            ref = self._qualify(flow.id, target)
        log.error("flow loop: more than %d nodes in one turn, stopped at %s", MAX_STEPS, ref)
