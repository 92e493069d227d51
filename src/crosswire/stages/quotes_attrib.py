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


def _edges(token: Any) -> tuple[int, int]:
    """First and last token of ``token``'s subtree, edge punctuation and spaces left out."""
    lo, hi = token.left_edge.i, token.right_edge.i
    doc = token.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return lo, hi


def _speech_phrase(cue: Any) -> tuple[int, int]:
    """The tokens of a parenthetical "X said (in an interview)": subject, verb, what follows."""
    lo, hi = cue.i, cue.i
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        nearest = min(subjects, key=lambda c: abs(c.i - cue.i))
        lo, hi = min(lo, nearest.left_edge.i), max(hi, nearest.right_edge.i)
    for child in cue.rights:
        if not child.is_punct:
            hi = max(hi, child.right_edge.i)
    return lo, hi


def _parenthetical(token: Any) -> bool:
    """Whether ``token`` is a clause-final "..., she said." that the parser hung on the clause
    as a modifier or conjunct instead of making the clause its complement."""
    if token.dep_ not in ("advcl", "conj") or token.pos_ != "VERB":
        return False
    children = list(token.children)
    if any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in children):
        return False
    if not any(c.dep_ == "nsubj" for c in children):
        return False
    lo, hi = _speech_phrase(token)
    head_hi = _edges(token.head)[1]
    return lo > 0 and token.doc[lo - 1].text == "," and hi >= head_hi


def _rest_of_clause(cue: Any) -> tuple[int, int] | None:
    """The clause ``cue``'s phrase hangs on, without the phrase (it must sit at an edge).

    A phrase on a conjoined clause ("A did X and B did Y, according to Z") covers the whole
    coordination when it sits at the edge of it.
    """
    head = cue.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head  # a phrase hung on a noun of the clause
    if head.i == cue.i:
        return None
    heads = [head]
    while heads[-1].dep_ == "conj" and heads[-1].head.i != heads[-1].i:
        heads.append(heads[-1].head)
    c_lo, c_hi = _speech_phrase(cue) if cue.dep_ != "prep" else _edges(cue)
    for top in reversed(heads):
        lo, hi = _edges(top)
        if c_lo <= lo:
            return _trimmed(cue.doc, c_hi + 1, top.right_edge.i)
        if c_hi >= hi:
            return _trimmed(cue.doc, top.left_edge.i, c_lo - 1)
    return None


def clause_of(cue: Any) -> tuple[int, int] | None:
    """Character bounds of what ``cue`` attributes, or None when it attributes no clause."""
    if cue.lower_ == "according" or cue.dep_ == "parataxis":
        return _rest_of_clause(cue)
    for child in cue.children:
        if child.dep_ == "ccomp":
            return _clause_bounds(cue, child)
    return None


_CLAUSAL = frozenset({"ccomp", "parataxis", "according"})  # relations that carry a clause
_BREAKS = frozenset({",", "\u2014", "\u2013", "-", "--", ";", "("})
_TAIL_CLAUSES = frozenset({"advcl", "parataxis", "conj", "acl"})


def _cut_tail(head: Any, last: int) -> int:
    """``last`` moved before the first right dependent of ``head`` set off by a comma or dash
    that is an attribution of its own (", according to X", ", pointing to ...", ", he said")."""
    doc = head.doc
    for child in head.rights:
        lo = child.left_edge.i
        if lo > last or lo == 0 or doc[lo - 1].text not in _BREAKS:
            continue
        own = child.lower_ == "according" or child.dep_ == "parataxis" or (
            child.dep_ in _TAIL_CLAUSES and child.tag_ == "VBG")
        if own:
            return lo - 2
    return last


def _clause_bounds(cue: Any, child: Any) -> tuple[int, int] | None:
    """A clause or infinitive of ``cue``: its subtree on its side of the cue, tail cut."""
    first, last = child.left_edge.i, child.right_edge.i
    if child.i > cue.i:
        first = max(first, cue.i + 1)
    else:
        last = min(last, cue.i - 1)
    return _trimmed(cue.doc, first, _cut_tail(child, last))


def _child(token: Any, deps: tuple[str, ...]) -> Any | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def _relation(token: Any) -> tuple[str, tuple[int, int] | None] | None:
    """The kind of content ``token`` governs and its bounds, most speech-like kind first."""
    if token.lower_ == "according" or token.dep_ == "parataxis" or _parenthetical(token):
        return ("according" if token.lower_ == "according" else "parataxis"), _rest_of_clause(token)
    if token.pos_ not in ("VERB", "AUX"):
        return None
    for dep in ("ccomp", "xcomp"):
        child = _child(token, (dep,))
        if child is not None:
            return dep, _clause_bounds(token, child)
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
    """Candidates whose key was learned as a cue, or that the hand lexicons accept.

    A cue inside the content of a reported clause ("X said they want Y", "X said Y believes
    Z") is part of that content, not an attribution of its own (PolNeAR marks the outer one).
    """
    chosen = []
    for cand in attribution_candidates(doc=doc, taken=taken, quoted=quoted, persons=persons,
                                       min_words=config.min_indirect_words):
        relation = cand.key.split("/", 1)[1]
        learned = cand.key in config.learned_cues
        rejected = cand.key in config.rejected_cues
        speaker = cand.attribution.speaker
        if learned or (not rejected and _hand_rule(cand.token, relation, speaker, config)):
            chosen.append(cand)
    clauses = [c for c in chosen if c.key.split("/", 1)[1] in _CLAUSAL]
    return [
        c.attribution for c in chosen
        if not any(
            o.attribution.start <= c.token.idx < o.attribution.end
            for o in clauses if o.token.i != c.token.i
        )
    ]

