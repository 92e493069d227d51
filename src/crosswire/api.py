"""The facade the CLI, the store and the web app call: paths in, records and briefs out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire import pipeline
from crosswire.config import Config
from crosswire.errors import UsageError
from crosswire.ingest import read_paths
from crosswire.models import Lineage, Quote, Story
from crosswire.nlp import load_nlp
from crosswire.pipeline import CleanResult, RunResult, StoryAnalysis
from crosswire.stages.lineage import trace_lineage
from crosswire.stages.quotes import extract_quotes, parse_many

__all__ = [
    "CleanResult",
    "ClusterRun",
    "FactsRun",
    "LineageRun",
    "QuotesRun",
    "RunResult",
    "StoryAnalysis",
    "brief",
    "cluster",
    "extract",
    "facts",
    "lineage",
    "quotes",
]


@dataclass(frozen=True, slots=True)
class LineageRun:
    cleaned: CleanResult
    lineages: tuple[Lineage, ...]


@dataclass(frozen=True, slots=True)
class ClusterRun:
    cleaned: CleanResult
    stories: tuple[Story, ...]


@dataclass(frozen=True, slots=True)
class QuotesRun:
    cleaned: CleanResult
    quotes: dict[str, tuple[Quote, ...]]


@dataclass(frozen=True, slots=True)
class FactsRun:
    cleaned: CleanResult
    stories: tuple[StoryAnalysis, ...]


def extract(*, paths: Sequence[str], config: Config | None = None) -> CleanResult:
    """Read and clean every input; failures come back as rejections."""
    cfg = config or Config()
    return pipeline.clean_all(docs=read_paths(paths=paths, config=cfg.ingest), config=cfg)


def lineage(*, paths: Sequence[str], config: Config | None = None) -> LineageRun:
    """Who copied whom across all inputs."""
    cfg = config or Config()
    cleaned = extract(paths=paths, config=cfg)
    return LineageRun(cleaned, trace_lineage(articles=cleaned.articles, config=cfg.lineage))


def cluster(
    *, paths: Sequence[str], config: Config | None = None, incremental: bool = False
) -> ClusterRun:
    """Group the inputs into stories (``incremental``: in publication order, one at a time)."""
    cfg = config or Config()
    cleaned = extract(paths=paths, config=cfg)
    stories = pipeline.cluster_stories(
        articles=cleaned.articles, config=cfg, incremental=incremental
    )
    return ClusterRun(cleaned, stories)


def quotes(*, paths: Sequence[str], config: Config | None = None, nlp: Any = None) -> QuotesRun:
    """Quotes with speakers, per article."""
    cfg = config or Config()
    cleaned = extract(paths=paths, config=cfg)
    nlp_ = nlp if nlp is not None else load_nlp()
    found: dict[str, tuple[Quote, ...]] = {}
    step = max(1, cfg.entities.batch_size)  # parsed in batches; one batch of docs held at once
    for lo in range(0, len(cleaned.articles), step):
        batch = cleaned.articles[lo : lo + step]
        docs = parse_many(nlp=nlp_, texts=[a.text for a in batch], batch_size=step)
        for article, doc in zip(batch, docs, strict=True):
            found[article.id] = extract_quotes(article=article, nlp=nlp_, config=cfg.quotes,
                                               doc=doc)
    return QuotesRun(cleaned, found)


def facts(*, paths: Sequence[str], config: Config | None = None, nlp: Any = None) -> FactsRun:
    """Per story: entities, facts, quotes, timeline and discrepancies."""
    cfg = config or Config()
    cleaned = extract(paths=paths, config=cfg)
    nlp_ = nlp if nlp is not None else load_nlp()
    stories = pipeline.cluster_stories(articles=cleaned.articles, config=cfg)
    analyses = tuple(
        pipeline.analyse_story(story=s, articles=cleaned.articles, nlp=nlp_, config=cfg)
        for s in stories
    )
    return FactsRun(cleaned, analyses)


def brief(
    *, paths: Sequence[str], config: Config | None = None, nlp: Any = None,
    spark_master: str | None = None, limit: int | None = None, one_story: bool = False,
    on_brief: Callable[[int, int], None] | None = None, processes: int = 1,
) -> RunResult:
    """The whole pipeline: the inputs' stories, and a cited brief of each of the first ``limit``
    stories in :func:`crosswire.pipeline.story_order` (all when None). A caller that shows one
    brief passes ``limit=1``, and only that story is analysed.

    With ``spark_master`` (``"local[*]"``, ``"spark://host:7077"``...) the work runs on Spark
    (:mod:`crosswire.backends.spark`) and gives the same records; the executors load their own
    spaCy pipeline, so ``nlp`` must then be None. A Spark session this call starts, it stops.

    ``one_story``: the inputs are all reports of one story (a feed's related group, a
    Multi-News cluster): no clustering and no off-topic cut across stories, one brief of
    them all. It runs on one machine (not with ``spark_master``).

    ``on_brief(done, total)`` is called after each brief on one machine (progress display).
    ``processes``: worker processes briefing stories side by side on one machine (the same
    briefs in the same order; :mod:`crosswire.pipeline.parallel`).
    """
    cfg = config or Config()
    if limit is not None and limit < 0:
        raise UsageError(f"limit must be 0 or more, not {limit}")
    if processes < 1:
        raise UsageError(f"processes must be 1 or more, not {processes}")
    if spark_master is not None and processes > 1:
        raise UsageError("processes is for one machine: Spark spreads the work itself")
    if spark_master is not None and one_story:
        raise UsageError("one_story runs on one machine: leave out spark_master")
    if spark_master is not None:
        if nlp is not None:
            raise UsageError("nlp cannot be passed with spark_master: executors load their own")
        from crosswire.backends.spark import require_pyspark, run_spark, spark_session

        require_pyspark()
        from pyspark.sql import SparkSession

        running = SparkSession.getActiveSession()
        session = spark_session(master=spark_master)
        try:
            return run_spark(spark=session, paths=paths, config=cfg, limit=limit)
        finally:
            if running is None:
                session.stop()
    nlp_ = nlp if nlp is not None else load_nlp()
    return pipeline.run(
        docs=read_paths(paths=paths, config=cfg.ingest), config=cfg, nlp=nlp_, limit=limit,
        one_story=one_story, on_brief=on_brief, processes=processes,
    )
