"""The pipeline: the one place that orders crosswire's steps.

    read (crosswire.ingest) -> clean -> cluster (stories, off-topic split)
        -> per story: off-topic cut, dates checked, lineage, parse, entities, quantities,
           dates, corroboration, quotes, timeline, summary (:func:`analyse_story`)
        -> brief (:func:`brief_story`)

:func:`run` does it all on one machine; the Spark backend and the store call the same
functions step by step (:func:`clean_stream`, :func:`cluster_stories`, :func:`analyse_story`,
:func:`brief_story`, :func:`story_order`), so none of them re-implements a step. A
long-lived store takes new reports into the stories it holds with :func:`assign_stories`
(its stream loaded on demand), then briefs the touched ones.
"""

from crosswire.models import StoryAnalysis
from crosswire.pipeline.incremental import TouchedStory, assign_stories
from crosswire.pipeline.results import CleanResult, RunResult
from crosswire.pipeline.steps import (
    brief_stories,
    clean_all,
    clean_stream,
    cluster_stories,
    run,
    story_order,
)
from crosswire.pipeline.story import Probe, analyse_story, brief_story, strip_off_topic

__all__ = [
    "CleanResult",
    "Probe",
    "RunResult",
    "StoryAnalysis",
    "TouchedStory",
    "analyse_story",
    "assign_stories",
    "brief_stories",
    "brief_story",
    "clean_all",
    "clean_stream",
    "cluster_stories",
    "run",
    "story_order",
    "strip_off_topic",
]
