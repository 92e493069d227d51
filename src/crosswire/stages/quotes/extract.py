"""Quotes of one article: direct and reported speech with their speakers, in text order.

``extract_quotes`` works on one article with a spaCy pipeline passed in (never loaded here):

1. quoted stretches are found from the quotation marks of each paragraph (typographic, ASCII and
   TeX-style; multi-sentence quotes; a quote left open at a paragraph end runs to that end);
2. each stretch looks for a cue verb ("said", "told", ...) within a few tokens after its closing
   mark ("...," Ishiba said) or before its opening mark (Ishiba said: "..."); the cue's subject is
   the speaker -- a named entity, a title phrase ("a senior administration official") kept as is,
   or "he"/"she" resolved to the nearest preceding named person. A verb outside the lexicon
   that takes a comma-ended quote before it as its clause is its cue ("...," Hannity started).
   When the cue's clause, infinitive or object holds the quote (He said he was "totally
   against ..."; She vowed to carry the "mantle"), all of it is the quote. A quote opened
   right after "Name:" (a person or organisation) is that name's;
3. a stretch with no cue of its own -- the second half of a split quote, or a quote paragraph
   following an attributed one -- takes the speaker of the attributed quote just before it;
   with ``indirect``, a quote paragraph right after a paragraph ending in reported speech
   ("..., Clinton said." / "He voted ...") takes that speaker; any other quoted stretch of
   ``min_words_unattributed`` words or more that nothing took or overlaps is still a quote:
   of the last attribution's speaker when it opens a sentence, that attribution lies in its
   paragraph or the one before and no other person is named in between, else of no known
   speaker -- save for titles of works ("Survival of the Fittest"), names of things ("the
   so-called ...") and quotation marks that do not pair up;
4. optionally (``indirect``, on by default), reported speech from the dependency parse: a token
   governing a clause, infinitive, object or prepositional object ("X said (that) ...",
   "according to X, ...", "X called for ...") is a cue when its ``lemma/relation`` key was learned
   on PolNeAR train (:mod:`crosswire.stages.quotes.lexicon`) or the hand lexicons accept it;
   statement and stance nouns ("his claim that ...", "support for ..."), predicative adjectives
   ("confident that ...", "wary of ..."), "sees X as Y" ("X is seen as Y"), "The idea is that
   ...", "asked if ...", "In the poll, ..." and "To many, ..." too; an attribution phrase inside
   its clause splits the content in two parts ("in the poll" after its verb keeps the words
   before it only); a verb's clause after it wins over one the parser hung before it;
   a cue inside the content of another reported clause is part of that content; reported
   speech that ends inside quoted words it opened runs on to where they close;
5. optionally (``headings``, on by default), "Speaker: words" lines (headlines, transcripts);
6. optionally (``blocks``, on by default), a paragraph introduced by a cue verb and a colon
   ending the paragraph before it ("Fox News reports:").

A cue after a quote ("...," Ishiba said) must not govern a clause of its own after it, and no
other verb may come between the two. ``Quote.kind`` tells "direct" (a quoted stretch),
"partial" (reported speech holding quoted words) and "indirect" apart. Reported content that
holds quoted words but no one to say them ("are expected to flock to the "party mile"") is
dropped: those marks set off the writer's term.

Every quote's span is a single stretch of ``article.text``; ``Quote.text`` is that stretch and
``speaker_span`` the words of the attribution that name the speaker (the pronoun itself when
the speaker was resolved from one).

The steps live in modules of their own: ``marks`` (1), ``direct`` (2, 3), ``unattributed`` (3),
``candidates`` with ``relations``, ``nominal``, ``phrases``, ``bounds`` and ``rules`` (4),
``heading`` (5) and ``block`` (6); this module runs them and makes the quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from crosswire.models import Article, Quote, Span
from crosswire.stages.quotes.block import block_attributions
from crosswire.stages.quotes.candidates import (
    Attribution,
    attribution_candidates,
    indirect_attributions,
)
from crosswire.stages.quotes.config import QuoteConfig
from crosswire.stages.quotes.direct import attribute_stretches
from crosswire.stages.quotes.heading import heading_attributions
from crosswire.stages.quotes.marks import QuotedStretch, quoted_stretches
from crosswire.stages.quotes.notquotes import (
    displayed,
    names_a_thing,
    not_a_quote,
    on_text_line,
)
from crosswire.stages.quotes.parse import doc_text, parse_paragraphs
from crosswire.stages.quotes.resolve import SpeakerResolver
from crosswire.stages.quotes.speaker import persons_of
from crosswire.stages.quotes.unattributed import following_reported, quotable, unattributed

__all__ = ["extract_quotes", "quote_candidates", "quote_kind"]


def quote_kind(*, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> str:
    """ "direct" when ``[start, end)`` is a quoted stretch, "partial" when it holds quoted
    words, else "indirect" (see :class:`~crosswire.models.Quote`)."""
    if any(s <= start and end <= e for s, e in quoted):
        return "direct"
    if any(s < end and start < e for s, e in quoted):
        return "partial"
    return "indirect"


def _to_quote(article: Article, item: Attribution, quoted: Sequence[tuple[int, int]]) -> Quote:
    speaker = item.speaker
    return Quote(
        text=article.text[item.start : item.end],
        speaker=speaker.name if speaker else None,
        speaker_mention=speaker.words if speaker else None,
        spans=(Span(article.id, item.start, item.end),),
        sources=(article.id,),
        independent=1,
        cue=item.cue,
        speaker_span=Span(article.id, speaker.start, speaker.end) if speaker else None,
        verified=True,
        kind=quote_kind(start=item.start, end=item.end, quoted=quoted),
    )


@dataclass(frozen=True, slots=True)
class _Prepared:
    doc: Any
    direct: list[Attribution]
    quoted: list[tuple[int, int]]  # where indirect cues are not looked for
    stretches: list[tuple[int, int]]
    closed: list[tuple[int, int]]  # the stretches whose quotation marks close
    persons: list[tuple[int, int, str]]
    loose: list[QuotedStretch]  # quoted stretches no attribution took
    resolver: SpeakerResolver
    shown: list[tuple[int, int]]  # words a sign or a headline shows (""...?" read a sign")


def _prepare(article: Article, nlp: Any, config: QuoteConfig, doc: Any | None) -> _Prepared:
    if doc is None or doc_text(doc) != article.text:
        doc = parse_paragraphs(nlp=nlp, text=article.text)
    starts = [t.idx for t in doc]
    stretches = quoted_stretches(article.text)
    quoted = [(s.start, s.end) for s in stretches]
    shown = [(s.start, s.end) for s in stretches if displayed(article.text, s)]
    stretches = [s for s in stretches
                 if not names_a_thing(article.text, s) and not displayed(article.text, s)]
    persons = persons_of(doc, skip=quoted)
    resolver = SpeakerResolver(doc=doc, quoted=quoted, sentences=config.pronoun_sentences,
                               cue_lemmas=config.cue_lemmas,
                               dominance=config.main_person_dominance,
                               min_mentions=config.main_person_mentions)
    found = attribute_stretches(doc=doc, starts=starts, stretches=stretches, config=config,
                                resolver=resolver)
    direct = [f.attribution for f in found if f.attribution is not None]
    # a quote widened to the cue's clause (said the plan "will fail") keeps its bare quoted
    # words too, with the same cue and speaker
    direct.extend(
        replace(f.attribution, start=f.stretch.start, end=f.stretch.end) for f in found
        if f.attribution is not None
        and (f.attribution.start, f.attribution.end) != (f.stretch.start, f.stretch.end)
        and quotable(article.text, f.stretch, min_words=config.min_words_unattributed)
    )
    loose = [f.stretch for f in found if f.attribution is None]
    closed = [(s.start, s.end) for s in stretches if s.close_at is not None]
    return _Prepared(doc, direct, [] if config.inside_quotes else quoted, quoted, closed, persons,
                     loose, resolver, shown)


def _run_to_close(
    *, doc: Any, items: Sequence[Attribution], quoted: Sequence[tuple[int, int]]
) -> list[Attribution]:
    """Reported speech whose clause ends inside quoted words it opened runs on to where they
    close (Trump said that "ethanol people" "do a fantastic job. And it's so important."): the
    parse stops at the sentence end, the speaker's quoted words do not. Never over the cue, and
    only to quotation marks that close (``quoted``: an unclosed quote runs to its paragraph's
    end, over whatever else is said there)."""
    out = []
    for item in items:
        cue_at = doc[item.cue_i].idx
        end = max(
            (e for s, e in quoted
             if item.start <= s < item.end < e and not item.end <= cue_at < e),
            default=item.end,
        )
        out.append(item if end == item.end else replace(item, end=end))
    return out


def extract_quotes(
    *, article: Article, nlp: Any, config: QuoteConfig | None = None, doc: Any | None = None
) -> tuple[Quote, ...]:
    """Direct (and, when configured, reported) quotes of ``article`` in text order.

    ``doc``: a parse of ``article.text`` by :func:`parse_paragraphs` to reuse (parsed when None).
    """
    config = config or QuoteConfig()
    prepared = _prepare(article, nlp, config, doc)
    items = list(prepared.direct)
    if config.indirect:
        reported = indirect_attributions(
            doc=prepared.doc,
            config=config,
            taken=frozenset(item.cue_i for item in items),
            quoted=prepared.quoted,
            resolver=prepared.resolver,
        )
        items.extend(_run_to_close(doc=prepared.doc, items=reported, quoted=prepared.closed))
    if config.indirect:
        items.extend(following_reported(doc=prepared.doc, loose=prepared.loose, items=items,
                                        config=config))
    if config.blocks:
        items.extend(
            block_attributions(
                doc=prepared.doc,
                lemmas=config.cue_lemmas | config.position_lemmas,
                taken=[(item.start, item.end) for item in prepared.direct],
                resolver=prepared.resolver,
            )
        )
    headings: list[Attribution] = []
    if config.headings:
        taken = [(item.start, item.end) for item in prepared.direct]
        headings = heading_attributions(doc=prepared.doc, taken=taken)
        items.extend(headings)
    if config.indirect:
        items.extend(unattributed(doc=prepared.doc, loose=prepared.loose, items=items,
                                  config=config, persons=prepared.persons))
    # One speaker per quoted span: the attribution whose cue is nearest the span ("... continued
    # their conversation with Mr. Smith, who told them: '...'" is Smith's, cue "told").
    unique: dict[tuple[int, int], Attribution] = {}
    for item in sorted(items, key=lambda i: (_cue_distance(prepared.doc, i), i.cue_i)):
        unique.setdefault((item.start, item.end), item)
    text = article.text
    kept_lines = {(h.start, h.end) for h in headings}
    for key, item in list(unique.items()):
        if _unheld_term(item, prepared.stretches) or not_a_quote(prepared.doc, item) or any(
                s < item.end and item.start < e for s, e in prepared.shown) or (
                key not in kept_lines and not on_text_line(text, item.start)):
            del unique[key]
    ordered = sorted(unique.values(), key=lambda i: (i.start, i.end, i.cue_i))
    return tuple(_to_quote(article, item, prepared.stretches) for item in ordered)


def _unheld_term(item: Attribution, quoted: Sequence[tuple[int, int]]) -> bool:
    """Reported content with no one named to hold it that holds quoted words ("revellers are
    expected to flock to Berlin's "party mile""): the marks set off the writer's term, not
    anyone's words, and a quote of nobody around it is no quote."""
    return item.speaker is None and quote_kind(
        start=item.start, end=item.end, quoted=quoted) == "partial"


def _cue_distance(doc: Any, item: Attribution) -> int:
    """Characters between an attribution's cue and its content (0 inside it)."""
    at = doc[item.cue_i].idx if 0 <= item.cue_i < len(doc) else item.start
    return max(0, item.start - at, at - item.end)


def quote_candidates(
    *, article: Article, nlp: Any, config: QuoteConfig | None = None, doc: Any | None = None
) -> tuple[tuple[str, Quote], ...]:
    """Every reported-speech candidate with its ``lemma/relation`` key, before any lexicon.

    For learning and inspecting the cue lexicon (``bench/quotes.py --learn``).
    """
    config = config or QuoteConfig()
    prepared = _prepare(article, nlp, config, doc)
    candidates = attribution_candidates(
        doc=prepared.doc,
        taken=frozenset(item.cue_i for item in prepared.direct),
        quoted=prepared.quoted,
        resolver=prepared.resolver,
        min_words=config.min_indirect_words,
        one_word_lemmas=config.position_lemmas,
    )
    return tuple(
        (c.key, _to_quote(article, c.attribution, prepared.stretches)) for c in candidates
    )
