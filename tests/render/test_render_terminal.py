"""Exact output of the terminal brief (``crosswire.render.terminal``) at a fixed width.

A brief built by hand (no pipeline), rendered without colour at 80 columns, compared with the
text written out here character for character. When the layout changes on purpose, render
the brief again and replace the expected text; the narrower tests below say which part moved.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from rich.console import Console

from crosswire.models import (
    Article,
    Brief,
    BriefSource,
    Discrepancy,
    DiscrepancyValue,
    Entity,
    Fact,
    Quantity,
    Quote,
    RemovedSegment,
    Span,
    SummarySentence,
    TimelineEvent,
)
from crosswire.render import render_briefs
from crosswire.render.terminal import brief_to_text, print_brief

WIDTH = 80
AP_ID = "ap-1"
NHK_ID = "nhk-world-20250207"  # longer than the 12 characters a citation shows
AP = (
    "Prime Minister Shigeru Ishiba met President Trump at the White House on Friday. "
    "The summit lasted 90 minutes. "
    '"We will build a golden age of our alliance," Ishiba said. '
    "Japan will invest $1 trillion [sic] in the United States."
)
NHK = (
    "Ishiba and Trump met in Washington. The summit lasted 90 minutes. "
    '"Tariffs were not discussed at all today," an official said.'
)
TEXTS = {AP_ID: AP, NHK_ID: NHK}

FIRST = "Prime Minister Shigeru Ishiba met President Trump at the White House on Friday."
LASTED = "The summit lasted 90 minutes."
INVEST = "Japan will invest $1 trillion [sic] in the United States."  # brackets, not markup
GOLDEN = "We will build a golden age of our alliance,"
TARIFFS = "Tariffs were not discussed at all today,"


def _span(source: str, part: str) -> Span:
    start = TEXTS[source].index(part)
    return Span(source, start, start + len(part))


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # rich reads these; none of them may change what a test sees
    for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "COLORTERM", "TTY_COMPATIBLE",
                 "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def sample_brief() -> Brief:
    """Two sources (one a rewrite of the other), every section filled."""
    ap = Article(id=AP_ID, text=AP, title="Ishiba meets Trump", site="apnews.com",
                 published="2025-02-07", removed=(RemovedSegment("share-bar", "Share"),))
    nhk = Article(id=NHK_ID, text=NHK, site="nhk.or.jp", flags=("published-date-inconsistent",))
    both = (AP_ID, NHK_ID)
    quantity = Quantity("90 minutes", 90.0, "minute", "duration",
                        _span(AP_ID, "90 minutes"), _span(AP_ID, LASTED))
    return Brief(
        title="Ishiba meets Trump",
        story="s-7",
        sources=(
            BriefSource(article=ap, origin=None, origin_group=AP_ID, role="independent",
                        outlet="apnews.com", voice="wire:AP"),
            BriefSource(article=nhk, origin=AP_ID, origin_group=AP_ID, role="rewrite",
                        outlet="nhk.or.jp", voice="wire:AP"),
        ),
        summary=(
            SummarySentence(FIRST, (_span(AP_ID, FIRST),), (AP_ID,)),
            SummarySentence(LASTED, (_span(AP_ID, LASTED), _span(NHK_ID, LASTED)), both),
        ),
        facts=(
            Fact(LASTED, (_span(AP_ID, LASTED), _span(NHK_ID, LASTED)), both, 1,
                 quantity=quantity),
            Fact(INVEST, (_span(AP_ID, INVEST),), (AP_ID,), 1),
        ),
        quotes=(
            Quote(GOLDEN, "Shigeru Ishiba", (_span(AP_ID, GOLDEN),), (AP_ID,), 1, "said"),
            Quote(TARIFFS, None, (_span(NHK_ID, TARIFFS),), (NHK_ID,), 1, "said"),
            # not shown: under five words, and a paraphrase found verbatim nowhere
            Quote("at all today", "Trump", (_span(NHK_ID, "at all today"),), (NHK_ID,), 1),
            Quote("Tariffs were discussed at length today", "Trump", (), (AP_ID,), 1,
                  verified=False),
        ),
        # the terminal shows no entities (Markdown and JSON do)
        entities=(Entity("Shigeru Ishiba", "PERSON", ("Ishiba",), both),),
        timeline=(TimelineEvent("2025-02-07", FIRST, (_span(AP_ID, FIRST),), (AP_ID,)),),
        discrepancies=(
            Discrepancy("meeting place", (DiscrepancyValue("the White House", (AP_ID,)),
                                          DiscrepancyValue("Washington", (NHK_ID,)))),
        ),
        notes=("2 reports from 1 independent voice.",),
    )


EXPECTED = """\
╭────────────────────────────── crosswire brief ───────────────────────────────╮
│ Ishiba meets Trump                                                           │
│ 2 reports from 1 independent voice.                                          │
│                                                                              │
│ Summary                                                                      │
│ Prime Minister Shigeru Ishiba met President Trump at the White House on      │
│ Friday. [apnews.com]                                                         │
│ The summit lasted 90 minutes. [apnews.com, nhk.or.jp]                        │
│                                                                              │
│ Key facts                                                                    │
│ • The summit lasted 90 minutes. [apnews.com, nhk.or.jp] 1 independent        │
│ • Japan will invest $1 trillion [sic] in the United States. [apnews.com] 1   │
│ independent                                                                  │
│                                                                              │
│ Quotes                                                                       │
│ • “We will build a golden age of our alliance,” — Shigeru Ishiba             │
│ [apnews.com] 1 independent                                                   │
│ • “Tariffs were not discussed at all today,” — unattributed [nhk.or.jp] 1    │
│ independent                                                                  │
│                                                                              │
│ Discrepancies                                                                │
│ • meeting place: the White House [apnews.com] vs Washington [nhk.or.jp]      │
│                                                                              │
│ Timeline                                                                     │
│ • 2025-02-07 Prime Minister Shigeru Ishiba met President Trump at the White  │
│ House on Friday. [apnews.com]                                                │
│                                                                              │
│                                Sources                                       │
│ ┏━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━━━━┓        │
│ ┃ outlet     ┃ published  ┃ role                  ┃ voice ┃ removed ┃        │
│ ┡━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━━━┩        │
│ │ apnews.com │ 2025-02-07 │ independent           │ AP    │ 1       │        │
│ │ nhk.or.jp  │ - ⚠        │ rewrite of apnews.com │ AP    │ 0       │        │
│ └────────────┴────────────┴───────────────────────┴───────┴─────────┘        │
╰──────────────────────────────────────────────────────────────────────────────╯
"""

# Every list empty and no notes: the header, the (empty) notes line, and the sources table.
EXPECTED_EMPTY = """\
╭────────────────────────────── crosswire brief ───────────────────────────────╮
│ Nothing yet                                                                  │
│                                                                              │
│                                                                              │
│                     Sources                                                  │
│ ┏━━━━━━━━┳━━━━━━━━━━━┳━━━━━━┳━━━━━━━┳━━━━━━━━━┓                              │
│ ┃ outlet ┃ published ┃ role ┃ voice ┃ removed ┃                              │
│ ┡━━━━━━━━╇━━━━━━━━━━━╇━━━━━━╇━━━━━━━╇━━━━━━━━━┩                              │
│ └────────┴───────────┴──────┴───────┴─────────┘                              │
╰──────────────────────────────────────────────────────────────────────────────╯
"""


def _lines(text: str, first: str, count: int) -> str:
    """``count`` lines of ``text`` from the one starting with ``│ first``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"│ {first}"))
    return "\n".join(lines[start : start + count])


def test_the_whole_brief_at_80_columns() -> None:
    assert brief_to_text(sample_brief(), width=WIDTH) == EXPECTED


def test_print_brief_on_a_fixed_width_console() -> None:
    # the console the CLI passes in, made as rich's own tests make theirs
    written = io.StringIO()
    console = Console(file=written, width=WIDTH, color_system=None, force_terminal=False,
                      legacy_windows=False, record=True)
    print_brief(sample_brief(), console=console)
    assert written.getvalue() == EXPECTED
    assert console.export_text() == EXPECTED


def test_header_line_then_title_then_notes() -> None:
    top = brief_to_text(sample_brief(), width=WIDTH).splitlines()[:3]
    assert top == [
        "╭────────────────────────────── crosswire brief ───────────────────────────────╮",
        "│ Ishiba meets Trump                                                           │",
        "│ 2 reports from 1 independent voice.                                          │",
    ]


def test_summary_cites_sources_by_outlet_name() -> None:
    out = brief_to_text(sample_brief(), width=WIDTH)
    assert _lines(out, "Summary", 4) == (
        "│ Summary                                                                      │\n"
        "│ Prime Minister Shigeru Ishiba met President Trump at the White House on      │\n"
        "│ Friday. [apnews.com]                                                         │\n"
        "│ The summit lasted 90 minutes. [apnews.com, nhk.or.jp]                        │"
    )
    assert AP_ID not in out and NHK_ID not in out  # ids are for machines: JSON, links


def test_a_source_without_outlet_is_named_by_its_title_then_its_id() -> None:
    brief = sample_brief()
    ap, nhk = (replace(s, outlet=None, article=replace(s.article, site=None))
               for s in brief.sources)
    out = brief_to_text(replace(brief, sources=(ap, nhk)), width=WIDTH)
    assert "Friday. [Ishiba meets Trump]" in out
    assert "[Ishiba meets Trump, nhk-world-20250207]" in out


def test_unknown_speaker_is_unattributed_and_short_or_unverified_quotes_are_left_out() -> None:
    out = brief_to_text(sample_brief(), width=WIDTH)
    assert _lines(out, "Quotes", 5) == (
        "│ Quotes                                                                       │\n"
        "│ • “We will build a golden age of our alliance,” — Shigeru Ishiba             │\n"
        "│ [apnews.com] 1 independent                                                   │\n"
        "│ • “Tariffs were not discussed at all today,” — unattributed [nhk.or.jp] 1    │\n"
        "│ independent                                                                  │"
    )
    assert "— Trump" not in out and "at length" not in out


def test_long_lines_wrap_inside_the_80_columns() -> None:
    out = brief_to_text(sample_brief(), width=WIDTH)
    assert {len(line) for line in out.splitlines()} == {WIDTH}
    assert _lines(out, "Timeline", 3) == (
        "│ Timeline                                                                     │\n"
        "│ • 2025-02-07 Prime Minister Shigeru Ishiba met President Trump at the White  │\n"
        "│ House on Friday. [apnews.com]                                                │"
    )


def test_markup_characters_in_the_text_are_printed_as_they_are() -> None:
    out = brief_to_text(sample_brief(), width=WIDTH)
    assert "$1 trillion [sic] in the United States." in out
    brief = replace(sample_brief(), title="[bold]Title[/bold]", notes=("[red]x[/red] \\[y]",))
    top = brief_to_text(brief, width=WIDTH).splitlines()[1:3]
    assert [line.rstrip(" │") for line in top] == ["│ [bold]Title[/bold]", "│ [red]x[/red] \\[y]"]


def test_empty_sections_are_left_out() -> None:
    empty = Brief(title="Nothing yet", story="s-0", sources=())
    assert brief_to_text(empty, width=WIDTH) == EXPECTED_EMPTY
    emptied = replace(sample_brief(), summary=(), facts=(), quotes=(), entities=(), timeline=(),
                      discrepancies=())
    out = brief_to_text(emptied, width=WIDTH)
    for title in ("Summary", "Key facts", "Quotes", "Discrepancies", "Timeline"):
        assert f"│ {title} " not in out
    # the header and notes, then straight to the sources: the same lines as in EXPECTED
    lines = EXPECTED.splitlines()
    assert lines[-9] == f"│{' ' * (WIDTH - 2)}│" and lines[-8].strip("│ ") == "Sources"
    assert out == "\n".join(lines[:3] + lines[-9:]) + "\n"


def test_a_long_list_shows_its_strongest_six_and_counts_the_rest() -> None:
    facts = tuple(Fact(f"Fact number {i} of the story.", (), (AP_ID,), i % 3) for i in range(8))
    brief = replace(sample_brief(), summary=(), facts=facts, quotes=(), timeline=(),
                    discrepancies=())
    assert _lines(brief_to_text(brief, width=WIDTH), "Key facts", 8) == (
        "│ Key facts                                                                    │\n"
        "│ • Fact number 2 of the story. [apnews.com] 2 independent                     │\n"
        "│ • Fact number 5 of the story. [apnews.com] 2 independent                     │\n"
        "│ • Fact number 1 of the story. [apnews.com] 1 independent                     │\n"
        "│ • Fact number 4 of the story. [apnews.com] 1 independent                     │\n"
        "│ • Fact number 7 of the story. [apnews.com] 1 independent                     │\n"
        "│ • Fact number 0 of the story. [apnews.com] 0 independent                     │\n"
        "│ … 2 more in --format md or json                                              │"
    )


def test_colour_changes_no_character_of_the_layout() -> None:
    coloured = brief_to_text(sample_brief(), width=WIDTH, color=True)
    assert "\x1b[1mIshiba meets Trump\x1b[0m" in coloured  # the title in bold
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == EXPECTED


def test_render_briefs_text_is_the_terminal_brief() -> None:
    # the path `crosswire brief --format text -o FILE` takes
    empty = Brief(title="Nothing yet", story="s-0", sources=())
    assert render_briefs(briefs=(sample_brief(),), fmt="text", width=WIDTH) == EXPECTED
    both = render_briefs(briefs=(sample_brief(), empty), fmt="text", width=WIDTH)
    assert both == EXPECTED + "\n" + EXPECTED_EMPTY


def test_timeline_keeps_the_main_event_first_and_marks_background() -> None:
    main = TimelineEvent("2025-02-07", FIRST, (_span(AP_ID, FIRST),), (AP_ID,))
    old = TimelineEvent("2020", LASTED, (_span(AP_ID, LASTED),), (AP_ID,), background=True)
    later = TimelineEvent(
        "2025-02-08", LASTED, (_span(AP_ID, LASTED), _span(NHK_ID, LASTED)), (AP_ID, NHK_ID)
    )
    out = brief_to_text(replace(sample_brief(), timeline=(main, later, old)), width=200)
    rows = [line for line in out.splitlines() if "• 20" in line]
    assert [r.split("• ")[1][:10] for r in rows] == ["2025-02-07", "2025-02-08", "2020 The s"]
    assert "(background)" in rows[2] and "(background)" not in rows[0]
