"""Renderers of a brief: terminal text (rich), Markdown, self-contained HTML, JSON."""

from __future__ import annotations

from importlib import resources
from typing import Literal

from crosswire.models import Brief
from crosswire.render.html import brief_to_html, briefs_to_html
from crosswire.render.markdown import brief_to_markdown
from crosswire.render.terminal import brief_to_text
from crosswire.render.verify import SpanFailure, verify_brief
from crosswire.serialize import brief_to_dict, brief_to_json, briefs_to_json

__all__ = [
    "FORMATS",
    "SpanFailure",
    "brief_schema_text",
    "brief_to_dict",
    "brief_to_html",
    "briefs_to_html",
    "brief_to_json",
    "brief_to_markdown",
    "brief_to_text",
    "render_briefs",
    "verify_brief",
]

Format = Literal["text", "md", "html", "json"]
FORMATS: tuple[str, ...] = ("text", "md", "html", "json")


def brief_schema_text() -> str:
    """The JSON Schema of a brief, as shipped in the package."""
    return resources.files("crosswire.render").joinpath("brief.schema.json").read_text("utf-8")


def render_briefs(*, briefs: tuple[Brief, ...], fmt: str, width: int = 100) -> str:
    """All briefs in one format. JSON: one object for one brief, an array for several."""
    if fmt == "json":
        return brief_to_json(briefs[0]) if len(briefs) == 1 else briefs_to_json(briefs)
    if fmt == "md":
        return "\n---\n\n".join(brief_to_markdown(b) for b in briefs)
    if fmt == "html":
        return briefs_to_html(briefs)
    if fmt == "text":
        return "\n".join(brief_to_text(b, width=width) for b in briefs)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
