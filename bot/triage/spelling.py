"""Repair typos of the words that matter most ("suicde" -> "suicide", "landlrod" -> "landlord")."""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .data import load_yaml
from .language import known_words
from .lexicon import lexicon
from .patterns import canonical_words
from .text import shorthand_keys

# Short words are too close to each other for a repair to be a safe guess ("bent" is not "rent").
MIN_LENGTH = 5
LONG_WORD = 9


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], dict[str, list[str]], dict[str, list[str]]]:
    data = load_yaml("spelling.yaml")
    protected = {w for word in data.get("protect") or () for w in canonical_words(str(word))}
    known = lexicon().words | known_words() | shorthand_keys("en") | shorthand_keys("fr") | protected
    by_letter: dict[str, list[str]] = defaultdict(list)
    stems: dict[str, list[str]] = defaultdict(list)
    for group in (data.get("targets") or {}).values():
        for entry in group or ():
            word = str(entry)
            if word.endswith("*"):
                stems[word[0]].append(word[:-1])
            elif len(word) >= MIN_LENGTH:
                by_letter[word[0]].append(word)
    return (
        frozenset(known),
        {k: sorted(set(v)) for k, v in by_letter.items()},
        {k: sorted(set(v)) for k, v in stems.items()},
    )


@lru_cache(maxsize=65536)
def correct(token: str) -> str:
    """Return the lexicon word the token most likely misspells, or the token itself."""
    if len(token) < MIN_LENGTH or not token.isalpha():
        return token
    known, by_letter, stems = _tables()
    if token in known:
        return token
    if any(token.startswith(p) for p in stems.get(token[0], ())):
        return token
    limit = 1 if len(token) < LONG_WORD else 2
    best: tuple[int, int, str] | None = None
    # Typos rarely touch the first letter; keeping it also keeps "nourir" (feed) away from "mourir".
    candidates = by_letter.get(token[0], [])
    for word, distance, _ in process.extract(
        token, candidates, scorer=OSA.distance, score_cutoff=limit, limit=5
    ):
        shared = _common_prefix(token, word)
        key = (int(distance), -shared, word)
        if best is None or key < best:
            best = key
    for stem in stems.get(token[0], ()):
        for cut in (len(stem) - 1, len(stem), len(stem) + 1):
            if cut <= len(token) and OSA.distance(token[:cut], stem) <= 1:
                key = (1, -_common_prefix(token, stem), stem + token[cut:])
                if best is None or key < best:
                    best = key
                break
    return best[2] if best is not None else token


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size
