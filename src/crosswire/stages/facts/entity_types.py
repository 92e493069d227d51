"""An entity's type checked against how the name is used in the story's reports.

The NER model's vote is kept unless the text says otherwise (the word lists are data in
``data/``):

* a product's name ("Facebook Messenger", "Tesla Roadster", ``products.txt``) or a vessel's
  ("the tanker X", ``vessel_words.txt``) is a product; a company or service the model takes
  for a person or a nationality ("Twitter", "SpaceX", ``known_orgs.txt``) an organisation;
* an event's name ("World Series", "Oktoberfest", ``event_words.txt``) is an event;
* a name ending in an organisation word ("Common Sense Media", ``org_words.txt``) is an
  organisation; so is one that stands next to such words ("law firm Mossack Fonseca", "the
  Chosun Ilbo newspaper", ``org_context.txt``) more often than after a person's title ("Mayor
  Jones", ``person_context.txt``), and the other way round for a person;
* a "person" with a capital inside a word ("CoinDesk") is an organisation, and one the text also
  writes in lower case ("bitcoin") a product; a "nationality" with no demonym ending
  ("Facebook", ``demonym_endings.txt``) an organisation;
* then ``type_map`` folds labels into the brief's types (a facility is a location).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from crosswire.text.wordlists import package_words

__all__ = ["camel_case", "checked_type", "neighbours"]

_PACKAGE = "crosswire.stages.facts"
# the word next to a name, nothing but a space, a quote mark or a possessive between
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'.-]*)['\u2019s]{0,2}[\s\"\u201c\u201d]{1,2}$")
_WORD_AFTER = re.compile(r"^[\s\"\u201c\u201d]{1,2}([A-Za-z][\w'.-]*)")
_CAMEL = re.compile(r"[a-z][A-Z]")
_NAME_PREFIXES = ("mc", "mac", "o'", "de", "le", "la", "di", "da", "van", "von", "du")


def _words(name: str) -> frozenset[str]:
    return package_words(_PACKAGE, name)


def neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The words right before and right after ``text[start:end]`` (lowercase, no dots), as
    "<word" and ">word"; "" where there is none."""
    before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    after = _WORD_AFTER.search(text[end : end + 40])
    return (
        "<" + before.group(1).lower().rstrip(".") if before else "",
        ">" + after.group(1).lower().rstrip(".") if after else "",
    )


def camel_case(name: str) -> bool:
    """A capital inside a word ("SpaceX", "CoinDesk"), save after a name prefix ("McNamee")."""
    for word in name.split():
        low = word.lower()
        skip = next((len(p) for p in _NAME_PREFIXES
                     if low.startswith(p) and word[len(p) : len(p) + 1].isupper()), 0)
        if _CAMEL.search(word[skip:]):
            return True
    return False


def _lower_use(name: str, texts: Sequence[str]) -> bool:
    if " " in name or not name[:1].isupper():
        return False
    pattern = re.compile(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])")
    return any(pattern.search(text) for text in texts)


def _demonym(name: str) -> bool:
    last = name.split()[-1].lower() if name.split() else ""
    return any(last.endswith(ending) for ending in _words("demonym_endings"))


def checked_type(*, name: str, voted: str, near: Counter[str], texts: Sequence[str],
                 type_map: Mapping[str, str]) -> str:
    """The type of an entity named ``name`` whose mentions the model voted ``voted``, with
    ``near``: the words right before ("<w") and after (">w") its mentions; ``texts``: the
    reports, to see whether the name is also written in lower case."""
    words = name.lower().replace(".", "").split()
    if not words:
        return type_map.get(voted, voted)
    last = words[-1]
    products, orgs = _words("products"), _words("org_context")
    before = {w[1:] for w in near if w.startswith("<")}
    after = {w[1:] for w in near if w.startswith(">")}
    person_says = sum(n for w, n in near.items()
                      if w.startswith("<") and w[1:] in _words("person_context"))
    org_says = sum(n for w, n in near.items() if w[1:] in orgs)
    vessels = _words("vessel_words")
    if (len(words) >= 2 and last in products) or (before | after) & vessels or any(
            w.endswith(v[1:]) for w in before for v in vessels if v.startswith("-")):
        found = "PRODUCT"
    elif " ".join(words) in _words("known_orgs") or (len(words) == 1 and last in _words(
            "known_orgs")):
        found = "ORG"
    elif last in _words("event_words") or any(
            last.endswith(e[1:]) for e in _words("event_words") if e.startswith("-")):
        found = "EVENT"
    elif len(words) >= 2 and last in _words("org_words"):
        found = "ORG"
    elif voted != "PERSON" and person_says > org_says:
        found = "PERSON"
    elif (voted in ("PERSON", "WORK_OF_ART", "NORP", "PRODUCT", "MISC")
          and org_says > person_says) or (voted == "PERSON" and camel_case(name)):
        found = "ORG"
    elif voted == "PERSON" and _lower_use(name, texts):
        found = "PRODUCT"
    elif voted == "NORP" and not _demonym(name):
        found = "ORG"  # "Facebook", "CoinDesk" taken for a nationality
    else:
        found = voted
    return type_map.get(found, found)
