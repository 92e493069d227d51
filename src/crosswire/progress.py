"""Progress of a long run, on stderr: a rich bar with the count and the rate on a terminal,
one plain line per batch otherwise (a log keeps every line; a bar would fill it with redraws).

    with Progress(label="ingest", unit="reports") as progress:
        for done in ...:
            progress.update(done)
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, TextIO

__all__ = ["Progress"]


class Progress:
    """``update(done)`` after each batch; ``total`` when known (a bar then shows how far)."""

    def __init__(
        self, *, label: str, unit: str, total: int | None = None, stream: TextIO | None = None,
        terminal: bool | None = None,
    ) -> None:
        self.label, self.unit, self.total = label, unit, total
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.started = time.monotonic()
        self.done = 0
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.terminal:
            self._bar, self._task = _rich_bar(self)
            self._bar.start()
        return self

    def update(self, done: int, total: int | None = None) -> None:
        """``done`` items so far (not an increment), of ``total`` when it has become known."""
        self.done = done
        self.total = total if total is not None else self.total
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=self.total)
            return
        of = f"/{self.total}" if self.total is not None else ""
        print(f"crosswire: {self.label}: {done}{of} {self.unit} ({self.rate():.1f}/s)",
              file=self.stream, flush=True)

    def rate(self) -> float:
        """Items a second so far."""
        return self.done / max(time.monotonic() - self.started, 1e-9)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()


def _rich_bar(progress: Progress) -> tuple[Any, Any]:
    from rich.console import Console
    from rich.progress import BarColumn, ProgressColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress
    from rich.text import Text

    class Count(ProgressColumn):
        def render(self, task: Any) -> Text:
            of = f"/{int(task.total)}" if task.total is not None else ""
            return Text(f"{int(task.completed)}{of} {progress.unit}")

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            elapsed = task.elapsed or 0.0
            rate = task.completed / elapsed if elapsed > 0 else 0.0
            return Text(f"{rate:.1f}/s")

    bar = RichProgress(
        TextColumn(f"crosswire: {progress.label}"), BarColumn(), Count(), Rate(),
        TimeElapsedColumn(), console=Console(file=progress.stream), transient=False,
    )
    return bar, bar.add_task(progress.label, total=progress.total)
