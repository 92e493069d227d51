"""Multi-News summary quality: crosswire against LEAD-3, LexRank, TextRank and random.

Usage:  .venv/bin/python bench/summaries.py [--data PATH] [--limit N] [--systems a,b,...]

Data: ../shared/data/summaries/multinews_validation.jsonl (250 clusters; ``documents`` is a
list of raw scraped articles, paragraphs separated by " \\n \\n "; ``summary`` is the
editor-written reference).

Protocol (the same for every system):
- every raw document is cleaned with crosswire.stages.clean.document.clean_document when importable
  (else a trivial fallback: one stripped non-empty line per paragraph); every system sees
  the same cleaned articles and the same sentence splitter (crosswire.text.split_sentences);
- origin groups for crosswire: crosswire.stages.lineage.trace.trace_lineage when importable, else
  every document its own origin;
- length: N = number of whitespace words of the reference summary; every system's output
  is joined with spaces and cut to its first N whitespace words. Baselines take their
  sentences in rank order until they hold at least N words (LEAD-3: the first three
  sentences of every document, in document order). crosswire is run with
  SummaryConfig(words=N): its budget is a hard cap, so its output holds at most N words
  and the cut never shortens it (a budget above N, then the cut, scored lower on tuning);
- ROUGE-1/2/L F1 from rouge-score (RougeScorer(["rouge1", "rouge2", "rougeL"],
  use_stemmer=True)), averaged over clusters, x100;
- tuning split: the first 125 clusters; held-out: the last 125; all 250 also reported.
- verify: every crosswire span must be verbatim in its article's cleaned text and the
  span of the sentence's own source must equal the sentence.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rouge_score import rouge_scorer

from crosswire.models import Article, RawDocument, SummarySentence
from crosswire.stages.summarize import SummaryConfig, summarize
from crosswire.text import split_sentences, words

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "summaries" / "multinews_validation.jsonl"
SLACK = 0
TUNE = 125
SEED = 13


@dataclass(frozen=True)
class Cluster:
    id: str
    articles: tuple[Article, ...]
    reference: str
    cleaner: str


def _fallback_clean(doc: RawDocument) -> Article:
    lines = [line.strip() for line in (doc.text or "").split("\n")]
    return Article(id=doc.id, text="\n".join(line for line in lines if line))


def _cleaner() -> tuple[str, Callable[[RawDocument], Article | None]]:
    try:
        from crosswire.stages.clean import clean_document
    except ImportError:
        return "fallback", _fallback_clean

    def clean(doc: RawDocument) -> Article | None:
        result = clean_document(doc=doc)
        return result if isinstance(result, Article) else None

    return "crosswire.stages.clean.document", clean


ORIGINS = "lineage"  # or "identity": every document its own origin (--origins)


def _origin_groups(articles: Sequence[Article]) -> tuple[str, dict[str, str]]:
    if ORIGINS == "identity":
        return "identity", {a.id: a.id for a in articles}
    try:
        from crosswire.stages.lineage import trace_lineage
    except ImportError:
        return "identity", {a.id: a.id for a in articles}
    lineages = trace_lineage(articles=articles)
    groups = {a.id: a.id for a in articles}
    groups.update({lin.article_id: lin.origin_group for lin in lineages})
    return "crosswire.stages.lineage.trace", groups


def load(path: Path, limit: int | None) -> list[Cluster]:
    name, clean = _cleaner()
    out = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh):
            if limit is not None and line_no >= limit:
                break
            rec = json.loads(line)
            arts = []
            for k, text in enumerate(rec["documents"]):
                art = clean(RawDocument(id=f"d{k}", text=text))
                if art is not None and art.text.strip():
                    arts.append(art)
            if not arts:  # the cleaner rejected everything: keep the fallback text
                arts = [_fallback_clean(RawDocument(id=f"d{k}", text=t))
                        for k, t in enumerate(rec["documents"])]
            out.append(Cluster(rec["cluster_id"], tuple(arts), rec["summary"], name))
    return out


def _sentences(arts: Sequence[Article]) -> list[tuple[str, int, str]]:
    """(article id, index, text) of every sentence, in document order."""
    return [(a.id, i, s.text) for a in arts for i, s in enumerate(split_sentences(a.text))]


def fill(ranked: Sequence[tuple[str, int, str]], n: int, *, doc_order: bool) -> list[str]:
    """Take ranked sentences until they hold n words; optionally restore document order."""
    taken: list[tuple[str, int, str]] = []
    total = 0
    for item in ranked:
        if total >= n:
            break
        taken.append(item)
        total += len(item[2].split())
    if doc_order:
        taken.sort(key=lambda t: (t[0], t[1]))
    return [t[2] for t in taken]


def cut(texts: Sequence[str], n: int) -> str:
    return " ".join(" ".join(texts).split()[:n])


# ---------------------------------------------------------------- systems


def sys_lead3(c: Cluster, n: int) -> list[str]:
    return [t for (_, i, t) in _sentences(c.articles) if i < 3]


def sys_lead_rr(c: Cluster, n: int) -> list[str]:
    """Round-robin lead: sentence 1 of every article, then sentence 2, ... (extra baseline)."""
    sents = sorted(_sentences(c.articles), key=lambda t: (t[1], t[0]))
    return fill(sents, n, doc_order=False)


def sys_random(c: Cluster, n: int) -> list[str]:
    sents = _sentences(c.articles)
    rng = random.Random(f"{SEED}:{c.id}")
    rng.shuffle(sents)
    return fill(sents, n, doc_order=True)


class _Tokenizer:
    """What sumy's PlaintextParser needs, on crosswire's splitter (no NLTK data)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.text for s in split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(w.text for w in words(sentence))


def _sumy_doc(c: Cluster) -> Any:
    from sumy.parsers.plaintext import PlaintextParser

    text = "\n\n".join(a.text for a in c.articles)
    return PlaintextParser.from_string(text, _Tokenizer()).document


def _sumy_rank(doc: Any, ratings: Sequence[float], n: int) -> list[str]:
    sents = [str(s) for s in doc.sentences]
    ranked = sorted(range(len(sents)), key=lambda i: (-ratings[i], i))
    return fill([("", i, sents[i]) for i in ranked], n, doc_order=True)


def _sumy_setup(summarizer: Any) -> Any:
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    s = summarizer(Stemmer("english"))
    s.stop_words = get_stop_words("english")
    return s


def sys_lexrank(c: Cluster, n: int) -> list[str]:
    from sumy.summarizers.lex_rank import LexRankSummarizer

    s = _sumy_setup(LexRankSummarizer)
    doc = _sumy_doc(c)
    sw = [s._to_words_set(x) for x in doc.sentences]
    if not sw:
        return []
    matrix = s._create_matrix(sw, s.threshold, s._compute_tf(sw), s._compute_idf(sw))
    return _sumy_rank(doc, list(s.power_method(matrix, s.epsilon)), n)


def sys_textrank(c: Cluster, n: int) -> list[str]:
    from sumy.summarizers.text_rank import TextRankSummarizer

    s = _sumy_setup(TextRankSummarizer)
    doc = _sumy_doc(c)
    if not doc.sentences:
        return []
    ratings = s.rate_sentences(doc)
    return _sumy_rank(doc, [ratings[x] for x in doc.sentences], n)


def crosswire_summary(
    c: Cluster, n: int, groups: dict[str, str]
) -> tuple[SummarySentence, ...]:
    return summarize(articles=c.articles, origin_groups=groups, config=SummaryConfig(words=n))


SYSTEMS: dict[str, Callable[[Cluster, int], list[str]]] = {
    "lead3": sys_lead3,
    "lead-rr": sys_lead_rr,
    "lexrank": sys_lexrank,
    "textrank": sys_textrank,
    "random": sys_random,
}


def verify(*, cluster: Cluster, summary: Sequence[SummarySentence]) -> list[str]:
    """Failures of a verify-like check of one crosswire summary (empty when it checks out)."""
    texts = {a.id: a.text for a in cluster.articles}
    bad = []
    for sent in summary:
        if tuple(sp.source for sp in sent.spans) != sent.sources:
            bad.append(f"{cluster.id}: sources differ from span sources")
        for sp in sent.spans:
            if sp.source not in texts or not 0 <= sp.start < sp.end <= len(texts[sp.source]):
                bad.append(f"{cluster.id}: span outside its text {sp}")
        if not any(texts.get(sp.source, "")[sp.start : sp.end] == sent.text for sp in sent.spans):
            bad.append(f"{cluster.id}: no span equals the sentence {sent.text[:60]!r}")
    return bad


def _brief_json(*, cluster: Cluster, summary: Sequence[SummarySentence]) -> dict[str, Any]:
    """The summary part of a brief (issue 2 shape), for `crosswire verify`."""
    return {
        "title": cluster.id,
        "sources": [{"id": a.id, "text": a.text} for a in cluster.articles],
        "summary": [
            {
                "text": s.text,
                "sources": list(s.sources),
                "spans": [
                    {"source": sp.source, "start": sp.start, "end": sp.end} for sp in s.spans
                ],
            }
            for s in summary
        ],
    }


@dataclass
class Results:
    rouge: dict[str, list[dict[str, float]]]
    failures: list[str]
    grouped: int  # clusters where lineage put two or more articles in one origin group


def evaluate(*, clusters: Sequence[Cluster], names: Sequence[str], write: Path | None) -> Results:
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    res = Results({name: [] for name in names}, [], 0)
    for c in clusters:
        n = len(c.reference.split())
        groups = _origin_groups(c.articles)[1]
        summary = crosswire_summary(c, n, groups)
        res.failures.extend(verify(cluster=c, summary=summary))
        res.grouped += len(set(groups.values())) < len(groups)
        if write is not None:
            path = write / f"{c.id}.json"
            path.write_text(json.dumps(_brief_json(cluster=c, summary=summary), indent=1))
        for name in names:
            picked = [s.text for s in summary] if name == "crosswire" else SYSTEMS[name](c, n)
            sc = scorer.score(c.reference, cut(picked, n))
            res.rouge[name].append({k: 100 * v.fmeasure for k, v in sc.items()})
    return res


def table(*, title: str, scores: dict[str, list[dict[str, float]]], lo: int, hi: int) -> None:
    print(f"\n{title}")
    print(f"{'system':<11} {'R-1':>6} {'R-2':>6} {'R-L':>6}")
    for name, rows in scores.items():
        part = rows[lo:hi]
        if part:
            means = [statistics.fmean(r[k] for r in part) for k in ("rouge1", "rouge2", "rougeL")]
            print(f"{name:<11} {means[0]:6.2f} {means[1]:6.2f} {means[2]:6.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    ap.add_argument("--systems", default=",".join(["crosswire", *SYSTEMS]))
    ap.add_argument("--write", type=Path, default=None, help="write one summary JSON per cluster")
    ap.add_argument("--origins", choices=["lineage", "identity"], default="lineage",
                    help="crosswire's origin groups: trace_lineage, or one per document")
    args = ap.parse_args(argv)
    global ORIGINS
    ORIGINS = args.origins
    if not args.data.exists():
        print(f"missing data: {args.data}", file=sys.stderr)
        return 2
    if args.write is not None:
        args.write.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    clusters = load(args.data, args.limit)
    names = [n for n in args.systems.split(",") if n]
    res = evaluate(clusters=clusters, names=names, write=args.write)
    lineage = _origin_groups(clusters[0].articles)[0]
    mean_n = statistics.fmean(len(c.reference.split()) for c in clusters)
    print(f"{len(clusters)} clusters, {sum(len(c.articles) for c in clusters)} articles")
    print(f"cleaner: {clusters[0].cleaner}; origin groups: {lineage} "
          f"({res.grouped} clusters with shared origins)")
    print(f"length: every output cut to the reference's N words (mean N = {mean_n:.1f})")
    k = len(clusters)
    table(title=f"tuning split: clusters 1-{min(TUNE, k)}", scores=res.rouge, lo=0, hi=TUNE)
    table(title=f"held-out split: clusters {TUNE + 1}-{k}", scores=res.rouge, lo=TUNE, hi=k)
    table(title=f"all {k} clusters", scores=res.rouge, lo=0, hi=k)
    print(f"\nverify: {len(res.failures)} failures")
    for f in res.failures[:10]:
        print("  " + f)
    print(f"time: {time.perf_counter() - t0:.1f}s")
    return 1 if res.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
