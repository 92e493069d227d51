"""Speech set out as a block: a paragraph ending in a colon after a cue verb ("Fox News
reports:", "He then listed the qualities a nominee needs:") introduces the next paragraph.

The cue is the verb of the colon's clause -- a speech verb with a subject that names the
speaker -- and the content is the whole next paragraph, quoted or not, unless another
attribution already holds it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crosswire.stages.quotes.candidates import Attribution
from crosswire.stages.quotes.parse import doc_text
from crosswire.stages.quotes.resolve import SpeakerResolver
from crosswire.stages.quotes.speaker import find_speaker, is_cue
from crosswire.text import paragraphs

__all__ = ["block_attributions"]

_MIN_WORDS = 4
_MARKS = "\"'\u201c\u201d\u2018\u2019`\u00ab\u00bb "


def _colon_cue(doc: Any, colon: int, lemmas: frozenset[str]) -> Any | None:
    """The speech verb of the clause a paragraph-final colon (token ``colon``) closes."""
    sent = doc[colon].sent
    verb = doc[colon].head
    while verb.i != verb.head.i and not is_cue(verb, lemmas=lemmas) and verb.head.i >= sent.start:
        verb = verb.head
    return verb if is_cue(verb, lemmas=lemmas) else None


def _colon_token(doc: Any, end: int) -> int | None:
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].text != ":":
        return None
    return int(span[0].i)


def block_attributions(
    *, doc: Any, lemmas: frozenset[str], taken: Sequence[tuple[int, int]],
    resolver: SpeakerResolver,
) -> list[Attribution]:
    """Next paragraphs introduced by "X verb:" paragraphs, where ``taken`` holds none of them."""
    text = doc_text(doc)
    paras = paragraphs(text)
    out = []
    for para, following in zip(paras, paras[1:], strict=False):
        colon = _colon_token(doc, para.end) if text[: para.end].endswith(":") else None
        if colon is None:
            continue
        cue = _colon_cue(doc, colon, lemmas)
        speaker = find_speaker(cue=cue, resolver=resolver) if cue is not None else None
        if cue is None or speaker is None:
            continue
        start, end = following.start, following.end
        while start < end and text[start] in _MARKS:
            start += 1
        while end > start and text[end - 1] in _MARKS:
            end -= 1
        if len(text[start:end].split()) < _MIN_WORDS:
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        out.append(Attribution(start, end, int(cue.i), cue.text, speaker))
    return out
