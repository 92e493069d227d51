"""When to fetch: the per-host gate (at most ``host_concurrency`` requests to a host at once,
their starts at least the host's delay apart) and the back-off of a failing source.

Time comes from an injected clock (seconds, ``time.time`` by default, so due times survive a
restart) and waits go through an injected sleeper, so tests can run in virtual time.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from urllib.parse import urlsplit

from crosswire.live.config import WatchConfig

__all__ = ["Clock", "HostGate", "Sleeper", "backoff_s", "host_key"]

Clock = Callable[[], float]
Sleeper = Callable[[float], None]
_HISTORY = 256


def host_key(url: str) -> str:
    """The host a URL's politeness limits apply to: its lower-cased ``host[:port]``."""
    return urlsplit(url).netloc.rsplit("@", 1)[-1].lower()


def backoff_s(*, failures: int, config: WatchConfig, retry_after_s: float | None = None) -> float:
    """Seconds before a source that failed ``failures`` times in a row is tried again:
    ``retry_s`` doubled for each failure after the first, at most ``max_backoff_s``; a
    server's ``Retry-After`` lengthens it (up to ``max_backoff_s``), never shortens it."""
    delay = min(config.max_backoff_s, config.retry_s * 2.0 ** min(max(failures, 1) - 1, 64))
    if retry_after_s is not None:
        delay = max(delay, min(retry_after_s, config.max_backoff_s))
    return delay


class HostGate:
    """Politeness per host, shared by the worker threads.

    :meth:`enter` waits for one of the host's ``concurrency`` slots, reserves the next start
    time (at least ``delay`` after the previous start to the host, and after the end of the
    last request that ended), sleeps until then and returns True; it returns False (holding
    nothing) once ``stop`` is set. Every True must be followed by :meth:`leave`.
    """

    def __init__(self, *, delay_s: float, concurrency: int, clock: Clock, sleep: Sleeper,
                 stop: threading.Event) -> None:
        self._delay_s = delay_s
        self._concurrency = max(1, concurrency)
        self._clock = clock
        self._sleep = sleep
        self._stop = stop
        self._cond = threading.Condition()
        self._busy: dict[str, int] = {}
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        # the latest start times per host (reports and tests), a bounded history
        self.starts: dict[str, deque[float]] = {}

    def set_delay(self, host: str, delay_s: float) -> None:
        """Use ``delay_s`` for ``host`` from now on (a robots.txt ``Crawl-delay``)."""
        with self._cond:
            self._delays[host] = delay_s

    def delay_of(self, host: str) -> float:
        with self._cond:
            return self._delays.get(host, self._delay_s)

    def enter(self, host: str) -> bool:
        with self._cond:
            while self._busy.get(host, 0) >= self._concurrency and not self._stop.is_set():
                self._cond.wait(0.2)
            if self._stop.is_set():
                return False
            self._busy[host] = self._busy.get(host, 0) + 1
            start = max(self._clock(), self._next.get(host, float("-inf")))
            self._next[host] = start + self._delays.get(host, self._delay_s)
            self.starts.setdefault(host, deque(maxlen=_HISTORY)).append(start)
        wait = start - self._clock()
        if wait > 0:
            self._sleep(wait)
        if self._stop.is_set():
            self.leave(host)
            return False
        return True

    def leave(self, host: str) -> None:
        """The request to ``host`` is over: the next may start ``delay`` from now at the
        earliest (so with one slot per host, the server sees requests at least ``delay``
        apart, whatever time the client took to send them)."""
        with self._cond:
            self._busy[host] -= 1
            after = self._clock() + self._delays.get(host, self._delay_s)
            self._next[host] = max(self._next.get(host, after), after)
            self._cond.notify_all()

    def wake(self) -> None:
        """Wake every waiting thread (call after setting ``stop``)."""
        with self._cond:
            self._cond.notify_all()
