"""PLACEHOLDER: the statement's version / last-updated date (filled in with the findings)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401


@Language.factory("analyser_document_date", default_config={})
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.last_updated = None
        return doc

    return component
