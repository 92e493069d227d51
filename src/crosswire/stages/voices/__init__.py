"""The voices step: which independent voice each report of a story speaks with.

Takes a story's articles and their lineages; returns article id -> :class:`Voice` (a voice
id such as ``wire:AP``, ``outlet:cnn.com`` or an origin group's id, the outlet's name and the
wire credit of the report's own text). Reads ``[brief.voices]`` (:class:`VoicesConfig`) and
the one table of agencies (:mod:`crosswire.text.agencies`). Counting independence by voice
(facts, quotes, the brief's note, the story list) is counting these ids.
"""

from crosswire.stages.voices.assign import Voice, story_voices, voice_ids
from crosswire.stages.voices.config import VoicesConfig
from crosswire.stages.voices.credits import wire_credit
from crosswire.stages.voices.outlets import Outlet, fold_host, outlet_of

__all__ = [
    "Outlet",
    "Voice",
    "VoicesConfig",
    "fold_host",
    "outlet_of",
    "story_voices",
    "voice_ids",
    "wire_credit",
]
