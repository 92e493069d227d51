"""Which dependency relation of a cue token carries the content, and the content's bounds.

:func:`relation_of` gives the kind of content a token governs, most speech-like first: an
attribution phrase (:mod:`~crosswire.stages.quotes.phrases`), a noun's or adjective's
(:mod:`~crosswire.stages.quotes.nominal`), or a verb's clause, infinitive, object or
prepositional object. The subject of a raising verb or a passive with an infinitive ("The budget
is expected to cut X") belongs to the content, which then runs from it over the verb, and so
does the object before an infinitive ("urged voters to stay home"). "X sees Y as Z" and "Y is
seen as Z" (``dobj_as``, ``pass_as``), "asked (X) if Y" (``if_clause``), "called for X to Y"
(parsed as a clause marked by "for": ``prep_for``) and a verb of charging, blaming or praising
("accused him of lying", ``dobj_of``; "Roof is accused | of killing nine people", two parts,
``pass_of``; a lone pronoun subject is left out, and a sum or a count is no one judged: "charged
$5 for delivery") have relations of their own.
"""

from __future__ import annotations

from typing import Any

from crosswire.stages.quotes.bounds import (
    clause_bounds,
    coordinated,
    cut_aside,
    cut_tail,
    first_child,
    object_tail,
    one_part,
    prep_tail,
    purpose_tail,
    trimmed,
)
from crosswire.stages.quotes.nominal import adjective_relation, nominal_relation
from crosswire.stages.quotes.phrases import (
    as_clause,
    opens_clause,
    parenthetical,
    rest_of_clause,
    set_off,
    source_parts,
)

__all__ = [
    "JUDGING_VERBS",
    "QUESTION_VERBS",
    "complement",
    "relation_of",
]

_FRAME_PREPS = frozenset({"to"})
QUESTION_VERBS = frozenset({"ask", "wonder", "question", "inquire", "query"})


def relation_of(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """The kind of content ``token`` governs and its parts (bounds; two for a clause split by
    the attribution phrase), most speech-like kind first."""
    if token.dep_ == "parataxis" and _after_semicolon(token):
        return None  # "X is a nod to Y; she announced ...": a sentence of its own, not X's cue
    if token.lower_ == "according" or token.dep_ == "parataxis" or parenthetical(token):
        kind = "according" if token.lower_ == "according" else "parataxis"
        return kind, rest_of_clause(token)
    if as_clause(token):
        return "as_clause", rest_of_clause(token)
    if token.lower_ == "in" and token.dep_ == "prep" and set_off(token):
        return "in_source", source_parts(token)
    if token.lower_ in _FRAME_PREPS and opens_clause(token):
        return "frame", rest_of_clause(token)
    if token.pos_ == "NOUN":
        return nominal_relation(token)
    if token.pos_ == "ADJ" and token.dep_ in ("acomp", "oprd"):
        return adjective_relation(token)
    if token.pos_ not in ("VERB", "AUX"):
        return None
    for dep in ("ccomp", "xcomp"):
        child = complement(token, dep=dep)
        if child is not None:
            clause = one_part(clause_bounds(token, child=child))
            subject = _raised_subject(token, child) or _object_before(token, child)
            if clause and subject:
                return dep, ((subject[0][0], clause[0][1]),)
            return dep, clause
    asked = _asked_if(token) if token.lemma_.lower() in QUESTION_VERBS else None
    regarded = _regarded_as(token) or _regarded_passive(token) or asked
    if regarded is not None:
        return regarded
    judged = _judged_passive(token)
    if judged is not None:
        return judged
    target = first_child(token, deps=("dobj",))
    if target is not None:
        last = target.right_edge.i
        predicate = first_child(token, deps=("oprd",))
        if predicate is not None:
            last = max(last, predicate.right_edge.i)
        last = cut_tail(token, last=max(last, object_tail(token, target=target)))
        last = cut_aside(token.doc, target.left_edge.i, last)  # ", which he dubbed ..."
        kind = "dobj_of" if _judged_for(token, target) is not None else "dobj"
        return kind, one_part(trimmed(token.doc, first=target.left_edge.i, last=last))
    for_clause = _for_clause(token)
    if for_clause is not None:
        bounds = trimmed(token.doc, first=for_clause.left_edge.i + 1,
                         last=for_clause.right_edge.i)
        return "prep_for", one_part(bounds)
    for child in token.children:
        obj = first_child(child, deps=("pobj", "pcomp")) if child.dep_ == "prep" else None
        if obj is not None:
            tail = purpose_tail(token, last=prep_tail(token, prep=child, obj=obj))
            last = coordinated(token, last=tail)
            bounds = trimmed(token.doc, first=obj.left_edge.i, last=last)
            return f"prep_{child.lower_}", one_part(bounds)
    return None


def _after_semicolon(token: Any) -> bool:
    """Whether a semicolon stands between ``token``'s clause and the clause it hangs on."""
    doc = token.doc
    lo, hi = sorted((token.head.i, token.left_edge.i))
    return any(doc[k].text == ";" for k in range(lo, hi))


def complement(verb: Any, *, dep: str) -> Any | None:
    """``verb``'s clause or infinitive (``dep``): the first one after it, else the first one
    ("X, she said"). A clause before the verb next to one after it is another sentence the
    parser hung on it ("Ryan was firm; Trump must show that he deserves it"), unless a
    semicolon or colon parts the verb from the later one ("X, he said; Y": X is what he said);
    so is a clause before it that a semicolon ends ("X is a nod to Y; she announced ...").
    """
    found = [c for c in verb.children if c.dep_ == dep]
    before = next((c for c in found if c.i < verb.i), None)
    after = next((c for c in found if c.i > verb.i), None)
    doc = verb.doc
    if before is not None and any(doc[k].text == ";" for k in range(before.right_edge.i,
                                                                       verb.i)):
        before = None  # "X is a nod to Y; she announced ...": X is a sentence of its own
    if after is None or (before is not None and _parted(verb, after)):
        return before
    return after


def _parted(verb: Any, clause: Any) -> bool:
    """Whether a semicolon or a colon stands between ``verb`` and the later ``clause``."""
    doc = verb.doc
    return any(doc[k].text in (";", ":") for k in range(verb.i + 1, clause.left_edge.i))


def _for_clause(verb: Any) -> Any | None:
    """The "for X to Y" clause right after ``verb`` ("called for the wage to be raised"), which
    the parser makes a clause marked by "for" instead of the object of "for"; None otherwise."""
    doc = verb.doc
    for child in verb.rights:
        opener = doc[child.left_edge.i]
        if (child.dep_ == "advcl" and opener.lower_ == "for" and opener.dep_ == "mark"
                and opener.head.i == child.i and child.left_edge.i == verb.i + 1):
            return child
    return None


def _object_before(verb: Any, child: Any) -> tuple[tuple[int, int], ...]:
    """The object between ``verb`` and its infinitive ("urged voters | to stay home", "asked
    the board | to resign"): the one the content is about; () otherwise."""
    if child.dep_ != "xcomp":
        return ()
    obj = first_child(verb, deps=("dobj",))
    if obj is None or not verb.i < obj.i < child.i:
        return ()
    return one_part(trimmed(verb.doc, first=obj.left_edge.i, last=obj.right_edge.i))


_RAISING = frozenset({"appear", "seem"})


def _raised_subject(verb: Any, child: Any) -> tuple[tuple[int, int], ...]:
    """The subject of "X appears / seems / is expected to Y" (a raising verb or a passive with
    an infinitive): part of what is attributed, not its source; () for other verbs."""
    if child.dep_ != "xcomp" or child.i < verb.i:
        return ()
    deps = ("nsubj", "nsubjpass") if verb.lemma_.lower() in _RAISING else ("nsubjpass",)
    subject = first_child(verb, deps=deps)
    if subject is None or subject.i > verb.i or subject.right_edge.i == subject.left_edge.i:
        return ()  # a one-word subject ("he", "who") is worth less than the verb words it adds
    return one_part(trimmed(verb.doc, first=subject.left_edge.i, last=subject.right_edge.i))


def _regarded_as(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """ "X sees Y as Z" (``dobj_as``): the object and its "as" phrase."""
    as_prep = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "as"), None)
    target = first_child(token, deps=("dobj",))
    if as_prep is None or target is None or target.i > as_prep.i:
        return None
    last = cut_tail(token, last=as_prep.right_edge.i)
    bounds = trimmed(token.doc, first=target.left_edge.i, last=last)
    return "dobj_as", one_part(bounds)


_WH_TAGS = frozenset({"WDT", "WP"})  # "who", "which", "that" opening a relative clause


def _regarded_passive(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """ "Y is seen as Z" / "Y was deemed Z" (``pass_as``): from the passive subject over the
    verb to what the subject is regarded as (one stretch, as the view reads)."""
    subject = first_child(token, deps=("nsubjpass",))
    if token.pos_ != "VERB" or subject is None or subject.i > token.i or subject.tag_ in _WH_TAGS:
        return None
    predicate = next((c for c in token.rights if c.dep_ in ("oprd", "acomp", "attr") or (
        c.dep_ == "prep" and c.lower_ == "as")), None)
    if predicate is None or predicate.right_edge.i == predicate.i == token.i + 1 and (
            predicate.dep_ == "prep"):  # "It was seen as." says nothing
        return None
    doc = token.doc
    last = cut_tail(token, last=predicate.right_edge.i)
    return "pass_as", one_part(trimmed(doc, first=subject.left_edge.i, last=last))


# Verbs of charging, blaming or praising someone for something ("accused him of lying",
# "was criticized for failing to act"): the charge is what the accuser holds of the accused.
JUDGING_VERBS = frozenset("""accuse charge blame criticize criticise fault praise credit commend
    applaud thank condemn slam hail laud chide rebuke scold castigate lambaste blast denounce
    indict suspect convict sue""".split())
_JUDGING_PREPS = frozenset({"of", "with", "for"})
_AMOUNTS = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL"})


def _amount(token: Any) -> bool:
    """Whether ``token`` is a sum or a count ("charged $5 for delivery"): not someone judged."""
    return token.like_num or token.ent_type_ in _AMOUNTS


def _judged_for(verb: Any, after: Any) -> Any | None:
    """The "of" / "with" / "for" phrase after ``after`` that a verb of :data:`JUDGING_VERBS`
    charges or credits someone with ("accused him | of lying"); None otherwise."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in JUDGING_VERBS or _amount(after):
        return None
    return next((c for c in verb.rights if c.dep_ == "prep" and c.i > after.i
                 and c.lower_ in _JUDGING_PREPS
                 and first_child(c, deps=("pobj", "pcomp")) is not None),
                None)


def _judged_passive(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """ "Y is accused of X" / "Y was criticized for X" (``pass_of``): the passive subject and
    the charge, two parts (the verb is the attribution phrase); a subject that is a lone
    pronoun ("He is accused of X", "who was blamed for X") is left out, the charge kept."""
    subject = first_child(token, deps=("nsubjpass",))
    if subject is None or subject.i > token.i:
        return None
    charge = _judged_for(token, subject)
    if charge is None:
        return None
    doc = token.doc
    lone = subject.pos_ == "PRON" and subject.left_edge.i == subject.right_edge.i
    parts = (None if lone else trimmed(doc, first=subject.left_edge.i, last=subject.right_edge.i),
             trimmed(doc, first=charge.i, last=cut_tail(token, last=charge.right_edge.i)))
    return "pass_of", tuple(p for p in parts if p is not None)


_IF_MARKS = frozenset({"if", "whether"})


def _asked_if(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """ "asked (X) if CLAUSE" (``if_clause``): the question, which the parser makes a clause
    marked by "if" or "whether" modifying the verb, right after the verb or its object (a
    condition further on is not the question: "will ask for a recount if she loses")."""
    target = first_child(token, deps=("dobj",))
    next_to = {token.i + 1} | ({target.right_edge.i + 1} if target is not None else set())
    for child in token.rights:
        if child.dep_ == "advcl" and child.left_edge.i in next_to and any(
            c.dep_ == "mark" and c.lower_ in _IF_MARKS for c in child.children
        ):
            bounds = trimmed(token.doc, first=child.left_edge.i, last=child.right_edge.i)
            return "if_clause", one_part(bounds)
    return None
