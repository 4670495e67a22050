"""The GDPR completeness checklist (Art. 13/14 AVG) and the completeness score.

For every checklist id of ``vocabulary.json`` (in that order) the component writes one
`report.ChecklistItem` to ``doc._.checklist`` and the evidence sentences to ``doc.spans["checklist"]``;
``doc._.score`` gets the `report.Score`.

How an item is decided
----------------------
1. ``rule_evidence(doc)`` collects *hits* per item: sentences that address it, each with the *kinds* of
   support it gives ("right", "criterion", "period", "generic", ...). Two sources:

   * cue patterns from ``data/checklist.json``. A cue is tried only in sentences holding one of its
     *trigger* words (token forms, looked up in one vectorised step; each word form is classified once per
     process), so its regex runs over a few short sentences, never over the whole text (running every
     pattern over the whole text with ``finditer`` costs several times the tokenisation). A cue counts when
     its pattern matches the sentence, no ``exclude`` pattern does, and its ``context`` matches the
     sentence, the section heading or the lead-in of the list it stands in ("Je hebt het recht om:"), or
     the section topics (``doc._.sections[].topics``, inherited from parent sections) meet its ``topics``.
     Item-level ``exclude_topics`` keep e.g. "cookies verwijderen" in a cookie section away from the
     right to erasure. An item's sentences are read strongest cues first, then in document order, until
     the item is settled (a conclusive hit fixes the status whichever is found first). Patterns run as a
     `Matcher` written out as one expression (`quicktest.QuickTest`): plain-string alternatives are ``in``
     tests, and each other alternative is a regex of its own that only runs when the sentence holds the
     strings every match of it contains.
   * the facts of the extractors: ``doc._.legal_bases`` (legal basis; legitimate interest),
     ``doc._.third_parties`` (named recipients), ``doc._.retention_periods`` (a period, or only a
     criterion when ``duration`` is None; cookie lifetimes excluded), ``doc._.data_categories`` (two or
     more categories) and ``doc._.last_updated``.

2. ``model_evidence(doc)`` is THE MODEL SEAM for the trained sentence classifier (``analyser/model.py``):
   with ``use_model`` and ``model.model_available()``, sentences that ``model.predict`` scores at or above
   ``MODEL_THRESHOLD`` become hits of kind "model"; ``merge_evidence`` unites them with the rule hits
   (``source`` becomes "model" or "rules+model").

3. ``decide(evidence)`` turns hits into a status:

   * ``not_applicable``: ``legitimate_interests`` when legitimate interest is never invoked;
   * ``absent``: no hit, or only kinds in the item's ``absent_when_only`` (legitimate interest named as
     a basis without saying what the interest is; cookies only referred to a separate cookie statement),
     also when a heading announces the item but the text under it gives only such kinds;
   * ``partial``: every hit is a heading (the topic is announced, not worked out), or all kinds found
     are in ``partial_when_only``: retention only as a criterion or event, recipients only as unspecified
     "derden", transfers outside the EU/EEA without safeguards, withdrawal of consent only as
     unsubscribing from mailings, a DPO named without contact details, contact only through a form,
     profiling only implied by interest-based tailoring;
   * ``present`` otherwise.

   Rights are judged one by one: a rights paragraph that names only some rights makes those present and
   leaves the others absent (Art. 13(2)(b) asks for each); "u kunt uw rechten uitoefenen" without naming
   a right addresses none. A negative statement addresses its item ("wij maken geen gebruik van
   geautomatiseerde besluitvorming", "wij delen uw gegevens niet met derden").

Score
-----
Over the REQUIRED items that apply (``not_applicable`` left out)::

    value = round(100 * (present + 0.5 * partial) / applicable, 1)

band "goed" when value >= 80, "matig" when value >= 55, else "onvoldoende" (weights and bands in
``data/checklist.json``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from . import extensions  # noqa: F401  (registers the Doc extensions)
from .data import DataError, load_data, vocabulary
from .extensions import doc_text, sentence_starts
from .quicktest import QuickTest
from .report import ChecklistItem, Score, Section, Span
from .segment import nested_topics
from .sieves import Matcher
from .tokens import LOWER_FORMS, FormValues, tokens

MAX_EVIDENCE = 3
MODEL_THRESHOLD = 0.5

_FRAGMENT = re.compile(r"%(\w+)%")
_ESCAPES = re.compile(r"\\.|\(\?[a-zA-Z-]+[:)]|\(\?P<\w+>")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦●–]\s*|\d{1,2}[.)]\s+|[a-h][.)]\s+)")


# ------------------------------------------------------------------ compiled rules


@dataclass(frozen=True)
class Upgrade:
    pattern: re.Pattern[str]
    kind: str
    scope: str  # "sentence" | "previous" | "next" | "section"
    match: QuickTest  # QuickTest(Matcher(pattern))


@dataclass(frozen=True, eq=False)  # identity equality: cue tuples are compared in the trigger step
class Cue:
    index: int  # position in Rules.cues
    item: int  # position of its item in Rules.items
    trigger: re.Pattern[str]  # tested on token forms: the cue is only tried in sentences with such a token
    pattern: re.Pattern[str] | None  # None: the trigger token alone is the match
    kind: str
    weight: float = 1.0
    case: bool = False  # False: pattern, context and exclude are lower-case and run on the lower-cased text
    context: re.Pattern[str] | None = None
    context_scope: str = "sentence"  # "sentence" (+ lead-in + heading) | "previous" | "next" (two) | "section"
    topics: frozenset[str] = frozenset()
    exclude: re.Pattern[str] | None = None
    opening: int = 0  # also tried in the first N sentences, whatever their words
    upgrade: Upgrade | None = None
    plain: bool = False  # no exclude, context, topics or upgrade: a match gives ``kind``
    match: QuickTest | None = None  # QuickTest(Matcher(pattern)): what the evaluation runs
    context_match: QuickTest | None = None
    exclude_match: QuickTest | None = None


@dataclass(frozen=True)
class ItemRules:
    id: str
    article: str
    required: bool
    nl: str
    en: str
    cues: tuple[Cue, ...]
    exclude: re.Pattern[str] | None
    fact_exclude: re.Pattern[str] | None  # extractor facts standing in such a sentence do not count
    exclude_topics: frozenset[str]
    own_topics: frozenset[str]
    partial_when_only: frozenset[str]
    absent_when_only: frozenset[str]
    max_hits: int
    enough: int  # this many hits, one of them conclusive, settle the item: later sentences are not examined
    headings_suffice: bool  # a heading is full evidence (the title line naming the organisation)
    notes: dict[str, tuple[str, str]]
    weak: frozenset[str] = frozenset()  # partial_when_only | absent_when_only
    exclude_match: QuickTest | None = None  # QuickTest(Matcher(exclude))
    fact_exclude_match: QuickTest | None = None

    def satisfied(self, hits: list[Hit]) -> bool:
        """Enough evidence: further sentences cannot change the status (saves time on long texts)."""
        if len(hits) >= self.max_hits:
            return True
        if len(hits) < self.enough:
            return False
        weak = self.weak
        return any((self.headings_suffice or not h.heading) and not h.kinds <= weak for h in hits)


@dataclass(frozen=True)
class Rules:
    items: tuple[ItemRules, ...]
    by_id: dict[str, ItemRules]
    cues: tuple[Cue, ...]
    any_trigger: re.Pattern[str]
    opening: tuple[Cue, ...]  # cues also tried in the opening sentences
    weights: dict[str, float]
    bands: tuple[tuple[float, str], ...]
    default_notes: dict[str, tuple[str, str]]


@cache
def rules() -> Rules:
    """The checklist rules, compiled once per process from ``data/checklist.json``."""
    data = load_data("checklist")
    fragments = data.get("fragments", {})
    groups = data.get("topic_groups", {})

    def fragment(m: re.Match[str]) -> str:
        if m.group(1) not in fragments:
            raise DataError(f"data/checklist.json: unknown fragment %{m.group(1)}%")
        return "(?:" + fragments[m.group(1)] + ")"

    def compile_(pattern: str | None, case: bool = False) -> re.Pattern[str] | None:
        """Case-insensitive patterns are written in lower case and run on the lower-cased sentence (much
        faster than re.IGNORECASE); ``case`` patterns run on the original text."""
        if not pattern:
            return None
        full = _FRAGMENT.sub(fragment, pattern)
        if not case and any(ch.isupper() for ch in _ESCAPES.sub("", full)):
            raise DataError(f"data/checklist.json: pattern must be lower case (or set 'case'): {pattern[:80]}")
        return re.compile(full)

    def topic_set(names: list[str]) -> frozenset[str]:
        out: set[str] = set()
        for name in names:
            out.update(groups.get(name[1:], []) if name.startswith("@") else [name])
        return frozenset(out)

    def matcher(pattern: re.Pattern[str] | None) -> QuickTest | None:
        return QuickTest(Matcher(pattern)) if pattern is not None else None

    items: list[ItemRules] = []
    all_cues: list[Cue] = []
    for k, spec in enumerate(vocabulary()["checklist"]):
        item_id = spec["id"]
        raw: dict[str, Any] = data["items"].get(item_id, {})
        cues = []
        for c in raw.get("cues", []):
            up = c.get("upgrade")
            case = c.get("case", False)
            pattern, exclude = compile_(c.get("pattern"), case), compile_(c.get("exclude"), case)
            context = compile_(c.get("context"), case)
            upgrade = compile_(up["pattern"]) if up else None
            topics = topic_set(c.get("topics", []))
            cue = Cue(
                index=len(all_cues),
                item=k,
                trigger=re.compile("|".join(f"(?:{t})" for t in c["triggers"]) or "(?!)"),
                pattern=pattern,
                kind=c.get("kind", "cue"),
                weight=float(c.get("weight", 1.0)),
                case=case,
                context=context,
                context_scope=c.get("context_scope", "sentence"),
                topics=topics,
                exclude=exclude,
                opening=int(c.get("opening", 0)),
                upgrade=Upgrade(upgrade, up["kind"], up.get("scope", "sentence"), QuickTest(Matcher(upgrade)))  # type: ignore
                if up else None,
                plain=exclude is None and context is None and not topics and upgrade is None,
                match=matcher(pattern),
                context_match=matcher(context),
                exclude_match=matcher(exclude),
            )
            cues.append(cue)
            all_cues.append(cue)
        item_exclude, fact_exclude = compile_(raw.get("exclude")), compile_(raw.get("fact_exclude"))
        items.append(ItemRules(
            id=item_id, article=spec["article"], required=spec["required"], nl=spec["nl"], en=spec["en"],
            cues=tuple(cues),
            exclude=item_exclude,
            fact_exclude=fact_exclude,
            exclude_topics=topic_set(raw.get("exclude_topics", [])),
            own_topics=topic_set(raw.get("topics", [])) | {item_id},
            partial_when_only=frozenset(raw.get("partial_when_only", [])),
            absent_when_only=frozenset(raw.get("absent_when_only", [])),
            max_hits=int(raw.get("max_hits", 4)),
            enough=int(raw.get("enough", 1)),
            headings_suffice=bool(raw.get("headings_suffice", False)),
            notes={k2: (v[0], v[1]) for k2, v in raw.get("notes", {}).items()},
            weak=frozenset(raw.get("partial_when_only", [])) | frozenset(raw.get("absent_when_only", [])),
            exclude_match=matcher(item_exclude),
            fact_exclude_match=matcher(fact_exclude),
        ))
    score = data["score"]
    return Rules(
        items=tuple(items),
        by_id={i.id: i for i in items},
        cues=tuple(all_cues),
        any_trigger=re.compile("|".join(f"(?:{c.trigger.pattern})" for c in all_cues)),
        opening=tuple(c for c in all_cues if c.opening),
        weights={k: float(score[k]) for k in ("present", "partial", "absent")},
        bands=tuple((float(b["min"]), b["band"]) for b in sorted(score["bands"], key=lambda b: -b["min"])),
        default_notes={k: (v[0], v[1]) for k, v in data["default_notes"].items()},
    )


# ------------------------------------------------------------------ evidence


@dataclass(slots=True)
class Hit:
    """One piece of evidence: a sentence (or a fact without a sentence) that addresses an item."""

    span: Span | None
    kinds: set[str]
    weight: float = 1.0
    heading: bool = False
    source: str = "rules"  # rules | model | rules+model
    sentence: int = -1  # index of the sentence in the Doc, when known


class _Sentence:
    """One sentence: offsets without surrounding whitespace, its text, and ``low``: lower-cased and padded with a
    space on both sides (what case-insensitive patterns run on)."""

    __slots__ = ("end", "low", "start", "text")

    def __init__(self, start: int, end: int, text: str, low: str) -> None:
        self.start, self.end, self.text, self.low = start, end, text, low


@dataclass
class DocView:
    """Sentences, sections and list structure of one Doc, computed once and shared by all items."""

    doc: Doc
    text: str
    low_text: str | None  # text.lower() when that keeps the offsets
    starts: list[int]  # char offset of each sentence
    bounds: list[int]  # char offset where each sentence's successor starts (or len(text))
    sections: list[Section]
    section_starts: list[int]
    section_topics: list[frozenset[str]]
    toc: tuple[int, int] | None
    lower_ids: numpy.ndarray  # the LOWER_FORMS number of every token
    token_starts: numpy.ndarray  # char offset (IDX) of every token
    starts_array: numpy.ndarray  # ``starts`` as an array
    _sents: list[_Sentence | None] = field(default_factory=list)
    _sections: list[int | None] = field(default_factory=list)
    _headings: dict[int, str] = field(default_factory=dict)
    heading_starts: frozenset[int] = frozenset()  # start offsets of the headed sections
    _context: dict[tuple[int, str, bool], str] = field(default_factory=dict)
    _items: dict[int, bool] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc) -> DocView:
        """The token form numbers, offsets and sentence starts come from the shared token view (`tokens.tokens`);
        the lower-cased text is shared with the other stages through ``doc.user_data`` (the same key as
        legal_bases/document_date)."""
        text = doc_text(doc)
        low = doc.user_data.get("analyser_lower")
        if low is None or len(low) != len(text):
            low = text.lower()
        view = tokens(doc)
        starts = (view.sentence_starts or sentence_starts(doc)) if len(doc) else []
        sections = doc._.sections or []
        return cls(doc, text, low if len(low) == len(text) else None, starts, [*starts[1:], len(text)], sections,
                   [s.start for s in sections], nested_topics(sections), doc._.toc, view.lower_ids, view.idx,
                   numpy.asarray(starts, dtype="int64"),
                   [None] * len(starts), [-1] * len(starts),
                   heading_starts=frozenset(s.start for s in sections if s.heading is not None))

    def token_bounds(self, offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Per sentence (start, end) as `sentence` gives them: its first token and the token after its last
        non-space token (one array step)."""
        found = numpy.searchsorted(self.token_starts, numpy.asarray(offsets, dtype="int64").reshape(-1, 2))
        return [(a, max(b, a + 1)) for a, b in found.tolist()]

    def sentence(self, i: int) -> _Sentence:
        s = self._sents[i]
        if s is None:
            start, end = self.starts[i], self.bounds[i]
            raw = self.text[start:end]
            stripped = raw.strip()
            start += len(raw) - len(raw.lstrip())
            end = start + len(stripped)
            low = self.low_text[start:end] if self.low_text is not None else stripped.lower()
            s = _Sentence(start, end, stripped, f" {low} ")
            self._sents[i] = s
        return s

    def offsets(self) -> list[tuple[int, int]]:
        """(start, end) of every sentence that is not blank, as `sentence` gives them, without building them."""
        text, out = self.text, []
        for start, end in zip(self.starts, self.bounds):
            raw = text[start:end]
            left = raw.lstrip()
            if left:
                start += len(raw) - len(left)
                out.append((start, start + len(left.rstrip())))
        return out

    def sentence_at(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def section_index(self, i: int) -> int | None:
        k = self._sections[i]
        if k == -1:
            k = bisect_right(self.section_starts, self.starts[i]) - 1
            if k < 0 or self.starts[i] > self.sections[k].end:
                k = None
            self._sections[i] = k
        return k

    def topics(self, i: int) -> frozenset[str]:
        k = self.section_index(i)
        return self.section_topics[k] if k is not None else frozenset()

    def is_heading(self, i: int) -> bool:
        """Whether sentence ``i`` is the heading line of a section."""
        return self.sentence(i).start in self.heading_starts

    def matches_around(self, pattern: re.Pattern[str] | QuickTest, i: int, lower: bool = True) -> bool:
        """Whether ``pattern`` matches the heading of sentence ``i``'s section or the lead-in of the list it
        stands in (the sentence itself is tried first by the caller); the heading is the cheaper test."""
        k = self.section_index(i)
        if k is not None and self.sections[k].heading:
            heading = self._headings.get(k) if lower else self.sections[k].heading
            if heading is None:
                heading = self._headings[k] = f" {self.sections[k].heading.lower()} "
            if pattern.search(heading):
                return True
        return self.is_item(i) and bool(pattern.search(self.scope_text(i, "lead_in", lower)))

    def scope_text(self, i: int, scope: str, lower: bool = True) -> str:
        """The text a ``context``/``upgrade`` pattern of the given scope is tested against."""
        key = (i, scope, lower)
        out = self._context.get(key)
        if out is None:
            if scope == "section":
                out = self.section_text(i)
            elif scope == "previous":
                out = self.sentence(i - 1).text if i > 0 else ""
            elif scope == "next":
                out = "\n".join(self.sentence(j).text for j in range(i + 1, min(i + 3, len(self.starts))))
            elif scope == "lead_in":
                out = self.lead_in(i)
            else:
                k = self.section_index(i)
                heading = self.sections[k].heading if k is not None and self.sections[k].heading else ""
                out = "\n".join((self.sentence(i).text, self.lead_in(i), heading))
            if lower:
                out = f" {out.lower()} "
            self._context[key] = out
        return out

    def in_toc(self, i: int) -> bool:
        return self.toc is not None and self.toc[0] <= self.starts[i] < self.toc[1]

    def section_text(self, i: int) -> str:
        k = self.section_index(i)
        if k is None:
            return self.sentence(i).text
        return self.text[self.sections[k].start:self.sections[k].end]

    def is_item(self, i: int, depth: int = 0) -> bool:
        """A list item or table row: bulleted, after a line ending in ':', or continuing such a list."""
        cached = self._items.get(i)
        if cached is not None:
            return cached
        text = self.sentence(i).text
        result = False
        if _BULLET.match(text) or "|" in text:
            result = True
        elif i > 0 and depth < 40 and not self.is_heading(i):
            prev = self.sentence(i - 1)
            gap = self.text[prev.end:self.sentence(i).start]
            if "\n" in gap and "\n\n" not in gap.replace(" ", ""):
                result = prev.text.endswith(":") or (not text.endswith(".") and self.is_item(i - 1, depth + 1))
        self._items[i] = result
        return result

    def lead_in(self, i: int) -> str:
        """The line that introduces the list or table sentence ``i`` belongs to, if any."""
        if not self.is_item(i):
            return ""
        parts = []
        j = i
        while j > 0 and self.is_item(j) and i - j < 60:
            j -= 1
        if "|" in self.sentence(i).text and j + 1 < i:
            parts.append(self.sentence(j + 1).text)  # table header row
        if self.sentence(j).text.endswith(":"):
            parts.append(self.sentence(j).text)
        return "\n".join(parts)

    def span(self, i: int) -> Span:
        s = self.sentence(i)
        return Span(s.text, s.start, s.end)

    def hit(self, i: int, kinds: set[str], weight: float, s: _Sentence | None = None) -> Hit:
        """A rules hit on sentence ``i`` (``s``: the sentence, when the caller has it); a heading counts half."""
        s = s or self.sentence(i)
        if s.start in self.heading_starts:
            return Hit(Span(s.text, s.start, s.end), kinds, weight * 0.5, True, "rules", i)
        return Hit(Span(s.text, s.start, s.end), kinds, weight, False, "rules", i)


class _TriggerTable:
    """Word form → the cues it triggers, as a `FormValues` over the lower-case forms (`tokens.LOWER_FORMS`), so
    that a document's tokens are looked up in one ``take`` and each form is classified (by regex) once per
    process. Most words trigger nothing and fail one combined regex.

    A form's cues are kept per item as one interned cue tuple (a *group*, numbered); each form has a *slot*
    whose pairs (item, group) are stored flat (``pair_item``/``pair_group`` from ``ptr[slot]`` to
    ``ptr[slot + 1]``), so that a document's (sentence, slot) hits expand to (item, sentence, group) triples
    without a Python loop."""

    def __init__(self, r: Rules) -> None:
        self.rules = r
        self.slot_pairs: list[list[tuple[int, int]]] = [[]]  # per slot: (item, group) pairs (slot 0: nothing)
        self.groups: list[tuple[Cue, ...]] = []  # interned cue tuples, heavier cues first
        self._interned: dict[tuple[int, ...], int] = {}
        self._slot_of: dict[tuple[tuple[int, int], ...], int] = {(): 0}  # forms with the same pairs share a slot
        self.slots = FormValues(LOWER_FORMS, self._slot, "int64")  # per lower-case form: its slot
        self.opening = [(c.item, c.opening, self.group((c,))) for c in r.opening]  # (item, sentences, group)
        self._flatten()

    def lookup(self, lower_ids: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        """Token positions that trigger something, and their slots."""
        known = len(self.slot_pairs)
        slots = self.slots.of(lower_ids)
        if len(self.slot_pairs) != known:
            self._flatten()
        fires = slots.nonzero()[0]
        return fires, slots.take(fires)

    def group(self, cues: tuple[Cue, ...] | list[Cue]) -> int:
        """The number of the interned group of these cues (heavier cues first: a lighter cue of a kind already
        found adds nothing and is skipped)."""
        ordered = tuple(sorted(cues, key=lambda c: (-c.weight, c.index)))
        key = tuple(c.index for c in ordered)
        g = self._interned.get(key)
        if g is None:
            g = self._interned[key] = len(self.groups)
            self.groups.append(ordered)
            self._rank_groups()
        return g

    def _rank_groups(self) -> None:
        """``group_rank``: per group, the rank of its heaviest cue's weight among all weights (0: the heaviest)."""
        weights = sorted({c.weight for c in self.rules.cues}, reverse=True)
        self.n_ranks = len(weights)
        self.group_rank = numpy.asarray([weights.index(g[0].weight) for g in self.groups] or [0], dtype="int64")

    def _slot(self, form: str) -> int:
        """The slot of a lower-case word form (a new one when its (item, group) pairs are new)."""
        r = self.rules
        cues = [c for c in r.cues if c.trigger.search(form)] if r.any_trigger.search(form) else []
        pairs = tuple((k, self.group([c for c in cues if c.item == k])) for k in sorted({c.item for c in cues}))
        slot = self._slot_of.get(pairs)
        if slot is None:
            slot = self._slot_of[pairs] = len(self.slot_pairs)
            self.slot_pairs.append(list(pairs))
        return slot

    def _flatten(self) -> None:
        counts = [len(p) for p in self.slot_pairs]
        self.count = numpy.asarray(counts, dtype="int64")
        self.ptr = numpy.concatenate([[0], numpy.cumsum(self.count)]).astype("int64")
        flat = [pair for pairs in self.slot_pairs for pair in pairs]
        self.pair_item = numpy.asarray([k for k, _ in flat], dtype="int64")
        self.pair_group = numpy.asarray([g for _, g in flat], dtype="int64")
        self._rank_groups()


_TRIGGERS: dict[int, _TriggerTable] = {}  # per Rules object (one per process in practice)


def _distinct(values: numpy.ndarray) -> numpy.ndarray:
    """The distinct values, sorted (``numpy.unique`` costs ten times more on a few hundred values)."""
    values = numpy.sort(values)
    keep = numpy.ones(len(values), dtype=bool)
    numpy.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


class _Triggered:
    """What a document's words trigger: entries (item, sentence, cue groups) in item order and, per item,
    strongest cues first, then in document order. Entry ``j`` is item ``items[j]``, sentence ``sentences[j]``
    and the cue groups ``groups[starts[j]:ends[j]]``; ``next_item[j]`` is the first entry of the next item."""

    __slots__ = ("ends", "groups", "items", "next_item", "sentences", "starts")

    def __init__(self, items: list[int], sentences: list[int], starts: list[int], ends: list[int],
                 next_item: list[int], groups: list[tuple[Cue, ...]]) -> None:
        self.items, self.sentences, self.starts, self.ends = items, sentences, starts, ends
        self.next_item, self.groups = next_item, groups


def _triggered(view: DocView, r: Rules) -> _Triggered:
    """The entries of `_Triggered` for a document with sentences.

    Tokens become distinct (item, sentence, group) triples, each encoded as one integer so that one sort
    orders and dedupes them; a second sort ranks each (item, sentence) by its strongest cue."""
    table = _TRIGGERS.get(id(r))
    if table is None:
        table = _TRIGGERS[id(r)] = _TriggerTable(r)
    positions, slots = table.lookup(view.lower_ids)
    n_sents = len(view.starts)
    if not len(positions) and not table.opening:
        return _Triggered([], [], [], [], [], [])
    n_groups = len(table.groups)
    sents = view.starts_array.searchsorted(view.token_starts.take(positions), "right") - 1
    counts = table.count.take(slots)
    ends = counts.cumsum()
    flat = numpy.repeat(table.ptr.take(slots) - (ends - counts), counts) + numpy.arange(ends[-1] if len(ends) else 0)
    codes = ((table.pair_item.take(flat) * n_sents + numpy.repeat(sents, counts)) * n_groups
             + table.pair_group.take(flat))  # (item, sentence, group) as one number
    if table.opening:
        codes = numpy.concatenate([codes, numpy.asarray([(k * n_sents + i) * n_groups + g for k, n, g in table.opening
                                                         for i in range(min(n, n_sents))], dtype="int64")])
    codes = _distinct(codes)
    segments = codes // n_groups  # item * n_sents + sentence
    groups = codes - segments * n_groups
    first = numpy.ones(len(codes), dtype=bool)  # the first triple of each (item, sentence)
    numpy.not_equal(segments[1:], segments[:-1], out=first[1:])
    seg_start = first.nonzero()[0]
    seg_end = numpy.append(seg_start[1:], len(codes))
    strength = numpy.minimum.reduceat(table.group_rank.take(groups), seg_start)  # 0: the heaviest weight
    seg = segments.take(seg_start)
    seg_item = seg // n_sents
    sentence = seg - seg_item * n_sents
    ranked = ((seg_item * table.n_ranks + strength) * n_sents + sentence).argsort()  # item, strength, sentence
    seg_item = seg_item.take(ranked)
    cue_groups = table.groups
    return _Triggered(seg_item.tolist(), sentence.take(ranked).tolist(),
                      seg_start.take(ranked).tolist(), seg_end.take(ranked).tolist(),
                      seg_item.searchsorted(seg_item, "right").tolist(), [cue_groups[g] for g in groups.tolist()])


def _vetoed(item: ItemRules, view: DocView, i: int, low: str) -> bool:
    """The item's own vetoes on sentence ``i`` (lower-cased text ``low``): its ``exclude`` pattern, the table of
    contents, and the topics of another item's section (``exclude_topics``). Checked once per sentence, after the
    first cue matched."""
    if item.exclude_match is not None and item.exclude_match.search(low):
        return True
    if view.in_toc(i):
        return True
    if item.exclude_topics:
        topics = view.topics(i)
        return bool(item.exclude_topics & topics) and not item.own_topics & topics
    return False


def _cue_kind(cue: Cue, view: DocView, i: int, sent: _Sentence) -> str | None:
    """The kind a cue whose pattern matched sentence ``i`` gives after its own exclude, context and upgrade;
    None when vetoed. The context is tried on the sentence alone before its lead-in and heading are joined."""
    text = sent.text if cue.case else sent.low
    if cue.exclude_match is not None and cue.exclude_match.search(text):
        return None
    if cue.context_match is not None or cue.topics:
        context = cue.context_match
        if not ((cue.topics and cue.topics & view.topics(i)) or (context is not None and (
                (context.search(text) or view.matches_around(context, i, not cue.case))
                if cue.context_scope == "sentence" else context.search(view.scope_text(i, cue.context_scope,
                                                                                       not cue.case))))):
            return None
    if cue.upgrade is not None:
        where = sent.low if cue.upgrade.scope == "sentence" else view.scope_text(i, cue.upgrade.scope)
        if cue.upgrade.match.search(where):
            return cue.upgrade.kind
    return cue.kind


def _sentence_hit(item: ItemRules, groups: list[tuple[Cue, ...]] | tuple[tuple[Cue, ...], ...], view: DocView,
                  i: int, sent: _Sentence) -> Hit | None:
    """The hit sentence ``i`` (``sent``) gives ``item`` through the cues its words triggered, or None.

    The hot path: most triggered cues stop at their pattern. A cue is skipped when a cue of its kind with at
    least its weight already counted (it could add nothing); the item's vetoes are checked once; a `Cue.plain`
    cue gives its kind without further checks."""
    text, low = sent.text, sent.low
    kinds: set[str] = set()
    weight = 0.0
    veto: bool | None = None
    for group in groups:
        for cue in group:
            if cue.upgrade is None and cue.weight <= weight and cue.kind in kinds:
                continue
            match = cue.match
            if match is not None and not match.search(text if cue.case else low):
                continue
            if veto is None:
                veto = _vetoed(item, view, i, low)
                if veto:
                    return None
            kind = cue.kind if cue.plain else _cue_kind(cue, view, i, sent)
            if kind is not None:
                kinds.add(kind)
                if cue.weight > weight:
                    weight = cue.weight
    return view.hit(i, kinds, weight, sent) if kinds else None


def _evaluate(item: ItemRules, cues: list[Cue] | tuple[Cue, ...], view: DocView, i: int) -> Hit | None:
    """The hit sentence ``i`` gives ``item`` through ``cues``, or None (used for single sentences)."""
    sent = view.sentence(i)
    if not sent.text:
        return None
    return _sentence_hit(item, (tuple(cues),), view, i, sent)


def cue_evidence(doc: Doc, view: DocView | None = None) -> dict[str, list[Hit]]:
    """Hits from the cue patterns of ``data/checklist.json`` alone: per item, the sentences whose words
    triggered its cues, in document order, until the item is settled (``ItemRules.satisfied``)."""
    view = view or DocView.build(doc)
    r = rules()
    out: dict[str, list[Hit]] = {item.id: [] for item in r.items}
    if not len(doc) or not view.starts:
        return out
    items = r.items
    lists = [out[item.id] for item in items]
    settled = [False] * len(items)
    sents, sentence = view._sents, view.sentence
    t = _triggered(view, r)
    ks, ids, starts, ends, next_item, groups = t.items, t.sentences, t.starts, t.ends, t.next_item, t.groups
    j, n = 0, len(ks)
    while j < n:
        k = ks[j]
        if settled[k]:  # the rest of this item's entries cannot change its status
            j = next_item[j]
            continue
        i = ids[j]
        item = items[k]
        hit = _sentence_hit(item, groups[starts[j]:ends[j]], view, i, sents[i] or sentence(i))
        j += 1
        if hit is not None:
            hits = lists[k]
            hits.append(hit)
            settled[k] = item.satisfied(hits)
    return out


def fact_evidence(doc: Doc, view: DocView) -> dict[str, list[Hit]]:
    """Hits from what the extractors found (legal bases, recipients, retention, categories, version date): one
    hit per item and sentence, with the kinds of all facts standing in it."""
    by_id = rules().by_id
    starts = view.starts
    found: dict[str, dict[int, set[str] | None]] = {}  # item → sentence → kinds (None: vetoed sentence)
    loose: dict[str, list[set[str]]] = {}  # facts without a position

    def add(item: str, start: int | None, kinds: set[str]) -> None:
        if start is None or not starts:
            loose.setdefault(item, []).append(kinds)
            return
        i = max(0, bisect_right(starts, start) - 1)
        per = found.setdefault(item, {})
        if i in per:
            have = per[i]
            if have is not None:
                have |= kinds
            return
        veto = by_id[item].fact_exclude_match
        per[i] = None if veto is not None and veto.search(view.sentence(i).low) else set(kinds)

    li_rules = by_id["legitimate_interests"]
    li_kinds: dict[int, set[str]] = {}  # sentence → what the legitimate interest cues find in it

    def interest(start: int | None) -> set[str]:
        if start is None:
            return {"named"}
        i = view.sentence_at(start)
        kinds = li_kinds.get(i)
        if kinds is None:
            hit = _evaluate(li_rules, li_rules.cues, view, i)
            kinds = li_kinds[i] = hit.kinds if hit else {"named"}
        return kinds

    ext = doc._
    for basis in ext.legal_bases or []:
        for start in [m.start for m in basis.mentions] or [None]:
            add("legal_basis", start, {"basis"})
            if basis.purposes:  # the basis is given for a purpose ("- Het bijhouden van de boekhouding: ...")
                add("purposes", start, {"purpose"})
            if basis.basis == "legitimate_interests":
                add("legitimate_interests", start, interest(start))
    for party in ext.third_parties or []:
        for start in [m.start for m in party.mentions[:2]] or [None]:
            add("recipients", start, {"named"})
    for period in ext.retention_periods or []:
        add("retention", period.start, {"period"} if period.duration or period.indefinite else {"criterion"})
    categories = ext.data_categories or []
    if len(categories) >= 2:  # one category alone, without a cue, is often inferred ("de inhoud van uw e-mail")
        for category in categories:
            for start in [m.start for m in category.mentions[:1]] or [None]:
                add("data_categories", start, {"category"})
    if ext.last_updated:
        loose.setdefault("policy_changes", []).append({"changes"})
    out: dict[str, list[Hit]] = {}
    for item, per in found.items():
        out[item] = [view.hit(i, kinds, 0.9) for i, kinds in per.items() if kinds is not None]
    for item, kinds_list in loose.items():
        out.setdefault(item, []).extend(Hit(None, kinds, 0.9) for kinds in kinds_list)
    return out


def rule_evidence(doc: Doc, view: DocView | None = None) -> dict[str, list[Hit]]:
    """All rule-based evidence per checklist id: cue hits plus extractor facts, one hit per sentence."""
    view = view or DocView.build(doc)
    evidence = cue_evidence(doc, view)
    for item, hits in fact_evidence(doc, view).items():
        evidence[item] = _merge_hits(evidence.get(item, []), hits)
    return evidence


def model_evidence(doc: Doc, view: DocView | None = None) -> dict[str, list[Hit]]:
    """THE MODEL SEAM. Sentence-classifier evidence from ``analyser/model.py``; empty without a model.

    Uses ``model.predict_spans(doc, offsets) -> list[dict[item_id, probability]]``. Sentences
    scored at or above ``MODEL_THRESHOLD`` for an item become hits of kind ``"model"``.
    """
    from . import model

    if not model.model_available():
        return {}
    view = view or DocView.build(doc)
    offsets = view.offsets()
    scores = model.predict_spans(doc, offsets)
    text, heading_starts = view.text, view.heading_starts
    out: dict[str, list[Hit]] = {}
    for (start, end), probs in zip(offsets, scores):
        if not probs or max(probs.values()) < MODEL_THRESHOLD:
            continue
        for item, p in probs.items():
            if p >= MODEL_THRESHOLD:
                out.setdefault(item, []).append(Hit(Span(text[start:end], start, end), {"model"}, float(p),
                                                    start in heading_starts, "model"))
    return out


def merge_evidence(rule: dict[str, list[Hit]], model: dict[str, list[Hit]]) -> dict[str, list[Hit]]:
    """Rule and model evidence united per item; a sentence found by both is marked ``rules+model``."""
    merged = {item: list(hits) for item, hits in rule.items()}
    for item, hits in model.items():
        merged[item] = _merge_hits(merged.get(item, []), hits)
    return merged


def _merge_hits(base: list[Hit], extra: list[Hit]) -> list[Hit]:
    by_start = {h.span.start: h for h in base if h.span is not None}
    out = list(base)
    for hit in extra:
        same = by_start.get(hit.span.start) if hit.span is not None else None
        if same is None:
            out.append(hit)
            if hit.span is not None:
                by_start[hit.span.start] = hit
            continue
        same.kinds |= hit.kinds
        same.weight = max(same.weight, hit.weight)
        if same.source != hit.source:
            same.source = "rules+model"
    return out


# ------------------------------------------------------------------ decision and score


def decide(evidence: dict[str, list[Hit]]) -> list[ChecklistItem]:
    """One ChecklistItem per checklist id, in vocabulary order, from the evidence (see module docstring)."""
    return [item for item, _ in _decide(evidence)]


def _decide(evidence: dict[str, list[Hit]]) -> list[tuple[ChecklistItem, list[Hit]]]:
    """The checklist, each item with the hits shown as its evidence (best first)."""
    out = []
    for item in rules().items:
        hits = evidence.get(item.id, [])
        status, reason = _status(item, hits)
        nl, en = _note(item.id, status, reason)
        shown = [h for h in hits if h.span is not None]
        if len(shown) > 1:
            shown.sort(key=_rank)
            del shown[MAX_EVIDENCE:]
        source = hits[0].source if hits else "rules"
        for h in hits:
            if h.source != source:
                source = "rules+model"
                break
        out.append((ChecklistItem(item.id, item.article, status, [h.span for h in shown],  # type: ignore[misc]
                                  nl, en, item.required, source), shown))
    return out


def _rank(hit: Hit) -> tuple[float, int]:
    """The order of an item's evidence: heaviest first, then in document order."""
    return -hit.weight, hit.span.start  # type: ignore[union-attr]


def _status(item: ItemRules, hits: list[Hit]) -> tuple[str, str]:
    if not hits:
        return ("not_applicable", "not_applicable") if item.id == "legitimate_interests" else ("absent", "absent")
    kinds: set[str] = set()
    body: set[str] = set()  # kinds of the hits that are no heading
    in_body = False
    for h in hits:
        kinds |= h.kinds
        if not h.heading:
            body |= h.kinds
            in_body = True
    absent_only = item.absent_when_only
    if absent_only and (kinds <= absent_only or (in_body and body <= absent_only)):
        return "absent", "absent"  # (a heading may announce it while the text under it only refers elsewhere)
    if item.headings_suffice:
        body = kinds
    elif not in_body:
        return "partial", "heading_only"
    if item.partial_when_only and body <= item.partial_when_only:
        return "partial", "partial"
    return "present", "present"


@cache
def _note(item_id: str, status: str, reason: str) -> tuple[str, str]:
    r = rules()
    item = r.by_id[item_id]
    nl, en = item.notes.get(reason) or r.default_notes.get(reason) or r.default_notes[status]
    values = {"nl": item.nl.lower(), "en": item.en.lower(), "article": item.article}
    return nl.format(**values), en.format(**values)


def compute_score(checklist: list[ChecklistItem]) -> Score:
    """Completeness over the required items that apply (formula in the module docstring)."""
    r = rules()
    applicable = [c for c in checklist if c.required and c.status != "not_applicable"]
    counts = {s: sum(1 for c in applicable if c.status == s) for s in ("present", "partial", "absent")}
    points = sum(r.weights[s] * n for s, n in counts.items())
    value = round(100.0 * points / len(applicable), 1) if applicable else 0.0
    band = next(name for minimum, name in r.bands if value >= minimum)
    return Score(value, band, counts["present"], counts["partial"], counts["absent"], len(applicable))


# ------------------------------------------------------------------ spaCy component


@Language.factory("analyser_checklist", default_config={"use_model": True})
def make_checklist(nlp: Language, name: str, use_model: bool) -> ChecklistComponent:
    return ChecklistComponent(use_model)


class ChecklistComponent:
    """Sets ``doc._.checklist``, ``doc._.score`` and ``doc.spans["checklist"]``."""

    def __init__(self, use_model: bool) -> None:
        self.use_model = use_model
        rules()  # compile the patterns now, not on the first document

    @staticmethod
    def _model_may_change(evidence: dict[str, list[Hit]]) -> bool:
        """The classifier only adds evidence to the items it is enabled for: when the rules already find
        every one of them present, it cannot change the checklist and is not run."""
        from . import model

        by_id = rules().by_id
        return any(_status(by_id[item], evidence.get(item, []))[0] != "present"
                   for item in model.enabled_items_set() if item in by_id)

    def __call__(self, doc: Doc) -> Doc:
        view = DocView.build(doc)
        evidence = rule_evidence(doc, view)
        if self.use_model and self._model_may_change(evidence):
            evidence = merge_evidence(evidence, model_evidence(doc, view))
        decided = _decide(evidence)
        checklist = [c for c, _ in decided]
        doc._.checklist = checklist
        doc._.score = compute_score(checklist)
        shown = [(c.item, hit.span) for c, hits in decided if c.status in ("present", "partial")
                 for hit in hits if hit.sentence >= 0]
        bounds = view.token_bounds([(span.start, span.end) for _, span in shown]) if shown else []  # type: ignore
        add = doc.vocab.strings.add
        labels = {label: add(label) for label, _ in shown}  # the label hashes: the spans need not look them up
        doc.spans["checklist"] = [SpacySpan(doc, start, end, label=labels[label])
                                  for (label, _), (start, end) in zip(shown, bounds)]
        return doc
