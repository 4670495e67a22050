"""PLACEHOLDER: filled in by the checklist issue."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401
from .report import Finding


@Language.factory("analyser_findings", default_config={})
def make_findings(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        found: list[Finding] = []
        if doc._.language != "nl":
            found.append(Finding("language_not_dutch", "high",
                                 f"The statement appears to be in '{doc._.language}'; the analyser is built for "
                                 "Dutch, so its results for this text are unreliable."))
        doc._.findings = found
        return doc

    return component
