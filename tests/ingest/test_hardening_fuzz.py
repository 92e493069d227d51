"""Random bytes, JSON, CSV and HTML fed to every reader (through ``read_path`` on temporary
files, plain and gzipped, also cut short), with the memory each read takes traced: no
exception escapes, every input yields records or rejections with known reasons, nothing is
lost (a record for every non-blank line or row), and no read takes much more memory than
its file. The streaming parts are checked against what they replace: the csv module on the
whole text, ``json.loads`` on the whole document, ``decode_bytes`` on all the bytes."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import tempfile
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.ingest import IngestConfig, read_path
from crosswire.ingest.base import looks_binary
from crosswire.ingest.csvrecords import csv_records
from crosswire.ingest.decode import CodecTrial, decode_bytes, fallback_codec, first_codec
from crosswire.ingest.jsondoc import TooLarge, document_values
from crosswire.models import RawDocument, Rejection, is_rejection_reason

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MEMORY_SLACK = 24 << 20  # bytes a read may trace beyond 20 times its file's inflated size
SUFFIXES = ["", ".txt", ".html", ".jsonl", ".json", ".csv", ".tsv", ".xml", ".rss", ".warc"]


_WARM_UP = {  # one read of each kind first, so that no import or first-use cache is traced
    "w.txt": b"\xe9t\xe9 \xe0 la caf\xe9t\xe9ria",
    "w.csv": b"id,text\nr,caf\xe9 cr\xe8me\n",
    "w.html": b"<html><body><p>caf\xe9</p></body></html>",
    "w.rss": b"<rss><channel><item><description>A</description></item></channel></rss>",
    "w.warc": b"WARC/1.0\r\nWARC-Type: response\r\n\r\n",
    "w.jsonl": '{"id": "a", "text": "b"}\n'.encode("utf-16"),
}


@pytest.fixture(scope="module", autouse=True)
def _traced() -> Iterator[None]:
    with tempfile.TemporaryDirectory() as folder:
        for name, data in _WARM_UP.items():
            for packing in ("plain", "gzip"):
                list(read_path(path=_write(Path(folder), name, data, packing)))
    tracemalloc.start()
    yield
    tracemalloc.stop()


def _write(folder: Path, name: str, data: bytes, packing: str) -> Path:
    if packing == "plain":
        path = folder / name
        path.write_bytes(data)
        return path
    packed = gzip.compress(data, mtime=0)
    if packing == "cut":
        packed = packed[: max(10, len(packed) * 2 // 3)]
    path = folder / f"{name}.gz"
    path.write_bytes(packed)
    return path


def _read(path: Path, *, inflated: int, config: IngestConfig | None = None,
          ) -> list[RawDocument | Rejection]:
    """read_path's records, checked: at least one, each a document or a rejection with a
    known reason (and none from read_path's catch-all for unforeseen errors), the memory
    traced while reading bounded by the input's size."""
    tracemalloc.reset_peak()
    before, _ = tracemalloc.get_traced_memory()
    records = list(read_path(path=path, config=config or IngestConfig()))
    _, peak = tracemalloc.get_traced_memory()
    assert peak - before < 20 * inflated + MEMORY_SLACK
    assert records, path.name
    for record in records:
        assert isinstance(record, RawDocument | Rejection)
        if isinstance(record, Rejection):
            assert is_rejection_reason(record.reason)
            unforeseen = record.reason == "unreadable" and record.message.startswith(
                "reading stopped: ")  # read_path's catch-all: a reader failed outright
            assert not unforeseen, record
    return records


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES),
       packing=st.sampled_from(["plain", "gzip", "cut"]))
def test_random_bytes_in_any_format(data: bytes, suffix: str, packing: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _read(_write(Path(folder), f"r{suffix}", data, packing), inflated=len(data))


_LINE_TEXT = st.text(st.characters(blacklist_characters="\n\r", blacklist_categories=("Cs",)),
                     max_size=60)
_JSON = st.recursive(st.none() | st.booleans() | st.integers() | _LINE_TEXT
                     | st.floats(allow_nan=False, allow_infinity=False),
                     lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(_LINE_TEXT, inner, max_size=4), max_leaves=12)
_OBJECT = st.fixed_dictionaries({"id": _LINE_TEXT, "text": _LINE_TEXT},
                                optional={"html": _LINE_TEXT, "title": _JSON})


@FUZZ
@given(first=_OBJECT,
       lines=st.lists(st.one_of(_OBJECT.map(json.dumps), _JSON.map(json.dumps), _LINE_TEXT,
                                st.just(" "), st.integers(200, 900).map(lambda n: "x" * n)),
                      max_size=25),
       encoding=st.sampled_from(["utf-8", "utf-16"]), packing=st.sampled_from(["plain", "gzip"]),
       max_bytes=st.sampled_from([150, 10_000]))
def test_json_lines_give_a_record_for_every_line_that_is_not_blank(
    first: dict[str, Any], lines: list[str], encoding: str, packing: str, max_bytes: int
) -> None:
    text = "\n".join([json.dumps(first), *lines]) + "\n"
    data = text.encode(encoding, "surrogatepass")
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), "f.jsonl", data, packing)
        records = _read(path, inflated=len(data), config=IngestConfig(max_bytes=max_bytes))
    wanted = sum(1 for line in [json.dumps(first), *lines] if line.encode().strip())
    assert len(records) == wanted


_CELL = st.text(st.sampled_from(list('ab ,"\n\r\x00éß日') + ["\t"]), max_size=20) | \
    st.integers(300, 700).map(lambda n: "y" * n)


@FUZZ
@given(rows=st.lists(st.lists(_CELL, min_size=2, max_size=2), max_size=15),
       encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
       packing=st.sampled_from(["plain", "gzip"]), delimiter=st.sampled_from([",", "\t"]))
def test_csv_gives_a_record_for_every_row_that_is_not_blank(
    rows: list[list[str]], encoding: str, packing: str, delimiter: str
) -> None:
    if encoding == "cp1252":
        rows = [[cell.replace("日", "e") for cell in row] for row in rows]
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows([["id", "text"], *rows])
    data = out.getvalue().encode(encoding)
    suffix = ".csv" if delimiter == "," else ".tsv"
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), f"t{suffix}", data, packing)
        records = _read(path, inflated=len(data), config=IngestConfig(max_bytes=400))
    if encoding != "utf-16" and looks_binary(data, one_nul=False):
        assert [r.reason for r in records if isinstance(r, Rejection)] == ["binary"]
        return
    wanted = [row for row in rows if any(cell.strip() for cell in row)]
    if not wanted:
        assert [r.reason for r in records if isinstance(r, Rejection)] == ["empty"]
        return
    assert len(records) == len(wanted)
    reasons = {r.reason for r in records if isinstance(r, Rejection)}
    assert reasons <= {"too-large", "binary", "no-text"}


_HTML = st.lists(st.sampled_from(["<p>", "</p>", "<div class='x'>", "</div>", "<script>",
                                  "</script>", "<!--", "-->", "&amp;", "&#0;", "<br/>",
                                  "<html>", "<body>", "<meta charset='latin-1'>"])
                 | _LINE_TEXT, max_size=40).map("".join)


@FUZZ
@given(html=_HTML, suffix=st.sampled_from([".html", ".txt", ""]),
       packing=st.sampled_from(["plain", "gzip"]))
def test_html_and_text_files_give_one_record(html: str, suffix: str, packing: str) -> None:
    data = html.encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as folder:
        records = _read(_write(Path(folder), f"p{suffix}", data, packing), inflated=len(data))
    assert len(records) == 1


# ---------------------------------------------------------------- streams match the whole

def _pieces(data: bytes, size: int) -> Any:
    stream = io.BytesIO(data)
    return lambda _n: stream.read(size)


@FUZZ
@given(values=st.lists(_JSON, max_size=8), indent=st.sampled_from([None, 0, 2]),
       piece=st.integers(1, 9))
def test_a_json_array_read_a_few_bytes_at_a_time_gives_what_json_loads_gives(
    values: list[Any], indent: int | None, piece: int
) -> None:
    data = json.dumps(values, indent=indent).encode()
    read = _pieces(data, piece)
    got = list(document_values(read, head=read(4), limit=10**6))
    assert [value for _, value in got] == json.loads(data)
    assert [n for n, _ in got] == list(range(1, len(values) + 1))


def test_an_element_over_the_cap_is_too_large_and_ends_the_document() -> None:
    data = json.dumps([{"a": 1}, {"b": "x" * 500}, {"c": 3}]).encode()
    read = _pieces(data, 7)
    got = list(document_values(read, head=read(4), limit=100))
    assert got[0] == (1, {"a": 1}) and got[1][0] == 2 and isinstance(got[1][1], TooLarge)
    assert len(got) == 2


@FUZZ
@given(text=st.text(st.sampled_from(['a', 'b', ',', '"', '\n', '\r', ' ', '\t', '\x00']),
                    max_size=60),
       delimiter=st.sampled_from([",", "\t"]))
def test_csv_records_give_the_rows_and_line_numbers_of_the_csv_module(
    text: str, delimiter: str
) -> None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    wanted = [(reader.line_num, row) for row in reader]
    got = [(record.line, row)
           for record in csv_records(io.StringIO(text, newline=""), delimiter=delimiter,
                                     limit=10**6)
           for row in csv.reader(record.lines or (), delimiter=delimiter)]
    assert got == wanted


def _streamed(data: bytes, *, encoding: str | None, piece: int) -> str | None:
    chunks = [data[i:i + piece] for i in range(0, len(data), piece)]
    trial = CodecTrial(first_codec(head=data, encoding=encoding))
    for chunk in chunks:
        trial.feed(chunk)
    trial.feed(b"", final=True)
    if trial.ok:
        codec = (first_codec(head=data, encoding=encoding), "strict")
    else:
        found = fallback_codec(head=data, encoding=encoding, chunks=lambda: iter(chunks))
        if found is None:
            return None
        codec = found
    decoder = codecs.getincrementaldecoder(codec[0])(codec[1])
    return "".join(decoder.decode(chunk) for chunk in chunks) + decoder.decode(b"", final=True)


_TEXTS = st.text(st.sampled_from(list("The mayor said: façade, déjà vu, Straße — “quoted” 日本 ")),
                 min_size=1, max_size=80)


@settings(max_examples=40, deadline=None)
@given(data=st.one_of(st.binary(min_size=1, max_size=300),
                      st.tuples(_TEXTS, st.sampled_from(["utf-8", "utf-8-sig", "utf-16",
                                                         "cp1252", "latin-1", "shift_jis"]))
                      .map(lambda pair: pair[0].encode(pair[1], "ignore"))),
       encoding=st.sampled_from([None, None, "ascii", "cp1252"]), piece=st.integers(1, 50))
def test_a_stream_decodes_as_decode_bytes_decodes_the_whole(
    data: bytes, encoding: str | None, piece: int
) -> None:
    assert _streamed(data, encoding=encoding, piece=piece) == decode_bytes(data,
                                                                          encoding=encoding)
