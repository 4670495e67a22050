"""Segmentation: find heading lines, the table of contents and the sections they open.

Plain-text statements carry no markup, so a heading is recognised by its shape and its place:
a short line that stands as its own block, does not read like a sentence, a list item, a
contact line or a date, and is followed by content. Numbering (``2.1.``, ``Artikel 3``) and
markup hints from HTML/DOCX/Markdown settle the level. Section topics come from heading cues
in ``data/topics.json`` (checklist ids).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress
from operator import sub
from re import _parser as sre_parse  # type: ignore[attr-defined]

import numpy
from spacy.attrs import LEMMA, SENT_START
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .data import load_data
from .extensions import doc_text
from .loading import HeadingHint
from .report import Section
from .sieves import Matcher, Searcher, Sieved, clauses, sieved
from .tokens import LOWER_FORMS, ORTH_FORMS, FormValues, tokens

# ------------------------------------------------------------------ shapes

_NUMBERED = re.compile(
    r"^(?:(?:artikel|hoofdstuk|paragraaf|art\.)\s+)?(\d{1,2}(?:\.\d{1,2}){0,3})\.?(?:\)|\s)\s*"
    r"(?:[-–—:]\s+)?(?=\S)", re.I)  # "Artikel 1 - Wie wij zijn": a dash or colon may follow the number
_ROMAN = re.compile(r"^([IVX]{1,4})[.)]\s+(?=[A-Z])")
_LETTERED = re.compile(r"^([a-h])[.)]\s+")
# "A. Wie zijn wij", "C.1 Behandeling van uw zaak": capital-letter numbering, trusted only when the statement
# numbers at least "A" and "B" that way (a lone "J. Jansen" is a name with an initial)
_LETTER_NUMBER = re.compile(r"^(?:([A-Z](?:\.\d{1,2}){1,2})\.?|([A-Z])[.)])\s+(?=[A-Z\d\"'“‘(«])")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–]\s|\d{1,2}[.)]\s*$)")
_EMAIL = re.compile(r"[\w.+-]+(?:@|\s?\[at\]\s?|\s?\(at\)\s?)[\w-]+\.[\w.-]+", re.I)
_BRACKETED_AT = re.compile(r"\[at\]|\(at\)", re.I)  # an "@" written out: what _EMAIL needs when the text has no "@"
_URL = re.compile(r"https?://|www\.\w", re.I)
_PHONE = re.compile(r"(?:\+\d{2}|\b0)\d{1,3}[\s/.-]?\d{2,3}[\s./-]?\d{2}[\s./-]?\d{2,3}\b|\b0\d{9}\b|\b1400\b")
_POSTCODE = re.compile(r"\b\d{4}\s?[A-Z]{2}\b|\bB-\d{4}\b|^\d{4}\s+[A-Z][a-z]+")
_STREET = re.compile(r"^[A-Z][\w'.-]+(?:\s[\w'.-]+){0,3}\s\d{1,4}[a-zA-Z]?(?:[-\s]\d{1,4})?(?:\sbus\s\d+)?$")
_DATE = re.compile(
    r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b|\b\d{1,2}\s+(?:jan|feb|maa|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)\w*\.?"
    r"\s+\d{4}\b|\b(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
    r"\s+\d{4}\b", re.I)
_LABEL_VALUE = re.compile(
    r"^(?:versie|datum|laatst\s+(?:bijgewerkt|gewijzigd|aangepast)|bijgewerkt|gewijzigd|tel(?:efoon)?(?:nummer)?|"
    r"e-?mail|gsm|fax|adres|kvk|btw|iban|website|post(?:adres)?|bezoekadres|t\.a\.v|tnv|ingangsdatum|"
    r"publicatiedatum|vastgesteld|goedgekeurd|aangenomen|bekrachtigd|status|postbus)\b", re.I)
_SENTENCE_START = re.compile(r"^(?:wij|we|je|jij|u|ik|zij|ze|hij|dit|dat|er|hier|daar|als|indien|wanneer)\s+\w+", re.I)
_FINITE_HINT = re.compile(
    r"\b(?:is|zijn|wordt|worden|werd|hebben|heeft|kunt|kan|kunnen|zal|zullen|mag|mogen|moet|moeten|"
    r"verwijderen|bewaren|gebruiken|verwerken|delen|sturen|slaan|vragen|maken|nemen|houden|geven)\b", re.I)
_TOC_LINE = re.compile(r"^(?P<title>\S.{1,150}?)(?:\s*\.{3,}\s*|\s*\t+\s*|\s{3,})(?P<page>\d{1,3})\s*$")
_TOC_TITLE = re.compile(r"^(?:inhoud(?:sopgave)?|inhoudstafel|table of contents|contents)\s*:?$", re.I)
# the characters _TOC_TITLE's first letter matches (i, t, c in any case, and the dotted/dotless i): a cheaper
# test than the regex for the many lines that cannot be a title (a test checks the set against the regex)
_TOC_TITLE_FIRST = frozenset("iItTcC\u0130\u0131")
_DIGIT = re.compile(r"\d")
_DIGIT_PAIR = re.compile(r"\d\d")
_NUMBERS_ONLY = re.compile(r"[\d\s./:-]+")
_LONG_NUMBER = re.compile(r"\d[\d. ]{6,}\d|^postbus\s+\d", re.I)  # "KvK 12345678", "Postbus 123"
_INITIALS_END = re.compile(r"\b\w{1,3}\.\w{1,3}\.$")
_TWO_SENTENCES = re.compile(r"[.!] [A-Z]")
_PERIOD = re.compile(r"\b\d+\s+(?:dagen|weken|maanden|jaar|jaren)\b")
# what every contact or date line but a web address holds (see `_is_contact_or_date`), if it does not start with
# whitespace, "." , "/" or "-" (a numbers-only line): a digit, "@", "[" or "(" (an e-mail address) or ":" (a label)
_CONTACT_CHAR = re.compile(r"[\d@\[(:]")

_MAX_WORDS = 16
_MAX_CHARS = 130


@dataclass(slots=True)
class Lines:
    """The text's non-blank lines, stripped: their texts and character offsets, and per line whether a blank
    line (or the start of the text) stands right above it. Blank lines themselves are not kept."""

    texts: list[str]
    starts: list[int]
    ends: list[int]
    after_blank: list[bool]


@dataclass
class Heading:
    start: int
    end: int
    text: str
    level: int
    number: str | None = None
    hinted: bool = False


@dataclass
class Segmentation:
    headings: list[Heading] = field(default_factory=list)
    toc: tuple[int, int] | None = None


def split_lines(text: str) -> Lines:
    """The text's non-blank lines (see `Lines`)."""
    raws = text.split("\n")
    texts: list[str] = []
    starts: list[int] = []
    after_blank: list[bool] = []
    pos = 0
    last = -2  # the index of the previous non-blank line: the first one stands after the start of the text
    for k, (raw, stripped) in enumerate(zip(raws, map(str.strip, raws))):
        if stripped:
            texts.append(stripped)
            starts.append(pos + raw.index(stripped[0]))  # only whitespace stands before the first character
            after_blank.append(k - last > 1)
            last = k
        pos += len(raw) + 1
    return Lines(texts, starts, [s + len(t) for s, t in zip(starts, texts)], after_blank)


def numbering(text: str) -> str | None:
    """The number a heading line starts with ("2.1", "IV"), if any."""
    m = _NUMBERED.match(text)
    if m:
        return m.group(1)
    m = _ROMAN.match(text)
    return m.group(1) if m else None


def find_toc(lines: Lines) -> tuple[int, int] | None:
    """The range (first, last) of the non-blank lines that form a table of contents, if the text has one: lines
    ending in page numbers or dot leaders, or a block of short lines that the text repeats later as headings."""
    return _toc_with_page_numbers(lines) or _toc_repeated_later(lines)


def _toc_repeated_later(lines: Lines) -> tuple[int, int] | None:
    """A block of ≥3 consecutive short lines (after an optional "Inhoud" title) most of which stand
    again, each on a line of its own, further down: a table of contents without page numbers."""
    texts = lines.texts
    if not texts:
        return None
    bounds = list(compress(range(len(texts)), lines.after_blank))  # where the blocks start
    sizes = list(map(sub, bounds[1:], bounds))
    sizes.append(len(texts) - bounds[-1])
    bounds.append(len(texts))
    blocks = len(sizes)
    # only a block of three lines or more, or a one-line title over one, can be a table of contents
    candidates = [b for b, size in enumerate(sizes)
                  if size >= 3 or (size == 1 and texts[bounds[b]][0] in _TOC_TITLE_FIRST)]
    taken = -1  # the block a title took as its entries
    for b in candidates:
        if b == taken:
            continue
        first, stop = bounds[b], bounds[b + 1]
        titled = _TOC_TITLE.match(texts[first]) is not None
        entries = first + 1 if titled else first
        if titled and entries == stop and b + 1 < blocks:  # "Inhoudsopgave", a blank line, then the entries
            taken = b + 1
            entries, stop = bounds[taken], bounds[taken + 1]
        if stop - entries >= 3 and all(len(t) <= _MAX_CHARS and not t.endswith(".") for t in texts[entries:stop]):
            wanted = [t.lower() for t in texts[entries:stop]]
            # a line that lower-cases to an entry is no longer than the entry lower-cased (lower() never
            # shortens a text), so only the short lines further down are lower-cased
            longest = max(map(len, wanted))
            later = {t.lower() for t in texts[stop:] if len(t) <= longest}
            repeated = sum(w in later for w in wanted)
            if repeated >= 0.8 * (stop - entries):
                return (first, stop - 1)
    return None


def _toc_with_page_numbers(lines: Lines) -> tuple[int, int] | None:
    # lines are stripped, so one that ends in a page number ends in a digit: the regex runs on those only
    texts = lines.texts
    toc_like = [t[-1].isdecimal() and _TOC_LINE.match(t) is not None for t in texts]
    if not any(toc_like):
        return None
    after_blank = lines.after_blank
    i = 0
    n = len(texts)
    while i < n:
        if toc_like[i] and not _BULLET.match(texts[i]):
            j = i
            count = 0
            last = i
            # toc lines, blank lines, and a line right above a toc line (an entry on two lines)
            while j < n and (toc_like[j] or (count and j + 1 < n and toc_like[j + 1] and not after_blank[j + 1]
                                             and len(texts[j]) < 80)):
                if toc_like[j]:
                    count += 1
                    last = j
                j += 1
            if count >= 2:
                first = i - 1 if i and _TOC_TITLE.match(texts[i - 1]) else i
                return (first, last)
            i = j
        else:
            i += 1
    return None


@lru_cache(maxsize=16384)
def _is_contact_or_date(text: str) -> bool:
    """An e-mail address, web address, phone number, postal address, date or "label: value" line
    (cached within one statement, see ``clear_line_caches``)."""
    if ("://" in text or "www." in text.lower()) and _URL.search(text):  # what a web address holds
        return True
    if not _CONTACT_CHAR.search(text) and not (text[:1].isspace() or text[:1] in "./-"):
        return False  # most lines: none of the patterns below can match
    if ("@" in text or (("[" in text or "(" in text) and _BRACKETED_AT.search(text))) and _EMAIL.search(text):
        return True
    if _LABEL_VALUE.match(text) and (":" in text or _DATE.search(text)):
        return True
    if not _DIGIT.search(text):  # phone numbers, postcodes, dates and house numbers all have digits
        return bool(_NUMBERS_ONLY.fullmatch(text))
    if _LONG_NUMBER.search(text) or _NUMBERS_ONLY.fullmatch(text) or _STREET.match(text):
        return True
    if not _DIGIT_PAIR.search(text):  # "2. Wie zijn wij": phone numbers, postcodes and dates hold two digits in a row
        return False
    return bool(_PHONE.search(text) or _POSTCODE.search(text) or (_DATE.search(text) and len(text.split()) <= 6))


_LABEL_CLAUSE = re.compile(r":\s+[a-zà-ÿ][\w'-]*(?:\s+\S+){3,}$")  # a colon, then four or more words in lower case


def _shape_words(text: str) -> list[str] | None:
    """The words of a line that, on its own, could be a heading; None for any other line."""
    if len(text) < 2 or len(text) > _MAX_CHARS:
        return None
    if text[-1] in ",;:" or "|" in text or "\t" in text or text.endswith(("...", "…")) or _BULLET.match(text):
        return None
    words = text.split()
    if len(words) > _MAX_WORDS:
        return None
    number = _NUMBERED.match(text) or (_ROMAN.match(text) if text[0] in "IVX" else None)
    body = text[number.end():] if number else text
    if not body or not (body[0].isupper() or body[0].isdigit() or body[0] in "\"'“‘(«"):
        return None
    if text[-1] == ".":
        if number:
            if len(words) > 8:
                return None
        elif not _INITIALS_END.search(text):
            return None  # a full stop ends a sentence, not a heading ("... Mainnovation b.v." aside)
    if (". " in body or "! " in body) and _TWO_SENTENCES.search(body) and not body.isupper():
        return None  # two sentences on one line ("ONTSNAPT! ESCAPE ROOMS": in capitals every word starts with one)
    if ": " in body and _LABEL_CLAUSE.search(body):
        return None  # a label and running text ("... > Bewaartermijn: wij wissen ze een maand na terugkomst")
    return None if _is_contact_or_date(text) else words


def _sentence_like(text: str, words: list[str]) -> bool:
    """A line (split into ``words``) that reads as running text that only lacks its full stop (Dutch main
    clauses put the finite verb second: "We verwijderen de data binnen 6 maanden ..."; headings are noun
    phrases, questions or verb-final clauses: "Gegevens die bewaard worden als je contact opneemt")."""
    if len(words) < 6 or text.endswith("?"):
        return False  # most headings: too short for any test below
    if len(words) >= 14:
        return True
    if len(words) >= 7 and any(_FINITE_HINT.fullmatch(w.strip(",")) for w in words[1:3]):
        return True  # the finite verb second
    return _PERIOD.search(text) is not None


@lru_cache(maxsize=16384)
def _heading_candidate(text: str) -> bool:
    """A line shaped like a heading that does not read as a sentence (cached within one statement)."""
    words = _shape_words(text)
    return words is not None and not _sentence_like(text, words)


def clear_line_caches() -> None:
    """Forget what was learnt about lines and headings of earlier statements: the caches save work within one
    statement (repeated lines, headings), not across statements, so a benchmark that analyses the same texts
    twice measures what a run over new statements costs."""
    _is_contact_or_date.cache_clear()
    _heading_candidate.cache_clear()


def detect_headings(text: str, hints: list[HeadingHint] | None = None) -> Segmentation:
    clear_line_caches()
    lines = split_lines(text)
    texts, starts, after_blank = lines.texts, lines.starts, lines.after_blank
    n = len(texts)
    toc = find_toc(lines)
    hint_at = {h.start: h for h in (hints or [])}
    trust_shape = not hints  # with markup, headings come from the markup (plus numbered lines)
    decided: dict[int, bool] = {}
    pending: set[int] = set()
    # shaped like a heading, outside the table of contents
    shapes = [len(t) <= _MAX_CHARS and _heading_candidate(t) for t in texts]
    lettered = _letter_numbers(texts)
    for i in lettered:  # shaped like a heading once its letter is set aside
        shapes[i] = _heading_candidate(texts[i][_LETTER_NUMBER.match(texts[i]).end():])  # type: ignore[union-attr]
    if toc:
        shapes[toc[0]:toc[1] + 1] = [False] * (toc[1] + 1 - toc[0])

    def number_of(i: int) -> str | None:
        return lettered.get(i) or numbering(texts[i])

    def is_heading(i: int) -> bool:
        if i in decided:
            return decided[i]
        pending.add(i)  # a line asks whether the next is a heading; that one assumes this one is
        hint = hint_at.get(starts[i])
        if hint is not None:
            result = (not toc or not toc[0] <= i <= toc[1]) and len(texts[i]) <= 200 \
                and not _is_contact_or_date(texts[i])
        elif not shapes[i] or not (trust_shape or number_of(i)):
            result = False
        else:
            result = _context_allows(i)
        pending.discard(i)
        decided[i] = result
        return result

    def _context_allows(i: int) -> bool:
        j = i + 1
        if j >= n:
            return False  # the last line introduces nothing
        line = texts[i]
        nxt = texts[j]
        adjacent_next = not after_blank[j]
        # what comes before: a blank, the start, a finished sentence, a list item or another heading
        if not after_blank[i]:
            prev = texts[i - 1]
            if not (_ends_block(prev) or (i - 1) in pending or is_heading(i - 1)):
                return False
            if line.endswith(".") and number_of(i) and (prev.endswith((";", ",")) or (
                    number_of(i - 1) and not is_heading(i - 1))):
                return False  # "4. ... ." closing a numbered list, or one more sentence of it
        if i and texts[i - 1].endswith(":") and not number_of(i):
            # after "... de volgende doelen:" a bare line is usually a list item without its bullet
            if adjacent_next or not (_BULLET.match(nxt) or len(nxt) > 60):
                return False
        # what comes after: content, a list, or another heading
        if i == 0:
            return True  # the first line is the title
        if _BULLET.match(nxt) or _is_content(nxt):
            return True
        if shapes[j] and is_heading(j):
            return True
        if not adjacent_next and _block_has_contact(lines, j):
            return True  # "Contactgegevens" above an address block
        return not adjacent_next and (len(nxt.split()) > 3 or " | " in nxt)  # ... or a table ("Gegevens | Termijn")

    headings: list[Heading] = []
    # a line neither shaped nor marked up as a heading is none (is_heading says so at once)
    candidates = [i for i, shaped in enumerate(shapes) if shaped or starts[i] in hint_at] if hint_at else \
        [i for i, shaped in enumerate(shapes) if shaped]
    for i in candidates:
        if is_heading(i):
            hint = hint_at.get(starts[i])
            headings.append(Heading(starts[i], lines.ends[i], texts[i], hint.level if hint else 0, number_of(i),
                                    hinted=hint is not None))
    _assign_levels(headings)
    toc_span = (starts[toc[0]], lines.ends[toc[1]]) if toc else None
    return Segmentation(headings, toc_span)


def _letter_numbers(texts: list[str]) -> dict[int, str]:
    """Line index → its capital-letter number ("A", "C.1"), when the statement numbers sections A, B, ... so."""
    found: dict[int, str] = {}
    for i, text in enumerate(texts):
        if text[1:2] in (".", ")") and text[:1].isupper() and len(text) <= _MAX_CHARS:  # "A.", "C.1", "B)"
            m = _LETTER_NUMBER.match(text)
            if m and m.end() < len(text):
                found[i] = m.group(1) or m.group(2)
    top = {n for n in found.values() if len(n) == 1}
    return found if {"A", "B"} <= top else {}


def _block_has_contact(lines: Lines, j: int) -> bool:
    """A contact or date line in the block of lines that starts at ``j``."""
    texts, after_blank = lines.texts, lines.after_blank
    if _is_contact_or_date(texts[j]):
        return True
    j += 1
    while j < len(texts) and not after_blank[j]:
        if _is_contact_or_date(texts[j]):
            return True
        j += 1
    return False


def _ends_block(text: str) -> bool:
    return text.endswith((".", "!", "?", ":", ";", ")")) or bool(_BULLET.match(text)) or len(text) > 90


def _is_content(text: str) -> bool:
    return len(text) > 60 or text.endswith((".", ":", "!", ";"))


def _assign_levels(headings: list[Heading]) -> None:
    if not headings:
        return
    hinted = [h.level for h in headings[1:] if h.hinted]
    base = min(hinted) if hinted else 1
    parent_level = 1
    parent_numbered = False
    for i, h in enumerate(headings):
        if i == 0 and not h.number:
            h.level = 0
            continue
        if h.number:
            h.level = h.number.count(".") + 1 if h.number[0].isdigit() or "." in h.number else 1
            parent_level, parent_numbered = h.level, True
        elif h.hinted:
            h.level = max(1, h.level - base + 1)
        else:
            h.level = parent_level + 1 if parent_numbered else 1


# ------------------------------------------------------------------ topics


def heading_topics(heading: str) -> list[str]:
    """Checklist ids a heading announces, from the cue patterns in ``data/topics.json`` (lower case, matched
    against the lower-cased heading)."""
    return list(headings_topics([heading])[0])


def headings_topics(headings: list[str]) -> list[tuple[str, ...]]:
    """`heading_topics` of each of a statement's headings, screened for all of them at once."""
    return _lowered_topics([h.lower() for h in headings])


# the topics whose screen strings (`_TopicScreen.in_words`) one word holds, per lower-cased word: kept per process
_WORD_TOPICS: dict[str, frozenset[int]] = {}


def _lowered_topics(lowers: list[str]) -> list[tuple[str, ...]]:
    """The topics of lower-cased headings. A topic is tried on a heading that holds one of its screen strings
    (`_TopicScreen`). A string without whitespace lies inside one word of the heading, so those come from the
    heading's words (`_WORD_TOPICS`); the few with a space are looked for in the headings joined by line breaks
    (no heading holds one, and no string does, so a hit lies inside one heading)."""
    if not lowers:
        return []
    screen = _topic_screen()
    candidates: list[set[int]] = [set(screen.always) for _ in lowers]
    for topics, low in zip(candidates, lowers):
        for word in low.split():
            found = _WORD_TOPICS.get(word)
            if found is None:
                found = _WORD_TOPICS[word] = frozenset(
                    topic for literal, of in screen.in_words if literal in word for topic in of)
            topics |= found
    joined = "\n".join(lowers)
    spaced = [item for item in screen.spaced if item[0] in joined]
    if spaced:
        starts = [0, *accumulate(len(low) + 1 for low in lowers[:-1])]
        for literal, topics in spaced:
            i = joined.find(literal)
            while i >= 0:
                k = bisect_right(starts, i) - 1
                candidates[k] |= topics
                i = joined.find(literal, starts[k] + len(lowers[k]) + 1)  # on to the next heading
    names, matchers = screen.names, screen.matchers
    return [tuple(names[i] for i in sorted(topics) if matchers[i].search(low)) if topics else ()
            for topics, low in zip(candidates, lowers)]


_TOPIC_CACHE: list[tuple[str, Searcher]] = []


def _topic_patterns() -> list[tuple[str, Searcher]]:
    if not _TOPIC_CACHE:
        data = load_data("topics")
        for topic, patterns in data["heading_cues"].items():  # behind literal sieves (see sieves.py)
            _TOPIC_CACHE.append((topic, sieved("|".join(f"(?:{p})" for p in patterns))))
    return _TOPIC_CACHE


@dataclass(frozen=True)
class _TopicScreen:
    """The strings the topic patterns need: per topic one clause of its sieve (`sieves.clauses`), strings one of
    which every match holds, so a topic none of whose strings occur in a heading cannot match it. ``in_words``
    (the strings without whitespace) and ``spaced`` (the others) list each string with its topics; a topic with
    no such clause is tried on every heading. ``matchers`` test a topic's pattern (`sieves.Matcher`: its
    alternatives behind their own sieves)."""

    in_words: tuple[tuple[str, frozenset[int]], ...]
    spaced: tuple[tuple[str, frozenset[int]], ...]
    always: frozenset[int]
    names: tuple[str, ...]
    matchers: tuple[Matcher, ...]


@lru_cache(maxsize=1)
def _topic_screen() -> _TopicScreen:
    by_literal: dict[str, set[int]] = {}
    always = set()
    matchers = []
    for i, (_topic, searcher) in enumerate(_topic_patterns()):
        pattern = searcher.pattern if isinstance(searcher, Sieved) else searcher
        matchers.append(Matcher(pattern))
        found = searcher.clauses if isinstance(searcher, Sieved) else clauses(sre_parse.parse(pattern.pattern))
        if pattern.flags & re.IGNORECASE or not found:
            always.add(i)
            continue
        for literal in found[0]:
            by_literal.setdefault(literal, set()).add(i)
    items = [(literal, frozenset(topics)) for literal, topics in by_literal.items()]
    spaced = [any(c.isspace() for c in literal) for literal, _ in items]
    return _TopicScreen(tuple(item for item, space in zip(items, spaced) if not space),
                        tuple(item for item, space in zip(items, spaced) if space), frozenset(always),
                        tuple(topic for topic, _ in _topic_patterns()), tuple(matchers))


# ------------------------------------------------------------------ spaCy components

_SENT_END = frozenset(".!?")
_ROMAN_FORM = re.compile(r"[IVX]{1,4}")

# Flags of a form (bits of a small int) for the sentence rules, kept per process and per ORTH hash:
# hashes are the same in every StringStore and a corpus keeps repeating its forms, so each new form
# is looked at once and a document's sentence starts come from array arithmetic.
_BREAK = 1  # holds a line break
_END = 2  # ".", "!" or "?"
_OPENS = 4  # can open a sentence: starts with a capital, a digit, a quote or "("
_SPACE = 8  # whitespace only
_NUMBER = 16  # digits and dots ("1.1") or a Roman numeral ("XI"), a heading number when it starts a line
_SHORT_LOWER = 32  # at most three lower-case characters, the "a" of "o.a."
_DOT = 64  # "."


def _form_flags(form: str) -> int:
    """The bits above that hold for one token text."""
    first = form[:1]
    return (_BREAK * ("\n" in form) | _END * (form in _SENT_END)
            | _OPENS * (first.isupper() or first.isdigit() or first in "\"'“‘(") | _SPACE * form.isspace()
            | _NUMBER * (form.replace(".", "").isdigit() or _ROMAN_FORM.fullmatch(form) is not None)
            | _SHORT_LOWER * (len(form) <= 3 and form.islower())
            | _DOT * (form == "."))


_FORM_FLAGS = FormValues(ORTH_FORMS, _form_flags, "uint8")


@Language.component("analyser_sentences")
def sentences_component(doc: Doc) -> Doc:
    """Sentence starts that respect Dutch statements' layout: every line break ends a sentence
    (headings, list items, address lines), and so does ., ! or ? before a capital, digit or quote.
    Abbreviations ("o.a.", "bijv.", "t.b.v.") and heading numbers ("1.1. Het ...") do not end one."""
    n = len(doc)
    if not n:
        return doc
    view = tokens(doc)
    flags = _FORM_FLAGS.of(view.orth_ids)
    # the flags of each token and of the three before it; the text starts as if after a line break
    padded = numpy.concatenate(([0, 0, _BREAK], flags))
    token, prev, prev2, prev3 = padded[3:], padded[2:-1], padded[1:-2], padded[:-3]
    prev2_spaced = numpy.concatenate(([True, True], view.spacy))[:n]
    # a "." that closes a heading number at a line start ("1.1. Het creëren ...") or an abbreviation,
    # right after a short lower-case part that itself follows a "." ("o.a.", "t.b.v.")
    number_stop = ((prev3 & _BREAK) != 0) & ((prev2 & _NUMBER) != 0)
    abbreviation_stop = (prev2_spaced == 0) & ((prev2 & _SHORT_LOWER) != 0) & ((prev3 & _DOT) != 0)
    sentence_end = ((prev & _END) != 0) & ((token & _OPENS) != 0) & ~number_stop & ~abbreviation_stop
    starts = numpy.where((prev & _BREAK) != 0, (token & _SPACE) == 0, sentence_end)
    starts[0] = True
    doc.from_array([SENT_START], numpy.where(starts, 1, -1).astype("uint64").reshape(-1, 1))
    view.sent_start = starts
    chars = view.idx[starts].tolist()
    if chars[0] != 0:
        chars.insert(0, 0)
    view.sentence_starts = doc.user_data["analyser_sentence_starts"] = chars
    return doc


@Language.factory("analyser_lemmas", default_config={})
def make_lemmas(nlp: Language, name: str) -> LemmaComponent:
    return LemmaComponent(nlp)


class LemmaComponent:
    """Dutch lookup lemmas from spacy-lookups-data (the table spaCy's own lookup lemmatizer uses),
    applied per distinct lower-case form with arrays: same lemmas, a fraction of the cost."""

    def __init__(self, nlp: Language) -> None:
        from .language import dutch_lookups

        table: dict[str, str] = dutch_lookups()["lemma_lookup"]
        self.table = table
        self.lemmas = FormValues(LOWER_FORMS, lambda form: get_string_id(table.get(form, form)), "uint64")
        self.added = 0  # the lower-case forms whose lemma is in this pipeline's StringStore

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        view = tokens(doc)
        forms = LOWER_FORMS.texts
        if self.added < len(forms):
            strings = doc.vocab.strings
            for form in forms[self.added:]:
                strings.add(self.table.get(form, form))
            self.added = len(forms)
        view.lemma = lemmas = self.lemmas.of(view.lower_ids)
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


@Language.factory("analyser_sections", default_config={})
def make_sections(nlp: Language, name: str) -> SectionComponent:
    return SectionComponent()


class SectionComponent:
    """Finds the headings and the table of contents; writes ``doc._.sections`` (one per heading,
    plus an untitled one for text before the first heading), ``doc.spans["headings"]`` and ``doc._.toc``."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        seg = detect_headings(text, doc._.heading_hints)
        doc._.toc = seg.toc
        doc._.sections = build_sections(text, seg)
        spans = []
        if seg.headings and len(doc):
            # the tokens a heading's characters touch (``char_span(..., alignment_mode="expand")``), from the offsets
            idx = tokens(doc).idx
            bounds = idx.searchsorted([[h.start, h.end] for h in seg.headings], side="left").tolist()
            firsts = (idx.searchsorted([h.start for h in seg.headings], side="right") - 1).tolist()
            for h, first, (_, end) in zip(seg.headings, firsts, bounds):
                if end > first >= 0:
                    spans.append(Span(doc, first, end, label=f"level{h.level}"))
        doc.spans["headings"] = spans
        return doc


def build_sections(text: str, seg: Segmentation) -> list[Section]:
    sections: list[Section] = []
    heads = seg.headings
    content_start = len(text) - len(text.lstrip())
    if not heads or heads[0].start > content_start:
        end = heads[0].start if heads else len(text)
        if text[content_start:end].strip():
            sections.append(Section(None, 0, content_start, _trim_end(text, content_start, end), []))
    for i, (h, topics) in enumerate(zip(heads, headings_topics([h.text for h in heads]))):
        end = heads[i + 1].start if i + 1 < len(heads) else len(text)
        if seg.toc and h.start < seg.toc[0] < end:
            end = seg.toc[0]  # the table of contents belongs to no section
        sections.append(Section(h.text, h.level, h.start, _trim_end(text, h.start, end), list(topics), h.number))
    if seg.toc and sections and sections[0].heading is None and sections[0].start < seg.toc[0] < sections[0].end:
        sections[0].end = _trim_end(text, sections[0].start, seg.toc[0])
    return sections


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def section_at(sections: list[Section], offset: int) -> Section | None:
    """The section whose span holds ``offset`` (sections are sorted and do not overlap)."""
    starts = [s.start for s in sections]
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset <= sections[i].end:
        return sections[i]
    return None


# Heading nesting, read in two ways: what a section is about for the checklist (everything above it counts),
# and what a sub-section's list names for the categories (only the nearest heading that has a topic).


def nested_topics(sections: list[Section]) -> list[frozenset[str]]:
    """Each section's topics plus those of every section it is nested in by heading level, a level-0 title's
    included (the checklist's reading: "Uw rechten" over "Bezwaar" makes the objection part of the rights)."""
    out: list[frozenset[str]] = []
    stack: list[tuple[int, frozenset[str]]] = []
    for s in sections:
        while stack and stack[-1][0] >= s.level:
            stack.pop()
        inherited = stack[-1][1] if stack else frozenset()
        topics = inherited | frozenset(s.topics)
        out.append(topics)
        if s.heading is not None:
            stack.append((s.level, topics))
    return out


def own_or_parent_topics(sections: list[Section], k: int) -> list[str]:
    """Section ``k``'s topics; a sub-section whose heading has none takes those of the nearest section above it
    at a lower level, a level-0 title not counted (the categories' reading: "3.1 Als u een reis boekt" under
    "3. Welke gegevens verwerken wij?" lists data, while a title that names data does not make every list one)."""
    topics, level = sections[k].topics, sections[k].level
    while not topics and level > 1 and k > 0:
        k -= 1
        if 0 < sections[k].level < level:
            topics, level = sections[k].topics, sections[k].level
    return topics
