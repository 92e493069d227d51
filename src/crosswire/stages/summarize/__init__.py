"""The summary stage: an extractive multi-document summary of one story.

Takes the cleaned articles of one story and their origin groups; returns
:class:`~crosswire.models.SummarySentence` records, each a verbatim source sentence cited to
every report carrying it, within a word budget. Config: :class:`SummaryConfig` (``[summary]``).
"""

from crosswire.stages.summarize.select import SummaryConfig, summarize

__all__ = ["SummaryConfig", "summarize"]
