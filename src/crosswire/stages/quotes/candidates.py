"""Indirect (reported) speech from the dependency parse: candidates and the chosen attributions.

Every token outside quotes that governs content (:func:`~crosswire.stages.quotes.relations.
relation_of`) is a :class:`Candidate` keyed ``lemma/relation`` ("say/ccomp"); it is chosen when
its key was learned as a cue, or the hand rules (:mod:`~crosswire.stages.quotes.rules`) accept
it and it was not rejected. A cue inside the content of another reported clause is part of that
content, not an attribution of its own.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.stages.quotes.bounds import first_child
from crosswire.stages.quotes.config import QuoteConfig
from crosswire.stages.quotes.relations import relation_of
from crosswire.stages.quotes.resolve import SpeakerResolver
from crosswire.stages.quotes.rules import hand_rule
from crosswire.stages.quotes.speaker import Speaker, find_speaker

__all__ = [
    "Attribution",
    "Candidate",
    "attribution_candidates",
    "cue_key",
    "indirect_attributions",
]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible attribution with its lexicon key (``lemma/relation``) and cue token."""

    key: str
    token: Any
    attribution: Attribution


@dataclass(frozen=True, slots=True)
class Attribution:
    """Content ``[start, end)`` attributed by the cue token ``cue_i`` to ``speaker``."""

    start: int
    end: int
    cue_i: int
    cue: str
    speaker: Speaker | None


_CLAUSAL = frozenset({"ccomp", "parataxis", "according"})  # relations that carry a clause


def cue_key(token: Any, *, relation: str) -> str:
    """The lexicon key of a cue: ``lemma/relation`` ("say/ccomp", "call/prep_for")."""
    lemma = "according" if token.lower_ == "according" else token.lemma_.lower()
    return f"{lemma}/{relation}"


def _that_said(token: Any) -> bool:
    """The idiom "That said, ..." (a concession, not speech)."""
    doc = token.doc
    return (
        token.lower_ == "said" and 0 < token.i < len(doc) - 1
        and doc[token.i - 1].lower_ == "that" and doc[token.i + 1].text == ","
        and (token.i == 1 or doc[token.i - 2].is_sent_end or doc[token.i - 2].is_punct)
    )


def _disjoint(ranges: Sequence[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """``ranges`` merged into sorted, disjoint ones, as their starts and their ends."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(ranges):
        if starts and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        elif s < e:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _inside(at: int, ranges: tuple[list[int], list[int]]) -> bool:
    """Whether ``at`` falls in one of the disjoint ranges given as (starts, ends)."""
    k = bisect_right(ranges[0], at) - 1
    return k >= 0 and at < ranges[1][k]


def attribution_candidates(
    *,
    doc: Any,
    taken: frozenset[int],
    quoted: Sequence[tuple[int, int]],
    resolver: SpeakerResolver,
    min_words: int,
    one_word_lemmas: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Every token governing a clause, infinitive or object, outside quotes, as a candidate
    (content of ``min_words`` words at least, or a one-word object of a verb in
    ``one_word_lemmas``: "endorsed Trump")."""
    out: list[Candidate] = []
    inside = _disjoint(quoted)
    for token in doc:
        if token.i in taken or _inside(token.idx, inside) or _that_said(token):
            continue
        found = relation_of(token)
        if found is None or not found[1]:
            continue
        relation, parts = found
        words = sum(
            1 for bounds in parts
            for t in doc.char_span(*bounds, alignment_mode="expand") if t.is_alpha
        )
        if words < min_words and not _named_object(token, relation, words, one_word_lemmas):
            continue
        speaker = find_speaker(cue=token, resolver=resolver)
        cue = "according to" if token.lower_ == "according" else token.text
        out.extend(
            Candidate(cue_key(token, relation=relation), token,
                      Attribution(start, end, token.i, cue, speaker))
            for start, end in parts
        )
    return out


def _named_object(token: Any, relation: str, words: int, lemmas: frozenset[str]) -> bool:
    """Whether a one-word content is the object of a verb in ``lemmas`` ("endorsed Trump",
    "opposes it"): the position is about what the word names."""
    if words != 1 or relation != "dobj" or token.lemma_.lower() not in lemmas:
        return False
    target = first_child(token, deps=("dobj",))
    return target is not None and target.pos_ in ("NOUN", "PROPN", "PRON")


def indirect_attributions(
    *,
    doc: Any,
    config: QuoteConfig,
    taken: frozenset[int],
    quoted: Sequence[tuple[int, int]],
    resolver: SpeakerResolver,
) -> list[Attribution]:
    """Candidates whose key was learned as a cue, or that the hand lexicons accept.

    A cue inside the content of a reported clause ("X said they want Y", "X said Y believes
    Z") is part of that content, not an attribution of its own (PolNeAR marks the outer one).
    """
    chosen = []
    for cand in attribution_candidates(doc=doc, taken=taken, quoted=quoted, resolver=resolver,
                                       min_words=config.min_indirect_words,
                                       one_word_lemmas=config.position_lemmas):
        relation = cand.key.split("/", 1)[1]
        learned = cand.key in config.learned_cues
        rejected = cand.key in config.rejected_cues
        speaker = cand.attribution.speaker
        if learned or (not rejected and hand_rule(cand.token, relation=relation, speaker=speaker,
                                                  config=config)):
            chosen.append(cand)
    clauses = [c for c in chosen if c.key.split("/", 1)[1] in _CLAUSAL]
    nominal = {c.token.i for c in chosen if c.key.split("/", 1)[1].startswith("noun_")}
    return [
        c.attribution for c in chosen
        if not any(
            o.attribution.start <= c.token.idx < o.attribution.end
            for o in clauses if o.token.i != c.token.i
        )
        and not _names_nominal_cue(c, nominal)
    ]


def _names_nominal_cue(cand: Candidate, nominal: set[int]) -> bool:
    """Whether ``cand`` is a verb whose object is a chosen nominal cue ("voiced support for X":
    the noun's own attribution, X, is the content, not "support for X")."""
    if not cand.key.endswith("/dobj"):
        return False
    target = first_child(cand.token, deps=("dobj",))
    return target is not None and target.i in nominal
