"""One frozen config per stage, gathered in :class:`Config` and loaded from TOML in one place.

A TOML file has one table per stage, named like the fields below::

    [summary]
    words = 150

    [lineage]
    lsh_threshold = 0.5

A settings record nested in a stage's config (a frozen dataclass field, such as
``ClusterConfig.settle``) is a sub-table named by its path::

    [cluster.settle]
    max_items = 40

Unknown tables or keys, and values of the wrong type or out of range, raise
:class:`ConfigError`.
"""

from __future__ import annotations

import dataclasses
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.errors import ConfigError
from crosswire.ingest.base import IngestConfig
from crosswire.live.config import WatchConfig
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

__all__ = [
    "Config",
    "config_tables",
    "config_to_toml",
    "load_config",
    "replace_setting",
    "toml_value",
]


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
    watch: WatchConfig = field(default_factory=WatchConfig)

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
            return False  # an object (a transport, a function): not settable from TOML
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


# ``[table] key`` whose nested settings record mirrors another table: set there, not here.
_MIRRORED = {"cluster.segments": "segment"}


def _is_record(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def _record_class(*, owner: Any, name: str, annotation: str) -> type | None:
    """The settings record class of ``owner``'s field ``name`` when that field holds one (its
    value, else the ``Record | None`` class named in its annotation), otherwise None."""
    value = getattr(owner, name)
    if value is not None:
        return type(value) if _is_record(value) else None
    module = sys.modules.get(type(owner).__module__)
    names = [part.strip() for part in annotation.split("|")]
    named = [n for n in names if n != "None"]
    if len(named) != 1 or module is None:
        return None
    found = getattr(module, named[0], None)
    return found if isinstance(found, type) and dataclasses.is_dataclass(found) else None


def _sub_record(*, owner: Any, table: str, name: str) -> Any:
    """The settings record held by ``owner``'s field ``name`` (a fresh default one when the
    field is unset); a :class:`ConfigError` when ``[table.name]`` is no table of settings."""
    fields = {f.name: f for f in dataclasses.fields(owner)}
    dotted = f"{table}.{name}"
    if dotted in _MIRRORED:
        raise ConfigError(f"[{dotted}] is set by the [{_MIRRORED[dotted]}] table")
    kind = None
    if name in fields:
        kind = _record_class(owner=owner, name=name, annotation=str(fields[name].type))
    if kind is None:
        subs = [
            f.name for f in fields.values()
            if f"{table}.{f.name}" not in _MIRRORED
            and _record_class(owner=owner, name=f.name, annotation=str(f.type)) is not None
        ]
        known = ", ".join(f"[{table}.{n}]" for n in subs) or "none"
        raise ConfigError(f"unknown config table [{dotted}]; sub-tables of [{table}]: {known}")
    value = getattr(owner, name)
    return value if value is not None else kind()


def _replaced(*, owner: Any, table: str, key: str, value: Any, shown: Any) -> Any:
    try:
        return dataclasses.replace(owner, **{key: value})
    except ValueError as exc:  # a stage config's own range check
        raise ConfigError(f"[{table}] {key} = {shown!r}: {exc}") from exc


def _with_setting(*, owner: Any, table: str, key: str, value: Any) -> Any:
    """A copy of the settings record ``owner`` (the table ``table``) with ``key`` set."""
    fields = {f.name: f for f in dataclasses.fields(owner)}
    if key not in fields:
        raise ConfigError(f"unknown setting [{table}] {key}; known: {', '.join(sorted(fields))}")
    annotation = str(fields[key].type)
    current = getattr(owner, key)
    kind = _record_class(owner=owner, name=key, annotation=annotation)
    if isinstance(value, dict) and kind is not None:  # ``key = { ... }``: a sub-table
        sub = _sub_record(owner=owner, table=table, name=key)
        dotted = f"{table}.{key}"
        for name, item in sorted(value.items()):
            sub = _with_setting(owner=sub, table=dotted, key=name, value=item)
        return _replaced(owner=owner, table=table, key=key, value=sub, shown=value)
    if kind is not None and isinstance(value, kind):  # a record given from Python
        return _replaced(owner=owner, table=table, key=key, value=value, shown=value)
    if kind is not None:
        raise ConfigError(
            f"[{table}] {key} = {value!r}: expected a table of settings, [{table}.{key}]"
        )
    new_value = _coerce(table=table, key=key, current=current, annotation=annotation, value=value)
    _check_count(table=table, key=key, current=current, value=new_value)
    return _replaced(owner=owner, table=table, key=key, value=new_value, shown=value)


def replace_setting(*, config: Config, table: str, key: str, value: Any) -> Config:
    """A copy of ``config`` with one stage setting changed, checked like the TOML loader.

    ``table`` is a stage (``"cluster"``) or a settings record inside one, dotted as in TOML
    (``"cluster.settle"``); a ``dict`` value for a key that holds such a record sets its keys.
    """
    head, *rest = table.split(".")
    names = {f.name for f in dataclasses.fields(config)}
    if head not in names:
        raise ConfigError(f"unknown config table [{head}]; known: {', '.join(sorted(names))}")
    chain = [getattr(config, head)]  # the records from the stage down to the one changed
    for n, name in enumerate(rest):
        chain.append(_sub_record(owner=chain[-1], table=".".join([head, *rest[:n]]), name=name))
    changed = _with_setting(owner=chain[-1], table=table, key=key, value=value)
    for n in range(len(rest) - 1, -1, -1):  # put each changed record back into its parent
        parent = ".".join([head, *rest[:n]])
        changed = _replaced(owner=chain[n], table=parent, key=rest[n], value=changed, shown=value)
    return dataclasses.replace(config, **{head: changed})


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


def config_tables(*, config: Config) -> dict[str, Any]:
    """Every table TOML can set, in file order, with the settings record it sets: each stage
    (``"cluster"``), followed by the records nested in it (``"cluster.settle"``)."""
    out: dict[str, Any] = {}

    def visit(name: str, record: Any) -> None:
        out[name] = record
        for item in dataclasses.fields(record):
            value = getattr(record, item.name)
            dotted = f"{name}.{item.name}"
            if _is_record(value) and dotted not in _MIRRORED:
                visit(dotted, value)

    for table in dataclasses.fields(config):
        visit(table.name, getattr(config, table.name))
    return out


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

    A settings record nested in a stage's config is a sub-table (``[cluster.settle]``) after
    the stage's own keys. Settings TOML cannot hold (unset optional values, Python objects) are
    written as comments.
    """
    tables = config_tables(config=config)
    lines: list[str] = []
    for name, record in tables.items():
        lines.append(f"[{name}]")
        for item in dataclasses.fields(record):
            value = getattr(record, item.name)
            dotted = f"{name}.{item.name}"
            if dotted in tables:
                continue  # a sub-table of its own, written after this one
            if dotted in _MIRRORED:
                lines.append(f"# {item.name}: set by [{_MIRRORED[dotted]}]")
                continue
            text = toml_value(value)
            if text is None:
                shown = "unset" if value is None else "not settable from TOML"
                lines.append(f"# {item.name}: {shown}")
            else:
                lines.append(f"{item.name} = {text}")
        lines.append("")
    return "\n".join(lines)
