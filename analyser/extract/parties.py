"""Third parties (Art. 13(1)(e)): the named organisations that receive, host or otherwise process personal data.

Three sources, the most certain first, all driven by ``data/third_parties.json``:

1. **Knowledge base.** Several hundred organisations with their own names and their product names
   (YouTube → Google, Teams → Microsoft, WhatsApp → Meta), matched case-insensitively (the matches of a
   ``PhraseMatcher`` over LOWER); names that are also words ("Exact", "Zoom", "Stripe") must match the
   exact token forms. Hyphenated and glued compounds ("YouTube-dienst", "google-Cloud",
   "SURFdatacentra") and spelling variants ("Googel", "MailChimpp", via rapidfuzz Damerau-Levenshtein)
   are found from the distinct capitalised token forms of a document, each analysed once per process;
   a form that is a Dutch word (or an inflection of one) never matches fuzzily. Aliases flagged
   ``needs_context`` count only in a sentence that speaks of that kind of service or names another
   organisation ("onze teams" and "een exact antwoord" do not); "geen Google Analytics" is not a use,
   and an owner named to describe a processor ("een dienst van het Amerikaanse bedrijf Intuit") is not
   a recipient of its own.
2. **Cues** for organisations the knowledge base does not know, conservative on purpose: a legal form
   ("X B.V.", "X Ltd", "X vzw"), a nationality ("het Amerikaanse bedrijf X"), a role ("onze
   hostingpartij X", "de bouwer van de website -- X --"), hosting ("gehost bij X"), a recipient verb
   ("verstrekt aan X"), a list introduced as recipients ("de volgende verwerkers:") and a named
   municipality that receives data ("gemeente 's-Hertogenbosch"). Country only when stated.
3. **Exclusions.** The controller and its own products (title line, "X is verantwoordelijk voor",
   "Wij zijn X", "X, gevestigd te ... verantwoordelijk", "deze privacyverklaring van X"; for names found
   by cues also "verwerkt door X" near the top, "neem contact op met X", "Handelsnaam: X" and contact
   blocks with an address); supervisory authorities, browsers, operating systems, file formats
   (matched so that they block); government bodies unless their paragraph or list introduction says
   they receive data; names inside e-mail addresses and URLs (single tokens, never matched).

Cost: a few numpy steps over the shared token view (``analyser.tokens``: per-form tables say which tokens can
start an alias or cue phrase, have a capital or are a compound or variant of an alias), literal ``str.find``
anchors for the controller, and Python work only around the few dozen matches of a document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

import numpy
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from spacy.attrs import LIKE_NUM, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .. import extensions  # noqa: F401  (registers the Doc extensions)
from ..data import load_data
from ..extensions import doc_text
from ..report import Span, ThirdParty
from ..tokens import LOWER_FORMS, ORTH_FORMS, FormValues, TokenView, tokens
from .document_date import lower_text

_ADDRESS = re.compile(r"\b\d{4}\s?[A-Z]{2}\b|\b[A-Z]-?\d{4}\b|^\s*\d{4}\s+[A-Z]"
                      r"|^[A-Z][\w'.-]+(?:\s[\w'.-]+){0,3}\s\d{1,4}[a-zA-Z]?\b|\b(?i:postbus)\b")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'"})


# the region after a regional body's name: capitalised words, "en" between them ("Noord- en Oost-Gelderland")
_REGION = re.compile(r" +([A-Z][a-z][\w'-]*(?:(?<=-) +en +[A-Z][a-z][\w'-]*| +[A-Z][a-z][\w'-]*){0,2})")


def _straight(text: str) -> str:
    """Straight apostrophes ("’" → "'"); ``str.translate`` only when there is one (it costs microseconds)."""
    if "’" in text or "‘" in text or "´" in text or "`" in text:
        return text.translate(_APOSTROPHES)
    return text

_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME = (rf"[{_UPPER}0-9][\w&'’‘.+-]*(?:[ \t]+(?:[{_UPPER}0-9&][\w&'’‘.+-]*|['’‘]s-[{_UPPER}][\w-]*"
         r"|(?:van|de|der|den|voor|het|en|'s|’s|‘s)(?!\w))){0,7}")
_NAME_WINDOW = 11  # tokens before a legal form that can decide the name in front of it (_backward reads ten)
_BULLETS = {"-", "*", "•", "·", "▪", "◦", "–", "—"}
_ROLE_DETERMINERS = {"onze", "ons", "mijn", "jullie"}
_FIRST_PERSON = {"wij", "we", "ik"}
_POSTCODE_DIGITS = re.compile(r"[1-9]\d{3}$")
_POSTCODE_LETTERS = re.compile(r"[A-Z]{2}$")
_APPOSITION = {"--", "-", "–", "—", ":", "(", ","}
_LINE_BULLET = re.compile(r"\s*(?:[-*•·▪◦–]|\d{1,2}[.)]|\|)\s+")  # a list bullet or the first cell of a table row
_TABLE_CHARS = re.compile(r"[|:(]")
_CAPITAL_ITEM = re.compile(rf"\n[-*•·▪◦–] (?=(?:de |het )?[{_UPPER}])")  # a list item starting with a name


def _any_of(words: list[str]) -> re.Pattern[str]:
    """One pattern finding any of ``words`` as a plain substring (longest first)."""
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))


# ------------------------------------------------------------------ knowledge base


# "hoort thuis bij", "kunt u een klacht indienen bij": where to complain
_COMPLAINING = re.compile(r"klacht\w*\b.*\b(?:indien\w*|voorleg\w*|voorgelegd|thuis|terecht|richten|wenden)\b|"
                         r"\b(?:indienen|voorleggen|terecht|wenden)\b.*\bklacht")


def _acronym_like(name: str) -> bool:
    """"UWV", "BKR", "NZa", "KBvG", "FIU-Nederland": two to six letters, at least two of them capitals, starting
    with one (before a hyphen)."""
    head = name.split("-", 1)[0]
    return 2 <= len(head) <= 6 and head.isalpha() and head[0].isupper() and sum(c.isupper() for c in head) >= 2


@dataclass(frozen=True)
class Alias:
    text: str
    org: int  # index into KnowledgeBase.orgs; -1 for a blocking entry (authority, browser, ...)
    service: str | None
    case_sensitive: bool
    needs_context: bool
    fuzzy: bool
    kind: str | None = None  # the service's own kind when it differs from its organisation's (Teams: communication)
    standalone: bool = False  # a service known under its own name: reported so when its organisation goes unnamed


@dataclass(frozen=True)
class Organisation:
    name: str
    country: str | None
    kind: str | None
    recipient_only: bool
    regional: bool = False  # one of several regional bodies, named with its region ("GGD Hollands Noorden")
    direct_recipient_only: bool = False  # a card scheme: a recipient only where a clause passes data to it


@cache
def dutch_words() -> frozenset[str]:
    """Dutch word forms (spacy-lookups-data lemma tables plus a few from the data file): a capitalised
    token that is an ordinary word is no organisation name and no spelling variant of one."""
    from ..language import dutch_lookups

    tables = dutch_lookups()
    words: set[str] = set(tables["lemma_lookup"].values())  # the lemmas (the forms are inflections of them)
    for lemmas in tables["lemma_index"].values():
        words.update(lemmas)
    words.update(load_data("third_parties")["cues"]["extra_words"])
    return frozenset(w.lower() for w in words if isinstance(w, str))


@cache
def dutch_inflections() -> frozenset[str]:
    """Every inflected Dutch form the lemma table lists ("vertel", "gebruikt"), for the spelling-variant guard only:
    the table also lists a few brand names ("tikkie"), so it does not decide what is a name."""
    from ..language import dutch_lookups

    return frozenset(k.lower() for k in dutch_lookups()["lemma_lookup"] if isinstance(k, str))


_SUFFIXES = ("s", "'s", "en", "n", "e", "es", "ers", "tje", "tjes", "je", "jes")


def is_dutch_word(word: str, words: frozenset[str]) -> bool:
    """A Dutch word or an inflection of one ("instructeurs", "docenten"): the lemma tables list base forms."""
    low = word.lower()
    if low in words:
        return True
    return any(low.endswith(suf) and len(low) - len(suf) >= 3 and low[: -len(suf)] in words for suf in _SUFFIXES)


class KnowledgeBase:
    """The organisations, their aliases and the cue vocabularies, indexed for matching."""

    def __init__(self) -> None:
        data = load_data("third_parties")
        countries = load_data("countries")["countries"]
        self.eea = {c["code"] for c in countries if c["eea"]}
        self.nationalities = {adj.lower(): c["code"] for c in countries for adj in c.get("adjectives_nl", [])}
        self.country_names = {c["name_nl"].lower() for c in countries if "name_nl" in c}
        self.orgs: list[Organisation] = []
        self.aliases: list[Alias] = []
        for entry in data["organisations"]:
            idx = len(self.orgs)
            self.orgs.append(Organisation(entry["name"], entry["country"], entry["kind"],
                                          entry.get("recipient_only", False), entry.get("regional", False),
                                          entry.get("direct_recipient_only", False)))
            self._add_aliases(entry["aliases"], idx, None)
            for service in entry.get("services", []):
                self._add_aliases(service["aliases"], idx, service["name"], service.get("kind"),
                                  service.get("standalone", False))
        for entry in data["not_third_parties"]:
            self._add_aliases(entry["aliases"], -1, None)
        self.org_index = {o.name.lower(): i for i, o in enumerate(self.orgs)}
        self.org_aliases: list[list[Alias]] = [[] for _ in self.orgs]  # each organisation's own aliases (no services)
        for a in self.aliases:
            if a.org >= 0 and a.service is None:
                self.org_aliases[a.org].append(a)
        self.exact_forms: dict[str, int] = {}  # case-sensitive one-token aliases, filled by the component
        self.alias_words = [_words_only(a.text) for a in self.aliases]  # for "is this the controller's name?"
        self.org_words = [_words_only(o.name) for o in self.orgs]
        self._index_single_words()
        self._index_fuzzy(data["fuzzy"])
        cues = data["cues"]
        self.cues = cues
        self.legal_forms = set(cues["legal_forms"])
        self.articles = set(cues["articles"])
        self.product_owner_words = set(cues["product_owner_words"])
        self.negated_before = [seq.split() for seq in cues["negated_before"]]
        self.negated_before_len = max(map(len, self.negated_before))
        self.negated_after = [seq.split() for seq in cues["negated_after"]]
        self.negated_before_by_last: dict[str, list[list[str]]] = {}  # a sequence found from the word it ends on
        for seq in self.negated_before:
            self.negated_before_by_last.setdefault(seq[-1], []).append(seq)
        self.negated_after_by_first: dict[str, list[list[str]]] = {}  # ... and from the word it starts with
        for seq in self.negated_after:
            self.negated_after_by_first.setdefault(seq[0], []).append(seq)
        self.negated_after_ends = set(cues["negated_after_ends"])
        self.negated_as_subject_by_first: dict[str, list[list[str]]] = {}  # like negated_after_by_first
        for seq in (seq.split() for seq in cues["negated_as_subject"]):
            self.negated_as_subject_by_first.setdefault(seq[0], []).append(seq)
        self.negation_degrees = set(cues["negation_degrees"])
        self.receiving_verbs = set(cues["receiving_verbs"])
        self.legal_lower = {f.lower().rstrip(".") for f in cues["legal_forms"]}
        self.company_nouns = set(cues["company_nouns"])
        self.parent_nouns = set(cues["parent_nouns"])
        self.role_nouns: dict[str, str | None] = cues["role_nouns"]
        self.role_suffix_kinds: dict[str, str | None] = cues["role_noun_suffixes"]
        self.role_suffix_tuple = tuple(self.role_suffix_kinds)
        self.connectors = set(cues["name_connectors"])
        self.stopwords = set(cues["name_stopwords"])
        self.stop_lower = {s.lower() for s in cues["name_stopwords"]}
        self.start_stopwords = set(cues["name_start_stopwords"])
        self.role_suffixes = tuple(cues["role_suffixes"])
        self.legal_prefixes = set(cues["legal_prefixes"])
        self.product_words = set(cues["product_words"])
        self.after_use_name = set(cues["after_use_name"])
        self.table_party_headers = set(cues["table_party_headers"])
        self.reader_pronouns = set(cues["reader_agent"]["pronouns"])
        self.reader_modals = set(cues["reader_agent"]["modals"])
        self.generic_name_words = set(cues["generic_name_words"])
        self.recipient_words = [w.lower() for w in cues["recipient_words"]]
        self.recipient_heading_words = [w.lower() for w in cues["recipient_heading_words"]]
        self._receives = _any_of(self.recipient_words)
        self._heading_receives = _any_of(self.recipient_words + self.recipient_heading_words)
        self.list_single = re.compile(cues["list_single_pattern"], re.I)
        self.context = {kind: [w.lower() for w in words] for kind, words in cues["context"].items()}
        self.anonymous = _any_of(cues["anonymous_cues"])
        self.back_denial = BackDenial.from_data(cues["denied_by_next_sentence"])
        self.recipient_verb_words = {w for w in cues["recipient_verbs"] if " " not in w}
        # "Sentry is een Amerikaans bedrijf": a foreign company, whatever its kind of service
        nationalities = "|".join(map(re.escape, sorted(self.nationalities, key=len, reverse=True)))
        company_nouns = "|".join(map(re.escape, sorted(self.company_nouns, key=len, reverse=True)))
        self.foreign_company = re.compile(rf"\b(?:{nationalities})\s+(?:{company_nouns})\b")
        self.controller = ControllerPatterns(cues["controller"], frozenset(self.legal_lower))

    def _add_aliases(self, items: list[Any], org: int, service: str | None, kind: str | None = None,
                     standalone: bool = False) -> None:
        for item in items:
            if isinstance(item, str):
                item = {"text": item}
            cs = item.get("case_sensitive", False)
            ctx = item.get("needs_context", False)
            fuzzy = item.get("fuzzy", True) and not cs and not ctx and org >= 0
            self.aliases.append(Alias(item["text"], org, service, cs, ctx, fuzzy, kind, standalone))

    def _index_single_words(self) -> None:
        """One-word aliases, for compounds ("YouTube-dienst", "Facebookpagina")."""
        self.single_exact: dict[str, int] = {}
        self.single_lower: dict[str, int] = {}
        for i, a in enumerate(self.aliases):
            if " " in a.text:
                continue
            if a.case_sensitive:
                self.single_exact.setdefault(a.text, i)
            else:
                self.single_lower.setdefault(a.text.lower(), i)
        self.max_single = max(len(k) for k in [*self.single_exact, *self.single_lower])

    def _index_fuzzy(self, settings: dict[str, Any]) -> None:
        self.fuzzy_min = settings["min_length"]
        self.fuzzy_first = settings.get("same_first_letter", True)
        self.fuzzy_steps = sorted((s["min_length"], s["distance"]) for s in settings["max_distance"])
        keys: dict[str, int] = {}
        for i, a in enumerate(self.aliases):
            low = a.text.lower()
            if a.fuzzy and len(low) >= self.fuzzy_min and " " not in low:
                keys.setdefault(low, i)
        self.fuzzy_keys = list(keys)
        self.fuzzy_alias = list(keys.values())

    def receives(self, paragraph: str) -> bool:
        """The paragraph says data goes somewhere ("verstrekt", "gedeeld", "verwerkersovereenkomst"); a leading
        space in the data file means the word must start with it (" delen": "delen", not "mededelen")."""
        return self._receives.search(" " + paragraph.lower()) is not None

    def recipient_heading(self, heading: str) -> bool:
        """A heading announcing recipients: "Met wie delen wij je gegevens?", "Delen met derden", "Ontvangers"."""
        return self._heading_receives.search(" " + heading.lower()) is not None

    def role_by_suffix(self, form: str) -> bool:
        """A lower-case compound naming a role by its ending ("hotelsysteem", "zorgverzekeraar", "betaalplatform"),
        other than the role nouns the matcher finds itself."""
        low = form.lower()
        return low not in self.role_nouns and low.endswith(self.role_suffix_tuple) and low.isalpha()

    def role_kind(self, word: str) -> str | None:
        low = word.lower()
        if low in self.role_nouns:
            return self.role_nouns[low]
        return next((kind for suffix, kind in self.role_suffix_kinds.items() if low.endswith(suffix)), None)

    def max_distance(self, length: int) -> int:
        dist = 0
        for min_len, d in self.fuzzy_steps:
            if length >= min_len:
                dist = d
        return dist

    def outside_eea(self, country: str | None) -> bool | None:
        return None if country is None else country not in self.eea


_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class BackDenial:
    """A sentence that refers back to the organisations of the sentence before it and says the controller gives
    them nothing (cue denied_by_next_sentence): "Met die platforms wisselen wij geen gegevens uit"."""

    starts: tuple[tuple[str, ...], ...]
    nouns: frozenset[str]
    negations: frozenset[str]
    verbs: frozenset[str]
    agents: frozenset[str]
    receiving: frozenset[str]
    exceptions: frozenset[str]

    @cached_property
    def first_words(self) -> frozenset[str]:
        return frozenset(start[0] for start in self.starts)

    @classmethod
    def from_data(cls, data: dict[str, list[str]]) -> BackDenial:
        starts = tuple(sorted((tuple(s.split()) for s in data["starts"]), key=len, reverse=True))
        keys = ("nouns", "negations", "verbs", "agents", "receiving", "exceptions")
        return cls(starts, *(frozenset(data[k]) for k in keys))

    def denies(self, sentence: str) -> bool:
        words = _WORDS.findall(sentence.lower())
        for start in self.starts:
            if tuple(words[:len(start)]) == start:
                k = len(start)
                break
        else:
            return False
        noun = next((j for j in (k, k + 1) if j < len(words) and words[j] in self.nouns), None)
        if noun is None:  # "die platforms", "deze externe partijen"
            return False
        rest = set(words)
        subject = noun + 1 < len(words) and words[noun + 1] in self.receiving  # "die sites krijgen geen gegevens"
        return bool(self.negations & rest and self.verbs & rest and (subject or self.agents & rest)) \
            and not self.exceptions & rest


@cache
def knowledge_base() -> KnowledgeBase:
    return KnowledgeBase()


# ------------------------------------------------------------------ controller


class ControllerPatterns:
    """Where a statement names its own organisation: strong signals exclude knowledge-base organisations
    too, weak ones ("verwerkt door X" near the top, "X hecht waarde aan") only names found by cues.
    Every pattern is tried only where a literal anchor word occurs, so the cost stays proportional to
    the few places a statement introduces itself."""

    def __init__(self, cfg: dict[str, Any], legal_lower: frozenset[str] = frozenset()) -> None:
        self.legal_lower = legal_lower  # legal forms, lower case without a final full stop
        self.head = cfg["head_chars"]
        self.seat_chars = cfg["seat_chars"]
        self.title_words = set(cfg["title_words"])
        self.title_nouns = self.title_words - _FUNCTION_WORDS  # "privacyverklaring", "beleid": never part of a name
        self.name_here = re.compile(_NAME)
        self.reference = re.compile(rf"(?i:{cfg['document_reference']})({_NAME})")
        self.elsewhere = re.compile(cfg["reference_elsewhere"], re.I)
        self.elsewhere_before = re.compile(cfg["reference_elsewhere_before"])
        self.responsible_after = re.compile(rf"\s*(?:\([^)]*\))?\s*,?\s*(?i:{cfg['responsible_after']})")
        self.responsible_before = re.compile(cfg["responsible_before"] + rf"({_NAME})")
        self.self_intro = cfg["self_intro"]
        self.seat = cfg["seat"]
        self.seat_not_after = tuple(cfg["seat_not_after"])
        self.weak_before = cfg["weak_before"]
        self.contact_before = cfg["contact_before"]
        self.weak_after = cfg["weak_after"]
        self.weak_value = cfg["weak_value"]
        self._last: tuple[str, tuple[str, int] | None, int] | None = None
        self.sieve = PhraseSieve([*self.self_intro, *self.seat, *self.weak_before, *self.contact_before,
                                  *self.weak_after, *self.weak_value])
        self._read: tuple[str, str, int, int, list[tuple[str | None, int]]] | None = None
        # words of every line that can name the controller (title aside)
        self.anchors = tuple({"privacy", "verantwoordelijk", *(p.strip() for p in self.self_intro),
                              *(w.strip(" ,(") for w in self.seat)})

    def find(self, text: str) -> tuple[list[str], list[str]]:
        """Strong and weak controller names of a statement (for inspection and tests; the component asks
        for each list only when it needs it)."""
        return self.strong(text), self.weak(text)

    def _reading(self, text: str, low_head: str,
                 view: TokenView | None) -> tuple[int, int, list[tuple[str | None, int]]]:
        """What ``strong`` and ``weak`` both read, once per text: the phrases that can occur in the head and in the
        whole text (``PhraseSieve`` requirements met by the Doc's tokens; all when no token view is given), and
        the strength of every "gevestigd"-like seat phrase in the head with its offset."""
        read = self._read
        if read is not None and read[0] is text and read[1] == low_head:
            return read[2], read[3], read[4]
        if view is None:
            in_head = everywhere = -1  # every requirement met
        else:
            in_head, everywhere = self.sieve.present(view, len(low_head))
        seats = [(self._seat_strength(low_head, pos), pos) for word in self.seat
                 if self.sieve.can(word, in_head) for pos in _positions(low_head, word)]
        self._read = (text, low_head, in_head, everywhere, seats)
        return in_head, everywhere, seats

    def strong(self, text: str, low: str | None = None, view: TokenView | None = None) -> list[str]:
        """Names the statement gives itself: title, "deze privacyverklaring van X", "Wij zijn X",
        "X, gevestigd te", "X is verantwoordelijk voor" (``low``: the lower-cased text, if at hand; ``view``: the
        Doc's token view, if any, to skip phrases its words cannot hold)."""
        head = text[: self.head]
        low_head = head.lower() if low is None else low[: self.head]
        in_head, _, seats = self._reading(text, low_head, view)
        can = self.sieve.can
        strong = [self._title(text)]
        for pos in _positions(low_head, "privacy"):
            det = next((d for d in ("deze ", "onze ", "dit ", "de ") if low_head.startswith(d, pos - len(d))), None)
            if det is None:
                continue
            m = self.reference.match(head, pos - len(det), pos + 160)
            if m and not self.elsewhere_before.search(_sentence_before(low_head, pos - len(det))):
                line_end = text.find("\n", m.end())
                rest = text[m.end(): line_end if line_end >= 0 else len(text)]
                if not self.elsewhere.search(rest[:200]):
                    strong.append(m.group(1))
        for phrase in self.self_intro:
            if not can(phrase, in_head):
                continue
            for pos in _positions(low_head, phrase):
                m = self.name_here.match(head, pos + len(phrase))
                strong.append(m.group(0) if m else None)
        for strength, pos in seats:
            if strength == "strong":
                strong.append(self._seat_name(head, pos))
        responsible, pos = self._responsible(text, self.head)
        if pos < self.head:  # further down "X is verantwoordelijk" may speak of a processor's own role
            strong.append(responsible)
        return _names(strong)

    def _seat_strength(self, low_head: str, pos: int) -> str | None:
        """"X, gevestigd te ..." / "X (hierna: ...)" names the controller when the sentence says it is responsible
        or the statement is about it; near the top it is a weak sign (it may describe a processor:
        "Hotjar Ltd, gevestigd op Malta"); further down none."""
        sentence = _sentence_around(low_head, pos)
        start = max(low_head.rfind(". ", 0, pos), low_head.rfind("\n", 0, pos)) + 1
        if any(w in low_head[start:pos] for w in self.seat_not_after):
            return None  # "Onze webshop draait op Kassakoning B.V. (KvK ...)": a supplier's seat, not ours
        if "verantwoordelijk" in sentence or "privacy" in sentence:
            return "strong"
        return "weak" if pos <= self.seat_chars else None

    def _seat_name(self, head: str, pos: int) -> str | None:
        prefix = head[max(0, pos - 150): pos].rstrip(" ,(\t")
        if prefix.endswith(" statutair"):
            prefix = prefix[: -len(" statutair")]
        before, _, last = prefix.rpartition(" ")
        if last.islower() and last.rstrip(".") in self.legal_lower:
            prefix = before  # "Dwarse Os Brouwers v.o.f. (KvK ...)": a legal form in lower case ends the name
        return _name_ending(prefix)

    def weak(self, text: str, low: str | None = None, view: TokenView | None = None) -> list[str]:
        """Softer self-references near the top: "verwerkt door X", "X hecht waarde aan", "voor X van groot belang",
        "X, gevestigd te ..." without a word on responsibility (``low``, ``view``: as for ``strong``)."""
        head = text[: self.head]
        low = text.lower() if low is None else low
        low_head = low[: self.head]
        in_head, everywhere, seats = self._reading(text, low_head, view)
        can = self.sieve.can
        responsible, pos = self._responsible(text, len(text))
        weak: list[str | None] = [responsible] if pos >= self.head else []
        for strength, pos in seats:
            if strength == "weak":
                weak.append(self._seat_name(head, pos))
        for phrase in self.weak_before:
            if not can(phrase, in_head):
                continue
            for pos in _positions(low_head[:1200], phrase):
                m = self.name_here.match(text, pos + len(phrase) + 1)
                weak.append(m.group(0) if m else None)
        for phrase in self.contact_before:  # "neem contact op met X": whom the reader writes to is the controller
            if not can(phrase, everywhere):
                continue
            for pos in _positions(low, phrase):
                m = self.name_here.match(text, pos + len(phrase) + 1)
                weak.append(m.group(0) if m else None)
        for phrase in self.weak_after:
            if not can(phrase, in_head):
                continue
            for pos in _positions(low_head, phrase):
                weak.append(_name_ending(text[max(0, pos - 100): pos]))
        weak.append(self._address_block(text[: self.head]))
        for phrase in self.weak_value:
            if not can(phrase, in_head):
                continue
            for pos in _positions(low_head, phrase):
                window = text[max(0, pos - 100): pos]
                name = _name_ending(window)
                if name and window[: window.rfind(name)].rstrip().lower().endswith(" voor"):
                    weak.append(name)
        return _names(weak)

    @staticmethod
    def _address_block(head: str) -> str | None:
        """The name heading the first postal address near the top ("Hospice Ter Wilgen vzw\nDoorniksewijk 212\n8500
        Kortrijk"): the controller's contact block."""
        lines = head.split("\n")
        before = ""  # the last line with text before the current one
        for k, line in enumerate(lines[:-2]):
            words = line.split()
            if not words:
                continue
            previous, before = before, line
            if len(words) > 8 or not line.lstrip()[0].isupper() or line.rstrip().endswith((".", ":", "?")):
                continue
            if previous.rstrip().endswith(":") and _OTHER_PARTY_INTRO.search(previous.lower()):
                continue  # "De co-verwerkingsverantwoordelijke is:\nVlaamse Ju Jitsu Federatie VZW\n..."
            following = [nxt.strip() for nxt in lines[k + 1: k + 3]]
            if any(_ADDRESS_LINE.match(nxt) or _BELGIAN_POSTCODE.match(nxt) for nxt in following):
                return line.strip()
        return None

    def _title(self, text: str) -> str | None:
        """The name in a title line such as "Privacyverklaring Mailkoning" or "Stichting X – privacybeleid"."""
        stripped = text.lstrip()
        end = stripped.find("\n")
        line = stripped if end < 0 else stripped[:end]
        words = line.split()
        if not words or len(words) > 12 or (line.endswith(".") and len(words) > 6):
            return None
        lowered = line.lower()
        if not any(w in lowered for w in _TITLE_CUES):
            return None  # a first line without such a word is content, not the statement's title
        name: list[str] = []
        for word in words:
            bare = word.strip(":|–—-").lower()
            if name and bare in _FUNCTION_WORDS:
                name.append(word)  # "Webwinkel De Groene Tuin", "Stichting Vrienden van het Museum"
                continue
            if not bare or word.startswith("(") or bare in self.title_words or bare.startswith(("privacy", "cookie")):
                if name:
                    break
                continue
            name.append(word)
        m = self.name_here.search(" ".join(name)) if name else None
        return m.group(0) if m else None

    def _responsible(self, text: str, limit: int) -> tuple[str | None, int]:
        """The first "X is (de) (verwerkings)verantwoordelijke" / "De verwerkingsverantwoordelijke is: X" that
        starts before ``limit``, with its offset. ``strong`` reads only the top of the text, ``weak`` the rest;
        what was read is remembered for the last text."""
        if self._last is None or self._last[0] is not text:
            self._last = (text, None, 0)
        _, found, scanned = self._last
        if found is None and scanned < limit:
            found = self._find_responsible(text, scanned, limit)
            self._last = (text, found, limit)
        return found if found is not None else (None, len(text))

    def _find_responsible(self, text: str, start_at: int, limit: int) -> tuple[str, int] | None:
        pos = text.find("erantwoordelijk", max(start_at - 1, 0), limit + 20)  # no lower-casing needed
        while pos >= 0:
            found = self._responsible_at(text, pos)
            if found is not None:
                return found
            pos = text.find("erantwoordelijk", pos + 1, limit + 20)
        return None

    def _responsible_at(self, text: str, pos: int) -> tuple[str, int] | None:
        """The controller's name if the "verantwoordelijk" at ``pos`` + 1 says who is responsible."""
        pos -= 1
        start = max(text.rfind("\n", 0, pos), text.rfind(". ", 0, pos)) + 1
        word_start = pos
        while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "-"):
            word_start -= 1
        word_end = pos + len("verantwoordelijk")
        while word_end < len(text) and text[word_end].isalpha():
            word_end += 1
        word = text[word_start: word_end].lower()
        if word.startswith(("co-", "co", "mede", "gezamenlijk")) or "gezamenlijk" in text[start: pos].lower() \
                or word.endswith("heid"):
            return None
        before = text[max(start, word_start - 160): word_start]
        tail_start = max(0, len(before) - 60)
        verb = self.responsible_after.search(before, tail_start)
        if verb:
            name = _name_ending(before[: verb.start()])
            if name and _is_name(_clean_name(name)):
                return name, pos
        hit = self.responsible_before.match(text[word_end: word_end + 200])
        if hit and _is_name(_clean_name(hit.group(1))):
            return hit.group(1), pos
        return None


class PhraseSieve:
    """Which of a few literal phrases can occur in a Doc's lower-cased text (or its first characters), read from
    its token forms instead of searching the text. Every run of letters in a phrase lies in one token (spaCy's
    Dutch tokenizer splits no run of letters, and no token holds a space); that token's lower-case form is the
    run where the phrase has a space on both sides of it, starts with it after a space, ends with it before a
    space, and holds it otherwise. Each such requirement is a bit of a per-form value (``LOWER_FORMS``)."""

    _RUN = re.compile(r"[^\W\d_]+")

    def __init__(self, phrases: list[str]) -> None:
        bits: dict[tuple[str, bool, bool], int] = {}
        self.needs: dict[str, int] = {}
        for phrase in phrases:
            need = 0
            for m in self._RUN.finditer(phrase):
                key = (m.group(), phrase[m.start() - 1: m.start()] == " ", phrase[m.end(): m.end() + 1] == " ")
                need |= 1 << bits.setdefault(key, len(bits))
            self.needs[phrase] = need
        self.requirements = list(bits)
        self.values = [FormValues(LOWER_FORMS, self._meets(first), "uint64") for first in range(0, len(bits), 64)]

    def _meets(self, first: int) -> Callable[[str], int]:
        requirements = self.requirements[first: first + 64]

        def value(form: str) -> int:
            met = 0
            for bit, (run, space_before, space_after) in enumerate(requirements):
                if space_before and space_after:
                    ok = form == run
                elif space_before:
                    ok = form.startswith(run)
                elif space_after:
                    ok = form.endswith(run)
                else:
                    ok = run in form
                if ok:
                    met |= 1 << bit
            return met
        return value

    def present(self, view: TokenView, head_chars: int) -> tuple[int, int]:
        """The requirements met by the tokens that start in the first ``head_chars`` characters, and by all."""
        ids = view.lower_ids
        n_head = int(view.idx.searchsorted(head_chars))
        in_head = everywhere = 0
        for k, values in enumerate(self.values):
            met = values.of(ids)
            in_head |= int(numpy.bitwise_or.reduce(met[:n_head])) << (64 * k)
            everywhere |= int(numpy.bitwise_or.reduce(met)) << (64 * k)
        return in_head, everywhere

    def can(self, phrase: str, present: int) -> bool:
        """``phrase`` may occur where the requirements ``present`` are met (-1: all)."""
        return not self.needs[phrase] & ~present


_NAME_WORD = re.compile(rf"^(?:[{_UPPER}0-9][\w&'’‘.+-]*|['’‘]s-[{_UPPER}][\w-]*)$")
_NAME_JOINERS = {"van", "de", "der", "den", "voor", "het", "en", "&", "+", "'s", "’s", "‘s"}


def _name_ending(window: str) -> str | None:
    """The name that ends ``window`` ("... door Mailkoning" → "Mailkoning"), read backwards word by word:
    capitalised words and joiners ("van", "de") on the same line, at most eight."""
    line = window[window.rfind("\n") + 1:].rstrip()
    words = line.split(" ")
    taken: list[str] = []
    for word in reversed(words):
        if not word or len(taken) >= 8:
            break
        if _NAME_WORD.match(word) or (taken and word in _NAME_JOINERS):
            taken.append(word)
            continue
        break
    while taken and taken[-1] in _NAME_JOINERS:
        taken.pop()
    return " ".join(reversed(taken)) or None


_OTHER_PARTY_INTRO = re.compile(r"co-?verwerk|mede|gezamenlijk|verwerker|ontvanger|partner|leverancier|host")
_BELGIAN_POSTCODE = re.compile(r"(?:B-)?\d{4}\s+[A-Z][a-zà-ÿ]")  # "8500 Kortrijk"
_ADDRESS_LINE = re.compile(r"(?:t\.\s?a\.\s?v\.?|ter attentie van|postbus)\b|.*\b\d{4}\s?[A-Z]{2}\b", re.I)


def _address_follows(text: str, char: int) -> bool:
    """The line holding ``char`` heads a postal address: one of the next two lines is "T.a.v. ...", a "Postbus"
    or a postcode line."""
    end = text.find("\n", char)
    lines = [ln.strip() for ln in text[end + 1:end + 300].split("\n")] if end >= 0 else []
    return any(_ADDRESS_LINE.match(ln) for ln in [ln for ln in lines if ln][:2])


def _list_intro_line(text: str, char: int, max_lines: int = 15) -> tuple[int, int] | None:
    """Bounds of the line ending in a colon that introduces the list of short lines ``char`` stands in, if any."""
    end = text.rfind("\n", 0, char)
    for _ in range(max_lines):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line.endswith(":"):
            return start, end
        if len(line.split()) > 12:
            return None
        end = start - 1
    return None


def _sentence_around(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [e for e in (text.find(". ", pos), text.find("\n", pos)) if e >= 0]
    return text[start: min(ends) if ends else len(text)]


def _sentence_before(text: str, pos: int) -> str:
    """The words of the sentence before ``pos`` ("Voor de verwerking door het platform zelf verwijzen wij naar ")."""
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    return text[start:pos]


def _positions(text: str, needle: str):
    """Every offset of ``needle`` in ``text`` (str.find: far cheaper than a regex scan)."""
    pos = text.find(needle)
    while pos >= 0:
        yield pos
        pos = text.find(needle, pos + 1)


def _names(candidates: list[str | None]) -> list[str]:
    cleaned = (_clean_name(c) for c in candidates if c)
    return [c for c in cleaned if _is_name(c)]


_FUNCTION_WORDS = {"de", "het", "van", "voor", "en", "'s"}
_TITLE_CUES = ("privacy", "cookie", "verklaring", "beleid", "policy", "statement", "reglement")
_PRONOUNS = {"wij", "we", "ik", "u", "jij", "je", "zij", "ze", "hij", "dit", "deze", "die", "dat", "het", "de", "er",
             "ook", "zelf", "wie", "wat", "waar", "hoe", "welke", "waarom", "wanneer"}


def _is_name(name: str) -> bool:
    """A controller candidate has letters and is more than a pronoun ("Wij zijn verantwoordelijk"); "De Groene
    Tuin" is a name, "De" alone is not."""
    words = name.split()
    if not words or not name[0].isalpha():
        return False
    return words[0].lower() not in _PRONOUNS or (len(words) > 1 and words[1][:1].isupper())


def _words_only(text: str) -> str:
    """Lower case, punctuation as spaces: "Mollie B.V." → "mollie b v", for whole-word containment."""
    return " ".join(re.findall(r"[\w&]+", text.lower()))


def _clean_name(name: str) -> str:
    """Straight apostrophes, single spaces, no surrounding punctuation ("'s-Hertogenbosch" keeps its own)."""
    name = " ".join(_straight(name).split()).strip(" .,;:-–—\"()")
    if name.startswith("'") and not name.startswith("'s"):
        name = name[1:]
    return name.rstrip("'").strip()


# ------------------------------------------------------------------ the component


@dataclass(slots=True)
class Hit:
    """One mention of an organisation (knowledge-base alias or a name found by a cue)."""

    start: int  # token indices
    end: int
    alias: int = -2  # index into KnowledgeBase.aliases; -2 for a name found by a cue
    name: str = ""
    country: str | None = None
    kind: str | None = None
    strong: bool = False  # cue names: found by a legal form or a nationality


@dataclass(slots=True)
class Found:
    organisation: str
    org: int | None
    services: list[str] = field(default_factory=list)
    country: str | None = None
    kind: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans
    aliases: set[int] = field(default_factory=set)  # knowledge-base aliases that matched


# what a token form is to a name built from cues (FormTable.name_flags)
NAMEY = 1  # may stand in a name: a capital, a digit with capitals ("3M"), "'s-Hertogenbosch"
CONNECTOR = 2  # joins name parts ("van", "&", "'")
LEGAL = 4  # a legal form ("B.V.", "Ltd")
ROLE_WORD = 8  # a role or company noun, also as the last part of a compound ("ICT-leverancier")
TITLE_WORD = 16  # a title word ("Privacyverklaring")
START_STOP = 32  # starts no name
PRODUCT = 64  # a product word ("Analytics")
DUTCH = 128  # a Dutch word or an inflection of one


def _namey(t: str) -> bool:
    if not t or t.isspace():
        return False
    c = t[0]
    if c.isupper():
        return True
    if c.isdigit():
        return any(ch.isupper() for ch in t) and any(ch.isalpha() for ch in t)
    return len(t) > 3 and t.startswith("s-") and t[2].isupper()


@cache
def form_table() -> FormTable:
    """One table per process (forms are numbered by text, the same in every pipeline)."""
    return FormTable(knowledge_base(), dutch_words())


class FormTable:
    """Every token form (``ORTH_FORMS``) this process has seen, classified once: does it have a capital that may
    start or end a name ("Wij", "AVG" may not), and is it a compound or spelling variant of an alias
    ("YouTube-dienst", "Googel") or a role noun by its ending ("hotelsysteem")? A document's values are one
    ``take`` per question over its form numbers; Python runs only for forms never seen before."""

    def __init__(self, kb: KnowledgeBase, words: frozenset[str]) -> None:
        self.kb = kb
        self.words = words
        self.inflections = dutch_inflections()
        self.results: list[tuple[int, str]] = [(-1, "")]  # (alias index, "compound" | "fuzzy" | "role")
        self.capital = FormValues(ORTH_FORMS, self._capital, "bool")
        self.result_ids = FormValues(ORTH_FORMS, self._result_id, "int32")  # index into results; 0: none
        self.name_flags = FormValues(ORTH_FORMS, self._name_flags, "uint8")  # NAMEY | CONNECTOR | ... per form

    def result(self, result_id: int) -> tuple[int, str]:
        return self.results[result_id]

    def _capital(self, form: str) -> bool:
        kb = self.kb
        capital = not form.islower() and any(c.isupper() for c in form)
        return capital and form not in kb.start_stopwords and form not in kb.stopwords

    def _name_flags(self, form: str) -> int:
        """What a token of this form is to a name built from cues (see ``NAMEY`` and the other bits)."""
        kb = self.kb
        low = form.lower()
        flags = 0
        if _namey(form):
            flags |= NAMEY
        if form in kb.connectors or form in ("'", "’", "‘"):
            flags |= CONNECTOR
        if form in kb.legal_forms or low.rstrip(".") in kb.legal_lower:
            flags |= LEGAL
        head = low.rpartition("-")[2]
        if low in kb.role_nouns or low in kb.company_nouns or \
                (head != low and (head in kb.role_nouns or head in kb.company_nouns)):
            flags |= ROLE_WORD  # "ICT-leverancier", "Hostingpartij": a description, not part of the name after it
        if low.startswith(("privacy", "cookie")) or low in kb.controller.title_nouns:
            flags |= TITLE_WORD
        if form in kb.start_stopwords:
            flags |= START_STOP
        if form in kb.product_words:
            flags |= PRODUCT
        if is_dutch_word(form, self.words):
            flags |= DUTCH
        return flags

    def _result_id(self, form: str) -> int:
        result = self._analyse_form(form)
        if result is None:
            return 0
        self.results.append(result)
        return len(self.results) - 1

    def _analyse_form(self, form: str) -> tuple[int, str] | None:
        kb = self.kb
        exact = kb.exact_forms.get(form)
        if exact is not None:
            return exact, "exact"
        if len(form) < 4:
            return None
        if not (form[0].isupper() or "-" in form):
            return (-1, "role") if kb.role_by_suffix(form) else None
        if "@" in form or "/" in form or form.lower().startswith(("www.", "http")):
            return None
        if "-" in form:
            return self._hyphen_compound(form)
        if not form.isalpha() or not form[0].isupper():
            return None
        low = form.lower()
        hit = self._glued_compound(form)
        if hit is not None:
            return hit
        if len(low) < kb.fuzzy_min or is_dutch_word(low, self.words) or form in kb.stopwords or form.isupper() \
                or low in self.inflections:
            return None  # "Vertel" (a verb form) is no misspelling of "Vercel"
        best = process.extractOne(low, kb.fuzzy_keys, scorer=DamerauLevenshtein.distance,
                                  score_cutoff=kb.max_distance(len(low)))
        if best is None:
            return None
        key, dist, idx = best
        if dist == 0 or dist > kb.max_distance(len(key)) or (kb.fuzzy_first and key[0] != low[0]):
            return None
        return kb.fuzzy_alias[idx], "fuzzy"

    def _hyphen_compound(self, form: str) -> tuple[int, str] | None:
        kb = self.kb
        parts = form.split("-")
        for k in range(len(parts) - 1, 0, -1):
            head = " ".join(parts[:k])
            if not head:
                continue
            idx = kb.single_exact.get(head)
            if idx is not None and "".join(parts).lower() in self.words:
                idx = None  # "Meta-data"
            if idx is not None and self._compound_ok(idx, exact=True):
                return idx, "compound"  # "Signal-groep", "Teams-vergadering": still checked for context
            idx = kb.single_lower.get(head.lower())
            if idx is not None and self._compound_ok(idx):
                return idx, "compound"
        return None

    def _compound_ok(self, idx: int, exact: bool = False) -> bool:
        """Ordinary-word aliases and government bodies ("KvK-nummer", "Politieagent") make no compounds; an
        ordinary-word alias written with its exact capitals before a hyphen does ("Signal-groep"), and then needs
        the same context as on its own."""
        alias = self.kb.aliases[idx]
        return (not alias.needs_context or exact) and (alias.org < 0 or not self.kb.orgs[alias.org].recipient_only)

    def _glued_compound(self, form: str) -> tuple[int, str] | None:
        kb = self.kb
        low = form.lower()
        whole_word = low in self.words
        for cut in range(min(len(form) - 3, kb.max_single), 3, -1):
            head, rest = form[:cut], form[cut:]
            rest_word = rest.lower() in self.words
            idx = kb.single_exact.get(head)
            if idx is not None and not whole_word and (rest_word or (head[-1].isupper() and rest[0].islower())):
                if self._compound_ok(idx):
                    return idx, "compound"
            idx = kb.single_lower.get(head.lower())
            if idx is not None and rest_word and self._compound_ok(idx):
                return idx, "compound"
        return None


class PhraseIndex:
    """The matches of a ``PhraseMatcher`` over LOWER, in its order, from the shared token view: a form table says
    which tokens start a one-token pattern or the first two tokens of a longer one (a few numpy steps per
    document), and only there are the patterns walked in Python (a trie of LOWER hashes)."""

    def __init__(self, matcher: PhraseMatcher, docs: list[Doc]) -> None:
        self.trie: dict[int, _PhraseNode] = {}
        one: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        for doc in docs:
            if not len(doc):
                continue
            level = self.trie
            node = None
            for token in doc:
                node = level.get(token.lower)
                if node is None:
                    node = level[token.lower] = _PhraseNode()
                level = node.next
            # the labels of a pattern, in the order the matcher reports them for the same span
            node.labels = tuple(m for m, s, e in matcher(doc) if s == 0 and e == len(doc))
            if len(doc) == 1:
                one.add(doc[0].lower_)
            else:
                pairs.add((doc[0].lower_, doc[1].lower_))
        # may a pattern start at a token, given the next one? A row per form that starts a longer pattern, one row
        # (all true) for the one-token patterns, a column per form that is the second word of a longer pattern
        # (column 0: any other token, or none)
        rows = {a: i for i, a in enumerate(sorted({a for a, _ in pairs} - one), 2)}
        height = len(rows) + 2
        rows.update(dict.fromkeys(one, 1))
        columns = {b: i for i, b in enumerate(sorted({b for _, b in pairs}), 1)}
        width = len(columns) + 1
        self.starts = numpy.zeros(height * width, dtype=bool)
        self.starts[width: 2 * width] = True
        for a, b in pairs:
            self.starts[rows[a] * width + columns[b]] = True
        self.row = FormValues(LOWER_FORMS, lambda form: rows.get(form, 0) * width, "int64")
        self.column = FormValues(LOWER_FORMS, lambda form: columns.get(form, 0), "int64")

    def __call__(self, view: TokenView) -> list[tuple[int, int, int]]:
        """(match id, start, end) of every pattern in the document, as ``PhraseMatcher.__call__`` gives them."""
        ids = view.lower_ids
        n = len(ids)
        if not n:
            return []
        rows = self.row.of(ids)
        positions = rows.nonzero()[0]  # one-token patterns and first words of longer ones ("de", "wij")
        if not len(positions):
            return []
        columns = self.column.of(ids.take(positions + 1, mode="clip"))
        if positions[-1] == n - 1:
            columns[-1] = 0  # the last token has no next one
        positions = positions.compress(self.starts.take(rows.take(positions) + columns))
        lower = view.lower
        trie = self.trie
        matches = []
        for i, form in zip(positions.tolist(), lower.take(positions).tolist()):
            node = trie.get(form)
            j = i + 1
            while node is not None:
                for label in node.labels:
                    matches.append((label, i, j))
                if j >= n or not node.next:
                    break
                node = node.next.get(lower.item(j))
                j += 1
        return matches


class _PhraseNode:
    __slots__ = ("labels", "next")

    def __init__(self) -> None:
        self.labels: tuple[int, ...] = ()
        self.next: dict[int, _PhraseNode] = {}


class ThirdPartyComponent:
    def __init__(self, nlp: Language) -> None:
        self.kb = knowledge_base()
        self.words = dutch_words()
        vocab = nlp.vocab
        # One matcher over LOWER for everything; case-sensitive aliases and legal forms are checked
        # against the exact token forms (ORTH hashes) of the match afterwards.
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self.labels: dict[int, tuple[str, Any]] = {}
        self.exact: dict[int, dict[tuple[int, ...], int]] = {}  # label → exact ORTH hashes → alias index
        patterns: dict[str, list[str]] = {}
        groups: dict[str, list[int]] = {}
        for i, alias in enumerate(self.kb.aliases):
            groups.setdefault(alias.text.lower(), []).append(i)
        for members in groups.values():
            insensitive = [i for i in members if not self.kb.aliases[i].case_sensitive]
            key = f"tp_alias_{members[0]}"
            if insensitive:  # any case matches: "mollie", "MOLLIE"
                patterns[key] = [self.kb.aliases[insensitive[0]].text]
                self.labels[vocab.strings.add(key)] = ("alias", insensitive[0])
                continue
            for i in members:
                alias = self.kb.aliases[i]
                orths = tuple(t.orth for t in nlp.make_doc(alias.text))
                if len(orths) == 1:  # one exact form ("OM", "Teams"): the form table finds it, "om" costs nothing
                    self.kb.exact_forms.setdefault(alias.text, i)
                    continue
                label = vocab.strings.add(key)
                patterns.setdefault(key, [alias.text])  # the matcher reads lower case: one text per group
                self.labels.setdefault(label, ("alias", i))
                self.exact.setdefault(label, {}).setdefault(orths, i)
        cues = self.kb.cues
        # a legal form that ends a sentence carries its full stop ("... van Sociaal Soft BV. Voor e-mail ...")
        legal_forms = {*self.kb.legal_forms, *(f + "." for f in self.kb.legal_forms if not f.endswith("."))}
        cue_words = {
            "nat": list(self.kb.nationalities), "role": list(self.kb.role_nouns), "host": cues["hosting_verbs"],
            "recip": cues["recipient_verbs"], "gov": [*cues["government_prefixes"], *cues["government_plurals"]],
            "legal": sorted(legal_forms),
            "intro": cues["list_intro"], "use": cues["use_phrases"], "such": cues["such_as"],
        }
        for kind, words in cue_words.items():
            key = f"tp_cue_{kind}"
            patterns[key] = sorted({w.lower() for w in words})
            self.labels[vocab.strings.add(key)] = ("cue", kind)
        self.legal_orths = {vocab.strings.add(f) for f in legal_forms}
        preps = cues["recipient_prepositions"]
        self.preposition_orths = {vocab.strings.add(w) for p in preps for w in (p, p.capitalize())}
        self.negation_orths = {vocab.strings.add(w) for w in ("geen", "Geen", "GEEN")}
        self.van_orths = {vocab.strings.add("van")}
        self.clause_negation_orths = {vocab.strings.add(w) for w in cues["clause_negations"]}
        self.exception_orths = {vocab.strings.add(w) for w in cues["clause_exceptions"]}
        hypothetical = cues.get("hypothetical", {"openers": [], "words": []})
        self.hypothetical_openers = frozenset(hypothetical["openers"])
        self.hypothetical_words = frozenset(hypothetical["words"])
        self.coordinator_orths = {vocab.strings.add(w) for w in ("en", "of")}
        self.degree_orths = {vocab.strings.add(w) for w in cues["negation_degrees"]}
        self.clause_end_orths = {vocab.strings.add(w) for w in (".", ",", ";", ":", "!", "?", "(", ")", "\n", "\n\n",
                                                                 *cues["clause_end_words"])}
        pattern_docs = []
        for key, texts in patterns.items():
            docs = list(nlp.tokenizer.pipe(texts))
            self.matcher.add(key, docs)
            pattern_docs += docs
        self.phrases = PhraseIndex(self.matcher, pattern_docs)
        self.like_num = FormValues(ORTH_FORMS, vocab.lex_attr_getters[LIKE_NUM], "bool")  # Token.like_num per form

    # -------------------------------------------------------------- main

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            doc._.third_parties = []
            doc.spans["third_parties"] = []
            return doc
        run = _DocRun(self, doc)
        found = run.collect()
        spans = []
        parties = []
        text = run.text
        strings = doc.vocab.strings
        for f in found:
            mentions = []
            label = strings.add(f.organisation)
            for s, e in f.mentions:
                start, end = run.chars(s, e)
                mentions.append(Span(text[start:end], start, end))
                spans.append(SpacySpan(doc, s, e, label=label))
            parties.append(ThirdParty(
                organisation=self._regional(f, run) or self._spelled_out(f, text), services=f.services,
                country=f.country, kind=f.kind,
                in_knowledge_base=f.org is not None, outside_eea=self.kb.outside_eea(f.country), mentions=mentions))
        doc._.third_parties = parties
        doc.spans["third_parties"] = spans
        return doc

    def _regional(self, f: Found, run: _DocRun) -> str | None:
        """A regional body under its region's name when the text gives it ("de GGD Noord- en Oost-Gelderland")."""
        if f.org is None or not self.kb.orgs[f.org].regional:
            return None
        for s, e in f.mentions:
            start, end = run.chars(s, e)
            region = _REGION.match(run.text, end)
            if region is not None:
                words = region.group(1).split()
                while words and (words[-1] in self.kb.start_stopwords or words[-1].lower() in self.kb.org_index):
                    words.pop()  # "Veilig Thuis Wij zijn ...", "de GGD Utrecht Politie ...": no part of the region
                if words:
                    return f"{run.text[start:end]} {' '.join(words)}"
        return None

    def _spelled_out(self, f: Found, text: str) -> str:
        """A service known under its own name, when only it is named ("via het Landelijk Schakelpunt", not "van
        VZVZ"). An organisation known by an acronym under the name the statement uses first: the full name it
        spells out ("de Rijksdienst voor Sociale Zekerheid (RSZ)", "het Bureau Krediet Registratie (BKR)", "de
        Nederlandse Zorgautoriteit (NZa)", "de Financial Intelligence Unit-Nederland") or the acronym ("DUO (Dienst
        Uitvoering Onderwijs)"), as most gold files name them."""
        aliases = [self.kb.aliases[a] for a in f.aliases]
        if aliases and all(a.standalone for a in aliases) and len({a.service for a in aliases}) == 1:
            return aliases[0].service or f.organisation
        if f.org is None or not _acronym_like(f.organisation):
            return f.organisation
        acronym = re.search(rf"(?<!\w){re.escape(f.organisation)}(?!\w)", text)
        first_acronym = acronym.start() if acronym else len(text)
        best, best_at = f.organisation, first_acronym
        for alias in self.kb.org_aliases[f.org]:
            name = alias.text
            if " " not in name or len(name) <= len(f.organisation) or f.organisation in name.split() \
                    or name.split(" ", 1)[0].lower() in self.kb.articles:
                continue  # "Koninklijke KPN", "AFAS Software": the acronym is the name
            found = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
            if found is not None and (found.start() < best_at or (found.start() == best_at and len(name) > len(best))):
                best, best_at = name, found.start()
        return best


class _DocRun:
    """The work for one document; keeps the arrays and sentence bounds the steps share."""

    def __init__(self, comp: ThirdPartyComponent, doc: Doc) -> None:
        self.comp = comp
        self.kb = comp.kb
        self.words = comp.words
        self.doc = doc
        self.text = doc_text(doc)
        self.n = len(doc)
        self.denials: dict[tuple[int, int], bool] = {}  # token span -> does it deny the names before it
        self.view = view = tokens(doc)
        self.orths = view.orth
        self.idx = view.idx
        self.strings = doc.vocab.strings
        self.forms = form_table()
        self.cap_positions: list[int] = self.forms.capital.of(view.orth_ids).nonzero()[0].tolist()  # see caps()
        self._texts: list[str | None] = [None] * self.n
        self._legal_memo: dict[tuple[int, ...], tuple[int, int, str] | None] = {}
        self._section_starts: list[int] | None = None
        self._sections: list[Any] = []
        self._section_receives: dict[int, bool] = {}
        self._sent_starts: list[int] | None = None
        self._flags: bytes | None = None
        self._like_num: bytes | None = None

    @property
    def sent_starts(self) -> list[int]:
        """Token indices of sentence starts, read only when a step needs sentence bounds."""
        if self._sent_starts is None:
            flags = self.view.sent_start
            if flags is None:  # no sentence stage in this pipeline: spaCy's sentence starts
                flags = self.doc.to_array(SENT_START) == 1
            starts = numpy.flatnonzero(flags).tolist()
            self._sent_starts = starts if starts and starts[0] == 0 else [0, *starts]
        return self._sent_starts

    # -------------------------------------------------------------- helpers

    def sentence(self, i: int) -> tuple[int, int]:
        k = bisect_right(self.sent_starts, i) - 1
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else self.n
        return self.sent_starts[k], end

    def chars(self, s: int, e: int) -> tuple[int, int]:
        return self.idx.item(s), self.idx.item(e - 1) + len(self.tok(e - 1))

    def tok(self, i: int) -> str:
        """Token text from the ORTH array (cheaper than building a Token), remembered per document: the cue steps
        read the same few tokens around a cue many times."""
        text = self._texts[i]
        if text is None:
            text = self._texts[i] = self.strings[self.orths.item(i)]
        return text

    def uncover(self, covered: bytearray) -> None:
        """Capitals inside knowledge-base mentions start no new name: a name found there would be dropped."""
        self.cap_positions = [i for i in self.cap_positions if not covered[i]]

    def caps(self, start: int, end: int) -> bool:
        """Some token in ``start:end`` has a capital that may be part of a name found by a cue."""
        positions = self.cap_positions
        k = bisect_left(positions, start)
        return k < len(positions) and positions[k] < end

    def section_receives(self, char: int) -> bool:
        """The section around ``char`` has a heading announcing recipients ("Met wie delen wij je gegevens?",
        "Verstrekking aan derden"); each heading is read once per document, and only when asked."""
        if self._section_starts is None:
            self._sections = self.doc._.sections or []
            self._section_starts = [sec.start for sec in self._sections]
        sections = self._sections
        k = bisect_right(self._section_starts, char) - 1
        if k < 0 or char > sections[k].end:
            return False
        known = self._section_receives.get(k)
        if known is None:
            heading = sections[k].heading
            known = self._section_receives[k] = bool(heading) and self.kb.recipient_heading(heading)
        return known

    def paragraph(self, char: int) -> str:
        text = self.text
        start = text.rfind("\n", 0, char) + 1
        end = text.find("\n", char)
        return text[start: end if end >= 0 else len(text)]

    # -------------------------------------------------------------- steps

    def collect(self) -> list[Found]:
        alias_hits, cue_hits = self._phrase_matches()
        covered = bytearray(self.n)  # tokens inside knowledge-base mentions
        alias_hits = _non_overlapping(alias_hits, covered)
        form_hits, role_cues = self._form_hits(covered)
        for h in form_hits:
            covered[h.start] = 1  # compounds and variants are single tokens
        alias_hits += form_hits
        cue_hits += role_cues
        alias_hits.sort(key=lambda h: h.start)
        kept = self._check_kb_hits(alias_hits)
        self.uncover(covered)
        names = self._cue_names(cue_hits, covered)
        controller = self.kb.controller
        needs_strong = bool(names) or self._may_name_controller(kept)
        low = lower_text(self.doc, self.text) if needs_strong else ""
        strong = controller.strong(self.text, low, self.view) if needs_strong else []
        found = self._group_kb(kept, strong, [h.end for h in names])
        if names:
            found += self._group_names(names, strong + controller.weak(self.text, low, self.view), found)
        found.sort(key=lambda f: f.mentions[0][0])
        return found

    def _may_name_controller(self, kept: list[Hit]) -> bool:
        """The controller names itself near the top, in the title or in a line that says who it is ("Wij zijn X",
        "X, gevestigd te", "X is verantwoordelijk", "deze privacyverklaring van X"): a knowledge-base organisation
        named only elsewhere cannot be it, so the controller's names need not be looked for."""
        controller = self.kb.controller
        text = self.text
        title_end = text.find("\n", len(text) - len(text.lstrip()))
        for h in kept:
            char = self.idx.item(h.start)
            if char >= controller.head:
                break  # kept: in text order
            if char <= title_end:
                return True
            line = self.paragraph(char).lower()
            if any(anchor in line for anchor in controller.anchors):
                return True
        return False

    def _phrase_matches(self) -> tuple[list[Hit], list[tuple[str, int, int]]]:
        comp = self.comp
        alias_hits: list[Hit] = []
        cues: list[tuple[str, int, int]] = []
        orths = self.orths
        for match_id, s, e in comp.phrases(self.view):
            kind, value = comp.labels[match_id]
            if kind == "alias":
                exact = comp.exact.get(match_id)
                if exact is not None:
                    value = exact.get(tuple(orths[s:e].tolist()))
                    if value is None:
                        continue  # "onze teams", "een exact antwoord"
                alias_hits.append(Hit(s, e, alias=value))
            elif kind != "legal" or int(orths[s]) in comp.legal_orths:
                cues.append((value, s, e))
        return alias_hits, cues

    def _form_hits(self, covered: bytearray) -> tuple[list[Hit], list[tuple[str, int, int]]]:
        """Compounds and spelling variants of aliases, and role nouns by their ending ("hotelsysteem",
        "zorgverzekeraar"), from the distinct token forms (each analysed once per process)."""
        result_ids = self.forms.result_ids.of(self.view.orth_ids)
        positions = result_ids.nonzero()[0]
        hits = []
        roles = []
        for i, result_id in zip(positions.tolist(), result_ids.take(positions).tolist()):
            if covered[i]:
                continue
            alias, how = self.forms.result(result_id)
            if how == "role":
                roles.append(("role", i, i + 1))
            else:
                hits.append(Hit(i, i + 1, alias=alias))
        return hits, roles

    def _check_kb_hits(self, hits: list[Hit]) -> list[Hit]:
        """Drop blocking entries, context-less ordinary words and government bodies not said to receive data."""
        kb = self.kb
        plain_sentences: set[int] = set()
        if any(kb.aliases[h.alias].needs_context for h in hits):
            for h in hits:
                alias = kb.aliases[h.alias]
                if alias.org >= 0 and not alias.needs_context:
                    plain_sentences.add(self.sentence(h.start)[0])
        kept: list[Hit] = []
        starts = {h.start for h in hits} | {h.end - 1 for h in hits}
        for h in hits:
            alias = kb.aliases[h.alias]
            if alias.org < 0:
                continue
            if h.start > 0 and self.tok(h.start - 1) in ("den", "Den"):
                continue  # "Den Bosch", "Van den Bosch": a place or a family name
            if h.end - h.start == 1 and h.start > 0 and _POSTCODE_LETTERS.match(self.tok(h.start)) \
                    and _POSTCODE_DIGITS.match(self.tok(h.start - 1)):
                continue  # "3511 NS Utrecht": the letters of a Dutch postcode
            if alias.needs_context and alias.case_sensitive and h.start - 1 not in starts \
                    and self._capital_before(h.start):
                continue  # "een Early Bird ticket": part of another capitalised name
            if kept and h.start - kept[-1].end <= 12 and self._parent_of_previous(h, kept[-1]):
                continue
            org = kb.orgs[alias.org]
            if alias.needs_context and not self._has_context(h, alias, org, plain_sentences, hits):
                continue
            if org.recipient_only and (not (self._received(self.idx.item(h.start)) or self._subject_receives(h))
                                       or self._reader_passes(h.start)
                                       or self._anonymous(h.start)
                                       or self._complaint_address(h)
                                       or not self._name_ends_cleanly(h.end)):  # "KvK 80554312": a number
                continue
            if org.direct_recipient_only and not (self._given_to(h) or self._subject_receives(h)):
                continue  # "U kunt betalen met Visa": a payment method
            if self._negated(h) or self._clause_negated(h.start) or self._denied_next(h.start):
                continue  # any company, public bodies included
            kept.append(h)
        return kept

    def _parent_of_previous(self, hit: Hit, previous: Hit) -> bool:
        """"Mailchimp, een dienst van het Amerikaanse bedrijf Intuit": the owner named only to describe the
        organisation just mentioned is not a recipient of its own (other mentions of it still count)."""
        if hit.start - previous.end > 12 or hit.start < 3:
            return False
        first = max(previous.end, hit.start - 6)
        if not self.comp.van_orths.intersection(self.orths[first: hit.start].tolist()):
            return False
        words = [self.tok(k).lower() for k in range(first, hit.start)]
        return any(words[k] in self.kb.parent_nouns and words[k + 1] == "van" for k in range(len(words) - 1)) \
            and self.sentence(previous.start)[0] == self.sentence(hit.start)[0]

    def _received(self, char: int) -> bool:
        """The paragraph says data goes to the body, the body is an item of a list introduced as recipients
        ("Wij verstrekken gegevens aan:\n- de Belastingdienst"), or its section is about recipients ("Met wie
        delen wij je gegevens?", "Verstrekking aan derden")."""
        line = self.paragraph(char)
        if self.kb.receives(line):
            return True
        if len(line.strip()) <= 80 and _address_follows(self.text, char):
            return False  # "... of per post aan:\nMinisterie van X\nT.a.v. ...\nPostbus 20011": where to write
        intro = _list_intro_line(self.text, char)
        if intro is not None and self.kb.receives(self.text[intro[0]:intro[1]]):
            return True
        return self.section_receives(char)

    def _before_name(self, hit: Hit) -> int:
        """The token before a name, past an article ("aan de Kamer ...": "aan"); -1 at the start of the text."""
        k = hit.start - 1
        if k >= 0 and self.tok(k).lower() in self.kb.articles:
            k -= 1
        return k

    def _complaint_address(self, hit: Hit) -> bool:
        """"Een klacht over een gerechtsdeurwaarder hoort thuis bij de Kamer voor gerechtsdeurwaarders": a body named
        after "bij"/"aan" in a sentence about complaints is where to complain, not a recipient."""
        k = self._before_name(hit)
        if k < 0 or self.tok(k).lower() not in ("bij", "aan"):
            return False
        s, e = self.sentence(hit.start)
        cs, ce = self.chars(s, e)
        return bool(_COMPLAINING.search(self.text[cs:ce].lower()))

    def _given_to(self, hit: Hit) -> bool:
        """"Voor elke betaling verstrekken we de noodzakelijke gegevens aan Mastercard": the name is the complement of
        "aan"/"met"/"naar" (an article between allowed) in a clause with a verb of passing on (cue recipient_verbs)."""
        k = self._before_name(hit)
        if k < 0 or self.orths.item(k) not in self.comp.preposition_orths:
            return False
        s, e = self._clause(hit.start)
        verbs = self.kb.recipient_verb_words
        return any(self.tok(j).lower() in verbs for j in range(s, e))

    def _subject_receives(self, hit: Hit) -> bool:
        """"dan krijgt de politie ze", "de gemeente ontvangt een melding": the body is the subject of a verb of
        receiving (cue receiving_verbs) right before it (after an article) or right after it."""
        verbs = self.kb.receiving_verbs
        k = self._before_name(hit)
        if k >= 0 and self.tok(k).lower() in verbs:
            return True
        return hit.end < self.n and self.tok(hit.end).lower() in verbs

    def _clause(self, i: int, start_only: bool = False) -> tuple[int, int]:
        """The tokens of the clause around token ``i``: from after the previous clause end (cue clause_end_words) or
        "en"/"of" before a new verb (a lower-case word) up to the next one, within the sentence. "Wij verkopen uw
        gegevens niet en gebruiken Mailchimp": "gebruiken Mailchimp" is a clause of its own."""
        s, e = self.sentence(i)
        comp = self.comp
        ends, coordinators, orths = comp.clause_end_orths, comp.coordinator_orths, self.orths

        def boundary(k: int) -> bool:
            o = orths.item(k)
            return o in ends or (o in coordinators and k + 1 < e and self.tok(k + 1).islower())

        k = i
        while k > s and not boundary(k - 1):
            k -= 1
        if start_only:
            return k, e
        m = i
        while m < e and not boundary(m):
            m += 1
        return k, m

    def _anonymous(self, i: int) -> bool:
        """"Het aantal overnachtingen geven wij door aan de gemeente Veere, zonder namen": the clause says the body
        gets no personal data (cues anonymous_cues), a few words past a comma included."""
        k, m = self._clause(i)
        if m < self.sentence(i)[1] and self.tok(m) == ",":
            m = min(self.sentence(i)[1], m + 4)  # "..., zonder namen"
        cs, ce = self.chars(k, m)
        return self.kb.anonymous.search(self.text[cs:ce].lower()) is not None

    def _clause_negated(self, i: int) -> bool:
        """"Wij geven uw giften niet door aan de Belastingdienst": a negation earlier in the clause, not lifted by
        "tenzij"/"alleen"/"wel"/"dan" ("niet aan derden, tenzij ... aan de Belastingdienst" is a disclosure);
        "niet langer/meer dan" is a degree."""
        comp = self.comp
        window = self.orths[self._clause(i, start_only=True)[0]:i].tolist()
        negations = comp.clause_negation_orths
        if not any(o in negations and (k + 1 == len(window) or window[k + 1] not in comp.degree_orths)
                   for k, o in enumerate(window)):
            return False  # "niet langer dan nodig", "niet meer gegevens dan": a degree, not a negation
        return not any(o in comp.exception_orths for o in window)

    def _denied_next(self, i: int) -> bool:
        """"Veel verhuurders bieden hun huisje ook aan op Airbnb. Met die platforms wisselen wij geen gegevens uit",
        "Onze vacatures verschijnen ook op Indeed: die sites krijgen geen gegevens": the next sentence, or the rest
        of this one after a colon or semicolon, refers back to the organisations and says they get nothing
        (`BackDenial`)."""
        end = self.sentence(i)[1]
        for k in range(i + 1, end - 1):
            if self.tok(k) in (":", ";") and self._denies_from(k + 1, end):
                return True
        return end < self.n and self._denies_from(end, self.sentence(end)[1])

    def _denies_from(self, start: int, end: int) -> bool:
        """`BackDenial.denies` on tokens [start, end), once per span, and only where a back reference can open it."""
        key = (start, end)
        known = self.denials.get(key)
        if known is None:
            first = start
            while first < end and not self.tok(first).isalpha():
                first += 1
            known = first < end and self.tok(first).lower() in self.kb.back_denial.first_words
            if known:
                cs, ce = self.chars(start, end)
                known = self.kb.back_denial.denies(self.text[cs:ce])
            self.denials[key] = known
        return known

    def _reader_passes(self, i: int) -> bool:
        """"Verandert u van adres, dan moet u dat zelf aan de Kamer van Koophandel doorgeven": in the clause before the
        body the reader is the one who passes data ("moet u", "kun je", "u zelf"), not the controller."""
        start = self.sentence(i)[0]
        words = [self.tok(k).lower() for k in range(max(start, i - 12), i)]
        for k in range(len(words) - 1, -1, -1):
            if words[k] in (",", ";", ":", "(", ")"):
                words = words[k + 1:]
                break
        readers, modals = self.kb.reader_pronouns, self.kb.reader_modals
        if any(w in _FIRST_PERSON for w in words):
            return False  # "Wij moeten je loongegevens doorgeven aan ...", "de gegevens die u zelf opgaf geven wij ..."
        return any(w in readers and ((k > 0 and words[k - 1] in modals) or words[k + 1: k + 2] == ["zelf"])
                   for k, w in enumerate(words))

    def _negated(self, hit: Hit) -> bool:
        """"Wij gebruiken geen Google Analytics", "wij maken geen gebruik van Hotjar", "geen toegang tot Smartschool",
        "Google Analytics of andere volgcookies gebruiken wij niet" (cues negated_before / negated_after)."""
        i = hit.start
        if i and self.orths.item(i - 1) in self.comp.negation_orths:
            return True
        kb = self.kb
        if i:
            ending = kb.negated_before_by_last.get(self.tok(i - 1).lower())
            if ending is not None:
                words = [self.tok(k).lower() for k in range(max(0, i - kb.negated_before_len), i)]
                if any(words[-len(seq):] == seq for seq in ending):
                    return True
        if self._hypothetical(i):
            return True
        end = min(self.sentence(i)[1], hit.end + 8)
        after = [self.tok(k).lower() for k in range(hit.end, end)]
        if self._receives_nothing(after):
            return True
        starting = kb.negated_after_by_first
        for k, word in enumerate(after):
            for seq in starting.get(word, ()):
                n = len(seq)
                if after[k:k + n] == seq and (k + n == len(after) or after[k + n] in kb.negated_after_ends):
                    return True
        return False

    def _hypothetical(self, i: int) -> bool:
        """The sentence of token ``i`` names only what might happen: "Mocht hij ooit foto's op Facebook willen zetten,
        dan vraagt hij eerst toestemming" (cue hypothetical)."""
        start, end = self.sentence(i)
        comp = self.comp
        if start >= end or self.tok(start).lower() not in comp.hypothetical_openers:
            return False
        return any(self.tok(k).lower() in comp.hypothetical_words for k in range(start + 1, min(end, start + 12)))

    def _receives_nothing(self, after: list[str]) -> bool:
        """"Onze hoofdsponsor, het labobedrijf Cellaris NV, krijgt nooit onze ledenlijst": the name is the subject of
        a negated verb of receiving (cue negated_as_subject), unless "alleen"/"meer"/... follows the negation."""
        legal = self.kb.legal_lower
        k = 0
        while k < min(len(after), 3) and (after[k] == "," or after[k].rstrip(".") in legal):
            k += 1  # "Cellaris NV, krijgt ..."
        after = after[k:]
        for seq in self.kb.negated_as_subject_by_first.get(after[0], ()) if after else ():
            n = len(seq)
            if after[:n] == seq:
                return not (len(after) > n and after[n] in self.kb.negation_degrees)
        return False

    def _has_context(self, hit: Hit, alias: Alias, org: Organisation, plain_sentences: set[int],
                     hits: list[Hit]) -> bool:
        """An ordinary-word alias ("Teams", "Meta") counts in a sentence that speaks of its kind of service, or that
        names another organisation. At the start of a sentence (or list item) the capital of a Dutch word proves
        nothing, so only the words of its own kind of service count there, read around the other names ("Teams
        gebruiken WhatsApp-groepen ...": neither "gebruiken" nor the "app" in WhatsApp is context), unless another name
        follows at once ("Piano, Disqus en Google")."""
        s, e = self.sentence(hit.start)
        first = s
        while first < hit.start and self.tok(first) in _BULLETS:
            first += 1
        initial = first == hit.start and is_dutch_word(alias.text, self.words)
        if s in plain_sentences and not initial:
            return True
        if initial and hit.end + 1 < e and self.tok(hit.end) in (",", "en") \
                and any(other.start == hit.end + 1 for other in hits):
            return True  # "Piano, Disqus, Chartbeat en Google zijn ... gevestigd": the first of a list of names
        kind = alias.kind or org.kind or ""
        words = self.kb.context.get(kind)
        if words is None:
            if initial:
                return False
            words = self.kb.context["generic"]
        cs, ce = self.chars(s, e)
        pieces = []
        pos = cs
        for other in hits:
            if s <= other.start < e:
                hs, he = self.chars(other.start, other.end)
                pieces.append(self.text[pos:hs])
                pos = he
        pieces.append(self.text[pos:ce])
        own = self.tok(hit.start) if hit.end == hit.start + 1 else ""
        if len(own) > len(alias.text) and own.startswith(alias.text):
            pieces.append(own[len(alias.text):])  # "Signal-groep": the compound's own head speaks of the service
        sentence = " ".join(pieces).lower()
        return any(w in sentence for w in words) or bool(self.kb.foreign_company.search(sentence))

    def _group_kb(self, hits: list[Hit], controllers: list[str], name_ends: list[int]) -> list[Found]:
        kb = self.kb
        by_org: dict[int, Found] = {}
        for h in hits:
            alias = kb.aliases[h.alias]
            org = kb.orgs[alias.org]
            f = by_org.get(alias.org)
            if f is None:
                f = by_org[alias.org] = Found(org.name, alias.org, country=org.country, kind=org.kind)
            f.mentions.append((h.start, h.end))
            f.aliases.add(h.alias)
            if alias.service and alias.service not in f.services:
                f.services.append(alias.service)
        ctrl = [f" {_words_only(c)} " for c in controllers]
        ends = {e: f.org for f in by_org.values() for _, e in f.mentions}
        for e in name_ends:
            ends.setdefault(e, -2)  # a name found by a cue ("de dienst Dierenwelzijn van de Vlaamse overheid")
        result = []
        for f in by_org.values():
            if all(self._part_of(s, f.org, ends) for s, _ in f.mentions):
                continue  # "het Departement Onderwijs en Vorming van de Vlaamse overheid": named as the parent
            if ctrl and any(f" {t} " in c for t in self._mention_words(f) | self._mentioned_words(f) for c in ctrl):
                continue  # the controller itself or its own product (also when spelt like a known one: "Klusbord")
            result.append(f)
        return result

    def _part_of(self, start: int, org: int, ends: dict[int, int]) -> bool:
        """The mention at token ``start`` follows another organisation's mention and "van de"/"van het": it names
        the body that one belongs to."""
        if start < 3 or self.tok(start - 2).lower() != "van" or self.tok(start - 1).lower() not in ("de", "het"):
            return False
        return ends.get(start - 2, org) != org

    def _mentioned_words(self, found: Found) -> set[str]:
        """The words as the text writes them at each mention (a spelling variant differs from the alias)."""
        text = self.text
        return {_words_only(text[slice(*self.chars(s, e))]) for s, e in found.mentions}

    def _mention_words(self, found: Found) -> set[str]:
        words = self.kb.alias_words
        return {self.kb.org_words[found.org]} | {words[a] for a in found.aliases}

    # -------------------------------------------------------------- names found by cues

    def _cue_names(self, cues: list[tuple[str, int, int]], covered: bytearray) -> list[Hit]:
        names: list[Hit] = []
        intros = [s for kind, s, _ in cues if kind == "intro"]
        for kind, s, e in cues:
            if kind == "intro" or not self._capital_near(kind, s, e):
                continue  # no name can follow or precede: the common case, decided without token objects
            if kind == "legal":
                hit = self._before_legal_form(s, e)
            elif kind == "nat":
                hit = self._after_nationality(s, e)
            elif kind == "role":
                hit = self._around_role(s, e)
            elif kind == "host":
                hit = self._after_preposition(e, self.kb.cues["hosting_prepositions"])
            elif kind == "recip":
                hit = self._after_recipient_verb(s, e)
            elif kind == "use":
                hit = self._after_use(e)
            elif kind == "such":
                names += self._such_as(s, e, cues, covered)
                continue
            else:
                names += self._municipality(s, e)
                continue
            if hit is not None:
                names.append(hit)
        if intros:
            names += self._list_items(intros)
        names += self._section_lists()
        title_end = self._title_end()
        # a name in the statement's title line ("Dierenartsenpraktijk Ten Hove") is the controller's; a name said not
        # to be used or to receive nothing is no recipient, as for known organisations
        return [h for h in names if not any(covered[h.start:h.end]) and self.idx.item(h.start) >= title_end
                and not self._negated(h) and not self._clause_negated(h.start) and not self._denied_next(h.start)]

    def _title_end(self) -> int:
        """End of the first line that holds text when it is a title (a short line), which names the controller if
        anyone; 0 when the text starts with a longer line."""
        text = self.text
        start = len(text) - len(text.lstrip())
        end = text.find("\n", start)
        if end < 0:
            return 0  # one line: a sentence, not a title
        line = text[start:end].rstrip()
        return end if len(line.split()) <= 12 and not line.endswith((".", ";", ",", ":")) else 0

    def _after_use(self, e: int) -> Hit | None:
        """"Voor een tafelreservering gebruiken wij Formitable", "wij maken gebruik van Pixieset": the name right
        after the verb (a single ordinary word is no name: "gebruik van Cookies")."""
        end = self._forward(e, limit=4)
        if end > e and (end >= self.n or self.tok(end) in self.kb.after_use_name):
            return self._name_hit(e, end)
        return None  # "Wij werken met ISO-gecertificeerde partners": an adjective before a noun

    def _such_as(self, s: int, e: int, cues: list[tuple[str, int, int]], covered: bytearray) -> list[Hit]:
        """"leveranciers die in onze opdracht gegevens verwerken, zoals Centric (software), Microsoft (Office 365) en
        Siteimprove": the names listed after "zoals" when the sentence speaks of processors or recipients before it."""
        start = self.sentence(s)[0]
        if not any(kind in ("role", "intro", "recip") and start <= cs < s for kind, cs, _ in cues):
            return []
        hits = []
        k = e
        if k < self.n and self.tok(k) == ",":
            k += 1  # "de leasemaatschappij, bijvoorbeeld, Lease a Bike"
        single_words: list[int] = []  # one-word items that are also Dutch words ("Gazelle")
        anchored = False  # another item is a known or an unmistakable name
        for _ in range(8):
            end = k
            while end < self.n and covered[end]:
                end += 1  # a knowledge-base name in the list ("bijvoorbeeld Lease a Bike of Joule"): found already
            if end > k:
                anchored = True
            else:
                end = self._forward(k, limit=5)
            if end <= k:
                break
            hit = None if covered[k] else self._name_hit(k, end)
            if hit is not None:
                hits.append(hit)
                anchored = True
            elif not covered[k] and end == k + 1 and not self._starts_sentence(k) and end < self.n and (
                    self.tok(end) in (",", "en", "of", ".", ";", ")", "(") or self.flags[end] & LEGAL):
                single_words.append(k)
            k = end
            if k < self.n and self.tok(k) == "(":
                depth = 0
                while k < self.n and k - end < 20:
                    depth += {"(": 1, ")": -1}.get(self.tok(k), 0)
                    k += 1
                    if depth == 0:
                        break
            if k < self.n and self.tok(k) in (",", "en", "of"):
                k += 1
                continue
            break
        # an item that is one capitalised word ("zoals Bosch, Shimano of Gazelle") is a name even when the word is
        # also Dutch, if another item of the list is a name; "waaronder Opdrachtgever, Sub-verwerkers en
        # toezichthouders" or "bijvoorbeeld Koningsdag, Pasen of Kerst" name none
        if anchored:
            for i in single_words:
                hit = self._name_hit(i, i + 1, strong=True)
                if hit is not None:
                    hits.append(hit)
        return hits

    def _section_lists(self) -> list[Hit]:
        """Names heading the list items of a section about recipients ("Met wie delen we je gegevens?\n- Sportlink:
        onze ledenadministratie ..."): only list items that start with a capital are looked at."""
        hits: list[Hit] = []
        text = self.text
        is_recipient = self.kb.recipient_heading
        for section in self.doc._.sections or []:
            if not section.heading or not is_recipient(section.heading):
                continue
            for m in _CAPITAL_ITEM.finditer(text, section.start, section.end):
                start = m.start() + 1
                end = text.find("\n", start)
                hit = self._line_head(start, end if end >= 0 else len(text))
                if hit is not None:
                    hits.append(hit)
        return hits

    def _capital_near(self, kind: str, s: int, e: int) -> bool:
        """A capitalised token where this cue's name would stand: most cue words have none and cost nothing more."""
        caps = self.caps
        if kind == "legal":
            return s > 0 and caps(s - 1, s)
        if kind == "gov":
            return caps(e, e + 2)
        before = s >= 3 and caps(s - 3, s - 2)
        if kind == "recip":
            return caps(e + 1, e + 8)
        if kind == "use":
            return caps(e, e + 1)
        if kind == "such":  # the first item may be a knowledge-base name, the next one not
            return caps(e, e + 8)
        if kind == "role":  # "onze hostingpartij X", "de bouwer van de website -- X", "X, onze leverancier"
            return before or caps(e, e + 2) or caps(e + 3, e + 6)
        return caps(e, e + 3) or (before and kind == "nat")

    @property
    def flags(self) -> bytes:
        """The name flags (``NAMEY`` ...) of every token, read when a cue first needs them."""
        if self._flags is None:
            self._flags = self.forms.name_flags.of(self.view.orth_ids).tobytes()
        return self._flags

    def _namey(self, i: int) -> bool:
        return bool(self.flags[i] & NAMEY)

    def _connector(self, i: int) -> bool:
        return bool(self.flags[i] & CONNECTOR)

    def _legal(self, i: int) -> bool:
        return bool(self.flags[i] & LEGAL)

    def _joins(self, i: int, step: int) -> bool:
        """A connector joins two name parts when a capitalised word follows within one more connector
        ("Vrienden van het Museum", "Bank of ...")."""
        flags = self.flags
        for k in (i, i + step):
            if not 0 <= k < self.n:
                return False
            f = flags[k]
            if f & NAMEY:
                return True
            if not f & CONNECTOR:
                return False
        return False

    def _forward(self, k: int, limit: int = 7) -> int:
        flags = self.flags
        n = self.n
        j = k
        while j < n and j - k < limit:
            f = flags[j]
            if j > k and f & LEGAL:
                j += 1  # "Rentmeester & Co B.V. De Arkbode wordt ...": a legal form ends the name
                break
            if f & NAMEY or (f & CONNECTOR and self._joins(j + 1, 1)):
                j += 1
                continue
            break
        while j > k and flags[j - 1] & CONNECTOR:
            j -= 1
        return j

    def _backward(self, j: int, limit: int = 7) -> int:
        """Start of the name that ends at token ``j`` (exclusive); a legal form or a role word before it stops it
        ("ICT-leverancier X")."""
        flags = self.flags
        i = j
        # punctuation and line breaks stop a name, so sentence bounds need not be looked up
        while i > 0 and j - i < limit:
            f = flags[i - 1]
            if f & (LEGAL | ROLE_WORD):
                break
            if f & NAMEY or (f & CONNECTOR and self._joins(i - 2, -1)):
                i -= 1
                continue
            break
        while i < j and flags[i] & (CONNECTOR | START_STOP):
            i += 1
        return i

    def _name_hit(self, s: int, e: int, strong: bool = False, country: str | None = None,
                  kind: str | None = None) -> Hit | None:
        flags = self.flags
        while e > s and flags[e - 1] & LEGAL:
            e -= 1
        while s < e and flags[s] & TITLE_WORD:
            s += 1  # "Privacyverklaring Speelpleinwerking De Vlierbes vzw": the title word is not part of the name
        while not strong and e - s > 1 and flags[e - 1] & PRODUCT:
            e -= 1  # "Siteimprove Analytics": the organisation, not its product ("Acme Analytics Inc." is a company)
        if e <= s:
            return None
        tokens = [self.tok(i) for i in range(s, e)]
        if not strong and len(tokens) > 1 and e + 2 < self.n and self.tok(e) == "(" and self.tok(e + 2) == ")":
            initials = "".join(t[0] for t in tokens if t[:1].isupper())
            strong = len(initials) > 1 and self.tok(e + 1) == initials  # "Centraal Informatiepunt ... (CIOT)"
        if tokens[0] == "Het" and len(tokens) > 1 and s and self.tok(s - 1).isalpha() and self.tok(s - 1).islower():
            if not self._valid(tokens[1:], True):  # "waaronder Het Waterschapshuis": a capital article mid-sentence
                return None
        elif not self._valid(tokens, strong):
            return None
        cs, ce = self.chars(s, e)
        return Hit(s, e, name=_clean_name(self.text[cs:ce]), country=country, kind=kind, strong=strong)

    def _valid(self, tokens: list[str], strong: bool) -> bool:
        kb = self.kb
        words = [t for t in tokens if t not in kb.connectors and t not in ("'", "’", "‘")]
        if not words:
            return False
        name = " ".join(tokens)
        if name in kb.stopwords or words[0] in kb.start_stopwords or name.lower() in kb.org_index \
                or name.lower() in kb.country_names:  # "overgebracht naar Zwitserland": a country
            return False
        if not strong and any(w in kb.generic_name_words for w in words):
            return False  # "Artificial Intelligence", "Social Media": a technique, not an organisation
        tail = words[-1].rpartition("-")[2]
        if tail != words[-1] and tail.islower() and is_dutch_word(tail, self.words):
            return False  # "SSL-versleuteling", "ISO-gecertificeerde": a compound noun or adjective, not a name
        strong = strong or (words[0] in kb.legal_prefixes and len(words) > 1)  # "Stichting Vrienden van het Museum"
        if len(words) == 1:
            w = words[0]
            low = w.lower()
            if len(w) < 2 or (len(w) <= 2 and not strong) or low in kb.stop_lower:
                return False
            if low in kb.role_nouns or (low.endswith(kb.role_suffixes) and not strong):
                return False  # "Hostingprovider", "Betaalpartij": a description; but "Hofdiensten B.V." is a name
            mixed = any(c.isupper() for c in w[1:]) and not w.isupper()
            if is_dutch_word(w, self.words) and not mixed and not strong:
                return False
        elif not strong and all(is_dutch_word(w, self.words) or w.lower() in kb.stop_lower for w in words):
            return False
        return any(c.isalpha() for c in name)

    def _before_legal_form(self, s: int, e: int) -> Hit | None:
        """"Acme Analytics Inc.": the name before a legal form. A statement repeats its own "X B.V." many times,
        so the reading of the same preceding words is remembered per document (only the address check, which
        depends on the line, is made for each mention)."""
        key = tuple(self.orths[max(0, s - _NAME_WINDOW): s].tolist())
        known = self._legal_memo.get(key, False)
        if known is False:
            hit = self._name_before_legal_form(s)
            known = self._legal_memo[key] = None if hit is None else (hit.start - s, hit.end - s, hit.name)
        if known is None:
            return None
        start = s + known[0]
        if self._address_block(start, e):
            return None
        return Hit(start, s + known[1], name=known[2], strong=True)

    def _name_before_legal_form(self, s: int) -> Hit | None:
        start = self._backward(s)
        # "de Functionaris Gegevensbescherming van Bakkerij Jansen B.V.": a description of ordinary words
        # joined by "van"/"voor" is not part of the name
        for k in range(s - 2, start, -1):
            if self.tok(k) in ("van", "voor") and all(self.flags[i] & DUTCH for i in range(start, k)):
                start = k + 1
                break
        # "ProSocio van Sociaal Soft BV": a one-word product name in camel case, then its maker
        first = self.tok(start)
        if start + 2 < s and self.tok(start + 1) == "van" and first.isalpha() and not first.isupper() \
                and any(c.isupper() for c in first[1:]):
            start += 2
        if start >= s:
            return None
        return self._name_hit(start, s, strong=True)

    def _address_block(self, s: int, e: int) -> bool:
        """A name on a line of its own above a street or postcode line: a contact block, the controller's own
        at the end of a statement or a co-controller's (which the list cue reads with its introduction)."""
        text = self.text
        start, end = self.chars(s, e)
        if _ADDRESS.search(text[end: end + 40].lstrip(" ,").split("\n")[0]):
            return True  # "Foo B.V., Kerkstraat 12, 1234 AB Amsterdam"
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        label = text[line_start:start].strip()
        if line_end < 0 or (label and not label.endswith(":")) or text[end:line_end].strip(" .,"):
            return False
        following = text[line_end: line_end + 120].split("\n")
        return any(_ADDRESS.search(line) for line in following[1:4])

    def _after_nationality(self, s: int, e: int) -> Hit | None:
        country = self.kb.nationalities.get(" ".join(self.tok(i) for i in range(s, e)).lower())
        if e < self.n and self.tok(e).lower() in self.kb.company_nouns:
            k = e + 1
            if k < self.n and self.tok(k) in (",", ":"):
                k += 1
            end = self._forward(k)
            if end > k:
                return self._name_hit(k, end, strong=True, country=country)
        # "X, een Amerikaans bedrijf" / "X (een Duitse onderneming)" / "X is een Amerikaanse organisatie"
        if e < self.n and self.tok(e).lower() in self.kb.company_nouns and s >= 3 \
                and self.tok(s - 1).lower() in ("een", "het", "de") and self.tok(s - 2) in (",", "(", "-", "–", "is"):
            start = self._backward(s - 2)
            if start < s - 2:
                return self._name_hit(start, s - 2, strong=True, country=country)
        return None

    def _around_role(self, s: int, e: int) -> Hit | None:
        kind = self.kb.role_kind(" ".join(self.tok(i) for i in range(s, e)))
        k = e
        # "de bouwer en beheerder van de website -- X --", "onze hostingpartij X", "het hotelsysteem van Mews"
        if k + 2 < self.n and self.tok(k).lower() in ("van", "voor") \
                and self.tok(k + 1).lower() in ("de", "het", "onze", "ons", "deze"):
            k += 3
        elif k + 1 < self.n and self.tok(k) == "van" and self._namey(k + 1):
            k += 1
        while k < self.n and self.tok(k) in _APPOSITION and k - e < 5:
            k += 1  # "onze vaste dierenarts, Dierenartsenpraktijk X, ..."
        end = self._forward(k) if k < self.n and self._namey(k) else k
        if end > k and self._name_ends_cleanly(end):
            # "onze fotograaf Studio Lichtval": capitals right after "onze <role>" in mid-sentence are a name even
            # when each word is also a Dutch word
            # "onze dierenarts(,) X"; not "ons huisartsinformatiesysteem (HIS) Medicom": an abbreviation of the role
            direct = all(self.tok(i) in _APPOSITION and self.tok(i) != "(" for i in range(e, k))
            named = direct and s >= 1 and (self.tok(s - 1).lower() in _ROLE_DETERMINERS or (  # "onze vaste dierenarts"
                s >= 2 and self.tok(s - 1).isalpha() and self.tok(s - 1).islower()
                and self.tok(s - 2).lower() in _ROLE_DETERMINERS))
            return self._name_hit(k, end, kind=kind, strong=named)
        # "X, onze hostingpartij"
        if s >= 3 and self.tok(s - 1).lower() in ("onze", "ons", "de", "het", "een") and self.tok(s - 2) in (",", "("):
            start = self._backward(s - 2)
            if start < s - 2:
                return self._name_hit(start, s - 2, kind=kind)
        return None

    def _capital_before(self, i: int) -> bool:
        """The token before ``i`` is a capitalised word that does not open its sentence or list item."""
        if i == 0:
            return False
        before = self.tok(i - 1)
        return before[:1].isupper() and before.isalpha() and not self._starts_sentence(i - 1)

    def _starts_sentence(self, i: int) -> bool:
        """Token ``i`` opens its sentence or list item, where a capital proves nothing."""
        first = self.sentence(i)[0]
        while first < i and self.tok(first) in _BULLETS:
            first += 1
        return first == i

    def _name_ends_cleanly(self, end: int) -> bool:
        """A name is followed by punctuation, a line end, a verb or a preposition, not by a number."""
        if end >= self.n:
            return True
        if self._like_num is None:
            self._like_num = self.comp.like_num.of(self.view.orth_ids).tobytes()
        return not self._like_num[end]

    def _after_preposition(self, e: int, prepositions: list[str]) -> Hit | None:
        k = e
        if k < self.n and self.tok(k).lower() in prepositions:
            k += 1
            if k < self.n and self.tok(k).lower() in ("de", "het"):
                k += 1
            end = self._forward(k)
            if end > k and self._name_ends_cleanly(end):
                return self._name_hit(k, end)
        return None

    def _after_recipient_verb(self, s: int, e: int) -> Hit | None:
        """"verstrekken wij uw gegevens aan X": the first "aan"/"met"/"naar" within the clause; "schrijven we je in bij
        de Federatie X": the name after a separable verb's "in bij"."""
        comp = self.comp
        if self.tok(e - 1).lower() == "bij":
            return self._after_preposition(e - 1, ["bij"])
        for offset, orth in enumerate(self.orths[e: e + 7].tolist()):
            if orth in comp.preposition_orths:
                return self._after_preposition(e + offset, self.kb.cues["recipient_prepositions"])
            if orth in comp.clause_end_orths:
                break
        return None

    def _municipality(self, s: int, e: int) -> list[Hit]:
        """"de gemeente Deventer", "het Departement Omgeving": the body named after its prefix, in a paragraph that
        speaks of passing or receiving data; "de gemeenten Venlo en Beesel" names one body per place."""
        if s >= 2 and self.tok(s - 1).lower() == "de" and self.tok(s - 2).lower() == "namens":
            return []  # "de GGD, die namens de gemeente Apeldoorn toezicht houdt": the principal, not a recipient
        k = e
        end = self._forward(k, limit=5)
        if end <= k or not any(self._namey(i) for i in range(k, end)):
            return []
        prefix = self.tok(s).lower()
        singular = self.kb.cues["government_plurals"].get(prefix)
        while singular is not None and end + 1 < self.n and self.tok(end).lower() in ("en", "of", ",") \
                and self._namey(end + 1):
            end = self._forward(end + 1, limit=3)  # "de gemeenten Venlo, Horst en Beesel"
        if prefix == "dienst":  # "de dienst Dierenwelzijn (van de Vlaamse overheid)"; not "de dienst Mailchimp"
            if not is_dutch_word(self.tok(k), self.words):
                return []
            end = k + 1
        for j in range(k + 1, end - 1):
            if self.tok(j) == "van" and self.tok(j + 1).lower() in ("de", "het"):
                end = j  # "het Departement Omgeving van de Vlaamse overheid": the department's own name
                break
        cs, ce = self.chars(k, end)
        if not self.kb.receives(self.paragraph(cs)) or self._anonymous(k):
            return []
        if singular is None:
            return [Hit(s, end, name=f"{prefix.capitalize()} {_clean_name(self.text[cs:ce])}", kind="government",
                        strong=True)]
        hits = []
        part = k
        for j in range(k, end + 1):  # one body per place: split at "en", "of" and commas
            if j == end or self.tok(j).lower() in ("en", "of", ","):
                if j > part and self._namey(part):
                    ps, pe = self.chars(part, j)
                    name = f"{singular.capitalize()} {_clean_name(self.text[ps:pe])}"
                    hits.append(Hit(s if not hits else part, j, name=name, kind="government", strong=True))
                part = j + 1
        return hits

    def _list_items(self, intros: list[int]) -> list[Hit]:
        """Names that head the lines after "... de volgende verwerkers:" or "De co-verwerkingsverantwoordelijke is:"
        (``intros``: token indices of list-introducing words; only lines that end in a colon count)."""
        kb = self.kb
        text = self.text
        hits: list[Hit] = []
        colons = set()
        for i in intros:
            line_end = text.find("\n", self.idx.item(i))
            if line_end > 0 and text[line_end - 1] == ":":
                colons.add(line_end - 1)
        for colon in sorted(colons):
            line_start = max(text.rfind("\n", 0, colon), colon - 200) + 1
            intro = text[line_start: colon + 1]
            single = bool(kb.list_single.search(intro))
            pos = colon + 2
            table: bool | None = None  # a table under the intro: None until its header row is read
            for _ in range(25):
                while pos < len(text) and text[pos] in "\n \t":
                    pos += 1
                if pos >= len(text):
                    break
                end = text.find("\n", pos)
                end = len(text) if end < 0 else end
                line = text[pos:end]
                if len(line.split()) > 15 and not _TABLE_CHARS.search(line, 0, 60):
                    break
                if line.startswith("|"):
                    first = line.strip("| \t").split("|", 1)[0].strip().lower()
                    if table is None:  # the header: read the rows only under a column of parties ("| Partij |")
                        table = first in kb.table_party_headers
                        pos = end
                        continue
                    if not table or not first.strip("-: "):
                        pos = end
                        continue
                hit = self._line_head(pos, end)
                if hit is not None:
                    hits.append(hit)
                if single:
                    break
                pos = end
        return hits

    def _line_head(self, start: int, end: int) -> Hit | None:
        text = self.text
        bullet = _LINE_BULLET.match(text, start, end)
        offset = bullet.end() if bullet else start
        if text.startswith(("de ", "het "), offset) and bullet:
            offset = text.index(" ", offset) + 1  # "- het Centraal Informatiepunt Onderzoek Telecommunicatie (CIOT)"
        if offset >= end or not (text[offset].isupper() or text[offset].isdigit() or text[offset] in "'’‘"
                                 or text.startswith("s-", offset)):
            return None  # a name starts with a capital (or a digit, or 's-)
        k = int(self.idx.searchsorted(offset, "right")) - 1  # the token holding the (non-space) character at offset
        stop = self._forward(k)
        if stop == k + 1 and stop + 1 < self.n and self.tok(stop) == ":" and not self._valid([self.tok(k)], False):
            k = stop + 1  # "Hostingprovider: Foo Hosting": a label, the name follows the colon
            stop = self._forward(k)
        if stop <= k or not self._name_ends_cleanly(stop):
            return None
        if self._product_of_next(stop):
            return None  # "- Hypodesk, de kantoorsoftware van onze softwarepartner Kredietnet BV": the firm follows
        if stop < self.n and self.tok(stop) not in ("|", ":", "(", ",", "-", "–", "voor"):
            after = self.doc[stop]
            if not after.is_space and not after.is_punct:
                return None  # the line goes on as a sentence: "Met dienstverleners die ..."
        return self._name_hit(k, stop)

    def _product_of_next(self, stop: int) -> bool:
        """", de kantoorsoftware van onze softwarepartner X" follows the name ending at ``stop``: it names a product of
        the organisation named next, which is the third party."""
        if stop + 3 >= self.n or self.tok(stop) != "," or self.tok(stop + 1).lower() not in ("de", "het", "een"):
            return False
        for k in range(stop + 2, min(stop + 6, self.n)):
            word = self.tok(k).lower()
            if word == "van":
                return True
            if not word.isalpha():
                return False
        return False

    def _group_names(self, hits: list[Hit], controllers: list[str], kb_found: list[Found]) -> list[Found]:
        ctrl = [_name_key(c) for c in controllers]
        kb_names = {f.organisation.lower() for f in kb_found}
        groups: list[Found] = []
        keys: list[list[str]] = []
        starts = {h.start for h in hits} | {s for f in kb_found for s, _ in f.mentions}
        products = {tuple(_name_key(h.name)) for h in hits if self._named_as_product(h, starts)}
        for h in sorted(hits, key=lambda h: (-len(h.name), h.start)):
            key = _name_key(h.name)
            if tuple(key) in products:
                continue  # "Moverplan van onze softwareleverancier Verhuisdata B.V.": the maker is the third party
            if not key or h.name.lower() in kb_names or any(_is_controller(key, c) or self._same_firm(key, c)
                                                            for c in ctrl if c):
                continue
            for g, gkey in zip(groups, keys):
                if _same_name(key, gkey):
                    g.mentions.append((h.start, h.end))
                    g.country = g.country or h.country
                    g.kind = g.kind or h.kind
                    break
            else:
                groups.append(Found(h.name, None, country=h.country, kind=h.kind, mentions=[(h.start, h.end)]))
                keys.append(key)
        for g in groups:
            g.mentions.sort()
        return groups


    def _named_as_product(self, hit: Hit, starts: set[int]) -> bool:
        """Somewhere in the text the name found by ``hit`` is followed by its maker (`_product_of_following`)."""
        width = hit.end - hit.start
        orths = self.orths
        for p in numpy.flatnonzero(orths == orths.item(hit.start)).tolist():
            if p + width <= self.n and (width == 1 or orths[p:p + width].tolist() == orths[hit.start:hit.end].tolist()):
                if self._product_of_following(p + width, starts):
                    return True
        return False

    def _product_of_following(self, end: int, starts: set[int]) -> bool:
        """The name ending at ``end`` is followed by "van [onze] [softwareleverancier] X" or ", een app van X" where X
        is another organisation found in the text: it names X's product."""
        n, k = self.n, end
        if k + 2 < n and self.tok(k) == "," and self.tok(k + 1).lower() in ("de", "het", "een"):
            k += 2
            while k < min(end + 6, n) and self.tok(k).isalpha() and self.tok(k).lower() != "van":
                k += 1
        if k >= n or self.tok(k).lower() != "van":
            return False
        k += 1
        skip = self.kb.product_owner_words
        for _ in range(3):  # determiners and lower-case role words: "onze softwareleverancier", "het bedrijf"
            if k < n and (self.tok(k).lower() in skip or self.tok(k).islower()):
                k += 1
        return k in starts

    def _same_firm(self, name: list[str], controller: list[str]) -> bool:
        """"Brinkhorst Notarissen" is "Notariskantoor Brinkhorst": both hold the same proper name (a word no
        dictionary lists) and their other word names the same trade (a shared stem: "notaris")."""
        a, b = set(name), set(controller)
        shared = a & b
        if not any(len(w) >= 4 and w not in _GENERIC and not is_dutch_word(w, self.words) for w in shared):
            return False
        rest_a, rest_b = a - shared, b - shared
        if len(rest_a) != 1 or len(rest_b) != 1:
            return False
        x, y = next(iter(rest_a)), next(iter(rest_b))
        return len(x) >= 5 and len(y) >= 5 and x[:5] == y[:5]


_LEGAL_WORDS = {"bv", "b.v", "nv", "n.v", "vzw", "ltd", "limited", "inc", "llc", "gmbh", "ag", "sa", "sas", "bvba",
                "plc", "corp", "corporation", "ab", "aps", "oy", "vof", "v.o.f"}
_KEY_SKIP = {"van", "de", "der", "den", "het", "voor", "s", "en", "mijn", "my"}  # "Mijn X": X's own portal


def _name_key(name: str) -> list[str]:
    """Lower-case words of a name without legal forms and connectors, for comparing names."""
    words = re.findall(r"[\w&]+", _straight(name).lower())
    return [w for w in words if w not in _LEGAL_WORDS and w not in _KEY_SKIP]


def _same_name(a: list[str], b: list[str]) -> bool:
    """Same organisation: equal words, one name the start of the other ("FROS" / "Fros Multisport
    Vlaanderen"), or an acronym of the other ("VJJF" / "Vlaamse Ju Jitsu Federatie")."""
    if not a or not b:
        return False
    if set(a) <= set(b) or set(b) <= set(a):
        return True
    initials_a, initials_b = "".join(w[0] for w in a), "".join(w[0] for w in b)
    return (len(a) == 1 and a[0] == initials_b) or (len(b) == 1 and b[0] == initials_a) or \
        "".join(a) == "".join(b)


_GENERIC = {"stichting", "vereniging", "coöperatie", "cooperatie", "groep", "group", "holding", "nederland", "nl",
            "belgium", "belgië", "international", "europe", "benelux", "vzw", "bv", "gemeente", "provincie",
            "waterschap"}


def _is_controller(name: list[str], controller: list[str]) -> bool:
    """A name found by a cue is the controller's when it is part of the controller's name, the controller's
    name plus generic words ("Stichting", "Nederland") or followed by more words, or its acronym."""
    a, b = set(name), set(controller)
    if a <= b or (b <= a and a - b <= _GENERIC):
        return True
    if len(controller) < len(name) and name[:len(controller)] == controller:
        return True  # the controller's name and a word: its own product or legal name ("NetVeld Control")
    if len(name) == 1:
        portal = name[0].removeprefix("mijn").removeprefix("my")
        if len(portal) >= 3 and portal != name[0] and portal in controller:
            return True  # "het patiëntenportaal MijnRijnoever" of Rijnoever Ziekenhuis: its own portal
    initials_a, initials_b = "".join(w[0] for w in name), "".join(w[0] for w in controller)
    return (len(name) == 1 and name[0] == initials_b) or (len(controller) == 1 and controller[0] == initials_a)


def _non_overlapping(hits: list[Hit], taken: bytearray) -> list[Hit]:
    """Longest match first, then earliest; a token belongs to one mention (marked in ``taken``)."""
    kept = []
    for h in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if any(taken[h.start:h.end]):
            continue
        taken[h.start:h.end] = b"\x01" * (h.end - h.start)
        kept.append(h)
    return kept


@Language.factory("analyser_third_parties", default_config={})
def make_component(nlp: Language, name: str) -> ThirdPartyComponent:
    return ThirdPartyComponent(nlp)
