"""Sentence embeddings for short reports in story clustering (the ``embeddings`` extra)."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import pytest

from crosswire.cli import main
from crosswire.config import Config, replace_setting
from crosswire.errors import ConfigError, MissingDependencyError
from crosswire.models import Article
from crosswire.stages.cluster import (
    DEFAULT_EMBEDDING_MODEL,
    ClusterConfig,
    cluster_articles,
    cluster_map_many,
)
from crosswire.stages.cluster.dense import mixed_similarity
from crosswire.text.embed import embed_texts

MODEL = DEFAULT_EMBEDDING_MODEL
MIX = ClusterConfig(embedding_model=MODEL, embedding_terms=40, embedding_floor=0.2)
UNIT = (1.0, 0.0)
NEAR = (0.8, 0.6)


def test_without_embeddings_the_lexical_cosine_stands() -> None:
    off = ClusterConfig()
    assert mixed_similarity(lexical=0.3, a=UNIT, b=NEAR, terms_a=5, terms_b=5, config=off) == 0.3
    assert mixed_similarity(lexical=0.3, a=None, b=NEAR, terms_a=5, terms_b=5, config=MIX) == 0.3


def test_long_reports_keep_their_lexical_cosine() -> None:
    got = mixed_similarity(lexical=0.3, a=UNIT, b=NEAR, terms_a=40, terms_b=90, config=MIX)
    assert got == 0.3


def test_short_reports_mix_in_the_embedding_cosine() -> None:
    # shorter report: 8 terms -> lexical weight 0.2; embedding cosine 0.8 -> (0.8-0.2)/0.8
    got = mixed_similarity(lexical=0.1, a=UNIT, b=NEAR, terms_a=8, terms_b=30, config=MIX)
    assert got == pytest.approx(0.2 * 0.1 + 0.8 * 0.75)
    # halfway: 20 terms -> lexical weight 0.5
    got = mixed_similarity(lexical=0.1, a=UNIT, b=NEAR, terms_a=20, terms_b=20, config=MIX)
    assert got == pytest.approx(0.5 * 0.1 + 0.5 * 0.75)


def test_embedding_cosines_under_the_floor_count_as_zero() -> None:
    got = mixed_similarity(lexical=0.1, a=UNIT, b=(0.1, 0.995), terms_a=8, terms_b=8, config=MIX)
    assert got == pytest.approx(0.2 * 0.1)


def test_settings_are_checked_and_settable_from_toml() -> None:
    for key, value in (
        ("embedding_terms", 0), ("embedding_min_lexical", 1.5), ("embedding_floor", 1.0),
    ):
        with pytest.raises(ConfigError):
            replace_setting(config=Config(), table="cluster", key=key, value=value)
    config = replace_setting(config=Config(), table="cluster", key="embedding_model", value=MODEL)
    assert config.cluster == ClusterConfig(embedding_model=MODEL)
    assert (config.cluster.embedding_terms, config.cluster.embedding_min_lexical,
            config.cluster.embedding_floor) == (40, 0.2, 0.3)


def test_a_missing_model_package_is_a_clear_error() -> None:
    config = ClusterConfig(embedding_model="no-such-model-package", segments=None)
    with pytest.raises(MissingDependencyError, match="crosswire\\[embeddings\\]"):
        cluster_articles(articles=[Article(id="a", text="Flood hits town")], config=config)


def test_no_model_is_loaded_when_no_report_is_short() -> None:
    config = ClusterConfig(embedding_model="no-such-model-package", embedding_terms=1)
    sketches = cluster_map_many(articles=[Article(id="a", text="Flood hits town")], config=config)
    assert sketches[0].embedding is None


HEADLINES = [
    ("q1", "Quake kills dozens in northern Peru", "2024-05-01"),
    ("q2", "Earthquake death toll climbs in Peru's north", "2024-05-01"),
    ("q3", "Rescuers dig through rubble after Peru tremor", "2024-05-02"),
    ("b1", "Peru's central bank holds interest rate steady", "2024-05-01"),
    ("b2", "Central bank of Peru keeps benchmark rate unchanged", "2024-05-02"),
]


def _headlines() -> list[Article]:
    return [Article(id=i, text=t, title=t, published=d) for i, t, d in HEADLINES]


@pytest.fixture(scope="module")
def model() -> str:
    pytest.importorskip("sentence_transformers", reason="the embeddings extra is not installed")
    return MODEL


def test_embeddings_are_unit_vectors_and_do_not_depend_on_order(model: str) -> None:
    texts = [t for _, t, _ in HEADLINES]
    vectors = embed_texts(texts=texts, model=model)
    assert all(len(v) == 384 and abs(sum(x * x for x in v) - 1.0) < 1e-3 for v in vectors)
    shuffled = texts[::-1]
    assert embed_texts(texts=shuffled, model=model) == vectors[::-1]


def test_headlines_in_other_words_join_their_story(model: str) -> None:
    plain = ClusterConfig(segments=None)
    dense = dataclasses.replace(plain, embedding_model=model)
    for incremental in (False, True):
        with_emb = {s.article_ids for s in cluster_articles(
            articles=_headlines(), config=dense, incremental=incremental
        )}
        assert with_emb == {("q1", "q2", "q3"), ("b1", "b2")}
        without = {s.article_ids for s in cluster_articles(
            articles=_headlines(), config=plain, incremental=incremental
        )}
        assert ("q1", "q2", "q3") not in without


def test_clustering_with_embeddings_does_not_depend_on_input_order(model: str) -> None:
    config = ClusterConfig(segments=None, embedding_model=model)
    arts = _headlines()
    expected = cluster_articles(articles=arts, config=config)
    random.Random(3).shuffle(arts)
    assert cluster_articles(articles=arts, config=config) == expected


def _headline_file(tmp_path: Path) -> Path:
    path = tmp_path / "headlines.jsonl"
    rows = [
        {"id": i, "title": t, "text": t, "published": d}  # headlines only, like a feed
        for i, t, d in HEADLINES
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_cli_embeddings_without_the_model_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _headline_file(tmp_path)
    assert main(["cluster", str(path), "--embeddings", "no-such-model-package"]) == 2
    assert "crosswire[embeddings]" in capsys.readouterr().err


def test_cli_cluster_with_embeddings(model: str, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["cluster", str(_headline_file(tmp_path)), "--embeddings", "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    story = {r["id"]: r["story"] for r in rows}
    assert story["q1"] == story["q2"] == story["q3"] != story["b1"] == story["b2"]
