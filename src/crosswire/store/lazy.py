"""Maps that read their entries from the store when first asked (the stream's state, see
:mod:`crosswire.store.stream`): a dict that loads a missing key and remembers what was set and
deleted, the document frequencies, and the term index over ``stream_index``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from crosswire.stages.cluster.index import TermIndex
from crosswire.store.sqlite import Store

__all__ = ["DocFreq", "Lazy", "StoredIndex", "chunks"]

_CHUNK = 500

K = TypeVar("K")
V = TypeVar("V")


class Lazy(dict[K, V]):
    """A dict that asks ``load`` for a key it does not hold, and remembers what was set and
    deleted since it was made (what :func:`save_stream` writes back)."""

    def __init__(self, load: Callable[[K], None]) -> None:
        super().__init__()
        self._load = load
        self.dirty: set[K] = set()
        self.deleted: set[K] = set()

    def fill(self, key: K, value: V) -> None:
        """A value read from the store (never over one set or deleted in memory)."""
        if key not in self.deleted and not dict.__contains__(self, key):
            dict.__setitem__(self, key, value)

    def __missing__(self, key: K) -> V:
        if key not in self.deleted:
            self._load(key)
            if dict.__contains__(self, key):
                return dict.__getitem__(self, key)
        raise KeyError(key)

    def __setitem__(self, key: K, value: V) -> None:
        dict.__setitem__(self, key, value)
        self.dirty.add(key)
        self.deleted.discard(key)

    def __delitem__(self, key: K) -> None:
        self[key]  # noqa: B018 -- loads it (KeyError when there is none)
        dict.__delitem__(self, key)
        self.deleted.add(key)
        self.dirty.discard(key)

    def pop(self, key: K, *default: Any) -> Any:
        try:
            self[key]
        except KeyError:
            if default:
                return default[0]
            raise
        value = dict.pop(self, key)
        self.deleted.add(key)
        self.dirty.discard(key)
        return value

    def get(self, key: K, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except KeyError:
            return False
        return True


class DocFreq(dict[str, int]):
    """Document frequencies, read per term (or prefetched for a batch); a term never seen
    reads as absent."""

    def __init__(self, *, store: Store) -> None:
        super().__init__()
        self._conn = store.conn
        self._absent: set[str] = set()
        self.dirty: set[str] = set()

    def prefetch(self, terms: Iterable[str]) -> None:
        todo = sorted({t for t in terms
                       if t not in self._absent and not dict.__contains__(self, t)})
        for chunk in chunks(todo):
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT term, n FROM stream_df WHERE term IN ({marks})", chunk
            ).fetchall()
            found = dict(rows)
            for term in chunk:
                if term in found:
                    dict.__setitem__(self, term, int(found[term]))
                else:
                    self._absent.add(term)

    def get(self, key: str, default: Any = None) -> Any:
        if not dict.__contains__(self, key) and key not in self._absent:
            self.prefetch([key])
        return dict.get(self, key, default)

    def __setitem__(self, key: str, value: int) -> None:
        dict.__setitem__(self, key, value)
        self._absent.discard(key)
        self.dirty.add(key)


class StoredIndex(TermIndex):
    """The term index: postings of earlier batches read from ``stream_index`` (at most
    ``max_posting`` + 1 per look-up), those of this batch kept in memory until saved."""

    def __init__(self, *, store: Store, window_days: int | None, max_posting: int) -> None:
        super().__init__(window_days=window_days, max_posting=max_posting)
        self._conn = store.conn
        self.new: list[tuple[str, int | None, int]] = []

    def add(self, *, term: str, item: int, day: int | None) -> None:
        super().add(term=term, item=item, day=day)
        self.new.append((term, day, item))

    def candidates(self, *, term: str, day: int | None) -> list[int] | None:
        here = TermIndex.candidates(self, term=term, day=day)
        if here is None:
            return None
        limit = self.max_posting + 1 - len(here)
        if day is None or self.window is None:
            rows = self._conn.execute(
                "SELECT item FROM stream_index WHERE term = ? LIMIT ?", (term, limit)
            ).fetchall()
        else:
            rows = self._conn.execute(
                "SELECT item FROM stream_index WHERE term = ? AND day BETWEEN ? AND ? "
                "UNION ALL SELECT item FROM stream_index WHERE term = ? AND day IS NULL LIMIT ?",
                (term, day - self.window, day + self.window, term, limit),
            ).fetchall()
        if len(rows) + len(here) > self.max_posting:
            return None
        return [int(r[0]) for r in rows] + here


def chunks(items: Sequence[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield list(items[start : start + _CHUNK])
