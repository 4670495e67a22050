"""Reports → the two corpus tables (documents: one row per statement; mentions: long format).

The column names here are a contract: the dashboard (``analyser.render.dashboard``) and the
notebook read them. Both tables are built from report *dicts* (the JSON of ``Report.to_dict()``),
so a batch run can stream them straight from ``reports/*.json`` without rebuilding dataclasses.

documents: ``id, source, language, words, characters, score, band, <checklist status columns>,
n_data_categories, n_retention_periods, n_third_parties, n_legal_bases, n_findings,
n_special_categories, data_categories, legal_bases, third_parties, third_parties_outside_eea,
retention_min, retention_max, retention_indefinite, findings, last_updated, template_family, error``.
One status column per checklist item, named by the item id (``checklist_column``) — except the item
``data_categories``, whose name is taken by the list of categories: its status is in
``data_categories_status``.

mentions: ``doc_id, field, value, text, start, end, severity``; ``field`` is one of data_category,
retention, third_party, legal_basis, checklist, finding. ``value`` is the category id, the ISO
duration of a retention period (or ``indefinite``, or ``criterion`` for a period without a length),
the organisation, the legal-basis id, the checklist item id, or the finding code. An entity without
any text span still gets one row (text/start/end null), except checklist items, which only have
rows for their evidence. ``severity`` is set on finding rows only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pandas as pd
import pyarrow as pa

from ..data import checklist_ids, special_categories
from ..report import Report

MENTION_FIELDS = ("data_category", "retention", "third_party", "legal_basis", "checklist", "finding")

_BASE_COLUMNS = ["id", "source", "language", "words", "characters", "score", "band"]
_TAIL_COLUMNS = ["n_data_categories", "n_retention_periods", "n_third_parties", "n_legal_bases", "n_findings",
                 "n_special_categories", "data_categories", "legal_bases", "third_parties",
                 "third_parties_outside_eea", "retention_min", "retention_max", "retention_indefinite", "findings",
                 "last_updated", "template_family", "error"]
_LIST_COLUMNS = ("data_categories", "legal_bases", "third_parties", "third_parties_outside_eea", "findings")
_INT_COLUMNS = ("words", "characters", "n_data_categories", "n_retention_periods", "n_third_parties",
                "n_legal_bases", "n_findings", "n_special_categories", "template_family")


def checklist_column(item_id: str) -> str:
    """The documents-table column holding a checklist item's status."""
    return f"{item_id}_status" if item_id in _BASE_COLUMNS or item_id in _TAIL_COLUMNS else item_id


def checklist_columns() -> dict[str, str]:
    """Checklist item id → its status column, in vocabulary order."""
    return {item: checklist_column(item) for item in checklist_ids()}


def documents_schema() -> pa.Schema:
    types: dict[str, pa.DataType] = {"score": pa.float64(), "retention_indefinite": pa.bool_()}
    types.update({name: pa.int64() for name in _INT_COLUMNS})
    types.update({name: pa.list_(pa.string()) for name in _LIST_COLUMNS})
    names = _BASE_COLUMNS + list(checklist_columns().values()) + _TAIL_COLUMNS
    return pa.schema([pa.field(name, types.get(name, pa.string())) for name in names])


MENTIONS_SCHEMA = pa.schema([
    pa.field("doc_id", pa.string()), pa.field("field", pa.string()), pa.field("value", pa.string()),
    pa.field("text", pa.string()), pa.field("start", pa.int64()), pa.field("end", pa.int64()),
    pa.field("severity", pa.string()),
])
ERROR_COLUMNS = ("id", "source", "error")


# --------------------------------------------------------------------------- ISO durations

_DURATION = re.compile(r"^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?"
                       r"(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$")
_DAYS = (365.25, 30.44, 7.0, 1.0, 1 / 24, 1 / 1440, 1 / 86400)


def duration_days(value: str | None) -> float | None:
    """Approximate length of an ISO 8601 duration in days (``P6M`` → 182.6); None if it is not one."""
    if not value:
        return None
    match = _DURATION.match(value.strip().upper())
    if not match or not any(match.groups()):
        return None
    return sum(float(v.replace(",", ".")) * d for v, d in zip(match.groups(), _DAYS, strict=True) if v)


# --------------------------------------------------------------------------- one report → rows


def _as_dict(report: Report | Mapping[str, Any]) -> Mapping[str, Any]:
    return report.to_dict() if isinstance(report, Report) else report


def _unique(values: Iterable[Any]) -> list[str]:
    return list(dict.fromkeys(str(v) for v in values if v))


def _retention_bounds(periods: list[Mapping[str, Any]]) -> tuple[str | None, str | None]:
    timed = [(days, d) for p in periods for d in (p.get("duration"), p.get("duration_max"))
             if (days := duration_days(d)) is not None]
    if not timed:
        return None, None
    return min(timed)[1], max(timed)[1]


def document_row(report: Report | Mapping[str, Any], template_family: int | None = None) -> dict[str, Any]:
    """The documents-table row of one report."""
    data = _as_dict(report)
    info = data["document"]
    score = data.get("score") or {}
    statuses = {c["item"]: c.get("status") for c in data.get("checklist", [])}
    categories = data.get("data_categories", [])
    periods = data.get("retention_periods", [])
    parties = data.get("third_parties", [])
    bases = data.get("legal_bases", [])
    findings = data.get("findings", [])
    special = special_categories()
    shortest, longest = _retention_bounds(periods)
    row: dict[str, Any] = {
        "id": info["id"], "source": info.get("source"), "language": info.get("language"),
        "words": info.get("words"), "characters": info.get("characters"),
        "score": score.get("value"), "band": score.get("band") or None,
    }
    row.update({column: statuses.get(item) for item, column in checklist_columns().items()})
    row.update({
        "n_data_categories": len(categories), "n_retention_periods": len(periods), "n_third_parties": len(parties),
        "n_legal_bases": len(bases), "n_findings": len(findings),
        "n_special_categories": sum(1 for c in categories if c.get("special") or c["category"] in special),
        "data_categories": _unique(c["category"] for c in categories),
        "legal_bases": _unique(b["basis"] for b in bases),
        "third_parties": _unique(t["organisation"] for t in parties),
        "third_parties_outside_eea": _unique(t["organisation"] for t in parties if t.get("outside_eea")),
        "retention_min": shortest, "retention_max": longest,
        "retention_indefinite": any(p.get("indefinite") for p in periods),
        "findings": _unique(f["code"] for f in findings),
        "last_updated": info.get("last_updated"), "template_family": template_family, "error": None,
    })
    return row


def failed_row(doc_id: str, source: str | None, error: str) -> dict[str, Any]:
    """The documents-table row of a statement that could not be analysed: only id, source and error."""
    row: dict[str, Any] = dict.fromkeys(documents_schema().names)
    row.update({"id": doc_id, "source": source, "error": error,
                **{name: [] for name in _LIST_COLUMNS}})
    return row


def _spans(doc_id: str, field: str, value: str | None, spans: list[Mapping[str, Any]], keep_empty: bool = True,
           severity: str | None = None) -> Iterator[dict[str, Any]]:
    if not spans and keep_empty:
        yield {"doc_id": doc_id, "field": field, "value": value, "text": None, "start": None, "end": None,
               "severity": severity}
    for span in spans:
        yield {"doc_id": doc_id, "field": field, "value": value, "text": span.get("text"),
               "start": span.get("start"), "end": span.get("end"), "severity": severity}


def _retention_value(period: Mapping[str, Any]) -> str:
    if period.get("duration"):
        return str(period["duration"])
    return "indefinite" if period.get("indefinite") else "criterion"


def mention_rows(report: Report | Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The mentions-table rows of one report, field by field in report order."""
    data = _as_dict(report)
    doc_id = data["document"]["id"]
    for category in data.get("data_categories", []):
        yield from _spans(doc_id, "data_category", category["category"], category.get("mentions", []))
    for period in data.get("retention_periods", []):
        span = {"text": period.get("text"), "start": period.get("start"), "end": period.get("end")}
        yield from _spans(doc_id, "retention", _retention_value(period), [span])
    for party in data.get("third_parties", []):
        yield from _spans(doc_id, "third_party", party["organisation"], party.get("mentions", []))
    for basis in data.get("legal_bases", []):
        yield from _spans(doc_id, "legal_basis", basis["basis"], basis.get("mentions", []))
    for item in data.get("checklist", []):
        yield from _spans(doc_id, "checklist", item["item"], item.get("evidence", []), keep_empty=False)
    for finding in data.get("findings", []):
        yield from _spans(doc_id, "finding", finding["code"], finding.get("evidence", []),
                          severity=finding.get("severity"))


# --------------------------------------------------------------------------- Arrow / pandas


def documents_batch(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=documents_schema())


def mentions_batch(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=MENTIONS_SCHEMA)


def _int_type(arrow_type: pa.DataType) -> Any:
    return pd.Int64Dtype() if pa.types.is_integer(arrow_type) else None


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """Arrow → pandas with the same dtypes whatever the data: nullable ``Int64`` for integers,
    Python lists (not numpy arrays) in list columns, nullable ``boolean``."""
    frame = table.to_pandas(types_mapper=_int_type)
    for field in table.schema:
        if pa.types.is_list(field.type):
            frame[field.name] = [list(v) if v is not None else [] for v in frame[field.name]]
        elif pa.types.is_boolean(field.type):
            frame[field.name] = frame[field.name].astype("boolean")
    return frame


def reports_to_frames(reports: Iterable[Report | Mapping[str, Any]] | Mapping[str, Report]
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(documents, mentions) DataFrames for analysed reports (Report objects or their JSON dicts).

    Accepts a list of reports or a mapping id → report (as the test fixture ``corpus_reports``
    gives). Template families are assigned across the given reports.
    """
    from ..families import FamilyCollector

    if isinstance(reports, Mapping) and "document" not in reports:
        reports = reports.values()
    collector = FamilyCollector()
    doc_rows: list[dict[str, Any]] = []
    mention_list: list[dict[str, Any]] = []
    for report in reports:
        data = _as_dict(report)
        collector.add(data.get("text"))
        doc_rows.append(document_row(data))
        mention_list.extend(mention_rows(data))
    for row, family in zip(doc_rows, collector.families(), strict=True):
        row["template_family"] = family
    return to_pandas(documents_batch(doc_rows)), to_pandas(mentions_batch(mention_list))
