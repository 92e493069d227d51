"""SOURCES files: OPML, a text file of feed URLs, TOML with feeds, sitemaps and folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.errors import ConfigError, InputError
from crosswire.live.sources import Source, load_sources, parse_duration

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Desk</title></head><body>
  <outline text="World">
    <outline type="rss" text="Harbour Times" xmlUrl="https://harbour.example/rss"/>
    <outline type="rss" text="Valley Post" xmlUrl="https://valley.example/atom.xml"/>
  </outline>
  <outline text="Again"><outline type="rss" text="Harbour Times"
     xmlUrl="https://harbour.example/rss"/></outline>
</body></opml>"""


def test_opml_outlines_with_a_feed_url_are_feeds_listed_once(tmp_path: Path) -> None:
    path = tmp_path / "desk.opml"
    path.write_text(OPML, encoding="utf-8")
    assert load_sources(path=path) == (
        Source("feed", "https://harbour.example/rss", name="Harbour Times"),
        Source("feed", "https://valley.example/atom.xml", name="Valley Post"),
    )


def test_a_text_file_lists_feed_urls_with_comments(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("# morning desk\nhttps://harbour.example/rss\n\n"
                    "https://valley.example/atom.xml  # the valley\n", encoding="utf-8")
    assert [s.location for s in load_sources(path=path)] == [
        "https://harbour.example/rss", "https://valley.example/atom.xml"]
    path.write_text("https://harbour.example/rss\nftp://files.example/feed\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"feeds.txt:2"):
        load_sources(path=path)


def test_toml_lists_feeds_sitemaps_and_folders_with_settings(tmp_path: Path) -> None:
    (tmp_path / "drop").mkdir()
    path = tmp_path / "sources.toml"
    path.write_text(
        'feeds = ["https://harbour.example/rss"]\n'
        '[[sitemaps]]\nurl = "https://valley.example/news-sitemap.xml"\nevery = "5m"\n'
        'fetch_articles = true\n'
        '[folders.inbox]\npath = "drop"\nevery = 30\n', encoding="utf-8")
    feed, sitemap, folder = load_sources(path=path)
    assert feed == Source("feed", "https://harbour.example/rss")
    assert sitemap == Source("sitemap", "https://valley.example/news-sitemap.xml", every_s=300.0,
                             fetch_articles=True)
    assert folder == Source("folder", str((tmp_path / "drop").resolve()), every_s=30.0,
                            name="inbox")
    assert folder.id == f"folder:{folder.location}"


@pytest.mark.parametrize(("text", "error"), [
    ('[[feeds]]\nurl = "https://a.example/rss"\nevrey = "5m"\n', ConfigError),
    ('podcasts = ["https://a.example/rss"]\n', ConfigError),
    ('feeds = ["https://a.example/rss"]\n[[sitemaps]]\nurl = "https://a.example/s.xml"\n'
     'every = "soon"\n', ConfigError),
    ('[[feeds]]\nurl = "https://a.example/rss"\nevery = "5m"\n'
     '[[feeds]]\nurl = "https://a.example/rss"\nevery = "10m"\n', ConfigError),
    ('[[folders]]\npath = "nowhere"\n', InputError),
    ('feeds = [\n', InputError),
    ('feeds = []\n', InputError),
])
def test_a_bad_toml_sources_file_says_what_is_wrong(tmp_path: Path, text: str,
                                                    error: type[Exception]) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(error):
        load_sources(path=path)


def test_durations() -> None:
    assert parse_duration("90") == 90.0
    assert parse_duration("90s") == 90.0
    assert parse_duration("15m") == 900.0
    assert parse_duration("1h30m") == 5400.0
    assert parse_duration("2d") == 172800.0
    assert parse_duration("0.5s") == 0.5
    for bad in ("", "m", "15 minutes", "1h30", "-5m", "0s"):
        with pytest.raises(ConfigError):
            parse_duration(bad)
