"""One shared token view per Doc, and per-process tables of facts about word forms.

Every stage reads the same few token attributes (the text, its lower-case form, the character
offset, the sentence starts, the lemma). ``tokens(doc)`` reads them from the Doc in one array call
and keeps them in ``doc.user_data``; the sentence and lemma stages add what they compute, so no
later stage asks spaCy for an attribute again.

Stages also classify word forms (does this word trigger a checklist cue? is it a sentence end?).
A form is classified once per process, not once per token: ``FormIndex`` numbers every distinct
word form it has seen (one ``searchsorted`` per document turns a token array into dense form
numbers, ``TokenView.orth_ids`` / ``lower_ids``), and a ``FormValues`` holds one stage's value per
form number in a numpy array, so a document's values are one ``take``. Only forms never seen
before are classified in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import IDX, LOWER, ORTH, SPACY
from spacy.tokens import Doc

_KEY = "analyser_tokens"


class FormIndex:
    """Dense numbers for word forms (by string hash), assigned in order of first sight, kept per process. The
    forms' texts are kept too, so values can be computed for them whichever pipeline's StringStore saw them."""

    def __init__(self) -> None:
        self.texts: list[str] = []  # form number → text
        self._sorted = numpy.zeros(0, dtype="uint64")  # the hashes, sorted
        self._ids = numpy.zeros(0, dtype="int64")  # the form number of each sorted hash

    def __len__(self) -> int:
        return len(self.texts)

    def ids(self, keys: numpy.ndarray, strings: Any) -> numpy.ndarray:
        """The form number of every hash in ``keys``; unseen hashes are numbered first (their texts are read
        from ``strings``, the StringStore of the Doc the keys come from)."""
        if not len(keys):
            return numpy.zeros(0, dtype="int64")
        pos = self._sorted.searchsorted(keys)
        if not len(self._sorted) or not (self._sorted.take(pos, mode="clip") == keys).all():
            self._learn(keys, strings)
            pos = self._sorted.searchsorted(keys)
        return self._ids.take(pos)

    def _learn(self, keys: numpy.ndarray, strings: Any) -> None:
        new = numpy.setdiff1d(keys, self._sorted)
        first = len(self.texts)
        self.texts.extend(strings[h] for h in new.tolist())
        hashes = numpy.concatenate([self._sorted, new.astype("uint64")])
        ids = numpy.concatenate([self._ids, numpy.arange(first, first + len(new), dtype="int64")])
        order = numpy.argsort(hashes, kind="stable")
        self._sorted, self._ids = hashes[order], ids[order]


ORTH_FORMS = FormIndex()  # token texts
LOWER_FORMS = FormIndex()  # lower-cased token texts


class FormValues:
    """One value per form number of a `FormIndex`: ``value(text)`` is called once per form, the first time a
    document holds it; ``of(ids)`` gives the values of a document's tokens in one step."""

    def __init__(self, index: FormIndex, value: Callable[[str], Any], dtype: str) -> None:
        self.index = index
        self.value = value
        self.dtype = dtype
        self.values = numpy.zeros(0, dtype=dtype)

    def of(self, ids: numpy.ndarray) -> numpy.ndarray:
        if len(self.values) < len(self.index):
            texts = self.index.texts[len(self.values):]
            new = numpy.fromiter(map(self.value, texts), dtype=self.dtype, count=len(texts))
            self.values = numpy.concatenate([self.values, new])
        return self.values.take(ids)


class TokenView:
    """The token arrays of one Doc (see the module docstring). ``sentence_starts`` (character offsets)
    and ``lemma`` (hashes) are filled in by the sentence and lemma stages."""

    __slots__ = (
        "idx",
        "lemma",
        "lower",
        "lower_ids",
        "orth",
        "orth_ids",
        "sent_start",
        "sentence_starts",
        "spacy",
    )

    def __init__(self, doc: Doc) -> None:
        if len(doc):
            arr = doc.to_array([ORTH, LOWER, IDX, SPACY])
            self.orth, self.lower = arr[:, 0], arr[:, 1]
            self.idx = arr[:, 2].astype("int64")
            self.spacy = arr[:, 3].astype(bool)
        else:
            self.orth = self.lower = numpy.zeros(0, dtype="uint64")
            self.idx = numpy.zeros(0, dtype="int64")
            self.spacy = numpy.zeros(0, dtype=bool)
        strings = doc.vocab.strings
        self.orth_ids = ORTH_FORMS.ids(self.orth, strings)
        self.lower_ids = LOWER_FORMS.ids(self.lower, strings)
        self.sent_start: numpy.ndarray | None = None  # bool per token, from the sentence stage
        self.sentence_starts: list[int] | None = None
        self.lemma: numpy.ndarray | None = None


def tokens(doc: Doc) -> TokenView:
    """The Doc's shared token view, built on first use."""
    view = doc.user_data.get(_KEY)
    if view is None:
        view = doc.user_data[_KEY] = TokenView(doc)
    return view
