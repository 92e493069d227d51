"""Article-body extraction: crosswire's HTML path against trafilatura alone, side by side.

    python bench/extraction.py [--limit N] [--split all|even|odd]
                               [--datasets scrapinghub,trafilatura_eval]
                               [--systems trafilatura,crosswire,cw-balanced]

Datasets (read from ../shared/data/extraction/, never copied into the project):
- scrapinghub.jsonl.gz: 181 pages with a human-checked body; metric of the benchmark
  (scrapinghub/article-extraction-benchmark): \\w+ tokens, 4-gram shingle multisets, per page
  TP/FP/FN normalised to sum 1, precision and recall averaged over pages, F1 of the two means.
  The metric is checked first against the benchmark's stored trafilatura 2.0.0 outputs
  (published F1 0.958).
- trafilatura_eval.jsonl.gz: 990 pages with snippets that must (``with``) or must not
  (``without``) appear; whitespace-normalised substring matching, counts summed over pages.

All systems see the same pages in the same process, interleaved page by page with the order
of the systems alternating; pages/s is wall time of extraction only; cpu ratio is CPU time
(process_time) against the first system, steadier than wall time on a shared machine.
``--split even|odd`` scores every other page only: a change that helps should help on both.
Goals (issue 3): F1 >= 0.972 on scrapinghub, >= 0.94 on trafilatura_eval, cpu ratio <= 1.1.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "extraction"
_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

Extractor = Callable[[str | bytes, str | None], str]


@dataclass(frozen=True)
class Page:
    id: str
    url: str | None
    html: str | bytes
    gold: str = ""
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def _jsonl(path: Path) -> Iterator[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def load_scrapinghub(limit: int | None) -> list[Page]:
    pages = [
        Page(str(r["id"]), str(r.get("url") or "") or None, str(r["html"]), str(r["gold_text"]))
        for r in _jsonl(DATA / "scrapinghub.jsonl.gz")
    ]
    return pages[:limit]


def _snippets(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = json.loads(value) if value.startswith("[") else [value]
    return tuple(str(v) for v in value or [])  # type: ignore[union-attr]


def load_trafilatura_eval(limit: int | None) -> list[Page]:
    pages = []
    for r in _jsonl(DATA / "trafilatura_eval.jsonl.gz"):
        html: str | bytes = (base64.b64decode(str(r["html_b64"])) if r.get("html_b64")
                             else str(r["html"]))
        url = str(r["url"])
        pages.append(Page(url, url if url.startswith("http") else None, html,
                          with_=_snippets(r.get("with")), without=_snippets(r.get("without"))))
    return pages[:limit]


# --- the scrapinghub metric -------------------------------------------------------------

def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_counts(*, gold: str, predicted: str) -> tuple[float, float, float]:
    """TP, FP, FN over 4-gram shingle multisets, normalised to sum to 1."""
    true, pred = _shingles(gold), _shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _ratio(hit: float, miss: float, other: float) -> float:
    if miss == other == 0:
        return 1.0
    return hit / (hit + miss) if hit + miss else 0.0


def shingle_score(counts: list[tuple[float, float, float]]) -> Score:
    precisions = [_ratio(tp, fp, fn) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [_ratio(tp, fn, fp) for tp, fp, fn in counts if tp + fn > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0)


# --- the trafilatura_eval metric --------------------------------------------------------

def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def snippet_score(pages: list[Page], outputs: list[str]) -> Score:
    tp = fn = fp = 0
    for page, out in zip(pages, outputs, strict=True):
        text = _norm(out)
        for snippet in page.with_:
            if _norm(snippet) in text:
                tp += 1
            else:
                fn += 1
        fp += sum(_norm(s) in text for s in page.without)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0)


# --- the two systems --------------------------------------------------------------------

def trafilatura_alone(html: str | bytes, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False) or ""


def _crosswire(html: str | bytes, url: str | None, *, precision: bool) -> str:
    from crosswire.models import Article, RawDocument
    from crosswire.stages.clean import CleanConfig, clean_document
    from crosswire.stages.clean.html import decode_html

    text = decode_html(html) if isinstance(html, bytes) else html
    config = CleanConfig(html_favor_precision=precision)
    result = clean_document(doc=RawDocument(id="page", html=text, url=url), config=config)
    return result.text if isinstance(result, Article) else ""


def crosswire_path(html: str | bytes, url: str | None) -> str:
    """crosswire's HTML path with its default settings (the cleaned Article.text)."""
    return _crosswire(html, url, precision=True)


def crosswire_balanced(html: str | bytes, url: str | None) -> str:
    """The same with CleanConfig(html_favor_precision=False)."""
    return _crosswire(html, url, precision=False)


SYSTEMS: dict[str, Extractor] = {
    "trafilatura": trafilatura_alone,
    "crosswire": crosswire_path,
    "cw-balanced": crosswire_balanced,
}


def run(systems: list[str], pages: list[Page]) -> dict[str, tuple[list[str], float, float]]:
    """Every system on every page, interleaved page by page so that load on a shared machine
    falls on all systems alike; the order of the systems alternates from page to page."""
    outputs: dict[str, list[str]] = {name: [] for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    cpu = dict.fromkeys(systems, 0.0)
    for n, page in enumerate(pages):
        for name in systems if n % 2 == 0 else systems[::-1]:
            start, start_cpu = time.perf_counter(), time.process_time()
            out = SYSTEMS[name](page.html, page.url)
            seconds[name] += time.perf_counter() - start
            cpu[name] += time.process_time() - start_cpu
            outputs[name].append(out)
    return {name: (outputs[name], seconds[name], cpu[name]) for name in systems}


def check_metric() -> None:
    path = DATA / "scrapinghub_reference_outputs.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        reference = json.load(handle)["trafilatura"]
    gold = {p.id: p.gold for p in load_scrapinghub(None)}
    counts = [page_counts(gold=g, predicted=reference["output"].get(k) or "")
              for k, g in sorted(gold.items())]
    score = shingle_score(counts)
    print(f"metric check: stored trafilatura {reference['version']} outputs score "
          f"F1 {score.f1:.3f} (P {score.precision:.3f} R {score.recall:.3f}); published 0.958")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    parser.add_argument("--datasets", default="scrapinghub,trafilatura_eval")
    parser.add_argument("--systems", default="trafilatura,crosswire",
                        help="the first is the baseline of the cpu ratio (also: cw-balanced)")
    parser.add_argument("--split", choices=("all", "even", "odd"), default="all",
                        help="every page, or every other page (held-out style halves)")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"no data at {DATA}", file=sys.stderr)
        return 2
    check_metric()
    loaders = {"scrapinghub": load_scrapinghub, "trafilatura_eval": load_trafilatura_eval}
    for name in args.datasets.split(","):
        pages = loaders[name](args.limit)
        if args.split != "all":
            pages = pages[args.split == "odd" :: 2]
        print(f"\n{name}: {len(pages)} pages")
        print(f"  {'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8} {'wall':>7} "
              f"{'cpu':>7} {'cpu ratio':>9}")
        systems = args.systems.split(",")
        for name_ in systems:  # warm up imports and caches outside the timing
            SYSTEMS[name_](pages[0].html, pages[0].url)
        results = run(systems, pages)
        for system in systems:
            outputs, seconds, cpu = results[system]
            if name == "scrapinghub":
                score = shingle_score([page_counts(gold=p.gold, predicted=o)
                                       for p, o in zip(pages, outputs, strict=True)])
            else:
                score = snippet_score(pages, outputs)
            base = results[systems[0]][2]
            print(f"  {system:<12} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
                  f"{len(pages) / seconds:8.1f} {seconds:6.1f}s {cpu:6.1f}s {cpu / base:8.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
