"""read_paths over text, JSONL, CSV and HTML files, directories and globs, and bad inputs."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.ingest import IngestConfig, read_paths
from crosswire.models import Article, RawDocument, Rejection
from crosswire.stages.clean import clean_document

BODY = "The city council voted on Tuesday to approve the new budget after a long debate."


def _read(*paths: Path | str, config: IngestConfig | None = None) -> list[RawDocument | Rejection]:
    return list(read_paths(paths=[str(p) for p in paths], config=config))


def test_text_file(tmp_path: Path) -> None:
    (tmp_path / "story_1.txt").write_text(BODY, encoding="utf-8")
    [doc] = _read(tmp_path / "story_1.txt")
    assert isinstance(doc, RawDocument)
    assert (doc.id, doc.text, doc.origin) == ("story_1", BODY, str(tmp_path / "story_1.txt"))


def test_text_in_other_encodings(tmp_path: Path) -> None:
    text = "Le président a déclaré que la réunion était très importante pour l'économie française."
    (tmp_path / "latin.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    docs = _read(tmp_path)
    assert [d.id for d in docs] == ["bom", "latin", "utf16"]
    assert all(isinstance(d, RawDocument) and d.text == text for d in docs)


def test_bad_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 3)
    (tmp_path / "huge.txt").write_text("word " * 300)
    docs = _read(tmp_path, tmp_path / "missing.txt", tmp_path / "nothing-*.txt",
                 config=IngestConfig(max_bytes=1000))
    reasons = {d.id: d.reason for d in docs if isinstance(d, Rejection)}
    assert reasons == {"binary": "binary", "empty": "empty", "huge": "too-large",
                       "missing": "not-found", str(tmp_path / "nothing-*.txt"): "not-found"}


def test_a_byte_order_mark_on_bytes_that_are_not_utf16(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").write_bytes(b"\xff\xfe\x00bad\x00encoding")
    (tmp_path / "ok.txt").write_text(BODY)
    docs = _read(tmp_path)
    assert [(d.id, getattr(d, "reason", None)) for d in docs] == [
        ("odd", "bad-encoding"), ("ok", None)
    ]


def test_a_reader_that_fails_costs_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crosswire.ingest.paths as ingest

    def broken(*, path: Path, config: IngestConfig) -> Iterator[RawDocument]:
        yield RawDocument(id="first", text=BODY, origin=str(path))
        raise ValueError("unforeseen")

    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").write_text(BODY)
    real = ingest.reader_for
    monkeypatch.setattr(ingest, "reader_for", lambda p: broken if p.name == "a.txt" else real(p))
    docs = list(ingest.read_paths(paths=[str(tmp_path)]))
    assert [(d.id, getattr(d, "reason", None)) for d in docs] == [
        ("first", None), ("a", "unreadable"), ("b", None)
    ]
    assert "unforeseen" in docs[1].message


def test_a_reader_whose_cleanup_fails_can_still_be_closed_early(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crosswire.ingest.paths as ingest

    def leaky(*, path: Path, config: IngestConfig) -> Iterator[RawDocument]:
        try:
            yield RawDocument(id="first", text=BODY, origin=str(path))
            yield RawDocument(id="second", text=BODY, origin=str(path))
        finally:
            raise OSError("cleanup failed")

    (tmp_path / "a.txt").write_text(BODY)
    monkeypatch.setattr(ingest, "reader_for", lambda p: leaky)
    records = ingest.read_path(path=tmp_path / "a.txt")
    assert next(records).id == "first"
    records.close()  # no "generator ignored GeneratorExit", no OSError
    # read to the end, the same cleanup error is one unreadable record after the good ones
    docs = list(ingest.read_path(path=tmp_path / "a.txt"))
    assert [(d.id, getattr(d, "reason", None)) for d in docs] == [
        ("first", None), ("second", None), ("a", "unreadable")
    ]


def test_a_reader_that_fails_before_its_first_record_costs_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crosswire.ingest.paths as ingest

    def eager(*, path: Path, config: IngestConfig) -> list[RawDocument]:
        raise LookupError("no such codec")

    (tmp_path / "a.txt").write_text(BODY)
    monkeypatch.setattr(ingest, "reader_for", lambda p: eager)
    docs = list(ingest.read_path(path=tmp_path / "a.txt"))
    assert [(d.id, d.reason) for d in docs if isinstance(d, Rejection)] == [("a", "unreadable")]


def test_a_text_too_long_for_one_report_is_rejected_with_its_reason() -> None:
    from crosswire.stages.clean import CleanConfig

    long = RawDocument(id="dump", text=(BODY + " ") * 20)
    result = clean_document(doc=long, config=CleanConfig(max_text_chars=1000))
    assert isinstance(result, Rejection) and result.reason == "too-long"
    assert "max_text_chars=1000" in result.message
    assert isinstance(clean_document(doc=long), Article)


def test_directory_and_glob(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(BODY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(BODY)
    (tmp_path / ".hidden.txt").write_text(BODY)
    (tmp_path / "README").write_text("not an article")
    (tmp_path / "notes.md").write_text("not an article")
    assert [d.id for d in _read(tmp_path)] == ["b", "a"]
    assert [d.id for d in _read(str(tmp_path / "**" / "*.txt"))] == ["b", "a"]
    assert [d.id for d in _read(tmp_path / "notes.md")] == ["notes"]  # named files are read


def test_jsonl(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": BODY, "title": "Budget", "url": "https://x.com/a",
                    "site": "X News", "published": "2025-02-07"}),
        "{not json",
        json.dumps({"id": "a2", "html": f"<html><body><p>{BODY}</p></body></html>"}),
        "",
        json.dumps({"id": "a3", "title": "no text"}),
        json.dumps(["a list"]),
        json.dumps({"text": BODY}),
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n")
    docs = _read(path)
    assert [(d.id, type(d).__name__) for d in docs] == [
        ("a1", "RawDocument"), ("export:2", "Rejection"), ("a2", "RawDocument"),
        ("a3", "Rejection"), ("export:6", "Rejection"), ("export:7", "RawDocument"),
    ]
    first, bad = docs[0], docs[1]
    assert isinstance(first, RawDocument) and first.site == "X News" and first.title == "Budget"
    assert isinstance(bad, Rejection) and bad.reason == "malformed" and bad.origin.endswith(":2")
    assert "line 2" in bad.message
    article = clean_document(doc=first)
    assert isinstance(article, Article)
    assert (article.published, article.published_source, article.site) == (
        "2025-02-07", "input", "X News")


def test_jsonl_gz_json_array_and_field_map(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "a.jsonl.gz", "wt") as handle:
        handle.write(json.dumps({"id": "g", "text": BODY}) + "\n")
    (tmp_path / "b.json").write_text(json.dumps([{"key": "j", "body": BODY}]))
    config = IngestConfig(id_field="key", text_field="body")
    assert [d.id for d in _read(tmp_path / "b.json", config=config)] == ["j"]
    assert [d.id for d in _read(tmp_path / "a.jsonl.gz")] == ["g"]


def test_jsonl_html_b64_in_other_charset(tmp_path: Path) -> None:
    import base64

    html = "<html><head><meta charset='cp1252'></head><body><p>Café déjà vu.</p></body></html>"
    record = {"id": "b", "html_b64": base64.b64encode(html.encode("cp1252")).decode()}
    (tmp_path / "p.jsonl").write_text(json.dumps(record))
    [doc] = _read(tmp_path / "p.jsonl")
    assert isinstance(doc, RawDocument) and doc.html is not None and "Café déjà vu" in doc.html


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress(("\n".join(json.dumps({"id": str(i), "text": BODY})
                                    for i in range(200))).encode())
    (tmp_path / "t.jsonl.gz").write_bytes(data[: len(data) // 2])
    docs = _read(tmp_path / "t.jsonl.gz")
    assert isinstance(docs[-1], Rejection) and docs[-1].reason in {"truncated", "malformed"}
    assert any(isinstance(d, RawDocument) for d in docs)


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        'headline,body,link,when\n'
        f'"Budget passes","{BODY}",https://x.com/a,2025-02-07\n'
        'only,two\n'
        f'"Second","{BODY} More, with a comma.",https://x.com/b,\n'
        '"no text","",https://x.com/c,\n'
    )
    config = IngestConfig(title_field="headline", text_field="body", url_field="link",
                          published_field="when")
    docs = _read(path, config=config)
    assert [(d.id, type(d).__name__) for d in docs] == [
        ("export:2", "RawDocument"), ("export:3", "Rejection"), ("export:4", "RawDocument"),
        ("export:5", "Rejection"),
    ]
    first = docs[0]
    assert isinstance(first, RawDocument)
    assert (first.title, first.url, first.published) == ("Budget passes", "https://x.com/a",
                                                         "2025-02-07")
    assert isinstance(docs[1], Rejection) and docs[1].reason == "malformed"


def test_tsv_and_missing_text_column(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(f"id\ttext\nt1\t{BODY}\n")
    (tmp_path / "b.csv").write_text("id,title\nx,y\n")
    docs = _read(tmp_path / "a.tsv", tmp_path / "b.csv")
    assert isinstance(docs[0], RawDocument) and docs[0].id == "t1"
    assert isinstance(docs[1], Rejection) and docs[1].reason == "no-text-column"


def test_html_file(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Budget passes | X News</title>"
        "<meta property='og:site_name' content='X News'>"
        "<meta property='article:published_time' content='2025-02-07T10:00:00Z'></head>"
        "<body><nav>Home News Sport</nav><article><h1>Budget passes</h1>"
        f"<p>{BODY}</p><p>Members said the plan would fund schools, roads and the library.</p>"
        "</article><footer>© 2025 X News. All rights reserved.</footer></body></html>"
    )
    (tmp_path / "page.html").write_bytes(page.encode("utf-8"))
    (tmp_path / "broken.html").write_text("<html><body><div><p>unclosed <b>tags")
    docs = _read(tmp_path)
    assert [d.id for d in docs] == ["broken", "page"]
    article = clean_document(doc=docs[1])  # type: ignore[arg-type]
    assert isinstance(article, Article)
    assert BODY in article.text and "Home News" not in article.text
    assert (article.published, article.published_source) == ("2025-02-07", "html-meta")
    assert article.site == "X News" and article.title == "Budget passes"
    broken = clean_document(doc=docs[0])  # type: ignore[arg-type]
    assert isinstance(broken, (Article, Rejection))


def test_sniffing_unknown_extensions(tmp_path: Path) -> None:
    (tmp_path / "page.dat").write_text(f"<!DOCTYPE html><html><body><p>{BODY}</p></body></html>")
    (tmp_path / "lines.dat").write_text(json.dumps({"id": "s", "text": BODY}))
    (tmp_path / "plain.dat").write_text(BODY)
    docs = _read(tmp_path / "page.dat", tmp_path / "lines.dat", tmp_path / "plain.dat")
    assert [type(d).__name__ for d in docs] == ["RawDocument"] * 3
    assert docs[0].html is not None and docs[1].id == "s" and docs[2].text == BODY  # type: ignore[union-attr]


def test_ingest_imports_no_stage() -> None:
    """Readers decode and parse; cleaning imports from ingest, never the other way round."""
    import ast

    from tests.conftest import ROOT

    for path in (ROOT / "src" / "crosswire" / "ingest").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.startswith("crosswire.stages") for n in names), path.name


def test_a_server_charset_wins_when_the_bytes_decode_with_it() -> None:
    from crosswire.ingest.decode import charset_of, decode_html

    page = "<html><head><meta charset='utf-8'></head><body><p>Café</p></body></html>"
    data = page.encode("cp1252")
    assert charset_of('text/html; charset="windows-1252"') == "windows-1252"
    assert charset_of("text/html") is None
    assert "Café" in decode_html(data, charset="windows-1252")
    assert "Café" in decode_html(page.encode("utf-8"), charset="no-such-codec")
    assert "Café" in decode_html(page.encode("utf-8"), charset="ascii")  # fails: the page's own
