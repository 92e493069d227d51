"""What is not a quote though it looks like one: quoted names of things, headlines, captions
and teasers, the words of a sign.

* a quoted stretch right after a naming word ("the so-called ...", "a campaign dubbed ...",
  "The headline: ...", "an English name: ...") names a thing (``data/naming_words.txt``);
* content on a line that ends in no sentence punctuation (a colon or an aside in brackets of
  a few words count) -- a headline, a caption ending in a credit "(Getty)", a teaser ("...
  Read more") -- is no one's quote, save for a "Speaker: words" heading line;
* words a sign, a banner or a headline "reads" (``data/display_nouns.txt``) are displayed, not
  said; quoted words a naming verb gives a thing ("which he dubbed "Starman"", "tickets called
  "Feel the Heat"", ``data/naming_verbs.txt``) are its name.
"""

from __future__ import annotations

from typing import Any

from crosswire.stages.quotes.candidates import Attribution
from crosswire.stages.quotes.marks import QuotedStretch
from crosswire.stages.quotes.parse import doc_text
from crosswire.stages.quotes.words import word_list

__all__ = ["displayed", "names_a_thing", "not_a_quote", "on_text_line"]

_TERMINAL = ".!?:\u2026"  # a colon introduces what follows
_ASIDE_WORDS = 3
_MARKS = "\"'\u201c\u201d\u2018\u2019`\u00ab\u00bb"
_TEASERS = ("read more", "read full story", "continue reading", "click here")


def names_a_thing(text: str, stretch: QuotedStretch) -> bool:
    """Whether the words right before ``stretch`` make it a name ("dubbed "X"", "The
    headline: "X"")."""
    line_start = text.rfind("\n", 0, stretch.open_at) + 1
    prefix = text[line_start : stretch.open_at].rstrip().rstrip(":,").rstrip()
    if not prefix:
        return False
    last = prefix.rsplit(None, 1)[-1].lower().strip(_MARKS + ",")
    return last in word_list("naming_words")


def displayed(text: str, stretch: QuotedStretch) -> bool:
    """Whether the words after ``stretch`` say a sign or a headline shows it (""...?" read one
    fan's sign")."""
    if stretch.close_at is None:
        return False
    after = text[stretch.close_end : stretch.close_end + 60].split("\n", 1)[0]
    words = [w.strip(".,;:!?\u2019'").lower() for w in after.split()[:6]]
    if not words or words[0] not in ("read", "reads", "said", "says", "declared", "proclaimed"):
        return False
    return any(w in word_list("display_nouns") for w in words[1:])


def on_text_line(text: str, at: int) -> bool:
    """Whether character ``at`` lies on a line of running text: one that ends a sentence and
    is no teaser ("... Read more")."""
    end = text.find("\n", at)
    line = text[text.rfind("\n", 0, at) + 1 : end if end >= 0 else len(text)].rstrip()
    line = line.rstrip(_MARKS + " ")
    if line.endswith(")"):  # an aside ends the sentence; a photo credit "(Getty)" does not
        aside = line[line.rfind("(") + 1 : -1]
        return len(aside.split()) >= _ASIDE_WORDS
    if not line or line[-1] not in _TERMINAL:
        return False
    return not line.lower().rstrip(".").endswith(_TEASERS)


def not_a_quote(doc: Any, item: Attribution) -> bool:
    """Whether an attribution is no one's speech: its speaker is a sign or a headline, or its
    cue is a naming verb that gives a thing quoted words as its name."""
    speaker = item.speaker
    if speaker is not None and 0 <= speaker.head < len(doc):
        head = doc[speaker.head]
        if head.lemma_.lower() in word_list("display_nouns"):
            return True
    if not 0 <= item.cue_i < len(doc):
        return False
    cue = doc[item.cue_i]
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in word_list("display_nouns")
           for c in cue.children):
        return True  # "... read one fan's sign"
    if cue.lemma_.lower() not in word_list("naming_verbs"):
        return False
    text = doc_text(doc)
    opens_quoted = text[item.start : item.start + 1] in _MARKS or text[
        max(0, item.start - 1) : item.start] in _MARKS
    return cue.dep_ in ("acl", "relcl") or (opens_quoted and cue.lemma_.lower() != "call")
