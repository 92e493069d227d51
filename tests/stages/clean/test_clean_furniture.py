"""Page furniture inside article bodies: captions, galleries, embedded posts, sidebars, teaser
lists, promotions and author boxes; outlet credits at the start; pages that are not reports.

Every text here is invented, written the way news pages print such furniture."""

from __future__ import annotations

import pytest

from crosswire.models import Article, RawDocument, Rejection
from crosswire.stages.clean import CleanConfig, clean_document
from crosswire.stages.clean.furniture import (
    context_reasons,
    furniture_reason,
    photo_credits,
    strip_tail,
)
from crosswire.stages.clean.header import outlet_credits, read_head
from tests.stages.clean.test_clean_rules import _clean

LEAD = ("The city council of Harwick voted 7-2 on Tuesday to close the Elm Street bridge for "
        "repairs, forcing thousands of commuters onto a detour for most of next year.")
BODY = ("Engineers found cracks in two of the bridge's steel supports during an inspection in "
        "March, the council said in a statement after the vote.")
MORE = ("Mayor Dana Whitlock said the closure would cost local shops money but that the town "
        "had no choice. \u201cSafety comes first,\u201d she told reporters.")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # captions
        ("Enlarge this image toggle caption Jon Meyer/AP Jon Meyer/AP", "image-caption"),
        ("Image copyright Reuters Image caption Commuters queued for the ferry on Monday",
         "image-caption"),
        ("Commuters wait for a bus near the closed bridge. Photograph: Ann Pike/Getty Images",
         "image-caption"),
        ("Getty Images Commuters crowd onto a ferry after the bridge was closed", "image-caption"),
        ("MARK HOLT The old bridge was built in 1931 and last repaired in 1988", "image-caption"),
        ("Mayor Dana Whitlock speaks at the council meeting (Getty)", "image-caption"),
        ("The bridge seen from the river on Monday. (Ann Pike/The Harwick Star via AP)",
         "image-caption"),
        ("Mayor Dana Whitlock at the meeting on Tuesday. Ann Pike/Getty Images", "image-caption"),
        ("Town Hall at dusk Image Council members left the meeting after midnight. Credit "
         "Ann Pike/Harwick Star", "image-caption"),
        ("Bridge schematic image via Shutterstock", "image-caption"),
        ("This March 3, 2025 photo provided by the city shows cracks in a bridge support.",
         "image-caption"),
        # galleries and players
        ("Photos: Bridges of the valley The Elm Street bridge opened in 1931. Hide Caption 1 of 14",
         "gallery"),
        ("1 of 12 Full Screen Autoplay Close Skip Ad \u00d7 Harwick bridge closes", "gallery"),
        ("Bridges of the world Mon, June 2, 2025 Take a look Play slideshow Getty Images 1 of 9",
         "gallery"),
        ("Scroll down for video", "player"),
        ("Your browser does not support iframes.", "player"),
        ("Media playback is unsupported on your device Media caption Commuters on the detour",
         "player"),
        ("JUST WATCHED Bridge closes Replay More Videos ... MUST WATCH Bridge closes 01:12",
         "player"),
        ("CLOSE The Elm Street bridge will close for a year, the council decided. (June 3) AP",
         "video-teaser"),
        # embedded posts
        ("Skip Twitter post by @harwickcouncil The bridge closes on Monday. Plan your trip.",
         "embedded-post"),
        ("Last day on the old bridge A post shared by Harwick Council (@harwick) on Jun 3, 2025 at "
         "9:12am PDT", "embedded-post"),
        ("Bridge closure explained Posted by Harwick Star on Tuesday, June 3, 2025",
         "embedded-post"),
        # sidebars and teaser lists
        ("MOST READ IN NEWS BRIDGE TOO FAR Town shuts crossing for a year FERRY CHAOS Queues "
         "stretch for a mile", "sidebar"),
        ("Related stories TOLL TALK Council weighs new road charge", "sidebar"),
        ("Q&A Why is the bridge closing? Show Hide The bridge is 94 years old and its supports "
         "have cracked.", "sidebar"),
        ("More: Five detours that will save you time this summer", "teaser"),
        ("Harwick bridge repairs to cost \u00a312m Read more", "teaser"),
        ("[How the town paid for its last bridge]", "teaser"),
        ("Related post: Ten walks along the Harwick river", "teaser"),
        ("Most read in local news", "teaser"),
        ("Follow our full coverage of the bridge closure at https://harwickstar.example/bridge",
         "teaser"),
        ("If you enjoyed this article, become a member of the Harwick Star today.", "promo"),
        ("Jo Marsh and Ann Pike contributed reporting from Harwick.", "credit"),
        ("Reach the reporters on Twitter at https://twitter.example/annpike", "credit"),
        ("Reading time: 3 minutes", "boilerplate"),
        ("06/03/2025 - Posted by: Ann Pike - Category: Transport", "byline"),
        ("9:12 AM PDT 6/3/2025 by Ann Pike", "byline"),
        # promotions, tip lines, author boxes, disclaimers, walls, search pages
        ("We pay for your stories! Do you have a story for the Harwick Star news team?", "promo"),
        ("Chat with us in Facebook Messenger. Find out what's happening in the world.", "promo"),
        ("Like Harwick Star Local on Facebook and stay updated on town news", "share"),
        ("Email the author.", "credit"),
        ("This article originally appeared on the Harwick Star.", "credit"),
        ("Ann Pike is a transport reporter for the Harwick Star. Follow her @annpike. The "
         "opinions expressed in this column are her own.", "author-bio"),
        ("Disclaimer: This article is not financial advice.", "disclaimer"),
        ("If you or someone you know needs help, call the Harwick helpline on 0800 555 0100.",
         "helpline"),
        ("Newsletter Sign Up Continue reading the main story Please verify you're not a robot by "
         "clicking the box.", "newsletter"),
        ("Order Reprints | Today's Paper | Subscribe A version of this article appears in print "
         "on June 4 on Page A14.", "boilerplate"),
        ("External links are provided for reference purposes.", "boilerplate"),
        ("Sorry, this zipcode is not in our deliverable area for this subscription service.",
         "paywall"),
        ("12 results for \u201cbridge closure\u201d", "search"),
        ("Sort by: relevance", "search"),
    ],
)
def test_furniture_lines(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        LEAD, BODY, MORE,
        "Reuters reported that the bridge would close on Monday.",
        "Getty Images, the photo agency, said it would move its offices.",
        "NHS waiting times hit a record high in March",
        "Why the Bridge Matters",
        "More than 4,000 cars cross the bridge every day, the council said.",
        "Results for the third quarter were better than expected.",
        "The results of the inspection are due in May.",
        "A post shared by many residents called for a second bridge.",
        "Ann Pike is a transport reporter who was hurt in the crash.",
        "9/11 changed how the town thought about its bridges.",
        "[Harwick Gazette, p. 41]",
        "Published by Harwick Press in 1990, the guide is still in print.",
        "She contributed reporting to the council's inquiry last year, officials said. The "
        "inquiry found the bridge had been neglected for a decade.",
    ],
)
def test_prose_is_not_furniture(line: str) -> None:
    assert furniture_reason(line) is None


def test_the_credits_come_from_the_data_file() -> None:
    assert {"Getty Images", "Reuters", "EPA"} <= set(photo_credits())
    assert {"CNN", "NPR"} <= outlet_credits()


def test_an_embedded_post_loses_its_footer_and_keeps_its_words() -> None:
    line = ("The bridge closes Monday. Plan ahead! pic.twitter.com/aB3dE5 \u2014 Harwick Council "
            "(@harwickcouncil) June 3, 2025")
    rest, cut = strip_tail(line)
    assert rest == "The bridge closes Monday. Plan ahead!"
    assert [(seg.reason, seg.text[:22]) for seg in cut] == [("embedded-post",
                                                             "pic.twitter.com/aB3dE5")]
    assert strip_tail(LEAD) == (LEAD, ())
    # a footer alone is removed whole
    text = "\n".join([LEAD, "\u2014 Dana Whitlock (@mayordana) 3 June 2025", BODY])
    assert _clean(text).text == "\n".join([LEAD, BODY])


def test_a_share_button_glued_to_a_sentence_is_cut_off() -> None:
    rest, cut = strip_tail("Bridges are a town's promise to itself.Click To Tweet")
    assert rest == "Bridges are a town's promise to itself."
    assert [seg.reason for seg in cut] == ["share"]


def test_an_agency_editing_credit_is_cut_off_the_last_paragraph() -> None:
    last = f"{BODY} (Editing by Jo Marsh; Please credit the Harwick Foundation)"
    article = _clean("\n".join([LEAD, last]))
    assert article.text.split("\n")[-1] == BODY
    assert any(seg.reason == "credit" and "Jo Marsh" in seg.text for seg in article.removed)


def test_slide_shows_author_boxes_and_pull_quotes_need_their_context() -> None:
    lines = [
        LEAD,
        "1/3 1931 The bridge opens to traffic. (Harwick, May 1, 1931) Town archive",
        "2/3 1988 Workers repaint the steel arches. Town archive",
        "3/3 2025 Cracks found in March. Town archive",
        "\u201cSafety comes first, and this bridge is no longer safe,\u201d Whitlock said on "
        "Tuesday after the vote.",
        "Safety comes first for the council, which has closed two bridges since 2019",
        "Safety comes first, and this bridge is no longer safe Dana Whitlock, mayor",
        "About the author",
        "Ann Pike covers transport for the Harwick Star and lives by the river.",
        BODY,
    ]
    reasons = context_reasons(lines, [None] * len(lines))
    assert reasons == [None, "gallery", "gallery", "gallery", None, None, "pull-quote",
                       "author-bio", "author-bio", "author-bio"]
    # one "k/N" line alone is not a slide show ("9/11 ...")
    assert context_reasons(["9/11 changed the town.", BODY], [None, None]) == [None, None]


def test_furniture_is_removed_with_its_reason_and_the_report_kept() -> None:
    text = "\n".join([
        LEAD,
        "Getty Images Commuters crowd onto a ferry after the bridge was closed",
        BODY,
        "MOST READ IN NEWS BRIDGE TOO FAR Town shuts crossing for a year FERRY CHAOS Queues "
        "stretch for a mile",
        MORE,
        "Do you have a story for the Harwick Star news team? Email tips@harwickstar.example",
    ])
    article = _clean(text)
    assert article.text == "\n".join([LEAD, BODY, MORE])
    assert [seg.reason for seg in article.removed] == ["image-caption", "sidebar", "promo"]
    kept = clean_document(doc=RawDocument(id="k", text=text),
                          config=CleanConfig(remove_boilerplate=False))
    assert isinstance(kept, Article) and kept.text == text


@pytest.mark.parametrize(
    ("head", "dateline", "credit"),
    [
        ("(CNN)", None, "CNN"),
        ("(CNN) ", None, "CNN"),
        ("(CNN) \u2014 ", None, "CNN"),
        ("Harwick, England (CNN) ", "Harwick, England", "CNN"),
        ("(Reuters) - ", None, "Reuters"),
        ("(KHWK) ", None, "KHWK"),
    ],
)
def test_an_outlet_credit_opening_the_text_is_the_attribution(
    head: str, dateline: str | None, credit: str
) -> None:
    rest = "The city council voted on Tuesday to close the bridge."
    lines, info = read_head([f"{head}{rest}", BODY])
    assert lines[0] == rest
    assert (info.dateline, info.attribution) == (dateline, credit)
    article = _clean(f"{head}{rest}\n{BODY}")
    assert article.text.startswith(rest) and article.attribution == credit
    assert article.removed[0].reason == "dateline"


def test_brackets_that_credit_no_outlet_stay() -> None:
    for line in ("Harwick Rail (HRL) Chief Executive Jo Marsh resigned on Monday.",
                 "(Photo) The bridge at dusk.", "(Updated) The council voted on Tuesday."):
        lines, head = read_head([line, BODY])
        assert lines[0] == line and head.attribution is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Chat with us in Facebook Messenger. Find out what's happening in the world as it "
         "unfolds.", "furniture"),
        ("External links are provided for reference purposes. Harwick Star is not responsible "
         "for the content of external Internet sites.\nCopyright \u00a9 2025 Harwick Star Ltd.",
         "furniture"),
        ("About The Author\nAnn Pike is a transport writer living in Harwick. Her passion for "
         "bridges made her the town's best known columnist.", "furniture"),
        ("Photos: Bridges of the valley The Elm Street bridge opened in 1931. Hide Caption 1 of 3"
         "\nPhotos: Bridges of the valley The Mill Lane bridge is the oldest. Hide Caption 2 of 3"
         "\nPhotos: Bridges of the valley The rail bridge carries 40 trains a day. Hide Caption "
         "3 of 3", "furniture"),
        ("We use cookies to improve your experience. By continuing to use this site you agree.",
         "furniture"),
        ("Sorry, this zipcode is not in our deliverable area for this subscription service.\n"
         "Re-enter zip code or sign up for digital access.\nGet digital access", "furniture"),
        ("Search results for \u201cbridge\u201d\nBridge to close for a year\nThe Elm Street bridge"
         " will close for repairs, the council said on Tuesday.\nFerry queues grow\nCommuters "
         "waited an hour for the morning ferry.", "search"),
        ("It is being called the longest closure in the town's history. Is the detour a plan or "
         "a punishment? Commuters appear to...", "teasers"),
    ],
)
def test_pages_that_are_not_reports_are_rejected(text: str, why: str) -> None:
    got = clean_document(doc=RawDocument(id="p", text=text, title="Harwick news"))
    assert isinstance(got, Rejection) and got.reason == "not-article", got
    assert {"furniture": "page furniture", "search": "search", "teasers": "teasers"}[why] in (
        got.message)


def test_a_wire_stub_keeps_its_headline() -> None:
    title = "Harwick closes Elm Street bridge for a year"
    text = (f"HARWICK, England (AP) \u2014 {title}.\nCopyright 2025 The Associated Press. All "
            "rights reserved.")
    article = _clean(text, title=title)
    assert article.text == f"{title}." and "headline-only" in article.flags
    assert [seg.reason for seg in article.removed] == ["dateline", "copyright"]
