"""The brief as Markdown: the same sections as every renderer, citations by outlet name
("[cnn.com, rt.com]", :mod:`crosswire.render.names`); the sources list keeps each id.

Everything a source wrote (ids, origins, voices, titles, quotes, speakers, outlets, dates,
flags) is escaped for Markdown (:mod:`crosswire.render.escape`): a CommonMark renderer that
passes HTML still shows it as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from crosswire.models import Brief, BriefSource
from crosswire.render.escape import md_code
from crosswire.render.escape import md_inline as _md
from crosswire.render.names import brief_labels, cite_names, claim_of, only_in

__all__ = ["brief_to_markdown", "cite"]


def cite(sources: Iterable[str], labels: Mapping[str, str] | None = None) -> str:
    """``[name, name]``: the cited sources by name (by id without ``labels``)."""
    names = cite_names(sources, labels or {})
    return "[" + ", ".join(_md(n) for n in names) + "]"


def _role(src: BriefSource, labels: Mapping[str, str]) -> str:
    if src.origin:
        return f"{_md(src.role)} of {_md(labels.get(src.origin, src.origin))}"
    return _md(src.role)


def _source_line(src: BriefSource, labels: Mapping[str, str]) -> str:
    art = src.article
    bits = [
        f"**{_md(labels[art.id])}**", _md(art.published or "undated"), _role(src, labels),
        f"voice {_md(src.voice or src.origin_group)}", md_code(art.id),
    ]
    line = "- " + " · ".join(bits)
    if art.title:
        line += f" — {_md(art.title)}"
    if art.flags:
        line += f" (flags: {', '.join(_md(f) for f in art.flags)})"
    if art.removed:
        reasons = sorted({r.reason for r in art.removed})
        line += f"; removed {len(art.removed)} segment(s): {', '.join(_md(r) for r in reasons)}"
    return line


def brief_to_markdown(brief: Brief) -> str:
    """A Markdown brief a person can read in a minute."""
    labels = brief_labels(brief)
    lines = [f"# {_md(brief.title)}", ""]
    lines += [f"_{_md(note)}_" for note in brief.notes] + [""]
    lines += [f"**Warning:** {_md(flag)}" for flag in brief.flags] + ([""] if brief.flags else [])
    if brief.event_date is not None:
        when = brief.event_date
        own = when.spans[0].source if when.spans else None
        said = f"{_md(when.text)} {cite((own,), labels)}" if own else _md(when.text)
        dated = f" · the date from {len(when.sources)} reports {cite(when.sources, labels)}" if (
            len(when.sources) > 1) else ""
        lines += [f"**When:** {_md(when.date)} — {said}{dated}", ""]
    lines += ["## Summary", ""]
    lines += [f"{_md(s.text)} {cite(s.sources, labels)}" for s in brief.summary] or ["(none)"]
    lines += ["", "## Key facts", ""]
    for fact in brief.facts:
        only = only_in(brief, fact, labels)
        count = f"only in {_md(only)}" if only else f"independent: {fact.independent}"
        claim = claim_of(fact)
        if claim is not None:
            count = f"{count} (“{_md(claim)}”)"
        lines.append(f"- {_md(fact.text)} {cite(fact.sources, labels)} — {count}")
    lines += ["", "## Quotes", ""]
    for quote in brief.quotes:
        who = quote.speaker or "unattributed"
        mark = "" if quote.verified else " (paraphrase)"
        lines.append(
            f"- “{_md(quote.text)}” — {_md(who)}{mark} {cite(quote.sources, labels)}"
            f" — independent: {quote.independent}"
        )
    if brief.discrepancies:
        lines += ["", "## Discrepancies", ""]
        for disc in brief.discrepancies:
            kind = " (updated as the story developed)" if disc.kind == "update" else ""
            lines.append(f"- {_md(disc.about)}{kind}:")
            lines += [
                f"  - {_md(v.text)} {cite(v.sources, labels)}"
                + (f" (reported {_md(v.published)})" if disc.kind == "update" and v.published
                   else "")
                for v in disc.values
            ]
    lines += ["", "## Timeline", ""]
    lines += [
        f"- **{_md(e.date)}** {_md(e.text)} {cite(e.sources, labels)}"
        + (" (background)" if e.background else "")
        for e in brief.timeline
    ]
    lines += ["", "## Entities", ""]
    for ent in brief.entities:
        aka = f" (also: {', '.join(_md(a) for a in ent.aliases)})" if ent.aliases else ""
        lines.append(f"- {_md(ent.name)} — {_md(ent.type)}{aka} {cite(ent.sources, labels)}")
    lines += ["", "## Sources", ""]
    lines += [_source_line(s, labels) for s in brief.sources]
    return "\n".join(lines).rstrip() + "\n"
