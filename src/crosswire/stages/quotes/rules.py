"""The hand rules deciding whether a candidate cue counts when its key was not learned.

A verb's clause needs a cue verb, or a speaker and a clause opened by "that" ("She reasoned that
X"; not verbs of result: "it means that X"); an object or prepositional object needs a speaker
and a position verb (not "told reporters"). A "that"-clause or "about" object of any noun but
one of a fact ("the idea that X", "there are concerns about X"; not "the fact that X") needs no
holder, nor do the "for" object of a noun of asking and an intention or stance noun's
infinitive ("calls for X", "a pledge to cut taxes"); any verb's "about" object is a stated topic
("bragged about X"). "To X, CLAUSE" counts when X is a person or group ("To many, he is a
hero"), "In the poll, CLAUSE" when the noun is a source.
"""

from __future__ import annotations

from typing import Any

from crosswire.stages.quotes.bounds import first_child
from crosswire.stages.quotes.config import QuoteConfig
from crosswire.stages.quotes.relations import JUDGING_VERBS, QUESTION_VERBS, complement
from crosswire.stages.quotes.speaker import Speaker, is_cue

__all__ = ["hand_rule"]

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


def hand_rule(token: Any, *, relation: str, speaker: Speaker | None, config: QuoteConfig) -> bool:
    """Whether the hand lexicons accept ``token`` as the cue of its ``relation`` content
    (``speaker``: the one found for it, None when none was)."""
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
        obj = first_child(token, deps=("pobj",))
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
        return lemma in JUDGING_VERBS
    if relation == "if_clause":  # "asked him if he would run"
        return lemma in QUESTION_VERBS
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
    target = first_child(verb, deps=("dobj",))
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
    clause = complement(verb, dep="ccomp")  # the clause :func:`relation_of` gives as the content
    return (
        clause is not None and clause.i > verb.i
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
    )


_HOLDER_WORDS = frozenset({"him", "her", "them", "us", "me", "many", "some", "others", "most"})
_HOLDER_ENTS = frozenset({"PERSON", "NORP"})


def _holder_phrase(prep: Any) -> bool:
    """Whether "to X" names whose view the clause gives: a person or group ("To Sharp, ...",
    "To many Republicans, ..."), not a place or a date ("To date, ...") nor someone's feeling
    ("To the Democrats' relief, ...": a possessed noun is the idiom)."""
    obj = first_child(prep, deps=("pobj",))
    if obj is None or any(c.dep_ == "poss" for c in obj.children):
        return False
    if obj.lower_ in _HOLDER_WORDS or obj.ent_type_ in _HOLDER_ENTS:
        return True
    return any(
        c.dep_ in ("compound", "amod") and c.ent_type_ in _HOLDER_ENTS for c in obj.children
    )
