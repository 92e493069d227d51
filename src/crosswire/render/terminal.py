"""The brief for a terminal, with rich: readable in a minute, citations in brackets.

The terminal shows the summary and the strongest few items of each list; Markdown and JSON
carry everything. Everything a source wrote reaches the terminal as text: its control
characters shown, not sent (:func:`crosswire.render.escape.terminal_line`), rich markup and
emoji codes in it not interpreted.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crosswire.models import Brief
from crosswire.render.escape import terminal_line
from crosswire.render.names import brief_labels, cite_names, claim_of, only_in, voice_label

__all__ = ["brief_renderable", "brief_to_text", "print_brief"]


_NAME_CHARS = 24


def _name(text: str) -> str:
    text = terminal_line(text)
    return text if len(text) <= _NAME_CHARS else text[: _NAME_CHARS - 1] + "…"


def _t(text: str) -> str:
    """Untrusted ``text`` for a line of rich markup: one line, controls shown, markup escaped."""
    return escape(terminal_line(text))


def _cite(sources: tuple[str, ...], labels: dict[str, str]) -> str:
    names = cite_names(sources, labels)
    return "[dim]\\[" + ", ".join(escape(_name(n)) for n in names) + "][/dim]"


def _section(title: str, rows: list[str], *, total: int | None = None) -> list[RenderableType]:
    if not rows:
        return []
    if total is not None and total > len(rows):
        rows = rows + [f"[dim]… {total - len(rows)} more in --format md or json[/dim]"]
    out: list[RenderableType] = [Text(""), Text(title, style="bold underline")]
    return out + [Text.from_markup(r, emoji=False) for r in rows]


def _sources(brief: Brief, labels: dict[str, str]) -> Table:
    table = Table("outlet", "published", "role", "voice", "removed", title="Sources")
    for src in brief.sources:
        art = src.article
        origin = f" of {_name(labels.get(src.origin, src.origin))}" if src.origin else ""
        table.add_row(
            Text(terminal_line(labels[art.id])),
            Text(terminal_line(art.published or "-") + (" ⚠" if art.flags else "")),
            Text(terminal_line(src.role) + origin),
            Text(_name(voice_label(src.voice or src.origin_group, labels))),
            str(len(art.removed)),
        )
    return table


def brief_renderable(brief: Brief, *, limit: int = 6) -> RenderableType:
    """A rich renderable: the summary, then the strongest ``limit`` items of each list."""
    facts = sorted(brief.facts, key=lambda f: -f.independent)[:limit]
    quotes = [q for q in brief.quotes if q.verified and len(q.text.split()) >= 5]
    # the main event (first in the brief's timeline) and the best-supported rows, background
    # last, shown in the brief's order
    order = {id(e): k for k, e in enumerate(brief.timeline)}
    kept = sorted(brief.timeline, key=lambda e: (order[id(e)] > 0, e.background, -len(e.sources)))
    events = sorted(kept[:limit], key=lambda e: order[id(e)])
    labels = brief_labels(brief)
    parts: list[RenderableType] = [
        Text(terminal_line(brief.title), style="bold"), Text(terminal_line(" ".join(brief.notes)))
    ]
    parts += [Text(f"⚠ {terminal_line(flag)}", style="yellow") for flag in brief.flags]
    if brief.event_date is not None:
        when = _t(brief.event_date.date)
        parts.append(Text.from_markup(f"[bold]When:[/bold] [cyan]{when}[/cyan]", emoji=False))
    summary = [f"{_t(s.text)} {_cite(s.sources, labels)}" for s in brief.summary]
    parts += _section("Summary", summary)
    fact_rows = [
        f"• {_t(f.text)} {_cite(f.sources, labels)} "
        + (
            f"[yellow]only in {_t(only)}[/yellow]" if (only := only_in(brief, f, labels))
            else f"[green]{f.independent} independent[/green]"
        )
        + (f" (“{_t(claim)}”)" if (claim := claim_of(f)) is not None else "")
        for f in facts
    ]
    parts += _section("Key facts", fact_rows, total=len(brief.facts))
    quote_rows = [
        f"• “{_t(q.text)}” — [bold]{_t(q.speaker or 'unattributed')}[/bold]"
        f" {_cite(q.sources, labels)} [green]{q.independent} independent[/green]"
        for q in quotes[:limit]
    ]
    parts += _section("Quotes", quote_rows, total=len(quotes))
    disc_rows = [
        f"• [yellow]{_t(d.about)}[/yellow]"
        + (" (updated)" if d.kind == "update" else "") + ": "
        + (" then " if d.kind == "update" else " vs ").join(
            f"{_t(v.text)} {_cite(v.sources, labels)}"
            + (f" ({_t(v.published)})" if d.kind == "update" and v.published else "")
            for v in d.values
        )
        for d in brief.discrepancies[:limit]
    ]
    parts += _section("Discrepancies", disc_rows, total=len(brief.discrepancies))
    event_rows = [
        f"• [cyan]{_t(e.date)}[/cyan] {_t(e.text)} {_cite(e.sources, labels)}"
        + (" [dim](background)[/dim]" if e.background else "")
        for e in events
    ]
    parts += _section("Timeline", event_rows, total=len(brief.timeline))
    parts += [Text(""), _sources(brief, labels)]
    return Panel(Group(*parts), title="crosswire brief", expand=True)


def brief_to_text(brief: Brief, *, width: int = 100, color: bool = False) -> str:
    """The terminal brief as a string (fixed width: used by tests and `-o FILE`)."""
    console = Console(
        width=width,
        record=True,
        color_system="auto" if color else None,
        file=io.StringIO(),
        force_terminal=color,
    )
    console.print(brief_renderable(brief))
    return console.export_text(styles=color)


def print_brief(brief: Brief, *, console: Console) -> None:
    console.print(brief_renderable(brief))
