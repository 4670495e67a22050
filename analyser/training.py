"""Training and cross-validating the checklist sentence classifier (`analyser train`).

Labels live in ``corpus/labels/checklist_sentences.jsonl``: one line per sentence of a corpus
statement, ``{"doc": id, "start": .., "end": .., "text": .., "items": [...]}``. They were made by
``analyser train --bootstrap-labels`` (the rules' evidence, restricted to items the gold marks as
addressed, plus the sentences holding the gold evidence quotes) and then corrected by hand; the
``"checked": true`` flag marks lines a person reviewed.

Cross-validation is split by document (GroupKFold), never by sentence: sentences of one statement
resemble each other far more than statements do. Two figures come out per item: sentence-level
precision/recall/F1, and the document-level checklist F1 of rules alone vs rules+model on the
held-out documents. An item is *enabled* (the checklist consults the model for it) only where
rules+model beat rules alone there.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy

from .data import checklist_ids
from .evaluate import ADDRESSED, find_text, load_gold
from .loading import InputError
from .model import ChecklistModel, doc_sentences

LABELS_FILE = Path("labels") / "checklist_sentences.jsonl"


@dataclass
class Example:
    doc: str
    start: int
    end: int
    text: str
    features: list[str]
    items: set[str]


def _rules_doc(path: Path):
    from .api import load, make_doc

    return make_doc(load(path), use_model=False)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


# ---------------------------------------------------------------------------- labels


def bootstrap_labels(texts_dir: Path, gold_dir: Path, out: Path) -> int:
    """Write first-draft sentence labels from the rules' evidence and the gold evidence quotes."""
    from .checklist import rule_evidence

    lines = []
    for gold in load_gold(gold_dir):
        path = find_text(texts_dir, gold["id"])
        if path is None:
            continue
        doc = _rules_doc(path)
        truth = gold.get("checklist", {})
        evidence = rule_evidence(doc)
        quotes = {item: q for item, q in gold.get("evidence", {}).items() if q}
        text = doc.text
        for sent, _ in doc_sentences(doc):
            items = set()
            for item, spans in evidence.items():
                if truth.get(item) is False:
                    continue  # the rule fired where the gold says the item is not addressed
                if any(h.span is not None and _overlaps(h.span.start, h.span.end, sent.start_char, sent.end_char)
                       for h in spans):
                    items.add(item)
            for item, quote in quotes.items():
                if truth.get(item) and _quote_in(quote, text[sent.start_char:sent.end_char]):
                    items.add(item)
            lines.append({"doc": gold["id"], "start": sent.start_char, "end": sent.end_char,
                          "text": sent.text.strip(), "items": sorted(items), "checked": False})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def _quote_in(quote: str, sentence: str) -> bool:
    q = " ".join(quote.replace("...", " ").split()).lower()
    s = " ".join(sentence.split()).lower()
    if not q or not s:
        return False
    return q in s or (len(s) > 25 and s in q)


def read_labels(path: Path) -> dict[str, list[dict]]:
    if not path.is_file():
        raise InputError(f"{path}: no label file; run 'analyser train --bootstrap-labels' first")
    per_doc: dict[str, list[dict]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
        per_doc.setdefault(row["doc"], []).append(row)
    return per_doc


def build_examples(texts_dir: Path, labels: dict[str, list[dict]]) -> tuple[list[Example], dict[str, object]]:
    """Sentence examples with features; also each document's rules-only Doc for the document-level check."""
    examples: list[Example] = []
    docs: dict[str, object] = {}
    for doc_id, rows in sorted(labels.items()):
        path = find_text(texts_dir, doc_id)
        if path is None:
            continue
        doc = _rules_doc(path)
        docs[doc_id] = doc
        by_offset = {(r["start"], r["end"]): set(r["items"]) for r in rows}
        by_text = {" ".join(r["text"].split()): set(r["items"]) for r in rows}
        for sent, feats in doc_sentences(doc):
            items = by_offset.get((sent.start_char, sent.end_char))
            if items is None:
                items = by_text.get(" ".join(sent.text.split()), set())
            examples.append(Example(doc_id, sent.start_char, sent.end_char, sent.text, feats, items))
    return examples, docs


# ---------------------------------------------------------------------------- fitting


def _vocabulary(examples: list[Example], min_docs: int = 2) -> tuple[dict[str, int], numpy.ndarray]:
    doc_freq: Counter = Counter()
    per_doc: dict[str, set[str]] = {}
    for ex in examples:
        per_doc.setdefault(ex.doc, set()).update(ex.features)
    for feats in per_doc.values():
        doc_freq.update(feats)
    terms = sorted(t for t, n in doc_freq.items() if n >= min_docs)
    vocab = {t: i for i, t in enumerate(terms)}
    n_docs = len(per_doc)
    idf = numpy.asarray([math.log((1 + n_docs) / (1 + doc_freq[t])) + 1.0 for t in terms], dtype=numpy.float32)
    return vocab, idf


def fit(examples: list[Example], items: list[str], c: float = 4.0, seed: int = 0) -> ChecklistModel:
    from sklearn.linear_model import LogisticRegression

    vocab, idf = _vocabulary(examples)
    model = ChecklistModel(items=items, vocabulary=vocab, idf=idf,
                           coef=numpy.zeros((len(items), len(vocab)), dtype=numpy.float32),
                           intercept=numpy.full(len(items), -10.0, dtype=numpy.float32),
                           thresholds={item: 0.5 for item in items})
    x = model.vectorise([ex.features for ex in examples])
    for k, item in enumerate(items):
        y = numpy.asarray([item in ex.items for ex in examples], dtype=int)
        if y.sum() < 3 or y.sum() == len(y):
            continue
        clf = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, solver="liblinear", random_state=seed)
        clf.fit(x, y)
        model.coef[k] = clf.coef_[0]
        model.intercept[k] = clf.intercept_[0]
    return model


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def cross_validate(examples: list[Example], docs: dict, golds: dict[str, dict], items: list[str],
                   folds: int = 5, threshold: float = 0.5) -> dict:
    """Sentence-level and document-level figures with GroupKFold by document."""
    from sklearn.model_selection import GroupKFold

    groups = numpy.asarray([ex.doc for ex in examples])
    n_folds = min(folds, len(set(groups)))
    sent_counts = {item: [0, 0, 0] for item in items}
    doc_rules = {item: [0, 0, 0] for item in items}
    doc_both = {item: [0, 0, 0] for item in items}
    for train_idx, test_idx in GroupKFold(n_splits=n_folds).split(examples, groups=groups):
        train = [examples[i] for i in train_idx]
        test = [examples[i] for i in test_idx]
        model = fit(train, items)
        probs = model.predict_proba([ex.features for ex in test])
        model_doc_hits: dict[str, set[str]] = {}
        for ex, row in zip(test, probs):
            for k, item in enumerate(items):
                said = row[k] >= threshold
                truth = item in ex.items
                sent_counts[item][0] += int(said and truth)
                sent_counts[item][1] += int(said and not truth)
                sent_counts[item][2] += int(truth and not said)
                if said:
                    model_doc_hits.setdefault(ex.doc, set()).add(item)
        for doc_id in sorted({ex.doc for ex in test}):
            gold = golds.get(doc_id, {}).get("checklist", {})
            statuses = {c.item: c.status for c in (docs[doc_id]._.checklist or [])}
            for item in items:
                truth = gold.get(item)
                if truth is None:
                    continue
                by_rules = statuses.get(item) in ADDRESSED
                by_both = by_rules or item in model_doc_hits.get(doc_id, set())
                for counts, said in ((doc_rules, by_rules), (doc_both, by_both)):
                    counts[item][0] += int(said and truth)
                    counts[item][1] += int(said and not truth)
                    counts[item][2] += int(truth and not said)
    return {
        "folds": n_folds,
        "sentence": {item: _prf(*sent_counts[item]) for item in items},
        "document_rules": {item: _prf(*doc_rules[item]) for item in items},
        "document_rules_model": {item: _prf(*doc_both[item]) for item in items},
    }


def held_out_comparison(model: ChecklistModel, texts_dir: Path, gold_dir: Path, items: list[str],
                        threshold: float = 0.5) -> dict:
    """Document-level F1 of rules alone vs rules+model on statements the model never saw."""
    rules_counts = {item: [0, 0, 0] for item in items}
    both_counts = {item: [0, 0, 0] for item in items}
    n = 0
    for gold in load_gold(gold_dir):
        path = find_text(texts_dir, gold["id"])
        if path is None:
            continue
        n += 1
        doc = _rules_doc(path)
        sentences = doc_sentences(doc)
        probs = model.predict_proba([f for _, f in sentences])
        found = {item for row in probs for k, item in enumerate(items) if row[k] >= threshold}
        statuses = {c.item: c.status for c in doc._.checklist or []}
        for item in items:
            truth = gold.get("checklist", {}).get(item)
            if truth is None:
                continue
            by_rules = statuses.get(item) in ADDRESSED
            for counts, said in ((rules_counts, by_rules), (both_counts, by_rules or item in found)):
                counts[item][0] += int(said and truth)
                counts[item][1] += int(said and not truth)
                counts[item][2] += int(truth and not said)
    return {"documents": n, "rules": {i: _prf(*rules_counts[i]) for i in items},
            "rules_model": {i: _prf(*both_counts[i]) for i in items}}


def train(texts_dir: Path, gold_dir: Path, labels_path: Path, out: Path, folds: int = 5,
          dev_texts: Path | None = None, dev_gold: Path | None = None) -> ChecklistModel:
    """Fit on all labelled statements. An item is enabled where rules+model beat rules alone at the
    document level on the development set when one is given: statements neither the rules nor the model
    were built on. (On the training statements the rules' figures are in-sample — their cue patterns were
    written on those texts — so cross-validation there is reported but cannot show what the model adds.)
    Without a development set, cross-validation decides."""
    items = checklist_ids()
    labels = read_labels(labels_path)
    golds = {g["id"]: g for g in load_gold(gold_dir)}
    examples, docs = build_examples(texts_dir, labels)
    if not examples:
        raise InputError(f"{labels_path}: no labelled sentence matches a statement in {texts_dir}")
    cv = cross_validate(examples, docs, golds, items, folds=folds)
    model = fit(examples, items)
    dev = held_out_comparison(model, dev_texts, dev_gold, items) if dev_texts and dev_gold else None
    enabled = []
    for item in items:
        compare = (dev["rules_model"], dev["rules"]) if dev is not None else \
            (cv["document_rules_model"], cv["document_rules"])
        if compare[0][item]["f1"] > compare[1][item]["f1"]:
            enabled.append(item)
    model.enabled_items = enabled
    model.metrics = {"cross_validation": cv, "documents": len(docs), "sentences": len(examples),
                     "positive_sentences": {item: sum(item in ex.items for ex in examples) for item in items},
                     "checked_sentences": sum(bool(r.get("checked")) for rows in labels.values() for r in rows)}
    if dev is not None:
        model.metrics["development_set"] = dev
    out.parent.mkdir(parents=True, exist_ok=True)
    from .fileio import atomic_write_text

    atomic_write_text(out, model.to_json())
    atomic_write_text(out.with_name("MODEL_CARD.md"), model_card(model))
    return model


def model_card(model: ChecklistModel) -> str:
    m = model.metrics
    cv = m["cross_validation"]
    lines = [
        "# Model card: checklist sentence classifier",
        "",
        "**What it is.** One-vs-rest logistic regression (scikit-learn, liblinear, class-balanced, C=4) over "
        "TF-IDF features of a sentence: lemma unigrams and bigrams (spaCy lookup lemmas) plus the words of "
        "the heading the sentence stands under. Weights stored as plain JSON (`checklist_model.json`), no pickle.",
        "",
        "**What it does.** Predicts, per sentence, which GDPR checklist items (ids of `vocabulary.json`) the "
        "sentence addresses. The checklist consults it only where the rules do not already find an item present, "
        "and only for the items in `enabled_items`; it also adds section topics.",
        "",
        f"**Data.** {m['documents']} Dutch privacy statements of the bundled corpus, {m['sentences']} sentences; "
        "labels in `corpus/labels/checklist_sentences.jsonl` (rules' evidence filtered by the gold checklist, plus "
        f"the gold evidence sentences; {m.get('checked_sentences', 0)} sentences reviewed and corrected by hand, "
        "marked `checked`).",
        "",
        f"**Evaluation.** {cv['folds']}-fold cross-validation split by document (GroupKFold): no statement has "
        "sentences in both training and test folds. Document level: does the item count as addressed, compared "
        "with the gold checklist, for rules alone and for rules+model (the model can only add).",
        "",
        f"**Enabled items** (rules+model beat rules alone on the development set, or in cross-validation "
        f"when there is none): "
        f"{', '.join(model.enabled_items) or 'none'}.",
        "",
        "| item | positive sentences | sentence P | sentence R | sentence F1 | doc F1 rules | doc F1 rules+model |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for item in model.items:
        s = cv["sentence"][item]
        r = cv["document_rules"][item]
        b = cv["document_rules_model"][item]
        lines.append(f"| {item} | {m['positive_sentences'][item]} | {s['precision']:.2f} | {s['recall']:.2f} | "
                     f"{s['f1']:.2f} | {r['f1']:.2f} | {b['f1']:.2f} |")
    dev = m.get("development_set")
    if dev:
        lines += ["", f"**Development set** ({dev['documents']} statements that neither rules nor model were built "
                  "on): document-level F1 per item, rules alone vs rules+model.", "",
                  "| item | rules | rules+model |", "|---|---:|---:|"]
        lines += [f"| {i} | {dev['rules'][i]['f1']:.2f} | {dev['rules_model'][i]['f1']:.2f} |" for i in model.items]
    lines += [
        "",
        "**Limits.** Trained on 25 statements; sentence labels are partly derived from the rules, so the model "
        "mostly learns to generalise the rules' cues to paraphrases. It is a second signal, not a replacement: "
        "items stay rules-only unless cross-validation shows a gain. Retrain with `analyser train` after "
        "correcting labels.",
        "",
    ]
    return "\n".join(lines)
