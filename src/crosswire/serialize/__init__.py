"""Records as JSON-ready dicts, and back: the one serialiser of crosswire.

The stage commands write these dicts as JSON Lines (:mod:`.records`), the store keeps articles
and briefs in them, and the JSON brief (``brief.schema.json``) is :func:`brief_to_dict`
(:mod:`.brief`). Where the brief shows a record in a shorter form than a stage command does (a
quote without its speaker's span, an entity's mention count instead of its mentions), it is the
same function with one option. Key order is fixed: output is byte-stable.
"""

from crosswire.serialize.brief import (
    brief_from_dict,
    brief_to_dict,
    brief_to_json,
    briefs_to_json,
    source_to_dict,
    summary_to_dict,
)
from crosswire.serialize.records import (
    article_from_dict,
    article_to_dict,
    date_to_dict,
    discrepancy_to_dict,
    entity_to_dict,
    event_to_dict,
    fact_to_dict,
    lineage_to_dict,
    passage_to_dict,
    quantity_to_dict,
    quote_to_dict,
    rejection_to_dict,
    span_to_dict,
    story_from_dict,
    story_to_dict,
)

__all__ = [
    "article_from_dict",
    "article_to_dict",
    "brief_from_dict",
    "brief_to_dict",
    "brief_to_json",
    "briefs_to_json",
    "date_to_dict",
    "discrepancy_to_dict",
    "entity_to_dict",
    "event_to_dict",
    "fact_to_dict",
    "lineage_to_dict",
    "passage_to_dict",
    "quantity_to_dict",
    "quote_to_dict",
    "rejection_to_dict",
    "source_to_dict",
    "span_to_dict",
    "story_from_dict",
    "story_to_dict",
    "summary_to_dict",
]
