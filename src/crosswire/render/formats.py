"""A brief in each output format, chosen by name; the JSON Schema of a brief."""

from __future__ import annotations

from importlib import resources
from typing import Literal

from crosswire.errors import UsageError
from crosswire.models import Brief
from crosswire.render.html import briefs_to_html
from crosswire.render.markdown import brief_to_markdown
from crosswire.serialize import brief_to_json, briefs_to_json

__all__ = ["FORMATS", "Format", "brief_schema_text", "render_briefs"]

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
        from crosswire.render.terminal import brief_to_text  # rich: loaded only for text

        return "\n".join(brief_to_text(b, width=width) for b in briefs)
    raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
