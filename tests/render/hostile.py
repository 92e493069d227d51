"""A brief (and a store holding it) whose every piece of source text is hostile: ids, origins,
origin groups, outlets, titles, quotes, speakers, notes, flags and dates that carry HTML,
Markdown links, autolinks, blank lines, terminal escape sequences, bidi overrides and rich
markup. Shared by the Markdown, terminal, CLI and web hardening tests."""

from __future__ import annotations

from pathlib import Path

from crosswire.models import (
    Article,
    Brief,
    BriefSource,
    Discrepancy,
    DiscrepancyValue,
    Entity,
    EventDate,
    Fact,
    Quote,
    RemovedSegment,
    Span,
    SummarySentence,
    TimelineEvent,
)
from crosswire.store import open_store

TEXT = "Officials in Tokyo said the deal was done on Tuesday."
# what a terminal acts on: window title, colours, an OSC 8 hyperlink, clear screen, a
# one-character CSI (C1), a bidi override; and rich markup
ESCAPES = ("\x1b]0;pwned\x07", "\x1b[31mred\x1b[0m",
           "\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\", "\x1b[2J", "\x9b31m",
           "\u202egnp.exe", "[link=https://evil.example/]click[/link]", "[bold red]x[/]")
HOSTILE_ID = "r1\n\n<script>alert(1)</script>\x1b]0;id\x07"
COPY_ID = "r2`<img src=x onerror=alert(2)>`"


def hostile_brief(*, ids: tuple[str, str] = (HOSTILE_ID, COPY_ID),
                  title: str = "[a](javascript:alert(3)) <http://evil.example/> "
                               + " ".join(ESCAPES)) -> Brief:
    a, b = ids
    span = (Span(a, 0, len(TEXT)),)
    group = "g<script>alert(5)</script>\x1b[2J"
    arts = (
        Article(id=a, text=TEXT, title=title, site="<b>a.example</b>", published="2025-02-07",
                flags=("<i>flagged</i>\x1b[5m",),
                removed=(RemovedSegment("<u>junk</u>\x07", "Leave a reply"),)),
        Article(id=b, text=TEXT, title="<svg onload=alert(4)>\x9b2J", published="2025-02-08"),
    )
    return Brief(
        title=title,
        story="s-hostile",
        sources=(
            BriefSource(article=arts[0], origin=None, origin_group=group, role="original"),
            BriefSource(article=arts[1], origin=a, origin_group=group, role="copy",
                        outlet="<a href=javascript:alert(6)>x</a>", voice=None),
        ),
        summary=(SummarySentence("1. [x](javascript:alert(7)) <b>bold</b> " + ESCAPES[0],
                                 span, (a, b)),),
        facts=(Fact(TEXT + " " + ESCAPES[2], span, (a, "zz<img src=x onerror=alert(8)>"), 1),),
        quotes=(Quote("<script>alert(9)</script> " + ESCAPES[1],
                      "<b onmouseover=alert(10)>Sato</b>\u202e", span, (b,), 1),),
        entities=(Entity("<i>Tokyo</i>", "GPE<script>", ("[y](javascript:z)",), (a,)),),
        timeline=(TimelineEvent("2025-02<script>\x1b[2J", TEXT, span, (a,)),),
        discrepancies=(Discrepancy("<b>cost</b>\x1b[2J", (
            DiscrepancyValue("$5 <i>bn</i>", (a,)), DiscrepancyValue("![i](x.png)", (b,)))),),
        notes=("<img src=x onerror=alert(11)>\x1b[2J",),
        event_date=EventDate(date="2025-02-07\x1b[2J", text="on <b>Tuesday</b>", spans=span,
                             sources=(a,)),
        flags=("<iframe src=javascript:x>\x1b]8;;https://evil.example/\x1b\\",),
    )


def hostile_store(path: Path, *, brief: Brief | None = None) -> Brief:
    """A store at ``path`` holding ``brief`` (:func:`hostile_brief` by default) and its
    articles; returns the brief."""
    brief = brief or hostile_brief()
    with open_store(path=path) as store:
        with store.transaction():
            for src in brief.sources:
                store.add_article(article=src.article, content_hash=f"h-{src.article.id}",
                                  origin=f"{src.article.id}.txt")
        store.put_story(brief=brief, fingerprint="fp")
    return brief


def terminal_controls(text: str) -> list[str]:
    """The characters of ``text`` a terminal acts on: C0 controls but tab and newline, DEL,
    C1 controls, bidi embeddings, overrides and isolates."""
    return [c for c in text if (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0
            or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069]
