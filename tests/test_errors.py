"""The rejection reason codes: defined once, and documented as defined."""

from __future__ import annotations

import ast
import re
from typing import get_args

from crosswire.models import REJECTION_REASONS, RejectionReason, is_rejection_reason
from tests.conftest import ROOT

SRC = ROOT / "src" / "crosswire"


def _readme_reasons() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Rejection reasons\n", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"^- `([a-z0-9-]+)`: (.+)$", section, flags=re.MULTILINE)


def test_the_readme_lists_every_rejection_reason_with_its_meaning() -> None:
    codes = get_args(RejectionReason)
    assert len(set(codes)) == len(codes)
    assert list(REJECTION_REASONS) == list(codes)
    assert _readme_reasons() == list(REJECTION_REASONS.items())
    assert all(meaning and "\n" not in meaning for meaning in REJECTION_REASONS.values())


def test_is_rejection_reason() -> None:
    assert is_rejection_reason("too-large")
    assert not is_rejection_reason("too large")


def _rejection_codes_in_source() -> set[str]:
    """Every string literal given as the reason of a ``Rejection(...)`` in src/crosswire."""
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "Rejection"):
                continue
            args = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "reason")]
            for arg in args:
                for sub in ast.walk(arg):
                    if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                        codes.add(sub.value)
    return codes


def test_every_reason_code_in_the_source_is_a_rejection_reason() -> None:
    codes = _rejection_codes_in_source()
    assert codes, "the scan found no Rejection(...) call"
    assert codes <= set(REJECTION_REASONS)
