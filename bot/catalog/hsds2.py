"""Read Open Referral HSDS 2.x tabular packages: the 2.0.1 layout and 211 exports like Miami-Dade's."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from bot.catalog.hsds3 import schedule_rules
from bot.catalog.languages import language_codes
from bot.catalog.records import ImportedService, format_phone, one_line_address
from bot.catalog.schedule import parse_weekday, rules_from_weekly
from bot.catalog.tabular import Dataset, group_by, read_csv


def _regular_rules(rows) -> list:
    """Return rules from regular_schedules rows (one weekday each; the original text explains blanks)."""
    rules = []
    for row in rows:
        day = parse_weekday(row.get("weekday"))
        if day is not None:
            rules.extend(rules_from_weekly([day], row.get("opens_at"), row.get("closes_at"),
                                           row.get("original_text") or row.get("description") or ""))
    return rules


def _taxonomy(folder: Path, dataset: Dataset) -> dict[str, list[tuple]]:
    """Return each service's (vocabulary, code, name) terms, from services_taxonomy or service_attributes."""
    terms_of = defaultdict(list)
    taxonomy = {row["id"]: row for row in read_csv(folder / "taxonomy.csv", required=False) if row.get("id")}
    for row in read_csv(folder / "services_taxonomy.csv", required=False):
        term = taxonomy.get(row.get("taxonomy_id") or "")
        if row.get("service_id") and term:
            terms_of[row["service_id"]].append((term.get("vocabulary"), term["id"], term.get("name")))
        elif row.get("service_id"):
            dataset.notice("services_taxonomy.csv: links to unknown taxonomy ids ignored")
    terms = {row["id"]: row for row in read_csv(folder / "taxonomy_terms.csv", required=False) if row.get("id")}
    for row in read_csv(folder / "service_attributes.csv", required=False):
        term = terms.get(row.get("taxonomy_term_id") or "")
        if row.get("service_id") and term:
            terms_of[row["service_id"]].append((term.get("taxonomy"), term["id"], term.get("term") or term.get("name")))
    return terms_of


def read_tabular(folder: Path, base_language: str) -> Dataset:
    """Read an HSDS 2.x tabular package into services."""
    dataset = Dataset(format="HSDS 2 tabular")
    organizations = {row["id"]: row for row in read_csv(folder / "organizations.csv", required=False) if row.get("id")}
    locations = {row["id"]: row for row in read_csv(folder / "locations.csv", required=False) if row.get("id")}
    addresses = group_by(read_csv(folder / "physical_addresses.csv", required=False), "location_id")
    at_locations = group_by(read_csv(folder / "services_at_location.csv", required=False), "service_id")
    phones = read_csv(folder / "phones.csv", required=False)
    phones_of = {key: group_by(phones, key) for key in ("service_id", "location_id", "organization_id")}
    regular = read_csv(folder / "regular_schedules.csv", required=False)
    regular_of = {key: group_by(regular, key) for key in ("service_id", "location_id", "service_at_location_id")}
    schedules_of = group_by(read_csv(folder / "schedules.csv", required=False), "service_id")
    languages = read_csv(folder / "languages.csv", required=False)
    languages_of = {key: group_by(languages, key) for key in ("service_id", "location_id")}
    eligibility_rows = read_csv(folder / "eligibility.csv", required=False)
    eligibility_of = group_by(eligibility_rows, "service_id")
    unlinked = sum(1 for row in eligibility_rows if not row.get("service_id") and row.get("eligibility"))
    if unlinked:
        dataset.notice("eligibility.csv: rows with no service_id ignored", unlinked)
    terms_of = _taxonomy(folder, dataset)

    for line, row in enumerate(read_csv(folder / "services.csv", columns=("id", "name")), start=2):
        ref = row["id"]
        if not ref:
            dataset.skip("no id", f"services.csv line {line}")
            continue
        if not row.get("name"):
            dataset.skip("no name", f"services.csv line {line}")
            continue
        record = ImportedService(source_ref=ref, status=row.get("status") or "active")
        eligibility = "\n\n".join(e["eligibility"] for e in eligibility_of.get(ref, []) if e.get("eligibility"))
        record.set_text(base_language, row["name"], row.get("description"), eligibility)
        organization = organizations.get(row.get("organization_id") or "", {})
        record.organization = organization.get("name")
        record.url = row.get("url") or organization.get("url")
        record.email = row.get("email") or organization.get("email")
        record.terms = terms_of.get(ref, [])
        location_ids = [sal["location_id"] for sal in at_locations.get(ref, []) if sal.get("location_id")]
        sal_ids = [sal["id"] for sal in at_locations.get(ref, []) if sal.get("id")]
        for language in languages_of["service_id"].get(ref, []) or sum(
                (languages_of["location_id"].get(loc, []) for loc in location_ids), []):
            for code in language_codes(language.get("language")):
                if code not in record.languages:
                    record.languages.append(code)
        for code in language_codes(row.get("interpretation_services")):
            if code not in record.languages:
                record.languages.append(code)
        phone = (_first(phones_of["service_id"].get(ref)) or _first_of(phones_of["location_id"], location_ids)
                 or _first(phones_of["organization_id"].get(row.get("organization_id") or "")))
        if phone:
            record.phone = format_phone(phone.get("number"), phone.get("extension"))
        record.rules = (_regular_rules(regular_of["service_id"].get(ref, []))
                        or _regular_rules(sum((regular_of["service_at_location_id"].get(s, []) for s in sal_ids), []))
                        or _regular_rules(sum((regular_of["location_id"].get(loc, []) for loc in location_ids), []))
                        or schedule_rules(schedules_of.get(ref, [])))
        for location_id in location_ids:
            location = locations.get(location_id)
            if not location:
                continue
            if location.get("latitude") or location.get("longitude"):
                if not record.set_point(location.get("latitude"), location.get("longitude")):
                    dataset.notice("locations.csv: coordinates out of range dropped")
            address = _first(addresses.get(location_id))
            if address:
                record.address = one_line_address(address.get("address_1"), address.get("city"))
                record.city = address.get("city") or None
                record.postal_code = address.get("postal_code") or None
            break
        dataset.add(record)
    return dataset


def _first(rows):
    return rows[0] if rows else None


def _first_of(grouped: dict, keys: list[str]):
    for key in keys:
        if grouped.get(key):
            return grouped[key][0]
    return None
