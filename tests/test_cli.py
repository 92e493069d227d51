from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crosswire import api
from crosswire.cli import build_parser, main
from crosswire.errors import UsageError
from tests.conftest import ROOT
from tests.helpers import write_outlet_pile


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


def test_one_story_briefs_every_input_as_one_story(
    tmp_path: Path, nlp: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pile = write_outlet_pile(tmp_path / "pile.jsonl")  # three stories of 6, 2 and 1 reports
    monkeypatch.setattr("crosswire.nlp.load_nlp", lambda **_: nlp)
    out = tmp_path / "brief.json"
    assert main(["brief", str(pile), "--format", "json", "-o", str(out)]) == 0
    assert "2 more stories: use --all" in capsys.readouterr().err
    assert len(json.loads(out.read_text(encoding="utf-8"))["sources"]) == 6
    assert main(["brief", str(pile), "--one-story", "--format", "json", "-o", str(out)]) == 0
    brief = json.loads(out.read_text(encoding="utf-8"))
    assert "more stories" not in capsys.readouterr().err
    assert len(brief["sources"]) == 9 and brief["notes"][0] == (
        "9 reports from 7 independent voices.")
    assert all(s["outlet"] and s["voice"] for s in brief["sources"])
    assert not any(r["reason"] == "off-topic" for s in brief["sources"] for r in s["removed"])


def test_one_story_runs_on_one_machine() -> None:
    with pytest.raises(UsageError, match="one machine"):
        api.brief(paths=["x"], spark_master="local[1]", one_story=True)
    assert api.brief(paths=[], one_story=True, nlp=object()).briefs == ()
