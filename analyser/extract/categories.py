"""Categories of personal data (Art. 14(1)(d)): which kinds of data the statement says are processed.

Two steps, both driven by ``data/categories.json``:

1. **Mentions.** Every distinct token form is classified once (cached across documents): whole
   words ("geboortedatum"), Dutch compounds by their head ("post" + "adres" is postal, "ip" + "adres"
   an IP address, "e-mail" + "berichten" communication, "service" + "berichten" nothing), tokens
   joined by "/" ("aanhef/geslacht") and elliptical coordination ("mail- en postadres",
   "Factuur- en betaalgegevens"); a form not in the lexicon is looked up by its lemma. Multi-word
   phrases and patterns ("opname van het telefoongesprek", "bezochte pagina's") are expanded to literal
   token sequences for a spaCy ``PhraseMatcher``, which also marks spans that use a word in another
   sense ("uit naam van", "de naam van de chat"). Longer mentions win over the words inside them, so
   "IP adres" is not also a postal address.
2. **Context.** A mention counts only where the text says the data is processed: not in a question,
   a definition ("Bijzondere persoonsgegevens zijn ... gezondheid"), a negation ("wij verwerken géén
   ... BSN", "worden niet opgeslagen"), the instruction to black out an ID copy, embedded content of
   other sites, the controller's own contact lines ("Telefoonnummer 1400", "ons e-mailadres") or its
   identity sections. Ambiguous ("weak") words such as "functie", "e-mail" or "browser" count only in
   a list item, a label line or an enumeration that also names an unambiguous category.

Cost: one dictionary lookup per token (forms are classified once per process), one ``PhraseMatcher``
run, and Python work only for the few dozen candidate mentions and their sentences, whose word lists
are compared as string ids.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import compress
from typing import Any

import numpy
from spacy.attrs import LOWER, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .. import extensions  # noqa: F401  (registers the Doc extensions)
from ..data import DataError, load_data, vocabulary
from ..extensions import doc_text
from ..report import DataCategory, Section, Span

Cats = tuple[str, ...]
# what a token form may start: a mention, an elliptic compound ("mail- en postadres"), a relative clause
# ("berichten die u ons stuurt")
_HIT, _ELLIPTIC, _CLAUSE = 1, 2, 4
_BRACKETED = re.compile(r"\(([^\W\d_]+)\)(\w+)")  # "(bedrijfs)naam"
_APOSTROPHES = str.maketrans({"’": "'", "´": "'", "`": "'", "‘": "'"})
_NUMBERING = re.compile(r"^\s*(?:(?:artikel|hoofdstuk|paragraaf)\s+)?[\dIVX]+(?:\.\d+)*[.)]?\s+", re.I)


@dataclass(frozen=True)
class Hit:
    """What one token form names: the categories, and whether the word is unambiguous."""

    cats: Cats
    strong: bool


@dataclass(slots=True)
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


Token = str | dict[str, Any]  # a literal lower-case word, or a Matcher token spec


def _alternatives(spec: str, lists: dict[str, list[str]]) -> list[Token]:
    """The choices for one token of the pattern language of categories.json (see its 'about')."""
    negate = spec.startswith("!")
    spec = spec.lstrip("!")
    attr = "LOWER"
    if spec.startswith("L="):
        attr, spec = "LEMMA", spec[2:]
    if spec == "_":
        return [{}]
    values: list[str] = []
    for alt in spec.split("|"):
        values.extend(lists[alt[1:]] if alt.startswith("@") else [alt])
    if negate:
        return [{attr: {"NOT_IN": values}}]
    if attr == "LEMMA":
        return [{attr: {"IN": values}}]
    return [v.lower() for v in values]


def expand_pattern(pattern: str, lists: dict[str, list[str]]) -> list[list[Token]]:
    """Every token sequence a pattern stands for, optional tokens included or left out. Literal
    sequences go to a PhraseMatcher (fast); only the few with wildcards or negations need the Matcher."""
    sequences: list[list[Token]] = [[]]
    for spec in pattern.split():
        optional = len(spec) > 1 and spec.endswith("?")
        choices = _alternatives(spec[:-1] if optional else spec, lists)
        grown = [[*seq, choice] for seq in sequences for choice in choices]
        sequences = grown + sequences if optional else grown
    return [seq for seq in sequences if seq]


@dataclass(frozen=True)
class RelativeClause:
    """A noun that names a category when the data subject is the subject of a following relative clause with a
    verb of sending or writing: 'berichten die u via het portaal aan ons stuurt'."""

    cats: Cats
    nouns: frozenset[str]
    relatives: frozenset[str]
    subjects: frozenset[str]
    verbs: frozenset[str]
    window: int
    ends: frozenset[str]


@dataclass
class Rules:
    """Everything compiled from categories.json once per process."""

    lexicon: Lexicon
    patterns: list[tuple[list[list[Token]], Cats, bool]]  # (sequences, cats, strong); no cats: 'not a category'
    context: dict[str, Any]
    special: frozenset[str]
    sentence_rules: list[tuple[list[str], re.Pattern[str]]]  # (cue words, regex): excluded kinds, definitions
    definition_headings: re.Pattern[str]
    controller_headings: re.Pattern[str]
    section_exclusions: dict[str, re.Pattern[str]]
    contact_value: re.Pattern[str]
    label_name: re.Pattern[str]
    sentence_exclusions: dict[str, re.Pattern[str]]
    bullet: re.Pattern[str]
    sets: dict[str, frozenset[str]]  # word lists of 'context'
    contact_categories: frozenset[str]
    heading_topics: frozenset[str]
    relative_clauses: list[RelativeClause]


def _alternation(items: list[str]) -> re.Pattern[str]:
    """Several case-insensitive regular expressions as one (one search instead of many)."""
    return re.compile("|".join(f"(?:{rx})" for rx in items), re.I)


@cache
def rules() -> Rules:
    data = load_data("categories")
    known = {c["id"] for c in vocabulary()["data_categories"]}
    used = set(data["categories"]) | {c for p in data["patterns"] for c in p["categories"]}
    used |= {c for r in data["relative_clauses"] for c in r["categories"]}
    used |= {c for e in data["compound_heads"] for cats in [e["default"], *e["prefixes"].values()] for c in cats}
    if used - known:
        raise DataError(f"data/categories.json uses unknown category ids: {sorted(used - known)}")
    lists = data["lists"]
    def expand(items: list[str]) -> list[list[Token]]:
        return [seq for item in items for seq in expand_pattern(item, lists)]

    patterns: list[tuple[list[list[Token]], Cats, bool]] = []
    for cat, entry in data["categories"].items():
        for key, strong in (("phrases", True), ("weak_phrases", False)):
            if entry.get(key):
                patterns.append((expand(entry[key]), (cat,), strong))
    for entry in data["patterns"]:
        patterns.append((expand(entry["match"]), tuple(entry["categories"]), not entry.get("weak", False)))
    for entry in data["not_a_category"]:
        patterns.append((expand(entry["match"]), (), False))
    ctx = data["context"]
    set_keys = ["negation_words", "negation_links", "not_words", "not_exceptions", "collection_verbs", "clause_breaks",
                "connectors", "own_determiners", "possessives", "first_person", "generic_subject_verbs",
                "subordinate_breaks", "sharing_verbs", "contact_prepositions", "bullets", "modal_verbs",
                "subject_pronouns", "negation_coordinators"]
    return Rules(
        lexicon=Lexicon(data),
        patterns=patterns,
        context=ctx,
        special=frozenset(c["id"] for c in vocabulary()["data_categories"] if c["special"]),
        sentence_rules=[(r["cues"], re.compile(r["regex"], re.I))
                        for r in ctx["excluded_sentences"] + ctx["definition_sentences"]],
        definition_headings=_alternation(ctx["definition_headings"]),
        controller_headings=_alternation(ctx["controller_headings"]),
        section_exclusions={cat: re.compile("|".join(rx), re.I)
                            for cat, rx in ctx["category_section_exclusions"].items()},
        contact_value=re.compile(ctx["contact_value"], re.I),
        label_name=re.compile(ctx["label_name"]),
        sentence_exclusions={cat: re.compile("|".join(rx), re.I)
                             for cat, rx in ctx["category_sentence_exclusions"].items()},
        bullet=re.compile(ctx["bullet"]),
        sets={k: frozenset(ctx[k]) for k in set_keys},
        contact_categories=frozenset(ctx["contact_categories"]),
        heading_topics=frozenset(ctx["heading_topics"]),
        relative_clauses=[RelativeClause(tuple(r["categories"]), *(frozenset(r[k]) for k in
                                                                   ("nouns", "relatives", "subjects", "verbs")),
                                         r["window"], frozenset(r["ends"])) for r in data["relative_clauses"]],
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
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = Matcher(nlp.vocab)
        self.keys: dict[int, tuple[Cats, bool, frozenset[str]]] = {}
        for i, (sequences, cats, strong) in enumerate(self.rules.patterns):
            by_key: dict[str, list[list[str]]] = {}
            for seq in sequences:
                *body, last = seq
                if all(isinstance(t, str) for t in seq):
                    by_key.setdefault("", []).append(seq)  # type: ignore[arg-type]
                elif isinstance(last, dict) and "NOT_IN" in last.get("LOWER", {}) and \
                        all(isinstance(t, str) for t in body):  # "... van de !@person": checked on the next token
                    by_key.setdefault("|".join(last["LOWER"]["NOT_IN"]), []).append(body)  # type: ignore[arg-type]
                else:
                    self.matcher.add(f"analyser_category_{i}",
                                     [[{"LOWER": t} if isinstance(t, str) else t for t in seq]])
                    self.keys[nlp.vocab.strings[f"analyser_category_{i}"]] = (cats, strong, frozenset())
            for j, (not_next, seqs) in enumerate(by_key.items()):
                key = f"analyser_category_{i}_{j}"
                self.phrases.add(key, [Doc(nlp.vocab, words=seq) for seq in seqs])
                excluded = frozenset(not_next.split("|")) if not_next else frozenset()
                self.keys[nlp.vocab.strings[key]] = (cats, strong, excluded)
        # every lower-case form seen so far (string id → classification and flags), shared by all documents:
        # a document costs one dictionary lookup per token plus the classification of forms never seen before
        self.forms: dict[int, Hit | None] = {}
        self.flags: dict[int, int] = {}
        strings = nlp.vocab.strings
        words = dict(self.rules.sets, articles={"het", "dit"}, second_person={"u", "je", "jij", "uw", "jouw"})
        self.ids = {k: frozenset(strings.add(w) for w in v) for k, v in words.items()}
        self.labels = {c["id"]: strings.add(c["id"]) for c in vocabulary()["data_categories"]}
        self.sentence_rules: dict[int, list[re.Pattern[str]]] = {}  # cue word → the sentence rules it triggers
        for cues, rx in self.rules.sentence_rules:
            for cue in cues:
                self.sentence_rules.setdefault(strings.add(cue), []).append(rx)
        self.ids["cues"] = frozenset(self.sentence_rules)
        self.ids["question"] = frozenset({strings.add("?")})
        self.ids["negations"] = self.ids["negation_words"] | self.ids["not_words"]
        self.clauses = [(rule, *(frozenset(strings.add(w) for w in words) for words in
                                 (rule.relatives, rule.subjects, rule.verbs, rule.ends)))
                        for rule in self.rules.relative_clauses]
        self.clause_nouns: dict[int, list[int]] = {}
        for k, rule in enumerate(self.rules.relative_clauses):
            for noun in rule.nouns:
                self.clause_nouns.setdefault(strings.add(noun), []).append(k)

    def __call__(self, doc: Doc) -> Doc:
        by_cat: dict[str, list[Span]] = {}
        spans = []
        if len(doc):
            arrays = doc.to_array([LOWER, SENT_START])
            text = doc_text(doc)
            for m in self.find(doc, arrays):
                start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
                for cat in m.cats:
                    by_cat.setdefault(cat, []).append(Span(text[start:end], start, end))
                    spans.append(SpacySpan(doc, m.start, m.end, label=self.labels[cat]))
        doc._.data_categories = [DataCategory(cat, cat in self.rules.special, found) for cat, found in by_cat.items()]
        doc.spans["data_categories"] = spans
        return doc

    # -------------------------------------------------------------- candidates

    def find(self, doc: Doc, arrays: numpy.ndarray) -> list[Mention]:
        lowers = arrays[:, 0].tolist()
        candidates, suppressed = self.candidates(doc, lowers)
        chosen = _resolve(candidates, suppressed)
        if not chosen:
            return []
        context = Context(doc, self.rules, self.ids, self.sentence_rules, arrays, lowers)
        return context.accept_weak(context.judge(chosen))

    def candidates(self, doc: Doc, lowers: list[int]) -> tuple[list[Mention], list[tuple[int, int]]]:
        """Mentions from the lexicon, elliptic and bracketed compounds and the phrase patterns, plus the
        spans of 'not a category' patterns."""
        flags = list(map(self.flags.get, lowers))  # every token's form flags in one C-level pass
        if None in flags:
            strings = doc.vocab.strings
            flags = [self._learn(h, doc[i].lemma, strings) if f is None else f
                     for i, (h, f) in enumerate(zip(lowers, flags))]
        out: list[Mention] = []
        for i in compress(range(len(flags)), flags):
            flag = flags[i]
            if flag & _HIT:
                hit = self.forms[lowers[i]]
                out.append(Mention(i, i + 1, hit.cats, hit.strong))  # type: ignore[union-attr]
            if flag & _ELLIPTIC:
                m = self._elliptic(doc, i)
                if m is not None:
                    out.append(m)
            if flag & _CLAUSE:
                m = self._relative_clause(lowers, i)
                if m is not None:
                    out.append(m)
        for match in _BRACKETED.finditer(doc_text(doc)):
            m = self._bracketed_prefix(doc, match)
            if m is not None:
                out.append(m)
        suppressed: list[tuple[int, int]] = []
        matches = self.phrases(doc)
        if len(self.matcher):
            matches += self.matcher(doc)
        for key, start, end in matches:
            cats, strong, not_next = self.keys[key]
            if not_next:
                if end >= len(doc) or doc[end].lower_ in not_next:
                    continue
                end += 1
            if cats:
                out.append(Mention(start, end, cats, strong))
            else:
                suppressed.append((start, end))
        return out, suppressed

    def _learn(self, h: int, lemma: int, strings: Any) -> int:
        """Classify a form never seen before (by itself, else by its lemma: "godsdiensten" → "godsdienst");
        its flags say what to look at: a mention or an elliptic compound ("mail-")."""
        if h in self.flags:
            return self.flags[h]
        form = strings[h]
        lexicon = self.rules.lexicon
        hit = lexicon.classify(form)
        if hit is None and lemma != h and lemma in strings:  # (a lemma id may come from another pipeline's vocab)
            hit = lexicon.words.get(strings[lemma])
        self.forms[h] = hit
        flag = _HIT if hit is not None else 0
        if len(form) > 2 and form.endswith("-") and form[-2].isalpha():
            flag |= _ELLIPTIC
        if h in self.clause_nouns:
            flag |= _CLAUSE
        self.flags[h] = flag
        return flag

    def _relative_clause(self, lowers: list[int], i: int) -> Mention | None:
        """"berichten die u via het portaal aan ons stuurt": the noun names what the person writes to us."""
        for k in self.clause_nouns[lowers[i]]:
            rule, relatives, subjects, verbs, ends = self.clauses[k]
            if i + 3 >= len(lowers) or lowers[i + 1] not in relatives or lowers[i + 2] not in subjects:
                continue
            for h in lowers[i + 3:i + 4 + rule.window]:
                if h in verbs:
                    return Mention(i, i + 1, rule.cats, True)
                if h in ends:
                    break
        return None

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

    def _bracketed_prefix(self, doc: Doc, match: re.Match[str]) -> Mention | None:
        """"(bedrijfs)naam" names both the bare and the compound word."""
        prefix, word = match.group(1).lower(), match.group(2).lower()
        hit = _merge(self.rules.lexicon.classify(prefix + word), self.rules.lexicon.classify(word))
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand") if hit else None
        return Mention(span.start, span.end, hit.cats, hit.strong) if hit and span is not None else None


_LOWER_STRINGS: dict[int, str] = {}


def _lower(h: int, doc: Doc) -> str:
    """The string of a lower-case hash (cached: StringStore lookups are slow)."""
    s = _LOWER_STRINGS.get(h)
    if s is None:
        s = _LOWER_STRINGS[h] = doc.vocab.strings[h]
    return s


def _adjective(token: str) -> bool:
    """An inflected adjective between a determiner and a noun ('ons algemene telefoonnummer')."""
    return len(token) > 3 and token.isalpha() and token.endswith("e") and token not in ("deze", "onze", "welke")


def _resolve(candidates: list[Mention], suppressed: list[tuple[int, int]]) -> list[Mention]:
    """Drop mentions inside a 'not a category' span; of overlapping mentions keep the longest."""
    if suppressed:
        candidates = [m for m in candidates if not any(s <= m.start and m.end <= e for s, e in suppressed)]
    candidates.sort(key=lambda m: (m.start - m.end, not m.strong, m.start))
    taken: set[int] = set()
    chosen = []
    for m in candidates:
        if m.end - m.start == 1:
            if m.start in taken:
                continue
        elif not taken.isdisjoint(range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    return chosen


# ------------------------------------------------------------------ context


@dataclass(slots=True)
class Sentence:
    """What the context rules need to know about one sentence, computed once."""

    start: int  # token offsets
    end: int
    toks: list[int]  # lower-case string ids
    first: int  # index in toks of the first word after a bullet
    skip: bool  # a question, a definition or an excluded kind of sentence
    negation: bool  # holds 'geen' or 'niet'
    controller: bool  # in the controller's contact/identity section, and not about collecting
    section_excluded: frozenset[str]  # categories its section rules out ('wachtwoorden' under 'Beveiliging')
    section: int  # index of its section (-1: none)
    heading: bool  # the sentence is a heading
    text: str | None = None  # without a leading bullet (see Context.sentence_text)
    excluded: dict[str, bool] = field(default_factory=dict)  # category → excluded by a sentence rule


_VALUE_HINT = re.compile(r"[\d@:\[(]|www\.")  # what a contact value needs (cheap pre-check)


class Context:
    """Sentence, line and section facts about a document, computed lazily for the candidate mentions.
    Word lists are compared as string ids (``ids``), so no token strings are built."""

    def __init__(self, doc: Doc, rules: Rules, ids: dict[str, frozenset[int]],
                 sentence_rules: dict[int, list[re.Pattern[str]]], arrays: numpy.ndarray,
                 lowers: list[int] | None = None) -> None:
        self.doc = doc
        self.rules = rules
        self.ids = ids
        self.sentence_rules = sentence_rules
        self.text = doc_text(doc)
        self.lowers = arrays[:, 0].tolist() if lowers is None else lowers
        self.starts = numpy.flatnonzero(arrays[:, 1] == 1).tolist() or [0]
        if self.starts[0] != 0:
            self.starts.insert(0, 0)
        self.sections: list[Section] = doc._.sections or []
        self.section_starts = [s.start for s in self.sections]
        self.heading_starts = {s.start for s in self.sections if s.heading}
        self._sentences: dict[int, Sentence] = {}
        self._section_flags: dict[int, tuple[bool, bool, frozenset[str], int]] = {}

    # facts ---------------------------------------------------------------

    def idx(self, i: int) -> int:
        return self.doc[i].idx

    def end_char(self, i: int) -> int:
        token = self.doc[i]
        return token.idx + len(token)

    def sentence(self, token: int) -> Sentence:
        k = bisect_right(self.starts, token) - 1
        sent = self._sentences.get(k)
        if sent is None:
            sent = self._sentences[k] = self._make_sentence(k)
        return sent

    def _blank(self, h: int) -> bool:
        return h in self.ids["bullets"] or _lower(h, self.doc).isspace()

    def _make_sentence(self, k: int) -> Sentence:
        start = self.starts[k]
        end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.lowers)
        toks = self.lowers[start:end]
        first, last = 0, len(toks) - 1
        while first < last and self._blank(toks[first]):
            first += 1
        while last > first and _lower(toks[last], self.doc).isspace():
            last -= 1
        ids = self.ids
        char = self.idx(start)
        definition, controller, section_excluded, section = self.section_flags(char)
        sent = Sentence(start, end, toks, first, definition or toks[last] in ids["question"],
                        not ids["negations"].isdisjoint(toks),
                        controller and not self._collects_from_subject(toks), section_excluded, section,
                        char in self.heading_starts)
        if not sent.skip:
            cues = ids["cues"].intersection(toks)  # a definition or an excluded kind of sentence
            if cues:
                text = self.sentence_text(sent)
                sent.skip = any(rx.search(text) for rx in {rx for cue in cues for rx in self.sentence_rules[cue]})
        return sent

    def sentence_text(self, sent: Sentence) -> str:
        """The sentence without a leading bullet or trailing line break (built on demand)."""
        if sent.text is None:
            last = sent.end - 1
            while last > sent.start and _lower(self.lowers[last], self.doc).isspace():
                last -= 1
            sent.text = self.text[self.idx(sent.start + sent.first):self.end_char(last)]
        return sent.text

    def section_flags(self, char: int) -> tuple[bool, bool, frozenset[str], int]:
        """(definition section, controller-identity section, categories the section excludes, section index)
        at ``char``."""
        k = bisect_right(self.section_starts, char) - 1
        if k < 0:
            return False, False, frozenset(), -1
        cached = self._section_flags.get(k)
        if cached is None:
            headings = [self._heading(k)]
            j = k
            while j > 0 and self._empty(j - 1):  # a heading with no text of its own governs the next one
                j -= 1
                headings.append(self._heading(j))
            rules = self.rules
            joined = " | ".join(headings)
            cached = (any(rules.definition_headings.search(h) for h in headings),
                      any(rules.controller_headings.search(h) for h in headings),
                      frozenset(c for c, rx in rules.section_exclusions.items() if rx.search(joined)), k)
            self._section_flags[k] = cached
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

    def judge(self, mentions: list[Mention]) -> list[Mention]:
        """The mentions whose context says the data is processed. Mentions come in text order, so the
        sentences are visited in order and their facts computed once."""
        kept = []
        negated: set[tuple[int, str]] = set()  # (section, category) said not to be processed
        ids = self.ids
        own, prepositions = ids["own_determiners"], ids["contact_prepositions"]
        guarded = self.rules.sentence_exclusions.keys()
        topics = self.rules.heading_topics
        sent: Sentence | None = None
        last_negated = -1  # end of the last negated mention: 'geen kopie van je paspoort of identiteitskaart'
        coordinators = ids["negation_coordinators"]
        for m in mentions:
            if sent is None or m.start >= sent.end:
                sent = self.sentence(m.start)
            if sent.skip or sent.controller:
                continue
            toks = sent.toks
            rel, rel_end = m.start - sent.start, m.end - sent.start
            if rel == sent.first and self._generic_subject(toks, rel_end):
                continue
            if sent.negation and (self._coordinated(toks, last_negated - sent.start, rel, coordinators)
                                  or self._negated(toks, rel, rel_end)):
                negated.update((sent.section, c) for c in m.cats)
                last_negated = m.end
                continue
            if rel and (toks[rel - 1] in own or (rel > 1 and toks[rel - 2] in own
                                                 and _adjective(_lower(toks[rel - 1], self.doc)))):
                continue  # 'ons e-mailadres', 'onderstaand adres', 'ons algemene telefoonnummer', 'dit adres'
            if self._contact_value(m):
                continue
            cats = m.cats
            if rel > 1 and toks[rel - 2] in prepositions and self._contact_instruction(toks, rel, rel_end):
                cats = tuple(c for c in cats if c not in self.rules.contact_categories)
            if sent.heading and not topics.isdisjoint(cats):  # a heading 'Cookies' names the section's topic
                cats = tuple(c for c in cats if c not in topics)
            if sent.section_excluded or not guarded.isdisjoint(cats):
                cats = tuple(c for c in cats if c not in sent.section_excluded and not self._sentence_excludes(sent, c))
            if cats is m.cats:
                kept.append((sent, m))
            elif cats:
                kept.append((sent, Mention(m.start, m.end, cats, m.strong)))
        # a heading names a topic: "Godsdienst" over "Wij registreren niet de godsdienst ..." is no category
        return [m for sent, m in kept
                if not (sent.heading and negated and all((sent.section, c) in negated for c in m.cats))]

    @staticmethod
    def _coordinated(toks: list[int], prev_end: int, rel: int, coordinators: frozenset[int]) -> bool:
        """The mention follows a negated one in the same sentence with only coordinators between: 'Stuur ons
        geen kopie van je paspoort of identiteitskaart' negates both."""
        return 0 <= prev_end <= rel and coordinators.issuperset(toks[prev_end:rel])

    def _sentence_excludes(self, sent: Sentence, cat: str) -> bool:
        """'ras' next to 'huisdier', 'handicap' next to 'golf': the word in another sense."""
        rx = self.rules.sentence_exclusions.get(cat)
        if rx is None:
            return False
        if cat not in sent.excluded:
            sent.excluded[cat] = bool(rx.search(self.sentence_text(sent)))
        return sent.excluded[cat]

    def _contact_value(self, m: Mention) -> bool:
        """The controller's own contact line: 'Telefoonnummer 1400', 'E-mail: info@...', 'Adres:' + a street
        line, 'Naam: Stichting De Korrel'."""
        end_char = self.end_char(m.end - 1)
        after = self.text[end_char:end_char + 60]
        cut = after.find("\n")
        after = after if cut < 0 else after[:cut]
        if not _VALUE_HINT.search(after):
            return False
        line_end = self.text.find("\n", end_char)
        line_end = len(self.text) if line_end < 0 else line_end
        rules = self.rules
        if rules.contact_value.match(after) or rules.label_name.match(self.text[end_char:line_end]):
            return True
        if after.strip() == ":":  # a label alone on its line, the value on the next one
            nxt = self.text[line_end + 1:line_end + 61].split("\n", 1)[0]
            return bool(rules.contact_value.match(nxt))
        return False

    def _contact_instruction(self, toks: list[int], rel: int, rel_end: int) -> bool:
        """'stuur uw verzoek naar het adres hieronder', 'via het e-mailadres op onze website': the
        controller's channel - unless the data subject's own address follows ('dat u heeft opgegeven') or we
        do the sending ('wij sturen post naar het adres ...')."""
        ids = self.ids
        if rel < 2 or toks[rel - 2] not in ids["contact_prepositions"] or toks[rel - 1] not in ids["articles"]:
            return False
        return ids["second_person"].isdisjoint(toks[rel_end:]) and ids["subject_pronouns"].isdisjoint(toks)

    def _generic_subject(self, toks: list[int], rel_end: int) -> bool:
        """"Cookies kunnen informatie opslaan ...": a bare plural subject, no 'wij' and no 'uw' - a statement
        about the thing, not about what this controller processes."""
        ids = self.ids
        if rel_end >= len(toks) or toks[rel_end] not in ids["generic_subject_verbs"]:
            return False
        return ids["first_person"].isdisjoint(toks) and ids["possessives"].isdisjoint(toks)

    @staticmethod
    def _clause(toks: list[int], rel: int, rel_end: int, breaks: frozenset[int]) -> tuple[int, int]:
        lo = rel
        while lo > 0 and toks[lo - 1] not in breaks:
            lo -= 1
        hi = rel_end
        while hi < len(toks) and toks[hi] not in breaks:
            hi += 1
        return lo, hi

    def _negated(self, toks: list[int], rel: int, rel_end: int) -> bool:
        """'geen' before the mention (directly, or through 'gegevens', 'gebruik van'), or 'niet' with a
        verb of collecting in the same clause ("worden niet opgeslagen")."""
        ids = self.ids
        lo, hi = self._clause(toks, rel, rel_end, ids["clause_breaks"])
        for j in range(lo, rel):
            if toks[j] in ids["negation_words"]:
                if rel - j <= 2 or not ids["negation_links"].isdisjoint(toks[j + 1:min(j + 4, rel)]):
                    if not self._shared_only(toks, lo, j, rel_end, hi):
                        return True
        lo, hi = self._clause(toks, rel, rel_end, ids["clause_breaks"] | ids["subordinate_breaks"])
        for j in range(lo, hi):
            if toks[j] in ids["not_words"] and (j + 1 >= len(toks) or toks[j + 1] not in ids["not_exceptions"]):
                clause = toks[lo:hi]
                if not ids["collection_verbs"].isdisjoint(clause) and ids["modal_verbs"].isdisjoint(clause):
                    return True  # ('kunnen wij uw bestelling niet verwerken' is about ability, not collection)
        return False

    def _shared_only(self, toks: list[int], lo: int, neg: int, rel_end: int, hi: int) -> bool:
        """"Wij verkopen geen e-mailadressen": the verb governing 'geen' is one of sharing, so the data is
        still processed. The governing verb is the nearest known verb before 'geen', else after the mention."""
        ids = self.ids
        verbs = ids["sharing_verbs"] | ids["collection_verbs"]
        for t in reversed(toks[lo:neg]):
            if t in verbs:
                return t in ids["sharing_verbs"]
        for t in toks[rel_end:hi]:
            if t in verbs:
                return t in ids["sharing_verbs"]
        return False

    def _collects_from_subject(self, toks: list[int]) -> bool:
        """In a contact/identity section, only a sentence like 'wij bewaren uw naam' speaks of collection."""
        ids = self.ids
        return not ids["collection_verbs"].isdisjoint(toks) and not ids["possessives"].isdisjoint(toks)

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
        sent = self.sentence(a.start)
        if b.start >= sent.end:
            return False
        connectors = self.ids["connectors"]
        return all(t in connectors for t in sent.toks[a.end - sent.start:b.start - sent.start])

    @staticmethod
    def _settle(chain: list[int], mentions: list[Mention], accepted: list[bool]) -> None:
        if len(chain) >= 3 or any(mentions[i].strong for i in chain):
            for i in chain:
                accepted[i] = True

    def _listed(self, m: Mention) -> bool:
        """A short list item that starts with the mention ("- E-mail", "- Gekoppelde apparaten ..."), or a
        label ("Communicatie: berichten ...", "Onderwijsinstelling | ...")."""
        char = self.idx(m.start)
        line_start, line = self.line(char)
        if line_start in self.heading_starts:
            return False
        bullet = self.rules.bullet.match(line)
        body_start = line_start + (bullet.end() if bullet else len(line) - len(line.lstrip()))
        before = self.text[body_start:char].split()
        end_char = self.end_char(m.end - 1)
        rest = self.text[end_char:line_start + len(line)].strip()
        label = not rest or rest[0] in ":|("
        if not bullet:
            return not before and bool(rest) and rest[0] in ":|"
        ctx = self.rules.context
        return len(before) < ctx["list_item_words"] and (label or len(line.split()) <= ctx["list_item_max_words"])
