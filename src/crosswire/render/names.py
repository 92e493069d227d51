"""How every output names a source: by its outlet as a reader knows it, not by an id.

A source is named by its outlet ("cnn.com", "The New York Times"), else by its title (cut
short), else by its id. When several sources of one brief share a name, each gets its number
in id order ("cnn.com (1)", "cnn.com (2)"), so a citation still points at one report. Ids stay
where a machine needs them: JSON, links and tooltips.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

from crosswire.models import Brief, Fact
from crosswire.text.wordlists import package_word_map

__all__ = ["brief_labels", "cite_names", "claim_of", "only_in", "source_labels", "voice_label"]

_TITLE_CHARS = 36


def _short(title: str) -> str:
    text = " ".join(title.split())
    if len(text) <= _TITLE_CHARS:
        return text
    cut = text.rfind(" ", 0, _TITLE_CHARS)
    return text[: cut if cut > _TITLE_CHARS // 2 else _TITLE_CHARS].rstrip(" ,;:") + "\u2026"


def source_labels(sources: Iterable[tuple[str, str | None, str | None]], /) -> dict[str, str]:
    """Source id -> its name, from ``(id, outlet, title)`` of every source of one brief."""
    base = {
        sid: (outlet or "").strip() or _short(title or "") or sid
        for sid, outlet, title in sorted(sources)
    }
    counts = Counter(base.values())
    seen: Counter[str] = Counter()
    out: dict[str, str] = {}
    for sid, name in base.items():
        if counts[name] > 1:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        out[sid] = name
    return out


def brief_labels(brief: Brief, /) -> dict[str, str]:
    """Source id -> its name, for every source of ``brief`` (its site when a brief written
    before outlets were named has none)."""
    return source_labels(
        (s.article.id, s.outlet or s.article.site, s.article.title) for s in brief.sources
    )


def cite_names(sources: Iterable[str], labels: Mapping[str, str], /) -> list[str]:
    """The names of cited source ids (an id the brief does not hold is kept as it is)."""
    return [labels.get(s, s) for s in sources]


def voice_label(voice: str | None, labels: Mapping[str, str], /) -> str:
    """A voice as a reader reads it: ``wire:AP`` -> "AP", ``outlet:cnn.com`` -> "cnn.com", an
    origin group -> the name of its origin report (its id when the brief lacks it)."""
    if not voice:
        return "-"
    kind, _, name = voice.partition(":")
    if kind in ("wire", "outlet") and name:
        return name
    return labels.get(voice, voice)


def only_in(brief: Brief, fact: Fact, labels: Mapping[str, str], /) -> str | None:
    """The one voice that states an exclusive fact, as a reader reads it ("only in X"); None
    when the fact is corroborated or its source is not in the brief."""
    if not fact.exclusive:
        return None
    by_id = {s.article.id: s for s in brief.sources}
    for sid in fact.sources:
        source = by_id.get(sid)
        if source is not None:
            return voice_label(source.voice, labels) if source.voice else labels.get(sid, sid)
    return None


_DIGITS = re.compile(r"\d")


@cache
def _number_words() -> frozenset[str]:
    """The number words counts are read from (the facts stage's ``number_words`` data)."""
    return frozenset(package_word_map("crosswire.stages.facts", "number_words"))


_YEAR = re.compile(r"(?<![\d,.$])(?:1[89]|20)\d\d(?![\d,])")


def claim_of(fact: Fact, /) -> str | None:
    """The figure a fact's count is for when its sentence gives other numbers too ("at least
    two fatalities and 84 people taken to hospital": the count is for "two", not the 84);
    None when the sentence gives that one figure only (its conversion and years aside)."""
    q = fact.quantity
    if q is None or not q.text:
        return None
    at = fact.text.find(q.text)
    if at < 0:
        return None
    after = re.sub(r"^\s*\([^()]*\)", "", fact.text[at + len(q.text) :])  # its conversion
    rest = _YEAR.sub(" ", fact.text[:at] + " " + after)
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", rest)}
    return q.text if _DIGITS.search(rest) or words & _number_words() else None
