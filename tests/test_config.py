from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from crosswire.config import Config, config_to_toml, load_config, replace_setting
from crosswire.errors import ConfigError
from crosswire.stages.cluster import Cohesion


def test_defaults_without_file() -> None:
    assert load_config() == Config()


def test_toml_overrides_one_stage(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[summary]\nwords = 77\n", encoding="utf-8")
    assert load_config(path=path).summary.words == 77


@pytest.mark.parametrize(
    "body", ["[nope]\nx = 1\n", "[summary]\nnope = 1\n", "[summary]\nwords = 'many'\n", "x = 1\n"]
)
def test_bad_settings_are_errors(tmp_path: Path, body: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(path=path)


def test_replace_setting() -> None:
    cfg = replace_setting(config=Config(), table="summary", key="words", value=50)
    assert cfg.summary.words == 50
    assert Config().summary == type(Config().summary)()


def test_config_to_toml_round_trips(tmp_path: Path) -> None:
    changed = replace_setting(config=Config(), table="lineage", key="seed", value=5)
    path = tmp_path / "all.toml"
    path.write_text(config_to_toml(config=changed), encoding="utf-8")
    assert load_config(path=path) == changed
    assert "seed = 5" in path.read_text(encoding="utf-8")


def test_config_command_prints_loadable_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    from crosswire.cli import main

    assert main(["config"]) == 0
    path = tmp_path / "defaults.toml"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    assert load_config(path=path) == Config()


def test_segment_table_reaches_the_clusterer(tmp_path: Path) -> None:
    path = tmp_path / "seg.toml"
    path.write_text("[segment]\nthreshold = 0.25\n", encoding="utf-8")
    config = load_config(path=path)
    assert config.segment.threshold == 0.25
    assert config.cluster.segments is not None and config.cluster.segments.threshold == 0.25


@pytest.mark.parametrize(
    ("table", "key", "value"),
    [
        ("summary", "words", True),  # a bool is not a whole number
        ("summary", "words", 3.0),
        ("ingest", "transport", "x"),  # objects cannot come from TOML
        ("ingest", "encoding", 5),
        ("cluster", "refine_threshold", "high"),
    ],
)
def test_wrong_types_are_config_errors(table: str, key: str, value: object) -> None:
    with pytest.raises(ConfigError):
        replace_setting(config=Config(), table=table, key=key, value=value)


def test_optional_settings_take_their_type() -> None:
    config = replace_setting(config=Config(), table="ingest", key="encoding", value="latin-1")
    assert config.ingest.encoding == "latin-1"
    config = replace_setting(config=config, table="cluster", key="refine_threshold", value=1)
    assert config.cluster.refine_threshold == 1.0


# -- sub-tables: settings records nested in a stage's config ----------------------------------


def test_sub_tables_set_nested_records(tmp_path: Path) -> None:
    path = tmp_path / "nested.toml"
    path.write_text(
        "[cluster]\nthreshold = 0.2\n\n[cluster.cohesion]\nratio = 0.5\nwaive_at = 0.6\n\n"
        "[segment.weights]\nentity = 1\n",
        encoding="utf-8",
    )
    config = load_config(path=path)
    assert config.cluster.threshold == 0.2
    assert config.cluster.cohesion is not None
    assert (config.cluster.cohesion.ratio, config.cluster.cohesion.waive_at) == (0.5, 0.6)
    assert config.cluster.cohesion.min_size == Cohesion().min_size  # the rest keep their defaults
    assert config.segment.weights.entity == 1.0
    assert config.cluster.segments == config.segment  # the mirrored copy follows [segment]
    inline = tmp_path / "inline.toml"
    inline.write_text("[cluster]\ncohesion = { ratio = 0.5, waive_at = 0.6 }\n", encoding="utf-8")
    assert load_config(path=inline).cluster.cohesion == config.cluster.cohesion


def test_replace_setting_takes_a_dotted_table() -> None:
    settled = replace_setting(config=Config(), table="cluster.settle", key="max_items", value=40)
    assert settled.cluster.settle.max_items == 40
    assert settled.cluster.settle.min_piece == Config().cluster.settle.min_piece
    config = replace_setting(config=Config(), table="cluster.cohesion", key="ratio", value=0.5)
    assert config.cluster.cohesion is not None and config.cluster.cohesion.ratio == 0.5
    assert config.cluster.threshold == Config().cluster.threshold
    same = replace_setting(config=Config(), table="cluster", key="cohesion", value={"ratio": 0.5})
    assert same == config


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[cluster.cohesion]\nnope = 1\n", r"\[cluster.cohesion\] nope"),
        ("[cluster.cohesion]\nratio = 'high'\n", r"\[cluster.cohesion\] ratio"),
        ("[cluster.cohesion]\nmin_size = 2.0\n", r"\[cluster.cohesion\] min_size"),
        ("[cluster.cohesion]\nmin_size = 0\n", r"\[cluster.cohesion\] min_size"),
        ("[cluster.nope]\nx = 1\n", r"\[cluster\] nope"),
        ("[cluster]\ncohesion = 0.7\n", r"\[cluster\.cohesion\]"),
        ("[summary]\nwords = { n = 1 }\n", r"\[summary\] words"),
        ("[cluster.segments]\nthreshold = 0.2\n", r"\[segment\]"),  # set [segment] instead
        ("[cluster.settle]\nmin_share = 1.5\n", r"\[cluster.settle\] min_share = 1.5: min_share"),
        ("[cluster.settle]\nmax_items = -1\n", r"\[cluster.settle\] max_items"),
    ],
)
def test_bad_sub_tables_are_config_errors(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path=path)


@pytest.mark.parametrize("table", ["cluster.nope", "summary.words", "nope.x", "cluster.segments"])
def test_replace_setting_refuses_unknown_dotted_tables(table: str) -> None:
    with pytest.raises(ConfigError):
        replace_setting(config=Config(), table=table, key="ratio", value=0.5)


def test_config_to_toml_writes_sub_tables_that_round_trip(tmp_path: Path) -> None:
    changed = replace_setting(config=Config(), table="cluster.cohesion", key="ratio", value=0.5)
    changed = replace_setting(config=changed, table="cluster.settle", key="min_share", value=0.5)
    text = config_to_toml(config=changed)
    assert "[cluster.cohesion]\nratio = 0.5\n" in text
    assert "[cluster.settle]\nmax_items = 60\nmin_share = 0.5\nmin_piece = 3\n" in text
    order = [text.index(part) for part in ("[cluster]", "embedding_floor", "[cluster.cohesion]")]
    assert order == sorted(order)  # the sub-table follows its stage's keys
    assert "[cluster.segments]" not in text and "# segments: set by [segment]" in text
    path = tmp_path / "all.toml"
    path.write_text(text, encoding="utf-8")
    assert load_config(path=path) == changed
    assert config_to_toml(config=load_config(path=path)) == text


def test_an_unset_sub_record_is_a_comment_and_a_sub_table_sets_it_again() -> None:
    config = Config(cluster=dataclasses.replace(Config().cluster, cohesion=None))
    text = config_to_toml(config=config)
    assert "# cohesion: unset" in text and "[cluster.cohesion]" not in text
    again = replace_setting(config=config, table="cluster.cohesion", key="ratio", value=0.5)
    assert again.cluster.cohesion == Cohesion(ratio=0.5)
