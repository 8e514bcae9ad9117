"""Train the second reader from our labelled messages and write its weights (needs scikit-learn).

    passerelle triage train                 # every tests/triage/*.jsonl -> bot/triage/reader.json.gz

The weights are plain numbers read by reader.py, so running Passerelle never needs scikit-learn; only
retraining does (`pip install -e '.[model]'`). The file records a digest of each training file, and a
test fails when the labelled sets changed and the weights were not retrained.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from .reader import normalise

#: Character n-grams of each word, padded with spaces (scikit-learn's "char_wb").
NGRAM_RANGE = (2, 5)
#: An n-gram seen in fewer messages is noise.
MIN_DF = 2
#: Inverse regularisation of both models: our sets are small and clean, so the fit may be close.
C = 10.0
#: Decimals kept per weight: the file stays small and the probabilities move by less than 0.1 %.
DECIMALS = 4


def digest(path: Path) -> str:
    """Return the SHA-256 of a training file, as recorded in the weights."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_rows(paths: list[Path]) -> list[dict]:
    """Read labelled rows; a message labelled twice keeps its first labels."""
    rows, seen = [], set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            key = normalise(row["text"])
            if key and key not in seen:
                seen.add(key)
                rows.append(row)
    return rows


def train(paths: list[Path]) -> dict:
    """Fit the need and risk models on the labelled files; return the weights to ship."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as error:  # only retraining needs it
        raise RuntimeError("training needs scikit-learn: pip install -e '.[model]'") from error
    from bot.needs import CATEGORIES

    rows = read_rows(paths)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, min_df=MIN_DF, sublinear_tf=True,
                                 preprocessor=normalise, lowercase=False)
    matrix = vectorizer.fit_transform([row["text"] for row in rows])
    needs = LogisticRegression(C=C, max_iter=5000).fit(matrix, [row["primary"] for row in rows])
    labelled = [i for i, row in enumerate(rows) if row.get("crisis") in (True, False)]
    risk = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(
        matrix[labelled], [1 if rows[i]["crisis"] else 0 for i in labelled])
    # Every category gets a row, in our order, even one no training message names first.
    order = [list(needs.classes_).index(c) if c in needs.classes_ else None for c in CATEGORIES]
    vocabulary = sorted(vectorizer.vocabulary_.items(), key=lambda item: item[1])
    floor = -30.0  # a category never seen first stays (almost) impossible

    def need_row(column: int) -> list[float]:
        return [round(float(needs.coef_[k, column]), DECIMALS) if k is not None else 0.0 for k in order]

    return {
        "ngram_range": list(NGRAM_RANGE),
        "categories": list(CATEGORIES),
        "need_intercepts": [round(float(needs.intercept_[k]), DECIMALS) if k is not None else floor for k in order],
        "risk_intercept": round(float(risk.intercept_[0]), DECIMALS),
        "ngrams": [gram for gram, _ in vocabulary],
        "idf": [round(float(vectorizer.idf_[column]), 6) for _, column in vocabulary],
        "need_coef": [need_row(column) for _, column in vocabulary],
        "risk_coef": [round(float(risk.coef_[0, column]), DECIMALS) for _, column in vocabulary],
        "trained_on": {path.name: digest(path) for path in paths},
        "messages": len(rows),
    }


def write(weights: dict, out: Path) -> None:
    """Write the weights, compressed, reproducibly (no timestamp in the gzip header)."""
    data = json.dumps(weights, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out.write_bytes(gzip.compress(data, mtime=0))
