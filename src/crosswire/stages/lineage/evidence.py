"""Facts about each report and the evidence helpers that :mod:`lineage_direction` and
:mod:`lineage_merges` share: publication moments, the material one report holds beyond
another, where a sentence is found verbatim, garbled names.

The settings are those of :class:`~crosswire.stages.lineage.config.LineageConfig`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from crosswire.stages.lineage.align import PairEvidence, SentenceSketch
from crosswire.stages.lineage.config import LineageConfig
from crosswire.text.dates import parse_date_string

__all__ = [
    "Moment",
    "ReportFacts",
    "SentenceIndex",
    "aligned",
    "extra_sentences",
    "garbled_names",
    "is_headline",
    "matched",
    "names",
    "published_moment",
]

_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")


@dataclass(frozen=True, slots=True)
class Moment:
    """A publication time: ``minute`` (minutes since 1970, UTC) when a time of day is known,
    else the date parts as far as known (``month``/``day`` None when not given).
    ``at_least``: the date was read off the report's own text (a dateline a copy keeps
    from its origin), so the report was published then or later."""

    year: int
    month: int | None
    day: int | None
    minute: int | None
    at_least: bool = False


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What the decisions need to know about one report."""

    article_id: str
    text: str
    published: str | None
    credit: str | None
    repeated: int
    sentences: tuple[SentenceSketch, ...]
    kept: tuple[int, ...]  # content sentences (not boilerplate), indices into ``sentences``
    ngrams: int  # verbatim n-grams outside quotes and boilerplate
    title: str = ""  # the normalised headline, "" when none
    moment: Moment | None = None  # when it was published, as far as known

    @property
    def content(self) -> int:
        """The number of content sentences."""
        return len(self.kept)


def published_moment(
    value: str | None, /, *, in_text: bool = False, midnight_is_date: bool = True
) -> Moment | None:
    """The :class:`Moment` of a ``published`` value (``in_text``: read off the report's own
    text), None when it holds no date. With ``midnight_is_date``, a time of exactly
    00:00:00 without a time zone is taken for a date alone (feeds write dates so)."""
    parts = parse_date_string(value)
    if parts is None or value is None:
        return None
    minute = None
    if len(value.strip()) > 10 and parts[2] is not None:
        try:
            stamp = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            stamp = None
        if stamp is not None and not (
            midnight_is_date and stamp.tzinfo is None and stamp.time() == dt.time()
        ):
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=dt.UTC)
            minute = int(stamp.timestamp() // 60)
    return Moment(parts[0], parts[1], parts[2], minute, in_text)


def is_headline(norm: str, title: str, similarity: float) -> bool:
    """Whether the normalised sentence ``norm`` is (part of) the headline ``title``: found in
    it, or at least ``similarity`` alike word for word in any order."""
    if not title or not norm:
        return False
    return norm in title or fuzz.token_sort_ratio(norm, title) >= 100 * similarity


def extra_sentences(
    report: ReportFacts, other: ReportFacts, matched: frozenset[int] | set[int], similarity: float
) -> set[int]:
    """The content sentences of ``report`` not aligned with ``other`` (``matched``: its
    aligned sentences) and not (part of) ``other``'s headline (see :func:`is_headline`)."""
    return {
        i
        for i in report.kept
        if i not in matched and not is_headline(report.sentences[i].norm, other.title, similarity)
    }


def names(text: str) -> set[str]:
    """The capitalised words of ``text`` (four letters or more)."""
    return set(_CAPITALISED.findall(text))


def garbled_names(
    child: ReportFacts, origin: ReportFacts, name_df: Mapping[str, int], config: LineageConfig
) -> int:
    """Capitalised words of ``child`` found in no other report but one slip away from a word
    of ``origin`` (machine-translation damage: Ishiba -> Isba)."""
    theirs = names(origin.text)
    count = 0
    for word in names(child.text) - theirs:
        if name_df.get(word, 0) > 1:
            continue
        if any(
            fuzz.ratio(word, o) >= 100 * config.garbled_similarity
            for o in theirs
            if abs(len(o) - len(word)) <= 2
        ):
            count += 1
    return count


def matched(ev: PairEvidence, report: int) -> frozenset[int]:
    """The sentences of ``report`` that match one of the other report's in ``ev``, whether
    or not they could be aligned in order."""
    return ev.matched_a if ev.a == report else ev.matched_b


def aligned(ev: PairEvidence, report: int, similarity: float = 0.0) -> set[int]:
    """The sentences of ``report`` aligned in ``ev`` (at least ``similarity`` alike)."""
    if ev.a == report:
        return {i for i, _, s in ev.matches if s >= similarity}
    return {j for _, j, s in ev.matches if s >= similarity}


@dataclass(frozen=True, slots=True)
class SentenceIndex:
    """Verbatim sentence fingerprint, or normalised headline -> the reports whose content
    sentences carry it, or whose headline it is; and the linked pairs."""

    holders: Mapping[int | str, tuple[int, ...]]
    links: Mapping[tuple[int, int], PairEvidence]

    @classmethod
    def build(
        cls, reports: Sequence[ReportFacts], links: Mapping[tuple[int, int], PairEvidence]
    ) -> SentenceIndex:
        index: dict[int | str, list[int]] = {}
        for r, report in enumerate(reports):
            keys: set[int | str] = {report.sentences[i].fingerprint for i in report.kept}
            keys.discard(0)
            if report.title:
                keys.add(report.title)
            for key in keys:
                index.setdefault(key, []).append(r)
        return cls({k: tuple(v) for k, v in index.items()}, links)

    def linked(self, a: int, b: int) -> bool:
        return (min(a, b), max(a, b)) in self.links

    def found_apart(
        self, report: ReportFacts, owner: int, sentences: set[int], other: int
    ) -> dict[int, set[int]]:
        """Reports, besides ``owner`` and ``other`` and not linked to ``other``, that hold
        some of ``sentences`` of ``report`` (verbatim, or as their headline) -> which."""
        found: dict[int, set[int]] = {}
        for i in sorted(sentences):
            sentence = report.sentences[i]
            for key in (sentence.fingerprint, sentence.norm):
                for z in self.holders.get(key, ()) if key else ():
                    if z not in (owner, other) and not self.linked(other, z):
                        found.setdefault(z, set()).add(i)
        return found

