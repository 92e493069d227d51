"""Checking a brief's citations against its own source texts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crosswire.text.normalize import normalize_whitespace

__all__ = ["SpanFailure", "verify_brief"]

_CITED = ("summary", "facts", "quotes", "timeline")


@dataclass(frozen=True, slots=True)
class SpanFailure:
    """One citation that does not check out: where it is and what is wrong."""

    where: str
    problem: str


def _check_item(
    *, where: str, item: dict[str, Any], texts: dict[str, str]
) -> list[SpanFailure]:
    spans = item.get("spans") or []
    if not spans:
        return [SpanFailure(where, "no spans")]
    failures: list[SpanFailure] = []
    quoted: list[str] = []
    for k, span in enumerate(spans):
        src, start, end = span.get("source"), span.get("start"), span.get("end")
        text = texts.get(src) if isinstance(src, str) else None
        if text is None:
            failures.append(SpanFailure(f"{where}.spans[{k}]", f"unknown source {src!r}"))
            continue
        whole = all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end))
        if not (whole and 0 <= start < end <= len(text)):
            problem = (f"offsets {start}..{end} outside text" if whole
                       else f"offsets {start!r}..{end!r} are not whole numbers")
            failures.append(SpanFailure(f"{where}.spans[{k}]", problem))
            continue
        quoted.append(normalize_whitespace(text[start:end]))
    wanted = normalize_whitespace(str(item.get("text", "")))
    if quoted and wanted not in quoted:
        failures.append(SpanFailure(where, "text is not verbatim at any of its spans"))
    cited = {s.get("source") for s in spans}
    listed = set(item.get("sources") or [])
    if listed and not cited <= listed:
        failures.append(SpanFailure(where, "a span cites a source missing from `sources`"))
    return failures


def verify_brief(brief: Any) -> list[SpanFailure]:
    """Every failure found in a brief dict (the JSON shape); an empty list means it checks out.

    Each cited item (summary sentence, fact, quote, timeline event, discrepancy value) must have
    spans inside its sources' texts, and its ``text`` must be verbatim at one of them. Anything
    that is not a brief's shape (see ``crosswire schema``) is a failure too, never an error.
    """
    shape = _shape_failures(brief)
    if shape:
        return shape
    texts = {s["id"]: s["text"] for s in brief["sources"]}
    failures: list[SpanFailure] = []
    for key in _CITED:
        for i, item in enumerate(brief.get(key) or []):
            failures.extend(_check_item(where=f"{key}[{i}]", item=item, texts=texts))
    for i, disc in enumerate(brief.get("discrepancies") or []):
        for j, value in enumerate(disc.get("values") or []):
            if isinstance(value, dict) and value.get("spans"):
                where = f"discrepancies[{i}].values[{j}]"
                failures.extend(_check_item(where=where, item=value, texts=texts))
    return failures


def _shape_failures(brief: Any) -> list[SpanFailure]:
    """What keeps ``brief`` from being checked at all: not an object, no sources with an id
    and a text, cited sections that are not lists of objects, spans that are not objects."""
    if not isinstance(brief, dict):
        return [SpanFailure("brief", f"a JSON {type(brief).__name__}, not a brief object")]
    sources = brief.get("sources")
    if not isinstance(sources, list) or not sources:
        return [SpanFailure("sources", "missing or empty: nothing to check the spans against")]
    out = []
    for k, source in enumerate(sources):
        if not (isinstance(source, dict) and isinstance(source.get("id"), str)
                and isinstance(source.get("text"), str)):
            out.append(SpanFailure(f"sources[{k}]", "needs a string `id` and a string `text`"))
    for key in (*_CITED, "discrepancies"):
        items = brief.get(key)
        if items is None:
            continue
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            out.append(SpanFailure(key, "not a list of objects"))
            continue
        for i, item in enumerate(items):
            nested = item.get("values") if key == "discrepancies" else [item]
            if not isinstance(nested, list) or not all(isinstance(v, dict) for v in nested):
                out.append(SpanFailure(f"{key}[{i}]", "`values` is not a list of objects"))
                continue
            for value in nested:
                spans = value.get("spans")
                if spans is not None and not (
                    isinstance(spans, list) and all(isinstance(x, dict) for x in spans)
                ):
                    out.append(SpanFailure(f"{key}[{i}]", "`spans` is not a list of objects"))
    return out
