"""crosswire.text.unionfind: the one union-find of the package."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.text.unionfind import DisjointSets

_PAIRS = st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), max_size=40)


def test_the_smallest_item_represents_its_set() -> None:
    sets = DisjointSets(range(5))
    assert sets.union(3, 1) == 1
    assert sets.union(4, 3) == 1
    assert sets.find(4) == 1
    assert sets.same(1, 4) and not sets.same(0, 4)
    assert sets.groups() == [[0], [1, 3, 4], [2]]


def test_strings_and_added_items() -> None:
    sets = DisjointSets(["kishida", "fumio kishida"])
    sets.add("abe")
    sets.add("abe")
    sets.union("kishida", "fumio kishida")
    assert sets.find("kishida") == "fumio kishida"
    assert sets.groups() == [["abe"], ["fumio kishida", "kishida"]]


@settings(max_examples=200, deadline=None)
@given(pairs=_PAIRS, seed=st.randoms(use_true_random=False))
def test_groups_do_not_depend_on_union_order(
    pairs: list[tuple[int, int]], seed: random.Random
) -> None:
    forward = DisjointSets(range(20))
    for a, b in pairs:
        forward.union(a, b)
    shuffled = [(b, a) for a, b in pairs]
    seed.shuffle(shuffled)
    backward = DisjointSets(range(20))
    for a, b in shuffled:
        backward.union(a, b)
    assert forward.groups() == backward.groups()
    assert [forward.find(i) for i in range(20)] == [backward.find(i) for i in range(20)]


@settings(max_examples=200, deadline=None)
@given(pairs=_PAIRS)
def test_groups_are_the_connected_components(pairs: list[tuple[int, int]]) -> None:
    sets = DisjointSets(range(20))
    for a, b in pairs:
        sets.union(a, b)
    component = {i: {i} for i in range(20)}  # naive closure
    changed = True
    while changed:
        changed = False
        for a, b in pairs:
            if component[a] is not component[b]:
                merged = component[a] | component[b]
                for x in merged:
                    component[x] = merged
                changed = True
    expected = sorted({tuple(sorted(c)) for c in component.values()})
    assert [tuple(g) for g in sets.groups()] == expected
    assert all(sets.find(i) == min(component[i]) for i in range(20))
