"""Quotes set out as "Speaker: words" lines: headlines ("Marco Rubio: I'm Not Interested ...")
and transcripts ("KATE BOULDUAN: Why not debate?").

A line qualifies when the words before its first colon are few, end no sentence and name a
speaker -- a person's name found by the parser, or a name in capitals of two or more words --
and the words after it are enough to be a statement. The speaker is that name; the content is
the rest of the line. In a transcript -- an article with at least two lines opened by a
one-word speaker in capitals ("TAPPER:", "Q:", "A:") -- such one-word speakers count too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from crosswire.stages.quotes.candidates import Attribution
from crosswire.stages.quotes.parse import doc_text
from crosswire.stages.quotes.speaker import Speaker
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


def _speaker(
    text: str, ents: Sequence[tuple[int, int, str]], start: int, end: int, *, transcript: bool
) -> Speaker | None:
    if transcript and _one_word_speaker(text[start:end]):
        return Speaker(text[start:end], start, end)
    near = ents[bisect.bisect_left(ents, (start, -1, "")):bisect.bisect_left(ents, (end, -1, ""))]
    for ent_start, ent_end, label in near:
        if label == "PERSON" and ent_end <= end:
            return Speaker(text[ent_start:ent_end], ent_start, ent_end)
    if any(e_start < end and start < e_end for e_start, e_end, _ in ents):
        return None  # a dateline ("NEW DELHI:") or an organisation, not a speaker
    caps = _CAPS_NAME.search(text, start, end)
    if caps is not None and caps.end() == end:
        return Speaker(caps.group(), caps.start(), caps.end())
    return None


def _one_word_speaker(prefix: str) -> bool:
    return _CAPS_WORD.fullmatch(prefix) is not None and prefix not in _LABELS


def _cue_index(starts: Sequence[int], at: int) -> int:
    """The first token starting at or after ``at`` (the last token when none does)."""
    return min(bisect.bisect_left(starts, at), len(starts) - 1)


def heading_attributions(*, doc: Any, taken: Sequence[tuple[int, int]]) -> list[Attribution]:
    """Attributions of "Speaker: words" lines whose words overlap no range of ``taken``."""
    text = doc_text(doc)
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
    if not lines:
        return []
    one_word = sum(1 for s, e, _, _ in lines if _one_word_speaker(text[s:e]))
    transcript = one_word >= _MIN_TRANSCRIPT_LINES
    ents = sorted((e.start_char, e.end_char, e.label_) for e in doc.ents)  # doc.ents rebuilds
    starts = [token.idx for token in doc]
    out = []
    for prefix_start, prefix_end, start, end in lines:
        if any(s < end and start < e for s, e in taken):
            continue
        speaker = _speaker(text, ents, prefix_start, prefix_end, transcript=transcript)
        if speaker is not None:
            out.append(Attribution(start, end, _cue_index(starts, prefix_end), ":", speaker))
    return out
