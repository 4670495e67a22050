"""The typed report: what one analysed statement says, with offsets into its extracted text.

Every renderer, the batch tables and the evaluation read these dataclasses and nothing deeper.
`Report.to_dict()` gives the JSON contract of ``analyser/data/report.schema.json``;
`Report.from_dict()` reads it back (for ``analyser evaluate --reports`` and re-rendering).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeVar

SCHEMA_VERSION = "1.0"

T = TypeVar("T")


@dataclass
class Span:
    """A stretch of the extracted text: ``text == full_text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass
class DocumentInfo:
    id: str
    language: str
    characters: int
    words: int
    sha256: str
    source: str | None = None
    title: str | None = None
    format: str = "txt"
    last_updated: str | None = None  # ISO date of "laatst bijgewerkt"/"versie", if the text gives one


@dataclass
class Section:
    heading: str | None
    level: int
    start: int
    end: int
    topics: list[str] = field(default_factory=list)
    number: str | None = None  # "2.1" for "2.1. Klantenservice"


@dataclass
class DataCategory:
    category: str
    special: bool
    mentions: list[Span] = field(default_factory=list)


@dataclass
class RetentionPeriod:
    text: str
    duration: str | None  # ISO 8601 (P6M, P7Y, PT24H); None for a criterion without a period
    indefinite: bool
    start: int
    end: int
    trigger: str | None = None
    applies_to: list[str] = field(default_factory=list)
    qualifier: str | None = None  # "max", "min", "range"
    duration_max: str | None = None  # upper bound of a range ("6 tot 12 maanden" → P6M … P12M)
    section: str | None = None


@dataclass
class ThirdParty:
    organisation: str
    services: list[str] = field(default_factory=list)
    country: str | None = None
    kind: str | None = None
    in_knowledge_base: bool = True
    outside_eea: bool | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class LegalBasis:
    basis: str
    article: str | None = None
    mentions: list[Span] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)  # the purpose or section each mention is given for


@dataclass
class ChecklistItem:
    item: str
    article: str
    status: str  # present | partial | absent | not_applicable
    evidence: list[Span] = field(default_factory=list)
    note: str | None = None  # Dutch, for the privacy officer
    note_en: str | None = None
    required: bool = True
    source: str = "rules"  # rules | model | rules+model


@dataclass
class Finding:
    code: str
    severity: str  # high | medium | low
    message: str  # Dutch, for the privacy officer
    evidence: list[Span] = field(default_factory=list)
    message_en: str | None = None


@dataclass
class Score:
    value: float
    band: str = ""
    present: int = 0
    partial: int = 0
    absent: int = 0
    applicable: int = 0


@dataclass
class Report:
    document: DocumentInfo
    sections: list[Section] = field(default_factory=list)
    data_categories: list[DataCategory] = field(default_factory=list)
    retention_periods: list[RetentionPeriod] = field(default_factory=list)
    third_parties: list[ThirdParty] = field(default_factory=list)
    legal_bases: list[LegalBasis] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    score: Score = field(default_factory=lambda: Score(0.0))
    findings: list[Finding] = field(default_factory=list)
    text: str = ""
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        order = ["schema_version", "document", "score", "findings", "checklist", "sections",
                 "data_categories", "retention_periods", "third_parties", "legal_bases", "text"]
        return {key: data[key] for key in order}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        return cls(
            document=_build(DocumentInfo, data["document"]),
            sections=[_build(Section, s) for s in data.get("sections", [])],
            data_categories=[_with_spans(DataCategory, d, "mentions") for d in data.get("data_categories", [])],
            retention_periods=[_build(RetentionPeriod, r) for r in data.get("retention_periods", [])],
            third_parties=[_with_spans(ThirdParty, t, "mentions") for t in data.get("third_parties", [])],
            legal_bases=[_with_spans(LegalBasis, b, "mentions") for b in data.get("legal_bases", [])],
            checklist=[_with_spans(ChecklistItem, c, "evidence") for c in data.get("checklist", [])],
            score=_build(Score, data.get("score", {"value": 0.0})),
            findings=[_with_spans(Finding, f, "evidence") for f in data.get("findings", [])],
            text=data.get("text", ""),
            schema_version=data.get("schema_version", SCHEMA_VERSION),
        )

    @classmethod
    def from_json(cls, text: str) -> Report:
        return cls.from_dict(json.loads(text))

    def item(self, item_id: str) -> ChecklistItem | None:
        return next((c for c in self.checklist if c.item == item_id), None)


def _build(cls: type[T], data: dict[str, Any]) -> T:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


def _with_spans(cls: type[T], data: dict[str, Any], key: str) -> T:
    data = dict(data)
    data[key] = [Span(**{k: s[k] for k in ("text", "start", "end")}) for s in data.get(key, [])]
    return _build(cls, data)
