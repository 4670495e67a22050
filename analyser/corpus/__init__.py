"""Corpus analysis at scale: many statements in, reports + tables + a dashboard out.

    >>> import analyser
    >>> documents = analyser.analyse_corpus("corpus/texts", jobs=2)          # pandas DataFrame
    >>> documents, mentions = analyser.reports_to_frames(reports)           # from Report objects
    >>> mentions = analyser.mentions_table("out")                           # of a batch output directory

``analyser batch INPUT... --out DIR`` is the command-line face of :func:`run_batch`.
"""

from __future__ import annotations

from .batch import (
    BatchInterrupted,
    BatchResult,
    analyse_corpus,
    build_tables,
    mentions_table,
    read_documents,
    read_mentions,
    run_batch,
)
from .tables import checklist_column, checklist_columns, document_row, mention_rows, reports_to_frames

__all__ = [
    "BatchInterrupted",
    "BatchResult",
    "analyse_corpus",
    "build_tables",
    "checklist_column",
    "checklist_columns",
    "document_row",
    "mention_rows",
    "mentions_table",
    "read_documents",
    "read_mentions",
    "reports_to_frames",
    "run_batch",
]
