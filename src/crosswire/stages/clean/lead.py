"""The lead paragraph an extractor left out: the page's own summary, shown above the body.

Many news and blog pages print a lead (standfirst, teaser) in its own box above the article
body, and the same text, sometimes cut short, in the page's ``description`` meta tags.  Body
extractors often miss that box because it sits outside the article container.  When the
description is not in the extracted body but is shown on the page, the block that shows it
is the lead; a short one-line summary (a subtitle, not body text) is left out.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

__all__ = ["recover_lead"]

_DESCRIPTIONS = etree.XPath(
    "//head/meta[@name='description' or @property='og:description'"
    " or @name='og:description' or @name='twitter:description']/@content"
)
_SHOWN = etree.XPath("//body//text()[contains(normalize-space(.), $probe)]")
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026|\[\u2026\]|\[\.\.\.\])$")
_HIDDEN = frozenset({"script", "style", "noscript", "template", "title", "textarea", "option"})
_INLINE = frozenset({"span", "strong", "b", "em", "i", "a", "font", "small", "mark", "u"})
_PROBE_WORDS = 6
_MIN_DESCRIPTION = 50  # characters: shorter descriptions are taglines, not leads


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\xa0", " ")).strip()


def _descriptions(tree: Any) -> list[str]:
    found = {_ELLIPSIS.sub("", _norm(str(value))) for value in _DESCRIPTIONS(tree)}
    return sorted(found, key=lambda text: (-len(text), text))


def _block_text(node: Any) -> str | None:
    """The text of the block element that shows a text node (None inside scripts etc.)."""
    element = node.getparent()
    if element is None or not isinstance(element.tag, str) or element.tag in _HIDDEN:
        return None
    while element.tag in _INLINE and element.getparent() is not None:
        element = element.getparent()
    return _norm(element.text_content())


def recover_lead(*, tree: Any, body: str, min_chars: int = 120) -> str | None:
    """The page's lead paragraph when ``body`` lacks it, else None.

    The lead is the text of the block that shows the page's description; it must be at
    least ``min_chars`` long and not much longer than the description (a block holding the
    whole page is no lead).
    """
    if tree is None or min_chars <= 0:
        return None
    text = _norm(body)
    for description in _descriptions(tree):
        if len(description) < _MIN_DESCRIPTION:
            continue
        probe = " ".join(description.split()[:_PROBE_WORDS])
        if probe in text or description[:60] in text:
            return None
        for node in _SHOWN(tree, probe=probe):
            lead = _block_text(node)
            if lead is None or len(lead) > 3 * len(description) + 100:
                continue
            return lead if len(lead) >= min_chars else None
    return None
