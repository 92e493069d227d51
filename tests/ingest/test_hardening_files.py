"""Files read under a byte budget (issue 23, cases 3 and 6): a gzip bomb of any format is a
``too-large`` record read in bounded memory, one oversized line, element or row costs itself
alone, and a NUL byte costs its CSV row, not the file."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from crosswire.ingest import IngestConfig, read_path
from crosswire.models import RawDocument, Rejection
from tests.conftest import ROOT

TEXT = "The harbour master said on Friday that the ferry service would resume next week."


def _probe() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_probe_hardening", ROOT / "bench" / "probe_hardening.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


PROBE = _probe()


def _read(path: Path, **settings: object) -> list[RawDocument | Rejection]:
    return list(read_path(path=path, config=IngestConfig(**settings)))  # type: ignore[arg-type]


def _kinds(records: list[RawDocument | Rejection]) -> list[tuple[str, str | None]]:
    return [(r.id, getattr(r, "reason", None)) for r in records]


# ---------------------------------------------------------------- case 3: gzip bombs

@pytest.fixture(scope="module")
def idle_mib(tmp_path_factory: pytest.TempPathFactory) -> float:
    small = tmp_path_factory.mktemp("idle") / "small.txt"
    small.write_text(TEXT, encoding="utf-8")
    peak: float = PROBE.child_read(small, cap_mib=2048)["peak_mib"]
    return peak


@pytest.mark.parametrize("suffix", list(PROBE.BOMBS))
def test_a_gzip_bomb_is_too_large_and_read_in_bounded_memory(
    tmp_path: Path, suffix: str, idle_mib: float
) -> None:
    prefix, end = PROBE.BOMBS[suffix]
    path = tmp_path / f"bomb{suffix}"
    PROBE.write_bomb(path, prefix=prefix, suffix=end, mib=128)  # 128 MiB from ~130 KB
    for settings in ({}, {"max_gzip_ratio": 10**9}):  # the ratio cap; the per-record caps
        got = PROBE.child_read(path, cap_mib=2048, settings={"max_bytes": 2_000_000, **settings})
        reasons = [record[1] for record in got["records"]]
        assert reasons == ["too-large"], (settings, got["records"])
        assert got["peak_mib"] < idle_mib + 32, (settings, got["peak_mib"])  # reads 128


def test_a_gzip_bomb_is_called_one_and_the_records_before_it_are_kept(tmp_path: Path) -> None:
    good = "".join(json.dumps({"id": f"g{i}", "text": TEXT}) + "\n" for i in range(3))
    path = tmp_path / "mixed.jsonl.gz"
    PROBE.write_bomb(path, prefix=good.encode() + b'{"id": "bomb", "text": "', suffix=b'"}\n',
                     mib=32)
    records = _read(path, max_bytes=100_000)
    assert _kinds(records)[:3] == [("g0", None), ("g1", None), ("g2", None)]
    assert [r.reason for r in records[3:] if isinstance(r, Rejection)][-1] == "too-large"
    last = records[-1]
    assert isinstance(last, Rejection) and "max_gzip_ratio" in last.message
    assert "gzip bomb" in last.message


def test_a_jsonl_line_over_max_bytes_is_skipped_unkept_and_the_next_lines_read(
    tmp_path: Path,
) -> None:
    lines = [json.dumps({"id": "a", "text": TEXT}), json.dumps({"id": "big", "text": "x" * 50_000}),
             json.dumps({"id": "b", "text": TEXT})]
    path = tmp_path / "lines.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    records = _read(path, max_bytes=10_000, max_gzip_ratio=10**6)  # the line's cap alone
    assert _kinds(records) == [("a", None), ("lines:2", "too-large"), ("b", None)]
    assert "50" in records[1].message  # type: ignore[union-attr]


def test_a_json_array_element_over_max_bytes_ends_the_file_after_the_ones_before(
    tmp_path: Path,
) -> None:
    items = [{"id": "a", "text": TEXT}, {"id": "big", "text": "x" * 50_000},
             {"id": "b", "text": TEXT}]
    path = tmp_path / "array.json"
    path.write_text(json.dumps(items, indent=1), encoding="utf-8")
    records = _read(path, max_bytes=10_000)
    assert _kinds(records) == [("a", None), ("array:2", "too-large")]
    assert "not read past it" in records[1].message  # type: ignore[union-attr]
    assert _kinds(_read(path)) == [("a", None), ("big", None), ("b", None)]


def test_json_files_read_as_before(tmp_path: Path) -> None:
    array = tmp_path / "a.json"
    array.write_text(json.dumps([{"id": "x", "text": TEXT}, 5, {"text": TEXT}]), "utf-8")
    assert _kinds(_read(array)) == [("x", None), ("a:2", "malformed"), ("a:3", None)]
    empty = tmp_path / "e.json"
    empty.write_text(" [ ] ", "utf-8")
    assert _kinds(_read(empty)) == [("e", "empty")]
    broken = tmp_path / "b.json"  # not one document: judged line by line, as before
    broken.write_text('[{"id": "x", "text": "t"},\n{"id": "y"\n', "utf-8")
    assert [r for _, r in _kinds(_read(broken))] == ["malformed", "malformed"]
    arrays = tmp_path / "lines.jsonl"  # JSON Lines whose lines are arrays: not a document
    arrays.write_text("[1]\n[2]\n", "utf-8")
    assert _kinds(_read(arrays)) == [("lines:1", "malformed"), ("lines:2", "malformed")]
    numbers = tmp_path / "n.json"  # numbers cut at any read boundary still parse whole
    numbers.write_text(json.dumps([{"id": str(i), "text": TEXT, "n": 10**12 + i / 7}
                                   for i in range(3000)]), "utf-8")
    assert [r.id for r in _read(numbers)] == [str(i) for i in range(3000)]


def test_a_broken_gzip_stream_is_a_record_for_every_reader(tmp_path: Path) -> None:
    body = ("id,text\n" + "".join(f"r{i},{TEXT}\n" for i in range(2000))).encode()
    data = bytearray(gzip.compress(body))
    data[len(data) // 2: len(data) // 2 + 40] = b"\xff" * 40
    for suffix in (".jsonl.gz", ".json.gz", ".csv.gz", ".txt.gz", ".html.gz", ".rss.gz"):
        path = tmp_path / f"broken{suffix}"
        path.write_bytes(bytes(data))
        records = _read(path)
        assert records and isinstance(records[-1], Rejection), suffix
        assert not records[-1].message.startswith("reading stopped: error"), suffix


# ---------------------------------------------------------------- case 6: CSV rows

def _csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8") -> Path:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def test_a_csv_field_over_the_field_size_limit_costs_only_its_row(tmp_path: Path) -> None:
    path = _csv(tmp_path / "big.csv", [["id", "text"], ["r1", TEXT], ["huge", "x" * 200_000],
                                       ["r2", TEXT], ["r3", TEXT]])
    records = _read(path, max_bytes=100_000)
    assert _kinds(records) == [("r1", None), ("big:3", "too-large"), ("r2", None),
                               ("r3", None)]
    # a field longer than the csv module's default limit (131072) but within max_bytes
    assert _kinds(_read(path)) == [("r1", None), ("huge", None), ("r2", None), ("r3", None)]


def test_an_oversized_multiline_quoted_field_costs_only_its_row(tmp_path: Path) -> None:
    long = "\n".join(["A line of the report, with a comma, and \"quotes\"."] * 400)
    path = _csv(tmp_path / "q.csv", [["id", "text"], ["r1", TEXT], ["long", long], ["r2", TEXT]])
    records = _read(path, max_bytes=5_000)
    assert [r for _, r in _kinds(records)] == [None, "too-large", None]
    assert records[2].id == "r2" and records[1].id == "q:402"


def test_a_nul_byte_costs_its_row_not_the_file(tmp_path: Path) -> None:
    path = _csv(tmp_path / "nul.csv", [["id", "text"], ["r1", TEXT], ["nul", "A \x00 byte."],
                                       ["r2", TEXT]])
    assert _kinds(_read(path)) == [("r1", None), ("nul:3", "binary"), ("r2", None)]
    binary = tmp_path / "image.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert _kinds(_read(binary)) == [("image", "binary")]


def test_an_unterminated_quote_runs_to_the_end_as_in_the_csv_module(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_text(f'id,text\nr1,{TEXT}\nr2,"open\nr3,{TEXT}\n', encoding="utf-8")
    assert [r.id for r in _read(path)] == ["r1", "r2"]


def test_csv_in_other_encodings_decodes_as_a_text_file_does(tmp_path: Path) -> None:
    rows = [["id", "text"], ["r1", "Le maire a déclaré que la façade sera rénovée cet été."]]
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252"):
        [doc] = _read(_csv(tmp_path / f"{encoding}.csv", rows, encoding=encoding))
        assert isinstance(doc, RawDocument) and doc.text == rows[1][1], encoding
    [bad] = _read(_csv(tmp_path / "forced.csv", rows, encoding="utf-8"), encoding="ascii")
    assert isinstance(bad, Rejection) and bad.reason == "bad-encoding"


def test_a_gzipped_csv_over_its_budget_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv.gz"
    path.write_bytes(gzip.compress(b"id,text\n" + b"r,aaaa\n" * 400_000))
    [rejection] = _read(path, max_bytes=1_000, max_gzip_ratio=10)
    assert isinstance(rejection, Rejection) and rejection.reason == "too-large"
    assert "max_gzip_ratio=10" in rejection.message
