"""Which named person a "he" or "she" can stand for: agreement from the text's own evidence.

A person's grammatical gender is read, in this order, from a courtesy title right before a
mention ("Mr. Lane", "Ms. Rivers"), a kinship or role noun right before it ("her son, Tavin
Price", "his wife Ann"), and a short list of common English given names. Anything else is
unknown, and an unknown person agrees with either pronoun: the rule only stops "she said"
from landing on a man the text marks as one (or the reverse).
"""

from __future__ import annotations

import re

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
_MALE_NAMES = frozenset(
    """james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
    christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
    jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy
    vincent ralph eugene russell bobby mason philip louis bill mike jim tom bob joe barack
    vladimir xi boris emmanuel""".split()
)
_FEMALE_NAMES = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy
    betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa
    deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda
    pamela emma nicole helen samantha katherine christine debra rachel carolyn janet catherine
    maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan
    evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison
    frances kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn
    danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis
    lori hillary melania kamala angela theresa""".split()
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
    if given in _MALE_NAMES:
        return "m"
    if given in _FEMALE_NAMES:
        return "f"
    return None
