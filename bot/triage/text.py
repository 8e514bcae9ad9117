"""Turn a raw text message into the canonical tokens every other triage step reads.

Canonical form: lower case, accents stripped, English contractions joined ("can't" -> "cant"),
French elisions split ("j'ai" -> "j ai"), SMS shorthand expanded, clause punctuation kept as
the boundary token ".".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .data import load_yaml

#: Token that stands for a clause break (punctuation, line break); never part of a term.
BOUNDARY = "."

# English contractions are joined so that "can't", "cant" and "can t" all become one token; every
# other apostrophe (French elision: j'ai, l'auto, qu'il) splits. "'d" splits too, so "I'd" does not
# read as "id" (an identity document) and "OD'd" keeps its "od".
_JOINED_SUFFIXES = frozenset({"t", "s", "m", "ll", "re", "ve"})

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_LIGATURES = str.maketrans({"\u0153": "oe", "\u00e6": "ae", "\u00df": "ss"})
# A minus sign before a number ("-32") is a word: the cold is a danger worth reading.
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*|[.,;!?:()\n]|(?<![a-z0-9])-(?=\d)")
_FRENCH_ACCENTS = frozenset("àâçéèêëîïôûùüÿœ")
# An age or a duration glued to its number ("my 6yo", "bébé de 8mois"): the number and the unit.
_NUMBER_UNIT = re.compile(r"(\d{1,3})(yo|yrs|yr|mos|mo|ans|mois)")

# Shortest word after joual's "r'" read as "re-" + the word ("r'venir" -> "revenir").
MIN_REPEATED = 3

# Longest text we read: a helpline message is short; this bounds the work on pasted walls of text.
MAX_CHARS = 6000


def fold(text: str) -> str:
    """Lower-case, strip accents and unify apostrophes."""
    text = text.translate(_APOSTROPHES).casefold().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def count_french_accents(text: str) -> int:
    """Count characters that only French writing uses here (é, è, à, ç...)."""
    return sum(1 for ch in text.casefold() if ch in _FRENCH_ACCENTS)


def raw_tokens(text: str) -> list[str]:
    """Split folded text into words and boundary tokens, before shorthand expansion."""
    tokens: list[str] = []
    for match in _TOKEN_RE.finditer(fold(text[:MAX_CHARS])):
        piece = match.group()
        if piece == "-":
            tokens.append("minus")
            continue
        if not piece[0].isalnum():
            tokens.append(BOUNDARY)
            continue
        glued = _NUMBER_UNIT.fullmatch(piece)
        if glued:
            tokens.extend(glued.groups())
            continue
        parts = piece.split("'")
        current = parts[0]
        for part in parts[1:]:
            if part in _JOINED_SUFFIXES:
                current += part
            elif current == "r" and len(part) >= MIN_REPEATED and part.isalpha():
                # Joual's "r'" is "re-": "r'venir", "r'entendre parler de moi" (not the shorthand "r" for "are").
                current = "re" + part
            else:
                tokens.append(current)
                current = part
        tokens.append(current)
    return tokens


@lru_cache(maxsize=1)
def _shorthand() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    data = load_yaml("shorthand.yaml")
    table: dict[str, tuple[str, ...]] = {}
    for section in ("en", "fr"):
        for short, full in (data.get(section) or {}).items():
            table[str(short)] = tuple(raw_tokens(str(full)))
    return table, frozenset(str(h) for h in data.get("elision_heads") or ())


def shorthand_keys(language: str) -> frozenset[str]:
    """Return the shorthand spellings of one language (a language signal of their own)."""
    return frozenset(str(k) for k in (load_yaml("shorthand.yaml").get(language) or {}))


def expand(
    tokens: list[str], french: frozenset[str] = frozenset(), whole: frozenset[str] = frozenset()
) -> list[str]:
    """Expand shorthand and glued French elisions ("jveux" -> "je veux", "lappart" -> "l appart").

    `french` holds the French words an elision may be glued to (without it none is split);
    `whole` the words never split, whatever they start with ("dont", "towing").
    """
    table, heads = _shorthand()
    out: list[str] = []
    for token in tokens:
        full = table.get(token)
        if full is not None:
            out.extend(full)
            continue
        if whole and token not in whole and token.endswith("in") and token + "g" in whole:
            # Spoken English drops the g: "sleepin", "lookin", "tryin".
            out.append(token + "g")
            continue
        split = _split_elision(token, heads, french) if french and token not in whole else None
        if split is None:
            out.append(token)
            continue
        head, rest = split
        out.extend(table.get(head, (head,)))
        out.extend(table.get(rest, (rest,)))
    return out


def _split_elision(token: str, heads: frozenset[str], french: frozenset[str]) -> tuple[str, str] | None:
    # Texters drop the apostrophe ("jveux", "lappart"); split only when the whole token is no
    # French word and what follows the head is one ("towing" is not "t'owing").
    if token in french or len(token) < 4 or not token.isalpha():
        return None
    for size in (2, 1):
        head, rest = token[:size], token[size:]
        if head in heads and len(rest) >= 3 and rest in french:
            return head, rest
    return None
