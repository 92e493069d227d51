"""Cleaning of generic text: junk lines, heads, credits, dates, language; nothing lost silently."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.models import Article, RawDocument, Rejection
from crosswire.stages.clean import CleanConfig, clean_document
from crosswire.stages.clean.dates import date_from_url, parse_date
from crosswire.stages.clean.document import clean_text
from crosswire.stages.clean.header import credit_attribution, read_head
from crosswire.stages.clean.lang import detect_language
from crosswire.stages.clean.rules import junk_reason

BODY = (
    "The city council voted on Tuesday to approve the new budget after a long debate.\n"
    "Members said the plan would fund schools, roads and the public library next year."
)


def _clean(text: str, **kwargs: object) -> Article:
    result = clean_document(doc=RawDocument(id="t", text=text, **kwargs))  # type: ignore[arg-type]
    assert isinstance(result, Article), result
    return result


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Leave a Reply", "comment-box"),
        ("Leave a comment", "comment-box"),
        ("Your email address will not be published. Required fields are marked *", "comment-box"),
        ("You must Register or Login to post a comment.", "comment-box"),
        ("12 Comments", "comment-box"),
        ("![](https://example.com/a.jpg)", "image"),
        ("Share this:", "share"),
        ("Read or Share this story: http://usat.ly/1a6mXog", "share"),
        ("Facebook Twitter Pinterest", "share"),
        ("Tweet with a location", "share"),
        ("Follow @ccamia on Twitter", "share"),
        ("Sign up for our daily newsletter and get stories delivered to your inbox.", "newsletter"),
        ("Subscribe", "newsletter"),
        ("Related articles", "related"),
        ("RELATED: Best Places To Live In The World 2016", "related"),
        ("Read more: How the vote went", "related"),
        ("© 2025 Example Media. All rights reserved.", "copyright"),
        ("Copyright 2024 The Associated Press. All rights reserved.", "copyright"),
        ("Advertisement", "advertisement"),
        ("Story continued below", "advertisement"),
        ("Please enable Javascript to watch this video", "boilerplate"),
        ("------------", "separator"),
        ('[button link="http://x.example/"] Send us YOUR review[/button]', "shortcode"),
        ("Lesen Sie auch: Der Haushalt", "related"),
        ("Tags: budget, council", "related"),
        ("Updated at 1:23 p.m.", "timestamp"),
        ("Lea más: Juan Carlos propone legalizar la marihuana", "related"),
        ("NOTAS RELACIONADAS", "related"),
        ("In this Jan. 14, 2013 file photo, Drew Barrymore poses for a portrait in New York.",
         "image-caption"),
        ("In this undated photo provided by the family, Tavin Price poses. (AP)", "image-caption"),
        ("An older brother has been charged in the death of a 4-year-old boy. Wale Aliyu "
         "reports. (Published Saturday, Sept. 29, 2018)", "video-teaser"),
        ("Auch interessant:", "related"),
        ("SEE MORE: Protests: 800 students under siege", "related"),
        ("Lakers vs Nets: NBA make final decision on game [VIDEO]", "related"),
        ("Aktualisiert am 17.01.2021.", "timestamp"),
        ("3 Kommentare", "comment-box"),
        ("Crédits photos : Bestimage", "image-caption"),
        ("Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO", "image-caption"),
        ("Amber Pasztor (Photo: Provided by Elkhart County Sheriff's Office)", "image-caption"),
        ("Abbildung 4: klassische Schwachschicht.", "image-caption"),
        ("Zum Newsletter anmelden", "newsletter"),
        ("PC Gamer Newsletter", "newsletter"),
        ("Write to Al Root at allen.root@dowjones.com", "credit"),
        ("To view the full story, please subscribe to The Times.", "paywall"),
        ("Download the Nationnews apps for iOS and Android.", "boilerplate"),
        ("HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS", "membership"),
        (
            "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet"
            " Archive. Flowing in every day, these data are added to the Wayback Machine.",
            "archive-notice",
        ),
        ("The seed for Wide00014 was:", "archive-notice"),
        ("Rating is available when the video has been rented.", "player"),
        ("Sorry, the page you requested could not be found.", "boilerplate"),
    ],
)
def test_junk_lines(line: str, reason: str) -> None:
    assert junk_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Facebook, Twitter and Google agreed on Monday to share data with the regulator.",
        "Members who sign up for the plan will get the newsletter, officials said in a long "
        "statement that went on to describe the budget in detail, the schools it funds, the "
        "roads it repairs and the library hours it restores, along with many other items of "
        "local business that the council considered at its meeting on Tuesday evening when "
        "residents filled the hall.",
        "Related party transactions rose sharply last year, the report found, and auditors said.",
        "The company said subscribers received emails warning them about the outage.",
        "Also on the agenda were roads and schools.",
        "Sorry, but no.",
        "Lea: Ich finde den Plan gut, sagte sie.",
        "See more of the city's parks before the budget cuts take effect, officials urged.",
        "Aktualisiert wurde der Plan zuletzt vor zehn Jahren, im Jahr 2015, sagte der Sprecher.",
        "The Internet Archive said on Monday that its crawlers had saved the deleted pages.",
        "The seed for the new variety was planted in 1996, the farmers said.",
        "Donate now to the relief fund, the Red Cross urged.",
        "In this case, the court found that the photos had been taken lawfully.",
        "In this town, everyone remembers the picture of the flood.",
    ],
)
def test_prose_is_not_junk(line: str) -> None:
    assert junk_reason(line) is None


def test_titles_below_a_related_heading_go_with_it() -> None:
    after = "The mayor said the vote was a fair compromise between the two sides."
    links = "Related articles\nCouncil delays vote on roads\nLibrary hours cut again"
    text = f"{BODY}\n{links}\n{after}"
    a = _clean(text)
    assert a.text == f"{BODY}\n{after}"
    assert [r.reason for r in a.removed] == ["related"] * 3


def test_every_removal_has_a_reason_and_body_is_kept() -> None:
    text = f"{BODY}\nShare this:\nLeave a Reply\n© 2025 Example Media. All rights reserved."
    a = _clean(text)
    assert a.text == BODY
    assert [r.reason for r in a.removed] == ["share", "comment-box", "copyright"]


@pytest.mark.parametrize(
    ("head", "dateline", "attribution", "published"),
    [
        ("WASHINGTON (AP) — ", "WASHINGTON", "AP", None),
        ("TOKYO, Feb 7 (Reuters) - ", "TOKYO", "Reuters", None),
        ("NEW YORK — ", "NEW YORK", None, None),
        ("Published: February 6, 2025 ", None, None, "2025-02-06"),
        ("date 2024-02-06 LONDON (AFP) — ", "LONDON", "AFP", "2024-02-06"),
    ],
)
def test_heads(head: str, dateline: str | None, attribution: str | None,
               published: str | None) -> None:
    a = _clean(head + BODY)
    assert a.text == BODY
    assert (a.dateline, a.attribution, a.published) == (dateline, attribution, published)


def test_label_is_not_a_dateline() -> None:
    a = _clean("BREAKING - " + BODY)
    assert a.dateline is None and a.text.startswith("BREAKING - ")


def test_header_fields_and_by_line() -> None:
    a = _clean(f"Title: Council passes budget\nDate: 2025-03-04\nBy Jane Smith\n{BODY}")
    assert (a.title, a.published, a.published_source, a.author) == (
        "Council passes budget", "2025-03-04", "header", "Jane Smith")
    assert a.text == BODY


def test_by_sentence_is_not_a_byline() -> None:
    lines, head = read_head(["By Monday, the deal was done.", BODY])
    assert head.author is None and lines[0] == "By Monday, the deal was done."


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("(With inputs from Reuters)", "Reuters"),
        ("(Reporting by Jane Doe; Editing by John Roe)", None),
        ("The Associated Press contributed to this report.", "AP"),
        ("— Associated Press", "AP"),
    ],
)
def test_credit_lines(line: str, agency: str | None) -> None:
    assert credit_attribution(line) == (True, agency)


def test_credit_only_at_the_end() -> None:
    text = "(With inputs from Reuters)\n" + BODY + "\nMore text here.\nAnd more.\nEnd."
    assert "(With inputs from Reuters)" in _clean(text).text


def test_input_date_wins_and_url_date_is_used() -> None:
    a = _clean("date 2024-02-06 " + BODY, published="March 3, 2025")
    assert (a.published, a.published_source) == ("2025-03-03", "input")
    b = _clean(BODY, url="https://example.com/news/2025/02/07/story.html")
    assert (b.published, b.published_source) == ("2025-02-07", "url")


@pytest.mark.parametrize(
    ("text", "date"),
    [("2025-02-07T10:00:00Z", "2025-02-07"), ("Feb. 7, 2025", "2025-02-07"),
     ("7 February 2025", "2025-02-07"), ("Friday, February 7th, 2025", "2025-02-07"),
     ("no date", None), ("2025-13-45", None)],
)
def test_parse_date(text: str, date: str | None) -> None:
    assert parse_date(text) == date


def test_date_from_url() -> None:
    assert date_from_url("https://x.com/2025/02/07/a") == "2025-02-07"
    assert date_from_url("https://x.com/20250207/a") == "2025-02-07"
    assert date_from_url("https://x.com/2025-02/a") == "2025-02"
    assert date_from_url("https://x.com/a/b") is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (BODY, "en"),
        ("Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen, und die Mitglieder sind "
         "mit dem Plan für die Schulen nicht zufrieden.", "de"),
        ("Le conseil municipal a approuvé mardi le nouveau budget pour les écoles et la "
         "bibliothèque de la ville.", "fr"),
        ("El concejo municipal aprobó el martes el nuevo presupuesto para las escuelas y la "
         "biblioteca de la ciudad.", "es"),
        ("石破茂首相は7日、ホワイトハウスでトランプ大統領と初めて会談した。", "ja"),
        ("Премьер-министр Японии встретился с президентом США в Белом доме.", "ru"),
        ("ok", None),
    ],
)
def test_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_mojibake_and_whitespace() -> None:
    a = _clean("The prime ministerâ€™s   visit   was short.\r\n\r\n\r\nHe left  on Friday.")
    assert a.text == "The prime minister\u2019s visit was short.\nHe left on Friday."
    assert "mojibake-fixed" in a.flags


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "The city council voted on Tuesday to approve the new budget after\n"
        "a long debate that ran late into the evening, members said when the\n"
        "meeting ended.\n\n"
        "Members said the plan would fund schools, roads and the library."
    )
    a = _clean(text)
    assert a.text.split("\n")[0].endswith("after a long debate that ran late into the evening, "
                                          "members said when the meeting ended.")
    assert len(a.text.split("\n")) == 2


def test_rejections() -> None:
    empty = clean_document(doc=RawDocument(id="e", text="  \n "))
    assert isinstance(empty, Rejection) and empty.reason == "empty"
    junk = clean_document(doc=RawDocument(id="j", text="Leave a Reply\nShare this"))
    assert isinstance(junk, Rejection) and junk.reason == "not-article"
    big = clean_document(doc=RawDocument(id="b", text="word " * 100),
                         config=CleanConfig(max_chars=50))
    assert isinstance(big, Rejection) and big.reason == "too-large"
    short = clean_document(doc=RawDocument(id="s", text="Two words"),
                           config=CleanConfig(min_words=5))
    assert isinstance(short, Rejection) and short.reason == "too-short"


_LINE = st.lists(
    st.sampled_from(["Leave a Reply", "Share this", "the", "budget", "Council", "votes", "©",
                     "2025", "WASHINGTON", "(AP)", "—", "Advertisement", "![](x.jpg)", "said"]),
    min_size=1, max_size=12,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=8))
def test_nothing_is_dropped_silently(lines: list[str]) -> None:
    text = "\n".join(lines)
    result = clean_document(doc=RawDocument(id="p", text=text))
    words = re.findall(r"\w+", text)
    if isinstance(result, Rejection):
        assert result.reason in {"empty", "too-short", "not-article"}
        return
    kept = re.findall(r"\w+", result.text) + re.findall(
        r"\w+", " ".join(seg.text for seg in result.removed))
    assert sorted(kept) == sorted(words)


def test_read_meta_from_head() -> None:
    from crosswire.stages.clean.meta import read_meta

    page = (
        "<html><head><title>Budget passes &amp; more | X News</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
        '"2025-02-07T10:00:00Z", "author": {"name": "Jane Smith"}, '
        '"publisher": {"name": "X News"}}</script></head><body></body></html>'
    )
    meta = read_meta(html=page, url="https://x.example/a")
    assert (meta.title, meta.published, meta.site, meta.author) == (
        "Budget passes & more", "2025-02-07", "X News", "Jane Smith")
    bare = read_meta(html="<html><head></head></html>", url="https://www.y.example/2025/01/x")
    assert (bare.title, bare.published, bare.site) == (None, None, "www.y.example")


def test_a_headline_only_record_keeps_its_headline() -> None:
    headline = "Quake kills dozens in northern Peru"
    got = clean_document(doc=RawDocument(id="h", text=f" {headline}\n", title=headline))
    assert isinstance(got, Article)
    assert (got.text, got.title, got.removed) == (headline, headline, ())
    assert "headline-only" in got.flags
    body = clean_document(doc=RawDocument(id="b", text=f"{headline}\nRescuers dug all night."))
    assert isinstance(body, Article) and "headline-only" not in body.flags
    empty = clean_document(doc=RawDocument(id="e", text="Share this", title="Other title"))
    assert isinstance(empty, Rejection)


def test_a_kicker_and_title_glued_to_the_standfirst_go() -> None:
    title = "Oil price falls below $60 as cartel signals output rise"
    text = (f"Oil {title} Energy minister says the market is well supplied and calm\n"
            "The price of oil slid again on Tuesday, falling 4% to $58 before recovering.")
    out = clean_text(text=text, title=title)
    assert out.text.splitlines()[0] == "Energy minister says the market is well supplied and calm"
    assert [(r.reason, r.text) for r in out.removed] == [("title", f"Oil {title}")]
    own = f"{title}, the energy minister said on Tuesday in a statement to reporters."
    assert clean_text(text=own + "\nMore text follows here today.", title=title).text.startswith(
        own)
