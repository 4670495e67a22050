"""Which language a statement is in, from the share of common function words.

A statistical language identifier is more than this job needs: privacy statements are long, and
the frequency of a few dozen function words separates Dutch from English, German and French
reliably (Dutch shares few of its commonest words with them: "het", "een", "wij", "gegevens").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any

import numpy

_WORDS = re.compile(r"[a-zà-ÿ]+")

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset("de het een en van in is dat op te zijn voor met niet aan er ook wij we je uw u jouw "
                    "onze worden wordt deze die als bij door kunnen naar om gegevens persoonsgegevens hebben".split()),
    "en": frozenset("the and of to in is that for with not on we you your our are be by this as or "
                    "data personal will may can from have which".split()),
    "de": frozenset("der die das und ist nicht zu den mit von wir sie ihre ihr sind auf für ein eine "
                    "daten personenbezogenen werden wird dass auch".split()),
    "fr": frozenset("le la les et des est que pour dans pas nous vous vos sont une du sur par au "
                    "données personnelles avec ce qui être".split()),
}


def language_scores(text: str, sample: int = 20000) -> dict[str, float]:
    """Per language, the share of the first ``sample`` characters' words that are its function words."""
    words = _WORDS.findall(text[:sample].lower())
    if not words:
        return {lang: 0.0 for lang in FUNCTION_WORDS}
    counts = Counter(words)
    return {lang: round(sum(counts[w] for w in vocab if w in counts) / len(words), 4)
            for lang, vocab in FUNCTION_WORDS.items()}


_LANGS = tuple(FUNCTION_WORDS)
# A form's counts are packed 16 bits each, four to an int: its words, then per language its function words. A
# form counts at most 255 words and a word takes two characters, so the sums over the tokens of a sample
# (at most ``sample`` characters plus a last token) stay below 2**16 and a document's totals are the
# fields of one sum per int.
_FIELDS = ("words", *_LANGS)
_PER_INT = 4


def _form_counts(form: str, fields: tuple[str, ...]) -> int:
    """Some of a lower-case token's counts (`_FIELDS`), packed 16 bits each."""
    words = _WORDS.findall(form)
    packed = 0
    for k, field in enumerate(fields):
        count = len(words) if field == "words" else sum(w in FUNCTION_WORDS[field] for w in words)
        packed |= min(count, 255) << (16 * k)
    return packed


def token_language_scores(lower_ids: numpy.ndarray, idx: numpy.ndarray, sample: int = 20000) -> dict[str, float]:
    """`language_scores` from a Doc's tokens (`tokens.TokenView`): the words of each distinct lower-case form
    are counted once per process, so a document costs a few array steps. The same shares as the text-based
    function, except where a word runs across a token boundary (rare: the tokeniser splits at punctuation)."""
    from .tokens import LOWER_FORMS, FormValues

    if not _COUNTS:
        for first in range(0, len(_FIELDS), _PER_INT):
            fields = _FIELDS[first:first + _PER_INT]
            _COUNTS.append(FormValues(LOWER_FORMS, lambda form, fields=fields: _form_counts(form, fields), "uint64"))
    ids = lower_ids[:idx.searchsorted(sample)]
    totals = []
    for counts in _COUNTS:
        packed = int(counts.of(ids).sum())
        totals.extend((packed >> (16 * k)) & 0xFFFF for k in range(_PER_INT))
    if not totals[0]:
        return {lang: 0.0 for lang in FUNCTION_WORDS}
    return {lang: round(totals[k] / totals[0], 4) for k, lang in enumerate(_LANGS, start=1)}


_COUNTS: list = []  # FormValues of the packed counts, `_PER_INT` fields each


def detect_language(text: str, scores: dict[str, float] | None = None) -> str:
    """ISO 639-1 code of the most likely language, or "und" when the text gives too little to tell
    (``scores``: the text's `language_scores`, when already computed)."""
    scores = scores or language_scores(text)
    best = max(scores, key=scores.__getitem__)
    if scores[best] < 0.08:
        return "und"
    # Dutch and English share "in", "is", "we": require a clear margin before leaving Dutch
    if best != "nl" and scores["nl"] >= scores[best] * 0.9:
        return "nl"
    return best


@cache
def dutch_lookups() -> dict[str, Any]:
    """The Dutch tables of spacy-lookups-data as plain dicts, read once per process and shared by the
    lemmatiser and the third-party word guard: ``lemma_lookup`` (form → lemma) and ``lemma_index``
    (part of speech → lemmas)."""
    from spacy.util import load_language_data, registry

    if "nl" not in registry.lookups:
        raise RuntimeError("spacy-lookups-data is not installed: the Dutch lemma tables are missing")
    paths = registry.lookups.get("nl")
    return {name: load_language_data(paths[name]) for name in ("lemma_lookup", "lemma_index")}
