"""Golden transcripts: each flow, in each language, replayed through the real engine, triage and catalogue.

Regenerate after a deliberate change with:  UPDATE_GOLDEN=1 python -m pytest tests/test_transcripts.py
then read the diff of tests/transcripts/ before committing it.
"""
import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from bot import sms
from bot.config import DEFAULT_CRISIS_LINE, DEFAULT_EMERGENCY_NUMBER, DEFAULT_NAVIGATOR_PHONE
from bot.engine import Engine, Inbound, load_flows
from bot.environment import LiveEnvironment
from bot.paths import flows_dir

TRANSCRIPTS = Path(__file__).parent / "transcripts"
#: A Wednesday morning in the helpline's time zone, so opening hours in the transcripts never drift.
CLOCK = dt.datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("America/Edmonton"))
SETTINGS = {"crisis_line": DEFAULT_CRISIS_LINE, "emergency_number": DEFAULT_EMERGENCY_NUMBER,
            "navigator_phone": DEFAULT_NAVIGATOR_PHONE, "default_language": "en", "resume_after": 1800,
            "timezone": "America/Edmonton", "helpline_name": "Passerelle", "safety_minutes": 120,
            "night_hours": "20-7"}


@pytest.fixture
def catalog(sample_catalog):
    return sample_catalog


def replay(script: dict, catalog) -> list[dict]:
    """Run the script's messages through the engine; return what each turn said and noticed.

    A script may set `clock` (local ISO date-time, e.g. "2026-11-25T22:30" for a weeknight) instead of the
    Wednesday morning every other transcript uses, and `state` (fields of the state the record would give the
    engine, e.g. a follow-up awaiting its answer).
    """
    engine = Engine(load_flows(flows_dir()))
    clock = CLOCK
    if script.get("clock"):
        clock = dt.datetime.fromisoformat(str(script["clock"])).replace(tzinfo=CLOCK.tzinfo)
    environment = LiveEnvironment("sms", SETTINGS, catalog, fits=sms.fits, clock=lambda: clock)
    from bot.engine import ConversationState

    state = ConversationState.from_dict(script["state"]) if script.get("state") else None
    turns = []
    for minute, text in enumerate(script["send"]):
        inbound = Inbound(text, "sms", received_at=clock + dt.timedelta(minutes=minute))
        result = engine.resume(state, inbound, environment)
        state = result.state
        turns.append({"in": text, "out": [m.text for m in result.messages],
                      "events": [e.type for e in result.events], "waiting": state.node})
    return turns


def transcript_files():
    return sorted(TRANSCRIPTS.glob("*.yaml"))


def test_every_flow_has_a_transcript_in_each_language():
    flows = load_flows(flows_dir())
    present = {path.stem for path in transcript_files()}
    wanted = {f"{flow}.{language}" for flow in flows.flows for language in ("en", "fr")}
    assert wanted <= present, f"missing transcripts: {sorted(wanted - present)}"


@pytest.mark.parametrize("path", transcript_files(), ids=lambda p: p.stem)
def test_transcript(path, catalog):
    golden = yaml.safe_load(path.read_text(encoding="utf-8"))
    turns = replay(golden, catalog)
    if os.environ.get("UPDATE_GOLDEN"):
        golden["turns"] = turns
        path.write_text(yaml.safe_dump(golden, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
        pytest.skip("transcript regenerated")
    assert turns == golden.get("turns"), f"{path.name} no longer matches; see the module docstring"
    language = path.stem.split(".")[1]
    for turn in turns:
        for text in turn["out"]:
            # A crisis reply keeps its accents (UCS-2) and may run longer rather than be cut.
            crisis = "911" in text and not sms.is_gsm7(text)
            assert crisis or sms.fits(text), f"over 3 segments: {text!r}"
    assert any(turn["out"] for turn in turns)
    if language == "fr":
        assert any("Répondez" in text or "besoin" in text or "Faites le" in text for turn in turns for text in turn["out"])
