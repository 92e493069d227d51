"""Linking name groups into entities (the rules of :mod:`crosswire.stages.facts.entities`).

A :class:`Group` holds every mention with one name key. :func:`link_groups` joins groups that
name one entity and returns the clusters, each sorted by key, in key order (deterministic).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from crosswire.models import Mention
from crosswire.text.unionfind import DisjointSets

__all__ = ["Group", "drop_compounds", "link_groups"]

_COUNTRY_KEYS = (
    frozenset({"us", "usa", "united states", "united states of america"}),
    frozenset({"uk", "united kingdom", "britain", "great britain"}),
    frozenset({"un", "united nations"}),
    frozenset({"eu", "european union"}),
)
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC"})


@dataclass
class Group:
    """Mentions sharing one name key, with their surfaces, NER votes and context words."""

    key: str
    mentions: list[Mention] = field(default_factory=list)
    surfaces: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    context: Counter[str] = field(default_factory=Counter)

    @property
    def tokens(self) -> list[str]:
        return self.key.split()

    def votes_for(self, label: str) -> bool:
        """Whether ``label`` has at least as many votes as any other label (and some)."""
        top = max(self.labels.values(), default=0)
        return self.labels[label] > 0 and self.labels[label] >= top

    @property
    def place_like(self) -> bool:
        """Most of its NER votes say place or nationality ("Japan", "Japanese")."""
        place = sum(n for label, n in self.labels.items() if label in _PLACE_LABELS)
        return place * 2 > sum(self.labels.values())


def _full_names(groups: Mapping[str, Group]) -> list[Group]:
    return [g for k, g in sorted(groups.items()) if len(g.tokens) >= 2 and g.votes_for("PERSON")]


def _link_full_names(
    full: Sequence[Group], sets: DisjointSets[str], similar: Callable[[str, str], bool]
) -> None:
    for i, a in enumerate(full):
        for b in full[i + 1 :]:
            ta, tb = a.tokens, b.tokens
            if sorted(ta) == sorted(tb):
                sets.union(a.key, b.key)  # reversed order: "Abe Shinzo"
            elif ta[0] == tb[0] and ta[-1] == tb[-1]:
                sets.union(a.key, b.key)  # a middle name or initial
            elif len(ta) == len(tb) and ta[:-1] == tb[:-1] and similar(ta[-1], tb[-1]):
                sets.union(a.key, b.key)  # misspelt surname: "Fumio Kishidida"


def _mention_count(groups: Sequence[Group]) -> int:
    return sum(len(g.mentions) for g in groups)


def _owner(counts: Mapping[str, int], dominance: float) -> str | None:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[0][1] < dominance * ranked[1][1]:
        return None
    return ranked[0][0]


def _link_surnames(
    groups: Mapping[str, Group], full: Sequence[Group], sets: DisjointSets[str], dominance: float
) -> None:
    for key, group in sorted(groups.items()):
        if len(group.tokens) != 1 or group.place_like:
            continue
        counts: Counter[str] = Counter()
        for name in full:
            if key in (name.tokens[-1], name.tokens[0]) and name.key != key:
                counts[sets.find(name.key)] += len(name.mentions)
        owner = _owner(counts, dominance)
        if owner is not None:
            sets.union(owner, key)


def _link_org_heads(groups: Mapping[str, Group], sets: DisjointSets[str], dominance: float) -> None:
    orgs = [g for _, g in sorted(groups.items()) if len(g.tokens) >= 2 and g.votes_for("ORG")]
    for key, group in sorted(groups.items()):
        if len(group.tokens) != 1 or group.place_like or sets.find(key) != key:
            continue
        counts = Counter(
            {o.key: len(o.mentions) for o in orgs
             if o.tokens[0] == key and len(o.mentions) >= len(group.mentions)}
        )
        owner = _owner(counts, dominance)
        if owner is not None:
            sets.union(owner, key)


def _clusters(groups: Mapping[str, Group], sets: DisjointSets[str]) -> dict[str, list[Group]]:
    out: dict[str, list[Group]] = {}
    for key in sorted(groups):
        out.setdefault(sets.find(key), []).append(groups[key])
    return out


def _link_misspelt(
    groups: Mapping[str, Group], sets: DisjointSets[str], *, similar: Callable[[str, str], bool],
    near: Callable[[str, str], bool], min_length: int, min_context: int,
) -> None:
    clusters = _clusters(groups, sets)
    lone = [
        c[0] for c in clusters.values()
        if len(c) == 1 and len(c[0].tokens) == 1 and not c[0].place_like
        and len(c[0].key) >= min_length and c[0].key.isalpha()
    ]
    for i, a in enumerate(lone):
        for b in lone[i + 1 :]:
            if a.key[0] == b.key[0] and near(a.key, b.key):
                sets.union(a.key, b.key)  # "Isab" / "Isba": one typo apart
    people = {
        root: members for root, members in _clusters(groups, sets).items()
        if any(len(g.tokens) >= 2 and g.votes_for("PERSON") for g in members)
    }
    candidates = _clusters({g.key: g for g in lone}, sets)
    for members in candidates.values():
        target = _best_person(members, people, similar, min_context)
        if target is not None:
            sets.union(target, members[0].key)


def _best_person(
    members: Sequence[Group], people: Mapping[str, Sequence[Group]],
    similar: Callable[[str, str], bool], min_context: int,
) -> str | None:
    context: Counter[str] = Counter()
    for g in members:
        context.update(g.context)
    size = _mention_count(members)
    scored: list[tuple[int, str]] = []
    for root, person in people.items():
        surnames = {g.tokens[-1] for g in person}
        if not any(similar(m.key, s) for m in members for s in surnames):
            continue
        if _mention_count(person) <= size:
            continue
        known: Counter[str] = Counter()
        for g in person:
            known.update(g.context)
        overlap = len(set(context) & set(known))
        if overlap >= min_context:
            scored.append((overlap, root))
    if not scored:
        return None
    scored.sort(key=lambda s: (-s[0], s[1]))
    return scored[0][1]


def drop_compounds(groups: Mapping[str, Group]) -> dict[str, Group]:
    """Groups without run-together names ("U.S.-Japan", "Trump Tells Ishiba")."""
    single = {k for k in groups if " " not in k and "-" not in k}
    out: dict[str, Group] = {}
    for key, group in groups.items():
        parts = key.replace("-", " ").split()
        if len(parts) >= 2 and sum(1 for p in set(parts) if p in single and p != key) >= 2:
            continue
        out[key] = group
    return out


def link_groups(
    *,
    groups: Mapping[str, Group],
    dominance: float,
    similar: Callable[[str, str], bool],
    near: Callable[[str, str], bool],
    min_length: int,
    min_context: int,
) -> list[list[Group]]:
    """Clusters of groups that name one entity, in a deterministic order."""
    sets = DisjointSets(sorted(groups))
    for names in _COUNTRY_KEYS:
        present = sorted(names & groups.keys())
        for key in present[1:]:
            sets.union(present[0], key)
    full = _full_names(groups)
    _link_full_names(full, sets, similar)
    _link_surnames(groups, full, sets, dominance)
    _link_org_heads(groups, sets, dominance)
    _link_misspelt(
        groups, sets, similar=similar, near=near, min_length=min_length, min_context=min_context
    )
    return [members for _, members in sorted(_clusters(groups, sets).items())]
