"""Every module's explicit __all__ names things that exist (the layers: test_architecture)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import crosswire
from tests.conftest import ROOT

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


# -- __all__ against what each module binds, read with ast -------------------------------------
#
# The rule. A package's ``__init__`` is its contract: its ``__all__`` is sorted, has no
# duplicates, and is exactly the public names the ``__init__`` binds -- every name it imports
# (from anywhere: a name imported only for the ``__init__``'s own use is still reachable as
# ``pkg.name``; keep such code in a submodule or import it under a ``_name``) or defines (def,
# class, assignment), that does not start with ``_``, is not one of the package's submodules,
# and is not a ``__future__`` feature. Dunders it binds (``__version__``) may be listed too.
# A plain module's ``__all__`` is a literal list of names it binds, and lists every public
# function and class it defines at the top level. Names bound only under
# ``if TYPE_CHECKING:`` do not exist at run time and are not counted.

SRC = ROOT / "src"


def _module_paths() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for path in sorted((SRC / "crosswire").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements run at import: the body, and the blocks of top-level if/try/with/for."""
    for node in body:
        yield node
        if isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _top_level(node.body)
            yield from _top_level(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _top_level(block)
            for handler in node.handlers:
                yield from _top_level(handler.body)
        elif isinstance(node, ast.With | ast.For):
            yield from _top_level(node.body)


def _target_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [n for t in target.elts for n in _target_names(t)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def _internal(module: str) -> bool:
    return module == "crosswire" or module.startswith("crosswire.")


@dataclass
class _Bindings:
    imported: set[str] = field(default_factory=set)
    imported_outside: set[str] = field(default_factory=set)  # from outside crosswire
    defined: set[str] = field(default_factory=set)  # def and class
    assigned: set[str] = field(default_factory=set)
    star_import: bool = False


def _bindings(tree: ast.Module) -> _Bindings:
    out = _Bindings()
    for node in _top_level(tree.body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                out.imported.add(bound)
                if not _internal(alias.name):
                    out.imported_outside.add(bound)
        elif isinstance(node, ast.ImportFrom):
            if node.module == "__future__":
                continue
            for alias in node.names:
                if alias.name == "*":
                    out.star_import = True
                    continue
                out.imported.add(alias.asname or alias.name)
                if not node.level and not _internal(node.module or ""):
                    out.imported_outside.add(alias.asname or alias.name)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            out.defined.add(node.name)
        elif isinstance(node, ast.Assign):
            out.assigned |= {n for t in node.targets for n in _target_names(t)}
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            out.assigned |= set(_target_names(node.target))
    return out


def _declared_all(tree: ast.Module) -> list[str] | None:
    """``__all__`` as written (a literal list or tuple of strings, maybe extended with +=)."""
    names: list[str] | None = None
    for node in _top_level(tree.body):
        value: ast.expr | None = None
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_target_names(t) == ["__all__"] for t in targets):
                names, value = [], node.value
        elif (
            isinstance(node, ast.AugAssign)
            and _target_names(node.target) == ["__all__"]
            and names is not None
        ):
            value = node.value
        if value is not None:
            assert names is not None
            literal = ast.literal_eval(value)  # raises on a computed __all__: keep it literal
            assert all(isinstance(n, str) for n in literal), "__all__ holds a non-string"
            names += list(literal)
    return names


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_package_all_is_sorted_and_unique() -> None:
    bad = []
    for name, path in _module_paths().items():
        if path.name != "__init__.py":
            continue
        declared = _declared_all(_parse(path))
        if declared is None:
            bad.append(f"{name}: no __all__")
        elif declared != sorted(set(declared)):
            bad.append(f"{name}: __all__ is {declared}, sorted and unique {sorted(set(declared))}")
    assert not bad, "package __all__ not sorted-unique:\n  " + "\n  ".join(bad)


def _submodules_bound(tree: ast.Module, package: str, modules: Iterable[str]) -> set[str]:
    """Names a package's ``__init__`` binds to one of its own submodules (``from . import x``)."""
    known = set(modules)
    out = set()
    for node in _top_level(tree.body):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                source = ".".join(parts[: len(parts) - node.level + 1])
                source = f"{source}.{node.module}" if node.module else source
            else:
                source = node.module or ""
            for alias in node.names:
                bound = alias.asname or alias.name
                if f"{source}.{alias.name}" in known and f"{package}.{bound}" in known:
                    out.add(bound)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and alias.name == f"{package}.{alias.asname}":
                    out.add(alias.asname)
    return out


def test_package_all_is_exactly_its_public_names() -> None:
    modules = _module_paths()
    bad = []
    for name, path in modules.items():
        if path.name != "__init__.py":
            continue
        tree = _parse(path)
        declared = set(_declared_all(tree) or ())
        bound = _bindings(tree)
        if bound.star_import:
            bad.append(f"{name}: `from ... import *` (its names cannot be checked)")
        names = bound.imported | bound.defined | bound.assigned
        submodules = _submodules_bound(tree, name, modules)
        # a name bound to something else than the submodule of that name: `pkg.x` is then
        # not the module, and even `import pkg.x as m` gives the object, not the module
        shadowing = sorted(n for n in names - submodules if f"{name}.{n}" in modules)
        public = {n for n in names if not n.startswith("_")} - submodules - set(shadowing)
        dunders = {n for n in names if n.startswith("__") and n.endswith("__")} - {"__all__"}
        missing = sorted(public - declared)
        extra = sorted(declared - public - dunders - set(shadowing))
        if shadowing:
            bad.append(f"{name}: binds {shadowing}, the name of a submodule, to another object")
        if missing:
            external = sorted(set(missing) & bound.imported_outside)
            note = f" (of which imported from outside crosswire: {external})" if external else ""
            bad.append(f"{name}: binds but does not export {missing}{note}")
        if extra:
            bad.append(f"{name}: exports names it does not bind, or submodules: {extra}")
    assert not bad, "package __all__ differs from its public names:\n  " + "\n  ".join(bad)


def test_module_all_lists_its_public_defs_and_classes() -> None:
    bad = []
    for name, path in _module_paths().items():
        if path.name == "__init__.py":
            continue
        tree = _parse(path)
        declared = _declared_all(tree)
        if declared is None:
            bad.append(f"{name}: no __all__")
            continue
        bound = _bindings(tree)
        missing = sorted(n for n in bound.defined - set(declared) if not n.startswith("_"))
        unbound = sorted(
            set(declared) - bound.imported - bound.defined - bound.assigned
        ) if not bound.star_import else []
        duplicated = sorted({n for n in declared if declared.count(n) > 1})
        if missing:
            bad.append(f"{name}: public defs/classes not in __all__ {missing}")
        if unbound:
            bad.append(f"{name}: __all__ names what it does not bind {unbound}")
        if duplicated:
            bad.append(f"{name}: __all__ repeats {duplicated}")
    assert not bad, "module __all__ incomplete:\n  " + "\n  ".join(bad)


def test_bindings_and_all_are_read_as_python_binds_them() -> None:
    source = (
        "from __future__ import annotations\n"
        "import os.path\n"
        "from typing import TYPE_CHECKING\n"
        "from crosswire.models import Brief as B, Span\n"
        "from . import sub\n"
        "if TYPE_CHECKING:\n"
        "    from crosswire.models import Quote\n"
        "try:\n"
        "    import json as _json\n"
        "except ImportError:\n"
        "    _json = None\n"
        "X, (Y, *Z) = 1, (2, 3)\n"
        "W: int\n"
        "V: int = 1\n"
        "def f(): import re\n"
        "class C: pass\n"
        "__all__ = ['C', 'f']\n"
        "__all__ += ('V',)\n"
    )
    tree = ast.parse(source)
    bound = _bindings(tree)
    assert bound.imported == {"os", "TYPE_CHECKING", "B", "Span", "sub", "_json"}
    assert bound.imported_outside == {"os", "TYPE_CHECKING", "_json"}
    assert bound.defined == {"f", "C"}
    assert bound.assigned == {"X", "Y", "Z", "V", "_json", "__all__"}
    assert _declared_all(tree) == ["C", "f", "V"]
    modules = {"p", "p.sub", "p.Span"}
    assert _submodules_bound(tree, "p", modules) == {"sub"}
