"""The navigators' queue: their hours, the expected wait, and what a person handed over can expect."""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from bot.config import DEFAULT_HANDOFF_WAIT_MINUTES, DEFAULT_NAVIGATOR_HOURS

#: Claims the wait estimate looks back on, and how far back.
WAIT_SAMPLE = 20
WAIT_LOOKBACK = dt.timedelta(days=7)


@dataclass(frozen=True)
class Outlook:
    """What a person handed to a navigator can expect."""

    open: bool
    wait_minutes: int
    back_at: dt.datetime | None = None


def _hours(hours: str) -> tuple[int, int]:
    try:
        start, end = (int(part) for part in str(hours).split("-", 1))
    except ValueError:
        start, end = (int(part) for part in DEFAULT_NAVIGATOR_HOURS.split("-"))
    return start, end


def in_hours(moment: dt.datetime, hours: str) -> bool:
    """Tell whether navigators are at work at a local time, for hours written "8-20" (or "20-4" overnight)."""
    start, end = _hours(hours)
    if end - start >= 24 or (start == 0 and end == 24):
        return True
    hour = moment.hour
    return start <= hour or hour < end if start > end else start <= hour < end


def next_opening(moment: dt.datetime, hours: str) -> dt.datetime:
    """Return when navigators are next at work after a local time outside their hours."""
    start, _ = _hours(hours)
    opening = moment.replace(hour=start % 24, minute=0, second=0, microsecond=0)
    return opening if opening > moment else opening + dt.timedelta(days=1)


def outlook(now: dt.datetime, hours: str, wait_minutes: int) -> Outlook:
    """Return what to tell a person handed over at local time `now`."""
    if in_hours(now, hours):
        return Outlook(True, wait_minutes)
    return Outlook(False, wait_minutes, next_opening(now, hours))


def round_wait(minutes: float) -> int:
    """Round an expected wait up to the next 5 minutes (at least 5): people plan around round numbers."""
    return max(5, int(-(-minutes // 5) * 5))


def expected_wait(database, default: int = DEFAULT_HANDOFF_WAIT_MINUTES, now: dt.datetime | None = None) -> int:
    """Return the expected wait in minutes: the median of recent waits until a claim, or `default`."""
    from sqlalchemy import select

    from bot.record import Conversation, utcnow

    now = now or utcnow()
    with database.session() as session:
        rows = session.execute(
            select(Conversation.waiting_since, Conversation.claimed_at)
            .where(Conversation.claimed_at.is_not(None), Conversation.waiting_since.is_not(None),
                   Conversation.claimed_at >= now - WAIT_LOOKBACK)
            .order_by(Conversation.claimed_at.desc()).limit(WAIT_SAMPLE)
        ).all()
    waits = [(claimed - since).total_seconds() / 60 for since, claimed in rows if claimed >= since]
    if len(waits) < 3:
        return default
    return round_wait(statistics.median(waits))


@dataclass(frozen=True)
class QueueItem:
    """One conversation in the navigators' queue, as the list shows it (no words, the number masked)."""

    id: str
    mode: str
    priority: int
    language: str | None
    needs: list[str]
    waiting_minutes: int
    holder: str | None
    holder_id: int | None
    number: str
    consent: str | None
    reason: str | None
    #: Nobody claimed it in time: the person got the "still waiting" text; coordinators see it flagged.
    overdue: bool = False


def queue(session, now: dt.datetime | None = None) -> list[QueueItem]:
    """Return the conversations waiting for or held by a navigator: crisis first, then possible risk, then the
    longest wait."""
    from sqlalchemy import select

    from bot.privacy import mask
    from bot.record import Conversation, Event, Mode, utcnow

    now = now or utcnow()
    rows = session.execute(select(Conversation).where(Conversation.mode.in_(Mode.WITH_A_PERSON))).scalars().all()
    needs = _needs_of(session, [c.id for c in rows], Event)
    items = []
    for conversation in rows:
        since = _aware(conversation.waiting_since or conversation.last_activity_at)
        items.append(QueueItem(
            id=conversation.id, mode=conversation.mode, priority=conversation.priority or 0,
            language=conversation.language, needs=needs.get(conversation.id, []),
            waiting_minutes=max(0, int((now - since).total_seconds() // 60)),
            holder=conversation.held_by.name if conversation.held_by else None, holder_id=conversation.held_by_id,
            number=mask(conversation.contact.address), consent=conversation.consent,
            reason=conversation.handoff_reason,
            overdue=conversation.mode == Mode.WAITING and conversation.reminded_at is not None))
    items.sort(key=lambda item: (-item.priority, -item.waiting_minutes))
    return items


def _needs_of(session, conversation_ids: list[str], Event) -> dict[str, list[str]]:
    """Return the need categories last read in each conversation (categories only: no words)."""
    from sqlalchemy import select

    found: dict[str, list[str]] = {}
    if not conversation_ids:
        return found
    events = session.execute(select(Event.conversation_id, Event.payload).where(
        Event.conversation_id.in_(conversation_ids), Event.type.in_(("need_identified", "handoff_requested")))
        .order_by(Event.id)).all()
    from bot.desk import ranked_needs

    read: dict[str, list[dict]] = {}
    for conversation_id, payload in events:
        read.setdefault(conversation_id, []).extend((payload or {}).get("needs") or [])
    for conversation_id, needs in read.items():
        found[conversation_id] = [n["category"] for n in ranked_needs(needs)]
    return found


def _aware(moment: dt.datetime) -> dt.datetime:
    """Return a time with its time zone (SQLite hands back naive UTC times)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Stuck:
    """A person the coordinator should look at, and why."""

    id: str
    number: str
    why: str
    minutes: int


def stuck(session, remind_minutes: int, now: dt.datetime | None = None) -> list[Stuck]:
    """Return people stuck: waiting too long, held with no reply, closed with no outcome, or back three times
    in 30 days for the same need left unmet."""
    from sqlalchemy import select

    from bot.privacy import mask
    from bot.record import Conversation, Direction, Event, Message, Mode, utcnow

    now = now or utcnow()
    found = []
    for conversation in session.execute(select(Conversation).where(
            Conversation.mode.in_((*Mode.WITH_A_PERSON, Mode.CLOSED)))).scalars():
        number = mask(conversation.contact.address)
        if conversation.mode == Mode.WAITING and conversation.waiting_since:
            minutes = int((now - _aware(conversation.waiting_since)).total_seconds() // 60)
            if minutes >= remind_minutes:
                found.append(Stuck(conversation.id, number, "waiting", minutes))
        elif conversation.mode == Mode.NAVIGATOR:
            last_in = session.execute(select(Message.created_at).where(
                Message.conversation_id == conversation.id, Message.direction == Direction.INBOUND)
                .order_by(Message.id.desc()).limit(1)).scalar()
            last_reply = session.execute(select(Message.created_at).where(
                Message.conversation_id == conversation.id, Message.author_id.is_not(None))
                .order_by(Message.id.desc()).limit(1)).scalar()
            if last_in and (last_reply is None or _aware(last_reply) < _aware(last_in)):
                minutes = int((now - _aware(last_in)).total_seconds() // 60)
                if minutes >= remind_minutes:
                    found.append(Stuck(conversation.id, number, "no_reply", minutes))
        elif conversation.mode == Mode.CLOSED and not conversation.outcome and conversation.held_by_id:
            found.append(Stuck(conversation.id, number, "no_outcome", 0))
    # Back three times for the same unmet need: counted per person across their conversations.
    unmet: dict[tuple[int, str], list[str]] = {}
    for conversation_id, contact_id, payload in session.execute(
            select(Event.conversation_id, Conversation.contact_id, Event.payload)
            .join(Conversation, Conversation.id == Event.conversation_id)
            .where(Event.type == "need_searched", Event.created_at >= now - dt.timedelta(days=30))):
        if payload and payload.get("matched") is False:
            unmet.setdefault((contact_id, payload.get("category")), []).append(conversation_id)
    for (_, category), conversations in unmet.items():
        if len(conversations) >= 3:
            conversation = session.get(Conversation, conversations[-1])
            found.append(Stuck(conversation.id, mask(conversation.contact.address), f"unmet:{category}",
                               len(conversations)))
    return found
