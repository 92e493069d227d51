"""How far the content of a cue runs: token ranges of the parse turned into character bounds.

A clause or infinitive of a cue is its subtree on its side of the cue, edge punctuation and
spaces trimmed. Its tail is cut before a right dependent set off by a comma that is an
attribution of its own (", according to X", ", pointing to ...") and before a non-restrictive
relative clause closing it (", who ...", ", which ...": the writer's aside). It runs on over
clauses the parser hung on the cue that go on from it with no comma between ("say they will
leave | unless he quits"), and an object or prepositional object runs on over the phrases that
follow it straight on, a purpose infinitive ("praised the efforts of donors | to fight X") and
a conjoined noun or phrase the parser hung on the verb ("discussed the book | and the
campaign"); when and where phrases date the saying and are left out.
"""

from __future__ import annotations

from typing import Any

from crosswire.stages.quotes.config import DEFAULT_CUE_LEMMAS, DEFAULT_POSITION_LEMMAS

__all__ = [
    "clause_bounds",
    "clause_parts",
    "coordinated",
    "cut_aside",
    "cut_tail",
    "edges",
    "first_child",
    "object_tail",
    "one_part",
    "prep_tail",
    "purpose_tail",
    "trimmed",
]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
_CIRCUMSTANCE = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})
_EDGE_PUNCT = frozenset({",", ":", ";", "-", "\u2014", "\u2013", "(", ")"})


def first_child(token: Any, *, deps: tuple[str, ...]) -> Any | None:
    """The first child of ``token`` whose relation is one of ``deps`` (None: no such child)."""
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def one_part(bounds: tuple[int, int] | None) -> tuple[tuple[int, int], ...]:
    """``bounds`` as the parts of a content: one part, or none when there are no bounds."""
    return () if bounds is None else (bounds,)


def trimmed(doc: Any, *, first: int, last: int) -> tuple[int, int] | None:
    """Character bounds of tokens ``first`` to ``last`` (inclusive), edge punctuation and
    spaces left out; None when nothing is left."""
    while first <= last and (doc[first].text in _EDGE_PUNCT or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].text in _EDGE_PUNCT or doc[last].is_space):
        last -= 1
    if last < first:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def edges(token: Any) -> tuple[int, int]:
    """First and last token of ``token``'s subtree, edge punctuation and spaces left out."""
    lo, hi = token.left_edge.i, token.right_edge.i
    doc = token.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return lo, hi


def clause_parts(doc: Any, *ranges: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """Character bounds of each token range, trimmed, that holds a word (two words when there
    are several ranges: "Now, according to the poll, ..." keeps no part "Now")."""
    out = []
    for first, last in ranges:
        bounds = trimmed(doc, first=first, last=last)
        words = sum(1 for t in doc[first : last + 1] if t.is_alpha)
        if bounds is not None and words >= (2 if len(ranges) > 1 else 1):
            out.append(bounds)
    return tuple(out)


_BREAKS = frozenset({",", "\u2014", "\u2013", "-", "--", ";", "("})
_TAIL_CLAUSES = frozenset({"advcl", "parataxis", "conj", "acl"})
# Gerunds that open an attribution of their own (", saying ...", ", pointing to ...").
_SPEECH_GERUNDS = DEFAULT_CUE_LEMMAS | DEFAULT_POSITION_LEMMAS


def cut_tail(head: Any, *, last: int) -> int:
    """``last`` moved before the first right dependent of ``head`` set off by a comma or dash
    that is an attribution of its own (", according to X", ", pointing to ...", ", he said").
    A gerund of another verb goes on with the content (", leaving the choice to X")."""
    doc = head.doc
    for child in head.rights:
        lo = child.left_edge.i
        if lo > last or lo == 0 or doc[lo - 1].text not in _BREAKS:
            continue
        own = child.lower_ == "according" or child.dep_ == "parataxis" or (
            child.dep_ in _TAIL_CLAUSES and child.tag_ == "VBG"
            and child.lemma_.lower() in _SPEECH_GERUNDS)
        if own:
            return lo - 2
    return last


def clause_bounds(cue: Any, *, child: Any) -> tuple[int, int] | None:
    """A clause or infinitive of ``cue``: its subtree on its side of the cue, tail cut."""
    first, last = child.left_edge.i, child.right_edge.i
    if child.i > cue.i:
        first = max(first, cue.i + 1)
        last = _run_on(cue, child, last)
    else:
        last = min(last, cue.i - 1)
    last = cut_aside(cue.doc, first, cut_tail(child, last=last))
    return trimmed(cue.doc, first=first, last=last)


_ASIDE_OPENERS = frozenset({"who", "which", "whose", "whom"})


def cut_aside(doc: Any, first: int, last: int) -> int:
    """``last`` moved before a non-restrictive relative clause that closes the content
    ("said the plan will help Smith, who faces a tough race"): the writer's aside on a word of
    the content, not part of what was reported."""
    for token in doc[first : last + 1]:
        lo = token.left_edge.i
        if (
            token.dep_ == "relcl" and lo > first + 1 and doc[lo - 1].text == ","
            and doc[lo].lower_ in _ASIDE_OPENERS and token.right_edge.i >= last
        ):
            return lo - 2
    return last


_JOINED_POS = frozenset({"NOUN", "NUM", "ADP", "PRON"})
_JOINERS = frozenset({"cc", "punct", "advmod"})


def coordinated(verb: Any, *, last: int) -> int:
    """``last`` moved over a noun, number or phrase joined by "and"/"but" that the parser hung
    on ``verb`` instead of on the content ("will discuss his book | and the campaign", "paid
    $200 to A | and $47 to B"); a conjoined verb is a predicate of its own."""
    doc = verb.doc
    for right in verb.rights:
        if right.dep_ != "conj" or right.i <= last:
            continue
        between = doc[last + 1 : right.left_edge.i]
        joined = any(t.dep_ == "cc" for t in between) and all(
            t.dep_ in _JOINERS and t.head.i == verb.i for t in between)
        return right.right_edge.i if joined and right.pos_ in _JOINED_POS else last
    return last


def _run_on(cue: Any, child: Any, last: int) -> int:
    """``last`` moved over clauses the parser hung on ``cue`` that go on from its clause with
    no comma between ("say they will leave | unless he quits", "told them that A | and B"),
    and over a conjoined noun or phrase (:func:`coordinated`)."""
    if cue.pos_ not in ("VERB", "AUX"):
        return last
    last = coordinated(cue, last=last)
    for right in cue.rights:
        if right.i <= child.i or right.dep_ not in ("advcl", "conj"):
            continue
        if right.dep_ == "conj" and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in right.children
        ):
            last = right.right_edge.i  # "said that A, but that B": a second reported clause
            continue
        if right.dep_ == "conj" and not any(c.dep_ in _SUBJECTS for c in right.children):
            break  # "said X and added Y": a second predicate of the speaker
        gap = {cue.doc[last].text, cue.doc[max(last - 1, 0)].text}
        if right.left_edge.i != last + 1 or gap & _BREAKS or right.tag_ == "VBG":
            break
        last = right.right_edge.i
    return last


def prep_tail(verb: Any, *, prep: Any, obj: Any) -> int:
    """The last token of ``prep``'s object and of the phrases of ``verb`` that follow it
    straight on ("talked about X | with Y"), up to a when or where phrase (it dates the
    saying)."""
    last = obj.right_edge.i
    for child in verb.rights:
        if child.i <= prep.i or child.dep_ != "prep" or child.left_edge.i != last + 1:
            continue
        then = first_child(child, deps=("pobj",))
        if then is not None and then.ent_type_ in _CIRCUMSTANCE:
            break
        last = child.right_edge.i
    return last


def purpose_tail(verb: Any, *, last: int) -> int:
    """``last`` moved over an infinitive of ``verb`` right after it, with no comma between
    ("praised the efforts of donors | to fight the plan", "defended his call | to raise X")."""
    doc = verb.doc
    for child in verb.rights:
        if child.dep_ != "advcl" or child.left_edge.i != last + 1:
            continue
        opener = doc[last + 1]
        if opener.lower_ == "to" and opener.dep_ == "aux":
            last = child.right_edge.i
    return last


def object_tail(verb: Any, *, target: Any) -> int:
    """The last token of the prepositional phrases that follow ``verb``'s object ("raised
    questions | about X", "showed a dead heat | between A and B"), when and where phrases left
    out (they date the saying, not what was said)."""
    last = target.right_edge.i
    for child in verb.rights:
        if child.i <= target.i or child.dep_ != "prep":
            continue
        obj = first_child(child, deps=("pobj",))
        if obj is not None and obj.ent_type_ in _CIRCUMSTANCE:
            continue
        last = max(last, child.right_edge.i)
    return coordinated(verb, last=purpose_tail(verb, last=last))
