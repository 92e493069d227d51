"""Story clustering: batch order independence, incremental assign/open/merge, stable ids."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.models import Article
from crosswire.stages.cluster import (
    ClusterConfig,
    cluster_articles,
    cluster_incremental,
    cluster_map,
    cluster_reduce,
    story_id,
)
from crosswire.stages.cluster.attach import (
    attach_fragments,
    attach_singletons,
    attach_target,
    story_shape,
)
from crosswire.stages.cluster.config import Cohesion, SettleConfig
from crosswire.stages.cluster.graph import Groups, group_similarity
from crosswire.stages.cluster.settle import resettle
from crosswire.stages.cluster.stream import StreamClusterer

CONFIG = ClusterConfig(segments=None)

QUAKE = [
    "A magnitude 7.1 earthquake struck Hokkaido on Tuesday, collapsing homes in Sapporo.",
    "Rescuers in Sapporo searched collapsed homes after the Hokkaido earthquake of magnitude 7.1.",
    "The Hokkaido earthquake left Sapporo without power; the magnitude 7.1 quake collapsed homes.",
]
STEEL = [
    "Nippon Steel sued the Biden administration over the blocked U.S. Steel acquisition.",
    "The lawsuit by Nippon Steel challenges Biden's order blocking its U.S. Steel acquisition.",
    "U.S. Steel and Nippon Steel filed suit after Biden blocked the acquisition.",
]
FINAL = [
    "Real Madrid beat Liverpool in the Champions League final in Paris on Saturday.",
    "Vinicius scored as Real Madrid won the Champions League final against Liverpool in Paris.",
]


def _articles() -> list[Article]:
    out = []
    for name, texts in (("quake", QUAKE), ("steel", STEEL), ("final", FINAL)):
        for k, text in enumerate(texts):
            out.append(Article(id=f"{name}-{k}", text=text, published=f"2025-02-0{k + 1}"))
    return out


def _groups(stories: tuple) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


EXPECTED = {
    frozenset({"quake-0", "quake-1", "quake-2"}),
    frozenset({"steel-0", "steel-1", "steel-2"}),
    frozenset({"final-0", "final-1"}),
}


def test_batch_finds_the_three_stories() -> None:
    stories = cluster_articles(articles=_articles(), config=CONFIG)
    assert _groups(stories) == EXPECTED
    for story in stories:
        assert story.id == story_id(member_ids=story.article_ids)
        assert story.article_ids == tuple(sorted(story.article_ids))


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(8)))
def test_batch_does_not_depend_on_order(order: list[int]) -> None:
    articles = _articles()
    sketches = [cluster_map(article=a, config=CONFIG) for a in articles]
    reference = cluster_reduce(sketches=sketches, config=CONFIG)
    shuffled = [sketches[i] for i in order]
    assert cluster_reduce(sketches=shuffled, config=CONFIG) == reference


def test_incremental_does_not_depend_on_input_order() -> None:
    articles = _articles()
    sketches = [cluster_map(article=a, config=CONFIG) for a in articles]
    reference = cluster_incremental(sketches=sketches, config=CONFIG)
    assert _groups(reference) == EXPECTED
    rng = random.Random(7)
    for _ in range(5):
        rng.shuffle(sketches)
        assert cluster_incremental(sketches=sketches, config=CONFIG) == reference


def test_incremental_assigns_and_opens() -> None:
    stream = StreamClusterer(config=CONFIG)
    arts = _articles()
    for a in (arts[0], arts[3], arts[1]):
        stream.add(sketch=cluster_map(article=a, config=CONFIG))
    groups = _groups(stream.stories())
    assert groups == {frozenset({"quake-0", "quake-1"}), frozenset({"steel-0"})}
    first_id = {s.article_ids[0]: s.id for s in stream.stories()}["quake-0"]
    stream.add(sketch=cluster_map(article=arts[2], config=CONFIG))
    # the story keeps its id while it grows
    assert {s.article_ids[0]: s.id for s in stream.stories()}["quake-0"] == first_id


def test_incremental_merges_stories_that_converge() -> None:
    half_a = "Hokkaido earthquake collapsed homes in Sapporo magnitude rescuers"
    half_b = "Tsunami warning Kushiro coast evacuation harbour waves fishermen"
    arts = [
        Article(id="a0", text=half_a),
        Article(id="b0", text=half_b),
        Article(id="ab1", text=f"{half_a}. {half_b}."),
        Article(id="ab2", text=f"{half_a} tsunami Kushiro. {half_b} earthquake Sapporo."),
    ]
    stream = StreamClusterer(config=CONFIG)
    stream.add(sketch=cluster_map(article=arts[0], config=CONFIG))
    stream.add(sketch=cluster_map(article=arts[1], config=CONFIG))
    assert len(stream.stories()) == 2
    for a in arts[2:]:
        stream.add(sketch=cluster_map(article=a, config=CONFIG))
    assert _groups(stream.stories()) == {frozenset({"a0", "b0", "ab1", "ab2"})}


def test_single_and_empty_inputs() -> None:
    assert cluster_articles(articles=[], config=CONFIG) == ()
    one = cluster_articles(articles=[Article(id="x", text="Only one report here.")], config=CONFIG)
    assert [s.article_ids for s in one] == [("x",)]


def test_reports_far_apart_in_time_are_not_one_story() -> None:
    a = Article(id="a", text=QUAKE[0], published="2025-02-01")
    b = Article(id="b", text="A magnitude 6.4 earthquake struck Taiwan on Monday, toppling"
                " buildings in Hualien.", published="2025-06-01")
    assert len(cluster_articles(articles=[a, b], config=CONFIG)) == 2
    # inside the window the same two reports of one kind would be judged by similarity alone
    assert len(cluster_articles(articles=[a, replace(b, published="2025-02-02")],
                                config=replace(CONFIG, threshold=0.05))) == 1


def _two_quakes() -> list[Article]:
    shared = (
        "A powerful earthquake shook the region, collapsing buildings and cutting power; "
        "rescue teams searched the rubble for survivors as aftershocks rattled residents."
    )
    out = []
    for tag, (country, city, leader, size, month) in (
        ("a", ("Turkey", "Malatya", "Erdogan", "6.8", "January")),
        ("b", ("Chile", "Valparaiso", "Boric", "7.4", "March")),
    ):
        for k in range(4):
            text = (
                f"{shared} The quake of magnitude {size} struck {city} in {country} on a "
                f"{month} night. President {leader} visited {city} and promised help for "
                f"{country}. Officials in {city} counted damage {k}."
            )
            out.append(Article(id=f"{tag}-{k}", text=text, published="2025-02-01"))
    return out


def test_two_events_of_one_kind_stay_apart() -> None:
    articles = _two_quakes()
    expected = {frozenset(f"{t}-{k}" for k in range(4)) for t in "ab"}
    assert _groups(cluster_articles(articles=articles, config=CONFIG)) == expected
    # it is the cohesion check that keeps them apart: their centroids alone are close
    loose = replace(CONFIG, cohesion=None)
    assert len(cluster_articles(articles=articles, config=loose)) == 1


def test_cohesion_check_leaves_short_reports_to_the_centroids() -> None:
    groups = Groups(linkage="centroid", cohesion=Cohesion(ratio=0.7, min_size=2, min_terms=20))
    for item in range(4):
        groups.add(item=item, terms=6)  # headlines: too few words to judge pair by pair
    groups.link(a=0, b=1, sim=0.9)
    groups.link(a=2, b=3, sim=0.9)
    groups.link(a=0, b=2, sim=0.1)
    groups.merge(0, 1)
    groups.merge(2, 3)
    assert groups.cohesive(0, 2, cross=0.1)
    long_reports = Groups(linkage="centroid", cohesion=Cohesion(ratio=0.7))
    for item in range(4):
        long_reports.add(item=item, terms=80)
    long_reports.link(a=0, b=1, sim=0.9)
    long_reports.link(a=2, b=3, sim=0.9)
    long_reports.merge(0, 1)
    long_reports.merge(2, 3)
    assert not long_reports.cohesive(0, 2, cross=0.1)
    assert long_reports.cohesive(0, 2, cross=4 * 0.7 * 0.9)


def test_cohesion_check_is_waived_for_near_identical_centroids() -> None:
    def two_tight_pairs(cohesion: Cohesion) -> Groups:
        groups = Groups(linkage="centroid", cohesion=cohesion)
        for item in range(4):
            groups.add(item=item, terms=80)
        groups.link(a=0, b=1, sim=0.9)
        groups.link(a=2, b=3, sim=0.9)
        groups.merge(0, 1)
        groups.merge(2, 3)
        return groups

    # cross mean 0.5 < 0.7 * 0.9: vetoed on pair means, but the centroid cosine is 2 / 3.8
    cross = 4 * 0.5
    assert two_tight_pairs(Cohesion(waive_at=None, small_waive_at=None)).cohesive(
        0, 2, cross=cross) is False
    assert two_tight_pairs(Cohesion(waive_at=0.5, small_waive_at=None)).cohesive(0, 2, cross=cross)
    assert not two_tight_pairs(Cohesion(waive_at=0.6, small_waive_at=None)).cohesive(
        0, 2, cross=cross)


def test_cohesion_check_is_waived_for_small_groups_from_a_lower_similarity() -> None:
    def pair_and_trio(small_size: int) -> Groups:
        groups = Groups(linkage="centroid", cohesion=Cohesion(small_size=small_size))
        for item in range(5):
            groups.add(item=item, terms=80)
        groups.link(a=0, b=1, sim=0.9)
        for a, b in ((2, 3), (2, 4), (3, 4)):
            groups.link(a=a, b=b, sim=0.9)
        groups.merge(0, 1)
        groups.merge(groups.merge(2, 3), 4)
        return groups

    # cross mean 0.4 < 0.7 * 0.9: vetoed on pair means; centroid cosine 2.4 / sqrt(3.8 * 8.4)
    cross = 6 * 0.4
    groups = pair_and_trio(3)
    assert 0.4 <= group_similarity(cross=cross, mass_a=groups.mass(0), mass_b=groups.mass(2)) < 0.55
    assert pair_and_trio(3).cohesive(0, 2, cross=cross)  # a pair is too small to stand apart
    assert not pair_and_trio(1).cohesive(0, 2, cross=cross)


def _one_story(*, adjacency: list[dict[int, float]], terms: int) -> tuple[Groups, list[int]]:
    """All items greedily in one story, as a stream may leave them."""
    groups = Groups(linkage="centroid", cohesion=Cohesion())
    for i in range(len(adjacency)):
        groups.add(item=i, terms=terms)
    for i, row in enumerate(adjacency):
        for j, sim in row.items():
            if j < i:
                groups.link(a=i, b=j, sim=sim)
    for i in range(1, len(adjacency)):
        groups.merge(0, i)
    return groups, [0] * len(adjacency)


def _two_events(sizes: tuple[int, int]) -> list[dict[int, float]]:
    """Two tight events of one kind: 0.9 inside each, 0.2 across."""
    n = sum(sizes)
    side = [0] * sizes[0] + [1] * sizes[1]
    return [{j: (0.9 if side[i] == side[j] else 0.2) for j in range(n) if j != i} for i in range(n)]


def test_settle_splits_a_story_of_two_events_of_one_kind() -> None:
    adjacency = _two_events((3, 3))
    groups, owner = _one_story(adjacency=adjacency, terms=30)
    keys = resettle(
        groups=groups, key=0, adjacency=adjacency, terms=[30] * 6, owner=owner,
        config=CONFIG,
    )
    assert keys == [0, 3]
    assert {k: sorted(m) for k, m in groups.members.items()} == {0: [0, 1, 2], 3: [3, 4, 5]}
    assert owner == [0, 0, 0, 3, 3, 3]
    assert groups.cross[0][3] == groups.cross[3][0] == pytest.approx(9 * 0.2)
    assert groups.internal[0] == pytest.approx(3 * 0.9)


def test_settle_keeps_a_small_fragment_with_its_story() -> None:
    adjacency = _two_events((7, 2))  # 2 of 9: below both min_piece and min_share
    groups, owner = _one_story(adjacency=adjacency, terms=30)
    keys = resettle(
        groups=groups, key=0, adjacency=adjacency, terms=[30] * 9, owner=owner,
        config=CONFIG,
    )
    assert keys == [0]
    assert sorted(groups.members[0]) == list(range(9))
    # [cluster.settle] decides what a piece needs to stand: 2 of 9 may, with lower bars
    groups, owner = _one_story(adjacency=adjacency, terms=30)
    lower = replace(CONFIG, settle=SettleConfig(min_share=0.2, min_piece=2))
    keys = resettle(
        groups=groups, key=0, adjacency=adjacency, terms=[30] * 9, owner=owner, config=lower
    )
    assert {k: sorted(m) for k, m in groups.members.items()} == {0: list(range(7)), 7: [7, 8]}


def test_settle_settings_out_of_range_are_refused() -> None:
    for bad in ({"max_items": -1}, {"min_share": 1.5}, {"min_share": float("nan")},
                {"min_piece": 0}):
        with pytest.raises(ValueError):
            SettleConfig(**bad)
    with pytest.raises(ValueError, match="incremental_refresh"):
        ClusterConfig(incremental_refresh=0.5)


def test_stream_sums_match_the_stored_pair_similarities() -> None:
    stream = StreamClusterer(config=CONFIG)
    for a in _articles():
        stream.add(sketch=cluster_map(article=a, config=CONFIG))
    groups = stream.groups
    for key, members in groups.members.items():
        inside = set(members)
        internal = sum(stream.adjacency[i][j] for i in members for j in stream.adjacency[i]
                       if j in inside and j > i)
        assert groups.internal[key] == pytest.approx(internal)
        for i in members:
            assert stream.owner[i] == key
        for other, cross in groups.cross[key].items():
            pairs = sum(s for i in members for j, s in stream.adjacency[i].items()
                        if stream.owner[j] == other)
            assert cross == pytest.approx(pairs)


def _unit(**weights: float) -> dict[str, float]:
    norm = sum(w * w for w in weights.values()) ** 0.5
    return {t: w / norm for t, w in weights.items()}


# the default attach rule (threshold 0.11, ratio 1.5, cohesion ratio 0.7), without the time
# window, the headline rule or the fragment pass
ATTACH = replace(CONFIG, window_days=None, attach_min_terms=1, attach_fragment_threshold=None)


def test_attach_joins_a_lone_report_to_the_story_it_is_about() -> None:
    # 0 and 1 are one story; 2 shares its names with the story as a whole and nothing else
    vectors = [
        _unit(betty=3, white=3, dancing=1, stars=1),
        _unit(betty=3, white=3, petition=1, facebook=1),
        _unit(betty=2, white=2, host=2, snl=2),
        _unit(tsunami=1, kushiro=1),
    ]
    groups = attach_singletons(
        vectors=vectors, days=[None] * 4, groups=[[0, 1], [2], [3]], config=ATTACH
    )
    assert groups == [[0, 1, 2], [3]]
    off = attach_singletons(
        vectors=vectors, days=[None] * 4, groups=[[0, 1], [2], [3]],
        config=replace(ATTACH, attach_threshold=0.9),
    )
    assert off == [[0, 1], [2], [3]]


def test_attach_leaves_a_report_between_two_stories_alone() -> None:
    # 2 is as close to the first lottery story as to the second: no guess
    vectors = [
        _unit(lottery=2, jackpot=2, ohio=2),
        _unit(lottery=2, jackpot=2, texas=2),
        _unit(lottery=2, jackpot=2, winner=2),
    ]
    groups = attach_singletons(
        vectors=vectors, days=[None] * 3, groups=[[0], [1], [2]], config=ATTACH
    )
    assert groups == [[0], [1], [2]]


def test_attach_respects_the_cohesion_of_a_tight_story() -> None:
    story = _unit(syria=3, homs=3, siege=3, journalists=1)
    lone = _unit(syria=2, idlib=3, rebels=3)  # cosine 0.24 with the story, whose own is 1
    target = attach_target(
        vector=lone,
        candidates={0: story_shape(vectors=[story, story], members=[0, 1], centroid_terms=100)},
        config=ATTACH,
    )
    assert target is None
    loose = attach_target(
        vector=lone,
        candidates={0: story_shape(vectors=[story, story], members=[0, 1], centroid_terms=100)},
        config=replace(ATTACH, cohesion=None),
    )
    assert loose == 0


def test_attach_skips_headlines() -> None:
    shape = story_shape(vectors=[_unit(opal=1, dc=1)], members=[0], centroid_terms=100)
    rule = replace(ATTACH, attach_min_terms=10)
    assert attach_target(vector=_unit(opal=1, dc=1), candidates={0: shape}, config=rule) is None
    assert attach_target(vector=_unit(opal=1, dc=1), candidates={0: shape}, config=ATTACH) == 0


def test_attach_pass_is_batch_only() -> None:
    # the merge threshold is out of reach, so only the attach pass can join a and b to s
    arts = [
        Article(id="s1", text=f"{QUAKE[0]} {QUAKE[2]}", published="2025-02-01"),
        Article(id="s2", text=f"{QUAKE[0]} {QUAKE[2]}", published="2025-02-01"),
        Article(id="b", text=f"{QUAKE[1]} Aftershocks shook Otaru overnight.",
                published="2025-02-02"),
        Article(id="c", text=f"{STEEL[0]} {STEEL[1]}", published="2025-02-02"),
    ]
    config = replace(
        CONFIG, threshold=0.99, attach_threshold=0.05, attach_ratio=1.0, cohesion=None
    )
    sketches = [cluster_map(article=a, config=config) for a in arts]
    found = _groups(cluster_reduce(sketches=sketches, config=config))
    assert found == {frozenset({"s1", "s2", "b"}), frozenset({"c"})}
    alone = replace(config, attach_threshold=None, displaced_threshold=None)
    off = _groups(cluster_reduce(sketches=sketches, config=alone))
    assert off == {frozenset({"s1", "s2"}), frozenset({"b"}), frozenset({"c"})}
    stream = _groups(cluster_incremental(sketches=sketches, config=config))
    assert stream == off


def test_attach_makes_no_chains() -> None:
    # 1 joins the story [0, 4]; 2 chose 1 and 3 chose 2, both reports that move elsewhere, so
    # both stay alone: no report reaches a story through another one
    vectors = [
        _unit(quake=3, sapporo=3),
        _unit(quake=2, sapporo=2, otaru=2),
        _unit(quake=1, otaru=3, harbour=1),
        _unit(otaru=2, harbour=3, festival=3),
        _unit(quake=3, sapporo=3, rescue=1),
    ]
    groups = attach_singletons(
        vectors=vectors, days=[None] * 5, groups=[[0, 4], [1], [2], [3]],
        config=replace(ATTACH, attach_threshold=0.05, attach_ratio=1.0, cohesion=None),
    )
    assert groups == [[0, 1, 4], [2], [3]]


def test_attach_settings_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError, match="attach_ratio"):
        ClusterConfig(attach_ratio=0.9)
    with pytest.raises(ValueError, match="attach_ratio"):
        ClusterConfig(attach_ratio=float("nan"))
    with pytest.raises(ValueError, match="attach_threshold"):
        ClusterConfig(attach_threshold=-5.0)


FRAGMENTS = replace(
    ATTACH, attach_threshold=None, attach_fragment_size=3, attach_fragment_threshold=0.3
)


def _all_pairs(n: int) -> list[tuple[int, int]]:
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


def test_a_small_fragment_joins_the_larger_story_it_is_clearly_about() -> None:
    # [3, 4] are two copies of one wire report on the quake: tight, and closest to [0, 1, 2]
    vectors = [
        _unit(quake=3, sapporo=3, homes=2),
        _unit(quake=3, sapporo=2, rescue=2),
        _unit(quake=2, sapporo=3, power=2),
        _unit(quake=2, sapporo=1, otaru=3, wire=3),
        _unit(quake=2, sapporo=1, otaru=3, wire=3),
        _unit(lottery=2, jackpot=2),
        _unit(lottery=2, jackpot=2, ohio=1),
    ]
    groups = [[0, 1, 2], [3, 4], [5, 6]]
    found = attach_fragments(
        vectors=vectors, pairs=_all_pairs(7), groups=groups, config=FRAGMENTS
    )
    assert found == [[0, 1, 2, 3, 4], [5, 6]]
    # the same in any order of the groups and their members
    again = attach_fragments(
        vectors=vectors, pairs=_all_pairs(7), groups=[[6, 5], [4, 3], [2, 0, 1]], config=FRAGMENTS
    )
    assert again == found
    for off in (replace(FRAGMENTS, attach_fragment_threshold=None),
                replace(FRAGMENTS, attach_fragment_threshold=0.95)):
        assert attach_fragments(
            vectors=vectors, pairs=_all_pairs(7), groups=groups, config=off
        ) == groups


def test_a_fragment_between_two_stories_or_beside_a_smaller_one_stays() -> None:
    # [2, 3] is as close to the Ohio lottery story as to the Texas one: no guess
    between = [
        _unit(lottery=2, jackpot=2, ohio=2),
        _unit(lottery=2, jackpot=2, ohio=2, columbus=1),
        _unit(lottery=2, jackpot=2, winner=2),
        _unit(lottery=2, jackpot=2, winner=2, ticket=1),
        _unit(lottery=2, jackpot=2, texas=2),
        _unit(lottery=2, jackpot=2, texas=2, austin=1),
    ]
    groups = [[0, 1], [2, 3], [4, 5]]
    rule = replace(FRAGMENTS, attach_fragment_threshold=0.05)
    kept = attach_fragments(vectors=between, pairs=_all_pairs(6), groups=groups, config=rule)
    assert kept == groups
    # a fragment joins only a larger story: two pairs of one story stay two
    pairs = [_unit(quake=3, sapporo=3), _unit(quake=3, sapporo=3, homes=1),
             _unit(quake=3, sapporo=2, otaru=1), _unit(quake=3, sapporo=2, otaru=2)]
    assert attach_fragments(
        vectors=pairs, pairs=_all_pairs(4), groups=[[0, 1], [2, 3]], config=rule
    ) == [[0, 1], [2, 3]]


def test_a_fragment_whose_target_moves_stays() -> None:
    # [4, 5, 6] joins the story [0..3]; [7, 8] chose [4, 5, 6], which moves: it stays
    vectors = [
        _unit(quake=3, sapporo=3),
        _unit(quake=3, sapporo=3, homes=1),
        _unit(quake=3, sapporo=3, power=1),
        _unit(quake=3, sapporo=3, rescue=1),
        _unit(quake=3, sapporo=2, otaru=2),
        _unit(quake=3, sapporo=2, otaru=2, harbour=1),
        _unit(quake=3, sapporo=2, otaru=2, ferry=1),
        _unit(otaru=3, harbour=3, quake=1),
        _unit(otaru=3, harbour=3, quake=1, ferry=1),
    ]
    rule = replace(FRAGMENTS, attach_fragment_threshold=0.2, attach_ratio=1.0)
    alone = attach_fragments(
        vectors=vectors, pairs=_all_pairs(9), groups=[[4, 5, 6], [7, 8]], config=rule
    )
    assert alone == [[4, 5, 6, 7, 8]]
    found = attach_fragments(
        vectors=vectors, pairs=_all_pairs(9), groups=[[0, 1, 2, 3], [4, 5, 6], [7, 8]],
        config=rule,
    )
    assert found == [[0, 1, 2, 3, 4, 5, 6], [7, 8]]


def test_fragment_settings_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError, match="attach_fragment_threshold"):
        ClusterConfig(attach_fragment_threshold=1.5)
    with pytest.raises(ValueError, match="attach_fragment_size"):
        ClusterConfig(attach_fragment_size=1)


def test_attach_joins_two_lone_reports_that_chose_each_other() -> None:
    vectors = [
        _unit(adderall=3, students=2, exams=1),
        _unit(adderall=3, students=1, campus=2),
        _unit(lottery=2, jackpot=2),
    ]
    groups = attach_singletons(
        vectors=vectors, days=[None] * 3, groups=[[0], [1], [2]], config=ATTACH
    )
    assert groups == [[0, 1], [2]]
