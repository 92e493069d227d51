"""The cleaning stage: one raw report in, one clean report (or a reason it is not one) out.

Takes a :class:`~crosswire.models.RawDocument` (text or HTML as read); returns an
:class:`~crosswire.models.Article` whose ``text`` every later span points into, with what was
removed and why (``removed``), the metadata found (title, date, site, author, dateline, wire
credit) and its language, or a :class:`~crosswire.models.Rejection` with a reason code.
Config: :class:`CleanConfig` (``[clean]``). Per report, no corpus-wide state.
"""

from crosswire.stages.clean.document import CleanConfig, clean_document, clean_text

__all__ = ["CleanConfig", "clean_document", "clean_text"]
