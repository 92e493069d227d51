"""Splitting reports at headings and flagging sections about another story."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.models import Article
from crosswire.stages.cluster.segments import (
    SegmentConfig,
    find_off_topic,
    is_heading,
    split_segments,
)

CONFIG = SegmentConfig()

ON = [
    "The central bank raised interest rates by half a point on Thursday to fight inflation.",
    "Governor Elena Ruiz said inflation remained far above the bank's target of two percent.",
    "Markets had expected the rate rise after inflation reached a record in March.",
    "The bank said further rate rises were likely if inflation stayed high this year.",
]
OFF = [
    "The national football team beat Brazil three goals to one in a friendly in Lisbon.",
    "Striker Joao Felix scored twice before halftime and the crowd sang until the whistle.",
    "Brazil coach Dorival Junior said his young squad had learned a hard lesson in Lisbon.",
    "The team plays Argentina in Buenos Aires next month before the World Cup qualifiers.",
]


def test_headings() -> None:
    for line in ("Tough Act To Follow", "Could Golf Diplomacy Return?",
                 "Nippon Steel\u2019s Bid for U.S. Steel: A Sensitive Issue"):
        assert is_heading(line=line, config=CONFIG), line
    for line in ("Why This Visit Matters:", "- Strengthened U.S.-Japan trade, defense.",
                 "1. U.S.-Japan Trade & Investment", "He said so.", "Ishiba met with:",
                 "Japanese Prime Minister seeking personal relationship with Trump"):
        assert not is_heading(line=line, config=CONFIG), line


def _story() -> list[Article]:
    mixed = "\n".join([*ON, "Football Team Beats Brazil in Lisbon", *OFF, "Rates Outlook", ON[0]])
    return [
        Article(id="a", text="\n".join(ON)),
        Article(id="b", text="\n".join(reversed(ON))),
        Article(id="c", text=mixed),
    ]


def test_off_topic_section_is_found_with_whole_lines() -> None:
    articles = _story()
    found = find_off_topic(articles=articles, config=CONFIG)
    assert len(found) == 1
    seg = found[0]
    text = articles[2].text
    assert seg.off_topic and seg.span.source == "c"
    assert seg.heading == "Football Team Beats Brazil in Lisbon"
    assert text[seg.span.start : seg.span.end] == "\n".join([seg.heading, *OFF])
    assert seg.story.startswith("s-")


def test_the_sections_of_a_list_the_opening_announces_stay() -> None:
    intro = ("Business ownership is the latest must-have among women on the A-List. Stars "
             "including Halle Berry and Nicki Minaj have launched businesses in recent years.")
    berry = ("The Oscar winner's line of $7 panties and $18 bras went on sale at Target stores "
             "last year. Sales have been steady since the line launched in October, and she "
             "wants to expand the brand into swimsuits and nightgowns in more stores abroad.")
    minaj = ("The rapper co-owns bubbly moscato maker Myx Fusions with a television producer. "
             "The drink comes in single-serve bottles in three flavors: mango, coconut and "
             "peach. A line of fizzy sangrias is set to launch in June, the company says.")
    text = "\n".join([intro, "Halle Berry, Scandale Paris", berry, "Nicki Minaj, Myx Fusions",
                      minaj])
    assert find_off_topic(articles=[Article(id="a", text=text)], config=CONFIG) == ()
    # the same sections under headings the opening does not name are judged as before
    other = text.replace("Halle Berry, Scandale", "Lingerie Line in").replace(
        "Nicki Minaj, Myx", "Bubbly Wine from")
    assert find_off_topic(articles=[Article(id="a", text=other)], config=CONFIG)


def test_on_topic_story_has_no_off_topic_segments() -> None:
    articles = [Article(id="a", text="\n".join(ON)), Article(id="b", text="\n".join(ON[::-1]))]
    assert find_off_topic(articles=articles, config=CONFIG) == ()
    assert find_off_topic(articles=articles[:1], config=CONFIG) == ()


def test_result_does_not_depend_on_article_order() -> None:
    articles = _story()
    assert find_off_topic(articles=articles[::-1], config=CONFIG) == find_off_topic(
        articles=articles, config=CONFIG
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([*ON, *OFF, "Some Heading Here", "", "Short."]), max_size=14))
def test_segments_cover_whole_lines_inside_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    for span in split_segments(article=Article(id="x", text=text), config=CONFIG):
        assert 0 <= span.start < span.end <= len(text)
        assert span.start == 0 or text[span.start - 1] == "\n"
        assert span.end == len(text) or text[span.end] == "\n"
