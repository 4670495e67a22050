"""The inputs of a batch run as a stream of work items, each with a unique, filesystem-safe id.

Inputs are statement files, directories (walked recursively, in sorted order, for the suffixes
of ``analyser.loading.SUPPORTED_SUFFIXES``) and tables of statements (CSV, JSONL or Parquet with
``id`` and ``text`` columns, optionally ``source``/``url``/``format``). Everything is a generator:
directories are walked lazily and tables are read in chunks, so a corpus of any size streams
through with only the items in flight in memory.

Ids: the file stem for a file given directly; the path relative to the directory (without the
suffix, ``/``-separated) for a file found in one; the ``id`` value for a table row (or
``<table stem>-<row number>`` when the table has no id). Characters other than letters, digits,
``.``, ``-`` and ``_`` become ``_``; an id that clashes (case-insensitively, for macOS/Windows
file systems) with an earlier one gets ``-2``, ``-3`` … The order is deterministic, so a resumed
run gives every document the id it had before.
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..loading import SUPPORTED_SUFFIXES, InputError

TABLE_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
_CHUNK_ROWS = 256
_UNSAFE = re.compile(r"[^\w.\-]+")
_MAX_PART = 100


@dataclass
class WorkItem:
    """One statement to analyse: a file path, file bytes (for remote workers) or a table row's text."""

    id: str
    source: str | None = None
    path: str | None = None
    data: bytes | None = None
    text: str | None = None
    fmt: str = "txt"
    error: str | None = None  # already known to fail (e.g. a table row without text)


def safe_part(value: str) -> str:
    """One path component of an id: NFC, unsafe characters → ``_``, no leading dots, not too long."""
    value = unicodedata.normalize("NFC", str(value)).strip()
    value = _UNSAFE.sub("_", value).strip("_").lstrip(".")
    return value[:_MAX_PART] or "document"


def safe_id(value: str) -> str:
    parts = [safe_part(p) for p in re.split(r"[/\\]+", str(value)) if p.strip() and p.strip() not in (".", "..")]
    return "/".join(parts) or "document"


class IdAllocator:
    """Hands out unique ids in order; clashes (ignoring case) get a numeric suffix."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def __call__(self, wanted: str) -> str:
        base = safe_id(wanted)
        candidate, n = base, 1
        while candidate.casefold() in self._taken:
            n += 1
            candidate = f"{base}-{n}"
        self._taken.add(candidate.casefold())
        return candidate


# --------------------------------------------------------------------------- what an input is


def input_kind(path: object) -> str:
    """'frame' (a pandas DataFrame), 'dir', 'table' or 'file'."""
    if _is_frame(path):
        return "frame"
    path = Path(path)  # type: ignore[arg-type]
    if path.is_dir():
        return "dir"
    if path.suffix.lower() in TABLE_SUFFIXES:
        return "table"
    return "file"


def check_inputs(paths: Iterable[Path]) -> None:
    """Fail early (as a usage error) on inputs that cannot be used at all: missing paths, tables without text."""
    for path in paths:
        if input_kind(path) == "frame":
            if "text" not in path.columns:  # type: ignore[attr-defined]
                raise InputError("the DataFrame has no 'text' column; a table of statements needs 'id' and 'text'")
            continue
        path = Path(path)
        if not path.exists():
            raise InputError(f"{path}: no such file or directory; check the path")
        if input_kind(path) == "table":
            columns = table_columns(path)
            if "text" not in columns:
                raise InputError(f"{path.name} has no 'text' column (columns: {', '.join(columns) or 'none'}); "
                                 "a table of statements needs 'id' and 'text'")


def _walk(root: Path, skip: Path | None) -> Iterator[Path]:
    """Supported statement files under ``root``, sorted, skipping hidden entries and the output directory."""
    skip_resolved = skip.resolve() if skip is not None else None
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and (skip_resolved is None or (here / d).resolve() != skip_resolved))
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                yield here / name


def iter_items(inputs: Iterable[object], skip: Path | None = None) -> Iterator[WorkItem]:
    """Every statement of the inputs, in a deterministic order, with unique ids."""
    allocate = IdAllocator()
    for raw in inputs:
        kind = input_kind(raw)
        if kind == "frame":
            for item in _frame_items(raw):
                item.id = allocate(item.id)
                yield item
            continue
        path = Path(raw)  # type: ignore[arg-type]
        if kind == "dir":
            for file in _walk(path, skip):
                rel = file.relative_to(path).with_suffix("")
                yield WorkItem(id=allocate(rel.as_posix()), source=str(file), path=str(file),
                               fmt=SUPPORTED_SUFFIXES[file.suffix.lower()])
        elif kind == "table":
            for item in iter_table(path):
                item.id = allocate(item.id)
                yield item
        else:
            fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower(), "txt")
            yield WorkItem(id=allocate(path.stem or path.name), source=str(path), path=str(path), fmt=fmt)


def count_items(inputs: Iterable[object], skip: Path | None = None) -> int:
    """How many items ``iter_items`` will yield, cheaply (paths and row counts only), for the progress ETA."""
    total = 0
    for raw in inputs:
        kind = input_kind(raw)
        if kind == "frame":
            total += len(raw)  # type: ignore[arg-type]
            continue
        path = Path(raw)  # type: ignore[arg-type]
        if kind == "dir":
            total += sum(1 for _ in _walk(path, skip))
        elif kind == "table":
            total += table_rows(path)
        else:
            total += 1
    return total


# --------------------------------------------------------------------------- tables


def _clean(value: object) -> str | None:
    """A table cell as a string, or None when missing (None, NaN, empty or only blanks)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value)
    return text if text.strip() else None


def table_columns(path: Path) -> list[str]:
    fmt = TABLE_SUFFIXES[path.suffix.lower()]
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            return list(pq.ParquetFile(path).schema_arrow.names)
        if fmt == "csv":
            import pandas as pd

            return [str(c) for c in pd.read_csv(path, nrows=0, dtype=str).columns]
        keys: dict[str, None] = {}
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if line.strip():
                    record = json.loads(line)
                    if isinstance(record, dict):
                        keys.update(dict.fromkeys(record))
                if n >= 50:
                    break
        return list(keys)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{path.name} cannot be read as a {fmt.upper()} table ({type(exc).__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else ''})") from exc
    except Exception as exc:  # pyarrow's ArrowInvalid and friends
        raise InputError(f"{path.name} cannot be read as a {fmt.upper()} table ({type(exc).__name__})") from exc


def table_rows(path: Path) -> int:
    fmt = TABLE_SUFFIXES[path.suffix.lower()]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    if fmt == "csv":
        import pandas as pd

        first = table_columns(path)[:1]
        return sum(len(chunk) for chunk in pd.read_csv(path, usecols=first, dtype=str, chunksize=50_000))
    with path.open(encoding="utf-8") as fh:
        return sum(1 for line in fh if line.strip())


def _records(path: Path) -> Iterator[tuple[int, dict[str, object] | None, str | None]]:
    """(row number from 1, record or None, problem) for every row, read in chunks."""
    fmt = TABLE_SUFFIXES[path.suffix.lower()]
    wanted = ["id", "text", "source", "url", "format"]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(path)
        columns = [c for c in wanted if c in parquet.schema_arrow.names]
        n = 0
        for batch in parquet.iter_batches(batch_size=_CHUNK_ROWS, columns=columns):
            for record in batch.to_pylist():
                n += 1
                yield n, record, None
    elif fmt == "csv":
        import pandas as pd

        present = [c for c in wanted if c in table_columns(path)]
        n = 0
        for chunk in pd.read_csv(path, usecols=present, dtype=str, keep_default_na=False, chunksize=_CHUNK_ROWS):
            for record in chunk.to_dict("records"):
                n += 1
                yield n, record, None
    else:
        n = 0
        with path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if not line.strip():
                    continue
                n += 1
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield n, None, f"line {n} of {path.name} is not valid JSON ({exc.msg})"
                    continue
                if not isinstance(record, dict):
                    yield n, None, f"line {n} of {path.name} is not a JSON object"
                    continue
                yield n, record, None


def _is_frame(value: object) -> bool:
    return type(value).__name__ == "DataFrame" and hasattr(value, "columns")


def _frame_items(frame) -> Iterator[WorkItem]:
    columns = [c for c in ("id", "text", "source", "url", "format") if c in frame.columns]

    def records() -> Iterator[tuple[int, dict[str, object] | None, str | None]]:
        for n, values in enumerate(frame[columns].itertuples(index=False, name=None), start=1):
            yield n, dict(zip(columns, values, strict=True)), None

    return _items(records(), "dataframe", "the DataFrame")


def iter_table(path: Path) -> Iterator[WorkItem]:
    """One work item per table row; rows without text become items that already carry their error."""
    return _items(_records(path), path.stem, path.name, str(path))


def _items(rows: Iterable[tuple[int, dict[str, object] | None, str | None]], stem: str, name: str,
           where: str | None = None) -> Iterator[WorkItem]:
    where = where or stem
    for n, record, problem in rows:
        record = record or {}
        raw_id = _clean(record.get("id"))
        doc_id = raw_id if raw_id is not None else f"{stem}-{n}"
        source = _clean(record.get("source")) or _clean(record.get("url")) or f"{where}#{n}"
        fmt = (_clean(record.get("format")) or "txt").lower().lstrip(".")
        fmt = SUPPORTED_SUFFIXES.get(f".{fmt}", fmt)
        text = record.get("text")
        if problem is None and _clean(text) is None:
            problem = f"row {n} of {name} (id {doc_id}) has no text; nothing to analyse"
        elif problem is None and fmt not in ("txt", "md", "html"):
            problem = f"row {n} of {name} has format '{fmt}'; a table row can hold txt, md or html text"
        yield WorkItem(id=doc_id, source=source, text=str(text) if problem is None else None, fmt=fmt,
                       error=problem)
