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
