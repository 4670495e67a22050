"""Loading: every supported format becomes normalised text with heading hints; bad input fails clearly."""

from __future__ import annotations

import io
import zipfile

import pytest

from analyser.loading import InputError, load_bytes, load_path, normalise

STATEMENT = (
    "Privacyverklaring\n\nStichting De Linde coördineert de ledenadministratie en verwerkt reële "
    "persoonsgegevens.\n\nBewaartermijn\n\nWij bewaren uw gegevens zeven jaar.\n"
)


def test_cp1252_file_keeps_diaeresis(tmp_path):
    path = tmp_path / "oud.txt"
    path.write_bytes(STATEMENT.encode("cp1252"))
    text = load_path(path).text
    assert "coördineert" in text and "reële" in text


def test_utf8_with_bom_loses_the_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STATEMENT.encode("utf-8"))
    text = load_path(path).text
    assert text.startswith("Privacyverklaring") and "coördineert" in text


def test_latin1_only_bytes_decode(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Wij verwerken geen gegevens van cliënten.\x81".encode("latin-1"))
    assert "cliënten" in load_path(path).text


def test_normalise_crlf_nbsp_zero_width_soft_hyphen_and_form_feed():
    raw = "Privacy\u00adverklaring\r\n\r\nWij\u00a0bewaren\u200b uw gegevens.\fVolgende pagina\r"
    assert normalise(raw) == "Privacyverklaring\n\nWij bewaren uw gegevens.\nVolgende pagina"


def test_decomposed_umlaut_is_composed():
    assert normalise("coo\u0308rdineren") == "coördineren"


HTML = """<!doctype html><html><head><title>t</title><style>p{}</style><script>alert('x')</script></head>
<body><nav><a href="/">Home</a> <a href="/contact">Contact</a></nav>
<div id="cookie-notice">Deze website gebruikt cookies. <button>Akkoord</button></div>
<main><h1>Privacyverklaring Bakkerij De Korrel</h1>
<p>Bakkerij De Korrel is verantwoordelijk voor de verwerking van persoonsgegevens.</p>
<h2>Welke gegevens verwerken wij?</h2><ul><li>Naam</li><li>E-mailadres</li></ul>
<p><strong>Bewaartermijn</strong></p><p>Wij bewaren uw gegevens zeven jaar.</p></main>
<footer>© 2024 Bakkerij De Korrel</footer></body></html>"""


def test_html_drops_script_style_navigation_footer_and_cookie_banner(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(HTML, encoding="utf-8")
    loaded = load_path(path)
    assert "alert" not in loaded.text and "p{}" not in loaded.text
    assert "Home" not in loaded.text and "Akkoord" not in loaded.text and "©" not in loaded.text
    assert "- Naam\n- E-mailadres" in loaded.text


def test_html_headings_become_hinted_heading_lines(tmp_path):
    path = tmp_path / "p.htm"
    path.write_text(HTML, encoding="utf-8")
    loaded = load_path(path)
    hinted = [(loaded.text[h.start:h.end], h.level) for h in loaded.heading_hints]
    assert hinted == [("Privacyverklaring Bakkerij De Korrel", 1), ("Welke gegevens verwerken wij?", 2),
                      ("Bewaartermijn", 4)]


def test_markdown_headings_lists_and_emphasis(tmp_path):
    path = tmp_path / "p.md"
    path.write_text("---\ntitle: x\n---\n# Privacyverklaring\n\nWij zijn **Stichting Test**.\n\n"
                    "## Welke gegevens?\n\n* Naam\n* [E-mailadres](mailto:a@b.nl)\n\nBewaartermijn\n-------------\n\n"
                    "Wij bewaren alles kort.\n", encoding="utf-8")
    loaded = load_path(path)
    assert "**" not in loaded.text and "title: x" not in loaded.text
    assert "- Naam\n- E-mailadres" in loaded.text
    assert [loaded.text[h.start:h.end] for h in loaded.heading_hints] == [
        "Privacyverklaring", "Welke gegevens?", "Bewaartermijn"]


def test_a_txt_file_written_in_markdown_is_read_as_markdown(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("# Privacyverklaring Voltvlak\n\n## Wie zijn wij\n\nVoltvlak B.V. levert laadpassen.\n\n"
                    "### Laadsessies\n\nWij bewaren je laadsessies zeven jaar.\n", encoding="utf-8")
    loaded = load_path(path)
    assert "#" not in loaded.text
    assert [loaded.text[h.start:h.end] for h in loaded.heading_hints] == [
        "Privacyverklaring Voltvlak", "Wie zijn wij", "Laadsessies"]
    one_hash = tmp_path / "q.txt"
    one_hash.write_text("Privacyverklaring\n\n# 1 in de regio: wij bewaren je gegevens kort.\n", encoding="utf-8")
    assert "# 1 in de regio" in load_path(one_hash).text  # one '#' line is no Markdown


def _docx_bytes() -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Privacyverklaring Sportclub", level=1)
    document.add_paragraph("Sportclub Vooruit verwerkt persoonsgegevens van leden.")
    document.add_heading("Welke gegevens", level=2)
    document.add_paragraph("Naam", style="List Bullet")
    document.add_paragraph("Geboortedatum", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Mollie"
    table.rows[0].cells[1].text = "Betalingen"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_heading_styles_lists_and_tables(tmp_path):
    path = tmp_path / "p.docx"
    path.write_bytes(_docx_bytes())
    loaded = load_path(path)
    assert [loaded.text[h.start:h.end] for h in loaded.heading_hints] == ["Privacyverklaring Sportclub",
                                                                          "Welke gegevens"]
    assert "- Naam\n- Geboortedatum" in loaded.text
    assert "Mollie | Betalingen" in loaded.text


def _pdf_bytes(lines: list[str]) -> bytes:
    canvas_mod = pytest.importorskip("reportlab.pdfgen.canvas")
    buffer = io.BytesIO()
    canvas = canvas_mod.Canvas(buffer)
    y = 800
    for line in lines:
        canvas.drawString(72, y, line)
        y -= 20
    canvas.save()
    return buffer.getvalue()


def test_pdf_text_layer(tmp_path):
    path = tmp_path / "p.pdf"
    path.write_bytes(_pdf_bytes(["Privacyverklaring", "", "Wij bewaren uw naam zeven jaar."]))
    text = load_path(path).text
    assert "Privacyverklaring" in text and "zeven jaar" in text


# ----------------------------------------------------------------------------- bad input


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_path(tmp_path / "weg.txt")


def test_directory_is_refused(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        load_path(tmp_path)


def test_empty_file(tmp_path):
    path = tmp_path / "leeg.txt"
    path.write_bytes(b"  \n\n")
    with pytest.raises(InputError, match="empty"):
        load_path(path)


def test_random_bytes_are_binary(tmp_path):
    import random

    rng = random.Random(7)
    path = tmp_path / "ruis.txt"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    with pytest.raises(InputError, match=r"binary|does not look like text"):
        load_path(path)


def test_png_renamed_to_txt(tmp_path):
    path = tmp_path / "plaatje.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(InputError, match="PNG image"):
        load_path(path)


def test_fake_pdf(tmp_path):
    path = tmp_path / "nep.pdf"
    path.write_text("Dit is geen PDF maar gewone tekst.", encoding="utf-8")
    with pytest.raises(InputError, match="not a PDF"):
        load_path(path)


def test_damaged_pdf(tmp_path):
    path = tmp_path / "kapot.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    with pytest.raises(InputError, match="PDF"):
        load_path(path)


def test_fake_docx(tmp_path):
    path = tmp_path / "nep.docx"
    path.write_text("Dit is geen Word-document.", encoding="utf-8")
    with pytest.raises(InputError, match="not a DOCX"):
        load_path(path)


def test_zip_that_is_not_a_docx(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hallo.txt", "hallo")
    path = tmp_path / "archief.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="DOCX"):
        load_path(path)


def test_unsupported_extension(tmp_path):
    path = tmp_path / "verklaring.rtf"
    path.write_text("{\\rtf1 Privacy}", encoding="utf-8")
    with pytest.raises(InputError, match=r"unsupported file type '\.rtf'"):
        load_path(path)


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "groot.txt"
    path.write_bytes(b"Wij bewaren gegevens. " * 100)
    with pytest.raises(InputError, match=r"over the 0 MB limit"):
        load_path(path, max_bytes=1000)


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf_bytes([]))
    with pytest.raises(InputError, match="no text layer"):
        load_path(path)


def test_load_bytes_rejects_whitespace_only_html():
    with pytest.raises(InputError):
        load_bytes(b"<html><body><script>x()</script></body></html>", "html", name="leeg.html")
