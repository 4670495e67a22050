"""The public API: one statement in, one `Report` out."""

from __future__ import annotations

import os
import re
from pathlib import Path

from spacy.tokens import Doc

from .extensions import doc_text
from .language import detect_language, token_language_scores
from .loading import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, InputError, LoadedText, load_path, load_text
from .pipeline import get_nlp
from .report import DocumentInfo, Report
from .tokens import ORTH_FORMS, FormValues, tokens

_WORD = re.compile(r"\w+(?:[-']\w+)*")
_WORD_COUNTS = FormValues(ORTH_FORMS, lambda form: len(_WORD.findall(form)), "int64")


def _looks_like_path(value: str) -> bool:
    if "\n" in value or len(value) > 4096:
        return False
    return os.path.exists(value) or Path(value).suffix.lower() in SUPPORTED_SUFFIXES


def load(text_or_path: str | os.PathLike[str], *, doc_id: str | None = None,
         max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedText:
    """Read a path (any supported format) or take a string as the statement's text."""
    if isinstance(text_or_path, os.PathLike) or (isinstance(text_or_path, str) and _looks_like_path(text_or_path)):
        return load_path(text_or_path, max_bytes=max_bytes, doc_id=doc_id)
    if not isinstance(text_or_path, str):
        raise InputError(f"cannot analyse a {type(text_or_path).__name__}; give a path or a string")
    return load_text(text_or_path, doc_id=doc_id or "document")


def make_doc(loaded: LoadedText, use_model: bool = True) -> Doc:
    """Run the pipeline over a loaded statement and return the annotated Doc."""
    nlp = get_nlp(use_model)
    doc = nlp.make_doc(loaded.text)
    _prepare(doc, loaded)
    return nlp(doc)


def _prepare(doc: Doc, loaded: LoadedText) -> None:
    doc.user_data["analyser_text"] = loaded.text
    doc._.doc_id = loaded.id
    doc._.source = loaded.source
    doc._.format = loaded.format
    doc._.heading_hints = loaded.heading_hints
    view = tokens(doc)
    doc._.language_scores = scores = token_language_scores(view.lower_ids, view.idx)
    doc._.language = detect_language(loaded.text, scores)


def docs(loaded_texts, use_model: bool = True, batch_size: int = 16):
    """Stream annotated Docs for many loaded statements (uses ``nlp.pipe``)."""
    nlp = get_nlp(use_model)

    def prepared():
        for loaded in loaded_texts:
            doc = nlp.make_doc(loaded.text)
            _prepare(doc, loaded)
            yield doc

    yield from nlp.pipe(prepared(), batch_size=batch_size)


def _word_count(doc: Doc) -> int:
    """Words (``\\w+`` runs, hyphens and apostrophes inside a word allowed) counted per token form, once per
    form and process; a word the tokeniser splits ("auto's" → "auto", "'s") counts as two."""
    if not len(doc):
        return 0
    return int(_WORD_COUNTS.of(tokens(doc).orth_ids).sum())


def report_from_doc(doc: Doc) -> Report:
    import hashlib

    text = doc_text(doc)
    sections = doc._.sections or []
    title = next((s.heading for s in sections if s.heading), None)
    info = DocumentInfo(
        id=doc._.doc_id,
        source=doc._.source,
        title=title,
        language=doc._.language,
        characters=len(text),
        words=_word_count(doc),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        format=doc._.format,
        last_updated=doc._.last_updated,
    )
    return Report(
        document=info,
        sections=sections,
        data_categories=doc._.data_categories or [],
        retention_periods=doc._.retention_periods or [],
        third_parties=doc._.third_parties or [],
        legal_bases=doc._.legal_bases or [],
        checklist=doc._.checklist or [],
        score=doc._.score,
        findings=doc._.findings or [],
        text=text,
    )


def analyse(text_or_path: str | os.PathLike[str], *, doc_id: str | None = None, use_model: bool = True,
            max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Analyse one privacy statement, given as a path (.txt/.md/.html/.pdf/.docx) or as its text.

    Raises :class:`analyser.InputError` for input that cannot be read.
    """
    loaded = load(text_or_path, doc_id=doc_id, max_bytes=max_bytes)
    return report_from_doc(make_doc(loaded, use_model=use_model))


def analyse_loaded(loaded: LoadedText, use_model: bool = True) -> Report:
    return report_from_doc(make_doc(loaded, use_model=use_model))
