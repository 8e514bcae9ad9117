"""Both languages, always: every message has a French translation, and times read as each language writes them."""
import datetime as dt
import shutil
from pathlib import Path

from bot import i18n
from bot.translations import extract, missing_translations

ROOT = Path(__file__).resolve().parents[1]


def test_every_message_has_a_french_translation():
    missing = missing_translations(ROOT)
    assert not missing, "untranslated: " + "; ".join(f"{lang}: {msgid[:60]}" for lang, msgid in missing[:10])


def test_extraction_finds_python_and_flow_messages():
    ids = {message.id for message in extract(ROOT) if message.id}
    assert "Open 24/7" in ids  # from Python
    assert "In a few words, what do you need help with today?" in ids  # from a flow
    assert len(ids) > 40


def test_a_new_message_without_french_is_caught(tmp_path):
    for name in ("bot", "flows", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("_data", "__pycache__"))
    flow = tmp_path / "flows" / "main.yaml"
    flow.write_text(flow.read_text(encoding="utf-8").replace(
        'text: "In a few words, what do you need help with today?"',
        'text: "In a few words, what do you need help with this evening?"'), encoding="utf-8")
    missing = missing_translations(tmp_path)
    assert ("fr", "In a few words, what do you need help with this evening?") in missing


def test_french_translation_is_used():
    assert i18n.gettext("fr", "In a few words, what do you need help with today?") == \
        "En quelques mots, de quoi avez-vous besoin aujourd'hui?"
    assert i18n.gettext("en", "Open 24/7") == "Open 24/7"


def test_times_are_written_per_language():
    assert i18n.format_time(dt.time(17, 0), "fr") == "17 h"
    assert i18n.format_time(dt.time(9, 30), "fr") == "9 h 30"
    assert i18n.format_time(dt.time(17, 0), "en") == "5 PM"
    assert i18n.format_time(dt.time(9, 30), "en") == "9:30 AM"


def test_weekdays_are_named_per_language():
    assert i18n.weekday_name(0, "fr") == "lundi"
    assert i18n.weekday_name(6, "en", short=True) == "Sun"
