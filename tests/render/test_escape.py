"""Untrusted text in each output's own syntax (issue 23, cases 1 and 7): Markdown a CommonMark
renderer that passes HTML shows as text, terminal text that sends no control character, ids
as one URL path segment."""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.render import brief_to_markdown, brief_to_text
from crosswire.render.escape import (
    id_path,
    md_code,
    md_inline,
    terminal_line,
    visible_controls,
)
from tests.render.hostile import ESCAPES, HOSTILE_ID, hostile_brief, terminal_controls

# Pieces of hostile text; hypothesis strings are built from them and from any characters.
PIECES = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "](javascript:x)",
          "[a](javascript:alert(1))", "<http://evil.example/>", "<mailto:a@b.c>", "javascript:",
          "`", "``", "\n\n", "\n", "    ", "*", "_", "**", "#", "|", "!", "~~", "\\", "&lt;",
          "&#60;", "&amp;", "1. ", "2) ", "- ", "+ ", "===", "---", "> ", "[", "]", "(", ")",
          "<!--", "-->", "<![CDATA[", "<?php", "[x]: javascript:y", "\x00", *ESCAPES)
hostile_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), min_size=1, max_size=8
).map("".join)


def _html(text: str) -> str:
    """``text`` as markdown-it writes text in HTML."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;")


def _commonmark() -> object:
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark")  # passes raw HTML through


# ------------------------------------------------------------------ the terminal


def test_visible_controls_shows_what_a_terminal_acts_on() -> None:
    assert visible_controls("a\x1b]0;t\x07b") == "a\u241b]0;t\u2407b"  # ␛ ... ␇
    assert visible_controls("\x9b31m \u202eabc \u2066x\u2069 \x7f") == (
        "\u27e8U+009B\u27e931m \u27e8U+202E\u27e9abc \u27e8U+2066\u27e9x\u27e8U+2069\u27e9 \u2421"
    )
    assert visible_controls("caf\u00e9 \u05e9\u05dc\u05d5\u05dd \u200f") == (
        "caf\u00e9 \u05e9\u05dc\u05d5\u05dd \u200f"  # letters of any script, bidi marks kept
    )
    assert visible_controls("\ud800") == "\ufffd"  # a lone surrogate no encoder writes


def test_terminal_line_is_one_line() -> None:
    assert terminal_line("  Deal\n\n done\t\r\x1b[2J ") == "Deal done \u241b[2J"


@given(hostile_text)
def test_terminal_line_sends_no_control_character(text: str) -> None:
    out = terminal_line(text)
    assert not terminal_controls(out) and "\n" not in out and "\t" not in out
    out.encode("utf-8")  # prints on any UTF-8 terminal


def test_terminal_brief_sends_no_escape_sequence() -> None:
    """Case 7: titles, ids, quotes, dates and flags with escape sequences and rich markup."""
    brief = hostile_brief()
    plain = brief_to_text(brief, width=120)
    assert not terminal_controls(plain)
    assert "\u241b]0;pwned\u2407" in plain  # shown, not sent
    assert "[link=https://evil.example/]click[/link]" in plain  # markup shown as text
    coloured = brief_to_text(brief, width=120, color=True)
    # only rich's own colour sequences (SGR: ESC [ ... m); no OSC (title, hyperlink), no C1
    rest = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert not terminal_controls(rest)
    assert "\x1b]" not in coloured and "evil.example" in rest


def test_terminal_brief_leaves_emoji_codes_alone() -> None:
    brief = hostile_brief(title="Deal :smile: done")
    assert "Deal :smile: done" in brief_to_text(brief, width=120)


# ------------------------------------------------------------------ Markdown


def test_md_inline_examples() -> None:
    assert md_inline("<b>x</b> & AT&T &amp;") == "&lt;b&gt;x&lt;/b&gt; & AT&T &amp;amp;"
    assert md_inline("[a](javascript:x)") == "\\[a\\](javascript:x)"
    assert md_inline("1. First") == "1\\. First" and md_inline("8.6 trillion") == "8.6 trillion"
    assert md_inline("- item") == "\\- item" and md_inline("-5%") == "-5%"
    assert md_inline("a\n\nb") == "a b"


@settings(max_examples=300)
@given(hostile_text)
def test_md_inline_renders_as_the_text_itself(text: str) -> None:
    """Whatever the text, CommonMark (HTML passed through) shows exactly it: no tag, link,
    emphasis, code, heading, list or break comes of it."""
    md = _commonmark()
    shown = terminal_line(text)
    rendered = md.render(md_inline(text))  # type: ignore[attr-defined]
    assert rendered == (f"<p>{_html(shown)}</p>\n" if shown else "")


@settings(max_examples=300)
@given(hostile_text)
def test_md_code_renders_as_the_id_itself(text: str) -> None:
    md = _commonmark()
    shown = visible_controls(text)
    rendered = md.render("id " + md_code(text))  # type: ignore[attr-defined]
    assert rendered == f"<p>id <code>{_html(shown or ' ')}</code></p>\n"


def _tags(rendered: str) -> set[str]:
    return set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", rendered))


BRIEF_TAGS = {"h1", "h2", "p", "ul", "li", "strong", "em", "code"}


def test_markdown_brief_passes_no_html_link_or_escape() -> None:
    """Case 1: an id carrying a blank line and HTML, HTML in origins, origin groups, outlets,
    titles, speakers, notes, flags and dates."""
    md = brief_to_markdown(hostile_brief())
    assert not terminal_controls(md)
    rendered = _commonmark().render(md)  # type: ignore[attr-defined]
    assert _tags(rendered) <= BRIEF_TAGS  # no <a>, <script>, <img>, <iframe> ...
    assert not re.search(r"<[a-z]+ ", rendered)  # no tag has an attribute
    # the id is shown whole, in one code span
    assert "<code>r1\u240a\u240a&lt;script&gt;alert(1)&lt;/script&gt;\u241b]0;id\u2407</code>" \
        in rendered


def test_markdown_brief_has_no_raw_markup_from_its_sources() -> None:
    """Without a renderer: nothing a source wrote reaches the Markdown as raw HTML, link,
    autolink or block."""
    md = brief_to_markdown(hostile_brief())
    # outside the code spans of ids (whose text is literal), no "<", ">" or unescaped "]("
    prose = re.sub(r"(`+) .*? \1|(`+)[^` ].*?\2", "", md)
    assert "<" not in prose and ">" not in prose
    assert not re.search(r"(?<!\\)\]\(", prose)
    assert not re.search(r"^\s*(?:\d+[.)]|[-+*>]|#{1,6}\s)", md.split("## Summary")[1].split(
        "\n", 3)[2])  # the summary line starts with text, not a list marker
    assert HOSTILE_ID not in md


@settings(max_examples=60, deadline=None)
@given(ids=st.tuples(hostile_text, hostile_text).filter(lambda p: p[0] != p[1]),
       title=hostile_text)
def test_markdown_brief_of_any_ids_and_titles_is_text(ids: tuple[str, str], title: str) -> None:
    brief = hostile_brief(ids=ids, title=title)
    md = brief_to_markdown(brief)
    assert not terminal_controls(md)
    rendered = _commonmark().render(md)  # type: ignore[attr-defined]
    assert _tags(rendered) <= BRIEF_TAGS and not re.search(r"<[a-z]+ ", rendered)
    text = terminal_line(title)
    if text:
        assert f"<h1>{_html(text)}</h1>" in rendered


# ------------------------------------------------------------------ links


def _resolved(page: str, href: str) -> str:
    """The path a browser goes to (it takes %2e as a dot in dot segments)."""
    parts = urlsplit(urljoin(page, re.sub("%2[eE]", ".", href)))
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize("key", ["..", ".", "../../../api/stories", "a/b", "a?b#c", "%2e%2e",
                                 " x ", "100%", "日本"])
def test_id_path_stays_under_its_base(key: str) -> None:
    href = id_path("/articles", key)
    resolved = _resolved("http://127.0.0.1/stories/s-1", href)
    assert resolved.startswith("/articles/")
    path, _, query = resolved.partition("?")
    got = unquote(path.removeprefix("/articles/")) or unquote(query.removeprefix("id="))
    assert got == key


@given(st.text(min_size=1, max_size=20))
def test_id_path_is_one_segment(key: str) -> None:
    href = id_path("/entities", key)
    path = href.partition("?")[0]
    assert path.count("/") == 2 and not re.search(r"[#?\s]", path.removeprefix("/entities/"))
