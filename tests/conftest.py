"""Shared fixtures: the bundled corpus, analysed once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
TEXTS = CORPUS / "texts"
GOLD = CORPUS / "gold"


@pytest.fixture(scope="session")
def corpus_texts() -> list[Path]:
    return sorted(TEXTS.glob("*.txt"))


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


@pytest.fixture(scope="session")
def corpus_reports(corpus_texts):
    """Every bundled statement analysed once (with the model, as the CLI does by default)."""
    from analyser import analyse

    return {p.stem: analyse(p) for p in corpus_texts}


@pytest.fixture(scope="session")
def nlp():
    from analyser.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def analyse_text():
    """Analyse a Dutch snippet and return the Doc, for component tests on real sentences."""
    from analyser.api import load, make_doc

    def run(text: str, use_model: bool = True):
        return make_doc(load(text), use_model=use_model)

    return run
