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
import math
import os
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .segment import section_at

MODEL_ENV = "ANALYSER_MODEL"
FORMAT = "analyser-checklist-logreg/1"


def default_model_path() -> Path:
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / "models" / "checklist_model.json"


# ---------------------------------------------------------------------------- features


def sentence_features(sent: Span, heading: str | None) -> list[str]:
    """Lemma unigrams and bigrams of a sentence, plus its section heading's words as ``h=`` features."""
    words = []
    for token in sent:
        if token.is_space or token.is_punct:
            continue
        if token.like_num:
            words.append("<num>")
        else:
            words.append(token.lemma_.lower())
    feats = list(words)
    feats += [f"{a}_{b}" for a, b in pairwise(words)]
    if heading:
        feats += ["h=" + w for w in heading.lower().split() if w.isalpha() and len(w) > 2]
    return feats


def doc_sentences(doc: Doc) -> list[tuple[Span, list[str]]]:
    """Every sentence with text worth classifying, with its features."""
    sections = doc._.sections or []
    out = []
    for sent in doc.sents:
        if not any(t.is_alpha for t in sent):
            continue
        section = section_at(sections, sent.start_char)
        heading = section.heading if section else None
        out.append((sent, sentence_features(sent, heading)))
    return out


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

        indptr, indices, data = [0], [], []
        for feats in feature_lists:
            counts = Counter(self.vocabulary[f] for f in feats if f in self.vocabulary)
            row = [(col, (1.0 + math.log(n)) * float(self.idf[col])) for col, n in counts.items()]
            norm = math.sqrt(sum(v * v for _, v in row)) or 1.0
            indices.extend(col for col, _ in row)
            data.extend(v / norm for _, v in row)
            indptr.append(len(indices))
        return csr_matrix((numpy.asarray(data, dtype=numpy.float32), indices, indptr),
                          shape=(len(feature_lists), len(self.vocabulary)))

    def predict_proba(self, feature_lists: list[list[str]]) -> numpy.ndarray:
        if not feature_lists:
            return numpy.zeros((0, len(self.items)))
        logits = self.vectorise(feature_lists) @ self.coef.T + self.intercept
        return 1.0 / (1.0 + numpy.exp(-logits))

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
    return (path or default_model_path()).is_file()


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
        sections = doc._.sections or []
        feats = []
        for start, end in todo:
            span = doc.char_span(start, end, alignment_mode="expand")
            section = section_at(sections, start)
            feats.append(sentence_features(span, section.heading if section else None) if span is not None else [])
        for offset, row in zip(todo, model.predict_proba(feats)):
            cache[offset] = row
    return [cache[o] for o in offsets]


@Language.factory("analyser_model_topics", default_config={"use_model": True, "min_share": 0.5})
def make_model_topics(nlp: Language, name: str, use_model: bool, min_share: float):
    """Adds to ``sections[].topics`` the items the classifier assigns to at least ``min_share`` of a
    section's sentences (the heading cues give the rest)."""

    def component(doc: Doc) -> Doc:
        model = load_model() if use_model else None
        sections = doc._.sections or []
        if model is None or not sections:
            return doc
        starts = [s.start for s in sections]
        offsets = [(s.start_char, s.end_char) for s in doc.sents if any(t.is_alpha for t in s)]
        counts: dict[int, Counter] = {}
        totals: Counter = Counter()
        for (start, _), row in zip(offsets, _probabilities(doc, model, offsets)):
            idx = bisect_right(starts, start) - 1
            if idx < 0:
                continue
            totals[idx] += 1
            counts.setdefault(idx, Counter()).update(
                item for k, item in enumerate(model.items) if row[k] >= model.thresholds.get(item, 0.5))
        for idx, found in counts.items():
            section = sections[idx]
            extra = [item for item, n in found.items() if n / totals[idx] >= min_share and item not in section.topics]
            section.topics = section.topics + sorted(extra)
        return doc

    return component
