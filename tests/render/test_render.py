from __future__ import annotations

import json
from dataclasses import replace

from crosswire.models import Article, BriefSource
from crosswire.render import (
    brief_to_dict,
    brief_to_html,
    brief_to_json,
    brief_to_markdown,
    brief_to_text,
    render_briefs,
)
from tests.helpers import tiny_brief


def test_json_round_trips_and_is_stable() -> None:
    brief = tiny_brief()
    text = brief_to_json(brief)
    assert json.loads(text) == brief_to_dict(brief)
    assert text == brief_to_json(tiny_brief())


def test_json_shape_has_the_documented_fields() -> None:
    data = brief_to_dict(tiny_brief())
    assert list(data)[:12] == ["title", "story", "event_date", "event", "flags", "sources",
                               "summary", "facts", "quotes", "entities", "timeline",
                               "discrepancies"]
    src = data["sources"][0]
    for key in ("id", "site", "title", "published", "text", "origin", "origin_group", "outlet",
                "voice", "flags", "removed"):
        assert key in src
    assert data["facts"][0]["independent"] == 2


def test_terminal_text_at_fixed_width() -> None:
    out = brief_to_text(tiny_brief(), width=80)
    assert "Deal done" in out and "Summary" in out and "2 independent" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_markdown_escapes_markup() -> None:
    brief = tiny_brief(text_a="Alpha said <b>*bold*</b> things. It cost $5 billion.")
    md = brief_to_markdown(brief)
    assert "<b>" not in md and "&lt;b&gt;" in md


def test_html_is_self_contained_and_escapes_article_text() -> None:
    evil = 'Hi <script>alert(1)</script><img src=x onerror="alert(2)">. It cost $5 billion.'
    brief = tiny_brief(text_a=evil)
    art = replace(brief.sources[0].article, title="<script>t()</script>")
    first = BriefSource(art, None, "a", "independent")
    brief = replace(brief, sources=(first,) + brief.sources[1:])
    page = brief_to_html(brief)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page  # no external assets
    assert "<svg" in page


def test_several_briefs_render_as_one_document() -> None:
    briefs = (tiny_brief(), tiny_brief())
    page = render_briefs(briefs=briefs, fmt="html")
    assert page.count("<!DOCTYPE html>") == 1
    assert json.loads(render_briefs(briefs=briefs, fmt="json"))[1]["title"] == "Deal done"


def test_article_defaults() -> None:
    assert Article(id="x", text="t").removed == ()


def test_an_update_shows_each_value_with_its_report_time() -> None:
    from crosswire.models import Discrepancy, DiscrepancyValue

    values = (
        DiscrepancyValue(text="at least two", sources=("a",), published="2016-11-10"),
        DiscrepancyValue(text="at least six", sources=("b",), published="2016-11-11"),
    )
    brief = replace(tiny_brief(), discrepancies=(Discrepancy("deaths", values, kind="update"),))
    md = brief_to_markdown(brief)
    assert "deaths (updated as the story developed)" in md
    assert md.index("at least two") < md.index("at least six")
    assert "(reported 2016-11-10)" in md and "(reported 2016-11-11)" in md
    assert "2016-11-11" in brief_to_html(brief) and "2016-11-11" in brief_to_text(brief)


def test_an_exclusive_fact_names_the_one_voice_that_states_it() -> None:
    base = tiny_brief()
    fact = replace(base.facts[0], sources=("a",), independent=1, exclusive=True)
    sources = tuple(replace(s, voice="wire:AP") if s.article.id == "a" else s
                    for s in base.sources)
    brief = replace(base, facts=(fact,), sources=sources)
    assert "— only in AP" in brief_to_markdown(brief)
    assert "only in AP" in brief_to_html(brief) and "only in AP" in brief_to_text(brief)
    shared = replace(brief, facts=(replace(fact, exclusive=False, independent=2),))
    assert "only in" not in brief_to_markdown(shared)
    assert "independent: 2" in brief_to_markdown(shared)
