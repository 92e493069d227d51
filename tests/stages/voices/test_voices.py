"""Independent voices: outlets folded, wire credits read, one voice per wire or outlet."""

from __future__ import annotations

from collections.abc import Sequence

from crosswire.models import Article, Lineage, RemovedSegment, ReusedPassage, Span
from crosswire.stages.voices import (
    VoicesConfig,
    fold_host,
    outlet_of,
    story_voices,
    wire_credit,
)

CFG = VoicesConfig()
WIRE = (
    "Flood waters rose across the delta on Tuesday, forcing thousands from their homes. "
    "Officials said the river crested overnight and rescue boats worked until dawn. "
    "The weather service expects more rain later in the week across the region."
)
OWN = "Our reporter spent the night at a shelter in the town, where families waited for news."


def test_hosts_fold_to_one_outlet() -> None:
    assert {fold_host(h) for h in ("edition.cnn.com", "www.cnn.com", "us.cnn.com")} == {"cnn.com"}
    assert fold_host("usa.chinadaily.com.cn") == fold_host("www.chinadaily.com.cn")
    assert fold_host("usa.chinadaily.com.cn") == "chinadaily.com.cn"
    assert fold_host("news.bbc.co.uk") == "bbc.co.uk"
    assert fold_host("www.news.com.au") == "news.com.au"
    assert fold_host("uk.pcmag.com") == "pcmag.com"
    assert fold_host("abcnews.go.com") == "abcnews.go.com"
    assert fold_host("https://WWW.Reuters.com:443/world/x") == "reuters.com"
    assert fold_host("The Daily Star") is None


def test_an_outlet_is_a_site_a_url_a_site_name_or_a_title_ending() -> None:
    def outlet(**fields: str) -> tuple[str, str] | None:
        found = outlet_of(article=Article(id="a", text="x", **fields), config=CFG)
        return None if found is None else (found.key, found.name)

    assert outlet(site="edition.cnn.com") == ("cnn.com", "cnn.com")
    assert outlet(site="CNN International", url="https://edition.cnn.com/2025/x") == (
        "cnn.com", "CNN International")
    assert outlet(site="The Daily Star") == ("daily star", "The Daily Star")
    assert outlet(site="Reuters") == ("reuters.com", "Reuters")  # an agency: its own site
    assert outlet(title="Flood waters rise in the delta - Valley Herald") == (
        "valley herald", "Valley Herald")
    assert outlet(title="Flood waters rise - and keep rising") is None
    assert outlet(title="Flood waters rise in the delta") is None


def _credit(text: str, *removed: tuple[str, str]) -> str | None:
    segs = tuple(RemovedSegment(reason, seg) for reason, seg in removed)
    return wire_credit(article=Article(id="a", text=text, removed=segs), config=CFG)


def test_wire_credits_of_the_text_itself() -> None:
    assert _credit("(Reuters) - A Tokyo-bound jet returned to Los Angeles.") == "Reuters"
    assert _credit("Highlights\nTirana, Albania (CNN) Some will try to play it down.") == "CNN"
    assert _credit(WIRE, ("dateline", "WASHINGTON (AP) —")) == "AP"
    head = "Flood hits delta Source: Xinhua | Updated: 2019-03-02 10:11\n"
    assert _credit(head + WIRE) == "Xinhua"
    assert _credit(WIRE + "\nCopyright 2018 The Associated Press. All rights reserved.") == "AP"
    assert _credit(WIRE, ("boilerplate", "© 2018 The Associated Press")) == "AP"
    assert _credit(WIRE + '\n"We lost everything," she said.\nPA') == "PA"
    assert _credit(WIRE + " Rescue teams were still at work. Reuters") == "Reuters"
    assert _credit(WIRE, ("credit", "— AFP")) == "AFP"


def test_photo_credits_sources_and_help_are_not_the_texts_credit() -> None:
    assert _credit("Rescuers at work. Matt Slocum/AP\n" + WIRE) is None
    assert _credit(WIRE + " the mayor told AFP. Reuters reported the toll rose.") is None
    assert _credit(WIRE + "\n(With inputs from Reuters)") is None
    assert _credit(WIRE + "\nThe Associated Press contributed to this report.") is None
    assert _credit(WIRE + "\nA boat on the river ©jgd (AFP)") is None
    assert _credit(WIRE, ("image", "Reuters")) is None  # a caption's credit
    assert _credit("Pittsburgh, Pa. officials said the river crested. " + WIRE) is None


def _art(aid: str, text: str, site: str | None = None,
         removed: tuple[RemovedSegment, ...] = ()) -> Article:
    return Article(id=aid, text=text, site=site, removed=removed)


def _copied(child: str, parent: str, text: str, group: str) -> Lineage:
    """``child`` runs ``parent``'s whole text."""
    span = ReusedPassage(Span(child, 0, len(text)), Span(parent, 0, len(text)), 1.0)
    return Lineage(child, parent, group, "copy", (span,))


def _voices(arts: list[Article], lineages: Sequence[Lineage] = ()) -> dict[str, str]:
    known = {lin.article_id for lin in lineages}
    lins = list(lineages) + [Lineage(a.id, None, a.id, "original") for a in arts
                             if a.id not in known]
    return {k: v.voice for k, v in story_voices(articles=arts, lineages=lins, config=CFG).items()}


def test_an_outlets_own_reports_are_one_voice() -> None:
    arts = [_art("c1", OWN, "edition.cnn.com"), _art("c2", WIRE, "www.cnn.com"),
            _art("c3", "(CNN) " + OWN, "us.cnn.com"), _art("n1", OWN, "www.npr.org")]
    assert _voices(arts) == {"c1": "outlet:cnn.com", "c2": "outlet:cnn.com",
                             "c3": "outlet:cnn.com", "n1": "outlet:npr.org"}


def test_wire_text_run_by_several_outlets_is_the_wires_one_voice() -> None:
    ap = WIRE + "\nCopyright 2018 The Associated Press. All rights reserved."
    arts = [_art("p1", ap, "washingtonpost.com"), _art("p2", WIRE, "nytimes.com"),
            _art("p3", OWN, "washingtonpost.com"), _art("p4", OWN + " More.", "nytimes.com")]
    voices = _voices(arts, [_copied("p2", "p1", WIRE, "p1")])
    assert voices == {"p1": "wire:AP", "p2": "wire:AP", "p3": "outlet:washingtonpost.com",
                      "p4": "outlet:nytimes.com"}
    assert len(set(voices.values())) == 3


def test_an_outlet_running_two_wires_stories_carries_two_voices_neither_its_own() -> None:
    ap, rt = "WASHINGTON (AP) — " + WIRE, "(Reuters) - " + OWN + " " + WIRE[:90]
    arts = [_art("x1", ap, "dailymail.co.uk"), _art("x2", rt, "dailymail.co.uk"),
            _art("y1", ap, "nytimes.com"), _art("z1", rt, "rt.com")]
    voices = _voices(arts, [_copied("y1", "x1", ap, "x1"), _copied("z1", "x2", rt, "x2")])
    assert voices == {"x1": "wire:AP", "y1": "wire:AP", "x2": "wire:Reuters",
                      "z1": "wire:Reuters"}


def test_uncredited_shared_text_is_its_origin_groups_voice() -> None:
    arts = [_art("g1", WIRE, "cnbc.com"), _art("g2", WIRE, "nytimes.com")]
    assert _voices(arts, [_copied("g2", "g1", WIRE, "g1")]) == {"g1": "g1", "g2": "g1"}


def test_a_shared_tweet_or_a_few_borrowed_lines_leave_two_voices() -> None:
    tweet = "We just live in different countries and it got hard, she wrote on Twitter."
    a, b = tweet + " " + WIRE, tweet + " " + OWN * 3
    n = len(tweet)
    passage = ReusedPassage(Span("t2", 0, n), Span("t1", 0, n), 1.0)
    arts = [_art("t1", a, "cbsnews.com"), _art("t2", b, "usatoday.com")]
    voices = _voices(arts, [Lineage("t2", "t1", "t1", "rewrite", (passage,))])
    assert voices == {"t1": "outlet:cbsnews.com", "t2": "outlet:usatoday.com"}


def test_a_wire_story_no_other_outlet_runs_stays_its_outlets_voice() -> None:
    arts = [_art("r1", "(Reuters) - " + WIRE, "nytimes.com"), _art("r2", OWN, "nytimes.com")]
    assert set(_voices(arts).values()) == {"outlet:nytimes.com"}


def test_one_wires_credit_on_two_outlets_is_one_voice() -> None:
    arts = [_art("w1", "BERLIN (AP) — " + WIRE, "dailymail.co.uk"),
            _art("w2", "BERLIN (AP) — " + OWN, "washingtonpost.com"),
            _art("w3", OWN, "washingtonpost.com")]
    assert _voices(arts) == {"w1": "wire:AP", "w2": "wire:AP",
                             "w3": "outlet:washingtonpost.com"}


def test_an_agencys_own_site_and_reports_without_outlet() -> None:
    arts = [_art("s1", WIRE, "www.reuters.com"), _art("s2", OWN),
            _art("s3", OWN + " Again.", removed=(RemovedSegment("dateline", "TOKYO (Kyodo) -"),)),
            _art("s4", OWN + " Later.")]
    lineages = [Lineage("s4", "s3", "s3", "rewrite")]
    assert _voices(arts, lineages) == {"s1": "wire:Reuters", "s2": "s2", "s3": "wire:Kyodo",
                                       "s4": "wire:Kyodo"}


def test_voices_and_outlets_do_not_depend_on_input_order() -> None:
    arts = [_art("c1", OWN, "edition.cnn.com"), _art("g1", WIRE, "cnbc.com"),
            _art("g2", WIRE, "nytimes.com")]
    lins = [_copied("g2", "g1", WIRE, "g1"), Lineage("c1", None, "c1", "original"),
            Lineage("g1", None, "g1", "original")]
    one = story_voices(articles=arts, lineages=lins, config=CFG)
    two = story_voices(articles=arts[::-1], lineages=lins[::-1], config=CFG)
    assert one == two and list(one) == sorted(one)
    assert one["c1"].outlet == "cnn.com" and one["g2"].outlet == "nytimes.com"


def test_the_same_text_share_is_a_share() -> None:
    import pytest

    for bad in (0.0, 1.5):
        with pytest.raises(ValueError, match="same_text_share"):
            VoicesConfig(same_text_share=bad)
