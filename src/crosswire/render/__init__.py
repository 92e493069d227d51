"""Renderers of a brief: terminal text (rich), Markdown, self-contained HTML, JSON."""

from crosswire.render.formats import FORMATS, Format, brief_schema_text, render_briefs
from crosswire.render.html import brief_to_html, briefs_to_html
from crosswire.render.markdown import brief_to_markdown
from crosswire.render.terminal import brief_to_text
from crosswire.render.verify import SpanFailure, verify_brief
from crosswire.serialize import brief_to_dict, brief_to_json, briefs_to_json

__all__ = [
    "FORMATS",
    "Format",
    "SpanFailure",
    "brief_schema_text",
    "brief_to_dict",
    "brief_to_html",
    "brief_to_json",
    "brief_to_markdown",
    "brief_to_text",
    "briefs_to_html",
    "briefs_to_json",
    "render_briefs",
    "verify_brief",
]
