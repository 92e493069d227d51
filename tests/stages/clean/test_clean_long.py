"""Run-on sentences are cut into paragraphs of bounded length, losing no text (issue 23, 8)."""

from __future__ import annotations

import random

from crosswire.models import Article, RawDocument
from crosswire.stages.clean import CleanConfig, clean_document
from crosswire.stages.clean.long import split_long_sentences
from crosswire.text.sentences import split_sentences

WORDS = "the minister said officials in Tokyo reported 42 people were hurt on Monday".split()


def run_on(chars: int, *, seed: int = 8) -> str:
    """Words with no punctuation at all, about ``chars`` characters long."""
    rng = random.Random(seed)
    out: list[str] = []
    while sum(map(len, out)) + len(out) < chars:
        out.append(rng.choice(WORDS))
    return " ".join(out)


def test_a_run_on_sentence_becomes_paragraphs_within_the_limit_and_keeps_every_word() -> None:
    text = "A short lead.\n" + run_on(5_000) + "\nThe end."
    cut, n = split_long_sentences(text=text, max_chars=300)
    assert n == 1
    assert max(len(line) for line in cut.split("\n")) <= 300
    assert max(len(s.text) for s in split_sentences(cut)) <= 300
    assert cut.split() == text.split()  # only spaces became line breaks
    assert cut.startswith("A short lead.\n") and cut.endswith("\nThe end.")


def test_cuts_fall_at_clause_breaks_when_there_are_some() -> None:
    clause = "officials said the talks went on through the night, "
    cut, _ = split_long_sentences(text=clause * 20, max_chars=200)
    assert all(line.endswith(",") for line in cut.split("\n")[:-1])


def test_a_run_with_no_space_is_cut_after_the_limit_and_cjk_at_its_commas() -> None:
    cut, n = split_long_sentences(text="x" * 450, max_chars=200)
    assert n == 1 and [len(line) for line in cut.split("\n")] == [200, 200, 50]
    cut, _ = split_long_sentences(text="東京で会議が開かれ、" * 40, max_chars=100)
    assert all(line.endswith("、") for line in cut.split("\n"))


def test_ordinary_text_and_a_limit_of_zero_are_left_as_they_are() -> None:
    text = "One sentence. Another, longer one, with clauses; and a dash - here.\nNext."
    assert split_long_sentences(text=text, max_chars=60) == (text, 0)  # a line over 60: fine
    long = run_on(1000)
    assert split_long_sentences(text=long, max_chars=0) == (long, 0)


def test_cleaning_cuts_run_ons_and_flags_the_article() -> None:
    doc = RawDocument(id="r", text="Title of it\n\n" + run_on(3_000), title="Title of it")
    article = clean_document(doc=doc, config=CleanConfig(max_sentence_chars=500))
    assert isinstance(article, Article)
    assert "long-sentences-split" in article.flags
    assert max(len(line) for line in article.text.split("\n")) <= 500
    plain = clean_document(doc=RawDocument(id="p", text="A normal report. It ends."))
    assert isinstance(plain, Article) and "long-sentences-split" not in plain.flags
