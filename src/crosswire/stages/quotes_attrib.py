"""Indirect (reported) speech from the dependency parse.

"X said (that) CLAUSE" gives the clause (the cue verb's ``ccomp``) attributed to X;
"according to X, CLAUSE" and parenthetical "CLAUSE, X said" give the rest of the clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.stages.quotes_config import QuoteConfig
from crosswire.stages.quotes_speaker import Speaker, find_speaker, is_cue

__all__ = [
    "Attribution",
    "Candidate",
    "attribution_candidates",
    "clause_of",
    "cue_key",
    "indirect_attributions",
]

_EDGE_PUNCT = frozenset({",", ":", ";", "-", "\u2014", "\u2013", "(", ")"})


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


def _trimmed(doc: Any, first: int, last: int) -> tuple[int, int] | None:
    while first <= last and (doc[first].text in _EDGE_PUNCT or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].text in _EDGE_PUNCT or doc[last].is_space):
        last -= 1
    if last < first:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _rest_of_clause(cue: Any) -> tuple[int, int] | None:
    """The clause ``cue``'s phrase hangs on, without the phrase (it must sit at an edge)."""
    head = cue.head
    if head is cue:
        return None
    lo, hi = head.left_edge.i, head.right_edge.i
    c_lo, c_hi = cue.left_edge.i, cue.right_edge.i
    if c_lo <= lo:
        return _trimmed(cue.doc, c_hi + 1, hi)
    if c_hi >= hi:
        return _trimmed(cue.doc, lo, c_lo - 1)
    return None


def clause_of(cue: Any) -> tuple[int, int] | None:
    """Character bounds of what ``cue`` attributes, or None when it attributes no clause."""
    if cue.lower_ == "according" or cue.dep_ == "parataxis":
        return _rest_of_clause(cue)
    for child in cue.children:
        if child.dep_ == "ccomp":
            return _trimmed(cue.doc, child.left_edge.i, child.right_edge.i)
    return None


def _child(token: Any, deps: tuple[str, ...]) -> Any | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def _relation(token: Any) -> tuple[str, tuple[int, int] | None] | None:
    """The kind of content ``token`` governs and its bounds, most speech-like kind first."""
    if token.lower_ == "according" or token.dep_ == "parataxis":
        return ("according" if token.lower_ == "according" else "parataxis"), _rest_of_clause(token)
    if token.pos_ not in ("VERB", "AUX"):
        return None
    for dep in ("ccomp", "xcomp"):
        child = _child(token, (dep,))
        if child is not None:
            return dep, _trimmed(token.doc, child.left_edge.i, child.right_edge.i)
    target = _child(token, ("dobj",))
    if target is not None:
        last = target.right_edge.i
        predicate = _child(token, ("oprd",))
        if predicate is not None:
            last = max(last, predicate.right_edge.i)
        return "dobj", _trimmed(token.doc, target.left_edge.i, last)
    for child in token.children:
        obj = _child(child, ("pobj", "pcomp")) if child.dep_ == "prep" else None
        if obj is not None:
            return f"prep_{child.lower_}", _trimmed(token.doc, obj.left_edge.i, obj.right_edge.i)
    return None


def cue_key(token: Any, relation: str) -> str:
    """The lexicon key of a cue: ``lemma/relation`` ("say/ccomp", "call/prep_for")."""
    lemma = "according" if token.lower_ == "according" else token.lemma_.lower()
    return f"{lemma}/{relation}"


def _hand_rule(token: Any, relation: str, speaker: Speaker | None, config: QuoteConfig) -> bool:
    if relation == "according":
        return True
    if relation in ("ccomp", "parataxis"):
        return is_cue(token, lemmas=config.cue_lemmas)
    prep_ok = relation.startswith("prep_") and relation[5:] in config.position_preps
    return (
        speaker is not None
        and (relation in ("xcomp", "dobj") or prep_ok)
        and is_cue(token, lemmas=config.position_lemmas)
    )


def _inside(at: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(s <= at < e for s, e in ranges)


def attribution_candidates(
    *,
    doc: Any,
    taken: frozenset[int],
    quoted: Sequence[tuple[int, int]],
    persons: Sequence[tuple[int, int, str]],
    min_words: int,
) -> list[Candidate]:
    """Every token governing a clause, infinitive or object, outside quotes, as a candidate."""
    out: list[Candidate] = []
    for token in doc:
        if token.i in taken or _inside(token.idx, quoted):
            continue
        found = _relation(token)
        if found is None or found[1] is None:
            continue
        relation, bounds = found[0], found[1]
        words = sum(1 for t in doc.char_span(*bounds, alignment_mode="expand") if t.is_alpha)
        if words < min_words:
            continue
        speaker = find_speaker(cue=token, persons=persons)
        cue = "according to" if token.lower_ == "according" else token.text
        out.append(Candidate(cue_key(token, relation), token,
                             Attribution(bounds[0], bounds[1], token.i, cue, speaker)))
    return out


def indirect_attributions(
    *,
    doc: Any,
    config: QuoteConfig,
    taken: frozenset[int],
    quoted: Sequence[tuple[int, int]],
    persons: Sequence[tuple[int, int, str]],
) -> list[Attribution]:
    """Candidates whose key was learned as a cue, or that the hand lexicons accept."""
    out = []
    for cand in attribution_candidates(doc=doc, taken=taken, quoted=quoted, persons=persons,
                                       min_words=config.min_indirect_words):
        relation = cand.key.split("/", 1)[1]
        learned = cand.key in config.learned_cues
        rejected = cand.key in config.rejected_cues
        speaker = cand.attribution.speaker
        if learned or (not rejected and _hand_rule(cand.token, relation, speaker, config)):
            out.append(cand.attribution)
    return out
