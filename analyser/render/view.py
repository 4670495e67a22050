"""The view model shared by the HTML and Markdown renderers.

Both renderers show the same content in the same order, so everything that is not markup lives
here: choosing the report's words for the chosen language (``data/labels.json``), turning ISO
durations and dates into words, linking every quoted passage to its place in the full text, and
cutting the full text into properly nested highlight elements. Templates only lay this out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..data import load_data, vocabulary
from ..report import ChecklistItem, Finding, Report, Span

LANGS = ("nl", "en")
SEVERITY_ORDER = ("high", "medium", "low")
STATUS_ORDER = ("present", "partial", "absent", "not_applicable")
STATUS_SYMBOL = {"present": "✔", "partial": "◐", "absent": "✘", "not_applicable": "–"}
FACT_QUOTES = 4  # mention quotes shown per fact row; the rest is counted, not listed
_ISO_DURATION = re.compile(
    r"^P(?:(?P<Y>\d+(?:[.,]\d+)?)Y)?(?:(?P<M>\d+(?:[.,]\d+)?)M)?(?:(?P<W>\d+(?:[.,]\d+)?)W)?"
    r"(?:(?P<D>\d+(?:[.,]\d+)?)D)?(?:T(?:(?P<H>\d+(?:[.,]\d+)?)H)?(?:(?P<MIN>\d+(?:[.,]\d+)?)M)?"
    r"(?:(?P<S>\d+(?:[.,]\d+)?)S)?)?$"
)
# colour of the score card per band (Dutch ids from data/checklist.json, English ones just in case)
_BAND_LEVEL = {"uitstekend": "good", "goed": "good", "excellent": "good", "good": "good",
               "voldoende": "fair", "matig": "fair", "adequate": "fair", "sufficient": "fair", "fair": "fair",
               "moderate": "fair", "onvoldoende": "poor", "slecht": "poor", "insufficient": "poor", "poor": "poor",
               "weak": "poor", "bad": "poor"}
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class Labels:
    """The report's own words in one language; unknown ids fall back to a readable form of the id."""

    def __init__(self, lang: str):
        if lang not in LANGS:
            raise ValueError(f"unknown report language {lang!r}; choose one of {', '.join(LANGS)}")
        self.lang = lang
        self.data = load_data("labels")
        vocab = vocabulary()
        self._items = {c["id"]: c for c in vocab["checklist"]}
        self._bases = {b["id"]: b for b in vocab["legal_bases"]}

    def pick(self, table: str, key: str | None, default: str | None = None) -> str:
        entry = self.data[table].get(key or "")
        if entry:
            return entry[self.lang]
        if default is not None:
            return default
        return (key or "").replace("_", " ")

    def ui(self, key: str, **values: Any) -> str:
        text = self.data["ui"][key][self.lang]
        return text.format(**values) if values else text

    def item(self, item_id: str) -> str:
        entry = self._items.get(item_id)
        return entry[self.lang] if entry else item_id.replace("_", " ")

    def item_article(self, item_id: str) -> str | None:
        entry = self._items.get(item_id)
        return entry["article"] if entry else None

    def category(self, category_id: str) -> str:
        return self.pick("data_categories", category_id)

    def basis(self, basis_id: str) -> str:
        fallback = self._bases.get(basis_id, {}).get("nl")
        return self.pick("legal_bases", basis_id, fallback)

    def basis_article(self, basis_id: str) -> str | None:
        return self._bases.get(basis_id, {}).get("article")

    def status(self, status: str) -> str:
        return self.pick("status", status)

    def severity(self, severity: str) -> str:
        return self.pick("severity", severity)

    def country(self, code: str | None) -> str | None:
        if not code:
            return None
        name = self.pick("countries", code.upper(), code)
        return name if name == code else f"{name} ({code.upper()})"

    def language(self, code: str | None) -> str:
        return self.pick("languages", code or "unknown", code or "")

    def duration(self, iso: str | None) -> str | None:
        """'P6M' → '6 maanden' / '6 months'; 'P1Y6M' → '1 jaar en 6 maanden'. Unparsable → as given."""
        if not iso:
            return None
        match = _ISO_DURATION.match(iso.strip().upper())
        if not match or not any(match.groupdict().values()):
            return iso
        units = self.data["duration_units"]
        parts = []
        for unit, amount in match.groupdict().items():
            if amount is None:
                continue
            number = float(amount.replace(",", "."))
            singular, _, plural = units[unit][self.lang].partition("|")
            word = singular if number == 1 else (plural or singular)
            shown = f"{number:g}" if self.lang == "en" else f"{number:g}".replace(".", ",")
            parts.append(f"{shown} {word}")
        if len(parts) == 1:
            return parts[0]
        return f"{', '.join(parts[:-1])} {units['and'][self.lang]} {parts[-1]}"

    def date(self, iso: str | None) -> str | None:
        """'2022-04-24' → '24 april 2022' / '24 April 2022'; other strings are shown as given."""
        if not iso:
            return None
        match = _ISO_DATE.match(iso)
        if not match:
            return iso
        year, month, day = match.groups()
        months = self.ui("months").split("|")
        if not month or not 1 <= int(month) <= 12:
            return year
        name = months[int(month) - 1]
        return f"{int(day)} {name} {year}" if day else f"{name} {year}"


@dataclass
class Quote:
    """A quoted passage; ``anchor`` is the id of its highlight in the full text (None if offsets are unusable)."""

    text: str
    anchor: str | None


@dataclass
class _Mark:
    key: str
    start: int
    end: int
    kinds: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)


@dataclass
class TextPiece:
    """One token of the full text: plain text, or the opening/closing of a highlight element."""

    kind: str  # text | open | close
    text: str = ""
    tag: str = "mark"
    key: str = ""
    id: str | None = None
    classes: str = ""
    title: str = ""


class Marks:
    """Every passage the report links to, keyed by its offsets, so equal passages share one anchor."""

    def __init__(self, text: str):
        self.text = text
        self._marks: dict[tuple[int, int], _Mark] = {}

    def locate(self, span: Span) -> tuple[int, int] | None:
        """Offsets of the span in the text; re-found by its text if the offsets do not match it."""
        start, end = span.start, span.end
        if 0 <= start < end <= len(self.text) and (not span.text or self.text[start:end] == span.text):
            return start, end
        if span.text:
            found = self.text.find(span.text)
            if found >= 0:
                return found, found + len(span.text)
        return None

    def add(self, span: Span, kind: str, title: str | None = None) -> Quote:
        where = self.locate(span)
        shown = span.text or (self.text[where[0]:where[1]] if where else "")
        if where is None:
            return Quote(shown, None)
        mark = self._marks.get(where)
        if mark is None:
            mark = self._marks[where] = _Mark(f"ev-{where[0]}-{where[1]}", where[0], where[1])
        mark.kinds.add(kind)
        if title and title not in mark.titles:
            mark.titles.append(title)
        return Quote(shown, mark.key)

    def pieces(self) -> list[TextPiece]:
        """The full text cut into text and properly nested open/close pieces.

        Overlapping passages cannot nest as single elements, so a passage that is still open when
        an enclosing one closes is closed with it and reopened right after (as the HTML parser does
        with misnested tags). Only the first piece of a passage carries its id; all carry its key.
        """
        marks = sorted(self._marks.values(), key=lambda m: (m.start, -m.end))
        starts: dict[int, list[_Mark]] = {}
        ends: dict[int, set[str]] = {}
        for mark in marks:
            starts.setdefault(mark.start, []).append(mark)
            ends.setdefault(mark.end, set()).add(mark.key)
        by_key = {m.key: m for m in marks}
        out: list[TextPiece] = []
        stack: list[str] = []
        pos = 0
        for point in sorted(set(starts) | set(ends)):
            if point > pos:
                out.append(TextPiece("text", self.text[pos:point]))
                pos = point
            closing = ends.get(point, set())
            reopen: list[str] = []
            while any(key in closing for key in stack):
                key = stack.pop()
                out.append(TextPiece("close", tag=self._tag(by_key[key])))
                if key not in closing:
                    reopen.append(key)
            for key in reversed(reopen):
                out.append(self._open(by_key[key], first=False))
                stack.append(key)
            for mark in starts.get(point, []):
                out.append(self._open(mark, first=True))
                stack.append(mark.key)
        if pos < len(self.text):
            out.append(TextPiece("text", self.text[pos:]))
        return out

    @staticmethod
    def _tag(mark: _Mark) -> str:
        return "mark" if mark.kinds - {"head"} else "span"

    def _open(self, mark: _Mark, first: bool) -> TextPiece:
        """Open a passage; its title names what it is evidence of (checklist items, findings, facts)."""
        kinds = [k for k in ("ev", "fact", "head") if k in mark.kinds]
        title = "; ".join(mark.titles)
        return TextPiece("open", tag=self._tag(mark), key=mark.key, id=mark.key if first else None,
                         classes=" ".join(kinds + ([] if first else ["cont"])), title=title)


def _quotes(spans: Iterable[Span], marks: Marks, kind: str, title: str | None = None,
            limit: int | None = None, distinct: bool = False) -> tuple[list[Quote], int]:
    """Quotes for spans (deduplicated by text when ``distinct``), the first ``limit`` of them, and how many more."""
    chosen: list[Span] = []
    seen: set[str] = set()
    for span in spans:
        norm = " ".join(span.text.lower().split())
        if distinct and norm in seen:
            continue
        seen.add(norm)
        chosen.append(span)
    shown = chosen if limit is None else chosen[:limit]
    return [marks.add(s, kind, title) for s in shown], len(chosen) - len(shown)


def _score(report: Report, labels: Labels) -> dict[str, Any]:
    score = report.score
    value = max(0.0, min(100.0, float(score.value)))
    shown = f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"
    level = _BAND_LEVEL.get(score.band.lower()) or ("good" if value >= 80 else "fair" if value >= 55 else "poor")
    counts = None
    if score.applicable:
        counts = labels.ui("score_counts", present=score.present, partial=score.partial, absent=score.absent,
                           applicable=score.applicable)
    band = labels.pick("bands", score.band.lower(), score.band) if score.band else ""
    return {"value": value, "shown": shown if labels.lang == "en" else shown.replace(".", ","), "level": level,
            "band": band, "counts": counts}


def _message(finding: Finding, lang: str) -> str:
    return (finding.message_en or finding.message) if lang == "en" else finding.message


def _note(item: ChecklistItem, lang: str) -> str | None:
    return (item.note_en or item.note) if lang == "en" else item.note


def _findings(report: Report, labels: Labels, marks: Marks) -> list[dict[str, Any]]:
    order = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    groups: dict[str, list[dict[str, Any]]] = {}
    for finding in report.findings:
        quotes, _ = _quotes(finding.evidence, marks, "ev", finding.code, distinct=True)
        groups.setdefault(finding.severity, []).append(
            {"code": finding.code, "message": _message(finding, labels.lang), "quotes": quotes})
    return [{"severity": sev, "label": labels.severity(sev), "findings": groups[sev]}
            for sev in sorted(groups, key=lambda s: (order.get(s, len(order)), s))]


def _checklist(report: Report, labels: Labels, marks: Marks) -> list[dict[str, Any]]:
    rows = []
    for number, item in enumerate(report.checklist, 1):
        label = labels.item(item.item)
        quotes, _ = _quotes(item.evidence, marks, "ev", label, distinct=True)
        rows.append({
            "number": number, "id": item.item, "label": label,
            "article": item.article or labels.item_article(item.item) or "",
            "status": item.status, "status_label": labels.status(item.status),
            "symbol": STATUS_SYMBOL.get(item.status, "?"), "required": item.required,
            "note": _note(item, labels.lang), "quotes": quotes, "model": "model" in (item.source or ""),
        })
    return rows


def _status_counts(report: Report, labels: Labels) -> list[dict[str, Any]]:
    counts = {s: 0 for s in STATUS_ORDER}
    for item in report.checklist:
        counts[item.status] = counts.get(item.status, 0) + 1
    return [{"status": s, "label": labels.status(s), "symbol": STATUS_SYMBOL.get(s, "?"), "count": n}
            for s, n in counts.items() if n]


def _categories(report: Report, labels: Labels, marks: Marks) -> list[dict[str, Any]]:
    rows = []
    for cat in sorted(report.data_categories, key=lambda c: (not c.special, labels.category(c.category).lower())):
        quotes, more = _quotes(cat.mentions, marks, "fact", labels.category(cat.category), FACT_QUOTES, True)
        rows.append({"id": cat.category, "label": labels.category(cat.category), "special": cat.special,
                     "quotes": quotes, "more": more, "count": len(cat.mentions)})
    return rows


def _applies_to(values: list[str], labels: Labels) -> list[str]:
    known = labels.data["data_categories"]
    return [labels.category(v) if v in known else v for v in values]


def _retention(report: Report, labels: Labels, marks: Marks) -> list[dict[str, Any]]:
    rows = []
    for period in sorted(report.retention_periods, key=lambda p: p.start):
        quote = marks.add(Span(period.text, period.start, period.end), "fact", labels.ui("retention_periods"))
        if period.indefinite:
            duration = labels.ui("indefinite")
        elif period.duration is None:
            duration = labels.ui("criterion")
        else:
            duration = labels.duration(period.duration) or ""
            if period.qualifier == "range" and period.duration_max:
                duration = labels.data["qualifiers"]["range"][labels.lang].format(
                    d=duration, d_max=labels.duration(period.duration_max))
            elif period.qualifier in ("max", "min"):
                duration = labels.data["qualifiers"][period.qualifier][labels.lang].format(d=duration)
        rows.append({"quote": quote, "duration": duration, "iso": period.duration, "indefinite": period.indefinite,
                     "trigger": labels.pick("triggers", period.trigger) if period.trigger else None,
                     "applies_to": _applies_to(period.applies_to, labels), "section": period.section})
    return rows


def _parties(report: Report, labels: Labels, marks: Marks) -> list[dict[str, Any]]:
    rows = []
    for party in sorted(report.third_parties, key=lambda p: p.organisation.lower()):
        quotes, more = _quotes(party.mentions, marks, "fact", party.organisation, FACT_QUOTES, True)
        eea = None if party.outside_eea is None else ("outside" if party.outside_eea else "inside")
        eea_label = labels.ui({"outside": "outside_eea", "inside": "inside_eea", None: "eea_unknown"}[eea])
        rows.append({"organisation": party.organisation, "services": party.services,
                     "kind": labels.pick("kinds", party.kind) if party.kind else None,
                     "country": labels.country(party.country), "eea": eea or "unknown", "eea_label": eea_label,
                     "known": party.in_knowledge_base, "quotes": quotes, "more": more})
    return rows


def _bases(report: Report, labels: Labels, marks: Marks) -> list[dict[str, Any]]:
    rows = []
    for basis in report.legal_bases:
        label = labels.basis(basis.basis)
        quotes, more = _quotes(basis.mentions, marks, "fact", label, FACT_QUOTES, True)
        rows.append({"id": basis.basis, "label": label,
                     "article": basis.article or labels.basis_article(basis.basis) or "",
                     "purposes": basis.purposes, "quotes": quotes, "more": more})
    return rows


def _sections(report: Report, labels: Labels, marks: Marks) -> list[dict[str, Any]]:
    rows = []
    base = min((s.level for s in report.sections), default=0)
    for section in report.sections:
        anchor = None
        if section.heading:
            limit = min(section.end if section.end > section.start else len(report.text),
                        section.start + len(section.heading) + 40)
            found = report.text.find(section.heading, section.start, limit)
            if found >= 0:
                anchor = marks.add(Span(section.heading, found, found + len(section.heading)), "head").anchor
        rows.append({"heading": section.heading or labels.ui("untitled_section"), "number": section.number,
                     "level": max(0, section.level - base), "anchor": anchor,
                     "topics": [labels.item(t) for t in section.topics]})
    return rows


def _document(report: Report, labels: Labels) -> dict[str, Any]:
    doc = report.document
    return {"title": doc.title or doc.id, "id": doc.id, "source": doc.source,
            "last_updated": labels.date(doc.last_updated) or labels.ui("unknown_date"),
            "last_updated_iso": doc.last_updated, "language": labels.language(doc.language),
            "language_code": doc.language, "words": doc.words, "characters": doc.characters,
            "format": doc.format, "sha256": doc.sha256}


def _version() -> str:
    from .. import __version__

    return __version__


def build(report: Report, lang: str = "nl", with_text: bool = True) -> dict[str, Any]:
    """Everything a template needs, in the chosen language; marks are collected while quoting."""
    labels = Labels(lang)
    marks = Marks(report.text)
    view: dict[str, Any] = {
        "lang": lang,
        "t": labels.ui,
        "document": _document(report, labels),
        "score": _score(report, labels),
        "findings": _findings(report, labels, marks),
        "checklist": _checklist(report, labels, marks),
        "status_counts": _status_counts(report, labels),
        "categories": _categories(report, labels, marks),
        "retention": _retention(report, labels, marks),
        "parties": _parties(report, labels, marks),
        "bases": _bases(report, labels, marks),
        "sections": _sections(report, labels, marks),
        "version": _version(),
    }
    view["text"] = marks.pieces() if with_text else []
    return view
