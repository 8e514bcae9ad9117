"""The second reader: a linear model on character n-grams, trained on our labelled messages.

The lexicons are the first reader; they know words. This reader knows spellings and word pieces, so it
still has an opinion on wording the lexicons never saw ("j'vais donner mon char pis mes affaires").
It was trained with scikit-learn (`passerelle triage train`, see training.py) and ships as plain
weights in `reader.json.gz`; reading a message needs only this module: no scikit-learn, no download.

    >>> reader = second_reader()
    >>> reader.needs("I need a bus pass")["transport"] > 0.5
    True
"""
from __future__ import annotations

import gzip
import json
import math
import re
from functools import lru_cache
from importlib import resources

from .text import fold

#: The weights file beside this module.
WEIGHTS = "reader.json.gz"

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Return `text` as the reader sees it: folded (lower case, no accents), words of letters and digits."""
    return _NOT_WORD.sub(" ", fold(text or "")).strip()


def ngrams(text: str, low: int, high: int) -> list[str]:
    """Return the character n-grams of each word padded with spaces, exactly as scikit-learn's char_wb."""
    found: list[str] = []
    for word in text.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            offset = 0
            found.append(padded[offset : offset + n])
            while offset + n < size:
                offset += 1
                found.append(padded[offset : offset + n])
            if offset == 0:  # a word shorter than n counts once, as scikit-learn counts it
                break
    return found


class Reader:
    """The trained weights: n-gram vocabulary with idf, one weight row per need and one for risk."""

    def __init__(self, weights: dict):
        self.low, self.high = weights["ngram_range"]
        self.categories: list[str] = weights["categories"]
        self.need_intercepts: list[float] = weights["need_intercepts"]
        self.risk_intercept: float = weights["risk_intercept"]
        self.trained_on: dict[str, str] = weights.get("trained_on", {})
        # n-gram -> (idf, need weights, risk weight)
        self.features: dict[str, tuple[float, list[float], float]] = {
            gram: (idf, need, risk)
            for gram, idf, need, risk in zip(weights["ngrams"], weights["idf"], weights["need_coef"],
                                             weights["risk_coef"], strict=True)
        }

    def _vector(self, text: str) -> list[tuple[float, list[float], float]]:
        """Return the message's tf-idf features (sublinear tf, l2-normalised), with their weights."""
        counts: dict[str, int] = {}
        for gram in ngrams(normalise(text), self.low, self.high):
            if gram in self.features:
                counts[gram] = counts.get(gram, 0) + 1
        values = [((1.0 + math.log(count)) * self.features[gram][0], gram) for gram, count in counts.items()]
        norm = math.sqrt(sum(value * value for value, _ in values)) or 1.0
        return [(value / norm, *self.features[gram][1:]) for value, gram in values]

    def needs(self, text: str) -> dict[str, float]:
        """Return the probability of each need being the one to act on first."""
        logits = list(self.need_intercepts)
        for value, weights, _ in self._vector(text):
            for position, weight in enumerate(weights):
                logits[position] += value * weight
        top = max(logits)
        exps = [math.exp(logit - top) for logit in logits]
        total = sum(exps)
        return {category: e / total for category, e in zip(self.categories, exps, strict=True)}

    def risk(self, text: str) -> float:
        """Return the probability that the message is a crisis."""
        logit = self.risk_intercept + sum(value * weight for value, _, weight in self._vector(text))
        return 1.0 / (1.0 + math.exp(-logit))


@lru_cache(maxsize=1)
def second_reader() -> Reader | None:
    """Load the shipped weights once; None when the package ships none (the lexicons then read alone)."""
    source = resources.files(__package__).joinpath(WEIGHTS)
    if not source.is_file():
        return None
    with source.open("rb") as handle:
        return Reader(json.loads(gzip.decompress(handle.read()).decode("utf-8")))
