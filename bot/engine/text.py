"""Text helpers the engine needs to read what people type: normalising and spotting numbers."""
import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
_NUMBER = re.compile(r"^\s*#?\s*(\d{1,2})\s*[.)!]?\s*$")


def strip_accents(text: str) -> str:
    """Return `text` without combining accents (é → e, Ê → E)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """Return `text` case-folded, accent-free, with punctuation turned into single spaces."""
    folded = strip_accents(text).casefold()
    return _NOT_WORD.sub(" ", folded).replace("_", " ").strip()


def as_number(text: str) -> int | None:
    """Return the number a reply like '2', '2.', '#2' stands for, else None."""
    match = _NUMBER.match(text or "")
    return int(match.group(1)) if match else None


def has_letters(text: str) -> bool:
    """Tell whether `text` holds any letter of any script."""
    return any(ch.isalpha() for ch in text or "")
