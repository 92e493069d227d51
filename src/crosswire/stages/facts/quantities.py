"""Quantities in a report: money (currency and scale), percentages and counts.

Rule-based: a few regular expressions find the numbers, and a light look at the words around
each number finds the thing measured (``"$68 billion trade deficit with Japan in 2024"`` ->
``"trade deficit with Japan in 2024"``). A conversion in brackets (``"8.6 trillion yen ($55
billion)"``) gives two quantities that measure the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from crosswire.models import Article, Quantity, Span
from crosswire.stages.facts.counts import lead_counts, word_counts
from crosswire.text.dates import MONTH_PREFIX
from crosswire.text.sentences import SentenceSpan, split_sentences
from crosswire.text.wordlists import package_words

__all__ = ["AGE", "QuantityConfig", "extract_quantities", "number_precision"]

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_WORD = r"trillion|billion|million|thousand"
_SCALES = {
    "trillion": 12, "tn": 12, "t": 12, "billion": 9, "bn": 9, "b": 9,
    "million": 6, "mn": 6, "m": 6, "thousand": 3, "k": 3,
}
_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "yen": "JPY", "yuan": "CNY", "won": "KRW", "rupees": "INR",
    "roubles": "RUB", "rubles": "RUB", "francs": "CHF",
}
_MONEY_SYMBOL = re.compile(
    rf"(?P<sym>US\$|\$|€|£|¥)\s?(?P<num>{_NUM})"
    rf"(?:[\s-]?(?P<scale>{_SCALE_WORD})\b|(?P<short>bn|tn|mn|[BMKT])\b)?",
    re.IGNORECASE,
)
_MONEY_WORD = re.compile(
    rf"(?<![\w$€£¥.,])(?P<num>{_NUM})\s?(?:(?P<scale>{_SCALE_WORD})\s+)?"
    r"(?:US\s)?(?P<cur>dollars?|euros?|pounds|yen|yuan|won|rupees|roubles|rubles|francs)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUM})\s?(?P<pct>%|percent\b|per cent\b|percentage points?\b)",
    re.IGNORECASE,
)
_COUNT = re.compile(
    rf"(?<![\w$€£¥.,/-])(?P<num>{_NUM})(?:\s(?P<scale>{_SCALE_WORD}))?"
    r"\s(?:(?:U\.S\.|US|UK|EU)\s)?(?P<noun>[A-Za-z][a-z]+(?:-[a-z]+)*)\b(?!-)"
)
_MONTHS = re.compile(rf"{MONTH_PREFIX}[a-z]*\.?\s*$", re.IGNORECASE)
# after "N times": a multiplier ("three times higher", "10 times the size"), not occurrences
_MULTIPLIER = re.compile(
    r"(?:\s+times)?\s+(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|faster|slower|longer"
    r"|shorter|cheaper|as|the|that|what|over|a\b|an\b|[a-z]+er\b)",
    re.IGNORECASE,
)
_NOT_COUNTED = frozenset(
    {
        "a", "an", "the", "of", "to", "and", "or", "in", "on", "at", "by", "for", "from",
        "with", "as", "is", "was", "are", "were", "be", "percent", "per", "cent", "years",
        "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "minutes",
        "minute", "seconds", "second", "am", "pm", "time", "p", "a.m", "p.m", "st",
        "nd", "rd", "th", "trillion", "billion", "million", "thousand"
    }
)
_EMERGENCY_NOUNS = frozenset(
    {"call", "caller", "operator", "dispatcher", "center", "centre", "system", "line", "tape",
     "recording", "emergency"}
)
# A capitalised word inside a sentence right before the number: "Channel 11", "Fox 8".
_NAMED_NUMBER = re.compile(r"[\w,;:)\u2019'] +[A-Z][\w-]*\s$")
_BOUNDARY_WORDS = frozenset(
    {
        "that", "which", "who", "whom", "whose", "and", "but", "or", "to", "was", "is", "were",
        "are", "be", "been", "being", "has", "have", "had", "will", "would", "could", "should",
        "may", "might", "can", "said", "says", "say", "told", "according", "because", "as",
        "while", "since", "when", "where", "if", "than", "then", "so", "amid", "after",
        "before", "despite", "including", "per"
    }
)
_LEAD_PREPOSITIONS = frozenset({"of", "in", "for", "on", "at", "into", "from", "by", "to"})
_ABBREV = re.compile(r"(?:^|[^a-z])(?:[A-Z]\.)+$")
_LOOKBACK = re.compile(
    r"(?P<np>.+?)\s+(?:is|was|are|were|of|at|to|totaled|totalled|reached|stood at|hit|for|by|"
    r"worth|valued at|about|around|nearly|over|more than|some|almost|roughly)"
    r"(?:\s+(?:a|an|the|more than|nearly|about|around|over|almost|roughly|some|just))*\s*$",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r".*[,;:(\u2014\u2013\"\u201c\u201d]\s*|.*\s[-\u2013\u2014]\s", re.S)
_VERBISH = re.compile(
    r"^(?:.*\s)?(?:is|was|are|were|has|had|have|said|says|navigated|announced|approved)\s+",
    re.IGNORECASE,
)
# "X was set / has been put / is estimated (at ...)": X is what the figure measures
_PASSIVE = re.compile(
    r"^(?P<subject>.*\S)\s+(?:is|was|are|were|has been|have been|had been|will be|is being)"
    r"\s+(?:\w+ly\s+)?(?:set|put|fixed|pegged|estimated|valued|priced|capped|raised|cut"
    r"|lowered|increased|reduced|offered|listed|assessed|placed)$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_TIME_AFTER = re.compile(
    r"^(?:(?:last|this|next|earlier|later|a|per|each|every)\s+(?:year|month|week|quarter|day)"
    r"|annually|(?:in|by|since)\s+(?:19|20)\d{2})$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuantityConfig:
    """What counts as a quantity: the kinds to find and how far the measured phrase runs."""

    money: bool = True
    percent: bool = True
    counts: bool = True
    ages: bool = True  # "Cardell Hayes, 28," and "28-year-old Cardell Hayes": unit AGE
    max_measured_words: int = 10


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    value: float
    unit: str
    measured: str | None = None  # known from the pattern (whose age), else found around it


def number_precision(text: str) -> float:
    """Half the value of the last written digit of the number in ``text``, scale applied."""
    m = re.search(_NUM, text)
    if m is None:
        return 0.0
    digits = m.group().replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return float(f"5e{_scale_of(text[m.end() :]) - decimals - 1}")


def _scale_of(rest: str) -> int:
    m = re.match(rf"[\s-]?({_SCALE_WORD}|bn|tn|mn|[BMKT]\b)", rest, re.IGNORECASE)
    return _SCALES[m.group(1).lower()] if m else 0


def _number(text: str, scale: str | None = None) -> float:
    """The value of a written number times its scale word, without float noise."""
    exponent = _SCALES.get((scale or "").lower(), 0)
    return float(f"{text.replace(',', '')}e{exponent}")


def _money_hits(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in _MONEY_SYMBOL.finditer(text):
        value = _number(m.group("num"), m.group("scale") or m.group("short"))
        hits.append(_Hit(m.start(), m.end(), value, _SYMBOLS[m.group("sym").lower()]))
    for m in _MONEY_WORD.finditer(text):
        unit = _CURRENCY_WORDS[m.group("cur").lower()]
        if unit == "GBP" and _WEIGHT_AFTER.match(text, m.end()):
            unit = "lb"  # "5 million pounds of thrust", "140,660 pounds (63,800 kilograms)"
        hits.append(_Hit(m.start(), m.end(), _number(m.group("num"), m.group("scale")), unit))
    return hits


# after "N pounds": a weight, not money ("pounds of cocaine", "(63,800 kilograms)")
_WEIGHT_AFTER = re.compile(
    r"\s+of\b|\s*\(\s*(?:about\s+|some\s+)?[\d,.]+\s*(?:kg\b|kilograms?|kilos?|metric\s+tons?"
    r"|tonnes?|tons?)|\s+(?:in\s+)?(?:weight|thrust|payload|heavier|lighter)\b",
    re.IGNORECASE,
)


def _percent_hits(text: str) -> list[_Hit]:
    return [_Hit(m.start(), m.end(), _number(m.group("num")), "%") for m in _PERCENT.finditer(text)]


@cache
def _number_names() -> frozenset[str]:
    """Words before a number that make it an identifier (``data/number_names.txt``)."""
    return package_words("crosswire.stages.facts", "number_names")


def _count_hits(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in _COUNT.finditer(text):
        noun = m.group("noun")
        if noun.lower() in _NOT_COUNTED or noun.lower() in _CURRENCY_WORDS:
            continue
        if _YEAR.match(m.group("num")) and not m.group("scale"):
            continue
        if _MONTHS.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        if noun[0].isupper() and not noun.endswith("s"):
            continue
        if m.group("num") == "911" and (
            noun.endswith("ed") or noun.lower().rstrip("s") in _EMERGENCY_NOUNS
        ):
            continue  # "a 911 call", "after 911 picked up": the emergency number
        if _NAMED_NUMBER.search(text, max(0, m.start() - 40), m.start()):
            continue  # "told Channel 11 News", "Route 66 closed": part of a name
        before = re.search(r"([A-Za-z][\w.]*)\s$", text[max(0, m.start() - 24) : m.start()])
        if before and before.group(1).lower() in _number_names():
            continue  # "flight 175 took off", "Game 7 ended": a number naming a thing
        scale = m.group("scale")
        joined = re.match(rf"({_SCALE_WORD})-(\w.*)", noun, re.IGNORECASE)
        if joined and not scale:  # "a 2 million-barrel cap": 2 million barrels
            scale, noun = joined.group(1), joined.group(2)
        value = _number(m.group("num"), scale)
        hits.append(_Hit(m.start(), m.end(), value, noun))
    return hits


AGE = "age"  # the unit of a person's age in years
_NAME_WORD = r"[A-Z][\w'\u2019-]+"
_AGE_AFTER = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}),\s(?P<num>\d{{1,3}})(?:[,;]|\.(?=\s|$))(?!\s*\d)"
)
_AGE_BEFORE = re.compile(
    rf"\b(?P<num>\d{{1,3}})-year-old\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
)


def _age_hits(text: str) -> list[_Hit]:
    """A person's age: "Cardell Hayes, 28, was ..." and "28-year-old Cardell Hayes"; the
    measured phrase is the name, so two reports giving one person two ages conflict."""
    hits = []
    for pattern in (_AGE_AFTER, _AGE_BEFORE):
        for m in pattern.finditer(text):
            name, value = m.group("name"), int(m.group("num"))
            if not 0 < value < 120 or _MONTHS.match(name.split()[-1]):
                continue  # "February 7, 2025" is a date
            if pattern is _AGE_AFTER and name.split()[0] in _SENTENCE_STARTERS:
                continue
            hits.append(
                _Hit(m.start("num"), m.end("num"), float(value), AGE, measured=f"age of {name}")
            )
    return hits


_SENTENCE_STARTERS = frozenset({"The", "A", "An", "In", "On", "At", "By", "For", "But", "And"})


def _after_phrase(text: str, pos: int, limit: int) -> str:
    """The noun phrase right after a quantity, up to punctuation or a clause word."""
    rest = text[pos:]
    conv = re.match(r"\s*\([^()]*\)", rest)
    if conv:
        rest = rest[conv.end() :]
    rest = re.split(r"[\u2014\u2013(\"\u201c]|\s-\s", rest, maxsplit=1)[0]
    words: list[str] = []
    for m in re.finditer(r"\S+", rest):
        raw = m.group()
        core = raw.rstrip(",;:!?)\"\u201d\u2019'")
        ends = core != raw
        if core.endswith(".") and not _ABBREV.search(core):
            core, ends = core[:-1], True
        if not core or core.lower() in _BOUNDARY_WORDS:
            break
        words.append(core)
        if ends or len(words) >= limit:
            break
    return " ".join(words)


def _before_phrase(text: str, pos: int, limit: int) -> str:
    """The noun phrase a quantity is stated of: 'X is $5 billion', 'acquire X for $5 billion'."""
    head = text[:pos]
    clause = _CLAUSE_START.sub("", head) if _CLAUSE_START.match(head) else head
    m = _LOOKBACK.match(clause.strip())
    if m is None:
        return ""
    np = _VERBISH.sub("", m.group("np")).strip()
    passive = _PASSIVE.match(m.group("np").strip())
    if passive and " " not in np:
        np = passive.group("subject")  # "His bond was set at $1 million": the bond
    np = re.sub(r"^(?:but|and|however|so|yet|the)\s+", "", np, flags=re.IGNORECASE)
    return " ".join(np.split()[-limit:])


def _measured(sentence: str, start: int, end: int, config: QuantityConfig) -> str:
    after = _after_phrase(sentence, end, config.max_measured_words)
    if _TIME_AFTER.match(after):
        after = ""
    first = after.split(" ", 1)[0].lower() if after else ""
    if after and first not in _LEAD_PREPOSITIONS:
        return after
    before = _before_phrase(sentence, start, config.max_measured_words)
    if before:
        return before
    return after.split(" ", 1)[1] if " " in after and first != "by" else ""


def _sentence_hits(sentence: str, config: QuantityConfig) -> list[_Hit]:
    hits: list[_Hit] = []
    if config.money:
        hits.extend(_money_hits(sentence))
    if config.percent:
        hits.extend(_percent_hits(sentence))
    if config.ages:
        hits.extend(_age_hits(sentence))
    if config.counts:
        taken = [(h.start, h.end) for h in hits]
        found = _count_hits(sentence)
        found += [_Hit(s, e, v, noun) for s, e, v, noun in word_counts(
            sentence, not_counted=_NOT_COUNTED | _CURRENCY_WORDS.keys())]
        found += [_Hit(s, e, v, "people") for s, e, v in lead_counts(sentence)]
        for h in sorted(found, key=lambda h: (h.start, -h.end)):
            if h.unit.lower() == "times" and _MULTIPLIER.match(sentence, h.end):
                continue  # "three times higher": a multiplier, not a count of occurrences
            if all(h.end <= s or h.start >= e for s, e in taken):
                hits.append(h)
                taken.append((h.start, h.end))
    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[_Hit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def _quantities_in(
    *, article: Article, sent: SentenceSpan, config: QuantityConfig
) -> list[Quantity]:
    out: list[Quantity] = []
    previous: Quantity | None = None
    for hit in _sentence_hits(sent.text, config):
        start, end = sent.start + hit.start, sent.start + hit.end
        gap = sent.text[previous.span.end - sent.start : hit.start] if previous else ""
        if previous is not None and re.fullmatch(r"\s*\(\s*", gap):
            measured = previous.measured  # a conversion in brackets measures the same thing
        elif hit.measured is not None:
            measured = hit.measured
        else:
            measured = _measured(sent.text, hit.start, hit.end, config)
        q = Quantity(
            text=article.text[start:end],
            value=hit.value,
            unit=hit.unit,
            measured=measured,
            span=Span(article.id, start, end),
            sentence=Span(article.id, sent.start, sent.end),
        )
        out.append(q)
        previous = q
    return out


def extract_quantities(
    *, article: Article, config: QuantityConfig | None = None
) -> tuple[Quantity, ...]:
    """Money, percentages and counts of ``article``, in text order, spans verbatim."""
    cfg = config or QuantityConfig()
    out: list[Quantity] = []
    for sent in split_sentences(article.text):
        out.extend(_quantities_in(article=article, sent=sent, config=cfg))
    return tuple(out)
