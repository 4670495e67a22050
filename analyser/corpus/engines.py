"""Where the analysis runs: in-process, on a local process pool, or on a Dask cluster.

Every engine maps :func:`analyse_item` over a stream of work items with a bounded number of
submissions in flight (so neither the queue nor the results pile up), and yields an
:class:`Outcome` per item as it finishes, in completion order. The pipeline is built once per
worker process (``analyser.pipeline.get_nlp`` is cached per process).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..loading import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, InputError, load_bytes, load_path, load_text
from .inputs import WorkItem

_PIPELINE_LOCK = threading.Lock()


class PipelineError(RuntimeError):
    """The analysis pipeline itself cannot be built (a broken data file, a missing model): no document can
    be analysed, so the run stops instead of failing every document one by one."""


@dataclass
class Outcome:
    id: str
    source: str | None
    error: str | None = None
    report_json: str | None = None  # None when the worker wrote the report itself (or the item failed)


@dataclass
class Options:
    use_model: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    reports_dir: str | None = None  # the worker writes reports/<id>.json itself when set


def one_line(message: str) -> str:
    return " ".join(str(message).split())


def _size_error(name: str, size: int, max_bytes: int) -> str:
    return (f"{name} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; "
            f"raise it with --max-size if the file is genuine")


def _load(item: WorkItem, max_bytes: int):
    if item.path is not None:
        loaded = load_path(item.path, max_bytes=max_bytes, doc_id=item.id)
    elif item.data is not None:
        name = Path(item.source or item.id).name
        if len(item.data) > max_bytes:
            raise InputError(_size_error(name, len(item.data), max_bytes))
        loaded = load_bytes(item.data, item.fmt, name=name, doc_id=item.id)
    else:
        text = item.text or ""
        size = len(text.encode("utf-8"))
        if size > max_bytes:
            raise InputError(_size_error(f"the text of {item.id}", size, max_bytes))
        loaded = load_text(text, doc_id=item.id, fmt=item.fmt)
    loaded.source = item.source
    return loaded


def _pipeline(use_model: bool):
    """The cached pipeline of this process; a failure to build it raises :class:`PipelineError`."""
    from ..pipeline import get_nlp

    try:
        with _PIPELINE_LOCK:
            return get_nlp(use_model)
    except Exception as exc:
        raise PipelineError(f"the analysis pipeline cannot be built: {type(exc).__name__}: {one_line(str(exc))}"
                            ) from None


def analyse_item(item: WorkItem, options: Options) -> Outcome:
    """Analyse one work item; never raises for a bad document (the error travels in the Outcome)."""
    if item.error is not None:
        return Outcome(item.id, item.source, error=item.error)
    from ..api import analyse_loaded

    _pipeline(options.use_model)
    try:
        loaded = _load(item, options.max_bytes)
        with _PIPELINE_LOCK:  # one Doc at a time on a threaded (Dask) worker
            report = analyse_loaded(loaded, use_model=options.use_model)
        text = report.to_json()
    except InputError as exc:
        return Outcome(item.id, item.source, error=one_line(str(exc)))
    except Exception as exc:  # a bug must not stop a run of 10,000 documents
        if os.environ.get("ANALYSER_DEBUG"):
            traceback.print_exc()
        return Outcome(item.id, item.source, error=one_line(f"internal error: {type(exc).__name__}: {exc}"))
    if options.reports_dir is not None:
        from .batch import write_report

        write_report(Path(options.reports_dir), item.id, text)
        return Outcome(item.id, item.source)
    return Outcome(item.id, item.source, report_json=text)


# --------------------------------------------------------------------------- in-process


def run_inline(items: Iterable[WorkItem], options: Options) -> Iterator[Outcome]:
    for item in items:
        yield analyse_item(item, options)


# --------------------------------------------------------------------------- local process pool


def _init_worker(use_model: bool) -> None:
    """Build the pipeline when the worker starts (once per process), and leave Ctrl-C to the parent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _pipeline(use_model)
    except PipelineError:
        pass  # raised again by the first task, which stops the run with the message


def _fork_context() -> bool:
    """Workers are forked on Linux: they start at once, with the parent's modules and pipeline."""
    return sys.platform.startswith("linux")


def _prepare_parent(use_model: bool) -> None:
    """Before forking: build the pipeline, fill its caches on a sample statement, and move every object made
    so far out of the garbage collector's sight (``gc.freeze``). The workers then share these pages with the
    parent: a collection in a worker no longer writes to them (copy-on-write would copy them, worker by
    worker, as a long run goes on)."""
    import gc

    _pipeline(use_model)
    from ..pipeline import warm_up

    try:
        warm_up(use_model)
    except Exception:
        pass
    gc.collect()
    gc.freeze()


def _pool(jobs: int, options: Options):
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    context = mp.get_context("fork") if _fork_context() else mp.get_context()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                               initargs=(options.use_model,))


def _analyse_chunk(items: list[WorkItem], options: Options) -> list[Outcome]:
    """Several items in one task: one round trip to the worker instead of one per document."""
    return [analyse_item(item, options) for item in items]


def run_pool(items: Iterable[WorkItem], options: Options, jobs: int, in_flight: int | None = None,
             chunk: int = 4) -> Iterator[Outcome]:
    """Analyse on ``jobs`` worker processes, ``chunk`` items per task, at most ``in_flight`` items submitted
    at a time.

    A worker that dies (out of memory, a crash in a C library) breaks the pool. The items that were
    in flight become suspects: on a fresh pool each is run alone, so the one that kills its worker
    again is reported as failed and the others are analysed as usual.
    """
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    limit = in_flight or 4 * jobs * chunk
    chunk = max(1, min(chunk, limit // jobs or 1))
    if _fork_context():
        _prepare_parent(options.use_model)
    source = iter(items)
    suspects: deque[WorkItem] = deque()
    executor = _pool(jobs, options)
    pending: dict = {}  # future → the items of its task
    submitted = 0  # items in the pending tasks
    isolated = False  # the one pending task is a suspect run alone
    exhausted = False
    try:
        while True:
            if suspects:
                if not pending:
                    isolated = True
                    item = suspects.popleft()
                    pending[executor.submit(_analyse_chunk, [item], options)] = [item]
                    submitted = 1
            else:
                isolated = False
                while not exhausted and submitted < limit:
                    batch = []
                    while len(batch) < chunk:
                        item = next(source, None)
                        if item is None:
                            exhausted = True
                            break
                        batch.append(item)
                    if batch:
                        pending[executor.submit(_analyse_chunk, batch, options)] = batch
                        submitted += len(batch)
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                batch = pending.pop(future)
                submitted -= len(batch)
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    broken = True
                    if isolated:
                        yield Outcome(batch[0].id, batch[0].source, error="the worker analysing it died (out of "
                                                                          "memory, or a crash in a library)")
                    else:
                        suspects.extend(batch)
                    continue
                yield from outcomes
            if broken:
                for batch in pending.values():
                    suspects.extend(batch)
                pending.clear()
                submitted = 0
                executor.shutdown(wait=False, cancel_futures=True)
                executor = _pool(jobs, options)
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


# --------------------------------------------------------------------------- Dask


def _with_bytes(item: WorkItem, max_bytes: int) -> WorkItem:
    """Remote workers may not see the client's files: send the bytes (after the size check)."""
    if item.path is None or item.error is not None:
        return item
    path = Path(item.path)
    name = path.name
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return WorkItem(item.id, item.source, error=_size_error(name, size, max_bytes))
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            try:
                load_path(path, max_bytes=max_bytes)  # raises the usual "unsupported file type" message
            except InputError as exc:
                return WorkItem(item.id, item.source, error=one_line(str(exc)))
        data = path.read_bytes()
    except OSError as exc:
        return WorkItem(item.id, item.source, error=f"{path}: cannot be read ({exc.strerror}); check permissions")
    return WorkItem(item.id, item.source, data=data, fmt=item.fmt)


def run_dask(items: Iterable[WorkItem], options: Options, jobs: int, scheduler: str | None = None,
             on_client: Callable[[object], None] | None = None) -> Iterator[Outcome]:
    """Analyse on a Dask cluster: ``scheduler`` ('tcp://host:8786') or a fresh ``LocalCluster``.

    The client reads the files (workers elsewhere may not see them) and writes the reports as the
    results stream back (``as_completed``), with at most 4 tasks per worker thread in flight.
    """
    from distributed import Client, LocalCluster, as_completed

    remote_options = Options(options.use_model, options.max_bytes, reports_dir=None)
    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        if on_client is not None:
            on_client(client)
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()) or jobs
        limit = 4 * max(1, threads)
        source = (_with_bytes(item, options.max_bytes) for item in items)
        queue = as_completed()
        submitted: dict[str, WorkItem] = {}

        def submit(item: WorkItem) -> None:
            future = client.submit(analyse_item, item, remote_options, pure=False)
            submitted[future.key] = item
            queue.add(future)

        for item in source:
            submit(item)
            if len(submitted) >= limit:
                break
        for future in queue:
            item = submitted.pop(future.key)
            try:
                outcome = future.result()
            except PipelineError:
                raise
            except Exception as exc:  # a worker lost, a task that could not run
                outcome = Outcome(item.id, item.source, error=one_line(f"dask task failed: {type(exc).__name__}: "
                                                                       f"{exc}"))
            future.release()
            yield outcome
            nxt = next(source, None)
            if nxt is not None:
                submit(nxt)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
