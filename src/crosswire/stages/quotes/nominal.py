"""Relations of statement and stance nouns and of predicative adjectives.

A noun's "that"-clause, infinitive or prepositional object ("X's claim that CLAUSE", "X's
decision to Y", "X voiced support for Y": ``noun_that``, ``noun_to``, ``noun_prep_for``), what a
subject noun is ("The idea is that X", ``noun_be_that``; "The plan is to X", ``noun_be_to``) and
a predicative adjective's clause, infinitive or prepositional object ("is wary of Y",
``adj_prep_of``).
"""

from __future__ import annotations

from typing import Any

from crosswire.stages.quotes.bounds import clause_bounds, first_child, one_part, trimmed

__all__ = ["adjective_relation", "nominal_relation"]


def _prep_object(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """The first prepositional object of ``token``: ("prep_for", its bounds)."""
    for child in token.rights:
        obj = first_child(child, deps=("pobj", "pcomp")) if child.dep_ == "prep" else None
        if obj is not None:
            bounds = trimmed(token.doc, first=obj.left_edge.i, last=obj.right_edge.i)
            return f"prep_{child.lower_}", one_part(bounds)
    return None


def nominal_relation(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """A noun's "that"-clause ("the claim that X") or prepositional object ("criticism of X"),
    as ``noun_that`` / ``noun_prep_of``; what a subject noun is ("The idea is that X", key
    ``noun_be_that``; "The plan is to X", ``noun_be_to``)."""
    copula = _copula_clause(token)
    if copula is not None:
        return copula
    for child in token.rights:
        if child.dep_ in ("acl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            return "noun_that", one_part(clause_bounds(token, child=child))
    for child in token.rights:
        if child.dep_ == "acl" and child.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            return "noun_to", one_part(clause_bounds(token, child=child))
    found = _prep_object(token)
    return None if found is None else (f"noun_{found[0]}", found[1])


def _copula_clause(noun: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """The clause or infinitive after "is" of which ``noun`` is the subject ("The question is
    whether X", "The plan is to X"): ``noun_be_that`` / ``noun_be_to``; None otherwise."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_ != "be" or verb.i < noun.i:
        return None
    for child in verb.rights:
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        if child.dep_ == "ccomp" and marks & _THAT_MARKS:
            return "noun_be_that", one_part(clause_bounds(verb, child=child))
        if child.dep_ == "xcomp" and _plan_infinitive(child):
            return "noun_be_to", one_part(clause_bounds(verb, child=child))
    return None


_THAT_MARKS = frozenset({"that", "whether"})


def _plan_infinitive(verb: Any) -> bool:
    """Whether ``verb`` is an infinitive giving what a plan is ("The plan is to cut taxes"), not
    the passive of "is to be" ("The plan is to be unveiled on Monday": when, not what)."""
    children = list(verb.children)
    return (
        any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
        and verb.lemma_ != "be" and not any(c.dep_ == "auxpass" for c in children)
    )


def adjective_relation(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """A predicative adjective's clause, infinitive or prepositional object ("were confident
    that X", "is eager to X", "are wary of X"), as ``adj_ccomp`` / ``adj_xcomp`` / ``adj_prep_of``.
    """
    for dep in ("ccomp", "xcomp"):
        child = first_child(token, deps=(dep,))
        if child is not None and child.i > token.i:
            return f"adj_{dep}", one_part(clause_bounds(token, child=child))
    found = _prep_object(token)
    return None if found is None else (f"adj_{found[0]}", found[1])
