"""Merging the variants of one quote carried by several sources.

Two quotes are variants when their speakers are compatible and, on normalised text, the shorter
is contained in the longer (the same words, one maybe trimmed).
Variants are grouped transitively (:class:`~crosswire.text.unionfind.DisjointSets` over quotes in
a fixed order), never joining two groups that hold incompatible speakers (a quote with no speaker
does not bridge them). A group becomes one quote: its text is the longest member text
(verbatim in its source, so ``verified`` holds when that member was verified), one span per
carrying source (that source's longest variant), the speaker as the most complete name
(canonicalised when ``canonical_name`` is given), and ``independent`` the number of distinct
origin groups among the sources whose text holds its words. Members whose text is neither
inside nor around the merged text (joined through a third) are paraphrases, not counted there;
:func:`merge_quote_variants` names their sources.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from crosswire.models import Quote, Span
from crosswire.stages.quotes.config import QuoteConfig
from crosswire.text import normalize_for_match
from crosswire.text.unionfind import DisjointSets

__all__ = ["MergedQuote", "merge_quote_variants", "merge_quotes"]

_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it", "who", "which", "whom",
                       "whose"})


@dataclass(frozen=True, slots=True)
class MergedQuote:
    """A merged quote and the sources that carry only a paraphrase of its text."""

    quote: Quote
    paraphrase_sources: tuple[str, ...] = ()


def _name(speaker: str | None) -> str | None:
    if speaker is None or speaker.strip().lower() in _PRONOUNS:
        return None
    return speaker.strip()


# Words before a name that say what a person is, not who (left out when comparing given names).
_TITLES = frozenset({
    "president", "vice", "prime", "minister", "secretary", "senator", "sen", "sen.", "rep",
    "rep.", "representative", "governor", "gov", "gov.", "mayor", "mr", "mr.", "mrs", "mrs.",
    "ms", "ms.", "dr", "dr.", "judge", "justice", "chancellor", "general", "gen", "gen.",
    "king", "queen", "prince", "pope", "sir", "lord", "former", "chief", "leader", "speaker",
})


def _shared_word(a: Sequence[str], b: Sequence[str], threshold: float) -> tuple[int, int] | None:
    """Positions of the last name words of three letters or more that ``a`` and ``b`` share
    (fuzzily): the family name, when both give one."""
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            if len(a[i]) > 2 and len(b[j]) > 2 and fuzz.ratio(a[i], b[j]) >= threshold:
                return i, j
    return None


@lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    """The normalised words of a speaker name (asked again and again, for each pair of
    quotes: worked out once)."""
    return tuple(normalize_for_match(name).split())


def _speakers_compatible(a: str | None, b: str | None, *, canon: Callable[[str], str],
                         threshold: float) -> bool:
    """Whether two speaker names can be one person: a shared (fuzzily equal) name word and,
    when both give names before it, given names that can agree: "Donald Trump" is not
    "Ivanka Trump", while "Joe Biden" may be "Joseph R. Biden" (same initial) and "J. Edgar
    Hoover" "Edgar Hoover" (a shared given name). Titles ("President", "Sen.") are no given
    names."""
    if a is None or b is None or canon(a) == canon(b):
        return True
    words_a, words_b = _name_words(a), _name_words(b)
    shared = _shared_word(words_a, words_b, threshold)
    if shared is None:
        return False
    given_a = [w for w in words_a[: shared[0]] if w not in _TITLES]
    given_b = [w for w in words_b[: shared[1]] if w not in _TITLES]
    if not given_a or not given_b or given_a[0][0] == given_b[0][0]:
        return True
    return any(len(x) > 1 and fuzz.ratio(x, y) >= threshold for x in given_a for y in given_b)


def _texts_similar(a: str, b: str, config: QuoteConfig) -> bool:
    """Whether the shorter (normalised) text is held in the longer: the same quoted words,
    one maybe trimmed; never words that only look alike (two quotes of one speaker on one
    topic stay apart)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short.split()) < config.merge_min_words:
        return False
    return short in long


def _groups(quotes: Sequence[Quote], canon: Callable[[str], str],
            config: QuoteConfig) -> list[list[int]]:
    """Variant groups: named quotes join when their speakers are compatible, speakerless ones
    join each other, then a speakerless group joins the named groups it resembles only when
    their speakers are all compatible (it must not bridge two speakers, nor pick one).

    Speakerless groups are offered to the named groups in the order of their lead, since when
    two of them resemble the same named group the first one offered may take it: a group's lead
    is the lead of the first of the two groups a union joins (``union(i, j)`` keeps ``i``'s).
    """
    norms = [normalize_for_match(q.text) for q in quotes]
    names = [_name(q.speaker) for q in quotes]
    sets: DisjointSets[int] = DisjointSets(range(len(quotes)))
    lead = list(range(len(quotes)))  # by a group's representative

    known: dict[tuple[str | None, str | None], bool] = {}  # few names, many pairs

    def compatible(a: str | None, b: str | None) -> bool:
        if (a, b) not in known:
            known[(a, b)] = _speakers_compatible(a, b, canon=canon,
                                                 threshold=config.speaker_similarity)
        return known[(a, b)]

    held: dict[int, set[str]] = {i: {n} for i, n in enumerate(names) if n is not None}

    def union(i: int, j: int) -> None:
        ri, rj = sets.find(i), sets.find(j)
        if ri == rj:
            return
        left, right = held.get(ri, set()), held.get(rj, set())
        if all(compatible(x, y) for x in left for y in right):
            first = lead[ri]
            root = sets.union(ri, rj)
            lead[root] = first
            if left or right:
                held[root] = held.pop(ri, set()) | held.pop(rj, set())

    similar = [
        (i, j)
        for i in range(len(quotes))
        for j in range(i + 1, len(quotes))
        if compatible(names[i], names[j]) and _texts_similar(norms[i], norms[j], config)
    ]
    for i, j in similar:
        if (names[i] is None) == (names[j] is None):
            union(i, j)
    touching: dict[int, set[int]] = {}  # speakerless group's lead -> named groups it resembles
    for i, j in similar:
        if (names[i] is None) != (names[j] is None):
            loose, kept = (i, j) if names[i] is None else (j, i)
            touching.setdefault(lead[sets.find(loose)], set()).add(sets.find(kept))
    for loose_lead, found in sorted(touching.items()):
        roots = {sets.find(r) for r in found}  # unions of earlier rounds join named groups
        speakers = {n for r in roots for n in held.get(r, set())}
        if all(compatible(x, y) for x in speakers for y in speakers):
            for r in sorted(roots):
                union(r, loose_lead)
    return sets.groups()  # by smallest member, members in order


def _best_speaker(members: Sequence[Quote], canon: Callable[[str], str]) -> Quote | None:
    named = [q for q in members if _name(q.speaker) is not None]
    if not named:
        return None
    counts = Counter(canon(q.speaker or "") for q in named)

    def rank(q: Quote) -> tuple[int, int, int, str]:
        name = q.speaker or ""
        return (-len(name.split()), -counts[canon(name)], -len(name), name)

    return min(named, key=rank)


def _position(q: Quote) -> tuple[str, int, int]:
    first = q.spans[0] if q.spans else None
    return (first.source, first.start, first.end) if first else ("", 0, 0)


def _merge_group(members: Sequence[Quote], origin_groups: Mapping[str, str],
                 canon: Callable[[str], str]) -> MergedQuote:
    by_length = sorted(members, key=lambda q: (-len(q.text), _position(q)))
    main = by_length[0]
    per_source: dict[str, Quote] = {}
    for q in by_length:
        for source in q.sources or tuple(s.source for s in q.spans):
            per_source.setdefault(source, q)
    spans: list[Span] = []
    for source in sorted(per_source):
        spans.extend(s for s in per_source[source].spans if s.source == source)
    sources = tuple(sorted(per_source))
    speaker_of = _best_speaker(members, canon)
    merged_norm = normalize_for_match(main.text)
    paraphrases = sorted(
        source for source, q in per_source.items()
        if normalize_for_match(q.text) not in merged_norm
        and merged_norm not in normalize_for_match(q.text)
    )
    holders = [s for s in sources if s not in set(paraphrases)]
    quote = Quote(
        text=main.text,
        speaker=canon(speaker_of.speaker or "") if speaker_of else None,
        spans=tuple(spans),
        sources=sources,
        independent=len({origin_groups.get(s, s) for s in holders}),
        cue=main.cue,
        speaker_span=speaker_of.speaker_span if speaker_of else None,
        speaker_mention=speaker_of.speaker_mention if speaker_of else main.speaker_mention,
        verified=any(q.verified and q.text == main.text for q in members),
        kind=main.kind,
    )
    return MergedQuote(quote, tuple(paraphrases))


def merge_quote_variants(
    *,
    quotes: Sequence[Quote],
    origin_groups: Mapping[str, str],
    canonical_name: Callable[[str], str] | None = None,
    config: QuoteConfig | None = None,
) -> tuple[MergedQuote, ...]:
    """Merged quotes with their paraphrase sources, most independent origins first."""
    config = config or QuoteConfig()
    canon = canonical_name or (lambda name: name)
    ordered = sorted(quotes, key=lambda q: (_position(q), q.text))
    merged = [
        _merge_group([ordered[i] for i in group], origin_groups, canon)
        for group in _groups(ordered, canon, config)
    ]
    return tuple(sorted(merged, key=lambda m: (-m.quote.independent, _position(m.quote))))


def merge_quotes(
    *,
    quotes: Sequence[Quote],
    origin_groups: Mapping[str, str],
    canonical_name: Callable[[str], str] | None = None,
    config: QuoteConfig | None = None,
) -> tuple[Quote, ...]:
    """Variants of one quote across sources merged into one quote each (see the module doc)."""
    return tuple(
        m.quote
        for m in merge_quote_variants(
            quotes=quotes, origin_groups=origin_groups, canonical_name=canonical_name,
            config=config,
        )
    )
