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
from crosswire.stages.cluster import ClusterConfig, SegmentConfig
from crosswire.stages.facts import (
    CorroborationConfig,
    DateConfig,
    EntityConfig,
    QuantityConfig,
    TimelineConfig,
)
from crosswire.stages.lineage import LineageConfig
from crosswire.stages.quotes import QuoteConfig
from crosswire.stages.summarize import SummaryConfig

__all__ = ["Config", "config_to_toml", "load_config", "replace_setting", "toml_value"]


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
    timeline: TimelineConfig = field(default_factory=TimelineConfig)
    summary: SummaryConfig = field(default_factory=SummaryConfig)
    brief: BriefConfig = field(default_factory=BriefConfig)

    def __post_init__(self) -> None:
        # ``[segment]`` is where segmenting is set; the clusterer reads its own copy of it
        # (``cluster.segments``, None when segmenting is off), kept equal here.
        segments = self.cluster.segments
        if segments is not None and segments != self.segment:
            object.__setattr__(
                self, "cluster", dataclasses.replace(self.cluster, segments=self.segment)
            )


_OPTIONAL_KINDS: dict[str, tuple[type, ...]] = {
    "str | None": (str,),
    "int | None": (int,),
    "float | None": (int, float),
    "bool | None": (bool,),
}


def _type_ok(*, current: Any, annotation: str, value: Any) -> bool:
    if current is None:
        kinds = _OPTIONAL_KINDS.get(annotation.replace(" ", "").replace("|", " | "))
        if kinds is None:
            return False  # an object (a transport, a nested config): not settable from TOML
        return isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool))
    if isinstance(current, bool):
        return isinstance(value, bool)
    if isinstance(current, int | float):
        return isinstance(value, int | float) and not isinstance(value, bool) and (
            isinstance(current, float) or isinstance(value, int)
        )
    if isinstance(current, tuple):
        return isinstance(value, list)
    return isinstance(value, type(current))


def _coerce(*, table: str, key: str, current: Any, annotation: str, value: Any) -> Any:
    if not _type_ok(current=current, annotation=annotation, value=value):
        expected = annotation if current is None else f"{type(current).__name__} like {current!r}"
        raise ConfigError(f"[{table}] {key} = {value!r}: expected {expected}")
    if isinstance(value, list):
        return tuple(value)
    if isinstance(current, float) or (current is None and "float" in annotation):
        return float(value)
    return value


_MAX_COUNT = 1 << 40  # no size, count or byte limit in crosswire is meant to go beyond this


def _check_count(*, table: str, key: str, current: Any, value: Any) -> None:
    """Whole-number settings are sizes, counts and limits: one whose default is positive must
    stay positive (``num_perm = 0`` would fail deep inside a stage), none may be negative,
    and none may be astronomically large."""
    if isinstance(current, bool) or not isinstance(current, int) or not isinstance(value, int):
        return
    low = 1 if current >= 1 and "seed" not in key else 0
    if not low <= value <= _MAX_COUNT:
        raise ConfigError(f"[{table}] {key} = {value!r}: must be within {low}..{_MAX_COUNT}")


def replace_setting(*, config: Config, table: str, key: str, value: Any) -> Config:
    """A copy of ``config`` with one stage setting changed, checked like the TOML loader."""
    names = {f.name for f in dataclasses.fields(config)}
    if table not in names:
        raise ConfigError(f"unknown config table [{table}]; known: {', '.join(sorted(names))}")
    stage = getattr(config, table)
    fields = {f.name: f for f in dataclasses.fields(stage)}
    if key not in fields:
        raise ConfigError(f"unknown setting [{table}] {key}; known: {', '.join(sorted(fields))}")
    new_value = _coerce(
        table=table, key=key, current=getattr(stage, key), annotation=str(fields[key].type),
        value=value,
    )
    _check_count(table=table, key=key, current=getattr(stage, key), value=new_value)
    try:
        changed = dataclasses.replace(stage, **{key: new_value})
    except ValueError as exc:  # a stage config's own range check
        raise ConfigError(f"[{table}] {key} = {value!r}: {exc}") from exc
    return dataclasses.replace(config, **{table: changed})


def load_config(*, path: Path | None = None) -> Config:
    """The default config, overridden by the TOML file at ``path`` when given."""
    config = Config()
    if path is None:
        return config
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config {path}: {exc}") from exc
    for table, values in sorted(data.items()):
        if not isinstance(values, dict):
            raise ConfigError(f"config {path}: {table!r} must be a table")
        for key, value in sorted(values.items()):
            config = replace_setting(config=config, table=table, key=key, value=value)
    return config


def toml_value(value: Any) -> str | None:
    """``value`` written as TOML, or None when TOML cannot hold it (no null, no objects)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    if isinstance(value, tuple):
        items = [toml_value(v) for v in value]
        if any(item is None for item in items):
            return None
        return "[" + ", ".join(str(item) for item in items) + "]"
    return None


def config_to_toml(*, config: Config) -> str:
    """Every setting of ``config`` as a TOML file that :func:`load_config` reads back.

    Settings TOML cannot hold (unset optional values, nested objects) are written as comments.
    """
    lines: list[str] = []
    for table in dataclasses.fields(config):
        stage = getattr(config, table.name)
        lines.append(f"[{table.name}]")
        for item in dataclasses.fields(stage):
            value = getattr(stage, item.name)
            text = toml_value(value)
            if text is None:
                shown = "unset" if value is None else "not settable from TOML"
                lines.append(f"# {item.name}: {shown}")
            else:
                lines.append(f"{item.name} = {text}")
        lines.append("")
    return "\n".join(lines)
