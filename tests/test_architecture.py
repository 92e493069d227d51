"""The shape of the package, read from the source with ``ast`` (nothing is imported).

* no import cycle between modules of ``src/crosswire``;
* the core (records, config, text, ingest, stages, pipeline, nlp) imports no outer layer
  (store, web, CLI, renderers, Spark), neither directly nor through a chain of modules;
* ``ingest`` does not import ``stages`` (reading bytes comes before cleaning);
* no module is over 400 lines.

Every import counts: at the top, inside functions and under ``if TYPE_CHECKING:``. A lazy
import is still a dependency; it only moves the failure to run time.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path

from tests.conftest import ROOT

SRC = ROOT / "src"
PACKAGE = "crosswire"
MAX_LINES = 400

CORE = (
    "crosswire.models",
    "crosswire.config",
    "crosswire.errors",
    "crosswire.text*",
    "crosswire.ingest*",
    "crosswire.stages*",
    "crosswire.serialize*",
    "crosswire.pipeline*",
    "crosswire.nlp",
)
OUTER = (
    "crosswire.store*",
    "crosswire.web*",
    "crosswire.cli*",
    "crosswire.render*",
    "crosswire.backends.spark",
    "crosswire.backends.spark.*",
    "pyspark*",
)


# -- the import graph ------------------------------------------------------------------------


@dataclass(frozen=True)
class Import:
    """One imported module, resolved to its full dotted name, and where the import is."""

    target: str
    line: int


def module_files(src: Path = SRC, package: str = PACKAGE) -> dict[str, Path]:
    """Every module of ``package`` under ``src``: a package's ``__init__`` is the package."""
    out: dict[str, Path] = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _base_package(module: str, is_package: bool, level: int) -> str:
    """The package a relative import of ``level`` dots in ``module`` starts from."""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    if level - 1 > len(parts) - 1:
        raise ValueError(f"relative import beyond the top package in {module}")
    return ".".join(parts[: len(parts) - (level - 1)])


def imports_of(
    tree: ast.AST, module: str, *, is_package: bool, known: Iterable[str]
) -> list[Import]:
    """The modules ``tree`` (the source of ``module``) imports, in source order.

    ``import a.b`` is ``a.b``; ``from a import b`` is ``a.b`` when that is a module in
    ``known``, else ``a`` (``b`` is a name bound in ``a/__init__``); relative imports are
    resolved against ``module``.
    """
    modules = set(known)
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _base_package(module, is_package, node.level)
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                found.append(Import(sub if sub in modules else source, node.lineno))
    return sorted(found, key=lambda imp: imp.line)


def import_graph(files: Mapping[str, Path]) -> dict[str, list[Import]]:
    """Every module's imports (inside and outside the package)."""
    graph: dict[str, list[Import]] = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        graph[module] = imports_of(tree, module, is_package=is_package, known=files)
    return graph


def internal_edges(graph: Mapping[str, list[Import]]) -> dict[str, dict[str, int]]:
    """``module -> {imported module of the package: first line}``, self-imports left out."""
    edges: dict[str, dict[str, int]] = {}
    for module, imports in graph.items():
        out = edges.setdefault(module, {})
        for imp in imports:
            if imp.target in graph and imp.target != module:
                out.setdefault(imp.target, imp.line)
    return edges


# -- cycles ----------------------------------------------------------------------------------


def strongly_connected(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Tarjan's components of the graph, each sorted, in a deterministic order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    nodes = sorted(set(edges) | {t for ts in edges.values() for t in ts})

    def visit(root: str) -> None:
        # iterative, so a long chain of modules cannot reach the recursion limit
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))

    for node in nodes:
        if node not in index:
            visit(node)
    return sorted(components)


def shortest_cycle(edges: Mapping[str, Iterable[str]], start: str, within: set[str]) -> list[str]:
    """The shortest path ``start -> ... -> start`` inside ``within`` (empty when there is none)."""
    previous: dict[str, str] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        following: list[str] = []
        for node in frontier:
            for child in sorted(edges.get(node, ())):
                if child not in within:
                    continue
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if child not in seen:
                    seen.add(child)
                    previous[child] = node
                    following.append(child)
        frontier = following
    return []


def find_cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """One shortest cycle per group of mutually importing modules, as ``[a, b, ..., a]``.

    A module importing itself is not a cycle between modules and is left out.
    """
    cycles = []
    for component in strongly_connected(edges):
        if len(component) > 1:
            cycles.append(shortest_cycle(edges, component[0], set(component)))
    return cycles


def describe_cycle(cycle: list[str], edges: Mapping[str, Mapping[str, int]]) -> str:
    """``a (line 3) -> b (line 9) -> a``: each step with the line of the import."""
    steps = [f"{a} (line {edges[a][b]})" for a, b in zip(cycle, cycle[1:], strict=False)]
    return " -> ".join([*steps, cycle[-1]])


# -- layer rules -----------------------------------------------------------------------------


def matches(module: str, patterns: Iterable[str]) -> bool:
    return any(fnmatchcase(module, p) for p in patterns)


def forbidden_imports(
    graph: Mapping[str, list[Import]], sources: Iterable[str], targets: Iterable[str]
) -> list[str]:
    """``module:line imports target`` for each direct import of a ``targets`` module."""
    src, dst = tuple(sources), tuple(targets)
    return [
        f"{module}:{imp.line} imports {imp.target}"
        for module, imports in sorted(graph.items())
        if matches(module, src)
        for imp in imports
        if matches(imp.target, dst)
    ]


def forbidden_chains(
    graph: Mapping[str, list[Import]], sources: Iterable[str], targets: Iterable[str]
) -> list[str]:
    """For each ``sources`` module that reaches a ``targets`` module through modules outside
    both (``crosswire.api``, say), the shortest such chain. Direct imports are what
    ``forbidden_imports`` reports, for the module itself and for any ``sources`` module on the
    way, so chains do not pass through those.
    """
    src, dst = tuple(sources), tuple(targets)
    edges = internal_edges(graph)
    found = []
    for start in sorted(m for m in graph if matches(m, src)):
        previous: dict[str, str] = {}
        frontier, seen, hit = [start], {start}, None
        while frontier and hit is None:
            following = []
            for node in frontier:
                outside = [i.target for i in graph[node] if matches(i.target, dst)]
                if outside and node != start:
                    hit = (node, outside[0])
                    break
                for child in sorted(edges[node]):
                    if child not in seen and not matches(child, src + dst):
                        seen.add(child)
                        previous[child] = node
                        following.append(child)
            frontier = following
        if hit is not None:
            chain = [hit[0]]
            while chain[-1] != start:
                chain.append(previous[chain[-1]])
            found.append(" -> ".join([*reversed(chain), hit[1]]))
    return found


@cache
def package_graph() -> dict[str, list[Import]]:
    """The graph of ``src/crosswire`` (a function, not a fixture: failures stay short)."""
    return import_graph(module_files())


# -- the rules -------------------------------------------------------------------------------


def test_the_graph_sees_the_package() -> None:
    graph = package_graph()
    # a guard for the other tests: an empty or mis-rooted graph would pass every rule
    assert "crosswire.models" in graph and "crosswire.stages" in graph
    assert any(i.target == "crosswire.models" for i in graph["crosswire.stages.brief"])


def test_no_import_cycles() -> None:
    graph = package_graph()
    edges = internal_edges(graph)
    cycles = [describe_cycle(c, edges) for c in find_cycles(edges)]
    assert not cycles, "import cycles between modules:\n  " + "\n  ".join(cycles)


def test_top_package_imports_nothing_of_its_own() -> None:
    graph = package_graph()
    # importing `crosswire` itself is harmless only while its __init__ imports no module
    own = [i.target for i in graph[PACKAGE] if matches(i.target, (PACKAGE, f"{PACKAGE}.*"))]
    assert not own, f"crosswire/__init__.py imports {own}"


def test_core_imports_no_outer_layer() -> None:
    graph = package_graph()
    bad = forbidden_imports(graph, CORE, OUTER)
    assert not bad, "core modules import an outer layer:\n  " + "\n  ".join(bad)


def test_core_reaches_no_outer_layer_through_other_modules() -> None:
    graph = package_graph()
    bad = forbidden_chains(graph, CORE, OUTER)
    assert not bad, "core modules load an outer layer through:\n  " + "\n  ".join(bad)


def test_ingest_does_not_import_stages() -> None:
    graph = package_graph()
    rule = (("crosswire.ingest", "crosswire.ingest.*"), ("crosswire.stages", "crosswire.stages.*"))
    bad = forbidden_imports(graph, *rule) + forbidden_chains(graph, *rule)
    assert not bad, "ingest imports stages:\n  " + "\n  ".join(bad)


def test_no_module_over_400_lines() -> None:
    sizes = {
        str(path.relative_to(SRC)): len(path.read_text(encoding="utf-8").splitlines())
        for path in module_files().values()
    }
    long = [f"{name}: {n} lines" for name, n in sorted(sizes.items()) if n > MAX_LINES]
    assert not long, f"modules over {MAX_LINES} lines:\n  " + "\n  ".join(long)


# -- the helpers themselves ------------------------------------------------------------------


def test_find_cycles_on_a_small_graph() -> None:
    edges = {
        "a": ["b"],
        "b": ["c"],
        "c": ["a", "d"],  # a -> b -> c -> a
        "d": ["e"],
        "e": ["d"],  # d <-> e, reached from the first cycle but not part of it
        "f": ["f", "a"],  # a self-import is not a cycle between modules
        "g": [],
    }
    assert find_cycles(edges) == [["a", "b", "c", "a"], ["d", "e", "d"]]
    assert find_cycles({"a": ["b"], "b": ["c"], "c": []}) == []
    assert find_cycles({"x": ["x"]}) == []


def test_find_cycles_gives_the_shortest_cycle_of_a_tangle() -> None:
    # one component with a long and a short way back to its first module
    edges = {"a": ["b", "e"], "b": ["c"], "c": ["d"], "d": ["a"], "e": ["a"]}
    assert find_cycles(edges) == [["a", "e", "a"]]


def test_find_cycles_on_a_long_chain_without_recursion() -> None:
    n = 5000
    edges = {f"m{i}": [f"m{i + 1}"] for i in range(n)}
    edges[f"m{n}"] = ["m0"]
    (cycle,) = find_cycles(edges)
    assert len(cycle) == n + 2 and cycle[0] == cycle[-1] == "m0"


def test_describe_cycle_names_the_import_lines() -> None:
    edges = {"a": {"b": 3}, "b": {"a": 9}}
    assert describe_cycle(["a", "b", "a"], edges) == "a (line 3) -> b (line 9) -> a"


def test_imports_are_resolved() -> None:
    source = (
        "from __future__ import annotations\n"
        "import os.path\n"
        "from typing import TYPE_CHECKING\n"
        "from . import leaf\n"  # a submodule
        "from .leaf import thing\n"  # a name in a submodule
        "from .. import helper\n"  # a name bound in the parent package
        "if TYPE_CHECKING:\n"
        "    from p.other import Other\n"
        "def f():\n"
        "    from p import sub as s\n"
        "    import p.q.leaf\n"
    )
    known = {"p", "p.sub", "p.other", "p.q", "p.q.leaf", "p.q.mod"}
    found = imports_of(ast.parse(source), "p.q.mod", is_package=False, known=known)
    assert [(i.target, i.line) for i in found] == [
        ("__future__", 1),
        ("os.path", 2),
        ("typing", 3),
        ("p.q.leaf", 4),
        ("p.q.leaf", 5),
        ("p", 6),
        ("p.other", 8),
        ("p.sub", 10),
        ("p.q.leaf", 11),
    ]
    # in a package's __init__, one dot is the package itself
    init = imports_of(ast.parse("from . import leaf, name\n"), "p.q", is_package=True, known=known)
    assert [i.target for i in init] == ["p.q.leaf", "p.q"]


def test_a_package_init_importing_back_is_a_cycle() -> None:
    # p/__init__ imports p.a for its name; p.a takes a name bound in p/__init__
    files = {"p": "from p.a import A\n", "p.a": "from p import B\nclass A: ...\n"}
    graph = {
        name: imports_of(ast.parse(text), name, is_package=name == "p", known=files)
        for name, text in files.items()
    }
    assert find_cycles(internal_edges(graph)) == [["p", "p.a", "p"]]


def test_layer_rules_report_direct_imports_and_chains() -> None:
    graph = {
        "x.core": [Import("x.mid", 2), Import("os", 1)],
        "x.mid": [Import("x.store.db", 5)],
        "x.store.db": [Import("pyspark.sql", 1)],
        "x.core2": [Import("pyspark", 4)],
        "x.core3": [Import("x.core2", 1)],  # reported at x.core2, not again here
    }
    assert forbidden_imports(graph, ["x.core*"], ["x.store*", "pyspark*"]) == [
        "x.core2:4 imports pyspark"
    ]
    assert forbidden_chains(graph, ["x.core*"], ["x.store*", "pyspark*"]) == [
        "x.core -> x.mid -> x.store.db"
    ]
