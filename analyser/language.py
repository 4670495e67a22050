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


def _form_counts(form: str) -> int:
    """A lower-case token's words and, per language, its function words, packed 8 bits each (see
    `token_language_scores`)."""
    words = _WORDS.findall(form)
    packed = min(len(words), 255)
    for k, lang in enumerate(_LANGS, start=1):
        packed |= min(sum(w in FUNCTION_WORDS[lang] for w in words), 255) << (8 * k)
    return packed


def token_language_scores(lower_ids: numpy.ndarray, idx: numpy.ndarray, sample: int = 20000) -> dict[str, float]:
    """`language_scores` from a Doc's tokens (`tokens.TokenView`): the words of each distinct lower-case form
    are counted once per process, so a document costs a few array steps. The same shares as the text-based
    function, except where a word runs across a token boundary (rare: the tokeniser splits at punctuation)."""
    from .tokens import LOWER_FORMS, FormValues

    global _COUNTS
    if _COUNTS is None:
        _COUNTS = FormValues(LOWER_FORMS, _form_counts, "int64")
    packed = _COUNTS.of(lower_ids[:numpy.searchsorted(idx, sample)])
    totals = [int(((packed >> (8 * k)) & 255).sum()) for k in range(len(_LANGS) + 1)]
    if not totals[0]:
        return {lang: 0.0 for lang in FUNCTION_WORDS}
    return {lang: round(totals[k] / totals[0], 4) for k, lang in enumerate(_LANGS, start=1)}


_COUNTS = None


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
