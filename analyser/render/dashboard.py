"""The corpus dashboard (``summary.html``): what a batch of statements says, at a glance.

It reads only the two batch tables of :mod:`analyser.corpus` (documents and mentions), so it can
be rebuilt from saved Parquet/CSV files without re-analysing anything. The page is one
self-contained HTML file: charts are inline SVG drawn here in Python (no JavaScript library, no
CDN, no web fonts, no images), so it opens offline, can be mailed as one attachment and prints.

Every string that comes from the corpus (organisation names, document ids, template families,
languages, error messages) is escaped: by Jinja2's autoescape in the template and by
`markupsafe.escape` inside the SVG builders, whose output is passed to the template as Markup.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from ..data import load_data, vocabulary

TEMPLATES = Path(__file__).parent / "templates"

STATUSES = ("present", "partial", "absent", "not_applicable")
STATUS_COLOURS = {"present": "#2e7d32", "partial": "#f2a900", "absent": "#c62828", "not_applicable": "#bdbdbd"}
SEVERITIES = ("high", "medium", "low", "unknown")
SEVERITY_COLOURS = {"high": "#c62828", "medium": "#ef6c00", "low": "#1565c0", "unknown": "#757575"}
SPECIAL_COLOUR = "#6a1b9a"
PLAIN_COLOUR = "#1565c0"
OUTSIDE_EEA_COLOUR = "#c62828"
NEUTRAL_COLOUR = "#546e7a"

# Upper bounds in days of the retention buckets; "indefinite" and "none" are added after them.
RETENTION_BUCKETS: tuple[tuple[str, float], ...] = (
    ("le_1m", 31), ("le_6m", 184), ("le_1y", 366), ("le_2y", 731), ("le_7y", 2557), ("gt_7y", math.inf),
)
_ISO_DURATION = re.compile(
    r"^P(?:(?P<y>\d+(?:[.,]\d+)?)Y)?(?:(?P<mo>\d+(?:[.,]\d+)?)M)?(?:(?P<w>\d+(?:[.,]\d+)?)W)?"
    r"(?:(?P<d>\d+(?:[.,]\d+)?)D)?(?:T(?:(?P<h>\d+(?:[.,]\d+)?)H)?(?:(?P<mi>\d+(?:[.,]\d+)?)M)?"
    r"(?:(?P<s>\d+(?:[.,]\d+)?)S)?)?$"
)
_DAYS = {"y": 365.25, "mo": 30.44, "w": 7.0, "d": 1.0, "h": 1 / 24, "mi": 1 / 1440, "s": 1 / 86400}

TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Overzicht privacyverklaringen",
        "subtitle": "Wat {n} privacyverklaringen zeggen, en wat ze weglaten, volgens de AVG.",
        "overview": "Overzicht corpus",
        "documents": "Documenten",
        "analysed": "Geanalyseerd",
        "failed": "Mislukt",
        "languages": "Talen",
        "median_score": "Mediane score",
        "median_words": "Mediaan aantal woorden",
        "bands": "Scoreklassen",
        "failed_list": "Niet geanalyseerde documenten",
        "checklist": "Dekking van de checklist",
        "checklist_intro": "Per onderdeel van de AVG-checklist: het aandeel verklaringen dat het onderwerp "
                           "behandelt (aanwezig), half behandelt (gedeeltelijk) of overslaat (afwezig).",
        "present": "aanwezig", "partial": "gedeeltelijk", "absent": "afwezig", "not_applicable": "n.v.t.",
        "optional": "aanbevolen",
        "scores": "Verdeling van de scores",
        "scores_intro": "Aantal verklaringen per scoreklasse (0–100).",
        "third_parties": "Derde partijen",
        "third_parties_intro": "De vaakst genoemde organisaties die gegevens ontvangen of verwerken "
                               "(aantal verklaringen). Rood: gevestigd buiten de EER.",
        "share_outside_eea": "Verklaringen die een partij buiten de EER noemen",
        "share_any_party": "Verklaringen die minstens één derde partij noemen",
        "outside_eea": "buiten de EER",
        "retention": "Bewaartermijnen",
        "retention_intro": "Per verklaring de langste genoemde bewaartermijn.",
        "retention_mentions_intro": "Alle genoemde bewaartermijnen samen, elke termijn één keer per verklaring.",
        "le_1m": "≤ 1 maand", "le_6m": "≤ 6 maanden", "le_1y": "≤ 1 jaar", "le_2y": "≤ 2 jaar",
        "le_7y": "≤ 7 jaar", "gt_7y": "> 7 jaar", "indefinite": "onbeperkt", "none": "geen termijn",
        "data_categories": "Categorieën persoonsgegevens",
        "data_categories_intro": "Aantal verklaringen dat een categorie noemt. Paars: bijzondere of "
                                 "strafrechtelijke persoonsgegevens (art. 9 en 10 AVG).",
        "share_special": "Verklaringen die bijzondere persoonsgegevens noemen",
        "special": "bijzonder",
        "findings": "Bevindingen",
        "findings_intro": "Aantal verklaringen per bevinding, gekleurd naar ernst.",
        "high": "hoog", "medium": "middel", "low": "laag", "unknown": "onbekend",
        "findings_by_severity": "Bevindingen per ernst",
        "template_families": "Sjabloonfamilies",
        "template_families_intro": "Verklaringen die op hetzelfde sjabloon teruggaan, grootste families eerst.",
        "family": "Familie", "members": "Verklaringen", "size": "Aantal",
        "unique_documents": "Verklaringen zonder familie",
        "no_families": "Geen twee verklaringen gaan op hetzelfde sjabloon terug.",
        "no_data": "Geen gegevens.",
        "no_documents": "Geen geanalyseerde documenten.",
        "generated": "Gemaakt met analyser",
        "chart": "Grafiek",
        "of": "van",
    },
    "en": {
        "title": "Privacy statements overview",
        "subtitle": "What {n} privacy statements say, and what they leave out, under the GDPR.",
        "overview": "Corpus overview",
        "documents": "Documents",
        "analysed": "Analysed",
        "failed": "Failed",
        "languages": "Languages",
        "median_score": "Median score",
        "median_words": "Median words",
        "bands": "Score bands",
        "failed_list": "Documents not analysed",
        "checklist": "Checklist coverage",
        "checklist_intro": "For each GDPR checklist item: the share of statements that address it (present), "
                           "half address it (partial) or leave it out (absent).",
        "present": "present", "partial": "partial", "absent": "absent", "not_applicable": "n/a",
        "optional": "recommended",
        "scores": "Score distribution",
        "scores_intro": "Number of statements per score range (0–100).",
        "third_parties": "Third parties",
        "third_parties_intro": "The organisations most often named as receiving or processing data "
                               "(number of statements). Red: seated outside the EEA.",
        "share_outside_eea": "Statements naming a party outside the EEA",
        "share_any_party": "Statements naming at least one third party",
        "outside_eea": "outside the EEA",
        "retention": "Retention periods",
        "retention_intro": "The longest retention period each statement gives.",
        "retention_mentions_intro": "All stated retention periods together, each period once per statement.",
        "le_1m": "≤ 1 month", "le_6m": "≤ 6 months", "le_1y": "≤ 1 year", "le_2y": "≤ 2 years",
        "le_7y": "≤ 7 years", "gt_7y": "> 7 years", "indefinite": "indefinite", "none": "none stated",
        "data_categories": "Categories of personal data",
        "data_categories_intro": "Number of statements naming each category. Purple: special or criminal "
                                 "data (GDPR Art. 9 and 10).",
        "share_special": "Statements naming special categories",
        "special": "special",
        "findings": "Findings",
        "findings_intro": "Number of statements per finding, coloured by severity.",
        "high": "high", "medium": "medium", "low": "low", "unknown": "unknown",
        "findings_by_severity": "Findings by severity",
        "template_families": "Template families",
        "template_families_intro": "Statements that go back to the same template, largest families first.",
        "family": "Family", "members": "Statements", "size": "Size",
        "unique_documents": "Statements without a family",
        "no_families": "No two statements go back to the same template.",
        "no_data": "No data.",
        "no_documents": "No analysed documents.",
        "generated": "Made with analyser",
        "chart": "Chart",
        "of": "of",
    },
}


# --------------------------------------------------------------------------- small value helpers


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, (str, list)):
        return False
    if isinstance(value, float) and math.isnan(value):
        return True
    return value is pd.NA or value is pd.NaT


def as_list(value: Any) -> list[Any]:
    """A list cell as a Python list: lists, tuples, numpy/pyarrow arrays, None/NaN (→ []), or one string."""
    if type(value) is list:  # the tables' own list cells: the fast path for 100,000 rows
        return [v for v in value if v is not None]
    if _is_missing(value):
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, Iterable):
        return [v for v in value if not _is_missing(v)]
    return [value]


def _text(value: Any) -> str | None:
    return None if _is_missing(value) or str(value) == "" else str(value)


def _column(df: pd.DataFrame, name: str) -> pd.Series:
    """A column, or an empty one of the right length when the table lacks it (old or partial tables)."""
    if name in df.columns:
        return df[name]
    return pd.Series([None] * len(df), index=df.index, dtype=object)


def iso_duration_days(value: Any) -> float | None:
    """Approximate length in days of an ISO 8601 duration (``P6M`` → 182.6); None if it is not one."""
    text = _text(value)
    if text is None or text == "P" or text.endswith("T"):
        return None
    match = _ISO_DURATION.match(text.strip().upper())
    if not match or not any(match.groupdict().values()):
        return None
    return sum(float(v.replace(",", ".")) * _DAYS[k] for k, v in match.groupdict().items() if v)


def retention_bucket(duration: Any, indefinite: bool = False) -> str:
    """The dashboard bucket of one retention period (or of a statement's longest one)."""
    return "indefinite" if indefinite else _bucket(_text(duration))


@lru_cache(maxsize=4096)
def _bucket(duration: str | None) -> str:
    days = iso_duration_days(duration)
    if days is None:
        text = (duration or "").lower()
        return "indefinite" if text in ("indefinite", "onbeperkt", "onbepaald") else "none"
    return next(key for key, limit in RETENTION_BUCKETS if days <= limit)


def _label(group: str, key: str, lang: str) -> str:
    """The report's own label for an id (``labels.json``, shared with the report renderers), else the id."""
    try:
        labels = load_data("labels")
    except Exception:  # the labels file is optional here: ids are readable enough on their own
        return key
    entry = labels.get(group, {}).get(key) if isinstance(labels, dict) else None
    return str(entry.get(lang) or key) if isinstance(entry, dict) else key


def _value_counts(column: pd.Series) -> Counter[str]:
    """Counts of the non-empty string values of a column (plain, string or categorical dtype), vectorised
    because the dashboard must stay quick for a corpus of 100,000 statements."""
    values = column.dropna()
    if values.empty or isinstance(values.iloc[0], (list, tuple)):
        return Counter()
    counts: Counter[str] = Counter()
    for key, n in values.value_counts().items():
        if n and str(key):
            counts[str(key)] += int(n)
    return counts


def _fmt_number(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return text.replace(".", ",") if lang == "nl" else text


def _fmt_share(part: int, whole: int, lang: str) -> str:
    if not whole:
        return "–"
    return f"{_fmt_number(100 * part / whole, lang, 0)}%"


# --------------------------------------------------------------------------- SVG charts

_FONT = "font-family=\"system-ui,-apple-system,'Segoe UI',Roboto,sans-serif\""


@dataclass
class Bar:
    """One bar: its label, value, colour, and the text shown after it (defaults to the value)."""

    label: str
    value: float
    colour: str = PLAIN_COLOUR
    note: str | None = None
    tooltip: str | None = None


@dataclass
class StackedRow:
    label: str
    segments: list[tuple[str, float]] = field(default_factory=list)  # (key, count)
    tooltip: str | None = None


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label_width(labels: Iterable[str], limit: int, floor: int = 90, ceiling: int = 360) -> int:
    """Room for the longest (shortened) label at 12px: about 6.8px a character, plus a gap."""
    longest = max((len(_shorten(label, limit)) for label in labels), default=0)
    return int(min(ceiling, max(floor, longest * 6.8 + 12)))


def _svg_open(width: float, height: float, label: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
            f'role="img" aria-label="{escape(label)}" {_FONT} font-size="12"><title>{escape(label)}</title>')


def bar_chart(bars: Sequence[Bar], title: str, *, label_width: int | None = None, bar_width: int = 380,
              row_height: int = 22, max_value: float | None = None) -> Markup:
    """Horizontal bars with a label on the left and the value (or note) after each bar."""
    if not bars:
        return Markup("")
    label_width = label_width or _label_width((b.label for b in bars), 34)
    top = max_value if max_value else max((b.value for b in bars), default=0) or 1
    height = row_height * len(bars) + 8
    width = label_width + bar_width + 70
    parts = [_svg_open(width, height, title)]
    for i, bar in enumerate(bars):
        y = 4 + i * row_height
        length = max(0.0, bar.value) / top * bar_width
        note = bar.note if bar.note is not None else _fmt_number(bar.value, "en")
        tip = escape(bar.tooltip or f"{bar.label}: {note}")
        parts.append(
            f'<g><title>{tip}</title>'
            f'<text x="{label_width - 6}" y="{y + row_height * 0.68:.1f}" text-anchor="end" fill="#222">'
            f'{escape(_shorten(bar.label, 34))}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row_height - 6}" '
            f'fill="{bar.colour}" rx="2"/>'
            f'<text x="{label_width + length + 5:.1f}" y="{y + row_height * 0.68:.1f}" fill="#333">'
            f'{escape(note)}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked_chart(rows: Sequence[StackedRow], title: str, colours: Mapping[str, str], *,
                  label_width: int | None = None, bar_width: int = 380, row_height: int = 22) -> Markup:
    """100% stacked horizontal bars: each row's segments as shares of the row's total."""
    if not rows:
        return Markup("")
    label_width = label_width or _label_width((r.label for r in rows), 52)
    height = row_height * len(rows) + 8
    width = label_width + bar_width + 10
    parts = [_svg_open(width, height, title)]
    for i, row in enumerate(rows):
        y = 4 + i * row_height
        total = sum(count for _, count in row.segments)
        parts.append(f'<g><title>{escape(row.tooltip or row.label)}</title>'
                     f'<text x="{label_width - 6}" y="{y + row_height * 0.68:.1f}" text-anchor="end" fill="#222">'
                     f'{escape(_shorten(row.label, 52))}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{bar_width}" height="{row_height - 6}" '
                     f'fill="#f1f1f1"/>')
        x = float(label_width)
        for key, count in row.segments:
            if not total or count <= 0:
                continue
            share = count / total
            length = share * bar_width
            text_fill = "#222" if key in ("partial", "not_applicable") else "#fff"
            parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{length:.1f}" height="{row_height - 6}" '
                         f'fill="{colours.get(key, NEUTRAL_COLOUR)}"/>')
            if length >= 30:
                parts.append(f'<text x="{x + length / 2:.1f}" y="{y + row_height * 0.68:.1f}" text-anchor="middle" '
                             f'fill="{text_fill}" font-size="11">{share * 100:.0f}%</text>')
            x += length
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def histogram(bins: Sequence[tuple[str, float]], title: str, *, colour: str = PLAIN_COLOUR,
              colours: Sequence[str] | None = None, bin_width: int = 76, plot_height: int = 150) -> Markup:
    """Vertical bars, one per bin, with the count above and the bin label below."""
    if not bins:
        return Markup("")
    top = max((count for _, count in bins), default=0) or 1
    width = bin_width * len(bins) + 20
    height = plot_height + 44
    base = plot_height + 16
    parts = [_svg_open(width, height, title),
             f'<line x1="10" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#999"/>']
    for i, (label, count) in enumerate(bins):
        x = 10 + i * bin_width
        bar_height = count / top * plot_height
        fill = colours[i] if colours else colour
        parts.append(
            f'<g><title>{escape(label)}: {count:g}</title>'
            f'<rect x="{x + 4}" y="{base - bar_height:.1f}" width="{bin_width - 8}" height="{bar_height:.1f}" '
            f'fill="{fill}" rx="2"/>'
            f'<text x="{x + bin_width / 2:.1f}" y="{base - bar_height - 4:.1f}" text-anchor="middle" '
            f'fill="#333">{count:g}</text>'
            f'<text x="{x + bin_width / 2:.1f}" y="{base + 16}" text-anchor="middle" fill="#222" '
            f'font-size="11">{escape(_shorten(label, 14))}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def legend(items: Sequence[tuple[str, str]]) -> Markup:
    """A colour legend as HTML (label, colour) so it wraps and prints with the text."""
    return Markup("").join(
        Markup('<span class="key"><span class="swatch" style="background:{}"></span>{}</span>').format(colour, label)
        for label, colour in items
    )


# --------------------------------------------------------------------------- the figures


def _succeeded(documents: pd.DataFrame) -> pd.DataFrame:
    errors = _column(documents, "error").map(_text)
    return documents[errors.isna()]


def overview(documents: pd.DataFrame, ok: pd.DataFrame, lang: str) -> dict[str, Any]:
    languages = Counter(_label("languages", _text(v) or "?", lang) for v in _column(documents, "language"))
    scores = pd.to_numeric(_column(ok, "score"), errors="coerce").dropna()
    words = pd.to_numeric(_column(ok, "words"), errors="coerce").dropna()
    bands = [(_label("bands", band, lang), count) for band, count in band_counts(ok)]
    failed = documents.loc[~documents.index.isin(ok.index)]
    return {
        "documents": len(documents),
        "analysed": len(ok),
        "failed": len(failed),
        "languages": languages.most_common(),
        "median_score": _fmt_number(float(scores.median()), lang) if len(scores) else "–",
        "median_words": _fmt_number(float(words.median()), lang, 0) if len(words) else "–",
        "bands": bands,
        "failed_rows": [(_text(i) or "?", _text(e) or "") for i, e in
                        zip(_column(failed, "id"), _column(failed, "error"), strict=True)][:50],
    }


def status_column(df: pd.DataFrame, item_id: str) -> str:
    """The column of a checklist item's status: its id, or ``<id>_status`` where the id names another column
    (``data_categories`` is the list of categories; its status is ``data_categories_status``)."""
    return f"{item_id}_status" if f"{item_id}_status" in df.columns else item_id


def band_counts(ok: pd.DataFrame) -> list[tuple[str, int]]:
    """Statements per score band, best band first (bands are ordered by their median score, whatever their names)."""
    frame = pd.DataFrame({"band": _column(ok, "band").map(_text),
                          "score": pd.to_numeric(_column(ok, "score"), errors="coerce")}).dropna(subset=["band"])
    if frame.empty:
        return []
    ranked = frame.groupby("band")["score"].agg(["median", "size"]).fillna({"median": -1})
    ranked = ranked.sort_values(["median", "size"], ascending=False)
    return [(str(band), int(size)) for band, size in ranked["size"].items()]


def checklist_coverage(ok: pd.DataFrame, lang: str) -> list[StackedRow]:
    """One stacked row per checklist item (vocabulary order) with its status counts over the statements."""
    rows = []
    for item in vocabulary()["checklist"]:
        statuses = _value_counts(_column(ok, status_column(ok, item["id"])))
        if not any(statuses.get(s) for s in STATUSES):
            continue
        label = item[lang] if item.get("required", True) else f"{item[lang]} ({TEXT[lang]['optional']})"
        tooltip = f"{item[lang]} (art. {item['article']}): " + ", ".join(
            f"{TEXT[lang][s]} {statuses.get(s, 0)}" for s in STATUSES if statuses.get(s))
        rows.append(StackedRow(label, [(s, statuses.get(s, 0)) for s in STATUSES], tooltip))
    return rows


def score_bins(ok: pd.DataFrame) -> list[tuple[str, float]]:
    """Ten bins of width 10 over 0–100 (100 falls in the last one)."""
    scores = pd.to_numeric(_column(ok, "score"), errors="coerce").dropna()
    if scores.empty:
        return []
    counts = Counter(min(int(s // 10), 9) for s in scores.clip(0, 100))
    return [(f"{10 * i}–{10 * i + 10}" if i < 9 else "90–100", counts.get(i, 0)) for i in range(10)]


def third_party_figures(ok: pd.DataFrame, lang: str, limit: int = 20) -> dict[str, Any]:
    named: Counter[str] = Counter()
    outside: set[str] = set()
    docs_outside = docs_any = 0
    for parties, far in zip(_column(ok, "third_parties"), _column(ok, "third_parties_outside_eea"), strict=True):
        parties = {str(p) for p in as_list(parties)}
        far = {str(p) for p in as_list(far)}
        named.update(parties | far)
        outside |= far
        docs_outside += bool(far)
        docs_any += bool(parties | far)
    word = TEXT[lang]["outside_eea"]
    bars = [Bar(name, count, OUTSIDE_EEA_COLOUR if name in outside else PLAIN_COLOUR,
                tooltip=f"{name}: {count}" + (f" ({word})" if name in outside else ""))
            for name, count in sorted(named.items(), key=lambda kv: (-kv[1], kv[0].lower()))[:limit]]
    return {"bars": bars, "distinct": len(named), "share_outside": _fmt_share(docs_outside, len(ok), lang),
            "docs_outside": docs_outside, "share_any": _fmt_share(docs_any, len(ok), lang), "docs_any": docs_any}


def retention_figures(ok: pd.DataFrame, mentions: pd.DataFrame, lang: str) -> dict[str, Any]:
    """Per statement its longest period bucketed, and every stated period bucketed (from the mentions)."""
    keys = [key for key, _ in RETENTION_BUCKETS] + ["indefinite", "none"]
    per_doc: Counter[str] = Counter()
    for longest, shortest, indefinite in zip(_column(ok, "retention_max"), _column(ok, "retention_min"),
                                             _column(ok, "retention_indefinite"), strict=True):
        flag = bool(indefinite) if not _is_missing(indefinite) else False
        per_doc[retention_bucket(longest if _text(longest) else shortest, flag)] += 1
    all_periods: Counter[str] = Counter()
    if len(mentions):
        rows = mentions[_column(mentions, "field") == "retention"]
        rows = rows[_column(rows, "doc_id").astype(object).isin(set(_column(ok, "id").astype(object)))]
        # each period once per statement: a statement that repeats "7 jaar" five times is one voice
        rows = rows[["doc_id", "value"]].astype(object).drop_duplicates()
        for value, count in _value_counts(_column(rows, "value")).items():  # parse each distinct value once
            bucket = retention_bucket(value)
            if bucket != "none":
                all_periods[bucket] += count
    colours = [PLAIN_COLOUR] * len(RETENTION_BUCKETS) + [OUTSIDE_EEA_COLOUR, "#9e9e9e"]
    return {
        "per_doc": [(TEXT[lang][k], per_doc.get(k, 0)) for k in keys] if len(ok) else [],
        "per_doc_colours": colours,
        "all": [(TEXT[lang][k], all_periods.get(k, 0)) for k in keys[:-1]] if all_periods else [],
        "all_colours": colours[:-1],
    }


def data_category_figures(ok: pd.DataFrame, lang: str) -> dict[str, Any]:
    special = {c["id"] for c in vocabulary()["data_categories"] if c["special"]}
    counts: Counter[str] = Counter()
    docs_special = 0
    for cats in _column(ok, "data_categories"):
        cats = {str(c) for c in as_list(cats)}
        counts.update(cats)
        docs_special += bool(cats & special)
    word = TEXT[lang]["special"]

    def bar(cat: str, count: int) -> Bar:
        name = _label("data_categories", cat, lang)
        tooltip = f"{name} [{cat}]: {count}" + (f" ({word})" if cat in special else "")
        if cat in special:  # shortened before the star so that a long name keeps its mark
            return Bar(_shorten(name, 31) + " ★", count, SPECIAL_COLOUR, tooltip=tooltip)
        return Bar(name, count, PLAIN_COLOUR, tooltip=tooltip)

    bars = [bar(cat, count) for cat, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"bars": bars, "share_special": _fmt_share(docs_special, len(ok), lang), "docs_special": docs_special}


def finding_severities(mentions: pd.DataFrame, severities: Mapping[str, str] | None = None) -> dict[str, str]:
    """Severity per finding code: given explicitly, from a ``severity`` column of the mentions, or from data."""
    found: dict[str, str] = {}
    try:  # a findings catalogue in analyser/data, if the findings stage keeps one
        catalogue = load_data("findings")
    except Exception:
        catalogue = None
    entries = catalogue.get("findings", catalogue) if isinstance(catalogue, dict) else catalogue
    if isinstance(entries, dict):
        entries = [dict(v, code=k) if isinstance(v, dict) else {"code": k} for k, v in entries.items()]
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("code") and entry.get("severity"):
            found[str(entry["code"])] = str(entry["severity"])
    if "severity" in mentions.columns and len(mentions):
        rows = mentions.loc[_column(mentions, "field") == "finding", ["value", "severity"]]
        rows = rows.astype(object).drop_duplicates()
        for code, severity in zip(rows["value"], rows["severity"], strict=True):
            if _text(code) and _text(severity):
                found[str(code)] = str(severity)
    found.update(severities or {})
    return found


def finding_figures(ok: pd.DataFrame, mentions: pd.DataFrame, lang: str,
                    severities: Mapping[str, str] | None = None) -> dict[str, Any]:
    levels = finding_severities(mentions, severities)
    counts: Counter[str] = Counter()
    for codes in _column(ok, "findings"):
        counts.update({str(c) for c in as_list(codes)})

    def level(code: str) -> str:
        return levels.get(code, "unknown") if levels.get(code, "unknown") in SEVERITIES else "unknown"

    order = {s: i for i, s in enumerate(SEVERITIES)}
    bars = [Bar(code, count, SEVERITY_COLOURS[level(code)], tooltip=f"{code} ({TEXT[lang][level(code)]}): {count}")
            for code, count in sorted(counts.items(), key=lambda kv: (order[level(kv[0])], -kv[1], kv[0]))]
    by_severity = Counter()
    for code, count in counts.items():
        by_severity[level(code)] += count
    return {"bars": bars,
            "by_severity": [(TEXT[lang][s], by_severity[s], SEVERITY_COLOURS[s]) for s in SEVERITIES
                            if by_severity.get(s)]}


def _family_name(family: Any, lang: str) -> str:
    """Family ids are integers (0, 1, …) numbered by first appearance; show them as "familie 0"."""
    if isinstance(family, (int, float)) and float(family).is_integer():
        family = int(family)  # a nullable integer column read without its dtype comes back as float
    text = str(family)
    return f"{TEXT[lang]['family'].lower()} {text}" if text.isdigit() else text


def template_family_figures(ok: pd.DataFrame, lang: str, limit: int = 12) -> dict[str, Any]:
    members: dict[str, list[str]] = {}
    for doc_id, family in zip(_column(ok, "id"), _column(ok, "template_family"), strict=True):
        if _text(family):
            members.setdefault(_family_name(family, lang), []).append(_text(doc_id) or "?")
    shared = sorted(((f, sorted(ids)) for f, ids in members.items() if len(ids) > 1),
                    key=lambda kv: (-len(kv[1]), kv[0]))
    in_family = sum(len(ids) for _, ids in shared)
    return {
        "families": shared[:limit],
        "bars": [Bar(f, len(ids), NEUTRAL_COLOUR) for f, ids in shared[:limit]],
        "n_families": len(shared),
        "unique": len(ok) - in_family,
        "assigned": bool(members),
    }


# --------------------------------------------------------------------------- rendering


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True,
                       lstrip_blocks=True)


def render_dashboard(documents: pd.DataFrame, mentions: pd.DataFrame | None = None, lang: str = "nl", *,
                     title: str | None = None, severities: Mapping[str, str] | None = None) -> str:
    """The corpus dashboard as one self-contained HTML page.

    ``documents`` and ``mentions`` are the tables of :func:`analyser.corpus.reports_to_frames`.
    Failed documents (non-empty ``error``) are counted and listed but left out of every figure.
    ``severities`` maps finding codes to high/medium/low when neither the mentions nor the data
    files say it.
    """
    if lang not in TEXT:
        raise ValueError(f"unknown dashboard language {lang!r}; use one of {sorted(TEXT)}")
    documents = documents if documents is not None else pd.DataFrame()
    mentions = mentions if mentions is not None else pd.DataFrame()
    documents = documents.reset_index(drop=True)
    t = TEXT[lang]
    ok = _succeeded(documents)
    parties = third_party_figures(ok, lang)
    retention = retention_figures(ok, mentions, lang)
    categories = data_category_figures(ok, lang)
    findings = finding_figures(ok, mentions, lang, severities)
    families = template_family_figures(ok, lang)
    checklist_rows = checklist_coverage(ok, lang)
    status_legend = legend([(t[s], STATUS_COLOURS[s]) for s in STATUSES])
    context = {
        "t": t,
        "lang": lang,
        "title": title or t["title"],
        "subtitle": t["subtitle"].format(n=len(documents)),
        "overview": overview(documents, ok, lang),
        "checklist_svg": stacked_chart(checklist_rows, t["checklist"], STATUS_COLOURS),
        "status_legend": status_legend,
        "score_svg": histogram(score_bins(ok), t["scores"]),
        "parties": parties,
        "parties_svg": bar_chart(parties["bars"], t["third_parties"]),
        "parties_legend": legend([(t["outside_eea"], OUTSIDE_EEA_COLOUR), ("EER" if lang == "nl" else "EEA",
                                                                          PLAIN_COLOUR)]),
        "retention_doc_svg": histogram(retention["per_doc"], t["retention"], colours=retention["per_doc_colours"]),
        "retention_all_svg": histogram(retention["all"], t["retention"], colours=retention["all_colours"]),
        "categories": categories,
        "categories_svg": bar_chart(categories["bars"], t["data_categories"]),
        "categories_legend": legend([(t["special"], SPECIAL_COLOUR)]),
        "findings": findings,
        "findings_svg": bar_chart(findings["bars"], t["findings"]),
        "severity_legend": legend([(t[s], SEVERITY_COLOURS[s]) for s in SEVERITIES]),
        "families": families,
        "families_svg": bar_chart(families["bars"], t["template_families"]),
    }
    return _environment().get_template("dashboard.html.j2").render(**context)
