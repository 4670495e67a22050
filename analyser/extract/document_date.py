"""The statement's version / last-updated date, as an ISO date ("2018-05-23", or "2025-02" when only
a month is given).

Dutch statements state it in a handful of ways: "Laatst bijgewerkt: 23-5-2018", "Versie:
24-04-2022", "Datum: 28 maart 2020", "Deze privacyverklaring is voor het laatst aangepast op ...",
"Huidige versie ... van toepassing vanaf 16 september 2021", a bare date under the title, a
"Versie" heading over a dated closing line, or a list of versions with dates. Other dates in a
statement are not its version (a founding date, a court ruling, a date of birth), so a date counts
only on a line with a version/update cue, on a short line or list item right under a cue line,
or on a short line near the top or at the very end. Dates with an explicit cue win over bare
ones; among several, the newest is the current version. Only dates with a four-digit year are
read ("23-5-18" is not).

Cue words and month names live in ``data/document_date.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load_data
from ..extensions import doc_text

_DIGIT = re.compile(r"\d")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪◦–]|\d{1,2}[.)]|[a-z][.)])\s")


@dataclass(frozen=True)
class FoundDate:
    """A date on a candidate line; ``day`` is None when only month and year are given."""

    year: int
    month: int
    day: int | None
    strong: bool  # stated with a version / update cue
    start: int
    end: int

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.year, self.month, self.day or 0)


class DateRules:
    """The compiled patterns of ``data/document_date.json``."""

    def __init__(self, data: dict) -> None:
        self.months: dict[str, int] = data["months"]
        names = "|".join(sorted(map(re.escape, self.months), key=len, reverse=True))
        self.date = re.compile(
            r"(?<![\d.])(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d.]\d)"
            r"|(?<!\d)(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})(?!\d)"
            rf"|(?<!\d)(?P<d3>\d{{1,2}})(?:e|ste|de)?\s+(?P<mon3>{names})\.?,?\s+(?P<y3>\d{{4}})(?!\d)"
            rf"|\b(?P<mon4>{names})\.?\s+(?P<d4>\d{{1,2}}),?\s+(?P<y4>\d{{4}})(?!\d)"
            rf"|\b(?P<mon5>{names})\.?,?\s+(?P<y5>\d{{4}})(?!\d)")
        self.cue = re.compile(data["cue"])
        self.not_version = re.compile(data["not_version"])
        self.top_chars: int = data["top_chars"]
        self.tail_lines: int = data["tail_lines"]
        self.short_line_words: int = data["short_line_words"]
        self.after_cue_lines: int = data["after_cue_lines"]

    def parse(self, m: re.Match[str]) -> tuple[int, int, int | None] | None:
        """(year, month, day) of a date match, or None for an impossible date."""
        g = m.groupdict()
        if g["d"]:
            day, month, year = int(g["d"]), int(g["m"]), int(g["y"])
            if month > 12 >= day:  # 05/23/2018: month first
                day, month = month, day
        elif g["y2"]:
            day, month, year = int(g["d2"]), int(g["m2"]), int(g["y2"])
        elif g["d3"]:
            day, month, year = int(g["d3"]), self.months[g["mon3"]], int(g["y3"])
        elif g["mon4"]:
            day, month, year = int(g["d4"]), self.months[g["mon4"]], int(g["y4"])
        else:
            return (int(g["y5"]), self.months[g["mon5"]], None) if 1995 <= int(g["y5"]) <= 2100 else None
        if year < 100:
            year += 2000
        if not 1995 <= year <= 2100:
            return None
        try:
            date(year, month, day)
        except ValueError:
            return None
        return year, month, day


_RULES: list[DateRules] = []


def rules() -> DateRules:
    if not _RULES:
        _RULES.append(DateRules(load_data("document_date")))
    return _RULES[0]


def lower_text(doc: Doc, text: str) -> str:
    """The lower-cased text with the same offsets, computed once per Doc (legal bases reuse it)."""
    lower = doc.user_data.get("analyser_lower")
    if lower is None:
        lower = text.lower()
        if len(lower) != len(text):  # a character whose lower case is longer: keep offsets aligned
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        doc.user_data["analyser_lower"] = lower
    return lower


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def find_dates(text: str, lower: str, r: DateRules) -> list[FoundDate]:
    """Every date on a line that could state the version, marked strong when a version / update
    cue states it (on the line, or on the line above a short dated line or a dated list).

    A date needs a year, so only lines holding a four-digit year are read: two substring searches
    ("20", "199") instead of a date regex over the whole text."""
    lines: set[int] = set()
    for needle in ("20", "199"):
        i = lower.find(needle)
        while i >= 0:
            j = i + 4  # a four-digit year: 20xx or 199x
            if lower[i + len(needle):j].isdigit() and (i == 0 or not lower[i - 1].isdigit()) \
                    and not lower[j:j + 1].isdigit():
                s, e = _line_bounds(text, i)
                lines.add(s)
                i = lower.find(needle, e)
            else:
                i = lower.find(needle, i + 1)
    tail_start = _tail_start(text, r.tail_lines)
    found: list[FoundDate] = []
    for s in sorted(lines):
        e = _line_bounds(text, s)[1]
        line = lower[s:e]
        if r.not_version.search(line):
            continue
        for m in r.date.finditer(line):
            parsed = r.parse(m)
            if parsed is None:
                continue
            rest = (line[:m.start()] + " " + line[m.end():]).split()
            short = len(rest) <= r.short_line_words or bool(_LIST_ITEM.match(line))
            strong = bool(r.cue.search(line)) or (short and _cue_line_above(text, lower, s, r))
            if strong or (short and (s < r.top_chars or s >= tail_start)):
                found.append(FoundDate(*parsed, strong=strong, start=s + m.start(), end=s + m.end()))
    return found


def _tail_start(text: str, count: int) -> int:
    """Where the last ``count`` non-blank lines begin."""
    end = len(text)
    start = end
    while end > 0 and count > 0:
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if end == 0:
            break
        start = text.rfind("\n", 0, end) + 1
        end = start
        count -= 1
    return start


def _cue_line_above(text: str, lower: str, start: int, r: DateRules) -> bool:
    """The nearest non-blank line above that is not a list item or a dated line carries a cue
    ("Vorige versies waren:" over "- V0.2 - 03/03/2021 - ...", a "Versie" heading over a date)."""
    pos = start - 1
    for _ in range(r.after_cue_lines + 1):
        if pos <= 0:
            return False
        s, e = _line_bounds(text, pos)
        line = lower[s:e]
        pos = s - 1
        if not line.strip() or (_LIST_ITEM.match(line) and r.date.search(line)):
            continue
        return bool(r.cue.search(line)) and not r.not_version.search(line)
    return False


def version_date(text: str, lower: str, r: DateRules | None = None) -> FoundDate | None:
    """The statement's version date, or None when it states none."""
    found = find_dates(text, lower, r or rules())
    pool = [f for f in found if f.strong] or found
    return max(pool, key=lambda f: f.key) if pool else None


def document_date(text: str, lower: str | None = None, r: DateRules | None = None) -> str | None:
    """The ISO version date of a statement ("2018-05-23", "2025-02"), or None when it states none."""
    found = version_date(text, text.lower() if lower is None else lower, r)
    return found.iso if found else None


@Language.factory("analyser_document_date", default_config={})
def make_component(nlp: Language, name: str) -> DocumentDateComponent:
    return DocumentDateComponent()


class DocumentDateComponent:
    """Writes ``doc._.last_updated`` (and the date's offsets in ``doc.user_data["analyser_last_updated_at"]``,
    for the findings' evidence)."""

    def __init__(self) -> None:
        self.rules = rules()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found = version_date(text, lower_text(doc, text), self.rules)
        doc._.last_updated = found.iso if found else None
        if found:
            doc.user_data["analyser_last_updated_at"] = (found.start, found.end)
        return doc
