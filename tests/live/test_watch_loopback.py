"""``Watcher`` against an HTTP server on 127.0.0.1 started by each test (a handful of requests,
each test well under a few seconds): feeds followed as items appear, 304s for unchanged feeds,
the host gate, redirects to refused addresses, failing sources with back-off, robots.txt,
folders. Stories are not briefed here (``refresh`` is a stand-in); test_watch_process.py
runs the real refresh."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

import crosswire.live.poll
from crosswire.config import Config
from crosswire.ingest.base import IngestConfig
from crosswire.live.config import WatchConfig
from crosswire.live.sources import Source
from crosswire.live.watch import Watcher
from crosswire.store import open_store
from crosswire.store.ingest import RefreshReport
from crosswire.store.sqlite import Store
from tests.live.loopback import Site, article_html, rss, serving
from tests.store.test_store_ingest import synthetic_reports

PUBLIC = "93.184.216.34"


class SkewedClock:
    """Real time plus an offset the test moves forward (sleeps stay real and short)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


def _config(*, ingest: IngestConfig | None = None, **watch: Any) -> Config:
    settings = {"host_delay_s": 0.0, "folder_settle_s": 0.0} | watch
    return dataclasses.replace(
        Config(), ingest=ingest or IngestConfig(allow_private_urls=True, url_deadline_s=10.0),
        watch=WatchConfig(**settings))


def _no_refresh(**_: Any) -> RefreshReport:
    return RefreshReport(stories=0, updated=(), removed=())


@contextmanager
def _watcher(tmp_path: Path, sources: Sequence[Source], config: Config,
             clock: SkewedClock | None = None) -> Iterator[tuple[Watcher, Store, list[str]]]:
    lines: list[str] = []
    with open_store(path=tmp_path / "watch.db") as store, \
            Watcher(store=store, sources=sources, config=config, clock=clock or SkewedClock(),
                    log=lines.append, refresh=_no_refresh) as watcher:
        yield watcher, store, lines


def _article_ids(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY id")]


def _source(store: Store, location: str) -> tuple[Any, ...]:
    return store.conn.execute(
        "SELECT last_status, last_error, failures, next_due, last_attempt FROM live_sources"
        " WHERE location = ?", (location,)).fetchone()


def test_three_feeds_are_followed_as_items_appear_and_nothing_is_fetched_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = synthetic_reports(stories=3, per_story=3, seed=11)
    site = Site()
    parsed: list[str] = []
    real_parse = crosswire.live.poll.feed_items

    def counting(*, data: bytes, origin: str) -> Any:
        parsed.append(origin)
        return real_parse(data=data, origin=origin)

    monkeypatch.setattr(crosswire.live.poll, "feed_items", counting)
    clock = SkewedClock()
    with serving(site) as base:
        for row in rows:
            site.put(f"/a/{row['id']}", article_html(row))

        def publish(k: int, upto: int) -> None:
            links = [(f"{base}/a/{r['id']}", r["title"]) for r in rows[3 * k:3 * k + upto]]
            validator = ({"last_modified": f"Tue, 04 Mar 2025 10:0{upto}:00 GMT"} if k == 2
                         else {"etag": f'"{k}-{upto}"'})
            site.put(f"/feed{k}.xml", rss(title=f"Desk {k}", links=links),
                     content_type="application/rss+xml", **validator)

        sources = [Source("feed", f"{base}/feed{k}.xml") for k in range(3)]
        with _watcher(tmp_path, sources, _config(every_s=600.0), clock) as (watcher, store, _):
            for k, upto in enumerate((1, 1, 0)):
                publish(k, upto)
            first = watcher.round()
            assert (first.polled, first.new_items, first.added) == (3, 2, 2)
            for k, upto in enumerate((2, 1, 2)):  # feed 1 is unchanged
                publish(k, upto)
            assert watcher.round().polled == 0  # nothing is due yet
            clock.offset += 601
            second = watcher.round()
            assert (second.polled, second.not_modified, second.added) == (3, 1, 3)
            for k in range(3):
                publish(k, 3)
            clock.offset += 601
            assert watcher.round().added == 4
            before = len(site.hits)
            parses = len(parsed)
            clock.offset += 601
            last = watcher.round()
            assert (last.polled, last.not_modified, last.added) == (3, 3, 0)
            new_hits = site.hits[before:]
            assert sorted(h.path for h in new_hits) == ["/feed0.xml", "/feed1.xml", "/feed2.xml"]
            assert all(h.status == 304 for h in new_hits)
            assert {h.path: (h.if_none_match, h.if_modified_since) for h in new_hits} == {
                "/feed0.xml": ('"0-3"', None), "/feed1.xml": ('"1-3"', None),
                "/feed2.xml": (None, "Tue, 04 Mar 2025 10:03:00 GMT")}
            assert len(parsed) == parses  # a 304 is not parsed again
            assert _article_ids(store) == sorted(f"{base}/a/{r['id']}" for r in rows)
    article_hits = [h.path for h in site.hits if h.path.startswith("/a/")]
    assert sorted(article_hits) == sorted(f"/a/{r['id']}" for r in rows)  # each page once
    assert site.paths("/robots.txt") == ["/robots.txt"]  # kept for its TTL


def test_requests_to_one_host_are_spaced_by_the_delay(tmp_path: Path) -> None:
    rows = synthetic_reports(stories=2, per_story=4, seed=5)
    site = Site()
    with serving(site) as base:
        for row in rows:
            site.put(f"/a/{row['id']}", article_html(row))
        links = [(f"{base}/a/{r['id']}", r["title"]) for r in rows]
        site.put("/feed.xml", rss(title="Desk", links=links))
        config = _config(host_delay_s=0.1, host_concurrency=1, workers=4)
        with _watcher(tmp_path, [Source("feed", f"{base}/feed.xml")], config) as (w, store, _):
            w.round()
            starts = list(next(iter(w.fetcher.gate.starts.values())))
    arrivals = sorted(h.at for h in site.hits)
    assert len(arrivals) == 10  # robots.txt, the feed, 8 pages
    assert min(b - a for a, b in zip(starts, starts[1:], strict=False)) >= 0.1 - 1e-6
    # on the server's side too: with one request at a time, the next starts after the end
    assert min(b - a for a, b in zip(arrivals, arrivals[1:], strict=False)) >= 0.1 - 1e-6


def test_no_more_than_the_concurrency_limit_reaches_one_host(tmp_path: Path) -> None:
    rows = synthetic_reports(stories=2, per_story=3, seed=5)
    site = Site()
    with serving(site) as base:
        for row in rows:
            site.put(f"/a/{row['id']}", article_html(row), delay_s=0.2)
        site.put("/feed.xml", rss(title="Desk", links=[(f"{base}/a/{r['id']}", r["title"])
                                                       for r in rows]))
        config = _config(host_concurrency=2, workers=6)
        with _watcher(tmp_path, [Source("feed", f"{base}/feed.xml")], config) as (w, store, _):
            assert w.round().added == 6
    assert site.max_inflight == 2  # the limit is used, and held


class _ToLoopback(httpx.BaseTransport):
    """Sends what the guard aimed at a (checked, public) address to the loopback server."""

    def __init__(self, port: int) -> None:
        self._inner = httpx.HTTPTransport()
        self._port = port

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url.copy_with(host="127.0.0.1", port=self._port)
        return self._inner.handle_request(httpx.Request(
            request.method, url, headers=request.headers, stream=request.stream))


def test_a_redirect_to_a_refused_address_is_refused_and_reported(tmp_path: Path) -> None:
    rows = synthetic_reports(stories=1, per_story=2, seed=3)
    site = Site()
    with serving(site) as base:
        port = int(base.rsplit(":", 1)[1])
        addresses = {"wire.example": [PUBLIC], "intranet.example": ["10.0.0.5"]}
        ingest = IngestConfig(transport=_ToLoopback(port), url_deadline_s=10.0,
                              resolver=lambda host: addresses.get(host, []))
        for row in rows:
            site.put(f"/a/{row['id']}", article_html(row))
        site.put("/feed.xml", rss(title="Wire", links=[
            (f"http://wire.example/a/{r['id']}", r["title"]) for r in rows]))
        site.put("/moved.xml", "", status=302, location=f"{base}/hidden.xml")
        site.put("/inside.xml", "", status=301, location="http://intranet.example/feed.xml")
        site.put("/hidden.xml", rss(title="Hidden", links=[]))
        sources = [Source("feed", f"http://wire.example/{name}.xml")
                   for name in ("moved", "inside", "feed")] + [Source("feed", f"{base}/feed.xml")]
        with _watcher(tmp_path, sources, _config(ingest=ingest)) as (w, store, lines):
            report = w.round()
            moved = _source(store, "http://wire.example/moved.xml")
            inside = _source(store, "http://wire.example/inside.xml")
            direct = _source(store, f"{base}/feed.xml")
            assert _source(store, "http://wire.example/feed.xml")[:3] == ("ok", None, 0)
            assert report.added == 2  # the good feed's pages, fetched through the guard too
    assert moved[0] == "failed" and moved[1].startswith("refused:") and "loopback" in moved[1]
    assert inside[0] == "failed" and "10.0.0.5" in inside[1]
    assert direct[0] == "failed" and "loopback" in direct[1]
    assert "/hidden.xml" not in site.paths()  # the refused target was never asked
    assert any("moved.xml" in line and "refused" in line for line in lines)


def test_a_failing_source_is_reported_and_backs_off_while_the_others_go_on(
    tmp_path: Path
) -> None:
    rows = synthetic_reports(stories=1, per_story=2, seed=4)
    site = Site()
    clock = SkewedClock()
    with serving(site) as base:
        for row in rows:
            site.put(f"/a/{row['id']}", article_html(row))
        good = rss(title="Good", links=[(f"{base}/a/{r['id']}", r["title"]) for r in rows])
        site.put("/good.xml", good)
        site.put("/bad.xml", "oops", status=500)
        site.put("/junk.xml", "<html><body>Service page</body></html>")
        sources = [Source("feed", f"{base}/{n}.xml") for n in ("bad", "junk", "good")]
        config = _config(retry_s=60.0, max_backoff_s=200.0, every_s=900.0)
        with _watcher(tmp_path, sources, config, clock) as (w, store, lines):
            gaps = []
            for step in range(4):
                report = w.round()
                assert report.polled == (3 if step == 0 else 2)  # good is not due again
                bad = _source(store, f"{base}/bad.xml")
                gaps.append(round(bad[3] - bad[4]))
                clock.offset += gaps[-1] + 1
            junk = _source(store, f"{base}/junk.xml")
            assert bad[:3] == ("failed", "http-status: HTTP 500", 4)
            assert junk[0] == "failed" and junk[1].startswith("malformed: not a feed")
            assert _source(store, f"{base}/good.xml")[:3] == ("ok", None, 0)
            assert len(_article_ids(store)) == 2
            site.put("/bad.xml", good)  # it recovers
            w.round()
            assert _source(store, f"{base}/bad.xml")[:3] == ("ok", None, 0)
    assert gaps == [60, 120, 200, 200]
    assert any("bad.xml: failed 2 time(s) in a row: http-status: HTTP 500" in x for x in lines)


def test_robots_txt_disallow_is_honoured(tmp_path: Path) -> None:
    rows = synthetic_reports(stories=1, per_story=2, seed=6)
    site = Site()
    with serving(site) as base:
        site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        site.put("/news/a", article_html(rows[0]))
        site.put("/private/b", article_html(rows[1]))
        site.put("/feed.xml", rss(title="Desk", links=[(f"{base}/news/a", "Open"),
                                                       (f"{base}/private/b", "Closed")],
                                          describe=False))
        site.put("/private/feed.xml", rss(title="Closed", links=[]))
        sources = [Source("feed", f"{base}/feed.xml"), Source("feed", f"{base}/private/feed.xml")]
        with _watcher(tmp_path, sources, _config()) as (w, store, _):
            report = w.round()
            closed = _source(store, f"{base}/private/feed.xml")
            item = store.conn.execute("SELECT state, detail FROM live_items WHERE url = ?",
                                      (f"{base}/private/b",)).fetchone()
            rejected = store.conn.execute("SELECT reason FROM rejections").fetchall()
    assert report.added == 1 and report.rejected == 1
    assert not [p for p in site.paths() if p.startswith("/private/")]
    assert closed[0] == "failed" and "robots.txt" in closed[1] and "disallows" in closed[1]
    assert item[0] == "failed" and item[1].startswith("refused: robots.txt")
    assert rejected == [("refused",)]


def test_feed_text_is_used_when_pages_are_not_fetched_or_cannot_be_had(tmp_path: Path) -> None:
    site = Site()
    text = ("<p>Harbour workers in Gdansk voted on Friday to end a nine-day strike after the "
            "port operator agreed to raise wages by seven percent.</p>")
    with serving(site) as base:
        def feed(folder: str) -> str:
            items = "".join(
                f"<item><title>Strike ends {n}</title><link>{base}/{folder}/{n}</link>"
                f"<description>{text.replace('Friday', day)}</description></item>"
                for n, day in ((1, "Friday"), (2, "Monday")))
            return f'<rss version="2.0"><channel><title>Port</title>{items}</channel></rss>'

        site.put("/feed.xml", feed("gone"), content_type="application/rss+xml")
        site.put("/copy.xml", feed("kept"), content_type="application/rss+xml")
        sources = [Source("feed", f"{base}/feed.xml"),
                   Source("feed", f"{base}/copy.xml", fetch_articles=False)]
        with _watcher(tmp_path, sources, _config()) as (w, store, _):
            w.round()  # the pages answer 404: final at once, the feed's text is used
            texts = [r[0] for r in store.conn.execute("SELECT text FROM articles_fts")]
    # the same texts from both feeds: stored once
    assert len(texts) == 2 and all("nine-day strike" in t for t in texts)
    assert sorted(site.paths("/gone/")) == ["/gone/1", "/gone/2"]  # each asked once
    assert site.paths("/kept/") == []  # fetch_articles = false: pages are not asked


def test_a_folder_is_watched_and_each_content_ingested_once(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    rows = synthetic_reports(stories=2, per_story=1, seed=8)
    (drop / "a.txt").write_text(rows[0]["text"], encoding="utf-8")
    with _watcher(tmp_path, [Source("folder", str(drop))], _config()) as (w, store, _):
        assert w.round(force=True).added == 1
        assert w.round(force=True).added == 0  # nothing changed: nothing read
        later = time.time() + 10
        os.utime(drop / "a.txt", (later, later))  # touched, same content
        (drop / "b.txt").write_text(rows[1]["text"], encoding="utf-8")
        report = w.round(force=True)
        assert (report.added, report.known) == (1, 1)
        assert len(_article_ids(store)) == 2


def test_a_restart_resumes_from_the_state_in_the_store(tmp_path: Path) -> None:
    rows = synthetic_reports(stories=1, per_story=3, seed=9)
    site = Site()
    clock = SkewedClock()
    with serving(site) as base:
        for row in rows:
            site.put(f"/a/{row['id']}", article_html(row))
        site.put(f"/a/{rows[2]['id']}", "busy", status=503)  # fails now, answers later
        site.put("/feed.xml", rss(title="Desk", links=[(f"{base}/a/{r['id']}", r["title"])
                                                       for r in rows]), etag='"1"')
        sources = [Source("feed", f"{base}/feed.xml")]
        config = _config(every_s=600.0)
        with _watcher(tmp_path, sources, config, clock) as (w, store, _):
            first = w.round()
        assert (first.added, first.pending) == (2, 1)
        site.put(f"/a/{rows[2]['id']}", article_html(rows[2]))
        with _watcher(tmp_path, sources, config, clock) as (w, store, _):  # a new process
            again = w.round()
            assert (again.polled, again.added, again.pending) == (0, 1, 0)  # not due: not asked
            clock.offset += 601
            assert w.round().not_modified == 1  # its ETag was kept
            assert len(_article_ids(store)) == 3
    assert len(site.paths("/feed.xml")) == 2


def test_items_of_a_source_taken_out_of_the_list_are_not_fetched(tmp_path: Path) -> None:
    rows = synthetic_reports(stories=1, per_story=2, seed=10)
    site = Site()
    with serving(site) as base:
        site.put("/feed.xml", rss(title="Desk", links=[(f"{base}/a/{r['id']}", r["title"])
                                                       for r in rows]))
        site.put("/other.xml", rss(title="Other", links=[]))
        for row in rows:
            site.put(f"/a/{row['id']}", "busy", status=503)
        listed = [Source("feed", f"{base}/feed.xml")]
        with _watcher(tmp_path, listed, _config()) as (w, store, _):
            assert w.round().pending == 2
        with _watcher(tmp_path, [Source("feed", f"{base}/other.xml")], _config()) as (w, _, _):
            assert w.round(force=True).pending == 0
        with _watcher(tmp_path, listed, _config()) as (w, _, _):  # listed again: resumed
            assert w.round().pending == 2
    assert len(site.paths("/a/")) == 4  # asked in the first and last rounds only


def test_a_news_sitemap_index_is_followed_with_conditional_gets(tmp_path: Path) -> None:
    rows = synthetic_reports(stories=1, per_story=3, seed=12)
    site = Site()
    today = time.strftime("%Y-%m-%d", time.gmtime())
    with serving(site) as base:
        for row in rows:
            site.put(f"/a/{row['id']}", article_html(row))
        urls = "".join(
            f"<url><loc>{base}/a/{r['id']}</loc><news:news><news:publication_date>{date}"
            f"</news:publication_date><news:title>{r['title']}</news:title></news:news></url>"
            for r, date in zip(rows, (today, today, "2001-01-01"), strict=True))
        site.put("/news.xml", '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                 f"{urls}</urlset>", content_type="application/xml", etag='"n1"')
        site.put("/index.xml", '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 f"<sitemap><loc>{base}/news.xml</loc><lastmod>{today}</lastmod></sitemap>"
                 "</sitemapindex>", content_type="application/xml")
        with _watcher(tmp_path, [Source("sitemap", f"{base}/index.xml")], _config()) as (w, s, _):
            assert w.round().added == 2  # the 2001 page is too old to fetch
            assert w.round(force=True).added == 0
            titles = sorted(r[0] for r in s.conn.execute("SELECT title FROM articles"))
    assert titles == sorted(r["title"] for r in rows[:2])
    assert [h.status for h in site.hits_of("/news.xml")] == [200, 304]
    assert len(site.paths("/a/")) == 2


def test_an_unforeseen_error_fails_that_source_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = synthetic_reports(stories=1, per_story=1, seed=13)
    real_parse = crosswire.live.poll.feed_items

    def fragile(*, data: bytes, origin: str) -> Any:
        if origin.endswith("/odd.xml"):
            raise RecursionError("maximum recursion depth exceeded")
        return real_parse(data=data, origin=origin)

    monkeypatch.setattr(crosswire.live.poll, "feed_items", fragile)
    site = Site()
    with serving(site) as base:
        site.put(f"/a/{rows[0]['id']}", article_html(rows[0]))
        feed = rss(title="Desk", links=[(f"{base}/a/{rows[0]['id']}", rows[0]["title"])])
        site.put("/odd.xml", feed)
        site.put("/feed.xml", feed)
        sources = [Source("feed", f"{base}/odd.xml"), Source("feed", f"{base}/feed.xml")]
        with _watcher(tmp_path, sources, _config()) as (w, store, _):
            assert w.round().added == 1
            odd = _source(store, f"{base}/odd.xml")
    assert odd[0] == "failed" and odd[1].startswith("unreadable: stopped on an unforeseen")
    assert "RecursionError" in odd[1]
