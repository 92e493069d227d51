"""The lineage stage: who copied whom, and which reports are independent origins.

Takes cleaned :class:`~crosswire.models.Article` records; returns one
:class:`~crosswire.models.Lineage` per article (its origin in the set or None, its origin
group, the kind of copy, the reused passages with their counterparts), sorted by id.
Config: :class:`LineageConfig` (``[lineage]``).

Corpus-wide, in two steps: the map :func:`lineage_map` (per article: a :class:`LineageSketch`)
and the order-independent reduce :func:`lineage_reduce`; :func:`trace_lineage` runs both.
"""

from crosswire.stages.lineage.config import LineageConfig
from crosswire.stages.lineage.trace import (
    LineageSketch,
    lineage_map,
    lineage_reduce,
    trace_lineage,
)

__all__ = ["LineageConfig", "LineageSketch", "lineage_map", "lineage_reduce", "trace_lineage"]
