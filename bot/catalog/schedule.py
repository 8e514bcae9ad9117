"""Opening hours: weekly rules read from HSDS schedules, and whether a service is open at a given moment.

A rule is (weekday 0–6 Monday first, opens, closes). When `closes` is not after `opens` the rule runs past
midnight into the next day, so 00:00–00:00 is a whole day and 20:00–08:00 an overnight shelter.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import MONTHLY, rrule, weekdays

WEEK_MINUTES = 7 * 24 * 60

_DAY_NAMES = {
    "mo": 0, "mon": 0, "monday": 0, "lundi": 0, "lu": 0,
    "tu": 1, "tue": 1, "tues": 1, "tuesday": 1, "mardi": 1, "ma": 1,
    "we": 2, "wed": 2, "wednesday": 2, "mercredi": 2, "me": 2,
    "th": 3, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "jeudi": 3, "je": 3,
    "fr": 4, "fri": 4, "friday": 4, "vendredi": 4, "ve": 4,
    "sa": 5, "sat": 5, "saturday": 5, "samedi": 5,
    "su": 6, "sun": 6, "sunday": 6, "dimanche": 6, "di": 6,
}
_CLOCK = re.compile(r"^\s*(\d{1,2})(?:[:h.](\d{1,2})\d*)?(?::\d{2})?\s*([ap])?\.?\s*m?\.?", re.IGNORECASE)
_ALL_DAY = re.compile(r"24\s*(?:hours|hrs|h\b|/\s*7)|open 24|24 heures", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class OpeningRule:
    """A service is open on `weekday` from `opens` to `closes` (the next day when closes ≤ opens).

    With `nth`, only on that weekday of the month: 1 the first ("the first Monday of the month"), 2 the
    second..., -1 the last. Which dates those are is python-dateutil's rrule's to say.
    """

    weekday: int
    opens: dt.time
    closes: dt.time
    nth: int = 0

    def minutes(self) -> tuple[int, int]:
        """Return the rule as (start, end) minutes from Monday 00:00; end may pass the end of the week."""
        start = self.weekday * 1440 + self.opens.hour * 60 + self.opens.minute
        closes = self.closes.hour * 60 + self.closes.minute
        # Directories write "until midnight" as 23:59 (HSDS times can't say 24:00): it means the end of the day.
        if closes == 1439 and self.closes.second == 0:
            closes = 1440
        length = closes - (self.opens.hour * 60 + self.opens.minute)
        if length <= 0:
            length += 1440
        return start, start + length

    def as_json(self) -> dict:
        """Return the rule as stored: {"weekday": 0, "opens": "09:00", "closes": "17:00"} (and "nth": 1)."""
        stored = {"weekday": self.weekday, "opens": self.opens.strftime("%H:%M"), "closes": self.closes.strftime("%H:%M")}
        if self.nth:
            stored["nth"] = self.nth
        return stored

    @classmethod
    def from_json(cls, value: dict) -> OpeningRule:
        """Read a stored rule; "24:00" closes at midnight."""
        return cls(int(value["weekday"]), _stored_time(value["opens"]), _stored_time(value["closes"]),
                   int(value.get("nth") or 0))

    def occurs(self, day: dt.date | None) -> bool:
        """Tell whether the rule applies on `day` (a date of its weekday); monthly rules need the date."""
        if not self.nth:
            return True
        return day is not None and day in _nth_weekdays(day.year, day.month, self.weekday, self.nth)


@lru_cache(maxsize=4096)
def _nth_weekdays(year: int, month: int, weekday: int, nth: int) -> frozenset[dt.date]:
    """Return the date of the nth `weekday` of a month (or none when the month has no fifth one)."""
    start = dt.datetime(year, month, 1)
    found = rrule(MONTHLY, count=1, byweekday=weekdays[weekday](nth), dtstart=start)
    return frozenset(d.date() for d in found if d.month == month)


def parse_ordinal(value) -> int:
    """Return the ordinal of an RFC 5545 day ("1MO" -> 1, "-1FR" -> -1, "MO" -> 0)."""
    match = re.match(r"^\s*([+-]?\d)", str(value or ""))
    return int(match.group(1)) if match else 0


def _stored_time(text: str) -> dt.time:
    hours, minutes = (int(part) for part in text.split(":")[:2])
    return dt.time(hours % 24, minutes)


def parse_weekday(value) -> int | None:
    """Return 0–6 (Monday first) for a day name, RFC 5545 code (MO, 1MO) or ISO number (1 = Monday)."""
    if value is None:
        return None
    if isinstance(value, int) or str(value).strip().isdigit():
        number = int(value)
        return number - 1 if 1 <= number <= 7 else None
    text = re.sub(r"^[+-]?\d+", "", str(value).strip().lower()).strip(". ")
    day = _DAY_NAMES.get(text)
    return _DAY_NAMES.get(text[:3]) if day is None else day


def parse_clock(text, closing: bool = False) -> dt.time | None:
    """Return the time in "9:00am", "830am", "17:00", "10:00:00", "9 h 30"; None when unreadable.

    Without am/pm a small hour is read the way offices keep hours: 1–6 opening is afternoon, closing
    hours before noon are read as afternoon when they are 1–7. "24:00" closing is midnight.
    """
    if text is None:
        return None
    text = str(text).strip().lower().replace(" h ", "h").replace("noon", "12:00pm").replace("midnight", "12:00am")
    if re.fullmatch(r"\d{3,4}\s*[ap]\.?m?\.?", text):
        text = re.sub(r"^(\d{1,2})(\d{2})", r"\1:\2", text)
    match = _CLOCK.match(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = match.group(3)
    if minute >= 60 or hour > 24:
        return None
    # "01:00" and "10:00:00" are 24-hour clocks; only a bare "5:00" needs guessing.
    guess = len(match.group(1)) == 1 and text.count(":") < 2
    if meridiem:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    elif hour == 24:
        hour = 0
    elif guess and closing and 1 <= hour <= 7:
        hour += 12
    elif guess and not closing and 1 <= hour <= 5:
        hour += 12
    return dt.time(hour, minute)


def rules_from_weekly(weekdays, opens_at, closes_at, description: str = "") -> list[OpeningRule]:
    """Return rules for `weekdays` from one opening and closing time; 24-hour text opens all day."""
    opens, closes = parse_clock(opens_at), parse_clock(closes_at, closing=True)
    if opens is None or closes is None:
        if _ALL_DAY.search(description or "") and not (opens_at or closes_at):
            opens = closes = dt.time(0, 0)
        else:
            return []
    return [OpeningRule(day, opens, closes) for day in sorted(set(weekdays))]


def normalize_rules(rules) -> tuple[OpeningRule, ...]:
    """Return rules sorted and without duplicates."""
    return tuple(sorted(set(rules)))


def week_start(local: dt.datetime) -> dt.date:
    """Return the date of the Monday of a local time's week."""
    return local.date() - dt.timedelta(days=local.weekday())


def _intervals(rules, monday: dt.date | None = None) -> list[tuple[int, int]]:
    spans = []
    for rule in rules:
        if rule.nth and not rule.occurs(monday + dt.timedelta(days=rule.weekday) if monday else None):
            continue
        start, end = rule.minutes()
        spans.append((start, end))
        if end > WEEK_MINUTES:
            # The part after Sunday midnight belongs to Monday morning.
            spans.append((start - WEEK_MINUTES, end - WEEK_MINUTES))
    return spans


def week_minute(local: dt.datetime) -> int:
    """Return minutes since Monday 00:00 of a local time."""
    return local.weekday() * 1440 + local.hour * 60 + local.minute


def is_open_at(rules, minute: int, monday: dt.date | None = None) -> bool | None:
    """Tell whether rules open at `minute` of the week starting `monday`; None when there are no rules.

    Without `monday`, monthly rules ("first Monday") are not counted as open.
    """
    if not rules:
        return None
    return any(start <= minute < end for start, end in _intervals(rules, monday))


def localize(when: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Return `when` in `zone`; a naive time is taken to be local already."""
    if when.tzinfo is None:
        return when.replace(tzinfo=zone)
    return when.astimezone(zone)


def hours_on(rules, day: dt.date) -> list[tuple[dt.time, dt.time]]:
    """Return the (opens, closes) spans that start on `day`, earliest first."""
    weekday = day.weekday()
    return sorted((rule.opens, rule.closes) for rule in rules if rule.weekday == weekday and rule.occurs(day))


def next_open(rules, when: dt.datetime, zone: ZoneInfo) -> dt.datetime | None:
    """Return `when` if open then, else the next time a rule opens (weekly rules within a week, monthly
    ones within a year); None without rules."""
    if not rules:
        return None
    local = localize(when, zone)
    minute = week_minute(local)
    if is_open_at(rules, minute, week_start(local)):
        return local
    candidates = []
    best = None
    for rule in rules:
        if rule.nth:
            candidates.append(_next_monthly(rule, local, zone))
            continue
        start = rule.minutes()[0]
        wait = (start - minute) % WEEK_MINUTES
        if wait and (best is None or wait < best):
            best = wait
    if best is not None:
        naive = local.replace(tzinfo=None, second=0, microsecond=0) + dt.timedelta(minutes=best)
        candidates.append(naive.replace(tzinfo=zone))
    candidates = [c for c in candidates if c is not None]
    return min(candidates) if candidates else None


def _next_monthly(rule: OpeningRule, local: dt.datetime, zone: ZoneInfo) -> dt.datetime | None:
    """Return when a monthly rule next opens after `local`, by rrule (within a year)."""
    start = dt.datetime.combine(local.date(), rule.opens)
    found = rrule(MONTHLY, byweekday=weekdays[rule.weekday](rule.nth), dtstart=start.replace(day=1),
                  until=start + dt.timedelta(days=400))
    for occurrence in found.xafter(local.replace(tzinfo=None), count=1):
        return occurrence.replace(tzinfo=zone)
    return None


def closes_after(rules, when: dt.datetime, zone: ZoneInfo) -> dt.datetime | None:
    """Return when a service open at `when` next closes, across midnight ("8 PM-midnight" then
    "midnight-8 AM" close at 8 AM); None when closed then, without rules, or never closing."""
    if not rules:
        return None
    local = localize(when, zone)
    minute = week_minute(local)
    monday = week_start(local)
    spans = sorted(_intervals(rules, monday))
    # Follow the week round twice so an interval crossing Sunday night joins Monday morning's.
    spans += sorted((start + WEEK_MINUTES, end + WEEK_MINUTES)
                    for start, end in _intervals(rules, monday + dt.timedelta(days=7)))
    end = None
    for start, stop in spans:
        if end is None:
            if start <= minute < stop:
                end = stop
        elif start <= end:
            end = max(end, stop)
        if end is not None and start > end:
            break
    if end is None or end - minute >= WEEK_MINUTES:
        return None
    naive = local.replace(tzinfo=None, second=0, microsecond=0) + dt.timedelta(minutes=end - minute)
    return naive.replace(tzinfo=zone)


def open_all_week(rules) -> bool:
    """Tell whether the rules leave no minute of the week closed."""
    spans = sorted(_intervals([rule for rule in rules if not rule.nth]))
    reached = 0
    for start, end in spans:
        if start > reached:
            return False
        reached = max(reached, end)
    return bool(spans) and reached >= WEEK_MINUTES
