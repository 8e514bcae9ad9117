"""Read a whole message as a keyword the way people type one: "STOP please", "arrêtez svp", "STOP STOP"."""
from bot.engine.text import normalise

# Politeness around a keyword doesn't change it ("stop please", "merci, arrêtez").
POLITE = frozenset({"please", "pls", "plz", "svp", "stp", "thanks", "thank", "you", "merci", "ok", "okay"})
POLITE_PHRASES = ("s il vous plait", "s il te plait", "thank you", "thanks", "merci beaucoup")


def keyword_key(text: str) -> str:
    """Return the message as a keyword lookup key: normalised, politeness trimmed, a repeated word said once."""
    words = normalise(text).split()
    joined = " ".join(words)
    for phrase in POLITE_PHRASES:
        if joined.endswith(" " + phrase):
            joined = joined[: -len(phrase) - 1]
        if joined.startswith(phrase + " "):
            joined = joined[len(phrase) + 1:]
    words = joined.split()
    while len(words) > 1 and words[-1] in POLITE:
        words.pop()
    while len(words) > 1 and words[0] in POLITE:
        words.pop(0)
    if len(words) > 1 and len(set(words)) == 1:
        words = words[:1]  # "STOP STOP STOP"
    return " ".join(words)
