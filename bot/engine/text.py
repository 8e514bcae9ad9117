"""Text helpers the engine needs to read what people type: normalising and spotting numbers."""
import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
_NUMBER = re.compile(r"^\s*#?\s*(\d{1,2})\s*[.)!]?\s*$")
# A choice said in words or forms: "deux", "two", "le 2", "number 2", "2nd", "la deuxième", "#2 please".
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "premier": 1, "premiere": 1, "deuxieme": 2, "seconde": 2, "troisieme": 3,
    "quatrieme": 4, "cinquieme": 5, "sixieme": 6,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6,
    "1er": 1, "1re": 1, "1ere": 1, "2e": 2, "2eme": 2, "3e": 3, "3eme": 3, "4e": 4, "5e": 5, "6e": 6,
}
# Words around a choice that don't change it ("the second one please", "je prends le numéro 2").
_CHOICE_FILLER = frozenset({
    "the", "number", "no", "num", "nb", "option", "choice", "one", "please", "pls", "plz", "i", "ll", "take",
    "want", "pick", "choose", "le", "la", "l", "numero", "choix", "svp", "stp", "s", "il", "vous", "te", "plait",
    "je", "prends", "veux", "voudrais", "celui", "celle", "ci", "ok", "okay",
})


def strip_accents(text: str) -> str:
    """Return `text` without combining accents (é → e, Ê → E)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """Return `text` case-folded, accent-free, with punctuation turned into single spaces."""
    folded = strip_accents(text).casefold()
    return _NOT_WORD.sub(" ", folded).replace("_", " ").strip()


def as_number(text: str) -> int | None:
    """Return the choice a reply stands for ('2', '#2', '2)', 'le 2', 'deux', 'the second one'), else None."""
    match = _NUMBER.match(text or "")
    if match:
        return int(match.group(1))
    words = normalise(text or "").split()
    if not words or len(words) > 6:
        return None
    found = []
    for word in words:
        if word.isdigit() and len(word) <= 2:
            found.append(int(word))
        elif word in _NUMBER_WORDS:
            found.append(_NUMBER_WORDS[word])
        elif word not in _CHOICE_FILLER:
            return None
    # "one" alone is a number; beside another number it is filler ("the second one").
    if not found and words[-1] == "one" and set(words[:-1]) <= {"number", "no", "option", "choice"}:
        return 1
    return found[0] if len(found) == 1 else None


def has_letters(text: str) -> bool:
    """Tell whether `text` holds any letter of any script."""
    return any(ch.isalpha() for ch in text or "")


def is_night(moment, hours: str) -> bool:
    """Tell whether a local time falls in the night hours written "20-7" (from 20:00 to 07:00)."""
    try:
        start, end = (int(part) for part in str(hours).split("-", 1))
    except ValueError:
        return False
    hour = moment.hour
    return start <= hour or hour < end if start > end else start <= hour < end
