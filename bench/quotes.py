"""Quote attribution quality and speed on PolNeAR (``../shared/data/quotes/``).

    python bench/quotes.py                      # train and dev, all articles
    python bench/quotes.py --split train --limit 100
    python bench/quotes.py --cache /tmp/polnear-parses  # parse once, reuse (speed = no parse)
    python bench/quotes.py --learn src/crosswire/stages/quotes/lexicon.py   # relearn on train

Metric (defined here, computed by this script only):

* Tokens are ``\\w+`` runs of the article text; a span set becomes the set of token indices that
  start inside it.
* Gold: each annotator's attributions of an article (PolNeAR has one annotator for most articles,
  five or six for a few). A gold attribution's content is the union of its content spans (split
  quotes are one attribution); attributions without content are left out.
* Predicted: the quotes of ``extract_quotes``; quotes sharing a speaker span and cue word form one
  predicted attribution (the parts of a split quote), like PolNeAR's multi-part contents.
* Match: token F1 between a predicted and a gold content >= 0.5; per annotator, pairs are matched
  one-to-one, greedily by F1 (highest first).
* Precision = predicted attributions matched for at least one annotator / predicted.
  Recall = gold attributions matched / gold attributions (summed over annotators). F1 = 2PR/(P+R).
* Mean overlap F1 = the mean token F1 of the matched pairs; soft recall = the mean, over gold
  attributions, of the best token F1 any prediction reaches (0 when none overlaps).
* Token-level content F1: per article, the gold tokens are the union of every annotator's
  content tokens and the predicted tokens the union of all predicted contents; precision = share
  of predicted tokens inside gold, recall = share of gold tokens predicted, both summed over the
  corpus (micro) before dividing; F1 = 2PR/(P+R). Attribution boundaries play no part here.
* Speaker accuracy = over matched pairs whose gold attribution has a source span, the share where
  the predicted ``speaker_span`` shares at least one token with that source span (a pronoun
  speaker counts at its own place in the text, as PolNeAR marks it).
* Speed: articles per second of ``extract_quotes`` alone (parse included), one process.

Learning (``--learn``, train only): every reported-speech candidate of ``quote_candidates`` is
labelled correct when its content reaches token F1 >= 0.5 with any annotator's content; keys
(``lemma/relation``) seen ``--min-count`` times are learned as cues when their precision is at
least ``--keep`` and rejected when below ``--drop``; other keys follow the hand lexicons.

Tune on train only; dev is reported, never tuned on (PolNeAR's request).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswire.models import Article, Quote
from crosswire.nlp import load_nlp
from crosswire.stages.quotes.config import QuoteConfig
from crosswire.stages.quotes.extract import extract_quotes, quote_candidates
from crosswire.stages.quotes.parse import parse_paragraphs

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "quotes"
_TOKEN = re.compile(r"\w+")
MATCH_F1 = 0.5


@dataclass(frozen=True, slots=True)
class Gold:
    content: frozenset[int]
    source: frozenset[int]


@dataclass(frozen=True, slots=True)
class Predicted:
    content: frozenset[int]
    speaker: frozenset[int]


@dataclass
class Tally:
    predicted: int = 0
    predicted_matched: int = 0
    gold: int = 0
    gold_matched: int = 0
    overlap_sum: float = 0.0
    soft_sum: float = 0.0
    speaker_checked: int = 0
    speaker_correct: int = 0
    tokens_predicted: int = 0
    tokens_predicted_in_gold: int = 0
    tokens_gold: int = 0
    tokens_gold_covered: int = 0
    articles: int = 0
    seconds: float = 0.0


def token_starts(text: str) -> list[int]:
    return [m.start() for m in _TOKEN.finditer(text)]


def token_set(starts: Sequence[int], spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    return frozenset(i for s, e in spans for i, at in enumerate(starts) if s <= at < e)


def f1(a: frozenset[int], b: frozenset[int]) -> float:
    common = len(a & b)
    return 0.0 if common == 0 else 2 * common / (len(a) + len(b))


def gold_of(record: dict[str, Any], starts: Sequence[int]) -> list[list[Gold]]:
    out = []
    for _annotator, attributions in sorted(record["annotations_by_annotator"].items()):
        golds = []
        for att in attributions:
            content = token_set(starts, ((c["start"], c["end"]) for c in att.get("content", [])))
            if content:
                source = token_set(starts, ((c["start"], c["end"]) for c in att.get("source", [])))
                golds.append(Gold(content, source))
        out.append(golds)
    return out


def predicted_of(quotes: Sequence[Quote], starts: Sequence[int]) -> list[Predicted]:
    groups: dict[object, list[Quote]] = {}
    for n, q in enumerate(quotes):
        span = q.speaker_span
        key = (span.start, span.end, q.cue) if span is not None else n
        groups.setdefault(key, []).append(q)
    out = []
    for members in groups.values():
        content = token_set(starts, ((s.start, s.end) for q in members for s in q.spans))
        first = members[0].speaker_span
        speaker = token_set(starts, [(first.start, first.end)]) if first else frozenset()
        if content:
            out.append(Predicted(content, speaker))
    return out


def match(preds: Sequence[Predicted], golds: Sequence[Gold]) -> list[tuple[int, int, float]]:
    pairs = sorted(
        ((f1(p.content, g.content), i, j) for i, p in enumerate(preds)
         for j, g in enumerate(golds)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for score, i, j in pairs:
        if score < MATCH_F1:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j, score))
    return out


def score_tokens(tally: Tally, preds: Sequence[Predicted], annotators: list[list[Gold]]) -> None:
    """Token-level content overlap against the union of every annotator's gold content."""
    gold = frozenset().union(*(g.content for golds in annotators for g in golds))
    predicted = frozenset().union(*(p.content for p in preds))
    tally.tokens_predicted += len(predicted)
    tally.tokens_predicted_in_gold += len(predicted & gold)
    tally.tokens_gold += len(gold)
    tally.tokens_gold_covered += len(gold & predicted)


def score_article(tally: Tally, preds: Sequence[Predicted], annotators: list[list[Gold]]) -> None:
    score_tokens(tally, preds, annotators)
    matched_preds: set[int] = set()
    tally.predicted += len(preds)
    for golds in annotators:
        tally.gold += len(golds)
        for g in golds:
            tally.soft_sum += max((f1(p.content, g.content) for p in preds), default=0.0)
        for i, j, score in match(preds, golds):
            matched_preds.add(i)
            tally.gold_matched += 1
            tally.overlap_sum += score
            if golds[j].source:
                tally.speaker_checked += 1
                tally.speaker_correct += bool(preds[i].speaker & golds[j].source)
    tally.predicted_matched += len(matched_preds)


def records(path: Path, window: tuple[int, int | None]) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if window[1] is not None and n >= window[1]:
                break
            if n >= window[0]:
                yield json.loads(line)


def parsed(*, path: Path, nlp: Any, window: tuple[int, int | None],
           cache: Path | None) -> Iterator[tuple[dict[str, Any], Any]]:
    """Records with their parse: ``None`` (parsed when extracting) unless ``cache`` is given,
    then parses stored as a spaCy DocBin under ``cache`` (made on first use) are reused."""
    if cache is None:
        for record in records(path, window):
            yield record, None
        return
    from spacy.tokens import DocBin

    name = f"{path.stem}-{window[0]}-{window[1] or 'end'}.spacy"
    store = cache / name
    chosen = list(records(path, window))
    if not store.exists():
        cache.mkdir(parents=True, exist_ok=True)
        docs = DocBin(docs=[parse_paragraphs(nlp=nlp, text=r["text"]) for r in chosen])
        store.write_bytes(docs.to_bytes())
    docs = list(DocBin().from_bytes(store.read_bytes()).get_docs(nlp.vocab))
    yield from zip(chosen, docs, strict=True)


def evaluate(*, path: Path, nlp: Any, config: QuoteConfig, window: tuple[int, int | None],
             cache: Path | None = None) -> Tally:
    tally = Tally()
    for record, doc in parsed(path=path, nlp=nlp, window=window, cache=cache):
        article = Article(id=record["doc_id"], text=record["text"])
        started = time.perf_counter()
        quotes = extract_quotes(article=article, nlp=nlp, config=config, doc=doc)
        tally.seconds += time.perf_counter() - started
        tally.articles += 1
        starts = token_starts(article.text)
        score_article(tally, predicted_of(quotes, starts), gold_of(record, starts))
    return tally


def key_counts(*, path: Path, nlp: Any, config: QuoteConfig, window: tuple[int, int | None],
               cache: Path | None = None) -> dict[str, tuple[int, int]]:
    """Per candidate key: (times seen, times correct) on the records of ``window``."""
    counts: dict[str, tuple[int, int]] = {}
    for record, doc in parsed(path=path, nlp=nlp, window=window, cache=cache):
        article = Article(id=record["doc_id"], text=record["text"])
        starts = token_starts(article.text)
        golds = [g.content for annotator in gold_of(record, starts) for g in annotator]
        for key, quote in quote_candidates(article=article, nlp=nlp, config=config, doc=doc):
            content = token_set(starts, [(quote.spans[0].start, quote.spans[0].end)])
            hit = any(f1(content, g) >= MATCH_F1 for g in golds)
            seen, right = counts.get(key, (0, 0))
            counts[key] = (seen + 1, right + int(hit))
    return counts


def lexicon(counts: dict[str, tuple[int, int]], *, min_count: int, keep: float,
            drop: float) -> tuple[list[str], list[str]]:
    frequent = {k: v for k, v in counts.items() if v[0] >= min_count}
    learned = sorted(k for k, (n, h) in frequent.items() if h / n >= keep)
    rejected = sorted(k for k, (n, h) in frequent.items() if h / n < drop)
    return learned, rejected


def _frozenset_source(name: str, keys: Sequence[str]) -> str:
    lines = [f"{name}: frozenset[str] = frozenset(", "    {"]
    line = "       "
    for key in keys:
        item = f" {json.dumps(key)},"
        if len(line) + len(item) > 99:
            lines.append(line)
            line = "       "
        line += item
    if line.strip():
        lines.append(line)
    lines += ["    }", ")"]
    return "\n".join(lines) if keys else f"{name}: frozenset[str] = frozenset()"


def write_lexicon(out: Path, learned: Sequence[str], rejected: Sequence[str], note: str) -> None:
    head = (
        '"""Cue keys (``lemma/relation``) learned on PolNeAR train by '
        "``bench/quotes.py --learn``.\n"
        "\n"
        f"{note}\n"
        "Regenerate deliberately; the hand lexicons of :mod:`crosswire.stages.quotes.config`\n"
        'apply to keys listed in neither set.\n"""\n\n'
        "from __future__ import annotations\n\n"
        '__all__ = ["LEARNED_CUES", "REJECTED_CUES"]\n\n'
    )
    body = _frozenset_source("LEARNED_CUES", learned) + "\n" + _frozenset_source(
        "REJECTED_CUES", rejected)
    out.write_text(head + body + "\n", encoding="utf-8")


def report(name: str, t: Tally) -> None:
    p = t.predicted_matched / t.predicted if t.predicted else 0.0
    r = t.gold_matched / t.gold if t.gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    overlap = t.overlap_sum / t.gold_matched if t.gold_matched else 0.0
    soft = t.soft_sum / t.gold if t.gold else 0.0
    speaker = t.speaker_correct / t.speaker_checked if t.speaker_checked else 0.0
    speed = t.articles / t.seconds if t.seconds else 0.0
    tp = t.tokens_predicted_in_gold / t.tokens_predicted if t.tokens_predicted else 0.0
    tr = t.tokens_gold_covered / t.tokens_gold if t.tokens_gold else 0.0
    tf = 2 * tp * tr / (tp + tr) if tp + tr else 0.0
    print(
        f"{name:6s} articles={t.articles} gold={t.gold} predicted={t.predicted} "
        f"speed={speed:.1f} articles/s\n"
        f"  attribution-level (content token-F1 >= {MATCH_F1}, any annotator): "
        f"P={p:.3f} R={r:.3f} F1={f:.3f} mean-overlap-F1={overlap:.3f} soft-recall={soft:.3f}\n"
        f"  token-level content (vs union of annotators): P={tp:.3f} R={tr:.3f} F1={tf:.3f}\n"
        f"  speaker accuracy on matched attributions: {speaker:.3f} (n={t.speaker_checked})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["train", "dev", "both"], default="both")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each split")
    parser.add_argument("--start", type=int, default=0, help="skip the first N articles")
    parser.add_argument("--direct-only", action="store_true", help="no reported speech")
    parser.add_argument("--learn", type=Path, default=None,
                        help="learn the cue lexicon on train and write it to this module")
    parser.add_argument("--cache", type=Path, default=None,
                        help="reuse spaCy parses stored here (speed then excludes parsing)")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--keep", type=float, default=0.6)
    parser.add_argument("--drop", type=float, default=0.35)
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"PolNeAR data not found at {DATA}", file=sys.stderr)
        return 2
    nlp = load_nlp()
    window = (args.start, None if args.limit is None else args.start + args.limit)
    if args.learn is not None:
        counts = key_counts(path=DATA / "polnear_train.jsonl", nlp=nlp, config=QuoteConfig(),
                            window=window, cache=args.cache)
        learned, rejected = lexicon(counts, min_count=args.min_count, keep=args.keep,
                                    drop=args.drop)
        note = (f"Train articles {window[0]}..{window[1] or 'end'}; min count {args.min_count}, "
                f"keep >= {args.keep}, drop < {args.drop}.")
        write_lexicon(args.learn, learned, rejected, note)
        print(f"learned {len(learned)} cue keys, rejected {len(rejected)} -> {args.learn}")
        return 0
    config = QuoteConfig(indirect=not args.direct_only)
    splits = ["train", "dev"] if args.split == "both" else [args.split]
    for split in splits:
        tally = evaluate(path=DATA / f"polnear_{split}.jsonl", nlp=nlp, config=config,
                         window=window, cache=args.cache)
        report(split, tally)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
