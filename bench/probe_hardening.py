"""Replays the hardening cases of issue 23 against this checkout and prints what happened.

    python bench/probe_hardening.py [--cases 2,3,4,6] [--bomb-mib 1024] [--drip-deadline 8]
                                    [--memory-cap-mib 4096]

Loopback only: nothing leaves the machine (URL cases use 127.0.0.1, a mock transport, or
addresses that are refused before any connection). Each case is one function registered
with ``@case(number, title)``; add a case by writing one more. The cases:

2. The URL guard: a host whose DNS answer changes between the check and the connection
   (rebinding) is fetched from the address that was checked; IPv6 forms that embed an IPv4
   address are refused.
3. Gzip bombs: a ~1 MB gzip file of each format inflating to ``--bomb-mib`` MiB, read in a
   child process (its address space capped at ``--memory-cap-mib``); its peak resident
   memory (``ru_maxrss``), wall time and records.
4. A slow drip: a loopback server sends a byte every 2 s; the fetch's wall time against
   ``url_deadline_s``.
6. CSV rows: a field over the csv module's field-size limit, and a NUL byte, in the middle
   of a file: which rows are kept.

It probes the crosswire it imports (PYTHONPATH); settings that one does not have (an older
tree) are left out, so the script also shows the behaviour before the fixes.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=",".join(str(n) for n in sorted(CASES)))
    parser.add_argument("--bomb-mib", type=int, default=1024)
    parser.add_argument("--memory-cap-mib", type=int, default=4096,
                        help="address-space cap of the child that reads a bomb")
    parser.add_argument("--drip-deadline", type=float, default=8.0)
    parser.add_argument("--drip-give-up", type=float, default=60.0,
                        help="stop waiting for a fetch that has no deadline after this long")
    args = parser.parse_args(argv)
    for number in (int(n) for n in args.cases.split(",") if n.strip()):
        probe = CASES[number]
        print(f"case {probe.number}: {probe.title}")
        probe.run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
