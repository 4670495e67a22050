"""The checklist sentence classifier: a second signal beside the rules.

A one-vs-rest logistic regression (scikit-learn) over sentence features: lemma unigrams and
bigrams of the sentence plus the words of the heading it stands under (``h=...``), TF-IDF
weighted (sublinear tf, L2-normalised). It predicts, per sentence, the probability that the
sentence addresses each checklist item.

Trained by ``analyser train`` from the sentence labels kept in ``corpus/labels/`` and evaluated
with cross-validation split **by document** (GroupKFold), never by sentence. Saved as plain JSON
weights in ``models/checklist_model.json`` (no pickle) beside a model card. The checklist uses it
only for the items listed in ``enabled_items``: those where, in cross-validation, rules+model
decided "addressed" at the document level better than rules alone.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM
from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import doc_text
from .segment import section_at

_LETTER = re.compile(r"[^\W\d_]")

MODEL_ENV = "ANALYSER_MODEL"
FORMAT = "analyser-checklist-logreg/1"


def default_model_path() -> Path:
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / "models" / "checklist_model.json"


# ---------------------------------------------------------------------------- features


def words_features(words: list[str], heading: str | None) -> list[str]:
    """Lemma unigrams and bigrams of a sentence, plus its section heading's words as ``h=`` features."""
    feats = list(words)
    feats += [f"{a}_{b}" for a, b in pairwise(words)]
    if heading:
        feats += ["h=" + w for w in heading.lower().split() if w.isalpha() and len(w) > 2]
    return feats


def sentence_features(sent: Span, heading: str | None) -> list[str]:
    """The features of one sentence Span (see `doc_features` for many at once)."""
    return words_features(_words(sent.doc, [(sent.start_char, sent.end_char)])[0], heading)


def _words(doc: Doc, offsets: list[tuple[int, int]]) -> list[list[str]]:
    """Per character range, its lemmas ("<num>" for numbers), punctuation and spaces left out —
    read from token arrays, so no Token objects are made."""
    if not len(doc):
        return [[] for _ in offsets]
    arr = doc.to_array([LEMMA, IS_PUNCT, IS_SPACE, LIKE_NUM, IDX])
    lemmas = arr[:, 0].tolist()
    skip = (arr[:, 1] | arr[:, 2]).tolist()
    num = arr[:, 3].tolist()
    idx = arr[:, 4].astype(numpy.int64)
    strings = doc.vocab.strings
    names: dict[int, str] = {}
    out = []
    for start, end in offsets:
        i0 = int(numpy.searchsorted(idx, start, "left"))
        i1 = int(numpy.searchsorted(idx, end, "left"))
        words = []
        for i in range(i0, i1):
            if skip[i]:
                continue
            if num[i]:
                words.append("<num>")
                continue
            h = lemmas[i]
            w = names.get(h)
            if w is None:
                w = names[h] = strings[h]
            words.append(w)
        out.append(words)
    return out


def doc_features(doc: Doc, offsets: list[tuple[int, int]]) -> list[list[str]]:
    """Features of many sentences of one analysed Doc, each with the heading of its section."""
    sections = doc._.sections or []
    feats = []
    for (start, _), words in zip(offsets, _words(doc, offsets)):
        section = section_at(sections, start)
        feats.append(words_features(words, section.heading if section else None))
    return feats


def sentence_offsets(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the sentences worth classifying (holding at least one letter)."""
    text = doc_text(doc)
    return [(s.start_char, s.end_char) for s in doc.sents if _LETTER.search(text, s.start_char, s.end_char)]


def doc_sentences(doc: Doc) -> list[tuple[Span, list[str]]]:
    """Every sentence with text worth classifying, with its features."""
    offsets = sentence_offsets(doc)
    spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in offsets]
    return list(zip(spans, doc_features(doc, offsets)))


# ---------------------------------------------------------------------------- the model


@dataclass
class ChecklistModel:
    items: list[str]
    vocabulary: dict[str, int]
    idf: numpy.ndarray
    coef: numpy.ndarray  # (items, features)
    intercept: numpy.ndarray  # (items,)
    thresholds: dict[str, float] = field(default_factory=dict)
    enabled_items: list[str] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)

    def vectorise(self, feature_lists: list[list[str]]):
        """Sparse TF-IDF rows (sublinear tf, L2-normalised), as in training."""
        from scipy.sparse import csr_matrix

        vocab = self.vocabulary
        rows: list[int] = []
        cols: list[int] = []
        for row, feats in enumerate(feature_lists):
            found = [vocab[f] for f in feats if f in vocab]
            cols.extend(found)
            rows.extend([row] * len(found))
        ones = numpy.ones(len(cols), dtype=numpy.float32)
        matrix = csr_matrix((ones, (rows, cols)), shape=(len(feature_lists), len(vocab)))
        matrix.sum_duplicates()
        data = (1.0 + numpy.log(matrix.data)) * self.idf[matrix.indices]
        lengths = numpy.diff(matrix.indptr)
        row_of = numpy.repeat(numpy.arange(len(lengths)), lengths)
        norms = numpy.sqrt(numpy.bincount(row_of, weights=data * data, minlength=len(lengths)))
        norms[norms == 0] = 1.0
        matrix.data = (data / numpy.repeat(norms, lengths)).astype(numpy.float32)
        return matrix

    def predict_proba(self, feature_lists: list[list[str]]) -> numpy.ndarray:
        if not feature_lists:
            return numpy.zeros((0, len(self.items)))
        logits = self.vectorise(feature_lists) @ self.coef.T + self.intercept
        return 1.0 / (1.0 + numpy.exp(-logits))

    def enabled_set(self) -> frozenset[str]:
        return frozenset(self.enabled_items)

    def predict_doc(self, doc: Doc) -> list[tuple[Span, dict[str, float]]]:
        """Per sentence, the probability of each item (only items above their threshold)."""
        sentences = doc_sentences(doc)
        probs = self.predict_proba([f for _, f in sentences])
        out = []
        for (sent, _), row in zip(sentences, probs):
            hits = {item: float(p) for item, p in zip(self.items, row) if p >= self.thresholds.get(item, 0.5)}
            out.append((sent, hits))
        return out

    def to_json(self) -> str:
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return json.dumps({
            "format": FORMAT,
            "items": self.items,
            "features": terms,
            "idf": [round(float(v), 5) for v in self.idf],
            "coef": [[round(float(v), 5) for v in row] for row in self.coef],
            "intercept": [round(float(v), 5) for v in self.intercept],
            "thresholds": self.thresholds,
            "enabled_items": self.enabled_items,
            "metrics": self.metrics,
        }, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ChecklistModel:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"not an analyser checklist model (format {data.get('format')!r})")
        return cls(
            items=data["items"],
            vocabulary={term: i for i, term in enumerate(data["features"])},
            idf=numpy.asarray(data["idf"], dtype=numpy.float32),
            coef=numpy.asarray(data["coef"], dtype=numpy.float32),
            intercept=numpy.asarray(data["intercept"], dtype=numpy.float32),
            thresholds=data.get("thresholds", {}),
            enabled_items=data.get("enabled_items", []),
            metrics=data.get("metrics", {}),
        )


def model_available(path: Path | None = None) -> bool:
    return (path or _default_path()).is_file()


@cache
def _default_path() -> Path:
    return default_model_path()


def enabled_items_set() -> frozenset[str]:
    """Items the checklist may consult the model for (empty without a model)."""
    model = load_model()
    return model.enabled_set() if model is not None else frozenset()


@cache
def load_model(path: str | None = None) -> ChecklistModel | None:
    target = Path(path) if path else default_model_path()
    if not target.is_file():
        return None
    return ChecklistModel.from_json(target.read_text(encoding="utf-8"))


@cache
def _text_nlp():
    """Tokeniser and lookup lemmas for classifying bare sentence texts (no heading context)."""
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("analyser_lemmas")
    return nlp


def text_features(text: str, heading: str | None = None) -> list[str]:
    doc = _text_nlp()(text)
    return sentence_features(doc[:], heading)


def predict(sentences: list[str], headings: list[str | None] | None = None) -> list[dict[str, float]]:
    """The checklist's model seam: per sentence text, probabilities of the model's *enabled* items
    (those where it helped in evaluation); empty dicts without a model."""
    model = load_model()
    if model is None or not sentences:
        return [{} for _ in sentences]
    heads = headings or [None] * len(sentences)
    probs = model.predict_proba([text_features(t, h) for t, h in zip(sentences, heads)])
    enabled = [(k, item) for k, item in enumerate(model.items) if item in model.enabled_items]
    return [{item: float(row[k]) for k, item in enabled} for row in probs]


def predict_spans(doc: Doc, offsets: list[tuple[int, int]]) -> list[dict[str, float]]:
    """Like `predict`, for sentences of an analysed Doc given as character offsets: reuses the Doc's
    tokens and lemmas (no second tokenisation) and adds each sentence's heading as context."""
    model = load_model()
    if model is None or not offsets:
        return [{} for _ in offsets]
    probs = _probabilities(doc, model, offsets)
    enabled = [(k, item) for k, item in enumerate(model.items) if item in model.enabled_items]
    return [{item: float(row[k]) for k, item in enabled} for row in probs]


def _probabilities(doc: Doc, model: ChecklistModel, offsets: list[tuple[int, int]]) -> list[numpy.ndarray]:
    """All items' probabilities per sentence, cached on the Doc so the checklist and the section topics
    share one pass."""
    cache: dict[tuple[int, int], numpy.ndarray] = doc.user_data.setdefault("analyser_model_probs", {})
    todo = [o for o in offsets if o not in cache]
    if todo:
        feats = doc_features(doc, todo)
        for offset, row in zip(todo, model.predict_proba(feats)):
            cache[offset] = row
    return [cache[o] for o in offsets]


@Language.factory("analyser_model_topics", default_config={"use_model": True, "min_share": 0.5})
def make_model_topics(nlp: Language, name: str, use_model: bool, min_share: float):
    """Gives topics to the sections whose heading gave none: the items the classifier assigns to at
    least ``min_share`` of the section's sentences."""

    def component(doc: Doc) -> Doc:
        model = load_model() if use_model else None
        sections = [s for s in doc._.sections or [] if s.heading and not s.topics]
        if model is None or not sections:
            return doc
        cached = doc.user_data.get("analyser_model_probs")
        candidates = list(cached) if cached else sentence_offsets(doc)
        per_section = [[o for o in candidates if section.start <= o[0] < section.end] for section in sections]
        wanted = [o for offsets in per_section for o in offsets]
        if not wanted:
            return doc
        rows = dict(zip(wanted, _probabilities(doc, model, wanted)))
        thresholds = numpy.asarray([model.thresholds.get(i, 0.5) for i in model.items])
        for section, offsets in zip(sections, per_section):
            if offsets:
                share = (numpy.vstack([rows[o] for o in offsets]) >= thresholds).mean(axis=0)
                section.topics = [item for k, item in enumerate(model.items) if share[k] >= min_share]
        return doc

    return component
