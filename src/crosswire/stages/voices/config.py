"""Settings of the voices step (``[brief.voices]``)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["VoicesConfig"]


@dataclass(frozen=True)
class VoicesConfig:
    """Where a report's own wire credit is read, and how an outlet's name is read off a title.

    ``head_chars``: a dateline credit ("WASHINGTON (AP) —", "(CNN) ...", "Xinhua | Updated:")
    counts within the first characters of the text; ``tail_chars``: a closing credit ("—
    Reuters", a last line "PA") or an agency's copyright line within the last ones.
    ``credit_reasons``: the removed segments (by reason) read for such a credit when cleaning
    took it off the text (an image caption's "Reuters" is no credit of the text).
    ``same_text_share`` and ``same_text_chars``: two reports carry essentially the same text
    (one text run by two outlets) when the passages lineage found shared between them cover at
    least this share of one of the two texts, and at least this many characters of it; lineage
    also links a rewrite, or two reports that quote the same tweet, which stay two voices.
    ``title_outlet_words``: the most words of an outlet name taken off the end of a title
    ("Budget passes - BBC News") when a report has neither site nor URL.
    """

    head_chars: int = 400
    tail_chars: int = 400
    credit_reasons: tuple[str, ...] = (
        "dateline", "credit", "header", "byline", "copyright", "boilerplate", "footer"
    )
    same_text_share: float = 0.6
    same_text_chars: int = 200
    title_outlet_words: int = 4

    def __post_init__(self) -> None:
        if not 0.0 < self.same_text_share <= 1.0:
            raise ValueError("same_text_share must be above 0 and at most 1")
