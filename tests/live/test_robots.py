"""robots.txt as Google reads it: parsed when 2xx, everything allowed when missing (404/410),
nothing allowed when it cannot be read (5xx, 403, a timeout), kept per host for its TTL."""

from __future__ import annotations

import httpx
import pytest

from crosswire.ingest.base import IngestConfig
from crosswire.live.config import WatchConfig
from crosswire.live.http import Answer, Failure, http_get
from crosswire.live.robots import RobotsCache
from tests.live.test_schedule import VirtualTime

PUBLIC = "93.184.216.34"
AGENT = "crosswire/0.1 (+https://github.com/crosswire)"


def _cache(answer: httpx.Response, vt: VirtualTime, **settings: float) -> tuple[RobotsCache, list]:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url.path))
        return answer

    config = IngestConfig(transport=httpx.MockTransport(handler), resolver=lambda host: [PUBLIC])

    def get(url: str) -> Answer | Failure:
        return http_get(url, config=config, user_agent=AGENT)

    cache = RobotsCache(get=get, agent=AGENT, config=WatchConfig(**settings), clock=vt.clock)
    return cache, asked


def test_disallowed_paths_are_refused_and_the_file_is_kept_for_its_ttl() -> None:
    vt = VirtualTime()
    text = ("User-agent: *\nDisallow: /private/\n\n"
            "User-agent: crosswire\nDisallow: /drafts/\nCrawl-delay: 90\n")
    cache, asked = _cache(httpx.Response(200, text=text), vt, robots_ttl_s=3600.0,
                          max_crawl_delay_s=30.0)
    assert cache.problem("https://wire.example/news/bridge") is None
    refusal = cache.problem("https://wire.example/drafts/bridge")
    assert refusal == ("robots.txt of wire.example disallows it", False)
    assert cache.verdict("https://wire.example/").crawl_delay_s == 30.0  # capped
    assert asked == ["/robots.txt"]  # asked once for the host
    vt.now += 3601
    cache.problem("https://wire.example/news/other")
    assert asked == ["/robots.txt", "/robots.txt"]  # stale: asked again


def test_a_missing_robots_txt_allows_everything() -> None:
    for status in (404, 410):
        cache, _ = _cache(httpx.Response(status), VirtualTime())
        assert cache.problem("https://wire.example/anything") is None


def test_an_unreadable_robots_txt_disallows_the_host_and_is_asked_again_soon() -> None:
    for status in (500, 503, 403, 429):
        vt = VirtualTime()
        cache, asked = _cache(httpx.Response(status), vt, retry_s=60.0)
        problem = cache.problem("https://wire.example/news/bridge")
        assert problem is not None and problem[1] is True, status  # may pass: retried later
        assert f"HTTP {status}" in problem[0]
        vt.now += 61
        cache.problem("https://wire.example/news/bridge")
        assert len(asked) == 2


def test_a_robots_txt_that_times_out_disallows_the_host() -> None:
    def hang(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer", request=request)

    config = IngestConfig(transport=httpx.MockTransport(hang), resolver=lambda host: [PUBLIC])
    cache = RobotsCache(get=lambda url: http_get(url, config=config, user_agent=AGENT),
                        agent=AGENT, config=WatchConfig(), clock=VirtualTime().clock)
    problem = cache.problem("https://wire.example/a")
    assert problem is not None and "could not be read" in problem[0]


def test_a_stopping_watcher_keeps_no_verdict() -> None:
    answers: list[Answer | Failure | None] = [None]
    cache = RobotsCache(get=lambda url: answers[0], agent=AGENT, config=WatchConfig(),
                        clock=VirtualTime().clock)
    assert cache.problem("https://wire.example/a") is not None
    answers[0] = Failure("http-status", "HTTP 404", status=404)
    assert cache.problem("https://wire.example/a") is None


def test_expired_verdicts_are_forgotten_when_many_hosts_were_seen(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    import crosswire.live.robots

    monkeypatch.setattr(crosswire.live.robots, "_KEEP", 2)
    vt = VirtualTime()
    cache, _ = _cache(httpx.Response(404), vt, robots_ttl_s=10.0)
    for n in range(3):
        cache.problem(f"https://host{n}.example/a")
    vt.now += 11
    cache.problem("https://fresh.example/a")
    assert list(cache._verdicts) == ["https://fresh.example"]
