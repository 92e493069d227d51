"""Renderers of a brief: terminal text (rich), Markdown, self-contained HTML, JSON.

The terminal renderer (and rich with it) is imported on first use of :func:`brief_to_text`,
so that commands that never print to a terminal, and ``crosswire --help``, do not load rich.
"""

from crosswire.models import Brief as _Brief
from crosswire.render.formats import FORMATS, Format, brief_schema_text, render_briefs
from crosswire.render.html import brief_to_html, briefs_to_html
from crosswire.render.markdown import brief_to_markdown
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


def brief_to_text(brief: _Brief, *, width: int = 100, color: bool = False) -> str:
    """The terminal brief as a string (:func:`crosswire.render.terminal.brief_to_text`)."""
    from crosswire.render.terminal import brief_to_text as render

    return render(brief, width=width, color=color)
