from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.config import Config, load_config, replace_setting
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
