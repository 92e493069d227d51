"""Which way a date expression points from its report: the tense of the clause that holds it.

A weekday, a month without its year or "Friday evening" means a different day before and after
the report: "the launch happened Friday" looks back, "the rocket will launch Friday" ahead.
:func:`tense_at` reads, in this order:

1. a phrase right before the date that puts it ahead whatever the verb ("ahead of Tuesday's
   launch", "scheduled for Tuesday");
2. the governing verb in the spaCy parse (where there is one): a past form or a perfect is
   ``past``; "will", "could" or an infinitive of something still to come is ``future``; a present
   form is ``present`` (a scheduled event, "launches on Tuesday", or a photo caption, "march on
   Friday": the nearer day), except a reporting verb ("Trump says Friday"), which is ``past``;
3. a future cue in the clause around the date ("will", "scheduled", "taking place");
4. otherwise what the parse said (``present`` where the date hangs on no verb: a title, a
   caption), else ``""`` (unknown without a parse: read as the past, as news mostly is).

The cue words are data (``data/date_words.json``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Final, Literal

from crosswire.text.wordlists import package_word_map

__all__ = ["Tense", "clause_is_future", "is_reporting", "tense_at", "verb_tense"]

Tense = Literal["past", "present", "future", ""]
_PACKAGE: Final = "crosswire.stages.facts"
_AFTER_WINDOW: Final = 15


@cache
def _words(key: str) -> frozenset[str]:
    value = package_word_map(_PACKAGE, "date_words")[key]
    assert isinstance(value, list)
    return frozenset(str(v).lower() for v in value)


@cache
def _phrases(key: str, *, at_end: bool = False) -> re.Pattern[str]:
    ordered = sorted(_words(key), key=len, reverse=True)
    body = "|".join((r"(?<!\w)" if p[:1].isalnum() else "") + re.escape(p) for p in ordered)
    tail = r"\W*(?:\w+\W+){0,2}?\W*$" if at_end else r"(?!\w)"
    return re.compile(rf"(?:{body}){tail}", re.IGNORECASE)


def clause_is_future(clause: str, /) -> bool:
    """Whether ``clause`` holds a cue of something still to come ("will", "scheduled")."""
    return _phrases("future_cues").search(clause) is not None


def _clock_time(token: Any) -> bool:
    """"am" in "11:36 am" (which the tagger may read as the verb)."""
    return token.lower_ in ("am", "pm") and token.i > 0 and token.nbor(-1).text[:1].isdigit()


def _governing_verb(token: Any) -> Any | None:
    seen = 0
    while token is not None and seen < 12:
        if (
            token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass")
            and not _clock_time(token)
        ):
            return token
        if token.head is token:
            return None
        token, seen = token.head, seen + 1
    return None


def _aux(verb: Any) -> list[Any]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def verb_tense(verb: Any, *, depth: int = 0) -> Tense:
    """The tense of a parsed verb with its auxiliaries (see the module notes)."""
    auxes = _aux(verb)
    for aux in auxes:
        if aux.tag_ == "MD":
            return "future" if aux.lower_ in _words("future_modals") else "present"
    if any(a.lower_ in _words("perfect_aux") or a.tag_ == "VBD" for a in auxes):
        return "past"
    tag = verb.tag_
    if tag == "VBD" or (tag == "VBN" and not auxes):
        return "past"
    speech = verb.lemma_.lower() in _words("speech_verbs")
    if tag in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "past" if speech else "present"
    if tag == "VB" and depth < 3 and verb.head is not verb:
        head = _governing_verb(verb.head)
        above = verb_tense(head, depth=depth + 1) if head is not None else ""
        if any(a.lower_ == "to" for a in auxes):  # "set to launch Tuesday"; open after a past
            return "" if above == "past" else "future"
        return above
    return ""


def _parsed_tense(doc: Any, start: int, end: int) -> Tense:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    verb = _governing_verb(span.root)
    return "present" if verb is None else verb_tense(verb)  # no verb: a title, a caption


def tense_at(
    *, text: str, start: int, end: int, sentence: tuple[int, int], doc: Any | None = None,
    window: int = 80,
) -> Tense:
    """The tense of the clause that holds ``text[start:end]`` (a date expression inside the
    sentence ``text[sentence[0]:sentence[1]]``), ``doc`` the spaCy parse of ``text``; cues are
    read up to ``window`` characters before the date."""
    lead = text[max(sentence[0], start - window) : start]
    if _phrases("before_cues", at_end=True).search(lead):
        return "future"
    parsed = _parsed_tense(doc, start, end) if doc is not None else ""
    if parsed in ("past", "future"):
        return parsed
    before = re.split(r"[,;:]", lead)[-1]
    after = re.split(r"[,;:.]", text[end : min(sentence[1], end + _AFTER_WINDOW)])[0]
    if clause_is_future(before + text[start:end] + after):
        return "future"
    return parsed


def is_reporting(*, text: str, start: int, end: int, doc: Any | None = None) -> bool:
    """Whether the date ``text[start:end]`` is when something was said ("said Thursday",
    "told reporters on Monday"): its governing verb is a reporting verb (in the parse, else
    the word before it, "on" skipped)."""
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        verb = _governing_verb(span.root) if span is not None and len(span) else None
        return verb is not None and verb.lemma_.lower() in _words("speech_verbs")
    words = re.findall(r"[\w']+", text[max(0, start - 30) : start])
    if words and words[-1].lower() == "on":
        words.pop()
    return bool(words) and words[-1].lower() in _words("speech_forms")
