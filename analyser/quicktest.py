"""`sieves.Matcher` tests as one generated Python expression each.

A `Matcher` walks its literals, clauses and parts in loops, a few function calls per sentence; the checklist
runs one on some 120 sentences per statement. `QuickTest` writes the same tests out once per pattern as a
single boolean expression (``'recht' in t or ('dag' in t or 'jaar' in t) and p0(t) is not None``), compiled
when the rules are, so a sentence is tested in one call with no loop.
"""

from __future__ import annotations

from collections.abc import Callable

from .sieves import Matcher


def _source(matcher: Matcher) -> tuple[str, dict[str, object]]:
    """The expression over a text ``t`` that `Matcher.search` evaluates, and the part searches it calls."""
    terms = [f"{literal!r} in t" for literal in matcher.literals]
    names: dict[str, object] = {}
    for k, (clauses, compiled) in enumerate(matcher.parts):
        names[f"p{k}"] = compiled.search
        tests = ["(" + (" or ".join(f"{s!r} in t" for s in clause) or "False") + ")" for clause in clauses]
        terms.append("(" + " and ".join([*tests, f"p{k}(t) is not None"]) + ")")
    return " or ".join(terms) or "False", names


class QuickTest:
    """``matcher.search`` as one generated function: ``search(text)`` gives the same answer in a single call."""

    __slots__ = ("search", "source")

    def __init__(self, matcher: Matcher) -> None:
        expression, names = _source(matcher)
        namespace = dict(names)
        exec(f"def search(t):\n    return {expression}\n", namespace)
        self.search: Callable[[str], bool] = namespace["search"]  # type: ignore[assignment]
        self.source = expression
