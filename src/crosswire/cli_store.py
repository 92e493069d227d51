"""The store and web commands of the CLI: ``ingest``, ``stories``, ``show``, ``search``, ``serve``.

Each is a thin layer over :mod:`crosswire.store` and :mod:`crosswire.web`. The store file is
``--db PATH``, else ``$CROSSWIRE_DB``, else ``./crosswire.db``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from crosswire.render import FORMATS
from crosswire.render.escape import terminal_line
from crosswire.store.queries import STORY_ORDERS
from crosswire.store.sqlite import (
    DB_ENV,
    Store,
    default_db_path,
    is_store_failure,
    open_store,
    store_error,
)

__all__ = ["add_store_commands"]

Handler = Callable[[argparse.Namespace], int]


def _db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH", help=f"the store file (default: ${DB_ENV}, else ./crosswire.db)"
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


def _open(args: argparse.Namespace, *, create: bool = False) -> Store:
    """The store of ``--db``: ``ingest`` opens it to write (creating it when missing, and
    saying so when it waits for another writer); every other command opens it read-only and
    never creates, migrates or writes it (a query of a mistyped path must say so, not answer
    from a new empty store)."""
    path = default_db_path(flag=args.db)
    if not create:
        return open_store(path=path, readonly=True)
    store = open_store(path=path)
    store.writer.on_wait = lambda line: print(f"crosswire: {line}", file=sys.stderr,
                                              flush=True)
    return store


def _store_errors(handler: Handler) -> Handler:
    """``handler``, with what SQLite says of an unusable store (damaged, read-only, busy) as
    a one-line StoreError instead of a traceback."""
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except sqlite3.Error as exc:
            if not is_store_failure(exc):
                raise
            raise store_error(path=default_db_path(flag=args.db), exc=exc) from exc

    return run


def _cmd_ingest(args: argparse.Namespace) -> int:
    from crosswire.config import load_config
    from crosswire.store.ingest import ingest_paths

    config = load_config(path=Path(args.config) if args.config else None)

    from crosswire.progress import Progress  # a bar on a terminal, a line a batch in logs

    with _open(args, create=True) as store, Progress(label="ingest", unit="reports") as shown:
        report = ingest_paths(
            store=store, paths=args.paths, config=config, batch_size=args.batch_size,
            on_commit=shown.update, processes=args.processes,
        )
    added, refreshed = report.added, report.refreshed
    print(
        f"crosswire: {len(added.added)} new, {added.known} already stored, "
        f"{len(added.rejected)} failed; {refreshed.stories} stories "
        f"({len(refreshed.updated)} briefed, {len(refreshed.removed)} removed) in {store.path}",
        file=sys.stderr,
    )
    for rej in added.rejected:
        print(f"  {rej.origin or rej.id}: {rej.reason}: {rej.message}", file=sys.stderr)
    return 0


def _cmd_story_feed(args: argparse.Namespace) -> int:
    from crosswire.render.feeds import render_feed, stories_feed
    from crosswire.store.queries import feed_stories

    with _open(args) as store:
        stories = feed_stories(store=store, limit=args.limit, singles=args.singles)
    body = render_feed(fmt=args.format, stories=stories, info=stories_feed(singles=args.singles),
                       base_url=args.base_url)
    if args.output:
        Path(args.output).write_bytes(body)
    else:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    return 0


def _cmd_stories(args: argparse.Namespace) -> int:
    from crosswire.store.queries import count_stories, list_stories

    if args.format != "text":
        return _cmd_story_feed(args)
    with _open(args) as store:
        stories = list_stories(
            store=store, limit=args.limit, order=args.sort, singles=args.singles
        )
        hidden = 0 if args.singles else count_stories(store=store, singles=True) - count_stories(
            store=store
        )
    if args.json:
        for s in stories:
            print(json.dumps(asdict(s), ensure_ascii=False))
    else:
        for s in stories:
            plural = "" if s.voices == 1 else "s"
            warn = "  ⚠ " + terminal_line("; ".join(s.flags)) if s.flags else ""
            print(
                f"{terminal_line(s.id)}  {terminal_line(s.latest or 'undated'):10}  "
                f"{s.articles:3} reports  {s.voices:2} independent voice{plural}  "
                f"{terminal_line(s.title)}{warn}"
            )
    if hidden:
        print(f"crosswire: {hidden} one-report stories not listed: --singles lists them",
              file=sys.stderr)
    elif not stories:
        print("crosswire: the store holds no story yet; run `crosswire ingest PATH...`",
              file=sys.stderr)
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from crosswire.store.queries import find_story, get_brief_json

    with _open(args) as store:
        story = find_story(store=store, ref=args.story)
        text = None if story is None else get_brief_json(store=store, story_id=story.id)
    if story is None or text is None:
        print(f"crosswire: no story {args.story!r} (or the id prefix is ambiguous); "
              "list them with `crosswire stories`", file=sys.stderr)
        return 1
    if args.format != "json":
        from crosswire.render import render_briefs
        from crosswire.serialize import brief_from_dict

        text = render_briefs(briefs=(brief_from_dict(json.loads(text)),), fmt=args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from crosswire.store.queries import search_articles

    with _open(args) as store:
        hits = search_articles(store=store, query=args.query, limit=args.limit)
    for hit in hits:
        if args.json:
            print(json.dumps(asdict(hit), ensure_ascii=False))
            continue
        snippet = "".join(f"[{p.text}]" if p.match else p.text for p in hit.snippet)
        print(f"{terminal_line(hit.article_id)}  story {terminal_line(hit.story_id or '-')}  "
              f"{terminal_line(hit.title or '')}")
        print(f"    {terminal_line(snippet)}")
    if not hits:
        print(f"crosswire: no report matches {args.query!r}", file=sys.stderr)
    return 0 if hits else 1


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, not {text!r}")
    return value


_ANY_ADDRESS = ("", "0.0.0.0", "::")


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from crosswire.web.app import create_app
    from crosswire.web.guard import DEFAULT_ALLOWED_HOSTS, allowed_host_names

    # the names a browser may reach it by: loopback, the address it listens on (unless that
    # is every address) and each --allowed-host
    listen = () if args.host in _ANY_ADDRESS else (args.host,)
    hosts = allowed_host_names((*DEFAULT_ALLOWED_HOSTS, *listen, *args.allowed_host))
    app = create_app(db_path=default_db_path(flag=args.db), allowed_hosts=hosts)
    where = f"[{args.host}]" if ":" in args.host else args.host
    print(f"crosswire: serving http://{where}:{args.port}/ to Host {', '.join(hosts)}",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def add_store_commands(sub: argparse._SubParsersAction) -> dict[str, Handler]:
    """Add the store and web subcommands to ``sub``; returns their handlers by name."""
    p = sub.add_parser("ingest", help="add reports to the store and update its stories")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories or globs")
    _db_arg(p)
    p.add_argument("--config", metavar="TOML", help="settings file (one table per stage)")
    p.add_argument("--batch-size", default=20, metavar="N", type=_positive,
                   help="reports committed per transaction (20)")
    p.add_argument("--processes", default=1, metavar="N", type=_positive,
                   help="brief stories in N worker processes side by side (same briefs; 1)")

    p = sub.add_parser(
        "stories", help="list the stored stories, the most independent voices first"
    )
    _db_arg(p)
    p.add_argument("--limit", type=_positive, default=50, metavar="N",
                   help="at most N stories (50)")
    p.add_argument("--sort", choices=STORY_ORDERS, default="voices",
                   help="voices: the most independent voices first (default); recent: newest")
    p.add_argument("--singles", action="store_true", help="list one-report stories too")
    p.add_argument("--json", action="store_true", help="one JSON object a line")
    p.add_argument("--format", choices=("text", "atom", "json"), default="text",
                   help="text (default); atom or json: the story feed (Atom, JSON Feed 1.1) of "
                        "the --limit stories changed last, on stdout")
    p.add_argument("--base-url", default="http://127.0.0.1:8000/", metavar="URL",
                   help="where `crosswire serve` is reached: the feed's links start with it "
                        "(http://127.0.0.1:8000/)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the feed to FILE")

    p = sub.add_parser("show", help="print the brief of a stored story")
    p.add_argument("story", metavar="STORY", help="story id (or a unique prefix of one)")
    _db_arg(p)
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")

    p = sub.add_parser("search", help="full-text search of the stored reports")
    p.add_argument("query", metavar="QUERY", help="words that must all occur")
    _db_arg(p)
    p.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N hits (20)")
    p.add_argument("--json", action="store_true", help="one JSON object a line")

    p = sub.add_parser("serve", help="browse the store in a web browser (local web app)")
    _db_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (8000)")
    p.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                   help="also answer requests for this host name (repeatable; loopback names "
                        "and the --host address are always allowed; '*' allows any)")

    handlers = {
        "ingest": _cmd_ingest,
        "stories": _cmd_stories,
        "show": _cmd_show,
        "search": _cmd_search,
        "serve": _cmd_serve,
    }
    return {name: _store_errors(handler) for name, handler in handlers.items()}
