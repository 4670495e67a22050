"""The per-document report as ONE self-contained HTML page.

No external scripts, fonts, stylesheets or images: the CSS and the small script are inlined, and
a Content-Security-Policy (``default-src 'none'``, the script allowed only by its hash) makes the
page inert even if a statement managed to smuggle markup past escaping. All statement text goes
through Jinja2 autoescaping; nothing is concatenated into HTML by hand.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..report import Report
from . import view


@cache
def _env() -> Environment:
    return Environment(loader=PackageLoader("analyser.render", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@cache
def _script() -> tuple[Markup, str]:
    """The inline script and its CSP hash (the hash must cover exactly the bytes between the tags)."""
    env = _env()
    assert env.loader is not None
    source = env.loader.get_source(env, "report.js")[0].strip()
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return Markup(source), f"sha256-{digest}"


def render_html(report: Report, lang: str = "nl") -> str:
    context = view.build(report, lang)
    script, script_hash = _script()
    return _env().get_template("report.html").render(**context, script=script, script_hash=script_hash)
