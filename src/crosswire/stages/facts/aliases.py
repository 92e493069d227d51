"""Names the text itself gives as one entity's: an acronym defined in brackets ("Securities and
Exchange Commission (SEC)") and another name ("Nouriel Roubini, also known as Dr Doom",
"X, dubbed Y"). Pairs of name keys (short or other name, full name), for
:func:`~crosswire.stages.facts.linking.link_groups`."""

from __future__ import annotations

import re
from typing import Any

from crosswire.stages.facts.names import clean_name_spans, name_key

__all__ = ["defined_aliases"]

_DEFINED = re.compile(
    r"(?P<long>[A-Z][\w'&.-]*(?:[ \t]+(?:of|and|for|the|de|&|[A-Z][\w'&.-]*)){1,8})"
    r"[ \t]*\((?P<short>[A-Z][A-Za-z.&]{1,7})\)"
)
_ALIAS_VERBS = frozenset({"know", "call", "dub", "nickname"})


def _key(text: str) -> str:
    spans = clean_name_spans(text, 0, len(text))
    return name_key(text[spans[-1].start : spans[-1].end]) if spans else ""


def defined_aliases(*, text: str, doc: Any) -> list[tuple[str, str]]:
    """(alias key, name key) pairs the article defines."""
    out = []
    for m in _DEFINED.finditer(text):
        long = re.sub(r"^(?:The|the)\s+", "", m.group("long"))
        short = m.group("short")
        if short.replace(".", "").isupper() or len(short) <= 4:
            out.append((name_key(short), _key(long)))
    for ent in doc.ents:
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ == "as":
            verb = root.head.head
        elif root.dep_ == "oprd":
            verb = root.head
        else:
            continue
        owner = verb.head
        if verb.lemma_.lower() not in _ALIAS_VERBS or verb.dep_ != "acl" or not owner.ent_type_:
            continue
        first, last = owner.i, owner.i
        while first > 0 and doc[first].ent_iob_ == "I":
            first -= 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        out.append((_key(ent.text), _key(doc[first : last + 1].text)))
    return [(a, b) for a, b in out if a and b and a != b]
