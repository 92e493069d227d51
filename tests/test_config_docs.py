"""docs/configuration.md stays true: every table and key of :class:`Config` is documented there
(the settings records nested in a stage's config too, as sub-tables such as
``[cluster.settle]``), no documented key is gone, TOML defaults match the code, and the example
file loads."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from crosswire.config import Config, config_tables, load_config, toml_value

DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"
# ``## [stage]`` opens a stage's section, ``### [stage.record]`` the section of a sub-table
_SECTION = re.compile(
    r"^(?P<level>#{2,3}) \[(?P<table>[a-z_]+(?:\.[a-z_]+)*)\]\s*$", re.MULTILINE
)
_ROW_KEY = re.compile(r"^\|\s*`(?P<key>[A-Za-z_][A-Za-z0-9_]*)`")
RECORDS = config_tables(config=Config())  # "cluster", "cluster.settle", ... -> settings record
TABLES = list(RECORDS)


def _sections() -> dict[str, str]:
    """Table name -> the text of its ``## [table]`` or ``### [table]`` section (up to the next
    heading of any level: a stage's section ends where its first sub-table's begins)."""
    text = DOC.read_text(encoding="utf-8")
    heads = list(_SECTION.finditer(text))
    out: dict[str, str] = {}
    for n, head in enumerate(heads):
        end = heads[n + 1].start() if n + 1 < len(heads) else len(text)
        rest = text[head.end() : end]
        following = re.search(r"^#{1,6} ", rest, re.MULTILINE)
        out[head.group("table")] = rest[: following.start()] if following else rest
    return out


def _rows(section: str) -> dict[str, list[str]]:
    """Key (first column, in backticks) -> the cells of its row in the section's table."""
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        match = _ROW_KEY.match(line.strip())
        if match is None:
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        assert match.group("key") not in rows, f"`{match.group('key')}` documented twice"
        rows[match.group("key")] = cells
    return rows


def _fields(table: str) -> list[str]:
    return [f.name for f in dataclasses.fields(RECORDS[table])]


def test_one_section_per_table_in_config_order() -> None:
    found = list(_SECTION.finditer(DOC.read_text(encoding="utf-8")))
    headings = [m.group("table") for m in found]
    assert headings == TABLES, f"sections of {DOC.name} {headings} != Config's tables {TABLES}"
    for m in found:  # a stage is a ## section, a sub-table a ### section inside its stage's
        level = "###" if "." in m.group("table") else "##"
        assert m.group("level") == level, f"[{m.group('table')}] needs a {level} heading"


def test_sub_tables_are_checked() -> None:
    # a guard for the tests below: nested records are found, a mirrored one is not a table
    assert {"cluster.cohesion", "cluster.settle", "cluster.weights"} <= set(TABLES)
    assert "cluster.segments" not in TABLES


@pytest.mark.parametrize("table", TABLES)
def test_every_key_is_documented(table: str) -> None:
    section = _sections().get(table, "")
    rows = _rows(section)
    missing = [key for key in _fields(table) if f"`{key}`" not in section or key not in rows]
    assert not missing, f"[{table}] keys missing from {DOC.name}: {missing}"


@pytest.mark.parametrize("table", TABLES)
def test_no_documented_key_is_gone(table: str) -> None:
    rows = _rows(_sections().get(table, ""))
    stale = sorted(set(rows) - set(_fields(table)))
    assert not stale, f"[{table}] keys in {DOC.name} that {table} no longer has: {stale}"


@pytest.mark.parametrize("table", TABLES)
def test_defaults_match_the_code(table: str) -> None:
    """A default TOML can write is shown as TOML; a key that is a sub-table names it; a key
    TOML cannot set says so."""
    stage = RECORDS[table]
    rows = _rows(_sections().get(table, ""))
    for key in _fields(table):
        if key not in rows:
            continue  # reported by test_every_key_is_documented
        value = getattr(stage, key)
        shown = toml_value(value)
        row = " | ".join(rows[key])
        if shown is not None:
            assert rows[key][1] == f"`{shown}`", f"[{table}] {key} = {shown}: {rows[key][1]!r}"
        elif f"{table}.{key}" in RECORDS:
            assert f"`[{table}.{key}]`" in rows[key][1], f"[{table}] {key}: name the sub-table"
        elif value is not None:
            assert "not settable from TOML" in row, f"[{table}] {key}"


def test_example_file_loads(tmp_path: Path) -> None:
    blocks = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks, "the page shows an example TOML file"
    for n, block in enumerate(blocks):
        path = tmp_path / f"example{n}.toml"
        path.write_text(block, encoding="utf-8")
        assert load_config(path=path) != Config()
