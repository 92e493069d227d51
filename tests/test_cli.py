from __future__ import annotations

import subprocess
import sys

from crosswire.cli import build_parser
from tests.conftest import ROOT


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in _commands():
        assert f"crosswire {name}" in readme, name


def test_every_command_has_help() -> None:
    for name in _commands():
        out = subprocess.run(
            [sys.executable, "-m", "crosswire.cli", name, "--help"],
            cwd=ROOT, capture_output=True, text=True,
        )
        assert out.returncode == 0 and "usage:" in out.stdout


def test_schema_command_prints_json_schema() -> None:
    out = subprocess.run([sys.executable, "-m", "crosswire.cli", "schema"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    assert '"$schema"' in out.stdout
