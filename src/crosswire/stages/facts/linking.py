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
from crosswire.text.wordlists import package_word_map, package_words

__all__ = ["Group", "drop_compounds", "initials", "link_groups"]

_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC"})


@dataclass
class Group:
    """Mentions sharing one name key, with their surfaces, NER votes and context words."""

    key: str
    mentions: list[Mention] = field(default_factory=list)
    surfaces: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    context: Counter[str] = field(default_factory=Counter)
    near: Counter[str] = field(default_factory=Counter)  # "<word" before, ">word" after

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


def _country_keys() -> list[frozenset[str]]:
    """Names of one country each (``data/countries.json``), as name keys."""
    found = package_word_map("crosswire.stages.facts", "countries")
    return [frozenset(str(n).replace(".", "") for n in names)  # type: ignore[attr-defined]
            for _, names in sorted(found.items())]


def _given_forms(word: str) -> frozenset[str]:
    """A given name and its common short forms (``data/nicknames.json``): "jim" -> james..."""
    forms = {word}
    for full, short in package_word_map("crosswire.stages.facts", "nicknames").items():
        names = {full, *short}  # type: ignore[misc]
        if word in names:
            forms |= names
    return frozenset(forms)


def _middles_agree(a: Sequence[str], b: Sequence[str]) -> bool:
    """Middle names that can be one person's: one side gives none, or they are equal, or one
    is an initial of the other ("James P. Steyer" / "James Patrick Steyer"; not "John Agyekum
    Kufuor" / "John Addo Kufuor")."""
    if not a or not b:
        return True
    if len(a) != len(b):
        return False
    return all(x == y or ((len(x) == 1 or len(y) == 1) and x[0] == y[0]) for x, y in zip(a, b,
                                                                                    strict=True))


def _full_names(groups: Mapping[str, Group]) -> list[Group]:
    return [g for k, g in sorted(groups.items()) if len(g.tokens) >= 2 and g.votes_for("PERSON")]


def _same_name(ta: Sequence[str], tb: Sequence[str]) -> bool:
    """Whether two full names can be one person's: one surname, given names that are forms of
    one name, middle names that agree (see :func:`_middles_agree`)."""
    return ta[-1] == tb[-1] and (ta[0] == tb[0] or tb[0] in _given_forms(ta[0])) and (
        _middles_agree(ta[1:-1], tb[1:-1]))


def _link_full_names(
    full: Sequence[Group], sets: DisjointSets[str], similar: Callable[[str, str], bool]
) -> None:
    members: dict[str, list[Group]] = {g.key: [g] for g in full}

    def join(a: Group, b: Group, *, check: bool) -> None:
        ra, rb = sets.find(a.key), sets.find(b.key)
        if ra == rb:
            return
        left, right = members.get(ra, [a]), members.get(rb, [b])
        if check and not all(_same_name(x.tokens, y.tokens) for x in left for y in right):
            return  # "John Kufuor" is not both "John Agyekum Kufuor" and "John Addo Kufuor"
        root = sets.union(a.key, b.key)
        members[root] = left + right

    for i, a in enumerate(full):
        for b in full[i + 1 :]:
            ta, tb = a.tokens, b.tokens
            if sorted(ta) == sorted(tb):
                join(a, b, check=False)  # reversed order: "Abe Shinzo"
            elif _same_name(ta, tb):
                join(a, b, check=True)  # a middle name or initial; "Jim" for "James"
            elif len(ta) == len(tb) and ta[:-1] == tb[:-1] and similar(ta[-1], tb[-1]):
                join(a, b, check=False)  # misspelt surname: "Fumio Kishidida"


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
            if name.key == key or key not in (name.tokens[-1], name.tokens[0]):
                continue
            if key != name.tokens[-1] and len(group.mentions) > 3 * len(name.mentions):
                continue  # a given name far commoner than the full name: "Bitcoin" / "Bitcoin Cash"
            counts[sets.find(name.key)] += len(name.mentions)
        owner = _owner(counts, dominance)
        if owner is not None:
            sets.union(owner, key)


def _link_org_heads(groups: Mapping[str, Group], sets: DisjointSets[str], dominance: float) -> None:
    orgs = [g for _, g in sorted(groups.items()) if len(g.tokens) >= 2 and g.votes_for("ORG")]
    countries = frozenset().union(*_country_keys())
    for key, group in sorted(groups.items()):
        if len(group.tokens) != 1 or group.place_like or sets.find(key) != key:
            continue
        if key in countries or all(s.replace(".", "").isupper() for s in group.surfaces):
            continue  # "UN" is an organisation of its own, not "UN Security Council"
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


_MINOR = frozenset({"of", "and", "the", "for", "&", "de", "du", "in", "on"})


def initials(key: str) -> str:
    """The initials of a name key's words, minor words left out ("securities and exchange
    commission" -> "sec")."""
    return "".join(w[0] for w in key.replace("-", " ").split() if w not in _MINOR)


def _link_acronyms(groups: Mapping[str, Group], sets: DisjointSets[str]) -> None:
    """An acronym written in capitals joins the one longer name of the story whose initials it
    spells ("ICIJ" = "International Consortium of Investigative Journalists")."""
    by_initials: dict[str, list[str]] = {}
    for key, group in sorted(groups.items()):
        if len(group.tokens) >= 2 and not group.votes_for("PERSON"):
            by_initials.setdefault(initials(key), []).append(key)
    for key, group in sorted(groups.items()):
        surface = max(group.surfaces, key=lambda s: (group.surfaces[s], s))
        if len(group.tokens) != 1 or not surface.replace(".", "").isupper():
            continue
        owners = by_initials.get(key, [])
        if len({sets.find(o) for o in owners}) == 1:
            sets.union(owners[0], key)


def _link_org_forms(groups: Mapping[str, Group], sets: DisjointSets[str]) -> None:
    """An organisation's name and its fuller form: the same words with organisation words
    after them ("Common Sense" = "Common Sense Media") or a nationality before them ("Red
    Cross" = "German Red Cross"); never a body within it ("UN" is not "UN Security Council")."""
    org_words = package_words("crosswire.stages.facts", "org_words")
    titles = {"<" + w for w in package_words("crosswire.stages.facts", "person_context")}
    names = [g for _, g in sorted(groups.items()) if (
        not g.votes_for("PERSON") and (g.votes_for("ORG") or not g.labels)
    ) or (len(g.tokens) >= 2 and not titles & set(g.near))]
    for short in names:
        fuller = []
        for _, long in sorted(groups.items()):
            extra = len(long.tokens) - len(short.tokens)
            if extra <= 0:
                continue
            tail = long.tokens[: len(short.tokens)] == short.tokens and all(
                w in org_words for w in long.tokens[len(short.tokens) :])
            national = long.tokens[extra:] == short.tokens and extra == 1 and _nationality(
                long, groups)
            if tail or national:
                fuller.append(long.key)
            elif len(short.tokens) >= 2 and long.tokens[extra:] == short.tokens and _owner_prefix(
                    " ".join(long.tokens[:extra]), groups):
                fuller.append(long.key)  # "Security Council" = "United Nations Security Council"
        if len({sets.find(k) for k in fuller}) == 1:
            sets.union(fuller[0], short.key)


def _owner_prefix(prefix: str, groups: Mapping[str, Group]) -> bool:
    """Whether ``prefix`` names, on its own in the story, an organisation or a country (the
    body that owns the shorter name: "United Nations" in "United Nations Security Council")."""
    owner = groups.get(prefix)
    if owner is None or owner.votes_for("PERSON"):
        return False
    return owner.votes_for("ORG") or owner.votes_for("GPE") or any(
        prefix in names for names in _country_keys())


def _link_spellings(groups: Mapping[str, Group], sets: DisjointSets[str]) -> None:
    """Names that differ only by British and American spelling (``data/spellings.json``):
    "Kennedy Space Centre" = "Kennedy Space Center"."""
    spellings = package_word_map("crosswire.stages.facts", "spellings")
    first: dict[str, str] = {}
    for key in sorted(groups):
        folded = " ".join(str(spellings.get(w, w)) for w in key.split())
        other = first.setdefault(folded, key)
        if other != key:
            sets.union(other, key)


def _nationality(long: Group, groups: Mapping[str, Group]) -> bool:
    """Whether the first word of ``long`` is a nationality the story's NER marks as one."""
    first = groups.get(long.tokens[0])
    if first is not None and first.votes_for("NORP"):
        return True
    endings = package_words("crosswire.stages.facts", "demonym_endings") - {"s"}
    return any(long.tokens[0].endswith(e) for e in endings) and len(long.tokens[0]) > 3


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
    also: Sequence[tuple[str, str]] = (),
) -> list[list[Group]]:
    """Clusters of groups that name one entity, in a deterministic order. ``also``: pairs of
    keys the text itself gives as one entity's names (an acronym defined in brackets, "also
    known as")."""
    sets = DisjointSets(sorted(groups))
    for names in _country_keys():
        present = sorted(names & groups.keys())
        for key in present[1:]:
            sets.union(present[0], key)
    for short, long in sorted(also):
        if short in groups and long in groups:
            sets.union(long, short)  # defined in the text: "Securities and Exchange Commission
            # (SEC)", "Nouriel Roubini, also known as Dr Doom"
    _link_acronyms(groups, sets)
    _link_spellings(groups, sets)
    _link_org_forms(groups, sets)
    full = _full_names(groups)
    _link_full_names(full, sets, similar)
    _link_surnames(groups, full, sets, dominance)
    _link_org_heads(groups, sets, dominance)
    _link_misspelt(
        groups, sets, similar=similar, near=near, min_length=min_length, min_context=min_context
    )
    return [members for _, members in sorted(_clusters(groups, sets).items())]
