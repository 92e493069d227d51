"""News agencies (wire services) and broadcasters whose text other outlets run: the one table
of their names, the forms that name them and their own sites (``data/agencies.json``).

Cleaning reads an agency off a dateline or a credit line ("WASHINGTON (AP) —", "With inputs
from Reuters") and records its canonical name (:func:`agency_name`). Lineage, reading a text
that cleaning has not credited, takes a few agencies' credits from the text itself:
:data:`BRACKET_CREDITS` written in brackets near its head ("(Reuters)", case as written here)
and :data:`CREDIT_FORMS` after "with inputs from" near its tail (any case). The brief's voices
(:mod:`crosswire.stages.voices`) read every agency's credit forms (:func:`credit_pattern`) and
tell an agency by its own site (:func:`agency_of_site`).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Final

__all__ = [
    "AGENCIES",
    "BRACKET_CREDITS",
    "CREDIT_FORMS",
    "Agency",
    "agency",
    "agency_name",
    "agency_of_site",
    "credit_pattern",
    "load_agencies",
]


@dataclass(frozen=True, slots=True)
class Agency:
    """One agency: its canonical ``name``, the lowercase ``forms`` that name it (matched as
    whole words, any case), whether lineage reads "(name)" as a credit (``bracketed``), the
    forms lineage reads as a credit after "with inputs from" (``credited``), its ``kind``
    (``wire`` or ``broadcaster``), the ``exact`` forms matched only as written ("PA") and its
    own ``sites`` (registrable domains: "apnews.com")."""

    name: str
    forms: tuple[str, ...]
    bracketed: bool = False
    credited: tuple[str, ...] = ()
    kind: str = "wire"
    exact: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()

    @property
    def voice(self) -> str:
        """The independent voice its text counts for: ``wire:NAME``; a broadcaster is the
        outlet of its own site (``outlet:cnn.com``), whoever runs its text."""
        if self.kind == "broadcaster" and self.sites:
            return f"outlet:{self.sites[0]}"
        return f"wire:{self.name}"


@functools.cache
def load_agencies() -> tuple[Agency, ...]:
    """The table as shipped in ``crosswire/text/data/agencies.json``."""
    raw = resources.files("crosswire.text").joinpath("data/agencies.json").read_text("utf-8")
    return tuple(
        Agency(
            name=str(row["name"]),
            forms=tuple(row.get("forms", ())),
            bracketed=bool(row.get("bracketed", False)),
            credited=tuple(row.get("credited", ())),
            kind=str(row.get("kind", "wire")),
            exact=tuple(row.get("exact", ())),
            sites=tuple(row.get("sites", ())),
        )
        for row in json.loads(raw)["agencies"]
    )


AGENCIES: Final = load_agencies()
#: Canonical names that lineage reads as a credit in brackets: "(AP)", "(Reuters)".
BRACKET_CREDITS: Final = tuple(a.name for a in AGENCIES if a.bracketed)
#: Lowercase forms that lineage reads as a credit after "with inputs from", "reporting by".
CREDIT_FORMS: Final = tuple(form for a in AGENCIES for form in a.credited)

_NAMES: Final = {form: a.name for a in AGENCIES for form in a.forms}
_EXACT: Final = {form: a.name for a in AGENCIES for form in a.exact}
_BY_NAME: Final = {a.name: a for a in AGENCIES}
_BY_SITE: Final = {site: a for a in AGENCIES for site in a.sites}


def _alternation(forms: list[str]) -> str:
    # Longer forms first: "kyodo news" before "kyodo".
    return "|".join(sorted((re.escape(k) for k in forms), key=len, reverse=True))


_FORMS: Final = rf"(?:(?i:{_alternation(list(_NAMES))})|{_alternation(list(_EXACT))})"
_IN_TEXT: Final = re.compile(rf"\b({_FORMS})\b")


def agency_name(text: str, /) -> str | None:
    """The canonical name of the first agency named in ``text`` ('(AP)' -> 'AP'), or None."""
    m = _IN_TEXT.search(text)
    return None if m is None else _NAMES.get(m.group(1).lower()) or _EXACT[m.group(1)]


def agency(name: str, /) -> Agency | None:
    """The agency of a canonical name ("AP"), or None."""
    return _BY_NAME.get(name)


def agency_of_site(site: str, /) -> Agency | None:
    """The agency whose own site ``site`` is (a registrable domain: "reuters.com"), or None."""
    return _BY_SITE.get(site)


def credit_pattern() -> str:
    """A regular expression without groups (and needing no flags) that matches one agency
    form: any case for the ``forms``, as written for the ``exact`` ones. Put it inside word
    boundaries; :func:`agency_name` gives a match's canonical name."""
    return _FORMS
