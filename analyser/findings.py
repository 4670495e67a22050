"""Findings: the problems a privacy officer should look at first, each with a stable code, a
severity, a Dutch message (and ``message_en``) and the sentences that triggered it.

Findings combine what the earlier stages found (checklist statuses, legal bases, third parties
and their seats, data categories, retention periods, the version date) with a few text cues
(Privacy Shield, the Wbp, the CBP, minors, parental consent). Every check is a small function
over a `Context`; codes, severities, messages and cue patterns live in ``data/findings.json``.
The checks are independent: one that lacks its input (no checklist yet, say) finds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401
from .data import DataError, load_data, vocabulary
from .extensions import EXTENSIONS, doc_text
from .extract.document_date import lower_text
from .extract.legal_bases import SectionIndex, SentenceIndex
from .report import ChecklistItem, DataCategory, Finding, LegalBasis, RetentionPeriod, Span, ThirdParty
from .sieves import split_alternatives
from .tokens import LOWER_FORMS, tokens

RIGHTS = ("right_access", "right_rectification", "right_erasure", "right_restriction", "right_objection",
          "right_portability")
ADDRESSED = ("present", "partial")


class FindingRules:
    """``data/findings.json``, compiled, plus the labels the messages need."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.templates: dict[str, dict[str, str]] = data["findings"]
        self.gdpr_date: str = data["gdpr_date"]
        self.max_evidence: int = data["max_evidence"]
        self.window: int = data["window"]
        self.patterns: dict[str, list[re.Pattern[str]]] = {
            name: [re.compile(p) for p in ([ps] if isinstance(ps, str) else ps)]
            for name, ps in data["patterns"].items()}
        # A pattern cannot match a text when each of its alternatives holds a word (lower-case letters) that
        # none of the text's tokens holds: a bit per such word, and per pattern the bits of each alternative's
        # words (None: no sieve). A table per 64 words gives the bits of each lower-case form.
        words: dict[str, int] = {}
        self.cue_bits: dict[str, list[list[int] | None]] = {}
        for name, patterns in self.patterns.items():
            per_pattern: list[list[int] | None] = []
            for pattern in patterns:
                masks: list[int] | None = [] if not pattern.flags & re.IGNORECASE else None
                for branch in split_alternatives(pattern.pattern) if masks is not None else []:
                    required = _required_words(branch)
                    for w in required:
                        words.setdefault(w, 1 << len(words))
                    if not required:
                        masks = None
                        break
                    masks.append(sum({words[w] for w in required}))
                per_pattern.append(masks)
            self.cue_bits[name] = per_pattern
        self.form_cues = _FormCues(list(words))
        voc = vocabulary()
        self.item_names = {c["id"]: (c["nl"], c["en"]) for c in voc["checklist"]}
        self.category_names = {c["id"]: (c["nl"].split(",")[0].strip(), c["id"].replace("_", " "))
                               for c in voc["data_categories"]}
        self.country_names: dict[str, tuple[str, str]] = {}
        self.language_names: dict[str, tuple[str, str]] = {}
        self.eea: set[str] | None = None
        try:
            labels = load_data("labels")
            self.category_names.update({k: (v["nl"].lower(), v["en"].lower())
                                        for k, v in labels.get("data_categories", {}).items()})
            self.country_names = {k: (v["nl"], v["en"]) for k, v in labels.get("countries", {}).items()}
            self.language_names = {k: (v["nl"], v["en"]) for k, v in labels.get("languages", {}).items()}
        except DataError:
            pass
        try:
            self.eea = {c["code"] for c in load_data("countries")["countries"] if c.get("eea")}
        except DataError:
            pass

    def finding(self, code: str, evidence: Iterable[Span] = (), **fields: str) -> Finding:
        """The finding ``code`` with its message filled in; ``fields`` hold Dutch values, and
        ``<name>_en`` the English ones (falling back to the Dutch)."""
        t = self.templates[code]
        spans: list[Span] = []
        for span in evidence:
            if len(spans) >= self.max_evidence:
                break
            if not any(span.start == s.start and span.end == s.end for s in spans):
                spans.append(span)
        if not fields and "{" not in t["nl"] and "{" not in t["en"] and "}" not in t["nl"] + t["en"]:
            return Finding(code, t["severity"], t["nl"], spans, t["en"])
        nl_fields = {k: v for k, v in fields.items() if not k.endswith("_en")}
        en_fields = {**{f"{k}_en": v for k, v in nl_fields.items()}, **fields}
        return Finding(code, t["severity"], t["nl"].format(**nl_fields), spans, t["en"].format(**en_fields))


def _word_bits(words: list[str], form: str) -> int:
    """Bit k set when ``words[k]`` occurs in ``form``."""
    return sum(1 << k for k, w in enumerate(words) if w in form)


class _FormCues:
    """Which of ``words`` each lower-case form holds, as bits (word k: bit k % 64 of row k // 64), one column per
    form number of `LOWER_FORMS`, classified once per form."""

    def __init__(self, words: list[str]) -> None:
        self.chunks = [words[k:k + 64] for k in range(0, len(words), 64)]
        self.table = numpy.zeros((len(self.chunks), 0), dtype="uint64")

    def of(self, ids: numpy.ndarray) -> int:
        """The bits of the words that the forms numbered ``ids`` hold (word k: bit k)."""
        if self.table.shape[1] < len(LOWER_FORMS):
            texts = LOWER_FORMS.texts[self.table.shape[1]:]
            new = numpy.asarray([[_word_bits(chunk, t) for t in texts] for chunk in self.chunks], dtype="uint64")
            self.table = numpy.concatenate([self.table, new.reshape(len(self.chunks), len(texts))], axis=1)
        if not len(ids):
            return 0
        found = numpy.bitwise_or.reduce(self.table.take(ids, axis=1), axis=1).tolist()
        return sum(bits << (64 * k) for k, bits in enumerate(found))


def _required_words(branch: str) -> list[str]:
    """The runs of lower-case letters that every match of ``branch`` (a pattern without top-level '|') holds:
    literal letters outside groups and character classes, not made optional by a quantifier."""
    words: list[str] = []
    run: list[str] = []
    depth, i, in_class = 0, 0, False
    while i <= len(branch):
        ch = branch[i] if i < len(branch) else ""
        optional = branch[i + 1:i + 2] in ("*", "?", "{")
        if depth == 0 and not in_class and "a" <= ch <= "z" and not optional:
            run.append(ch)
            i += 1
            continue
        if run:
            words.append("".join(run))
            run = []
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        i += 1
    return words


_RULES: list[FindingRules] = []


def rules() -> FindingRules:
    if not _RULES:
        _RULES.append(FindingRules(load_data("findings")))
    return _RULES[0]


# the Doc extensions `Context.build` reads
_READ = ("checklist", "language", "legal_bases", "third_parties", "data_categories", "retention_periods",
         "last_updated", "sections")


@dataclass
class Context:
    """What the checks read: the Doc's results, its text, and cached cue matches."""

    doc: Doc
    rules: FindingRules
    text: str = ""
    lower: str = ""
    checklist: dict[str, ChecklistItem] | None = None
    # the Doc's results, read once (every ``doc._`` access builds an accessor object)
    language: str = "nl"
    legal_bases: dict[str, LegalBasis] = field(default_factory=dict)
    third_parties: list[ThirdParty] = field(default_factory=list)
    categories: list[DataCategory] = field(default_factory=list)
    periods: list[RetentionPeriod] = field(default_factory=list)
    last_updated: str | None = None
    sections: SectionIndex | None = None
    _sentences: SentenceIndex | None = None
    _matches: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _cues: int | None = None  # the `FindingRules.cue_bits` of the words the Doc's tokens hold
    _patterns: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, r: FindingRules) -> Context:
        text = doc_text(doc)
        values = doc.user_data  # where spaCy keeps a Doc extension's value, under ("._.", name, None, None)
        items, language, bases, parties, categories, periods, last_updated, sections = (
            values.get(("._.", name, None, None), EXTENSIONS[name]) for name in _READ)
        return cls(doc, r, text, lower_text(doc, text),
                   checklist={c.item: c for c in items} if items is not None else None,
                   language=language, legal_bases={b.basis: b for b in bases or []},
                   third_parties=parties or [], categories=categories or [],
                   periods=periods or [], last_updated=last_updated,
                   sections=SectionIndex(sections or []))

    def status(self, item: str) -> str | None:
        """The checklist status of ``item``; None when there is no checklist."""
        if self.checklist is None:
            return None
        c = self.checklist.get(item)
        return c.status if c is not None else None

    def absent(self, item: str) -> bool:
        return self.status(item) == "absent"

    def addressed(self, item: str) -> bool:
        return self.status(item) in ADDRESSED

    def patterns(self, name: str) -> list[re.Pattern[str]]:
        """The patterns of ``name`` that can match in this Doc (see `FindingRules.cue_bits`)."""
        got = self._patterns.get(name)
        if got is None:
            if self._cues is None:
                self._cues = self.rules.form_cues.of(tokens(self.doc).lower_ids)
            cues = self._cues
            got = self._patterns[name] = [
                p for p, masks in zip(self.rules.patterns[name], self.rules.cue_bits[name])
                if masks is None or any((mask & cues) == mask for mask in masks)]
        return got

    def matches(self, name: str) -> list[tuple[int, int]]:
        """Offsets of every match of cue pattern ``name`` in the text (computed once)."""
        got = self._matches.get(name)
        if got is None:
            got = sorted(m.span() for p in self.patterns(name) for m in p.finditer(self.lower))
            self._matches[name] = got
        return got

    def search(self, name: str, text: str) -> bool:
        """Whether pattern ``name`` occurs in ``text`` (lower case, a part of the Doc's text)."""
        return any(p.search(text) for p in self.patterns(name))

    def sentence(self, start: int, end: int) -> Span:
        """The sentence around ``start:end`` as a report span."""
        if self._sentences is None:
            self._sentences = SentenceIndex(self.doc, self.text)
        sent = self._sentences.at(start)
        return Span(sent.text, sent.start, sent.end)

    def sentences(self, offsets: Iterable[tuple[int, int]]) -> list[Span]:
        """Distinct sentences around ``offsets``, in text order."""
        out: dict[int, Span] = {}
        for start, end in sorted(offsets):
            if len(out) >= self.rules.max_evidence:
                break
            s = self.sentence(start, end)
            out.setdefault(s.start, s)
        return list(out.values())

    def near(self, name: str, start: int, end: int) -> bool:
        """Whether pattern ``name`` matches within the window around ``start:end`` (same section)."""
        lo, hi = max(0, start - self.rules.window), min(len(self.text), end + self.rules.window)
        section = self.sections.at(start) if self.sections is not None else None
        if section is not None:
            lo, hi = max(lo, section.start), min(hi, section.end)
        return any(p.search(self.lower, lo, hi) for p in self.patterns(name))


def _names(pairs: list[tuple[str, str]]) -> tuple[str, str]:
    """("Google en Microsoft", "Google and Microsoft") from [(nl, en), ...]."""
    def join(words: list[str], conj: str) -> str:
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {conj} " + words[-1]
    return join([p[0] for p in pairs], "en"), join([p[1] for p in pairs], "and")


# ------------------------------------------------------------------ the checks


def language(ctx: Context) -> list[Finding]:
    lang = ctx.language
    if lang == "nl":
        return []
    nl, en = ctx.rules.language_names.get(lang, (lang, lang))
    return [ctx.rules.finding("language_not_dutch", language=nl, language_en=en)]


def transfers(ctx: Context) -> list[Finding]:
    """A party seated outside the EEA, and not a word on transfers outside the EU/EEA."""
    if not ctx.absent("international_transfers"):
        return []
    outside = [t for t in ctx.third_parties if _outside_eea(t.outside_eea, t.country, ctx.rules)]
    if not outside:
        return []
    parties = _names([(t.organisation, t.organisation) for t in outside])
    codes = sorted({t.country for t in outside if t.country})
    countries = _names([ctx.rules.country_names.get(c, (c, c)) for c in codes]) if codes else ("?", "?")
    evidence = ctx.sentences((t.mentions[0].start, t.mentions[0].end) for t in outside if t.mentions)
    return [ctx.rules.finding("transfer_outside_eea_undisclosed", evidence, parties=parties[0],
                              parties_en=parties[1], countries=countries[0], countries_en=countries[1])]


def _outside_eea(flag: bool | None, country: str | None, r: FindingRules) -> bool:
    if flag is not None:
        return flag
    return bool(country) and r.eea is not None and country not in r.eea


def privacy_shield(ctx: Context) -> list[Finding]:
    """Reliance on the Privacy Shield (invalid since Schrems II), with or without a valid replacement."""
    if "shield" not in ctx.lower:
        return []
    relied = [(s, e) for s, e in ctx.matches("privacy_shield")
              if not ctx.search("privacy_shield_historic", ctx.sentence(s, e).text.lower())]
    if not relied:
        return []
    code = "privacy_shield_outdated_reference" if ctx.matches("transfer_alternative") else "privacy_shield_invalid"
    return [ctx.rules.finding(code, ctx.sentences(relied))]


def outdated_references(ctx: Context) -> list[Finding]:
    """The Wbp / Directive 95/46 and the College bescherming persoonsgegevens, replaced in 2018 and 2016
    (a sentence that says so, "de Wbp is vervangen door de AVG", or the Wbp BES is no finding)."""
    found: list[Finding] = []
    hits = [(s, e) for s, e in ctx.matches("outdated_law")
            if not ctx.search("outdated_law_ok", ctx.sentence(s, e).text.lower())]
    if hits:
        laws: list[tuple[str, str]] = []
        for s, e in hits:
            law = ("Richtlijn 95/46/EG", "Directive 95/46/EC") if "95/46" in ctx.lower[s:e] else (
                "de Wet bescherming persoonsgegevens (Wbp)", "the Wet bescherming persoonsgegevens (Wbp)")
            if law not in laws:
                laws.append(law)
        names = _names(laws)
        found.append(ctx.rules.finding("outdated_law_reference", ctx.sentences(hits), laws=names[0], laws_en=names[1]))
    authority = ctx.matches("outdated_authority")
    if authority:
        found.append(ctx.rules.finding("outdated_authority_reference", ctx.sentences(authority)))
    return found


def consent_withdrawal(ctx: Context) -> list[Finding]:
    consent = ctx.legal_bases.get("consent")
    if consent is None or not ctx.absent("withdraw_consent"):
        return []
    return [ctx.rules.finding("consent_without_withdrawal", consent.mentions)]


def legitimate_interest(ctx: Context) -> list[Finding]:
    li = ctx.legal_bases.get("legitimate_interests")
    if li is None or ctx.status("legitimate_interests") not in ("absent", "partial"):
        return []
    return [ctx.rules.finding("legitimate_interest_not_described", li.mentions)]


def special_categories(ctx: Context) -> list[Finding]:
    """Art. 9/10 data and the BSN need an exception or a law; look for one near each mention, or
    in a general statement about special data."""
    found: list[Finding] = []
    cats = ctx.categories
    special = [c for c in cats if c.special and c.mentions]
    if special and not _general_special_exception(ctx):
        bare = [c for c in special if not any(ctx.near("special_exception", m.start, m.end) for m in c.mentions)]
        if bare:
            names = _names([ctx.rules.category_names.get(c.category, (c.category, c.category)) for c in bare])
            evidence = ctx.sentences((c.mentions[0].start, c.mentions[0].end) for c in bare)
            found.append(ctx.rules.finding("special_category_without_exception", evidence,
                                           categories=names[0], categories_en=names[1]))
    bsn = next((c for c in cats if c.category == "national_id" and c.mentions), None)
    if bsn is not None and not any(ctx.near("national_id_exception", m.start, m.end) for m in bsn.mentions):
        found.append(ctx.rules.finding("national_id_without_legal_basis",
                                       ctx.sentences((m.start, m.end) for m in bsn.mentions)))
    return found


def _general_special_exception(ctx: Context) -> bool:
    """"Bijzondere persoonsgegevens verwerken wij alleen met uw uitdrukkelijke toestemming"."""
    return any(ctx.search("special_exception", ctx.sentence(s, e).text.lower())
               for s, e in ctx.matches("special_statement"))


def retention(ctx: Context) -> list[Finding]:
    periods = ctx.periods
    found: list[Finding] = []
    indefinite = [p for p in periods if p.indefinite]
    if indefinite:
        found.append(ctx.rules.finding("retention_indefinite", ctx.sentences((p.start, p.end) for p in indefinite)))
    elif not any(p.duration for p in periods) and (periods or ctx.addressed("retention")):
        evidence = ctx.sentences((p.start, p.end) for p in periods) if periods else _item_evidence(ctx, "retention")
        found.append(ctx.rules.finding("retention_no_period", evidence))
    return found


def _item_evidence(ctx: Context, item: str) -> list[Span]:
    c = ctx.checklist.get(item) if ctx.checklist else None
    return list(c.evidence) if c is not None else []


def rights(ctx: Context) -> list[Finding]:
    if ctx.checklist is None:
        return []
    missing = [r for r in RIGHTS if ctx.absent(r)]
    if not missing:
        return []
    if len(missing) == len(RIGHTS):
        return [ctx.rules.finding("rights_missing")]
    names = _names([(ctx.rules.item_names[r][0].lower(), ctx.rules.item_names[r][1].lower()) for r in missing])
    evidence = [c.evidence[0] for r in RIGHTS if (c := ctx.checklist.get(r)) and c.status in ADDRESSED and c.evidence]
    return [ctx.rules.finding("rights_incomplete", evidence, rights=names[0], rights_en=names[1])]


def complaint(ctx: Context) -> list[Finding]:
    return [ctx.rules.finding("no_complaint_right")] if ctx.absent("complaint_authority") else []


def children(ctx: Context) -> list[Finding]:
    """Data about minors without a word on a parent's consent; a statement that it does not
    collect children's data ("niet gericht op kinderen") needs none."""
    hits = ctx.matches("minors")
    if not hits:
        return []
    sentences = ctx.sentences(hits) if len(hits) <= ctx.rules.max_evidence else [ctx.sentence(*h) for h in hits]
    if any(ctx.search("minors_not_processed", s.text.lower()) for s in sentences) or ctx.matches("parental_consent"):
        return []
    return [ctx.rules.finding("children_without_parental_consent", sentences)]


def predates_gdpr(ctx: Context) -> list[Finding]:
    """A version date before 25 May 2018 ("2018-05" alone is not clearly before)."""
    date = ctx.last_updated
    if not date:
        return []
    cutoff = ctx.rules.gdpr_date if len(date) == len(ctx.rules.gdpr_date) else ctx.rules.gdpr_date[:7]
    if date >= cutoff:
        return []
    where = ctx.doc.user_data.get("analyser_last_updated_at")
    evidence = [ctx.sentence(*where)] if where else []
    nl, en = _format_date(date)
    return [ctx.rules.finding("statement_predates_gdpr", evidence, date=nl, date_en=en)]


_MONTHS = (("januari", "January"), ("februari", "February"), ("maart", "March"), ("april", "April"), ("mei", "May"),
           ("juni", "June"), ("juli", "July"), ("augustus", "August"), ("september", "September"),
           ("oktober", "October"), ("november", "November"), ("december", "December"))


def _format_date(iso: str) -> tuple[str, str]:
    """("23 mei 2018", "23 May 2018") from "2018-05-23"; ("mei 2018", "May 2018") from "2018-05"."""
    parts = iso.split("-")
    nl, en = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 3:
        day = str(int(parts[2]))
        return f"{day} {nl} {parts[0]}", f"{day} {en} {parts[0]}"
    return f"{nl} {parts[0]}", f"{en} {parts[0]}"


CHECKS: list[Callable[[Context], list[Finding]]] = [
    language, transfers, privacy_shield, outdated_references, consent_withdrawal, legitimate_interest,
    special_categories, retention, rights, complaint, children, predates_gdpr,
]

_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def find_findings(doc: Doc, r: FindingRules | None = None) -> list[Finding]:
    """Every finding for an analysed Doc, most severe first (stable within a severity)."""
    ctx = Context.build(doc, r or rules())
    found = [f for check in CHECKS for f in check(ctx)]
    return sorted(found, key=lambda f: _SEVERITY_ORDER.get(f.severity, 3))


@Language.factory("analyser_findings", default_config={})
def make_findings(nlp: Language, name: str) -> FindingsComponent:
    return FindingsComponent()


class FindingsComponent:
    """Writes ``doc._.findings``."""

    def __init__(self) -> None:
        self.rules = rules()

    def __call__(self, doc: Doc) -> Doc:
        doc._.findings = find_findings(doc, self.rules)
        return doc
