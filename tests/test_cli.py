"""The command line: reports on stdout or in a file; bad input gets one line on stderr and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "analyser" / "data" / "report.schema.json").read_text(encoding="utf-8"))


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analyser", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> dict[str, list[str]]:
    d = tmp_path_factory.mktemp("bad")
    (d / "leeg.txt").write_bytes(b"")
    (d / "ruis.txt").write_bytes(bytes(range(256)) * 20)
    (d / "plaatje.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (d / "nep.pdf").write_text("geen pdf", encoding="utf-8")
    (d / "nep.docx").write_text("geen docx", encoding="utf-8")
    (d / "brief.rtf").write_text("{\\rtf1}", encoding="utf-8")
    (d / "groot.txt").write_text("Wij bewaren uw gegevens. " * 2000, encoding="utf-8")
    return {
        "missing path": ["analyse", str(d / "bestaat-niet.txt")],
        "directory": ["analyse", str(d)],
        "empty file": ["analyse", str(d / "leeg.txt")],
        "random bytes": ["analyse", str(d / "ruis.txt")],
        "png renamed": ["analyse", str(d / "plaatje.txt")],
        "fake pdf": ["analyse", str(d / "nep.pdf")],
        "fake docx": ["analyse", str(d / "nep.docx")],
        "unsupported extension": ["analyse", str(d / "brief.rtf")],
        "over the size limit": ["analyse", "--max-size", "10kB", str(d / "groot.txt")],
    }


@pytest.mark.parametrize("case", ["missing path", "directory", "empty file", "random bytes", "png renamed",
                                  "fake pdf", "fake docx", "unsupported extension", "over the size limit"])
def test_bad_input_gets_one_line_and_exit_2(bad_inputs, case):
    result = run(*bad_inputs[case])
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_analyse_prints_a_schema_valid_json_report():
    result = run("analyse", "corpus/texts/seed-004.txt", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["document"]["id"] == "seed-004"
    assert report["sections"][0]["heading"] == "Privacyverklaring"


def test_analyse_output_option_writes_the_file(tmp_path):
    out = tmp_path / "rapport.json"
    result = run("analyse", "corpus/texts/nl-017.txt", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), SCHEMA)


def test_evaluate_prints_precision_recall_f1_per_field():
    result = run("evaluate", "--gold", "corpus/gold", "--texts", "corpus/texts", "--model", "off", "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    fields = next(iter(scores.values()))["fields"]
    assert set(fields) >= {"headings", "data_categories", "retention", "third_parties", "legal_bases",
                           "checklist", "missing"}
    assert fields["headings"]["f1"] >= 0.99


def test_evaluate_without_texts_or_reports_is_a_usage_error():
    result = run("evaluate", "--gold", "corpus/gold")
    assert result.returncode == 2
    assert "give --texts" in result.stderr


def test_python_module_and_api_agree():
    import analyser

    report = analyser.analyse(ROOT / "corpus" / "texts" / "nl-031.txt")
    result = run("analyse", "corpus/texts/nl-031.txt")
    assert json.loads(result.stdout)["sections"] == report.to_dict()["sections"]
