"""Batch runs over a corpus: bad inputs, ids, resume, the local pool, tables and template families."""

from __future__ import annotations

import io
import json
import random
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from analyser.cli import cli
from analyser.corpus import BatchInterrupted, checklist_columns, mentions_table, reports_to_frames, run_batch
from analyser.corpus.inputs import iter_items
from analyser.corpus.progress import Progress, format_duration
from analyser.corpus.tables import document_row, mention_rows
from analyser.families import template_families

TEXTS = Path(__file__).resolve().parents[1] / "corpus" / "texts"
SMALL = ["nl-017", "nl-031", "nl-040"]  # three short real statements keep these tests fast
ENGLISH = """Privacy policy

We respect your privacy. This privacy policy explains which personal data we collect when you use our
website, why we collect it and how long we keep it. We collect your name, e-mail address and IP address.
We keep your data for as long as necessary and no longer than two years. You have the right to access,
correct or delete your personal data. If you have a complaint, you can contact the supervisory authority.
"""


def text(stem: str) -> str:
    return (TEXTS / f"{stem}.txt").read_text(encoding="utf-8")


def sorted_frame(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """A table in a canonical order, its cells as strings, for comparing runs."""
    return frame.astype(str).sort_values(keys).reset_index(drop=True)


@pytest.fixture
def bad_corpus(tmp_path: Path) -> Path:
    """Three good statements and every kind of bad input the batch must survive."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    for stem in SMALL[:2]:
        shutil.copy(TEXTS / f"{stem}.txt", root)
    shutil.copy(TEXTS / f"{SMALL[2]}.txt", root / "sub")
    (root / "leeg.txt").write_bytes(b"")
    (root / "plaatje.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "english.txt").write_text(ENGLISH, encoding="utf-8")
    with (root / "enorm.txt").open("wb") as fh:
        fh.truncate(30 * 1024 * 1024)  # sparse: 30 MB on paper, nothing on disk
    pd.DataFrame({
        "id": ["rij-1", "rij-2"],
        "text": ["Wij bewaren je naam en e-mailadres zeven jaar, omdat de belastingwet dat verplicht.", None],
        "url": ["https://voorbeeld.nl/privacy", "https://leeg.nl/privacy"],
    }).to_csv(tmp_path / "rijen.csv", index=False)
    return root


# --------------------------------------------------------------------------- CLI end to end


def test_bad_inputs_are_listed_in_errors_csv_the_rest_analysed_and_exit_1(bad_corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(bad_corpus), str(tmp_path / "rijen.csv"), "--out", str(out),
                                      "--jobs", "1", "--no-model"])
    assert result.exit_code == 1, result.output
    errors = pd.read_csv(out / "errors.csv")
    assert list(errors.columns) == ["id", "source", "error"]
    messages = dict(zip(errors["id"], errors["error"], strict=True))
    assert set(messages) == {"leeg", "plaatje", "enorm", "rij-2"}
    assert "empty" in messages["leeg"]
    assert "PNG" in messages["plaatje"]
    assert "MB" in messages["enorm"] and "--max-size" in messages["enorm"]
    assert "no text" in messages["rij-2"]
    assert all("\n" not in m for m in messages.values())

    documents = pd.read_parquet(out / "documents.parquet")
    assert len(documents) == 9
    ok = documents[documents["error"].isna()]
    assert set(ok["id"]) == {"english", "nl-017", "nl-031", "sub/nl-040", "rij-1"}
    for doc_id in ok["id"]:
        assert (out / "reports" / f"{doc_id}.json").is_file()
    english = json.loads((out / "reports" / "english.json").read_text(encoding="utf-8"))
    assert english["document"]["language"] != "nl"
    assert "language_not_dutch" in [f["code"] for f in english["findings"]]
    assert (out / "summary.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert "4 failed" in result.output


def test_a_clean_batch_exits_0_and_writes_the_same_report_as_analyse(tmp_path: Path):
    from analyser import analyse

    inputs = [str(TEXTS / f"{stem}.txt") for stem in SMALL]
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", *inputs, "--out", str(out), "--jobs", "1", "--no-model"])
    assert result.exit_code == 0, result.output
    on_disk = (out / "reports" / "nl-031.json").read_text(encoding="utf-8")
    assert on_disk == analyse(TEXTS / "nl-031.txt", use_model=False).to_json()
    assert pd.read_csv(out / "errors.csv").empty
    assert not list(out.glob(".*"))  # no temp files left behind


@pytest.mark.parametrize("args", [
    ["batch", "does/not/exist.txt", "--out", "OUT"],
    ["batch", "--out", "OUT"],
    ["batch", str(TEXTS / "nl-017.txt"), "--out", "OUT", "--scheduler", "tcp://127.0.0.1:8786"],
    ["batch", str(TEXTS / "nl-017.txt"), "--out", "OUT", "--jobs", "0"],
])
def test_usage_errors_exit_2(args: list[str], tmp_path: Path):
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output


def test_a_table_without_a_text_column_is_a_usage_error(tmp_path: Path):
    table = tmp_path / "urls.csv"
    pd.DataFrame({"id": ["a"], "url": ["https://a.nl/privacy"]}).to_csv(table, index=False)
    result = CliRunner().invoke(cli, ["batch", str(table), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "text" in result.output


# --------------------------------------------------------------------------- resume


def test_resume_after_an_interruption_gives_the_tables_of_an_uninterrupted_run(bad_corpus: Path, tmp_path: Path):
    inputs = [bad_corpus, tmp_path / "rijen.csv"]
    clean = tmp_path / "clean"
    run_batch(inputs, clean, jobs=1, use_model=False, progress=False, dashboard=False)

    broken = tmp_path / "broken"
    with pytest.raises(BatchInterrupted):
        run_batch(inputs, broken, jobs=1, use_model=False, progress=False, dashboard=False, stop_after=5)
    finished = sorted((broken / "reports").rglob("*.json"))
    assert 1 <= len(finished) <= 5
    assert not (broken / "documents.parquet").exists()

    result = run_batch(inputs, broken, jobs=1, use_model=False, progress=False, dashboard=False, resume=True)
    assert result.skipped == len(finished)
    assert result.analysed + result.skipped == 5  # the five good statements, none analysed twice
    for name in ("documents.parquet", "mentions.parquet"):
        assert pd.read_parquet(broken / name).astype(str).equals(pd.read_parquet(clean / name).astype(str)), name
    assert (broken / "errors.csv").read_text() == (clean / "errors.csv").read_text()


# --------------------------------------------------------------------------- ids and inputs


def test_ids_are_unique_filesystem_safe_and_keep_the_relative_path(tmp_path: Path):
    root = tmp_path / "in"
    (root / "gemeente" / ".git").mkdir(parents=True)
    for name in ("Privacy verklaring (v2).txt", "beleid.txt", "beleid.md", "BELEID.html", "gemeente/beleid.txt",
                 "gemeente/.git/config.txt", "notities.json"):
        (root / name).write_text("Wij verwerken je naam.", encoding="utf-8")
    ids = [item.id for item in iter_items([root, root / "beleid.txt"])]
    # sorted: BELEID.html, Privacy..., beleid.md, beleid.txt; a clash ignores case (macOS, Windows)
    assert ids == ["BELEID", "Privacy_verklaring_v2", "beleid-2", "beleid-3", "gemeente/beleid", "beleid-4"]


def test_the_output_directory_inside_an_input_directory_is_not_read_back(tmp_path: Path):
    root = tmp_path / "in"
    (root / "out").mkdir(parents=True)
    shutil.copy(TEXTS / "nl-017.txt", root)
    (root / "out" / "summary.html").write_text("<h1>Samenvatting</h1><p>Oude uitvoer.</p>", encoding="utf-8")
    assert [item.id for item in iter_items([root], skip=root / "out")] == ["nl-017"]


def test_jsonl_and_parquet_tables_are_read_with_their_bad_rows(tmp_path: Path):
    jsonl = tmp_path / "verklaringen.jsonl"
    jsonl.write_text(json.dumps({"id": "een", "text": text("nl-017"), "source": "vereniging"}) + "\n\n"
                     + "{kapot\n" + json.dumps({"text": text("nl-040")}) + "\n", encoding="utf-8")
    parquet = tmp_path / "verklaringen.parquet"
    pd.DataFrame({"id": ["een", "twee"], "text": [text("nl-031"), ""]}).to_parquet(parquet)
    items = list(iter_items([jsonl, parquet]))
    assert [i.id for i in items] == ["een", "verklaringen-2", "verklaringen-3", "een-2", "twee"]
    assert items[0].source == "vereniging" and items[0].text.startswith(text("nl-017")[:20])
    assert "not valid JSON" in items[1].error
    assert items[4].error and "no text" in items[4].error


def test_analyse_corpus_takes_a_dataframe_and_returns_the_documents_table(tmp_path: Path):
    import analyser

    frame = pd.DataFrame({"id": SMALL, "text": [text(s) for s in SMALL]})
    documents = analyser.analyse_corpus(frame, jobs=1, use_model=False)
    assert list(documents["id"]) == SMALL
    assert documents["error"].isna().all()
    assert documents["words"].dtype == "Int64"


# --------------------------------------------------------------------------- the local pool


def test_two_worker_processes_give_the_tables_of_an_in_process_run(tmp_path: Path):
    inputs = [TEXTS / f"{stem}.txt" for stem in ["nl-017", "nl-024", "nl-028", "nl-031", "nl-039", "nl-040"]]
    run_batch(inputs, tmp_path / "one", jobs=1, use_model=False, progress=False, dashboard=False)
    run_batch(inputs, tmp_path / "two", jobs=2, use_model=False, progress=False, dashboard=False)
    for name, keys in (("documents.parquet", ["id"]), ("mentions.parquet", ["doc_id", "field", "value", "start"])):
        one = sorted_frame(pd.read_parquet(tmp_path / "one" / name), keys)
        two = sorted_frame(pd.read_parquet(tmp_path / "two" / name), keys)
        pd.testing.assert_frame_equal(one, two)


def test_tables_built_in_parallel_chunks_equal_the_tables_built_in_one_go(monkeypatch, bad_corpus: Path,
                                                                          tmp_path: Path):
    import analyser.corpus.batch as batch

    out = tmp_path / "out"
    run_batch([bad_corpus, tmp_path / "rijen.csv"], out, jobs=1, use_model=False, progress=False, dashboard=False)
    one_go = {name: pd.read_parquet(out / name) for name in ("documents.parquet", "mentions.parquet")}
    errors_csv = (out / "errors.csv").read_text()
    order = list(one_go["documents.parquet"]["id"])
    failed = one_go["documents.parquet"].dropna(subset=["error"])
    errors = {row.id: (row.source, row.error) for row in failed.itertuples()}
    monkeypatch.setattr(batch, "CHUNK", 2)
    assert batch.build_tables(out, order, errors, jobs=2) == len(order)
    for name, frame in one_go.items():
        pd.testing.assert_frame_equal(pd.read_parquet(out / name), frame)
    assert (out / "errors.csv").read_text() == errors_csv


def _crash_on(item, options):
    """Stands in for analyse_item in forked workers: the statement 'crash' kills its worker process."""
    import os

    from analyser.corpus.engines import Outcome

    if item.id == "crash":
        os._exit(1)
    return Outcome(item.id, item.source)


def test_a_worker_that_dies_fails_only_its_own_document(monkeypatch):
    import sys

    from analyser.corpus import engines
    from analyser.corpus.inputs import WorkItem

    if not sys.platform.startswith("linux"):
        pytest.skip("the stand-in reaches the workers through fork")
    monkeypatch.setattr(engines, "analyse_item", _crash_on)
    monkeypatch.setattr(engines, "_init_worker", lambda use_model: None)
    items = [WorkItem(id=name, source=name, text="Wij verwerken je naam.") for name in
             ["een", "twee", "crash", "drie", "vier", "vijf"]]
    outcomes = {o.id: o for o in engines.run_pool(items, engines.Options(use_model=False), jobs=2, in_flight=2)}
    assert set(outcomes) == {"een", "twee", "crash", "drie", "vier", "vijf"}
    assert "died" in outcomes["crash"].error
    assert [o.id for o in outcomes.values() if o.error] == ["crash"]


def test_a_worker_that_dies_in_a_task_of_several_documents_fails_only_its_own(monkeypatch):
    import sys

    from analyser.corpus import engines
    from analyser.corpus.inputs import WorkItem

    if not sys.platform.startswith("linux"):
        pytest.skip("the stand-in reaches the workers through fork")
    monkeypatch.setattr(engines, "analyse_item", _crash_on)
    monkeypatch.setattr(engines, "_init_worker", lambda use_model: None)
    names = [f"doc-{i}" for i in range(11)] + ["crash"] + [f"doc-{i}" for i in range(11, 20)]
    items = [WorkItem(id=name, source=name, text="Wij verwerken je naam.") for name in names]
    outcomes = list(engines.run_pool(items, engines.Options(use_model=False), jobs=2, in_flight=12, chunk=3))
    assert sorted(o.id for o in outcomes) == sorted(names)  # every document once, none lost
    assert [o.id for o in outcomes if o.error] == ["crash"]


# --------------------------------------------------------------------------- tables


DOCUMENT_COLUMNS = ["id", "source", "language", "words", "characters", "score", "band"]
TAIL_COLUMNS = ["n_data_categories", "n_retention_periods", "n_third_parties", "n_legal_bases", "n_findings",
                "n_special_categories", "data_categories", "legal_bases", "third_parties",
                "third_parties_outside_eea", "retention_min", "retention_max", "retention_indefinite", "findings",
                "last_updated", "template_family", "error"]


def test_reports_to_frames_gives_the_documented_columns(corpus_reports):
    documents, mentions = reports_to_frames(corpus_reports)
    status_columns = list(checklist_columns().values())
    assert list(documents.columns) == DOCUMENT_COLUMNS + status_columns + TAIL_COLUMNS
    assert checklist_columns()["data_categories"] == "data_categories_status"  # the list keeps the plain name
    assert checklist_columns()["retention"] == "retention"
    assert list(mentions.columns) == ["doc_id", "field", "value", "text", "start", "end", "severity"]
    assert len(documents) == len(corpus_reports)
    assert set(mentions["field"]) <= {"data_category", "retention", "third_party", "legal_basis", "checklist",
                                      "finding"}
    assert all(isinstance(v, list) for v in documents["data_categories"])
    for doc_id, report in corpus_reports.items():
        row = documents.loc[documents["id"] == doc_id].iloc[0]
        assert row["n_retention_periods"] == len(report.retention_periods)
        assert sorted(row["legal_bases"]) == sorted({b.basis for b in report.legal_bases})
        for item in report.checklist:
            assert row[checklist_columns()[item.item]] == item.status
    spans = mentions.dropna(subset=["start"])
    by_id = {r.document.id: r.text for r in corpus_reports.values()}
    for row in spans.head(200).itertuples():
        assert by_id[row.doc_id][row.start:row.end] == row.text


def test_retention_bounds_and_values_follow_the_iso_durations():
    report = {
        "document": {"id": "x", "language": "nl", "words": 10, "characters": 60},
        "score": {"value": 50.0, "band": "partial"},
        "retention_periods": [
            {"text": "zeven jaar", "duration": "P7Y", "indefinite": False, "start": 0, "end": 10},
            {"text": "zes tot twaalf maanden", "duration": "P6M", "duration_max": "P12M", "indefinite": False,
             "start": 11, "end": 33},
            {"text": "24 uur", "duration": "PT24H", "indefinite": False, "start": 34, "end": 40},
            {"text": "onbeperkt", "duration": None, "indefinite": True, "start": 41, "end": 50},
            {"text": "niet langer dan noodzakelijk", "duration": None, "indefinite": False, "start": 51, "end": 60},
        ],
        "findings": [{"code": "dpo_missing", "severity": "low", "message": "Geen FG genoemd.", "evidence": []}],
    }
    row = document_row(report)
    assert (row["retention_min"], row["retention_max"], row["retention_indefinite"]) == ("PT24H", "P7Y", True)
    rows = list(mention_rows(report))
    assert [r["value"] for r in rows if r["field"] == "retention"] == ["P7Y", "P6M", "PT24H", "indefinite",
                                                                         "criterion"]
    finding = next(r for r in rows if r["field"] == "finding")
    assert finding["text"] is None and finding["severity"] == "low"


def test_mentions_table_reads_a_batch_directory_or_rebuilds_it_from_the_reports(tmp_path: Path):
    out = tmp_path / "out"
    run_batch([TEXTS / "nl-001.txt", TEXTS / "nl-040.txt"], out, jobs=1, use_model=False, progress=False,
              dashboard=False)
    from_table = mentions_table(out)
    assert set(from_table["doc_id"]) <= {"nl-001", "nl-040"} and len(from_table) > 0
    (out / "mentions.parquet").unlink()
    rebuilt = mentions_table(out)
    pd.testing.assert_frame_equal(sorted_frame(rebuilt, ["doc_id", "field", "value", "start"]),
                                  sorted_frame(from_table, ["doc_id", "field", "value", "start"]))
    assert pq.read_schema(out / "documents.parquet").field("template_family").type == "int64"


# --------------------------------------------------------------------------- template families


def _perturbed(base: str, seed: int) -> list[str]:
    """Copies of a statement as a template would produce them: another name, shuffled and dropped paragraphs."""
    rnd = random.Random(seed)
    renamed = base.replace("Markei.nl", "Bakkerij Jansen").replace("Markei", "Jansen")
    paragraphs = renamed.split("\n\n")
    shuffled = paragraphs[:]
    rnd.shuffle(shuffled)
    trimmed = [p for i, p in enumerate(paragraphs) if i % 4 != 1]
    return [renamed, "\n\n".join(shuffled).replace("e-mailadres", "emailadres"), "\n\n".join(trimmed)]


def test_template_copies_form_one_family_and_distinct_statements_none():
    corpus = {p.stem: p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt"))}
    copies = _perturbed(corpus["seed-000"], seed=7)
    families = template_families([*corpus.values(), *copies])
    by_id = dict(zip([*corpus, "copy-1", "copy-2", "copy-3"], families, strict=True))
    family = by_id["seed-000"]
    assert family is not None
    assert by_id["copy-1"] == by_id["copy-2"] == by_id["copy-3"] == family
    assert all(f is None for doc_id, f in by_id.items() if doc_id != "seed-000" and not doc_id.startswith("copy"))


def test_families_are_numbered_in_order_of_appearance_and_need_two_members():
    a, b = text("seed-001"), text("seed-002")
    assert template_families([text("nl-017"), b, a, b + "\n\nLaatst gewijzigd: 1 maart 2024", a]) == [None, 0, 1, 0, 1]
    assert template_families(["", None, "kort"]) == [None, None, None]


# --------------------------------------------------------------------------- progress


def test_progress_prints_plain_lines_with_rate_eta_and_failures_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(10, stream=stream, interval=0.0)
    progress.update()
    progress.update(failed=True)
    progress.close()
    lines = stream.getvalue().splitlines()
    assert lines[-1].startswith("analysed 2/10 (")
    assert "docs/s, ETA " in lines[-1] and lines[-1].endswith("1 failed")
    assert format_duration(92) == "1m32s" and format_duration(3723) == "1h02m" and format_duration(7.4) == "7s"


def test_a_pipeline_that_cannot_be_built_stops_the_run_instead_of_failing_every_document(monkeypatch,
                                                                                         tmp_path: Path):
    import analyser.pipeline
    from analyser.data import DataError

    def broken(use_model: bool = True):
        raise DataError("data/checklist.json does not follow its schema at cues/0: 'pattern' is a required property")

    monkeypatch.setattr(analyser.pipeline, "get_nlp", broken)
    result = CliRunner().invoke(cli, ["batch", str(TEXTS / "nl-017.txt"), str(TEXTS / "nl-031.txt"),
                                      "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1
    assert "pipeline cannot be built" in result.output and "checklist.json" in result.output
    assert not (tmp_path / "out" / "documents.parquet").exists()
