"""The golden test: the brief of the five seed reports (examples/ishiba-visit/).

Expectations that a later capability still has to meet are marked xfail(strict=True) with the
capability's name, so each one turns into a pass (and the mark must go) when it lands.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from crosswire import api
from crosswire.render import brief_schema_text, brief_to_dict, brief_to_markdown, verify_brief
from tests.conftest import ROOT, SEEDS

S000, S001, S002, S003, S004 = (
    "000_bc6434c99118b5b0",
    "001_f873cc57e5a5d69e",
    "002_d349797a489458ff",
    "003_21061efda853f391",
    "004_a461cf6f35ca191c",
)


@pytest.fixture(scope="module")
def brief(nlp: Any) -> dict[str, Any]:
    result = api.brief(paths=[str(SEEDS)], nlp=nlp)
    assert len(result.briefs) == 1, "the five seeds are one story"
    return brief_to_dict(result.briefs[0])


def _src(brief: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for s in brief["sources"] if s["id"] == sid)


def _removed(brief: dict[str, Any], sid: str, *, reason_part: str = "") -> list[str]:
    return [r["text"] for r in _src(brief, sid)["removed"] if reason_part in r["reason"]]


def _cited_texts(brief: dict[str, Any]) -> list[str]:
    keys = ("summary", "facts", "quotes", "timeline")
    return [item["text"] for key in keys for item in brief[key]]


# 1. lineage -------------------------------------------------------------------------------

def test_three_independent_origins(brief: dict[str, Any]) -> None:
    group = {s["id"]: s["origin_group"] for s in brief["sources"]}
    assert len(set(group.values())) == 3
    assert _src(brief, S002)["origin"] == S000
    assert group[S002] == group[S000]
    assert group[S003] == group[S004]
    assert group[S004] != group[S000]
    assert _src(brief, S004)["origin"] != S000
    assert group[S001] not in {group[S000], group[S003]}


# 2. junk and off-topic sections -------------------------------------------------------------

def test_junk_removed_with_reasons(brief: dict[str, Any]) -> None:
    assert any("Leave a Reply" in t for t in _removed(brief, S004))
    assert any("Register or Login" in t for t in _removed(brief, S002))
    assert any("![](" in t for t in _removed(brief, S002))
    for sid in (S002, S004):
        text = _src(brief, sid)["text"]
        assert "Leave a Reply" not in text and "Register or Login" not in text
        assert "![](" not in text and "Required fields are marked" not in text
    for src in brief["sources"]:
        assert all(r["reason"] for r in src["removed"]), "every removal has a reason"


def test_repeated_headlines_and_paragraphs_removed(brief: dict[str, Any]) -> None:
    repeats = _removed(brief, S003, reason_part="repeat")
    assert len(repeats) >= 5  # the repeated headline and the four repeated paragraphs
    text = _src(brief, S003)["text"]
    assert text.count("Overall, officials from both nations are looking forward") == 1
    assert text.count("Japan's Prime Minister Aims to Develop Strong Ties") <= 1
    assert _src(brief, S002)["text"].count("Trump Tells Ishiba He Aims to Slash") <= 1


def test_off_topic_sections_removed(brief: dict[str, Any]) -> None:
    off = " ".join(_removed(brief, S002, reason_part="off-topic"))
    assert "Zelenskyy" in off and "Gaza" in off
    text = _src(brief, S002)["text"]
    assert "Zelenskyy" not in text and "Gaza" not in text
    for cited in _cited_texts(brief):
        for word in ("Zelenskyy", "Putin", "Gaza"):
            assert word not in cited


# 3-6. facts ----------------------------------------------------------------------------------

def test_names_resolved(brief: dict[str, Any]) -> None:
    by_name = {e["name"]: e for e in brief["entities"]}
    assert {"Isba", "Isab"} <= set(by_name["Shigeru Ishiba"]["aliases"])
    assert "Fumio Kishidida" in by_name["Fumio Kishida"]["aliases"]
    assert "Abe Shinzo" in by_name["Shinzo Abe"]["aliases"]


def test_quote_variants_merged(brief: dict[str, Any]) -> None:
    merged = [q for q in brief["quotes"] if "first face-to-face talks" in q["text"]]
    assert len(merged) == 1
    quote = merged[0]
    assert quote["speaker"] is not None and "Ishiba" in quote["speaker"]
    assert {S000, S002, S003} <= set(quote["sources"])
    # "our first face-to-face meeting" (004) is other words: a quote of its own, not a variant
    assert S004 not in quote["sources"]


def test_trade_deficit_fact(brief: dict[str, Any]) -> None:
    facts = [f for f in brief["facts"] if "$68 billion" in f["text"]]
    assert facts, "the $68 billion trade deficit is a key fact"
    fact = facts[0]
    assert set(fact["sources"]) == {S000, S002}
    assert fact["independent"] == 1


def test_trade_balance_discrepancy(brief: dict[str, Any]) -> None:
    found = [
        d for d in brief["discrepancies"]
        if any("68 billion" in v["text"] for v in d["values"])
        and any("8.6 trillion yen" in v["text"] or "55 billion" in v["text"] for v in d["values"])
    ]
    assert found, "US deficit with Japan vs Japan's surplus with the US"


def test_dates_and_timeline(brief: dict[str, Any]) -> None:
    assert any("date" in f for f in _src(brief, S000)["flags"])
    events = brief["timeline"]
    assert any(e["date"] == "2025-02-07" for e in events)
    assert any(e["date"] == "2025-01" and "block" in e["text"] for e in events)
    # the visit (Friday, 7 February) is the story's event: the brief's event date, the first row
    assert brief["event_date"] == "2025-02-07"
    assert brief["event"]["date"] == "2025-02-07" and len(brief["event"]["sources"]) >= 2
    for span in brief["event"]["spans"][:1]:
        assert _src(brief, span["source"])["text"][span["start"] : span["end"]] == (
            brief["event"]["text"]
        )
    assert events[0]["date"] == "2025-02-07"
    assert any(e["background"] and e["date"] == "2020" for e in events)


# 7-9. citations, readability, determinism, the newcomer's path --------------------------------

def test_every_span_checks_out(brief: dict[str, Any]) -> None:
    assert verify_brief(brief) == []
    assert brief["summary"], "the brief has a summary"
    for key in ("summary", "facts", "quotes", "timeline"):
        for item in brief[key]:
            assert item["spans"], f"{key} item without spans: {item['text'][:60]}"
            for span in item["spans"]:
                text = _src(brief, span["source"])["text"]
                assert 0 <= span["start"] < span["end"] <= len(text)


def test_brief_matches_schema(brief: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(brief, json.loads(brief_schema_text()))


@cache
def _cli_json(seed: str) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    cmd = [sys.executable, "-m", "crosswire.cli", "brief", str(SEEDS), "--format", "json"]
    return subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=ROOT).stdout


def test_same_input_gives_byte_identical_json() -> None:
    assert _cli_json("1") == _cli_json("2")


def test_text_brief_reads_in_a_minute() -> None:
    cmd = [sys.executable, "-m", "crosswire.cli", "brief", str(SEEDS)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    assert "Summary" in out and "Sources" in out
    assert len(out.split()) < 1500, "about a minute of reading"


def test_markdown_brief(brief: dict[str, Any], nlp: Any) -> None:
    result = api.brief(paths=[str(SEEDS)], nlp=nlp)
    md = brief_to_markdown(result.briefs[0])
    assert md.startswith("# ") and "## Summary" in md and "## Sources" in md


def test_readme_gives_the_two_commands() -> None:
    head = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:12])
    assert "make demo" in head and "make test" in head
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "demo:" in makefile and "test:" in makefile
    assert Path(SEEDS / "SOURCE.md").exists(), "the seeds say where they come from"
