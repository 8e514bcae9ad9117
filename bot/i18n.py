"""Translations (gettext catalogues read with Babel) and locale-aware formatting of times and days."""
from __future__ import annotations

import datetime as dt
import io
import logging
from functools import lru_cache
from pathlib import Path

from babel.core import Locale
from babel.dates import format_time as babel_format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from bot.paths import locales_dir

log = logging.getLogger(__name__)

#: Languages the helpline speaks; English is the source language of every msgid.
LANGUAGES = ("en", "fr")
#: Babel locale used to format dates and times in each language.
LOCALES = {"en": "en_CA", "fr": "fr_CA"}
#: gettext domain of our catalogues.
DOMAIN = "messages"


def po_path(language: str, folder: Path | None = None) -> Path:
    """Return the path of the .po catalogue for `language`."""
    return (folder or locales_dir()) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=8)
def translations(language: str, folder: str | None = None) -> Translations:
    """Load the catalogue for `language`, compiling the .po in memory (so no stale .mo can ship)."""
    path = po_path(language, Path(folder) if folder else None)
    if not path.exists():
        log.warning("no catalogue for language %s at %s", language, path)
        return Translations()
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def gettext(language: str, msgid: str) -> str:
    """Return `msgid` translated into `language` (English text is the msgid itself)."""
    if language not in LANGUAGES:
        language = "en"
    return translations(language).gettext(msgid)


def format_time(value: dt.time, language: str) -> str:
    """Write a clock time as people read it: 17 h / 9 h 30 in French, 5 PM / 9:30 AM in English; noon
    and midnight in words, as both languages say them (12 h and 12 AM confuse)."""
    if value == dt.time(12, 0):
        return gettext(language, "noon")
    if value == dt.time(0, 0):
        return gettext(language, "midnight")
    if language == "fr":
        pattern = "H 'h'" if value.minute == 0 else "H 'h' mm"
        return babel_format_time(value, pattern, locale=LOCALES["fr"])
    pattern = "h a" if value.minute == 0 else "h:mm a"
    # Babel's en_CA writes "p.m."; plain "PM" is shorter and what basic phones show.
    return babel_format_time(value, pattern, locale="en")


def weekday_name(weekday: int, language: str, short: bool = False) -> str:
    """Return the name of weekday 0–6 (Monday first) in `language`."""
    locale = Locale.parse(LOCALES.get(language, "en_CA"))
    names = locale.days["format"]["abbreviated" if short else "wide"]
    name = names[weekday]
    # French abbreviations keep their period ("lun. au ven."); English ones have none.
    return name if language == "fr" or not short else name.rstrip(".")
