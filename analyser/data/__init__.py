"""Data files: vocabularies, cue patterns and the third-party knowledge base.

Each ``<name>.json`` here may have a JSON Schema ``schemas/<name>.schema.json``; `load_data`
checks the file against it once per process, so a bad data edit fails loudly at start-up with
the file and the path of the offending value, not later with a confusing miss.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


class DataError(Exception):
    """A data file is missing or does not follow its schema."""


def _read(name: str) -> Any:
    path = resources.files(__package__).joinpath(name)
    if not path.is_file():
        raise DataError(f"data file {name} is missing from the analyser package")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def load_data(name: str) -> Any:
    """Load ``data/<name>.json``, validated against ``data/schemas/<name>.schema.json`` if present."""
    data = _read(f"{name}.json")
    schema_path = resources.files(__package__).joinpath("schemas", f"{name}.schema.json")
    if schema_path.is_file():
        import jsonschema

        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
        if errors:
            err = errors[0]
            where = "/".join(str(p) for p in err.path) or "(top)"
            raise DataError(f"data/{name}.json does not follow its schema at {where}: {err.message}")
    return data


def vocabulary() -> dict[str, Any]:
    return load_data("vocabulary")


def checklist_ids() -> list[str]:
    return [item["id"] for item in vocabulary()["checklist"]]


def special_categories() -> set[str]:
    return {c["id"] for c in vocabulary()["data_categories"] if c["special"]}
