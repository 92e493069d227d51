"""One frozen config per stage, gathered in :class:`Config` and loaded from TOML in one place.

A TOML file has one table per stage, named like the fields below::

    [summary]
    words = 150

    [lineage]
    threshold = 0.5

Unknown tables or keys, and values of the wrong type, raise :class:`ConfigError`.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.errors import ConfigError
from crosswire.ingest.base import IngestConfig
from crosswire.stages.brief import BriefConfig
from crosswire.stages.clean import CleanConfig
from crosswire.stages.cluster import ClusterConfig
from crosswire.stages.corroborate import CorroborationConfig
from crosswire.stages.dates import DateConfig
from crosswire.stages.entities import EntityConfig
from crosswire.stages.lineage import LineageConfig
from crosswire.stages.quantities import QuantityConfig
from crosswire.stages.quotes import QuoteConfig
from crosswire.stages.segment import SegmentConfig
from crosswire.stages.summarize import SummaryConfig

__all__ = ["Config", "load_config", "replace_setting"]


@dataclass(frozen=True)
class Config:
    """Every stage's settings; the defaults are the ones the benchmarks were measured with."""

    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    lineage: LineageConfig = field(default_factory=LineageConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    segment: SegmentConfig = field(default_factory=SegmentConfig)
    entities: EntityConfig = field(default_factory=EntityConfig)
    quantities: QuantityConfig = field(default_factory=QuantityConfig)
    dates: DateConfig = field(default_factory=DateConfig)
    corroborate: CorroborationConfig = field(default_factory=CorroborationConfig)
    quotes: QuoteConfig = field(default_factory=QuoteConfig)
    summary: SummaryConfig = field(default_factory=SummaryConfig)
    brief: BriefConfig = field(default_factory=BriefConfig)


def _coerce(*, table: str, key: str, current: Any, value: Any) -> Any:
    if isinstance(current, bool) or current is None:
        ok = isinstance(value, bool) or current is None
    elif isinstance(current, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif isinstance(current, tuple):
        ok = isinstance(value, list)
        value = tuple(value) if ok else value
    else:
        ok = isinstance(value, type(current))
    if not ok:
        raise ConfigError(
            f"[{table}] {key} = {value!r}: expected {type(current).__name__} like {current!r}"
        )
    return value


def replace_setting(*, config: Config, table: str, key: str, value: Any) -> Config:
    """A copy of ``config`` with one stage setting changed, checked like the TOML loader."""
    names = {f.name for f in dataclasses.fields(config)}
    if table not in names:
        raise ConfigError(f"unknown config table [{table}]; known: {', '.join(sorted(names))}")
    stage = getattr(config, table)
    fields = {f.name for f in dataclasses.fields(stage)}
    if key not in fields:
        raise ConfigError(f"unknown setting [{table}] {key}; known: {', '.join(sorted(fields))}")
    new_value = _coerce(table=table, key=key, current=getattr(stage, key), value=value)
    return dataclasses.replace(config, **{table: dataclasses.replace(stage, **{key: new_value})})


def load_config(*, path: Path | None = None) -> Config:
    """The default config, overridden by the TOML file at ``path`` when given."""
    config = Config()
    if path is None:
        return config
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config {path}: {exc}") from exc
    for table, values in sorted(data.items()):
        if not isinstance(values, dict):
            raise ConfigError(f"config {path}: {table!r} must be a table")
        for key, value in sorted(values.items()):
            config = replace_setting(config=config, table=table, key=key, value=value)
    return config
