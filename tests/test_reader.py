"""The second reader: its shipped weights read a message exactly as scikit-learn does, and are up to date."""
import gzip
import json
from pathlib import Path

import pytest

from bot.triage import triage
from bot.triage.reader import WEIGHTS, Reader, ngrams, second_reader
from bot.triage.training import digest, train

LABELLED = Path(__file__).parent / "triage"
SHIPPED = Path(__file__).parent.parent / "bot" / "triage" / WEIGHTS


def test_the_weights_were_trained_on_the_labelled_sets_as_they_are():
    # Like a golden transcript: after changing tests/triage/*.jsonl, run `passerelle triage train`.
    weights = json.loads(gzip.decompress(SHIPPED.read_bytes()))
    current = {path.name: digest(path) for path in sorted(LABELLED.glob("*.jsonl"))}
    assert weights["trained_on"] == current, "labelled sets changed: run passerelle triage train"


def test_ngrams_match_scikit_learn_char_wb():
    text = pytest.importorskip("sklearn.feature_extraction.text")
    analyzer = text.TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=False).build_analyzer()
    for sample in ("j ai besoin d un lift", "a", "i need a bus pass 2", "x yz"):
        assert ngrams(sample, 2, 5) == analyzer(sample)


def test_the_pure_python_reader_gives_scikit_learns_probabilities(tmp_path):
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from bot.triage.reader import normalise

    rows = [json.loads(line) for line in (LABELLED / "blind_e.jsonl").read_text().splitlines() if line]
    reader = Reader(train([LABELLED / "blind_e.jsonl"]))
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                                 preprocessor=normalise, lowercase=False)
    matrix = vectorizer.fit_transform([r["text"] for r in rows])
    model = LogisticRegression(C=10.0, max_iter=5000).fit(matrix, [r["primary"] for r in rows])
    for text in ("j'ai pu de bouffe pour les enfants", "my car broke down and I work tomorrow", "aide"):
        expected = dict(zip(model.classes_, model.predict_proba(vectorizer.transform([text]))[0], strict=True))
        got = reader.needs(text)
        for category, probability in expected.items():
            assert got[category] == pytest.approx(probability, abs=2e-3), (text, category)


def test_the_reader_has_an_opinion_on_wording_the_lexicons_miss():
    reader = second_reader()
    assert reader is not None
    assert max(reader.needs("pu rien a manger").items(), key=lambda item: item[1])[0] == "food"
    assert reader.risk("jveux pu être là demain") > reader.risk("j'ai besoin d'un lift demain")


def test_the_reader_does_not_undo_the_root_cause():
    # The snowsuit is the need; daycare is what it is for.
    assert triage("besoin d'un habit de neige pour que ma fille aille à la garderie").primary == "clothing"


def test_the_lexicons_alone_still_read_every_message():
    result = triage("I need a bus pass", reader=False)
    assert result.primary == "transport" and result.risk is None
