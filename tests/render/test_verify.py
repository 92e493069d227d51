from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from crosswire.render import brief_to_dict, verify_brief
from tests.conftest import ROOT
from tests.helpers import tiny_brief


def test_correct_brief_verifies() -> None:
    assert verify_brief(brief_to_dict(tiny_brief())) == []


def test_shifted_span_is_reported() -> None:
    data = brief_to_dict(tiny_brief())
    data["summary"][0]["spans"][0]["start"] += 1
    failures = verify_brief(data)
    assert [f.where for f in failures] == ["summary[0]"]


def test_span_outside_text_and_unknown_source() -> None:
    data = brief_to_dict(tiny_brief())
    data["facts"][0]["spans"][0]["end"] = 10_000
    data["quotes"][0]["spans"][0]["source"] = "nope"
    problems = " ".join(f.problem for f in verify_brief(data))
    assert "outside text" in problems and "unknown source" in problems


def test_verify_command_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(brief_to_dict(tiny_brief())), encoding="utf-8")
    bad_data = brief_to_dict(tiny_brief())
    bad_data["timeline"][0]["spans"][0]["end"] -= 3
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(bad_data), encoding="utf-8")
    run = [sys.executable, "-m", "crosswire.cli", "verify"]
    assert subprocess.run([*run, str(good)], cwd=ROOT, capture_output=True).returncode == 0
    failed = subprocess.run([*run, str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert failed.returncode == 1 and "timeline[0]" in failed.stdout
