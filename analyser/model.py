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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import chain, pairwise
from operator import le
from pathlib import Path

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM
from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.lang.nl import Dutch
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .extensions import doc_text
from .segment import section_at
from .tokens import LOWER_FORMS, ORTH_FORMS, FormValues, tokens

_LETTER = re.compile(r"[^\W\d_]")

MODEL_ENV = "ANALYSER_MODEL"
FORMAT = "analyser-checklist-logreg/1"


def default_model_path() -> Path:
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / "models" / "checklist_model.json"


# ---------------------------------------------------------------------------- features


_NUM_KEY = numpy.uint64(get_string_id("<num>"))


# what the pipeline's Vocab computes for a word form (spaCy's create_vocab: the base getters, then Dutch's)
_LEX_GETTERS = {**LEX_ATTRS, **Dutch.Defaults.lex_attr_getters}
_SKIP = 1  # punctuation or whitespace: no feature
_NUM = 2  # like a number: the feature "<num>"
_HAS_LETTER = 4  # holds a letter: a sentence with one is worth classifying


def _form_kind(form: str) -> int:
    """The bits above that hold for one token text (IS_PUNCT, IS_SPACE and LIKE_NUM as in the Vocab)."""
    return (_SKIP * bool(_LEX_GETTERS[IS_PUNCT](form) or _LEX_GETTERS[IS_SPACE](form))
            | _NUM * bool(_LEX_GETTERS[LIKE_NUM](form)) | _HAS_LETTER * bool(_LETTER.search(form)))


def _form_facts(form: str) -> int:
    """`_form_kind` in the low three bits, the length of the token text above them."""
    return _form_kind(form) | len(form) << 3


_FORM_FACTS = FormValues(ORTH_FORMS, _form_facts, "int64")
_DOC_KEY = "analyser_model_tokens"


class _DocTokens:
    """What the classifier reads of one Doc's tokens, from the shared token view: every token's `_form_kind` bits
    and length, and of the words (tokens that are not punctuation or space) their character offsets, lower-case
    form numbers, lemmas and "<num>" flags; per `_HashIndex`, the words' unigram columns and bigram columns.
    Kept in ``doc.user_data`` (the checklist and the section topics classify sentences of the same Doc) while
    the view's lemma array is the one it was built from."""

    __slots__ = ("facts", "features", "idx", "lemma", "lemmas", "lower_ids", "num", "sentences")

    def __init__(self, doc: Doc) -> None:
        view = tokens(doc)
        self.lemma = view.lemma
        lemmas = view.lemma if view.lemma is not None else doc.to_array(LEMMA)
        self.facts = _FORM_FACTS.of(view.orth_ids)
        keep = numpy.flatnonzero((self.facts & _SKIP) == 0)
        self.idx = view.idx.take(keep)
        self.lower_ids = view.lower_ids.take(keep)
        self.lemmas = lemmas.take(keep)
        self.num = (self.facts.take(keep) & _NUM) != 0
        self.features: tuple[_HashIndex, numpy.ndarray, numpy.ndarray, numpy.ndarray] | None = None
        self.sentences: list[tuple[int, int]] | None = None

    def occurrences(self, index: _HashIndex) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """The feature occurrences of the words under ``index``'s vocabulary, as (first word, last word, column):
        a unigram is one word (first = last), a bigram two neighbouring words."""
        if self.features is None or self.features[0] is not index:
            cols, lefts, rights = index.token_features(self.lower_ids, self.lemmas, self.num)
            pair_cols = index.pairs(lefts, rights)
            unigrams = numpy.flatnonzero(cols >= 0)
            pairs = numpy.flatnonzero(pair_cols >= 0)
            self.features = (index, numpy.concatenate([unigrams, pairs]), numpy.concatenate([unigrams, pairs + 1]),
                             numpy.concatenate([cols.take(unigrams), pair_cols.take(pairs)]))
        return self.features[1:]


def _doc_tokens(doc: Doc) -> _DocTokens:
    """The Doc's `_DocTokens`, built when missing or when its lemmas changed (not kept without a lemma stage)."""
    got = doc.user_data.get(_DOC_KEY)
    lemma = tokens(doc).lemma
    if got is None or got.lemma is not lemma:
        got = _DocTokens(doc)
        if lemma is not None:
            doc.user_data[_DOC_KEY] = got
    return got


def _sections(doc: Doc) -> list:
    """``doc._.sections or []``, read from ``doc.user_data`` where the extension keeps it (no accessor object)."""
    return doc.user_data.get(("._.", "sections", None, None)) or []


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
    words_of = _doc_tokens(doc)
    kept_idx, keys, num = words_of.idx, words_of.lemmas, words_of.num
    strings = doc.vocab.strings
    names = {h: strings[h] for h in numpy.unique(keys[~num]).tolist()}
    names[int(_NUM_KEY)] = "<num>"
    words = [names[h] for h in numpy.where(num, _NUM_KEY, keys).tolist()]
    bounds = numpy.asarray(offsets, dtype=numpy.int64).reshape(-1, 2)
    cuts = numpy.searchsorted(kept_idx, bounds, "left").tolist()
    return [words[i0:i1] for i0, i1 in cuts]


def doc_features(doc: Doc, offsets: list[tuple[int, int]]) -> list[list[str]]:
    """Features of many sentences of one analysed Doc, each with the heading of its section."""
    sections = _sections(doc)
    feats = []
    for (start, _), words in zip(offsets, _words(doc, offsets)):
        section = section_at(sections, start)
        feats.append(words_features(words, section.heading if section else None))
    return feats


def sentence_offsets(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the sentences worth classifying (holding at least one letter)."""
    view = tokens(doc)
    if view.sent_start is None or not len(doc):  # no sentence stage: spaCy's sentences
        text = doc_text(doc)
        return [(s.start_char, s.end_char) for s in doc.sents if _LETTER.search(text, s.start_char, s.end_char)]
    words_of = _doc_tokens(doc)
    if words_of.sentences is None:
        facts = words_of.facts
        first = numpy.flatnonzero(view.sent_start)
        last = numpy.append(first[1:], len(doc)) - 1
        lettered = numpy.logical_or.reduceat((facts & _HAS_LETTER) != 0, first)
        first, last = first[lettered], last[lettered]
        ends = view.idx.take(last) + (facts.take(last) >> 3)
        words_of.sentences = list(zip(view.idx.take(first).tolist(), ends.tolist()))
    return list(words_of.sentences)


def doc_sentences(doc: Doc) -> list[tuple[Span, list[str]]]:
    """Every sentence with text worth classifying, with its features."""
    offsets = sentence_offsets(doc)
    spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in offsets]
    return list(zip(spans, doc_features(doc, offsets)))


def _heading_keys(sections: list, starts: list[int], rows: Sequence[int],
                  heading_cols: Callable[[str], tuple[int, ...]], width: int) -> list[int]:
    """The ``h=`` features of the sentences starting at ``starts`` (ascending; ``rows`` holds their rows) as keys
    row × width + column: those of the heading of the section holding the start (as `section_at` finds it: the
    last section starting at or before it, if it does not end before it)."""
    keys: list[int] = []
    stop = len(starts)
    for section in reversed(sections or ()):  # a section's sentences end where the next section's begin
        if not stop:
            break
        first = bisect_left(starts, section.start, 0, stop)
        if first < stop and section.heading:
            cols = heading_cols(section.heading)
            if cols:
                for row in rows[first:bisect_right(starts, section.end, first, stop)]:
                    keys += [row * width + col for col in cols]
        stop = first
    return keys


class _HashIndex:
    """A vocabulary's features by lemma hash, for array lookups: the sorted hashes of its terms with their
    columns (unigrams), a dense table of its bigrams by the numbers of their two lemmas (the lemmas that start a
    bigram, and those that end one, numbered in hash order), the ``h=`` columns of a heading (cached), and the
    same facts per lower-case form (`_FormFeatures`)."""

    def __init__(self, vocabulary: dict[str, int]) -> None:
        bigrams: list[tuple[int, int, int]] = []  # (hash of the left lemma, hash of the right one, column)
        for term, col in vocabulary.items():
            for cut in (m.start() for m in re.finditer("_", term)):
                if 0 < cut < len(term) - 1:
                    bigrams.append((get_string_id(term[:cut]), get_string_id(term[cut + 1:]), col))
        hashes = numpy.fromiter(map(get_string_id, vocabulary), dtype=numpy.uint64, count=len(vocabulary))
        order = numpy.argsort(hashes, kind="stable")
        self.keys = hashes[order]
        self.key_cols = numpy.fromiter(vocabulary.values(), dtype=numpy.int64, count=len(vocabulary))[order]
        self.lefts = numpy.unique(numpy.asarray([b[0] for b in bigrams], dtype=numpy.uint64))
        self.rights = numpy.unique(numpy.asarray([b[1] for b in bigrams], dtype=numpy.uint64))
        self.width = len(self.rights) + 1  # a row of the bigram table; the last row and column: no such lemma
        self.bigrams = numpy.full((len(self.lefts) + 1) * self.width, -1, dtype=numpy.int64)
        if bigrams:
            left, right, cols = zip(*bigrams)
            code = (numpy.searchsorted(self.lefts, numpy.asarray(left, dtype=numpy.uint64)) * self.width
                    + numpy.searchsorted(self.rights, numpy.asarray(right, dtype=numpy.uint64)))
            self.bigrams[code] = cols
        self.forms = _FormFeatures(self)

        def heading_cols(heading: str) -> tuple[int, ...]:  # not cached across statements (see benchmarks)
            return tuple(vocabulary[f] for f in words_features([], heading) if f in vocabulary)

        self.heading_cols = heading_cols

    def lookup(self, words: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """Per lemma hash: the column of its unigram feature (-1: none), and its bigram table row and column."""
        return (_find(self.keys, words, self.key_cols, -1),
                _find(self.lefts, words, numpy.arange(len(self.lefts)), len(self.lefts)) * self.width,
                _find(self.rights, words, numpy.arange(len(self.rights)), len(self.rights)))

    def token_features(self, lower_ids: numpy.ndarray, lemmas: numpy.ndarray, num: numpy.ndarray
                       ) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """`lookup` of tokens' words: "<num>" where ``num``, else their lemmas (per form when it can)."""
        words = lower_ids + 1
        if self.forms.learn(words, lemmas):
            found = self.forms.table.take(numpy.where(num, 0, words), axis=0)
            return found[:, 0], found[:, 1], found[:, 2]
        return self.lookup(numpy.where(num, _NUM_KEY, lemmas))

    def pairs(self, lefts: numpy.ndarray, rights: numpy.ndarray) -> numpy.ndarray:
        """The bigram column (-1: none) of each neighbouring pair of tokens with these `lookup` rows, columns."""
        return self.bigrams.take(lefts[:-1] + rights[1:])


def _find(sorted_keys: numpy.ndarray, words: numpy.ndarray, values: numpy.ndarray, missing: int) -> numpy.ndarray:
    """``values`` at the position of each of ``words`` in ``sorted_keys``, ``missing`` where it is not there."""
    if not len(sorted_keys):
        return numpy.full(len(words), missing, dtype=numpy.int64)
    pos = numpy.minimum(numpy.searchsorted(sorted_keys, words), len(sorted_keys) - 1)
    return numpy.where(sorted_keys[pos] == words, values[pos], missing)


class _FormFeatures:
    """`_HashIndex.lookup` per lower-case form instead of per token: the lemma stage gives every form one lemma,
    so a form's lemma and its lookups are learnt the first time a document holds it. Arrays by word number:
    0 is "<num>", 1 + n the form numbered n in `LOWER_FORMS`; ``table`` holds the three lookups as columns."""

    def __init__(self, index: _HashIndex) -> None:
        self.index = index
        self.known = numpy.ones(1, dtype=bool)
        self.lemmas = numpy.asarray([_NUM_KEY], dtype=numpy.uint64)
        self.table = numpy.column_stack(index.lookup(self.lemmas))

    def learn(self, words: numpy.ndarray, lemmas: numpy.ndarray) -> bool:
        """Learn the forms of these word numbers not seen before; False if these lemmas are not the ones learnt
        (lemmas that did not come from the lemma stage), so the tokens must be looked up one by one."""
        if len(self.known) <= len(LOWER_FORMS):
            grow = len(LOWER_FORMS) + 1 - len(self.known)
            self.known = numpy.concatenate([self.known, numpy.zeros(grow, dtype=bool)])
            self.lemmas = numpy.concatenate([self.lemmas, numpy.zeros(grow, dtype=numpy.uint64)])
            self.table = numpy.concatenate([self.table, numpy.zeros((grow, 3), dtype=self.table.dtype)])
        new = ~self.known.take(words)
        if new.any():
            forms, first = numpy.unique(words[new], return_index=True)
            learnt = lemmas[new][first]
            self.lemmas[forms] = learnt
            self.table[forms] = numpy.column_stack(self.index.lookup(learnt))
            self.known[forms] = True
        return bool((self.lemmas.take(words) == lemmas).all())


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
        vocab = self.vocabulary
        rows: list[int] = []
        cols: list[int] = []
        for row, feats in enumerate(feature_lists):
            found = [vocab[f] for f in feats if f in vocab]
            cols.extend(found)
            rows.extend([row] * len(found))
        return self._tfidf(numpy.asarray(rows, dtype=numpy.int64), numpy.asarray(cols, dtype=numpy.int64),
                           len(feature_lists))

    def _tfidf(self, rows: numpy.ndarray, cols: numpy.ndarray, n_rows: int):
        """Counts of (row, feature column) pairs → sublinear, IDF-weighted, L2-normalised CSR rows."""
        from scipy.sparse import csr_matrix

        rows, cols, data = self._weights(rows, cols, n_rows)
        return csr_matrix((data.astype(numpy.float32), (rows, cols)), shape=(n_rows, len(self.vocabulary)))

    def _weights(self, rows: numpy.ndarray, cols: numpy.ndarray, n_rows: int
                 ) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """The TF-IDF entries of (row, column) occurrences, one per distinct pair, sorted by row then column:
        (1 + log count) × idf, each row scaled to unit length (the training recipe)."""
        return self._key_weights(rows * len(self.vocabulary) + cols, n_rows)

    def _key_weights(self, keys: numpy.ndarray, n_rows: int) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """`_weights` of occurrences given as keys row × width + column."""
        keys = numpy.sort(keys)
        if not len(keys):
            return keys, keys, numpy.zeros(0)
        bounds = numpy.flatnonzero(numpy.concatenate(([True], keys[1:] != keys[:-1], [True])))
        first = bounds[:-1]
        rows, cols = numpy.divmod(keys.take(first), len(self.vocabulary))
        data = (1.0 + numpy.log(bounds[1:] - first)) * self.idf.take(cols)
        norms = numpy.sqrt(numpy.bincount(rows, weights=data * data, minlength=n_rows))
        norms[norms == 0] = 1.0
        return rows, cols, data / norms.take(rows)

    def predict_matrix(self, matrix) -> numpy.ndarray:
        if matrix.shape[0] == 0:
            return numpy.zeros((0, len(self.items)))
        logits = matrix @ self.coef.T + self.intercept
        return 1.0 / (1.0 + numpy.exp(-logits))

    def predict_proba(self, feature_lists: list[list[str]]) -> numpy.ndarray:
        if not feature_lists:
            return numpy.zeros((0, len(self.items)))
        return self.predict_matrix(self.vectorise(feature_lists))

    def doc_matrix(self, doc: Doc, offsets: list[tuple[int, int]]):
        """The TF-IDF rows of `doc_features` for sentences of an analysed Doc (a scipy CSR matrix), the same
        matrix as ``vectorise(doc_features(...))``."""
        rows, cols = self._doc_pairs(doc, offsets)
        return self._tfidf(rows, cols, len(offsets))

    def doc_probabilities(self, doc: Doc, offsets: list[tuple[int, int]]) -> numpy.ndarray:
        """``predict_matrix(doc_matrix(doc, offsets))`` in a few numpy steps, without building a sparse matrix:
        what the checklist runs on every document."""
        return self._key_probabilities(self._doc_keys(doc, offsets), len(offsets))

    def _key_probabilities(self, keys: numpy.ndarray, n_rows: int) -> numpy.ndarray:
        """The probabilities (rows × items) of the feature occurrences given as keys row × width + column."""
        coef, intercept = self._coef_by_feature()
        if not len(keys):
            return 1.0 / (1.0 + numpy.exp(-numpy.repeat(intercept, n_rows, axis=0)))
        rows, cols, data = self._key_weights(keys, n_rows)
        weighted = coef.take(cols, axis=0) * data[:, None]  # (entries, items), entries sorted by row
        first = numpy.flatnonzero(numpy.concatenate(([True], rows[1:] != rows[:-1])))
        sums = numpy.add.reduceat(weighted, first, axis=0)
        if len(first) == n_rows:  # every row has features: its sums are the rows in order
            sums += intercept
            logits = sums
        else:
            logits = numpy.repeat(intercept, n_rows, axis=0)
            logits[rows.take(first)] += sums
        return 1.0 / (1.0 + numpy.exp(-logits))

    def _coef_by_feature(self) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The weights as (features, items), C-contiguous (a document's feature columns are gathered as rows),
        and the intercepts as a (1, items) row, both as float64."""
        tables = self.__dict__.get("_coef_t")
        if tables is None:
            tables = self.__dict__["_coef_t"] = (numpy.ascontiguousarray(self.coef.T, dtype=numpy.float64),
                                                 self.intercept.astype(numpy.float64).reshape(1, -1))
        return tables

    def _doc_pairs(self, doc: Doc, offsets: list[tuple[int, int]]) -> tuple[numpy.ndarray, numpy.ndarray]:
        """(row, column) of every feature occurrence in the given sentences (see `_doc_keys`)."""
        return numpy.divmod(self._doc_keys(doc, offsets), len(self.vocabulary))

    def _doc_keys(self, doc: Doc, offsets: list[tuple[int, int]]) -> numpy.ndarray:
        """Every feature occurrence in the given sentences as a key row × width + column, built with array
        operations: the Doc's feature occurrences (`_DocTokens.occurrences`) count for the sentence that holds
        all their words, so no feature string is made."""
        index = self._hash_index()
        if not len(doc) or not offsets:
            return numpy.zeros(0, numpy.int64)
        words_of = _doc_tokens(doc)
        first, last, occ_cols = words_of.occurrences(index)
        starts = [o[0] for o in offsets]
        bounds = numpy.fromiter(chain.from_iterable(offsets), numpy.int64, 2 * len(offsets))
        if all(map(le, starts, starts[1:])):
            order = None
        else:
            order = numpy.argsort(bounds[0::2], kind="stable")
            bounds = bounds.reshape(-1, 2).take(order, axis=0).ravel()
            starts = bounds[0::2].tolist()
        # each word's row: that of the last sentence starting at or before it, -1 if it ends before the word
        slot = numpy.searchsorted(bounds[0::2], words_of.idx, "right") - 1
        inside = (slot >= 0) & (words_of.idx < bounds[1::2].take(slot))
        word_rows = numpy.where(inside, slot if order is None else order.take(slot), -1)
        rows = word_rows.take(first)
        width = len(self.vocabulary)
        keys = (rows * width + occ_cols)[(rows >= 0) & (rows == word_rows.take(last))]
        head = _heading_keys(_sections(doc), starts, range(len(starts)) if order is None else order.tolist(),
                             index.heading_cols, width)
        return numpy.concatenate([keys, numpy.asarray(head, dtype=numpy.int64)]) if head else keys

    def _hash_index(self) -> _HashIndex:
        """The vocabulary's hashes for array lookups (see `_HashIndex`), built once per model."""
        index = self.__dict__.get("_index")
        if index is None:
            index = self.__dict__["_index"] = _HashIndex(self.vocabulary)
        return index

    def threshold_row(self) -> numpy.ndarray:
        """Each item's threshold (0.5 when it has none), in the order of ``items``."""
        row = self.__dict__.get("_threshold_row")
        if row is None:
            row = self.__dict__["_threshold_row"] = numpy.asarray([self.thresholds.get(i, 0.5) for i in self.items])
        return row

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
    enabled = [k for k, item in enumerate(model.items) if item in model.enabled_items]
    names = [model.items[k] for k in enabled]
    return [dict(zip(names, row)) for row in probs[:, enabled].tolist()]


class _DocProbabilities:
    """The probabilities (all items) computed so far for sentences of one Doc: row ``rows[offsets]`` of
    ``matrix``."""

    def __init__(self, n_items: int) -> None:
        self.rows: dict[tuple[int, int], int] = {}
        self.matrix = numpy.zeros((0, n_items))

    def add(self, offsets: list[tuple[int, int]], probs: numpy.ndarray) -> None:
        self.rows.update(zip(offsets, range(len(self.matrix), len(self.matrix) + len(offsets))))
        self.matrix = numpy.concatenate([self.matrix, probs]) if len(self.matrix) else probs

    def of(self, offsets: list[tuple[int, int]]) -> numpy.ndarray:
        rows = self.rows
        return self.matrix.take([rows[o] for o in offsets], axis=0)


def _probabilities(doc: Doc, model: ChecklistModel, offsets: list[tuple[int, int]]) -> numpy.ndarray:
    """All items' probabilities per sentence (a row per offset), kept on the Doc so the checklist and the
    section topics share one pass."""
    known = doc.user_data.get("analyser_model_probs")
    if known is None:
        known = doc.user_data["analyser_model_probs"] = _DocProbabilities(len(model.items))
    if not known.rows:  # the first pass: its rows are the offsets (unless one is given twice)
        probs = model.doc_probabilities(doc, offsets)
        known.add(offsets, probs)
        if len(known.rows) == len(offsets):
            return probs
        return known.of(offsets)
    todo = [o for o in offsets if o not in known.rows]
    if todo:
        known.add(todo, model.doc_probabilities(doc, todo))
    return known.of(offsets)


@Language.factory("analyser_model_topics", default_config={"use_model": True, "min_share": 0.5})
def make_model_topics(nlp: Language, name: str, use_model: bool, min_share: float):
    """Gives topics to the sections whose heading gave none: the items the classifier assigns to at
    least ``min_share`` of the section's sentences."""

    def component(doc: Doc) -> Doc:
        model = load_model() if use_model else None
        sections = [s for s in _sections(doc) if s.heading and not s.topics]
        if model is None or not sections:
            return doc
        known = doc.user_data.get("analyser_model_probs")
        fresh = None if known is not None and known.rows else _fresh_votes(doc, model, sections)
        if fresh is not None:
            held, above = fresh
        else:
            held, above = _known_votes(doc, model, sections, known)
        if not held:
            return doc
        counts = numpy.asarray([n for _, n in held], dtype=numpy.int64)
        first = numpy.cumsum(counts) - counts
        shares = numpy.add.reduceat(above, first, axis=0) / counts[:, None]  # per section, as .mean()
        topics: list[list[str]] = [[] for _ in held]
        items = model.items
        for k, item in numpy.argwhere(shares >= min_share).tolist():
            topics[k].append(items[item])
        for (i, _), chosen in zip(held, topics):
            sections[i].topics = chosen
        return doc

    return component


def _known_votes(doc: Doc, model: ChecklistModel, sections: list, known: _DocProbabilities | None
                 ) -> tuple[list[tuple[int, int]], numpy.ndarray]:
    """The sections holding sentences to classify, as (section number, sentences in it), and per such sentence
    (in that order) whether each item's probability reaches its threshold (1) or not (0). The sentences are
    those the checklist classified, when it did; else `sentence_offsets`."""
    candidates = sorted(known.rows) if known is not None and known.rows else sentence_offsets(doc)
    starts = [o[0] for o in candidates]
    held: list[tuple[int, int]] = []  # (section number, sentences in it)
    wanted: list[tuple[int, int]] = []
    for i, section in enumerate(sections):
        a = bisect_left(starts, section.start)
        b = bisect_left(starts, section.end, a)
        if b > a:
            held.append((i, b - a))
            wanted += candidates[a:b]
    if not wanted:
        return held, numpy.zeros((0, len(model.items)), dtype=numpy.int64)
    return held, (_probabilities(doc, model, wanted) >= model.threshold_row()).astype(numpy.int64)


def _fresh_votes(doc: Doc, model: ChecklistModel, sections: list
                 ) -> tuple[list[tuple[int, int]], numpy.ndarray] | None:
    """`_known_votes` over `sentence_offsets` in fewer steps, on the token arrays: a sentence is a run of
    tokens, so each word's row is its run's, and only the words of the sentences in ``sections`` are looked up.
    None without a sentence stage or when the sections overlap (then `_known_votes` applies)."""
    view = tokens(doc)
    if view.sent_start is None or not len(doc):
        return None
    facts = _FORM_FACTS.of(view.orth_ids)
    runs = numpy.flatnonzero(view.sent_start)  # each sentence's first token
    lettered = numpy.flatnonzero(numpy.logical_or.reduceat((facts & _HAS_LETTER) != 0, runs))
    starts = view.idx.take(runs.take(lettered)).tolist()  # those of `sentence_offsets`
    held: list[tuple[int, int]] = []
    chosen: list[int] = []  # the sentences (numbers in ``starts``) to classify, in order
    for i, section in enumerate(sections):
        a = bisect_left(starts, section.start)
        b = bisect_left(starts, section.end, a)
        if b > a:
            if chosen and a <= chosen[-1]:
                return None
            held.append((i, b - a))
            chosen += range(a, b)
    n_rows = len(chosen)
    if not n_rows:
        return held, numpy.zeros((0, len(model.items)), dtype=numpy.int64)
    run_rows = numpy.full(len(runs) + 1, -1, dtype=numpy.int64)  # the last: tokens before the first run
    run_rows[lettered.take(chosen)] = numpy.arange(n_rows)
    token_rows = run_rows.take(numpy.cumsum(view.sent_start) - 1)
    picked = numpy.flatnonzero((token_rows >= 0) & ((facts & _SKIP) == 0))  # the words of those sentences
    rows = token_rows.take(picked)
    lemmas = view.lemma if view.lemma is not None else doc.to_array(LEMMA)
    index = model._hash_index()
    cols, lefts, rights = index.token_features(view.lower_ids.take(picked), lemmas.take(picked),
                                               (facts.take(picked) & _NUM) != 0)
    pair_cols = index.pairs(lefts, rights)  # the picked words of one sentence are neighbours in the Doc too
    width = len(model.vocabulary)
    keys = [(rows * width + cols)[cols >= 0],
            (rows[:-1] * width + pair_cols)[(pair_cols >= 0) & (rows[:-1] == rows[1:])]]
    head = _held_heading_keys(_sections(doc), sections, held, index.heading_cols, width)
    if head is None:
        head = _heading_keys(_sections(doc), [starts[k] for k in chosen], range(n_rows), index.heading_cols, width)
    if head:
        keys.append(numpy.asarray(head, dtype=numpy.int64))
    return held, (model._key_probabilities(numpy.concatenate(keys), n_rows) >= model.threshold_row()
                  ).astype(numpy.int64)


def _held_heading_keys(all_sections: list, sections: list, held: list[tuple[int, int]],
                       heading_cols: Callable[[str], tuple[int, ...]], width: int) -> list[int] | None:
    """`_heading_keys` of the rows of `_fresh_votes`, when the Doc's sections follow one another (each ends
    before the next starts): then a sentence starting in a section stands under that section's heading. None
    when they do not."""
    if any(a.start >= b.start or a.end >= b.start for a, b in pairwise(all_sections)):
        return None
    keys: list[int] = []
    row = 0
    for i, n in held:
        cols = heading_cols(sections[i].heading)
        if cols:
            keys += [r * width + col for r in range(row, row + n) for col in cols]
        row += n
    return keys
