"""News agencies (wire services): the one table of their names and the forms that name them.

Cleaning reads an agency off a dateline or a credit line ("WASHINGTON (AP) —", "With inputs
from Reuters") and records its canonical name (:func:`agency_name`). Lineage, reading a text
that cleaning has not credited, takes a few agencies' credits from the text itself:
:data:`BRACKET_CREDITS` written in brackets near its head ("(Reuters)", case as written here)
and :data:`CREDIT_FORMS` after "with inputs from" near its tail (any case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["AGENCIES", "BRACKET_CREDITS", "CREDIT_FORMS", "Agency", "agency_name"]


@dataclass(frozen=True, slots=True)
class Agency:
    """One agency: its canonical ``name``, the lowercase ``forms`` that name it (matched as
    whole words, any case), whether lineage reads "(name)" as a credit (``bracketed``), and
    the forms lineage reads as a credit after "with inputs from" (``credited``)."""

    name: str
    forms: tuple[str, ...]
    bracketed: bool = False
    credited: tuple[str, ...] = ()


AGENCIES: Final = (
    Agency(
        "AP", ("ap", "associated press", "the associated press"), True, ("ap", "associated press")
    ),
    Agency("Reuters", ("reuters", "thomson reuters"), True, ("reuters",)),
    Agency("AFP", ("afp", "agence france-presse", "agence france presse"), True, ("afp",)),
    Agency("UPI", ("upi",), True, ("upi",)),
    Agency("PTI", ("pti",), True),
    Agency("IANS", ("ians",), True),
    Agency("ANI", ("ani",), True),
    Agency("Bloomberg", ("bloomberg",), True, ("bloomberg",)),
    Agency("dpa", ("dpa",), True),
    Agency("Xinhua", ("xinhua",), True),
    Agency("Kyodo", ("kyodo", "kyodo news")),
    Agency("Yonhap", ("yonhap",)),
    Agency("EFE", ("efe",)),
    Agency("ANSA", ("ansa",)),
    Agency("TASS", ("tass",)),
    Agency("Bernama", ("bernama",)),
    Agency("Antara", ("antara",)),
    Agency("AAP", ("aap",)),
    Agency("CP", ("cp", "the canadian press", "canadian press")),
    Agency("Jiji", ("jiji", "jiji press")),
)
#: Canonical names that lineage reads as a credit in brackets: "(AP)", "(Reuters)".
BRACKET_CREDITS: Final = tuple(a.name for a in AGENCIES if a.bracketed)
#: Lowercase forms that lineage reads as a credit after "with inputs from", "reporting by".
CREDIT_FORMS: Final = tuple(form for a in AGENCIES for form in a.credited)

_NAMES: Final = {form: a.name for a in AGENCIES for form in a.forms}
# Longer forms first: "kyodo news" before "kyodo".
_IN_TEXT: Final = re.compile(
    r"\b(" + "|".join(sorted((re.escape(k) for k in _NAMES), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def agency_name(text: str, /) -> str | None:
    """The canonical name of the first agency named in ``text`` ('(AP)' -> 'AP'), or None."""
    m = _IN_TEXT.search(text)
    return _NAMES[m.group(1).lower()] if m else None
