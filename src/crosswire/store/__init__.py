"""crosswire.store: the embedded SQLite store behind ``crosswire ingest`` and ``serve``.

The pipeline side (cleaning, clustering, briefing) lives in :mod:`crosswire.store.ingest`,
imported on its own so that readers of a store (the web app) load no stage.
"""

from crosswire.store.dump import canonical_dump, canonical_dump_text
from crosswire.store.migrations import StoreVersionError, migrate, schema_version
from crosswire.store.sqlite import Store, StoreError, default_db_path, open_store

__all__ = [
    "Store",
    "StoreError",
    "StoreVersionError",
    "canonical_dump",
    "canonical_dump_text",
    "default_db_path",
    "migrate",
    "open_store",
    "schema_version",
]
