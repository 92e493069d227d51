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
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problem = f"offsets {start}..{end} outside text"
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


def verify_brief(brief: dict[str, Any]) -> list[SpanFailure]:
    """Every failure found in a brief dict (the JSON shape); an empty list means it checks out.

    Each cited item (summary sentence, fact, quote, timeline event, discrepancy value) must have
    spans inside its sources' texts, and its ``text`` must be verbatim at one of them.
    """
    texts = {s["id"]: s["text"] for s in brief.get("sources", [])}
    failures: list[SpanFailure] = []
    for key in _CITED:
        for i, item in enumerate(brief.get(key, [])):
            failures.extend(_check_item(where=f"{key}[{i}]", item=item, texts=texts))
    for i, disc in enumerate(brief.get("discrepancies", [])):
        for j, value in enumerate(disc.get("values", [])):
            if value.get("spans"):
                where = f"discrepancies[{i}].values[{j}]"
                failures.extend(_check_item(where=where, item=value, texts=texts))
    return failures
