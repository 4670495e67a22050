"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright, offline.

Opens the report of a corpus statement from a file:// URL and checks what a privacy officer does
with it: the checklist is there (all 25 items), clicking an evidence quote scrolls to and
highlights its passage in the full text, the gap filter works, and the page neither logs an error
nor makes a single network request. Never runs ``playwright install``: it uses /usr/bin/chromium.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyser.render import render
from analyser.report import Report, Span

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STATEMENT = Path(__file__).resolve().parents[1] / "corpus" / "texts" / "seed-000.txt"
TARGET_BACKGROUND = "rgb(255, 196, 77)"  # --target in report.css: the :target highlight


def _report(analysed: Report) -> Report:
    report = Report.from_dict(analysed.to_dict())  # a copy: the session's reports are shared
    if not any(item.evidence for item in report.checklist):
        # Until the checklist stage fills in evidence, quote one real sentence near the end of the
        # statement by hand, so a click still has to scroll a long way.
        match = re.search(r"[^.\n]*Autoriteit Persoonsgegevens[^.\n]*\.?", report.text)
        assert match, "seed-000 should mention the Autoriteit Persoonsgegevens"
        item = report.item("complaint_authority")
        assert item is not None
        item.status = "present"
        item.evidence = [Span(match.group(0), match.start(), match.end())]
    return report


@pytest.fixture(scope="module")
def report_page(tmp_path_factory, corpus_reports) -> tuple[Path, Report]:
    report = _report(corpus_reports[STATEMENT.stem])
    path = tmp_path_factory.mktemp("report") / "seed-000.html"
    path.write_text(render(report, "html", "nl"), encoding="utf-8")
    return path, report


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); "
                    "CI installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, report_page):
    """A fresh page on the report, recording console errors, page errors and every request."""
    path, _ = report_page
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.problems = []
    tab.requests = []
    tab.on("console", lambda msg: tab.problems.append(f"console {msg.type}: {msg.text}")
           if msg.type in ("error", "warning") else None)
    tab.on("pageerror", lambda exc: tab.problems.append(f"page error: {exc}"))
    tab.on("requestfailed", lambda req: tab.problems.append(f"request failed: {req.url}"))
    tab.on("request", lambda req: tab.requests.append(req.url))
    tab.goto(path.as_uri())
    tab.wait_for_load_state("load")
    yield tab
    context.close()


def _in_viewport(page, selector_id: str) -> bool:
    return page.evaluate("""id => {
        const r = document.getElementById(id).getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    }""", selector_id)


def test_checklist_renders_all_25_items_with_status_labels(page, report_page):
    _, report = report_page
    rows = page.locator("#checklist-table tbody tr")
    assert rows.count() == 25
    assert [rows.nth(i).get_attribute("data-item") for i in range(25)] == [c.item for c in report.checklist]
    for i in range(25):
        assert rows.nth(i).is_visible()
        assert rows.nth(i).locator(".status").inner_text().strip()  # a text label, not colour alone
    assert page.locator("h1").inner_text() == (report.document.title or report.document.id)


def test_clicking_an_evidence_quote_scrolls_to_its_highlighted_passage(page):
    # the checklist quote whose passage lies furthest down the statement: the click must scroll
    href = page.evaluate("""() => {
        let best = null, bestTop = -1;
        for (const a of document.querySelectorAll('#checklist-table a.quote')) {
            const target = document.getElementById(a.getAttribute('href').slice(1));
            const top = target.getBoundingClientRect().top + window.scrollY;
            if (top > bestTop) { best = a.getAttribute('href'); bestTop = top; }
        }
        return best;
    }""")
    assert href, "the checklist shows no evidence quote to click"
    target_id = href[1:]
    mark = page.locator(f'[id="{target_id}"]')
    assert mark.evaluate("el => el.tagName") == "MARK"
    assert mark.evaluate("el => el.closest('.statement') !== null")
    assert not _in_viewport(page, target_id)
    normal = mark.evaluate("el => getComputedStyle(el).backgroundColor")

    page.locator(f'#checklist-table a.quote[href="{href}"]').first.click()

    page.wait_for_function("""id => {
        const r = document.getElementById(id).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
    }""", arg=target_id, timeout=5000)
    assert _in_viewport(page, target_id)
    assert page.evaluate("() => location.hash") == href
    assert mark.evaluate("el => el.matches(':target')")
    page.wait_for_function("id => getComputedStyle(document.getElementById(id)).backgroundColor === '"
                           + TARGET_BACKGROUND + "'", arg=target_id, timeout=2000)
    assert normal != TARGET_BACKGROUND
    # every piece of the passage (it may be split around overlapping ones) is highlighted by the script
    key = mark.get_attribute("data-m")
    pieces = page.locator(f'.statement [data-m="{key}"]')
    assert pieces.count() >= 1
    assert all("current" in (pieces.nth(i).get_attribute("class") or "") for i in range(pieces.count()))
    assert page.problems == []


def test_gap_filter_hides_present_items(page, report_page):
    _, report = report_page
    gaps = sum(1 for c in report.checklist if c.status in ("absent", "partial"))
    box = page.locator("#only-gaps")
    assert box.is_visible()
    box.check()
    visible = page.locator("#checklist-table tbody tr:visible")
    assert visible.count() == gaps
    page.emulate_media(media="print")  # printing always shows the whole checklist and no navigation
    assert page.locator("#checklist-table tbody tr:visible").count() == 25
    assert not page.locator("nav.toc").is_visible()


def test_page_logs_no_errors_and_makes_no_network_request(page, report_page):
    path, _ = report_page
    page.locator("nav.toc a[href='#text']").click()
    page.wait_for_timeout(300)
    assert page.problems == []
    assert page.requests and all(url.split("#")[0] == path.as_uri() for url in page.requests), page.requests
