"""The CLI's plain text about stored stories (issue 23, case 7): ``stories``, ``search`` and
``show --format text``/``md`` send no control character a source wrote; ``serve`` answers only
the host names it is told. The store commands on an unusable store (case 10): one line, exit 2,
no file written; a store in a read-only folder is read, and ingest into it is one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crosswire.cli import main
from crosswire.store import open_store
from tests.render.hostile import HOSTILE_ID, hostile_store, terminal_controls
from tests.store.unusable import ROOT, UNUSABLE, make_store, run_cli_readonly, snapshot


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "hostile.db"
    hostile_store(path)
    return str(path)


@pytest.mark.parametrize("argv", [
    ["stories", "--singles"],
    ["stories"],
    ["search", "Tokyo"],
    ["show", "s-hostile"],
    ["show", "s-hostile", "--format", "text"],
    ["show", "s-hostile", "--format", "md"],
])
def test_plain_output_sends_no_control_character(
    db: str, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.strip() and not terminal_controls(out)
    if argv[0] != "show" or "md" not in argv:
        assert "\u241b]0;pwned\u2407" in out  # the window-title sequence is shown, not sent


def test_stories_and_search_keep_one_line_a_record(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stories", "--singles", "--db", db]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    assert main(["search", "Tokyo", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4  # two hits, two lines each, though an id holds two newlines
    head = "r1 <script>alert(1)</script>\u241b]0;id\u2407  story s-hostile  [a]"
    assert any(line.startswith(head) for line in lines[::2])


def test_json_lines_keep_ids_whole(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["search", "--json", "Tokyo", "--db", db]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert HOSTILE_ID in {h["article_id"] for h in hits}  # machines get the data as it is


def _serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *argv: str) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: seen.update(kw, app=app))
    if not (tmp_path / "s.db").exists():
        open_store(path=tmp_path / "s.db").close()
    assert main(["serve", "--db", str(tmp_path / "s.db"), *argv]) == 0
    return seen


def test_serve_allows_loopback_names_and_the_ones_it_is_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    seen = _serve(tmp_path, monkeypatch, "--allowed-host", "News.Example")
    client = TestClient(seen["app"], base_url="http://127.0.0.1:8000")
    for host, status in (("127.0.0.1:8000", 200), ("localhost", 200), ("[::1]:8000", 200),
                         ("news.example:8000", 200), ("evil.example", 400),
                         ("127.0.0.1.nip.io", 400)):
        assert client.get("/api/stories", headers={"host": host}).status_code == status, host


def test_serve_allows_the_address_it_listens_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    seen = _serve(tmp_path, monkeypatch, "--host", "192.0.2.7")
    assert seen["host"] == "192.0.2.7"
    client = TestClient(seen["app"], base_url="http://192.0.2.7:8000")
    assert client.get("/api/stories").status_code == 200
    everywhere = _serve(tmp_path, monkeypatch, "--host", "0.0.0.0")
    client = TestClient(everywhere["app"], base_url="http://0.0.0.0:8000")
    assert client.get("/api/stories").status_code == 400  # every address is no host name


@pytest.mark.parametrize("port", ["-1", "65536", "http"])
def test_serve_refuses_a_port_out_of_range(
    port: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--db", str(tmp_path / "s.db"), "--port", port])
    assert "port from 0 to 65535" in capsys.readouterr().err


# ---------------------------------------------------------------- issue 23, case 10: the store

_READS = {"stories": ["stories"], "show": ["show", "s-hostile"], "search": ["search", "Tokyo"],
          "serve": ["serve"]}


@pytest.mark.parametrize("kind", UNUSABLE)
@pytest.mark.parametrize("command", sorted(_READS))
def test_reading_an_unusable_store_is_one_line_and_writes_nothing(
    tmp_path: Path, kind: str, command: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: None)
    db = make_store(tmp_path / "s.db", kind=kind)
    before = snapshot(tmp_path)
    assert main([*_READS[command], "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("crosswire: error: ") and err.count("\n") == 1, err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("kind", ["garbage", "damaged", "foreign"])
def test_ingest_into_an_unusable_store_is_one_line(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = make_store(tmp_path / "s.db", kind=kind)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Kenji Sato opened the bridge on Monday.\n")
    before = snapshot(tmp_path)
    assert main(["ingest", str(tmp_path / "in"), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("crosswire: error: ") and err.count("\n") == 1, err
    assert snapshot(tmp_path) == before


def test_a_store_in_a_read_only_folder_is_read_and_not_written(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    make_store(folder / "s.db", kind="good")
    before = snapshot(folder)
    listed = run_cli_readonly(["stories", "--singles", "--db", "s.db"], folder=folder)
    assert listed.returncode == 0 and "s-hostile" in listed.stdout, listed.stderr
    ingest = run_cli_readonly(["ingest", str(ROOT / "examples"), "--db", "s.db"], folder=folder)
    assert ingest.returncode == 2 and "Traceback" not in ingest.stderr
    assert ingest.stderr.startswith("crosswire: error: the store s.db is read-only")
    assert ingest.stderr.count("\n") == 1
    assert snapshot(folder) == before
