"""Importing Open Referral datasets: Miami-Dade's HSDS 2 export, the HSDS 3.0 examples, our own JSON."""
import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from bot.catalog import Catalog, CatalogImportError, ensure_sample, import_path
from bot.catalog.commands import catalog_group
from bot.catalog.models import ServiceEntry
from bot.catalog.schedule import OpeningRule, parse_clock
from bot.catalog.taxonomy import load_mapping
from bot.db import Base, Database

DATA = Path(__file__).parent / "data" / "hsds"
MIAMI = DATA / "miami-open211-2019"
EXAMPLES = DATA / "hsds-3.0-examples"
EXAMPLE_ID = "ac148810-d857-441c-9679-408f346de14b"


def make_database(path: Path) -> Database:
    database = Database(f"sqlite:///{path}")
    database.upgrade()
    return database


@pytest.fixture
def database(tmp_path):
    database = make_database(tmp_path / "catalog.sqlite")
    yield database
    database.engine.dispose()


@pytest.fixture(scope="module")
def miami(tmp_path_factory):
    """The Miami directory imported once for the module: (database, report, catalog)."""
    database = make_database(tmp_path_factory.mktemp("miami") / "catalog.sqlite")
    report = import_path(database, MIAMI)
    yield database, report, Catalog.load(database, "America/New_York")
    database.engine.dispose()


def write_services(path: Path, services: list[dict]) -> Path:
    path.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    return path


def service(ref: str, name: str, **extra) -> dict:
    return {"id": ref, "name": name, "description": f"{name}: free help for everyone.", "status": "active", **extra}


# --- Miami-Dade 211 (HSDS 2.x tabular) ----------------------------------------------------------------

def test_miami_imports_every_service(miami):
    database, report, catalog = miami
    assert (report.new, report.updated, report.unchanged, report.deactivated) == (4089, 0, 0, 0)
    assert report.skipped == {}
    assert report.format == "HSDS 2 tabular"
    assert report.notices == {"eligibility.csv: rows with no service_id ignored": 2244}
    assert len(catalog) == 4089
    with database.session() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(ServiceEntry)) == 4089


def test_miami_text_is_cleaned_for_display(miami):
    _, _, catalog = miami
    for service in catalog.services:
        text = service.description("en") + service.name("en")
        assert "###" not in text and "GÇ" not in text and "\\n" not in text
    attorney = catalog.get(next(s.id for s in catalog.services if s.source_id == "143"))
    assert attorney.name("en") == "Office of the Attorney General"
    # "State AttorneyGÇÖs Office" in the export: UTF-8 read as code page 437, repaired.
    assert any("State Attorney’s" in s.description("en") for s in catalog.services)


def test_miami_service_keeps_phone_address_hours_languages_and_categories(miami):
    _, _, catalog = miami
    girl_scouts = next(s for s in catalog.services if s.source_id == "136")
    assert girl_scouts.phone == "305-253-4841"
    assert girl_scouts.address == "11347 SW 160th Street, Miami"
    assert set(girl_scouts.languages) == {"en", "es", "ht"}
    assert girl_scouts.hours_on(dt.date(2026, 11, 23)) == [(dt.time(9), dt.time(17))]  # a Monday
    assert girl_scouts.hours_on(dt.date(2026, 11, 29)) == []  # a Sunday
    assert girl_scouts.eligibility.get("genders") == ["women"]  # "Girl Scouts": for girls
    assert len(girl_scouts.summary("en")) <= 70


def test_miami_airs_codes_map_to_categories(miami):
    _, _, catalog = miami
    by_code = {}
    for service in catalog.services:
        for code in service.taxonomy_codes:
            by_code.setdefault(code, []).append(service)
    for code, category in (("BV-8900.9300-180", "utilities"), ("BH-1800.8500", "shelter"),
                           ("BD-1800.2000-640", "food"), ("RX-8450.1150-180", "substance_use"),
                           ("BH-3800.7000", "housing"), ("LJ-2000.6750", "health"), ("PH-1250.1800", "childcare")):
        assert by_code[code] and all(category in s.categories for s in by_code[code]), code
    covered = catalog.categories_covered()
    assert set(covered) == {"housing", "shelter", "food", "transport", "employment", "income", "utilities", "health",
                            "mental_health", "substance_use", "legal", "family_violence", "childcare", "clothing"}
    assert all(count > 0 for count in covered.values())


def test_miami_target_populations_become_eligibility(miami):
    _, _, catalog = miami
    youth_shelter = [s for s in catalog.services if "BH-1800.1500-700" in s.taxonomy_codes]
    assert youth_shelter
    assert all(s.eligibility.get("max_age", 99) < 45 for s in youth_shelter)


# --- HSDS 3.0 -------------------------------------------------------------------------------------------

def test_hsds3_json_examples_import_as_one_service(database):
    report = import_path(database, EXAMPLES)
    # Five example files describe the same service; the other files hold no services.
    assert (report.new, report.skipped) == (1, {"duplicate id": 4})
    assert report.format == "HSDS 3.0 JSON"
    counselling = Catalog.load(database, "Europe/London").services[0]
    assert counselling.source_id == EXAMPLE_ID
    assert counselling.name("en") == "Community Counselling"
    assert counselling.organization == "Example Organization Inc."
    assert counselling.phone == "+44 1234 234567 ext. 100"
    assert counselling.address == "1-30 Main Street, MyCity"
    assert counselling.languages == ("ur",)
    assert counselling.eligibility["min_age"] == 12 and counselling.eligibility["max_age"] == 100
    assert counselling.hours == (OpeningRule(3, dt.time(10), dt.time(18)), OpeningRule(4, dt.time(10), dt.time(18)))
    # The example's coordinates (100, 101) are off the planet: dropped, not stored.
    assert counselling.latitude is None


@pytest.mark.parametrize("name", ["service_full.json", "service_list.json", "service_at_location_full.json",
                                  "organization_full.json"])
def test_each_hsds3_shape_holding_a_service_imports(database, name):
    report = import_path(database, EXAMPLES / name)
    assert report.new == 1 and not report.skipped


def test_hsds3_tabular_example_imports(database):
    report = import_path(database, EXAMPLES / "csv")
    assert (report.new, report.format) == (1, "HSDS 3.0 tabular")
    counselling = Catalog.load(database, "Europe/London").services[0]
    assert counselling.source_id == EXAMPLE_ID
    assert counselling.phone == "+44 1234 234567 ext. 100"
    assert counselling.organization == "Example Organization Inc."
    assert counselling.address == "1-30 Main Street, MyCity"


def test_a_zipped_package_imports(database, tmp_path):
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in (EXAMPLES / "csv").glob("*.csv"):
            bundle.write(path, f"export/{path.name}")
    assert import_path(database, archive, source="zipped").new == 1


def test_bilingual_services_keep_both_languages(database, tmp_path):
    path = write_services(tmp_path / "services.json", [service(
        "food-1", "Community Food Bank", description="Free groceries once a month.",
        translations=[{"language": "fr", "name": "Banque alimentaire communautaire",
                       "description": "Épicerie gratuite une fois par mois.",
                       "eligibility_description": "Pour tous."}],
        languages=[{"name": "English", "code": "en"}, {"name": "French", "code": "fr"}],
        attributes=[{"taxonomy_term": {"code": "food", "name": "Food", "taxonomy": "passerelle-needs"}},
                    {"taxonomy_term": {"code": "families", "taxonomy": "passerelle-eligibility"}}])])
    import_path(database, path, source="ours")
    food_bank = Catalog.load(database, "America/Edmonton").services[0]
    assert food_bank.name("fr") == "Banque alimentaire communautaire"
    assert food_bank.name("en") == "Community Food Bank"
    assert food_bank.name("es") == "Community Food Bank"  # falls back
    assert food_bank.description("fr") == "Épicerie gratuite une fois par mois."
    assert food_bank.eligibility_text("en") == "Pour tous."  # only French exists
    assert food_bank.languages == ("en", "fr")
    assert food_bank.categories == ("food",)
    assert food_bank.eligibility == {"groups": ["families"]}


def test_reimport_updates_in_place_and_marks_missing_services_inactive(database, tmp_path):
    first = [service("a", "Alpha Food Bank"), service("b", "Bravo Shelter"), service("c", "Charlie Clinic")]
    path = write_services(tmp_path / "services.json", first)
    assert import_path(database, path, source="ours").new == 3
    catalog = Catalog.load(database, "America/Edmonton")
    again = import_path(database, path, source="ours")
    assert (again.new, again.updated, again.unchanged, again.deactivated) == (0, 0, 3, 0)

    changed = [service("a", "Alpha Food Bank", description="Now open on Saturdays."), service("b", "Bravo Shelter")]
    write_services(path, changed)
    report = import_path(database, path, source="ours")
    assert (report.new, report.updated, report.unchanged, report.deactivated) == (0, 1, 1, 1)
    assert "1 marked inactive (no longer in the source)" in report.lines()
    with database.session() as session:
        rows = session.execute(sa.select(ServiceEntry.source_ref, ServiceEntry.active)).all()
    assert sorted(rows) == [("a", True), ("b", True), ("c", False)]

    old_ids = {s.source_id: s.id for s in catalog.services}
    assert catalog.refresh(database) is catalog
    assert len(catalog) == 2
    assert catalog.get(old_ids["a"]).description("en") == "Now open on Saturdays."  # same internal id
    assert catalog.get(old_ids["c"]) is None

    write_services(path, first)
    back = import_path(database, path, source="ours")
    assert (back.new, back.updated, back.unchanged) == (0, 2, 1)  # a changed back, c reactivated


def test_records_without_id_or_name_are_skipped_and_counted(database, tmp_path):
    path = write_services(tmp_path / "services.json", [
        service("a", "Alpha"), {"id": "b", "description": "nameless"}, {"name": "No id"}, service("a", "Again")])
    report = import_path(database, path, source="ours")
    assert report.new == 1
    assert report.skipped == {"no name": 1, "no id": 1, "duplicate id": 1}
    assert any(line.startswith("skipped 3: ") for line in report.lines())


def test_inactive_services_are_stored_but_not_offered(database, tmp_path):
    path = write_services(tmp_path / "services.json", [service("a", "Alpha"), service("b", "Bravo", status="defunct")])
    report = import_path(database, path, source="ours")
    assert (report.new, report.inactive) == (2, 1)
    assert [s.source_id for s in Catalog.load(database, "America/Edmonton").services] == ["a"]


def test_unreadable_datasets_raise_an_error_naming_the_file(database, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "a", "name": ', encoding="utf-8")
    with pytest.raises(CatalogImportError, match=r"broken\.json: line 1: not valid JSON"):
        import_path(database, broken)
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "services.csv").write_text("identifier,title\n1,x\n", encoding="utf-8")
    (folder / "regular_schedules.csv").write_text("id\n", encoding="utf-8")
    with pytest.raises(CatalogImportError, match=r"services\.csv: header: missing column 'id'"):
        import_path(database, folder)
    with pytest.raises(CatalogImportError, match="no such file"):
        import_path(database, tmp_path / "nowhere")


def test_ensure_sample_imports_only_into_an_empty_catalogue(database):
    assert ensure_sample(database) is True
    assert len(Catalog.load(database, "America/Edmonton")) > 50
    assert ensure_sample(database) is False


def test_migration_creates_the_tables_the_models_describe(database):
    inspector = sa.inspect(database.engine)
    for table in ("catalog_sources", "services", "service_texts", "catalog_state"):
        model_columns = set(Base.metadata.tables[table].columns.keys())
        assert {column["name"] for column in inspector.get_columns(table)} == model_columns, table


# --- the mapping and the hours ---------------------------------------------------------------------------

def test_taxonomy_mapping_takes_the_longest_prefix():
    mapping = load_mapping()
    airs = "Open211 Miami - AIRS"
    assert mapping.categories(airs, "BH-1800.8500-185") == ("shelter",)
    assert mapping.categories(airs, "BH-1800.1500-100") == ("shelter", "family_violence")
    assert mapping.categories(airs, "BH-3800.7000") == ("housing",)
    assert mapping.categories(airs, "BV-8900.9300-180") == ("utilities",)
    assert mapping.categories(None, "BT-8750.1400") == ("legal",)  # consulates, not transport
    assert mapping.categories(airs, "FL-6500") == ()  # police: no category, though under F legal
    assert mapping.categories(airs, "YB-8000") == ()
    assert mapping.eligibility_for(airs, "YS-2000.9500") == {"genders": ["women"]}
    assert mapping.categories("Open Eligibility", "101-02-06") == ("utilities",)
    assert mapping.categories(None, None, "Food Pantry") == ("food",)
    assert mapping.categories("passerelle-needs", "transport") == ("transport",)
    assert mapping.categories("passerelle-needs", "nonsense") == ()


def test_clock_times_as_211s_write_them():
    assert parse_clock("9:00am") == dt.time(9)
    assert parse_clock("830am") == dt.time(8, 30)
    assert parse_clock("6:300pm", closing=True) == dt.time(18, 30)
    assert parse_clock("10:00:00") == dt.time(10)
    assert parse_clock("5:00", closing=True) == dt.time(17)
    assert parse_clock("24:00", closing=True) == dt.time(0)
    assert parse_clock("") is None


# --- the command ---------------------------------------------------------------------------------------

def test_catalog_command_imports_and_searches(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    runner = CliRunner()
    dataset = tmp_path / "examples"
    shutil.copytree(EXAMPLES, dataset)
    result = runner.invoke(catalog_group, ["import", str(dataset), "--source", "examples"])
    assert result.exit_code == 0, result.output
    assert "1 services imported" in result.output and "skipped 4: 4 duplicate id" in result.output

    result = runner.invoke(catalog_group, ["search", "counseling anxiety", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["id"] == EXAMPLE_ID

    requests = tmp_path / "requests.jsonl"
    requests.write_text('{"text": "counselling", "language": "en"}\n{"text": "zzzz", "language": "fr"}\n')
    result = runner.invoke(catalog_group, ["search", "--jsonl", str(requests)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert first["results"][0]["id"] == EXAMPLE_ID and first["results"][0]["name"] == "Community Counselling"
    assert second == {"results": []}

    result = runner.invoke(catalog_group, ["import", str(tmp_path / "requests.jsonl")])
    assert result.exit_code == 1 and "expected a .json file" in result.output
