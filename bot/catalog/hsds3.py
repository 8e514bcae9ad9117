"""Read Open Referral HSDS 3.0: nested JSON (a service, a list, a page of results) and the tabular CSV package."""
from __future__ import annotations

import json
from pathlib import Path

from bot.catalog.errors import CatalogImportError
from bot.catalog.languages import language_codes
from bot.catalog.records import ImportedService, SkippedRecord, format_phone, one_line_address
from bot.catalog.schedule import OpeningRule, parse_ordinal, parse_weekday, rules_from_weekly
from bot.catalog.tabular import Dataset, group_by, read_csv

#: Keys that only a service object has (an organization has "services", a location "location_type").
_SERVICE_KEYS = {"service_at_locations", "eligibility_description", "interpretation_services", "application_process",
                 "fees_description", "program", "translations", "minimum_age", "maximum_age", "attributes"}
#: Keys of objects with a name and a description that are not services (taxonomies, terms, locations).
_OTHER_KEYS = {"location_type", "code", "taxonomy", "term_uri", "uri", "version", "addresses"}
_ORGANIZATION_KEYS = {"services", "website", "tax_status", "legal_status", "year_incorporated", "logo"}


# --- nested JSON -------------------------------------------------------------------------------------

def _services_in(document, dataset: Dataset, where: str, organization=None):
    """Yield (service object, organization object) from any HSDS 3.0 shape that holds services."""
    if isinstance(document, list):
        for index, item in enumerate(document):
            yield from _services_in(item, dataset, f"{where}[{index}]", organization)
        return
    if not isinstance(document, dict):
        dataset.notice("not an HSDS object")
        return
    if isinstance(document.get("contents"), list):
        yield from _services_in(document["contents"], dataset, where + ".contents", organization)
    elif isinstance(document.get("service"), dict):
        # A service_at_location: the service, seen at this one location.
        service = dict(document["service"])
        if not service.get("service_at_locations"):
            service["service_at_locations"] = [{key: value for key, value in document.items() if key != "service"}]
        yield service, organization
    elif isinstance(document.get("services"), list) or _ORGANIZATION_KEYS & set(document):
        for index, service in enumerate(document.get("services") or ()):
            yield from _services_in(service, dataset, f"{where}.services[{index}]", document)
    elif _SERVICE_KEYS & set(document) or (("name" in document or "description" in document)
                                           and not _OTHER_KEYS & set(document)):
        yield document, organization
    else:
        dataset.notice("objects that are not services (locations, taxonomies...)")


def read_json(paths: list[Path], base_language: str) -> Dataset:
    """Read HSDS 3.0 JSON files (services, lists, pages, organizations, service_at_locations)."""
    dataset = Dataset(format="HSDS 3.0 JSON")
    for path in paths:
        try:
            with open(path, encoding="utf-8-sig") as handle:
                document = json.load(handle)
        except json.JSONDecodeError as error:
            raise CatalogImportError(path, f"line {error.lineno}", f"not valid JSON: {error.msg}") from None
        except UnicodeDecodeError as error:
            raise CatalogImportError(path, None, f"not UTF-8 text: {error.reason}") from None
        for index, (service, organization) in enumerate(_services_in(document, dataset, path.name)):
            ref = str(service.get("id") or "").strip()
            try:
                dataset.add(service_from_object(service, organization, base_language))
            except SkippedRecord as skipped:
                dataset.skip(skipped.reason, f"{path.name} service {ref or index}")
    return dataset


def _first(items):
    return items[0] if isinstance(items, list) and items else None


def _as_int(value) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _term_of(attribute: dict) -> tuple | None:
    term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
    if not isinstance(term, dict):
        return None
    detail = term.get("taxonomy_detail") if isinstance(term.get("taxonomy_detail"), dict) else {}
    vocabulary = term.get("taxonomy") or term.get("vocabulary") or detail.get("name")
    return (vocabulary, str(term.get("code") or "").strip() or None, term.get("name"))


def schedule_rules(schedules) -> list:
    """Return opening rules from HSDS 3.0 schedule objects (RFC 5545-style byday, opens_at, closes_at)."""
    rules = []
    for schedule in schedules or ():
        if not isinstance(schedule, dict):
            continue
        freq = str(schedule.get("freq") or "").upper()
        named = [day.strip() for day in str(schedule.get("byday") or "").split(",") if day.strip()]
        if freq == "MONTHLY" and any(parse_ordinal(day) for day in named):
            # "1MO": the first Monday of each month; the dates are rrule's to compute (schedule.py).
            for day in named:
                weekday, nth = parse_weekday(day), parse_ordinal(day)
                if weekday is not None and nth:
                    rules.extend(OpeningRule(rule.weekday, rule.opens, rule.closes, nth)
                                 for rule in rules_from_weekly([weekday], schedule.get("opens_at"),
                                                               schedule.get("closes_at")))
            continue
        days = [parse_weekday(day) for day in named]
        days = [day for day in days if day is not None]
        if not days and freq in ("", "DAILY", "WEEKLY"):
            # No days named: open every day (a DAILY rule, or opening hours given without days).
            days = list(range(7))
        if schedule.get("weekday") is not None:
            day = parse_weekday(schedule.get("weekday"))
            days = [day] if day is not None else []
        rules.extend(rules_from_weekly(days, schedule.get("opens_at"), schedule.get("closes_at"),
                                       str(schedule.get("description") or "")))
    return rules


def _physical_address(location: dict) -> dict | None:
    addresses = [a for a in location.get("addresses") or () if isinstance(a, dict)]
    return next((a for a in addresses if a.get("address_type") in (None, "", "physical")), _first(addresses))


def service_from_object(service: dict, organization: dict | None, base_language: str) -> ImportedService:
    """Return the service an HSDS 3.0 service object describes; raise SkippedRecord if it can't be used."""
    ref = str(service.get("id") or "").strip()
    if not ref:
        raise SkippedRecord("no id")
    name = str(service.get("name") or "").strip()
    translations = [t for t in service.get("translations") or () if isinstance(t, dict) and t.get("language")]
    if not name and not any(t.get("name") for t in translations):
        raise SkippedRecord("no name")
    record = ImportedService(source_ref=ref, status=str(service.get("status") or "active"))
    record.set_text(base_language, name, service.get("description"), service.get("eligibility_description"))
    for translation in translations:
        record.set_text(str(translation["language"]).strip().lower()[:2], translation.get("name"),
                        translation.get("description"), translation.get("eligibility_description"))
    organization = service.get("organization") if isinstance(service.get("organization"), dict) else organization
    record.organization = (organization or {}).get("name")
    record.url = service.get("url") or (organization or {}).get("website")
    record.email = service.get("email")
    record.min_age, record.max_age = _as_int(service.get("minimum_age")), _as_int(service.get("maximum_age"))
    for attribute in service.get("attributes") or ():
        term = _term_of(attribute)
        if term:
            record.terms.append(term)
    for language in service.get("languages") or ():
        if isinstance(language, dict):
            for code in language_codes(language.get("code")) or language_codes(language.get("name")):
                if code not in record.languages:
                    record.languages.append(code)

    located = [sal for sal in service.get("service_at_locations") or () if isinstance(sal, dict)]
    location = next((sal["location"] for sal in located if isinstance(sal.get("location"), dict)), None) or {}
    phones = [p for p in (service.get("phones") or []) + sum((sal.get("phones") or [] for sal in located), [])
              + (location.get("phones") or []) if isinstance(p, dict) and p.get("number")]
    phone = next((p for p in phones if str(p.get("type") or "voice").lower() in ("voice", "")), _first(phones))
    if phone:
        record.phone = format_phone(phone.get("number"), phone.get("extension"))
    record.rules = (schedule_rules(service.get("schedules"))
                    or schedule_rules(sum((sal.get("schedules") or [] for sal in located), []))
                    or schedule_rules(location.get("schedules")))
    if location:
        record.set_point(location.get("latitude"), location.get("longitude"))
        address = _physical_address(location)
        if address:
            record.address = one_line_address(address.get("address_1"), address.get("city"))
            record.city = (address.get("city") or "").strip() or None
            record.postal_code = (address.get("postal_code") or "").strip() or None
        for language in location.get("languages") or ():
            if isinstance(language, dict) and not record.languages:
                record.languages.extend(language_codes(language.get("code")) or language_codes(language.get("name")))
    return record


# --- tabular CSV package -----------------------------------------------------------------------------


def read_tabular(folder: Path, base_language: str) -> Dataset:
    """Read an HSDS 3.0 tabular package (services.csv and the tables around it) by rebuilding nested objects."""
    dataset = Dataset(format="HSDS 3.0 tabular")
    organizations = {row["id"]: row for row in read_csv(folder / "organizations.csv", required=False) if row.get("id")}
    locations = {row["id"]: row for row in read_csv(folder / "locations.csv", required=False) if row.get("id")}
    addresses = group_by(read_csv(folder / "addresses.csv", required=False), "location_id")
    phones = list(read_csv(folder / "phones.csv", required=False))
    schedules = list(read_csv(folder / "schedules.csv", required=False))
    languages = list(read_csv(folder / "languages.csv", required=False))
    taxonomies = {row["id"]: row for row in read_csv(folder / "taxonomies.csv", required=False) if row.get("id")}
    terms = {row["id"]: row for row in read_csv(folder / "taxonomy_terms.csv", required=False) if row.get("id")}
    attributes = group_by(read_csv(folder / "attributes.csv", required=False), "link_id")
    at_locations = group_by(read_csv(folder / "service_at_location.csv", required=False), "service_id")
    phones_of = {key: group_by(phones, key) for key in ("service_id", "location_id", "service_at_location_id")}
    schedules_of = {key: group_by(schedules, key) for key in ("service_id", "location_id", "service_at_location_id")}
    languages_of = {key: group_by(languages, key) for key in ("service_id", "location_id")}

    def term_object(term_id):
        term = dict(terms.get(term_id) or {})
        if term and not term.get("taxonomy") and term.get("taxonomy_id") in taxonomies:
            term["taxonomy"] = taxonomies[term["taxonomy_id"]].get("name")
        return term or None

    def location_object(location_id):
        location = dict(locations.get(location_id) or {})
        if location:
            location["addresses"] = addresses.get(location_id, [])
            location["phones"] = phones_of["location_id"].get(location_id, [])
            location["schedules"] = schedules_of["location_id"].get(location_id, [])
            location["languages"] = languages_of["location_id"].get(location_id, [])
        return location

    for line, row in enumerate(read_csv(folder / "services.csv", columns=("id", "name")), start=2):
        ref = row.get("id", "")
        service = dict(row)
        service["organization"] = organizations.get(row.get("organization_id") or "")
        service["phones"] = phones_of["service_id"].get(ref, [])
        service["schedules"] = schedules_of["service_id"].get(ref, [])
        service["languages"] = languages_of["service_id"].get(ref, [])
        service["attributes"] = [{"taxonomy_term": term_object(a.get("taxonomy_term_id"))}
                                 for a in attributes.get(ref, [])]
        service["service_at_locations"] = [
            {"location": location_object(sal.get("location_id")),
             "phones": phones_of["service_at_location_id"].get(sal.get("id") or "", []),
             "schedules": schedules_of["service_at_location_id"].get(sal.get("id") or "", [])}
            for sal in at_locations.get(ref, [])]
        try:
            dataset.add(service_from_object(service, None, base_language))
        except SkippedRecord as skipped:
            dataset.skip(skipped.reason, f"services.csv line {line}")
    return dataset
