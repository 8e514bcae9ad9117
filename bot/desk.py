"""What navigators do to a conversation (claim, reply, refer, note, hand back, close, reassign): each one
recorded, audited and announced to every console."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from rq import Retry
from sqlalchemy import func, select

from bot import jobs, outbound
from bot.engine.needs import N_
from bot.privacy import mask
from bot.record import AuditEntry, Conversation, Direction, Event, Message, Mode, Navigator, Note, utcnow

log = logging.getLogger(__name__)

#: How a navigator may close a conversation.
OUTCOMES = ("connected", "referred", "no_answer", "other")
#: Sending a navigator's text: tries after the first, and the waits between them (seconds).
SEND_RETRY = Retry(max=3, interval=[10, 60, 300])
#: Longest text a navigator may send at once (Twilio's limit is 1,600 characters; people read on small screens);
#: the refusal's message says 480.
REPLY_MAX_CHARS = 480
# Translators: sent to the person when a navigator hands the conversation back to the automatic helper.
HANDED_BACK = N_("You're back with {helpline}'s automatic helper. Tell me in a few words what you need, or reply "
                 "AGENT to reach a person again. In danger, call {emergency}.")


# Translators: sent once when nobody has answered a waiting person after HANDOFF_REMIND_MINUTES (in hours).
STILL_WAITING = N_("You're still in line for a navigator; they will text you here as soon as they can. In danger, "
                   "call {emergency}. Crisis line, day and night: {crisis_line}.")


class DeskError(Exception):
    """A navigator's action that can't be done (not theirs to do, or the conversation changed); the message is
    an English msgid the console translates."""


@dataclass
class Summary:
    """What a navigator sees of a conversation before reading it: the handoff at a glance."""

    needs: list[dict] = field(default_factory=list)
    risk: str | None = None
    concern: str | None = None
    reason: str | None = None
    offered: list[str] = field(default_factory=list)
    language: str | None = None
    shared: bool = False


class Desk:
    """The navigators' actions on conversations, for the console (and any other front end)."""

    def __init__(self, database, store, queue, config, catalog, engine):
        self.database, self.store, self.queue, self.config = database, store, queue, config
        self.catalog, self.engine = catalog, engine

    # -- reading ---------------------------------------------------------------------------------

    def summary(self, conversation: Conversation, session) -> Summary:
        """Return the handoff summary of a conversation; the person's words only with their consent."""
        shared = conversation.consent in ("yes", "crisis")
        summary = Summary(language=conversation.language, shared=shared)
        needs: list[dict] = []
        events = session.execute(select(Event).where(Event.conversation_id == conversation.id)
                                 .order_by(Event.id)).scalars().all()
        for event in events:
            payload = event.payload or {}
            if event.type == "need_identified" and payload.get("needs"):
                needs.extend(payload["needs"])
            elif event.type == "handoff_requested":
                summary.reason = payload.get("reason")
                summary.concern = payload.get("concern") or summary.concern
            elif event.type in ("services_offered", "violence_help_sent"):
                for service_id in payload.get("service_ids") or []:
                    if service_id not in summary.offered:
                        summary.offered.append(service_id)
            elif event.type == "service_details_sent" and payload.get("service_id") not in summary.offered:
                summary.offered.append(payload.get("service_id"))
        summary.needs = ranked_needs(needs)
        summary.risk = "crisis" if conversation.priority >= 2 or conversation.crisis else \
            "possible" if conversation.priority == 1 else None
        if not shared:
            summary.needs = [{"category": n["category"], "score": n.get("score")} for n in summary.needs]
        return summary

    def suggestions(self, summary: Summary, limit: int = 6) -> list:
        """Return catalogue services for the conversation's needs, best first, not already sent."""
        found, seen = [], set(summary.offered)
        language = summary.language or "en"
        for need in summary.needs[:3]:
            for match in self.catalog.search("", need=need["category"], language=language,
                                             when=dt.datetime.now(dt.UTC), limit=limit):
                if match.service.id not in seen:
                    seen.add(match.service.id)
                    found.append(match.service)
        return found[:limit]

    # -- acting ----------------------------------------------------------------------------------

    def claim(self, conversation_id: str, navigator: Navigator) -> None:
        """Take a waiting conversation (or one already yours): the bot falls silent and you answer."""
        with self.database.session() as session:
            conversation = self._get(session, conversation_id)
            if conversation.held_by_id not in (None, navigator.id) and conversation.mode == Mode.NAVIGATOR:
                raise DeskError(N_("Another navigator holds this conversation."))
            conversation.mode, conversation.held_by_id = Mode.NAVIGATOR, navigator.id
            conversation.claimed_at = conversation.claimed_at or utcnow()
            self._audit(session, navigator, conversation_id, "claim")
            self._event(session, conversation_id, "claimed", navigator=navigator.id)
        self.store.announce(conversation_id, True)

    def reassign(self, conversation_id: str, coordinator: Navigator, to_id: int) -> None:
        """Give a conversation to another navigator (coordinators only)."""
        if not coordinator.coordinator:
            raise DeskError(N_("Only a coordinator can reassign."))
        with self.database.session() as session:
            conversation = self._get(session, conversation_id)
            target = session.get(Navigator, to_id)
            if target is None or not target.active:
                raise DeskError(N_("No such navigator."))
            conversation.mode, conversation.held_by_id = Mode.NAVIGATOR, target.id
            conversation.claimed_at = conversation.claimed_at or utcnow()
            self._audit(session, coordinator, conversation_id, "reassign", to=target.id)
            self._event(session, conversation_id, "reassigned", navigator=target.id, by=coordinator.id)
        self.store.announce(conversation_id, True)

    def reply(self, conversation_id: str, navigator: Navigator, text: str) -> int:
        """Send the navigator's words to the person by SMS (through the queue); claim it first if waiting."""
        text = " ".join((text or "").split())
        if not text:
            raise DeskError(N_("The reply is empty."))
        if len(text) > REPLY_MAX_CHARS:
            raise DeskError(N_("A reply has at most 480 characters."))
        return self._send(conversation_id, navigator, text, "reply")

    def refer(self, conversation_id: str, navigator: Navigator, service_id: str) -> int:
        """Send a service's details to the person, in their language, formatted for SMS."""
        with self.database.session() as session:
            language = self._get(session, conversation_id).language or self.config["DEFAULT_LANGUAGE"]
        text = self.referral_text(service_id, language)
        if text is None:
            raise DeskError(N_("No such service."))
        message_id = self._send(conversation_id, navigator, text, "refer", service_id=service_id)
        from bot import followups

        with self.database.session() as session:
            conversation = self._get(session, conversation_id)
            self._event(session, conversation_id, "navigator_referral", service_id=service_id,
                        navigator=navigator.id)
            followups.schedule(session, conversation, [service_id], None, conversation.language, utcnow(),
                               self.config["FOLLOWUP_DAYS"])
        return message_id

    def referral_text(self, service_id: str, language: str) -> str | None:
        """Return a service's details as the person would get them by SMS, or None for an unknown service."""
        from bot.engine.listing import service_details
        from bot.environment import sms_context
        from bot.sms import fit as sms_fit

        service = self.catalog.get(service_id)
        if service is None:
            return None
        ctx = sms_context(self.config, self.catalog, self.engine, language)
        # Exactly as it will travel (look-alikes applied), so the segment count shown is the one billed.
        return sms_fit(service_details(ctx, service, "").rstrip(), self.config["SMS_MAX_SEGMENTS"],
                       self.config["SMS_GSM_ONLY"])

    def note(self, conversation_id: str, navigator: Navigator, text: str) -> None:
        """Keep a private note on the conversation (never sent)."""
        text = (text or "").strip()
        if not text:
            raise DeskError(N_("The note is empty."))
        with self.database.session() as session:
            self._get(session, conversation_id)
            session.add(Note(conversation_id=conversation_id, author_id=navigator.id, body=text[:4000],
                             created_at=utcnow()))
            self._audit(session, navigator, conversation_id, "note")
        self.store.announce(conversation_id, False)

    def hand_back(self, conversation_id: str, navigator: Navigator) -> None:
        """Give the conversation back to the bot, and tell the person in their language."""
        with self.database.session() as session:
            conversation = self._get(session, conversation_id)
            self._check_holder(conversation, navigator)
            conversation.mode, conversation.held_by_id, conversation.waiting_since = Mode.BOT, None, None
            conversation.priority = 0
            language = conversation.language or self.config["DEFAULT_LANGUAGE"]
            self._audit(session, navigator, conversation_id, "hand_back")
            self._event(session, conversation_id, "handed_back", navigator=navigator.id)
        from bot import i18n

        text = i18n.gettext(language, HANDED_BACK).format(helpline=self.config["HELPLINE_NAME"],
                                                          emergency=self.config["EMERGENCY_NUMBER"])
        self._send(conversation_id, navigator, text, None, author=False)

    def close(self, conversation_id: str, navigator: Navigator, outcome: str) -> None:
        """Close the conversation with its outcome; the person's next text starts a new one with the bot."""
        if outcome not in OUTCOMES:
            raise DeskError(N_("Choose an outcome."))
        with self.database.session() as session:
            conversation = self._get(session, conversation_id)
            self._check_holder(conversation, navigator)
            conversation.mode, conversation.outcome, conversation.closed_at = Mode.CLOSED, outcome, utcnow()
            conversation.waiting_since = None
            self._audit(session, navigator, conversation_id, "close", outcome=outcome)
            self._event(session, conversation_id, "closed", navigator=navigator.id, outcome=outcome)
        # The person's state follows the record: a new conversation starts afresh next time.
        self.store.announce(conversation_id, True)

    def opened(self, conversation_id: str, navigator: Navigator) -> None:
        """Record that a navigator opened a conversation (the audit log says who read what)."""
        with self.database.session() as session:
            self._audit(session, navigator, conversation_id, "open")

    def remind_waiting(self, now: dt.datetime | None = None) -> int:
        """Send one "still waiting" text to each person nobody has claimed for HANDOFF_REMIND_MINUTES during
        navigators' hours, and alert the coordinators; return how many were reminded. Safe to run from several
        processes at once: each conversation is marked reminded in the same transaction that picks it."""
        from zoneinfo import ZoneInfo

        from bot import handoff, i18n

        now = now or utcnow()
        local = now.astimezone(ZoneInfo(self.config["TIMEZONE"]))
        if not handoff.in_hours(local, self.config["NAVIGATOR_HOURS"]):
            return 0
        due = now - dt.timedelta(minutes=self.config["HANDOFF_REMIND_MINUTES"])
        sent = 0
        with self.database.session() as session:
            ids = session.execute(select(Conversation.id).where(
                Conversation.mode == Mode.WAITING, Conversation.waiting_since <= due,
                Conversation.reminded_at.is_(None))).scalars().all()
        for conversation_id in ids:
            with self.database.session() as session:
                # Claimed only if still unreminded: two sweepers never both send.
                updated = session.execute(
                    Conversation.__table__.update().where(Conversation.id == conversation_id,
                                                          Conversation.reminded_at.is_(None),
                                                          Conversation.mode == Mode.WAITING)
                    .values(reminded_at=now)).rowcount
                if not updated:
                    continue
                conversation = session.get(Conversation, conversation_id)
                contact = conversation.contact
                language = conversation.language or self.config["DEFAULT_LANGUAGE"]
                self._event(session, conversation_id, "handoff_overdue",
                            minutes=self.config["HANDOFF_REMIND_MINUTES"])
            if contact.opted_out or not contact.address:
                continue
            text = i18n.gettext(language, STILL_WAITING).format(emergency=self.config["EMERGENCY_NUMBER"],
                                                                crisis_line=self.config["CRISIS_LINE"])
            message_id = outbound.record_outbound(self.config, self.database, conversation_id, text, language,
                                                  status="pending")
            self.queue.enqueue(jobs.deliver_sms, message_id, contact.address, retry=SEND_RETRY)
            self.store.announce(conversation_id, True)
            sent += 1
        if sent:
            log.warning("%d people waited more than %d minutes for a navigator: reminded, coordinators alerted",
                        sent, self.config["HANDOFF_REMIND_MINUTES"])
        return sent

    # -- helpers ---------------------------------------------------------------------------------

    def _send(self, conversation_id: str, navigator: Navigator, text: str, action: str | None,
              author: bool = True, **detail) -> int:
        with self.database.session() as session:
            conversation = self._get(session, conversation_id)
            if action is not None:
                if conversation.mode == Mode.NAVIGATOR and conversation.held_by_id not in (None, navigator.id) \
                        and not navigator.coordinator:
                    raise DeskError(N_("Another navigator holds this conversation."))
                if conversation.mode != Mode.NAVIGATOR or conversation.held_by_id is None:
                    conversation.mode, conversation.held_by_id = Mode.NAVIGATOR, navigator.id
                    conversation.claimed_at = conversation.claimed_at or utcnow()
                conversation.last_activity_at = utcnow()
            contact = conversation.contact
            if contact.opted_out:
                raise DeskError(N_("This person texted STOP: nothing can be sent."))
            address, language = contact.address, conversation.language
            if action is not None:
                self._audit(session, navigator, conversation_id, action, **detail)
        message_id = outbound.record_outbound(self.config, self.database, conversation_id, text, language,
                                              navigator.id if author else None, status="pending")
        self.queue.enqueue(jobs.deliver_sms, message_id, address, retry=SEND_RETRY)
        log.info("navigator %d sent a message to %s", navigator.id, mask(address))
        self.store.announce(conversation_id, True)
        return message_id

    @staticmethod
    def _get(session, conversation_id: str) -> Conversation:
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:
            raise DeskError(N_("No such conversation."))
        return conversation

    @staticmethod
    def _check_holder(conversation: Conversation, navigator: Navigator) -> None:
        if conversation.held_by_id not in (None, navigator.id) and not navigator.coordinator:
            raise DeskError(N_("Another navigator holds this conversation."))

    @staticmethod
    def _audit(session, navigator: Navigator, conversation_id: str | None, action: str, **detail) -> None:
        session.add(AuditEntry(navigator_id=navigator.id, conversation_id=conversation_id, action=action,
                               detail=detail, created_at=utcnow()))

    @staticmethod
    def _event(session, conversation_id: str, kind: str, **payload) -> None:
        session.add(Event(conversation_id=conversation_id, type=kind, payload=payload, created_at=utcnow()))


#: Needs a summary shows.
SUMMARY_NEEDS = 3


def ranked_needs(needs: list[dict]) -> list[dict]:
    """Merge the needs read over a conversation: each category once, at its strongest reading, strongest first
    ("can I talk to a person" after "evicted today, nowhere to sleep" does not hide the shelter)."""
    best: dict[str, dict] = {}
    for need in needs:
        category = need.get("category")
        if category and (category not in best or (need.get("score") or 0) > (best[category].get("score") or 0)):
            best[category] = need
    return sorted(best.values(), key=lambda n: -(n.get("score") or 0))[:SUMMARY_NEEDS]


def last_inbound_at(session, conversation_id: str) -> dt.datetime | None:
    """Return when the person last wrote in a conversation."""
    return session.execute(select(func.max(Message.created_at)).where(
        Message.conversation_id == conversation_id, Message.direction == Direction.INBOUND)).scalar()


#: Seconds between two looks for people waiting too long.
SWEEP_SECONDS = 60


def start_sweeper(app, every: float = SWEEP_SECONDS):
    """In a process with no scheduler (`passerelle serve`), do the scheduler's work in a background thread: the
    still-waiting texts every minute, follow-ups every 5 minutes, the retention purge once a day."""
    import threading
    import time

    desk = app.extensions["passerelle.desk"]

    def sweep():
        from bot import followups
        from bot.forgetting import purge

        stop = threading.Event()
        ticks = 0
        while not stop.wait(every):
            ticks += 1
            try:
                with app.app_context():
                    desk.remind_waiting()
                    if ticks % 5 == 0:
                        followups.run(app.config, app.extensions["passerelle.db"],
                                      app.extensions["passerelle.catalog"])
                    if ticks % (24 * 60) == 1:
                        purge(app.extensions["passerelle.db"], app.config["RETENTION_DAYS"])
            except Exception:
                log.exception("the background sweep failed; trying again in %.0f s", every)
            time.sleep(0)

    thread = threading.Thread(target=sweep, name="passerelle-sweeper", daemon=True)
    thread.start()
    return thread


def init_app(app) -> None:
    """Give the app its desk of navigator actions."""
    app.extensions["passerelle.desk"] = Desk(
        app.extensions["passerelle.db"], app.extensions["passerelle.store"], app.extensions["passerelle.queue"],
        app.config, app.extensions["passerelle.catalog"], app.extensions["passerelle.engine"])
