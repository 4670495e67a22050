"""A batch run: inputs → ``reports/<id>.json`` as each document finishes → tables and dashboard at the end.

Output directory::

    reports/<id>.json    one report per analysed document (``Report.to_json()``, as ``analyser analyse``)
    documents.parquet    one row per document, failed ones included (``error`` set)
    mentions.parquet     long format: every mention, evidence span and finding
    errors.csv           id, source, error for every document that failed
    summary.html         the corpus dashboard

Every file is written atomically (temp file + rename). Reports are written as documents finish,
so an interrupted run loses no finished document; ``resume=True`` skips every id whose report
exists and ends with the same tables as an uninterrupted run, because the tables are always rebuilt
from the reports on disk, streaming over them in input order. Documents that failed have no
report and are tried again on resume.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..fileio import atomic_write_text, default_mode
from ..loading import DEFAULT_MAX_BYTES
from . import tables
from .engines import Options, Outcome, run_dask, run_inline, run_pool
from .inputs import WorkItem, check_inputs, count_items, iter_items
from .progress import Progress

CHUNK = 1000  # documents per Parquet row group (and per table-building step)


class BatchInterrupted(Exception):
    """Raised by the ``stop_after`` test hook: the run stops as if interrupted after N documents."""


@dataclass
class BatchResult:
    out: Path
    documents: int = 0  # in the tables
    analysed: int = 0  # in this run
    failed: int = 0
    skipped: int = 0  # already analysed (--resume)
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (id, error), the first 20

    @property
    def ok(self) -> bool:
        return self.failed == 0


def report_path(reports_dir: Path, doc_id: str) -> Path:
    return reports_dir / f"{doc_id}.json"


def write_report(reports_dir: Path, doc_id: str, text: str) -> None:
    atomic_write_text(report_path(reports_dir, doc_id), text)


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """A temp path beside ``path`` to write to (with any library); renamed over ``path`` on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.fchmod(fd, default_mode())
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# --------------------------------------------------------------------------- the run


def _engine(engine: str, items: Iterable[WorkItem], options: Options, jobs: int, scheduler: str | None
            ) -> Iterator[Outcome]:
    if engine == "dask":
        return run_dask(items, options, jobs, scheduler)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; use 'local' or 'dask'")
    return run_inline(items, options) if jobs == 1 else run_pool(items, options, jobs)


def run_batch(inputs: Iterable[Any], out: str | os.PathLike[str], *, jobs: int | None = None, resume: bool = False,
              engine: str = "local", scheduler: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              use_model: bool = True, progress: bool = True, stream: TextIO | None = None,
              dashboard: bool = True, stop_after: int | None = None) -> BatchResult:
    """Analyse every statement of ``inputs`` into ``out`` (see the module docstring for the layout)."""
    started = time.monotonic()
    out = Path(out)
    inputs = list(inputs)
    check_inputs(inputs)
    jobs = jobs or os.cpu_count() or 1
    reports = out / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    total = count_items(inputs, skip=out) if progress else None
    bar = Progress(total, stream, enabled=progress)
    order: list[str] = []
    errors: dict[str, tuple[str | None, str]] = {}
    result = BatchResult(out=out)

    def todo() -> Iterator[WorkItem]:
        for item in iter_items(inputs, skip=out):
            order.append(item.id)
            if resume and report_path(reports, item.id).is_file():
                bar.skip()
                result.skipped += 1
                continue
            yield item

    options = Options(use_model=use_model, max_bytes=max_bytes,
                      reports_dir=str(reports) if engine == "local" else None)
    outcomes = _engine(engine, todo(), options, jobs, scheduler)
    try:
        for outcome in outcomes:
            if outcome.error is not None:
                errors[outcome.id] = (outcome.source, outcome.error)
                with contextlib.suppress(FileNotFoundError):  # a stale report from an earlier run
                    report_path(reports, outcome.id).unlink()
                result.failed += 1
            else:
                if outcome.report_json is not None:
                    write_report(reports, outcome.id, outcome.report_json)
                result.analysed += 1
            bar.update(failed=outcome.error is not None)
            if stop_after is not None and result.analysed + result.failed >= stop_after:
                raise BatchInterrupted(f"stopped after {stop_after} documents")
    finally:
        if hasattr(outcomes, "close"):
            outcomes.close()  # shut the pool or the cluster down, also when interrupted
        bar.close()
    result.errors = [(doc_id, message) for doc_id, (_, message) in list(errors.items())[:20]]
    result.documents = build_tables(out, order, errors, jobs=min(jobs, os.cpu_count() or 1))
    if dashboard:
        write_dashboard(out, stream)
    result.seconds = time.monotonic() - started
    return result


# --------------------------------------------------------------------------- tables from the reports on disk


def _read_report(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@dataclass
class TableChunk:
    """The table rows of up to CHUNK documents, built from their reports (in a worker process)."""

    documents: Any  # pyarrow.Table
    mentions: Any  # pyarrow.Table
    signatures: Any  # numpy uint32 array (n x NUM_PERM)
    valid: list[bool]
    errors: list[tuple[str, str, str]]  # (id, source, error)


def table_chunk(reports_dir: str, ids: list[str], errors: dict[str, tuple[str | None, str]]) -> TableChunk:
    """Read the reports of ``ids`` and turn them into rows and MinHash signatures (parallel-safe, no writes)."""
    import numpy as np

    from ..families import NUM_PERM

    hasher = _hasher()
    reports = Path(reports_dir)
    doc_rows: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    signatures = np.zeros((len(ids), NUM_PERM), dtype=np.uint32)
    valid = [False] * len(ids)
    failed: list[tuple[str, str, str]] = []
    for i, doc_id in enumerate(ids):
        data = None if doc_id in errors else _read_report(report_path(reports, doc_id))
        if data is None:
            source, message = errors.get(doc_id, (None, "no readable report on disk; run again"))
            doc_rows.append(tables.failed_row(doc_id, source, message))
            failed.append((doc_id, source or "", message))
            continue
        data["document"]["id"] = doc_id
        doc_rows.append(tables.document_row(data))
        mention_rows.extend(tables.mention_rows(data))
        signature = hasher.signature(data.get("text") or "")
        if signature is not None:
            signatures[i] = signature
            valid[i] = True
    return TableChunk(tables.documents_batch(doc_rows), tables.mentions_batch(mention_rows), signatures, valid,
                      failed)


@functools.cache
def _hasher():
    """One MinHasher per process (it caches word hashes across documents)."""
    from ..families import MinHasher

    return MinHasher()


def _chunks(out: Path, order: list[str], errors: dict[str, tuple[str | None, str]], jobs: int
            ) -> Iterator[TableChunk]:
    """Table chunks in input order; on ``jobs`` processes when there is more than one chunk to build."""
    slices = [order[lo:lo + CHUNK] for lo in range(0, len(order), CHUNK)]
    reports = str(out / "reports")
    if jobs <= 1 or len(slices) <= 1:
        for ids in slices:
            yield table_chunk(reports, ids, {i: errors[i] for i in ids if i in errors})
        return
    import collections
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # fresh interpreters, not forks: a fork would carry the parent's pipeline (hundreds of MB per worker) into
    # processes that only read JSON and write Arrow tables (this module does not import spaCy)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn")) as pool:
        window: collections.deque = collections.deque()
        for ids in slices:  # at most 2 chunks per process in flight, consumed in order
            window.append(pool.submit(table_chunk, reports, ids, {i: errors[i] for i in ids if i in errors}))
            if len(window) >= 2 * jobs:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def build_tables(out: Path, order: list[str], errors: dict[str, tuple[str | None, str]], jobs: int = 1) -> int:
    """documents.parquet, mentions.parquet and errors.csv for the ids of ``order``, streaming over the reports.

    The reports are read in chunks of CHUNK (on ``jobs`` processes), written as Parquet row groups in
    input order; the documents go to a hidden partial file first, and a second pass copies them with
    the ``template_family`` that the collected MinHash signatures give.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..families import FamilyCollector

    collector = FamilyCollector()
    doc_schema = tables.documents_schema()
    partial = out / ".documents.partial.parquet"
    with atomic_target(out / "errors.csv") as errors_tmp, atomic_target(out / "mentions.parquet") as mentions_tmp:
        with errors_tmp.open("w", encoding="utf-8", newline="") as errors_fh, \
                pq.ParquetWriter(partial, doc_schema) as doc_writer, \
                pq.ParquetWriter(mentions_tmp, tables.MENTIONS_SCHEMA) as mention_writer:
            error_writer = csv.writer(errors_fh, lineterminator="\n")
            error_writer.writerow(tables.ERROR_COLUMNS)
            for chunk in _chunks(out, order, errors, jobs):
                doc_writer.write_table(chunk.documents)
                if chunk.mentions.num_rows:
                    mention_writer.write_table(chunk.mentions)
                error_writer.writerows(chunk.errors)
                collector.add_signatures(chunk.signatures, chunk.valid)
    families = pa.array(collector.families(), type=pa.int64())
    position = doc_schema.get_field_index("template_family")
    try:
        with atomic_target(out / "documents.parquet") as documents_tmp, \
                pq.ParquetWriter(documents_tmp, doc_schema) as writer:
            offset = 0
            for batch in pq.ParquetFile(partial).iter_batches(batch_size=CHUNK):
                table = pa.Table.from_batches([batch], schema=doc_schema)
                table = table.set_column(position, "template_family", families.slice(offset, len(table)))
                offset += len(table)
                writer.write_table(table)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return len(order)


# --------------------------------------------------------------------------- reading the outputs


def read_documents(out: str | os.PathLike[str]):
    import pyarrow.parquet as pq

    return tables.to_pandas(pq.read_table(Path(out) / "documents.parquet"))


def read_mentions(out: str | os.PathLike[str], columns: list[str] | None = None):
    import pyarrow.parquet as pq

    return tables.to_pandas(pq.read_table(Path(out) / "mentions.parquet", columns=columns))


def _fallback_dashboard(documents, reason: str) -> str:
    """A plain page when the dashboard renderer is missing or fails: counts and the documents table."""
    import html

    failed = int(documents["error"].notna().sum()) if "error" in documents else 0
    columns = [c for c in ("id", "language", "words", "score", "band", "n_findings", "template_family", "error")
               if c in documents]
    table = documents[columns].to_html(index=False, na_rep="", escape=True, border=0)
    return ("<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>Corpus summary</title></head><body>"
            f"<h1>Corpus summary</h1><p>{len(documents)} documents, {failed} failed.</p>"
            f"<p><small>{html.escape(reason)}</small></p>{table}</body></html>")


def _dashboard_tables(out: Path):
    """The tables as the dashboard gets them, compact enough for 100,000 documents: repeated strings
    (statuses, ids, codes) as categoricals, and the mentions without their quotes and offsets, which
    the dashboard does not draw (about 16 bytes per mention instead of about 160)."""
    import pyarrow.parquet as pq

    categorical = ["language", "band", *tables.checklist_columns().values()]
    documents = tables.to_pandas(pq.read_table(out / "documents.parquet", read_dictionary=categorical))
    compact = ["doc_id", "field", "value", "severity"]
    mentions = tables.to_pandas(pq.read_table(out / "mentions.parquet", columns=compact, read_dictionary=compact))
    return documents, mentions


def write_dashboard(out: Path, stream: TextIO | None = None) -> None:
    """summary.html from the two tables; falls back to a plain table (with a warning) if the renderer fails."""
    documents, mentions = _dashboard_tables(out)
    try:
        from ..render.dashboard import render_dashboard

        page = render_dashboard(documents, mentions)
    except Exception as exc:  # the tables are the product; a dashboard problem must not lose them
        reason = f"dashboard unavailable ({type(exc).__name__}: {exc}); wrote a plain summary instead"
        print(f"warning: {reason}", file=stream or sys.stderr)
        page = _fallback_dashboard(documents, reason)
    atomic_write_text(out / "summary.html", page)


# --------------------------------------------------------------------------- Python API


def analyse_corpus(inputs: Any, jobs: int | None = None, out: str | os.PathLike[str] | None = None, *,
                   resume: bool = False, engine: str = "local", scheduler: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES, use_model: bool = True, progress: bool = False,
                   dashboard: bool | None = None):
    """Analyse a corpus and return the documents table (a pandas DataFrame, one row per statement).

    ``inputs``: a path or a list of paths (statement files, directories, CSV/JSONL/Parquet tables
    with ``id`` and ``text``), or a pandas DataFrame with ``id`` and ``text`` columns. With ``out``
    the run writes reports, tables and summary.html there (see :func:`run_batch`); without it, it
    works in a temporary directory that is removed afterwards. ``jobs`` defaults to all cores.
    The mentions table: ``mentions_table(out)``.
    """
    if isinstance(inputs, (str, os.PathLike)) or _is_frame(inputs):
        inputs = [inputs]
    workdir = Path(out) if out is not None else Path(tempfile.mkdtemp(prefix="analyser-corpus-"))
    try:
        run_batch(inputs, workdir, jobs=jobs, resume=resume, engine=engine, scheduler=scheduler, max_bytes=max_bytes,
                  use_model=use_model, progress=progress, dashboard=out is not None if dashboard is None else dashboard)
        return read_documents(workdir)
    finally:
        if out is None:
            shutil.rmtree(workdir, ignore_errors=True)


def _is_frame(value: Any) -> bool:
    return type(value).__name__ == "DataFrame" and hasattr(value, "columns")


def mentions_table(source: Any):
    """The mentions table of a batch output directory (or of analysed reports: a list or a mapping id → report)."""
    if isinstance(source, (str, os.PathLike)):
        out = Path(source)
        if (out / "mentions.parquet").is_file():
            return read_mentions(out)
        paths = sorted((out / "reports").rglob("*.json")) if (out / "reports").is_dir() else []
        if not paths:
            raise FileNotFoundError(f"{out} has neither mentions.parquet nor reports/*.json")
        rows = [row for p in paths if (data := _read_report(p)) for row in tables.mention_rows(data)]
        return tables.to_pandas(tables.mentions_batch(rows))
    return tables.reports_to_frames(source)[1]
