#!/usr/bin/env python3
"""Check the fictional sample catalogue (services.json) and print its counts.

Standard library only. Usage:

    python catalog/sample/check_sample.py [path/to/services.json] [--markdown]

Exits 1 and lists every problem if a check fails; otherwise prints the number
of services per need category, per eligibility group and per language
(`--markdown` prints the category table used in README.md).
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from collections import Counter
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent / "services.json"

NEEDS_VOCAB = "passerelle-needs"
ELIGIBILITY_VOCAB = "passerelle-eligibility"
CATEGORIES = (
    "housing",
    "shelter",
    "food",
    "transport",
    "employment",
    "income",
    "utilities",
    "health",
    "mental_health",
    "substance_use",
    "legal",
    "family_violence",
    "childcare",
    "clothing",
)
ELIGIBILITY = ("women", "men", "families", "youth", "seniors", "newcomers", "indigenous")

MIN_SERVICES = 90
MIN_PER_CATEGORY = 5
MIN_FRENCH = 30
MAX_SUMMARY = 70  # characters in the first sentence of a description (English and French)
MAX_DESCRIPTION = 200  # whole description; longer is reported as a warning

DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
# NANP numbers reserved for fiction: 555-0100 to 555-0199, in Alberta's 403 and 587 area codes.
PHONE = re.compile(r"^(403|587)-555-01\d\d$")
# Canadian postal code; Alberta codes start with T. Canada Post never uses D F I O Q U.
POSTAL = re.compile(r"^T\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d$")
EMAIL = re.compile(r"^[A-Za-z0-9._+-]+@example\.org$")
URL = re.compile(r"^https?://example\.org(/|$)")
# Fictional city around 50.04 N, -110.68 W, spread over roughly 8 km.
LAT_RANGE = (49.99, 50.09)
LON_RANGE = (-110.76, -110.60)


def first_sentence(text: str) -> str:
    """Return the first sentence of `text` (up to and including . ? or ! before a space or the end)."""
    match = re.search(r"[.?!](\s|$)", text)
    return text[: match.start() + 1] if match else text


def is_uuid(value) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def codes(service: dict, vocab: str) -> list[str]:
    """Return the taxonomy-term codes of the service's attributes from vocabulary `vocab`."""
    return [
        a["taxonomy_term"]["code"]
        for a in service.get("attributes", [])
        if isinstance(a.get("taxonomy_term"), dict) and a["taxonomy_term"].get("taxonomy") == vocab
    ]


def check(services: list) -> tuple[list[str], list[str]]:
    """Return (errors, warnings) for the catalogue."""
    errors: list[str] = []
    warnings: list[str] = []

    def err(where: str, message: str) -> None:
        errors.append(f"{where}: {message}")

    if not isinstance(services, list):
        return ["top level: expected a JSON array of service objects"], []
    if len(services) < MIN_SERVICES:
        err("catalogue", f"{len(services)} services, need at least {MIN_SERVICES}")

    ids: Counter = Counter()
    phone_orgs: dict[str, set] = {}
    org_names: dict[str, str] = {}
    per_category: Counter = Counter()

    for index, s in enumerate(services):
        where = f"service #{index} {s.get('name', '?')!r}"
        for field in ("id", "name", "description", "status", "email"):
            if not s.get(field):
                err(where, f"missing {field}")
        ids[s.get("id")] += 1
        if not is_uuid(s.get("id")):
            err(where, "id is not a UUID")
        if s.get("status") != "active":
            err(where, "status must be 'active'")
        if s.get("email") and not EMAIL.match(s["email"]):
            err(where, f"email {s['email']!r} is not an example.org address")
        if s.get("url") and not URL.match(s["url"]):
            err(where, f"url {s['url']!r} is not on example.org")

        # Text meant for basic phones: short summary first.
        description = s.get("description") or ""
        if len(first_sentence(description)) > MAX_SUMMARY:
            err(
                where, f"first sentence longer than {MAX_SUMMARY} characters: {first_sentence(description)!r}"
            )
        if len(description) > MAX_DESCRIPTION:
            warnings.append(f"{where}: description is {len(description)} characters")

        # Ages.
        low, high = s.get("minimum_age"), s.get("maximum_age")
        for name, age in (("minimum_age", low), ("maximum_age", high)):
            if age is not None and (not isinstance(age, (int, float)) or age < 0 or age > 120):
                err(where, f"{name} {age!r} is not a plausible age")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
            err(where, "minimum_age is above maximum_age")

        # Organization.
        org = s.get("organization")
        if not isinstance(org, dict) or not all(org.get(f) for f in ("id", "name", "description")):
            err(where, "organization needs id, name and description")
            org = {}
        else:
            if not is_uuid(org["id"]):
                err(where, "organization id is not a UUID")
            if org_names.setdefault(org["id"], org["name"]) != org["name"]:
                err(where, f"organization id {org['id']} is used with two names")
            if "fictional" not in org["description"].lower():
                err(where, "organization description must say it is fictional")
            if org.get("email") and not EMAIL.match(org["email"]):
                err(where, f"organization email {org['email']!r} is not an example.org address")
            if org.get("website") and not URL.match(org["website"]):
                err(where, f"organization website {org['website']!r} is not on example.org")

        # Phones: fictional range, never shared between organizations.
        phones = s.get("phones") or []
        if not phones:
            err(where, "needs at least one phone")
        for p in phones:
            number = p.get("number", "")
            if not PHONE.match(number):
                err(where, f"phone {number!r} is not 403-555-01xx or 587-555-01xx")
            phone_orgs.setdefault(number, set()).add(org.get("id"))

        # Schedules.
        schedules = s.get("schedules") or []
        if not schedules:
            err(where, "needs at least one schedule")
        for sch in schedules:
            if sch.get("freq") != "WEEKLY":
                err(where, "schedule freq must be WEEKLY")
            days = (sch.get("byday") or "").split(",")
            if not days or any(d not in DAYS for d in days) or len(set(days)) != len(days):
                err(where, f"schedule byday {sch.get('byday')!r} is not a list of MO..SU")
            opens, closes = sch.get("opens_at", ""), sch.get("closes_at", "")
            if not TIME.match(opens) or not TIME.match(closes):
                err(where, f"schedule times {opens!r}-{closes!r} are not HH:MM")
            elif opens >= closes:
                # Overnight hours are written as two entries (e.g. 20:00-23:59 and 00:00-08:00).
                err(where, f"schedule opens_at {opens} is not before closes_at {closes}")
            if not sch.get("description"):
                err(where, "schedule needs a description")

        # Locations.
        for sal in s.get("service_at_locations") or []:
            loc = sal.get("location") or {}
            lwhere = f"{where} location {loc.get('name', '?')!r}"
            if not all(loc.get(f) for f in ("id", "name")) or loc.get("location_type") != "physical":
                err(lwhere, "location needs id, name and location_type 'physical'")
            lat, lon = loc.get("latitude"), loc.get("longitude")
            if not isinstance(lat, (int, float)) or not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
                err(lwhere, f"latitude {lat!r} outside {LAT_RANGE}")
            if not isinstance(lon, (int, float)) or not LON_RANGE[0] <= lon <= LON_RANGE[1]:
                err(lwhere, f"longitude {lon!r} outside {LON_RANGE}")
            addresses = loc.get("addresses") or []
            if not addresses:
                err(lwhere, "location needs an address")
            for a in addresses:
                if not a.get("address_1") or not a.get("city"):
                    err(lwhere, "address needs address_1 and city")
                if a.get("state_province") != "AB" or a.get("country") != "CA":
                    err(lwhere, "address must be in AB, CA")
                if a.get("address_type") != "physical":
                    err(lwhere, "address_type must be 'physical'")
                if not POSTAL.match(a.get("postal_code", "")):
                    err(lwhere, f"postal code {a.get('postal_code')!r} is not like 'T1A 2B3'")

        # Languages.
        langs = s.get("languages") or []
        if not langs or not all(lang.get("code") and lang.get("name") for lang in langs):
            err(where, "needs languages with name and code")

        # Categories and eligibility groups.
        needs = codes(s, NEEDS_VOCAB)
        if not 1 <= len(needs) <= 3:
            err(where, f"has {len(needs)} need categories, expected 1 to 3")
        for code in needs:
            if code not in CATEGORIES:
                err(where, f"unknown need category {code!r}")
        if len(set(needs)) != len(needs):
            err(where, "repeats a need category")
        per_category.update(set(needs))
        for code in codes(s, ELIGIBILITY_VOCAB):
            if code not in ELIGIBILITY:
                err(where, f"unknown eligibility group {code!r}")
        for a in s.get("attributes", []):
            term = a.get("taxonomy_term") or {}
            if (
                not a.get("id")
                or term.get("taxonomy") not in (NEEDS_VOCAB, ELIGIBILITY_VOCAB)
                or not term.get("code")
            ):
                err(where, "attribute needs an id and a taxonomy_term with code and a passerelle taxonomy")

        # French text.
        french = [t for t in s.get("translations") or [] if t.get("language") == "fr"]
        if len(french) != 1:
            err(where, "needs exactly one 'fr' translation")
        else:
            fr = french[0]
            if not fr.get("name") or not fr.get("description"):
                err(where, "fr translation needs name and description")
            else:
                if len(first_sentence(fr["description"])) > MAX_SUMMARY:
                    err(
                        where,
                        f"fr first sentence longer than {MAX_SUMMARY} characters: "
                        f"{first_sentence(fr['description'])!r}",
                    )
                if len(fr["description"]) > MAX_DESCRIPTION:
                    warnings.append(f"{where}: fr description is {len(fr['description'])} characters")
            if bool(s.get("eligibility_description")) != bool(fr.get("eligibility_description")):
                err(
                    where,
                    "eligibility_description and its fr translation must both be present or both absent",
                )

    for value, count in ids.items():
        if count > 1:
            err("catalogue", f"service id {value} used {count} times")
    for number, orgs in phone_orgs.items():
        if len(orgs) > 1:
            err("catalogue", f"phone {number} is used by {len(orgs)} organizations")
    for category in CATEGORIES:
        if per_category[category] < MIN_PER_CATEGORY:
            err(
                "catalogue",
                f"category {category!r} has {per_category[category]} services, "
                f"need at least {MIN_PER_CATEGORY}",
            )
    offered_in_french = sum(
        1 for s in services if any(lang.get("code") == "fr" for lang in s.get("languages") or [])
    )
    if offered_in_french < MIN_FRENCH:
        err("catalogue", f"{offered_in_french} services offered in French, need at least {MIN_FRENCH}")
    return errors, warnings


def summary(services: list) -> dict:
    """Return counts per category, eligibility group and language, and other totals."""
    return {
        "services": len(services),
        "organizations": len({s["organization"]["id"] for s in services}),
        "locations": len(
            {sal["location"]["id"] for s in services for sal in s.get("service_at_locations", [])}
        ),
        "phone_only": sum(1 for s in services if not s.get("service_at_locations")),
        "open_24_7": sum(
            1
            for s in services
            if any(
                x["byday"].count(",") == 6 and x["opens_at"] == "00:00" and x["closes_at"] == "23:59"
                for x in s["schedules"]
            )
        ),
        "categories": {c: sum(1 for s in services if c in codes(s, NEEDS_VOCAB)) for c in CATEGORIES},
        "eligibility": {e: sum(1 for s in services if e in codes(s, ELIGIBILITY_VOCAB)) for e in ELIGIBILITY},
        "languages": Counter(lang["code"] for s in services for lang in s.get("languages", [])),
    }


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT_PATH
    services = json.loads(path.read_text(encoding="utf-8"))
    errors, warnings = check(services)
    for w in warnings:
        print(f"warning: {w}")
    if errors:
        for e in errors:
            print(f"error: {e}", file=sys.stderr)
        print(f"{len(errors)} problem(s) in {path}", file=sys.stderr)
        return 1
    info = summary(services)
    if "--markdown" in argv:
        print("| Category | Services |")
        print("|---|---:|")
        for c, n in info["categories"].items():
            print(f"| `{c}` | {n} |")
        print()
        print("| Eligibility group | Services |")
        print("|---|---:|")
        for e, n in info["eligibility"].items():
            print(f"| `{e}` | {n} |")
        print()
        print(f"Offered in French: {info['languages']['fr']} of {info['services']} services.")
        return 0
    print(f"OK: {path}")
    for key in ("services", "organizations", "locations", "phone_only", "open_24_7"):
        print(f"{key:>14}: {info[key]}")
    print("per category (a service may count in up to 3):")
    for c, n in info["categories"].items():
        print(f"  {c:<16}{n:>4}")
    print("per eligibility group:")
    for e, n in info["eligibility"].items():
        print(f"  {e:<16}{n:>4}")
    print("languages offered:")
    for code, n in info["languages"].most_common():
        print(f"  {code:<16}{n:>4}")
    print(f"offered in French: {info['languages']['fr']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
