"""The Art. 6 legal bases a statement invokes, with the sentences that invoke them.

A basis counts when the text *invokes* it for some processing, disclosure or retention
(annotation guide). The word alone is not enough: Dutch statements name bases in passages that
do not invoke them, and these are the traps this stage handles:

* rights clauses: "je kunt je toestemming intrekken", "bezwaar maken tegen verwerking op basis van
  gerechtvaardigd belang of een taak van algemeen belang" name bases generically;
* negations: "wij vragen geen toestemming", "niet op basis van toestemming" (but a data subject's
  refusal, "indien je geen toestemming geeft", still presupposes consent);
* hypotheticals: "waar verwerking op toestemming berust", "indien wij uw toestemming nodig hebben";
* a third party's own obligation: "indien Google hiertoe wettelijk wordt verplicht";
* other senses: "wettelijke grondslag" (legal basis, not obligation), "verwerkersovereenkomst",
  "niet toegestaan zonder toestemming" (a licence), definitions of the word.

Cues and context rules are regular expressions in ``data/legal_bases.json``; they run over the
text once per document and the few matches are checked against their sentence.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from re import _constants as sre  # type: ignore[attr-defined]  # parsed-pattern opcodes
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import NamedTuple

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..data import load_data, vocabulary
from ..extensions import doc_text, sentence_starts
from ..report import LegalBasis, Section
from ..report import Span as ReportSpan
from ..sieves import Searcher, sieved
from ..tokens import ORTH_FORMS, FormValues, tokens
from .document_date import lower_text

_CUE_FLAGS = re.M  # cue and context patterns run on lower-cased text (much faster than re.I)
_END = sys.maxsize


@dataclass
class Mention:
    """One cue that survived the context checks."""

    basis: str
    start: int  # the cue
    end: int
    sent_start: int  # its sentence
    sent_end: int


ARTICLE = -1  # pseudo cue index: run the article pattern


@dataclass(frozen=True)
class Cue:
    """One cue pattern; it runs only on sentences that contain one of its anchor words. ``before``
    must match the text just before the match, ``requires`` must occur in the same sentence."""

    basis: str
    pattern: re.Pattern[str]  # not sieved: each starts with a literal the regex engine scans for
    anchors: tuple[str, ...]
    before: Searcher | None = None
    requires: Searcher | None = None


class Candidate(NamedTuple):
    """A cue match: kind is cue, article or label; ``requires`` must occur in the sentence."""

    basis: str
    start: int
    end: int
    kind: str
    requires: Searcher | None = None


class _Sentence:
    """One sentence: bounds, text and lower-cased text (cue patterns run on it: much faster than re.IGNORECASE),
    with sentence-wide checks computed once."""

    __slots__ = ("end", "flags", "lower", "marks", "start", "text")

    def __init__(self, start: int, end: int, text: str, lower: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = lower
        self.flags: dict[str, bool] | None = None
        self.marks: list[int] | None = None  # offsets of the clause boundary characters, found when first needed

    def clause(self, a: int, b: int, chars: str) -> tuple[int, int]:
        """Bounds of the clause around ``[a, b)``: after the last boundary character before ``a``, up to the first
        one from ``b`` on (what splitting the text before and after by a one-character boundary pattern gives)."""
        marks = self.marks
        if marks is None:
            s = self.lower
            marks = self.marks = sorted(i for ch in chars if ch in s for i in _positions(s, ch))
        i = bisect_right(marks, a - 1)
        j = bisect_left(marks, b, i)
        return (marks[i - 1] + 1 if i else 0), (marks[j] if j < len(marks) else len(self.lower))

    def check(self, name: str, pattern: Searcher) -> bool:
        if self.flags is None:
            self.flags = {}
        got = self.flags.get(name)
        if got is None:
            got = self.flags[name] = pattern.search(self.lower) is not None
        return got


class Rules:
    """The compiled patterns of ``data/legal_bases.json``."""

    def __init__(self, data: dict) -> None:
        self.cues: list[Cue] = []
        self.excluded: dict[str, Searcher] = {}
        for basis, spec in data["bases"].items():
            for cue in spec["cues"]:
                before = sieved(f"(?:{cue['before']})\\Z") if cue.get("before") else None
                requires = sieved(cue["requires"]) if cue.get("requires") else None
                for pattern in cue["patterns"]:
                    self.cues.append(Cue(basis, re.compile(pattern), tuple(cue["anchors"]), before, requires))
            if spec.get("excluded"):
                self.excluded[basis] = sieved("|".join(f"(?:{p})" for p in spec["excluded"]))
        self.anchors: dict[str, set[int]] = {}  # anchor word → indices of the cues it can start
        for i, cue in enumerate(self.cues):
            for anchor in cue.anchors:
                self.anchors.setdefault(anchor.lower(), set()).add(i)
        for anchor in data["articles"]["anchors"]:
            self.anchors.setdefault(anchor.lower(), set()).add(ARTICLE)
        self.anchors = _merge_anchors(self.anchors)
        self.anchor_stops = {a: tuple(w for w in words if w.startswith(a))
                             for a, words in data.get("anchor_stops", {}).items()}
        self.anchor_forms = AnchorForms(self.anchors, self.anchor_stops)
        words = data["bases"]["contract"].get("excluded_words", [])
        self.contract_excluded = tuple(w.lower() for w in words)
        self.article = sieved(data["articles"]["pattern"], _CUE_FLAGS)
        self.letters: dict[str, str] = data["articles"]["letters"]
        labels = data["list_labels"]
        self.label_item = sieved(labels["item"], _CUE_FLAGS)
        self.label_cell = sieved(labels["cell"], _CUE_FLAGS)
        self.label_bases: dict[str, str] = labels["labels"]
        self.label_words = tuple(labels["labels"])
        self.basis_heading = re.compile(labels["basis_heading"], re.I)
        ctx = data["context"]
        self.rights = sieved(ctx["rights"])
        self.withdrawal_after = sieved(ctx["withdrawal_after"])
        self.rights_exempt = set(ctx["rights_exempt"])  # invoked in conditionals as a matter of course:
        self.hypothetical_exempt = set(ctx["hypothetical_exempt"])  # "als wij daartoe wettelijk verplicht zijn"
        self.negator = sieved(ctx["negator"])
        self.negated_after = sieved(ctx["negated_after"])
        self.other_holder = sieved(ctx["other_holder"])
        self.parental_after = sieved(ctx["parental_after"])
        self.future_ask = sieved(ctx["future_ask"])
        self.negation_reset = sieved(ctx["negation_reset"])
        self.refusal_after = sieved(ctx["refusal_after"])
        self.no_need_before = sieved(ctx["no_need_before"])
        self.conditional = sieved(ctx["conditional"])
        self.hypothetical_basis = sieved(ctx["hypothetical_basis"])
        self.hypothetical_after = sieved(ctx["hypothetical_after"])
        self.hypothetical_clause = sieved(ctx["hypothetical_clause"])
        self.consent_need = sieved(ctx["consent_need"])
        self.consent_need_after = sieved(ctx["consent_need_after"])
        self.third_party_subject = re.compile(ctx["third_party_subject"])  # case matters: names are capitalised
        self.first_person = sieved(ctx["first_person"])
        self.permission_sense = sieved(ctx["permission_sense"])
        self.definition = sieved(ctx["definition"])
        self.generic = sieved(ctx["generic_explanation"])
        self.without = sieved(ctx["without"])
        self.inverted_conditional = sieved(ctx["inverted_conditional"])
        self.hypothetical_lead = sieved(ctx["hypothetical_lead"])  # "Zouden wij ooit ..., dan vragen wij ..."
        self.boundary = re.compile(ctx["clause_boundary"])
        self.boundary_chars = _single_characters(self.boundary)
        self.purpose_phrase = sieved(data["purposes"]["phrase"])
        self.purpose_column = re.compile(data["purposes"]["purpose_column"], re.I)
        self.articles: dict[str, str] = {b["id"]: b["article"] for b in vocabulary()["legal_bases"]}





def _single_characters(pattern: re.Pattern[str]) -> str | None:
    """The characters of a pattern that matches exactly one of a few listed characters, each its own lower and
    upper case (so their offsets are the same in the text and its lower-cased form); else None."""
    parsed = list(sre_parse.parse(pattern.pattern, pattern.flags))
    if pattern.flags & re.IGNORECASE or len(parsed) != 1:
        return None
    op, av = parsed[0]
    items = [(op, av)] if op is sre.LITERAL else av if op is sre.IN else []
    if not items or any(o is not sre.LITERAL for o, _ in items):
        return None
    chars = "".join(chr(v) for _, v in items)
    return chars if all(c.lower() == c == c.upper() for c in chars) else None


def _positions(text: str, ch: str) -> Iterator[int]:
    i = text.find(ch)
    while i >= 0:
        yield i
        i = text.find(ch, i + 1)


def _merge_anchors(anchors: dict[str, set[int]]) -> dict[str, set[int]]:
    """Every hit of "verplichting" is a hit of "plicht": search only the shorter word, for both cue sets."""
    merged: dict[str, set[int]] = {}
    for anchor in sorted(anchors, key=len):
        host = next((a for a in merged if a in anchor), None)
        merged.setdefault(host or anchor, set()).update(anchors[anchor])
    return merged


_RULES: list[Rules] = []


def rules() -> Rules:
    if not _RULES:
        _RULES.append(Rules(load_data("legal_bases")))
    return _RULES[0]


# ------------------------------------------------------------------ candidates


def candidate_sentences(index: SentenceIndex, r: Rules) -> dict[int, set[int]]:
    """The sentences worth a closer look, with the cues their anchor words can start.

    Scanning the text with every cue pattern would cost more than tokenising it; the anchor words
    (substrings of the lower-cased text, such as "toestemm" or "wet" but not "weten") are looked up
    per token form instead (`AnchorForms`), and each cue pattern then runs only on the few sentences
    that hold one of its anchors."""
    hits = r.anchor_forms.hits(index)
    if hits is None:
        return _text_sentences(index, r)
    wanted: dict[int, set[int]] = {}
    for offset, cues in hits:
        wanted.setdefault(index.at(offset).start, set()).update(cues)
    return wanted


def _text_sentences(index: SentenceIndex, r: Rules) -> dict[int, set[int]]:
    """`candidate_sentences` by substring search for each anchor in the whole lower-cased text."""
    lower = index.lower
    wanted: dict[int, set[int]] = {}
    for anchor, cues in r.anchors.items():
        stops = r.anchor_stops.get(anchor, ())
        i = lower.find(anchor)
        while i >= 0:
            if stops and any(lower.startswith(w, i) for w in stops):
                i = lower.find(anchor, i + len(anchor))
                continue
            sent = index.at(i)
            wanted.setdefault(sent.start, set()).update(cues)
            i = lower.find(anchor, max(i + 1, sent.end))
    return wanted


class AnchorForms:
    """Which anchor words each token form holds, so a document's anchors come from its token array
    (`FormValues`) instead of one substring search per anchor over the whole text.

    A form's anchors are found in the form alone, lower-cased the way `lower_text` lower-cases (a
    stop word such as "weten" is checked there too). That only fails where a word or stop word runs
    on from one token into the next without a space ("art" + "." for "art."): such joints are marked
    per form (``ends``: the form ends with the first part of a word, ``starts``: the next form
    can continue it; 64 buckets of (first part, rest) splits, a collision only costs a check), and
    the tokens at a marked joint are searched in the text as before. Anchors or stop words with white
    space, or an anchor with stop words that can overlap itself, make every document use the text
    search."""

    def __init__(self, anchors: dict[str, set[int]], stops: dict[str, tuple[str, ...]]) -> None:
        self.anchors = list(anchors)  # bit k of a form's value: it holds anchor k
        self.stops = [stops.get(a, ()) for a in self.anchors]
        self.cues = [anchors[a] for a in self.anchors]
        words = sorted(set(self.anchors) | {w for ws in self.stops for w in ws})
        self.usable = len(self.anchors) <= 62 and not any(c.isspace() for w in words for c in w) and not any(
            ws and any(a[:j] == a[-j:] for j in range(1, len(a))) for a, ws in zip(self.anchors, self.stops))
        self.splits = [(w[:j], w[j:]) for w in words for j in range(1, len(w))]
        self.forms = FormValues(ORTH_FORMS, self._form_anchors, "int64")
        self.ends = FormValues(ORTH_FORMS, self._form_ends, "uint64")
        self.starts = FormValues(ORTH_FORMS, self._form_starts, "uint64")
        self.unions: dict[int, set[int]] = {}

    def _form_anchors(self, form: str) -> int:
        low = _lower(form)
        return sum(1 << k for k in range(len(self.anchors)) if self._first(low, k, 0, len(low)) >= 0)

    def _form_ends(self, form: str) -> int:
        low = _lower(form)
        return _buckets(s for s, (head, _) in enumerate(self.splits) if low.endswith(head))

    def _form_starts(self, form: str) -> int:
        low = _lower(form)
        return _buckets(s for s, (_, rest) in enumerate(self.splits)
                        if low and (low.startswith(rest) or rest.startswith(low)))

    def _first(self, lower: str, k: int, start: int, end: int) -> int:
        """Offset of the first occurrence of anchor k that starts in [start, end) and is not the start of
        one of its stop words, or -1."""
        anchor, stops = self.anchors[k], self.stops[k]
        stop = end + len(anchor) - 1
        i = lower.find(anchor, start, stop)
        while i >= 0 and stops and any(lower.startswith(w, i) for w in stops):
            i = lower.find(anchor, i + len(anchor), stop)
        return i

    def hits(self, index: SentenceIndex) -> list[tuple[int, set[int]]] | None:
        """(offset, cues) of the tokens that hold anchor words; None when the text must be searched."""
        doc = index.doc
        if not self.usable or doc is None or not len(doc):
            return None
        view = tokens(doc)
        ids, idx = view.orth_ids, view.idx
        held = self.forms.of(ids)
        joints = numpy.flatnonzero(~view.spacy[:-1])  # token k runs on into token k + 1
        joints = joints[(self.ends.of(ids[joints]) & self.starts.of(ids[joints + 1])) != 0]
        checked: list[int] = []
        if len(joints):
            checked = numpy.union1d(joints, joints + 1).tolist()
            held = held.copy()
            held[checked] = 0
        at = numpy.flatnonzero(held)
        out = [(offset, self._cues(bits)) for offset, bits in zip(idx[at].tolist(), held[at].tolist())]
        lower, n = index.lower, len(ids)
        for t in checked:
            start = int(idx[t])
            end = int(idx[t + 1]) if t + 1 < n else len(lower)
            for k in range(len(self.anchors)):
                i = self._first(lower, k, start, end)
                if i >= 0:
                    out.append((i, self.cues[k]))
        return out

    def _cues(self, bits: int) -> set[int]:
        cues = self.unions.get(bits)
        if cues is None:
            cues = self.unions[bits] = set().union(*(c for k, c in enumerate(self.cues) if bits >> k & 1))
        return cues


def _buckets(splits: Iterable[int]) -> int:
    out = 0
    for s in splits:
        out |= 1 << (s % 64)
    return out


def _lower(text: str) -> str:
    """``text.lower()`` as `lower_text` gives it: a character whose lower case is longer stays as it is."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def candidates(sent: _Sentence, cues: set[int], r: Rules) -> list[Candidate]:
    """Every cue match in one sentence, with offsets into the document."""
    found: list[Candidate] = []
    s, off = sent.lower, sent.start
    for i in sorted(cues):
        if i == ARTICLE:
            for m in r.article.finditer(s):
                for letter in re.findall(r"[a-f]", m.group("letters")):
                    found.append(Candidate(r.letters[letter], off + m.start(), off + m.end(), "article"))
            continue
        cue = r.cues[i]
        for m in cue.pattern.finditer(s):
            if cue.before is not None and not cue.before.search(s, max(0, m.start() - 120), m.start()):
                continue
            if cue.basis == "contract" and _excluded_word(_word_at(s, m.start(), m.end()), r):
                continue
            found.append(Candidate(cue.basis, off + m.start(), off + m.end(), "cue", cue.requires))
    if (len(s) < 100 or "|" in s) and any(w in s for w in r.label_words):
        for pattern in (r.label_item, r.label_cell):
            for m in pattern.finditer(s):
                label = " ".join(m.group("label").split())
                key = next((k for k in r.label_bases if label.endswith(k)), None)
                if key is None or (label.endswith("overeenkomst") and _excluded_word(label, r)):
                    continue
                found.append(Candidate(r.label_bases[key], off + m.start("label"), off + m.end("label"), "label"))
    return found


def _excluded_word(word: str, r: Rules) -> bool:
    return word.lower().startswith(r.contract_excluded)


def _word_at(s: str, start: int, end: int) -> str:
    """The whole word around ``s[start:end]`` ("verwerkersovereenkomst" around "overeenkomst")."""
    while start > 0 and (s[start - 1].isalnum() or s[start - 1] == "-"):
        start -= 1
    while end < len(s) and s[end].isalnum():
        end += 1
    return s[start:end]


# ------------------------------------------------------------------ context


def invokes(c: Candidate, sent: _Sentence, r: Rules, text: str, sections: SectionIndex) -> bool:
    """Whether candidate ``c`` really invokes its basis (see the module docstring). The checks run
    on the lower-cased sentence; only the third-party subject needs capitals ("indien Google ...")."""
    basis = c.basis
    s = sent.lower
    a, b = c.start - sent.start, c.end - sent.start
    before, after = s[:a], s[b:]
    if len(before) < 3 and r.definition.match(s):
        return False
    if s.endswith("?"):
        return False
    if r.boundary_chars is not None:
        left, right = sent.clause(a, b, r.boundary_chars)
        clause_before, clause_after = s[left:a], s[b:right]
    else:
        clause_before = r.boundary.split(before)[-1]
        clause_after = r.boundary.split(after, maxsplit=1)[0]
    if basis in r.excluded and r.excluded[basis].search(before[-30:] + s[a:b]):
        return False
    if basis not in r.rights_exempt and (r.rights.search(before) or r.withdrawal_after.search(clause_after)):
        return False
    if _negated(clause_before, clause_after, r) or sent.check("generic", r.generic):
        return False
    if basis not in r.hypothetical_exempt and r.conditional.search(clause_before) and (
            r.hypothetical_basis.search(clause_before) or r.hypothetical_after.search(clause_after)):
        return False
    if basis == "consent" and r.future_ask.search(clause_before) and r.conditional.search(before):
        return False  # "Mochten wij ooit foto's willen gebruiken, dan zullen wij daar eerst uw toestemming voor vragen"
    if basis == "consent" and r.hypothetical_lead.search(before):
        return False  # "Zouden wij uw gegevens ooit willen gebruiken ..., dan vragen wij eerst uw toestemming"
    if basis == "consent" and r.other_holder.search(clause_before) and r.parental_after.search(clause_after):
        return False  # "Tenzij ze toestemming hebben van ouders of voogd": the child's permission, not a basis
    if basis == "consent" and (sent.check("permission", r.permission_sense)
                               or _hypothetical_consent(before, after, clause_before, clause_after, r)):
        return False
    if basis == "consent" and (r.conditional.search(clause_before) or r.inverted_conditional.search(before)) \
            and r.withdrawal_after.search(after.split(";", 1)[0]):
        return False  # "als je toestemming hebt gegeven, kun je die intrekken": the withdrawal right
    if basis == "legal_obligation" and c.kind != "label":
        original_before = sent.text[a - len(clause_before):a] if r.boundary_chars is not None \
            else r.boundary.split(sent.text[:a])[-1]
        if r.third_party_subject.search(original_before) and not r.first_person.search(clause_before):
            return False
    if c.requires is not None:
        return bool(c.requires.search(s)) and not (basis in r.excluded and r.excluded[basis].search(s))
    if c.kind == "label":
        return _under_basis_heading(sent, text, sections, r)
    return True


def _hypothetical_consent(before: str, after: str, clause_before: str, clause_after: str, r: Rules) -> bool:
    """"Indien wij uw toestemming nodig hebben", "waar verwerking op toestemming berust, is ...
    ouderlijke toestemming vereist"."""
    if r.hypothetical_clause.search(before):
        return True
    if r.conditional.search(clause_before) and (r.consent_need.search(clause_before)
                                                or r.consent_need.search(clause_after)):
        return True
    return bool(r.consent_need_after.search(after))


def _negated(clause_before: str, clause_after: str, r: Rules) -> bool:
    """"Wij vragen geen toestemming", "niet op basis van toestemming", "cookies plaatsen wij zonder
    toestemming" — unless a reset word ("tenzij", "alleen") intervenes, the data subject is the
    one refusing ("indien je geen toestemming geeft" still presupposes consent), or two negations
    cancel out ("wij delen niets zonder uw toestemming", "zonder uw toestemming delen wij geen ...")."""
    if r.negated_after.search(clause_after):
        return True  # "Op een gerechtvaardigd belang beroepen we ons niet."
    window = clause_before[-60:]
    if r.without.search(window):
        before_without = window[:r.without.search(window).start()]
        return not (r.negator.search(before_without) or r.negator.search(clause_after[:30]))
    hits = list(r.negator.finditer(window))
    if not hits:
        return False
    if r.negation_reset.search(window, hits[-1].start()):  # from the negation on: "geen enkel" is no "enkel"
        return False
    if r.no_need_before.search(window, 0, hits[-1].start()):
        return True  # "De schuldenaar hoeft geen toestemming te geven": none is needed, so none is asked
    return not r.refusal_after.search(clause_after)


def _under_basis_heading(sent: _Sentence, text: str, sections: SectionIndex, r: Rules) -> bool:
    """A bare "- Overeenkomst" item or "| Overeenkomst" cell: only under a heading, intro line or
    table header about the legal basis."""
    section = sections.at(sent.start)
    if section is not None and section.heading and r.basis_heading.search(section.heading):
        return True
    pos = sent.start
    in_table = "|" in sent.text
    for _ in range(40):  # walk back over the list or table to its intro line / header row
        if pos <= 0:
            return False
        line_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[line_start:pos].strip()
        pos = line_start
        if not line:
            continue
        if in_table:
            if "|" not in line:
                return False
            if r.basis_heading.search(line):
                return True
            continue
        if re.match(r"^(?:[-*•·▪◦–]|\d{1,2}[.)]|[a-f][.)])\s", line):
            continue
        return bool(r.basis_heading.search(line))
    return False


# ------------------------------------------------------------------ purposes


def purposes_for(mention: Mention, lower_sentence: str, text: str, sections: SectionIndex, r: Rules) -> list[str]:
    """What the basis is given for: the section heading (skipping headings that only say
    "Grondslag"), and the purpose phrase of the sentence or the purpose cell of a table row."""
    out: list[str] = []
    heading = _purpose_heading(sections, mention.sent_start, r)
    if heading:
        out.append(heading)
    sentence = text[mention.sent_start:mention.sent_end]
    phrase = _table_purpose(sentence, mention, text, r) if "|" in sentence else None
    if phrase is None:
        a, b = mention.start - mention.sent_start, mention.end - mention.sent_start
        for m in r.purpose_phrase.finditer(lower_sentence):
            if m.end() <= a or m.start() >= b:
                phrase = sentence[m.start():m.end()].strip()
                break
    if phrase is None:  # "- Het bijhouden van de boekhouding: wettelijke verplichting": the label names the purpose
        colon = sentence.find(": ", 0, mention.start - mention.sent_start)
        label = sentence[:colon].strip().lstrip("-*•·▪◦– \t").strip() if colon > 0 else ""
        if len(label.split()) >= 2 and not r.basis_heading.search(label):
            phrase = label
    if phrase and phrase not in out:
        out.append(phrase)
    return out


def _purpose_heading(sections: SectionIndex, offset: int, r: Rules) -> str | None:
    i = sections.index_at(offset)
    while i is not None and i >= 0:
        heading = sections.sections[i].heading
        if heading is None:
            return None
        if not r.basis_heading.search(heading):
            return heading
        i -= 1
    return None


def _table_purpose(row: str, mention: Mention, text: str, r: Rules) -> str | None:
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    header_start = mention.sent_start
    while header_start > 0:  # the first row of the table holds the column names
        prev_start = text.rfind("\n", 0, header_start - 1) + 1
        if "|" not in text[prev_start:header_start]:
            break
        header_start = prev_start
    header = text[header_start:text.find("\n", header_start) if "\n" in text[header_start:] else len(text)]
    names = [c.strip() for c in header.strip().strip("|").split("|")]
    if len(names) == len(cells) and header_start != mention.sent_start:
        for name, cell in zip(names, cells):
            if r.purpose_column.search(name) and cell:
                return cell
    cue = text[mention.start:mention.end].strip().lower()
    idx = next((i for i, c in enumerate(cells) if cue and cue in c.lower()), None)
    if idx and cells[idx - 1]:
        return cells[idx - 1]
    return None


# ------------------------------------------------------------------ the component


def find_legal_bases(doc: Doc, r: Rules | None = None) -> tuple[list[LegalBasis], list[Span]]:
    r = r or rules()
    text = doc_text(doc)
    sections = SectionIndex(doc._.sections or [])
    index = SentenceIndex(doc, text)
    mentions: list[Mention] = []
    seen: set[tuple[str, int]] = set()
    found = []
    for sent_start, targets in candidate_sentences(index, r).items():
        found.extend(candidates(index.cache[sent_start], targets, r))
    for c in sorted(found, key=lambda c: (c.start, c.basis)):
        sent = index.at(c.start)
        if (c.basis, sent.start) in seen:
            continue
        if invokes(c, sent, r, text, sections):
            seen.add((c.basis, sent.start))
            mentions.append(Mention(c.basis, c.start, c.end, sent.start, sent.end))
    found: dict[str, LegalBasis] = {}
    spans: list[Span] = []
    for m in mentions:
        lb = found.get(m.basis)
        if lb is None:
            lb = found[m.basis] = LegalBasis(m.basis, r.articles.get(m.basis))
        lb.mentions.append(ReportSpan(text[m.sent_start:m.sent_end], m.sent_start, m.sent_end))
        for purpose in purposes_for(m, index.cache[m.sent_start].lower, text, sections, r):
            if purpose not in lb.purposes:
                lb.purposes.append(purpose)
        span = doc.char_span(m.start, m.end, label=m.basis, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return list(found.values()), spans


class SectionIndex:
    """``doc._.sections`` with their starts, for bisecting (``segment.section_at`` rebuilds the starts)."""

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self.starts = [s.start for s in sections]

    def index_at(self, offset: int) -> int | None:
        i = bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset <= self.sections[i].end else None

    def at(self, offset: int) -> Section | None:
        i = self.index_at(offset)
        return None if i is None else self.sections[i]


class SentenceIndex:
    """Character bounds of the Doc's sentences, from one array call instead of walking tokens; the
    starts are kept in ``doc.user_data`` so later stages (the findings) reuse them."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc: Doc | None = doc
        self.text = text
        self.lower = lower_text(doc, text)
        self.starts: list[int] = sentence_starts(doc)
        self.cache: dict[int, _Sentence] = {}

    def at(self, offset: int) -> _Sentence:
        i = bisect_right(self.starts, offset) - 1
        start = self.starts[i]
        got = self.cache.get(start)
        if got is None:
            end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
            while end > start and self.text[end - 1].isspace():
                end -= 1
            got = _Sentence(start, end, self.text[start:end], self.lower[start:end])
            self.cache[start] = got
        return got


@Language.factory("analyser_legal_bases", default_config={})
def make_component(nlp: Language, name: str) -> LegalBasesComponent:
    return LegalBasesComponent()


class LegalBasesComponent:
    """Writes ``doc._.legal_bases`` (one `LegalBasis` per invoked basis, in order of first mention,
    each mention the invoking sentence) and ``doc.spans["legal_bases"]`` (the cue phrases)."""

    def __init__(self) -> None:
        self.rules = rules()

    def __call__(self, doc: Doc) -> Doc:
        bases, spans = find_legal_bases(doc, self.rules)
        doc._.legal_bases = bases
        doc.spans["legal_bases"] = spans
        return doc
