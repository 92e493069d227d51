"""Key facts without a measured quantity, corroborated across reports: a year ("since 1908"),
a clock time ("at 11:36 a.m."), a score ("won 8-7"), a duration ("four hours into the
flight"), a day of a month ("on Oct. 19").

Each such marker is read from every sentence of every report, written one way ("11:36am",
"11:36 a.m." and "11:36 Tuesday morning" are one time; "108 years" and "108-year" one
duration). Sentences of different reports giving one marker state one claim when their other
words meet (:class:`StatementConfig`); a claim stated by at least two independent voices is a
fact, with every report that states it as a source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crosswire.models import Article, Fact, Span
from crosswire.stages.facts.claims import context_words
from crosswire.stages.facts.clock import clock_times
from crosswire.stages.facts.measure import bullet_trim
from crosswire.text.sentences import split_sentences
from crosswire.text.unionfind import DisjointSets
from crosswire.text.wordlists import package_word_map

__all__ = ["StatementConfig", "statement_facts"]

_NUMBER = r"\d{1,3}|[A-Za-z]+"
_UNITS = {"year": "y", "years": "y", "hour": "h", "hours": "h", "minute": "min",
          "minutes": "min", "day": "d", "days": "d", "week": "w", "weeks": "w",
          "month": "mo", "months": "mo"}
_DURATION = re.compile(
    rf"(?<![\w-])(?P<num>{_NUMBER})[\s-](?P<unit>years?|hours?|minutes?|days?|weeks?|months?)\b"
    r"(?![\s-](?:old|ago|earlier|later|before)\b)",
)
_YEAR = re.compile(r"(?<![\w$.,-])(?P<y>1[89]\d\d|20\d\d)(?![\w%-]|,\d)")
_SCORE = re.compile(r"(?<![\w.,-])(?P<a>\d{1,2})-(?P<b>\d{1,2})(?![\w%.-]|,\d)")
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_DAY = re.compile(
    r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s(?P<d>[0-3]?\d)\b"
    r"(?!:|,?\s?\d{3})"
)


@dataclass(frozen=True)
class StatementConfig:
    """Two sentences giving one marker state one claim when they share ``min_shared`` other
    content words (a year: ``min_shared_year`` and ``min_similarity_year`` of their words, as
    a story's background year recurs in sentences on other things); a claim is a fact from
    ``min_voices`` independent voices."""

    min_shared: int = 2
    min_shared_year: int = 3  # a year is a weaker marker: a story's background years recur
    min_shared_exact: int = 1  # a clock time, a score or a day of a month is a strong one
    min_similarity_year: float = 0.15  # ... and a year's sentences this alike (Jaccard)
    min_voices: int = 2


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    value = package_word_map("crosswire.stages.facts", "number_words").get(word.lower())
    return int(value) if isinstance(value, int | float) else None


def _markers(text: str, published: str | None) -> list[tuple[str, int, int]]:
    """(marker, start, end) of ``text`` (a sentence)."""
    out: list[tuple[str, int, int]] = []
    for m in _DURATION.finditer(text):
        n = _number(m.group("num"))
        if n is not None and n > 0:
            out.append((f"duration:{n}{_UNITS[m.group('unit').lower()]}", m.start(), m.end()))
    for t in clock_times(text):
        hour, minute = divmod(t.minutes % (12 * 60), 60)
        out.append((f"time:{hour or 12}:{minute:02d}", t.start, t.end))
    this_year = (published or "")[:4]
    for m in _YEAR.finditer(text):
        if m.group("y") != this_year:
            out.append((f"year:{m.group('y')}", m.start(), m.end()))
    for m in _SCORE.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if max(a, b) <= 30 and not re.match(r"\s*(?:%|percent|per cent)", text[m.end():]):
            out.append((f"score:{a}-{b}", m.start(), m.end()))
    for m in _DAY.finditer(text):
        day = int(m.group("d"))
        if 1 <= day <= 31:
            out.append((f"day:{_MONTHS[m.group('mon')[:3].lower()]}-{day}", m.start(), m.end()))
    return out


@dataclass(frozen=True, slots=True)
class _Statement:
    source: str
    marker: str
    sentence: Span
    words: frozenset[str]


def _statements(article: Article) -> list[_Statement]:
    out = []
    for sent in split_sentences(article.text):
        seen: set[str] = set()
        for marker, start, end in _markers(sent.text, article.published):
            if marker in seen:
                continue
            seen.add(marker)
            trim = bullet_trim(sent.text)
            out.append(_Statement(
                source=article.id,
                marker=marker,
                sentence=Span(article.id, sent.start + trim, sent.end),
                words=context_words(sentence=sent.text, start=start, end=end),
            ))
    return out


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def statement_facts(
    *, articles: Sequence[Article], origin_groups: Mapping[str, str],
    config: StatementConfig | None = None,
) -> list[Fact]:
    """Facts of the markers two or more independent voices state alike, each with every
    report stating it (its first sentence there), the facts by marker then first source."""
    cfg = config or StatementConfig()
    by_id = {a.id: a for a in articles}
    found = [s for a in sorted(articles, key=lambda a: a.id) for s in _statements(a)]
    by_marker: dict[str, list[_Statement]] = {}
    for s in found:
        by_marker.setdefault(s.marker, []).append(s)
    facts: list[Fact] = []
    for marker in sorted(by_marker):
        group = by_marker[marker]
        if len({origin_groups.get(s.source, s.source) for s in group}) < cfg.min_voices:
            continue
        kind = marker.split(":", 1)[0]
        need = {"year": cfg.min_shared_year, "duration": cfg.min_shared}.get(
            kind, cfg.min_shared_exact)
        sets = DisjointSets(range(len(group)))
        for i, a in enumerate(group):
            for j in range(i + 1, len(group)):
                b = group[j]
                if a.source != b.source and len(a.words & b.words) >= need and (
                    kind != "year" or _jaccard(a.words, b.words) >= cfg.min_similarity_year
                ):
                    sets.union(i, j)
        for members in sets.groups():
            spans: dict[str, Span] = {}
            for k in members:
                spans.setdefault(group[k].source, group[k].sentence)
            sources = tuple(sorted(spans))
            independent = len({origin_groups.get(s, s) for s in sources})
            if independent < cfg.min_voices:
                continue
            best = spans[sources[0]]
            facts.append(Fact(
                text=by_id[best.source].text[best.start : best.end],
                spans=tuple(spans[s] for s in sources),
                sources=sources,
                independent=independent,
            ))
    return facts
