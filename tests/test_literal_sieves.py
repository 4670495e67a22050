"""Literal sieves of the extract stages: a sieved pattern finds exactly what the plain pattern finds."""

from __future__ import annotations

import re

import pytest

from analyser.extract import legal_bases
from analyser.sieves import Sieved, sieve_clauses, sieved

TEXTS = [
    "",
    "wij maken bezwaar tegen de verwerking",
    "je hebt het recht om je toestemming in te trekken",
    "indien wij daartoe wettelijk verplicht zijn",
    "zonder uw toestemming delen wij niets",
    "de gegevens worden ten minste 7 jaar bewaard",
    "Geen Toestemming, geen bezwaar; recht op inzage (art. 15)",
]


@pytest.mark.parametrize("source", [
    r"bezwaar\b|verzet\b|intrek|in\s+te\s+trekken\b|\brecht(?:en)?\s+(?:op|om|van)\b",
    r"\b(?:indien|als|wanneer|voor\s*zover)\b",
    r"\bzonder\s+(?:\S+\s+){0,2}$",
    r"(?<!\w)(?:ten minste|minstens)\s*$",
    r"toestemm\w*\s+(?:\w+\s+)?(?:intrekken|geven)",
])
def test_sieved_pattern_finds_what_the_plain_pattern_finds(source):
    plain = re.compile(source)
    searcher = sieved(source)
    for text in TEXTS:
        for pos, endpos in ((0, len(text)), (3, len(text)), (0, max(0, len(text) - 5)), (4, 20)):
            expect = plain.search(text, pos, endpos)
            got = searcher.search(text, pos, endpos)
            assert (got and got.span()) == (expect and expect.span())
            assert [m.span() for m in searcher.finditer(text, pos, endpos)] == \
                [m.span() for m in plain.finditer(text, pos, endpos)]
        whole, expect = searcher.search(text), plain.search(text)
        assert (whole and whole.span()) == (expect and expect.span())


def test_sieve_clauses_skip_the_literal_prefix_and_case_free_parts():
    assert sieve_clauses(re.compile(r"toestemm\w*")) == ()  # the engine scans for the prefix itself
    assert sieve_clauses(re.compile(r"(?i:indien)\s+wij")) == (("wij",),)
    assert sieve_clauses(re.compile(r"toestemming", re.I)) == ()
    assert sieve_clauses(re.compile(r"overeenkomst\s+(?:uit\s+te\s+voeren|te\s+sluiten)")) == (("sluiten", "voeren"),)
    assert isinstance(sieved(r"\bzonder\s+$"), Sieved)
    assert isinstance(sieved(r"toestemm\w*"), re.Pattern)


def test_clause_bounds_from_boundary_offsets_match_splitting_the_text():
    r = legal_bases.rules()
    assert r.boundary_chars is not None
    text = "als je toestemming (art. 6) hebt gegeven, kun je die intrekken; daarna: niets"
    sent = legal_bases._Sentence(0, len(text), text, text)
    for a, b in ((3, 5), (7, 18), (19, 26), (45, 50), (0, len(text)), (60, 64)):
        left, right = sent.clause(a, b, r.boundary_chars)
        assert text[left:a] == r.boundary.split(text[:a])[-1]
        assert text[b:right] == r.boundary.split(text[b:], maxsplit=1)[0]
