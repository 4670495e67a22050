"""The per-document report as Markdown, for pasting into tickets and audit files.

Same content and order as the HTML page minus the full text. Every value printed by the template
is escaped for Markdown by default (the environment's ``finalize``), the way HTML autoescaping
works: statement text cannot open a table cell (``|``), a link, raw HTML (``<script>``) or a
heading. Only the few filters here that build Markdown themselves return `Raw`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..report import Report
from . import view

QUOTE_WIDTH = 300
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
_LEADING_MARKER = re.compile(r"^([-+])(?=\s|$)|^(\d+)([.)])(?=\s|$)")  # would start a list item


class Raw(str):
    """Markdown built by this module; printed as is."""


def md_escape(value: Any) -> str:
    """One line of literal text: whitespace collapsed, Markdown/HTML syntax backslash-escaped."""
    if value is None:
        return ""
    if isinstance(value, Raw):
        return value
    text = " ".join(str(value).split())
    text = _SPECIAL.sub(r"\\\1", text)
    return _LEADING_MARKER.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[:width].rsplit(" ", 1)[0] or text[:width]
    return cut + "…"


def quote(q: view.Quote, width: int = QUOTE_WIDTH) -> Raw:
    return Raw(f"“{md_escape(_shorten(q.text, width))}”")


def quotes(items: list[view.Quote], more: int = 0, more_label: str = "", sep: str = "<br>",
           width: int = QUOTE_WIDTH) -> Raw:
    parts = [quote(q, width) for q in items]
    if more:
        parts.append(md_escape(more_label))
    return Raw(sep.join(parts))


def code(value: Any) -> Raw:
    return Raw("`" + " ".join(str(value).split()).replace("`", "'") + "`") if value else Raw("")


def joined(values: list[Any], sep: str = ", ", empty: str = "–") -> Raw:
    return Raw(sep.join(md_escape(v) for v in values) if values else empty)


def indent_md(level: int) -> Raw:
    return Raw("  " * max(0, int(level)))


@cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("analyser.render", "templates"), autoescape=False,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      finalize=md_escape)
    env.filters.update(quote=quote, quotes=quotes, code=code, joined=joined, indent_md=indent_md)
    return env


def render_markdown(report: Report, lang: str = "nl") -> str:
    context = view.build(report, lang, with_text=False)
    return _env().get_template("report.md").render(**context)
