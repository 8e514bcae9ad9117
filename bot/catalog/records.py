"""One service as an importer reads it, whatever the dataset's format, before it is stored."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from bot.catalog import eligibility as eligibility_rules
from bot.catalog.geo import valid_point
from bot.catalog.schedule import OpeningRule, normalize_rules
from bot.catalog.taxonomy import TaxonomyMap
from bot.catalog.text import clean_text, display_name

#: Statuses under which a service is offered to people (HSDS: active, inactive, defunct, temporarily closed).
ACTIVE_STATUSES = {"", "active"}


class SkippedRecord(Exception):
    """A record the importer leaves out, with the reason it is reported under."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class ImportedService:
    """A service read from a dataset: texts per language, taxonomy terms as given, place, hours, contact."""

    source_ref: str
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    organization: str | None = None
    # (vocabulary, code, name) as the dataset gave them
    terms: list[tuple[str | None, str | None, str | None]] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    address: str | None = None
    city: str | None = None
    postal_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    rules: list[OpeningRule] = field(default_factory=list)
    min_age: int | None = None
    max_age: int | None = None
    status: str = "active"

    def set_text(self, language: str, name=None, description=None, eligibility_description=None) -> None:
        """Record the service's texts in `language`, cleaned for display."""
        entry = self.texts.setdefault(language, {})
        for key, value, clean in (("name", name, display_name), ("description", description, clean_text),
                                  ("eligibility_description", eligibility_description, clean_text)):
            value = clean(value) if value else ""
            if value:
                entry[key] = value

    def set_point(self, latitude, longitude) -> bool:
        """Record coordinates when they are valid; return whether they were."""
        if not valid_point(latitude, longitude):
            return False
        self.latitude, self.longitude = round(float(latitude), 6), round(float(longitude), 6)
        return True

    def row(self, mapping: TaxonomyMap) -> dict:
        """Return the stored form: categories and eligibility worked out, everything JSON-ready."""
        categories: list[str] = []
        codes: list[str] = []
        names: list[str] = []
        implied: list[dict] = []
        for vocabulary, code, name in self.terms:
            kind = mapping.kind(vocabulary, code)
            for category in mapping.categories(vocabulary, code, name):
                if category not in categories:
                    categories.append(category)
            found = mapping.eligibility_for(vocabulary, code)
            if found:
                implied.append(found)
            if kind in ("airs", "open_eligibility") and code and code not in codes:
                codes.append(code)
            # AIRS Y codes name who a service is for ("Older Adults"), not what it gives: eligibility only.
            population = kind == "airs" and (code or "").upper().startswith("Y")
            if kind not in ("needs", "eligibility") and not population and name and name not in names:
                names.append(clean_text(name))
        explicit = {key: value for key, value in (("min_age", self.min_age), ("max_age", self.max_age))
                    if value is not None}
        eligibility_text = " ".join(entry.get("eligibility_description", "") for entry in self.texts.values())
        first_name = next((entry.get("name") for entry in self.texts.values() if entry.get("name")), "")
        eligibility = eligibility_rules.merge(explicit, eligibility_rules.combine_codes(implied),
                                              eligibility_rules.from_text(eligibility_text),
                                              eligibility_rules.from_name(first_name))
        return {
            "source_ref": self.source_ref,
            "active": (self.status or "").strip().lower() in ACTIVE_STATUSES,
            "status": (self.status or "active").strip().lower() or "active",
            "organization": display_name(self.organization) or None,
            # In the directory's order: the first is what the service is mainly for (search ranks on it).
            "categories": categories,
            "taxonomy_codes": codes,
            "taxonomy_terms": names,
            "languages": self.languages,
            "phone": self.phone or None,
            "email": self.email or None,
            "url": self.url or None,
            "address": self.address or None,
            "city": self.city or None,
            "postal_code": self.postal_code or None,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "schedule": [rule.as_json() for rule in normalize_rules(self.rules)],
            "eligibility": eligibility,
        }


def content_hash(row: dict, texts: dict) -> str:
    """Return a fingerprint of what a service shows, to tell updated services from unchanged ones."""
    payload = json.dumps([row, texts], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def one_line_address(address_1: str | None, city: str | None) -> str | None:
    """Return "123 Main St, City": short enough for a text message."""
    street = " ".join(clean_text(address_1).split())
    town = " ".join(clean_text(city).split())
    if street and town and town.lower() not in street.lower():
        return f"{street}, {town}"
    return street or town or None


def format_phone(number, extension=None) -> str | None:
    """Return a phone number as people dial it, with its extension; quotes and blanks stripped."""
    text = " ".join(str(number or "").replace('"', "").split())
    if not text:
        return None
    extension = str(extension or "").strip().removesuffix(".0")
    return f"{text} ext. {extension}" if extension else text
