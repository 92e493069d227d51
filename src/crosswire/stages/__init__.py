"""Pipeline stages: one package per capability, each stating its contract in its ``__init__``.

``clean`` (a raw report -> a clean article), ``lineage`` (who copied whom), ``cluster``
(articles -> stories), ``quotes`` (speech and speakers), ``facts`` (entities, figures, dates,
corroboration, timeline), ``summarize`` (the cited summary) and ``brief`` (assembling a
story's analysis into a brief). The order they run in is :mod:`crosswire.pipeline`'s.
"""

__all__: list[str] = []
