"""The Spark backend gives the local runner's records on the same input (STYLE habit 9)."""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crosswire.config import Config
from crosswire.ingest import read_paths
from crosswire.pipeline import RunResult, run
from crosswire.serialize import brief_to_dict
from tests.conftest import IN_CI, SEEDS

HAVE_SPARK = importlib.util.find_spec("pyspark") is not None and shutil.which("java") is not None
pytestmark = pytest.mark.skipif(
    not HAVE_SPARK and not IN_CI, reason="pyspark (crosswire[spark]) or Java is not installed"
)

OTHER_STORY = (
    "Flood waters rose across the Rhine valley on Tuesday as heavy rain kept falling.\n"
    "Officials in Koblenz closed riverside roads and moved 300 residents to shelters.\n"
    "The river gauge in Koblenz reached 7.2 metres, the highest level since 2021, officials said.\n"
    "\"We expect the water to stay high until the weekend,\" mayor Anna Keller told reporters.\n"
)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from crosswire.backends.spark import spark_session

    session = spark_session(master="local[2]", app_name="crosswire-test")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("spark-corpus")
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, root / path.name)
    (root / "rhine-flood.txt").write_text(OTHER_STORY, encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    rows = [
        json.dumps({"id": "rhine-flood-2", "text": OTHER_STORY.replace("Tuesday", "Monday")}),
        "{not json",
        json.dumps({"id": "rhine-flood-2", "text": "A second record with an id already read."}),
    ]
    (root / "extra.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def _local(paths: list[str], config: Config, nlp: Any) -> RunResult:
    return run(docs=read_paths(paths=paths, config=config.ingest), config=config, nlp=nlp)


def _json(result: RunResult) -> str:
    return json.dumps([brief_to_dict(b) for b in result.briefs], sort_keys=True)


def test_spark_equals_local(spark: Any, corpus: Path, nlp: Any) -> None:
    from crosswire.backends.spark import SparkOptions, run_spark

    config = Config()
    paths = [str(corpus)]
    local = _local(paths, config, nlp)
    distributed = run_spark(
        spark=spark, paths=paths, config=config, options=SparkOptions(partitions=3)
    )
    assert distributed.articles == local.articles
    assert distributed.rejections == local.rejections
    assert distributed.stories == local.stories
    assert _json(distributed) == _json(local)
    reasons = sorted(r.reason for r in local.rejections)
    assert "duplicate-id" in reasons and len(reasons) >= 3
    assert len(local.stories) >= 2


def test_api_brief_on_spark_leaves_a_running_session_alone(spark: Any, nlp: Any) -> None:
    from crosswire import api

    on_spark = api.brief(paths=[str(SEEDS)], spark_master="local[2]")
    assert _json(on_spark) == _json(api.brief(paths=[str(SEEDS)], nlp=nlp))
    assert spark.sparkContext.parallelize([1, 2]).sum() == 3  # still running
    with pytest.raises(ValueError, match="nlp"):
        api.brief(paths=[str(SEEDS)], nlp=nlp, spark_master="local[2]")
