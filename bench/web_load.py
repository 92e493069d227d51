"""Loopback load test of the web app: a bounded number of requests on the story page.

Starts uvicorn in a child process on 127.0.0.1 (never any other address) over a store (by
default a fresh one holding examples/ishiba-visit/), then sends ``--requests`` GETs from
``--clients`` concurrent httpx clients and prints requests/s, p50/p99 latency and the error
count (any status but 200, or any exception). Exits 1 when there was an error.

    python bench/web_load.py                      # 2,000 requests, 4 clients, the seed story
    python bench/web_load.py --requests 500 --clients 2 --path /
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only, by design
_SERVER = (
    "import sys, uvicorn\n"
    "from pathlib import Path\n"
    "from crosswire.web.app import create_app\n"
    "uvicorn.run(create_app(db_path=Path(sys.argv[1])), host='127.0.0.1',"
    " port=int(sys.argv[2]), log_level='warning', access_log=False)\n"
)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _seed_store(folder: Path) -> Path:
    from crosswire.store import open_store
    from crosswire.store.ingest import ingest_paths

    db = folder / "bench.db"
    with open_store(path=db) as store:
        ingest_paths(store=store, paths=[str(ROOT / "examples" / "ishiba-visit")])
    return db


def _wait_up(base: str, *, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/stories", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"the server at {base} did not come up in {timeout_s:.0f} s")


async def _client(
    *, base: str, path: str, todo: list[int], latencies: list[float], errors: list[str]
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30.0) as client:
        while todo:
            todo.pop()
            start = time.perf_counter()
            try:
                response = await client.get(path)
                if response.status_code != 200:
                    errors.append(f"HTTP {response.status_code}")
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
            latencies.append(time.perf_counter() - start)


async def _load(*, base: str, path: str, requests: int, clients: int) -> tuple[float, list[float],
                                                                                list[str]]:
    todo = list(range(requests))
    latencies: list[float] = []
    errors: list[str] = []
    start = time.perf_counter()
    await asyncio.gather(*(
        _client(base=base, path=path, todo=todo, latencies=latencies, errors=errors)
        for _ in range(clients)
    ))
    return time.perf_counter() - start, latencies, errors


def _story_path(base: str) -> str:
    stories = httpx.get(base + "/api/stories", timeout=10.0).json()
    if not stories:
        raise SystemExit("the store holds no story to load-test")
    biggest = max(stories, key=lambda s: (s["articles"], s["id"]))
    return f"/stories/{biggest['id']}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="store to serve (default: seed example)")
    parser.add_argument("--requests", type=int, default=2000, help="requests in all (2000)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (4)")
    parser.add_argument("--path", help="page to request (default: the biggest story's page)")
    args = parser.parse_args(argv)
    if not 1 <= args.requests <= 100_000 or not 1 <= args.clients <= 64:
        raise SystemExit("--requests must be 1..100000 and --clients 1..64")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or _seed_store(Path(tmp))
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-c", _SERVER, str(db), str(port)])
        base = f"http://{HOST}:{port}"
        try:
            _wait_up(base, timeout_s=60)
            path = args.path or _story_path(base)
            httpx.get(base + path, timeout=30.0)  # warm-up
            wall, lat, errors = asyncio.run(
                _load(base=base, path=path, requests=args.requests, clients=args.clients)
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    ms = sorted(x * 1000 for x in lat)
    p99 = ms[min(len(ms) - 1, int(round(0.99 * len(ms))) - 1)]
    print(f"page        {path}")
    print(f"requests    {len(ms)} ({args.clients} concurrent clients, loopback {HOST})")
    print(f"wall        {wall:.2f} s")
    print(f"throughput  {len(ms) / wall:.1f} requests/s")
    p50 = statistics.median(ms)
    print(f"latency     p50 {p50:.1f} ms   p99 {p99:.1f} ms   max {ms[-1]:.1f} ms")
    print(f"errors      {len(errors)}" + (f" ({', '.join(sorted(set(errors)))})" if errors else ""))
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
