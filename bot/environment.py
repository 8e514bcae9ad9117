"""The engine's window on the world, as the app provides it: triage, the catalogue, translations, channel limits."""
from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Mapping
from zoneinfo import ZoneInfo

from bot import i18n

log = logging.getLogger(__name__)


class LiveEnvironment:
    """An Environment (see bot.engine.environment) backed by the real triage, catalogue and catalogues."""

    def __init__(self, channel: str, settings: Mapping, catalog, fits: Callable[[str], bool] | None = None,
                 clock: Callable[[], dt.datetime] | None = None, queue_wait: Callable[[], int] | None = None):
        self.channel = channel
        self.settings = settings
        self.catalog = catalog
        self._fits = fits
        self._tz = ZoneInfo(settings.get("timezone", "America/Edmonton"))
        self._clock = clock
        self._queue_wait = queue_wait
        self._read: tuple[str, object] | None = None

    def now(self) -> dt.datetime:
        """Return the current time in the helpline's time zone."""
        now = self._clock() if self._clock else dt.datetime.now(dt.UTC)
        return now.astimezone(self._tz)

    def triage(self, text: str):
        """Return the triage of `text` (read once a turn: the guards and the engine ask for the same text)."""
        from bot.triage import triage

        if self._read is None or self._read[0] != text:
            self._read = (text, triage(text))
        return self._read[1]

    def search(self, text, need, language, when, limit, where=None, person=None, open_first=False):
        """Search the catalogue."""
        if self.catalog is None:
            return []
        return self.catalog.search(text, need=need, language=language, when=when, limit=limit, where=where,
                                   person=person, open_first=open_first)

    def service(self, service_id):
        """Return one catalogue service by id."""
        return self.catalog.get(service_id) if self.catalog is not None else None

    def translate(self, language: str, msgid: str) -> str:
        """Translate `msgid`."""
        return i18n.gettext(language, msgid)

    def format_time(self, value: dt.time, language: str) -> str:
        """Write a clock time for `language`."""
        return i18n.format_time(value, language)

    def weekday_name(self, weekday: int, language: str, short: bool = False) -> str:
        """Name a weekday in `language`."""
        return i18n.weekday_name(weekday, language, short)

    def fits(self, text: str) -> bool:
        """Tell whether `text` fits one reply on this channel."""
        return self._fits(text) if self._fits else True

    def handoff_outlook(self, now: dt.datetime):
        """Return what a person handed to a navigator can expect (hours from the settings, wait from the queue)."""
        from bot import handoff

        default = self.settings.get("handoff_wait_minutes", handoff.DEFAULT_HANDOFF_WAIT_MINUTES)
        wait = default
        if self._queue_wait is not None:
            try:
                wait = self._queue_wait()
            except Exception:
                log.exception("could not estimate the wait for a navigator")
        return handoff.outlook(now, self.settings.get("navigator_hours", handoff.DEFAULT_NAVIGATOR_HOURS), wait)


def engine_settings(config: Mapping) -> dict:
    """Pick from the app's config what the engine and its messages need."""
    return {
        "crisis_line": config["CRISIS_LINE"],
        "emergency_number": config["EMERGENCY_NUMBER"],
        "navigator_phone": config["NAVIGATOR_PHONE"],
        "default_language": config["DEFAULT_LANGUAGE"],
        "resume_after": config["RESUME_PROMPT_AFTER"],
        "timezone": config["TIMEZONE"],
        "helpline_name": config["HELPLINE_NAME"],
        "safety_minutes": config.get("SAFETY_MODE_MINUTES", 120),
        "night_hours": config.get("NIGHT_HOURS", "20-7"),
        "navigator_hours": config.get("NAVIGATOR_HOURS", "8-20"),
        "retention_days": config.get("RETENTION_DAYS", 90),
        "handoff_wait_minutes": config.get("HANDOFF_WAIT_MINUTES", 15),
    }


class LiveCatalog:
    """The catalogue index for this process: loaded on first use, reloaded in the background after an import."""

    #: Seconds between checks of the catalogue's version in the database.
    REFRESH_EVERY = 30.0

    def __init__(self, database):
        self.database = database
        self._catalog = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self._refreshing = False

    def get_index(self):
        """Return the current in-memory catalogue, loading it the first time; refreshes never block a search."""
        from bot.catalog import Catalog

        if self._catalog is None:
            with self._lock:
                if self._catalog is None:
                    self._catalog = Catalog.load(self.database)
                    self._checked = time.monotonic()
        elif time.monotonic() - self._checked > self.REFRESH_EVERY and not self._refreshing:
            self._checked = time.monotonic()
            self._refreshing = True
            # A national catalogue takes seconds to reload: do it beside the requests, not inside one.
            threading.Thread(target=self._refresh, name="catalog-refresh", daemon=True).start()
        return self._catalog

    def _refresh(self) -> None:
        try:
            self._catalog = self._catalog.refresh(self.database)
        except Exception:  # a failed refresh keeps the catalogue we have
            log.exception("catalogue refresh failed; keeping the loaded one")
        finally:
            self._refreshing = False

    def search(self, text, need=None, language="en", when=None, limit=5, where=None, person=None, open_first=False):
        """Search the current catalogue."""
        return self.get_index().search(text, need=need, language=language, when=when, limit=limit, where=where,
                                       person=person, open_first=open_first)

    def get(self, service_id):
        """Return a service by id."""
        return self.get_index().get(service_id)


def sms_context(config: Mapping, catalog, engine, language: str):
    """Return an engine context for writing text messages outside a turn (a navigator's referral, the services a
    caller asks to get by text), with the SMS channel's limits."""
    from bot import sms as sms_text
    from bot.engine.runner import Context
    from bot.engine.state import ConversationState, Inbound

    env = LiveEnvironment("sms", engine_settings(config), catalog, fits=lambda text: sms_text.fits(
        text, config["SMS_MAX_SEGMENTS"], config["SMS_GSM_ONLY"]))
    return Context(engine.flows, ConversationState(language=language), Inbound("", "sms"), env)
