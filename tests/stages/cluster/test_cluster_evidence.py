"""Evidence beyond the merge pass: a short report is held to a bar its length can reach, a
follow-up weeks on joins its story, a page that keeps only its headline joins the story of that
headline, and a one-segment report is never split off by the off-topic pass."""

from __future__ import annotations

from dataclasses import replace

from crosswire.models import Article
from crosswire.stages.cluster import ClusterConfig, cluster_articles
from crosswire.stages.cluster.attach import attach_target, coverage, story_shape
from crosswire.stages.cluster.headlines import attach_headlines, headline_words
from tests.stages.cluster.test_cluster import STEEL, _groups, _unit
from tests.stages.cluster.test_cluster_join import COOKING, _members, _settle

CONFIG = ClusterConfig(segments=None)


def test_a_short_report_is_held_to_a_bar_its_length_can_reach() -> None:
    words = [f"w{k}" for k in range(12)]
    # a loose story of two reports of 12 terms each, sharing half their words
    story = [_unit(**dict.fromkeys(words[:12], 1.0)),
             _unit(**dict.fromkeys(words[:6] + [f"x{k}" for k in range(6)], 1.0))]
    shape = story_shape(vectors=story, members=[0, 1], centroid_terms=100)
    assert shape.mean_terms == 12.0
    assert coverage(terms=3, shape=shape) == 0.5  # sqrt(3 / 12)
    assert coverage(terms=30, shape=shape) == 1.0
    # a blurb of three terms, two of them the story's: its mean cosine with the reports (0.25)
    # is under the unscaled bar (0.7 x 0.5) but over the bar of its length (x sqrt(3 / 12))
    blurb = _unit(w0=1.0, w8=1.0, z0=1.0)
    rule = replace(CONFIG, window_days=None, attach_min_terms=1)
    assert attach_target(vector=blurb, candidates={0: shape}, config=rule) == 0
    # the same two words in a full-length report of other words: the unscaled bar, alone
    padded = _unit(w0=1.0, w8=1.0, **{f"z{k}": 1.0 for k in range(10)})
    assert attach_target(vector=padded, candidates={0: shape}, config=rule) is None


def test_a_short_reports_centroid_bar_shrinks_with_its_coverage_too() -> None:
    words = [f"w{k}" for k in range(40)]
    story = [_unit(**dict.fromkeys(words, 1.0)),
             _unit(**dict.fromkeys(words[:4] + [f"x{k}" for k in range(36)], 1.0))]
    shape = story_shape(vectors=story, members=[0, 1], centroid_terms=100)
    rule = replace(CONFIG, window_days=None, attach_min_terms=1)
    # ten terms, one of them the story's lead word: centroid cosine 0.066, under the 0.11 bar
    # of a full report but over 0.11 x sqrt(10 / 40)
    short = _unit(w0=1.0, **{f"z{k}": 1.0 for k in range(9)})
    assert attach_target(vector=short, candidates={0: shape}, config=rule) == 0
    full = _unit(w0=1.0, **{f"z{k}": 1.0 for k in range(39)})
    assert attach_target(vector=full, candidates={0: shape}, config=rule) is None


LEAK = [
    "Leaked files from the Lisbon law firm Carvalho Mendes show how ministers in three "
    "countries hid money in offshore companies, reporters of the Open Ledger project said.",
    "The Open Ledger files, 4 million documents from Carvalho Mendes, name ministers and "
    "football stars who held offshore companies in the Seychelles.",
    "Governments opened tax inquiries after the Open Ledger leak of Carvalho Mendes documents "
    "exposed offshore companies of ministers and footballers.",
]
FALLOUT = (
    "Weeks after the Open Ledger leak, Lisbon is counting the cost. Carvalho Mendes closed its "
    "offices, two ministers named in the offshore documents resigned, and bankers say foreign "
    "clients are moving money out of Portugal as tax inquiries widen."
)


def _leak_pile(fallout_day: str) -> list[Article]:
    story = [Article(id=f"l{k}", text=LEAK[k], published=f"2025-03-0{k + 1}") for k in range(3)]
    other = [Article(id=f"s{k}", text=f"{STEEL[k]} {STEEL[(k + 1) % 3]}",
                     published=f"2025-03-0{k + 1}") for k in range(3)]
    return [*story, *other, Article(id="fallout", text=FALLOUT, published=fallout_day)]


def test_a_follow_up_weeks_on_joins_its_story() -> None:
    leak = frozenset({"l0", "l1", "l2"})
    rule = replace(CONFIG, displaced_threshold=None)  # the follow-up rule alone
    found = _groups(cluster_articles(articles=_leak_pile("2025-03-27"), config=rule))
    assert leak | {"fallout"} in found  # 24 days after the story: far beyond the window
    off = replace(rule, followup_days=None)
    assert frozenset({"fallout"}) in _groups(
        cluster_articles(articles=_leak_pile("2025-03-27"), config=off))
    high = replace(rule, followup_threshold=0.95)  # the higher bar beyond the window
    assert frozenset({"fallout"}) in _groups(
        cluster_articles(articles=_leak_pile("2025-03-27"), config=high))
    late = _groups(cluster_articles(articles=_leak_pile("2025-06-20"), config=rule))
    assert frozenset({"fallout"}) in late  # months on: not a follow-up by date


MENU = "\n".join([
    "Home News Sport Business Culture Opinion Podcasts Newsletters Subscribe Sign in",
    "Categories Select Category Agriculture Architecture Astronomy Aviation Banking Books "
    "Chemistry Cinema Climate Comics Cooking Cricket Cycling Dance Design Diplomacy Economy "
    "Education Elections Energy Environment Fashion Fisheries Forestry Gardening Geography "
    "Geology Health History Housing Insurance Journalism Law Literature Mathematics Medicine "
    "Mining Music Nutrition Oceans Painting Parenting Philosophy Photography Physics Poetry "
    "Psychology Railways Religion Robotics Rugby Sailing Sculpture Shipping Sociology Tennis "
    "Textiles Theatre Tourism Transport Universities Veterinary Wildlife Wine Yoga Zoology",
    "Archives Select Month March 2025 February 2025 January 2025 December 2024 November 2024",
])
HEADLINE = "Leaked Open Ledger files expose offshore companies of ministers"


def test_a_page_that_keeps_only_its_headline_joins_that_headlines_story() -> None:
    story = [Article(id=f"l{k}", text=f"{LEAK[k]} {LEAK[(k + 1) % 3]}",
                     published=f"2025-03-0{k + 1}") for k in range(3)]
    story[0] = replace(story[0], title=HEADLINE)
    other = [Article(id=f"s{k}", text=f"{STEEL[k]} {STEEL[(k + 1) % 3]}",
                     published="2025-03-02") for k in range(3)]
    page = Article(id="page", text=MENU, title=HEADLINE.upper(), published="2025-03-12")
    found = _groups(cluster_articles(articles=[*story, *other, page], config=CONFIG))
    assert frozenset({"l0", "l1", "l2", "page"}) in found
    off = replace(CONFIG, headline_min_words=None)
    assert frozenset({"page"}) in _groups(
        cluster_articles(articles=[*story, *other, page], config=off))


def test_headline_matching_needs_enough_words_one_story_and_the_time_span() -> None:
    long = headline_words(HEADLINE)
    assert long == headline_words(f"{HEADLINE.lower()}!")
    live = headline_words("Live updates")
    heads = [long, long, long, live, live, long]
    days = [10, 10, 10, 10, 10, 200]
    config = replace(CONFIG, window_days=7, followup_days=30, headline_min_words=5)
    out = attach_headlines(headlines=heads, days=days, groups=[[0, 1], [2], [3], [4], [5]],
                           config=config)
    assert out == [[0, 1, 2], [3], [4], [5]]  # "Live updates" too short; 5 far too late
    two = attach_headlines(headlines=heads, days=days, groups=[[0], [1], [2], [3], [4], [5]],
                           config=config)
    assert two == [[0, 1, 2], [3], [4], [5]]  # lone reports of one headline: one story
    split = attach_headlines(headlines=[long] * 5, days=[10] * 5,
                             groups=[[0, 1], [2, 3], [4]], config=config)
    assert split == [[0, 1], [2, 3], [4]]  # two stories hold it: no guess


def test_a_one_segment_report_is_never_split_off_into_a_story_of_its_own() -> None:
    text = "\n".join(COOKING)  # all of it one segment, judged off-topic
    stories, kept = _settle(text, 0)
    assert _members(stories) == {frozenset({"r1", "r2", "m"}), frozenset({"f1", "f2"})}
    assert kept == ()
