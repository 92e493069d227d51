"""The request dependency of every route: one read-only store connection per request; the
parameters several routes share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Query, Request

from crosswire.store.sqlite import Store, open_store

__all__ = ["MAX_OFFSET", "IdQuery", "StoreParam", "check_store", "request_store"]

MAX_OFFSET = 1_000_000  # the furthest a listing can be paged (SQLite takes 64-bit integers)
MAX_KEY_CHARS = 2_000  # the longest id or name a query parameter may carry


def check_store(*, path: Path) -> None:
    """Open the store at ``path`` read-only once, as each request will: a missing, empty,
    damaged or out-of-date store is a StoreError before the app serves anything. The web app
    never creates, migrates or writes a store (``crosswire ingest`` does)."""
    open_store(path=path, readonly=True).close()


def request_store(request: Request) -> Iterator[Store]:
    """The store of the app serving ``request`` (``app.state.db_path``), opened read-only."""
    path: Path = request.app.state.db_path
    store = open_store(path=path, readonly=True)
    try:
        yield store
    finally:
        store.close()


StoreParam = Annotated[Store, Depends(request_store)]

# An id (or name) passed in the query, ``/articles/?id=..``: the link of one a browser would
# resolve away as a path segment (:func:`crosswire.render.escape.id_path`).
IdQuery = Annotated[str, Query(alias="id", max_length=MAX_KEY_CHARS)]
