"""Known junk lines of the raw Multi-News documents are removed by clean_document."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from crosswire.models import RawDocument, Rejection
from crosswire.stages.clean import clean_document

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
MULTINEWS = SHARED / "data" / "summaries" / "multinews_validation.jsonl"
needs_shared = pytest.mark.skipif(
    not MULTINEWS.exists() and os.environ.get("CI") != "true",
    reason="../shared/data/summaries/multinews_validation.jsonl is not beside the project",
)
JUNK = re.compile(
    r"Tweet with a location|You can add location information to your Tweets"
    r"|delete your Tweet location history|^(?:Read or )?Share this\b|^Advertisement$"
    r"|Sign up for our .*newsletter",
    re.IGNORECASE,
)


def _documents() -> list[tuple[str, str]]:
    out = []
    with MULTINEWS.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            for n, text in enumerate(record["documents"]):
                out.append((f"{record['cluster_id']}:{n}", text))
    return out


@needs_shared
def test_known_junk_lines_are_removed() -> None:
    docs = [(doc_id, text) for doc_id, text in _documents() if JUNK.search(text)]
    assert len(docs) >= 10  # the sample really carries such junk
    for doc_id, text in docs:
        article = clean_document(doc=RawDocument(id=doc_id, text=text))
        if isinstance(article, Rejection):  # the page was nothing but furniture
            assert article.reason == "not-article", (doc_id, article)
            continue
        left = [ln for ln in article.text.split("\n") if JUNK.search(ln)]
        assert not left, (doc_id, left)
        assert any(JUNK.search(seg.text) for seg in article.removed), doc_id
        assert {seg.reason for seg in article.removed} <= {
            "share", "newsletter", "advertisement", "comment-box", "related", "copyright",
            "boilerplate", "image", "image-caption", "separator", "title", "repeated-headline",
            "repeated-paragraph", "credit", "byline", "header", "dateline", "timestamp",
            "shortcode", "gallery", "player", "video-teaser", "embedded-post", "sidebar",
            "promo", "author-bio", "disclaimer", "helpline", "paywall", "pull-quote",
        }
