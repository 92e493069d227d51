"""``crosswire watch``: a thin command over :class:`crosswire.live.watch.Watcher`.

SIGTERM and SIGINT stop it between batches (exit 0), a second one at once; a restart resumes
from the state kept in the store.
"""

from __future__ import annotations

import argparse
import dataclasses
import signal
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from crosswire.store.sqlite import DB_ENV

__all__ = ["add_watch_command"]

Handler = Callable[[argparse.Namespace], int]


def add_watch_command(sub: argparse._SubParsersAction) -> dict[str, Handler]:
    """Add the ``watch`` sub-command; returns its handler by name."""
    p = sub.add_parser("watch", help="follow feeds, news sitemaps and folders into the store, "
                                     "keeping its stories current")
    p.add_argument("sources", metavar="SOURCES",
                   help="OPML, a text file of feed URLs (one a line), or TOML with feeds, "
                        "sitemaps and folders")
    p.add_argument("--every", metavar="DURATION",
                   help="poll each source this often, e.g. 90s, 15m, 1h ([watch] every_s: 15m)")
    p.add_argument("--db", metavar="PATH",
                   help=f"the store file (default: ${DB_ENV}, else ./crosswire.db)")
    p.add_argument("--once", action="store_true",
                   help="poll every source once now, fetch the new reports, update stories, exit")
    p.add_argument("--allow-private-urls", action="store_true",
                   help="also fetch from loopback, private and link-local addresses")
    p.add_argument("--config", metavar="TOML", help="settings file (one table per stage)")
    return {"watch": _cmd_watch}


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _cmd_watch(args: argparse.Namespace) -> int:
    from crosswire.config import load_config, replace_setting
    from crosswire.live.sources import load_sources, parse_duration
    from crosswire.live.watch import Watcher
    from crosswire.store.sqlite import default_db_path, open_store

    config = load_config(path=Path(args.config) if args.config else None)
    if args.allow_private_urls:
        config = replace_setting(config=config, table="ingest", key="allow_private_urls",
                                 value=True)
    watch = config.watch  # --every is not written into config: it does not shape briefs
    if args.every is not None:
        watch = dataclasses.replace(watch, every_s=parse_duration(args.every))
    sources = load_sources(path=Path(args.sources))
    kinds = Counter(s.kind for s in sources)
    path = default_db_path(flag=args.db)
    with open_store(path=path) as store, \
            Watcher(store=store, sources=sources, config=config, watch=watch, log=_say) as watcher:
        store.writer.on_wait = lambda line: _say(f"crosswire watch: {line}")
        def stop(signum: int, frame: FrameType | None) -> None:
            if watcher.stop.is_set():  # asked twice: stop now (every write is a transaction)
                raise KeyboardInterrupt
            watcher.request_stop()

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            listed = ", ".join(f"{n} {kind}(s)" for kind, n in sorted(kinds.items()))
            when = "once" if args.once else f"every {watch.every_s:g}s"
            _say(f"crosswire watch: {listed} into {path}, {when}")
            watcher.run(once=args.once)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    _say("crosswire watch: stopped" if watcher.stop.is_set() and not args.once
         else "crosswire watch: done")
    return 0
