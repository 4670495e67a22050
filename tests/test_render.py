"""The HTML and Markdown reports: same content, both languages, inert statement text, working anchors."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import lxml.html
import pytest
from bs4 import BeautifulSoup

from analyser.data import load_data, vocabulary
from analyser.render import render
from analyser.render.markdown import md_escape
from analyser.render.view import Labels, Marks
from analyser.report import (
    ChecklistItem,
    DataCategory,
    DocumentInfo,
    Finding,
    LegalBasis,
    Report,
    RetentionPeriod,
    Score,
    Section,
    Span,
    ThirdParty,
)

TEXTS = Path(__file__).resolve().parents[1] / "corpus" / "texts"

TEXT = """Privacyverklaring Bakkerij De Korenschoof

Versie: 1 maart 2024

1. Wie zijn wij?
Bakkerij De Korenschoof B.V., Dorpsstraat 12, 3811 AB Amersfoort, is verantwoordelijk voor de verwerking van \
persoonsgegevens zoals weergegeven in deze privacyverklaring. U kunt ons bereiken via privacy@korenschoof.nl of \
033-1234567.

2. Welke gegevens verwerken wij?
Wij verwerken uw naam, adresgegevens, e-mailadres, telefoonnummer en bankrekeningnummer. Als u een taart met \
allergenen bestelt, noteren wij uw allergieën.

3. Waarom verwerken wij uw gegevens?
Wij gebruiken uw gegevens om uw bestelling af te handelen en te bezorgen. Dit is nodig voor de uitvoering van de \
overeenkomst. Wij sturen u onze nieuwsbrief alleen met uw toestemming.

4. Hoe lang bewaren wij uw gegevens?
Wij bewaren uw bestelgegevens 7 jaar vanwege de fiscale bewaarplicht. Gegevens van de nieuwsbrief bewaren wij tot u \
zich afmeldt. Camerabeelden bewaren wij maximaal 4 weken. Klantgegevens bewaren wij zolang u klant bent.

5. Delen met derden
Voor de bezorging werken wij met PostNL. Onze nieuwsbrief versturen wij via Mailchimp | een verwerker in de \
Verenigde Staten.

6. Uw rechten
U heeft het recht uw gegevens in te zien, te corrigeren of te verwijderen. Ook kunt u een klacht indienen bij de \
Autoriteit Persoonsgegevens.
"""

HOSTILE = ('Privacyverklaring <script>alert("xss")</script>\n\n'
           'Wij verwerken uw naam <img src=x onerror="alert(1)"> en e-mailadres | telefoonnummer.\n\n'
           'Neem contact op via <a href="https://evil.example/">onze site</a>.\n')


def span(phrase: str, text: str = TEXT, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(phrase, start, start + len(phrase))


def checklist(evidence: dict[str, tuple[str, list[Span]]]) -> list[ChecklistItem]:
    items = []
    for c in vocabulary()["checklist"]:
        status, spans = evidence.get(c["id"], ("absent", []))
        note, note_en = {
            "absent": ("Niet gevonden in de tekst.", "Not found in the text."),
            "partial": ("Noemt de ontvanger maar niet de waarborg.", "Names the recipient but not the safeguard."),
        }.get(status, (None, None))
        items.append(ChecklistItem(c["id"], c["article"], status, spans, note, note_en, c["required"]))
    return items


def make_report(text: str = TEXT) -> Report:
    """A realistic report by hand: every kind of fact, nested and shared evidence, all four statuses."""
    rights = span("U heeft het recht uw gegevens in te zien, te corrigeren of te verwijderen.", text)
    evidence = {
        "controller_identity": ("present", [span("Bakkerij De Korenschoof B.V., Dorpsstraat 12, 3811 AB Amersfoort",
                                                 text)]),
        "controller_contact": ("present", [span("privacy@korenschoof.nl", text)]),
        "purposes": ("present", [span("Wij gebruiken uw gegevens om uw bestelling af te handelen en te bezorgen.",
                                      text)]),
        "legal_basis": ("present", [span("Dit is nodig voor de uitvoering van de overeenkomst.", text)]),
        "legitimate_interests": ("not_applicable", []),
        "recipients": ("present", [span("Voor de bezorging werken wij met PostNL.", text)]),
        "international_transfers": ("partial", [span("Mailchimp | een verwerker in de Verenigde Staten", text)]),
        "retention": ("present", [span("Wij bewaren uw bestelgegevens 7 jaar vanwege de fiscale bewaarplicht.", text),
                                  span("bewaren wij maximaal 4 weken", text)]),
        "right_access": ("present", [rights]),
        "right_rectification": ("present", [rights]),
        "right_erasure": ("present", [span("te corrigeren of te verwijderen", text)]),
        "complaint_authority": ("present", [span("Ook kunt u een klacht indienen bij de Autoriteit Persoonsgegevens.",
                                                 text)]),
        "withdraw_consent": ("partial", [span("tot u zich afmeldt", text)]),
        "policy_changes": ("present", [span("Versie: 1 maart 2024", text)]),
    }
    headings = ["Wie zijn wij?", "Welke gegevens verwerken wij?", "Waarom verwerken wij uw gegevens?",
                "Hoe lang bewaren wij uw gegevens?", "Delen met derden", "Uw rechten"]
    starts = [text.index(f"{i}. {h}") for i, h in enumerate(headings, 1)] + [len(text)]
    sections = [Section("Privacyverklaring Bakkerij De Korenschoof", 0, 0, starts[0] - 1)]
    sections += [Section(h, 1, starts[i], starts[i + 1] - 1, topics=["retention"] if i == 3 else [], number=str(i + 1))
                 for i, h in enumerate(headings)]

    def period(phrase: str, duration: str | None, **kw) -> RetentionPeriod:
        where = span(phrase, text)
        return RetentionPeriod(phrase, duration, kw.pop("indefinite", False), where.start, where.end, **kw)

    return Report(
        document=DocumentInfo(id="korenschoof", language="nl", characters=len(text), words=len(text.split()),
                              sha256="0" * 64, source="korenschoof.txt",
                              title="Privacyverklaring Bakkerij De Korenschoof", last_updated="2024-03-01"),
        sections=sections,
        data_categories=[
            DataCategory("name", False, [span("naam", text)]),
            DataCategory("email", False, [span("e-mailadres", text)]),
            DataCategory("financial", False, [span("bankrekeningnummer", text)]),
            DataCategory("health", True, [span("allergieën", text)]),
        ],
        retention_periods=[
            period("7 jaar", "P7Y", applies_to=["transactions"], trigger="end_of_fiscal_year"),
            period("tot u zich afmeldt", None, trigger="unsubscribe", applies_to=["email"]),
            period("maximaal 4 weken", "P4W", qualifier="max", applies_to=["photo_video"]),
            period("zolang u klant bent", None, indefinite=True),
        ],
        third_parties=[
            ThirdParty("PostNL", ["bezorging"], "NL", "processor", True, False, [span("PostNL", text)]),
            ThirdParty("Mailchimp", ["nieuwsbrief"], "US", "processor", True, True, [span("Mailchimp", text)]),
        ],
        legal_bases=[
            LegalBasis("contract", "6(1)(b)", [span("uitvoering van de overeenkomst", text)], ["bestelling"]),
            LegalBasis("consent", "6(1)(a)", [span("toestemming", text)], ["nieuwsbrief"]),
        ],
        checklist=checklist(evidence),
        score=Score(63.5, "fair", 12, 2, 8, 22),
        findings=[
            Finding("special_category_without_exception", "high",
                    "Er worden gezondheidsgegevens verwerkt zonder uitzonderingsgrond van art. 9 AVG.",
                    [span("noteren wij uw allergieën", text)],
                    "Health data is processed without an Art. 9 GDPR exception."),
            Finding("no_dpo", "low", "Er is geen functionaris gegevensbescherming genoemd.", [],
                    "No data protection officer is named."),
        ],
        text=text,
    )


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def statement_text(html: str) -> str:
    """The full text as a browser shows it (lxml keeps whitespace-only text nodes, BeautifulSoup may not)."""
    return lxml.html.fromstring(html).xpath('//div[@class="statement"]')[0].text_content()


def pieces_text(html: str, key: str) -> str:
    """The text of a highlighted passage, joined over every piece it was split into."""
    tree = lxml.html.fromstring(html)
    pieces = tree.xpath(f'//div[@class="statement"]//*[@data-m="{key}"][not(ancestor::*[@data-m="{key}"])]')
    return "".join(p.text_content() for p in pieces)


def bare_report(text: str) -> Report:
    """A report on any text with no facts and every item absent; tests add what they need."""
    return Report(document=DocumentInfo(id="doc", language="nl", characters=len(text), words=len(text.split()),
                                        sha256="0" * 64),
                  checklist=checklist({}), text=text)


@pytest.fixture(scope="module")
def report() -> Report:
    return make_report()


@pytest.fixture(scope="module")
def html_nl(report) -> str:
    return render(report, "html", "nl")


# --- Markdown ---------------------------------------------------------------------------------------------------

def test_markdown_has_score_findings_checklist_and_fact_tables_in_dutch(report):
    md = render(report, "markdown", "nl")
    for heading in ("## Score", "## Bevindingen", "## Checklist AVG art. 13/14", "### Categorieën persoonsgegevens",
                    "### Bewaartermijnen", "### Derden", "### Rechtsgronden", "## Structuur van de verklaring"):
        assert heading in md
    assert "**63,5 van 100** — matig" in md
    assert "Er worden gezondheidsgegevens verwerkt" in md
    assert "| 7 jaar |" not in md and "**7 jaar** `P7Y`" in md
    assert "maximaal 4 weken" in md and "onbepaalde tijd" in md
    assert "“Wij bewaren uw bestelgegevens 7 jaar vanwege de fiscale bewaarplicht.”" in md


def test_markdown_checklist_lists_all_25_items_in_vocabulary_order(report):
    md = render(report, "markdown", "nl")
    rows = [line for line in md.splitlines() if re.match(r"^\| \d+ \|", line)]
    labels = [c["nl"] for c in vocabulary()["checklist"]]
    assert len(rows) == len(labels) == 25
    for row, label in zip(rows, labels):
        assert label in row
    assert "✘ Ontbreekt" in rows[2] and "– Niet van toepassing" in rows[5] and "◐ Gedeeltelijk" in rows[7]


def test_markdown_in_english_uses_english_labels_and_messages(report):
    md = render(report, "md", "en")
    assert "## Findings" in md and "Identity of the controller" in md and "**63.5 out of 100** — fair" in md
    assert "Health data is processed without an Art. 9 GDPR exception." in md
    assert "Er worden gezondheidsgegevens" not in md  # the Dutch message is replaced, not repeated
    assert "7 years" in md and "at most 4 weeks" in md and "United States (US)" in md


def test_markdown_escapes_pipes_so_table_rows_keep_their_columns(report):
    md = render(report, "markdown", "nl")
    row = next(line for line in md.splitlines() if line.startswith("| 8 |"))
    assert "Mailchimp \\| een verwerker" in row
    assert len(re.findall(r"(?<!\\)\|", row)) == 7  # six cells


def test_markdown_escapes_html_and_markdown_syntax_from_the_statement():
    hostile = make_hostile_report()
    md = render(hostile, "markdown", "nl")
    assert not re.search(r"(?<!\\)<(?!br>)", md)  # every "<" from the statement is backslash-escaped
    assert not re.search(r"(?<!\\)\[", md)
    assert "\\<script\\>alert(\"xss\")\\</script\\>" in md
    assert md_escape("[klik](javascript:alert(1))") == "\\[klik\\](javascript:alert(1))"
    assert md_escape("1. eerste punt") == "1\\. eerste punt"
    assert md_escape("63.5") == "63.5"


# --- HTML: content ----------------------------------------------------------------------------------------------

def test_html_has_header_score_findings_checklist_facts_outline_and_full_text(html_nl):
    page = soup(html_nl)
    assert page.html["lang"] == "nl"
    assert page.h1.get_text() == "Privacyverklaring Bakkerij De Korenschoof"
    header = page.select_one("header").get_text(" ")
    assert "korenschoof" in header and "1 maart 2024" in header and "Nederlands" in header
    assert "63,5" in page.select_one("#score").get_text() and "matig" in page.select_one("#score").get_text()
    severities = [h.get_text(" ", strip=True) for h in page.select("#findings h3")]
    assert severities == ["Hoog (1)", "Laag (1)"]
    for anchor in ("#data-categories", "#retention", "#third-parties", "#legal-bases", "#sections", "#text"):
        assert page.select_one(anchor) is not None
    outline = [li.get_text(" ", strip=True) for li in page.select("ol.outline li")]
    assert outline[0] == "Privacyverklaring Bakkerij De Korenschoof" and outline[4].startswith("4 Hoe lang bewaren")


def test_html_checklist_has_every_item_in_order_with_a_text_status(html_nl):
    page = soup(html_nl)
    rows = page.select("#checklist-table tbody tr")
    assert [r["data-item"] for r in rows] == [c["id"] for c in vocabulary()["checklist"]]
    statuses = {r["data-item"]: r.select_one(".status").get_text(strip=True) for r in rows}
    assert statuses["controller_identity"] == "✔Aanwezig"
    assert statuses["dpo_contact"] == "✘Ontbreekt"
    assert statuses["international_transfers"] == "◐Gedeeltelijk"
    assert statuses["legitimate_interests"] == "–Niet van toepassing"
    assert "Niet gevonden in de tekst." in rows[2].get_text()
    assert "aanbevolen" in page.select_one('tr[data-item="cookies"]').get_text()


def test_html_fact_tables_show_special_categories_durations_and_eea(html_nl):
    page = soup(html_nl)
    special = [tr.get_text(" ", strip=True) for tr in page.select("#facts tr.special")]
    assert len(special) == 1 and special[0].startswith("Gezondheid")
    retention = page.select_one("#retention").find_next("table").get_text(" ", strip=True)
    for words in ("7 jaar", "einde boekjaar", "maximaal 4 weken", "criterium, geen termijn", "afmelding",
                  "onbepaalde tijd", "Bestellingen en transacties"):
        assert words in retention
    parties = page.select_one("#third-parties").find_next("table")
    mailchimp = next(tr for tr in parties.select("tbody tr") if "Mailchimp" in tr.get_text())
    assert "buiten de EER" in mailchimp.get_text() and "Verenigde Staten (US)" in mailchimp.get_text()
    bases = page.select_one("#legal-bases").find_next("table").get_text(" ", strip=True)
    assert "Uitvoering van een overeenkomst" in bases and "6(1)(a)" in bases and "nieuwsbrief" in bases


def test_html_in_english(report):
    page = soup(render(report, "html", "en"))
    assert page.html["lang"] == "en"
    assert page.select_one("#findings-h").get_text() == "Findings"
    assert "Health data is processed without an Art. 9 GDPR exception." in page.get_text()
    assert "Er worden gezondheidsgegevens" not in page.select_one("#findings").get_text()
    row = page.select_one('tr[data-item="dpo_contact"]').get_text(" ", strip=True)
    assert "Contact details of the data protection officer" in row and "Absent" in row
    assert "Not found in the text." in row
    assert "1 March 2024" in page.select_one("header").get_text()
    assert "outside the EEA" in page.get_text() and "7 years" in page.get_text()
    # the statement itself is not translated
    assert "Wij bewaren uw bestelgegevens" in page.select_one(".statement").get_text()


# --- HTML: anchors and the full text -----------------------------------------------------------------------------

def test_html_full_text_is_the_statement_unchanged(html_nl, report):
    assert statement_text(html_nl) == report.text


def test_every_evidence_link_jumps_to_a_mark_around_exactly_its_passage(html_nl, report):
    page = soup(html_nl)
    links = page.select("a.quote")
    assert len(links) >= 20
    for link in links:
        key = link["href"].lstrip("#")
        target = page.find(id=key)
        assert target is not None and target.name == "mark" and target.find_parent(class_="statement")
        start, end = (int(n) for n in key.split("-")[1:])
        assert pieces_text(html_nl, key) == report.text[start:end]
        assert link.get_text().strip("“”").rstrip("…") in report.text[start:end]
    rights = page.select_one('tr[data-item="right_rectification"] a.quote')["href"]
    assert rights == page.select_one('tr[data-item="right_access"] a.quote')["href"]  # one mark, shared
    assert len(page.select(f"{rights}")) == 1


def test_marks_nest_inside_evidence_and_carry_what_they_are_evidence_for(html_nl):
    page = soup(html_nl)
    rights = page.find("mark", string=None, attrs={"title": re.compile("Recht op inzage")})
    assert "Recht op rectificatie" in rights["title"]
    inner = rights.find("mark")
    assert inner is not None and inner.get_text() == "te corrigeren of te verwijderen"


def test_crossing_evidence_spans_are_split_into_balanced_pieces():
    text = "Wij bewaren uw gegevens zeven jaar. Daarna verwijderen wij ze."
    first = Span("Wij bewaren uw gegevens zeven jaar", 0, 34)
    second = Span("zeven jaar. Daarna verwijderen wij", 24, 58)
    third = Span("gegevens zeven", 15, 29)
    marks = Marks(text)
    for s in (first, second, third):
        marks.add(s, "ev", "x")
    depth, seen = 0, []
    for piece in marks.pieces():
        if piece.kind == "open":
            depth += 1
            seen.append((piece.key, piece.id))
        elif piece.kind == "close":
            depth -= 1
        assert depth >= 0
    assert depth == 0
    assert [p.text for p in marks.pieces() if p.kind == "text"] and \
        "".join(p.text for p in marks.pieces() if p.kind == "text") == text
    ids = [i for _, i in seen if i]
    assert sorted(ids) == sorted({k for k, _ in seen})  # exactly one id per passage
    report = bare_report(text)
    report.checklist[0].evidence = [first]
    report.checklist[1].evidence = [second]
    report.checklist[2].evidence = [third]
    html = render(report, "html", "nl")
    assert statement_text(html) == text
    for s in (first, second, third):
        key = f"ev-{s.start}-{s.end}"
        assert soup(html).find(id=key) is not None and pieces_text(html, key) == s.text


def test_span_with_stale_offsets_is_found_by_its_text_or_left_unlinked():
    marks = Marks("Wij bewaren uw gegevens zeven jaar.")
    assert marks.add(Span("zeven jaar", 0, 10), "ev").anchor == "ev-24-34"
    unlinked = marks.add(Span("tien jaar", 0, 9), "ev")
    assert unlinked.anchor is None and unlinked.text == "tien jaar"
    assert marks.add(Span("", 5, 999), "ev").anchor is None


# --- HTML: safety and self-containment ---------------------------------------------------------------------------

def make_hostile_report() -> Report:
    report = bare_report(HOSTILE)
    script = span('<script>alert("xss")</script>', HOSTILE)
    img = span('<img src=x onerror="alert(1)">', HOSTILE)
    report.checklist[0].evidence = [script]
    report.checklist[1].evidence = [span('<a href="https://evil.example/">onze site</a>', HOSTILE)]
    report.checklist[3].evidence = [img]
    report.checklist[3].note = '<script>alert("note")</script>'
    report.findings = [Finding("x", "high", '<img src=x onerror="alert(2)">', [img], "x")]
    report.third_parties = [ThirdParty('Evil <b onmouseover="alert(3)">Corp</b>', ["<script>"], "US",
                                       mentions=[script])]
    report.document.title = '<script>alert("title")</script>'
    report.sections = [Section('<script>alert("xss")</script>', 0, 0, 40)]
    return report


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_statement_markup_renders_as_inert_text(lang):
    html = render(make_hostile_report(), "html", lang)
    page = soup(html)
    scripts = page.find_all("script")
    assert len(scripts) == 1 and "alert" not in scripts[0].get_text()  # only the report's own script
    assert page.find(attrs={"onerror": True}) is None and page.find(attrs={"onmouseover": True}) is None
    assert page.find("img") is None and page.find("b") is None
    assert not page.select('.statement a, a[href^="http"]')
    assert '<script>alert("xss")</script>' in statement_text(html)
    assert "&lt;script&gt;" in html and 'onerror="alert' not in html
    assert page.title.get_text().endswith('<script>alert("title")</script>')


def test_html_loads_nothing_from_outside(html_nl):
    page = soup(html_nl)
    assert not page.find_all("link") and not page.find_all("img") and not page.find_all("iframe")
    for el in page.find_all(src=True):
        pytest.fail(f"element with src: {el}")
    assert all(a["href"].startswith("#") for a in page.find_all(href=True))
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html_nl, re.I)
    assert "@import" not in html_nl and "url(" not in html_nl
    style = page.style.get_text()
    assert "@media print" in style


def test_content_security_policy_allows_only_the_inline_script_by_hash(html_nl):
    page = soup(html_nl)
    csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    script = page.find("script").string
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp


# --- labels, languages, round trip -------------------------------------------------------------------------------

@pytest.mark.parametrize(("iso", "nl", "en"), [
    ("P6M", "6 maanden", "6 months"), ("P1Y", "1 jaar", "1 year"), ("P7Y", "7 jaar", "7 years"),
    ("P1Y6M", "1 jaar en 6 maanden", "1 year and 6 months"), ("PT24H", "24 uur", "24 hours"),
    ("P2W", "2 weken", "2 weeks"), ("P1D", "1 dag", "1 day"), ("P1.5Y", "1,5 jaar", "1.5 years"),
    ("onbekend", "onbekend", "onbekend"),
])
def test_iso_durations_in_words(iso, nl, en):
    assert Labels("nl").duration(iso) == nl
    assert Labels("en").duration(iso) == en


def test_labels_cover_every_vocabulary_id():
    labels = load_data("labels")
    vocab = vocabulary()
    assert {c["id"] for c in vocab["data_categories"]} <= set(labels["data_categories"])
    assert {b["id"] for b in vocab["legal_bases"]} <= set(labels["legal_bases"])
    assert all(c["nl"] and c["en"] for c in vocab["checklist"])


def test_unknown_ids_fall_back_to_readable_text():
    report = make_report()
    report.score.band = "Zeer Goed"
    report.third_parties[0].kind = "payment_provider"
    report.retention_periods[0].trigger = "einde van het schooljaar"
    html = render(report, "html", "en")
    assert "Zeer Goed" in html and "payment provider" in html and "einde van het schooljaar" in html


def test_unknown_format_or_language_is_refused(report):
    with pytest.raises(ValueError, match="format"):
        render(report, "pdf")
    with pytest.raises(ValueError, match="language"):
        render(report, "html", "de")


def test_report_read_back_from_json_renders_the_same(report):
    again = Report.from_json(report.to_json())
    assert render(again, "html", "nl") == render(report, "html", "nl")
    assert render(again, "markdown", "en") == render(report, "markdown", "en")


def test_report_without_its_text_renders_quotes_unlinked(report):
    bare = Report.from_dict({**report.to_dict(), "text": ""})
    page = soup(render(bare, "html", "en"))
    assert page.select_one(".statement") is None and "not included in this report" in page.get_text()
    assert not page.select("a.quote") and len(page.select("span.quote")) >= 20


def test_cli_writes_a_markdown_report_in_english(tmp_path):
    from click.testing import CliRunner

    from analyser.cli import cli

    out = tmp_path / "seed-000.md"
    result = CliRunner().invoke(cli, ["analyse", str(TEXTS / "seed-000.txt"), "--format", "md", "--lang", "en",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# GDPR report on privacy statement")


def test_analysed_corpus_statements_render_in_both_formats(corpus_reports):
    for real in corpus_reports.values():
        html = render(real, "html", "en")
        assert statement_text(html) == real.text
        tree = lxml.html.fromstring(html)
        assert all(tree.get_element_by_id(a.get("href")[1:], None) is not None for a in tree.xpath("//a[@href]"))
    real = corpus_reports["seed-000"]
    page = soup(render(real, "html", "nl"))
    assert len(page.select("#checklist-table tbody tr")) == len(real.checklist) == 25
    html = render(real, "html", "nl")
    assert statement_text(html) == real.text
    for link in page.select("a.quote"):
        assert page.find(id=link["href"][1:]) is not None
    md = render(real, "markdown", "en")
    assert md.startswith("# GDPR report on privacy statement") and md.count("\n| ") >= 26
