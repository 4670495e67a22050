"""PLACEHOLDER: filled in by the checklist issue."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401
from .data import vocabulary
from .report import ChecklistItem, Score


@Language.factory("analyser_checklist", default_config={"use_model": True})
def make_checklist(nlp: Language, name: str, use_model: bool):
    def component(doc: Doc) -> Doc:
        doc._.checklist = [ChecklistItem(c["id"], c["article"], "absent", required=c["required"])
                           for c in vocabulary()["checklist"]]
        doc._.score = Score(0.0)
        return doc

    return component
