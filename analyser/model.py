"""PLACEHOLDER: the checklist classifier arrives with the checklist issue."""

from __future__ import annotations


def model_available() -> bool:
    return False
