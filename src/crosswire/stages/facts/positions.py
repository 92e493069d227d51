"""Where in a sequence something happened ("on lap 20", "in the 10th inning", "in the 23rd
minute"), compared across reports: two reports telling one happening (their sentences share
a name and enough other words) at different positions are a conflict ("lap 20" / "lap 21").

A position is not a quantity (nothing is counted), so :mod:`crosswire.stages.facts.quantities`
leaves it; this module reads it from the sentences and gives the discrepancies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crosswire.models import Article, Discrepancy, Span
from crosswire.stages.facts.claims import context_words
from crosswire.stages.facts.told import one_happening, one_report_twice, told_value
from crosswire.text.sentences import split_sentences

__all__ = ["PositionConfig", "position_discrepancies"]

_UNITS = r"lap|round|inning|hole|stage|minute|leg|set|frame"
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
_AFTER = re.compile(rf"\b(?P<unit>{_UNITS})\s(?P<n>\d{{1,3}})\b(?![.,]?\d)", re.IGNORECASE)
_BEFORE = re.compile(
    rf"\b(?P<n>\d{{1,3}})(?:st|nd|rd|th)\s(?P<unit>{_UNITS})\b"
    rf"|\bthe\s(?P<word>{'|'.join(_ORDINALS)})\s(?P<unit2>{_UNITS})\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?<=\w[\s,])[A-Z][a-z]+")


@dataclass(frozen=True)
class PositionConfig:
    """Two sentences tell one happening when they share a name and ``min_shared`` words."""

    min_shared: int = 3


@dataclass(frozen=True, slots=True)
class _Told:
    source: str
    unit: str
    value: int
    span: Span
    text: str
    words: frozenset[str]
    names: frozenset[str]
    published: str | None


def _told(article: Article) -> list[_Told]:
    out = []
    for sent in split_sentences(article.text):
        found = [
            (m.group("unit").lower(), int(m.group("n")), m) for m in _AFTER.finditer(sent.text)
        ]
        for m in _BEFORE.finditer(sent.text):
            if m.group("n") is not None:
                found.append((m.group("unit").lower(), int(m.group("n")), m))
            else:
                found.append((m.group("unit2").lower(), _ORDINALS[m.group("word").lower()], m))
        if len(found) != 1:
            continue  # a sentence naming two positions tells a sequence, not one happening
        unit, value, m = found[0]
        out.append(_Told(
            source=article.id, unit=unit, value=value,
            span=Span(article.id, sent.start + m.start(), sent.start + m.end()),
            text=m.group(),
            words=context_words(sentence=sent.text, start=m.start(), end=m.end()),
            names=frozenset(_NAME.findall(sent.text)),
            published=article.published,
        ))
    return out


def _one_happening(a: _Told, b: _Told, config: PositionConfig) -> bool:
    return (a.source != b.source and a.unit == b.unit and bool(a.names & b.names)
            and len(a.words & b.words) >= config.min_shared)


def position_discrepancies(
    *, articles: Sequence[Article], config: PositionConfig | None = None
) -> list[Discrepancy]:
    """Conflicts between reports placing one happening at different positions."""
    cfg = config or PositionConfig()
    told = [t for a in sorted(articles, key=lambda a: a.id) for t in _told(a)]
    out = []
    for group in one_happening(told, lambda a, b: _one_happening(a, b, cfg)):
        by_value: dict[int, list[_Told]] = {}
        for t in group:
            by_value.setdefault(t.value, []).append(t)
        if len(by_value) < 2:
            continue
        values = [told_value(by_value[value]) for value in sorted(by_value)]
        if one_report_twice(values):
            continue  # one report giving both: a sequence, as far as we can tell
        values.sort(key=lambda v: (v.sources, v.text))
        out.append(Discrepancy(about=group[0].unit, values=tuple(values)))
    return out
