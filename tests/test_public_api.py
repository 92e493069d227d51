"""Every module's explicit __all__ names things that exist; the core imports no outer layer."""

from __future__ import annotations

import ast
import importlib
import pkgutil

import crosswire
from tests.conftest import ROOT

CORE = ("crosswire.models", "crosswire.config", "crosswire.text", "crosswire.ingest",
        "crosswire.stages", "crosswire.errors", "crosswire.nlp")
OUTER = ("crosswire.cli", "crosswire.store", "crosswire.web", "crosswire.backends.spark")


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(crosswire.__path__, "crosswire."))


def test_all_names_exist() -> None:
    for name in _modules():
        if name.startswith(OUTER):
            continue
        module = importlib.import_module(name)
        exported = getattr(module, "__all__", None)
        assert exported is not None, f"{name} has no __all__"
        for item in exported:
            assert hasattr(module, item), f"{name}.__all__ names missing {item}"


def test_core_imports_no_outer_layer() -> None:
    for path in (ROOT / "src" / "crosswire").rglob("*.py"):
        mod = ".".join(path.relative_to(ROOT / "src").with_suffix("").parts)
        if not mod.startswith(CORE):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for imported in names:
                assert not imported.startswith(OUTER), f"{mod} imports {imported}"
