"""crosswire.live: ``crosswire watch``, following feeds, news sitemaps and folders.

Takes the sources of a SOURCES file (:func:`crosswire.live.sources.load_sources`: OPML, a text
file of feed URLs, or TOML with ``feeds``, ``sitemaps`` and ``folders``), a store and the
:class:`~crosswire.config.Config` (its ``[watch]`` table is :class:`WatchConfig`). Gives a
store kept current: :class:`crosswire.live.watch.Watcher` polls each due source (conditional
GETs, robots.txt, a per-host delay and concurrency limit, the URL guard of ``ingest.fetch``),
fetches each new item's page once, adds the reports through ``store.ingest.add_documents``
and refreshes the stories through :func:`crosswire.live.watch.update_stories`. Its state
(sources' health and schedule, validators, items, folder files) is in the store
(``store/live.py``), so a restart resumes.

Modules: ``config`` (WatchConfig), ``sources``, ``http`` (one guarded, conditional GET),
``schedule`` (host gate, back-off), ``robots``, ``items`` (feed and sitemap entries),
``poll`` (the network side, in worker threads), ``watch`` (the loop and the store side).

An outer layer: it imports ingest and store; the core imports only ``live.config`` (which
imports nothing of crosswire but the errors), so this ``__init__`` imports nothing else.
"""

from crosswire.live.config import WatchConfig

__all__ = ["WatchConfig"]
