from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.config import Config, config_to_toml, load_config, replace_setting
from crosswire.errors import ConfigError


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
