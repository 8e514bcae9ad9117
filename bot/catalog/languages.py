"""Languages a service is offered in, as ISO 639-1 codes where one exists (en, fr, es, ht ...)."""
from __future__ import annotations

import re

from bot.catalog.text import fold

#: Language names (English and French, folded) and three-letter codes → the code we keep.
LANGUAGE_CODES = {
    "english": "en", "anglais": "en", "eng": "en", "en": "en",
    "french": "fr", "francais": "fr", "fra": "fr", "fre": "fr", "fr": "fr",
    "spanish": "es", "espagnol": "es", "spa": "es", "es": "es",
    "creole": "ht", "haitian": "ht", "kreyol": "ht", "hat": "ht", "ht": "ht",
    "portuguese": "pt", "portugais": "pt", "por": "pt", "hebrew": "he", "heb": "he", "russian": "ru", "rus": "ru",
    "arabic": "ar", "arabe": "ar", "ara": "ar", "italian": "it", "ita": "it", "greek": "el", "yiddish": "yi",
    "sign": "sgn", "asl": "ase", "lsq": "fcs", "chinese": "zh", "chinois": "zh", "mandarin": "zh", "zho": "zh",
    "cantonese": "yue", "vietnamese": "vi", "vie": "vi", "tagalog": "tl", "filipino": "tl", "punjabi": "pa",
    "pan": "pa", "hindi": "hi", "hin": "hi", "urdu": "ur", "urd": "ur", "polish": "pl", "pol": "pl",
    "german": "de", "allemand": "de", "deu": "de", "ger": "de", "korean": "ko", "kor": "ko", "japanese": "ja",
    "ukrainian": "uk", "ukr": "uk", "somali": "so", "som": "so", "amharic": "am", "tigrinya": "ti",
    "farsi": "fa", "persian": "fa", "fas": "fa", "dari": "prs", "pashto": "ps", "cree": "cr", "cri": "cr",
    "ojibwe": "oj", "ojibway": "oj", "inuktitut": "iu", "blackfoot": "bla", "dene": "chp", "swahili": "sw",
    "bengali": "bn", "turkish": "tr", "slovak": "sk", "romanian": "ro", "serbian": "sr", "croatian": "hr",
    "gujarati": "gu", "tamil": "ta", "nepali": "ne", "thai": "th", "lao": "lo", "khmer": "km", "burmese": "my",
    "kurdish": "ku", "tigre": "tig", "oromo": "om", "dinka": "din", "lingala": "ln", "kinyarwanda": "rw",
}
#: Languages whose names are two words; looked for before single words.
_TWO_WORD = {"american sign": "ase", "sign language": "sgn", "haitian creole": "ht", "langue des signes": "sgn"}
_WORD = re.compile(r"[a-z]+")


def language_codes(value) -> list[str]:
    """Return the language codes named in `value` (a code, a name, or text like "English and Spanish")."""
    if not value:
        return []
    text = fold(str(value).replace("\\n", " "))
    found = []
    for phrase, code in _TWO_WORD.items():
        if phrase in text:
            found.append(code)
            text = text.replace(phrase, " ")
    for word in _WORD.findall(text):
        code = LANGUAGE_CODES.get(word)
        # Two-letter words only count when they are the whole value ("fr"), not "en" inside French text.
        if code and (len(word) > 2 or word == text.strip()) and code not in found:
            found.append(code)
    return found
