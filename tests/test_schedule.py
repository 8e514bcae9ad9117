"""Opening hours people can trust: nights that run past midnight, monthly days, and how they are written."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.engine import ConversationState, Inbound, load_flows
from bot.engine.listing import hours_now, week_hours
from bot.engine.runner import Context
from bot.environment import LiveEnvironment
from bot.paths import flows_dir
from tests.conftest import hsds_catalog

ZONE = ZoneInfo("America/Edmonton")


def service(ref, name, schedules):
    return {"id": ref, "name": name, "description": f"{name}.", "schedules": schedules,
            "attributes": [{"taxonomy_term": {"code": "legal", "taxonomy": "passerelle-needs"}}]}


SERVICES = [
    service("first-monday", "First Monday Legal Clinic",
            [{"freq": "MONTHLY", "byday": "1MO", "opens_at": "10:00", "closes_at": "14:00"}]),
    service("last-friday", "Last Friday Tax Help",
            [{"freq": "MONTHLY", "byday": "-1FR", "opens_at": "09:00", "closes_at": "12:00"}]),
    service("warming", "Warming Centre", [
        {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "20:00", "closes_at": "23:59"},
        {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "00:00", "closes_at": "08:00"}]),
    service("office", "Weekday Office", [
        {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "12:00"},
        {"freq": "WEEKLY", "byday": "TU,TH", "opens_at": "13:00", "closes_at": "17:00"}]),
]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    catalog, database = hsds_catalog(tmp_path_factory.mktemp("hours"), SERVICES, "hours")
    yield catalog
    database.engine.dispose()


def find(catalog, ref):
    return next(s for s in catalog.services if s.source_id == ref)


def context(catalog, language, when):
    settings = {"default_language": language}
    env = LiveEnvironment("sms", settings, catalog, clock=lambda: when)
    state = ConversationState(language=language, language_chosen=True)
    return Context(load_flows(flows_dir()), state, Inbound("hi", received_at=when), env)


def test_a_monthly_day_is_open_only_on_that_date(catalog):
    clinic = find(catalog, "first-monday")
    assert clinic.is_open(dt.datetime(2026, 12, 7, 11, tzinfo=ZONE)) is True  # the first Monday of December
    assert clinic.is_open(dt.datetime(2026, 12, 14, 11, tzinfo=ZONE)) is False  # the second
    assert clinic.next_open(dt.datetime(2026, 12, 14, 11, tzinfo=ZONE)) == dt.datetime(2027, 1, 4, 10, tzinfo=ZONE)
    tax = find(catalog, "last-friday")
    assert tax.next_open(dt.datetime(2026, 12, 1, 9, tzinfo=ZONE)) == dt.datetime(2026, 12, 25, 9, tzinfo=ZONE)


def test_search_reads_monthly_days_on_the_date(catalog):
    on_day = catalog.search("legal clinic", need="legal", when=dt.datetime(2026, 12, 7, 11, tzinfo=ZONE), limit=5)
    other_day = catalog.search("legal clinic", need="legal", when=dt.datetime(2026, 12, 14, 11, tzinfo=ZONE), limit=5)
    assert "open now" in next(m for m in on_day if m.service.source_id == "first-monday").why
    assert "open now" not in next(m for m in other_day if m.service.source_id == "first-monday").why


def test_monthly_days_are_written_in_both_languages(catalog):
    when = dt.datetime(2026, 12, 1, 9, tzinfo=ZONE)
    clinic = find(catalog, "first-monday")
    assert week_hours(context(catalog, "en", when), clinic) == "1st Mon of the month 10 AM-2 PM"
    assert week_hours(context(catalog, "fr", when), clinic) == "1er lun. du mois 10 h-14 h"
    assert hours_now(context(catalog, "en", when), clinic) == "Opens Monday at 10 AM"


def test_a_night_past_midnight_is_one_night(catalog):
    warming = find(catalog, "warming")
    late = dt.datetime(2026, 11, 25, 22, 30, tzinfo=ZONE)
    assert hours_now(context(catalog, "en", late), warming) == "Open now until 8 AM"
    assert hours_now(context(catalog, "fr", late), warming) == "Ouvert jusqu'à 8 h"
    assert week_hours(context(catalog, "en", late), warming) == "Every day 8 PM-8 AM"
    assert week_hours(context(catalog, "fr", late), warming) == "Tous les jours 20 h-8 h"


def test_days_that_share_hours_are_grouped(catalog):
    office = find(catalog, "office")
    when = dt.datetime(2026, 11, 25, 10, tzinfo=ZONE)
    assert week_hours(context(catalog, "en", when), office) == "Mon-Fri 9 AM-noon; Tue and Thu 1 PM-5 PM"
    assert week_hours(context(catalog, "fr", when), office) == "lun. au ven. 9 h-midi; mar. et jeu. 13 h-17 h"
