"""Resource bounds that follow text size (issue 23, case 8): a report with no punctuation is
not one sentence that every fact quotes whole, so a brief stays about as large as its input."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from crosswire import pipeline
from crosswire.config import Config
from crosswire.models import Article, Brief, RawDocument
from crosswire.render import verify_brief
from crosswire.serialize import brief_to_dict, brief_to_json
from tests.conftest import SEEDS


def unpunctuated(chars: int) -> str:
    """The seed reports with every mark of punctuation and line break gone, repeated to
    ``chars`` characters: one sentence, full of figures, dates and names."""
    seeds = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt")))
    words = re.sub(r"[^\w\s]", " ", seeds).split()
    return " ".join(words * (chars // len(" ".join(words)) + 1))[:chars].rstrip()


TEXT = unpunctuated(20_000)


def _texts(brief: Brief) -> list[str]:
    return [x.text for x in (*brief.facts, *brief.summary, *brief.quotes, *brief.timeline)]


def _brief(doc: RawDocument, *, nlp: Any, config: Config) -> Brief:
    run = pipeline.run(docs=[doc], config=config, nlp=nlp)
    assert len(run.briefs) == 1
    return run.briefs[0]


def test_a_report_with_no_punctuation_gives_a_brief_about_its_size(nlp: Any) -> None:
    config = Config()
    brief = _brief(RawDocument(id="run-on", text=TEXT), nlp=nlp, config=config)
    assert brief.facts  # it is briefed, not rejected
    assert max(map(len, _texts(brief))) <= config.clean.max_sentence_chars
    # before the bound: each timeline event and fact quoted all 20,000 characters (190 kB)
    assert len(brief_to_json(brief)) < 4 * len(TEXT)
    assert "long-sentences-split" in brief.sources[0].article.flags
    assert verify_brief(brief_to_dict(brief)) == []  # every span still points at its words


def test_a_record_cleaned_without_the_bound_has_its_run_ons_left_out_with_a_note(
    nlp: Any,
) -> None:
    text = TEXT[:6_000]
    cleaned = Article(id="old", text=text)  # e.g. from an older store: taken as it is
    config = Config()
    config = replace(config, brief=replace(config.brief, max_sentence_chars=1_000))
    brief = _brief(RawDocument(id="old", cleaned=cleaned), nlp=nlp, config=config)
    assert brief.sources[0].article.text == text
    assert all(len(t) <= 1_000 for t in _texts(brief))
    assert any(n.startswith("Left out: ") and "fact" in n for n in brief.notes), brief.notes
