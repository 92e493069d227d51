"""The command line: one thin command per pipeline stage, plus `brief` and `verify`.

Every stage command reads files, directories or globs and writes JSON Lines (stdout or ``-o``);
inputs that fail are written as error records and counted on stderr, the rest go through.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from crosswire import __version__
from crosswire.cli_store import _positive, add_store_commands
from crosswire.cli_watch import add_watch_command
from crosswire.errors import CrosswireError
from crosswire.render import FORMATS
from crosswire.stages.cluster.config import DEFAULT_EMBEDDING_MODEL

if TYPE_CHECKING:
    from crosswire.config import Config
    from crosswire.pipeline import CleanResult

# The pipeline, spaCy and rich are imported inside the commands that use them, so that
# ``crosswire --help`` and the light commands start fast (tests/test_cli_startup.py).

__all__ = ["build_parser", "main"]


def _add_inputs(parser: argparse.ArgumentParser, *, out_help: str) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories or globs")
    parser.add_argument("-o", "--output", metavar="FILE", help=out_help)
    parser.add_argument("--config", metavar="TOML", help="settings file (one table per stage)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``crosswire`` command (documented in the README)."""
    parser = argparse.ArgumentParser(
        prog="crosswire", description="Many news reports in, one cited brief per story out."
    )
    parser.add_argument("--version", action="version", version=f"crosswire {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    jsonl = "write JSON Lines here (default: stdout)"

    p = sub.add_parser("brief", help="write a cited brief of every story in the inputs")
    _add_inputs(p, out_help="write the brief to FILE (default: stdout)")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (text)")
    p.add_argument("--summary-words", type=int, metavar="N", help="summary length in words")
    p.add_argument("--all", action="store_true", help="brief every story, not only the largest")
    p.add_argument(
        "--one-story", action="store_true",
        help="the inputs are one story's reports: no clustering, one brief of them all",
    )
    p.add_argument(
        "--processes", type=_positive, default=1, metavar="N",
        help="brief stories in N worker processes side by side (same briefs; default 1)",
    )
    p.add_argument(
        "--spark", metavar="MASTER", nargs="?", const="local[*]",
        help="run on Spark (crosswire[spark], Java 17+) at MASTER (default local[*])",
    )
    _add_embeddings(p)

    p = sub.add_parser("extract", help="read and clean inputs: one cleaned record a line")
    _add_inputs(p, out_help=jsonl)
    p = sub.add_parser("lineage", help="who copied whom: records plus origin and reused spans")
    _add_inputs(p, out_help=jsonl)
    p = sub.add_parser("cluster", help="group reports into stories and split off-topic sections")
    _add_inputs(p, out_help=jsonl)
    p.add_argument("--incremental", action="store_true", help="process in `published` order")
    _add_embeddings(p)
    p = sub.add_parser("quotes", help="quotes with speakers and cue verbs, per article")
    _add_inputs(p, out_help=jsonl)
    p = sub.add_parser("facts", help="per story: entities, facts, timeline, discrepancies")
    _add_inputs(p, out_help=jsonl)

    p = sub.add_parser("verify", help="check every span of a JSON brief against its sources")
    p.add_argument("brief", metavar="BRIEF.json")
    sub.add_parser("schema", help="print the JSON Schema of a brief")
    p = sub.add_parser("config", help="print every setting (defaults, or --config applied) as TOML")
    p.add_argument("--config", metavar="TOML", help="settings file to apply first")
    parser.set_defaults(store_handlers=add_store_commands(sub) | add_watch_command(sub))
    return parser


def _add_embeddings(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--embeddings", metavar="MODEL", nargs="?", const=DEFAULT_EMBEDDING_MODEL,
        help="cluster short reports with sentence embeddings too (crosswire[embeddings]); "
        f"sets [cluster] embedding_model (default model: {DEFAULT_EMBEDDING_MODEL})",
    )


def _config(args: argparse.Namespace) -> Config:
    from crosswire.config import load_config, replace_setting

    config = load_config(path=Path(args.config) if getattr(args, "config", None) else None)
    words = getattr(args, "summary_words", None)
    if words is not None:
        config = replace_setting(config=config, table="summary", key="words", value=words)
    model = getattr(args, "embeddings", None)
    if model is not None:
        config = replace_setting(config=config, table="cluster", key="embedding_model", value=model)
    return config


def _open_out(path: str | None) -> TextIO:
    return open(path, "w", encoding="utf-8") if path else sys.stdout  # noqa: SIM115


def _write_jsonl(*, rows: Iterable[dict[str, Any]], path: str | None) -> None:
    out = _open_out(path)
    try:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


def _report(cleaned: CleanResult) -> None:
    reasons = Counter(r.reason for r in cleaned.rejections)
    detail = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items()))
    print(
        f"crosswire: {len(cleaned.articles)} read, {len(cleaned.rejections)} failed"
        + (f" ({detail})" if detail else ""),
        file=sys.stderr,
    )
    for rej in cleaned.rejections:
        print(f"  {rej.origin or rej.id}: {rej.reason}: {rej.message}", file=sys.stderr)


def _errors(cleaned: CleanResult) -> list[dict[str, Any]]:
    from crosswire.serialize import rejection_to_dict

    return [rejection_to_dict(r) for r in cleaned.rejections]


def _cmd_brief(args: argparse.Namespace) -> int:
    from crosswire import api
    from crosswire.pipeline import CleanResult
    from crosswire.progress import Progress
    from crosswire.render import render_briefs

    with ExitStack() as stack:
        shown: list[Progress] = []

        def on_brief(done: int, total: int) -> None:
            if total > 1:  # a bar on a terminal, a line a story in logs; none for one story
                if not shown:
                    shown.append(stack.enter_context(Progress(label="brief", unit="stories")))
                shown[0].update(done, total)

        result = api.brief(
            paths=args.paths, config=_config(args), spark_master=args.spark,
            limit=None if args.all else 1, one_story=args.one_story, on_brief=on_brief,
            processes=args.processes,
        )
    cleaned = CleanResult(result.articles, result.rejections)
    _report(cleaned)
    if not result.briefs:
        print("crosswire: no article could be read; nothing to brief", file=sys.stderr)
        return 1
    briefs = result.briefs
    if not args.all and len(result.stories) > 1:
        print(f"crosswire: {len(result.stories) - 1} more stories: use --all", file=sys.stderr)
    if args.format == "text" and not args.output and sys.stdout.isatty():
        from rich.console import Console

        from crosswire.render.terminal import print_brief

        for b in briefs:
            print_brief(b, console=Console())
        return 0
    out = _open_out(args.output)
    try:
        out.write(render_briefs(briefs=briefs, fmt=args.format))
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    from crosswire import api
    from crosswire.serialize import article_to_dict

    cleaned = api.extract(paths=args.paths, config=_config(args))
    rows = [article_to_dict(a) for a in cleaned.articles] + _errors(cleaned)
    _write_jsonl(rows=rows, path=args.output)
    _report(cleaned)
    return 0


def _cmd_lineage(args: argparse.Namespace) -> int:
    from crosswire import api
    from crosswire.serialize import article_to_dict, lineage_to_dict

    run = api.lineage(paths=args.paths, config=_config(args))
    by_id = {lin.article_id: lin for lin in run.lineages}
    rows = [article_to_dict(a) | lineage_to_dict(by_id[a.id]) for a in run.cleaned.articles]
    _write_jsonl(rows=rows + _errors(run.cleaned), path=args.output)
    _report(run.cleaned)
    return 0


def _cmd_cluster(args: argparse.Namespace) -> int:
    from crosswire import api
    from crosswire.serialize import article_to_dict, story_to_dict

    run = api.cluster(paths=args.paths, config=_config(args), incremental=args.incremental)
    story_of = {aid: s for s in run.stories for aid in s.article_ids}
    rows = []
    for art in run.cleaned.articles:
        story = story_to_dict(story_of[art.id])
        segments = [s for s in story["segments"] if s["span"]["source"] == art.id]
        rows.append(article_to_dict(art) | {"story": story["story"], "segments": segments})
    _write_jsonl(rows=rows + _errors(run.cleaned), path=args.output)
    _report(run.cleaned)
    return 0


def _cmd_quotes(args: argparse.Namespace) -> int:
    from crosswire import api
    from crosswire.serialize import quote_to_dict

    run = api.quotes(paths=args.paths, config=_config(args))
    rows = [
        {"id": a.id, "quotes": [quote_to_dict(q) for q in run.quotes[a.id]]}
        for a in run.cleaned.articles
    ]
    _write_jsonl(rows=rows + _errors(run.cleaned), path=args.output)
    _report(run.cleaned)
    return 0


def _cmd_facts(args: argparse.Namespace) -> int:
    from crosswire import api
    from crosswire.serialize import (
        date_to_dict,
        discrepancy_to_dict,
        entity_to_dict,
        event_to_dict,
        fact_to_dict,
        quantity_to_dict,
    )

    run = api.facts(paths=args.paths, config=_config(args))
    rows = []
    for an in run.stories:
        rows.append(
            {
                "story": an.story.id,
                "articles": list(an.story.article_ids),
                "entities": [entity_to_dict(e) for e in an.entities],
                "quantities": {
                    k: [quantity_to_dict(q) for q in v] for k, v in an.quantities.items()
                },
                "dates": {k: [date_to_dict(d) for d in v] for k, v in an.dates.items()},
                "facts": [fact_to_dict(f) for f in an.facts],
                "timeline": [event_to_dict(e) for e in an.timeline],
                "discrepancies": [discrepancy_to_dict(d) for d in an.discrepancies],
            }
        )
    _write_jsonl(rows=rows + _errors(run.cleaned), path=args.output)
    _report(run.cleaned)
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from crosswire.render import verify_brief

    try:
        data = json.loads(Path(args.brief).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # ValueError: bad JSON or UTF-8
        print(f"crosswire verify: cannot read {args.brief}: {exc}", file=sys.stderr)
        return 2
    briefs = data if isinstance(data, list) and data else [data]
    failures = [(i, f) for i, b in enumerate(briefs) for f in verify_brief(b)]
    for i, failure in failures:
        print(f"brief {i}: {failure.where}: {failure.problem}")
    if failures:
        print(f"crosswire verify: {len(failures)} failure(s)", file=sys.stderr)
        return 1
    print("crosswire verify: every span checks out", file=sys.stderr)
    return 0


def _cmd_schema(_: argparse.Namespace) -> int:
    from crosswire.render import brief_schema_text

    sys.stdout.write(brief_schema_text())
    return 0


def _cmd_config(args: argparse.Namespace) -> int:
    from crosswire.config import config_to_toml

    sys.stdout.write(config_to_toml(config=_config(args)))
    return 0


_COMMANDS = {
    "brief": _cmd_brief,
    "extract": _cmd_extract,
    "lineage": _cmd_lineage,
    "cluster": _cmd_cluster,
    "quotes": _cmd_quotes,
    "facts": _cmd_facts,
    "verify": _cmd_verify,
    "schema": _cmd_schema,
    "config": _cmd_config,
}


def _unwritable(path: str | None) -> str | None:
    """Why ``-o path`` cannot be written (checked before any work is done), or None."""
    if not path or path == "-":
        return None
    target = Path(path)
    if target.is_dir():
        return "it is a directory"
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        return f"no folder {str(folder)!r}"
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        return "permission denied"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``crosswire`` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    unwritable = _unwritable(getattr(args, "output", None))
    if unwritable:
        print(f"crosswire: error: cannot write {args.output}: {unwritable}", file=sys.stderr)
        return 2
    try:
        handler = _COMMANDS.get(args.command) or args.store_handlers[args.command]
        return int(handler(args))
    except CrosswireError as exc:
        print(f"crosswire: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
