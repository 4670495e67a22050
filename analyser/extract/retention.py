"""Retention periods: how long personal data is kept, normalised to ISO 8601 durations.

A Dutch statement writes periods in many shapes ("zeven jaar", "anderhalf jaar", "6 tot 12 maanden",
"24 uur", "een half jaar", "- Webserver logging: 3 maanden") and uses the same shapes for things that
are not retention at all: response times ("binnen vier weken reageren"), ages ("jonger dan 16 jaar"),
document validity ("niet ouder dan 3 maanden"), experience ("al 25 jaar"), notice periods and
frequencies. So every duration is found (a number word or digits before a unit word, ranges such as
"6 tot 12 maanden" included) and then *judged by its context*:

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

``trigger`` is the event the period runs from ("na beëindiging van de overeenkomst"), taken from the same
sentence; ``applies_to`` are the data categories mentioned in the sentence, else in its section (from
``doc._.data_categories``, which runs before this stage); ``section`` is the heading above it.

Speed: nothing scans the whole text with a big pattern. One array pass over the tokens (flags per distinct
word form, cached across documents) says where unit words, words of keeping and words that may start a
criterion stand; the patterns then run only in small lower-cased windows around those words.

All words, patterns and cues live in ``data/retention.json``; this module holds the rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import extensions  # noqa: F401  (declares the Doc extensions)
from ..data import load_data
from ..extensions import doc_text
from ..report import RetentionPeriod, Section
from ..sieves import Searcher, sieved
from ..tokens import LOWER_FORMS, FormValues, tokens

SPAN_KEY = "retention_periods"
_LATER = re.compile(r"\s*later\b")
_WINDOW = 60  # characters of context looked at before / after a duration
_CLAUSE_MARKS = ",;:()"
_CLOCK = re.compile(r"[.,:]\d\d$")
# "binnen 14 dagen" right before a duration: a deadline (paying, assessing, replying) unless a word of keeping or
# deleting stands in the same part of the sentence
_WITHIN = re.compile(r"\bbinnen\s+(?:de\s+|een\s+)?$")
_NON_SPACE = re.compile(r"\S")
_BULLET_MARK = r"^\s*(?:[-*•·▪◦–]|\d{1,2}[.)]|[a-h][.)])\s+"  # "- ", "• ", "3. ", "b) "
_BULLET = re.compile(_BULLET_MARK)
_LABEL_ITEM = re.compile(_BULLET_MARK + r"(?P<label>[^:|\n]{2,60}?)\s*:\s*")  # "- Sollicitatiegegevens: ..."
_CRITERION_REACH = 160  # a criterion never runs past a sentence end; its patterns stop at . ; : and line breaks
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
    indefinite_words: frozenset[str]
    criteria_leads: frozenset[str]
    criteria_prefixes: tuple[str, ...]
    qualifier_min: Searcher
    qualifier_max: re.Pattern[str]
    retention_cue: re.Pattern[str]
    keep_cue: Searcher
    cookie_context: re.Pattern[str]
    cookie_lifetime: Searcher
    retention_heading: re.Pattern[str]
    governed: re.Pattern[str]
    exclude_before: re.Pattern[str]
    exclude_after: re.Pattern[str]
    age_years: Searcher
    older_than: Searcher
    older_data: re.Pattern[str]
    data_label: re.Pattern[str]
    things: re.Pattern[str]
    denied_same: Searcher
    denied_next: Searcher
    denied_previous: Searcher
    response_cue: re.Pattern[str]
    response_prefix: Searcher
    rights_context: Searcher
    indefinite: re.Pattern[str]
    indefinite_negation: re.Pattern[str]
    indefinite_deletion: re.Pattern[str]
    indefinite_adjacent: frozenset[str]
    criteria: re.Pattern[str]
    trigger_after: re.Pattern[str]
    trigger_before: re.Pattern[str]
    trigger_stop: re.Pattern[str]
    clause_stop: re.Pattern[str]
    clause_leads: frozenset[str]


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


def _words(patterns: list[str]) -> str:
    """An alternation that must start and end on word boundaries."""
    return rf"(?<!\w)(?:{_alt(patterns)})(?!\w)"


def _trie(words: list[str]) -> str:
    """One regex for many literal words, factored by shared prefixes: Python's ``re`` tries the branches
    of a plain alternation one by one at every position, a trie only follows the letters that fit."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [(re.escape(ch) if ch != " " else r"\s+") + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            body = f"(?:{body})?"
        return body

    return emit(tree)


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
    number = rf"\d+(?:[,.]\d+)?½?|½|(?:{_trie(words)})"
    unit = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    connectors = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in data["range_connectors"])
    duration = re.compile(
        rf"(?<![\w.,/-])(?:(?P<tussen>tussen\s+(?:de\s+)?)?(?P<n1>{number})\s*(?:(?P<u1>{unit})\.?\s*)?"
        rf"(?P<conn>{connectors}|(?(tussen)en|(?!)))\s*)?"
        rf"(?P<n2>{number})(?:\s*\(\s*[\w.,]+\s*\))?\s*-?\s*(?P<u2>{unit})(?!\w)")  # on lower-cased text
    fillers = rf"(?:(?:{_alt(data['fillers'])})\s+){{0,2}}"
    before = {k: _alt(v) for k, v in data["exclude_before"].items()}
    # one lookbehind and one alternation per position: these run on every candidate
    filled = _alt([p for k, v in data["exclude_before"].items() if k not in ("time_of_day", "age_years") for p in v])
    exclude_before = rf"(?<!\w)(?:(?:{filled})\s*{fillers}|(?:{before['time_of_day']})\s+)$"
    after = rf"\s*(?:{_alt([p for v in data['exclude_after'].values() for p in v])})"
    stop = data["trigger_stop"]
    return Patterns(
        numbers=numbers,
        units=units,
        duration=duration,
        unit_word=re.compile(rf"(?<!\w)(?:{unit})(?!\w)"),
        unit_suffixes=tuple(units),
        fraction_words=frozenset(w for f in data["fractions"] for w in f.split()) | {"½"},
        cue_heads=frozenset(data["cue_heads"]),
        indefinite_words=frozenset(data["indefinite_words"]),
        criteria_leads=frozenset(data["criteria_leads"]),
        criteria_prefixes=tuple(data["criteria_prefixes"]),
        qualifier_min=sieved(rf"{_words(data['qualifiers']['min'])}\s*$"),
        qualifier_max=re.compile(rf"{_words(data['qualifiers']['max'])}\s*$"),
        retention_cue=re.compile(_alt(data["retention_cues"])),
        keep_cue=sieved(_alt(data["keep_cues"])),
        cookie_context=re.compile(_alt(data["cookie_context"])),
        cookie_lifetime=sieved(_alt(data["cookie_lifetime_cues"])),
        retention_heading=re.compile(_alt(data["retention_headings"])),
        governed=re.compile(rf"(?:(?<!\w)(?:{_alt(data['governing_words'])})|[:|\t>=–-])\s*{fillers}$"),
        exclude_before=re.compile(exclude_before),
        exclude_after=re.compile(after),
        age_years=sieved(rf"(?<!\w)(?:{before['age_years']})\s*$"),
        older_than=sieved(data["older_than"]),
        older_data=re.compile(_words(data["older_data_nouns"])),
        data_label=re.compile(_words(data["data_label_nouns"])),
        things=re.compile(_words(data["thing_nouns"])),
        denied_same=sieved(_alt(data["denied_periods"]["same_sentence"])),
        denied_next=sieved(_alt(data["denied_periods"]["next_sentence"])),
        denied_previous=sieved(_alt(data["denied_periods"].get("previous_sentence") or ["(?!)"])),
        response_cue=re.compile(_words(data["response_cues"])),
        response_prefix=sieved(rf"{_words(data['response_prefix'])}\s*{fillers}$"),
        rights_context=sieved(_alt(data["rights_context"])),
        indefinite=re.compile(_words(data["indefinite"])),  # on lower-cased text
        indefinite_negation=re.compile(rf"{_words(data['indefinite_negation'])}\s+(?:\w+\s+)?$"),
        indefinite_deletion=re.compile(rf"^\s*{_alt(data['indefinite_deletion_after'])}"),
        indefinite_adjacent=frozenset(data["indefinite_adjacent"]),
        criteria=re.compile(_words(data["criteria"])),  # on lower-cased text
        trigger_after=re.compile(data["trigger_after"]),
        trigger_before=re.compile(data["trigger_before"]),
        trigger_stop=_stop_pattern(stop["characters"], stop["words"]),
        clause_stop=_stop_pattern(stop["characters"], stop["clause_words"]),
        clause_leads=frozenset(stop["clause_leads"]),
    )


def _stop_pattern(characters: str, words: list[str]) -> re.Pattern[str]:
    """Any of the characters, a whole word, or a stem (a word written with a trailing *)."""
    whole = _trie([w for w in words if not w.endswith("*")])
    stems = _trie([w[:-1] for w in words if w.endswith("*")])
    return re.compile(rf"[{re.escape(characters)}]|\b(?:(?:{whole})\b|{stems})")


def find_durations(p: Patterns, text: str, units: list[tuple[int, int]] | None = None) -> list[Found]:
    """The duration expressions of the text. The full pattern only runs, case-free, in a small window
    around each unit word that follows a number ("7 jaar", "zes maanden"); ``units`` are (window start,
    unit offset) pairs from the token array, else a regex finds the unit words."""
    if units is None:
        units = [(max(0, u.start() - _REACH), u.start()) for u in p.unit_word.finditer(text.lower())]
    found: list[Found] = []
    covered = 0
    for window, offset in units:
        if offset < covered:
            continue
        base = max(covered, window, 1) - 1  # one character more, for the pattern's look-behind
        low = _lower(text[base:offset + _WINDOW])
        for m in p.duration.finditer(low, 1 if base or window else 0):
            if base + m.end() > offset:
                found.append(Found(base, m))
                covered = base + m.end()
                break
    return found


class Found:
    """A match of a pattern in a lower-cased slice of the text that starts at ``base``; ``start`` and
    ``end`` are offsets in the whole text."""

    __slots__ = ("base", "end", "m", "start")

    def __init__(self, base: int, m: re.Match[str]) -> None:
        self.base = base
        self.m = m
        self.start = base + m.start()
        self.end = base + m.end()


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


def parse_duration(p: Patterns, found: Found) -> Candidate | None:
    """The ISO value(s) of a duration match; None for nonsense (zero, "2024 jaar")."""
    m, base = found.m, found.base
    unit, mult = _unit(p, m["u2"])
    v2 = _value(p, m["n2"])
    if not v2 or v2 <= 0 or (unit == "Y" and v2 > 150) or (unit == "H" and _CLOCK.search(m["n2"])):
        return None  # "0 dagen", "2024 jaar", "17.00 uur"
    single = Candidate(base + m.start("n2"), base + m.end(), iso_duration(v2 * mult, unit), None, m["u2"], unit)
    if m["n1"] is None:
        return single
    v1 = _value(p, m["n1"])
    unit1, mult1 = _unit(p, m["u1"]) if m["u1"] else (unit, mult)
    if not v1 or v1 <= 0 or (v1 * mult1 >= v2 * mult and unit1 == unit):
        return single  # "1 - 2 jaar" is a range; "16 - 2 jaar" is not: keep only the second number
    return Candidate(base + m.start("n1"), base + m.end(), iso_duration(v1 * mult1, unit1),
                     iso_duration(v2 * mult, unit), m["u2"], unit)


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

    def clause(self, start: int, end: int) -> tuple[str, int]:
        """The clause around [start, end) (sentence offsets): between the nearest , ; : ( ) on either side."""
        text = self.text
        left = max([text.rfind(ch, 0, start) for ch in _CLAUSE_MARKS]) + 1
        right = min([i for i in [text.find(ch, end) for ch in _CLAUSE_MARKS] if i >= 0], default=len(text))
        return text[left:right], left


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
        if periods:
            offsets = finder.scan.token_offsets
            firsts = (numpy.searchsorted(offsets, [r.start for r in periods], "right") - 1).tolist()
            lasts = numpy.searchsorted(offsets, [r.end for r in periods], "left").tolist()
            for r, first, last in zip(periods, firsts, lasts):
                if 0 <= first < last:
                    label = "indefinite" if r.indefinite else (r.duration or "criterion")
                    spans.append(Span(doc, first, last, label=label))
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
        self.section_starts = [s.start for s in self.sections]
        self.contexts: dict[int, Context] = {}
        self.lowered: dict[int, str] = {}
        self.bounds: dict[int, tuple[int, int]] = {}
        self.cookie_sections: dict[tuple[int, bool], bool] = {}
        self.scan = _token_scan(doc)
        self.sent_starts = self.scan.sentences

    @cached_property
    def categories(self) -> _CategoryIndex:
        """The data-category mentions, indexed when a period first asks for them."""
        return _category_index(self.doc._.data_categories or [])

    # ---------------------------------------------------------- driver

    def run(self) -> list[RetentionPeriod]:
        found: list[RetentionPeriod] = []
        durations = find_durations(self.p, self.text, self.scan.units)
        for m in durations:
            period = self._duration(m)
            if period is not None:
                found.append(period)
        covered = 0
        for offset in self.scan.indefinite:  # "onbeperkt", "voor onbepaalde tijd", "permanent"
            if offset < covered:
                continue
            m = self.search(self.p.indefinite, max(covered, offset - 12), offset + 40)
            if m is None or m.end <= offset:
                continue
            covered = m.end
            period = self._indefinite(m)
            if period is not None:
                found.append(period)
        taken = sorted((r.start, r.end) for r in found) + sorted((m.start, m.end) for m in durations)
        covered = 0
        for offset in self._criteria_leads():
            if offset < covered:
                continue
            m = self.search(self.p.criteria, offset, offset + _CRITERION_REACH, anchored=True)
            if m is None:
                continue
            for prefix in self.p.criteria_prefixes:  # "niet | langer dan nodig", "aan het | einde van de dag"
                if self.text[max(0, offset - len(prefix) - 1):offset].lower() == prefix + " ":
                    m.start = offset - len(prefix) - 1
                    break
            covered = m.end
            period = self._criterion(m, taken, found)
            if period is not None:
                found.append(period)
        found.sort(key=lambda r: r.start)
        return found

    def _criteria_leads(self) -> list[int]:
        """Offsets of the words that may start a criterion ("niet langer", "zolang", "tot", "na afloop"),
        in sentences with a word of keeping or deleting or in sections about retention."""
        scan = self.scan
        if not scan.leads:
            return []
        starts = scan.sentence_array
        leads = numpy.asarray(scan.leads, dtype="int64")
        has_cue = numpy.zeros(len(starts) + 1, dtype=bool)
        has_cue[numpy.searchsorted(starts, numpy.asarray(scan.cues + scan.heads, dtype="int64"), "right")] = True
        keep = has_cue[numpy.searchsorted(starts, leads, "right")]
        for s in self.sections:
            if id(s) in self.retention_sections:
                keep |= (leads >= s.start) & (leads < s.end)
        return leads[keep].tolist()

    # ---------------------------------------------------------- sentence context

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """Character bounds of the sentence holding ``offset`` (from the sentence starts of the Doc)."""
        starts = self.sent_starts
        i = bisect_right(starts, offset) - 1
        bounds = self.bounds.get(i)
        if bounds is None:
            start = starts[i] if i >= 0 else 0
            end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
            bounds = self.bounds[i] = (start, start + len(self.text[start:end].rstrip()))
        return bounds

    def sentence_low(self, start: int, end: int) -> str:
        """The lower-cased sentence at these bounds (cached: several words of one sentence ask for it)."""
        low = self.lowered.get(start)
        if low is None:
            low = self.lowered[start] = _lower(self.text[start:end])
        return low

    def context(self, offset: int, end: int) -> Context:
        start, stop = self.sentence_bounds(offset)
        cached = self.contexts.get(start)
        if cached is not None:
            return cached
        text = self.sentence_low(start, stop)
        i = bisect_right(self.section_starts, start) - 1
        section = self.sections[i] if i >= 0 and start <= self.sections[i].end else None
        retention_section = section is not None and id(section) in self.retention_sections
        list_item = bool(_BULLET.match(self.text[self._line_start(start):stop]))
        intro_cue = list_item and self._intro_has_cue(start)
        cookie = _any_between(self.scan.cookies, start, stop)
        ctx = Context(start, stop, text, section, retention_section, list_item, intro_cue, cookie)
        self.contexts[start] = ctx
        return ctx

    def has_cue(self, start: int, end: int) -> bool:
        """A word of keeping or deleting between the offsets (from the token flags; words that are cues
        only with a particle, "slaan ... op", "houden ... bij", are confirmed with the pattern)."""
        if _any_between(self.scan.cues, start, end):
            return True
        return _any_between(self.scan.heads, start, end) and bool(self.p.retention_cue.search(
            _lower(self.text[start:end])))

    def search(self, pattern: re.Pattern[str], start: int, end: int, anchored: bool = False) -> Found | None:
        """``pattern`` in the lower-cased text between the offsets (it may look one character back)."""
        base = max(start - 1, 0)
        low = _lower(self.text[base:end])
        pos = start - base
        m = pattern.match(low, pos) if anchored else pattern.search(low, pos)
        return Found(base, m) if m is not None else None

    def _line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def _intro_has_cue(self, offset: int) -> bool:
        """A list item's introduction: the nearest earlier non-item line, if it ends with a colon."""
        pos = self._line_start(offset) - 1
        for _ in range(40):
            if pos <= 0:
                return False
            begin = self.text.rfind("\n", 0, pos) + 1
            line = self.text[begin:pos].strip().lower()
            pos = begin - 1
            if not line or _BULLET.match(line):
                continue
            return line.endswith(":") and bool(self.p.retention_cue.search(line))
        return False

    # ---------------------------------------------------------- durations

    def _duration(self, m: Found) -> RetentionPeriod | None:
        cand = parse_duration(self.p, m)
        if cand is None:
            return None
        ctx = self.context(cand.start, cand.end)
        rel_start, rel_end = cand.start - ctx.start, cand.end - ctx.start
        before = ctx.text[max(0, rel_start - _WINDOW):rel_start]
        after = ctx.text[rel_end:rel_end + _WINDOW]
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

    def _deleted_later(self, before: str, after: str) -> bool:
        """"Wij wissen haar 90 dagen later": a deletion some time later is retention, where "twee jaar later" in a
        story is not (a verb of deleting or keeping is looked for in the sentence around the period)."""
        if not _LATER.match(after):
            return False
        sentence = before.rpartition(". ")[2] + " " + after.partition(". ")[0]
        return bool(self.p.indefinite_deletion.search(sentence) or self.p.retention_cue.search(sentence))

    def _is_retention(self, cand: Candidate, ctx: Context, before: str, after: str) -> bool:
        p = self.p
        if p.exclude_before.search(before) or (p.exclude_after.match(after) and not self._deleted_later(before, after)):
            return False
        if cand.unit == "Y" and p.age_years.search(before):
            return False  # "kinderen tussen de 12 en 16 jaar"
        if p.older_than.search(before) and not p.older_data.search(before):
            return False  # "personen ouder dan 16 jaar", but "gegevens die ouder zijn dan 2 jaar worden verwijderd"
        if cand.unit_word == "jarige" and not p.retention_cue.search(after[:40]):
            return False  # "16-jarigen", but "de 7-jarige bewaartermijn"
        rel_start, rel_end = cand.start - ctx.start, cand.end - ctx.start
        clause = ctx.clause(rel_start, rel_end)
        if self._response_time(clause, rel_start - clause[1], before):
            return False
        part_start, part_end = _part(ctx.text, rel_start, rel_end)  # "...; daarna verwijderen wij ..." is another thing
        part = ctx.text[part_start:part_end]
        if p.things.search(part, 0, rel_start - part_start) and not p.older_data.search(part):
            return False  # "Een gevonden dier blijft minstens 15 dagen bij ons", "Spullen die na zes weken ..."
        if self._denied(ctx):
            return False  # "... binnen 14 dagen terug. Dat zijn afspraken over je boeking, geen bewaartermijnen."
        if self.has_cue(ctx.start + part_start, ctx.start + part_end):
            return True
        cookie = ctx.cookie or self._cookie_section(ctx)
        if cookie and p.cookie_lifetime.search(part):
            return True  # "Looptijd: 2 jaar", "deze cookie vervalt na 1 jaar"
        if not ctx.list_item and _WITHIN.search(before):
            return False  # a deadline in running text: "Opdrachtgevers betalen een factuur binnen 14 dagen."
        placed = ctx.list_item or bool(p.governed.search(before))
        if placed and (ctx.retention_section or ctx.intro_cue):
            return True
        if ctx.list_item and self._data_label_item(cand.start):
            return True
        return placed and cookie and self._cookie_section(ctx, lifetimes=True)

    def _denied(self, ctx: Context) -> bool:
        """The sentence, the next one by a back reference ("Die termijnen ..."), or the one before as an announcement
        ("Let op: een aantal termijnen gaat niet over het bewaren van gegevens.") says its periods are no retention
        (cue denied_periods)."""
        if self.p.denied_same.search(ctx.text):
            return True
        nxt = _NON_SPACE.search(self.text, ctx.end)
        if nxt is not None and self.p.denied_next.search(self.context(nxt.start(), nxt.start() + 1).text):
            return True
        k = ctx.start
        while k > 0 and self.text[k - 1].isspace():
            k -= 1  # the end of the sentence before (no copy of the text before it)
        return k > 0 and bool(self.p.denied_previous.search(self.context(k - 1, k).text))

    def _data_label_item(self, offset: int) -> bool:
        """A list of data and their periods ("- Camerabeelden: 30 dagen, tenzij ..."): the item's label names data (a
        noun of ``data_label_nouns``; "- Abonnement: 12 maanden" is a term), the period opens the text after its
        colon, and the item next to it is labelled too."""
        start = self._line_start(offset)
        line = self.text[start:offset]
        m = _LABEL_ITEM.match(line)
        if m is None or len(line) - m.end() > 20:
            return False
        if not self.p.data_label.search(_lower(m.group("label"))):
            return False
        end = self.text.find("\n", offset)
        following = self._line_from(end + 1) if end >= 0 else ""
        previous = self._line_from(self._line_start(start - 1)) if start > 0 else ""
        return any(_LABEL_ITEM.match(other) for other in (following, previous))

    def _line_from(self, start: int) -> str:
        """The line that starts at ``start``, without its line break."""
        end = self.text.find("\n", start)
        return self.text[start:end if end >= 0 else len(self.text)]

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
            known = _any_between(self.scan.cookies, section.start, section.end)
            if known and lifetimes:
                known = bool(self.p.cookie_lifetime.search(_lower(self.text[section.start:section.end]))
                             or self.has_cue(section.start, section.end))
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

    def _indefinite(self, m: Found) -> RetentionPeriod | None:
        ctx = self.context(m.start, m.end)
        rel_start, rel_end = m.start - ctx.start, m.end - ctx.start
        before = ctx.text[max(0, rel_start - 30):rel_start]
        after = ctx.text[rel_end:rel_end + 30]
        phrase = m.m.group(0)
        deletion_phrase = phrase.startswith("nooit")
        if not deletion_phrase and self.p.indefinite_negation.search(before):
            return None  # "niet onbeperkt", "niet voor onbepaalde tijd"
        if self.p.indefinite_deletion.search(after):
            return None  # "permanent verwijderd" is deletion, not keeping
        if self.p.exclude_after.match(after):
            return None  # "Je certificaat blijft onbeperkt geldig": validity, not keeping
        scope = before[-25:] + " " + after[:25] if phrase in self.p.indefinite_adjacent else ctx.text
        in_retention_table = phrase not in self.p.indefinite_adjacent and (ctx.retention_section or ctx.intro_cue)
        if not deletion_phrase and not self.p.keep_cue.search(scope) and not in_retention_table:
            return None  # "onbeperkt toegang", "een permanent bewaakt datacenter" say nothing about keeping data
        return RetentionPeriod(
            text=self.text[m.start:m.end], duration=None, indefinite=True, start=m.start, end=m.end,
            trigger=None, applies_to=self._applies_to(ctx), qualifier=None,
            section=ctx.section.heading if ctx.section else None)

    # ---------------------------------------------------------- criteria

    def _criterion(self, m: Found, taken: list[tuple[int, int]],
                   found: list[RetentionPeriod]) -> RetentionPeriod | None:
        if _overlaps(taken, m.start, m.end):
            return None
        ctx = self.context(m.start, m.end)
        part_start, part_end = _part(ctx.text, m.start - ctx.start, m.end - ctx.start)
        sentence = ctx.text[part_start:part_end]
        cue = self.has_cue(ctx.start + part_start, ctx.start + part_end)
        if cue and self.p.rights_context.search(sentence) and not self.p.keep_cue.search(sentence):
            return None  # "je kunt je gegevens laten verwijderen nadat ..." is a right, not a period
        if not cue and not (ctx.retention_section or ctx.intro_cue):
            return None
        if self._beside_period(m.start, m.end, ctx, found):
            return None  # "tot 7 jaar na beëindiging ...", "de wettelijke bewaartermijn van 7 jaar": the period says it
        text = self.text[m.start:m.end].rstrip(" ,")
        lead = text.split()[0].lower()
        if lead in _EVENT_LEADS or lead in _CLAUSE_LEADS:
            text = _cut(text, self.p) or ""  # "na afloop van het seizoen | vernietigd"
            if not text:
                return None
        end = m.start + len(text)
        trigger = text if lead in _EVENT_LEADS else None
        return RetentionPeriod(
            text=text, duration=None, indefinite=False, start=m.start, end=end, trigger=trigger,
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
        m = self.p.trigger_after.match(ctx.text, end - ctx.start)
        if m is not None:
            return _clean_trigger(self.text[ctx.start + m.start("t"):ctx.start + m.end("t")], self.p)
        m = self.p.trigger_before.match(ctx.text)
        if m is None:
            return None
        sentence = self.text[ctx.start:ctx.end]
        trigger = _clean_trigger(sentence[:m.end()], self.p)
        if trigger is None:
            return None
        trigger_end = sentence.find(trigger) + len(trigger)
        if ctx.start + trigger_end > start or ";" in sentence[trigger_end:start - ctx.start]:
            return None  # "Na een jaar aggregeren we ...": the period itself; or another part of the sentence
        return trigger

    def _applies_to(self, ctx: Context) -> list[str]:
        found = self.categories.between(ctx.start, ctx.end)
        if not found and ctx.section is not None:
            found = self.categories.between(ctx.section.start, ctx.section.end)
        return found


_EVENT_LEADS = frozenset({"na", "nadat", "direct", "meteen", "onmiddellijk", "uiterlijk", "kort", "aan"})
_CLAUSE_LEADS = frozenset({"zolang", "gedurende"})
_AUXILIARIES = frozenset({"heb", "hebt", "heeft", "hebben", "had", "hadden", "is", "ben", "bent", "zijn", "was",
                          "waren", "wordt", "worden", "werd", "werden", "zal", "zult", "zullen", "kan", "kunt",
                          "kunnen"})
_DANGLING = frozenset({"en", "of", "en/of", "dan", "de", "het", "een", "van", "zijn", "is", "door", "bij", "in",
                       "alleen"})


def _cut(raw: str, p: Patterns) -> str | None:
    """A phrase cut before the verb or clause that follows it ("na afloop van het seizoen | vernietigd"),
    without dangling function words; None when fewer than two words remain. A subordinate clause keeps
    its own final verb ("nadat je je account hebt verwijderd | worden ...")."""
    text = raw.rstrip(" ,")
    lead = text.split(" ", 1)[0].lower()
    stop = p.clause_stop if lead in p.clause_leads else p.trigger_stop
    cut = stop.search(text.lower(), 3)
    if cut:
        text = text[:cut.start()]
    words = text.split(" ")
    while words and (not words[-1] or words[-1].lower() in _DANGLING):
        words.pop()
    if (stop is p.clause_stop and len(words) > 3 and words[-2].lower() not in _AUXILIARIES
            and p.retention_cue.fullmatch(words[-1].lower())):
        words.pop()  # "nadat de leerling de school heeft verlaten | verwijderd": the main clause's verb
    if len([w for w in words if w]) < 2:
        return None
    return " ".join(words)


def _clean_trigger(raw: str, p: Patterns) -> str | None:
    text = raw.strip(" ,-*•·▪◦–\t")
    if ":" in text.split(" ")[0]:
        text = text.split(":", 1)[1].strip()
    text = _cut(text, p) or ""
    words = text.split()
    if len(words) < 2:
        return None  # a bare "daarna" or "na" says nothing about the event
    return " ".join(words[:14])


def _part(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the part of the sentence around [start, end) between semicolons."""
    left = sentence.rfind(";", 0, start)
    right = sentence.find(";", end)
    return left + 1, right if right >= 0 else len(sentence)


def _any_between(offsets: list[int], start: int, end: int) -> bool:
    i = bisect_left(offsets, start)
    return i < len(offsets) and offsets[i] < end


def _lower(text: str) -> str:
    """``text.lower()`` with the same length (a few characters, such as "İ", lower-case to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _distance(m: re.Match[str], pos: int) -> int:
    return m.start() - pos if m.start() >= pos else pos - m.end()


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


_UNIT, _NUM, _CUE, _HEAD, _COOKIE, _INDEFINITE, _LEAD = 1, 2, 4, 8, 16, 32, 64
_MARKS = _CUE | _HEAD | _COOKIE | _INDEFINITE | _LEAD


def _form_flags(form: str, p: Patterns) -> int:
    """What a lower-case token form may contribute: a unit, a number, a cue word, ..."""
    flags = 0
    bare = form.rstrip(".")
    if bare in p.units:
        flags |= _UNIT
    elif bare.endswith(p.unit_suffixes):  # "7jr", "30dagen", "7-jarige", "zevenjarige", "halfjaar"
        for unit in p.unit_suffixes:
            head = bare[:-len(unit)].rstrip("-") if bare.endswith(unit) else ""
            if head and (head[:1].isdigit() or head in p.numbers or head in p.fraction_words):
                flags |= _UNIT | _NUM
                break
    if bare in p.numbers or bare[:1].isdigit() or bare in p.fraction_words or bare == ")":  # "zeven (7) jaar"
        flags |= _NUM
    if p.retention_cue.search(form):
        flags |= _CUE
    elif form in p.cue_heads:
        flags |= _HEAD
    if p.cookie_context.search(form):
        flags |= _COOKIE
    if form in p.indefinite_words:
        flags |= _INDEFINITE
    if form in p.criteria_leads:
        flags |= _LEAD
    return flags


_FLAGS = FormValues(LOWER_FORMS, lambda form: _form_flags(form, patterns()), "uint8")  # per lower-case form


@dataclass
class _Scan:
    units: list[tuple[int, int]]  # (window start, unit offset)
    cues: list[int]
    heads: list[int]
    cookies: list[int]
    indefinite: list[int]
    leads: list[int]
    sentences: list[int]
    sentence_array: numpy.ndarray
    token_offsets: numpy.ndarray


def _token_scan(doc: Doc) -> _Scan:
    """Character offsets of the tokens that matter, and of sentence starts, from the shared token view
    with array operations; Python only walks the few flagged tokens."""
    if not len(doc):
        return _Scan([], [], [], [], [], [], [0], numpy.zeros(1, dtype="int64"), numpy.zeros(0, dtype="int64"))
    view = tokens(doc)
    flags = _FLAGS.of(view.lower_ids)
    idx = view.idx
    units: list[tuple[int, int]] = []
    cues: list[int] = []
    heads: list[int] = []
    cookies: list[int] = []
    indefinite: list[int] = []
    leads: list[int] = []
    lists = ((_CUE, cues), (_HEAD, heads), (_COOKIE, cookies), (_INDEFINITE, indefinite), (_LEAD, leads))
    marked = numpy.flatnonzero(flags & (_MARKS | _UNIT))
    for k, f, offset in zip(marked.tolist(), flags[marked].tolist(), idx[marked].tolist()):
        if f & _UNIT and (f & _NUM or (k and flags[k - 1] & _NUM)):
            units.append((int(idx[max(k - 5, 0)]), offset))  # the numbers of "tussen de zes en twaalf maanden"
        if f & _MARKS:
            for flag, target in lists:
                if f & flag:
                    target.append(offset)
    if view.sent_start is not None:  # from the sentence stage
        sentence_array = idx[view.sent_start]
    elif doc.has_annotation("SENT_START"):
        sent = doc.to_array([SENT_START]).astype("int64")
        sent[0] = 1
        sentence_array = idx[sent == 1]
    else:
        sentence_array = numpy.zeros(1, dtype="int64")
    return _Scan(units, cues, heads, cookies, indefinite, leads, sentence_array.tolist(), sentence_array, idx)


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
        own = _retention_heading(s.heading, p)  # own cues: "Hoe lang duurt de levering?" is no retention heading
        while stack and stack[-1][0] >= s.level:
            stack.pop()
        inherited = bool(stack) and stack[-1][0] > 0 and stack[-1][1]  # never from the document title
        flag = own or inherited
        if flag:
            out.add(id(s))
        stack.append((s.level, flag))
    return out


_HEADINGS: dict[str, bool] = {}


def _retention_heading(heading: str | None, p: Patterns) -> bool:
    if not heading:
        return False
    known = _HEADINGS.get(heading)
    if known is None:
        known = _HEADINGS[heading] = bool(p.retention_heading.search(heading.lower()))
    return known


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
