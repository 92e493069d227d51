"""Attribution phrases set in or next to the clause they attribute.

"according to X, CLAUSE", "As X noted, CLAUSE", a parenthetical "CLAUSE, X said" the parser
hung on the clause, "In the poll, CLAUSE" and "To many, CLAUSE": what they attribute is the rest
of the clause they hang on, the phrase left out -- two parts when the phrase sits inside it
("The plan, X said, will fail").
"""

from __future__ import annotations

from typing import Any

from crosswire.stages.quotes.bounds import clause_bounds, clause_parts, edges

__all__ = [
    "as_clause",
    "clause_of",
    "opens_clause",
    "parenthetical",
    "rest_of_clause",
    "set_off",
    "source_parts",
]


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


def parenthetical(token: Any) -> bool:
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
    head_hi = edges(token.head)[1]
    return lo > 0 and token.doc[lo - 1].text == "," and hi >= head_hi


def rest_of_clause(cue: Any) -> tuple[tuple[int, int], ...]:
    """The clause ``cue``'s phrase hangs on, without the phrase.

    A phrase on a conjoined clause ("A did X and B did Y, according to Z") covers the whole
    coordination when it sits at the edge of it. A phrase inside its clause ("The plan, she
    said, will fail"; "Now, according to the poll, some are swinging") splits it in two parts,
    the words before the phrase and the words after it (each kept when it has two words).
    """
    head = cue.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head  # a phrase hung on a noun of the clause
    if head.i == cue.i:
        return ()
    heads = [head]
    while heads[-1].dep_ == "conj" and heads[-1].head.i != heads[-1].i:
        heads.append(heads[-1].head)
    c_lo, c_hi = edges(cue) if cue.dep_ == "prep" or as_clause(cue) else _speech_phrase(cue)
    for top in reversed(heads):
        lo, hi = edges(top)
        if c_lo <= lo:
            return clause_parts(cue.doc, (c_hi + 1, top.right_edge.i))
        if c_hi >= hi:
            return clause_parts(cue.doc, (top.left_edge.i, c_lo - 1))
    if not any(t.is_alpha for t in cue.doc[c_hi + 1 : head.right_edge.i + 1]):
        return ()
    return clause_parts(cue.doc, (head.left_edge.i, c_lo - 1), (c_hi + 1, head.right_edge.i))


def clause_of(cue: Any) -> tuple[int, int] | None:
    """Character bounds of what ``cue`` attributes (the last part of a split clause), or None
    when it attributes no clause."""
    if cue.lower_ == "according" or cue.dep_ == "parataxis":
        parts = rest_of_clause(cue)
        return parts[-1] if parts else None
    for child in cue.children:
        if child.dep_ == "ccomp":
            return clause_bounds(cue, child=child)
    return None


def as_clause(verb: Any) -> bool:
    """Whether ``verb`` heads an "As X noted," or "As reported by X," clause set off by a comma
    from the clause it attributes: a subject or agent of its own and the marker "as"."""
    if verb.dep_ != "advcl" or verb.pos_ != "VERB" or verb.i > verb.head.i:
        return False
    children = list(verb.children)
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in children):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in children):
        return False
    lo, hi = verb.left_edge.i, verb.right_edge.i
    doc = verb.doc
    return (hi + 1 < len(doc) and doc[hi + 1].text == ",") or (lo > 0 and doc[lo - 1].text == ",")


def set_off(prep: Any) -> bool:
    """Whether a prepositional phrase is set off from its clause by a comma ("In the poll, X")."""
    lo, hi = prep.i, prep.right_edge.i
    doc = prep.doc
    return (hi + 1 < len(doc) and doc[hi + 1].text == ",") or (lo > 0 and doc[lo - 1].text == ",")


def source_parts(prep: Any) -> tuple[tuple[int, int], ...]:
    """What an "in the poll" phrase set off by commas attributes: its clause, split around it
    ("In the poll, X"; "X, in his view, Y"); only the words before it when it follows the verb
    it hangs on ("X led by 8 points in the poll, a 10-point swing": what follows the comma is
    the writer's comment)."""
    parts = rest_of_clause(prep)
    verb = prep.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.i > prep.i:
        return parts
    return tuple(p for p in parts if p[1] <= prep.idx)


_LEAD_DEPS = frozenset({"cc", "advmod", "punct"})


def opens_clause(prep: Any) -> bool:
    """Whether a prepositional phrase opens its clause, set off by a comma ("To many, X";
    "But to his supporters, X"): only conjunctions and adverbs before it."""
    doc = prep.doc
    hi = prep.right_edge.i
    if prep.dep_ != "prep" or prep.head.i < hi or hi + 1 >= len(doc) or doc[hi + 1].text != ",":
        return False
    start = prep.sent.start
    return all(doc[k].dep_ in _LEAD_DEPS or doc[k].is_space for k in range(start, prep.i))
