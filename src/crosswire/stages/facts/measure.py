"""What a quantity measures, as comparable keys: content words and trade-balance parties.

Helpers for :mod:`crosswire.stages.facts.corroboration` and
:mod:`crosswire.stages.facts.timeline`: words are
lowercased, folded to a few shared synonyms ("takeover"/"bid"/"acquire" -> acquisition,
"deficit"/"surplus" -> balance, "defence" -> defense) and crudely stemmed, so that two reports
wording one measure differently still meet.
"""

from __future__ import annotations

import re

from crosswire.text.normalize import fold_quotes
from crosswire.text.stems import stem
from crosswire.text.tokens import content_words

__all__ = ["balance_parties", "bullet_trim", "measure_words", "party"]

_SYNONYMS = {
    "acquisition": "acquisition", "acquire": "acquisition", "acquiring": "acquisition",
    "takeover": "acquisition", "bid": "acquisition", "purchase": "acquisition",
    "buyout": "acquisition", "deal": "acquisition", "merger": "acquisition",
    "deficit": "balance", "surplus": "balance", "imbalance": "balance", "balance": "balance",
    "defence": "defense", "raise": "increase", "raising": "increase", "raised": "increase",
    "increasing": "increase", "increased": "increase", "boost": "increase", "boosting": "increase",
    "hike": "increase", "cut": "decrease", "cutting": "decrease", "reduce": "decrease",
    "reducing": "decrease", "lower": "decrease", "lowering": "decrease",
}
_COUNTRIES = {
    "u.s": "us", "us": "us", "usa": "us", "u.s.a": "us", "america": "us", "american": "us",
    "united": "us", "states": "", "u.k": "uk", "britain": "uk", "british": "uk",
}
_BALANCE = re.compile(r"\b(?:deficit|surplus|imbalance|trade balance)\b", re.IGNORECASE)
_NAME = re.compile(r"\b[A-Z][\w.]*(?:[ -](?:[A-Z][\w.]*))*")
_HOLDER = re.compile(
    r"(?P<name>[A-Z][\w.]*(?: [A-Z][\w.]*)*)(?:['\u2019]s)?\s+(?:has|had|have|ran|runs|run"
    r"|posted|posts|recorded|records|reported|registered|racked up)\b"
)
_BULLET = re.compile(r"^(?:[-\u2022*\u2013\u2014]+|\d{1,2}[.)])\s+")
_GENERIC = frozenset(
    {
        "annual", "year", "yearly", "total", "record", "new", "last", "nearly", "billion",
        "million", "trillion", "thousand", "percent", "more", "than"
    }
)


def party(word: str) -> str:
    """A country-like name folded to one spelling ("U.S." -> "us")."""
    low = fold_quotes(word).lower().strip(".")
    low = re.sub(r"'s$", "", low)
    return _COUNTRIES.get(low, low)


def measure_words(text: str) -> frozenset[str]:
    """Comparable content words of a measured phrase (years and numbers left out)."""
    out: set[str] = set()
    for raw in content_words(fold_quotes(text)):
        word = re.sub(r"'s$", "", raw)
        if word.isdigit() or word in _GENERIC:
            continue
        if word in _COUNTRIES:
            word = _COUNTRIES[word]
        else:
            word = _SYNONYMS.get(word, stem(word, inflections_only=True))
        if word:
            out.add(word)
    return frozenset(out)


def balance_parties(*, measured: str, sentence: str, at: int) -> frozenset[str] | None:
    """For a trade deficit/surplus: the two parties (holder and partner), else None.

    ``at`` is the quantity's offset in ``sentence``; the holder is the possessor in the
    measured phrase ("Japan's surplus") or the subject before it ("the U.S. had a deficit").
    """
    if not _BALANCE.search(measured):
        return None
    names = {party(m.group()) for m in _NAME.finditer(measured)}
    holders = list(_HOLDER.finditer(sentence[:at]))
    if holders:
        names.add(party(holders[-1].group("name")))
    names.discard("")
    return frozenset(names) if len(names) >= 2 else None


def bullet_trim(text: str) -> int:
    """How many leading characters of a sentence are a list marker ("- ", "2. ")."""
    m = _BULLET.match(text)
    return m.end() if m else 0
