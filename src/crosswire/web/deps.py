"""The request dependency of every route: one read-only store connection per request."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request

from crosswire.store.sqlite import Store, open_store

__all__ = ["StoreParam", "request_store"]


def request_store(request: Request) -> Iterator[Store]:
    """The store of the app serving ``request`` (``app.state.db_path``), opened read-only."""
    path: Path = request.app.state.db_path
    store = open_store(path=path, readonly=True)
    try:
        yield store
    finally:
        store.close()


StoreParam = Annotated[Store, Depends(request_store)]
