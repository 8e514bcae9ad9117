"""How search ranks services, and how the index finds the best ones without scoring every service.

A match's score (0–100) mixes text relevance (70 %) and how close the service's name is to the words asked for
(5 %, by rapidfuzz) with whether the service is offered in the person's language (10 %), open at `when`
(7.5 %) and near `where` (7.5 %). When a need is given, services of that category score
55–100 and all others 0–50, so a service in the need's category always outranks one that only matches words.
Services a person can't use (too old for a youth shelter, a man at a women's shelter) are never offered.
Ties go to the service loaded first, so the index and the exhaustive scan return the same list.
"""
from __future__ import annotations

import heapq
import math

from rapidfuzz import fuzz

from bot.catalog import eligibility as eligibility_rules
from bot.catalog.geo import approximate_km
from bot.catalog.index import GROUPED_LANGUAGES, QueryTerm, TextIndex
from bot.catalog.schedule import is_open_at, localize, week_minute, week_start

#: Share of the score that text relevance gives; the rest comes from how close the name is to the words
#: asked for, and from language, hours and distance.
TEXT_SHARE = 0.70
NAME_SHARE = 0.05
LANGUAGE_SHARE = 0.10
OPEN_SHARE = 0.075
NEAR_SHARE = 0.075
#: Open-now credit for a service that publishes no hours: better than closed, worse than open.
UNKNOWN_HOURS_CREDIT = 0.4
#: Distance at which the nearness credit halves (km).
NEAR_HALF_KM = 5.0
#: Text relevance below which a service outside the need's category is not offered at all.
MIN_TEXT_RELEVANCE = 30.0
#: Scores of services in the need's category start here; services outside it stay below OFF_CATEGORY_MAX.
IN_CATEGORY_FLOOR = 55.0
OFF_CATEGORY_MAX = 50.0
#: Name similarity (rapidfuzz token ratios, 0–100) below which a name gets no closeness credit: lower
#: ratios come from shared letters, not shared words.
MIN_NAME_RATIO = 60.0
#: Blocks shorter than this are taken whole rather than first checked against the bound.
_SMALL_BLOCK = 32
#: Slack for comparing scores summed in a different order.
_EPSILON = 1e-6

_LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish"}


class SearchContext:
    """What one search knows beyond the text (need, language, moment, place, person), with per-query caches."""

    def __init__(self, catalog, need, language, when, where, person, query: list[QueryTerm] = ()):
        self.catalog = catalog
        # The query's terms as one string, compared with each service's name terms.
        self.query_key = " ".join(term.term for term in query)
        self.need = need
        self.need_bit = catalog.category_bit(need) if need else 0
        self.language = language
        self.offering = catalog.offering(language)
        self.minute = week_minute(localize(when, catalog.zone)) if when is not None else None
        self.monday = week_start(localize(when, catalog.zone)) if when is not None else None
        self.point = catalog.places.resolve(where)
        self.cos_lat = math.cos(math.radians(self.point[0])) if self.point else 1.0
        self.person = person or None
        self.best_boost = LANGUAGE_SHARE + (OPEN_SHARE if when is not None else 0.0) + (
            NEAR_SHARE if self.point else 0.0)
        # Name closeness needs some text relevance, so services matching no word never get it.
        self.text_boost = NAME_SHARE if query else 0.0
        # What the language credit can add, for the languages the index keeps apart.
        self.language_share = LANGUAGE_SHARE if language in GROUPED_LANGUAGES else 0.0
        self._open: dict[int, bool | None] = {}
        self._excluded: dict[int, str | None] = {}

    def in_category(self, index: int) -> bool:
        """Tell whether service `index` is in the need's category."""
        return bool(self.need_bit and self.catalog.category_bits[index] & self.need_bit)

    def excluded(self, index: int) -> str | None:
        """Return why the person can't use service `index`, or None."""
        if self.person is None:
            return None
        profile = self.catalog.eligibility_ids[index]
        if profile not in self._excluded:
            self._excluded[profile] = eligibility_rules.excludes(self.catalog.eligibility_profiles[profile],
                                                                 self.person)
        return self._excluded[profile]

    def is_open(self, index: int) -> bool | None:
        """Tell whether service `index` is open at the search's moment (None: no hours)."""
        schedule_id = self.catalog.schedule_ids[index]
        return None if schedule_id < 0 else self.is_open_schedule(schedule_id)

    def is_open_schedule(self, schedule_id: int) -> bool:
        """Tell whether the catalogue's opening hours number `schedule_id` are open at the search's moment."""
        state = self._open.get(schedule_id)
        if state is None:
            state = self._open[schedule_id] = bool(is_open_at(self.catalog.schedules[schedule_id], self.minute,
                                                               self.monday))
        return state

    def score(self, relevance: float, boost: float, in_category: bool) -> float:
        """Return the score of a service with this text relevance (0–100) and boost (0–0.30)."""
        mix = TEXT_SHARE * relevance / 100.0 + boost
        if not self.need_bit:
            return round(100.0 * mix, 6)
        if in_category:
            return round(IN_CATEGORY_FLOOR + (100.0 - IN_CATEGORY_FLOOR) * mix, 6)
        return round(OFF_CATEGORY_MAX * mix, 6)

    def boost_bound(self, index: int, relevance: float) -> float:
        """Return the most `boost` can give service `index`, without comparing its name."""
        bound = LANGUAGE_SHARE if index in self.offering else 0.0
        if relevance:
            bound += self.text_boost
        if self.minute is not None:
            state = self.is_open(index)
            bound += OPEN_SHARE if state else (OPEN_SHARE * UNKNOWN_HOURS_CREDIT if state is None else 0.0)
        return bound + self.nearness(index)[0]

    def nearness(self, index: int) -> tuple[float, float | None]:
        """Return service `index`'s credit for being near `where`, and its distance in km (None: unknown)."""
        if not self.point:
            return 0.0, None
        service = self.catalog.services[index]
        if service.latitude is None:
            return 0.0, None
        km = approximate_km(self.point[0], self.point[1], service.latitude, service.longitude, self.cos_lat)
        return NEAR_SHARE / (1.0 + km / NEAR_HALF_KM), km

    def boost_ceiling(self, schedule_ids: frozenset[int], members: frozenset[int]) -> float:
        """Return the most `boost` can give any of `members`, whose hours are among `schedule_ids`."""
        ceiling = LANGUAGE_SHARE if not self.offering.isdisjoint(members) else 0.0
        if self.minute is not None:
            if any(schedule_id >= 0 and is_open_at(self.catalog.schedules[schedule_id], self.minute, self.monday)
                   for schedule_id in schedule_ids):
                ceiling += OPEN_SHARE
            elif -1 in schedule_ids:
                ceiling += OPEN_SHARE * UNKNOWN_HOURS_CREDIT
        return ceiling + (NEAR_SHARE if self.point else 0.0)

    def closeness(self, index: int) -> float:
        """Return how close service `index`'s name is to the query's words (0–1), by rapidfuzz.

        The token-set ratio is 100 when the name holds every query word; averaging in the token-sort ratio
        prefers the name that holds little else ("Emergency Shelter" over "Emergency Food and Shelter").
        """
        name = self.catalog.name_keys[index]
        ratio = (fuzz.token_set_ratio(self.query_key, name) + fuzz.token_sort_ratio(self.query_key, name)) / 2.0
        return ratio / 100.0 if ratio >= MIN_NAME_RATIO else 0.0

    def boost(self, index: int, relevance: float) -> tuple[float, list[str]]:
        """Return the non-text part of service `index`'s mix, and its reasons in a few words."""
        boost, why = 0.0, []
        if relevance and self.text_boost:
            boost += NAME_SHARE * self.closeness(index)
        if index in self.offering:
            boost += LANGUAGE_SHARE
            why.append("offered in " + _LANGUAGE_NAMES.get(self.language, self.language))
        if self.minute is not None:
            state = self.is_open(index)
            if state:
                boost += OPEN_SHARE
                why.append("open now")
            elif state is None:
                boost += OPEN_SHARE * UNKNOWN_HOURS_CREDIT
        near, km = self.nearness(index)
        if km is not None:
            boost += near
            why.append(f"{km:.1f} km")
        return boost, why


class Selection:
    """The best services offered so far: a min-heap of (score, -index), and each one's reasons."""

    def __init__(self, context: SearchContext, limit: int):
        self.context = context
        self.limit = max(0, limit)
        self.heap: list[tuple[float, int]] = []
        self.details: dict[int, tuple[float, list[str], float]] = {}
        # Score and -index of the weakest kept service once full (kept as floats so checks allocate nothing).
        self.floor = -1.0
        self.floor_index = 0

    def is_full(self) -> bool:
        """Tell whether `limit` services are kept (from then on a newcomer must beat the weakest)."""
        return len(self.heap) >= self.limit

    def beats_floor(self, score: float, index: int) -> bool:
        """Tell whether (score, index) would outrank the weakest kept service (ties go to the lower index)."""
        return score > self.floor or (score == self.floor and -index > self.floor_index)

    def offer(self, index: int, relevance: float) -> None:
        """Consider service `index` with this text relevance; keep it if it is among the best so far."""
        context = self.context
        in_category = bool(context.need_bit and context.catalog.category_bits[index] & context.need_bit)
        if (not in_category and relevance < MIN_TEXT_RELEVANCE) or not self.limit:
            return
        if index in self.details:
            # Offered again with more relevance (the need's services are first offered with none).
            if relevance <= self.details[index][2]:
                return
            self.heap.remove((self.details.pop(index)[0], -index))
            heapq.heapify(self.heap)
        full = len(self.heap) >= self.limit
        if full and not self.beats_floor(context.score(relevance, context.boost_bound(index, relevance), in_category),
                                         index):
            return
        if context.excluded(index):
            return
        boost, why = context.boost(index, relevance)
        score = context.score(relevance, boost, in_category)
        if not full:
            heapq.heappush(self.heap, (score, -index))
        elif self.beats_floor(score, index):
            dropped = heapq.heapreplace(self.heap, (score, -index))
            self.details.pop(-dropped[1], None)
        else:
            return
        self.details[index] = (score, why, relevance)
        if len(self.heap) >= self.limit:
            self.floor, self.floor_index = self.heap[0]
        else:
            self.floor, self.floor_index = -1.0, 0


def scan(index: TextIndex, query: list[QueryTerm], selection: Selection, count: int) -> None:
    """Offer every service with its relevance computed from its own terms (the exhaustive reference)."""
    table = index.lookup_table(query)
    size = len(query)
    for service in range(count):
        selection.offer(service, index.relevance(index.strengths(service, table, size), query) if size else 0.0)


def collect(index: TextIndex, query: list[QueryTerm], selection: Selection) -> dict[int, float]:
    """Offer the services holding query terms, strongest posting blocks first, until none left can get in.

    Each service's partial relevance grows block by block and is final once every query term has been seen
    for it; a service may be kept on its partial relevance, a lower bound, and the caller recomputes the
    relevance of the services kept. A service not complete yet can gain at most what its missing terms' next blocks give, so once
    the weakest kept service beats that bound for every incomplete or unseen service, the remaining (weaker
    and longer) blocks are skipped; a block is also skipped when nothing in it can reach the top. Services
    offered in the person's language and the others are bounded apart, since only the first get its credit.
    Return the services seen (index → partial relevance).
    """
    context = selection.context
    blocks = index.blocks(query, context.language)
    size = len(query)
    full = (1 << size) - 1
    scale = 100.0 / sum(term.weight for term in query)
    pending: list[list[list[float]]] = [[[] for _ in query], [[] for _ in query]]
    for contribution, position, group, _services in blocks:
        pending[group][position].append(contribution)
    cursor = [[0] * size, [0] * size]
    remaining = [[values[0] if values else 0.0 for values in pending[group]] for group in (0, 1)]
    bound = _Bound(context, selection, remaining, scale)
    partial: dict[int, float] = {}
    masks: dict[int, int] = {}
    completed: list[int] = []
    # Per (matched terms, group): up to `limit` services holding that set's highest partial relevance.
    leaders: dict[int, list[int]] = {}
    renewed: set[int] = set()
    limit = selection.limit
    offer = selection.offer
    stopped = False
    categories, need_bit = context.catalog.category_bits, context.need_bit
    for contribution, position, group, services in blocks:
        bit = 1 << position
        # Once every kept service is in the need's category, services outside it can't get in any more.
        only = need_bit if need_bit and selection.floor > OFF_CATEGORY_MAX else 0
        if size == 1:
            # One term: each service completes here with the block's relevance, in service order.
            relevance = round(contribution * scale, 6)
            best = context.score(relevance, bound.boosts[group], bound.tier)
            for service in services:
                if selection.is_full() and not selection.beats_floor(best, service):
                    break
                if only and not categories[service] & only:
                    continue
                if service not in partial:
                    partial[service] = contribution
                    offer(service, relevance)
        else:
            take_new, take_found = True, True
            if len(services) > _SMALL_BLOCK:
                take_new, take_found = bound.admits(contribution, position, group)
            highest = bound.highest
            if take_new or take_found:
                for service in services:
                    if only and not categories[service] & only:
                        continue
                    mask = masks.get(service)
                    if mask is None:
                        if not take_new:
                            continue
                        partial[service] = contribution
                        masks[service] = bit
                        if bit == full:
                            completed.append(service)
                        else:
                            key = bit << 1 | group
                            top = highest.get(key, 0.0)
                            if contribution > top:
                                highest[key] = contribution
                                leaders[key] = [service]
                                renewed.add(key)
                            elif contribution == top and len(leaders[key]) < limit:
                                leaders[key].append(service)
                                renewed.add(key)
                    elif not mask & bit:
                        value = partial[service] = partial[service] + contribution
                        mask = masks[service] = mask | bit
                        if mask == full:
                            completed.append(service)
                        else:
                            key = mask << 1 | group
                            top = highest.get(key, 0.0)
                            if value > top:
                                highest[key] = value
                                leaders[key] = [service]
                                renewed.add(key)
                            elif value == top and len(leaders[key]) < limit:
                                leaders[key].append(service)
                                renewed.add(key)
                if completed:
                    # Services that can't reach the floor even with every boost are not worth offering.
                    least_in, least_off = (value / scale - _EPSILON for value in bound.least_relevance())
                    for service in completed:
                        value = partial[service]
                        if value >= (least_in if need_bit and categories[service] & need_bit else least_off):
                            offer(service, round(value * scale, 6))
                    completed.clear()
                # The best incomplete services, offered with what they have so far (at least their final
                # relevance): when few services hold every term, they are what raises the floor.
                for key in renewed:
                    for service in leaders[key]:
                        if masks[service] != full:
                            offer(service, round(partial[service] * scale, 6))
                renewed.clear()
        cursor[group][position] += 1
        left = pending[group][position]
        remaining[group][position] = left[cursor[group][position]] if cursor[group][position] < len(left) else 0.0
        if bound.out_of_reach():
            stopped = True
            break
    if not stopped:
        # The services never completed: offer those whose relevance can still get them in.
        least_in, least_off = (value / scale - _EPSILON for value in bound.least_relevance())
        least = min(least_in, least_off)
        for service in [service for service, value in partial.items() if value >= least]:
            if masks.get(service, full) != full:
                value = partial[service]
                if value >= (least_in if need_bit and categories[service] & need_bit else least_off):
                    offer(service, round(value * scale, 6))
    return partial


class _Bound:
    """The most a service not complete yet, or not seen yet, could still score."""

    def __init__(self, context: SearchContext, selection: Selection, remaining, scale: float):
        self.context = context
        self.selection = selection
        # Per language group, per query term: the contribution of that term's next block.
        self.remaining = remaining
        self.scale = scale
        self.tier = bool(context.need_bit)
        self.boosts = (context.best_boost + context.text_boost - context.language_share,
                       context.best_boost + context.text_boost)
        # Highest partial relevance seen per (matched terms << 1 | group); it never decreases, so it bounds.
        self.highest: dict[int, float] = {}

    def _reaches(self, relevance_units: float, group: int) -> bool:
        relevance = min(100.0, relevance_units * self.scale)
        if not self.tier and relevance < MIN_TEXT_RELEVANCE - _EPSILON:
            return False
        if not self.selection.is_full():
            return True
        return self.context.score(relevance, self.boosts[group], self.tier) >= self.selection.floor - _EPSILON

    def least_relevance(self) -> tuple[float, float]:
        """Return the lowest text relevance (0–100) with which a service could still get in: (in the need's
        category, outside it)."""
        least_in = 0.0 if self.tier else MIN_TEXT_RELEVANCE
        least_off = MIN_TEXT_RELEVANCE
        if not self.selection.is_full():
            return least_in, least_off
        # Invert the score for the best boost.
        floor, boost = self.selection.floor, self.context.best_boost + self.context.text_boost
        if self.tier:
            mix_in = (floor - IN_CATEGORY_FLOOR) / (100.0 - IN_CATEGORY_FLOOR)
            mix_off = floor / OFF_CATEGORY_MAX
        else:
            mix_in = mix_off = floor / 100.0
        return (max(least_in, (mix_in - boost) / TEXT_SHARE * 100.0 - _EPSILON),
                max(least_off, (mix_off - boost) / TEXT_SHARE * 100.0 - _EPSILON))

    def _missing(self, mask: int, group: int) -> float:
        return sum(value for position, value in enumerate(self.remaining[group]) if not mask >> position & 1)

    def admits(self, contribution: float, position: int, group: int) -> tuple[bool, bool]:
        """Return whether a block can still lift (services new to it, services already seen) into the top."""
        left = self.remaining[group]
        new = self._reaches(contribution + sum(left) - left[position], group)
        seen = any(self._reaches(value + self._missing(key >> 1, group), group)
                   for key, value in self.highest.items() if key & 1 == group and not key >> 1 >> position & 1)
        return new, seen

    def out_of_reach(self) -> bool:
        """Tell whether no service left unseen or incomplete can beat the weakest kept one."""
        for group in (0, 1):
            if self._reaches(sum(self.remaining[group]), group):
                return False
            for key, value in self.highest.items():
                if key & 1 == group and self._reaches(value + self._missing(key >> 1, group), group):
                    return False
        return True


def fill_category(members: list[int], context: SearchContext, selection: Selection) -> None:
    """Offer the need's services with no text relevance, while they can still get in.

    Done before the text search: once `limit` services of the need's category are kept, services outside
    it can never get in, and the search skips them. Services are visited by what they can gain (offered in
    the person's language, open now), so the visit can stop early; with a place, nearest cell first.
    """
    catalog, need = context.catalog, context.need
    ceiling = context.boost_ceiling(catalog.category_schedules(need), catalog.category_set(need))
    if context.point:
        ceiling -= NEAR_SHARE
        for km, cell in catalog.category_grid(need).nearest_first(context.point):
            bound = context.score(0.0, ceiling + NEAR_SHARE / (1.0 + km / NEAR_HALF_KM), True)
            if selection.is_full() and not selection.beats_floor(bound, 0):
                break
            for index in cell:
                selection.offer(index, 0.0)
        members = catalog.category_unplaced(need)
    for credit, group in _by_credit(members, context, near=0.0 if context.point else None):
        bound = context.score(0.0, credit, True)
        for index in group:
            if selection.is_full() and not selection.beats_floor(bound, index):
                break
            selection.offer(index, 0.0)


def _by_credit(members: list[int], context: SearchContext, near: float | None = None):
    """Return `members` grouped by the most language and hours (and `near`, by default the most nearness)
    can give them, largest first, each group in service order."""
    catalog = context.catalog
    if near is None:
        near = NEAR_SHARE if context.point else 0.0
    credits = {True: OPEN_SHARE, None: OPEN_SHARE * UNKNOWN_HOURS_CREDIT, False: 0.0}
    groups: dict[float, list] = {}
    if context.language in GROUPED_LANGUAGES and members is catalog.category_members(context.need):
        # The category's services are kept sliced by opening hours and language profile.
        language_bit = 1 << GROUPED_LANGUAGES.index(context.language)
        for (schedule_id, profile), slice_ in catalog.category_slices(context.need).items():
            state = None if schedule_id < 0 else (
                context.is_open_schedule(schedule_id) if context.minute is not None else False)
            credit = credits[state] + (LANGUAGE_SHARE if profile & language_bit else 0.0) + near
            groups.setdefault(credit, []).append(slice_)
        return [(credit, heapq.merge(*slices)) for credit, slices in sorted(groups.items(), key=lambda g: -g[0])]
    offering, schedule_ids = context.offering, catalog.schedule_ids
    for index in members:
        schedule_id = schedule_ids[index]
        state = None if schedule_id < 0 else (
            context.is_open_schedule(schedule_id) if context.minute is not None else False)
        credit = credits[state] + (LANGUAGE_SHARE if index in offering else 0.0) + near
        groups.setdefault(credit, []).append(index)
    return sorted(groups.items(), key=lambda group: -group[0])
