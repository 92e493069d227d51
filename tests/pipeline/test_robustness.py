"""Bad input found by fuzzing the stage commands: each case is one clear record or message,
never a traceback, and the good records beside it still go through."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crosswire.cli import main
from crosswire.config import load_config
from crosswire.errors import ConfigError
from crosswire.ingest import read_paths
from crosswire.models import RawDocument, Rejection
from crosswire.render.verify import verify_brief
from crosswire.stages.clean.dates import parse_date
from tests.conftest import ROOT

GOOD = {"id": "good", "text": "Japan's prime minister met the president in Washington on Friday."}


def _read(path: Path) -> list[RawDocument | Rejection]:
    return list(read_paths(paths=[str(path)]))


def _reasons(records: list[RawDocument | Rejection]) -> list[tuple[str, str | None]]:
    return [(r.id, getattr(r, "reason", None)) for r in records]


def test_a_lone_surrogate_is_replaced_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s\\ud800", "text": "A lone \\udc00 half.", "title": "T\\ud800"}\n'
                    + json.dumps(GOOD) + "\n", encoding="utf-8")
    records = _read(path)
    assert [r.id for r in records] == ["s\ufffd", "good"]
    first = records[0]
    assert isinstance(first, RawDocument) and first.text == "A lone \ufffd half."
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(path), "-o", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_one_bad_json_line_costs_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    big = '{"id": ' + "9" * 5000 + ', "text": "x"}'
    path.write_text("\n".join([deep, big, json.dumps(GOOD)]) + "\n", encoding="utf-8")
    assert _reasons(_read(path)) == [("bad:1", "malformed"), ("bad:2", "malformed"),
                                     ("good", None)]


def test_json_files_of_one_object_empty_files_and_utf16(tmp_path: Path) -> None:
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(GOOD, indent=2), encoding="utf-8")
    assert _reasons(_read(pretty)) == [("good", None)]
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    assert _reasons(_read(empty)) == [("empty", "empty")]
    utf16 = tmp_path / "wide.jsonl"
    utf16.write_bytes((json.dumps(GOOD) + "\n").encode("utf-16"))
    assert _reasons(_read(utf16)) == [("good", None)]


def test_fields_of_the_wrong_type_are_absent_not_python_text(tmp_path: Path) -> None:
    path = tmp_path / "types.jsonl"
    path.write_text(json.dumps({"id": ["l", 1], "text": GOOD["text"], "title": {"t": 1},
                                "url": True}) + "\n", encoding="utf-8")
    (doc,) = _read(path)
    assert isinstance(doc, RawDocument)
    assert (doc.id, doc.title, doc.url) == ("types:1", None, None)


def test_impossible_dates_are_no_dates() -> None:
    assert parse_date("2025-02-30") is None and parse_date("Feb 31, 2025") is None
    assert parse_date("2024-02-29") == "2024-02-29"


def test_verify_reports_a_broken_brief_instead_of_crashing() -> None:
    for brief in (None, [], {}, {"sources": None}, {"sources": [{"text": "abc"}]},
                  {"sources": [{"id": "a", "text": "abc"}], "summary": "abc"},
                  {"sources": [{"id": "a", "text": "abc"}], "summary": [{"spans": [None]}]},
                  {"sources": [{"id": "a", "text": "abc"}], "discrepancies": [{"values": 1}]}):
        assert verify_brief(brief), brief
    odd = {"sources": [{"id": "a", "text": "abc"}],
           "summary": [{"text": "ab", "spans": [{"source": "a", "start": "0", "end": 2}]}]}
    (failure,) = verify_brief(odd)
    assert "not whole numbers" in failure.problem


def test_settings_that_would_fail_inside_a_stage_are_refused(tmp_path: Path) -> None:
    for text in ("[lineage]\nnum_perm = 0\n", "[lineage]\nshingle = -3\n",
                 "[entities]\nbatch_size = 0\n", "[ingest]\nmax_bytes = 100000000000000000\n",
                 '[cluster]\nlinkage = "bogus"\n'):
        path = tmp_path / "c.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError):
            load_config(path=path)
    binary = tmp_path / "b.toml"
    binary.write_bytes(b"\xff\xfe[clean]")
    with pytest.raises(ConfigError, match="cannot read config"):
        load_config(path=binary)


def test_an_output_that_cannot_be_written_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    assert main(["extract", str(src), "-o", str(tmp_path / "no" / "x.jsonl")]) == 2
    assert main(["extract", str(src), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no folder" in err and "is a directory" in err


def test_the_store_key_of_the_settings_is_the_same_in_every_process() -> None:
    code = ("from crosswire.store.ingest import derived_key; from crosswire.config import Config;"
            " print(derived_key(config=Config()))")
    keys = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, env=env, cwd=ROOT)
        keys.add(done.stdout.strip())
    assert len(keys) == 1


def test_an_earlier_stage_error_record_passes_through_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "stage1.jsonl"
    rows = [GOOD, {"id": "good", "error": "duplicate-id", "message": "id 'good' was already read",
                   "origin": "in.jsonl:2"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    records = _read(path)
    assert _reasons(records) == [("good", None), ("good", "duplicate-id")]
    assert isinstance(records[1], Rejection) and records[1].origin == "in.jsonl:2"


def test_an_error_record_with_an_unknown_reason_is_malformed_and_says_which(
    tmp_path: Path,
) -> None:
    path = tmp_path / "other.jsonl"
    row = {"id": "x", "error": "http-404", "message": "gone", "origin": "crawl.jsonl:7"}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    [record] = _read(path)
    assert isinstance(record, Rejection) and record.reason == "malformed"
    assert record.message == "an error record with an unknown reason 'http-404': gone"
    assert record.origin == "crawl.jsonl:7"


def test_a_query_of_a_missing_store_says_so_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "typo.db"
    for command in (["stories"], ["search", "Ishiba"], ["show", "s-1"]):
        assert main([*command, "--db", str(db)]) == 2
    assert "no store at" in capsys.readouterr().err
    assert not db.exists()


def test_a_stage_reading_the_extract_output_gives_what_it_gives_on_the_raw_files(
    tmp_path: Path,
) -> None:
    seeds = str(ROOT / "examples" / "ishiba-visit")
    extracted, again = tmp_path / "x.jsonl", tmp_path / "x2.jsonl"
    assert main(["extract", seeds, "-o", str(extracted)]) == 0
    assert main(["extract", str(extracted), "-o", str(again)]) == 0
    assert again.read_text(encoding="utf-8") == extracted.read_text(encoding="utf-8")
    direct, chained = tmp_path / "l1.jsonl", tmp_path / "l2.jsonl"
    assert main(["lineage", seeds, "-o", str(direct)]) == 0
    assert main(["lineage", str(extracted), "-o", str(chained)]) == 0
    assert chained.read_text(encoding="utf-8") == direct.read_text(encoding="utf-8")
