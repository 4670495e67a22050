"""The one place that knows the order of the stages.

``get_nlp()`` builds the spaCy pipeline once per process (and per option set) and caches it:
``spacy.blank("nl")`` → sentence starts → lookup lemmas (spacy-lookups-data) → sections → document date →
data categories → retention → third parties → legal bases → checklist → model topics → findings.
Every stage is a registered factory; its results live on ``Doc`` extensions (`extensions.py`).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from . import checklist, findings, model, segment  # noqa: F401  (register the factories)
from .extract import categories, document_date, legal_bases, parties, retention  # noqa: F401

STAGES = [
    "analyser_sections",
    "analyser_document_date",
    "analyser_data_categories",
    "analyser_retention",
    "analyser_third_parties",
    "analyser_legal_bases",
    "analyser_checklist",
    "analyser_model_topics",
    "analyser_findings",
]


@lru_cache(maxsize=4)
def get_nlp(use_model: bool = True) -> Language:
    """The analysis pipeline; ``use_model=False`` runs the checklist on rules alone."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("analyser_sentences")
    nlp.add_pipe("analyser_lemmas")
    for name in STAGES:
        config = {"use_model": use_model} if name in ("analyser_checklist", "analyser_model_topics") else {}
        nlp.add_pipe(name, config=config)
    nlp.initialize()
    return nlp


def warm_up(use_model: bool = True) -> None:
    """Build the pipeline and analyse a short bundled statement once, so that the lazily loaded tables and
    per-process caches are filled: a parent process does this before it forks its workers, which then
    share the result instead of each paying for it."""
    from pathlib import Path

    from .api import analyse_loaded
    from .loading import load_text

    text = (Path(__file__).parent / "data" / "warm_up.txt").read_text(encoding="utf-8")
    analyse_loaded(load_text(text, doc_id="warm-up"), use_model=use_model)
