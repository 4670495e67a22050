"""analyser: what a Dutch privacy statement says, and what it leaves out under the GDPR (AVG).

    >>> import analyser
    >>> report = analyser.analyse("corpus/texts/seed-000.txt")
    >>> report.score.value, [c.item for c in report.checklist if c.status == "absent"]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .loading import InputError
from .report import Report

if TYPE_CHECKING:  # imported on first use: table and dashboard workers never load spaCy
    from .api import analyse, load

__all__ = ["InputError", "Report", "analyse", "analyse_corpus", "load"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in ("analyse", "load"):
        from . import api

        return getattr(api, name)
    if name in ("analyse_corpus", "mentions_table", "reports_to_frames"):
        from . import corpus

        return getattr(corpus, name)
    raise AttributeError(name)
