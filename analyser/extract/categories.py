"""Categories of personal data (Art. 14(1)(d)): which kinds of data the statement says are processed.

Two steps, both driven by ``data/categories.json``:

1. **Mentions.** Every distinct token form is classified once (cached across documents): whole
   words ("geboortedatum"), Dutch compounds by their head ("post" + "adres" is postal, "ip" + "adres"
   an IP address, "e-mail" + "berichten" communication, "service" + "berichten" nothing), tokens
   joined by "/" ("aanhef/geslacht") and elliptical coordination ("mail- en postadres",
   "Factuur- en betaalgegevens"). Multi-word phrases and patterns ("opname van het telefoongesprek",
   "bezochte pagina's") come from a spaCy ``Matcher``, which also marks spans that use a word in
   another sense ("uit naam van", "de naam van de chat"). Longer mentions win over the words inside
   them, so "IP adres" is not also a postal address.
2. **Context.** A mention counts only where the text says the data is processed: not in a question,
   a definition ("Bijzondere persoonsgegevens zijn ... gezondheid"), a negation ("wij verwerken géén
   ... BSN", "worden niet opgeslagen"), the instruction to black out an ID copy, embedded content of
   other sites, the controller's own contact lines ("Telefoonnummer 1400", "ons e-mailadres") or its
   identity sections. Ambiguous ("weak") words such as "functie", "e-mail" or "browser" count only in
   a list item, a label line or an enumeration that also names an unambiguous category.

Cost: one pass over the distinct forms of a document, one ``Matcher`` run, and Python work only for
the few dozen candidate mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy
from spacy.attrs import LOWER, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .. import extensions  # noqa: F401  (registers the Doc extensions)
from ..data import DataError, load_data, vocabulary
from ..extensions import doc_text
from ..report import DataCategory, Section, Span

Cats = tuple[str, ...]
_APOSTROPHES = str.maketrans({"’": "'", "´": "'", "`": "'", "‘": "'"})
_NUMBERING = re.compile(r"^\s*(?:(?:artikel|hoofdstuk|paragraaf)\s+)?[\dIVX]+(?:\.\d+)*[.)]?\s+", re.I)


@dataclass(frozen=True)
class Hit:
    """What one token form names: the categories, and whether the word is unambiguous."""

    cats: Cats
    strong: bool


@dataclass
class Mention:
    start: int  # token indices
    end: int
    cats: Cats
    strong: bool


def _merge(a: Hit | None, b: Hit | None) -> Hit | None:
    if a is None or b is None:
        return a or b
    cats = a.cats + tuple(c for c in b.cats if c not in a.cats)
    return Hit(cats, a.strong or b.strong)


# ------------------------------------------------------------------ lexicon


class Lexicon:
    """Whole words and compound heads; ``classify`` maps one lower-case token form to a `Hit`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.words: dict[str, Hit] = {}
        for cat, entry in data["categories"].items():
            for word in entry.get("words", []):
                self._add(word, Hit((cat,), True))
            for word in entry.get("weak_words", []):
                self._add(word, Hit((cat,), False))
        heads = [(head.translate(_APOSTROPHES), entry) for entry in data["compound_heads"] for head in entry["heads"]]
        self.heads = sorted(heads, key=lambda h: -len(h[0]))
        self.cache: dict[str, Hit | None] = {}

    def _add(self, word: str, hit: Hit) -> None:
        key = word.lower().translate(_APOSTROPHES)
        self.words[key] = _merge(self.words.get(key), hit)  # type: ignore[assignment]

    def classify(self, form: str) -> Hit | None:
        form = form.translate(_APOSTROPHES)
        if form in self.cache:
            return self.cache[form]
        if "/" in form and len(form) > 1:
            hit = None
            for part in form.split("/"):
                if part:
                    hit = _merge(hit, self.classify(part))
        else:
            hit = self.words.get(form) or self.compound(form)
        self.cache[form] = hit
        return hit

    def compound(self, form: str) -> Hit | None:
        """Classify a compound by its longest known head; the prefix before it decides."""
        for head, entry in self.heads:
            if len(form) > len(head) and form.endswith(head):
                prefix = form[: -len(head)].rstrip("-")
                if not prefix or not prefix[-1].isalnum():
                    return None
                cats = _prefix_categories(prefix, entry)
                return Hit(cats, True) if cats else None
        return None

    def head_of(self, form: str) -> str | None:
        """The compound head ``form`` ends with (for "mail- en postadres" → "adres")."""
        for head, _entry in self.heads:
            if form.endswith(head):
                return head
        return None


def _prefix_categories(prefix: str, entry: dict[str, Any]) -> Cats:
    prefixes: dict[str, list[str]] = entry["prefixes"]
    if prefix in prefixes:
        return tuple(prefixes[prefix])
    best = max((k for k in prefixes if prefix.endswith(k)), key=len, default=None)
    return tuple(prefixes[best] if best is not None else entry["default"])


# ------------------------------------------------------------------ patterns


def _token_spec(spec: str, lists: dict[str, list[str]]) -> dict[str, Any]:
    """One token of the pattern language of categories.json (see its 'about')."""
    op = None
    if len(spec) > 1 and spec.endswith("?"):
        spec, op = spec[:-1], "?"
    negate = spec.startswith("!")
    spec = spec.lstrip("!")
    attr = "LOWER"
    if spec.startswith("L="):
        attr, spec = "LEMMA", spec[2:]
    token: dict[str, Any] = {}
    if spec != "_":
        values: list[str] = []
        for alt in spec.split("|"):
            values.extend(lists[alt[1:]] if alt.startswith("@") else [alt])
        token[attr] = {"NOT_IN" if negate else "IN": values}
    if op:
        token["OP"] = op
    return token


def compile_pattern(pattern: str, lists: dict[str, list[str]]) -> list[dict[str, Any]]:
    return [_token_spec(spec, lists) for spec in pattern.split()]


@dataclass
class Rules:
    """Everything compiled from categories.json once per process."""

    lexicon: Lexicon
    patterns: list[tuple[list[list[dict[str, Any]]], Cats, bool]]  # (patterns, cats, strong); empty cats: suppress
    context: dict[str, Any]
    special: frozenset[str]
    excluded: list[re.Pattern[str]]
    definitions: list[re.Pattern[str]]
    definition_headings: list[re.Pattern[str]]
    controller_headings: list[re.Pattern[str]]
    section_exclusions: dict[str, re.Pattern[str]]
    contact_value: re.Pattern[str]
    bullet: re.Pattern[str]
    sets: dict[str, frozenset[str]]


def _regexes(items: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(x, re.I) for x in items]


@cache
def rules() -> Rules:
    data = load_data("categories")
    known = {c["id"] for c in vocabulary()["data_categories"]}
    used = set(data["categories"]) | {c for p in data["patterns"] for c in p["categories"]}
    used |= {c for e in data["compound_heads"] for cats in [e["default"], *e["prefixes"].values()] for c in cats}
    if used - known:
        raise DataError(f"data/categories.json uses unknown category ids: {sorted(used - known)}")
    lists = data["lists"]
    patterns: list[tuple[list[list[dict[str, Any]]], Cats, bool]] = []
    for cat, entry in data["categories"].items():
        for key, strong in (("phrases", True), ("weak_phrases", False)):
            if entry.get(key):
                patterns.append(([compile_pattern(p, lists) for p in entry[key]], (cat,), strong))
    for entry in data["patterns"]:
        patterns.append(([compile_pattern(p, lists) for p in entry["match"]], tuple(entry["categories"]),
                         not entry.get("weak", False)))
    for entry in data["not_a_category"]:
        patterns.append(([compile_pattern(p, lists) for p in entry["match"]], (), False))
    ctx = data["context"]
    set_keys = ["negation_words", "negation_links", "not_words", "not_exceptions", "collection_verbs", "clause_breaks",
                "connectors", "own_determiners", "possessives", "first_person", "generic_subject_verbs",
                "subordinate_breaks"]
    return Rules(
        lexicon=Lexicon(data),
        patterns=patterns,
        context=ctx,
        special=frozenset(c["id"] for c in vocabulary()["data_categories"] if c["special"]),
        excluded=_regexes(ctx["excluded_sentences"]),
        definitions=_regexes(ctx["definition_sentences"]),
        definition_headings=_regexes(ctx["definition_headings"]),
        controller_headings=_regexes(ctx["controller_headings"]),
        section_exclusions={cat: re.compile("|".join(rx), re.I)
                            for cat, rx in ctx["category_section_exclusions"].items()},
        contact_value=re.compile(ctx["contact_value"], re.I),
        bullet=re.compile(ctx["bullet"]),
        sets={k: frozenset(ctx[k]) for k in set_keys},
    )


# ------------------------------------------------------------------ the component


@Language.factory("analyser_data_categories", default_config={})
def make_component(nlp: Language, name: str) -> CategoriesComponent:
    return CategoriesComponent(nlp)


class CategoriesComponent:
    """Writes ``doc._.data_categories`` (one `DataCategory` per id, in order of first mention) and
    ``doc.spans["data_categories"]`` (every supporting mention, labelled with the category id)."""

    def __init__(self, nlp: Language) -> None:
        self.rules = rules()
        self.matcher = Matcher(nlp.vocab)
        self.keys: dict[int, tuple[Cats, bool]] = {}
        for i, (pats, cats, strong) in enumerate(self.rules.patterns):
            key = f"analyser_category_{i}"
            self.matcher.add(key, pats)
            self.keys[nlp.vocab.strings[key]] = (cats, strong)
        self.forms: dict[int, Hit | None] = {}  # lower-case hash → classification, shared by all documents
        self.paren = nlp.vocab.strings.add("(")

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.find(doc) if len(doc) else []
        by_cat: dict[str, list[Span]] = {}
        spans = []
        text = doc_text(doc)
        for m in mentions:
            start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
            for cat in m.cats:
                by_cat.setdefault(cat, []).append(Span(text[start:end], start, end))
                spans.append(SpacySpan(doc, m.start, m.end, label=cat))
        doc._.data_categories = [DataCategory(cat, cat in self.rules.special, found) for cat, found in by_cat.items()]
        doc.spans["data_categories"] = spans
        return doc

    # -------------------------------------------------------------- candidates

    def find(self, doc: Doc) -> list[Mention]:
        candidates, suppressed = self.candidates(doc)
        chosen = _resolve(candidates, suppressed)
        context = Context(doc, self.rules)
        kept = [m for m in (context.judge(m) for m in chosen) if m is not None]
        return context.accept_weak(kept)

    def candidates(self, doc: Doc) -> tuple[list[Mention], list[tuple[int, int]]]:
        lowers = doc.to_array(LOWER).astype("uint64")
        strings = doc.vocab.strings
        forms = numpy.unique(lowers)
        first_of = set(forms.tolist())
        lexicon = self.rules.lexicon
        hits: dict[int, Hit] = {}
        elliptic: list[int] = []
        for h in first_of:
            if h not in self.forms:
                self.forms[h] = lexicon.classify(strings[h])
            hit = self.forms[h]
            if hit is not None:
                hits[h] = hit
            form = strings[h]
            if len(form) > 2 and form.endswith("-") and form[-2].isalpha():
                elliptic.append(h)
        out: list[Mention] = []
        if hits:
            for i in numpy.flatnonzero(numpy.isin(lowers, list(hits))).tolist():
                hit = hits[int(lowers[i])]
                out.append(Mention(i, i + 1, hit.cats, hit.strong))
        if elliptic:
            for i in numpy.flatnonzero(numpy.isin(lowers, elliptic)).tolist():
                m = self._elliptic(doc, i)
                if m is not None:
                    out.append(m)
        if self.paren in first_of:
            for i in numpy.flatnonzero(lowers == numpy.uint64(self.paren)).tolist():
                m = self._bracketed_prefix(doc, i)
                if m is not None:
                    out.append(m)
        suppressed: list[tuple[int, int]] = []
        for key, start, end in self.matcher(doc):
            cats, strong = self.keys[key]
            if cats:
                out.append(Mention(start, end, cats, strong))
            else:
                suppressed.append((start, end))
        return out, suppressed

    def _elliptic(self, doc: Doc, i: int) -> Mention | None:
        """"mail- en postadres" → "mailadres"; "Voor- en achternaam" → "voornaam"."""
        if i + 2 >= len(doc) or doc[i + 1].lower_ not in ("en", "of", ",", "en/of", "&"):
            return None
        lexicon = self.rules.lexicon
        target = doc[i + 2].lower_.translate(_APOSTROPHES)
        head = lexicon.head_of(target)
        if head is None:
            return None
        hit = lexicon.classify(doc[i].lower_[:-1] + head)
        return Mention(i, i + 1, hit.cats, hit.strong) if hit else None

    def _bracketed_prefix(self, doc: Doc, i: int) -> Mention | None:
        """"(bedrijfs)naam" names both the bare and the compound word."""
        if i + 3 >= len(doc) or doc[i + 2].text != ")" or doc[i + 2].whitespace_ or doc[i].whitespace_:
            return None
        prefix, word = doc[i + 1].lower_, doc[i + 3].lower_
        if not prefix.isalpha():
            return None
        hit = _merge(self.rules.lexicon.classify(prefix + word), self.rules.lexicon.classify(word))
        return Mention(i, i + 4, hit.cats, hit.strong) if hit else None


def _resolve(candidates: list[Mention], suppressed: list[tuple[int, int]]) -> list[Mention]:
    """Drop mentions inside a 'not a category' span; of overlapping mentions keep the longest."""
    cands = [m for m in candidates if not any(s <= m.start and m.end <= e for s, e in suppressed)]
    cands.sort(key=lambda m: (-(m.end - m.start), not m.strong, m.start))
    taken = numpy.zeros(max((m.end for m in cands), default=0), dtype=bool)
    chosen = []
    for m in cands:
        if not taken[m.start:m.end].any():
            taken[m.start:m.end] = True
            chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    return chosen


# ------------------------------------------------------------------ context


class Context:
    """Sentence, line and section facts about a document, computed lazily for the candidate mentions."""

    def __init__(self, doc: Doc, rules: Rules) -> None:
        self.doc = doc
        self.rules = rules
        self.sets = rules.sets
        self.text = doc_text(doc)
        self.starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() or [0]
        if self.starts[0] != 0:
            self.starts.insert(0, 0)
        self.sections: list[Section] = doc._.sections or []
        self.section_starts = [s.start for s in self.sections]
        self.heading_starts = {s.start for s in self.sections if s.heading}
        self._sentences: dict[int, tuple[int, int, list[str], bool]] = {}
        self._section_flags: dict[int, tuple[bool, bool, str]] = {}

    # facts ---------------------------------------------------------------

    def sentence(self, token: int) -> tuple[int, int, list[str], bool]:
        """(start, end, lower-case tokens, skip) of the sentence holding ``token``."""
        k = bisect_right(self.starts, token) - 1
        cached = self._sentences.get(k)
        if cached is None:
            start = self.starts[k]
            end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.doc)
            toks = [t.lower_ for t in self.doc[start:end]]
            cached = (start, end, toks, self._skip_sentence(start, end))
            self._sentences[k] = cached
        return cached

    def _skip_sentence(self, start: int, end: int) -> bool:
        """Questions, definitions and the excluded sentence kinds (black-out instructions, embedded content)."""
        span = self.doc[start:end]
        text = self.text[span.start_char:span.end_char].strip()
        text = self.rules.bullet.sub("", text)
        if text.endswith("?"):
            return True
        return any(rx.search(text) for rx in self.rules.excluded) or \
            any(rx.search(text) for rx in self.rules.definitions)

    def section_flags(self, char: int) -> tuple[bool, bool, str]:
        """(definition section, controller-identity section, heading) for the section at ``char``."""
        k = bisect_right(self.section_starts, char) - 1
        if k < 0:
            return False, False, ""
        cached = self._section_flags.get(k)
        if cached is None:
            headings = [self._heading(k)]
            while k > 0 and self._empty(k - 1):  # a heading with no text of its own governs the next one
                k -= 1
                headings.append(self._heading(k))
            cached = (any(rx.search(h) for rx in self.rules.definition_headings for h in headings),
                      any(rx.search(h) for rx in self.rules.controller_headings for h in headings),
                      " | ".join(headings))
            self._section_flags[bisect_right(self.section_starts, char) - 1] = cached
        return cached

    def _heading(self, k: int) -> str:
        return _NUMBERING.sub("", (self.sections[k].heading or "").strip()).lower()

    def _empty(self, k: int) -> bool:
        section = self.sections[k]
        return section.heading is not None and section.end - section.start <= len(section.heading) + 2

    def line(self, char: int) -> tuple[int, str]:
        """(start offset, text) of the line holding ``char``."""
        start = self.text.rfind("\n", 0, char) + 1
        end = self.text.find("\n", char)
        return start, self.text[start:end if end >= 0 else len(self.text)]

    # judgement -----------------------------------------------------------

    def judge(self, m: Mention) -> Mention | None:
        """The mention if its context says the data is processed, else None."""
        s_start, _, toks, skip = self.sentence(m.start)
        if skip:
            return None
        rel, rel_end = m.start - s_start, m.end - s_start
        if self._generic_subject(toks, rel, rel_end) or self._negated(toks, rel, rel_end):
            return None
        if rel > 0 and toks[rel - 1] in self.sets["own_determiners"]:
            return None
        char = self.doc[m.start].idx
        end_char = self.doc[m.end - 1].idx + len(self.doc[m.end - 1])
        after = self.text[end_char:end_char + 60].split("\n", 1)[0]
        if self.rules.contact_value.match(after):
            return None
        definition, controller, heading = self.section_flags(char)
        if definition:
            return None
        if controller and not self._collects_from_subject(toks):
            return None
        cats = tuple(c for c in m.cats if not (c in self.rules.section_exclusions
                                                and self.rules.section_exclusions[c].search(heading)))
        if not cats:
            return None
        return Mention(m.start, m.end, cats, m.strong)

    def _generic_subject(self, toks: list[str], rel: int, rel_end: int) -> bool:
        """"Cookies kunnen informatie opslaan ...": a bare plural subject, no 'wij' and no 'uw' - a statement
        about the thing, not about what this controller processes."""
        first = 0
        while first < len(toks) and (toks[first] in ("-", "*", "•") or toks[first].isspace()):
            first += 1
        if rel != first or rel_end >= len(toks) or toks[rel_end] not in self.sets["generic_subject_verbs"]:
            return False
        return not any(t in self.sets["first_person"] or t in self.sets["possessives"] for t in toks)

    def _clause(self, toks: list[str], rel: int, rel_end: int, subordinate: bool = False) -> tuple[int, int]:
        breaks = self.sets["clause_breaks"]
        if subordinate:
            breaks = breaks | self.sets["subordinate_breaks"]
        lo = rel
        while lo > 0 and toks[lo - 1] not in breaks:
            lo -= 1
        hi = rel_end
        while hi < len(toks) and toks[hi] not in breaks:
            hi += 1
        return lo, hi

    def _negated(self, toks: list[str], rel: int, rel_end: int) -> bool:
        """'geen' before the mention (directly, or through 'gegevens', 'gebruik van'), or 'niet' with a
        verb of collecting in the same clause ("worden niet opgeslagen")."""
        lo, hi = self._clause(toks, rel, rel_end)
        sets = self.sets
        for j in range(lo, rel):
            if toks[j] in sets["negation_words"]:
                if rel - j <= 2 or any(t in sets["negation_links"] for t in toks[j + 1:min(j + 4, rel)]):
                    return True
        lo, hi = self._clause(toks, rel, rel_end, subordinate=True)
        for j in range(lo, hi):
            if toks[j] in sets["not_words"] and (j + 1 >= len(toks) or toks[j + 1] not in sets["not_exceptions"]):
                if any(t in sets["collection_verbs"] for t in toks[lo:hi]):
                    return True
        return False

    def _collects_from_subject(self, toks: list[str]) -> bool:
        """In a contact/identity section, only a sentence like 'wij bewaren uw naam' speaks of collection."""
        sets = self.sets
        return any(t in sets["collection_verbs"] for t in toks) and any(t in sets["possessives"] for t in toks)

    # weak words ------------------------------------------------------------

    def accept_weak(self, mentions: list[Mention]) -> list[Mention]:
        """Weak mentions stay if they head a list item or label line, or sit in an enumeration with a strong
        mention (or in one of three or more mentions)."""
        if all(m.strong for m in mentions):
            return mentions
        accepted = [m.strong for m in mentions]
        chain: list[int] = []
        for i, m in enumerate(mentions):
            if chain and self._linked(mentions[chain[-1]], m):
                chain.append(i)
            else:
                self._settle(chain, mentions, accepted)
                chain = [i]
        self._settle(chain, mentions, accepted)
        for i, m in enumerate(mentions):
            if not accepted[i] and self._listed(m):
                accepted[i] = True
        return [m for m, ok in zip(mentions, accepted) if ok]

    def _linked(self, a: Mention, b: Mention) -> bool:
        if b.start - a.end > 6:
            return False
        s_start, _, toks, _ = self.sentence(a.start)
        if b.start >= s_start + len(toks):
            return False
        return all(t in self.sets["connectors"] for t in toks[a.end - s_start:b.start - s_start])

    @staticmethod
    def _settle(chain: list[int], mentions: list[Mention], accepted: list[bool]) -> None:
        if len(chain) >= 3 or any(mentions[i].strong for i in chain):
            for i in chain:
                accepted[i] = True

    def _listed(self, m: Mention) -> bool:
        """A short list item that starts with the mention ("- E-mail", "- Gekoppelde apparaten ..."), or a
        label ("Communicatie: berichten ...", "Onderwijsinstelling | ...")."""
        char = self.doc[m.start].idx
        line_start, line = self.line(char)
        if line_start in self.heading_starts:
            return False
        bullet = self.rules.bullet.match(line)
        body_start = line_start + (bullet.end() if bullet else len(line) - len(line.lstrip()))
        before = self.text[body_start:char].split()
        end_char = self.doc[m.end - 1].idx + len(self.doc[m.end - 1])
        rest = self.text[end_char:line_start + len(line)].strip()
        label = not rest or rest[0] in ":|("
        if not bullet:
            return not before and bool(rest) and rest[0] in ":|"
        ctx = self.rules.context
        return len(before) < ctx["list_item_words"] and (label or len(line.split()) <= ctx["list_item_max_words"])
