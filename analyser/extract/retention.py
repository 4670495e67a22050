"""Retention periods: how long personal data is kept, normalised to ISO 8601 durations.

A Dutch statement writes periods in many shapes ("zeven jaar", "anderhalf jaar", "6 tot 12 maanden",
"24 uur", "een half jaar", "- Webserver logging: 3 maanden") and uses the same shapes for things that
are not retention at all: response times ("binnen vier weken reageren"), ages ("jonger dan 16 jaar"),
document validity ("niet ouder dan 3 maanden"), experience ("al 25 jaar"), notice periods and
frequencies. So every duration is found with one compiled regular expression over the text and then
*judged by its context*:

* a word of keeping or deleting in its sentence (bewaren, opslaan, verwijderen, vernietigen,
  anonimiseren, bewaartermijn, ...), or
* its place: a list item or a governed phrase ("maximaal 8 jaar") in a section whose heading is
  about retention, or a list item under an introduction line that speaks of keeping ("... voor de
  periode:"), or
* a cookie sentence that speaks of a cookie's lifetime (the guide counts those or makes them optional);

and it is dropped when the words right before or after mark an age, a frequency, experience, a notice
period or a response time. Criteria without a period ("niet langer dan noodzakelijk", "zolang je lid
bent", "de wettelijke bewaartermijn", "na afloop van het seizoen") become entries with
``duration=None`` so that the checklist can see that retention is addressed, if only vaguely.

All words, patterns and cues live in ``data/retention.json``; this module holds the rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy
from spacy.attrs import IDX, LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import extensions  # noqa: F401  (declares the Doc extensions)
from ..data import load_data
from ..extensions import doc_text
from ..report import RetentionPeriod, Section
from ..segment import section_at

SPAN_KEY = "retention_periods"
_WINDOW = 60  # characters of context looked at before / after a duration
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–]|\d{1,2}[.)]|[a-h][.)])\s+")
_REACH = 45  # characters before a unit word where its number(s) may start ("tussen de zes en twaalf maanden")

# ------------------------------------------------------------------ durations


def iso_duration(value: float, unit: str) -> str:
    """ISO 8601 for ``value`` ``unit`` (Y, M, W, D, H, MIN, S); fractions go one unit down
    ("anderhalf jaar" → P18M, "een half jaar" → P6M, "anderhalve dag" → PT36H)."""
    down = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MIN"), "MIN": (60, "S")}
    while value != int(value) and unit in down:
        factor, unit = down[unit]
        value *= factor
    n = round(value)
    if unit in ("H", "MIN", "S"):
        return f"PT{n}{'M' if unit == 'MIN' else unit}"
    return f"P{n}{unit}"


@dataclass
class Patterns:
    """Everything compiled once from ``data/retention.json``."""

    numbers: dict[str, float]
    units: dict[str, tuple[str, int]]
    duration: re.Pattern[str]
    unit_word: re.Pattern[str]
    unit_suffixes: tuple[str, ...]
    fraction_words: frozenset[str]
    cue_heads: frozenset[str]
    qualifier_min: re.Pattern[str]
    qualifier_max: re.Pattern[str]
    retention_cue: re.Pattern[str]
    keep_cue: re.Pattern[str]
    cookie_context: re.Pattern[str]
    cookie_lifetime: re.Pattern[str]
    retention_heading: re.Pattern[str]
    governed: re.Pattern[str]
    exclude_before: re.Pattern[str]
    exclude_after: re.Pattern[str]
    age_years: re.Pattern[str]
    response_cue: re.Pattern[str]
    response_prefix: re.Pattern[str]
    rights_context: re.Pattern[str]
    indefinite: re.Pattern[str]
    indefinite_negation: re.Pattern[str]
    indefinite_deletion: re.Pattern[str]
    indefinite_adjacent: frozenset[str]
    criteria: re.Pattern[str]
    trigger_after: re.Pattern[str]
    trigger_before: re.Pattern[str]
    trigger_stop: re.Pattern[str]


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


def _words(patterns: list[str]) -> str:
    """An alternation that must start and end on word boundaries."""
    return rf"(?<!\w)(?:{_alt(patterns)})(?!\w)"


def _number_words(data: dict[str, Any]) -> dict[str, float]:
    """The number words, with the compounds Dutch writes as one word (vijfentwintig, tweeëntwintig)."""
    numbers: dict[str, float] = {k: float(v) for k, v in data["numbers"].items()}
    for unit_word, unit in data["digits"].items():
        for ten_word, ten in data["tens"].items():
            for joint in ("en", "ën"):
                numbers[f"{unit_word}{joint}{ten_word}"] = float(unit + ten)
    for word, value in data["fractions"].items():
        numbers[word] = float(value)
    return numbers


@cache
def patterns() -> Patterns:
    data = load_data("retention")
    numbers = _number_words(data)
    units = {k: (v[0], int(v[1])) for k, v in data["units"].items()}
    words = sorted(numbers, key=len, reverse=True)
    number = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    number = rf"\d+(?:[,.]\d+)?½?|½|(?:{number})"
    unit = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    connectors = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in data["range_connectors"])
    duration = re.compile(
        rf"(?<![\w.,/-])(?:(?P<tussen>tussen\s+(?:de\s+)?)?(?P<n1>{number})\s*(?:(?P<u1>{unit})\.?\s*)?"
        rf"(?P<conn>{connectors}|(?(tussen)en|(?!)))\s*)?"
        rf"(?P<n2>{number})\s*-?\s*(?P<u2>{unit})(?!\w)",
        re.I)
    fillers = rf"(?:(?:{_alt(data['fillers'])})\s+){{0,2}}"
    before = {k: _alt(v) for k, v in data["exclude_before"].items()}
    exclude_before = "|".join(rf"(?P<{k}>(?<!\w)(?:{v})\s*{fillers}$)" for k, v in before.items()
                              if k not in ("time_of_day", "age_years"))
    exclude_before += rf"|(?P<time_of_day>(?<!\w)(?:{before['time_of_day']})\s+$)"
    after = "|".join(rf"(?P<{k}>^\s*(?:{_alt(v)}))" for k, v in data["exclude_after"].items())
    trigger_stop = re.compile(data["trigger_stop"], re.I)
    return Patterns(
        numbers=numbers,
        units=units,
        duration=duration,
        unit_word=re.compile(rf"(?<!\w)(?:{unit})(?!\w)", re.I),
        unit_suffixes=tuple(units),
        fraction_words=frozenset(w for f in data["fractions"] for w in f.split()) | {"½"},
        cue_heads=frozenset(data["cue_heads"]),
        qualifier_min=re.compile(rf"{_words(data['qualifiers']['min'])}\s*$", re.I),
        qualifier_max=re.compile(rf"{_words(data['qualifiers']['max'])}\s*$", re.I),
        retention_cue=re.compile(_alt(data["retention_cues"]), re.I),
        keep_cue=re.compile(_alt(data["keep_cues"]), re.I),
        cookie_context=re.compile(_alt(data["cookie_context"]), re.I),
        cookie_lifetime=re.compile(_alt(data["cookie_lifetime_cues"]), re.I),
        retention_heading=re.compile(_alt(data["retention_headings"]), re.I),
        governed=re.compile(rf"(?:{_words(data['governing_words'])}|[:|\t>=–-])\s*{fillers}$", re.I),
        exclude_before=re.compile(exclude_before, re.I),
        exclude_after=re.compile(after, re.I),
        age_years=re.compile(rf"(?<!\w)(?:{before['age_years']})\s*$", re.I),
        response_cue=re.compile(_words(data["response_cues"]), re.I),
        response_prefix=re.compile(rf"{_words(data['response_prefix'])}\s*{fillers}$", re.I),
        rights_context=re.compile(_alt(data["rights_context"]), re.I),
        indefinite=re.compile(_words(data["indefinite"]), re.I),
        indefinite_negation=re.compile(rf"{_words(data['indefinite_negation'])}\s+(?:\w+\s+)?$", re.I),
        indefinite_deletion=re.compile(rf"^\s*{_alt(data['indefinite_deletion_after'])}", re.I),
        indefinite_adjacent=frozenset(data["indefinite_adjacent"]),
        criteria=re.compile(_words(data["criteria"]), re.I),
        trigger_after=re.compile(data["trigger_after"], re.I),
        trigger_before=re.compile(data["trigger_before"], re.I),
        trigger_stop=trigger_stop,
    )


def find_durations(p: Patterns, text: str, unit_offsets: list[int] | None = None) -> list[re.Match[str]]:
    """``p.duration.finditer(text)``, many times faster: the full pattern is only tried in a window around
    each unit word ("jaar", "maanden", ...), which are rare in running text. ``unit_offsets`` are the
    character offsets of tokens that may hold a unit (from the token array); without them a regex finds them."""
    if unit_offsets is None:
        unit_offsets = [u.start() for u in p.unit_word.finditer(text)]
    found: list[re.Match[str]] = []
    covered = 0
    for offset in unit_offsets:
        if offset < covered:
            continue
        for m in p.duration.finditer(text, max(covered, offset - _REACH), min(len(text), offset + _WINDOW)):
            if m.end() > offset:
                found.append(m)
                covered = m.end()
                break
    return found


def _value(p: Patterns, word: str) -> float | None:
    w = " ".join(word.lower().split())
    if w in p.numbers:
        return p.numbers[w]
    half = w.endswith("½")
    w = w.rstrip("½")
    try:
        base = float(w.replace(",", ".")) if w else 0.0
    except ValueError:
        return None
    return base + (0.5 if half else 0.0)


def _unit(p: Patterns, word: str) -> tuple[str, int]:
    return p.units[word.lower()]


@dataclass
class Candidate:
    """One duration expression with its normalised value(s)."""

    start: int
    end: int
    duration: str
    duration_max: str | None
    unit_word: str
    unit: str


def parse_duration(p: Patterns, m: re.Match[str]) -> Candidate | None:
    """The ISO value(s) of a duration match; None for nonsense (zero, "2024 jaar")."""
    unit, mult = _unit(p, m["u2"])
    v2 = _value(p, m["n2"])
    if not v2 or v2 <= 0 or (unit == "Y" and v2 > 150):
        return None
    if m["n1"] is None:
        return Candidate(m.start("n2"), m.end(), iso_duration(v2 * mult, unit), None, m["u2"], unit)
    v1 = _value(p, m["n1"])
    unit1, mult1 = _unit(p, m["u1"]) if m["u1"] else (unit, mult)
    if not v1 or v1 <= 0 or (v1 * mult1 >= v2 * mult and unit1 == unit):
        # "1 - 2 jaar" is a range; "16 - 2 jaar" is not; keep only the second number
        return Candidate(m.start("n2"), m.end(), iso_duration(v2 * mult, unit), None, m["u2"], unit)
    return Candidate(m.start("n1"), m.end(), iso_duration(v1 * mult1, unit1), iso_duration(v2 * mult, unit), m["u2"],
                     unit)


# ------------------------------------------------------------------ context


@dataclass
class Context:
    """The sentence a match stands in, with the flags its judgement needs."""

    start: int
    end: int
    text: str
    section: Section | None
    retention_section: bool
    list_item: bool
    intro_cue: bool  # a list item under a line like "... worden bewaard voor de periode:"
    cookie: bool


class RetentionComponent:
    """Writes ``doc._.retention_periods`` (report.RetentionPeriod) and ``doc.spans["retention_periods"]``."""

    def __init__(self) -> None:
        self.p = patterns()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        finder = _Finder(doc, text, self.p)
        periods = finder.run()
        doc._.retention_periods = periods
        spans = []
        for r in periods:
            span = doc.char_span(r.start, r.end, alignment_mode="expand")
            if span is not None:
                label = "indefinite" if r.indefinite else (r.duration or "criterion")
                spans.append(Span(doc, span.start, span.end, label=label))
        doc.spans[SPAN_KEY] = spans
        return doc


class _Finder:
    """One document's search: durations, then indefinite phrases, then criteria.

    Speed: the text is never scanned with the big patterns as a whole. The token array says where unit
    words ("jaar", "maanden") and words of keeping or deleting stand; the duration pattern runs in a small
    window around each unit, the indefinite and criteria patterns only in sentences with such a word and
    in sections about retention."""

    def __init__(self, doc: Doc, text: str, p: Patterns) -> None:
        self.doc = doc
        self.text = text
        self.p = p
        self.sections: list[Section] = doc._.sections or []
        self.retention_sections = _retention_sections(self.sections, p)
        self.contexts: dict[int, Context] = {}
        self.cookie_sections: dict[tuple[int, bool], bool] = {}
        self.categories = _category_index(doc._.data_categories or [])
        self.unit_offsets, self.cue_offsets, self.sent_starts = _token_scan(doc, p)

    # ---------------------------------------------------------- driver

    def run(self) -> list[RetentionPeriod]:
        found: list[RetentionPeriod] = []
        durations = find_durations(self.p, self.text, self.unit_offsets)
        for m in durations:
            period = self._duration(m)
            if period is not None:
                found.append(period)
        cue_regions = _merge([self.sentence_bounds(o) for o in self.cue_offsets])
        for start, end in cue_regions:
            for m in self.p.indefinite.finditer(self.text, start, end):
                period = self._indefinite(m)
                if period is not None:
                    found.append(period)
        taken = sorted((r.start, r.end) for r in found) + sorted((m.start(), m.end()) for m in durations)
        sections = [(s.start, s.end) for s in self.sections if id(s) in self.retention_sections]
        for start, end in _merge(cue_regions + sections):
            for m in self.p.criteria.finditer(self.text, start, end):
                period = self._criterion(m, taken, found)
                if period is not None:
                    found.append(period)
        found.sort(key=lambda r: r.start)
        return found

    # ---------------------------------------------------------- sentence context

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """Character bounds of the sentence holding ``offset`` (from the sentence starts of the Doc)."""
        starts = self.sent_starts
        i = bisect_right(starts, offset) - 1
        start = starts[i] if i >= 0 else 0
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def context(self, offset: int, end: int) -> Context:
        start, stop = self.sentence_bounds(offset)
        cached = self.contexts.get(start)
        if cached is not None:
            return cached
        text = self.text[start:stop]
        section = section_at(self.sections, start) if self.sections else None
        retention_section = section is not None and id(section) in self.retention_sections
        list_item = bool(_BULLET.match(self.text[self._line_start(start):stop]))
        intro_cue = list_item and self._intro_has_cue(start)
        cookie = bool(self.p.cookie_context.search(text))
        ctx = Context(start, stop, text, section, retention_section, list_item, intro_cue, cookie)
        self.contexts[start] = ctx
        return ctx

    def _line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def _intro_has_cue(self, offset: int) -> bool:
        """A list item's introduction: the nearest earlier non-item line, if it ends with a colon."""
        pos = self._line_start(offset) - 1
        for _ in range(40):
            if pos <= 0:
                return False
            begin = self.text.rfind("\n", 0, pos) + 1
            line = self.text[begin:pos].strip()
            pos = begin - 1
            if not line or _BULLET.match(line):
                continue
            return line.endswith(":") and bool(self.p.retention_cue.search(line))
        return False

    # ---------------------------------------------------------- durations

    def _duration(self, m: re.Match[str]) -> RetentionPeriod | None:
        cand = parse_duration(self.p, m)
        if cand is None:
            return None
        ctx = self.context(cand.start, cand.end)
        before = self.text[max(ctx.start, cand.start - _WINDOW):cand.start]
        after = self.text[cand.end:min(ctx.end, cand.end + _WINDOW)]
        if not self._is_retention(cand, ctx, before, after):
            return None
        qualifier, q_start = self._qualifier(before, cand)
        start = cand.start - len(before) + q_start if q_start is not None else cand.start
        return RetentionPeriod(
            text=self.text[start:cand.end],
            duration=cand.duration,
            indefinite=False,
            start=start,
            end=cand.end,
            trigger=self._trigger(ctx, start, cand.end),
            applies_to=self._applies_to(ctx),
            qualifier=qualifier,
            duration_max=cand.duration_max,
            section=ctx.section.heading if ctx.section else None,
        )

    def _is_retention(self, cand: Candidate, ctx: Context, before: str, after: str) -> bool:
        p = self.p
        if p.exclude_before.search(before) or p.exclude_after.search(after):
            return False
        if cand.unit == "Y" and p.age_years.search(before):
            return False  # "kinderen tussen de 12 en 16 jaar"
        if cand.unit_word.lower() == "jarige" and not p.retention_cue.search(after[:40]):
            return False  # "16-jarigen", but "de 7-jarige bewaartermijn"
        rel_start, rel_end = cand.start - ctx.start, cand.end - ctx.start
        clause = _clause(ctx.text, rel_start, rel_end)
        if self._response_time(clause, rel_start - clause[1], before):
            return False
        part = _part(ctx.text, rel_start, rel_end)  # "...; daarna verwijderen wij ..." speaks of another thing
        if p.retention_cue.search(part):
            return True
        cookie = ctx.cookie or self._cookie_section(ctx)
        if cookie and p.cookie_lifetime.search(part):
            return True  # "Looptijd: 2 jaar", "deze cookie vervalt na 1 jaar"
        placed = ctx.list_item or bool(p.governed.search(before))
        if placed and (ctx.retention_section or ctx.intro_cue):
            return True
        return placed and cookie and self._cookie_section(ctx, lifetimes=True)

    def _response_time(self, clause: tuple[str, int], pos: int, before: str) -> bool:
        """"binnen vier weken reageren": a reply verb nearer to the period than any word of keeping."""
        text, _offset = clause
        if not self.p.response_prefix.search(before):
            return False
        responses = [abs(_distance(m, pos)) for m in self.p.response_cue.finditer(text)]
        if not responses:
            return False
        keeps = [abs(_distance(m, pos)) for m in self.p.retention_cue.finditer(text)]
        return not keeps or min(responses) <= min(keeps)

    def _cookie_section(self, ctx: Context, lifetimes: bool = False) -> bool:
        """A section about cookies; with ``lifetimes``, one that also names their lifetimes or retention
        (so a table row "_ga | Analytics | 2 jaar" there is a lifetime)."""
        section = ctx.section
        if section is None:
            return False
        key = (id(section), lifetimes)
        known = self.cookie_sections.get(key)
        if known is None:
            body = self.text[section.start:section.end]
            known = bool(self.p.cookie_context.search(body))
            if known and lifetimes:
                known = bool(self.p.cookie_lifetime.search(body) or self.p.retention_cue.search(body))
            self.cookie_sections[key] = known
        return known

    def _qualifier(self, before: str, cand: Candidate) -> tuple[str | None, int | None]:
        if cand.duration_max:
            return "range", None
        for name, pattern in (("min", self.p.qualifier_min), ("max", self.p.qualifier_max)):
            q = pattern.search(before)
            if q:
                return name, q.start()
        return None, None

    # ---------------------------------------------------------- indefinite

    def _indefinite(self, m: re.Match[str]) -> RetentionPeriod | None:
        ctx = self.context(m.start(), m.end())
        before = self.text[max(ctx.start, m.start() - 30):m.start()]
        after = self.text[m.end():min(ctx.end, m.end() + 30)]
        phrase = m.group(0).lower()
        deletion_phrase = phrase.startswith("nooit")
        if not deletion_phrase and self.p.indefinite_negation.search(before):
            return None  # "niet onbeperkt", "niet voor onbepaalde tijd"
        if self.p.indefinite_deletion.search(after):
            return None  # "permanent verwijderd" is deletion, not keeping
        scope = before[-25:] + " " + after[:25] if phrase in self.p.indefinite_adjacent else ctx.text
        if not deletion_phrase and not self.p.keep_cue.search(scope):
            return None  # "onbeperkt toegang", "een permanent bewaakt datacenter" say nothing about keeping data
        return RetentionPeriod(
            text=m.group(0), duration=None, indefinite=True, start=m.start(), end=m.end(),
            trigger=None, applies_to=self._applies_to(ctx), qualifier=None,
            section=ctx.section.heading if ctx.section else None)

    # ---------------------------------------------------------- criteria

    def _criterion(self, m: re.Match[str], taken: list[tuple[int, int]],
                   found: list[RetentionPeriod]) -> RetentionPeriod | None:
        if _overlaps(taken, m.start(), m.end()):
            return None
        ctx = self.context(m.start(), m.end())
        sentence = _part(ctx.text, m.start() - ctx.start, m.end() - ctx.start)
        cue = self.p.retention_cue.search(sentence)
        if cue and self.p.rights_context.search(sentence) and not self.p.keep_cue.search(sentence):
            return None  # "je kunt je gegevens laten verwijderen nadat ..." is a right, not a period
        if not cue and not (ctx.retention_section or ctx.intro_cue):
            return None
        if self._beside_period(m.start(), m.end(), ctx, found):
            return None  # "tot 7 jaar na beëindiging ...", "de wettelijke bewaartermijn van 7 jaar": the period says it
        text = m.group(0).rstrip(" ,")
        lead = text.split()[0].lower()
        if lead in _EVENT_LEADS or lead in _CLAUSE_LEADS:
            text = _cut(text, self.p.trigger_stop) or ""  # "na afloop van het seizoen | vernietigd"
        if len(text.split()) < 2 and lead != "tijdelijk":
            return None
        end = m.start() + len(text)
        trigger = text if lead in _EVENT_LEADS else None
        return RetentionPeriod(
            text=text, duration=None, indefinite=False, start=m.start(), end=end, trigger=trigger,
            applies_to=self._applies_to(ctx), qualifier=None,
            section=ctx.section.heading if ctx.section else None)

    @staticmethod
    def _beside_period(start: int, end: int, ctx: Context, found: list[RetentionPeriod]) -> bool:
        """A criterion right before or after a period of the same sentence belongs to that period."""
        for r in found:
            if r.duration and ctx.start <= r.start < ctx.end and (0 <= start - r.end <= 25 or 0 <= r.start - end <= 25):
                return True
        return False

    # ---------------------------------------------------------- trigger and categories

    def _trigger(self, ctx: Context, start: int, end: int) -> str | None:
        """The event the period runs from: "na beëindiging van de overeenkomst" after the period,
        else a sentence-initial "Na afloop van ..." that ends before it."""
        m = self.p.trigger_after.match(self.text[end:ctx.end])
        if m is not None:
            return _clean_trigger(m.group("t"), self.p.trigger_stop)
        m = self.p.trigger_before.match(ctx.text)
        if m is None:
            return None
        trigger = _clean_trigger(m.group(0), self.p.trigger_stop)
        if trigger is None or ctx.start + ctx.text.find(trigger) + len(trigger) > start:
            return None  # "Na een jaar aggregeren we ...": the period itself, not an event before it
        return trigger

    def _applies_to(self, ctx: Context) -> list[str]:
        found = self.categories.between(ctx.start, ctx.end)
        if not found and ctx.section is not None:
            found = self.categories.between(ctx.section.start, ctx.section.end)
        return found


_EVENT_LEADS = frozenset({"na", "nadat", "direct", "meteen", "onmiddellijk", "uiterlijk", "kort", "aan"})
_CLAUSE_LEADS = frozenset({"zolang", "gedurende"})
_DANGLING = frozenset({"en", "of", "en/of", "dan", "de", "het", "een", "van", "zijn", "is", "door", "bij", "in",
                       "alleen"})


def _cut(raw: str, stop: re.Pattern[str]) -> str | None:
    """A phrase cut before the verb or clause that follows it ("na afloop van het seizoen | vernietigd"),
    without dangling function words; None when fewer than two words remain."""
    text = raw.rstrip(" ,")
    cut = stop.search(text, 3)
    if cut:
        text = text[:cut.start()]
    words = text.split(" ")
    while words and (not words[-1] or words[-1].lower() in _DANGLING):
        words.pop()
    if len([w for w in words if w]) < 2:
        return None
    return " ".join(words)


def _clean_trigger(raw: str, stop: re.Pattern[str]) -> str | None:
    text = raw.strip(" ,-*•·▪◦–\t")
    if ":" in text.split(" ")[0]:
        text = text.split(":", 1)[1].strip()
    text = _cut(text, stop) or ""
    words = text.split()
    if len(words) < 2:
        return None  # a bare "daarna" or "na" says nothing about the event
    return " ".join(words[:14])


def _clause(sentence: str, start: int, end: int) -> tuple[str, int]:
    """The clause of the sentence around [start, end): between the nearest , ; : ( ) on either side."""
    left = max(sentence.rfind(c, 0, start) for c in ",;:()")
    right_positions = [i for i in (sentence.find(c, end) for c in ",;:()") if i >= 0]
    right = min(right_positions) if right_positions else len(sentence)
    return sentence[left + 1:right], left + 1


def _part(sentence: str, start: int, end: int) -> str:
    """The part of the sentence around [start, end) between semicolons."""
    left = sentence.rfind(";", 0, start)
    right = sentence.find(";", end)
    return sentence[left + 1:right if right >= 0 else len(sentence)]


def _distance(m: re.Match[str], pos: int) -> int:
    return m.start() - pos if m.start() >= pos else pos - m.end()


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


_UNIT, _CUE, _NUM = 1, 2, 4
_FORM_FLAGS: dict[int, int] = {}  # lower-case form hash → flags; hashes are stable across vocabularies


def _form_flags(form: str, p: Patterns) -> int:
    flags = 0
    bare = form.rstrip(".")
    if bare in p.units or (bare.endswith(p.unit_suffixes) and (bare[:1].isdigit() or bare.endswith("jarige"))):
        flags |= _UNIT  # "jaar", "maanden"; "7jr", "30dagen", "zevenjarige"
    if bare in p.numbers or bare[:1].isdigit() or bare in p.fraction_words:
        flags |= _NUM
    if p.retention_cue.search(form) or form in p.cue_heads:
        flags |= _CUE
    return flags


def _token_scan(doc: Doc, p: Patterns) -> tuple[list[int], list[int], list[int]]:
    """Character offsets of unit tokens, of cue tokens, and of sentence starts, with array operations
    (one Python step per *distinct* form, cached across documents)."""
    if not len(doc):
        return [], [], [0]
    arr = doc.to_array([LOWER, IDX, SENT_START])
    forms, inverse = numpy.unique(arr[:, 0], return_inverse=True)
    strings = doc.vocab.strings
    flags = numpy.empty(len(forms), dtype="int64")
    for i, h in enumerate(forms.tolist()):
        f = _FORM_FLAGS.get(h)
        if f is None:
            f = _form_flags(strings[h], p)
            _FORM_FLAGS[h] = f
        flags[i] = f
    token_flags = flags[inverse.reshape(-1)]
    idx = arr[:, 1]
    unit = (token_flags & _UNIT) > 0
    number_before = numpy.zeros(len(doc), dtype=bool)
    number_before[1:] = (token_flags[:-1] & _NUM) > 0
    own_number = (token_flags & _NUM) > 0  # "7jr", "30dagen"
    units = idx[unit & (number_before | own_number)].tolist()
    cues = idx[(token_flags & _CUE) > 0].tolist()
    if doc.has_annotation("SENT_START"):
        sent = arr[:, 2].astype("int64")
        sent[0] = 1
        starts = idx[sent == 1].tolist()
    else:
        starts = [0]
    return units, cues, starts


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _retention_sections(sections: list[Section], p: Patterns) -> set[int]:
    """Ids of the sections about retention: by topic or heading, or nested under one that is."""
    out: set[int] = set()
    stack: list[tuple[int, bool]] = []
    for s in sections:
        own = "retention" in s.topics or bool(s.heading and p.retention_heading.search(s.heading))
        while stack and stack[-1][0] >= s.level:
            stack.pop()
        inherited = bool(stack) and stack[-1][0] > 0 and stack[-1][1]  # never from the document title
        flag = own or inherited
        if flag:
            out.add(id(s))
        stack.append((s.level, flag))
    return out


class _CategoryIndex:
    """Data-category mentions by offset, to name the data a period applies to."""

    def __init__(self, mentions: list[tuple[int, str]]) -> None:
        self.mentions = sorted(mentions)
        self.starts = [m[0] for m in self.mentions]

    def between(self, start: int, end: int) -> list[str]:
        lo = bisect_left(self.starts, start)
        hi = bisect_right(self.starts, end)
        out: list[str] = []
        for _, cat in self.mentions[lo:hi]:
            if cat not in out:
                out.append(cat)
        return out


def _category_index(categories: list[Any]) -> _CategoryIndex:
    mentions = [(m.start, c.category) for c in categories for m in (getattr(c, "mentions", None) or [])]
    return _CategoryIndex(mentions)


@Language.factory("analyser_retention", default_config={})
def make_component(nlp: Language, name: str) -> RetentionComponent:
    return RetentionComponent()
