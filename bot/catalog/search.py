"""The in-memory catalogue: every active service with its text index, loaded from the database, searched.

    catalog = Catalog.load(database)           # cheap to keep; catalog.refresh(database) reloads after imports
    matches = catalog.search("help paying my electric bill", need="utilities", language="en", when=now)

How matches are scored and ranked is in bot.catalog.ranking; the text index is bot.catalog.index.
"""
from __future__ import annotations

import copy
import datetime as dt
import gc
import json
import logging
import time
from zoneinfo import ZoneInfo

from sqlalchemy import Text, select, type_coerce

from bot.catalog import eligibility as eligibility_rules
from bot.catalog import ranking
from bot.catalog.geo import Grid, Places
from bot.catalog.importer import current_version
from bot.catalog.index import DESCRIPTION, NAME, ORGANIZATION, TERMS, QueryTerm, TextIndex
from bot.catalog.models import CatalogSource, ServiceEntry, ServiceText
from bot.catalog.schedule import OpeningRule, normalize_rules
from bot.catalog.service import Match, Service
from bot.catalog.taxonomy import CATEGORIES
from bot.catalog.text import terms

log = logging.getLogger(__name__)


def default_timezone() -> str:
    """Return the helpline's time zone from the settings (TIMEZONE)."""
    from bot.config import from_environment

    return from_environment()["TIMEZONE"]


class Catalog:
    """Every active service in memory, with a text index; cheap to search, reloaded when the catalogue changes."""

    def __init__(self, services: list[Service], version: int = 0, timezone: str | None = None):
        self.version = version
        self.timezone = timezone or default_timezone()
        self.zone = ZoneInfo(self.timezone)
        self.services = services
        self._by_id = {service.id: index for index, service in enumerate(services)}
        self._category_bit = {category: 1 << position for position, category in enumerate(CATEGORIES)}
        self.category_bits: list[int] = []
        self._category_members: dict[str, list[int]] = {category: [] for category in CATEGORIES}
        # Opening hours and eligibility are shared by many services: each distinct one is checked once a search.
        self.schedules: list[tuple[OpeningRule, ...]] = []
        self.schedule_ids: list[int] = []
        self.eligibility_profiles: list[dict] = []
        self.eligibility_ids: list[int] = []
        self._offering: dict[str, frozenset[int]] = {}
        self.places = Places()
        self.index = TextIndex()
        # Each service's name terms as one string, for rapidfuzz to compare with a query's terms.
        self.name_keys: list[str] = []
        schedule_ids: dict[tuple, int] = {}
        profile_ids: dict[str, int] = {}
        offering: dict[str, set[int]] = {}
        for index, service in enumerate(services):
            bits = 0
            for category in service.categories:
                if category in self._category_bit:
                    bits |= self._category_bit[category]
                    self._category_members[category].append(index)
            self.category_bits.append(bits)
            for language in service.languages:
                offering.setdefault(language, set()).add(index)
            if service.hours:
                if service.hours not in schedule_ids:
                    schedule_ids[service.hours] = len(self.schedules)
                    self.schedules.append(service.hours)
                self.schedule_ids.append(schedule_ids[service.hours])
            else:
                self.schedule_ids.append(-1)
            profile_key = json.dumps(service.eligibility, sort_keys=True)
            if profile_key not in profile_ids:
                profile_ids[profile_key] = len(self.eligibility_profiles)
                self.eligibility_profiles.append(service.eligibility)
            self.eligibility_ids.append(profile_ids[profile_key])
            if service.latitude is not None:
                self.places.add(service.latitude, service.longitude, service.postal_code, service.city)
            fields = _fields(service)
            self.name_keys.append(" ".join(dict.fromkeys(fields[NAME])))
            self.index.add(fields, service.languages)
        self._offering = {language: frozenset(members) for language, members in offering.items()}
        self._category_sets = {category: frozenset(members) for category, members in self._category_members.items()}
        self._category_schedules = {category: frozenset(self.schedule_ids[index] for index in members)
                                     for category, members in self._category_members.items()}
        # Per category, per (opening hours, language profile): its services, so a search can visit first
        # those that can gain the most.
        self._category_slices: dict[str, dict[tuple[int, int], list[int]]] = {category: {} for category in CATEGORIES}
        for category, members in self._category_members.items():
            for index in members:
                key = (self.schedule_ids[index], self.index.profiles[index])
                self._category_slices[category].setdefault(key, []).append(index)
        self._category_grids = {category: Grid() for category in CATEGORIES}
        self._category_unplaced = {category: [] for category in CATEGORIES}
        for category, members in self._category_members.items():
            for index in members:
                service = services[index]
                if service.latitude is None:
                    self._category_unplaced[category].append(index)
                else:
                    self._category_grids[category].add(index, service.latitude, service.longitude)
        self.places.finish()
        self.index.finish()

    # --- loading -------------------------------------------------------------------------------------

    @classmethod
    def load(cls, database, timezone: str | None = None) -> Catalog:
        """Read every active service from the database and index it."""
        started = time.perf_counter()
        timezone = timezone or default_timezone()
        services, version = _read_services(database, timezone)
        catalog = cls(services, version, timezone)
        # The index is millions of long-lived objects: without this every full garbage collection would
        # walk them all, a pause of half a second at 100,000 services.
        gc.freeze()
        log.info("catalogue loaded: %d services (version %d) in %.1f s", len(services), version,
                 time.perf_counter() - started)
        return catalog

    def refresh(self, database) -> Catalog:
        """Reload in place if an import changed the catalogue since it was loaded; return the catalogue.

        Searches already running finish on the services they started with.
        """
        with database.engine.connect() as connection:
            version = current_version(connection)
        if version != self.version:
            fresh = Catalog.load(database, self.timezone)
            self.__dict__.update(fresh.__dict__)
        return self

    # --- lookups -------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.services)

    def get(self, service_id) -> Service | None:
        """Return the service with this internal id, or None."""
        index = self._by_id.get(str(service_id))
        return self.services[index] if index is not None else None

    def categories_covered(self) -> dict[str, int]:
        """Return how many active services each category has (every category listed, zero included)."""
        return {category: len(members) for category, members in self._category_members.items()}

    def category_bit(self, category: str) -> int:
        """Return the bit that marks `category` in category_bits (0 for an unknown category)."""
        return self._category_bit.get(category, 0)

    def category_set(self, category: str) -> frozenset[int]:
        """Return the indexes of the services in `category`."""
        return self._category_sets.get(category, frozenset())

    def category_schedules(self, category: str) -> frozenset[int]:
        """Return the ids of the distinct opening hours of `category`'s services (-1: some have none)."""
        return self._category_schedules.get(category, frozenset())

    def category_members(self, category: str) -> list[int]:
        """Return the indexes of the services in `category`, in order."""
        return self._category_members.get(category, [])

    def category_slices(self, category: str) -> dict[tuple[int, int], list[int]]:
        """Return `category`'s services by (opening hours id, language profile)."""
        return self._category_slices.get(category, {})

    def category_grid(self, category: str) -> Grid:
        """Return `category`'s located services by map cell."""
        return self._category_grids.get(category) or Grid()

    def category_unplaced(self, category: str) -> list[int]:
        """Return the indexes of `category`'s services with no coordinates."""
        return self._category_unplaced.get(category, [])

    def offering(self, language: str) -> frozenset[int]:
        """Return the indexes of the services offered in `language`."""
        return self._offering.get(language, frozenset())

    # --- search --------------------------------------------------------------------------------------

    def search(self, text: str, need: str | None = None, language: str = "en", when: dt.datetime | None = None,
               where=None, person: dict | None = None, limit: int = 5, open_first: bool = False) -> list[Match]:
        """Return the services that best fit, best first: text, need, language, open now, place, eligibility.

        `when` is a timezone-aware datetime (naive ones are read in the catalogue's time zone); `where` a
        (lat, lon) pair, a postal code, an FSA or a town the catalogue knows; `person` a dict with any of
        age, gender, family, child_age, pregnant, newcomer, senior, indigenous, pets. Services meant for the
        person come before services for anyone, and those meant for others after; with `open_first` (at
        night), services open at `when` come first of all.
        """
        # A refresh in another thread swaps the attributes; this search keeps the ones it started with.
        catalog = copy.copy(self)
        query = catalog.index.analyse(text or "")
        context = ranking.SearchContext(catalog, need, language, when, where, person, query)
        selection = ranking.Selection(context, _pool(limit))
        if context.need_bit:
            ranking.fill_category(catalog.category_members(need), context, selection)
        if query:
            ranking.collect(catalog.index, query, selection)
        matches = catalog._matches(context, query, selection, recompute=True)
        return _fitted(matches, context, person, when if open_first else None)[:limit]

    def search_exhaustive(self, text: str, need: str | None = None, language: str = "en",
                          when: dt.datetime | None = None, where=None, person: dict | None = None,
                          limit: int = 5, open_first: bool = False) -> list[Match]:
        """Return what `search` returns by scoring every service (the reference the index is checked against)."""
        catalog = copy.copy(self)
        query = catalog.index.analyse(text or "", exhaustive=True)
        context = ranking.SearchContext(catalog, need, language, when, where, person, query)
        selection = ranking.Selection(context, _pool(limit))
        ranking.scan(catalog.index, query, selection, len(catalog.services))
        matches = catalog._matches(context, query, selection, recompute=False)
        return _fitted(matches, context, person, when if open_first else None)[:limit]

    def _matches(self, context, query: list[QueryTerm], selection, recompute: bool) -> list[Match]:
        """Return the selection as matches, best first; `recompute` scores text the reference way."""
        table = self.index.lookup_table(query) if query else {}
        ranked = []
        for _score, negative in selection.heap:
            index = -negative
            score, why, relevance = selection.details[index]
            if recompute and query:
                # Partial sums add up in block order; the reference adds term by term.
                relevance = self.index.relevance(self.index.strengths(index, table, len(query)), query)
                boost, why = context.boost(index, relevance)
                score = context.score(relevance, boost, context.in_category(index))
            ranked.append((score, index, why, relevance))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        matches = []
        for score, index, boost_why, relevance in ranked:
            why = ["category " + context.need] if context.in_category(index) else []
            if relevance and query:
                strengths = self.index.strengths(index, table, len(query))
                matched = [term.word for term, strength in zip(query, strengths, strict=True) if strength > 0][:3]
                if matched:
                    why.append("matches " + ", ".join(matched))
            why.extend(boost_why)
            matches.append(Match(service=self.services[index], score=round(score, 1), why=tuple(why)))
        return matches


#: How many best-scored services the person's fit and the hour may reorder, for each one returned.
POOL_FACTOR = 3


def _pool(limit: int) -> int:
    return max(limit, 0) * POOL_FACTOR


def _fitted(matches: list[Match], context, person: dict | None, open_at: dt.datetime | None) -> list[Match]:
    """Put first, among services of the need, those open now (when `open_at` is given: the night), then those
    meant for the person, then those for anyone, then those meant for others; then the services whose main
    category is the need (a job search centre before taxi vouchers to get to work); the score orders the rest."""
    ranked = []
    for position, match in enumerate(matches):
        service = match.service
        in_category = bool(context.need) and context.need in service.categories
        text = " ".join([*service.descriptions.values(), *service.eligibility_texts.values()])
        # Among the need's services, those for anyone come before those meant for a group the person was not
        # said to be in; with no need and nothing known of the person, text decides alone.
        fits = person or in_category
        tier, reason = eligibility_rules.fit(service.eligibility, person, text) if fits else (0, None)
        why = list(match.why) + ([reason] if reason else [])
        open_now = 0
        if open_at is not None and service.is_open(open_at):
            open_now = 1
            why.append("open now, first at night")
        # A service's first category is what it is for; the others are what it also helps with.
        main = int(in_category and service.categories[:1] == (context.need,))
        ranked.append(((-int(in_category), -open_now, -tier, -main, position), Match(service, match.score, tuple(why))))
    ranked.sort(key=lambda item: item[0])
    return [match for _, match in ranked]


def _fields(service: Service) -> tuple[list[str], ...]:
    """Return a service's search terms per field: name, taxonomy terms, organization, description."""
    fields = [[], [], [], []]
    for name in service.names.values():
        fields[NAME].extend(terms(name))
    for term in service.taxonomy_terms:
        fields[TERMS].extend(terms(term))
    fields[ORGANIZATION].extend(terms(service.organization or ""))
    for description in service.descriptions.values():
        fields[DESCRIPTION].extend(terms(description))
    return tuple(fields)


#: Stored JSON columns, read as text and decoded once per distinct value (most values repeat).
_JSON_COLUMNS = ("categories", "taxonomy_codes", "taxonomy_terms", "languages", "schedule", "eligibility")


class _Decoded(dict):
    """Stored JSON text → its value as a tuple (lists) or dict, decoded on first sight."""

    def __missing__(self, raw):
        value = json.loads(raw) if raw else None
        value = tuple(value) if isinstance(value, list) else (value or None)
        self[raw] = value
        return value


class _Hours(dict):
    """Stored schedule (JSON text) → its opening rules, parsed on first sight."""

    def __missing__(self, raw) -> tuple:
        rules = json.loads(raw) if raw else ()
        value = self[raw] = normalize_rules(OpeningRule.from_json(rule) for rule in rules)
        return value


def _read_services(database, timezone: str) -> tuple[list[Service], int]:
    """Return every active service from the database, and the catalogue version read with them."""
    services_table, texts_table, sources_table = (ServiceEntry.__table__, ServiceText.__table__,
                                                  CatalogSource.__table__)
    zone = ZoneInfo(timezone)
    columns = [type_coerce(column, Text).label(column.name) if column.name in _JSON_COLUMNS else column
               for column in services_table.columns]
    with database.engine.connect() as connection:
        version = current_version(connection)
        texts: dict[int, dict[str, tuple]] = {}
        for service_id, language, name, description, eligibility_text in connection.execute(
                select(texts_table.c.service_id, texts_table.c.language, texts_table.c.name,
                       texts_table.c.description, texts_table.c.eligibility_description)
                .join(services_table, services_table.c.id == texts_table.c.service_id)
                .where(services_table.c.active.is_(True))):
            texts.setdefault(service_id, {})[language] = (name, description, eligibility_text)
        rows = connection.execute(
            select(*columns, sources_table.c.name.label("source_name"))
            .join(sources_table, sources_table.c.id == services_table.c.source_id)
            .where(services_table.c.active.is_(True)).order_by(services_table.c.id)).mappings().all()
    decoded, hours = _Decoded(), _Hours()

    def value(raw):
        # PostgreSQL drivers may hand JSON back already decoded.
        if isinstance(raw, str) or raw is None:
            return decoded[raw]
        return tuple(raw) if isinstance(raw, list) else raw

    def rules(raw):
        return hours[raw if isinstance(raw, str) or raw is None else json.dumps(raw)]

    services = []
    for row in rows:
        service_texts = texts.get(row["id"], {})
        services.append(Service(
            id=str(row["id"]), source_id=row["source_ref"],
            names={lang: entry[0] for lang, entry in service_texts.items() if entry[0]},
            descriptions={lang: entry[1] for lang, entry in service_texts.items() if entry[1]},
            eligibility_texts={lang: entry[2] for lang, entry in service_texts.items() if entry[2]},
            organization=row["organization"], categories=value(row["categories"]) or (),
            taxonomy_codes=value(row["taxonomy_codes"]) or (), languages=value(row["languages"]) or (),
            phone=row["phone"], address=row["address"], latitude=row["latitude"], longitude=row["longitude"],
            hours=rules(row["schedule"]),
            eligibility=dict(value(row["eligibility"]) or {}), email=row["email"], url=row["url"],
            source=row["source_name"], taxonomy_terms=value(row["taxonomy_terms"]) or (), city=row["city"],
            postal_code=row["postal_code"], timezone=timezone, _zone=zone))
    return services, version
