"""A service as search returns it (frozen, bilingual), and a search match."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.catalog import schedule
from bot.catalog.schedule import OpeningRule
from bot.catalog.text import summarize

#: Languages whose text we fall back on, in order, when a service has none in the person's language.
FALLBACK_LANGUAGES = ("en", "fr")


def _in_language(texts: dict[str, str], language: str) -> str:
    if texts.get(language):
        return texts[language]
    for fallback in FALLBACK_LANGUAGES:
        if texts.get(fallback):
            return texts[fallback]
    return next((text for text in texts.values() if text), "")


@dataclass(frozen=True)
class Service:
    """One service of the catalogue, with its texts per language, place, hours, contact and eligibility."""

    id: str
    source_id: str
    names: dict[str, str]
    descriptions: dict[str, str]
    eligibility_texts: dict[str, str]
    organization: str | None
    categories: tuple[str, ...]
    taxonomy_codes: tuple[str, ...]
    languages: tuple[str, ...]
    phone: str | None
    address: str | None
    latitude: float | None
    longitude: float | None
    hours: tuple[OpeningRule, ...]
    eligibility: dict
    email: str | None
    url: str | None
    source: str = ""
    taxonomy_terms: tuple[str, ...] = ()
    city: str | None = None
    postal_code: str | None = None
    timezone: str = "America/Edmonton"
    _zone: ZoneInfo | None = field(default=None, repr=False, compare=False)

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def zone(self) -> ZoneInfo:
        """Return the time zone the opening hours are in."""
        return self._zone or ZoneInfo(self.timezone)

    def name(self, language: str = "en") -> str:
        """Return the name in `language`, else in the other language."""
        return _in_language(self.names, language)

    def description(self, language: str = "en") -> str:
        """Return the description in `language`, else in the other language."""
        return _in_language(self.descriptions, language)

    def eligibility_text(self, language: str = "en") -> str:
        """Return who the service is for, in `language`, else in the other language."""
        return _in_language(self.eligibility_texts, language)

    def summary(self, language: str = "en") -> str:
        """Return a short plain summary of what the service offers (about 70 characters at most)."""
        return summarize(self.description(language)) or summarize(self.name(language))

    def is_open(self, when: dt.datetime) -> bool | None:
        """Tell whether the service is open at `when`; None when it publishes no hours."""
        if not self.hours:
            return None
        local = schedule.localize(when, self.zone)
        return bool(schedule.is_open_at(self.hours, schedule.week_minute(local), schedule.week_start(local)))

    def closes_after(self, when: dt.datetime) -> dt.datetime | None:
        """Return when the service, open at `when`, next closes (across midnight); None if closed or never."""
        return schedule.closes_after(self.hours, when, self.zone)

    def hours_on(self, day: dt.date) -> list[tuple[dt.time, dt.time]]:
        """Return the (opens, closes) spans starting on `day`; closes ≤ opens means after midnight."""
        return schedule.hours_on(self.hours, day)

    def next_open(self, when: dt.datetime) -> dt.datetime | None:
        """Return `when` if open then, else when it next opens (within a week); None without hours."""
        return schedule.next_open(self.hours, when, self.zone)

    @property
    def open_24_7(self) -> bool:
        """Tell whether the service never closes."""
        return schedule.open_all_week(self.hours)


@dataclass(frozen=True)
class Match:
    """A service found by a search: how well it fits (0–100) and why, in a few words."""

    service: Service
    score: float
    why: tuple[str, ...]
