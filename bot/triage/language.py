"""Tell French from English in a short, misspelt, possibly mixed text message."""
from __future__ import annotations

from functools import lru_cache

from .data import load_yaml
from .lexicon import lexicon
from .patterns import canonical_words
from .text import BOUNDARY, count_french_accents, expand, raw_tokens, shorthand_keys

#: Answer when a message carries no language signal; the caller then uses what it already knows.
DEFAULT_LANGUAGE = "fr"

# Weights of the signals: a plain word, a greeting or one-word ask, a lexicon term of one language
# only, a shorthand spelling, an accented letter (capped: one accented word is enough).
WORD = 1.0
STRONG = 2.0
LEXICON_WORD = 0.6
SHORTHAND = 1.0
ACCENT = 0.5
MAX_ACCENTS = 3
# Words early in a message weigh a little more: a mixed message's main language usually opens it.
OPENING_WORDS = 3
OPENING_BONUS = 0.5
# Below this confidence the answer is a guess (language_confident False).
CONFIDENT = 0.34


@lru_cache(maxsize=1)
def _word_lists() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], frozenset[str]]:
    data = load_yaml("language.yaml")

    def fold_all(words) -> frozenset[str]:
        return frozenset(t for w in words or () for t in canonical_words(str(w)))

    neutral = fold_all(data.get("neutral"))
    plain = {lang: fold_all(data.get(lang)) for lang in ("en", "fr")}
    strong = {lang: fold_all((data.get("strong") or {}).get(lang)) for lang in ("en", "fr")}
    shared = plain["en"] & plain["fr"]
    plain = {lang: words - shared - neutral for lang, words in plain.items()}
    strong = {lang: words - neutral for lang, words in strong.items()}
    return plain, strong, neutral


@lru_cache(maxsize=1)
def french_words() -> frozenset[str]:
    """Return the words known to be French and not English (elision repair glues onto these)."""
    plain, strong, _ = _word_lists()
    return plain["fr"] | strong["fr"] | lexicon().language_words["fr"]


@lru_cache(maxsize=1)
def unsplit_words() -> frozenset[str]:
    """Return the words that are never read as a glued elision ("dont" is not "d'ont")."""
    return known_words() | lexicon().words


def known_words() -> frozenset[str]:
    """Return every word the language lists name (typo repair leaves these alone)."""
    plain, strong, neutral = _word_lists()
    return plain["en"] | plain["fr"] | strong["en"] | strong["fr"] | neutral


def detect_language(text: str) -> tuple[str, float]:
    """Return ("fr" or "en", confidence in 0..1) for a message."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    raw = raw_tokens(text)
    return language_of(raw, expand(raw, french_words(), unsplit_words()), count_french_accents(text))


def language_of(raw: list[str], tokens: list[str], accents: int) -> tuple[str, float]:
    """Score both languages from tokens already split (raw) and expanded."""
    plain, strong, neutral = _word_lists()
    lexicon_words = lexicon().language_words
    score = {"en": 0.0, "fr": ACCENT * min(accents, MAX_ACCENTS)}
    for language in ("en", "fr"):
        keys = shorthand_keys(language)
        score[language] += SHORTHAND * sum(1 for t in raw if t in keys)
    position = 0
    for token in tokens:
        if token == BOUNDARY or token.isdigit():
            continue
        bonus = OPENING_BONUS if position < OPENING_WORDS else 0.0
        position += 1
        if token in neutral:
            continue
        for language in ("en", "fr"):
            if token in strong[language]:
                score[language] += STRONG + bonus
            elif token in plain[language]:
                score[language] += WORD + bonus
            elif token in lexicon_words[language]:
                score[language] += LEXICON_WORD + bonus
    en, fr = score["en"], score["fr"]
    if en == fr:
        return DEFAULT_LANGUAGE, 0.0
    best, other = (("fr", fr), ("en", en)) if fr > en else (("en", en), ("fr", fr))
    # The +1 keeps a lone weak signal (one accented name) from reading as certainty.
    return best[0], round((best[1] - other[1]) / (best[1] + other[1] + 1.0), 3)


def is_confident(confidence: float) -> bool:
    """Tell whether a language confidence is worth acting on."""
    return confidence >= CONFIDENT
