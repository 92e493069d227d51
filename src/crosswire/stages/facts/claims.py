"""What a figure claims: the measured thing it counts, the range of values it allows, and the
words of its clause that say which event it is about.

Helpers for :mod:`crosswire.stages.facts.corroboration`, all lexical:

* :func:`thing_key` names the measured thing from the head words around the figure (the
  counted noun, then the nearest verb or noun of its clause: ``data/measured_things.json``):
  "killing at least two people", "two fatalities" and "two people have died" all count
  ``deaths``; two figures with different keys are never one fact nor a conflict;
* :func:`bound_of` reads the qualifier right before a figure (``data/bounds.json``) and
  :func:`value_range` turns value, rounding and qualifier into the values it allows: "more
  than 80" allows 84, "nearly 1,000" does not allow 850;
* :func:`context_words` are the clause's content words without the figure, the measured thing
  and reporting words, to tell one event's count from another's ("32 civilians dead in US air
  strikes on Kunduz" is not the consulate bombing's toll).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from crosswire.text.stems import stem
from crosswire.text.tokens import STOPWORDS
from crosswire.text.wordlists import package_word_map, package_words

__all__ = [
    "Thing",
    "bound_of",
    "bound_phrase",
    "context_words",
    "is_background",
    "is_rate",
    "is_toll",
    "market_key",
    "round_slack",
    "thing_key",
    "thing_words",
    "value_range",
]

_PACKAGE = "crosswire.stages.facts"
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*|\d[\d,.:]*")
_CLAUSE_STOP = frozenset({"and", "or", "but", "while", "whereas", "as", "which", "who", "that"})
_AFTER_WORDS = 6
_BEFORE_WORDS = 3
_REPORTING = frozenset(
    {
        "said", "says", "say", "told", "according", "reported", "reports", "officials",
        "official", "people", "others", "least", "more", "than", "nearly", "about", "around",
        "some", "roughly", "up", "including", "among", "were", "been", "have", "has",
        "had", "was", "is", "are", "being", "local", "news", "agency",
    }
)


@dataclass(frozen=True, slots=True)
class Thing:
    key: str
    toll: bool  # a count that grows as the story develops
    moves: bool = False  # a quote that moves by the hour (a market price): values are updates


@cache
def _things() -> dict[str, Thing]:
    """word -> measured thing, from ``data/measured_things.json``."""
    out: dict[str, Thing] = {}
    for key, spec in sorted(package_word_map(_PACKAGE, "measured_things").items()):
        entry = spec if isinstance(spec, dict) else {}
        thing = Thing(key=key, toll=bool(entry.get("toll", False)))
        for word in entry.get("words", []):
            out.setdefault(str(word).lower(), thing)
    return out


def thing_words() -> frozenset[str]:
    """Every word that names a measured thing."""
    return frozenset(_things())


def is_toll(key: str | None) -> bool:
    """Whether the measured thing ``key`` is a count that grows as a story develops."""
    return key is not None and any(t.key == key and t.toll for t in _things().values())


@cache
def _bounds() -> tuple[tuple[str, str], ...]:
    """(phrase, kind) pairs, longest phrase first."""
    pairs = [
        (str(phrase).lower(), kind)
        for kind, phrases in package_word_map(_PACKAGE, "bounds").items()
        for phrase in phrases  # type: ignore[attr-defined]
    ]
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


def bound_of(before: str) -> str:
    """The qualifier ending ``before`` (the text right before a figure): at_least, below,
    near_below, about, or "" for a plain figure."""
    return bound_phrase(before)[0]


def bound_phrase(before: str) -> tuple[str, int]:
    """The qualifier ending ``before`` and how many characters of ``before`` it takes
    (currency signs and an article between it and the number included): ("", 0) if none."""
    for phrase, kind in _bounds():
        pattern = r"(?<![\w-])" + re.escape(phrase).replace(r"\ ", r"\s+")
        m = re.search(pattern + r"\s*(?:an?\s+)?(?:US\$|[$\u20ac\u00a3\u00a5])?\s*$", before,
                      re.IGNORECASE)
        if m is not None:
            return kind, len(before) - m.start()
    return "", 0


def round_slack(text: str, value: float) -> float:
    """How far a round figure may be from the truth: a whole number of one or two significant
    digits ending in zeros ("30", "140", "1,000") is read as about that, within a tenth or
    half its last significant digit, whichever is less (30 allows 32; 140 does not allow 128)."""
    m = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if m is None or "." in m.group() or value < 10 or value != int(value):
        return 0.0
    digits = m.group().replace(",", "")
    significant = digits.rstrip("0")
    zeros = len(digits) - len(significant)
    if zeros == 0 or len(significant) > 2:
        return 0.0
    return min(value * 0.1, 0.5 * value / int(significant) if significant else 0.0)


def value_range(
    value: float, precision: float, bound: str, slack: float = 0.0
) -> tuple[float, float]:
    """The values a figure allows: its rounding for a plain figure (``slack`` for a round
    one), widened by its qualifier: an estimate allows a tenth either side of a figure of one
    significant digit ("about 1,000") and a twentieth of a finer one ("about 850"); "nearly"
    up to a tenth under and never over ("nearly 1,000" allows 950, not 850 nor 1,050)."""
    lo, hi = value - max(precision, slack), value + max(precision, slack)
    if bound == "at_least":
        return lo, math.inf
    if bound == "below":
        return 0.0, hi
    if bound == "near_below":
        return value * 0.9, value + precision
    if bound == "about":
        share = 0.1 if len(_significant(value)) <= 1 else 0.05
        return min(lo, value * (1 - share)), max(hi, value * (1 + share))
    return lo, hi


def _significant(value: float) -> str:
    """The significant digits of ``value`` ("85" for 850, "1" for 1,000, "25" for 2.5)."""
    return f"{abs(value):.12g}".replace(".", "").lstrip("0").rstrip("0").split("e")[0]


def _clause_words(text: str, *, reverse: bool, limit: int) -> list[str]:
    """Up to ``limit`` lowercase words of ``text`` next to the figure (after it, or before it
    when ``reverse``), stopping at a clause boundary."""
    if reverse:
        text = re.split(r"[,;:()\u2014\u2013\"\u201c\u201d]", text)[-1]
    else:
        text = re.split(r"[,;:()\u2014\u2013\"\u201c\u201d]|\.(?:\s|$)", text)[0]
    found = [w.lower() for w in _WORD.findall(text)]
    ordered = found[::-1] if reverse else found
    out: list[str] = []
    for word in ordered:
        if word in _CLAUSE_STOP and not reverse:
            break
        out.append(word)
        if len(out) >= limit:
            break
    return out


@cache
def _market() -> tuple[tuple[re.Pattern[str], Thing], ...]:
    """(pattern of a cue right before a figure, thing), from ``data/market_cues.json``."""
    out = []
    for key, spec in sorted(package_word_map(_PACKAGE, "market_cues").items()):
        entry = spec if isinstance(spec, dict) else {}
        thing = Thing(key=key, toll=False, moves=bool(entry.get("moves", False)))
        for phrase in sorted(entry.get("phrases", []), key=lambda p: (-len(p), p)):
            pattern = r"(?<![\w-])" + re.escape(str(phrase)).replace(r"\ ", r"\s+")
            out.append((re.compile(pattern + r"\s*(?:an?\s+)?(?:US\$|[$\u20ac\u00a3\u00a5])?\s*$",
                                   re.IGNORECASE), thing))
    return tuple(out)


def market_key(before: str) -> Thing | None:
    """What a sum of money right after ``before`` quotes, from the cue ending ``before``:
    a market ``price`` ("changing hands at $6,156", "now priced at"), a ``low`` or ``high``
    ("fell as low as $5,967.34"), else None."""
    for pattern, thing in _market():
        if pattern.search(before[-80:]):
            return thing
    return None


_ASIDE = re.compile(
    r"^[\w\s-]{0,30}?(,\s*(?:including|among them|mostly|many of them|most of them|some of them)"
    r"\b[^,;:.]*,)",
    re.IGNORECASE,
)


def thing_key(*, sentence: str, start: int, end: int, unit: str) -> Thing | None:
    """The measured thing of the figure at ``sentence[start:end]``: its counted noun, else
    the nearest thing word after it in its clause, else right before it ("killing at least
    two"), else None."""
    things = _things()
    if unit.lower() in things:
        return things[unit.lower()]
    if unit.lower() not in package_words(_PACKAGE, "counted_people"):
        return None  # "two city hospitals": the count is of cities
    rest = sentence[end:]
    aside = _ASIDE.match(rest)
    if aside is not None:  # "30 civilians, including women and children, were killed"
        rest = rest[: aside.start(1)] + " " + rest[aside.end(1) :]
    after = _clause_words(rest, reverse=False, limit=_AFTER_WORDS)
    for i, word in enumerate(after):
        if word in things:
            return things[word]
        if i + 1 < len(after) and f"{word} {after[i + 1]}" in things:
            return things[f"{word} {after[i + 1]}"]
    before = sentence[:start]
    before = re.sub(
        r"(?:\b(?:" + "|".join(re.escape(p) for p, _ in _bounds()) + r")\s*)$",
        "", before, flags=re.IGNORECASE,
    )
    for word in _clause_words(before, reverse=True, limit=_BEFORE_WORDS):
        if word in things:
            return things[word]
    m = re.search(r"\btoll\b[^.;:]*$", before, re.IGNORECASE)
    if m is not None:
        return things.get("toll")
    return None


_RATE = re.compile(
    r"^[^,;.]{0,40}?\b(?:per|a|an|each|every)\s+(?:year|month|week|day|hour|minute|second|annum"
    r"|season|quarter|share|head|person|capita|barrel|ton|tonne|unit)\b"
    r"|^[^,;.]{0,40}?\b(?:annually|yearly|daily|weekly|monthly|a year|a day)\b",
    re.IGNORECASE,
)


def is_rate(after: str) -> bool:
    """Whether the words right after a figure make it a rate ("20,000 companies per year",
    "$110 a share"): a rate and a total are two measured things."""
    return _RATE.search(after) is not None


@cache
def _background() -> re.Pattern[str]:
    text = (resources.files(_PACKAGE) / "data" / "background_cues.txt").read_text("utf-8")
    phrases = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    years = r"in (?:19|20)\d\d\b"
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))
    return re.compile(rf"\b(?:{alternatives}|{years})\b", re.IGNORECASE)


def is_background(clause: str) -> bool:
    """Whether ``clause`` places its figure in the story's past ("last week", "in 2015")."""
    return _background().search(clause) is not None


def context_words(*, sentence: str, start: int, end: int) -> frozenset[str]:
    """Stemmed content words of the figure's sentence, the figure itself, numbers, measured-
    thing words and reporting words left out."""
    text = sentence[:start] + " " + sentence[end:]
    things = _things()
    out = set()
    for word in _WORD.findall(text):
        low = re.sub(r"['\u2019]s$", "", word.lower()).strip("'\u2019")
        if low in STOPWORDS or low in _REPORTING or low in things or not low[:1].isalpha():
            continue
        if len(low) < 3:
            continue
        out.add(stem(low, inflections_only=True))
    return frozenset(out)
