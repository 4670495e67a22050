"""Progress of a batch run: a tqdm bar on a terminal, plain periodic lines in a log."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def format_duration(seconds: float) -> str:
    """3723 → '1h02m', 92 → '1m32s', 7.4 → '7s'."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


class Progress:
    """Counts finished documents; draws a bar when ``stream`` is a terminal, else prints a line every
    ``interval`` seconds ("analysed 1200/10000 (85.3 docs/s, ETA 1m32s), 3 failed") and at the end."""

    def __init__(self, total: int | None, stream: TextIO | None = None, interval: float = 10.0,
                 enabled: bool = True) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.enabled = enabled
        self.done = 0
        self.failed = 0
        self.skipped = 0
        self.started = time.monotonic()
        self._last_line = self.started
        self._bar = None
        if enabled and _is_terminal(self.stream):
            from tqdm import tqdm

            self._bar = tqdm(total=total, file=self.stream, unit="doc", dynamic_ncols=True, smoothing=0.05)

    def skip(self, n: int = 1) -> None:
        """Documents already analysed by an earlier run (--resume): counted, but not in the rate."""
        self.skipped += n
        if self._bar is not None:
            self._bar.total = (self._bar.total or 0) - n if self._bar.total is not None else None
            self._bar.refresh()

    def update(self, failed: bool = False) -> None:
        self.done += 1
        self.failed += int(failed)
        if self._bar is not None:
            self._bar.update(1)
            if self.failed:
                self._bar.set_postfix(failed=self.failed, refresh=False)
        elif self.enabled and time.monotonic() - self._last_line >= self.interval:
            self._line()

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        rate = self.rate()
        remaining = None if self.total is None else max(0, self.total - self.skipped - self.done)
        count = f"{self.done}" if self.total is None else f"{self.done}/{self.total - self.skipped}"
        eta = f", ETA {format_duration(remaining / rate)}" if remaining and rate > 0 else ""
        text = f"analysed {count} ({rate:.1f} docs/s{eta})"
        if self.failed:
            text += f", {self.failed} failed"
        if self.skipped:
            text += f", {self.skipped} skipped (already analysed)"
        return text

    def _line(self) -> None:
        self._last_line = time.monotonic()
        print(self.line(), file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif self.enabled:
            self._line()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
