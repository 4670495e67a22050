"""Renderers read a `Report` and nothing else."""

from __future__ import annotations

from ..report import Report


def render(report: Report, fmt: str = "json", lang: str = "nl") -> str:
    if fmt == "json":
        return report.to_json()
    raise ValueError(f"unknown report format {fmt!r}")
