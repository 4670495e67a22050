"""Command line: thin wrappers that parse, call the API and print.

Every failure the user can fix prints one line on stderr and exits 2; nothing prints a traceback
unless ``ANALYSER_DEBUG=1`` is set.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .loading import DEFAULT_MAX_BYTES, InputError

EXIT_INPUT = 2


def _size(value: str) -> int:
    """'20MB', '500kB', '1048576' → bytes."""
    text = value.strip().lower().replace(" ", "")
    for suffix, factor in (("gb", 10**9), ("mb", 10**6), ("kb", 10**3), ("b", 1)):
        if text.endswith(suffix):
            text, mult = text[: -len(suffix)], factor
            break
    else:
        mult = 1
    try:
        return int(float(text) * mult)
    except ValueError as exc:
        raise click.BadParameter(f"'{value}' is not a size such as 20MB") from exc


class SizeType(click.ParamType):
    name = "size"

    def convert(self, value, param, ctx):  # type: ignore[override]
        if isinstance(value, int):
            return value
        try:
            return _size(value)
        except click.BadParameter as exc:
            self.fail(str(exc), param, ctx)


def _write(text: str, output: str | None) -> None:
    if output:
        from .fileio import atomic_write_text

        atomic_write_text(Path(output), text)
    else:
        click.echo(text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="analyser")
def cli() -> None:
    """Analyse Dutch privacy statements (privacyverklaringen) against the GDPR (AVG)."""


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "markdown", "md", "html"]), default="json",
              show_default=True, help="Report format.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the report's own words (HTML/Markdown).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--max-size", type=SizeType(), default=DEFAULT_MAX_BYTES, show_default="20MB",
              help="Refuse files larger than this.")
@click.option("--no-model", is_flag=True, help="Checklist from rules only (no trained classifier).")
def analyse(file: Path, fmt: str, lang: str, output: str | None, max_size: int, no_model: bool) -> None:
    """Analyse one statement FILE (.txt, .md, .html, .pdf, .docx) and print its report."""
    from .api import analyse as run
    from .render import render

    report = run(file, max_bytes=max_size, use_model=not no_model)
    _write(render(report, "markdown" if fmt == "md" else fmt, lang=lang), output)


@cli.command()
@click.option("--gold", "gold_dir", required=True, type=click.Path(path_type=Path), help="Directory of gold *.json.")
@click.option("--texts", "texts_dir", type=click.Path(path_type=Path), help="Directory of statements to analyse.")
@click.option("--reports", "reports_dir", type=click.Path(path_type=Path), help="Directory of ready JSON reports.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="Also list every false positive and negative.")
@click.option("--model", "model_mode", type=click.Choice(["compare", "on", "off"]), default="compare",
              show_default=True, help="Checklist with the model, without it, or both side by side.")
def evaluate(gold_dir: Path, texts_dir: Path | None, reports_dir: Path | None, as_json: bool, show_errors: bool,
             model_mode: str) -> None:
    """Precision, recall and F1 per field against gold annotations."""
    from . import evaluate as ev
    from .model import model_available

    if reports_dir is not None or not model_available():
        model_mode = "on" if model_mode == "compare" else model_mode
    runs = {"rules only": False, "rules+model": True} if model_mode == "compare" else \
        {("rules+model" if model_mode == "on" and model_available() else "rules only"): model_mode == "on"}
    results = {name: ev.evaluate(gold_dir, texts_dir, reports_dir, use_model=flag) for name, flag in runs.items()}
    if as_json:
        click.echo(json.dumps({name: r.as_dict() for name, r in results.items()}, indent=2, ensure_ascii=False))
        return
    for name, result in results.items():
        click.echo(ev.format_table(result, f"== {name} ({len(result.documents)} documents) =="))
        if show_errors:
            click.echo("\nerrors")
            click.echo(ev.format_errors(result))
        click.echo()


@cli.command()
@click.option("--texts", "texts_dir", type=click.Path(path_type=Path), default=Path("corpus/texts"),
              show_default=True, help="Statements the labels refer to.")
@click.option("--gold", "gold_dir", type=click.Path(path_type=Path), default=Path("corpus/gold"),
              show_default=True, help="Gold files (document-level check and label bootstrap).")
@click.option("--labels", "labels_path", type=click.Path(path_type=Path),
              default=Path("corpus/labels/checklist_sentences.jsonl"), show_default=True, help="Sentence labels.")
@click.option("--out", "out_path", type=click.Path(path_type=Path), default=Path("models/checklist_model.json"),
              show_default=True, help="Where to write the model (a model card is written beside it).")
@click.option("--folds", default=5, show_default=True, help="Cross-validation folds (split by document).")
@click.option("--dev-texts", type=click.Path(path_type=Path), default=Path("corpus/dev2/texts"), show_default=True,
              help="Development statements: the model is enabled per item only where it helps on them.")
@click.option("--dev-gold", type=click.Path(path_type=Path), default=Path("corpus/dev2/gold"), show_default=True)
@click.option("--bootstrap-labels", is_flag=True, help="Write first-draft labels from the rules and the gold, "
              "then stop (correct them by hand before training).")
def train(texts_dir: Path, gold_dir: Path, labels_path: Path, out_path: Path, folds: int, dev_texts: Path,
          dev_gold: Path, bootstrap_labels: bool) -> None:
    """Train the checklist sentence classifier and write its model card."""
    from . import training

    if bootstrap_labels:
        n = training.bootstrap_labels(texts_dir, gold_dir, labels_path)
        click.echo(f"wrote {n} draft sentence labels to {labels_path}; review them, then run 'analyser train'")
        return
    use_dev = dev_texts.is_dir() and dev_gold.is_dir()
    model = training.train(texts_dir, gold_dir, labels_path, out_path, folds=folds,
                           dev_texts=dev_texts if use_dev else None, dev_gold=dev_gold if use_dev else None)
    cv = model.metrics["cross_validation"]
    click.echo(f"trained on {model.metrics['documents']} documents, {model.metrics['sentences']} sentences; "
               f"{cv['folds']}-fold cross-validation by document")
    dev = model.metrics.get("development_set")
    click.echo(f"{'item':<24}{'sent F1':>8}{'CV doc F1 rules':>17}{'+model':>8}"
               + (f"{'dev rules':>11}{'+model':>8}" if dev else ""))
    for item in model.items:
        line = (f"{item:<24}{cv['sentence'][item]['f1']:>8.2f}{cv['document_rules'][item]['f1']:>17.2f}"
                f"{cv['document_rules_model'][item]['f1']:>8.2f}")
        if dev:
            line += f"{dev['rules'][item]['f1']:>11.2f}{dev['rules_model'][item]['f1']:>8.2f}"
        click.echo(line)
    click.echo(f"enabled items: {', '.join(model.enabled_items) or 'none'}")
    click.echo(f"wrote {out_path} and {out_path.with_name('MODEL_CARD.md')}")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "-o", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory for reports/, documents.parquet, mentions.parquet, errors.csv and summary.html.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, show_default="all cores",
              help="Worker processes (1 = in this process); Dask workers for a LocalCluster.")
@click.option("--resume", is_flag=True, help="Skip documents whose report is already in DIR/reports.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run on local processes or on a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler (tcp://host:8786); default: a LocalCluster.")
@click.option("--max-size", type=SizeType(), default=DEFAULT_MAX_BYTES, show_default="20MB",
              help="Refuse statements larger than this (they are listed in errors.csv).")
@click.option("--no-model", is_flag=True, help="Checklist from rules only (no trained classifier).")
def batch(inputs: tuple[Path, ...], out_dir: Path, jobs: int | None, resume: bool, engine: str,
          scheduler: str | None, max_size: int, no_model: bool) -> None:
    """Analyse many statements: files, directories and CSV/JSONL/Parquet tables (columns id, text).

    Exit status 0 when every document was analysed, 1 when some failed (see DIR/errors.csv).
    """
    from .corpus import run_batch
    from .corpus.engines import PipelineError

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    try:
        result = run_batch(list(inputs), out_dir, jobs=jobs, resume=resume, engine=engine, scheduler=scheduler,
                           max_bytes=max_size, use_model=not no_model)
    except InputError as exc:  # an input that cannot be used at all (a table without a text column)
        raise click.UsageError(str(exc)) from exc
    except PipelineError as exc:  # nothing can be analysed; reports already written stay for --resume
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{result.documents} documents: {result.analysed} analysed, {result.failed} failed, "
               f"{result.skipped} skipped (already analysed) in {result.seconds:.1f}s; tables in {out_dir}")
    for doc_id, message in result.errors[:5]:
        click.echo(f"  failed {doc_id}: {message}", err=True)
    if result.failed:
        if result.failed > 5:
            click.echo(f"  ... and {result.failed - 5} more in {out_dir / 'errors.csv'}", err=True)
        sys.exit(1)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_INPUT if exc.exit_code == 2 else exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("ANALYSER_DEBUG"):
            raise
        from .data import DataError

        kind = "data error" if isinstance(exc, DataError) else "internal error"
        click.echo(f"{kind}: {type(exc).__name__}: {exc} (set ANALYSER_DEBUG=1 for the traceback)", err=True)
        sys.exit(1)
