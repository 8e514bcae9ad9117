"""The text index: an inverted index of normalised terms, with typo-tolerant and bilingual term matching.

Text relevance (0–100) is the idf-weighted share of the query's terms a service contains, each counted by
how well it matched (exact 1, synonym 0.9, prefix 0.85, one typo 0.8) times where it was found (name 1,
taxonomy terms 0.9, organization 0.7, description 0.6). The index finds the services holding a query term
through posting lists, and typos through a symmetric-delete table; the exhaustive path compares each query
term with the whole vocabulary by rapidfuzz and scores every service, and is kept as the reference the index
must agree with.
"""
from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.catalog.lexicon import synonyms
from bot.catalog.text import STOPWORDS, stem, words

#: Where a term was found, in order of weight: NAME, TERMS (taxonomy), ORGANIZATION, DESCRIPTION.
NAME, TERMS, ORGANIZATION, DESCRIPTION = 0, 1, 2, 3
FIELD_WEIGHTS = (1.0, 0.9, 0.7, 0.6)
#: How well a catalogue term matches a query term.
EXACT, SYNONYM, PREFIX, TYPO = 1.0, 0.9, 0.85, 0.8
#: Languages whose speakers' postings are kept apart (services offering the language, and the others), so a
#: search can tell early that services not offered in the person's language can't make the top.
GROUPED_LANGUAGES = ("en", "fr")
_EMPTY = array("i")
#: Query terms shorter than this only match exactly or by synonym ("care" is not a typo of "case").
MIN_FUZZY_LENGTH = 5


@dataclass(frozen=True)
class QueryTerm:
    """One term of a query: its stem, the word written, its weight (idf) and the catalogue terms it matches."""

    term: str
    word: str
    weight: float
    # term id → similarity
    matches: dict


class _Vocabulary(dict):
    """Term → id, giving the next id to a term seen for the first time."""

    def __init__(self, terms: list[str]):
        super().__init__()
        self._terms = terms

    def __missing__(self, term: str) -> int:
        term_id = self[term] = len(self._terms)
        self._terms.append(term)
        return term_id


class TextIndex:
    """Terms of every service by field, and for every term the services holding it."""

    def __init__(self):
        self.terms: list[str] = []
        self.vocabulary: dict[str, int] = _Vocabulary(self.terms)
        # Per service: sorted codes term_id * 4 + field, one per term (the best field it appears in).
        self.documents: list[array] = []
        # Per term, per field where it is their best, per language profile: the services, in service order.
        # A profile has bit i set when the service is offered in GROUPED_LANGUAGES[i].
        self.postings: list[tuple[tuple[array, ...], ...]] = []
        self.profiles = bytearray()
        # Per term: how many services hold it.
        self.frequencies: list[int] = []
        self._deletes: dict[str, list[int]] = {}
        self._sorted_terms: list[str] = []
        self._sorted_ids: list[int] = []

    def __len__(self) -> int:
        return len(self.documents)

    def add(self, fields: tuple[list[str], ...], languages=()) -> None:
        """Add a service from its terms per field (name, taxonomy terms, organization, description)."""
        self.profiles.append(sum(1 << bit for bit, language in enumerate(GROUPED_LANGUAGES) if language in languages))
        identify = self.vocabulary.__getitem__
        best: dict[int, int] = {}
        # Weakest field first, so a term keeps the strongest field it appears in.
        for field in range(len(fields) - 1, -1, -1):
            best.update(dict.fromkeys(map(identify, fields[field]), field))
        self.documents.append(array("i", sorted(term_id * 4 + field for term_id, field in best.items())))

    def finish(self) -> None:
        """Build the posting lists and the tables that find prefixes and typos."""
        groups = 1 << len(GROUPED_LANGUAGES)
        postings = [[[] for _ in range(4 * groups)] for _ in self.terms]
        profiles = self.profiles
        for index, document in enumerate(self.documents):
            offset = profiles[index]
            for code in document:
                postings[code >> 2][(code & 3) * groups + offset].append(index)
        self.postings = [tuple(tuple(array("i", lists[field * groups + profile]) if lists[field * groups + profile]
                                     else _EMPTY for profile in range(groups)) for field in range(4))
                         for lists in postings]
        self.frequencies = [sum(len(services) for services in lists) for lists in postings]
        deletes: dict[str, list[int]] = {}
        for term_id, term in enumerate(self.terms):
            if len(term) < MIN_FUZZY_LENGTH or not term.isalpha():
                continue
            deletes.setdefault(term, []).append(term_id)
            for cut in range(len(term)):
                deletes.setdefault(term[:cut] + term[cut + 1:], []).append(term_id)
        self._deletes = deletes
        order = sorted(range(len(self.terms)), key=self.terms.__getitem__)
        self._sorted_terms = [self.terms[term_id] for term_id in order]
        self._sorted_ids = order

    # --- matching query terms to catalogue terms -----------------------------------------------------

    def _exact_and_synonyms(self, term: str) -> dict[int, float]:
        matches: dict[int, float] = {}
        for other in synonyms(term):
            term_id = self.vocabulary.get(other)
            if term_id is not None:
                matches[term_id] = SYNONYM
        term_id = self.vocabulary.get(term)
        if term_id is not None:
            matches[term_id] = EXACT
        return matches

    def match(self, term: str) -> dict[int, float]:
        """Return the catalogue terms matching `term` (exact, synonym, prefix, one typo) with similarity."""
        matches = self._exact_and_synonyms(term)
        if len(term) < MIN_FUZZY_LENGTH or not term.isalpha():
            return matches
        terms, position = self._sorted_terms, bisect_left(self._sorted_terms, term)
        while position < len(terms) and terms[position].startswith(term):
            term_id = self._sorted_ids[position]
            if matches.get(term_id, 0.0) < PREFIX:
                matches[term_id] = PREFIX
            position += 1
        keys = {term} | {term[:cut] + term[cut + 1:] for cut in range(len(term))}
        for key in keys:
            for term_id in self._deletes.get(key, ()):
                if term_id in matches:
                    continue
                other = self.terms[term_id]
                if OSA.distance(term, other, score_cutoff=1) <= 1:
                    matches[term_id] = TYPO
        return matches

    def match_exhaustive(self, term: str) -> dict[int, float]:
        """Return what `match` returns, by comparing `term` with every catalogue term (the reference)."""
        matches = self._exact_and_synonyms(term)
        if len(term) < MIN_FUZZY_LENGTH or not term.isalpha():
            return matches
        for term_id, other in enumerate(self.terms):
            if other.startswith(term) and matches.get(term_id, 0.0) < PREFIX:
                matches[term_id] = PREFIX
        for other, _distance, term_id in process.extract(term, self.terms, scorer=OSA.distance,
                                                         score_cutoff=1, limit=None):
            if term_id not in matches and len(other) >= MIN_FUZZY_LENGTH and other.isalpha():
                matches[term_id] = TYPO
        return matches

    def analyse(self, text: str, exhaustive: bool = False) -> list[QueryTerm]:
        """Return the query's terms that match something, each weighted by how rare its matches are."""
        found: list[QueryTerm] = []
        seen: set[str] = set()
        total = len(self.documents)
        for word in words(text):
            if len(word) < 2 or word in STOPWORDS:
                continue
            term = stem(word)
            if term in seen:
                continue
            seen.add(term)
            matches = self.match_exhaustive(term) if exhaustive else self.match(term)
            if not matches:
                continue
            frequency = max(self.frequencies[term_id] for term_id in matches)
            weight = math.log(1.0 + total / (1.0 + frequency))
            found.append(QueryTerm(term=term, word=word, weight=weight, matches=matches))
        return found

    # --- scoring -------------------------------------------------------------------------------------

    @staticmethod
    def relevance(best: list[float], query: list[QueryTerm]) -> float:
        """Return text relevance 0–100 from each query term's best match strength."""
        total = sum(term.weight for term in query)
        if not total:
            return 0.0
        return round(100.0 * sum(term.weight * strength for term, strength in zip(query, best, strict=True)) / total, 6)

    @staticmethod
    def lookup_table(query: list[QueryTerm]) -> dict[int, list[tuple[int, float]]]:
        """Return term id → [(query position, similarity)] for scoring documents one by one."""
        table: dict[int, list[tuple[int, float]]] = {}
        for position, term in enumerate(query):
            for term_id, similarity in term.matches.items():
                table.setdefault(term_id, []).append((position, similarity))
        return table

    def strengths(self, index: int, table: dict, size: int) -> list[float]:
        """Return, for service `index`, each query term's best match strength (similarity × field weight)."""
        best = [0.0] * size
        for code in self.documents[index]:
            hits = table.get(code >> 2)
            if hits:
                weight = FIELD_WEIGHTS[code & 3]
                for position, similarity in hits:
                    strength = similarity * weight
                    if strength > best[position]:
                        best[position] = strength
        return best

    def blocks(self, query: list[QueryTerm], language: str) -> list[tuple[float, int, int, array]]:
        """Return the posting blocks of a query, strongest first: (weight × strength, query position, group,
        services), where group is 1 for services offered in `language` (or when that isn't known) and 0 else.

        A block holds the services where one matching term is found in one field. Taking a group's blocks
        in this order, the first block a service appears in for a query term gives that term's full weight.
        """
        bit = 1 << GROUPED_LANGUAGES.index(language) if language in GROUPED_LANGUAGES else 0
        found = []
        for position, term in enumerate(query):
            for term_id, similarity in term.matches.items():
                for field, by_profile in enumerate(self.postings[term_id]):
                    contribution = term.weight * (similarity * FIELD_WEIGHTS[field])
                    for profile, services in enumerate(by_profile):
                        if services:
                            group = 1 if not bit or profile & bit else 0
                            found.append((contribution, position, group, term_id, services))
        found.sort(key=lambda block: (-block[0], -block[2], block[1], block[3]))
        return [(contribution, position, group, services) for contribution, position, group, _, services in found]
