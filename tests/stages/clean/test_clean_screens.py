"""The length-tiered screen lets through every line some rule within its cap matches."""

from __future__ import annotations

import re

from crosswire.stages.clean.screens import LengthScreen

PARTS = [(20, r"ad\W*"), (30, r"x+"), (45, r"share on \w+"), (100, r"y+"), (400, r"[\W_]+")]


def _exact(line: str) -> bool:
    return any(len(line) <= cap and re.fullmatch(p, line, re.I) for cap, p in PARTS)


def test_the_screen_never_loses_a_match_and_says_no_when_no_rule_can() -> None:
    screen = LengthScreen(parts=PARTS, flags=re.IGNORECASE)
    lines = [c * n for c in "xy-a" for n in (1, 19, 20, 21, 29, 30, 31, 44, 99, 100, 101, 400, 401)]
    lines += ["AD", "ad:", "Share on Facebook", "share on " + "f" * 40, "prose, not furniture"]
    for line in lines:
        if _exact(line):
            assert screen.could_match(line), line
    assert not screen.could_match("prose, not furniture")
    assert not screen.could_match("-" * 401)  # longer than every cap
    assert not LengthScreen(parts=[]).could_match("")
