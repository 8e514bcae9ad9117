"""Text of services: cleaning imported text for display, short summaries, and the normal form search compares."""
from __future__ import annotations

import re
import unicodedata

# --- cleaning for display -------------------------------------------------------------------------

#: Markers some 211 exports leave in descriptions (Miami's ###MON### and ###COL### name the counties).
_MARKER = re.compile(r"#{2,}[A-Z0-9_]{0,12}#*")
#: Mojibake: UTF-8 bytes decoded as code page 437, then box-drawing lead bytes flattened to G, + and -.
_MOJIBAKE = re.compile(r"(G\u00c7|[+\-])([\u00a0-\u00ff\u0192\u2310\u2591-\u25a0])")
_LEAD_BYTES = {"G\u00c7": b"\xe2\x80", "+": b"\xc3", "-": b"\xc2"}
# The flattening also replaced a few continuation bytes with look-alikes outside code page 437.
_BEST_FIT = {"\u00a6": 0xB1, "\u00ac": 0xA9}
# What C1 control characters stood for when the text was really Windows-1252.
_C1_MEANINGS = {"\u0091": "\u2018", "\u0092": "\u2019", "\u0093": "\u201c", "\u0094": "\u201d",
                "\u0096": "\u2013", "\u0097": "\u2014"}
_LATIN1_SYMBOLS = {"\u00a0", "\u00a9", "\u00ae", "\u00b0"}
_INVISIBLE = {"\u200b": "", "\u2011": "-", "\u00a0": " ", "\ufeff": ""}


def _unmangle(match: re.Match) -> str:
    lead, char = match.group(1), match.group(2)
    try:
        byte = _BEST_FIT.get(char) or char.encode("cp437")[0]
        decoded = (_LEAD_BYTES[lead] + bytes([byte])).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return match.group(0)
    if lead == "-":
        # A hyphen before an accented capital is ordinary French (Sainte-Émilie): only undo known damage.
        if decoded in _C1_MEANINGS:
            return _C1_MEANINGS[decoded]
        return decoded if decoded in _LATIN1_SYMBOLS else match.group(0)
    return decoded


def clean_text(text: str | None) -> str:
    """Return `text` fit to show a person: escaped newlines, mojibake and county markers fixed, spaces tidied."""
    if not text:
        return ""
    text = str(text).replace("\\r", "").replace("\\n", "\n").replace("\\t", " ").replace("\r", "")
    if "\u00c7" in text or "+" in text or "-" in text:
        text = _MOJIBAKE.sub(_unmangle, text)
    for char, replacement in _INVISIBLE.items():
        text = text.replace(char, replacement)
    text = _MARKER.sub("", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


#: Words kept in capitals when a name written all in capitals is recased.
_ACRONYMS = {
    "AA", "AARP", "ACCESS", "ADA", "AIDS", "ALS", "ASL", "CEO", "CPR", "DCF", "DUI", "DV", "ESL", "ESOL", "FIU",
    "FPL", "GED", "HIV", "HUD", "ID", "II", "III", "IRS", "IV", "LGBT", "LGBTQ", "NA", "NAMI", "PTA", "SNAP",
    "SSI", "STD", "TANF", "UM", "US", "USA", "VA", "VITA", "WIC", "YMCA", "YWCA",
}
_SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
                "au", "aux", "de", "des", "du", "en", "et", "la", "le", "les", "pour", "sur"}


def _recase_part(part: str) -> str:
    bare = part.strip(".,()&'\"")
    if bare in _ACRONYMS or any(c.isdigit() for c in bare) or (bare and not re.search(r"[AEIOUY]", bare)):
        return part
    lower = part.lower()
    return lower[:1].upper() + lower[1:]


def _recase_word(word: str, first: bool) -> str:
    if not first and word.lower().strip(".,") in _SMALL_WORDS:
        return word.lower()
    return "-".join("/".join(_recase_part(part) for part in piece.split("/")) for piece in word.split("-"))


def display_name(name: str | None) -> str:
    """Return a name fit to show: cleaned, and recased when the source wrote it all in capitals."""
    name = clean_text(name).replace("\n", " ")
    letters = [c for c in name if c.isalpha()]
    if len(letters) >= 4 and not any(c.islower() for c in letters):
        name = " ".join(_recase_word(word, index == 0) for index, word in enumerate(name.split(" ")))
    return name


# --- summaries -----------------------------------------------------------------------------------

#: Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = {"inc", "st", "dr", "mr", "mrs", "ms", "no", "ave", "co", "corp", "ltd", "jr", "sr", "etc",
                  "e.g", "i.e", "u.s", "vs", "approx", "dept", "ste", "mt", "ft", "p.m", "a.m", "blvd"}
_LEADING_VERB = re.compile(r"^(?:this (?:program|service|agency) |the (?:program|service) |we |nous )?"
                           r"(?:provides|offers|operates|fournit|offre|propose)\s+", re.IGNORECASE)
_CLAUSE_BREAKS = re.compile(r",\s|;\s|:\s|\s[-\u2013\u2014]\s|\s\(|\s(?=(?:including|such as|which|who|that|"
                            r"where|when|through|so that|y compris|comme|qui|dont|afin)\b)")


def first_sentence(text: str) -> str:
    """Return the first sentence of `text`'s first paragraph."""
    paragraph = next((p.strip() for p in (text or "").split("\n") if p.strip()), "")
    for match in re.finditer(r"[.!?](?=\s|$)", paragraph):
        before = paragraph[:match.start()].rsplit(" ", 1)[-1].lower()
        if before in _ABBREVIATIONS or len(before) == 1:
            continue
        return paragraph[:match.end()].strip()
    return paragraph


def summarize(text: str | None, limit: int = 70) -> str:
    """Return a short plain summary of a description: its first sentence or clause, at most `limit` characters."""
    sentence = first_sentence(clean_text(text)).rstrip(".!")
    stripped = _LEADING_VERB.sub("", sentence)
    if stripped != sentence and stripped:
        sentence = stripped[0].upper() + stripped[1:]
    if len(sentence) <= limit:
        return sentence
    cut = 0
    for match in _CLAUSE_BREAKS.finditer(sentence):
        if match.start() > limit:
            break
        cut = match.start()
    if cut >= 25:
        return sentence[:cut].rstrip(" ,;:")
    head = sentence[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return head + "\u2026"


# --- the normal form search compares -------------------------------------------------------------

#: Words that say nothing about which service fits, in either language (helpline filler included).
STOPWORDS = frozenset("""
a an and any are as at be been but by can could do does for from get got has have i i'm im if in into is it
its just me my of on or our please so some than that the their them there these they this to too us was we
were what when where which who will with would you your yours am been being also
help helps need needs needed want wanted looking look find somewhere someone anyone anything something
tonight today now asap right away soon urgent urgently pls plz thanks thank hi hello hey ok okay
service services program programs programme programmes organization organisation agency inc provides provide
provided offer offers offered available
au aux avec ce ces cet cette dans de des du elle en est et eux il ils je j la le les leur leurs lui ma mais
me mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un
une vos votre vous y suis ai as avoir etre être été svp stp merci bonjour allo salut besoin aide aider cherche
chercher trouver veux voudrais peux pouvez faut soir aujourd hui maintenant vite offre offert
offerts propose disponible organisme
""".split())

_WORD = re.compile(r"[a-z0-9]+")


_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Return `text` lower-cased, without accents, ligatures opened (œ → oe)."""
    text = text or ""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    return _COMBINING.sub("", text)


def stem(word: str) -> str:
    """Return a light English/French stem of a folded word (plural, then one common suffix)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("eaux"):
        word = word[:-1]
    elif word.endswith("aux") and len(word) > 4:
        word = word[:-3] + "al"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix, shortest in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            return word[:-len(suffix)]
    return word


# (suffix, shortest stem left): longer suffixes first; "ance"/"ence" keep five letters so "violence" stays whole.
_SUFFIXES = (("ement", 3), ("ment", 3), ("ation", 4), ("ance", 5), ("ence", 5), ("ing", 3), ("ity", 4),
             ("ite", 4), ("ed", 4), ("e", 4))

class _TermCache(dict):
    """Folded word → its search term ("" for stopwords and single letters), filled on first sight."""

    def __missing__(self, word: str) -> str:
        term = "" if len(word) < 2 or word in STOPWORDS else stem(word)
        if len(self) < 500_000:
            self[word] = term
        return term


_term_cache = _TermCache()


def words(text: str) -> list[str]:
    """Return the folded words of `text`, apostrophes splitting elisions (d'électricité → d, electricite)."""
    return _WORD.findall(fold(text))


def terms(text: str) -> list[str]:
    """Return the search terms of `text`: folded, stopwords and single letters dropped, stemmed."""
    return [term for term in map(_term_cache.__getitem__, _WORD.findall(fold(text))) if term]
