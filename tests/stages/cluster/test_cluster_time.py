"""Time in batch clustering: similarity fades beyond the window, a report with a wrong date
joins the coverage it retells, and a small pile keeps more terms per report."""

from __future__ import annotations

from dataclasses import replace

from crosswire.models import Article
from crosswire.stages.cluster import ClusterConfig, cluster_articles
from crosswire.stages.cluster.displaced import attach_displaced
from crosswire.stages.cluster.graph import search_window, time_fade
from tests.stages.cluster.test_cluster import QUAKE, STEEL, _groups, _unit

CONFIG = ClusterConfig(segments=None)


def _day(n: int) -> str:
    return f"2025-03-{n:02d}"


def test_similarity_fades_beyond_the_window() -> None:
    config = replace(CONFIG, window_days=7, window_fade_days=5.0)
    assert time_fade(10, 17, config) == 1.0  # inside the window
    assert time_fade(10, None, config) == 1.0  # undated: no evidence either way
    assert abs(time_fade(10, 22, config) - 0.3679) < 1e-3  # 5 days beyond: a factor e
    assert time_fade(10, 22, replace(config, window_fade_days=0.0)) == 0.0  # a hard window
    assert search_window(config) == 27 and search_window(replace(config, window_days=None)) is None


def test_a_story_told_over_two_weeks_stays_one_and_two_events_a_month_apart_do_not() -> None:
    first = [Article(id=f"a{k}", text=f"{QUAKE[k]} {QUAKE[(k + 1) % 3]}", published=_day(1 + k))
             for k in range(3)]
    later = Article(id="later", text=f"{QUAKE[2]} {QUAKE[0]} Aftershocks shook Otaru.",
                    published=_day(12))  # 9 days after the last: just beyond the window
    hard = replace(CONFIG, window_fade_days=0.0, displaced_threshold=None, followup_days=None)
    soft = replace(hard, window_fade_days=5.0)
    assert frozenset({"later"}) in _groups(cluster_articles(articles=[*first, later], config=hard))
    assert frozenset({"a0", "a1", "a2", "later"}) in _groups(
        cluster_articles(articles=[*first, later], config=soft))
    other = Article(id="other", text="A magnitude 6.9 earthquake struck Hokkaido, collapsing "
                    "homes in Kushiro and cutting power to the port.", published="2025-04-20")
    assert frozenset({"other"}) in _groups(cluster_articles(articles=[*first, other], config=soft))


def test_a_near_identical_report_joins_its_story_whatever_its_date() -> None:
    story = [Article(id=f"q{k}", text=f"{QUAKE[k]} {QUAKE[(k + 1) % 3]}",
                     published=f"2025-02-0{k + 1}") for k in range(3)]
    late = Article(id="late", text=f"{QUAKE[1]} {QUAKE[2]}", published="2026-01-15")
    other = [Article(id=f"s{k}", text=f"{STEEL[k]} {STEEL[(k + 1) % 3]}",
                     published="2025-02-02") for k in range(3)]
    groups = _groups(cluster_articles(articles=[*story, late, *other], config=CONFIG))
    assert frozenset({"q0", "q1", "q2", "late"}) in groups
    off = replace(CONFIG, displaced_threshold=None)
    assert frozenset({"late"}) in _groups(cluster_articles(articles=[*story, late, *other],
                                                           config=off))


def test_a_displaced_report_between_two_stories_of_one_kind_stays_alone() -> None:
    vectors = [
        _unit(rocket=3, launch=3, mars=1), _unit(rocket=3, launch=3, mars=1),  # story 0-1
        _unit(rocket=3, reveal=3, mars=1), _unit(rocket=3, reveal=3, mars=1),  # story 2-3
        _unit(rocket=1, launch=1, reveal=1, mars=3),  # as close to both
        _unit(rocket=3, launch=3),  # clearly the first
    ]
    config = replace(CONFIG, displaced_threshold=0.4, index_terms=5, centroid_terms=10)
    out = attach_displaced(vectors=vectors, groups=[[0, 1], [2, 3], [4], [5]], config=config)
    assert out == [[0, 1, 5], [2, 3], [4]]
    assert attach_displaced(vectors=vectors, groups=[[0, 1], [2, 3], [4], [5]],
                            config=replace(config, displaced_threshold=None)) == [
        [0, 1], [2, 3], [4], [5]]


def test_a_small_pile_keeps_more_terms_per_report() -> None:
    assert CONFIG.terms_for(5) == CONFIG.small_pile_terms
    assert CONFIG.terms_for(CONFIG.small_pile + 1) == CONFIG.max_terms
    words = [f"word{k}" for k in range(24)]
    shared = "Harwick bridge closure Harwick bridge closure council"
    reports = [Article(id=f"r{k}", text=f"{shared}. " + " ".join(words[k * 8 : k * 8 + 8] * 2))
               for k in range(3)]
    few = replace(CONFIG, small_pile=0, max_terms=8)  # a big pile's cut: only idiosyncrasies
    assert len(cluster_articles(articles=reports, config=few)) == 3
    assert len(cluster_articles(articles=reports, config=replace(few, small_pile=10))) == 1
