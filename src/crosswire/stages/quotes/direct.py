"""Direct quotes: a quoted stretch and the cue that attributes it.

A cue verb within a few tokens after the closing mark ("...," Ishiba said) or before the opening
mark (Ishiba said: "..."); a verb outside the lexicon that takes a comma-ended quote before it
as its clause ("...," Hannity started). When the cue's clause, infinitive or object holds the
quote, all of it is the quote. A quote opened right after "Name:" (a person or organisation) is
that name's; a sentence-like stretch with no cue of its own right after an attributed one
continues it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from crosswire.stages.quotes.candidates import Attribution
from crosswire.stages.quotes.config import QuoteConfig
from crosswire.stages.quotes.marks import QuotedStretch
from crosswire.stages.quotes.resolve import SpeakerResolver
from crosswire.stages.quotes.speaker import Speaker, entity_at, find_speaker, is_cue

__all__ = ["AttributedStretch", "attribute_stretches", "sentence_like"]

_STOPS = frozenset({".", "!", "?", ";", "\u201c", "\u201d", '"', "``", "''", "\u201e"})


@dataclass(frozen=True, slots=True)
class AttributedStretch:
    """A quoted stretch and its attribution (None: no cue, name or quote before it took it)."""

    stretch: QuotedStretch
    attribution: Attribution | None


def _token_index(doc: Any, starts: list[int], char: int) -> int:
    """Index of the first token starting at or after ``char``."""
    return bisect_left(starts, char)


def _cue_after(doc: Any, starts: list[int], stretch: QuotedStretch, config: QuoteConfig,
               text: str) -> Any:
    if stretch.close_at is None:
        return None
    i = _token_index(doc, starts, stretch.close_end)
    for token in doc[i : i + config.cue_window]:
        if token.text in _STOPS or "\n" in token.text:
            return None
        if is_cue(token, lemmas=config.cue_lemmas):
            return None if _introduces_own(token) else token
        if token.pos_ == "VERB":  # another clause comes between the quote and any cue
            return token if _reports(token, stretch, text) else None
    return None


def _reports(verb: Any, stretch: QuotedStretch, text: str) -> bool:
    """Whether a verb outside the cue lexicon reports the quote before it ("...," Hannity
    started): the quote ends in a comma and the verb takes it as its clause."""
    if stretch.close_at is None:
        return False
    if not text[stretch.start : stretch.close_at].rstrip().endswith(","):
        return False
    return any(
        c.dep_ in ("ccomp", "parataxis") and stretch.start <= c.idx < stretch.close_at
        for c in verb.children
    )


def _introduces_own(cue: Any) -> bool:
    """Whether ``cue`` governs a clause after it ("..." and he said CLAUSE)."""
    return any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children)


def _cue_before(doc: Any, starts: list[int], stretch: QuotedStretch, config: QuoteConfig,
                text: str) -> Any:
    """A cue just before the opening mark: "X said, "...", "X said: / "..." (next paragraph)."""
    i = _token_index(doc, starts, stretch.open_at)
    k = i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 0:
        return None
    before = doc[k]
    if "\n" in text[before.idx : stretch.open_at] and before.text != ":":
        return None
    introduces = before.text in (",", ":")
    for j in range(k, max(-1, k - config.cue_window), -1):
        token = doc[j]
        if token.text in _STOPS or "\n" in token.text:
            return None
        if is_cue(token, lemmas=config.cue_lemmas):
            if introduces or j == k or _governs(token, doc[min(i + 1, len(doc) - 1)]):
                return token
            return None
        if config.any_verb_introduces and introduces and token.pos_ == "VERB":
            return token
    return None


def _governs(cue: Any, token: Any) -> bool:
    """Whether ``token`` lies in a clause or object of ``cue``."""
    return any(
        child.dep_ in ("ccomp", "xcomp", "dobj", "attr", "oprd")
        and child.left_edge.i <= token.i <= child.right_edge.i
        for child in cue.children
    )


_HOLDERS = frozenset({"ccomp", "xcomp", "dobj"})  # what the cue says, when it holds the quote


def _clause_bounds(cue: Any, stretch: QuotedStretch) -> tuple[int, int]:
    """The quote widened to the cue's clause, infinitive or object when that holds the quote
    and starts before it (said the plan "will fail"; vowed to carry the "mantle"; stressed the
    need for "unshakeable commitment")."""
    start, end = stretch.start, stretch.end
    for child in cue.children:
        if child.dep_ not in _HOLDERS:
            continue
        lo = child.left_edge.idx
        hi = child.right_edge.idx + len(child.right_edge.text)
        if lo <= stretch.start and stretch.open_at < hi and lo < stretch.open_at:
            return min(start, lo), max(end, hi)
    return start, end


_COLON_NAMES = frozenset({"PERSON", "ORG"})


def _colon_name(doc: Any, starts: list[int], stretch: QuotedStretch,
                resolver: SpeakerResolver) -> Attribution | None:
    """ 'Name: "..."' -- a quote opened right after a colon that follows a person's or an
    organisation's name ("More from Jones: "..."", "Clinton: "..." Bush: "..."")."""
    cue_i = _token_index(doc, starts, stretch.open_at) - 1
    while cue_i > 0 and doc[cue_i].is_space:
        cue_i -= 1
    if cue_i < 1 or doc[cue_i].text != ":":
        return None
    name = doc[cue_i - 1]
    speaker = entity_at(name) if name.ent_type_ in _COLON_NAMES else None
    if speaker is None or speaker.end != name.idx + len(name.text):
        return None
    resolved = resolver.resolve(name).name
    if resolved is None:
        return None
    speaker = Speaker(resolved, speaker.start, speaker.end, speaker.name)
    return Attribution(stretch.start, stretch.end, cue_i, ":", speaker)


def sentence_like(text: str, *, stretch: QuotedStretch, config: QuoteConfig) -> bool:
    """Whether ``stretch`` reads as a sentence of its own: capitalised, and of
    ``config.min_words_unattributed`` words or more."""
    body = text[stretch.start : stretch.end]
    return len(body.split()) >= config.min_words_unattributed and body[:1].isupper()


def attribute_stretches(
    *, doc: Any, starts: list[int], stretches: list[QuotedStretch], config: QuoteConfig,
    resolver: SpeakerResolver,
) -> list[AttributedStretch]:
    """Every stretch of ``stretches`` with the attribution found for it, in order: its cue
    (after the quote, else before it), a "Name:" before it, or the attributed quote just
    before it that a sentence-like stretch in the same or the next paragraph continues.
    ``starts``: the character offset of every token of ``doc``."""
    text = doc.text  # built anew on every access: once here, not once a stretch
    found: list[AttributedStretch] = []
    previous: AttributedStretch | None = None
    for stretch in stretches:
        cue = (_cue_after(doc, starts, stretch, config, text)
               or _cue_before(doc, starts, stretch, config, text))
        attribution = None
        if cue is not None:
            start, end = _clause_bounds(cue, stretch)
            speaker = find_speaker(cue=cue, resolver=resolver)
            cue_text = "according to" if cue.lower_ == "according" else cue.text
            attribution = Attribution(start, end, cue.i, cue_text, speaker)
        elif (named := _colon_name(doc, starts, stretch, resolver)) is not None:
            attribution = named
        elif (
            previous is not None
            and previous.attribution is not None
            and stretch.paragraph - previous.stretch.paragraph <= 1
            and sentence_like(text, stretch=stretch, config=config)
        ):
            prev = previous.attribution
            attribution = Attribution(stretch.start, stretch.end, prev.cue_i, prev.cue,
                                      prev.speaker)
        current = AttributedStretch(stretch, attribution)
        found.append(current)
        if attribution is not None:
            previous = current
    return found
