"""The Spark runner: the local runner's stage functions, spread over a Spark cluster.

Same input, same records as :func:`crosswire.pipeline.run` (tested): every step is a function of
:mod:`crosswire.pipeline` or of a stage's map/reduce; only where each runs is decided here.

* **read** — input files and URLs are expanded on the driver, then each one is read on an
  executor; records keep a ``(input number, record number)`` key, so "first record with an id
  wins" means the same as in the local runner;
* **clean** — :func:`crosswire.pipeline.clean_stream` on the executors, over the records that
  share an id in input order (its duplicate-id rule then means what it means locally);
* **cluster** — :func:`cluster_map_many` per partition on the executors (embeddings, when on,
  in batches); the order-independent reduce (:func:`cluster_reduce`, or
  :func:`cluster_incremental`) runs on the driver over the small sketches; off-topic
  segments are found per story on the executors and pointed at their story on the driver
  (only the articles that have such segments travel there);
* **brief** — every story's member articles are grouped on one executor, which runs
  :func:`analyse_story` and :func:`brief_story`; the spaCy pipeline is loaded once per
  partition by ``nlp_loader``.

pyspark is imported lazily; install it with ``pip install 'crosswire[spark]'`` (it needs Java 17+).
Input paths must be readable from the executors (a shared file system on a real cluster).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswire.config import Config
from crosswire.errors import MissingDependencyError
from crosswire.ingest import expand_paths, read_path
from crosswire.ingest.url import read_url
from crosswire.models import Article, Brief, RawDocument, Rejection, Segment, Story
from crosswire.nlp import load_nlp
from crosswire.pipeline import (
    CleanResult,
    RunResult,
    analyse_story,
    brief_story,
    clean_stream,
    story_order,
)
from crosswire.stages.cluster import (
    ClusterConfig,
    ClusterSketch,
    SegmentConfig,
    cluster_incremental,
    cluster_map_many,
    cluster_reduce,
    find_off_topic,
    place_segments,
)

__all__ = ["SparkOptions", "clean_spark", "spark_session", "require_pyspark", "run_spark"]

Key = tuple[int, int]
Keyed = tuple[Key, RawDocument | Rejection]
Cleaned = tuple[Key, Article | Rejection]


@dataclass(frozen=True, slots=True)
class SparkOptions:
    """How the work is spread: ``partitions`` for every distributed step."""

    partitions: int = 8
    incremental: bool = False  # cluster in ``published`` order, as ``cluster --incremental``


def require_pyspark() -> Any:
    """The ``pyspark`` module, or an error that says how to install it."""
    try:
        import pyspark
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependencyError(
            "the Spark backend needs pyspark (and Java 17+): pip install 'crosswire[spark]'"
        ) from exc
    return pyspark


def spark_session(*, master: str = "local[*]", app_name: str = "crosswire") -> Any:
    """A ``SparkSession`` at ``master`` whose Python workers run this interpreter (no web UI)."""
    require_pyspark()
    import os
    import sys

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )


def _read_one(item: tuple[int, Path | str | Rejection], config: Config) -> Iterator[Keyed]:
    number, source = item
    if isinstance(source, Rejection):
        records: Iterable[RawDocument | Rejection] = (source,)
    elif isinstance(source, str):
        records = read_url(url=source, config=config.ingest)
    else:
        records = read_path(path=source, config=config.ingest)
    for j, record in enumerate(records):
        yield (number, j), record


def _clean_same_id(rows: Iterable[tuple[Key, RawDocument]], config: Config) -> list[Cleaned]:
    """Documents sharing an id, cleaned in input order by the pipeline's own rule."""
    ordered = sorted(rows, key=lambda row: row[0])
    cleaned = clean_stream(docs=[doc for _, doc in ordered], config=config)
    return [(key, result) for (key, _), result in zip(ordered, cleaned, strict=True)]


def clean_spark(*, sc: Any, paths: Sequence[str], config: Config, options: SparkOptions) -> Any:
    """An RDD of ``(key, Article | Rejection)`` in the local runner's sense."""
    items = list(enumerate(expand_paths(paths=paths, config=config.ingest)))
    raw = sc.parallelize(items, max(1, min(options.partitions, len(items) or 1)))
    keyed = raw.flatMap(lambda item: _read_one(item, config)).cache()  # read each input once
    rejected = keyed.filter(lambda row: isinstance(row[1], Rejection))
    cleaned = (
        keyed.filter(lambda row: isinstance(row[1], RawDocument))
        .map(lambda row: (row[1].id, row))
        .groupByKey(options.partitions)
        .flatMap(lambda pair: _clean_same_id(pair[1], config))
    )
    return rejected.union(cleaned)


def _collect_clean(rows: Any) -> tuple[Any, CleanResult]:
    articles = rows.filter(lambda row: isinstance(row[1], Article)).map(lambda row: row[1])
    rejections = sorted(
        rows.filter(lambda row: isinstance(row[1], Rejection)).collect(), key=lambda row: row[0]
    )
    collected = sorted(articles.collect(), key=lambda a: a.id)
    return articles, CleanResult(tuple(collected), tuple(r for _, r in rejections))


def _off_topic(
    members: Iterable[Article], order: Sequence[str], config: SegmentConfig
) -> tuple[Segment, ...]:
    by_id = {a.id: a for a in members}
    return find_off_topic(articles=[by_id[i] for i in order], config=config)


def _owner(stories: Sequence[Story]) -> dict[str, str]:
    return {m: s.id for s in stories for m in s.article_ids}


def _stories(*, sc: Any, articles: Any, config: ClusterConfig, options: SparkOptions
             ) -> tuple[Story, ...]:
    sketches: list[ClusterSketch] = articles.mapPartitions(
        lambda part: cluster_map_many(articles=list(part), config=config)
    ).collect()
    reduce = cluster_incremental if options.incremental else cluster_reduce
    stories = reduce(sketches=sketches, config=config)
    if config.segments is None:
        return stories
    segment_config = config.segments
    owner = sc.broadcast(_owner(stories))
    order = sc.broadcast({s.id: s.article_ids for s in stories})
    found: list[Segment] = (
        articles.map(lambda a: (owner.value[a.id], a))
        .groupByKey(options.partitions)
        .flatMap(lambda pair: _off_topic(pair[1], order.value[pair[0]], segment_config))
        .collect()
    )
    if not found:
        return stories
    wanted = {seg.span.source for seg in found}
    texts = articles.filter(lambda a: a.id in wanted).collect()
    found.sort(key=lambda seg: (seg.span.source, seg.span.start, seg.span.end))
    return place_segments(
        stories=stories, articles={a.id: a for a in texts}, sketches=sketches, segments=found,
        config=config, max_share=segment_config.max_share,
    )


def _brief_partition(
    groups: Iterable[tuple[Story, Iterable[Article]]],
    config: Config,
    nlp_loader: Callable[[], Any],
) -> Iterator[Brief]:
    nlp = None
    for story, members in groups:
        if nlp is None:
            nlp = nlp_loader()
        arts = sorted(members, key=lambda a: a.id)
        found = analyse_story(story=story, articles=arts, nlp=nlp, config=config)
        yield brief_story(analysis=found, config=config)


def run_spark(
    *,
    spark: Any,
    paths: Sequence[str],
    config: Config,
    options: SparkOptions | None = None,
    nlp_loader: Callable[[], Any] = load_nlp,
    limit: int | None = None,
) -> RunResult:
    """Read, clean, cluster and brief ``paths`` on ``spark`` (a ``SparkSession``); only the
    first ``limit`` stories in :func:`story_order` are briefed when it is given."""
    require_pyspark()
    opts = options or SparkOptions()
    sc = spark.sparkContext
    rows = clean_spark(sc=sc, paths=paths, config=config, options=opts).cache()
    articles, cleaned = _collect_clean(rows)
    stories = tuple(
        story_order(_stories(sc=sc, articles=articles, config=config.cluster, options=opts))
    )
    wanted = stories if limit is None else stories[: max(0, limit)]
    by_id = sc.broadcast({s.id: s for s in wanted})
    owner = sc.broadcast(_owner(wanted))
    briefs: list[Brief] = (
        articles.filter(lambda a: a.id in owner.value)
        .map(lambda a: (owner.value[a.id], a))
        .groupByKey(opts.partitions)
        .map(lambda pair: (by_id.value[pair[0]], pair[1]))
        .mapPartitions(lambda groups: _brief_partition(groups, config, nlp_loader))
        .collect()
    )
    rows.unpersist()
    rank = {s.id: k for k, s in enumerate(stories)}
    briefs.sort(key=lambda b: rank[b.story])
    return RunResult(cleaned.articles, cleaned.rejections, stories, tuple(briefs))
