"""Settings of the quotes stage (extraction and cross-source merging)."""

from __future__ import annotations

from dataclasses import dataclass

from crosswire.stages.quotes.lexicon import LEARNED_CUES, REJECTED_CUES

__all__ = [
    "DEFAULT_ADJECTIVE_CUES",
    "DEFAULT_CUE_LEMMAS",
    "DEFAULT_INTENTION_NOUNS",
    "DEFAULT_NOMINAL_CUES",
    "DEFAULT_POSITION_LEMMAS",
    "DEFAULT_REGARD_LEMMAS",
    "DEFAULT_SOURCE_NOUNS",
    "QuoteConfig",
]

# Verbs that introduce reported speech or a stated position (lemmas, as spaCy gives them).
_CUE_WORDS = """say tell state add ask write tweet post note explain argue claim insist warn
    declare announce report suggest acknowledge admit concede confirm deny reply respond answer
    continue recall conclude contend assert maintain predict promise vow pledge urge
    emphasize stress caution complain joke quip boast muse observe remark comment testify
    allege charge accuse estimate indicate reveal disclose shout yell scream whisper
    cry exclaim plead beg mutter murmur
    believe think feel know hope expect fear worry agree disagree"""
DEFAULT_CUE_LEMMAS: frozenset[str] = frozenset(_CUE_WORDS.split())


# Verbs whose object, infinitive or prepositional object states a position ("called for X",
# "wants to X", "criticized X"): attributions in PolNeAR's broad sense, not speech.
_POSITION_WORDS = """call support want criticize announce describe refuse offer promise discuss
    cite prefer back praise thank mention endorse hope seek vow accuse plan urge dismiss defend
    oppose
    propose reject blame condemn welcome demand push question attack slam predict warn
    suggest recommend favor favour applaud tout highlight emphasize stress acknowledge admit
    deny claim announce unveil release tweet repeat insist threaten pledge mock ridicule
    decline refer talk focus argue express share list name describe point vote report disclose
    reference advocate post chide compare detail
    understand identify address respond challenge promote ask tell"""
DEFAULT_POSITION_LEMMAS: frozenset[str] = frozenset(_POSITION_WORDS.split())
_POSITION_PREPS = ("for", "on", "about", "to", "against")

# Nouns that report a statement or stance of their holder ("his claim that X", "Trump's
# criticism of X", "she voiced support for X"): their "that"-clause or prepositional object.
_NOMINAL_WORDS = """claim statement assertion argument belief view opinion warning criticism
    critique attack opposition support endorsement praise call accusation allegation charge denial
    admission complaint concern fear doubt comment suggestion proposal insistence position
    defense defence objection rejection condemnation plea request response reply announcement
    confidence skepticism scepticism contention conviction assurance estimate recommendation
    question rumor rumour notion"""
DEFAULT_NOMINAL_CUES: frozenset[str] = frozenset(_NOMINAL_WORDS.split())

# Nouns of a decision or intention whose infinitive is what the holder means to do ("her
# decision to run", "his pledge to cut taxes", "plans to spend $10 million").
_INTENTION_WORDS = """decision plan promise pledge vow refusal desire determination willingness
    unwillingness reluctance intention intent wish resolve commitment eagerness readiness"""
DEFAULT_INTENTION_NOUNS: frozenset[str] = frozenset(_INTENTION_WORDS.split())

# Predicative adjectives of a stance ("were confident that X", "is wary of X").
_ADJECTIVE_WORDS = """confident optimistic pessimistic hopeful sure certain convinced aware worried
    concerned afraid fearful skeptical sceptical doubtful wary leery critical supportive opposed
    hostile eager willing reluctant unwilling determined adamant happy glad pleased proud angry
    upset furious disappointed frustrated surprised shocked outraged enthusiastic receptive
    sympathetic unhappy satisfied dissatisfied cautious insistent uneasy upbeat excited nervous
    anxious comfortable uncomfortable fond mindful intent scared hesitant keen"""
DEFAULT_ADJECTIVE_CUES: frozenset[str] = frozenset(_ADJECTIVE_WORDS.split())
# Verbs of regarding something as something ("sees the deal as a mistake", "was deemed unfit").
_REGARD_WORDS = """see view regard consider describe portray characterize characterise label brand
    dismiss paint cast depict frame hail tout denounce decry criticize criticise praise deem
    perceive"""
DEFAULT_REGARD_LEMMAS: frozenset[str] = frozenset(_REGARD_WORDS.split())
# Documents and surveys that report what people say or think ("In the poll, 40 percent ..."),
# and nouns of a view ("In their view, Democrats could win").
_SOURCE_WORDS = """poll survey study report analysis letter memo email filing lawsuit complaint
    ruling editorial essay view opinion estimation judgment eyes"""
DEFAULT_SOURCE_NOUNS: frozenset[str] = frozenset(_SOURCE_WORDS.split())
_STANCE_PREPS = ("for", "on", "about", "to", "against", "of", "over", "with", "toward", "towards")


@dataclass(frozen=True, slots=True)
class QuoteConfig:
    """How quotes are found, attributed and merged.

    ``cue_lemmas``: verbs that introduce speech; ``cue_window``: how many tokens from a quote mark
    a cue may be; ``any_verb_introduces``: any verb right before "," or ":" and a quote is its
    cue ("Beck joked, ..."); ``min_words_unattributed``: a quote with no cue of its own must have
    this many words to inherit the speaker of the quote before it; ``indirect``: also extract
    "X said (that) CLAUSE" and "according to X, CLAUSE"; ``headings``: also take "Speaker: words"
    lines (headlines, transcripts) as quotes; ``blocks``: also take a paragraph introduced by
    "X said:" ending the paragraph before it; ``inside_quotes``: also look for indirect
    attributions nested inside direct quotes. Merging: two quotes are variants when the shorter is
    contained in the longer (normalised, so a trimmed variant too); a variant must have
    ``merge_min_words`` words; speakers must be compatible (same canonical name, or names at
    least ``speaker_similarity`` alike). Speakers: ``pronoun_sentences``, how far back a pronoun
    or a role phrase looks; ``main_person_dominance`` and ``main_person_mentions``, when a
    pronoun with no one in reach stands for the article's main person
    (:mod:`crosswire.stages.quotes.resolve`).
    """

    cue_lemmas: frozenset[str] = DEFAULT_CUE_LEMMAS
    cue_window: int = 24
    any_verb_introduces: bool = True
    min_words_unattributed: int = 4
    indirect: bool = True
    headings: bool = True
    blocks: bool = True
    inside_quotes: bool = False
    position_lemmas: frozenset[str] = DEFAULT_POSITION_LEMMAS
    position_preps: tuple[str, ...] = _POSITION_PREPS
    nominal_cues: frozenset[str] = DEFAULT_NOMINAL_CUES
    intention_nouns: frozenset[str] = DEFAULT_INTENTION_NOUNS
    adjective_cues: frozenset[str] = DEFAULT_ADJECTIVE_CUES
    stance_preps: tuple[str, ...] = _STANCE_PREPS
    regard_lemmas: frozenset[str] = DEFAULT_REGARD_LEMMAS
    source_nouns: frozenset[str] = DEFAULT_SOURCE_NOUNS
    learned_cues: frozenset[str] = LEARNED_CUES
    rejected_cues: frozenset[str] = REJECTED_CUES
    min_indirect_words: int = 2
    merge_min_words: int = 4
    speaker_similarity: float = 75.0
    pronoun_sentences: int = 4
    main_person_dominance: float = 2.0
    main_person_mentions: int = 3
