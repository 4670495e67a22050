"""Renderers read a `Report` and nothing else.

``json`` is the machine contract; ``markdown`` is for tickets and audits; ``html`` is one
self-contained page for the privacy officer. ``lang`` chooses the report's own words (nl, en);
the statement's text is never translated.
"""

from __future__ import annotations

from ..report import Report

FORMATS = ("json", "markdown", "md", "html")


def render(report: Report, fmt: str = "json", lang: str = "nl") -> str:
    if fmt == "json":
        return report.to_json()
    if fmt in ("markdown", "md"):
        from .markdown import render_markdown

        return render_markdown(report, lang)
    if fmt == "html":
        from .html import render_html

        return render_html(report, lang)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
