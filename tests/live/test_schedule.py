"""The host gate and the back-off, in virtual time where one thread suffices."""

from __future__ import annotations

import threading
import time

from crosswire.live.config import WatchConfig
from crosswire.live.schedule import HostGate, backoff_s, host_key


class VirtualTime:
    """A clock that only moves when something sleeps."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_backoff_doubles_from_retry_s_up_to_the_cap() -> None:
    config = WatchConfig(retry_s=60.0, max_backoff_s=500.0)
    assert [backoff_s(failures=n, config=config) for n in range(1, 6)] == [
        60.0, 120.0, 240.0, 480.0, 500.0]
    assert backoff_s(failures=10_000, config=config) == 500.0
    # a server's Retry-After lengthens the wait (within the cap), never shortens it
    assert backoff_s(failures=1, config=config, retry_after_s=300.0) == 300.0
    assert backoff_s(failures=3, config=config, retry_after_s=5.0) == 240.0
    assert backoff_s(failures=1, config=config, retry_after_s=9e6) == 500.0


def test_requests_to_one_host_start_at_least_the_delay_apart_in_virtual_time() -> None:
    vt = VirtualTime()
    gate = HostGate(delay_s=2.0, concurrency=1, clock=vt.clock, sleep=vt.sleep,
                    stop=threading.Event())
    for _ in range(4):
        assert gate.enter("wire.example")
        gate.leave("wire.example")
    assert gate.enter("other.example")  # another host does not wait for this one
    gate.leave("other.example")
    starts = list(gate.starts["wire.example"])
    assert [b - a for a, b in zip(starts, starts[1:], strict=False)] == [2.0, 2.0, 2.0]
    assert list(gate.starts["other.example"]) == [vt.now]
    gate.set_delay("wire.example", 5.0)  # a robots.txt Crawl-delay
    assert gate.enter("wire.example")
    gate.leave("wire.example")
    assert gate.enter("wire.example")
    gate.leave("wire.example")
    assert gate.starts["wire.example"][-1] - gate.starts["wire.example"][-2] == 5.0


def test_at_most_the_concurrency_limit_is_in_flight_per_host() -> None:
    gate = HostGate(delay_s=0.0, concurrency=2, clock=time.time, sleep=time.sleep,
                    stop=threading.Event())
    lock = threading.Lock()
    inflight = {"now": 0, "most": 0}

    def request() -> None:
        assert gate.enter("wire.example")
        with lock:
            inflight["now"] += 1
            inflight["most"] = max(inflight["most"], inflight["now"])
        time.sleep(0.05)
        with lock:
            inflight["now"] -= 1
        gate.leave("wire.example")

    threads = [threading.Thread(target=request) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)
    assert inflight["most"] == 2


def test_a_stopped_gate_lets_nothing_start() -> None:
    stop = threading.Event()
    vt = VirtualTime()
    gate = HostGate(delay_s=60.0, concurrency=1, clock=vt.clock, sleep=lambda s: stop.set(),
                    stop=stop)
    assert gate.enter("wire.example")  # the first request starts at once
    gate.leave("wire.example")
    assert not gate.enter("wire.example")  # stopped while waiting its turn: not started
    assert not gate.enter("other.example")


def test_host_key_is_the_lower_cased_host_and_port() -> None:
    assert host_key("https://User@Wire.Example:8443/a?b") == "wire.example:8443"
    assert host_key("http://wire.example/x") == "wire.example"
