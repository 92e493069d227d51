"""Quotes: direct and reported speech with their speakers, and variants merged across sources.

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
"partial" (reported speech holding quoted words) and "indirect" apart.

Every quote's span is a single stretch of ``article.text``; ``Quote.text`` is that stretch and
``speaker_span`` the words of the attribution that name the speaker (the pronoun itself when
the speaker was resolved from one).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from crosswire.models import Article, Quote, Span
from crosswire.stages.quotes.attrib import (
    Attribution,
    attribution_candidates,
    indirect_attributions,
)
from crosswire.stages.quotes.block import block_attributions
from crosswire.stages.quotes.config import DEFAULT_CUE_LEMMAS, QuoteConfig
from crosswire.stages.quotes.heading import heading_attributions
from crosswire.stages.quotes.marks import QuotedStretch, quoted_stretches
from crosswire.stages.quotes.merge import merge_quotes
from crosswire.stages.quotes.speaker import entity_at, find_speaker, is_cue, persons_of

__all__ = [
    "DEFAULT_CUE_LEMMAS",
    "QuoteConfig",
    "extract_quotes",
    "merge_quotes",
    "parse_many",
    "parse_paragraphs",
    "quote_candidates",
    "quote_kind",
]

_STOPS = frozenset({".", "!", "?", ";", "\u201c", "\u201d", '"', "``", "''", "\u201e"})


@dataclass(frozen=True, slots=True)
class _Found:
    stretch: QuotedStretch
    attribution: Attribution | None


def _paragraph_doc(nlp: Any, text: str) -> Any:
    doc = nlp.make_doc(text)
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws:
            token.is_sent_start = True
    return doc


def parse_paragraphs(*, nlp: Any, text: str) -> Any:
    """Run ``nlp`` on ``text`` with every paragraph (line) starting a new sentence."""
    doc = _paragraph_doc(nlp, text)
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc


def parse_many(*, nlp: Any, texts: Sequence[str], batch_size: int = 16) -> list[Any]:
    """:func:`parse_paragraphs` of every text, run in batches (faster, same parses)."""
    return list(nlp.pipe((_paragraph_doc(nlp, t) for t in texts), batch_size=batch_size))


def _token_index(doc: Any, starts: list[int], char: int) -> int:
    """Index of the first token starting at or after ``char``."""
    return bisect_left(starts, char)


def _cue_after(doc: Any, starts: list[int], stretch: QuotedStretch, config: QuoteConfig,
               text: str) -> Any:
    if stretch.close_at is None:
        return None
    i = _token_index(doc, starts, stretch.close_end)
    for token in doc[i : i + config.cue_window]:
        if token.text in _STOPS or "\n" in token.text:
            return None
        if is_cue(token, lemmas=config.cue_lemmas):
            return None if _introduces_own(token) else token
        if token.pos_ == "VERB":  # another clause comes between the quote and any cue
            return token if _reports(token, stretch, text) else None
    return None


def _reports(verb: Any, stretch: QuotedStretch, text: str) -> bool:
    """Whether a verb outside the cue lexicon reports the quote before it ("...," Hannity
    started): the quote ends in a comma and the verb takes it as its clause."""
    if stretch.close_at is None:
        return False
    if not text[stretch.start : stretch.close_at].rstrip().endswith(","):
        return False
    return any(
        c.dep_ in ("ccomp", "parataxis") and stretch.start <= c.idx < stretch.close_at
        for c in verb.children
    )


def _introduces_own(cue: Any) -> bool:
    """Whether ``cue`` governs a clause after it ("..." and he said CLAUSE)."""
    return any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children)


def _cue_before(doc: Any, starts: list[int], stretch: QuotedStretch, config: QuoteConfig,
                text: str) -> Any:
    """A cue just before the opening mark: "X said, "...", "X said: / "..." (next paragraph)."""
    i = _token_index(doc, starts, stretch.open_at)
    k = i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 0:
        return None
    before = doc[k]
    if "\n" in text[before.idx : stretch.open_at] and before.text != ":":
        return None
    introduces = before.text in (",", ":")
    for j in range(k, max(-1, k - config.cue_window), -1):
        token = doc[j]
        if token.text in _STOPS or "\n" in token.text:
            return None
        if is_cue(token, lemmas=config.cue_lemmas):
            if introduces or j == k or _governs(token, doc[min(i + 1, len(doc) - 1)]):
                return token
            return None
        if config.any_verb_introduces and introduces and token.pos_ == "VERB":
            return token
    return None


def _governs(cue: Any, token: Any) -> bool:
    """Whether ``token`` lies in a clause or object of ``cue``."""
    return any(
        child.dep_ in ("ccomp", "xcomp", "dobj", "attr", "oprd")
        and child.left_edge.i <= token.i <= child.right_edge.i
        for child in cue.children
    )


_HOLDERS = frozenset({"ccomp", "xcomp", "dobj"})  # what the cue says, when it holds the quote


def _clause_bounds(cue: Any, stretch: QuotedStretch) -> tuple[int, int]:
    """The quote widened to the cue's clause, infinitive or object when that holds the quote
    and starts before it (said the plan "will fail"; vowed to carry the "mantle"; stressed the
    need for "unshakeable commitment")."""
    start, end = stretch.start, stretch.end
    for child in cue.children:
        if child.dep_ not in _HOLDERS:
            continue
        lo = child.left_edge.idx
        hi = child.right_edge.idx + len(child.right_edge.text)
        if lo <= stretch.start and stretch.open_at < hi and lo < stretch.open_at:
            return min(start, lo), max(end, hi)
    return start, end


_COLON_NAMES = frozenset({"PERSON", "ORG"})


def _colon_name(doc: Any, starts: list[int], stretch: QuotedStretch) -> Attribution | None:
    """ 'Name: "..."' -- a quote opened right after a colon that follows a person's or an
    organisation's name ("More from Jones: "..."", "Clinton: "..." Bush: "..."")."""
    cue_i = _token_index(doc, starts, stretch.open_at) - 1
    while cue_i > 0 and doc[cue_i].is_space:
        cue_i -= 1
    if cue_i < 1 or doc[cue_i].text != ":":
        return None
    name = doc[cue_i - 1]
    speaker = entity_at(name) if name.ent_type_ in _COLON_NAMES else None
    if speaker is None or speaker.end != name.idx + len(name.text):
        return None
    return Attribution(stretch.start, stretch.end, cue_i, ":", speaker)


def _sentence_like(text: str, stretch: QuotedStretch, config: QuoteConfig) -> bool:
    body = text[stretch.start : stretch.end]
    return len(body.split()) >= config.min_words_unattributed and body[:1].isupper()


def _attribute(
    *, doc: Any, starts: list[int], stretches: list[QuotedStretch], config: QuoteConfig,
    persons: list[tuple[int, int, str]],
) -> list[_Found]:
    text = doc.text  # built anew on every access: once here, not once a stretch
    found: list[_Found] = []
    previous: _Found | None = None
    for stretch in stretches:
        cue = (_cue_after(doc, starts, stretch, config, text)
               or _cue_before(doc, starts, stretch, config, text))
        attribution = None
        if cue is not None:
            start, end = _clause_bounds(cue, stretch)
            speaker = find_speaker(cue=cue, persons=persons)
            cue_text = "according to" if cue.lower_ == "according" else cue.text
            attribution = Attribution(start, end, cue.i, cue_text, speaker)
        elif (named := _colon_name(doc, starts, stretch)) is not None:
            attribution = named
        elif (
            previous is not None
            and previous.attribution is not None
            and stretch.paragraph - previous.stretch.paragraph <= 1
            and _sentence_like(text, stretch, config)
        ):
            prev = previous.attribution
            attribution = Attribution(stretch.start, stretch.end, prev.cue_i, prev.cue,
                                      prev.speaker)
        current = _Found(stretch, attribution)
        found.append(current)
        if attribution is not None:
            previous = current
    return found


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


def _prepare(article: Article, nlp: Any, config: QuoteConfig, doc: Any | None) -> _Prepared:
    if doc is None or doc.text != article.text:
        doc = parse_paragraphs(nlp=nlp, text=article.text)
    starts = [t.idx for t in doc]
    stretches = quoted_stretches(article.text)
    quoted = [(s.start, s.end) for s in stretches]
    persons = persons_of(doc, skip=quoted)
    found = _attribute(doc=doc, starts=starts, stretches=stretches, config=config,
                       persons=persons)
    direct = [f.attribution for f in found if f.attribution is not None]
    loose = [f.stretch for f in found if f.attribution is None]
    closed = [(s.start, s.end) for s in stretches if s.close_at is not None]
    return _Prepared(doc, direct, [] if config.inside_quotes else quoted, quoted, closed, persons,
                     loose)


def _following_reported(
    *, doc: Any, loose: Sequence[QuotedStretch], items: Sequence[Attribution], config: QuoteConfig
) -> list[Attribution]:
    """Quote paragraphs with no cue right after a paragraph ending in reported speech ("...,
    Clinton said." / "He voted ..."): the speaker of that reported speech."""
    text = doc.text
    ends = [(_text_end(doc[i.cue_i].sent), i.start, i) for i in items if i.speaker]
    out: list[Attribution] = []
    for stretch in loose:
        if not _sentence_like(text, stretch, config):
            continue
        before = [e for e in ends if e[0] <= stretch.open_at]
        if not before:
            continue
        end, _start, prev = max(before, key=lambda e: (e[0], e[1]))
        gap = text[end : stretch.open_at]
        if gap.strip() or "\n" not in gap:
            continue
        item = Attribution(stretch.start, stretch.end, prev.cue_i, prev.cue, prev.speaker)
        out.append(item)
        ends.append((_text_end(_sentence_at(doc, stretch.end - 1)), stretch.start, item))
    return out


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


def _unattributed(
    *, doc: Any, loose: Sequence[QuotedStretch], items: Sequence[Attribution], config: QuoteConfig,
    persons: Sequence[tuple[int, int, str]] = (),
) -> list[Attribution]:
    """Quoted stretches of ``config.min_words_unattributed`` words or more that no attribution
    took or overlaps: quoted words whose cue was not found are still somebody's. By the news
    convention a quoted sentence that opens a sentence of its own continues the last
    attribution when it is in the same paragraph or the one before, has a speaker, and no other
    person is named in between (``persons``); any other is left with no known speaker (None)
    rather than guessed. Names of things ("the
    so-called ...", "a sign that read ..."), titles of works, stretches that open on
    punctuation or hold a "..., he said" of their own (quotation marks that do not pair up),
    and stretches left open in the middle of a paragraph are not quotes."""
    text = doc.text
    out: list[Attribution] = []
    for stretch in loose:
        words = text[stretch.start : stretch.end].split()
        if len(words) < config.min_words_unattributed or _title(words) or not _loose_quote(
            text, stretch
        ):
            continue
        if any(i.start < stretch.end and stretch.start < i.end for i in items):
            continue
        before = [i for i in items if i.end <= stretch.open_at]
        prev = max(before, key=lambda i: (i.end, i.start)) if before else None
        if (
            prev is not None
            and prev.speaker is not None
            and _paragraph_breaks(text, prev.end, stretch.open_at) <= 1
            and _sentence_like(text, stretch, config)
            and _opens_sentence(text, stretch.open_at)
            and not _other_person_between(
                persons, prev.speaker.name,
                max(prev.end, _text_end(doc[prev.cue_i].sent)), stretch.open_at,
            )
        ):
            out.append(Attribution(stretch.start, stretch.end, prev.cue_i, prev.cue, prev.speaker))
        else:
            first = _sentence_at(doc, stretch.open_at).start
            out.append(Attribution(stretch.start, stretch.end, first, "", None))
    return out


def _other_person_between(
    persons: Sequence[tuple[int, int, str]], speaker: str, start: int, end: int
) -> bool:
    """Whether a person other than ``speaker`` is named within ``[start, end)``: one shared
    name word of three letters or more, or the same last word ("Li" is "Li Keqiang"), makes
    the same person."""
    own = _person_words(speaker)
    return any(
        start <= s and e <= end and not _same_person(own, _person_words(name))
        for s, e, name in persons
    )


def _person_words(name: str) -> list[str]:
    return [re.sub(r"['\u2019]s$", "", w) for w in name.lower().split()]


def _same_person(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return False
    return a[-1] == b[-1] or bool({w for w in a if len(w) > 2} & {w for w in b if len(w) > 2})


# Words after which quoted words name a thing rather than quote someone ("the so-called ...",
# "a sign that read ...", "a report titled ...").
_NAMING = frozenset({
    "so-called", "called", "dubbed", "named", "nicknamed", "titled", "entitled", "headlined",
    "labeled", "labelled", "termed", "branded", "read", "reads", "reading", "as", "word",
    "phrase", "slogan", "motto", "hashtag", "chant", "chanting", "chanted", "banner",
})
_CLOSING_MARKS = "\u201d\"'\u2019\u00bb"
# "..., Lee said. ...": narration with its own cue inside a stretch (marks that do not pair up).
_OWN_CUE = re.compile(
    r"[,.?!]\s+(?:he|she|they|[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*)\s+"
    r"(?:said|says|added|adds|told|tells|asked|asks|wrote|writes|explained|continued)\b"
    r"(?!\s+(?:me|us|my|our|him|her|them|you|his|their)\b)"  # "Smith told me ..." is quoted
)
_ELLIPSES = ("...", ". . .", "\u2026")


def _loose_quote(text: str, stretch: QuotedStretch) -> bool:
    """Whether a quoted stretch with no attribution can be a quote at all (see
    :func:`_unattributed`)."""
    body = text[stretch.start : stretch.end]
    if body[:1] in ",;:).!?" and not body.startswith(_ELLIPSES):
        return False
    if _OWN_CUE.search(body):
        return False
    line_start = text.rfind("\n", 0, stretch.open_at) + 1
    prefix = text[line_start : stretch.open_at].rstrip()
    if stretch.close_at is None and prefix:
        return False
    if not prefix or prefix.endswith(":"):  # "In his own words: ..." introduces a quote
        return True
    return prefix.rsplit(None, 1)[-1].lower().strip(",") not in _NAMING


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the quotation mark at ``at`` opens a paragraph or a sentence."""
    line_start = text.rfind("\n", 0, at) + 1
    prefix = text[line_start:at].rstrip()
    if not prefix:
        return True
    if prefix[-1] in _CLOSING_MARKS:
        prefix = prefix[:-1].rstrip()
    return prefix[-1:] in (".", "!", "?", ":")


_MINOR_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at",
                          "to", "for", "by", "with", "from", "as", "vs", "vs."})


def _title(words: Sequence[str]) -> bool:
    """Whether quoted ``words`` are the title of a work ("Survival of the Fittest", "Sex and the
    City", "Gone with the Wind."): every word but the minor ones capitalised, and no sentence
    ending inside them (one full stop or comma at the very end is the sentence around them)."""
    if all(w.isupper() for w in words if any(c.isalpha() for c in w)):
        return False  # shouting ("THE FAKE NEWS MEDIA IS ..."), not a title
    words = [*words[:-1], words[-1].rstrip(".,") or words[-1]]
    if words[-1][-1:] in "!?" or any(w[-1:] in ".!?" and w[:-1][-1:].islower() for w in words):
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _MINOR_WORDS
               for w in words)


def _paragraph_breaks(text: str, start: int, end: int) -> int:
    """How many paragraph breaks (runs of line breaks) ``text[start:end]`` crosses."""
    return len(_BREAKS.findall(text, start, end))


_BREAKS = re.compile(r"\n\s*")


def _sentence_at(doc: Any, char: int) -> Any:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0].sent


def _text_end(sent: Any) -> int:
    """Where the words of ``sent`` end (the line breaks after them left out)."""
    last = next((t for t in reversed(sent) if not t.is_space), sent[0])
    return int(last.idx + len(last.text))


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
            persons=prepared.persons,
        )
        items.extend(_run_to_close(doc=prepared.doc, items=reported, quoted=prepared.closed))
    if config.indirect:
        items.extend(_following_reported(doc=prepared.doc, loose=prepared.loose, items=items,
                                         config=config))
    if config.blocks:
        items.extend(
            block_attributions(
                doc=prepared.doc,
                lemmas=config.cue_lemmas | config.position_lemmas,
                taken=[(item.start, item.end) for item in prepared.direct],
                persons=prepared.persons,
            )
        )
    if config.headings:
        taken = [(item.start, item.end) for item in prepared.direct]
        items.extend(heading_attributions(doc=prepared.doc, taken=taken))
    if config.indirect:
        items.extend(_unattributed(doc=prepared.doc, loose=prepared.loose, items=items,
                                   config=config, persons=prepared.persons))
    # One speaker per quoted span: the attribution whose cue is nearest the span ("... continued
    # their conversation with Mr. Smith, who told them: '...'" is Smith's, cue "told").
    unique: dict[tuple[int, int], Attribution] = {}
    for item in sorted(items, key=lambda i: (_cue_distance(prepared.doc, i), i.cue_i)):
        unique.setdefault((item.start, item.end), item)
    ordered = sorted(unique.values(), key=lambda i: (i.start, i.end, i.cue_i))
    return tuple(_to_quote(article, item, prepared.stretches) for item in ordered)


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
        persons=prepared.persons,
        min_words=config.min_indirect_words,
        one_word_lemmas=config.position_lemmas,
    )
    return tuple(
        (c.key, _to_quote(article, c.attribution, prepared.stretches)) for c in candidates
    )
