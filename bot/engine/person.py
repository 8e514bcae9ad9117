"""What a message says about the person and where they are, so searches can respect eligibility and distance."""
import re

from bot.engine.text import normalise

# Canadian postal codes ("T1A 2B3") or their first half (FSA, "T1A"); letters D F I O Q U never start one.
_POSTAL = re.compile(r"\b([abceghj-nprstvxy]\d[abceghj-nprstv-z])(?:\s?(\d[abceghj-nprstv-z]\d))?\b", re.IGNORECASE)
_AGE = re.compile(r"\b(?:i m|im|i am|age|aged|j ai|jai)\s+(\d{2})\b|\b(\d{2})\s*(?:yo|y o|years old|yrs old|ans)\b")
_WOMAN = {"woman", "femme", "girl", "fille", "mom", "mother", "mere", "maman", "pregnant", "enceinte", "lady"}
_MAN = {"man", "homme", "guy", "gars", "dad", "father", "pere", "papa"}
_FAMILY = {"kids", "kid", "children", "child", "enfants", "enfant", "son", "daughter", "fils", "baby", "bebe",
           "family", "famille", "toddler", "flos"}


def about_person(text: str) -> dict:
    """Return what the text says of the person: age, gender ("women"/"men") and whether children are with them."""
    words = normalise(text)
    person: dict = {}
    match = _AGE.search(words)
    if match:
        age = int(match.group(1) or match.group(2))
        if 12 <= age <= 99:
            person["age"] = age
    said = set(words.split())
    # "I'm a woman" / "je suis une femme": gender only when the person says it of themselves.
    if said & _WOMAN and re.search(r"\b(i m a|im a|i am a|je suis une|chu une|suis une|mom|mother|mere|maman|"
                                   r"pregnant|enceinte)\b", words):
        person["gender"] = "women"
    elif said & _MAN and re.search(r"\b(i m a|im a|i am a|je suis un|chu un|suis un|dad|father|pere|papa)\b",
                                   words):
        person["gender"] = "men"
    if said & _FAMILY:
        person["family"] = True
    return person


def place_in(text: str) -> str | None:
    """Return a postal code (or its first three characters) named in the text, upper-cased, if any."""
    match = _POSTAL.search(text or "")
    if not match:
        return None
    return (match.group(1) + (" " + match.group(2) if match.group(2) else "")).upper()
