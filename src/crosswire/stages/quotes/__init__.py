"""The quotes stage: direct and reported speech with their speakers.

Takes one cleaned :class:`~crosswire.models.Article` and its spaCy parse
(:func:`parse_many` parses a story's articles once, paragraphs starting sentences); returns
its :class:`~crosswire.models.Quote` records, each with the speaker, the speaker's span, the
cue verb and the kind (direct, partial, indirect). :func:`merge_quotes` then joins the
variants of one quote carried by several reports of a story and counts their independent
origins. Config: :class:`QuoteConfig` (``[quotes]``).
"""

from crosswire.stages.quotes.config import QuoteConfig
from crosswire.stages.quotes.extract import extract_quotes
from crosswire.stages.quotes.merge import merge_quotes
from crosswire.stages.quotes.parse import parse_many, parse_paragraphs

__all__ = ["QuoteConfig", "extract_quotes", "merge_quotes", "parse_many", "parse_paragraphs"]
