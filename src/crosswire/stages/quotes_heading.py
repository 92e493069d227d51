"""Quotes set out as "Speaker: words" lines: headlines ("Marco Rubio: I'm Not Interested ...")
and transcripts ("KATE BOULDUAN: Why not debate?").

A line qualifies when the words before its first colon are few, end no sentence and name a
speaker -- a person's name found by the parser, or a name in capitals of two or more words --
and the words after it are enough to be a statement. The speaker is that name; the content is
the rest of the line. In a transcript -- an article with at least two lines opened by a
one-word speaker in capitals ("TAPPER:", "Q:", "A:") -- such one-word speakers count too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from crosswire.stages.quotes_attrib import Attribution
from crosswire.stages.quotes_speaker import Speaker
from crosswire.text import paragraphs

__all__ = ["heading_attributions"]

_LINE = re.compile(r"([^:\n]{1,80}?):[ \t]+(\S[^\n]*)")
_CAPS_NAME = re.compile(r"[A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+)+")
_CAPS_WORD = re.compile(r"(?:[A-Z][A-Z'\-]+|[QA])")
# One-word line openers that label a section, not a speaker.
_LABELS = frozenset("""UPDATE UPDATED NOTE BREAKING WATCH READ RELATED PHOTO PHOTOS VIDEO EXCLUSIVE
    SOURCE SOURCES CORRECTION EDITOR WARNING ALERT ANALYSIS OPINION LIVE MORE PLUS AP""".split())
_MIN_TRANSCRIPT_LINES = 2
_SENTENCE_END = re.compile(r"[!?]|[a-z]{4,}\.\s")
_MAX_PREFIX_WORDS = 8
_MIN_CONTENT_WORDS = 3


def _speaker(doc: Any, start: int, end: int, *, transcript: bool) -> Speaker | None:
    if transcript and _one_word_speaker(doc.text[start:end]):
        return Speaker(doc.text[start:end], start, end)
    for ent in doc.ents:
        if ent.label_ == "PERSON" and start <= ent.start_char and ent.end_char <= end:
            return Speaker(ent.text, ent.start_char, ent.end_char)
    if any(e.start_char < end and start < e.end_char for e in doc.ents):
        return None  # a dateline ("NEW DELHI:") or an organisation, not a speaker
    caps = _CAPS_NAME.search(doc.text, start, end)
    if caps is not None and caps.end() == end:
        return Speaker(caps.group(), caps.start(), caps.end())
    return None


def _one_word_speaker(prefix: str) -> bool:
    return _CAPS_WORD.fullmatch(prefix) is not None and prefix not in _LABELS


def _cue_index(doc: Any, at: int) -> int:
    for token in doc:
        if token.idx >= at:
            return int(token.i)
    return len(doc) - 1


def heading_attributions(*, doc: Any, taken: Sequence[tuple[int, int]]) -> list[Attribution]:
    """Attributions of "Speaker: words" lines whose words overlap no range of ``taken``."""
    text = doc.text
    lines = []
    for para in paragraphs(text):
        m = _LINE.match(text, para.start, para.end)
        if m is None:
            continue
        prefix = m.group(1)
        if len(prefix.split()) > _MAX_PREFIX_WORDS or _SENTENCE_END.search(prefix):
            continue
        start, end = m.start(2), para.end
        while end > start and text[end - 1].isspace():
            end -= 1
        if len(text[start:end].split()) < _MIN_CONTENT_WORDS:
            continue
        lines.append((m.start(1), m.end(1), start, end))
    one_word = sum(1 for s, e, _, _ in lines if _one_word_speaker(text[s:e]))
    transcript = one_word >= _MIN_TRANSCRIPT_LINES
    out = []
    for prefix_start, prefix_end, start, end in lines:
        if any(s < end and start < e for s, e in taken):
            continue
        speaker = _speaker(doc, prefix_start, prefix_end, transcript=transcript)
        if speaker is not None:
            out.append(Attribution(start, end, _cue_index(doc, prefix_end), ":", speaker))
    return out
