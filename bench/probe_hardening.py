"""Replays the hardening cases of issue 23 against this checkout and prints what happened.

    python bench/probe_hardening.py [--cases 2,3,4,6] [--bomb-mib 1024] [--drip-deadline 8]
                                    [--memory-cap-mib 4096]

Loopback only: nothing leaves the machine (URL cases use 127.0.0.1, a mock transport, or
addresses that are refused before any connection). Each case is one function registered
with ``@case(number, title)``; add a case by writing one more. The cases:

1. Markdown: a brief whose ids, origins, origin groups, titles, speakers and notes carry HTML
   and links, rendered by markdown-it-py's CommonMark preset (which passes HTML): what of it
   comes out live.
2. The URL guard: a host whose DNS answer changes between the check and the connection
   (rebinding) is fetched from the address that was checked; IPv6 forms that embed an IPv4
   address are refused.
3. Gzip bombs: a ~1 MB gzip file of each format inflating to ``--bomb-mib`` MiB, read in a
   child process (its address space capped at ``--memory-cap-mib``); its peak resident
   memory (``ru_maxrss``), wall time and records.
4. A slow drip: a loopback server sends a byte every 2 s; the fetch's wall time against
   ``url_deadline_s``.
5. Two ingests at once: ``--ingest-trials`` pairs of ``crosswire ingest`` of one folder into
   one store (one with a single long batch), and ``--halves-trials`` pairs of its two files:
   exit codes, what the second said, and whether the stories equal one ingest's; an ingest
   while another connection holds a write transaction for ``--hold-s`` (:mod:`probe_store`).
6. CSV rows: a field over the csv module's field-size limit, and a NUL byte, in the middle
   of a file: which rows are kept.
7. Terminal: escape sequences (window title, colours, OSC 8 hyperlinks, clear screen, C1,
   bidi overrides) and rich markup in titles and ids, through ``stories``, ``search`` and
   ``show --format text``: which control characters reach stdout.
8. A report with no punctuation (``--runon-chars``, 395,000 by default: the seed reports
   with every mark and line break taken out, repeated), briefed by ``crosswire brief --format
   json`` in a child process: its wall time, peak memory, the brief's size against the
   input's, and the longest fact, quote, summary sentence or timeline event.
9. Web, in-process (TestClient, no socket): ``/docs`` and ``/redoc``, a foreign Host header,
   ``nosniff``, HEAD, a huge ``offset``, and links made from ids with dot segments.
10. Unusable stores: ``stories``, ``show``, ``search``, ``serve`` and ``ingest`` on a missing,
    empty, non-SQLite, damaged, foreign and old-schema store, and on a good one in a read-only
    folder: exit code, first line, any traceback, any file written (:mod:`probe_store`).

It probes the crosswire it imports (PYTHONPATH); settings that one does not have (an older
tree) are left out, so the script also shows the behaviour before the fixes.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from crosswire.ingest import IngestConfig, read_path, read_paths
from crosswire.models import RawDocument, Rejection

sys.path.insert(0, str(Path(__file__).resolve().parent))
import probe_store  # noqa: E402 (beside this script)


@dataclasses.dataclass(frozen=True)
class Case:
    number: int
    title: str
    run: Callable[[argparse.Namespace], None]


CASES: dict[int, Case] = {}


def case(number: int, title: str) -> Callable[[Callable[[argparse.Namespace], None]],
                                              Callable[[argparse.Namespace], None]]:
    """Register a probe for the issue's case ``number``."""
    def register(run: Callable[[argparse.Namespace], None]) -> Callable[[argparse.Namespace],
                                                                          None]:
        CASES[number] = Case(number, title, run)
        return run
    return register


def _config(**settings: Any) -> IngestConfig:
    """An IngestConfig with the settings this checkout knows (older ones lack some)."""
    known = {f.name for f in dataclasses.fields(IngestConfig)}
    return IngestConfig(**{k: v for k, v in settings.items() if k in known})


def _describe(record: RawDocument | Rejection) -> str:
    if isinstance(record, Rejection):
        return f"{record.id}: {record.reason} ({record.message[:110]})"
    return f"{record.id}: document"


# ---------------------------------------------------------------- 1, 7, 9: hostile ids and titles

def hostile_brief(*, ids: tuple[str, str] = ("r1\n\n<script>alert(1)</script>",
                                             "r2`<img src=x onerror=alert(2)>`"),
                  title: str = "[click](javascript:alert(3)) <http://evil.example/a>") -> Any:
    """A two-source brief whose every piece of source text is hostile: ids with HTML and
    blank lines, an origin and an origin group with tags, a title with a javascript: link
    and an autolink, a speaker, a note, a flag and a date carrying tags."""
    from crosswire.models import (
        Article,
        Brief,
        BriefSource,
        Entity,
        Fact,
        Quote,
        Span,
        SummarySentence,
        TimelineEvent,
    )

    a, b = ids
    text = "Officials in Tokyo said the deal was done on Tuesday."
    span = (Span(a, 0, len(text)),)
    arts = (Article(id=a, text=text, title=title, site="<b>a.example</b>",
                    published="2025-02-07", flags=("<i>flagged</i>",)),
            Article(id=b, text=text, title="<svg onload=alert(4)>", published="2025-02-08"))
    return Brief(
        title=title, story="s-hostile",
        sources=(BriefSource(article=arts[0], origin=None, origin_group="g<script>alert(5)"
                             "</script>", role="original", outlet=None),
                 BriefSource(article=arts[1], origin=a, origin_group="g<script>alert(5)"
                             "</script>", role="copy", outlet="<a href=javascript:alert(6)>x")),
        summary=(SummarySentence("[x](javascript:alert(7)) and <b>bold</b>", span, (a, b)),),
        facts=(Fact(text, span, (a, "zz<img src=x onerror=alert(8)>"), 1),),
        quotes=(Quote("<script>alert(9)</script>", "<b onmouseover=alert(10)>Sato</b>", span,
                      (b,), 1),),
        entities=(Entity("<i>Tokyo</i>", "GPE<script>", ("[y](javascript:z)",), (a,)),),
        timeline=(TimelineEvent("2025-02<script>", text, span, (a,)),),
        notes=("<img src=x onerror=alert(11)>",), flags=("<iframe src=javascript:x>",))


@case(1, "Markdown: ids, origins, titles and speakers carrying HTML and links")
def markdown_html(args: argparse.Namespace) -> None:
    import re

    from crosswire.render import brief_to_markdown

    md = brief_to_markdown(hostile_brief())
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        print("  markdown-it-py is not installed: the raw Markdown only")
        html = md
    else:
        html = MarkdownIt("commonmark").render(md)
    live = {
        "raw HTML tags": re.findall(r"<(?:script|img|svg|iframe|i|b|a)[\s>][^>]*>?", html),
        "javascript: links": re.findall(r'href="javascript:[^"]*"', html, re.IGNORECASE),
        "autolinks": re.findall(r'<a href="http[^"]*"', html),
    }
    for what, found in live.items():
        print(f"  {what} in the rendered HTML: {len(found)} {found[:4]}")
    for line in md.splitlines():
        if "r1" in line and "`" in line or line.startswith("# "):
            print(f"  markdown: {line[:150]!r}")


# ---------------------------------------------------------------- 2: the URL guard

EMBEDDING_FORMS = (
    "::ffff:0:7f00:1", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::",
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b:1::a00:1", "2001:0:4136:e378::1",
    "::ffff:a9fe:a9fe", "fe80::1", "fc00::1", "fec0::1", "ff02::1", "::", "::1",
)


@case(2, "URL guard: DNS rebinding; IPv6 forms that embed an IPv4 address")
def url_guard(args: argparse.Namespace) -> None:
    import httpx

    answers = iter([["93.184.216.34"], ["127.0.0.1"], ["127.0.0.1"], ["127.0.0.1"]])
    asked: list[str] = []
    sent: list[tuple[str, str | None, Any]] = []

    def rebinding(host: str) -> list[str]:
        asked.append(host)
        return next(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append((str(request.url), request.headers.get("host"),
                     request.extensions.get("sni_hostname")))
        return httpx.Response(200, text="A short page.", headers={"content-type": "text/plain"})

    config = _config(transport=httpx.MockTransport(handler), resolver=rebinding)
    records = list(read_paths(paths=["https://rebind.example/story"], config=config))
    print(f"  rebinding host: resolver asked {len(asked)} time(s); first answer public, "
          f"later ones 127.0.0.1")
    for url, host, sni in sent:
        print(f"    request sent to {url} (Host: {host}, TLS name: {sni})")
    print(f"    -> {', '.join(_describe(r) for r in records)}")
    refused = 0
    mock = httpx.MockTransport(handler)  # what is not refused is answered here, not sent out
    for form in EMBEDDING_FORMS:
        literal = list(read_paths(paths=[f"http://[{form}]/x"], config=_config(transport=mock)))
        by_name = list(read_paths(paths=["http://named.example/x"], config=_config(
            transport=mock, resolver=lambda _h, f=form: [f])))
        outcomes = {r.reason if isinstance(r, Rejection) else "fetched"
                    for r in literal + by_name}
        refused += outcomes == {"refused"}
        message = literal[0].message if isinstance(literal[0], Rejection) else "fetched"
        print(f"  [{form}] literal and by name: {'/'.join(sorted(outcomes))}: {message[:100]}")
    print(f"  {refused}/{len(EMBEDDING_FORMS)} special-purpose IPv6 forms refused")


# ---------------------------------------------------------------- 3: gzip bombs

def write_bomb(path: Path, *, prefix: bytes, suffix: bytes, mib: int) -> None:
    """A gzip file inflating to ``prefix``, ``mib`` MiB of 'a', ``suffix``: one 1 MiB block
    compressed once and repeated (a full flush makes each copy stand alone), ~1 KB a MiB."""
    block = b"a" * (1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    body = bytearray(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff")
    body += deflate.compress(prefix) + deflate.flush(zlib.Z_FULL_FLUSH)
    one = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(prefix)
    for _ in range(mib):
        crc = zlib.crc32(block, crc)
    body += one * mib
    body += deflate.compress(suffix) + deflate.flush()
    crc = zlib.crc32(suffix, crc)
    size = len(prefix) + mib * len(block) + len(suffix)
    body += struct.pack("<II", crc, size & 0xFFFFFFFF)
    path.write_bytes(bytes(body))


BOMBS = {  # suffix -> what surrounds the run of 'a'
    ".jsonl.gz": (b'{"id": "bomb", "text": "', b'"}\n'),
    ".json.gz": (b'[{"id": "bomb", "text": "', b'"}]'),
    ".csv.gz": (b'id,text\nbomb,"', b'"\n'),
    ".txt.gz": (b"", b"\n"),
    ".html.gz": (b"<html><body><p>", b"</p></body></html>"),
    ".warc.gz": (b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: ", b"\r\n\r\n"),  # one header line
}

_CHILD = """
import dataclasses, json, resource, sys, time
cap = int(sys.argv[2]) << 20
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from pathlib import Path
from crosswire.ingest import IngestConfig, read_path
known = {f.name for f in dataclasses.fields(IngestConfig)}
config = IngestConfig(**{k: v for k, v in json.loads(sys.argv[3]).items() if k in known})
start = time.monotonic()
out = []
try:
    for record in read_path(path=Path(sys.argv[1]), config=config):
        reason = getattr(record, "reason", None)
        out.append([record.id, reason, getattr(record, "message", "")[:200]])
except MemoryError:
    out.append(["-", "MemoryError", "the child ran out of its address space"])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"peak_mib": peak, "seconds": time.monotonic() - start, "records": out}))
"""


def child_read(path: Path, *, cap_mib: int, settings: dict[str, Any] | None = None
               ) -> dict[str, Any]:
    """Read ``path`` in a child process (the crosswire this one imports, ``settings`` for
    its IngestConfig, its address space capped at ``cap_mib``): its peak resident memory
    in MiB, wall time and records ([id, reason or None, message])."""
    import crosswire

    src = str(Path(crosswire.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [src, *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(cap_mib),
                           json.dumps(settings or {})],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        return {"peak_mib": float("nan"), "seconds": float("nan"),
                "records": [["-", "crashed", done.stderr.strip().splitlines()[-1:]]]}
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@case(3, "gzip bombs: peak memory of reading each format")
def gzip_bombs(args: argparse.Namespace) -> None:
    runs = [("default settings", {}),
            ("max_gzip_ratio=10**9 (the per-record caps alone)", {"max_gzip_ratio": 10**9})]
    with tempfile.TemporaryDirectory() as tmp:
        baseline = Path(tmp) / "small.txt"
        baseline.write_text("A short report.\n")
        idle = child_read(baseline, cap_mib=args.memory_cap_mib)
        print(f"  baseline (a 16-byte .txt): peak {idle['peak_mib']:.0f} MiB")
        for label, settings in runs:
            print(f"  {label}:")
            for suffix, (prefix, end) in BOMBS.items():
                path = Path(tmp) / f"bomb{suffix}"
                write_bomb(path, prefix=prefix, suffix=end, mib=args.bomb_mib)
                got = child_read(path, cap_mib=args.memory_cap_mib, settings=settings)
                kinds = [r[1] or "document" for r in got["records"]]
                print(f"    {suffix:10} {path.stat().st_size / 1e6:.2f} MB -> {args.bomb_mib} "
                      f"MiB: peak {got['peak_mib']:.0f} MiB, {got['seconds']:.1f}s, "
                      f"records {kinds}")
                for record in got["records"][:3]:
                    print(f"        {record[0]}: {record[1]} ({record[2]})")
            if not any(f.name == "max_gzip_ratio" for f in dataclasses.fields(IngestConfig)):
                break  # an older crosswire: the second run would be the first again


# ---------------------------------------------------------------- 4: a slow drip

class _Drip(BaseHTTPRequestHandler):
    interval = 2.0

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        try:
            for _ in range(100000):
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(self.interval)
        except OSError:
            return

    def log_message(self, *args: Any) -> None:
        return


@case(4, "slow drip: a byte every 2 s against the fetch's total deadline")
def slow_drip(args: argparse.Namespace) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/drip"
    config = _config(allow_private_urls=True, url_deadline_s=args.drip_deadline)
    deadline = getattr(config, "url_deadline_s", None)
    print(f"  url_timeout_s={config.url_timeout_s}, url_deadline_s={deadline}, "
          f"a byte every {_Drip.interval}s of 100000")
    start = time.monotonic()
    outcome = {"records": []}  # type: dict[str, list[RawDocument | Rejection]]

    def fetch() -> None:
        outcome["records"] = list(read_paths(paths=[url], config=config))

    worker = threading.Thread(target=fetch, daemon=True)
    worker.start()
    worker.join(args.drip_give_up)
    wall = time.monotonic() - start
    if worker.is_alive():
        print(f"  still fetching after {wall:.1f}s: given up on (the fetch has no deadline)")
    else:
        records = ", ".join(_describe(r) for r in outcome["records"])
        within = "within" if deadline is not None and wall <= deadline + 1 else "past"
        print(f"  ended after {wall:.1f}s ({within} the deadline): {records}")
    server.shutdown()


# ---------------------------------------------------------------- 5, 10: the store

case(5, "two ingests at once on one store")(probe_store.concurrent_ingests)
case(10, "read commands, serve and ingest on unusable stores and a read-only folder")(
    probe_store.unusable_stores)


# ---------------------------------------------------------------- 6: CSV rows

@case(6, "CSV: a field over the field-size limit, and a NUL byte, cost only their row")
def csv_rows(args: argparse.Namespace) -> None:
    good = "The council approved the budget on Tuesday after a long debate."
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.csv"
        rows = [f'r{i},"{good}"' for i in range(1, 4)]
        rows.insert(1, f'huge,"{"x" * 200_000}"')
        big.write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
        nul = Path(tmp) / "nul.csv"
        rows = [f'r{i},"{good}"' for i in range(1, 4)]
        rows.insert(1, 'nul,"A row with a \x00 byte."')
        nul.write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
        for path, config, what in (
            (big, _config(max_bytes=100_000), "a 200,000-character field, max_bytes=100000"),
            (nul, _config(), "one NUL byte in row 2"),
        ):
            records = list(read_path(path=path, config=config))
            kept = [r.id for r in records if isinstance(r, RawDocument)]
            print(f"  {path.name} ({what}): rows kept {kept}")
            for record in records:
                if isinstance(record, Rejection):
                    print(f"      {_describe(record)}")


# ---------------------------------------------------------------- 7: the terminal

ESCAPES = ("\x1b]0;pwned\x07", "\x1b[31mred\x1b[0m", "\x1b]8;;https://evil.example/\x1b\\link"
           "\x1b]8;;\x1b\\", "\x1b[2J", "\x9b31m", "\u202egnp.exe", "[link=https://evil.example/]"
           "click[/link]")


def _hostile_store(path: Path, *, ids: tuple[str, str], title: str) -> None:
    from crosswire.store import open_store

    brief = hostile_brief(ids=ids, title=title)
    with open_store(path=path) as store:
        with store.transaction():
            for src in brief.sources:
                store.add_article(article=src.article, content_hash=f"h-{src.article.id}",
                                  origin=f"{src.article.id}.txt")
        store.put_story(brief=brief, fingerprint="fp")


def _controls(text: str) -> list[str]:
    """The control characters of ``text`` a terminal acts on (C0 but tab and newline, DEL,
    C1, bidi embeddings, overrides and isolates)."""
    return [c for c in text if (ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0
            or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069]


@case(7, "terminal: escape sequences and rich markup in titles and ids")
def terminal_escapes(args: argparse.Namespace) -> None:
    import contextlib
    import io

    from crosswire.cli import main as cli
    from crosswire.render import brief_to_text

    title = "Deal " + " ".join(ESCAPES)
    ids = ("r1\x1b]0;id-title\x07", "r2\x1b[2J")
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "t.db")
        _hostile_store(Path(db), ids=ids, title=title)
        runs = {"stories --singles": ["stories", "--singles", "--db", db],
                "search Tokyo": ["search", "Tokyo", "--db", db],
                "show --format text": ["show", "s-hostile", "--format", "text", "--db", db]}
        for label, argv in runs.items():
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = cli(argv)
            found = _controls(out.getvalue())
            print(f"  {label}: exit {status}, {len(found)} control characters on stdout "
                  f"{sorted({f'U+{ord(c):04X}' for c in found})}")
            first = next((ln for ln in out.getvalue().splitlines() if "Deal" in ln
                          or "r1" in ln), "")
            print(f"      {first.strip()[:140]!r}")
    coloured = brief_to_text(hostile_brief(ids=ids, title=title), color=True)
    print(f"  brief_to_text(color=True): OSC 8 hyperlink to evil.example: "
          f"{'yes' if chr(27) + ']8;' in coloured and 'evil.example' in coloured else 'no'}; "
          f"rich markup taken as markup: {'no' if '[link=' in coloured else 'yes'}")


# ---------------------------------------------------------------- 9: the web app

def _resolve(page: str, href: str) -> str:
    """Where a browser goes from ``page`` on ``href`` (it treats %2e as a dot too)."""
    from urllib.parse import urljoin, urlsplit

    parts = urlsplit(urljoin(page, href.replace("%2e", ".").replace("%2E", ".")))
    return parts.path + (f"?{parts.query}" if parts.query else "")


@case(9, "web: /docs CDN scripts, foreign Host, nosniff, HEAD, a huge offset, dot-segment ids")
def web_surface(args: argparse.Namespace) -> None:
    import re

    from fastapi.testclient import TestClient

    from crosswire.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "w.db"
        _hostile_store(db, ids=("..", "../../../api/stories"), title="Deal done")
        client = TestClient(create_app(db_path=db), base_url="http://127.0.0.1:8000",
                            raise_server_exceptions=False, follow_redirects=False)
        for url in ("/docs", "/redoc"):
            got = client.get(url)
            cdn = re.findall(r'<script[^>]+src="(https?://[^"]+)"', got.text)
            print(f"  GET {url}: {got.status_code}, CSP "
                  f"{got.headers.get('content-security-policy', 'none')!r:.40}, CDN scripts "
                  f"{cdn}")
        for host in ("evil.example", "127.0.0.1:8000"):
            got = client.get("/api/stories/", headers={"host": host})
            print(f"  GET /api/stories/ with Host {host}: {got.status_code} "
                  f"location={got.headers.get('location')} "
                  f"nosniff={got.headers.get('x-content-type-options') == 'nosniff'}")
        for url in ("/", "/api/stories", "/api/stories/nope", "/openapi.json"):
            got = client.get(url)
            print(f"  GET {url}: {got.status_code}, X-Content-Type-Options "
                  f"{got.headers.get('x-content-type-options')}")
        for url in ("/", "/api/stories", "/stories/s-hostile"):
            got = client.head(url)
            print(f"  HEAD {url}: {got.status_code}, body {len(got.content)} bytes, "
                  f"content-type {got.headers.get('content-type')}")
        for query in ("offset=99999999999999999999", "limit=99999999999999999999",
                      "offset=-1", "offset=1000000000"):
            print(f"  GET /api/stories?{query}: {client.get('/api/stories?' + query).status_code}")
        page = "http://127.0.0.1:8000/stories/s-hostile"
        hrefs = sorted(set(re.findall(r'href="(/articles/[^"]*)"', client.get(page).text)))
        for href in hrefs:
            path = _resolve(page, href)
            got = client.get(path)
            shows = "the article" if got.status_code == 200 and "Officials in Tokyo" in got.text \
                else f"{got.status_code} {got.headers.get('content-type', '')[:16]}"
            print(f"  link {href!r} resolves to {path!r}: {shows}")


# ---------------------------------------------------------------- 8: a report with no punctuation

_BRIEF_CHILD = """
import json, resource, sys, time
from crosswire.cli import main
start = time.monotonic()
code = main(["brief", sys.argv[1], "--format", "json", "-o", sys.argv[2]])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"code": code, "peak_mib": peak, "seconds": time.monotonic() - start}))
"""


def unpunctuated(chars: int) -> str:
    """The seed reports with every mark of punctuation and line break gone, repeated to
    ``chars`` characters (tests/pipeline/test_bounds.py makes a smaller one alike)."""
    seeds = Path(__file__).resolve().parents[1] / "examples" / "ishiba-visit"
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("0*.txt")))
    words = re.sub(r"[^\w\s]", " ", text).split()
    return " ".join(words * (chars // len(" ".join(words)) + 1))[:chars].rstrip()


@case(8, "a report with no punctuation: time, peak memory and the brief's size")
def run_on_report(args: argparse.Namespace) -> None:
    import crosswire

    src = str(Path(crosswire.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [src, *filter(None, [os.environ.get("PYTHONPATH")])])}
    with tempfile.TemporaryDirectory() as tmp:
        report, out = Path(tmp) / "run-on.txt", Path(tmp) / "brief.json"
        report.write_text(unpunctuated(args.runon_chars), encoding="utf-8")
        done = subprocess.run([sys.executable, "-c", _BRIEF_CHILD, str(report), str(out)],
                              capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0 or not out.exists():
            print(f"  crashed: {done.stderr.strip().splitlines()[-1:]}")
            return
        got = json.loads(done.stdout.strip().splitlines()[-1])
        size_in, size_out = report.stat().st_size, out.stat().st_size
        brief = json.loads(out.read_text(encoding="utf-8"))
    print(f"  {size_in / 1e6:.2f} MB in ({args.runon_chars} characters, no punctuation): "
          f"{got['seconds']:.1f} s, peak {got['peak_mib']:.0f} MiB, exit {got['code']}")
    print(f"  brief: {size_out / 1e6:.2f} MB ({size_out / size_in:.1f} times the input)")
    for key in ("facts", "summary", "quotes", "timeline"):
        items = brief.get(key) or []
        longest = max((len(i.get("text", "")) for i in items), default=0)
        print(f"    {key:9} {len(items):3} kept, the longest {longest} characters")
    flags = sorted({f for s in brief.get("sources", []) for f in s.get("flags", [])})
    print(f"  source flags: {flags}; notes: {brief.get('notes')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=",".join(str(n) for n in sorted(CASES)))
    parser.add_argument("--bomb-mib", type=int, default=1024)
    parser.add_argument("--memory-cap-mib", type=int, default=4096,
                        help="address-space cap of the child that reads a bomb")
    parser.add_argument("--drip-deadline", type=float, default=8.0)
    parser.add_argument("--ingest-trials", type=int, default=10,
                        help="pairs of concurrent ingests (case 5)")
    parser.add_argument("--halves-trials", type=int, default=3,
                        help="pairs of concurrent ingests of the two halves of a folder (case 5)")
    parser.add_argument("--hold-s", type=float, default=15.0,
                        help="how long another connection holds a write transaction (case 5)")
    parser.add_argument("--drip-give-up", type=float, default=60.0,
                        help="stop waiting for a fetch that has no deadline after this long")
    parser.add_argument("--runon-chars", type=int, default=395_000,
                        help="case 8: characters of the report with no punctuation")
    args = parser.parse_args(argv)
    for number in (int(n) for n in args.cases.split(",") if n.strip()):
        probe = CASES[number]
        print(f"case {probe.number}: {probe.title}")
        probe.run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
