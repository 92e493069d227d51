"""A quick screen in front of many whole-line rules, each with a length cap.

Most lines match no rule; one attempt of one pattern joining the rules tells so. For a line of
``n`` characters the pattern must hold every rule whose cap is at least ``n``; it may hold some
with a smaller cap, because a line it lets through is then checked rule by rule, caps and all.
So the screens are built for a few length tiers (each about double the one before), not for
every cap, and each is compiled the first time a line of its tier comes: compiling them all
cost more than cleaning a report.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

__all__ = ["LengthScreen"]


class LengthScreen:
    """``could_match(line)`` is False only when no rule (a ``(max_chars, pattern)`` part, the
    pattern text with its own inline flags where needed) can match all of ``line``."""

    def __init__(self, *, parts: Sequence[tuple[int, str]], flags: int = 0) -> None:
        self._parts = tuple(parts)
        self._flags = flags
        limits = sorted({cap for cap, _ in self._parts})
        tiers: list[int] = []
        for limit in limits:
            if not tiers or limit >= 2 * tiers[-1]:
                tiers.append(limit)
        self._tiers = tiers
        self._longest = limits[-1] if limits else -1
        self._compiled: dict[int, re.Pattern[str]] = {}

    def _screen(self, tier: int) -> re.Pattern[str]:
        pattern = self._compiled.get(tier)
        if pattern is None:
            joined = "|".join(f"(?:{text})" for cap, text in self._parts if cap >= tier)
            pattern = self._compiled[tier] = re.compile(joined, self._flags)
        return pattern

    def could_match(self, line: str) -> bool:
        if len(line) > self._longest:
            return False
        # the highest tier not above the line's length: it holds every rule whose cap is
        # at least that length (a line shorter than every tier: the first, holding all)
        at = max(0, bisect.bisect_right(self._tiers, len(line)) - 1)
        return self._screen(self._tiers[at]).fullmatch(line) is not None
