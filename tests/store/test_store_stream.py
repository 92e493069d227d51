"""Incremental stories: a batch joins the stored stories through the stream clusterer's state
kept in the store, which decides exactly as a stream kept in memory; converging stories merge;
nothing new does no clustering; a simple pile ends as one fresh ingest would."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from crosswire.config import Config
from crosswire.models import Article
from crosswire.stages.cluster import StreamClusterer, cluster_map_many
from crosswire.store import canonical_dump, open_store
from crosswire.store import ingest as store_ingest
from crosswire.store import stream as stream_state
from crosswire.store.ingest import add_documents, assign_new, derived_key, ingest_paths
from crosswire.store.sqlite import Store
from tests.conftest import SHARED, needs_shared
from tests.store.test_store_ingest import synthetic_reports

_WORDS = ("harbour bridge tender strike quota vaccine airport rail copper flood budget court "
          "mayor union minister protest council factory drought election").split()


def _mixed_reports(*, n: int, seed: int) -> list[dict[str, Any]]:
    """Reports on a few topics that share words and days: joins, merges and re-decisions."""
    rng = random.Random(seed)
    rows = []
    for k in range(n):
        topic = rng.randrange(6)
        words = [_WORDS[(topic * 3 + j) % len(_WORDS)] for j in range(4)]
        extra = rng.sample(_WORDS, k=3)
        sentences = [
            f"The {words[0]} and the {words[1]} dominated talks in city {topic} on day {k % 5}.",
            f"Officials said the {words[2]} plan would affect the {words[3]} and the {extra[0]}.",
            f"Critics of the {extra[1]} asked about the {words[0]} costs and the {extra[2]}.",
            f"A spokesperson for the {words[1]} declined to comment on the {words[3]} issue.",
        ]
        rows.append({
            "id": f"m{k:03d}", "title": f"{words[0].title()} {words[1]} row in city {topic}",
            "published": f"2025-03-{1 + rng.randrange(9):02d}", "site": f"s{k % 7}.example",
            "text": "\n\n".join(rng.sample(sentences, k=4)),
        })
    return rows


def _docs(rows: Sequence[dict[str, Any]]) -> list[Any]:
    from crosswire.models import RawDocument

    return [RawDocument(id=r["id"], text=r["text"], title=r.get("title"), site=r.get("site"),
                        published=r.get("published"), origin="test") for r in rows]


def _stored_partition(store: Store) -> set[tuple[str, ...]]:
    groups: dict[int, list[str]] = {}
    for art, owner in store.conn.execute("SELECT article_id, owner FROM stream_items"):
        groups.setdefault(owner, []).append(art)
    return {tuple(sorted(m)) for m in groups.values()}


def _batches_in_store(
    store: Store, batches: Sequence[Sequence[dict[str, Any]]], config: Config
) -> list[list[Article]]:
    """Add and assign each batch; the articles of each batch in the order the stream took them."""
    key = derived_key(config=config)
    orders = []
    for rows in batches:
        added = add_documents(store=store, docs=_docs(rows), config=config).added
        arts = {a.id: a for a in store.articles() if a.id in set(added)}
        orders.append(sorted(arts.values(), key=lambda a: (a.published or "", a.id)))
        assign_new(store=store, config=config, key=key)
    return orders


@pytest.mark.parametrize("sizes", [(60,), (20, 25, 15), (1,) * 12 + (48,)])
def test_the_stored_stream_decides_as_one_in_memory(tmp_path: Path, sizes: tuple[int, ...]) -> None:
    config = Config()
    rows = _mixed_reports(n=sum(sizes), seed=11)
    batches, start = [], 0
    for size in sizes:
        batches.append(rows[start : start + size])
        start += size
    with open_store(path=tmp_path / "s.db") as store:
        orders = _batches_in_store(store, batches, config)
        stored = _stored_partition(store)
        sums = store.conn.execute("SELECT key, terms, internal, mass FROM stream_groups").fetchall()
    stream = StreamClusterer(config=config.cluster)
    for arts in orders:
        for sketch in cluster_map_many(articles=arts, config=config.cluster):
            stream.add(sketch=sketch)
    assert stored == {s.article_ids for s in stream.stories()}
    assert len(stored) < sum(sizes)  # some reports were joined
    g = stream.groups
    assert sorted(sums) == sorted((k, g.terms[k], g.internal[k], g.masses[k]) for k in g.members)


@needs_shared("data/realnews/newscluster_dev.jsonl")
def test_the_stored_stream_decides_as_one_in_memory_on_real_news(tmp_path: Path) -> None:
    path = SHARED / "data" / "realnews" / "newscluster_dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:240]]
    rows = [{k: r.get(k) for k in ("id", "title", "published", "site", "text")} for r in rows]
    config = Config()
    with open_store(path=tmp_path / "r.db") as store:
        orders = _batches_in_store(store, [rows[:150], rows[150:200], rows[200:]], config)
        stored = _stored_partition(store)
    stream = StreamClusterer(config=config.cluster)
    for arts in orders:
        for sketch in cluster_map_many(articles=arts, config=config.cluster):
            stream.add(sketch=sketch)
    assert stored == {s.article_ids for s in stream.stories()}


def _write(path: Path, rows: Sequence[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_a_new_report_joins_its_story_and_only_that_story_is_briefed_again(
    tmp_path: Path, nlp: Any
) -> None:
    rows = synthetic_reports(stories=3, per_story=3, seed=5)
    late = next(r for r in rows if r["id"] == "r01-02")
    with open_store(path=tmp_path / "j.db") as store:
        ingest_paths(store=store, paths=[_write(tmp_path / "a.jsonl",
                                                 [r for r in rows if r is not late])], nlp=nlp)
        before = {sid: n for sid, n in store.conn.execute("SELECT id, articles FROM stories")}
        report = ingest_paths(store=store, paths=[_write(tmp_path / "b.jsonl", [late])], nlp=nlp)
        (sid,) = report.refreshed.updated
        members = [r[0] for r in store.conn.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ?", (sid,))]
        assert sorted(members) == ["r01-00", "r01-01", "r01-02"]
        assert before[sid] == 2 and report.refreshed.removed == ()
        assert report.refreshed.stories == len(before)


def test_a_report_that_bridges_two_stories_merges_them(tmp_path: Path, nlp: Any) -> None:
    one = ("Kenji Sato opened the Osaka railway bridge on Tuesday after four years of work.\n\n"
           "The bridge carries commuter trains across the Yodo river to Osaka station.")
    two = ("Amara Okafor signed the Lagos harbour flood defence contract with Dutch engineers.\n\n"
           "The harbour walls will protect fishing villages from storm surges, she said.")
    day = "2025-05-06"
    first = [{"id": "a", "text": one, "published": day}, {"id": "b", "text": two, "published": day}]
    bridge = [{"id": "c", "text": one + "\n\n" + two, "published": day}]
    with open_store(path=tmp_path / "m.db") as store:
        ingest_paths(store=store, paths=[_write(tmp_path / "1.jsonl", first)], nlp=nlp)
        assert _stored_partition(store) == {("a",), ("b",)}
        assert store.conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0] == 2
        report = ingest_paths(store=store, paths=[_write(tmp_path / "2.jsonl", bridge)], nlp=nlp)
        assert _stored_partition(store) == {("a", "b", "c")}
        assert len(report.refreshed.updated) == 1 and len(report.refreshed.removed) == 1
        (count,) = store.conn.execute("SELECT COUNT(*) FROM stories").fetchone()
        assert count == report.refreshed.stories == 1


def test_nothing_new_does_no_clustering(
    tmp_path: Path, nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = synthetic_reports(stories=2, per_story=2, seed=9)
    data = _write(tmp_path / "a.jsonl", rows)
    with open_store(path=tmp_path / "n.db") as store:
        ingest_paths(store=store, paths=[data], nlp=nlp)
        before = canonical_dump(store=store)

        def refuse(**_: Any) -> Any:
            raise AssertionError("clustered with nothing new")

        monkeypatch.setattr(stream_state, "open_stream", refuse)
        monkeypatch.setattr(store_ingest, "assign_stories", refuse)
        again = ingest_paths(store=store, paths=[data], nlp=nlp)
        assert again.added.added == () and again.refreshed.updated == ()
        assert canonical_dump(store=store) == before


def _derived(store: Store) -> dict[str, Any]:
    """The stories, briefs and their rows (the articles' origins name the files read)."""
    dump = canonical_dump(store=store)
    return {t: dump[t] for t in ("stories", "briefs", "story_articles", "entities")}


def test_batches_end_as_one_fresh_ingest(tmp_path: Path, nlp: Any) -> None:
    rows = synthetic_reports(stories=3, per_story=2, seed=4)
    parts = [rows[:2], rows[2:3], rows[3:]]  # stories weeks apart: any order is one state
    with open_store(path=tmp_path / "inc.db") as store:
        for k, part in enumerate(parts):
            ingest_paths(store=store, paths=[_write(tmp_path / f"{k}.jsonl", part)], nlp=nlp)
        inc = _derived(store)
        stream = _stored_partition(store)
    with open_store(path=tmp_path / "fresh.db") as store:
        ingest_paths(store=store, paths=[_write(tmp_path / "all.jsonl", rows)], nlp=nlp)
        assert _derived(store) == inc and _stored_partition(store) == stream
    assert len(stream) == 3


def test_new_settings_take_every_report_in_again(tmp_path: Path, nlp: Any) -> None:
    rows = synthetic_reports(stories=2, per_story=2, seed=2)
    data = _write(tmp_path / "a.jsonl", rows)
    with open_store(path=tmp_path / "k.db") as store:
        ingest_paths(store=store, paths=[data], nlp=nlp)
        from dataclasses import replace

        config = Config()
        other = replace(config, cluster=replace(config.cluster, max_terms=30))
        report = ingest_paths(store=store, paths=[data], nlp=nlp, config=other)
        assert len(report.refreshed.updated) == report.refreshed.stories == 2
        (items,) = store.conn.execute("SELECT COUNT(*) FROM stream_items").fetchone()
        assert items == 4 and report.refreshed.removed == ()
        assert stream_state.get_stream_meta(store=store, key=stream_state.META_KEY) == (
            derived_key(config=other))


def test_the_watch_settings_do_not_change_the_stories_key() -> None:
    from dataclasses import replace

    config = Config()
    watched = replace(config, watch=replace(config.watch, every_s=config.watch.every_s + 60))
    assert derived_key(config=watched) == derived_key(config=config)


def test_a_batch_reads_only_the_stories_near_it(tmp_path: Path) -> None:
    from crosswire.pipeline import assign_stories
    from crosswire.store.ingest import _load_articles

    config = Config()
    rows = synthetic_reports(stories=6, per_story=4, seed=8)  # six stories, weeks apart
    late = [r for r in rows if r["id"] == "r04-03"]
    with open_store(path=tmp_path / "near.db") as store:
        _batches_in_store(store, [[r for r in rows if r["id"] != "r04-03"]], config)
        add_documents(store=store, docs=_docs(late), config=config)
        (article,) = [a for a in store.articles() if a.id == "r04-03"]
        with store.transaction():
            opened = stream_state.open_stream(store=store, config=config.cluster)
            touched = assign_stories(articles=[article], stream=opened.stream, config=config,
                                     load_articles=lambda ids: _load_articles(store, ids))
            read = sorted(dict.keys(opened.loader.vectors))
            store.conn.execute("ROLLBACK")
            store.conn.execute("BEGIN")  # the context manager commits an empty transaction
    assert [t.story.article_ids for t in touched] == [tuple(f"r04-0{j}" for j in range(4))]
    ids = {opened.stream.state.ids[i] for i in read}
    assert ids <= {f"r04-0{j}" for j in range(4)}  # nothing of the five other stories


def test_a_lazy_map_keeps_what_was_set_and_deleted() -> None:
    from crosswire.store.lazy import Lazy

    source = {1: "a", 2: "b", 3: "c"}
    lazy: Lazy[int, str] = Lazy(lambda k: lazy.fill(k, source[k]) if k in source else None)
    assert lazy[1] == "a" and 2 in lazy and 9 not in lazy and lazy.get(9, "-") == "-"
    lazy[1] = "z"
    lazy.fill(1, "a")  # a value read later never covers one set in memory
    assert lazy[1] == "z" and lazy.dirty == {1}
    assert lazy.pop(3) == "c" and 3 not in lazy and lazy.deleted == {3}
    del lazy[2]
    with pytest.raises(KeyError):
        lazy[2]
    lazy[2] = "y"
    assert lazy[2] == "y" and lazy.deleted == {3} and lazy.dirty == {1, 2}


def test_a_large_pile_is_taken_in_by_chunks_as_batches_would_be(tmp_path: Path) -> None:
    config = Config()
    rows = _mixed_reports(n=30, seed=5)
    with open_store(path=tmp_path / "c.db") as store:
        add_documents(store=store, docs=_docs(rows), config=config)
        assign_new(store=store, config=config, key=derived_key(config=config), chunk=7)
        chunked = _stored_partition(store)
    with open_store(path=tmp_path / "b.db") as store:
        _batches_in_store(store, [rows[k : k + 7] for k in range(0, 30, 7)], config)
        assert _stored_partition(store) == chunked
