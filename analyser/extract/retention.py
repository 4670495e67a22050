"""PLACEHOLDER: filled in by the extraction issue."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401


@Language.factory("analyser_retention", default_config={})
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.retention_periods = []
        return doc

    return component
