"""The SQLite store itself: migrations, settings, writes, queries, and the store CLI commands."""

from __future__ import annotations

import argparse
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from crosswire.cli_store import add_store_commands
from crosswire.errors import UsageError
from crosswire.models import Article, Brief, BriefSource, Entity, Rejection
from crosswire.render import render_briefs
from crosswire.serialize import brief_from_dict
from crosswire.store import (
    StoreError,
    StoreVersionError,
    canonical_dump,
    default_db_path,
    migrate,
    open_store,
    schema_version,
)
from crosswire.store.migrations import MIGRATIONS, Migration
from crosswire.store.queries import (
    count_rows,
    count_stories,
    find_story,
    fts_query,
    get_brief_json,
    get_entity,
    list_entities,
    list_stories,
    search_articles,
)

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "ishiba-visit"


def _clock() -> str:
    return "2026-01-01T00:00:00+00:00"


def test_a_new_store_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with open_store(path=db, clock=_clock) as store:
        assert schema_version(store.conn) == MIGRATIONS[-1].version
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        rows = store.conn.execute("SELECT version, applied_at FROM schema_version").fetchall()
        assert rows == [(m.version, "2026-01-01T00:00:00+00:00") for m in MIGRATIONS]
    with open_store(path=db) as store:  # reopening applies nothing twice
        count = store.conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0]
        assert count == len(MIGRATIONS)


def test_a_later_migration_applies_once_and_a_newer_store_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(str(tmp_path / "m.db"), isolation_level=None)
    later = MIGRATIONS[-1].version + 1
    extra = MIGRATIONS + (Migration(later, "notes", "CREATE TABLE notes (x TEXT);"),)
    assert migrate(conn, clock=_clock, migrations=extra) == later
    assert migrate(conn, clock=_clock, migrations=extra) == later
    with pytest.raises(StoreVersionError, match="newer"):
        migrate(conn, clock=_clock)
    conn.close()


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(str(tmp_path / "f.db"), isolation_level=None)
    bad = Migration(MIGRATIONS[-1].version + 1, "bad", "CREATE TABLE ok (x);\nCREATE TABLE ok (x);")
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, clock=_clock, migrations=MIGRATIONS + (bad,))
    assert schema_version(conn) == MIGRATIONS[-1].version
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'ok'").fetchone() is None
    conn.close()


def test_db_path_flag_then_env_then_default() -> None:
    assert default_db_path(flag="a.db", env={"CROSSWIRE_DB": "b.db"}) == Path("a.db")
    assert default_db_path(env={"CROSSWIRE_DB": "b.db"}) == Path("b.db")
    assert default_db_path(env={}) == Path("crosswire.db")


def test_readonly_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        open_store(path=tmp_path / "missing.db", readonly=True)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(path=tmp_path / "no" / "such" / "x.db")


def _brief(story: str, *ids: str, day: int = 1) -> Brief:
    sources = tuple(
        BriefSource(article=Article(id=i, text=f"text {i}", published=f"2025-01-0{n + day}"),
                    origin=None, origin_group=i, role="original")
        for n, i in enumerate(ids)
    )
    return Brief(title=f"Story {story}", story=story, sources=sources,
                 entities=(Entity("Kenji Sato", "PERSON", ("K. Sato",), ids),))


def test_writes_are_idempotent_and_stories_replace_atomically(tmp_path: Path) -> None:
    with open_store(path=tmp_path / "w.db") as store:
        with store.transaction():
            assert store.add_article(article=Article(id="a", text="Osaka bridge opens"),
                                     content_hash="h1", origin="a.txt") == "a"
            assert store.add_article(article=Article(id="a", text="Osaka bridge opens"),
                                     content_hash="h1", origin="a.txt") is None
            assert store.add_article(article=Article(id="a", text="Lagos port"),
                                     content_hash="h2", origin="b/a.txt") == "a~h2"
            store.add_rejection(key="r1", rejection=Rejection("z", "empty", "no text", "z.txt"))
            store.add_rejection(key="r1", rejection=Rejection("z", "empty", "no text", "z.txt"))
        store.put_story(brief=_brief("s-1", "a"), fingerprint="f1")
        store.put_story(brief=_brief("s-1", "a", "a~h2"), fingerprint="f2")
        counts = count_rows(store=store)
        assert (counts.articles, counts.rejections, counts.stories, counts.entities) == (2, 1, 1, 1)
        assert store.story_fingerprints() == {"s-1": "f2"}
        [story] = list_stories(store=store)
        assert (story.articles, story.origins, story.voices, story.earliest, story.latest) == (
            2, 2, 2, "2025-01-01", "2025-01-02")
        store.delete_stories(story_ids=["s-1"])
        assert canonical_dump(store=store)["story_articles"] == []
        assert canonical_dump(store=store)["entities"] == []


def _voiced(story: str, voices: tuple[str, ...], *, day: int) -> Brief:
    """A story whose reports (one a voice) were published on ``day`` of January 2025."""
    sources = tuple(
        BriefSource(article=Article(id=f"{story}-{n}", text="text", published=f"2025-01-{day:02}"),
                    origin=None, origin_group=f"{story}-{n}", role="original", voice=v)
        for n, v in enumerate(voices)
    )
    return Brief(title=f"Story {story}", story=story, sources=sources, flags=("emptied: x",))


def test_stories_rank_by_independent_voices_and_singles_wait_behind_a_filter(
    tmp_path: Path,
) -> None:
    with open_store(path=tmp_path / "rank.db") as store:
        # four CNN pages are one voice; a newer story with fewer voices; a one-report story
        store.put_story(brief=_voiced("s-cnn", ("outlet:cnn.com",) * 4, day=9), fingerprint="f")
        store.put_story(brief=_voiced("s-wide", ("wire:AP", "outlet:bbc.com", "outlet:rt.com"),
                                      day=2), fingerprint="f")
        store.put_story(brief=_voiced("s-one", ("outlet:npr.org",), day=12), fingerprint="f")
        ranked = list_stories(store=store)
        assert [(s.id, s.voices, s.articles) for s in ranked] == [("s-wide", 3, 3),
                                                                  ("s-cnn", 1, 4)]
        assert ranked[0].origins == 3 and ranked[0].flags == ("emptied: x",)
        recent = list_stories(store=store, order="recent", singles=True)
        assert [s.id for s in recent] == ["s-one", "s-cnn", "s-wide"]
        assert (count_stories(store=store), count_stories(store=store, singles=True)) == (2, 3)
        with pytest.raises(UsageError, match="unknown story order"):
            list_stories(store=store, order="random")


def test_queries(tmp_path: Path) -> None:
    with open_store(path=tmp_path / "q.db") as store:
        with store.transaction():
            store.add_article(article=Article(id="a", text="Nippon Steel bid", title="Deal"),
                              content_hash="h1", origin="a.txt")
            store.add_article(article=Article(id="b", text="Steel prices fell"),
                              content_hash="h2", origin="b.txt")
        store.put_story(brief=_brief("s-abc", "a"), fingerprint="f")
        store.put_story(brief=_brief("s-abd", "b", day=5), fingerprint="f")
        assert list_stories(store=store) == ()  # one-report stories only with singles
        recent = list_stories(store=store, order="recent", singles=True)
        assert [s.id for s in recent] == ["s-abd", "s-abc"]  # most recent first
        assert find_story(store=store, ref="s-abc") is not None
        assert find_story(store=store, ref="s-ab") is None  # ambiguous
        found = find_story(store=store, ref="s-abd")
        assert found is not None and found.id == "s-abd"
        hits = search_articles(store=store, query="steel")
        assert sorted(h.article_id for h in hits) == ["a", "b"]
        assert [h.article_id for h in search_articles(store=store, query="nippon steel")] == ["a"]
        assert search_articles(store=store, query="***") == ()
        assert search_articles(store=store, query='"unbalanced AND (') == ()
        assert json.loads(get_brief_json(store=store, story_id="s-abc") or "")["story"] == "s-abc"
        assert list_entities(store=store)[0].stories == 2
        entity = get_entity(store=store, name="Kenji Sato")
        assert entity is not None and entity.aliases == ("K. Sato",)
        assert entity.sources == ("a", "b")
    assert fts_query('Nippon "Steel" OR') == '"Nippon" "Steel" "OR"'


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="crosswire")
    sub = parser.add_subparsers(dest="command", required=True)
    handlers = add_store_commands(sub)
    args = parser.parse_args(argv)
    return handlers[args.command](args)


def test_cli_ingest_stories_show_search(
    tmp_path: Path, nlp: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("crosswire.nlp.load_nlp", lambda **_: nlp)
    monkeypatch.setenv("CROSSWIRE_DB", str(tmp_path / "env.db"))
    assert _cli(["ingest", str(SEEDS)]) == 0
    assert "5 new, 0 already stored" in capsys.readouterr().err
    assert _cli(["ingest", str(SEEDS)]) == 0
    assert "0 new, 5 already stored" in capsys.readouterr().err
    assert (tmp_path / "env.db").exists()

    assert _cli(["stories", "--json"]) == 0
    stories = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    biggest = max(stories, key=lambda s: s["articles"])
    assert biggest["articles"] == 5
    assert _cli(["stories", "--singles", "--sort", "recent"]) == 0
    assert biggest["id"] in capsys.readouterr().out
    assert _cli(["stories"]) == 0
    listed = capsys.readouterr().out
    assert biggest["id"] in listed and "5 reports   3 independent voices" in listed

    shown = {}
    for fmt, probe in (("json", '"sources"'), ("md", "# "), ("html", "<html"), ("text", "")):
        assert _cli(["show", biggest["id"][:8], "--format", fmt]) == 0
        shown[fmt] = capsys.readouterr().out
        assert probe in shown[fmt]
    # the store keeps the JSON; every other format is rendered from it, as `brief` renders it
    stored = brief_from_dict(json.loads(shown["json"]))
    assert shown["md"] == render_briefs(briefs=(stored,), fmt="md")
    assert _cli(["show", "s-nothing"]) == 1

    assert _cli(["search", "Nippon Steel"]) == 0
    out = capsys.readouterr().out
    assert "[Nippon] [Steel]" in out
    assert _cli(["search", "--json", "Nippon Steel"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(hits) >= 3 and all(h["story_id"] == biggest["id"] for h in hits)
    assert _cli(["search", "zzzqqq"]) == 1


def test_cli_serve_listens_on_loopback_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        seen.update(kwargs, app=app)

    monkeypatch.setattr("uvicorn.run", fake_run)
    open_store(path=tmp_path / "s.db").close()
    assert _cli(["serve", "--db", str(tmp_path / "s.db"), "--port", "8123"]) == 0
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)


def test_a_store_of_schema_1_keeps_its_briefs_as_json(tmp_path: Path) -> None:
    conn = sqlite3.connect(str(tmp_path / "v1.db"), isolation_level=None)
    migrate(conn, clock=_clock, migrations=MIGRATIONS[:1])
    conn.execute("INSERT INTO stories VALUES ('s-1', 'f', 'T', 1, 1, NULL, NULL)")
    conn.execute("INSERT INTO briefs VALUES ('s-1', '{}', 'text', 'md', 'html')")
    conn.close()
    with open_store(path=tmp_path / "v1.db") as store:
        assert get_brief_json(store=store, story_id="s-1") == "{}"
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(briefs)")]
        assert columns == ["story_id", "json"]
        # schema 3: a story stored before counts its origins as voices until briefed again
        [story] = list_stories(store=store, singles=True)
        assert (story.voices, story.flags) == (1, ())
