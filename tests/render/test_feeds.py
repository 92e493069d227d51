"""The story feeds (Atom, JSON Feed 1.1) from stored story dicts: read back with feedparser and
our own JSON Feed validator, hostile text kept text, XML 1.0-safe, the same bytes for the same
stories, ``updated`` from when the story last changed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.errors import UsageError
from crosswire.render.feeds import (
    JSON_FEED_VERSION,
    entity_feed,
    render_feed,
    rfc3339,
    search_feed,
    stories_atom,
    stories_feed,
    stories_json_feed,
    xml_safe,
)
from crosswire.serialize import brief_to_dict
from tests.helpers import tiny_brief
from tests.render.hostile import hostile_brief
from tests.render.jsonfeed import json_feed_problems

BASE = "http://127.0.0.1:8000/"
ATOM = "{http://www.w3.org/2005/Atom}"
# what XML 1.0 cannot carry (NUL, ESC, a C0 control, U+FFFE, a lone surrogate) or asks to
# avoid (DEL, a C1 control)
NOT_XML = ("\x00", "\x1b", "\x07", "\ufffe", "\ud800", "\x7f", "\x9b")


def _story(brief: dict[str, Any], **row: Any) -> dict[str, Any]:
    """A story as :func:`crosswire.store.queries.feed_stories` gives it."""
    sources = brief["sources"]
    dates = sorted(s["published"] for s in sources if s.get("published"))
    base = {"id": brief["story"], "title": brief["title"], "articles": len(sources),
            "origins": 1, "voices": len({s.get("voice") or s["origin_group"] for s in sources}),
            "flags": tuple(brief.get("flags", [])), "earliest": dates[0] if dates else None,
            "latest": dates[-1] if dates else None, "changed": None, "brief": brief}
    return base | row


def _hostile() -> dict[str, Any]:
    brief = brief_to_dict(hostile_brief())
    brief["summary"][0]["text"] += " " + "".join(NOT_XML) + " & <b>more</b>"
    brief["sources"][0]["url"] = "javascript:alert(12)"
    brief["sources"][1]["url"] = "https://b.example/x?a=1&b=\"2\""
    return _story(brief, changed="2025-02-09T10:30:00+00:00")


def _stories() -> list[dict[str, Any]]:
    tiny = brief_to_dict(tiny_brief())
    return [_hostile(), _story(tiny)]


def test_atom_reads_back_with_feedparser() -> None:
    body = stories_atom(stories=_stories(), info=stories_feed(), base_url=BASE)
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "crosswire: stories"
    assert parsed.feed.updated == "2025-02-09T10:30:00Z"  # its newest entry's
    hostile, tiny = parsed.entries
    assert hostile.id == "tag:crosswire,2025:story/s-hostile"
    assert hostile.link == BASE + "stories/s-hostile"
    assert hostile.updated == "2025-02-09T10:30:00Z" and hostile.published == "2025-02-07T00:00:00Z"
    assert hostile.title.startswith("[a](javascript:alert(3)) <http://evil.example/>")
    html = hostile.content[0].value
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "&amp; &lt;b&gt;more&lt;/b&gt;" in html
    assert "Event date: 2025-02-07" in html
    assert tiny.id == "tag:crosswire,2025:story/s-1"
    assert tiny.updated == "2025-02-07T00:00:00Z"  # no change time: its newest report's date
    assert "2 reports from 2 independent voices: a.example, b.example" in tiny.content[0].value
    assert tiny.summary == "Alpha said the deal is done. [a.example]"


class _Markup(HTMLParser):
    """The elements and links of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.links += [v or "" for k, v in attrs if k == "href"]


def test_source_text_is_only_ever_text_in_the_content() -> None:
    for doc in (json.loads(stories_json_feed(stories=_stories(), info=stories_feed(),
                                             base_url=BASE))["items"][0]["content_html"],
                ET.fromstring(stories_atom(stories=_stories(), info=stories_feed(),
                                           base_url=BASE)).find(f"{ATOM}entry/{ATOM}content").text):
        markup = _Markup()
        markup.feed(doc or "")
        assert markup.tags <= {"p", "ul", "li", "small", "a"}  # ours; none a source wrote
        assert markup.links == ['https://b.example/x?a=1&b="2"', BASE + "stories/s-hostile"]
        assert "&lt;script&gt;" in (doc or "") and "\x9b" not in (doc or "")


def test_atom_is_well_formed_xml_without_characters_xml_cannot_carry() -> None:
    body = stories_atom(stories=_stories(), info=stories_feed(), base_url=BASE)
    text = body.decode("utf-8")
    assert not any(c in text for c in NOT_XML)
    root = ET.fromstring(body)  # a strict parser: any bad character or markup would raise
    assert root.tag == ATOM + "feed"
    assert len(root.findall(ATOM + "entry")) == 2
    assert all(e.find(ATOM + "updated") is not None for e in root.findall(ATOM + "entry"))
    assert root.find(ATOM + "link[@rel='self']").get("href") == BASE + "feeds/stories.atom"


def test_json_feed_is_valid() -> None:
    # feedparser 6.0 reads no JSON Feed (6.1 will): our own validator reads it back
    body = stories_json_feed(stories=_stories(), info=stories_feed(), base_url=BASE)
    doc = json.loads(body)
    assert json_feed_problems(doc) == []
    assert doc["version"] == JSON_FEED_VERSION
    assert doc["feed_url"] == BASE + "feeds/stories.json"
    hostile, tiny = doc["items"]
    assert hostile["id"] == "tag:crosswire,2025:story/s-hostile"
    assert hostile["url"] == BASE + "stories/s-hostile"
    assert hostile["date_modified"] == "2025-02-09T10:30:00Z"
    assert hostile["_crosswire"]["event_date"] == "2025-02-07[2J"  # ESC dropped, text kept
    assert "<script" not in hostile["content_html"].lower()
    assert not any(c in body.decode("utf-8") for c in NOT_XML)
    assert tiny["_crosswire"] == {"story": "s-1", "event_date": None, "reports": 2,
                                  "independent_voices": ["a.example", "b.example"]}
    assert tiny["url"] == BASE + "stories/s-1" and tiny["date_published"] == "2025-02-07T00:00:00Z"


def test_atom_and_json_feed_tell_the_same_entries() -> None:
    atom = feedparser.parse(stories_atom(stories=_stories(), info=stories_feed(), base_url=BASE))
    doc = json.loads(stories_json_feed(stories=_stories(), info=stories_feed(), base_url=BASE))
    assert [(e.id, e.link, e.title, e.updated) for e in atom.entries] == [
        (i["id"], i["url"], i["title"], i["date_modified"]) for i in doc["items"]]


def test_validator_catches_what_a_json_feed_must_not_be() -> None:
    good = json.loads(stories_json_feed(stories=_stories(), info=stories_feed(), base_url=BASE))
    assert json_feed_problems(good) == []
    bad = json.loads(json.dumps(good))
    bad["version"] = "1.1"
    bad["items"][1]["id"] = bad["items"][0]["id"]
    bad["items"][0]["date_modified"] = "2025-02-09"
    del bad["items"][1]["content_html"]
    bad["items"][1]["url"] = "/stories/s-1"
    bad["extra"] = 1
    problems = "\n".join(json_feed_problems(bad))
    for expected in ("version", "not unique", "RFC 3339", "neither content_html",
                     "absolute http(s) URL", "unknown key 'extra'"):
        assert expected in problems
    assert json_feed_problems([]) == ["the feed is not an object"]


def test_same_stories_same_bytes() -> None:
    for fmt in ("atom", "json"):
        first = render_feed(fmt=fmt, stories=_stories(), info=stories_feed(), base_url=BASE)
        again = render_feed(fmt=fmt, stories=_stories(), info=stories_feed(), base_url=BASE)
        assert first == again


def test_an_empty_feed_is_still_a_feed() -> None:
    parsed = feedparser.parse(stories_atom(stories=[], info=stories_feed(), base_url=BASE))
    assert not parsed.bozo and parsed.entries == [] and parsed.feed.updated.startswith("1970")
    doc = json.loads(stories_json_feed(stories=[], info=stories_feed(), base_url=BASE))
    assert json_feed_problems(doc) == [] and doc["items"] == []


def test_search_and_entity_feeds_name_what_they_follow() -> None:
    hostile = "<x>&\"q\x00\x1b"
    for info, self_path in (
        (search_feed(query=hostile), "feeds/search.atom?q=%3Cx%3E%26%22q%00%1B"),
        (entity_feed(name=hostile), "feeds/entity.atom?name=%3Cx%3E%26%22q%00%1B"),
    ):
        body = stories_atom(stories=_stories(), info=info, base_url="https://news.example/cw/")
        root = ET.fromstring(body)
        assert root.find(ATOM + "title").text.endswith('<x>&"q')  # as text, bad chars dropped
        assert root.find(ATOM + "link[@rel='self']").get("href") == (
            "https://news.example/cw/" + self_path)
        doc = json.loads(stories_json_feed(stories=_stories(), info=info, base_url=BASE))
        assert json_feed_problems(doc) == []
    assert stories_feed(singles=True).atom == "/feeds/stories.atom?singles=1"
    assert entity_feed(name="..").page == "/entities/?id=.."


def test_times_become_rfc3339_utc() -> None:
    assert rfc3339("2025-02-07") == "2025-02-07T00:00:00Z"
    assert rfc3339("2025-02") == "2025-02-01T00:00:00Z"
    assert rfc3339("2025") == "2025-01-01T00:00:00Z"
    assert rfc3339("2025-02-07T10:00:00+02:00") == "2025-02-07T08:00:00Z"
    assert rfc3339("2025-02-07T10:00:00") == "2025-02-07T10:00:00Z"
    for bad in (None, "", "2025-02-30", "yesterday", "0000"):
        assert rfc3339(bad) is None


def test_xml_safe_keeps_text_and_drops_what_xml_cannot_carry() -> None:
    assert xml_safe("a\tb\nc\rd é 😀") == "a\tb\nc\rd é 😀"
    assert xml_safe("".join(NOT_XML) + "x\u202e") == "x\u202e"  # bidi marks are text


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        render_feed(fmt="rss", stories=[], info=stories_feed(), base_url=BASE)


@settings(max_examples=60, deadline=None)
@given(title=st.text(), text=st.text(), outlet=st.text(), url=st.text(), base=st.text())
def test_any_text_makes_well_formed_feeds(
    title: str, text: str, outlet: str, url: str, base: str
) -> None:
    brief = brief_to_dict(tiny_brief())
    brief["title"], brief["summary"][0]["text"] = title, text
    brief["sources"][0]["outlet"], brief["sources"][0]["url"] = outlet, url
    story = _story(brief, changed=text)
    root = ET.fromstring(stories_atom(stories=[story], info=search_feed(query=text),
                                      base_url=base))
    shown = root.find(f"{ATOM}entry/{ATOM}title").text
    assert shown == (" ".join(xml_safe(title).split()) or "s-1")
    doc = json.loads(stories_json_feed(stories=[story], info=entity_feed(name=title),
                                       base_url="http://127.0.0.1:8000/"))
    assert json_feed_problems(doc) == []
