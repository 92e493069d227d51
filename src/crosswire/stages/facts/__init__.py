"""The facts stage: entities, figures and dates of one story, aligned across its reports.

Takes the cleaned articles of one story (with their spaCy parses for entities) and their
origin groups; returns:

* entities (:func:`extract_entities`: canonical names, types, aliases, mentions);
* quantities per article (:func:`extract_quantities`: value, unit, what is measured);
* dates per article (:func:`extract_story_dates`, resolved against a reference date) and
  publication dates checked against the text (:func:`check_publication_date`);
* facts corroborated by independent voices, and discrepancies (:func:`corroborate`): a
  figure's claim is its measured thing (``claims``: "killing at least two" counts deaths),
  the values it allows and its clause; a source counts toward a fact only when it states
  that claim (``figures``, ``corroboration``); years, times, scores, durations and days are
  corroborated as statements (``statements``); figures of one thing that cannot all be true
  are a conflict or an update (``discrepancies``, ``positions``);
* the story's event date (:func:`story_event_date`: the day of its main event, with the
  sentences that establish it);
* the timeline (:func:`build_timeline`: one row per event, the main event first, background
  marked).

Configs: :class:`EntityConfig` (``[entities]``), :class:`QuantityConfig` (``[quantities]``),
:class:`DateConfig` (``[dates]``), :class:`CorroborationConfig` (``[corroborate]``),
:class:`TimelineConfig` (``[timeline]``, the event date's :class:`EventConfig` in
``[timeline.event]``).
"""

from crosswire.stages.facts.corroboration import Corroboration, CorroborationConfig, corroborate
from crosswire.stages.facts.dates import DateConfig, check_publication_date, extract_story_dates
from crosswire.stages.facts.entities import EntityConfig, canonical_namer, extract_entities
from crosswire.stages.facts.event import EventConfig, story_event_date
from crosswire.stages.facts.quantities import QuantityConfig, extract_quantities
from crosswire.stages.facts.timeline import TimelineConfig, build_timeline

__all__ = [
    "Corroboration",
    "CorroborationConfig",
    "DateConfig",
    "EntityConfig",
    "EventConfig",
    "QuantityConfig",
    "TimelineConfig",
    "build_timeline",
    "canonical_namer",
    "check_publication_date",
    "corroborate",
    "extract_entities",
    "extract_quantities",
    "extract_story_dates",
    "story_event_date",
]
