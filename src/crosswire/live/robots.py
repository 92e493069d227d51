"""robots.txt, fetched once per host and kept ``robots_ttl_s`` seconds.

As Google reads it: a 2xx answer is parsed (its first 500 KiB); 404 or 410 (no robots.txt)
allows everything; any other answer (a 5xx, 429, 401, 403) or a timeout disallows the whole
host, and that verdict is kept only ``retry_s`` seconds so the file is asked for again soon.
A host the URL guard refuses is refused with the guard's reason. A ``Crawl-delay`` for
crosswire's user agent lengthens the host's delay (up to ``max_crawl_delay_s``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from crosswire.live.config import WatchConfig
from crosswire.live.http import Answer, Failure
from crosswire.live.schedule import Clock

__all__ = ["MAX_ROBOTS_BYTES", "RobotsCache", "Verdict"]

MAX_ROBOTS_BYTES = 500 * 1024
_MISSING = frozenset({404, 410})
_KEEP = 4096  # hosts whose verdicts are kept before the expired ones are dropped


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a host's robots.txt says, and until when it holds."""

    parser: RobotFileParser | None  # None: ``allow_all`` decides every URL
    allow_all: bool
    why: str
    expires: float
    crawl_delay_s: float | None = None
    transient: bool = False  # the file could not be read: try again later


class RobotsCache:
    """Per-host robots.txt verdicts. ``get`` fetches a URL (through the host gate, never
    through this cache; None once the watcher is stopping); the first thread to need a
    host's file fetches it, the others wait for it."""

    def __init__(self, *, get: Callable[[str], Answer | Failure | None], agent: str,
                 config: WatchConfig, clock: Clock) -> None:
        self._get = get
        self._agent = agent
        self._config = config
        self._clock = clock
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._verdicts: dict[str, Verdict] = {}
        self.fetches = 0

    def _host_lock(self, base: str) -> threading.Lock:
        with self._lock:
            return self._host_locks.setdefault(base, threading.Lock())

    def verdict(self, url: str) -> Verdict:
        """The verdict of ``url``'s host (its scheme, host and port), fetched when stale."""
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        with self._host_lock(base):
            held = self._verdicts.get(base)
            if held is None or held.expires <= self._clock():
                held = self._fetch(base)
                if held.expires > 0:
                    self._verdicts[base] = held
        if len(self._verdicts) > _KEEP:
            self._forget_expired()
        return held

    def _forget_expired(self) -> None:
        now = self._clock()
        with self._lock:
            for base in [b for b, v in self._verdicts.items() if v.expires <= now]:
                self._verdicts.pop(base, None)
                lock = self._host_locks.get(base)
                if lock is not None and not lock.locked():
                    del self._host_locks[base]

    def problem(self, url: str) -> tuple[str, bool] | None:
        """Why robots.txt keeps crosswire from ``url`` (and whether that may pass), or None."""
        verdict = self.verdict(url)
        if verdict.parser is None:
            return None if verdict.allow_all else (verdict.why, verdict.transient)
        if verdict.parser.can_fetch(self._agent, url):
            return None
        return f"robots.txt of {urlsplit(url).netloc} disallows it", False

    def _fetch(self, base: str) -> Verdict:
        self.fetches += 1
        got = self._get(f"{base}/robots.txt")
        if got is None:  # stopping: nothing is fetched, nothing is kept
            return Verdict(None, False, "the watcher is stopping", 0.0, transient=True)
        now = self._clock()
        fresh = now + self._config.robots_ttl_s
        if isinstance(got, Failure):
            if got.status in _MISSING:
                return Verdict(None, True, f"no robots.txt (HTTP {got.status})", fresh)
            soon = now + min(self._config.retry_s, self._config.robots_ttl_s)
            if got.reason == "refused":  # the host itself may not be fetched: say that
                return Verdict(None, False, got.message, soon)
            why = f"robots.txt of {urlsplit(base).netloc} could not be read ({got.message})"
            return Verdict(None, False, why, soon, transient=True)
        parser = RobotFileParser()
        text = got.body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(self._agent)
        crawl = None if delay is None else min(float(delay), self._config.max_crawl_delay_s)
        return Verdict(parser, True, "robots.txt read", fresh, crawl_delay_s=crawl)
