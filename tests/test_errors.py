"""The error tree and the rejection reason codes: each defined once, and documented as defined."""

from __future__ import annotations

import ast
import builtins
import inspect
import re
from typing import get_args

import pytest

from crosswire import errors
from crosswire.models import REJECTION_REASONS, RejectionReason, is_rejection_reason
from tests.conftest import ROOT

SRC = ROOT / "src" / "crosswire"


def _error_classes() -> dict[str, type[BaseException]]:
    return {
        name: obj for name, obj in vars(errors).items()
        if inspect.isclass(obj) and issubclass(obj, BaseException)
        and obj.__module__ == errors.__name__
    }


def _tree() -> dict[str, str | None]:
    """The class drawing of errors.py's docstring: each class and its parent (None: root),
    read from the column each name starts at."""
    doc = errors.__doc__ or ""
    parents: dict[str, str | None] = {}
    stack: list[tuple[int, str]] = []
    for line in doc.splitlines():
        m = re.match(r"\s{4}[\s│├└─]*?([A-Z]\w*Error)\s", line + " ")
        if not m:
            continue
        column = m.start(1)
        while stack and stack[-1][0] >= column:
            stack.pop()
        parents[m.group(1)] = stack[-1][1] if stack else None
        stack.append((column, m.group(1)))
    return parents


def test_every_error_class_is_in_the_docstring_tree_under_its_parent() -> None:
    classes = _error_classes()
    tree = _tree()
    assert set(tree) == set(classes), "errors.py's docstring tree and its classes differ"
    assert set(errors.__all__) == set(classes)
    for name, parent in tree.items():
        cls = classes[name]
        if parent is None:
            assert cls.__bases__ == (Exception,), name
        else:
            assert cls.__bases__[0] is classes[parent], f"{name} is drawn under {parent}"


def test_errors_that_replace_a_value_error_are_value_errors() -> None:
    # crosswire.config turns a stage config's ValueError into a ConfigError; callers of the
    # stage configs and of functions given bad arguments may catch ValueError.
    assert issubclass(errors.ConfigError, ValueError)
    assert issubclass(errors.UsageError, ValueError)
    assert issubclass(errors.StoreVersionError, errors.StoreError)


def _exception_classes_outside_errors() -> list[tuple[str, str]]:
    """(file, class) for each exception class defined in src/crosswire outside errors.py."""
    known = {n for n, v in vars(builtins).items()
             if inspect.isclass(v) and issubclass(v, BaseException)} | set(_error_classes())
    defs: list[tuple[str, ast.ClassDef]] = []
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "errors.py":
            continue
        rel = path.relative_to(SRC).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defs.extend((rel, n) for n in ast.walk(tree) if isinstance(n, ast.ClassDef))
    found: list[tuple[str, str]] = []
    changed = True
    while changed:  # a class based on an exception class found in a file is one too
        changed = False
        for rel, node in defs:
            bases = {b.id if isinstance(b, ast.Name) else b.attr
                     for b in node.bases if isinstance(b, ast.Name | ast.Attribute)}
            is_error = bool(bases & known) or any(b.endswith(("Error", "Exception"))
                                                  for b in bases)
            if is_error and (rel, node.name) not in found:
                found.append((rel, node.name))
                known.add(node.name)
                changed = True
    return found


def test_every_exception_class_of_crosswire_is_defined_in_errors_py() -> None:
    outside = _exception_classes_outside_errors()
    assert not outside, f"define these in crosswire/errors.py: {outside}"


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


@pytest.mark.parametrize("name", sorted(_error_classes()))
def test_every_error_class_has_a_docstring(name: str) -> None:
    assert (_error_classes()[name].__doc__ or "").strip()
