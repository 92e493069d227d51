"""crosswire.live is an outer layer: the core reaches only ``live.config`` (the [watch]
settings in Config), which imports nothing of crosswire but the errors."""

from __future__ import annotations

from tests.test_architecture import CORE, forbidden_chains, forbidden_imports, package_graph


def test_the_core_imports_no_part_of_live_but_its_config() -> None:
    graph = package_graph()
    outer = tuple(m for m in graph if m.startswith("crosswire.live.") and
                  m != "crosswire.live.config")
    bad = forbidden_imports(graph, CORE, outer) + forbidden_chains(graph, CORE, outer)
    assert not bad, "\n".join(bad)


def test_live_config_and_the_package_init_stay_light() -> None:
    graph = package_graph()
    for module in ("crosswire.live.config", "crosswire.live"):
        own = sorted(i.target for i in graph[module] if i.target.startswith("crosswire."))
        assert set(own) <= {"crosswire.errors", "crosswire.live.config"}, (module, own)
    assert "crosswire.live.watch" in graph  # a guard: the package is in the graph
