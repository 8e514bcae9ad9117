"""Compile the small term language of the YAML files and find its terms in a token list.

A term is words separated by spaces. A word may list alternatives with "|" ("cant|unable"), end
with "*" to match any word it begins ("evict*" matches evicted, eviction), be "<n>" to match any
number ("<n> years ago") or "<6+>" any number from 6 up ("took <6+> pills"), or be "..." to allow a
gap of up to three words within the same clause ("took ... pills"). The last word of a phrase also
matches its plural in "s" ("summer camp" matches "summer camps").

"|" binds single words only: "first aid|premiers soins" is first + (aid or premiers) + soins, not
either phrase. Write one term per phrase; lexicon.check_alternatives refuses the cases it can see.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .text import BOUNDARY, expand, raw_tokens

GAP = "..."
ANY_NUMBER = "<n>"
NUMBER_FROM = re.compile(r"<(\d{1,6})\+>")
MAX_GAP = 3
# Prefix alternatives shorter than this would match too much ("ca*" would take "car" and "cash").
MIN_PREFIX = 3
# Shortest phrase-final word that also matches with an "s" ("kit" -> "kits", not "me" -> "mes").
PLURAL_MIN = 3


@dataclass(frozen=True)
class Slot:
    """One position of a term: words it accepts exactly, and prefixes it accepts."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    #: Smallest number this slot accepts (None: it accepts no number unless listed as a word).
    number: int | None = None
    #: Forms derived from `words` (plurals): matched, but not part of the vocabulary, so they
    #: neither signal a language nor attract typo repair.
    derived: frozenset[str] = frozenset()

    def accepts(self, token: str) -> bool:
        """Tell whether the token fills this slot."""
        if token in self.words or token in self.derived:
            return True
        if self.number is not None and token.isdigit() and len(token) < 9 and int(token) >= self.number:
            return True
        return any(token.startswith(p) for p in self.prefixes)


@dataclass(frozen=True)
class Term:
    """A compiled term with the payload its YAML file gave it."""

    source: str
    slots: tuple[Slot | None, ...]  # None is a gap
    payload: object


@dataclass(frozen=True)
class Hit:
    """Where a term matched: token span [start, end) and the term."""

    start: int
    end: int
    term: Term


def canonical_words(text: str) -> list[str]:
    """Normalise a word of a term exactly as message words are normalised."""
    return [t for t in expand(raw_tokens(text)) if t != BOUNDARY]


def compile_term(source: str, payload: object = None) -> Term:
    """Compile one term; raise ValueError when it is malformed."""
    slots: list[Slot | None] = []
    for word in source.split():
        if word == GAP:
            if not slots or slots[-1] is None:
                raise ValueError(f"term {source!r}: a gap must follow a word")
            slots.append(None)
            continue
        if word == BOUNDARY:
            # A clause end written in a term: a question and its answer ("idées noires? non").
            slots.append(Slot(frozenset({BOUNDARY}), ()))
            continue
        least = NUMBER_FROM.fullmatch(word)
        if word == ANY_NUMBER or least:
            slots.append(Slot(frozenset(), (), number=int(least.group(1)) if least else 0))
            continue
        alternatives = word.split("|")
        if len(alternatives) == 1 and not word.endswith("*"):
            for piece in canonical_words(word):
                slots.append(Slot(frozenset({piece}), ()))
            continue
        words: set[str] = set()
        prefixes: list[str] = []
        for alt in alternatives:
            is_prefix = alt.endswith("*")
            pieces = canonical_words(alt.rstrip("*"))
            if len(pieces) != 1:
                raise ValueError(f"term {source!r}: alternative {alt!r} is not one word")
            if is_prefix:
                if len(pieces[0]) < MIN_PREFIX:
                    raise ValueError(f"term {source!r}: prefix {alt!r} is too short")
                prefixes.append(pieces[0])
            else:
                words.add(pieces[0])
        slots.append(Slot(frozenset(words), tuple(prefixes)))
    if not slots or slots[-1] is None:
        raise ValueError(f"term {source!r}: empty or ends with a gap")
    if len(slots) > 1:
        slots[-1] = _with_plurals(slots[-1])
    return Term(source, tuple(slots), payload)


def _with_plurals(slot: Slot) -> Slot:
    # The head of a phrase takes the plural: "summer camp" also matches "summer camps", "food bank"
    # "food banks". Single words are left as listed (French "cour" is a court, "cours" a class).
    plurals = {w + "s" for w in slot.words if len(w) >= PLURAL_MIN and w[-1] not in "sxz" and w.isalpha()}
    return Slot(slot.words, slot.prefixes, slot.number, frozenset(plurals - slot.words)) if plurals else slot


class TermIndex:
    """Terms indexed by what their first slot accepts, so matching touches few terms per token."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = list(terms)
        self._by_word: dict[str, list[Term]] = defaultdict(list)
        self._by_prefix: dict[str, list[tuple[str, Term]]] = defaultdict(list)
        self._by_number: list[Term] = []
        for term in self.terms:
            first = term.slots[0]
            assert first is not None
            if first.number is not None:
                self._by_number.append(term)
            for word in first.words:
                self._by_word[word].append(term)
            for prefix in first.prefixes:
                self._by_prefix[prefix[:MIN_PREFIX]].append((prefix, term))

    def vocabulary(self) -> tuple[set[str], set[str]]:
        """Return every exact word and every prefix the terms use."""
        words: set[str] = set()
        prefixes: set[str] = set()
        for term in self.terms:
            for slot in term.slots:
                if slot is not None:
                    words.update(slot.words)
                    prefixes.update(slot.prefixes)
        return words, prefixes

    def find(self, tokens: list[str]) -> list[Hit]:
        """Return every match of every term in the tokens, longest first at each start."""
        hits: list[Hit] = []
        # Most tokens start no term of a given list: look them up without building anything (a message is
        # searched by some 150 lists, so this loop is most of the triage's time).
        by_word, by_prefix, by_number = self._by_word, self._by_prefix, self._by_number
        # Most lists start no term in most messages: the set tests run in C and skip the loop below.
        if (by_word.keys().isdisjoint(tokens) and not by_number
                and (not by_prefix or by_prefix.keys().isdisjoint(t[:MIN_PREFIX] for t in tokens))):
            return hits
        for start, token in enumerate(tokens):
            words = by_word.get(token)
            starts = by_prefix.get(token[:MIN_PREFIX]) if by_prefix else None
            numbered = by_number and token.isdigit()
            if not (words or starts or numbered) or token == BOUNDARY:
                continue
            candidates = list(words or ())
            if numbered:
                candidates += by_number
            for prefix, term in starts or ():
                if token.startswith(prefix):
                    candidates.append(term)
            for term in candidates:
                end = _match_from(tokens, start + 1, term.slots, 1)
                if end is not None:
                    hits.append(Hit(start, end, term))
        return hits


def _match_from(tokens: list[str], pos: int, slots: tuple[Slot | None, ...], index: int) -> int | None:
    if index == len(slots):
        return pos
    slot = slots[index]
    if slot is None:
        # Shortest gap first: the nearest completion is the most plausible reading.
        for skip in range(MAX_GAP + 1):
            at = pos + skip
            if at > len(tokens):
                return None
            end = _match_from(tokens, at, slots, index + 1)
            if end is not None:
                return end
            if at < len(tokens) and tokens[at] == BOUNDARY:
                return None
        return None
    if pos < len(tokens) and slot.accepts(tokens[pos]):
        return _match_from(tokens, pos + 1, slots, index + 1)
    return None


def keep_longest(hits: Iterable[Hit]) -> Iterator[Hit]:
    """Drop hits lying strictly inside a longer hit, so "get to work" hides its "work"."""
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
    spans = [(h.start, h.end) for h in ordered]
    for hit in ordered:
        inside = any(
            s <= hit.start and hit.end <= e and (e - s) > (hit.end - hit.start) for s, e in spans
        )
        if not inside:
            yield hit
