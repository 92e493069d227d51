"""Assembling a brief: sources carry outlet and voice, the note counts voices, story flags."""

from __future__ import annotations

from crosswire.models import (
    Article,
    Lineage,
    RemovedSegment,
    Span,
    Story,
    StoryAnalysis,
    SummarySentence,
)
from crosswire.stages.brief import BriefConfig, assemble_brief, choose_title, story_flags
from crosswire.stages.voices import story_voices

TEXT = ("Flood waters rose across the delta on Tuesday, forcing thousands from their homes. "
        "Officials said the river crested overnight and rescue boats worked until dawn. ") * 3
JUNK = "Share this story. Sign up for our newsletter. Read more. " * 30


def _analysis(articles: list[Article]) -> StoryAnalysis:
    return StoryAnalysis(
        story=Story("s-1", tuple(a.id for a in articles)), articles=tuple(articles),
        lineages=tuple(Lineage(a.id, None, a.id, "original") for a in articles),
        entities=(), quotes=(), facts=(), discrepancies=(), timeline=(), summary=(),
        quantities={}, dates={},
    )


def _brief(articles: list[Article]) -> tuple[str, ...]:
    cfg = BriefConfig()
    analysis = _analysis(articles)
    voices = story_voices(articles=analysis.articles, lineages=analysis.lineages,
                          config=cfg.voices)
    brief = assemble_brief(analysis=analysis, voices=voices, config=cfg)
    assert all(s.voice for s in brief.sources)
    return brief.notes + brief.flags


def test_the_note_counts_voices_and_sources_carry_outlets() -> None:
    arts = [Article(id=f"c{n}", text=TEXT, site=site)
            for n, site in enumerate(("edition.cnn.com", "www.cnn.com", "us.cnn.com"))]
    arts.append(Article(id="n1", text=TEXT, site="www.npr.org"))
    assert _brief(arts) == ("4 reports from 2 independent voices.",)
    analysis = _analysis(arts)
    voices = story_voices(articles=arts, lineages=analysis.lineages, config=BriefConfig().voices)
    brief = assemble_brief(analysis=analysis, voices=voices, config=BriefConfig())
    assert [(s.outlet, s.voice) for s in brief.sources] == [
        ("cnn.com", "outlet:cnn.com")] * 3 + [("npr.org", "outlet:npr.org")]


def test_an_emptied_report_and_a_junk_only_story_are_flagged() -> None:
    emptied = Article(id="e1", text="Read more.", site="rt.com",
                      removed=(RemovedSegment("boilerplate", JUNK),))
    full = Article(id="f1", text=TEXT, site="bbc.com")
    flags = _brief([emptied, full])[1:]
    assert flags == ("emptied: cleaning left almost nothing of 1 report (rt.com)",)
    short = Article(id="s1", text="Click here to subscribe.", site="x.com")
    flags = _brief([emptied, short])[1:]
    assert flags[0].startswith("junk-only: no report keeps 200 characters")
    assert flags[1] == "emptied: cleaning left almost nothing of 1 report (rt.com)"
    assert _brief([full])[1:] == ()
    blank = Article(id="b1", text="", site="themerkle.example",
                    removed=(RemovedSegment("off-topic", "About the author: a fan of coins."),))
    assert _brief([blank, full])[1:] == (
        "emptied: cleaning left almost nothing of 1 report (themerkle.example)",)


def test_story_flags_need_sources() -> None:
    assert story_flags(sources=(), config=BriefConfig()) == ()


def test_the_timeline_keeps_its_order_and_few_background_rows() -> None:
    from dataclasses import replace

    from crosswire.models import Span, TimelineEvent

    arts = [Article(id="a", text=TEXT, site="a.com"), Article(id="b", text=TEXT, site="b.com")]

    def row(date: str, n: int, background: bool) -> TimelineEvent:
        sources = ("a", "b")[:n]
        return TimelineEvent(date, "x", tuple(Span(s, 0, 1) for s in sources), sources,
                             background)

    main, later = row("2016-11-02", 2, False), row("2016-11-03", 1, False)
    old = [row(str(1900 + k), 1 + (k == 5), True) for k in range(12)]
    analysis = replace(_analysis(arts), timeline=(main, later, *old))
    cfg = BriefConfig(max_background=3)
    voices = story_voices(articles=analysis.articles, lineages=analysis.lineages,
                          config=cfg.voices)
    brief = assemble_brief(analysis=analysis, voices=voices, config=cfg)
    assert [e.date for e in brief.timeline] == ["2016-11-02", "2016-11-03", "1900", "1901",
                                                "1905"]


def test_the_title_comes_from_a_report_the_summary_cites() -> None:
    preview = Article(id="a", text="x", title="Rocket to launch later this month, maker says")
    report = Article(id="b", text="y", title="Rocket launches, boosters land")
    summary = [SummarySentence(text="The rocket launches later this month, the maker says.",
                               spans=(Span("b", 0, 1),), sources=("b",))]
    assert choose_title(articles=[preview, report], summary=summary) == report.title
    assert choose_title(articles=[preview], summary=summary) == preview.title  # none cited
