"""Literal sieves: strings every match of a regular expression must hold, read from its parsed form.

A sentence that holds none of them is turned down by a few ``in`` tests instead of a regex scan. The
checklist's cue patterns (`Matcher`), the legal-basis and retention context patterns (`Sieved`) and the
findings' word sieve all read the same parse here.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]  # the parsed-pattern opcodes
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_END = sys.maxsize


# ------------------------------------------------------------------ splitting a pattern's source


def _scan(source: str) -> tuple[list[int], int]:
    """The offsets of the top-level '|' of a regex source (not inside a group or a character class, not
    escaped), and the offset where the group that opens the source closes (-1 if it does not open with one)."""
    bars: list[int] = []
    depth, i, in_class, first_close = 0, 0, False, -1
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 1 + (source[i + 1:i + 2] == "^")
            i += source[i:i + 1] == "]"  # a leading ] is a member, not the end
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and first_close < 0:
                first_close = i
        elif ch == "|" and depth == 0:
            bars.append(i)
        i += 1
    return bars, first_close


def split_alternatives(source: str) -> list[str]:
    """``source`` split at its top-level '|'."""
    bars, _ = _scan(source)
    bounds = [-1, *bars, len(source)]
    return [source[a + 1:b] for a, b in itertools.pairwise(bounds)]


def top_alternatives(source: str) -> list[str]:
    """The top-level alternatives of a regex source, a group that spans a whole alternative opened
    (``a|(?:b|c)`` → a, b, c)."""
    bars, first_close = _scan(source)
    if bars:
        return [alt for part in split_alternatives(source) for alt in top_alternatives(part)]
    if source.startswith("(?:") and first_close == len(source) - 1:
        inner = top_alternatives(source[3:-1])
        return inner if len(inner) > 1 else [source]
    return [source]


# ------------------------------------------------------------------ the strings a match must hold


def clauses(items: Any, min_run: int = 2) -> list[tuple[str, ...]]:
    """Clauses every match of a parsed regex sequence satisfies: each lists strings (literal runs of at least
    ``min_run`` characters besides spaces) one of which the match holds; a group of alternatives gives one
    clause with a string of each. Assertions and case-free parts count as gaps."""
    out: list[tuple[str, ...]] = []
    run = ""
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if len(run.strip()) >= min_run:
            out.append((run,))
        run = ""
        if op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            out.extend(clauses(av[3], min_run))
        elif op is sre.BRANCH:
            picks: set[str] = set()
            for branch in av[1]:
                best = _sharpest(clauses(branch, min_run))
                if best is None:
                    break
                picks.update(best)
            else:
                out.append(tuple(sorted(x for x in picks if not any(y != x and y in x for y in picks))))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            out.extend(clauses(av[2], min_run))
    return out


def _sharpest(found: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The clause whose shortest string is longest (fewest strings on a tie)."""
    return max(found, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _holds(text: str, clause: tuple[str, ...]) -> bool:
    for literal in clause:
        if literal in text:
            return True
    return False


# ------------------------------------------------------------------ whole patterns


class Matcher:
    """``bool(pattern.search(text))``, cheaper. The pattern's top-level alternatives that are plain strings are
    tested with ``in``; each other alternative is compiled alone (Python's re then skips positions by its
    first characters, which it cannot do for most mixed alternations) and runs only when the text meets its
    clauses (at most three, the sharpest): most sentences are rejected by a few ``in`` tests."""

    __slots__ = ("literals", "parts")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        alternatives = top_alternatives(pattern.pattern)
        if pattern.flags & re.IGNORECASE or pattern.groupindex or "(?P=" in pattern.pattern or len(alternatives) < 2:
            alternatives = [pattern.pattern]
        literals: list[str] = []
        parts: list[tuple[tuple[tuple[str, ...], ...], re.Pattern[str]]] = []
        for source in alternatives:
            parsed = sre_parse.parse(source, pattern.flags)
            if not pattern.flags & re.IGNORECASE and parsed and all(op is sre.LITERAL for op, _ in parsed):
                literals.append("".join(chr(av) for _, av in parsed))
                continue
            compiled = re.compile(source, pattern.flags) if len(alternatives) > 1 else pattern
            found = [] if compiled.flags & re.IGNORECASE else clauses(parsed, min_run=3)
            found = sorted(set(found), key=lambda c: (len(c), -min(map(len, c))))[:3]  # the sharpest first
            parts.append((tuple(found), compiled))
        self.literals = tuple(literals)
        self.parts = tuple(parts)

    def search(self, text: str) -> bool:
        for literal in self.literals:
            if literal in text:
                return True
        for found, compiled in self.parts:
            for clause in found:
                if not _holds(text, clause):
                    break  # a clause no string of which occurs: this alternative cannot match
            else:
                if compiled.search(text):
                    return True
        return False


def sieve_clauses(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Up to two clauses worth testing before ``pattern`` runs: not those its literal prefix satisfies (the
    regex engine finds a missing prefix as fast as ``in`` does)."""
    if pattern.flags & re.IGNORECASE:
        return ()
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    prefix = ""
    for op, av in parsed:
        if op is not sre.LITERAL:
            break
        prefix += chr(av)
    found = [c for c in set(clauses(parsed)) if len(c) <= 12 and not any(x in prefix for x in c)]
    return tuple(sorted(found, key=lambda c: (-min(map(len, c)), len(c)))[:2])


class Sieved:
    """A compiled pattern with strings every match must hold (`sieve_clauses`): a text without them is turned
    down by a few ``in`` tests instead of a regex scan. Same methods and results as the pattern."""

    __slots__ = ("clauses", "pattern")

    def __init__(self, pattern: re.Pattern[str], found: tuple[tuple[str, ...], ...]) -> None:
        self.pattern = pattern
        self.clauses = found

    def possible(self, text: str, pos: int = 0, endpos: int = _END) -> bool:
        """False when no match can lie in ``text[pos:endpos]``."""
        for clause in self.clauses:
            for literal in clause:
                if text.find(literal, pos, endpos) >= 0:
                    break
            else:
                return False
        return True

    def search(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        if pos or endpos < len(text):
            return self.pattern.search(text, pos, endpos) if self.possible(text, pos, endpos) else None
        for clause in self.clauses:
            if not _holds(text, clause):
                return None
        return self.pattern.search(text)

    def match(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return self.pattern.match(text, pos, endpos) if self.possible(text, pos, endpos) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text, pos, endpos) if self.possible(text, pos, endpos) else iter(())


Searcher = Sieved | re.Pattern[str]  # what rules hold: a pattern, sieved when worth it


def sieved(source: str, flags: int = 0) -> Searcher:
    """The compiled pattern, behind a sieve when one is worth testing."""
    pattern = re.compile(source, flags)
    found = sieve_clauses(pattern)
    return Sieved(pattern, found) if found else pattern
