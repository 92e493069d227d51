"""The extractive summary: support by independent origins, redundancy, budget, citations."""

from __future__ import annotations

import pytest

from crosswire.models import Article
from crosswire.stages.summarize.features import dangling, word_count
from crosswire.stages.summarize.select import SummaryConfig, score_sentences, summarize

# Two statements of equal length: A is one wire report copied three times, B is reported
# by three independent outlets.
A = "The harbour bridge will close for repairs during three weeks starting on Monday morning."
B = "The city council approved a new budget that raises school funding by twelve percent."
FILLERS = (
    "Residents gathered outside the town hall to watch the debate unfold.",
    "Several local shops reported strong sales over the holiday weekend.",
    "A spokesperson for the mayor declined to comment on the schedule.",
    "Weather forecasts predict heavy rain later in the week across the region.",
    "Officials expect traffic to remain heavy on the main roads nearby.",
    "The local football club announced a new coach on its website yesterday.",
)


def _support_articles() -> tuple[list[Article], dict[str, str]]:
    copies = [Article(id=f"copy{k}", text=f"{A}\n{FILLERS[0]}") for k in range(3)]
    origins = [Article(id=f"origin{k}", text=f"{B}\n{FILLERS[k + 1]}") for k in range(3)]
    groups = {a.id: "wire" for a in copies} | {a.id: a.id for a in origins}
    return copies + origins, groups


def test_independent_support_beats_copies() -> None:
    articles, groups = _support_articles()
    assert word_count(A) == word_count(B)
    scored = {s.text: s for s in score_sentences(articles=articles, origin_groups=groups)}
    assert scored[B].score > scored[A].score
    assert scored[B].support > scored[A].support == 0.0
    summary = summarize(
        articles=articles, origin_groups=groups, config=SummaryConfig(words=word_count(B))
    )
    assert [s.text for s in summary] == [B]
    assert summary[0].sources == ("origin0", "origin1", "origin2")


def test_copies_in_one_origin_add_no_support() -> None:
    articles, groups = _support_articles()
    scored = {s.text: s for s in score_sentences(articles=articles, origin_groups=groups)}
    # As independent origins, the three copies would back A as strongly as B is backed.
    as_independent = {a.id: a.id for a in articles}
    rescored = {s.text: s for s in score_sentences(articles=articles, origin_groups=as_independent)}
    assert rescored[A].support > scored[A].support


def test_near_duplicates_are_removed_and_all_carriers_cited() -> None:
    first = "Officials said the storm destroyed forty homes along the northern coast on Sunday."
    second = "Officials said the storm destroyed forty houses along the northern coast on Sunday."
    articles = [
        Article(id="a", text=f"{first}\n{FILLERS[0]}"),
        Article(id="b", text=f"{second}\n{FILLERS[1]}"),
        Article(id="c", text=f"{FILLERS[2]}\n{FILLERS[3]}"),
    ]
    groups = {a.id: a.id for a in articles}
    summary = summarize(articles=articles, origin_groups=groups, config=SummaryConfig(words=500))
    storm = [s for s in summary if "storm" in s.text]
    assert len(storm) == 1
    assert storm[0].sources == ("a", "b")
    texts = {a.id: a.text for a in articles}
    carried = {sp.source: texts[sp.source][sp.start : sp.end] for sp in storm[0].spans}
    assert carried == {"a": first, "b": second}


def test_exact_repeats_in_one_article_appear_once() -> None:
    text = f"{FILLERS[0]}\n{FILLERS[1]}\n{FILLERS[0]}\n{FILLERS[1]}"
    summary = summarize(
        articles=[Article(id="x", text=text)], origin_groups={}, config=SummaryConfig(words=500)
    )
    assert sorted(s.text for s in summary) == sorted(FILLERS[:2])
    assert all(len(s.spans) == 1 for s in summary)


@pytest.mark.parametrize("budget", [1, 8, 15, 30, 60, 200])
def test_word_budget_is_never_exceeded(budget: int) -> None:
    articles, groups = _support_articles()
    summary = summarize(articles=articles, origin_groups=groups, config=SummaryConfig(words=budget))
    assert sum(word_count(s.text) for s in summary) <= budget
    if budget >= word_count(B):
        assert summary


def test_fragments_headings_and_links_are_not_chosen() -> None:
    text = "\n".join(
        [
            "BREAKING NEWS",
            "Share this article",
            "![](https://example.com/photo.jpg)",
            "- bullet point about the storm that destroyed forty homes on the coast",
            FILLERS[0],
        ]
    )
    summary = summarize(
        articles=[Article(id="x", text=text)], origin_groups={}, config=SummaryConfig(words=500)
    )
    assert [s.text for s in summary] == [FILLERS[0]]


def test_sentences_of_a_quote_running_over_several_are_not_chosen() -> None:
    quote = (
        '"First of all, I want to thank God for justice for my son," Rivers said. '
        '"That is all that I hear every day in the harbour town. I have got to live with that '
        'for the rest of my life in the harbour town. You robbed me of my son."'
    )
    text = f"{FILLERS[0]}\n{quote}\n{FILLERS[1]}"
    summary = summarize(
        articles=[Article(id="x", text=text)], origin_groups={}, config=SummaryConfig(words=500)
    )
    chosen = [s.text for s in summary]
    assert chosen[0] == FILLERS[0] and FILLERS[1] in chosen
    assert chosen[1].startswith('"First of all') and chosen[1].endswith("Rivers said.")
    assert not any("harbour town" in t or "robbed" in t for t in chosen)
    kept = summarize(
        articles=[Article(id="x", text=text)], origin_groups={},
        config=SummaryConfig(words=500, quote_part_penalty=1.0),
    )
    assert any("harbour town" in s.text for s in kept)


def test_deterministic_and_independent_of_input_order() -> None:
    articles, groups = _support_articles()
    config = SummaryConfig(words=40)
    first = summarize(articles=articles, origin_groups=groups, config=config)
    again = summarize(articles=articles, origin_groups=groups, config=config)
    reordered = summarize(articles=articles[::-1], origin_groups=groups, config=config)
    assert first == again == reordered


def test_spans_are_verbatim_and_sources_match() -> None:
    articles, groups = _support_articles()
    texts = {a.id: a.text for a in articles}
    summary = summarize(articles=articles, origin_groups=groups, config=SummaryConfig(words=200))
    for sent in summary:
        assert sent.sources == tuple(sp.source for sp in sent.spans)
        assert len(set(sent.sources)) == len(sent.sources)
        assert any(texts[sp.source][sp.start : sp.end] == sent.text for sp in sent.spans)
        for sp in sent.spans:
            assert 0 <= sp.start < sp.end <= len(texts[sp.source])


def test_empty_input_and_bad_config() -> None:
    assert summarize(articles=[], origin_groups={}) == ()
    assert summarize(articles=[Article(id="x", text="")], origin_groups={}) == ()
    with pytest.raises(ValueError, match="words"):
        SummaryConfig(words=0)


def test_dangling_sentences_are_recognised() -> None:
    assert dangling("He sought advice from his predecessor.")
    assert dangling("But the deficit grew last year.")
    assert dangling("\u201cI want to build trust.\u201d")
    assert not dangling("\u201cIt will be our first talks,\u201d Ishiba said.")
    assert not dangling("The White House visit is the second this term.")
