"""Untrusted text (ids, titles, quotes, names, outlets: anything a source wrote) made safe for
each output's own syntax.

* A terminal acts on control characters: C0 controls (ESC starts colours, window titles,
  OSC 8 hyperlinks, clear screen), DEL, C1 controls (U+009B is a one-character CSI) and bidi
  embeddings, overrides and isolates (which reorder what is shown). :func:`visible_controls`
  shows each instead of sending it: C0 and DEL as their Unicode control pictures (ESC as
  ``␛``), the others as ``⟨U+202E⟩``; lone surrogates (which no encoder writes) as U+FFFD.
* Markdown: :func:`md_inline` for running text (no HTML, link, autolink, emphasis, code,
  table cell or block marker can start in it), :func:`md_code` for an id in a code span.
* A URL path: :func:`id_path`, an id as one percent-encoded segment.
"""

from __future__ import annotations

import re
from urllib.parse import quote

__all__ = ["id_path", "md_code", "md_inline", "terminal_line", "visible_controls"]


def _shown(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"\u27e8U+{code:04X}\u27e9"


_CONTROLS = (
    [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
    + list(range(0xD800, 0xE000))
)
_VISIBLE = {code: _shown(code) for code in _CONTROLS}


def visible_controls(text: str, /) -> str:
    """``text`` with every character a terminal acts on shown, not sent (tab and newline
    too: callers that keep lines split them first)."""
    return text.translate(_VISIBLE)


def terminal_line(text: str, /) -> str:
    """``text`` as one safe terminal line: runs of whitespace (newlines too) become one space,
    the control characters left are shown (:func:`visible_controls`)."""
    return visible_controls(" ".join(text.split()))


# Characters that start Markdown syntax anywhere in a line: backslash-escaped (CommonMark
# makes any escaped ASCII punctuation literal). "<" and ">" become entities (no HTML, no
# autolink, no blockquote); "&" too where it would start an entity reference.
_MD_INLINE = re.compile(r"[\\`*_\[\]#|~!]")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What starts a block at the start of a line: a list item ("- ", "+ ", "1. ", "1) "), a
# setext underline or a thematic break (a line of "=" or "-").
_MD_BLOCK_START = re.compile(r"^(?:\d{1,9}(?=[.)](?:\s|$))|[-+](?=\s|$)|[-=](?=[-=\s]*$))")


def md_inline(text: str, /) -> str:
    """Untrusted ``text`` as literal Markdown inline text on one line: what a CommonMark
    renderer makes of it is the text itself, never markup."""
    out = _MD_ENTITY.sub("&amp;", terminal_line(text))
    out = out.replace("<", "&lt;").replace(">", "&gt;")
    out = _MD_INLINE.sub(lambda m: "\\" + m.group(0), out)
    block = _MD_BLOCK_START.match(out)
    if block:
        end = block.end()
        out = out[:end] + "\\" + out[end:] if out[:end].isdigit() else "\\" + out
    return out


def md_code(text: str, /) -> str:
    """Untrusted ``text`` (an id) as one Markdown code span, shown as it is: the fence is a
    run of backticks longer than any in the text, control characters (newlines too) are
    shown (:func:`visible_controls`)."""
    body = visible_controls(text)
    runs = [len(r) for r in re.findall(r"`+", body)]
    fence = "`" * (max(runs, default=0) + 1)
    if not body.strip(" "):  # CommonMark keeps a code span of spaces only as it is
        return f"{fence}{body or ' '}{fence}"
    if body[0] in "` " or body[-1] in "` ":  # one space each side is taken off again
        body = f" {body} "
    return f"{fence}{body}{fence}"


_DOT_SEGMENTS = frozenset({".", ".."})


def id_path(base: str, key: str, /) -> str:
    """The URL path of ``key`` (an id, a name) under ``base``: ``base/<key>``, the key one
    percent-encoded segment (``/`` too). A key a browser would resolve away ("." or "..",
    encoded or not) goes in the query instead: ``base/?id=..``."""
    segment = quote(key, safe="")
    if key in _DOT_SEGMENTS:
        return f"{base}/?id={segment}"
    return f"{base}/{segment}"
