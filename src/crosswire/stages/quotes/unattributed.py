"""Quoted stretches no cue took: continuations of a speaker, or quotes of no known speaker.

A quote paragraph right after a paragraph ending in reported speech takes that speaker; any
other stretch long enough that nothing took is the last speaker's when the news convention
says so, else of no known speaker -- save for titles of works, names of things ("the so-called
...") and quotation marks that do not pair up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from crosswire.stages.quotes.candidates import Attribution
from crosswire.stages.quotes.config import QuoteConfig
from crosswire.stages.quotes.direct import sentence_like
from crosswire.stages.quotes.marks import QuotedStretch
from crosswire.stages.quotes.parse import doc_text
from crosswire.stages.quotes.speaker import entity_at

__all__ = ["following_reported", "quotable", "unattributed"]


def following_reported(
    *, doc: Any, loose: Sequence[QuotedStretch], items: Sequence[Attribution], config: QuoteConfig
) -> list[Attribution]:
    """Quote paragraphs with no cue right after a paragraph ending in reported speech ("...,
    Clinton said." / "He voted ..."): the speaker of that reported speech, when its cue is a
    verb of speech (``config.cue_lemmas``: not "drug dealers who like the idea") and the
    speaker is known."""
    text = doc_text(doc)
    ends = [(_text_end(doc[i.cue_i].sent), i.start, i) for i in items
            if i.speaker is not None and i.speaker.name is not None
            and doc[i.cue_i].lemma_.lower() in config.cue_lemmas]
    out: list[Attribution] = []
    for stretch in loose:
        if not sentence_like(text, stretch=stretch, config=config):
            continue
        before = [e for e in ends if e[0] <= stretch.open_at]
        if not before:
            continue
        end, _start, prev = max(before, key=lambda e: (e[0], e[1]))
        gap = text[end : stretch.open_at]
        if gap.strip() or "\n" not in gap:
            continue
        item = Attribution(stretch.start, stretch.end, prev.cue_i, prev.cue, prev.speaker)
        out.append(item)
        ends.append((_text_end(_sentence_at(doc, stretch.end - 1)), stretch.start, item))
    return out


def unattributed(
    *, doc: Any, loose: Sequence[QuotedStretch], items: Sequence[Attribution], config: QuoteConfig,
    persons: Sequence[tuple[int, int, str]] = (),
) -> list[Attribution]:
    """Quoted stretches of ``config.min_words_unattributed`` words or more that no attribution
    took or overlaps: quoted words whose cue was not found are still somebody's. By the news
    convention a quoted sentence that opens a sentence of its own continues the last
    attribution when it is in the same paragraph or the one before, has a speaker, and no other
    person is named in between (``persons``); any other is left with no known speaker (None)
    rather than guessed. Names of things ("the
    so-called ...", "a sign that read ..."), titles of works, stretches that open on
    punctuation or hold a "..., he said" of their own (quotation marks that do not pair up),
    and stretches left open in the middle of a paragraph are not quotes."""
    text = doc_text(doc)
    out: list[Attribution] = []
    for stretch in loose:
        words = text[stretch.start : stretch.end].split()
        if len(words) < config.min_words_unattributed or _title(words) or not _loose_quote(
            text, stretch
        ):
            continue
        holder = _holder(doc, stretch, items) or _sentence_speaker(doc, stretch, items)
        if holder is not None:  # said he "will not back down": the reported speaker's words
            out.append(Attribution(stretch.start, stretch.end, holder.cue_i, holder.cue,
                                   holder.speaker))
            continue
        if any(i.start < stretch.end and stretch.start < i.end for i in items):
            continue
        before = [i for i in items if i.end <= stretch.open_at]
        prev = max(before, key=lambda i: (i.end, i.start)) if before else None
        answer = _answer(doc, stretch, persons)
        if answer is not None:  # "X asked Ian Bradbury if ...? "...": his answer
            out.append(answer)
        elif (
            prev is not None
            and prev.speaker is not None
            and prev.speaker.name is not None
            and _paragraph_breaks(text, prev.end, stretch.open_at) <= 1
            and sentence_like(text, stretch=stretch, config=config)
            and _opens_sentence(text, stretch.open_at)
            and not _other_person_between(
                persons, prev.speaker.name,
                max(prev.end, _text_end(doc[prev.cue_i].sent)), stretch.open_at,
            )
        ):
            out.append(Attribution(stretch.start, stretch.end, prev.cue_i, prev.cue, prev.speaker))
        else:
            first = _sentence_at(doc, stretch.open_at).start
            out.append(Attribution(stretch.start, stretch.end, first, "", None))
    return out


_ASKING = frozenset({"ask", "question"})


def _answer(doc: Any, stretch: QuotedStretch,
            persons: Sequence[tuple[int, int, str]]) -> Attribution | None:
    """The answer of the person a question was put to in the sentence right before
    ``stretch``, when the stretch opens a sentence of its own (in that paragraph or the next)
    and no one else is named between ("X asked Ian Bradbury if debt could become toxic?
    "Definitely. ..."")."""
    text = doc_text(doc)
    if stretch.open_at == 0 or not _opens_sentence(text, stretch.open_at):
        return None
    before = text[: stretch.open_at].rstrip()
    if not before:
        return None
    sent = _sentence_at(doc, len(before) - 1)
    for token in sent:
        if token.lemma_.lower() not in _ASKING or token.pos_ != "VERB":
            continue
        asked = next((c for c in token.children if c.dep_ == "dobj"), None)
        who = entity_at(asked) if asked is not None and asked.ent_type_ == "PERSON" else None
        if (who is None or _paragraph_breaks(text, who.end, stretch.open_at) > 1
                or _other_person_between(persons, who.name or "", who.end, stretch.open_at)):
            continue
        return Attribution(stretch.start, stretch.end, token.i, token.text, who)
    return None


def quotable(text: str, stretch: QuotedStretch, *, min_words: int) -> bool:
    """Whether quoted words can stand as a quote of their own: ``min_words`` words or more,
    not a title of a work ("Masters of Sex")."""
    words = text[stretch.start : stretch.end].split()
    return len(words) >= min_words and not _title(words)


def _holder(doc: Any, stretch: QuotedStretch, items: Sequence[Attribution]) -> Attribution | None:
    """The attribution with a speaker whose reported content holds ``stretch`` whole, its cue
    outside the quoted words (quoted words inside reported speech are that speaker's)."""
    for item in items:
        if item.speaker is None or not (item.start <= stretch.start and stretch.end <= item.end):
            continue
        cue_at = doc[item.cue_i].idx if 0 <= item.cue_i < len(doc) else -1
        if not stretch.open_at <= cue_at < stretch.close_end:
            return item
    return None


def _sentence_speaker(doc: Any, stretch: QuotedStretch,
                      items: Sequence[Attribution]) -> Attribution | None:
    """The attribution of the stretch's own sentence whose cue comes before it and whose
    speaker is known ("She went on to say that X because their parents "..."": hers)."""
    sent = _sentence_at(doc, stretch.open_at)
    found = [i for i in items if i.speaker is not None and i.speaker.name is not None
             and 0 <= i.cue_i < len(doc) and sent.start <= i.cue_i < sent.end
             and doc[i.cue_i].idx < stretch.open_at]
    return max(found, key=lambda i: (doc[i.cue_i].idx, i.start)) if found else None


def _other_person_between(
    persons: Sequence[tuple[int, int, str]], speaker: str, start: int, end: int
) -> bool:
    """Whether a person other than ``speaker`` is named within ``[start, end)``: one shared
    name word of three letters or more, or the same last word ("Li" is "Li Keqiang"), makes
    the same person."""
    own = _person_words(speaker)
    return any(
        start <= s and e <= end and not _same_person(own, _person_words(name))
        for s, e, name in persons
    )


def _person_words(name: str) -> list[str]:
    return [re.sub(r"['\u2019]s$", "", w) for w in name.lower().split()]


def _same_person(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return False
    return a[-1] == b[-1] or bool({w for w in a if len(w) > 2} & {w for w in b if len(w) > 2})


# Words after which quoted words name a thing rather than quote someone ("the so-called ...",
# "a sign that read ...", "a report titled ...").
_NAMING = frozenset({
    "so-called", "called", "dubbed", "named", "nicknamed", "titled", "entitled", "headlined",
    "labeled", "labelled", "termed", "branded", "read", "reads", "reading", "as", "word",
    "phrase", "slogan", "motto", "hashtag", "chant", "chanting", "chanted", "banner",
})
_CLOSING_MARKS = "\u201d\"'\u2019\u00bb"
# "..., Lee said. ...": narration with its own cue inside a stretch (marks that do not pair up).
_OWN_CUE = re.compile(
    r"[,.?!]\s+(?:he|she|they|[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*)\s+"
    r"(?:said|says|added|adds|told|tells|asked|asks|wrote|writes|explained|continued)\b"
    r"(?!\s+(?:me|us|my|our|him|her|them|you|his|their)\b)"  # "Smith told me ..." is quoted
)
_ELLIPSES = ("...", ". . .", "\u2026")


def _loose_quote(text: str, stretch: QuotedStretch) -> bool:
    """Whether a quoted stretch with no attribution can be a quote at all (see
    :func:`unattributed`)."""
    body = text[stretch.start : stretch.end]
    if body[:1] in ",;:).!?" and not body.startswith(_ELLIPSES):
        return False
    if _OWN_CUE.search(body):
        return False
    line_start = text.rfind("\n", 0, stretch.open_at) + 1
    prefix = text[line_start : stretch.open_at].rstrip()
    if stretch.close_at is None and prefix:
        return False
    if not prefix or prefix.endswith(":"):  # "In his own words: ..." introduces a quote
        return True
    return prefix.rsplit(None, 1)[-1].lower().strip(",") not in _NAMING


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the quotation mark at ``at`` opens a paragraph or a sentence."""
    line_start = text.rfind("\n", 0, at) + 1
    prefix = text[line_start:at].rstrip()
    if not prefix:
        return True
    if prefix[-1] in _CLOSING_MARKS:
        prefix = prefix[:-1].rstrip()
    return prefix[-1:] in (".", "!", "?", ":")


_MINOR_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at",
                          "to", "for", "by", "with", "from", "as", "vs", "vs."})


def _title(words: Sequence[str]) -> bool:
    """Whether quoted ``words`` are the title of a work ("Survival of the Fittest", "Sex and the
    City", "Gone with the Wind."): every word but the minor ones capitalised, and no sentence
    ending inside them (one full stop or comma at the very end is the sentence around them)."""
    if all(w.isupper() for w in words if any(c.isalpha() for c in w)):
        return False  # shouting ("THE FAKE NEWS MEDIA IS ..."), not a title
    words = [*words[:-1], words[-1].rstrip(".,") or words[-1]]
    if words[-1][-1:] in "!?" or any(w[-1:] in ".!?" and w[:-1][-1:].islower() for w in words):
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _MINOR_WORDS
               for w in words)


def _paragraph_breaks(text: str, start: int, end: int) -> int:
    """How many paragraph breaks (runs of line breaks) ``text[start:end]`` crosses."""
    return len(_BREAKS.findall(text, start, end))


_BREAKS = re.compile(r"\n\s*")


def _sentence_at(doc: Any, char: int) -> Any:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0].sent


def _text_end(sent: Any) -> int:
    """Where the words of ``sent`` end (the line breaks after them left out)."""
    last = next((t for t in reversed(sent) if not t.is_space), sent[0])
    return int(last.idx + len(last.text))
