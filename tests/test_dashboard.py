"""The corpus dashboard (summary.html): every chart section, escaping, self-containment, empty corpora."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from analyser.data import checklist_ids
from analyser.render.dashboard import (
    checklist_coverage,
    iso_duration_days,
    render_dashboard,
    retention_bucket,
    retention_figures,
)

SECTIONS = ("overview", "checklist", "scores", "third-parties", "retention", "data-categories", "findings",
            "template-families")
HOSTILE = "<script>alert('x')</script>"


def document(doc_id: str, score: float | None = 60.0, statuses: list[str] | None = None, **values) -> dict:
    """One row of the documents table, with the batch columns of analyser.corpus."""
    ids = checklist_ids()
    statuses = statuses or ["absent"] * len(ids)
    row = {
        "id": doc_id, "source": f"corpus/texts/{doc_id}.txt", "language": "nl", "words": 1200, "characters": 8000,
        "score": score, "band": "adequate", "n_data_categories": 0, "n_retention_periods": 0, "n_third_parties": 0,
        "n_legal_bases": 0, "n_findings": 0, "n_special_categories": 0, "data_categories": [], "legal_bases": [],
        "third_parties": [], "third_parties_outside_eea": [], "retention_min": None, "retention_max": None,
        "retention_indefinite": False, "findings": [], "last_updated": None, "template_family": None, "error": None,
    }
    row.update({("data_categories_status" if item == "data_categories" else item): status
                for item, status in zip(ids, statuses, strict=True)})
    row.update(values)
    return row


def failed(doc_id: str, error: str) -> dict:
    return document(doc_id, score=None, statuses=[None] * len(checklist_ids()), language=None, error=error)


@pytest.fixture
def corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    n = len(checklist_ids())
    documents = pd.DataFrame([
        document("webshop", 81.0, ["present"] * n, third_parties=["Google", "Mollie"],
                 third_parties_outside_eea=["Google"], data_categories=["name", "email", "health"],
                 retention_min="P6M", retention_max="P7Y", findings=["retention_missing", "dpo_missing"],
                 template_family=0),
        document("vereniging", 35.0, ["partial"] * 5 + ["absent"] * (n - 5), third_parties=["Mailchimp", "Google"],
                 third_parties_outside_eea=["Mailchimp", "Google"], data_categories=["name"],
                 retention_indefinite=True, findings=["dpo_missing"], template_family=0),
        document("school", 52.0, ["not_applicable"] + ["present"] * (n - 1), third_parties=["Microsoft"],
                 data_categories=["education"], template_family=1),
        failed("kapot", "InputError: cannot read scan.pdf"),
    ])
    mentions = pd.DataFrame([
        {"doc_id": "webshop", "field": "retention", "value": "P6M", "text": "zes maanden", "start": 10, "end": 21},
        {"doc_id": "webshop", "field": "retention", "value": "P7Y", "text": "zeven jaar", "start": 40, "end": 50},
        {"doc_id": "webshop", "field": "retention", "value": "P7Y", "text": "7 jaar", "start": 90, "end": 96},
        {"doc_id": "vereniging", "field": "retention", "value": "criterion", "text": "niet langer dan nodig",
         "start": 5, "end": 26},
        {"doc_id": "webshop", "field": "third_party", "value": "Google", "text": "Google Analytics", "start": 60,
         "end": 76},
        {"doc_id": "webshop", "field": "finding", "value": "retention_missing", "text": "", "start": 0, "end": 0},
    ])
    return documents, mentions


def section(html: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}">(.*?)</section>', html, re.S)
    assert match, f"section {section_id} missing"
    return match.group(1)


def test_every_chart_section_is_drawn_for_a_corpus(corpus):
    html = render_dashboard(*corpus)
    for section_id in SECTIONS[1:]:
        assert "<svg" in section(html, section_id), section_id
    assert html.count("<svg") >= 8  # both retention charts


def test_overview_counts_documents_failures_languages_and_median_score(corpus):
    overview = section(render_dashboard(*corpus, lang="en"), "overview")
    tiles = dict((label, value) for value, label in
                 re.findall(r'<div class="value">([^<]*)</div><div class="label">([^<]*)</div>', overview))
    assert tiles["Documents"] == "4"
    assert tiles["Analysed"] == "3"
    assert tiles["Failed"] == "1"
    assert tiles["Median score"] == "52"
    assert "cannot read scan.pdf" in overview


def test_dutch_dashboard_uses_dutch_words_and_decimal_comma(corpus):
    documents, mentions = corpus
    documents.loc[documents["id"] == "school", "score"] = 52.5
    html = render_dashboard(documents, mentions, lang="nl")
    assert "Dekking van de checklist" in html
    assert "52,5" in section(html, "overview")


def test_checklist_coverage_counts_statuses_per_item_of_analysed_documents_only(corpus):
    documents, _ = corpus
    rows = {row.label: dict(row.segments) for row in checklist_coverage(documents[documents["error"].isna()], "en")}
    identity = rows["Identity of the controller"]
    assert identity == {"present": 1, "partial": 1, "absent": 0, "not_applicable": 1}
    assert rows["Right to object"] == {"present": 2, "partial": 0, "absent": 1, "not_applicable": 0}
    # the item data_categories keeps its status in data_categories_status (the id names the list of categories)
    assert rows["Categories of personal data"] == {"present": 2, "partial": 0, "absent": 1, "not_applicable": 0}


def test_checklist_bars_show_shares_as_percentages(corpus):
    checklist = section(render_dashboard(*corpus), "checklist")
    assert "33%" in checklist and "67%" in checklist


def test_share_of_documents_naming_a_party_outside_the_eea(corpus):
    parties = section(render_dashboard(*corpus, lang="en"), "third-parties")
    assert "67%" in parties  # 2 of the 3 analysed statements
    assert "(2 of 3)" in parties
    # Google is named by two statements and seated outside the EEA: the longest bar, drawn red.
    assert re.search(r"<title>Google: 2 \(outside the EEA\)</title>", parties)
    assert "Mollie: 1</title>" in parties


def test_special_categories_are_marked(corpus):
    categories = section(render_dashboard(*corpus, lang="en"), "data-categories")
    assert "★" in categories
    assert "[health]: 1 (special)</title>" in categories
    assert "[name]: 2</title>" in categories


def test_a_long_special_category_name_keeps_its_mark(corpus):
    documents, mentions = corpus
    documents.at[0, "data_categories"] = ["criminal"]
    categories = section(render_dashboard(documents, mentions, lang="en"), "data-categories")
    assert re.search(r">[^<]*★</text>", categories)


def test_findings_are_counted_per_code_and_coloured_by_severity(corpus):
    findings = section(render_dashboard(*corpus, lang="en", severities={"dpo_missing": "high"}), "findings")
    assert "dpo_missing (high): 2" in findings
    assert "retention_missing (unknown): 1" in findings
    assert findings.index("dpo_missing") < findings.index("retention_missing")  # high severity first


def test_template_families_list_their_members_largest_first(corpus):
    families = section(render_dashboard(*corpus), "template-families")
    assert "webshop, vereniging" in families or "vereniging, webshop" in families
    assert "familie 0" in families
    assert "familie 1" not in families  # a family of one is not a shared template


def test_a_corpus_without_shared_templates_says_so(corpus):
    documents, mentions = corpus
    documents["template_family"] = None
    families = section(render_dashboard(documents, mentions, lang="en"), "template-families")
    assert "No two statements go back to the same template." in families


@pytest.mark.parametrize(("duration", "bucket"), [
    ("PT24H", "le_1m"), ("P4W", "le_1m"), ("P30D", "le_1m"), ("P6M", "le_6m"), ("P1Y", "le_1y"), ("P18M", "le_2y"),
    ("P2Y", "le_2y"), ("P7Y", "le_7y"), ("P10Y", "gt_7y"), (None, "none"), ("indefinite", "indefinite"),
    ("niet langer dan nodig", "none"),
])
def test_retention_periods_fall_in_readable_buckets(duration, bucket):
    assert retention_bucket(duration) == bucket


def test_iso_durations_are_converted_to_days():
    assert iso_duration_days("P1Y6M") == pytest.approx(365.25 + 6 * 30.44)
    assert iso_duration_days("PT24H") == pytest.approx(1.0)
    assert iso_duration_days("P") is None
    assert iso_duration_days("zeven jaar") is None


def test_retention_takes_each_statements_longest_period_and_each_stated_period_once(corpus):
    documents, mentions = corpus
    figures = retention_figures(documents[documents["error"].isna()], mentions, "en")
    per_doc = dict(figures["per_doc"])
    assert per_doc["≤ 7 years"] == 1 and per_doc["indefinite"] == 1 and per_doc["none stated"] == 1
    every = dict(figures["all"])
    assert every["≤ 6 months"] == 1 and every["≤ 7 years"] == 1  # "7 jaar" twice in one statement counts once
    assert sum(every.values()) == 2  # a criterion without a length is not a period


def test_corpus_text_is_escaped_everywhere(corpus):
    documents, mentions = corpus
    documents.loc[0, "third_parties"] = [HOSTILE]
    documents["template_family"] = documents["template_family"].astype(object)
    documents.loc[0, "template_family"] = HOSTILE
    documents.loc[1, "template_family"] = HOSTILE
    documents.loc[3, "error"] = "InputError: <img src=x onerror=alert(1)>"
    documents.loc[3, "id"] = "<b>bold</b>"
    html = render_dashboard(documents, mentions)
    assert "<script" not in html
    assert "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_dashboard_needs_no_external_resources(corpus):
    html = render_dashboard(*corpus)
    for forbidden in ("<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "http://", "https://"):
        assert forbidden not in html, forbidden
    assert html.count("<style>") == 1


@pytest.mark.parametrize("documents", [pd.DataFrame(), pd.DataFrame(columns=list(document("x").keys()))])
def test_empty_tables_give_a_page_without_charts(documents):
    html = render_dashboard(documents, pd.DataFrame(), lang="en")
    for section_id in SECTIONS:
        section(html, section_id)
    assert "<svg" not in html
    assert "No analysed documents." in html


def test_a_corpus_where_every_document_failed_is_reported_not_crashed():
    documents = pd.DataFrame([failed("a", "InputError: empty file"), failed("b", "InputError: not a PDF")])
    html = render_dashboard(documents, pd.DataFrame(columns=["doc_id", "field", "value", "text", "start", "end"]),
                            lang="en")
    overview = section(html, "overview")
    assert "not a PDF" in overview and "empty file" in overview
    assert "<svg" not in html


def test_list_cells_read_back_from_parquet_as_arrays_are_understood(corpus):
    documents, mentions = corpus
    for column in ("third_parties", "third_parties_outside_eea", "data_categories", "findings"):
        documents[column] = documents[column].map(lambda v: np.array(v, dtype=object) if v is not None else None)
    html = render_dashboard(documents, mentions, lang="en")
    assert "Google: 2 (outside the EEA)" in html


def test_unknown_dashboard_language_is_refused(corpus):
    with pytest.raises(ValueError, match="language"):
        render_dashboard(*corpus, lang="fr")


def test_dashboard_of_the_bundled_corpus_has_every_section(corpus_reports):
    """The real tables (analyser.reports_to_frames) render: the contract between the two modules holds."""
    import analyser

    documents, mentions = analyser.reports_to_frames(corpus_reports)
    html = render_dashboard(documents, mentions, lang="en")
    for section_id in SECTIONS:
        section(html, section_id)
    assert f"<div class=\"value\">{len(corpus_reports)}</div><div class=\"label\">Documents</div>" in html
    assert "<svg" in section(html, "checklist") and "<svg" in section(html, "scores")
    assert "src=" not in html and "<script" not in html
