"""Throughput and memory of ``analyser batch`` on synthetic corpora of 1,000 and 10,000 statements.

    python benchmarks/throughput.py                    # sizes 1000,10000; jobs 1 and 2
    python benchmarks/throughput.py --quick            # sizes 200,1000: a minute or two
    python benchmarks/throughput.py --sizes 500 --jobs 1,2,4 --no-model

The corpora are made by recombining the bundled statements (``corpus/texts``) with a fixed seed:
each synthetic statement keeps the paragraph layout of a real one and swaps about half of its
paragraphs for paragraphs drawn from the whole corpus, so lengths and vocabulary stay realistic
while no two statements are the same.

Per size it reports, all measured in the same run:

* ``blank docs/s``: plain ``spacy.blank("nl").pipe`` over the same texts (the tokenisation floor);
* ``analysis / blank``: the full in-process analysis (``analyser.api.docs`` + reports, no I/O) over
  up to 500 of the texts, against the blank pipe over the same texts (the pipeline's own cost); both
  timed on a second pass, after an untimed one has filled their caches (the steady state of a long run);
  the median of three such measurements, taken before the corpus files are written;
* per ``--jobs``: documents per second of the whole ``analyser batch`` command (start-up, reading,
  analysis, report files, tables, families and dashboard included), its ratio against the blank
  pipe, and the peak memory of its process tree (sum of RSS, and sum of PSS, which counts pages
  shared between the forked workers once), with psutil: RSS every 0.2 s, PSS (costly to read) every second.

Targets: at least 1.7x from 1 to 2 jobs; peak memory for 10,000 documents within 1.3x of 1,000.
Results go to stdout and ``benchmarks/results.md`` as a markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "corpus" / "texts"
RESULTS = Path(__file__).resolve().parent / "results.md"
SEED = 20240501


# --------------------------------------------------------------------------- the synthetic corpus


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def synthetic_texts(n: int, seed: int = SEED) -> list[str]:
    """``n`` statements recombined from the bundled ones (deterministic for a seed)."""
    originals = [paragraphs(p.read_text(encoding="utf-8")) for p in sorted(TEXTS.glob("*.txt"))]
    pool = [p for doc in originals for p in doc[1:]]  # every paragraph but the titles
    rnd = random.Random(seed)
    texts = []
    for _ in range(n):
        base = rnd.choice(originals)
        body = [p if rnd.random() < 0.5 else rnd.choice(pool) for p in base[1:]]
        texts.append("\n\n".join([base[0], *body]))
    return texts


def write_corpus(texts: list[str], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (directory / f"stmt-{i:06d}.txt").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- measurements


def blank_seconds(texts: list[str]) -> float:
    import spacy

    nlp = spacy.blank("nl")
    for _ in nlp.pipe(texts, batch_size=64):  # untimed pass: the tokeniser's cache filled, as in a long run
        pass
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - started


def analysis_seconds(texts: list[str], use_model: bool) -> float:
    """Full analysis in this process, reports built, nothing written (the pipeline is loaded beforehand)."""
    from analyser.api import docs, load, report_from_doc
    from analyser.pipeline import get_nlp

    get_nlp(use_model)
    loaded = [load(text, doc_id=f"d{i}") for i, text in enumerate(texts)]
    for doc in docs(loaded, use_model=use_model):  # untimed pass: caches filled, as for the blank pipe
        report_from_doc(doc)
    started = time.perf_counter()
    for doc in docs(loaded, use_model=use_model):
        report_from_doc(doc)
    return time.perf_counter() - started


@dataclass
class Memory:
    rss: int = 0
    pss: int = 0
    samples: int = 0


def _tree_memory(proc, pss: bool) -> tuple[int, int]:
    """RSS (cheap: ``/proc/PID/statm``) and, when ``pss``, PSS (``smaps``: several ms of kernel time per process)
    of a process and its children."""
    import psutil

    rss = total_pss = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            if pss:
                info = p.memory_full_info()
                total_pss += getattr(info, "pss", info.rss)
            else:
                info = p.memory_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rss += info.rss
    return rss, total_pss


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (all cores) since boot."""
    import psutil

    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Run:
    seconds: float
    memory: Memory
    cpu: float  # CPU seconds of the batch command's process tree
    others: float  # share of the machine's CPU used by other processes meanwhile (0..1)


def run_batch_command(corpus: Path, out: Path, jobs: int, use_model: bool) -> tuple[Run, int]:
    """Timing, CPU, peak memory of the process tree and exit status of one ``analyser batch`` run."""
    import psutil

    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "analyser", "batch", str(corpus), "--out", str(out), "--jobs", str(jobs)]
    if not use_model:
        command.append("--no-model")
    memory = Memory()
    cpu_before, busy_before = _children_cpu(), _busy_seconds()
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(proc.pid)
    stop = threading.Event()

    def sample() -> None:
        # RSS five times a second, PSS once a second: reading smaps costs CPU that the workers would miss
        # (on 2 cores with --jobs 2, sampling PSS at 5 Hz alone took ~10% of a core)
        tick = 0
        while not stop.is_set():
            rss, pss = _tree_memory(watched, pss=tick % 5 == 0)
            memory.rss, memory.pss = max(memory.rss, rss), max(memory.pss, pss)
            memory.samples += 1
            tick += 1
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    cpu = _children_cpu() - cpu_before
    others = max(0.0, _busy_seconds() - busy_before - cpu) / (seconds * (os.cpu_count() or 1))
    if proc.returncode not in (0, 1):
        print(stderr, file=sys.stderr)
    return Run(seconds, memory, cpu, others), proc.returncode


@dataclass
class SizeResult:
    size: int
    blank_rate: float = 0.0
    analysis_ratio: float = 0.0
    runs: dict[int, Run] = field(default_factory=dict)  # jobs → run


def measure(size: int, jobs_list: list[int], workdir: Path, use_model: bool) -> SizeResult:
    texts = synthetic_texts(size)
    result = SizeResult(size)
    # the in-process ratio first, before thousands of files are written (their write-back would share the CPU),
    # as the median of three measurements
    sample = texts[:500]
    result.analysis_ratio = statistics.median(analysis_seconds(sample, use_model) / blank_seconds(sample)
                                              for _ in range(3))
    result.blank_rate = size / blank_seconds(texts)
    corpus = workdir / f"synthetic-{size}"
    write_corpus(texts, corpus)
    for jobs in jobs_list:
        run, status = run_batch_command(corpus, workdir / f"out-{size}-{jobs}", jobs, use_model)
        if status not in (0, 1):
            raise SystemExit(f"analyser batch failed with status {status} on {size} documents, --jobs {jobs}")
        result.runs[jobs] = run
        mib = 2**20
        print(f"  {size} docs, --jobs {jobs}: {size / run.seconds:.1f} docs/s, {run.cpu / size * 1000:.1f} CPU ms/doc, "
              f"others {run.others:.0%}, peak RSS {run.memory.rss / mib:.0f} MiB, PSS {run.memory.pss / mib:.0f} MiB",
              file=sys.stderr, flush=True)
    shutil.rmtree(corpus, ignore_errors=True)
    return result


# --------------------------------------------------------------------------- report


def markdown(results: list[SizeResult], jobs_list: list[int], use_model: bool, started: str, load: str) -> str:
    mib = 2**20
    lines = [
        "# Batch throughput",
        "",
        f"Run {started} on {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{'with' if use_model else 'without'} the checklist model; load average at start {load}. "
        "Made by `python benchmarks/throughput.py`.",
        "",
        "| documents | blank docs/s | analysis / blank | jobs | docs/s | x blank | speed-up | CPU ms/doc "
        "| others' CPU | peak RSS (MiB) | peak PSS (MiB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        base = r.runs[jobs_list[0]]
        for jobs in jobs_list:
            run = r.runs[jobs]
            rate = r.size / run.seconds
            lines.append(f"| {r.size:,} | {r.blank_rate:.0f} | {r.analysis_ratio:.2f}x | {jobs} | {rate:.1f} | "
                         f"{r.blank_rate / rate:.2f}x | {base.seconds / run.seconds:.2f}x | "
                         f"{run.cpu / r.size * 1000:.1f} | {run.others:.0%} | {run.memory.rss / mib:.0f} | "
                         f"{run.memory.pss / mib:.0f} |")
    lines += ["", "`x blank`: how many times slower the whole batch command is than the blank pipe over the same "
              "texts. `analysis / blank`: the in-process pipeline alone (up to 500 texts, both timed on a second "
              "pass, caches filled; the median of three, measured before the corpus files are written). "
              "`speed-up`: against "
              f"--jobs {jobs_list[0]}. `CPU ms/doc`: user+system CPU of the batch command's whole process tree "
              "per document (work added by parallelism shows here). `others' CPU`: the share of the machine's "
              "CPU that other processes used during the run; above a few percent the wall-clock figures and "
              "the speed-up are not trustworthy."]
    if len(results) > 1:
        small, large = results[0], results[-1]
        lines += ["", f"Peak memory, {large.size:,} against {small.size:,} documents:"]
        for jobs in jobs_list:
            rss = large.runs[jobs].memory.rss / max(1, small.runs[jobs].memory.rss)
            pss = large.runs[jobs].memory.pss / max(1, small.runs[jobs].memory.pss)
            lines.append(f"- --jobs {jobs}: RSS {rss:.2f}x, PSS {pss:.2f}x (target: within 1.3x)")
    if 1 in jobs_list and 2 in jobs_list:
        ups = ", ".join(f"{r.size:,}: {r.runs[1].seconds / r.runs[2].seconds:.2f}x" for r in results)
        lines += ["", f"Speed-up from 1 to 2 jobs (target at least 1.7x): {ups}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="comma-separated corpus sizes (default 1000,10000)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values (default 1,2)")
    parser.add_argument("--quick", action="store_true", help="sizes 200,1000 unless --sizes is given")
    parser.add_argument("--no-model", action="store_true", help="run the checklist from rules only")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"markdown file (default {RESULTS})")
    parser.add_argument("--workdir", type=Path, help="keep the corpora and outputs here (default: a temp dir)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in (args.sizes or ("200,1000" if args.quick else "1000,10000")).split(",")]
    jobs_list = [int(j) for j in args.jobs.split(",")]
    started = time.strftime("%Y-%m-%d %H:%M")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="analyser-bench-"))
    try:
        results = []
        for size in sizes:
            print(f"{size} documents ...", file=sys.stderr, flush=True)
            results.append(measure(size, jobs_list, workdir, not args.no_model))
        text = markdown(results, jobs_list, not args.no_model, started, load)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(text)
    args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
