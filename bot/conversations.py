"""One inbound message on any channel, end to end: record it, run the engine, record and publish what came of it."""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.engine import ConversationState, Engine, Inbound, Outbound, Result
from bot.engine.needs import N_
from bot.errors import AnswerPending
from bot.guards import ANSWER, SLOW_DOWN, Guards
from bot.privacy import contact_key, mask, normalise_address
from bot.record import Contact, Conversation, Direction, Event, Message, Mode, NeedRequest, utcnow
from bot.spool import Spool

log = logging.getLogger(__name__)

#: How long a copy of a message id (Twilio retrying) waits for the first request's answer; well under
#: Twilio's 15 s, since Twilio keeps the answer of whichever request ends last.
COPY_WAIT_SECONDS = 8.0
#: How often the copy looks for that answer.
COPY_POLL_SECONDS = 0.05


#: Said once to a number that texts faster than RATE_LIMIT_PER_MINUTE.
SLOW_DOWN_TEXT = N_("You are sending many messages at once. I will answer again in a minute. In danger, call {emergency}.")


#: Events that change the navigators' queue.
QUEUE_EVENTS = frozenset({"handoff_requested", "handoff_cancelled", "risk_flagged", "crisis_detected"})


class DuplicateMessage(Exception):
    """This message id is already recorded: the request is a copy (a retry) of one already received."""


@dataclass(frozen=True)
class Received:
    """An inbound message safely recorded, with who sent it and in which conversation."""

    message_id: int
    conversation_id: str
    contact_key: str
    opted_out: bool
    language: str | None
    new_conversation: bool
    #: Who answers the conversation (bot, waiting, navigator) and what the person agreed to share.
    mode: str = Mode.BOT
    consent: str | None = None
    contact_id: int | None = None
    #: What the person agreed we remember (None: nothing).
    profile: dict | None = None
    #: The follow-up this text may answer: {"id", "service", "service_id"} (empty: none).
    followup: dict | None = None


@dataclass(frozen=True)
class RenderedMessage:
    """An outbound message as the channel will send it."""

    text: str
    language: str
    segments: int | None = None
    encoding: str | None = None


@dataclass(frozen=True)
class Turn:
    """The outcome of one inbound message: the channel's response and what the engine did."""

    response: str
    conversation_id: str
    messages: list[RenderedMessage]
    result: Result | None


#: Renders engine messages for a channel: (messages, the turn's result or None) → (rendered messages, document).
Renderer = Callable[..., tuple[list[RenderedMessage], str]]


class Conversations:
    """Ties the record, the state store and the engine together for every channel."""

    def __init__(self, database, store, engine: Engine, settings: dict, environment_for: Callable, guards=None):
        self.database = database
        self.store = store
        self.engine = engine
        self.settings = settings
        self.environment_for = environment_for
        self.guards = guards
        self.waiting = Spool(store, settings.get("PASSERELLE_HOME", ".passerelle"))
        #: The job queue, so forgetting a person also drops the queued texts to their number.
        self.queue = None

    # -- idempotency -----------------------------------------------------------------------------

    def stored_response(self, channel: str, external_id: str | None) -> str | None:
        """Return the response already given to this message id, if we have answered it before."""
        if not external_id:
            return None
        with self.database.session() as session:
            return session.execute(
                select(Message.response).where(Message.channel == channel, Message.direction == Direction.INBOUND,
                                               Message.external_id == external_id)
            ).scalar_one_or_none()

    # -- recording -------------------------------------------------------------------------------

    def receive(self, channel: str, address: str, external_id: str | None, text: str,
                now: dt.datetime | None = None) -> Received:
        """Record an inbound message in its conversation (made if needed) before anything else happens.

        Raise DuplicateMessage when the message id is already recorded (a retry). Two first texts from a new
        number may both try to make its contact: the second finds the first's.
        """
        now = now or utcnow()
        key = contact_key(self.settings["SECRET_KEY"], address)
        cutoff = now - dt.timedelta(seconds=self.settings["CONVERSATION_TTL"])
        with self.database.writing() as session:
            contact = self._contact(session, key, address, now)
            # One person, one conversation, whatever the channel: a call continues what a text began. A
            # conversation a navigator awaits or holds stays open however long the silence.
            conversation = session.execute(
                select(Conversation).where(Conversation.contact_id == contact.id, Conversation.mode != Mode.CLOSED,
                                           (Conversation.last_activity_at >= cutoff)
                                           | Conversation.mode.in_(Mode.WITH_A_PERSON))
                .order_by(Conversation.last_activity_at.desc()).limit(1)
            ).scalar_one_or_none()
            new = conversation is None
            if new:
                conversation = Conversation(contact_id=contact.id, channel=channel, mode=Mode.BOT,
                                            language=contact.language, started_at=now, last_activity_at=now)
                session.add(conversation)
                session.flush()
            conversation.last_activity_at = now
            message = Message(conversation_id=conversation.id, direction=Direction.INBOUND, channel=channel,
                              external_id=external_id, body=text, status="received", created_at=now)
            session.add(message)
            try:
                session.flush()
            except IntegrityError as error:
                raise DuplicateMessage(external_id) from error
            followup = self._pending_followup(session, contact, now)
            return Received(message.id, conversation.id, key, contact.opted_out, contact.language, new,
                            conversation.mode, conversation.consent, contact.id, contact.profile, followup)

    def _pending_followup(self, session, contact: Contact, now: dt.datetime) -> dict | None:
        from bot import followups

        found = followups.pending(session, contact.id, now, self.settings.get("FOLLOWUP_ANSWER_DAYS", 7))
        if found is None:
            return None
        return {"id": found.id, "service_id": (found.service_ids or [None])[0], "language": found.language}

    @staticmethod
    def _contact(session, key: str, address: str, now: dt.datetime) -> Contact:
        """Return the person's contact, made if new; a contact another request made a moment ago is found."""
        for _ in range(2):
            # The row stays locked until the message is recorded (on SQLite, `writing` holds the write lock): when
            # Redis is down or absent, and the per-person lock with it, two first texts still make one conversation.
            contact = session.execute(
                select(Contact).where(Contact.key == key).with_for_update()).scalar_one_or_none()
            if contact is not None:
                if not contact.address:
                    contact.address = normalise_address(address)
                return contact
            try:
                with session.begin_nested():
                    contact = Contact(key=key, address=normalise_address(address), created_at=now)
                    session.add(contact)
                return contact
            except IntegrityError:
                continue  # made by a request running beside this one: read it
        raise RuntimeError("contact could be neither made nor found")

    def spool(self, channel: str, address: str, external_id: str | None, text: str) -> None:
        """Keep an inbound message while the database can't take it (Redis, else a local file), for replay."""
        self.waiting.put({"channel": channel, "address": address, "external_id": external_id, "text": text,
                          "at": utcnow().isoformat()})

    def replay_spool(self, render: Renderer, send: Callable | None = None) -> dict:
        """Replay the texts that waited for the database as real turns; return the counts (replayed, dead,
        waiting). A text still fresh (SPOOL_ANSWER_WITHIN) gets its real answer through `send`."""
        return self.waiting.replay(lambda entry: self._replay(entry, render, send))

    def replay_soon(self, render: Renderer, send: Callable | None, wrap: Callable) -> None:
        """After a turn went through, replay in the background whatever waited for the database."""
        self.waiting.replay_soon(lambda entry: wrap(lambda: self._replay(entry, render, send)))

    def _replay(self, entry: dict, render: Renderer, send: Callable | None) -> None:
        at = dt.datetime.fromisoformat(entry["at"])
        turn = self.handle(entry["channel"], entry["address"], entry.get("external_id"), entry["text"], render,
                           now=at, keep_if_down=False)
        fresh = (utcnow() - at).total_seconds() < self.settings.get("SPOOL_ANSWER_WITHIN", 1800)
        if turn.result is not None and turn.messages and send is not None and fresh:
            # They got an apology at the time; now the real answer, by the REST API.
            send(turn.conversation_id, entry["address"], turn.messages)

    # -- the turn --------------------------------------------------------------------------------

    def handle(self, channel: str, address: str, external_id: str | None, text: str, render: Renderer,
               now: dt.datetime | None = None, answer: bool = True, keep_if_down: bool = True) -> Turn:
        """Record, resume the engine, record the reply; return the channel's response.

        One person's texts are handled one after the other (a per-person lock held from recording to reply),
        so two first texts make one contact and one conversation, and the second reads the first's state.
        """
        with self.store.lock(contact_key(self.settings["SECRET_KEY"], address)):
            return self._handle(channel, address, external_id, text, render, now, answer, keep_if_down)

    def _handle(self, channel, address, external_id, text, render, now, answer=True, keep_if_down=True) -> Turn:
        try:
            received = self.receive(channel, address, external_id, text, now)
        except DuplicateMessage:
            # Twilio retrying while (or after) the first request answers: give the very same answer.
            return Turn(self._answer_of(channel, external_id), "", [], None)
        except Exception:
            # The database can't take it: keep the message (Redis, else a file) so it is not lost, then let the
            # caller apologise. A replay keeps its entry itself.
            if keep_if_down:
                self.spool(channel, address, external_id, text)
            raise
        if not answer:
            # A sender we must not answer (a short code, an alphanumeric sender, our own number): recorded only.
            return self._answered_without_turn(received, render, [], "not_answered")
        environment = self.environment_for(channel)
        held = self._held_back(received, text, environment, render)
        if held is not None:
            return held
        state = self._state_for(received)
        local_now = environment.now()
        received_at = local_now if now is None else now.astimezone(local_now.tzinfo)
        inbound = Inbound(text=text, channel=channel, received_at=received_at)
        result = self.engine.resume(state, inbound, environment)
        result.state.conversation_id = received.conversation_id
        self.store.save(received.contact_key, result.state.to_dict())
        # The renderer gets the whole turn: the voice line reads the state (services offered, a consent question,
        # a crisis); SMS renders the messages alone.
        rendered, response = render(result.messages, result)
        self._record_outcome(received, channel, result, rendered, response)
        if result.event("forget_requested") is not None:
            # Kept first (the answer must still go), then erased: the number, the words, the state, the jobs.
            from bot.forgetting import forget

            forget(self.database, self.store, self.settings, received.contact_id, address, queue=self.queue)
            self.store.announce(received.conversation_id, True)
            return Turn(response, received.conversation_id, rendered, result)
        if self.guards is not None and rendered:
            self.guards.replied(received.contact_key, rendered[0].text)
        for event in result.events:
            self.store.publish(received.conversation_id, event.type, event.payload)
        queue_changed = result.state.with_a_person or received.mode in Mode.WITH_A_PERSON or any(
            e.type in QUEUE_EVENTS for e in result.events)
        self.store.announce(received.conversation_id, queue_changed)
        log.info("%s turn for %s: %d in, %d out, events %s", channel, received.contact_key[:8], 1, len(rendered),
                 ",".join(e.type for e in result.events) or "-")
        return Turn(response, received.conversation_id, rendered, result)

    def handle_step(self, channel: str, address: str, external_id: str | None, text: str,
                    respond: Callable[[Received], tuple[list[RenderedMessage], str]]) -> Turn:
        """Record a step the channel answers itself, without the engine (a voice menu: hear again, text me
        these): the inbound first, then what `respond` says, kept for a retry of the same step."""
        with self.store.lock(contact_key(self.settings["SECRET_KEY"], address)):
            try:
                received = self.receive(channel, address, external_id, text)
            except DuplicateMessage:
                return Turn(self._answer_of(channel, external_id), "", [], None)
            except Exception:
                self.spool(channel, address, external_id, text)
                raise
            rendered, response = respond(received)
            now = utcnow()
            with self.database.session() as session:
                inbound = session.get(Message, received.message_id)
                inbound.response, inbound.status = response, "answered"
                for message in rendered:
                    session.add(Message(conversation_id=received.conversation_id, direction=Direction.OUTBOUND,
                                        channel=channel, body=message.text, language=message.language,
                                        status="replied", reply_to_id=inbound.id, created_at=now))
            self.store.announce(received.conversation_id, received.mode in Mode.WITH_A_PERSON)
            return Turn(response, received.conversation_id, rendered, None)

    def record_event(self, conversation_id: str, kind: str, **payload) -> None:
        """Add an event a channel noticed outside a turn (a call-back asked for) to the record, and tell consoles."""
        with self.database.session() as session:
            session.add(Event(conversation_id=conversation_id, type=kind, payload=payload, created_at=utcnow()))
            conversation = session.get(Conversation, conversation_id)
            if conversation is not None and kind == "callback_requested":
                conversation.handoff_reason = "call_back"
                if conversation.mode not in Mode.WITH_A_PERSON:
                    conversation.mode, conversation.waiting_since = Mode.WAITING, utcnow()
        self.store.announce(conversation_id, True)

    def _held_back(self, received: Received, text: str, environment, render) -> Turn | None:
        """Return the turn for a text the guards hold back (a flood, a loop), or None to answer it."""
        if self.guards is None:
            return None
        result = environment.triage(text) if text else None
        verdict = self.guards.check(received.contact_key, text, bool(result and result.risk))
        if verdict.action == ANSWER:
            return None
        messages = []
        if verdict.action == SLOW_DOWN:
            language = received.language or (result.language if result else None) or "en"
            text = environment.translate(language, SLOW_DOWN_TEXT).format(emergency=self.settings["EMERGENCY_NUMBER"])
            messages = [Outbound(text=text, language=language)]
        log.info("held back a text from %s (%s)", received.contact_key[:8], verdict.reason)
        return self._answered_without_turn(received, render, messages, f"held_back:{verdict.reason}")

    def _answered_without_turn(self, received: Received, render: Renderer, messages: list, status: str) -> Turn:
        """Record the answer (maybe none) given to a text the engine did not see, and why."""
        rendered, response = render(messages)
        with self.database.session() as session:
            message = session.get(Message, received.message_id)
            message.response, message.status = response, status
        return Turn(response, received.conversation_id, rendered, None)

    def _answer_of(self, channel: str, external_id: str) -> str:
        """Wait, a bounded time, for the answer the first request gives a message id; raise AnswerPending."""
        deadline = time.monotonic() + COPY_WAIT_SECONDS
        while True:
            response = self.stored_response(channel, external_id)
            if response is not None:
                return response
            if time.monotonic() >= deadline:
                raise AnswerPending(external_id)
            time.sleep(COPY_POLL_SECONDS)

    def _state_for(self, received: Received) -> ConversationState:
        data = self.store.load(received.contact_key)
        state = ConversationState.from_dict(data)
        if data is None or state.conversation_id != received.conversation_id:
            # A new conversation (or Redis lost it): start afresh, but remember the language they chose before.
            state = ConversationState(conversation_id=received.conversation_id)
            if received.language:
                state.language, state.language_chosen = received.language, True
        # The record is the authority on opt-out (it outlives the state's 24 hours) and on who holds the
        # conversation (a navigator claims or hands back from the console, outside any turn).
        state.opted_out = received.opted_out
        if state.mode != received.mode:
            state.mode, state.waiting_acked = received.mode, False
        if received.consent is not None:
            state.consent = received.consent
        state.profile = received.profile
        if data is None and received.profile:
            # A profile they agreed to keep: they don't repeat their situation (an age, children) or language.
            state.person = dict(received.profile.get("person") or {})
            if received.profile.get("language") and not state.language:
                state.language, state.language_chosen = received.profile["language"], True
        if received.followup and state.followup.get("id") != received.followup["id"] and not state.with_a_person:
            # A follow-up awaits its answer: "1", "2" or "3" now answer it (anything else is read as new).
            state.followup = dict(received.followup)
            state.flow, state.node = "followup", "followup:ask"
            state.held_text = None
            if received.followup.get("language") and not state.language:
                state.language, state.language_chosen = received.followup["language"], True
        return state

    def _record_outcome(self, received: Received, channel: str, result: Result, rendered, response: str) -> None:
        now = utcnow()
        with self.database.session() as session:
            inbound = session.get(Message, received.message_id)
            conversation = session.get(Conversation, received.conversation_id)
            contact = conversation.contact
            inbound.response = response
            inbound.status = "answered" if rendered else "silenced" if result.state.opted_out else "answered"
            for message in rendered:
                session.add(Message(conversation_id=conversation.id, direction=Direction.OUTBOUND, channel=channel,
                                    body=message.text, language=message.language, status="replied",
                                    segments=message.segments, encoding=message.encoding,
                                    reply_to_id=inbound.id, created_at=now))
            if result.state.language:
                conversation.language = result.state.language
            for event in result.events:
                session.add(Event(conversation_id=conversation.id, type=event.type, payload=event.payload,
                                  created_at=now))
                self._apply(event, session, contact, conversation, channel, now)
            conversation.last_activity_at = now

    def _apply(self, event, session, contact: Contact, conversation: Conversation, channel: str, now) -> None:
        """Carry an engine event into the durable record."""
        payload, settings = event.payload, self.settings
        if event.type == "opted_out":
            contact.opted_out, contact.opted_out_at = True, now
            log.info("opt-out recorded for %s", mask(contact.address))
        elif event.type == "opted_in":
            contact.opted_out, contact.opted_out_at = False, None
        elif event.type == "language_set":
            contact.language = payload["language"]
        elif event.type == "crisis_detected":
            conversation.crisis = True
        elif event.type == "handoff_requested":
            if conversation.mode not in Mode.WITH_A_PERSON:
                conversation.mode, conversation.waiting_since, conversation.reminded_at = Mode.WAITING, now, None
                conversation.outcome, conversation.closed_at = None, None
            urgent = payload.get("priority") == "urgent"
            conversation.priority = max(conversation.priority or 0, 2 if urgent else 1 if payload.get("concern") else 0)
            conversation.handoff_reason = payload.get("reason")
            conversation.consent = payload.get("consent") or conversation.consent
        elif event.type == "consent_given":
            conversation.consent = "yes" if payload.get("shared") else "no"
        elif event.type == "handoff_cancelled":
            conversation.mode, conversation.waiting_since, conversation.held_by_id = Mode.BOT, None, None
            conversation.priority = 0
        elif event.type == "risk_flagged":
            conversation.priority = max(conversation.priority or 0, 1)
        elif event.type in ("services_offered", "service_details_sent"):
            from bot import followups

            ids = payload.get("service_ids") or [payload.get("service_id")]
            followups.schedule(session, conversation, [i for i in ids if i], payload.get("need"),
                               conversation.language, now, settings["FOLLOWUP_DAYS"])
        elif event.type in ("followup_answered", "feedback_given"):
            from bot.record import FollowUp

            followup = session.get(FollowUp, payload.get("followup_id"))
            if followup is not None:
                if event.type == "followup_answered":
                    followup.status, followup.answered_at = "answered", now
                    followup.outcome = None if payload.get("outcome") == "none" else payload.get("outcome")
                else:
                    followup.feedback = payload.get("feedback")
        elif event.type == "profile_saved":
            contact.profile = payload.get("profile")
        elif event.type == "need_searched":
            session.add(NeedRequest(category=payload["category"], language=payload["language"], channel=channel,
                                    matched=payload["matched"], best_score=payload.get("best_score"),
                                    created_at=now))


def init_app(app) -> None:
    """Load the flows and the catalogue and give the app its conversation handler."""
    from bot.engine import load_flows
    from bot.environment import LiveCatalog, LiveEnvironment, engine_settings
    from bot.paths import flows_dir

    database = app.extensions["passerelle.db"]
    if app.config.get("CATALOG_SAMPLE", True):
        from bot.catalog import ensure_sample
        from bot.db import exclusive

        with exclusive(database.url, "sample-catalog"):
            if ensure_sample(database):
                log.info("the catalogue was empty: imported the sample catalogue")
    catalog = LiveCatalog(database)
    engine = Engine(load_flows(flows_dir()))
    settings = engine_settings(app.config)

    from bot.handoff import expected_wait

    def queue_wait() -> int:
        return expected_wait(database, app.config["HANDOFF_WAIT_MINUTES"])

    def environment_for(channel: str):
        if channel == "sms":
            from bot.channels.sms import fits

            return LiveEnvironment(channel, settings, catalog, fits=fits, queue_wait=queue_wait)
        return LiveEnvironment(channel, settings, catalog, queue_wait=queue_wait)

    app.extensions["passerelle.catalog"] = catalog
    app.extensions["passerelle.engine"] = engine
    store = app.extensions["passerelle.store"]
    guards = Guards(store, app.config["RATE_LIMIT_PER_MINUTE"], app.config["LOOP_REPEATS"])
    conversations = Conversations(database, store, engine, app.config, environment_for, guards)
    conversations.queue = app.extensions.get("passerelle.queue")
    app.extensions["passerelle.conversations"] = conversations
