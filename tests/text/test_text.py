from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from crosswire.text import normalize_for_match, normalize_whitespace, split_sentences


def test_sentences_keep_offsets_and_abbreviations() -> None:
    text = "The U.S. had a $68 billion deficit. Sen. Bill Hagerty joked.\n“It works,” he said."
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "The U.S. had a $68 billion deficit.",
        "Sen. Bill Hagerty joked.",
        "“It works,” he said.",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text


def test_titles_before_a_name_do_not_end_a_sentence(nlp: Any) -> None:
    text = ('"He was just wearing red shoes," LAPD Det. Christopher Barling said. '
            "Rev. Al Sharpton and Capt. Ann Lee came.")
    assert [s.text for s in split_sentences(text)] == [
        '"He was just wearing red shoes," LAPD Det. Christopher Barling said.',
        "Rev. Al Sharpton and Capt. Ann Lee came.",
    ]
    assert len(list(nlp(text).sents)) == 2  # the parser's sentences too


def test_sentences_end_at_chinese_full_stops_and_at_a_bare_no() -> None:
    text = "台风周一袭击了佛罗里达州。“我们很害怕，”一位居民说。He said no. It ranks No. 5 now."
    assert [s.text for s in split_sentences(text)] == [
        "台风周一袭击了佛罗里达州。", "“我们很害怕，”一位居民说。", "He said no.",
        "It ranks No. 5 now.",
    ]
    assert [s.text for s in split_sentences('他说："我们很害怕。"然后走了。')] == [
        '他说："我们很害怕。"', "然后走了。"
    ]
    assert len(split_sentences("They played Symphony No. IX at noon.")) == 1


def test_a_title_made_of_a_long_summary_sentence_is_cut() -> None:
    from crosswire.models import Article, SummarySentence
    from crosswire.stages.brief import choose_title

    long = "word " * 60 + "end."
    title = choose_title(articles=[Article(id="a", text=long)],
                         summary=[SummarySentence(text=long.strip(), spans=(), sources=("a",))])
    assert len(title) <= 161 and title.endswith("\u2026") and title.startswith("word word")


@given(st.text())
def test_normalising_is_idempotent(text: str) -> None:
    once = normalize_for_match(text)
    assert normalize_for_match(once) == once
    ws = normalize_whitespace(text)
    assert normalize_whitespace(ws) == ws


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_sentence_spans_stay_inside_text(text: str) -> None:
    for s in split_sentences(text):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
