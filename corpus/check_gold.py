"""Mechanical checks for the gold files of the development sets (independent of the analyser's rules).

Usage: python3 corpus/check_gold.py [set directories or gold files ...]
A directory (corpus/dev2, corpus/dev3) stands for its gold/*.json; without arguments every
corpus/dev*/gold/*.json is checked. Exit status 1 on any failure.
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VOCAB = HERE.parent / "analyser" / "data" / "vocabulary.json"  # the project's copy of the spec vocabulary
KEYS = ["id", "headings", "headings_optional", "checklist", "legal_bases", "data_categories",
        "data_categories_optional", "retention", "retention_optional", "third_parties",
        "third_parties_optional", "evidence", "notes"]
ISO = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")


def check(path, vocab):
    errors = []
    err = errors.append
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except Exception as exc:
        return [f"JSON does not parse: {exc}"]
    if list(gold) != KEYS:
        err(f"keys differ from the dev format: {list(gold)}")
    if gold.get("id") != path.stem:
        err(f"id {gold.get('id')!r} does not match the file name")
    text_path = path.parent.parent / "texts" / (path.stem + ".txt")
    raw = text_path.read_bytes()
    text = raw.decode("utf-8")
    if b"\r" in raw:
        err("text has CR characters")
    if not text.endswith("\n") or text.endswith("\n\n"):
        err("text must end with exactly one newline")
    # a Markdown heading line ("## Wie zijn wij") is the heading without its markers, as a reader sees it
    lines = [re.sub(r"^ {0,3}#{1,6}[ \t]+", "", line) for line in text.split("\n")]

    check_ids = [c["id"] for c in vocab["checklist"]]
    basis_ids = {b["id"] for b in vocab["legal_bases"]}
    cat_ids = {c["id"] for c in vocab["data_categories"]}
    cl = gold.get("checklist", {})
    if set(cl) != set(check_ids):
        err(f"checklist ids differ: missing {set(check_ids) - set(cl)}, extra {set(cl) - set(check_ids)}")
    for k, v in cl.items():
        if k == "legitimate_interests":
            if v not in (True, False, None):
                err("legitimate_interests must be true, false or null")
        elif not isinstance(v, bool):
            err(f"checklist {k} is not a boolean")
    bases = gold.get("legal_bases", [])
    if not set(bases) <= basis_ids:
        err(f"unknown legal bases {set(bases) - basis_ids}")
    if len(bases) != len(set(bases)):
        err("duplicate legal bases")
    if ("legitimate_interests" in bases) != (cl.get("legitimate_interests") is not None):
        err("legitimate_interests must be null exactly when that basis is not invoked")
    if bool(bases) != bool(cl.get("legal_basis")):
        err("legal_basis must be true exactly when legal_bases is non-empty")
    for key in ("data_categories", "data_categories_optional"):
        vals = gold.get(key, [])
        if not set(vals) <= cat_ids:
            err(f"unknown {key}: {set(vals) - cat_ids}")
        if len(vals) != len(set(vals)):
            err(f"duplicates in {key}")
    for a, b in (("data_categories", "data_categories_optional"), ("retention", "retention_optional"),
                 ("third_parties", "third_parties_optional"), ("headings", "headings_optional")):
        both = set(gold.get(a, [])) & set(gold.get(b, []))
        if both:
            err(f"{a} and {b} overlap: {both}")
    if bool(gold.get("data_categories")) and not cl.get("data_categories"):
        err("categories listed but data_categories item is false")
    for key in ("retention", "retention_optional"):
        for r in gold.get(key, []):
            if r != "indefinite" and not ISO.match(r):
                err(f"{key}: {r!r} is not an ISO 8601 duration")
        if len(gold.get(key, [])) != len(set(gold.get(key, []))):
            err(f"duplicates in {key}")
    if gold.get("retention") and not cl.get("retention"):
        err("retention periods listed but retention item is false")
    for key in ("third_parties", "third_parties_optional"):
        if len(gold.get(key, [])) != len(set(gold.get(key, []))):
            err(f"duplicates in {key}")

    # headings: exact lines, in reading order
    # a heading must also stand as a paragraph of its own (blank line or file edge on both
    # sides), so that a table-of-contents line cannot stand in for the heading in the body
    def alone(i):
        return (i == 0 or lines[i - 1] == "") and (i + 1 >= len(lines) or lines[i + 1] == "")

    pos = -1
    for h in gold.get("headings", []):
        idx = [i for i, line in enumerate(lines) if line == h and i > pos]
        if not idx:
            err(f"heading not an exact line after the previous heading: {h!r}")
            continue
        standalone = [i for i in idx if alone(i)]
        if not standalone:
            err(f"heading is not a paragraph of its own: {h!r}")
            pos = idx[0]
        else:
            pos = standalone[0]
    for h in gold.get("headings_optional", []):
        if h not in lines:
            err(f"optional heading not an exact line: {h!r}")

    ev = gold.get("evidence", {})
    if set(ev) != set(check_ids):
        err(f"evidence keys differ: missing {set(check_ids) - set(ev)}, extra {set(ev) - set(check_ids)}")
    for k in check_ids:
        quote = ev.get(k, "")
        if cl.get(k) is True:
            if not quote:
                err(f"true item {k} has no evidence")
            elif quote not in text:
                err(f"evidence for {k} not verbatim in text: {quote!r}")
            elif "\n" in quote:
                err(f"evidence for {k} spans lines")
        elif quote:
            err(f"{k} is {cl.get(k)} but has evidence")
    if not gold.get("notes"):
        err("notes empty")
    for line in lines:
        if line.startswith(("* ", "• ", "-\t")):
            err(f"list item not starting with '- ': {line!r}")
        if line != line.rstrip():
            err(f"trailing whitespace: {line!r}")
    return errors


def main(argv):
    vocab = json.loads(VOCAB.read_text(encoding="utf-8"))
    targets = [Path(a) for a in argv] or sorted(HERE.glob("dev*"))
    paths = [g for t in targets for g in (sorted((t / "gold").glob("*.json")) if t.is_dir() else [t])]
    failed = 0
    for p in paths:
        errs = check(p.resolve(), vocab)
        print(f"{p.name}: {'OK' if not errs else 'FAIL'}")
        for e in errs:
            print("   ", e)
        failed += bool(errs)
    print(f"{len(paths) - failed}/{len(paths)} files pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
