"""The engine is pure: it imports no web framework, Redis, Twilio or database, so any channel can drive it."""
import subprocess
import sys


def test_the_engine_imports_no_framework_store_or_provider():
    code = ("import sys, bot.engine, bot.engine.runner, bot.engine.actions, bot.engine.listing;"
            "print(','.join(sorted(m for m in ('flask', 'redis', 'twilio', 'sqlalchemy', 'rq', 'fakeredis')"
            " if m in sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_every_need_has_a_label_and_a_choice_wording():
    from bot.engine.needs import NEED_CHOICES, NEED_LABELS
    from bot.needs import CATEGORIES
    from bot.triage import CATEGORIES as TRIAGE_CATEGORIES

    assert set(NEED_LABELS) == set(CATEGORIES) == set(NEED_CHOICES)
    assert TRIAGE_CATEGORIES == CATEGORIES
