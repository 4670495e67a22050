"""Every bundled statement gives a report that follows the JSON contract and round-trips."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from analyser import Report, analyse

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "analyser" / "data" / "report.schema.json")
                    .read_text(encoding="utf-8"))


def test_every_corpus_report_validates_against_the_schema(corpus_reports):
    assert len(corpus_reports) == 25
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for doc_id, report in corpus_reports.items():
        errors = list(validator.iter_errors(json.loads(report.to_json())))
        assert not errors, f"{doc_id}: {errors[0].message}"


def test_offsets_point_into_the_extracted_text(corpus_reports):
    for report in corpus_reports.values():
        text = report.text
        for section in report.sections:
            assert 0 <= section.start < section.end <= len(text)
            if section.heading:
                assert text[section.start:].startswith(section.heading)
        spans = [m for d in report.data_categories for m in d.mentions]
        spans += [m for t in report.third_parties for m in t.mentions]
        spans += [m for b in report.legal_bases for m in b.mentions]
        spans += [e for c in report.checklist for e in c.evidence]
        for span in spans:
            assert text[span.start:span.end] == span.text


def test_report_round_trips_through_json(corpus_reports):
    report = corpus_reports["seed-000"]
    again = Report.from_json(report.to_json())
    assert again.to_dict() == report.to_dict()


def test_non_dutch_statement_gets_a_report_with_a_language_finding():
    report = analyse("Privacy policy\n\nWe collect your name and e-mail address when you contact us. "
                     "We keep this data for two years and we do not share it with third parties.")
    assert report.document.language == "en"
    assert any(f.code == "language_not_dutch" for f in report.findings)


def test_analyse_accepts_text_and_paths(tmp_path):
    path = tmp_path / "verklaring.txt"
    text = "Privacyverklaring\n\nWij bewaren uw naam en e-mailadres zeven jaar."
    path.write_text(text, encoding="utf-8")
    by_path = analyse(path)
    by_str = analyse(str(path))
    by_text = analyse(text)
    assert by_path.document.id == by_str.document.id == "verklaring"
    assert by_text.text == by_path.text
    assert by_path.document.sha256 == by_text.document.sha256
