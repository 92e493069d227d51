"""Finding who said something from a spaCy parse: cue verbs and the words naming the speaker.

Tokens are spaCy ``Token`` objects (typed ``Any``: spaCy is imported by the caller only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.stages.quotes.people import appositive_names, entity_span
from crosswire.stages.quotes.resolve import SpeakerResolver

__all__ = [
    "Speaker",
    "entity_at",
    "find_speaker",
    "is_cue",
    "noun_phrase_bounds",
    "persons_of",
]

_NP_LEFT = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "advmod"})
_NP_RIGHT = frozenset({"compound", "flat", "appos"})
_NAME_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_QUOTE_MARKS = frozenset({"\u201c", "\u201d", '"', "``", "''"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to: the resolved name (None when the words that name the
    speaker stand for no one the article names: an unresolved "he", "a statement"), where the
    attribution names them and those words as written (``mention``; the name when None)."""

    name: str | None
    start: int
    end: int
    mention: str | None = None
    head: int = -1  # the token heading the words that name the speaker (-1: not known)

    @property
    def words(self) -> str:
        """The words that name the speaker, as written."""
        return self.mention if self.mention is not None else self.name or ""


def is_cue(token: Any, *, lemmas: frozenset[str]) -> bool:
    """Whether ``token`` is a verb of speech (or ``according`` of "according to")."""
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children)
    return bool(token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lemmas)


def _subject(verb: Any, *, depth: int = 0) -> Any | None:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        return min(subjects, key=lambda c: (abs(c.i - verb.i), c.i))
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and (
            verb.head.head.lemma_.lower() == "quote"):
        return _quoted_one(verb.head.head)  # "quoted Weber as saying"
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        controller = next((c for c in verb.head.children
                           if c.dep_ == "dobj" and c.i < verb.i), None)
        if controller is not None:  # "led the president to announce": the president's words
            return controller
    if depth < 2 and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        if verb.head.lemma_.lower() == "quote":  # "quoted Weber as saying": Weber's words
            return _quoted_one(verb.head)
        return _subject(verb.head, depth=depth + 1)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a statement saying ...", "officials speaking on ..."
    return None


def _named_before(verb: Any) -> Any | None:
    """For a main verb the parser gave no subject ("On Friday, the aide, Jane Roe, 31, who
    ..., wrote ..."): the first person named before it in its sentence."""
    if verb.pos_ != "VERB" or verb.dep_ not in ("ROOT", "advcl"):
        return None
    for token in verb.doc[verb.sent.start : verb.i]:
        if token.ent_type_ == "PERSON" and (
                token.i + 1 == verb.i or verb.doc[token.i + 1].ent_iob_ != "I"):
            return token
    return None


def _quoted_one(verb: Any) -> Any | None:
    """Whose words "quote" gives: the object ("the paper quoted Wendt as saying"), the passive
    subject ("Wendt was quoted as saying"); else its subject ("he quoted")."""
    for dep in ("dobj", "nsubjpass"):
        found = next((c for c in verb.children if c.dep_ == dep), None)
        if found is not None:
            return found
    return _subject(verb)


def _inverted_subject(verb: Any) -> Any | None:
    """The name right after a verb of an inverted attribution ("...," added Lauten) that the
    parser took for the verb's object, or hung the verb on as a modifier."""
    doc = verb.doc
    if verb.i + 1 >= len(doc) or verb.pos_ != "VERB":
        return None
    after = doc[verb.i + 1]
    if after.pos_ != "PROPN":
        return None
    if verb.dep_ in ("amod", "compound") and verb.head.i == after.i:
        return after
    if after.head.i == verb.i and after.dep_ in ("dobj", "attr", "npadvmod", "appos", "oprd"):
        return after
    return None


def _holder(noun: Any) -> Any | None:
    """Whose statement or stance a noun is: its possessor ("Trump's criticism"), else the
    subject of the verb it is the object of ("she voiced support for ...", "he said in a
    statement that ...")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return _subject(noun.head)
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "in" and prep.head.pos_ in ("VERB", "AUX"):
        return _subject(prep.head)  # "X said in a statement that ..."
    return None


def _according_to(token: Any) -> Any | None:
    for child in token.children:
        if child.lower_ == "to":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def entity_at(token: Any) -> Speaker | None:
    """The named entity ``token`` is part of (its text and character bounds), or None.

    Read from the token's entity tags, not ``doc.ents`` (which rebuilds every entity).
    """
    if not token.ent_type_:
        return None
    span = entity_span(token)
    return Speaker(span.text, span.start_char, span.end_char)


def _noun_phrase(token: Any) -> tuple[Any, Any]:
    left, right = token, token
    for child in token.lefts:
        if child.dep_ in _NP_LEFT and child.left_edge.i < left.i:
            left = child.left_edge
    rights = [c for c in token.rights if c.dep_ in _NP_RIGHT]
    for child in [*rights, *appositive_names(token)]:  # "the tabloid the Mirror"
        if child.right_edge.i > right.i:
            right = child.right_edge
    return left, right


def noun_phrase_bounds(token: Any) -> tuple[int, int]:
    """Character bounds of the noun phrase headed by ``token`` (no relative clauses)."""
    left, right = _noun_phrase(token)
    return left.idx, right.idx + len(right.text)


def find_speaker(*, cue: Any, resolver: SpeakerResolver) -> Speaker | None:
    """The speaker of a cue: a verb's subject, the object of "according to" or of a source
    phrase ("in the poll"), a noun's holder, a predicative adjective's subject; resolved by
    ``resolver`` (:mod:`crosswire.stages.quotes.resolve`)."""
    if cue.lower_ == "according":
        head = _according_to(cue)
    elif cue.pos_ == "ADP":
        head = next((c for c in cue.children if c.dep_ == "pobj"), None)  # "In the poll, ..."
    elif cue.pos_ == "NOUN":
        head = _holder(cue)
    elif cue.pos_ == "ADJ":
        head = _subject(cue.head) if cue.head.i != cue.i else None
    elif cue.lemma_.lower() == "quote":
        head = _quoted_one(cue)  # "X quoted Y as saying": Y's words
    else:
        head = _subject(cue) or _named_before(cue)
    if head is None:
        return None
    name = resolver.resolve(head).name
    if head.pos_ == "PRON":
        # a pronoun, or "..., who said ...": placed at the pronoun itself
        return Speaker(name, head.idx, head.idx + len(head.text), head.text, head.i)
    left, right = _noun_phrase(head)
    while left.i < head.i and any(t.text in _QUOTE_MARKS for t in head.doc[left.i : head.i]):
        left = head.doc[left.i + 1]  # the words naming the speaker start after a quote
    start, end = left.idx, right.idx + len(right.text)
    ent = entity_at(head) if head.ent_type_ in _NAME_TYPES else None
    if ent is not None:
        start, end = min(start, ent.start), max(end, ent.end)
    return Speaker(name, start, end, head.doc[left.i : right.i + 1].text, head.i)


def persons_of(doc: Any, *, skip: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """PERSON entities of ``doc`` outside the ``skip`` ranges, sorted by start."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if any(s <= ent.start_char < e for s, e in skip):
            continue
        out.append((ent.start_char, ent.end_char, ent.text))
    return sorted(out)
