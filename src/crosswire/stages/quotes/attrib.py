"""Indirect (reported) speech from the dependency parse.

"X said (that) CLAUSE" gives the clause (the cue verb's ``ccomp``) attributed to X;
"according to X, CLAUSE", "As X noted, CLAUSE" and parenthetical "CLAUSE, X said" give the
rest of the clause (two parts when the phrase sits inside it: "The plan, X said, will fail").
Statement and stance nouns ("X's claim that CLAUSE", "X voiced support for Y"), nouns of
intention ("X's decision to Y"), predicative adjectives ("X is wary of Y"), "X sees Y as Z" and
"In the poll, CLAUSE" are candidates too (keys ``claim/noun_that``, ``decision/noun_to``,
``wary/adj_prep_of``, ``see/dobj_as``, ``in/in_source``), and so is "To X, CLAUSE" when X is a
person or group (``to/frame``: "To many, he is a hero"). A "that"-clause or "about" object of
any noun but one of a fact ("the idea that X", "there are concerns about X"; not "the fact
that X") needs no holder, and any verb's "about" object is a stated topic ("bragged about
X"); a non-restrictive relative clause closing a reported clause (", who ...", ", which ...") is the
writer's aside and left out. The subject of a raising verb or
a passive with an infinitive ("The budget is expected to cut X", "The senator appears to be
losing") belongs to the content, which then runs from it over the verb, and so does the object
before an infinitive ("urged voters to stay home") and the subject of a passive of regarding
("The deal was seen as a mistake", ``see/pass_as``). "The idea is that X" and "The plan is to
X" give the clause of the subject noun (``idea/noun_be_that``, ``plan/noun_be_to``), "asked
(X) if Y" the question (``ask/if_clause``), and any verb's clause opened by "that" is a
statement when a speaker is found ("She reasoned that X"; not verbs of result: "it means that
X"); a one-word object of a position verb counts too ("endorsed Trump"). An object or
prepositional object runs on over a purpose infinitive ("praised the efforts of donors | to
fight X") and a conjoined noun or phrase the parser hung on the verb ("discussed the book |
and the campaign"); "called for X to Y", parsed as a clause marked by "for", is the
prepositional object X to Y (``call/prep_for``). The "for" object of a noun of asking and an
intention or stance noun's infinitive need no holder ("calls for X", "a pledge to cut
taxes"). A verb of charging, blaming or praising gives the one charged and the charge, no
speaker needed ("accused him of lying", ``accuse/dobj_of``; "Roof is accused | of killing nine
people", two parts, ``accuse/pass_of``; a lone pronoun subject is left out, and a sum or a
count is no one judged: "charged $5 for delivery").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.stages.quotes.config import (
    DEFAULT_CUE_LEMMAS,
    DEFAULT_POSITION_LEMMAS,
    QuoteConfig,
)
from crosswire.stages.quotes.speaker import Speaker, find_speaker, is_cue

__all__ = [
    "Attribution",
    "Candidate",
    "attribution_candidates",
    "clause_of",
    "cue_key",
    "indirect_attributions",
]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
_CIRCUMSTANCE = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})
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


def _rest_of_clause(cue: Any) -> tuple[tuple[int, int], ...]:
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
    c_lo, c_hi = _edges(cue) if cue.dep_ == "prep" or _as_clause(cue) else _speech_phrase(cue)
    for top in reversed(heads):
        lo, hi = _edges(top)
        if c_lo <= lo:
            return _parts(cue.doc, (c_hi + 1, top.right_edge.i))
        if c_hi >= hi:
            return _parts(cue.doc, (top.left_edge.i, c_lo - 1))
    if not any(t.is_alpha for t in cue.doc[c_hi + 1 : head.right_edge.i + 1]):
        return ()
    return _parts(cue.doc, (head.left_edge.i, c_lo - 1), (c_hi + 1, head.right_edge.i))


def _parts(doc: Any, *ranges: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """Character bounds of each token range, trimmed, that holds a word (two words when there
    are several ranges: "Now, according to the poll, ..." keeps no part "Now")."""
    out = []
    for first, last in ranges:
        bounds = _trimmed(doc, first, last)
        words = sum(1 for t in doc[first : last + 1] if t.is_alpha)
        if bounds is not None and words >= (2 if len(ranges) > 1 else 1):
            out.append(bounds)
    return tuple(out)


def clause_of(cue: Any) -> tuple[int, int] | None:
    """Character bounds of what ``cue`` attributes (the last part of a split clause), or None
    when it attributes no clause."""
    if cue.lower_ == "according" or cue.dep_ == "parataxis":
        parts = _rest_of_clause(cue)
        return parts[-1] if parts else None
    for child in cue.children:
        if child.dep_ == "ccomp":
            return _clause_bounds(cue, child)
    return None


_CLAUSAL = frozenset({"ccomp", "parataxis", "according"})  # relations that carry a clause
_BREAKS = frozenset({",", "\u2014", "\u2013", "-", "--", ";", "("})
_TAIL_CLAUSES = frozenset({"advcl", "parataxis", "conj", "acl"})
# Gerunds that open an attribution of their own (", saying ...", ", pointing to ...").
_SPEECH_GERUNDS = DEFAULT_CUE_LEMMAS | DEFAULT_POSITION_LEMMAS


def _cut_tail(head: Any, last: int) -> int:
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


def _clause_bounds(cue: Any, child: Any) -> tuple[int, int] | None:
    """A clause or infinitive of ``cue``: its subtree on its side of the cue, tail cut."""
    first, last = child.left_edge.i, child.right_edge.i
    if child.i > cue.i:
        first = max(first, cue.i + 1)
        last = _run_on(cue, child, last)
    else:
        last = min(last, cue.i - 1)
    return _trimmed(cue.doc, first, _cut_aside(cue.doc, first, _cut_tail(child, last)))


_ASIDE_OPENERS = frozenset({"who", "which", "whose", "whom"})


def _cut_aside(doc: Any, first: int, last: int) -> int:
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


def _coordinated(verb: Any, last: int) -> int:
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
    and over a conjoined noun or phrase (:func:`_coordinated`)."""
    if cue.pos_ not in ("VERB", "AUX"):
        return last
    last = _coordinated(cue, last)
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


def _child(token: Any, deps: tuple[str, ...]) -> Any | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def _relation(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """The kind of content ``token`` governs and its parts (bounds; two for a clause split by
    the attribution phrase), most speech-like kind first."""
    if token.lower_ == "according" or token.dep_ == "parataxis" or _parenthetical(token):
        kind = "according" if token.lower_ == "according" else "parataxis"
        return kind, _rest_of_clause(token)
    if _as_clause(token):
        return "as_clause", _rest_of_clause(token)
    if token.lower_ == "in" and token.dep_ == "prep" and _set_off(token):
        return "in_source", _source_parts(token)
    if token.lower_ in _FRAME_PREPS and _opens_clause(token):
        return "frame", _rest_of_clause(token)
    if token.pos_ == "NOUN":
        return _nominal_relation(token)
    if token.pos_ == "ADJ" and token.dep_ in ("acomp", "oprd"):
        return _adjective_relation(token)
    if token.pos_ not in ("VERB", "AUX"):
        return None
    for dep in ("ccomp", "xcomp"):
        child = _complement(token, dep)
        if child is not None:
            clause = _one(_clause_bounds(token, child))
            subject = _raised_subject(token, child) or _object_before(token, child)
            if clause and subject:
                return dep, ((subject[0][0], clause[0][1]),)
            return dep, clause
    asked = _asked_if(token) if token.lemma_.lower() in _QUESTION_VERBS else None
    regarded = _regarded_as(token) or _regarded_passive(token) or asked
    if regarded is not None:
        return regarded
    judged = _judged_passive(token)
    if judged is not None:
        return judged
    target = _child(token, ("dobj",))
    if target is not None:
        last = target.right_edge.i
        predicate = _child(token, ("oprd",))
        if predicate is not None:
            last = max(last, predicate.right_edge.i)
        last = _cut_tail(token, max(last, _object_tail(token, target)))
        kind = "dobj_of" if _judged_for(token, target) is not None else "dobj"
        return kind, _one(_trimmed(token.doc, target.left_edge.i, last))
    for_clause = _for_clause(token)
    if for_clause is not None:
        return "prep_for", _one(_trimmed(token.doc, for_clause.left_edge.i + 1,
                                         for_clause.right_edge.i))
    for child in token.children:
        obj = _child(child, ("pobj", "pcomp")) if child.dep_ == "prep" else None
        if obj is not None:
            last = _coordinated(token, _purpose_tail(token, _prep_tail(token, child, obj)))
            bounds = _trimmed(token.doc, obj.left_edge.i, last)
            return f"prep_{child.lower_}", _one(bounds)
    return None


def _complement(verb: Any, dep: str) -> Any | None:
    """``verb``'s clause or infinitive (``dep``): the first one after it, else the first one
    ("X, she said"). A clause before the verb next to one after it is another sentence the
    parser hung on it ("Ryan was firm; Trump must show that he deserves it"), unless a
    semicolon or colon parts the verb from the later one ("X, he said; Y": X is what he said).
    """
    found = [c for c in verb.children if c.dep_ == dep]
    before = next((c for c in found if c.i < verb.i), None)
    after = next((c for c in found if c.i > verb.i), None)
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


def _as_clause(verb: Any) -> bool:
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


def _prep_tail(verb: Any, prep: Any, obj: Any) -> int:
    """The last token of ``prep``'s object and of the phrases of ``verb`` that follow it
    straight on ("talked about X | with Y"), up to a when or where phrase (it dates the
    saying)."""
    last = obj.right_edge.i
    for child in verb.rights:
        if child.i <= prep.i or child.dep_ != "prep" or child.left_edge.i != last + 1:
            continue
        then = _child(child, ("pobj",))
        if then is not None and then.ent_type_ in _CIRCUMSTANCE:
            break
        last = child.right_edge.i
    return last


def _purpose_tail(verb: Any, last: int) -> int:
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


def _object_before(verb: Any, child: Any) -> tuple[tuple[int, int], ...]:
    """The object between ``verb`` and its infinitive ("urged voters | to stay home", "asked
    the board | to resign"): the one the content is about; () otherwise."""
    if child.dep_ != "xcomp":
        return ()
    obj = _child(verb, ("dobj",))
    if obj is None or not verb.i < obj.i < child.i:
        return ()
    return _one(_trimmed(verb.doc, obj.left_edge.i, obj.right_edge.i))


_RAISING = frozenset({"appear", "seem"})


def _raised_subject(verb: Any, child: Any) -> tuple[tuple[int, int], ...]:
    """The subject of "X appears / seems / is expected to Y" (a raising verb or a passive with
    an infinitive): part of what is attributed, not its source; () for other verbs."""
    if child.dep_ != "xcomp" or child.i < verb.i:
        return ()
    deps = ("nsubj", "nsubjpass") if verb.lemma_.lower() in _RAISING else ("nsubjpass",)
    subject = _child(verb, deps)
    if subject is None or subject.i > verb.i or subject.right_edge.i == subject.left_edge.i:
        return ()  # a one-word subject ("he", "who") is worth less than the verb words it adds
    return _one(_trimmed(verb.doc, subject.left_edge.i, subject.right_edge.i))


def _set_off(prep: Any) -> bool:
    """Whether a prepositional phrase is set off from its clause by a comma ("In the poll, X")."""
    lo, hi = prep.i, prep.right_edge.i
    doc = prep.doc
    return (hi + 1 < len(doc) and doc[hi + 1].text == ",") or (lo > 0 and doc[lo - 1].text == ",")


def _source_parts(prep: Any) -> tuple[tuple[int, int], ...]:
    """What an "in the poll" phrase set off by commas attributes: its clause, split around it
    ("In the poll, X"; "X, in his view, Y"); only the words before it when it follows the verb
    it hangs on ("X led by 8 points in the poll, a 10-point swing": what follows the comma is
    the writer's comment)."""
    parts = _rest_of_clause(prep)
    verb = prep.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.i > prep.i:
        return parts
    return tuple(p for p in parts if p[1] <= prep.idx)


_FRAME_PREPS = frozenset({"to"})
_LEAD_DEPS = frozenset({"cc", "advmod", "punct"})


def _opens_clause(prep: Any) -> bool:
    """Whether a prepositional phrase opens its clause, set off by a comma ("To many, X";
    "But to his supporters, X"): only conjunctions and adverbs before it."""
    doc = prep.doc
    hi = prep.right_edge.i
    if prep.dep_ != "prep" or prep.head.i < hi or hi + 1 >= len(doc) or doc[hi + 1].text != ",":
        return False
    start = prep.sent.start
    return all(doc[k].dep_ in _LEAD_DEPS or doc[k].is_space for k in range(start, prep.i))


def _regarded_as(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """ "X sees Y as Z" (``dobj_as``): the object and its "as" phrase."""
    as_prep = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "as"), None)
    target = _child(token, ("dobj",))
    if as_prep is None or target is None or target.i > as_prep.i:
        return None
    bounds = _trimmed(token.doc, target.left_edge.i, _cut_tail(token, as_prep.right_edge.i))
    return "dobj_as", _one(bounds)


_WH_TAGS = frozenset({"WDT", "WP"})  # "who", "which", "that" opening a relative clause


def _regarded_passive(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """ "Y is seen as Z" / "Y was deemed Z" (``pass_as``): from the passive subject over the
    verb to what the subject is regarded as (one stretch, as the view reads)."""
    subject = _child(token, ("nsubjpass",))
    if token.pos_ != "VERB" or subject is None or subject.i > token.i or subject.tag_ in _WH_TAGS:
        return None
    predicate = next((c for c in token.rights if c.dep_ in ("oprd", "acomp", "attr") or (
        c.dep_ == "prep" and c.lower_ == "as")), None)
    if predicate is None or predicate.right_edge.i == predicate.i == token.i + 1 and (
            predicate.dep_ == "prep"):  # "It was seen as." says nothing
        return None
    doc = token.doc
    return "pass_as", _one(_trimmed(doc, subject.left_edge.i,
                                    _cut_tail(token, predicate.right_edge.i)))


# Verbs of charging, blaming or praising someone for something ("accused him of lying",
# "was criticized for failing to act"): the charge is what the accuser holds of the accused.
_JUDGING_VERBS = frozenset("""accuse charge blame criticize criticise fault praise credit commend
    applaud thank condemn slam hail laud chide rebuke scold castigate lambaste blast denounce
    indict suspect convict sue""".split())
_JUDGING_PREPS = frozenset({"of", "with", "for"})
_AMOUNTS = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL"})


def _amount(token: Any) -> bool:
    """Whether ``token`` is a sum or a count ("charged $5 for delivery"): not someone judged."""
    return token.like_num or token.ent_type_ in _AMOUNTS


def _judged_for(verb: Any, after: Any) -> Any | None:
    """The "of" / "with" / "for" phrase after ``after`` that a verb of :data:`_JUDGING_VERBS`
    charges or credits someone with ("accused him | of lying"); None otherwise."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _JUDGING_VERBS or _amount(after):
        return None
    return next((c for c in verb.rights if c.dep_ == "prep" and c.i > after.i
                 and c.lower_ in _JUDGING_PREPS and _child(c, ("pobj", "pcomp")) is not None),
                None)


def _judged_passive(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """ "Y is accused of X" / "Y was criticized for X" (``pass_of``): the passive subject and
    the charge, two parts (the verb is the attribution phrase); a subject that is a lone
    pronoun ("He is accused of X", "who was blamed for X") is left out, the charge kept."""
    subject = _child(token, ("nsubjpass",))
    if subject is None or subject.i > token.i:
        return None
    charge = _judged_for(token, subject)
    if charge is None:
        return None
    doc = token.doc
    lone = subject.pos_ == "PRON" and subject.left_edge.i == subject.right_edge.i
    parts = (None if lone else _trimmed(doc, subject.left_edge.i, subject.right_edge.i),
             _trimmed(doc, charge.i, _cut_tail(token, charge.right_edge.i)))
    return "pass_of", tuple(p for p in parts if p is not None)


_IF_MARKS = frozenset({"if", "whether"})


def _asked_if(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """ "asked (X) if CLAUSE" (``if_clause``): the question, which the parser makes a clause
    marked by "if" or "whether" modifying the verb, right after the verb or its object (a
    condition further on is not the question: "will ask for a recount if she loses")."""
    target = _child(token, ("dobj",))
    next_to = {token.i + 1} | ({target.right_edge.i + 1} if target is not None else set())
    for child in token.rights:
        if child.dep_ == "advcl" and child.left_edge.i in next_to and any(
            c.dep_ == "mark" and c.lower_ in _IF_MARKS for c in child.children
        ):
            return "if_clause", _one(_trimmed(token.doc, child.left_edge.i, child.right_edge.i))
    return None


def _object_tail(verb: Any, target: Any) -> int:
    """The last token of the prepositional phrases that follow ``verb``'s object ("raised
    questions | about X", "showed a dead heat | between A and B"), when and where phrases left
    out (they date the saying, not what was said)."""
    last = target.right_edge.i
    for child in verb.rights:
        if child.i <= target.i or child.dep_ != "prep":
            continue
        obj = _child(child, ("pobj",))
        if obj is not None and obj.ent_type_ in _CIRCUMSTANCE:
            continue
        last = max(last, child.right_edge.i)
    return _coordinated(verb, _purpose_tail(verb, last))


def _prep_object(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """The first prepositional object of ``token``: ("prep_for", its bounds)."""
    for child in token.rights:
        obj = _child(child, ("pobj", "pcomp")) if child.dep_ == "prep" else None
        if obj is not None:
            bounds = _trimmed(token.doc, obj.left_edge.i, obj.right_edge.i)
            return f"prep_{child.lower_}", _one(bounds)
    return None


def _nominal_relation(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
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
            return "noun_that", _one(_clause_bounds(token, child))
    for child in token.rights:
        if child.dep_ == "acl" and child.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            return "noun_to", _one(_clause_bounds(token, child))
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
            return "noun_be_that", _one(_clause_bounds(verb, child))
        if child.dep_ == "xcomp" and _plan_infinitive(child):
            return "noun_be_to", _one(_clause_bounds(verb, child))
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


def _adjective_relation(token: Any) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """A predicative adjective's clause, infinitive or prepositional object ("were confident
    that X", "is eager to X", "are wary of X"), as ``adj_ccomp`` / ``adj_xcomp`` / ``adj_prep_of``.
    """
    for dep in ("ccomp", "xcomp"):
        child = _child(token, (dep,))
        if child is not None and child.i > token.i:
            return f"adj_{dep}", _one(_clause_bounds(token, child))
    found = _prep_object(token)
    return None if found is None else (f"adj_{found[0]}", found[1])


def _one(bounds: tuple[int, int] | None) -> tuple[tuple[int, int], ...]:
    return () if bounds is None else (bounds,)


def cue_key(token: Any, relation: str) -> str:
    """The lexicon key of a cue: ``lemma/relation`` ("say/ccomp", "call/prep_for")."""
    lemma = "according" if token.lower_ == "according" else token.lemma_.lower()
    return f"{lemma}/{relation}"


# A statement noun's "that"-clause, "about" or "for" object and an intention or stance noun's
# infinitive are reported content even when no holder is named ("the claim that X", "there are
# concerns about X", "calls for X", "a pledge to cut taxes").
_UNHELD = frozenset({"noun_that", "noun_prep_about", "noun_prep_for", "noun_to"})
# Nouns whose "for" object is what someone asks for, with or without a holder ("calls for X");
# other nouns' "for" objects need one ("support for the bill" alone is a poll figure's topic).
_APPEAL_NOUNS = frozenset({"call", "plea", "request", "demand", "appeal", "push", "petition",
                           "clamor", "proposal", "bid", "campaign", "pressure"})
# What any noun's "that"-clause or "about" object and any adjective's "about" object give is
# an idea, a topic or a feeling ("the idea that X", "a story about X", "excited about X") ...
_TOPICAL = frozenset({"noun_that", "noun_prep_about", "adj_prep_about"})
# ... except for a noun of a fact or a possibility, which the writer states ("the fact that X").
_FACT_NOUNS = frozenset({"fact", "possibility", "likelihood", "probability", "chance", "risk",
                         "prospect", "sign", "indication", "reminder", "proof", "news"})


def _stance_rule(lemma: str, relation: str, speaker: Speaker | None, config: QuoteConfig) -> bool:
    """A nominal or adjective cue (``noun_...``, ``adj_...``): a listed lemma with a holder
    (none needed for :data:`_UNHELD`), or any topical relation (:data:`_TOPICAL`)."""
    kind, _, rest = relation.partition("_")
    lexicon = config.nominal_cues if kind == "noun" else config.adjective_cues
    held = speaker is not None or (relation in _UNHELD and (
        relation != "noun_prep_for" or lemma in _APPEAL_NOUNS))
    if rest == "to":  # "her decision to run", "his call to act"
        return held and (lemma in config.intention_nouns or lemma in lexicon)
    prep_ok = rest in ("that", "ccomp", "xcomp") or (
        rest.startswith("prep_") and rest[5:] in config.stance_preps)
    topical = relation in _TOPICAL and lemma not in _FACT_NOUNS
    return held and prep_ok and (lemma in lexicon or topical)


def _hand_rule(token: Any, relation: str, speaker: Speaker | None, config: QuoteConfig) -> bool:
    if relation == "according":
        return True
    lemma = token.lemma_.lower()
    if relation == "noun_be_that":  # "The idea is that X", "The question is whether X"
        return lemma in config.nominal_cues | config.intention_nouns | _IDEA_NOUNS
    if relation == "noun_be_to":  # "The plan is to X"
        return lemma in config.intention_nouns
    if relation.startswith(("noun_", "adj_")):
        return _stance_rule(lemma, relation, speaker, config)
    if relation in ("ccomp", "parataxis"):
        return is_cue(token, lemmas=config.cue_lemmas) or (
            relation == "ccomp" and speaker is not None and _that_clause(token))
    if relation == "as_clause":  # "As she noted, X"; "As he put it, X"
        put_it = lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it"
                                        for c in token.children)
        return put_it or is_cue(token, lemmas=config.cue_lemmas)
    if relation == "in_source":
        obj = _child(token, ("pobj",))
        verb = token.head
        return (
            obj is not None and obj.lemma_.lower() in config.source_nouns
            and not is_cue(verb, lemmas=config.cue_lemmas)
        )
    if relation == "frame":
        return speaker is not None and _holder_phrase(token)
    if relation == "dobj_as":  # or what the verb's plain object key says ("name/dobj")
        regard = speaker is not None and lemma in config.regard_lemmas
        return regard or f"{lemma}/dobj" in config.learned_cues
    if relation == "pass_as":  # "is seen as a mistake", "was deemed ineligible"
        return lemma in config.regard_lemmas
    if relation in ("dobj_of", "pass_of"):  # "accused him of X", "was blamed for X"
        return lemma in _JUDGING_VERBS
    if relation == "if_clause":  # "asked him if he would run"
        return lemma in _QUESTION_VERBS
    if relation == "prep_about":  # any verb's topic: "bragged about X", "wondered about X"
        return speaker is not None
    prep_ok = relation.startswith("prep_") and relation[5:] in config.position_preps
    addressee = relation == "dobj" and lemma in _ADDRESSEE_VERBS and _addressee(token)
    return (
        speaker is not None
        and (relation in ("xcomp", "dobj") or prep_ok)
        and not addressee
        and is_cue(token, lemmas=config.position_lemmas)
    )


# Verbs whose object may be the one spoken to, not what is said ("told reporters", "asked him";
# but "told the truth", "asked questions about X").
_ADDRESSEE_VERBS = frozenset({"tell", "ask"})
_AUDIENCE_NOUNS = frozenset({"reporter", "journalist", "audience", "crowd", "supporter", "voter",
                             "viewer", "listener", "lawmaker", "host", "interviewer", "anchor",
                             "panel", "committee", "court", "judge", "jury", "official"})


def _addressee(verb: Any) -> bool:
    """Whether ``verb``'s object is the one it addresses: a pronoun, a person or a group
    ("told me", "told CNN's Jake Tapper", "asked reporters")."""
    target = _child(verb, ("dobj",))
    return target is not None and (
        target.pos_ == "PRON" or target.ent_type_ in _ADDRESSED_ENTS
        or target.lemma_.lower() in _AUDIENCE_NOUNS
    )


_ADDRESSED_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


# Nouns of an idea or a hope whose "is that ..." is someone's thought ("The hope is that X").
_IDEA_NOUNS = frozenset({"idea", "hope", "lesson", "message", "theory", "thinking", "assumption",
                         "expectation", "premise", "refrain", "mantra", "consensus", "sense",
                         "feeling", "thought", "worry", "bet", "wisdom", "goal", "aim"})
# Verbs whose "that"-clause is a consequence, not a thought ("ensure that X", "it means that X").
_RESULT_VERBS = frozenset({"mean", "ensure", "insure", "turn", "bear", "become", "happen"})


def _that_clause(verb: Any) -> bool:
    """Whether ``verb`` (not a verb of result) governs a clause opened by "that" after it:
    what a verb with such a clause and a subject states is a thought or a claim ("She
    reasoned that X", "He made clear that X")."""
    if verb.pos_ != "VERB" or not verb.is_alpha or verb.lemma_.lower() in _RESULT_VERBS:
        return False
    if any(c.dep_ == "expl" or (c.dep_ == "nsubj" and c.lower_ == "it") for c in verb.children):
        return False  # "It appears that X", "It helps that X": no one holds X
    clause = _complement(verb, "ccomp")  # the clause :func:`_relation` gives as the content
    return (
        clause is not None and clause.i > verb.i
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
    )


_QUESTION_VERBS = frozenset({"ask", "wonder", "question", "inquire", "query"})
_HOLDER_WORDS = frozenset({"him", "her", "them", "us", "me", "many", "some", "others", "most"})
_HOLDER_ENTS = frozenset({"PERSON", "NORP"})


def _holder_phrase(prep: Any) -> bool:
    """Whether "to X" names whose view the clause gives: a person or group ("To Sharp, ...",
    "To many Republicans, ..."), not a place or a date ("To date, ...") nor someone's feeling
    ("To the Democrats' relief, ...": a possessed noun is the idiom)."""
    obj = _child(prep, ("pobj",))
    if obj is None or any(c.dep_ == "poss" for c in obj.children):
        return False
    if obj.lower_ in _HOLDER_WORDS or obj.ent_type_ in _HOLDER_ENTS:
        return True
    return any(
        c.dep_ in ("compound", "amod") and c.ent_type_ in _HOLDER_ENTS for c in obj.children
    )


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
    persons: Sequence[tuple[int, int, str]],
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
        found = _relation(token)
        if found is None or not found[1]:
            continue
        relation, parts = found
        words = sum(
            1 for bounds in parts
            for t in doc.char_span(*bounds, alignment_mode="expand") if t.is_alpha
        )
        if words < min_words and not _named_object(token, relation, words, one_word_lemmas):
            continue
        speaker = find_speaker(cue=token, persons=persons)
        cue = "according to" if token.lower_ == "according" else token.text
        out.extend(
            Candidate(cue_key(token, relation), token,
                      Attribution(start, end, token.i, cue, speaker))
            for start, end in parts
        )
    return out


def _named_object(token: Any, relation: str, words: int, lemmas: frozenset[str]) -> bool:
    """Whether a one-word content is the object of a verb in ``lemmas`` ("endorsed Trump",
    "opposes it"): the position is about what the word names."""
    if words != 1 or relation != "dobj" or token.lemma_.lower() not in lemmas:
        return False
    target = _child(token, ("dobj",))
    return target is not None and target.pos_ in ("NOUN", "PROPN", "PRON")


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
                                       min_words=config.min_indirect_words,
                                       one_word_lemmas=config.position_lemmas):
        relation = cand.key.split("/", 1)[1]
        learned = cand.key in config.learned_cues
        rejected = cand.key in config.rejected_cues
        speaker = cand.attribution.speaker
        if learned or (not rejected and _hand_rule(cand.token, relation, speaker, config)):
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
    target = _child(cand.token, ("dobj",))
    return target is not None and target.i in nominal
