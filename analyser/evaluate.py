"""Accuracy against gold files, exactly as ``spec/annotation-guide.md`` defines the gold.

Per field, true/false positives and false negatives are summed over documents (micro average):

* ``headings``: multiset of headings, compared case- and whitespace-insensitively;
* ``data_categories``, ``legal_bases``, ``third_parties``, ``retention``: sets of ids/names/durations;
  anything in the gold's ``*_optional`` list counts neither way;
* ``checklist``: an item is *addressed* when its status is ``present`` or ``partial``; ``null`` gold
  is skipped. Reported micro over all items, per item, and as the mean of the per-item F1;
* ``missing``: detection of required items that are not addressed (positive = a required item the
  gold marks false; predicted positive = status ``absent``) — what a compliance user needs most.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .data import vocabulary
from .loading import SUPPORTED_SUFFIXES, InputError
from .report import Report

FIELDS = ["headings", "data_categories", "retention", "third_parties", "legal_bases", "checklist", "missing"]
ADDRESSED = {"present", "partial"}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class DocErrors:
    id: str
    errors: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # field → {"fp": [...], "fn": [...]}


@dataclass
class Evaluation:
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    items: dict[str, Counts] = field(default_factory=dict)
    documents: list[DocErrors] = field(default_factory=list)

    @property
    def item_macro_f1(self) -> float:
        scored = [c for c in self.items.values() if c.tp + c.fp + c.fn]
        return sum(c.f1 for c in scored) / len(scored) if scored else 1.0

    def as_dict(self) -> dict:
        return {
            "documents": len(self.documents),
            "fields": {k: v.as_dict() for k, v in self.fields.items()},
            "checklist_item_macro_f1": round(self.item_macro_f1, 4),
            "checklist_items": {k: v.as_dict() for k, v in self.items.items()},
            "errors": [asdict(d) for d in self.documents if d.errors],
        }


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _multiset(pred: Iterable[str], gold: Iterable[str], optional: Iterable[str] = ()) -> tuple[Counts, list, list]:
    opt = {_norm(o) for o in optional}
    p = Counter(_norm(x) for x in pred if _norm(x) not in opt)
    g = Counter(_norm(x) for x in gold if _norm(x) not in opt)
    both = p & g
    fp = list((p - g).elements())
    fn = list((g - p).elements())
    return Counts(sum(both.values()), len(fp), len(fn)), fp, fn


def _sets(pred: Iterable[str], gold: Iterable[str], optional: Iterable[str] = ()) -> tuple[Counts, list, list]:
    return _multiset(set(map(_norm, pred)), set(map(_norm, gold)), optional)


def predicted_values(report: Report) -> dict[str, list[str]]:
    """What a report claims, in the gold's terms."""
    retention = []
    for r in report.retention_periods:
        if r.indefinite:
            retention.append("indefinite")
        elif r.duration:
            retention.append(r.duration)
            if r.duration_max:
                retention.append(r.duration_max)
    return {
        "headings": [s.heading for s in report.sections if s.heading],
        "data_categories": [d.category for d in report.data_categories],
        "retention": retention,
        "third_parties": [t.organisation for t in report.third_parties],
        "legal_bases": [b.basis for b in report.legal_bases],
    }


def score_document(report: Report, gold: dict, evaluation: Evaluation) -> None:
    pred = predicted_values(report)
    errors = DocErrors(gold.get("id", report.document.id))
    for name, compare in (("headings", _multiset), ("data_categories", _sets), ("retention", _sets),
                          ("third_parties", _sets), ("legal_bases", _sets)):
        counts, fp, fn = compare(pred[name], gold.get(name, []), gold.get(f"{name}_optional", []))
        evaluation.fields[name].add(counts)
        if fp or fn:
            errors.errors[name] = {"fp": fp, "fn": fn}

    required = {c["id"]: c["required"] for c in vocabulary()["checklist"]}
    statuses = {c.item: c.status for c in report.checklist}
    wrong_items: dict[str, list[str]] = {"fp": [], "fn": []}
    missing_err: dict[str, list[str]] = {"fp": [], "fn": []}
    for item, truth in gold.get("checklist", {}).items():
        if truth is None:
            continue
        status = statuses.get(item, "absent")
        said = status in ADDRESSED
        c = Counts(int(said and truth), int(said and not truth), int(truth and not said))
        evaluation.items.setdefault(item, Counts()).add(c)
        evaluation.fields["checklist"].add(c)
        if c.fp:
            wrong_items["fp"].append(item)
        if c.fn:
            wrong_items["fn"].append(item)
        if required.get(item, False):
            missing_gold = not truth
            missing_pred = status == "absent"
            m = Counts(int(missing_pred and missing_gold), int(missing_pred and not missing_gold),
                       int(missing_gold and not missing_pred))
            evaluation.fields["missing"].add(m)
            if m.fp:
                missing_err["fp"].append(item)
            if m.fn:
                missing_err["fn"].append(item)
    if wrong_items["fp"] or wrong_items["fn"]:
        errors.errors["checklist"] = wrong_items
    if missing_err["fp"] or missing_err["fn"]:
        errors.errors["missing"] = missing_err
    evaluation.documents.append(errors)


def find_text(texts_dir: Path, doc_id: str) -> Path | None:
    for suffix in SUPPORTED_SUFFIXES:
        candidate = texts_dir / f"{doc_id}{suffix}"
        if candidate.exists():
            return candidate
    return None


def load_gold(gold_dir: str | Path) -> list[dict]:
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(f"{gold_dir}: not a directory of gold files")
    golds = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: not valid JSON ({exc}); fix or remove the gold file") from exc
        data.setdefault("id", path.stem)
        golds.append(data)
    if not golds:
        raise InputError(f"{gold_dir}: contains no gold *.json files")
    return golds


def evaluate(gold_dir: str | Path, texts_dir: str | Path | None = None, reports_dir: str | Path | None = None,
             use_model: bool = True) -> Evaluation:
    """Score reports (ready ones from ``reports_dir``, else fresh analyses of ``texts_dir``) against gold."""
    from .api import analyse

    if texts_dir is None and reports_dir is None:
        raise InputError("give --texts DIR (analyse the statements) or --reports DIR (score ready reports)")
    evaluation = Evaluation()
    for gold in load_gold(gold_dir):
        doc_id = gold["id"]
        if reports_dir is not None:
            path = Path(reports_dir) / f"{doc_id}.json"
            if not path.exists():
                raise InputError(f"{path}: no report for gold document {doc_id}")
            report = Report.from_json(path.read_text(encoding="utf-8"))
        else:
            text_path = find_text(Path(texts_dir), doc_id)  # type: ignore[arg-type]
            if text_path is None:
                raise InputError(f"{texts_dir}: no statement for gold document {doc_id}")
            report = analyse(text_path, use_model=use_model)
        score_document(report, gold, evaluation)
    return evaluation


def format_table(evaluation: Evaluation, title: str = "") -> str:
    lines = []
    if title:
        lines.append(title)
    lines.append(f"{'field':<18}{'precision':>10}{'recall':>8}{'F1':>7}{'tp':>6}{'fp':>5}{'fn':>5}")
    for name in FIELDS:
        c = evaluation.fields[name]
        label = "missing items" if name == "missing" else name
        lines.append(f"{label:<18}{c.precision:>10.3f}{c.recall:>8.3f}{c.f1:>7.3f}{c.tp:>6}{c.fp:>5}{c.fn:>5}")
    lines.append(f"{'checklist F1 averaged over items':<34}{evaluation.item_macro_f1:>7.3f}")
    lines.append("")
    lines.append("checklist items")
    for item in [c["id"] for c in vocabulary()["checklist"]]:
        c = evaluation.items.get(item)
        if c is None:
            continue
        lines.append(f"  {item:<24}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>7.3f}{c.tp:>6}{c.fp:>5}{c.fn:>5}")
    return "\n".join(lines)


def format_errors(evaluation: Evaluation) -> str:
    out = []
    for doc in evaluation.documents:
        for name, err in doc.errors.items():
            if err["fp"]:
                out.append(f"{doc.id:<10} {name:<16} FP {', '.join(err['fp'])}")
            if err["fn"]:
                out.append(f"{doc.id:<10} {name:<16} FN {', '.join(err['fn'])}")
    return "\n".join(out)
