"""Progress of long runs: one plain line per batch in a log, a rich bar on a terminal."""

from __future__ import annotations

import io

from crosswire.progress import Progress


def test_a_log_gets_one_line_per_batch_with_the_count_and_the_rate() -> None:
    log = io.StringIO()
    with Progress(label="ingest", unit="reports", stream=log) as shown:
        for done in (20, 40, 45):
            shown.update(done)
    lines = log.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[-1].startswith("crosswire: ingest: 45 reports (") and lines[-1].endswith("/s)")


def test_a_total_found_later_is_shown_and_a_terminal_gets_a_bar() -> None:
    log = io.StringIO()
    with Progress(label="brief", unit="stories", stream=log) as shown:
        shown.update(1, 3)
    assert log.getvalue().startswith("crosswire: brief: 1/3 stories (")
    screen = io.StringIO()
    with Progress(label="brief", unit="stories", stream=screen, terminal=True) as shown:
        shown.update(2, 3)
    assert "crosswire: brief" in screen.getvalue() and "2/3" in screen.getvalue()
