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
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter
from typing import Any

import numpy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .. import extensions  # noqa: F401  (registers the Doc extensions)
from ..data import DataError, load_data, vocabulary
from ..extensions import doc_text
from ..report import DataCategory, Section, Span
from ..segment import own_or_parent_topics
from ..tokens import LOWER_FORMS, tokens

Cats = tuple[str, ...]
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


_PREPOSITIONS = frozenset({"van", "voor", "met", "over", "in", "op", "aan", "bij", "naar", "door", "uit", "om",
                           "tijdens", "zonder", "via", "per", "tot", "tussen", "rond"})  # see Context._in_data_list


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
        self.head_cache: dict[str, str | None] = {}

    def _add(self, word: str, hit: Hit) -> None:
        key = word.lower().translate(_APOSTROPHES)
        self.words[key] = _merge(self.words.get(key), hit)  # type: ignore[assignment]

    def classify(self, form: str) -> Hit | None:
        form = form.translate(_APOSTROPHES)
        if form in self.cache:
            return self.cache[form]
        if "/" in form and "." in form.split("/", 1)[0]:
            hit = None  # a web address ("www.voorbeeld.nl/cookies") names a page, not data
        elif "/" in form and len(form) > 1:
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
        """The compound head ``form`` ends with (for "mail- en postadres" → "adres"); remembered per form."""
        if form in self.head_cache:
            return self.head_cache[form]
        found = next((head for head, _entry in self.heads if form.endswith(head)), None)
        if len(self.head_cache) > 100_000:
            self.head_cache.clear()
        self.head_cache[form] = found
        return found


def _prefix_categories(prefix: str, entry: dict[str, Any]) -> Cats:
    prefixes: dict[str, list[str]] = entry["prefixes"]
    if prefix in prefixes:
        return tuple(prefixes[prefix])
    # the last part of a longer compound ('werktelefoon'); a key of two letters only after a hyphen ('chip' is no 'ip')
    best = max((k for k in prefixes if prefix.endswith(k) and (len(k) > 2 or prefix.endswith("-" + k))),
               key=len, default=None)
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
    section_exclusions: list[tuple[re.Pattern[str], frozenset[str]]]  # (heading regex, categories it rules out)
    contact_value: re.Pattern[str]
    label_name: re.Pattern[str]
    sentence_exclusions: dict[str, re.Pattern[str]]
    bullet: re.Pattern[str]
    sets: dict[str, frozenset[str]]  # word lists of 'context'
    contact_categories: frozenset[str]
    heading_topics: frozenset[str]
    relative_clauses: list[RelativeClause]


def _grouped(exclusions: dict[str, list[str]]) -> list[tuple[re.Pattern[str], frozenset[str]]]:
    """Categories with the same regular expressions share one search."""
    by_rx: dict[str, set[str]] = {}
    for cat, items in exclusions.items():
        by_rx.setdefault("|".join(items), set()).add(cat)
    return [(re.compile(rx, re.I), frozenset(cats)) for rx, cats in by_rx.items()]


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
    set_keys = ["negation_words", "negation_links", "negation_with", "not_words", "not_exceptions", "collection_verbs",
                "clause_breaks",
                "connectors", "own_determiners", "possessives", "first_person", "generic_subject_verbs",
                "subordinate_breaks", "relative_pronouns", "sharing_verbs", "contact_prepositions", "bullets",
                "modal_verbs", "subject_pronouns", "fronted_verbs", "passive_auxiliaries", "fronted_fillers",
                "negation_coordinators", "clause_coordinators", "recipient_us", "about_reader"]
    return Rules(
        lexicon=Lexicon(data),
        patterns=patterns,
        context=ctx,
        special=frozenset(c["id"] for c in vocabulary()["data_categories"] if c["special"]),
        sentence_rules=[(r["cues"], re.compile(r["regex"], re.I))
                        for r in ctx["excluded_sentences"] + ctx["definition_sentences"]],
        definition_headings=_alternation(ctx["definition_headings"]),
        controller_headings=_alternation(ctx["controller_headings"]),
        section_exclusions=_grouped(ctx["category_section_exclusions"]),
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


@dataclass(slots=True)
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)  # next lower-case string id → node
    keys: tuple[int, ...] = ()  # the match ids of the sequences that end here


class PhraseTrie:
    """The literal sequences of a `PhraseMatcher` on LOWER as a trie of string ids, walked in Python from the few
    tokens that may start one. Gives the matcher's matches in its order: by start, then end, then - for several
    keys on one span - the order the matcher itself reports them in (probed once per sequence)."""

    def __init__(self, matcher: PhraseMatcher, patterns: list[Doc]) -> None:
        self.root = _Node()
        self.seconds: set[int] = set()  # the ids that come second in a sequence
        for pattern in patterns:
            node = self.root
            lowers = [t.lower for t in pattern]
            for h in lowers:
                node = node.children.setdefault(h, _Node())
            if not node.keys:
                node.keys = tuple(key for key, start, end in matcher(pattern) if start == 0 and end == len(pattern))
            if len(lowers) > 1:
                self.seconds.add(lowers[1])

    def starts(self, h: int) -> bool:
        return h in self.root.children

    def alone(self, h: int) -> bool:
        """A one-token sequence is ``h``."""
        node = self.root.children.get(h)
        return node is not None and bool(node.keys)

    def __call__(self, lowers: Any, positions: list[int]) -> list[tuple[int, int, int]]:
        """(key, start, end) of every sequence that starts at one of ``positions`` (ascending)."""
        matches = []
        n = len(lowers)
        root = self.root.children
        for i in positions:
            node = root.get(lowers[i])
            j = i + 1
            while node is not None:
                for key in node.keys:
                    matches.append((key, i, j))
                if j >= n:
                    break
                node = node.children.get(lowers[j])
                j += 1
        return matches


# ------------------------------------------------------------------ the component


@Language.factory("analyser_data_categories", default_config={})
def make_component(nlp: Language, name: str) -> CategoriesComponent:
    return CategoriesComponent(nlp)


class FormFlags:
    """Flag bits per lower-case form number (`LOWER_FORMS`), kept per process: a document's flags are one
    ``take``; only forms never seen before reach Python (``learn``)."""

    def __init__(self) -> None:
        self.values = numpy.zeros(0, dtype=numpy.uint16)
        self.unlearned = 0  # how many forms are not classified yet (most documents: none, so no check)

    def of(self, ids: numpy.ndarray, learn: Callable[[int], int]) -> numpy.ndarray:
        """The flags of every token, given the tokens' form numbers; ``learn(token index)`` classifies the form
        of a token whose form is new."""
        if len(self.values) < len(LOWER_FORMS):
            grown = numpy.full(len(LOWER_FORMS) - len(self.values), _UNLEARNED, dtype=numpy.uint16)
            self.values = numpy.concatenate([self.values, grown])
            self.unlearned += len(grown)
        flags = self.values.take(ids)
        if not self.unlearned:
            return flags
        new = (flags >= _UNLEARNED).nonzero()[0]
        if len(new):
            forms, first = numpy.unique(ids[new], return_index=True)
            for form, i in zip(forms.tolist(), new[first].tolist()):
                self.values[form] = learn(i)
            self.unlearned -= len(forms)
            flags = self.values.take(ids)
        return flags


class CategoriesComponent:
    """Writes ``doc._.data_categories`` (one `DataCategory` per id, in order of first mention) and
    ``doc.spans["data_categories"]`` (every supporting mention, labelled with the category id). Reads the shared
    token view (`tokens`), with the sentence starts and lemmas of the stages before it."""

    def __init__(self, nlp: Language) -> None:
        self.rules = rules()
        strings = nlp.vocab.strings
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = Matcher(nlp.vocab)
        self.keys: dict[int, tuple[Cats, bool, frozenset[int]]] = {}
        literal: list[Doc] = []
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
                    self.keys[strings[f"analyser_category_{i}"]] = (cats, strong, frozenset())
            for j, (not_next, seqs) in enumerate(by_key.items()):
                key = f"analyser_category_{i}_{j}"
                docs = [Doc(nlp.vocab, words=seq) for seq in seqs]
                self.phrases.add(key, docs)
                literal.extend(docs)
                excluded = frozenset(strings.add(w) for w in not_next.split("|")) if not_next else frozenset()
                self.keys[strings[key]] = (cats, strong, excluded)
        self.trie = PhraseTrie(self.phrases, literal)  # what the PhraseMatcher finds, from the flagged tokens only
        # every lower-case form seen so far: its classification (string id → Hit) and its flags, shared by all
        # documents; a document costs a few array operations plus the classification of forms never seen before
        self.forms: dict[int, Hit | None] = {}
        self.table = FormFlags()
        words = dict(self.rules.sets, articles={"het", "dit"}, second_person={"u", "je", "jij", "uw", "jouw"})
        self.ids = {k: frozenset(strings.add(w) for w in v) for k, v in words.items()}
        self.labels = {c["id"]: strings.add(c["id"]) for c in vocabulary()["data_categories"]}
        # cue word → the indices of the sentence rules it triggers (indices: hashing a compiled pattern is slow)
        self.sentence_rules: dict[int, list[int]] = {}
        for r, (cues, _rx) in enumerate(self.rules.sentence_rules):
            for cue in cues:
                self.sentence_rules.setdefault(strings.add(cue), []).append(r)
        self.ids["cues"] = frozenset(self.sentence_rules)
        self.question = strings.add("?")
        self.comma = strings.add(",")
        self.ids["negations"] = self.ids["negation_words"] | self.ids["not_words"]
        self.ids["all_breaks"] = self.ids["clause_breaks"] | self.ids["subordinate_breaks"]
        self.ids["verbs"] = self.ids["sharing_verbs"] | self.ids["collection_verbs"]
        self.clauses = [(rule, *(frozenset(strings.add(w) for w in words) for words in
                                 (rule.relatives, rule.subjects, rule.verbs, rule.ends)))
                        for rule in self.rules.relative_clauses]
        self.clause_nouns: dict[int, list[int]] = {}
        for k, rule in enumerate(self.rules.relative_clauses):
            for noun in rule.nouns:
                self.clause_nouns.setdefault(strings.add(noun), []).append(k)
        self.elliptic_links = frozenset(strings.add(w) for w in ("en", "of", ",", "en/of", "&"))

    def __call__(self, doc: Doc) -> Doc:
        by_cat: dict[str, list[Span]] = {}
        spans = []
        if len(doc):
            context = self.find(doc)
            text, labels, idx, end_char = context.text, self.labels, context.idx, context.end_char
            for m in context.found:
                start, end = idx[m.start], end_char(m.end - 1)
                mention = text[start:end]
                for cat in m.cats:
                    found = by_cat.get(cat)
                    if found is None:
                        found = by_cat[cat] = []
                    found.append(Span(mention, start, end))
                    spans.append(SpacySpan(doc, m.start, m.end, labels[cat]))
        special = self.rules.special
        doc._.data_categories = [DataCategory(cat, cat in special, found) for cat, found in by_cat.items()]
        doc.spans["data_categories"] = spans
        return doc

    # -------------------------------------------------------------- candidates

    def find(self, doc: Doc) -> Context:
        """The Doc's context, with the accepted mentions in ``found``."""
        view = tokens(doc)
        lowers, lemmas, strings = view.lower, view.lemma, doc.vocab.strings
        flags = self.table.of(view.lower_ids, lambda i: self._learn(int(lowers[i]), int(lemmas[i]), strings))
        context = Context(doc, self, lowers, flags, view.idx, view.sent_start.nonzero()[0])
        chosen = self.candidates(doc, context, _positions(flags, _MARKS))
        if chosen:
            context.found = context.accept_weak(context.judge(chosen))
        return context

    def candidates(self, doc: Doc, ctx: Context, marked: list[int]) -> list[Mention]:
        """Mentions from the lexicon, elliptic compounds and relative clauses (one per token: the first strong
        one), bracketed compounds and the phrase patterns, resolved against each other and against the spans of
        'not a category' patterns (see `_resolve`), in text order."""
        lowers, flags, forms = ctx.lowers, ctx.flags, self.forms
        singles: dict[int, Mention] = {}
        for i in marked:
            flag = flags[i]
            best = None
            if flag & _HIT:
                hit = forms[lowers[i]]
                best = Mention(i, i + 1, hit.cats, hit.strong)  # type: ignore[union-attr]
            if flag & _ELLIPTIC:
                m = self._elliptic(lowers, i, doc)
                if m is not None and (best is None or (m.strong and not best.strong)):
                    best = m
            if flag & _CLAUSE:
                m = self._relative_clause(lowers, i)
                if m is not None and (best is None or (m.strong and not best.strong)):
                    best = m
            if best is not None:
                singles[i] = best
        out: list[Mention] = []
        if "(" in ctx.text:
            for match in _BRACKETED.finditer(ctx.text):
                m = self._bracketed_prefix(doc, match)
                if m is not None:
                    out.append(m)
        suppressed: list[tuple[int, int]] = []
        matches = self.trie(lowers, ctx.phrase_starts)
        if len(self.matcher):
            matches += self.matcher(doc)
        n = len(lowers)
        for key, start, end in matches:
            cats, strong, not_next = self.keys[key]
            if not_next:
                if end >= n or lowers[end] in not_next:
                    continue
                end += 1
            if cats:
                out.append(Mention(start, end, cats, strong))
            else:
                suppressed.append((start, end))
        return _resolve(singles, out, suppressed)

    def _learn(self, h: int, lemma: int, strings: Any) -> int:
        """Classify a form never seen before (by itself, else by its lemma: "godsdiensten" → "godsdienst") and
        give its flags: what it may start (a mention, an elliptic compound "mail-", a relative clause) and what
        the context rules look for (blanks, line breaks, negations, cue words, contact-value characters)."""
        form = strings[h]
        lexicon = self.rules.lexicon
        hit = lexicon.classify(form)
        if hit is None and lemma != h and lemma in strings:  # (a lemma id may come from another pipeline's vocab)
            hit = lexicon.words.get(strings[lemma])
        self.forms[h] = hit
        ids = self.ids
        flag = _HIT if hit is not None else 0
        if len(form) > 2 and form.endswith("-") and form[-2].isalpha():
            flag |= _ELLIPTIC
        if h in self.clause_nouns:
            flag |= _CLAUSE
        if form.isspace():
            flag |= _SPACE | _BLANK | (_NEWLINE if "\n" in form else 0)
        elif h in ids["bullets"]:
            flag |= _BLANK
        if h in ids["negations"]:
            flag |= _NEGATION
        if h in ids["cues"]:
            flag |= _CUE
        if _VALUE_HINT.search(form):
            flag |= _HINT
        if self.trie.starts(h):
            flag |= _PHRASE | (_PHRASE_ALONE if self.trie.alone(h) else 0)
        if h in self.trie.seconds:
            flag |= _PHRASE_NEXT
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

    def _elliptic(self, lowers: list[int], i: int, doc: Doc) -> Mention | None:
        """"mail- en postadres" → "mailadres"; "Voor- en achternaam" → "voornaam"."""
        if i + 2 >= len(lowers) or lowers[i + 1] not in self.elliptic_links:
            return None
        lexicon = self.rules.lexicon
        strings = doc.vocab.strings
        head = lexicon.head_of(_string(lowers[i + 2], strings).translate(_APOSTROPHES))
        if head is None:
            return None
        hit = lexicon.classify(_string(lowers[i], strings)[:-1] + head)
        return Mention(i, i + 1, hit.cats, hit.strong) if hit else None

    def _bracketed_prefix(self, doc: Doc, match: re.Match[str]) -> Mention | None:
        """"(bedrijfs)naam" names both the bare and the compound word."""
        prefix, word = match.group(1).lower(), match.group(2).lower()
        hit = _merge(self.rules.lexicon.classify(prefix + word), self.rules.lexicon.classify(word))
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand") if hit else None
        return Mention(span.start, span.end, hit.cats, hit.strong) if hit and span is not None else None


# flag bits of a lower-case token form
_HIT = 1  # names a category (a lexicon word, a compound, a lemma)
_ELLIPTIC = 2  # "mail-" in "mail- en postadres"
_CLAUSE = 4  # a noun a relative clause can make a category ("berichten die u ons stuurt")
_SPACE = 8  # whitespace
_BLANK = 16  # whitespace or a bullet
_NEWLINE = 32  # whitespace holding a line break
_NEGATION = 64  # 'geen', 'niet', 'nooit'
_CUE = 128  # a cue word of a sentence rule
_HINT = 256  # a character a contact value needs (digit, '@', ':', '[', '(', 'www.')
_PHRASE = 512  # the first token of a phrase pattern (with the next two bits: see Context.phrase_starts)
_PHRASE_NEXT = 1024  # the second token of a phrase pattern
_PHRASE_ALONE = 2048  # a phrase pattern of one token
_MARKS = _HIT | _ELLIPTIC | _CLAUSE
_UNLEARNED = 1 << 15  # (in `FormFlags`) a form not classified yet
_VALUE_HINT = re.compile(r"[\d@:\[(]|www\.")  # what a contact value needs (cheap pre-check)

_STRINGS: dict[int, str] = {}


def _positions(flags: numpy.ndarray, bits: int) -> list[int]:
    """The indices of the tokens with any of ``bits`` (``nonzero`` on a bool array: much faster than on uint16)."""
    return ((flags & bits) != 0).nonzero()[0].tolist()


def _string(h: int, strings: Any) -> str:
    """The string of a lower-case form id (cached: StringStore lookups are slow)."""
    s = _STRINGS.get(h)
    if s is None:
        s = _STRINGS[h] = strings[h]
    return s


_NOUN_E_ENDINGS = ("ite", "ice", "age", "ure", "uze")  # 'website', 'service', 'garage', 'procedure', 'keuze'


def _adjective(token: str) -> bool:
    """An inflected adjective between a determiner and a noun ('ons algemene telefoonnummer')."""
    return len(token) > 3 and token.isalpha() and token.endswith("e") and token not in ("deze", "onze", "welke") \
        and not token.endswith(_NOUN_E_ENDINGS)


_START = attrgetter("start")


def _resolve(singles: dict[int, Mention], others: list[Mention], suppressed: list[tuple[int, int]]) -> list[Mention]:
    """Drop mentions inside a 'not a category' span; of overlapping mentions keep the longest (then the strong
    one, then the earlier); of one-word mentions of the same word keep the first strong one (else the first).
    ``singles`` (one-word mentions of the word lists, in text order) come before ``others`` (phrase patterns)."""
    if suppressed:
        def inside(m: Mention) -> bool:
            return any(s <= m.start and m.end <= e for s, e in suppressed)
        covered = {i for s, e in suppressed for i in range(s, e)}  # (singles are one token long)
        singles = {i: m for i, m in singles.items() if i not in covered}
        others = [m for m in others if not inside(m)]
    multi = []
    ordered = True
    for m in others:
        if m.end - m.start > 1:
            multi.append(m)
            continue
        current = singles.get(m.start)
        if current is None:
            singles[m.start] = m
            ordered = False
        elif m.strong and not current.strong:
            singles[m.start] = m
    if not multi:
        chosen = list(singles.values())
        if not ordered:
            chosen.sort(key=_START)
        return chosen
    multi.sort(key=lambda m: (m.start - m.end, not m.strong, m.start))
    taken: set[int] = set()
    chosen = []
    for m in multi:
        covered = range(m.start, m.end)
        if taken.isdisjoint(covered):
            taken.update(covered)
            chosen.append(m)
    chosen.extend(m for i, m in singles.items() if i not in taken)
    chosen.sort(key=_START)
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
    excluded: dict[str, bool] | None = None  # category → excluded by a sentence rule
    # where the clause breaks and negation words are (indices in toks), for sentences with a negation
    breaks: list[int] | None = None  # clause breaks (';', 'maar', 'tenzij' ...)
    sub_breaks: list[int] | None = None  # those and subordinate breaks ('die', 'omdat' ...)
    geen: list[int] | None = None  # 'geen'
    niet: list[int] | None = None  # 'niet', 'nooit'


_LIST_MARK = re.compile(r"(?:\d{1,3}|[a-zA-Z])[.)]")
_NO_SENTENCE = Sentence(0, 0, [], 0, True, False, False, frozenset(), -1, False)


class Context:
    """Sentence, line and section facts about a document, computed lazily for the candidate mentions. Word lists
    are compared as string ids and per-token facts come from the form flags, so no token strings are built; the
    sentences holding a negation or a cue word are found with array operations."""

    def __init__(self, doc: Doc, component: CategoriesComponent, lowers: numpy.ndarray, flags: numpy.ndarray,
                 idx: numpy.ndarray, starts: numpy.ndarray) -> None:
        self.doc = doc
        self.rules = component.rules
        self.ids = component.ids
        self.sentence_rules = component.sentence_rules
        self.question = component.question
        self.comma = component.comma
        self.text = doc_text(doc)
        # per-token arrays as array.array: a copy of the bytes instead of a Python int per token (tolist)
        self.lowers = array("Q", lowers.tobytes())  # lower-case string ids
        self.flags = array("H", flags.tobytes())  # form flags
        self.idx = array("q", idx.tobytes())  # character offsets
        self.n = n = len(lowers)
        if not len(starts) or starts[0] != 0:
            starts = numpy.concatenate(([0], starts))
        self.starts: list[int] = starts.tolist()
        self.starts.append(n)  # (the end of the last sentence)
        self._start_array = starts
        self._flags = flags
        self._ored: list[int] | None = None  # see _make_sentence
        # the tokens after a mention that may make it a contact value (a bisect finds the next one)
        self.stops = _positions(flags, _HINT | _NEWLINE)
        # where a phrase pattern may start: its first token followed by a possible second one, or a one-token phrase
        # (the bits line up: _PHRASE_NEXT of the next token and _PHRASE_ALONE of this one shifted onto _PHRASE)
        head = flags[:-1]
        self.phrase_starts: list[int] = ((head & ((flags[1:] >> 1) | (head >> 2)) & _PHRASE) != 0).nonzero()[0].tolist()
        if flags[-1] & _PHRASE_ALONE:
            self.phrase_starts.append(n - 1)
        self.sections: list[Section] = doc._.sections or []
        self.section_starts = [s.start for s in self.sections]
        self.heading_starts = {s.start for s in self.sections if s.heading}
        self._sentences: dict[int, Sentence] = {}
        self._section_flags: dict[int, tuple[bool, bool, frozenset[str], int]] = {}
        self.found: list[Mention] = []

    # facts ---------------------------------------------------------------

    def end_char(self, i: int) -> int:
        """Where token ``i`` ends: the next token's offset, less the one space spaCy keeps as whitespace."""
        nxt = self.idx[i + 1] if i + 1 < self.n else len(self.text)
        return nxt - 1 if nxt - 1 > self.idx[i] and self.text[nxt - 1] == " " else nxt

    def _make_sentence(self, k: int) -> Sentence:
        start, end = self.starts[k], self.starts[k + 1]
        flags = self.flags
        first, last = start, end - 1
        while first < last and flags[first] & _BLANK:
            first += 1
        while last > first and flags[last] & _SPACE:
            last -= 1
        toks = self.lowers[start:end].tolist()
        char = self.idx[start]
        definition, controller, section_excluded, section = self.section_flags(char)
        if self._ored is None:  # the flags of each sentence's tokens or'ed together (negations, cue words)
            self._ored = numpy.bitwise_or.reduceat(self._flags, self._start_array).tolist()
        ored = self._ored[k]
        sent = Sentence(start, end, toks, first - start, definition or toks[last - start] == self.question,
                        bool(ored & _NEGATION), controller and not self._collects_from_subject(toks),
                        section_excluded, section, char in self.heading_starts)
        if not sent.skip and ored & _CUE:  # a definition or an excluded kind of sentence
            cues = self.ids["cues"].intersection(toks)
            text = self.sentence_text(sent)
            rules = self.rules.sentence_rules
            sent.skip = any(rules[r][1].search(text) for r in {r for cue in cues for r in self.sentence_rules[cue]})
        return sent

    def sentence_text(self, sent: Sentence) -> str:
        """The sentence without a leading bullet or trailing line break (built on demand)."""
        if sent.text is None:
            last = sent.end - 1
            while last > sent.start and self.flags[last] & _SPACE:
                last -= 1
            sent.text = self.text[self.idx[sent.start + sent.first]:self.end_char(last)]
        return sent.text

    def section_flags(self, char: int) -> tuple[bool, bool, frozenset[str], int]:
        """(definition section, controller-identity section, categories the section excludes, section index)
        at ``char``."""
        k = bisect_right(self.section_starts, char) - 1
        if k < 0:
            return False, False, frozenset(), -1
        cached = self._section_flags.get(k)
        if cached is None:
            definition, controller, excluded = self._heading_facts(k)
            j = k
            while j > 0 and self._empty(j - 1):  # a heading with no text of its own governs the next one
                j -= 1
                more = self._heading_facts(j)
                definition, controller, excluded = definition or more[0], controller or more[1], excluded | more[2]
            cached = self._section_flags[k] = (definition, controller, excluded, k)
        return cached

    def _heading_facts(self, k: int) -> tuple[bool, bool, frozenset[str]]:
        """(a definition heading, a controller-identity heading, the categories it rules out) for the heading of
        section ``k`` (read once per section and statement, see ``section_flags``)."""
        heading = self.sections[k].heading
        if not heading:
            return False, False, frozenset()
        h = _NUMBERING.sub("", heading.strip()).lower()
        rules = self.rules
        return (bool(rules.definition_headings.search(h)), bool(rules.controller_headings.search(h)),
                frozenset(c for rx, cats in rules.section_exclusions if rx.search(h) for c in cats))

    def _empty(self, k: int) -> bool:
        section = self.sections[k]
        return section.heading is not None and section.end - section.start <= len(section.heading) + 2

    def line(self, char: int) -> tuple[int, str]:
        """(start offset, text) of the line holding ``char``."""
        start = self.text.rfind("\n", 0, char) + 1
        end = self.text.find("\n", char)
        return start, self.text[start:end if end >= 0 else len(self.text)]

    # judgement -----------------------------------------------------------

    def judge(self, mentions: list[Mention]) -> list[tuple[Sentence, Mention]]:
        """The mentions whose context says the data is processed, each with its sentence. Mentions come in text
        order, so the sentences are visited in order and their facts computed once."""
        kept = []
        negated: set[tuple[int, str]] = set()  # (section, category) said not to be processed
        ids = self.ids
        own, prepositions, about_reader = ids["own_determiners"], ids["contact_prepositions"], ids["about_reader"]
        guarded = self.rules.sentence_exclusions.keys()
        topics = self.rules.heading_topics
        last_negated = -1  # end of the last negated mention: 'geen kopie van je paspoort of identiteitskaart'
        coordinators = ids["negation_coordinators"]
        strings = self.doc.vocab.strings
        starts, sentences, stops, flags = self.starts, self._sentences, self.stops, self.flags
        sent = _NO_SENTENCE
        sent_end = -1
        for m in mentions:
            if m.start >= sent_end:
                k = bisect_right(starts, m.start) - 1
                sent = sentences.get(k)
                if sent is None:
                    sent = sentences[k] = self._make_sentence(k)
                sent_end = sent.end
            if sent.skip or sent.controller:
                continue
            toks = sent.toks
            rel, rel_end = m.start - sent.start, m.end - sent.start
            if rel == sent.first and self._generic_subject(toks, rel_end):
                continue
            if sent.negation and (self._coordinated(toks, last_negated - sent.start, rel, coordinators)
                                  or self._negated(sent, rel, rel_end)):
                negated.update((sent.section, c) for c in m.cats)
                last_negated = m.end
                continue
            if rel and (toks[rel - 1] in own or (rel > 1 and toks[rel - 2] in own
                                                 and _adjective(_string(toks[rel - 1], strings)))) \
                    and not (rel_end + 1 < len(toks) and toks[rel_end + 1] in about_reader):
                continue  # 'ons e-mailadres', 'onderstaand adres', 'ons algemene telefoonnummer', 'dit adres'
                # (but 'onze aantekeningen van gesprekken met jou', 'onze notities over u')
            j = bisect_left(stops, m.end)  # the next token with a value character or a line break
            if j < len(stops) and flags[stops[j]] & _HINT and self._contact_value(m, stops[j]):
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
        if negated:
            kept = [(sent, m) for sent, m in kept
                    if not (sent.heading and all((sent.section, c) in negated for c in m.cats))]
        return kept

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
        if sent.excluded is None:
            sent.excluded = {}
        if cat not in sent.excluded:
            sent.excluded[cat] = bool(rx.search(self.sentence_text(sent)))
        return sent.excluded[cat]

    def _contact_value(self, m: Mention, j: int) -> bool:
        """The controller's own contact line: 'Telefoonnummer 1400', 'E-mail: info@...', 'Adres:' + a street
        line, 'Naam: Stichting De Korrel'. ``j`` is the next token after the mention with a contact-value
        character (see `judge`), so most mentions need no string work."""
        end_char = self.end_char(m.end - 1)
        if self.idx[j] >= end_char + 60:
            return False
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
    def _clause(breaks: list[int], rel: int, rel_end: int, n: int) -> tuple[int, int]:
        """The clause around toks[rel:rel_end]: from after the last break before it to the first break after it."""
        k = bisect_left(breaks, rel)
        lo = breaks[k - 1] + 1 if k else 0
        k = bisect_left(breaks, rel_end, k)
        return lo, breaks[k] if k < len(breaks) else n

    def _negated(self, sent: Sentence, rel: int, rel_end: int) -> bool:
        """'geen' before the mention (directly, or through 'gegevens', 'gebruik van'), or 'niet' with a
        verb of collecting in the same clause ("worden niet opgeslagen")."""
        ids = self.ids
        toks = sent.toks
        if sent.breaks is None:  # once per sentence: where its clauses end and its negation words are
            sent.breaks, sent.sub_breaks, sent.geen, sent.niet = (
                [j for j, t in enumerate(toks) if t in words] for words in
                (ids["clause_breaks"], ids["all_breaks"], ids["negation_words"], ids["not_words"]))
            joints = self._coordinated_clauses(toks, sent.breaks)
            if joints:
                sent.breaks = sorted(sent.breaks + joints)
                sent.sub_breaks = sorted(sent.sub_breaks + joints)
        n = len(toks)
        lo, hi = self._clause(sent.breaks, rel, rel_end, n)
        for j in sent.geen:  # type: ignore[union-attr]
            if lo <= j < rel and (rel - j <= 2 or not ids["negation_links"].isdisjoint(toks[j + 1:min(j + 4, rel)])
                                  or (rel - j == 3 and toks[rel - 1] in ids["negation_with"])  # "geen X met cookies"
                                  or self._elliptic_only(toks[j + 1:rel])):
                if not self._shared_only(toks, lo, j, rel_end, hi):
                    return True
        lo, hi = self._clause(sent.sub_breaks, rel, rel_end, n)  # type: ignore[arg-type]
        if rel <= 3 and self._fronted_denied(toks, rel_end) and (rel <= 1 or self._premodifiers_only(toks[:rel])):
            return True
        if sent.niet and hi < n and (lo == 0 or self._list_mark_before(sent, lo)):
            lo, hi = self._fronted(sent, hi, n)
        for j in sent.niet:  # type: ignore[union-attr]
            if lo <= j < hi and (j + 1 >= n or toks[j + 1] not in ids["not_exceptions"]):
                clause = toks[lo:hi]
                if not ids["collection_verbs"].isdisjoint(clause) and ids["modal_verbs"].isdisjoint(clause):
                    return True  # ('kunnen wij uw bestelling niet verwerken' is about ability, not collection)
        return False

    def _list_mark_before(self, sent: Sentence, lo: int) -> bool:
        """Only a list mark ("2.", "b)") stands before token ``lo`` of the sentence."""
        mark = self.text[self.idx[sent.start + sent.first]:self.idx[sent.start + lo]]
        return bool(_LIST_MARK.fullmatch(mark.strip()))

    def _premodifiers_only(self, before: list[int]) -> bool:
        """The words before a fronted mention belong to its noun phrase ("De precieze locatie van je telefoon
        vragen we niet op", "Ook een kopie van ..."): no verb, subject pronoun or negation among them."""
        ids = self.ids
        return ids["verbs"].isdisjoint(before) and ids["subject_pronouns"].isdisjoint(before) \
            and ids["negations"].isdisjoint(before)

    def _fronted_denied(self, toks: list[int], end: int) -> bool:
        """A mention opening the sentence, then verb, subject pronoun and a negation: "Gezichtsherkenning gebruiken
        wij niet", "Uw BSN vragen we nooit" (not "... niet langer dan", "... niet alleen")."""
        ids = self.ids
        if end + 2 >= len(toks) or toks[end] not in ids["fronted_verbs"] \
                or toks[end + 1] not in ids["subject_pronouns"]:
            return False
        k = end + 2
        if toks[k] in ids["fronted_fillers"]:
            k += 1
        return k < len(toks) and toks[k] in ids["negations"] and (
            k + 1 >= len(toks) or toks[k + 1] not in ids["not_exceptions"])

    def _fronted(self, sent: Sentence, hi: int, n: int) -> tuple[int, int]:
        """A mention fronted with its relative clause, the main clause after the comma opening with its verb
        ("Het burgerservicenummer dat in uw paspoort staat, nemen wij niet over", "..., wordt niet overgenomen"): the
        clause is the fronted part plus that main clause. Otherwise the clause ``(0, hi)`` as it was."""
        toks = sent.toks
        if toks[hi] not in self.ids["relative_pronouns"]:
            return 0, hi
        comma = next((j for j in range(hi + 1, n) if toks[j] == self.comma), -1)
        if comma < 0 or comma + 1 >= n or (toks[comma + 1] not in self.ids["verbs"]
                                            and toks[comma + 1] not in self.ids["passive_auxiliaries"]):
            return 0, hi  # "..., nemen wij niet over" / "..., wordt niet overgenomen"
        k = bisect_left(sent.sub_breaks, comma + 1)  # type: ignore[arg-type]
        return 0, sent.sub_breaks[k] if k < len(sent.sub_breaks) else n  # type: ignore[index]

    def _coordinated_clauses(self, toks: list[int], breaks: list[int]) -> list[int]:
        """Commas that join two clauses: ', en' with a known verb on both sides ('hoeft u ons geen kopie ... te
        geven, en naar uw burgerservicenummer vragen wij niet'); an enumeration's ', en' has no verb after it."""
        ids = self.ids
        comma, words, verbs = self.comma, ids["clause_coordinators"], ids["verbs"]
        joints = []
        for j in range(1, len(toks) - 1):
            if toks[j] == comma and toks[j + 1] in words:
                k = bisect_left(breaks, j)
                lo = breaks[k - 1] + 1 if k else 0
                hi = breaks[k] if k < len(breaks) else len(toks)
                if not verbs.isdisjoint(toks[lo:j]) and not verbs.isdisjoint(toks[j + 2:hi]):
                    joints.append(j)
        return joints

    def _elliptic_only(self, between: list[int]) -> bool:
        """Only the first parts of elliptic compounds and coordinators stand between 'geen' and the mention: 'geen
        vingerafdruk- of gezichtsherkenning' negates the whole coordination."""
        if len(between) > 6:
            return False
        strings = self.doc.vocab.strings
        coordinators = self.ids["negation_coordinators"]
        return any(_string(t, strings).endswith("-") for t in between) and all(
            t in coordinators or _string(t, strings).endswith("-") for t in between)

    def _shared_only(self, toks: list[int], lo: int, neg: int, rel_end: int, hi: int) -> bool:
        """"Wij verkopen geen e-mailadressen": the verb governing 'geen' is one of sharing, so the data is
        still processed. The governing verb is the nearest known verb before 'geen', else after the mention."""
        ids = self.ids
        verbs = ids["verbs"]
        if not ids["recipient_us"].isdisjoint(toks[lo:neg]) or ids["subject_pronouns"].isdisjoint(toks[lo:hi]):
            return False  # given to us, or sent by the reader ('U hoeft geen pasfoto mee te sturen'): collected
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

    def accept_weak(self, kept: list[tuple[Sentence, Mention]]) -> list[Mention]:
        """Weak mentions stay if they head a list item or label line, or sit in an enumeration (a chain of
        mentions with only connectors between) with a strong mention or of three or more mentions. Chains are
        followed only from the weak mentions."""
        mentions = [m for _, m in kept]
        if all(m.strong for m in mentions):
            return mentions
        accepted = [m.strong for m in mentions]
        settled = [False] * len(kept)
        for i in range(len(mentions)):
            if accepted[i] or settled[i]:
                continue
            lo = i
            while lo > 0 and self._linked(kept[lo - 1], mentions[lo]):
                lo -= 1
            hi = i
            while hi + 1 < len(kept) and self._linked(kept[hi], mentions[hi + 1]):
                hi += 1
            chain = range(lo, hi + 1)
            ok = len(chain) >= 3 or any(mentions[j].strong for j in chain)
            for j in chain:
                settled[j] = True
                accepted[j] = accepted[j] or ok
        for i, m in enumerate(mentions):
            if not accepted[i] and (self._listed(m) or self._in_data_list(m)):
                accepted[i] = True
        return [m for m, ok in zip(mentions, accepted) if ok]

    def _linked(self, a: tuple[Sentence, Mention], b: Mention) -> bool:
        sent, m = a
        if b.start - m.end > 6 or b.start >= sent.end:
            return False
        gap = sent.toks[m.end - sent.start:b.start - sent.start]
        connectors = self.ids["connectors"]
        if connectors.issuperset(gap):
            return True
        # one other item of the enumeration between commas ("je woonplaats, je lengte, je opleiding en beroep")
        others = [t for t in gap if t not in connectors]
        return len(others) == 1 and self.comma in gap and self.doc.vocab.strings[others[0]].isalpha()

    def _in_data_list(self, m: Mention) -> bool:
        """A list item in a section whose heading asks which data is processed ("Wat we van je verwerken",
        "Welke gegevens verzamelen wij?"): its items name data ("- je opleiding en beroep")."""
        char = self.idx[m.start]
        k = bisect_right(self.section_starts, char) - 1
        if k < 0 or "data_categories" not in own_or_parent_topics(self.sections, k):
            return False
        line_start, line = self.line(char)
        bullet = self.rules.bullet.match(line)
        if line_start in self.heading_starts or bullet is None:
            return False
        # one of the item's own nouns, not the complement of a preposition ("je gebruik van ... je telefoon");
        # "bij zakelijke klanten: de naam van het bedrijf" is read after its lead-in
        before = self.text[line_start + bullet.end():char].lower().rpartition(":")[2].split()  # after a lead-in
        if _PREPOSITIONS.intersection(before):
            return False
        # nor a head narrowed by its own complement ("- Afspraken over de toegang", "- Communicatie tussen systemen")
        after = self.text[self.end_char(m.end - 1):line_start + len(line)].split(None, 1)
        return not after or after[0].lower() not in _PREPOSITIONS

    def _listed(self, m: Mention) -> bool:
        """A short list item that starts with the mention ("- E-mail", "- Gekoppelde apparaten ..."), or a
        label ("Communicatie: berichten ...", "Onderwijsinstelling | ...")."""
        char = self.idx[m.start]
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
