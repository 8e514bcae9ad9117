"""What the engine asks of the world, as a protocol: the app, the tests and the voice line each provide one."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Protocol


class Environment(Protocol):
    """The engine's only window on triage, the catalogue, translations and the channel's limits."""

    channel: str
    #: crisis_line, emergency_number, navigator_phone, default_language, resume_after (seconds)
    settings: Mapping[str, Any]

    def now(self) -> dt.datetime:
        """Return the current time, timezone-aware, in the helpline's time zone."""

    def triage(self, text: str) -> Any:
        """Return a bot.triage.Triage for `text`."""

    def search(self, text: str, need: str | None, language: str, when: dt.datetime, limit: int,
               where: str | None = None, person: dict | None = None, open_first: bool = False) -> list:
        """Return ranked catalogue matches (objects with .service, .score, .why); services open at `when`
        first with `open_first` (at night)."""

    def service(self, service_id: str) -> Any:
        """Return the catalogue service with this id, or None."""

    def translate(self, language: str, msgid: str) -> str:
        """Return `msgid` in `language`."""

    def format_time(self, value: dt.time, language: str) -> str:
        """Return a clock time the way `language` writes it (17 h / 5 PM)."""

    def weekday_name(self, weekday: int, language: str, short: bool = False) -> str:
        """Return the name of weekday 0–6 (Monday first)."""

    def fits(self, text: str) -> bool:
        """Tell whether `text` is short enough for one reply on this channel."""

    def handoff_outlook(self, now: dt.datetime) -> Any:
        """Return what a person handed to a navigator can expect: .open (navigators at work now),
        .wait_minutes (expected wait from the live queue), .back_at (when they are back, if not open)."""
