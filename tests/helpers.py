"""Small record builders for tests that need a brief without running the pipeline."""

from __future__ import annotations

from crosswire.models import (
    Article,
    Brief,
    BriefSource,
    Discrepancy,
    DiscrepancyValue,
    Entity,
    Fact,
    Quote,
    RemovedSegment,
    Span,
    SummarySentence,
    TimelineEvent,
)


def tiny_brief(*, text_a: str = "Alpha said the deal is done. It cost $5 billion.") -> Brief:
    """A two-source brief whose spans are all correct."""
    text_b = "The deal is done, officials said. It cost $5 billion."
    a = Article(id="a", text=text_a, title="Deal done", site="a.example", published="2025-02-07",
                removed=(RemovedSegment("comment-box", "Leave a Reply"),))
    b = Article(id="b", text=text_b, site="b.example", flags=("published-date-inconsistent",))
    first = text_a.split(". ")[0] + "."
    cost = "It cost $5 billion."
    return Brief(
        title="Deal done",
        story="s-1",
        sources=(
            BriefSource(article=a, origin=None, origin_group="a", role="independent"),
            BriefSource(article=b, origin=None, origin_group="b", role="independent"),
        ),
        summary=(SummarySentence(first, (Span("a", 0, len(first)),), ("a",)),),
        facts=(
            Fact(cost, (Span("a", text_a.index(cost), text_a.index(cost) + len(cost)),
                        Span("b", text_b.index(cost), text_b.index(cost) + len(cost))),
                 ("a", "b"), 2),
        ),
        quotes=(Quote("the deal is done", "Alpha", (Span("a", 11, 27),), ("a",), 1, "said"),),
        entities=(Entity("Alpha", "PERSON", ("Alfa",), ("a",)),),
        timeline=(TimelineEvent("2025-02-07", first, (Span("a", 0, len(first)),), ("a",)),),
        discrepancies=(
            Discrepancy("cost", (DiscrepancyValue("$5 billion", ("a",)),
                                 DiscrepancyValue("$6 billion", ("b",)))),
        ),
        notes=("2 reports from 2 independent origins.",),
    )
