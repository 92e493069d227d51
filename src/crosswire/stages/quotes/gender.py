"""Which named person a "he" or "she" can stand for: agreement from the text's own evidence.

A person's grammatical gender is read, in this order, from a courtesy title right before a
mention ("Mr. Lane", "Ms. Rivers"), a kinship or role noun right before it ("her son, Tavin
Price", "his wife Ann"), and the lists of common given names in ``data/given_names_*.txt``.
Anything else is unknown, and an unknown person agrees with either pronoun: the rule only stops
"she said" from landing on a man the text marks as one (or the reverse).
"""

from __future__ import annotations

import re

from crosswire.stages.quotes.words import word_list

__all__ = ["gender_of", "pronoun_gender"]

_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_TITLE = re.compile(r"\b(?P<t>Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord)\.?\s+$")
_FEMALE_TITLES = frozenset({"Mrs", "Ms", "Miss", "Dame", "Lady"})
_KIN = re.compile(
    r"\b(?P<k>son|brother|father|husband|boyfriend|nephew|uncle|grandson|grandfather|stepson"
    r"|stepfather|boy|man|king|prince|daughter|sister|mother|wife|girlfriend|niece|aunt"
    r"|granddaughter|grandmother|stepdaughter|stepmother|girl|woman|queen|princess)"
    r"\b,?\s+$",
    re.IGNORECASE,
)
_FEMALE_KIN = frozenset(
    "daughter sister mother wife girlfriend niece aunt granddaughter grandmother stepdaughter "
    "stepmother girl woman queen princess".split()
)
def pronoun_gender(word: str) -> str | None:
    """"m" for he/him/his, "f" for she/her/hers, else None."""
    low = word.lower()
    return "m" if low in _MALE_PRONOUNS else "f" if low in _FEMALE_PRONOUNS else None


def gender_of(*, name: str, before: str) -> str | None:
    """"m", "f" or None (unknown) for the person ``name`` mentioned right after ``before`` (the
    few words of text before the mention)."""
    title = _TITLE.search(before)
    if title:
        return "f" if title.group("t") in _FEMALE_TITLES else "m"
    kin = _KIN.search(before)
    if kin:
        return "f" if kin.group("k").lower() in _FEMALE_KIN else "m"
    given = name.split()[0].lower().strip(".,") if name.split() else ""
    if given in word_list("given_names_male"):
        return "m"
    if given in word_list("given_names_female"):
        return "f"
    return None
