"""Searching the catalogue: the right kind of service on real 211 data, need, language, hours, place, eligibility,
and the index agreeing with the exhaustive scan."""
import datetime as dt
import random
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.catalog import CATEGORIES, Catalog, import_path
from bot.db import Database
from tests.conftest import hsds_catalog

MIAMI = Path(__file__).parent / "data" / "hsds" / "miami-open211-2019"
ZONE = ZoneInfo("America/Edmonton")
MONDAY = dt.date(2026, 11, 23)


def at(hour: int, minute: int = 0, day: dt.date = MONDAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZONE)


@pytest.fixture(scope="module")
def miami(tmp_path_factory):
    """The Miami-Dade 211 directory, imported and loaded once for the module."""
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('miami') / 'catalog.sqlite'}")
    database.upgrade()
    import_path(database, MIAMI)
    yield Catalog.load(database, "America/New_York")
    database.engine.dispose()


def weekly(days: str, opens: str, closes: str) -> dict:
    return {"freq": "WEEKLY", "byday": days, "opens_at": opens, "closes_at": closes}


EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"


def offer(ref, name, description, categories=(), groups=(), languages=("en",), schedules=(), place=None,
          translation=None, **extra) -> dict:
    attributes = [{"taxonomy_term": {"code": code, "taxonomy": "passerelle-needs"}} for code in categories]
    attributes += [{"taxonomy_term": {"code": code, "taxonomy": "passerelle-eligibility"}} for code in groups]
    service = {"id": ref, "name": name, "description": description, "attributes": attributes,
               "languages": [{"code": code} for code in languages], "schedules": list(schedules), **extra}
    if place:
        latitude, longitude, postal_code = place
        service["service_at_locations"] = [{"location": {
            "latitude": latitude, "longitude": longitude,
            "addresses": [{"address_1": f"{ref} street", "city": "Willow Prairie", "postal_code": postal_code}]}}]
    if translation:
        service["translations"] = [{"language": "fr", **translation}]
    return service


#: A small catalogue built to show one ranking rule at a time; services differ only where a test looks.
SERVICES = [
    offer("youth-shelter", "Northstar Youth Shelter", "Emergency shelter beds for youth.", ["shelter"], ["youth"],
          schedules=[weekly(EVERY_DAY, "00:00", "24:00")], minimum_age=16, maximum_age=24),
    offer("women-shelter", "Haven House", "Emergency shelter for women and children leaving violence.",
          ["shelter", "family_violence"], ["women"], schedules=[weekly(EVERY_DAY, "00:00", "24:00")]),
    offer("day-shelter", "Overnight Shelter", "Emergency shelter beds and a hot meal.", ["shelter"],
          schedules=[weekly(EVERY_DAY, "08:00", "17:00")]),
    offer("night-shelter", "Overnight Shelter", "Emergency shelter beds and a hot meal.", ["shelter"],
          schedules=[weekly(EVERY_DAY, "19:00", "08:00")]),
    offer("north-food", "North Food Bank", "Free groceries once a month.", ["food"], languages=("fr",),
          place=(50.0215, -110.652, "T1B 3K7"),
          translation={"name": "Banque alimentaire du Nord", "description": "Épicerie gratuite une fois par mois."}),
    offer("south-food", "South Food Bank", "Free groceries once a month.", ["food"], languages=("en",),
          place=(50.0805, -110.701, "T1A 8M2")),
    offer("bus-pass", "Low-Income Bus Pass", "Monthly transit passes at a reduced price.", ["transport"]),
    offer("heat-fund", "Heat and Power Help Fund", "Help paying electricity and heating bills.", ["utilities"]),
]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    catalog, database = hsds_catalog(tmp_path_factory.mktemp("ours"), SERVICES, "ours")
    yield catalog
    database.engine.dispose()


def refs(matches) -> list[str]:
    return [match.service.source_id for match in matches]


# --- the right kind of service, on real 211 data -------------------------------------------------------

# Each request, and the AIRS code prefixes that make a service the right kind of answer (from taxonomy.csv).
REQUESTS = [
    ("help paying my electric bill", None, ("BV-8900",)),  # utility service payment assistance
    ("outpatient drug rehab", None, ("RX-8450", "RX-1700")),  # substance use treatment, detoxification
    ("free pregnancy test", None, ("LJ-2000.6750",)),  # pregnancy testing
    ("food pantry", None, ("BD-1800", "BD-1875", "BD-5000")),  # emergency food, food banks, meals
    # Without a need, "Emergency Food and Shelter" (a federal fund's name, listed by every agency that runs
    # it) matches both words; triage gives the need, as the conversation does.
    ("emergency shelter tonight", "shelter", ("BH-1800", "BH-1850", "BH-8600")),
    ("j'ai besoin d'aide pour payer ma facture d'électricité", "utilities", ("BV-8900",)),
    ("j'ai faim", "food", ("BD-1800", "BD-1875", "BD-5000", "NL-6000", "PH-2950")),
]


@pytest.mark.parametrize("text, need, prefixes", REQUESTS)
def test_plain_requests_find_the_right_kind_of_service(miami, text, need, prefixes):
    matches = miami.search(text, need=need, language="fr" if "'" in text else "en", limit=5)
    assert len(matches) == 5
    for match in matches:
        codes = match.service.taxonomy_codes
        assert any(code.startswith(prefixes) for code in codes), (match.service.name("en"), codes)


def test_a_typo_still_finds_the_service(miami):
    matches = miami.search("help paying my elecrtic bill", limit=5)
    assert all(any(code.startswith("BV-8900") for code in m.service.taxonomy_codes) for m in matches)


def test_the_index_agrees_with_the_exhaustive_scan(miami):
    generator = random.Random(20261124)
    words = [word.strip(".,()") for service in miami.services[::7]
             for word in (service.name("en") + " " + service.description("en")).split()[:10] if len(word) > 2]
    queries = [text for text, _need, _prefixes in REQUESTS] + ["child care", "health clinic", "bus pass", "detox"]
    for _ in range(40):
        picked = generator.sample(words, generator.randint(1, 4))
        # One word in four gets two letters swapped.
        picked = [w[:1] + w[2] + w[1] + w[3:] if len(w) > 4 and generator.random() < 0.25 else w for w in picked]
        queries.append(" ".join(picked))
    for number, text in enumerate(queries):
        options = {"need": generator.choice([None] + list(CATEGORIES)), "language": generator.choice(["en", "fr"]),
                   "when": generator.choice([None, at(generator.randrange(24))]),
                   "person": generator.choice([None, {"age": generator.randint(8, 80), "gender": "man"}]),
                   "where": generator.choice([None, "33157", (25.77, -80.19)]), "limit": generator.choice([3, 5, 9])}
        indexed = [(m.service.id, m.score, m.why) for m in miami.search(text, **options)]
        exhaustive = [(m.service.id, m.score, m.why) for m in miami.search_exhaustive(text, **options)]
        assert indexed == exhaustive, (number, text, options)


# --- what ranks first ----------------------------------------------------------------------------------

def test_a_service_in_the_need_category_outranks_a_word_match(catalog):
    # "bills" and "help" are in the heating fund's words, not the bus pass's; the need decides.
    matches = catalog.search("help with bills", need="transport")
    assert refs(matches)[0] == "bus-pass"
    assert matches[0].why[0] == "category transport"
    assert matches[0].score > max(m.score for m in matches[1:])


def test_without_services_in_the_need_category_text_matches_still_come(catalog):
    matches = catalog.search("food bank", need="clothing")
    assert set(refs(matches)) == {"north-food", "south-food"}
    assert not any("category clothing" in m.why for m in matches)
    assert all(m.score <= 50 for m in matches)


def test_services_offered_in_the_persons_language_come_first(catalog):
    assert refs(catalog.search("food bank", language="fr"))[:2] == ["north-food", "south-food"]
    assert refs(catalog.search("food bank", language="en"))[:2] == ["south-food", "north-food"]
    french = catalog.search("banque alimentaire", language="fr")[0]
    assert french.service.source_id == "north-food"
    assert "offered in French" in french.why
    assert french.service.name("fr") == "Banque alimentaire du Nord"


def test_services_open_now_come_first(catalog):
    evening = catalog.search("overnight shelter", need="shelter", when=at(21, 30))
    assert refs(evening).index("night-shelter") < refs(evening).index("day-shelter")
    assert "open now" in next(m.why for m in evening if m.service.source_id == "night-shelter")
    morning = catalog.search("overnight shelter", need="shelter", when=at(10))
    assert refs(morning).index("day-shelter") < refs(morning).index("night-shelter")


def test_services_a_person_cant_use_are_not_offered(catalog):
    man = catalog.search("emergency shelter", need="shelter", person={"age": 45, "gender": "man"}, limit=9)
    assert "youth-shelter" not in refs(man) and "women-shelter" not in refs(man)
    assert {"day-shelter", "night-shelter"} <= set(refs(man))
    woman = catalog.search("emergency shelter", need="shelter", person={"age": 30, "gender": "woman"}, limit=9)
    assert "women-shelter" in refs(woman) and "youth-shelter" not in refs(woman)
    young_man = catalog.search("emergency shelter", need="shelter", person={"age": 19, "gender": "male"}, limit=9)
    assert "youth-shelter" in refs(young_man)


def test_nearer_services_come_first_and_say_how_far(catalog):
    # Neither food bank is offered in Spanish: distance alone tells them apart.
    near_north = catalog.search("food bank", language="es", where="T1B 3K7")
    assert refs(near_north)[:2] == ["north-food", "south-food"]
    assert "0.0 km" in near_north[0].why
    assert any(why.endswith(" km") and why != "0.0 km" for why in near_north[1].why)
    near_south = catalog.search("food bank", language="es", where=(50.08, -110.70))
    assert refs(near_south)[0] == "south-food"
    assert catalog.search("food bank", language="es", where="T1A")[0].service.source_id == "south-food"  # an FSA
    assert not any("km" in why for m in catalog.search("food bank", where="Atlantis") for why in m.why)


def test_unrelated_text_finds_nothing_without_a_need(catalog):
    assert catalog.search("xylophone lessons") == []
    assert catalog.search("") == []
    assert len(catalog.search("", need="shelter", limit=9)) == 4  # the need alone: every shelter


def test_the_index_agrees_with_the_exhaustive_scan_on_our_catalogue(catalog):
    for text in ("emergency shelter", "food bank", "banque alimentaire", "bils", "bus", "", "shelter beds meal"):
        for need in (None, "shelter", "food", "clothing"):
            for options in ({}, {"language": "fr", "when": at(21)}, {"person": {"age": 45, "gender": "m"}},
                            {"where": "T1B 3K7", "limit": 2}):
                expected = [(m.service.id, m.score, m.why) for m in catalog.search_exhaustive(text, need=need,
                                                                                             **options)]
                assert [(m.service.id, m.score, m.why) for m in catalog.search(text, need=need, **options)] == expected


# --- a service as search returns it ---------------------------------------------------------------------

def test_opening_hours(catalog):
    night = next(s for s in catalog.services if s.source_id == "night-shelter")
    assert night.is_open(at(23)) is True
    assert night.is_open(at(7, 59, MONDAY + dt.timedelta(days=1))) is True  # still Monday night's opening
    assert night.is_open(at(12)) is False
    assert night.next_open(at(12)) == at(19)
    assert night.hours_on(MONDAY) == [(dt.time(19), dt.time(8))]
    assert night.open_24_7 is False
    youth = next(s for s in catalog.services if s.source_id == "youth-shelter")
    assert youth.open_24_7 is True and youth.is_open(at(3)) is True
    # A moment given in another zone is read in the catalogue's.
    assert night.is_open(dt.datetime(2026, 11, 24, 5, 0, tzinfo=dt.UTC)) is True  # 22:00 in Edmonton
    bus = next(s for s in catalog.services if s.source_id == "bus-pass")
    assert bus.is_open(at(12)) is None and bus.next_open(at(12)) is None


def test_lookups_and_coverage(catalog):
    first = catalog.services[0]
    assert catalog.get(first.id) is first and catalog.get("nope") is None
    covered = catalog.categories_covered()
    assert covered["shelter"] == 4 and covered["clothing"] == 0 and set(covered) == set(CATEGORIES)
    assert all(len(service.summary("en")) <= 70 for service in catalog.services)


def test_a_day_that_closes_at_23_59_runs_to_midnight():
    from bot.catalog.schedule import OpeningRule, open_all_week

    every_day = [OpeningRule(day, dt.time(0, 0), dt.time(23, 59)) for day in range(7)]
    assert open_all_week(every_day), "00:00-23:59 every day is how directories write 24/7"
    assert not open_all_week(every_day[:6])


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from bot.catalog import ensure_sample

    database = Database(f"sqlite:///{tmp_path_factory.mktemp('sample') / 'catalog.sqlite'}")
    database.upgrade()
    assert ensure_sample(database)
    yield Catalog.load(database, "America/Edmonton")
    database.engine.dispose()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_sample_catalogue_serves_every_category_in_both_languages(sample, language):
    other = "en" if language == "fr" else "fr"
    for category in CATEGORIES:
        matches = sample.search("", need=category, language=language, limit=5)
        in_category = [m.service for m in matches if category in m.service.categories]
        assert len(in_category) >= 3, f"{category}: {len(in_category)} services"
        for service in in_category:
            assert service.names.get(language) and service.descriptions.get(language), (category, service.id)
        if language == "fr":
            assert any(s.name("fr") != s.name(other) for s in in_category), f"{category}: no French text"
