"""Floors on the fresh development sets: statements written and annotated independently of the rules.

`corpus/dev2` … `corpus/dev17` were annotated without looking at the analyser; the first measurement of
each, before any rule was changed for it, is recorded in its README. The floors below pin what the rules
reach now, so that a change made for one text cannot quietly cost accuracy on the others.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyser.evaluate import Evaluation, score_document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# documents per set
SETS = {"dev2": 10, "dev3": 8, "dev4": 10, "dev5": 10, "dev6": 8, "dev7": 9, "dev8": 8, "dev9": 8, "dev10": 8,
        "dev11": 8, "dev12": 8, "dev13": 8, "dev14": 8, "dev15": 8, "dev16": 8, "dev17": 8}

# F1 per field, rules only, as measured on 2026-11-23 (session 10); the comments give the values reached,
# dev2 ... dev17.
# Third parties in dev2, dev4 and dev7 went down in session 9 on purpose: an organisation known by an acronym is named
# as the statement names it first, and Freshdesk as Freshworks, as most gold files do; those three sets' annotators
# kept "BKR", "FIU-Nederland" and "Freshdesk".
_SETS = ("dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14",
         "dev15", "dev16", "dev17")
FLOORS = {
    "headings": dict(zip(_SETS, (0.99,) * 16)),
    # 1.0 everywhere
    "data_categories": dict(zip(_SETS, (0.97, 0.96, 0.96, 0.98, 0.93, 0.98, 0.98, 0.97, 0.98, 0.97, 0.94, 0.95, 0.98,
                                        0.96, 0.97, 0.97))),
    # .979 .969 .964 .986 .933 .983 .982 .980 .986 .973 .949 .957 .988 .969 .977 .977
    "retention": dict(zip(_SETS, (0.98, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.98,
                                  0.98, 0.99))),
    # .989 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 .986 .983 1.0
    "third_parties": dict(zip(_SETS, (0.98, 0.97, 0.98, 0.97, 0.99, 0.96, 0.99, 0.99, 0.94, 0.95, 0.98, 0.97, 0.98,
                                      0.98, 0.97, 0.97))),
    # .986 .981 .982 .971 1.0 .962 1.0 1.0 .943 .960 .987 .977 .980 .981 .976 .977
    "legal_bases": dict(zip(_SETS, (0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.98,
                                    0.99, 0.98, 0.99))),
    # 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 .981 1.0 .980 1.0
    "checklist": dict(zip(_SETS, (0.99,) * 16)),
    # .998 .997 .998 1.0 .997 .997 1.0 1.0 .997 .994 .997 1.0 1.0 1.0 .994 .997
}
MISSING_FLOORS = dict(zip(_SETS, ((0.96, 1.0), (0.96, 1.0), (0.99, 1.0), (0.99, 1.0), (0.99, 1.0), (0.99, 1.0),
                                  (0.99, 1.0), (0.99, 1.0), (0.99, 0.95), (0.96, 1.0), (0.99, 1.0), (0.99, 1.0),
                                  (0.99, 1.0), (0.99, 1.0), (0.96, 1.0), (0.99, 0.96))))


@pytest.fixture(scope="module")
def evaluations() -> dict[str, Evaluation]:
    from analyser import analyse

    out = {}
    for name in SETS:
        evaluation = Evaluation()
        for gold_path in sorted((CORPUS / name / "gold").glob("*.json")):
            report = analyse(CORPUS / name / "texts" / f"{gold_path.stem}.txt", use_model=False)
            score_document(report, json.loads(gold_path.read_text(encoding="utf-8")), evaluation)
        out[name] = evaluation
    return out


@pytest.mark.parametrize("name", list(SETS))
def test_the_fresh_development_sets_are_complete(evaluations, name):
    assert len(evaluations[name].documents) == SETS[name]


@pytest.mark.parametrize("name", list(SETS))
@pytest.mark.parametrize("field", list(FLOORS))
def test_fresh_development_set_f1_floor(evaluations, name, field):
    evaluation = evaluations[name]
    counts = evaluation.fields[field]
    errors = [(d.id, d.errors[field]) for d in evaluation.documents if field in d.errors]
    assert counts.f1 >= FLOORS[field][name], (counts.as_dict(), errors)


@pytest.mark.parametrize("name", list(SETS))
def test_fresh_development_set_missing_items_floor(evaluations, name):
    missing = evaluations[name].fields["missing"]
    precision, recall = MISSING_FLOORS[name]
    assert missing.precision >= precision and missing.recall >= recall, missing.as_dict()
    assert evaluations[name].item_macro_f1 >= 0.97
