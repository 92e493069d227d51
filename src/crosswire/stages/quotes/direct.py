"""Direct quotes: a quoted stretch and the cue that attributes it.

A cue verb within a few tokens after the closing mark ("...," Ishiba said) or before the opening
mark (Ishiba said: "..."); a verb outside the lexicon that takes a comma-ended quote before it
as its clause ("...," Hannity started). When the cue's clause, infinitive or object holds the
quote, all of it is the quote. A quote opened right after "Name:" (a person or organisation) is
that name's; a sentence-like stretch with no cue of its own right after an attributed one
continues it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from crosswire.stages.quotes.candidates import Attribution
from crosswire.stages.quotes.config import QuoteConfig
from crosswire.stages.quotes.marks import QuotedStretch
from crosswire.stages.quotes.parse import doc_text
from crosswire.stages.quotes.resolve import SpeakerResolver
from crosswire.stages.quotes.speaker import Speaker, entity_at, find_speaker, is_cue

__all__ = ["AttributedStretch", "attribute_stretches", "sentence_like"]

_STOPS = frozenset({".", "!", "?", ";", "\u201c", "\u201d", '"', "``", "''", "\u201e"})


@dataclass(frozen=True, slots=True)
class AttributedStretch:
    """A quoted stretch and its attribution (None: no cue, name or quote before it took it)."""

    stretch: QuotedStretch
    attribution: Attribution | None


def _token_index(doc: Any, starts: list[int], char: int) -> int:
    """Index of the first token starting at or after ``char``."""
    return bisect_left(starts, char)


def _cue_after(doc: Any, starts: list[int], stretch: QuotedStretch, config: QuoteConfig,
               text: str) -> Any:
    if stretch.close_at is None:
        return None
    i = _token_index(doc, starts, stretch.close_end)
    end = min(len(doc), i + config.cue_window)
    j = i
    while j < end:
        token = doc[j]
        if token.text in _QUOTE_MARKS and (title := _short_quote(doc, j, end)) is not None:
            j = title + 1  # a quoted title in the speaker's description ("author of "iGen"")
            continue
        if token.text in _STOPS or "\n" in token.text:
            return None
        if is_cue(token, lemmas=config.cue_lemmas):
            # right after the quote ("...," said Cubs fan X, 24, ...) it is the quote's cue
            return None if j - i > 1 and _introduces_own(token) else token
        if token.pos_ == "VERB" and not _in_relative(token, i):
            # another clause comes between the quote and any cue, unless this verb reports
            # the quote ("...," Hannity started; "...," Jane Roe, the chief of staff, pointed
            # out)
            reports = _reports(token, stretch, text) or _named_reporter(doc, i, token, stretch,
                                                                        text)
            return token if reports else None
        j += 1
    return None


_QUOTE_MARKS = frozenset({"\u201c", "\u201d", '"', "``", "''"})
_TITLE_TOKENS = 6


def _short_quote(doc: Any, at: int, end: int) -> int | None:
    """The closing mark of a short quoted stretch opening at token ``at`` (a title), or None."""
    for k in range(at + 1, min(end, at + _TITLE_TOKENS + 1)):
        if doc[k].text in _QUOTE_MARKS:
            return k
    return None


def _in_relative(verb: Any, first: int) -> bool:
    """Whether ``verb`` lies in a relative or participle clause on a noun after token ``first``
    ("X, the ethicist who will serve as ..., said"): the speaker's description, not a clause
    of its own."""
    token = verb
    for _ in range(6):
        if token.dep_ in ("relcl", "acl") and token.head.i >= first:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _named_reporter(doc: Any, first: int, verb: Any, stretch: QuotedStretch, text: str) -> bool:
    """Whether ``verb`` closes a comma-ended quote and a person named between the two is its
    speaker ("...," Jane Roe, the chief of staff, pointed out)."""
    if stretch.close_at is None or not text[stretch.start : stretch.close_at].rstrip().endswith(
            ","):
        return False
    return bool(doc[first].ent_type_ == "PERSON" and verb.i - first <= 16
                and not any(c.dep_ in ("dobj", "ccomp") for c in verb.children))


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
    any_verb = None
    for j in range(k, max(-1, k - config.cue_window), -1):
        token = doc[j]
        if token.text in _STOPS or "\n" in token.text:
            break
        if is_cue(token, lemmas=config.cue_lemmas):
            if introduces or j == k or _governs(token, doc[min(i + 1, len(doc) - 1)]):
                return token
            return None
        if config.any_verb_introduces and introduces and token.pos_ == "VERB":
            if before.text == ",":
                return token
            any_verb = any_verb or token
    if before.text == ":":  # "Biden was quick to retort:": the clause's subject's verb first
        subject = next((t for t in doc[before.sent.start : k] if t.dep_ == "nsubj"
                        and t.head.i < k and t.head.pos_ in ("VERB", "AUX")), None)
        if subject is not None:
            return subject.head
    return any_verb


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


def _colon_name(doc: Any, starts: list[int], stretch: QuotedStretch,
                resolver: SpeakerResolver) -> Attribution | None:
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
    resolved = resolver.resolve(name).name
    if resolved is None:
        return None
    speaker = Speaker(resolved, speaker.start, speaker.end, speaker.name)
    return Attribution(stretch.start, stretch.end, cue_i, ":", speaker)


_NEAR_NAMES = frozenset({"PERSON", "ORG"})


def _name_near(doc: Any, cue: Any, stretch: QuotedStretch,
               resolver: SpeakerResolver) -> Speaker | None:
    """For a cue after the quote with no subject the parser found ("...," Eyda Varela, the vice
    minister, insisted; "...," said Cubs fan Rodrigo Gonzales, 24): the first person or
    organisation named between the quote and the cue, or right after the cue."""
    if cue.idx < stretch.close_end:
        return None
    window = [t for t in doc[cue.i + 1 : cue.i + 6] if t.ent_type_ in _NEAR_NAMES]
    window = [t for t in doc if stretch.close_end <= t.idx < cue.idx
              and t.ent_type_ in _NEAR_NAMES] + window
    window.sort(key=lambda t: t.ent_type_ != "PERSON")  # a person first, in text order
    if not window:
        return None
    head = window[0]
    while head.ent_iob_ == "I" and head.i > 0:
        head = doc[head.i - 1]
    last = head
    while last.i + 1 < len(doc) and doc[last.i + 1].ent_iob_ == "I":
        last = doc[last.i + 1]
    referent = resolver.resolve(last)
    return Speaker(referent.name, head.idx, last.idx + len(last.text),
                   doc[head.i : last.i + 1].text, last.i)


def _named_between(resolver: SpeakerResolver, previous: AttributedStretch,
                   stretch: QuotedStretch) -> bool:
    """Whether someone other than the previous quote's speaker is named between it and
    ``stretch`` ("..., he said. / Biden was quick to retort: "...": not his words)."""
    prev = previous.attribution
    name = prev.speaker.name if prev is not None and prev.speaker is not None else None
    return resolver.others_between(name, previous.stretch.close_end, stretch.open_at)


def _other_says_between(doc: Any, starts: list[int], previous: AttributedStretch,
                        stretch: QuotedStretch, config: QuoteConfig) -> bool:
    """Whether someone else is said to speak between the previous quote and ``stretch``
    ("Ren said China's stance has not changed. "We're determined ..."": Ren's words, not the
    previous speaker's), a name NER missed included."""
    prev = previous.attribution
    name = prev.speaker.name if prev is not None and prev.speaker is not None else None
    own = {w.lower() for w in (name or "").split()}
    first = _token_index(doc, starts, previous.stretch.close_end)
    last = _token_index(doc, starts, stretch.open_at)
    for tok in doc[first:last]:
        if tok.lemma_.lower() not in config.cue_lemmas or tok.pos_ != "VERB":
            continue
        for subject in tok.children:
            if (subject.dep_ in ("nsubj", "nsubjpass") and subject.pos_ == "PROPN"
                    and subject.text.lower() not in own):
                return True
    return False


def sentence_like(text: str, *, stretch: QuotedStretch, config: QuoteConfig) -> bool:
    """Whether ``stretch`` reads as a sentence of its own: capitalised, and of
    ``config.min_words_unattributed`` words or more."""
    body = text[stretch.start : stretch.end]
    return len(body.split()) >= config.min_words_unattributed and body[:1].isupper()


def attribute_stretches(
    *, doc: Any, starts: list[int], stretches: list[QuotedStretch], config: QuoteConfig,
    resolver: SpeakerResolver,
) -> list[AttributedStretch]:
    """Every stretch of ``stretches`` with the attribution found for it, in order: its cue
    (after the quote, else before it), a "Name:" before it, or the attributed quote just
    before it that a sentence-like stretch in the same or the next paragraph continues.
    ``starts``: the character offset of every token of ``doc``."""
    text = doc_text(doc)
    found: list[AttributedStretch] = []
    previous: AttributedStretch | None = None
    for stretch in stretches:
        cue = (_cue_after(doc, starts, stretch, config, text)
               or _cue_before(doc, starts, stretch, config, text))
        attribution = None
        if cue is not None:
            start, end = _clause_bounds(cue, stretch)
            speaker = find_speaker(cue=cue, resolver=resolver) or _name_near(
                doc, cue, stretch, resolver)
            cue_text = "according to" if cue.lower_ == "according" else cue.text
            attribution = Attribution(start, end, cue.i, cue_text, speaker)
        elif (named := _colon_name(doc, starts, stretch, resolver)) is not None:
            attribution = named
        elif (
            previous is not None
            and previous.attribution is not None
            and stretch.paragraph - previous.stretch.paragraph <= 1
            and sentence_like(text, stretch=stretch, config=config)
            and not _named_between(resolver, previous, stretch)
            and not _other_says_between(doc, starts, previous, stretch, config)
        ):
            prev = previous.attribution
            attribution = Attribution(stretch.start, stretch.end, prev.cue_i, prev.cue,
                                      prev.speaker)
        current = AttributedStretch(stretch, attribution)
        found.append(current)
        if attribution is not None and sentence_like(text, stretch=stretch, config=config):
            previous = current  # a quoted title ("Today" show) is no one's running quote
    return found
