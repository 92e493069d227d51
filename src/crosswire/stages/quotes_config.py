"""Settings of the quotes stage (extraction and cross-source merging)."""

from __future__ import annotations

from dataclasses import dataclass

from crosswire.stages.quotes_lexicon import LEARNED_CUES, REJECTED_CUES

__all__ = ["DEFAULT_CUE_LEMMAS", "DEFAULT_POSITION_LEMMAS", "QuoteConfig"]

# Verbs that introduce reported speech or a stated position (lemmas, as spaCy gives them).
_CUE_WORDS = """say tell state add ask write tweet post note explain argue claim insist warn
    declare announce report suggest acknowledge admit concede confirm deny reply respond answer
    continue recall conclude contend assert maintain predict promise vow pledge urge
    emphasize stress caution complain joke quip boast muse observe remark comment testify
    allege charge accuse estimate indicate reveal disclose shout yell scream whisper
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
    decline refer talk focus argue express share list name describe"""
DEFAULT_POSITION_LEMMAS: frozenset[str] = frozenset(_POSITION_WORDS.split())
_POSITION_PREPS = ("for", "on", "about", "to", "against")


@dataclass(frozen=True, slots=True)
class QuoteConfig:
    """How quotes are found, attributed and merged.

    ``cue_lemmas``: verbs that introduce speech; ``cue_window``: how many tokens from a quote mark
    a cue may be; ``any_verb_introduces``: any verb right before "," or ":" and a quote is its
    cue ("Beck joked, ..."); ``min_words_unattributed``: a quote with no cue of its own must have
    this many words to inherit the speaker of the quote before it; ``indirect``: also extract
    "X said (that) CLAUSE" and "according to X, CLAUSE"; ``headings``: also take "Speaker: words"
    lines (headlines, transcripts) as quotes; ``inside_quotes``: also look for indirect
    attributions nested inside direct quotes. Merging: two quotes are variants when the shorter is
    contained in the longer (normalised) or their fuzzy partial similarity (0-100) reaches
    ``merge_similarity``; a variant must have ``merge_min_words`` words; speakers must be
    compatible (same canonical name, or names at least ``speaker_similarity`` alike).
    """

    cue_lemmas: frozenset[str] = DEFAULT_CUE_LEMMAS
    cue_window: int = 8
    any_verb_introduces: bool = True
    min_words_unattributed: int = 4
    indirect: bool = True
    headings: bool = True
    inside_quotes: bool = False
    position_lemmas: frozenset[str] = DEFAULT_POSITION_LEMMAS
    position_preps: tuple[str, ...] = _POSITION_PREPS
    learned_cues: frozenset[str] = LEARNED_CUES
    rejected_cues: frozenset[str] = REJECTED_CUES
    min_indirect_words: int = 2
    merge_similarity: float = 85.0
    merge_min_words: int = 4
    speaker_similarity: float = 75.0
