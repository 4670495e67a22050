"""The Doc extensions every stage reads or writes; registered once, here.

Results live on the Doc as typed dataclasses (`analyser.report`) and, for every span-shaped
result, in ``doc.spans[<name>]`` with the id as the span label, so spaCy tooling (displaCy,
span rulers) can show them.
"""

from __future__ import annotations

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

EXTENSIONS: dict[str, object] = {
    "doc_id": "document",
    "source": None,
    "format": "txt",
    "language": "nl",
    "language_scores": None,  # {"nl": 0.41, "en": 0.02, ...}
    "heading_hints": None,  # list[loading.HeadingHint] from markup
    "toc": None,  # (start, end) of a table of contents kept out of the sections
    "sections": None,  # list[report.Section]
    "data_categories": None,  # list[report.DataCategory]
    "retention_periods": None,  # list[report.RetentionPeriod]
    "third_parties": None,  # list[report.ThirdParty]
    "legal_bases": None,  # list[report.LegalBasis]
    "last_updated": None,  # ISO date string of the version / last-updated date, if stated
    "checklist": None,  # list[report.ChecklistItem]
    "score": None,  # report.Score
    "findings": None,  # list[report.Finding]
}


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("analyser_text")
    if text is None:
        text = doc.text
        doc.user_data["analyser_text"] = text
    return text


def sentence_starts(doc: Doc) -> list[int]:
    """Char offsets of the Doc's sentences, computed once per Doc and kept in ``doc.user_data`` (the data
    categories store the same list from their own token array), so whichever stage comes first does the work."""
    starts = doc.user_data.get("analyser_sentence_starts")
    if starts is None:
        starts = [0]
        if len(doc):
            arr = doc.to_array([IDX, SENT_START])
            starts = arr[arr[:, 1] == 1, 0].astype("int64").tolist()
            if not starts or starts[0] != 0:
                starts.insert(0, 0)
        doc.user_data["analyser_sentence_starts"] = starts
    return starts


def register() -> None:
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register()
