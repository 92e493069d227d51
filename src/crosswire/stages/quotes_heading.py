"""Quotes set out as "Speaker: words" lines: headlines ("Marco Rubio: I'm Not Interested ...")
and transcripts ("KATE BOULDUAN: Why not debate?").

A line qualifies when the words before its first colon are few, end no sentence and name a
speaker -- a person's name found by the parser, or a name in capitals of two or more words --
and the words after it are enough to be a statement. The speaker is that name; the content is
the rest of the line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from crosswire.stages.quotes_attrib import Attribution
from crosswire.stages.quotes_speaker import Speaker
from crosswire.text import paragraphs

__all__ = ["heading_attributions"]

_LINE = re.compile(r"([^:\n]{2,80}?):[ \t]+(\S[^\n]*)")
_CAPS_NAME = re.compile(r"[A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+)+")
_SENTENCE_END = re.compile(r"[!?]|[a-z]{4,}\.\s")
_MAX_PREFIX_WORDS = 8
_MIN_CONTENT_WORDS = 3


def _speaker(doc: Any, start: int, end: int) -> Speaker | None:
    for ent in doc.ents:
        if ent.label_ == "PERSON" and start <= ent.start_char and ent.end_char <= end:
            return Speaker(ent.text, ent.start_char, ent.end_char)
    if any(e.start_char < end and start < e.end_char for e in doc.ents):
        return None  # a dateline ("NEW DELHI:") or an organisation, not a speaker
    caps = _CAPS_NAME.search(doc.text, start, end)
    if caps is not None and caps.end() == end:
        return Speaker(caps.group(), caps.start(), caps.end())
    return None


def _cue_index(doc: Any, at: int) -> int:
    for token in doc:
        if token.idx >= at:
            return int(token.i)
    return len(doc) - 1


def heading_attributions(*, doc: Any, taken: Sequence[tuple[int, int]]) -> list[Attribution]:
    """Attributions of "Speaker: words" lines whose words overlap no range of ``taken``."""
    text = doc.text
    out = []
    for para in paragraphs(text):
        m = _LINE.match(text, para.start, para.end)
        if m is None:
            continue
        prefix_start, prefix_end = m.span(1)
        prefix = m.group(1)
        if len(prefix.split()) > _MAX_PREFIX_WORDS or _SENTENCE_END.search(prefix):
            continue
        start, end = m.start(2), para.end
        while end > start and text[end - 1].isspace():
            end -= 1
        if len(text[start:end].split()) < _MIN_CONTENT_WORDS:
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        speaker = _speaker(doc, prefix_start, prefix_end)
        if speaker is not None:
            out.append(Attribution(start, end, _cue_index(doc, prefix_end), ":", speaker))
    return out
