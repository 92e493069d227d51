"""Text in other scripts: Cyrillic and Greek words are terms; Chinese and Japanese text, written
without spaces, counts as overlapping character pairs, so such reports cluster and summarise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crosswire import api
from crosswire.render import brief_to_dict, verify_brief
from crosswire.text.tokens import cjk_word_count, content_words, spaced_cjk
from crosswire.text.vectors import TermWeights, term_counts

ZH_A = (
    "date 2025-02-07\n\n"
    "日本首相石破茂于周五在白宫会见了美国总统特朗普。两国领导人讨论了贸易和安全问题。"
    "石破茂表示，日本将增加对美国的投资，总额将达到一万亿美元。特朗普称赞了日本的承诺。\n\n"
    "会谈持续了大约两个小时。双方同意加强在印太地区的合作。日本还承诺购买更多的美国液化天然气。\n"
)
ZH_B = (
    "date 2025-02-08\n\n"
    "日本首相石破茂周五在华盛顿与美国总统特朗普举行了首次首脑会谈。石破茂说，日本对美投资将达到"
    "一万亿美元。两国领导人讨论了贸易、安全和能源合作。\n\n"
    "特朗普表示，美日关系非常牢固。日本承诺购买更多美国液化天然气，双方同意加强印太地区合作。\n"
)


def test_terms_of_every_script() -> None:
    counts = dict(term_counts(text="Москва заявила. Zürich iPhone手机 日本首相", title=None,
                              weights=TermWeights()))
    assert {"москва", "заявила", "zürich", "iphone"} <= set(counts)
    assert {"手机", "日本", "本首", "首相"} <= set(counts)
    assert "iphone手机" not in counts


def test_content_words_and_word_count_of_chinese() -> None:
    assert content_words("日本首相 visited Washington") == [
        "日本", "本首", "首相", "visited", "washington"
    ]
    assert content_words("iPhone手机") == ["iphone", "手机"]
    assert cjk_word_count("plain English words here") == 4
    assert cjk_word_count("日本首相石破茂。") == 4  # seven characters: about four words
    assert cjk_word_count("iPhone手机") == 2


def test_two_chinese_reports_are_one_story_with_a_summary(tmp_path: Path, nlp: Any) -> None:
    (tmp_path / "a.txt").write_text(ZH_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ZH_B, encoding="utf-8")
    result = api.brief(paths=[str(tmp_path)], nlp=nlp)
    assert len(result.briefs) == 1
    brief = result.briefs[0]
    assert {s.article.id for s in brief.sources} == {"a", "b"}
    assert brief.summary and brief.title not in ("a", "b")
    assert brief.title.startswith("日本首相石破茂")
    assert verify_brief(brief_to_dict(brief)) == []


def test_spaced_cjk_makes_each_character_a_word() -> None:
    assert spaced_cjk("plain text") == "plain text"
    assert spaced_cjk("Zürich — “quoted”") == "Zürich — “quoted”"
    assert spaced_cjk("石破茂说，日本。").split() == ["石", "破", "茂", "说", "日", "本"]


def test_a_chinese_copy_is_traced_to_its_origin(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ZH_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ZH_B, encoding="utf-8")
    (tmp_path / "c.txt").write_text(ZH_A.replace("两个小时", "三个小时"), encoding="utf-8")
    run = api.lineage(paths=[str(tmp_path)])
    by_id = {r.article_id: r for r in run.lineages}
    assert by_id["c"].origin == "a" and by_id["c"].passages
    assert by_id["b"].origin is None and by_id["b"].origin_group != by_id["a"].origin_group
