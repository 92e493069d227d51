"""A lone report whose headline is another report's headline joins that report's story.

Some pages keep little of their report but the headline: a paywall teaser, a study site whose
text is its menus and archive list, a page whose body cleaning could not find. Their words say
nothing about the story, so the passes before leave them alone; their headline, word for word
the headline of a report in one story, says which story they are. After the other batch
passes, each report still a story of its own joins the story holding a report with the same
headline -- the same set of content words, at least ``ClusterConfig.headline_min_words`` of them
(short headlines such as "Live updates" or "What we know" are shared by unrelated pages) --
published within ``followup_days`` of it (the window when that is off: an annual headline,
"Supermoon tonight: how to see it", recurs a year on, while a reprint of a report comes days or
weeks after it). When reports of two stories share the headline, the report stays alone. The
result does not depend on the order of the reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from crosswire.text.vectors import TermWeights, term_counts

if TYPE_CHECKING:
    from crosswire.stages.cluster.config import ClusterConfig

__all__ = ["attach_headlines", "headline_words"]

_PLAIN = TermWeights(body=1.0, headline=1.0, entity=0.0, name_pair=0.0)


def headline_words(headline: str | None) -> tuple[str, ...]:
    """The distinct content words of a headline, normalised and sorted (none without one)."""
    if not headline:
        return ()
    return tuple(term for term, _ in term_counts(text=headline, title=None, weights=_PLAIN))


def _near(a: int | None, b: int | None, window: int | None) -> bool:
    return a is None or b is None or window is None or abs(a - b) <= window


def attach_headlines(
    *,
    headlines: Sequence[tuple[str, ...]],
    days: Sequence[int | None],
    groups: Sequence[Sequence[int]],
    config: ClusterConfig,
) -> list[list[int]]:
    """``groups`` after each lone report has joined the one story holding a report with its
    headline (``headlines[i]``: :func:`headline_words` of report ``i``; see the module
    docstring; ``config.headline_min_words`` None: unchanged)."""
    ordered = sorted(sorted(g) for g in groups if g)
    least = config.headline_min_words
    if least is None:
        return ordered
    owner = {i: k for k, g in enumerate(ordered) for i in g}
    by_headline: dict[tuple[str, ...], list[int]] = {}
    for i in sorted(owner):
        if len(headlines[i]) >= least:
            by_headline.setdefault(headlines[i], []).append(i)
    parent = list(range(len(ordered)))  # union-find over the groups
    window = config.window_days
    if window is not None and config.followup_days is not None:
        window = max(window, config.followup_days)

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for k, group in enumerate(ordered):
        if len(group) != 1 or len(headlines[group[0]]) < least:
            continue
        i = group[0]
        near = [j for j in by_headline[headlines[i]]
                if j != i and _near(days[i], days[j], window)]
        stories = {owner[j] for j in near if len(ordered[owner[j]]) > 1}
        if len(stories) == 1:
            parent[root(k)] = root(stories.pop())
        elif not stories:  # lone reports of one headline: one story
            for j in near:
                a, b = sorted((root(k), root(owner[j])))
                parent[b] = a
    joined: dict[int, list[int]] = {}
    for k, group in enumerate(ordered):
        joined.setdefault(root(k), []).extend(group)
    return sorted(sorted(m) for m in joined.values())
