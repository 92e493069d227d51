"""Who copied whom, in the right direction: publication times, merges, containment, headlines,
repeats, garbled names and the choice of an origin among copies of it.

Ids are chosen so that the derivative sorts first: the id is the last resort, and these
tests show the evidence before it deciding.
"""

from __future__ import annotations

from crosswire.models import Article, Lineage, RemovedSegment
from crosswire.stages.lineage import LineageConfig, trace_lineage
from crosswire.stages.lineage.decide import _break_cycles
from crosswire.stages.lineage.direction import Level
from crosswire.stages.lineage.evidence import ReportFacts, published_moment

HEADLINE = "Rail strike halts trains across the northern region"
STORY = [
    "Train drivers walked out at dawn on Thursday, stopping nearly every service in the north.",
    "Commuters crowded onto replacement buses that ran far behind the posted timetable.",
    "The union says its members have waited three years for a fair settlement on their pay.",
    "Managers of the rail company offered a smaller raise tied to longer weekend shifts.",
    "Freight operators warned that coal deliveries to two power stations could be delayed.",
    "Talks between both sides are expected to resume next week at the offices of a mediator.",
    "Several schools allowed pupils to stay home because the morning buses were so full.",
    "Shop owners near the central station reported far fewer customers than on a usual day.",
]
OTHER = [
    "A rare orchid has bloomed in the botanical garden for the first time in twelve years.",
    "Gardeners kept the greenhouse warm and damp through the winter to coax the flower open.",
    "Hundreds of visitors queued along the glasshouse path to photograph the pale petals.",
    "The curator said the plant would be moved to a quieter room once the flowering ended.",
    "Volunteers will guide small groups through the collection every afternoon this month.",
]


def _by_id(result: tuple[Lineage, ...]) -> dict[str, Lineage]:
    return {lin.article_id: lin for lin in result}


def _trace(*articles: Article) -> dict[str, Lineage]:
    return _by_id(trace_lineage(articles=list(articles), config=LineageConfig()))


def test_a_report_never_derives_from_one_published_after_it() -> None:
    orig = Article(id="b-orig", text="\n".join(STORY[:5]), published="2025-06-05T06:10")
    longer = Article(id="a-longer", text="\n".join(STORY), published="2025-06-05T18:30")
    got = _trace(orig, longer)  # the longer text holds more, but came hours later
    assert got["a-longer"].origin == "b-orig" and got["b-orig"].origin is None
    within = Article(id="a-longer", text="\n".join(STORY), published="2025-06-05T06:15")
    assert _trace(orig, within)["b-orig"].origin == "a-longer"  # 5 minutes: text decides


def test_a_date_read_off_the_text_does_not_put_a_copy_first() -> None:
    orig = Article(id="b-orig", text="\n".join(STORY), published="2025-06-05")
    copy = Article(
        id="a-copy", text="\n".join(STORY), published="2019-01-02", published_source="header"
    )
    got = _trace(orig, copy)
    assert got["a-copy"].origin == "b-orig" and got["b-orig"].origin is None
    dated = Article(id="a-copy", text="\n".join(STORY), published="2025-06-06")
    assert _trace(orig, dated)["a-copy"].origin == "b-orig"


def test_the_report_holding_more_of_its_own_came_first() -> None:
    orig = Article(id="b-orig", text="\n".join(STORY), published="2025-06-05")
    trim = Article(id="a-trim", text="\n".join(STORY[:4]), published="2025-06-05")
    cut = Article(id="a-cut", text="\n".join(STORY[:3] + STORY[5:]), published=None)
    got = _trace(orig, trim, cut)
    assert (got["a-trim"].origin, got["a-trim"].kind) == ("b-orig", "trim")
    assert got["a-cut"].origin == "b-orig" and got["b-orig"].origin is None


def test_the_origins_headline_in_a_copys_body_is_not_its_own_material() -> None:
    orig = Article(id="b-orig", title=HEADLINE, text="\n".join(STORY), published="2025-06-05")
    copy = Article(id="a-copy", text="\n".join([HEADLINE, *STORY]), published=None)
    got = _trace(orig, copy)
    assert (got["a-copy"].origin, got["a-copy"].kind) == ("b-orig", "copy")
    assert got["b-orig"].origin is None


def test_a_merge_comes_after_its_parts_and_is_the_origin_of_neither() -> None:
    orig = Article(id="b-orig", text="\n".join(STORY), published="2025-06-05")
    garden = Article(id="c-garden", text="\n".join(OTHER), published="2025-06-09")
    merged = Article(id="a-merged", text="\n".join(STORY + OTHER[:2]), published="2025-06-05")
    got = _trace(orig, garden, merged)
    assert (got["a-merged"].origin, got["a-merged"].kind) == ("b-orig", "merge")
    assert got["b-orig"].origin is None
    assert got["c-garden"].origin is None  # published after the merge, yet not derived from it
    assert got["a-merged"].origin_group == got["b-orig"].origin_group
    assert got["c-garden"].origin_group == "c-garden"


def test_a_merge_is_found_by_another_storys_headline_and_sentence() -> None:
    orig = Article(id="b-orig", text="\n".join(STORY), published="2025-06-05")
    garden = Article(
        id="c-garden", title="Rare orchid blooms", text="\n".join(OTHER), published="2025-06-01"
    )
    merged = Article(
        id="a-merged", text="\n".join([*STORY, "Rare orchid blooms", OTHER[0]]), published=None
    )
    got = _trace(orig, garden, merged)
    assert (got["a-merged"].origin, got["a-merged"].kind) == ("b-orig", "merge")
    assert got["b-orig"].origin is None


def test_an_original_holding_its_trim_and_a_rewrite_of_its_tail_is_no_merge() -> None:
    orig = Article(id="c-orig", text="\n".join(STORY), published="2025-06-05")
    trim = Article(id="a-trim", text="\n".join(STORY[:2]), published="2025-06-05")
    tail = [s.replace("reported", "described").replace("expected", "likely") for s in STORY[2:]]
    rewrite = Article(id="b-rewrite", text="\n".join(tail), published="2025-06-05")
    got = _trace(orig, trim, rewrite)
    assert got["c-orig"].origin is None and got["c-orig"].kind == "original"
    assert got["a-trim"].origin == "c-orig" and got["b-rewrite"].origin == "c-orig"


def test_paragraphs_that_cleaning_removed_as_repeats_mark_a_spin() -> None:
    orig = Article(id="b-orig", text="\n".join(STORY), published="2025-06-05")
    spun = [s.replace("said", "stated").replace("says", "states") for s in STORY]
    repeats = tuple(RemovedSegment("repeated-paragraph", s) for s in spun[-2:])
    spin = Article(id="a-spin", text="\n".join(spun), published="2025-06-05", removed=repeats)
    got = _trace(orig, spin)
    assert got["a-spin"].origin == "b-orig" and got["b-orig"].origin is None


def test_the_report_with_garbled_names_came_second() -> None:
    names = [
        "Minister Helena Varga met Chancellor Otto Brenner in Vienna on Monday.",
        "Varga and Brenner discussed the pipeline that crosses the Danube valley.",
        "Officials from Budapest said the talks covered gas prices for the coming winter.",
        "Brenner told reporters that Austria would keep its reserves at the current level.",
        "The two leaders agreed to meet again in Salzburg before the end of the year.",
    ]
    orig = Article(id="b-orig", text="\n".join(names), published="2025-06-05")
    other = Article(id="c-other", text="Varga, Brenner, Vienna, Budapest and Salzburg.")
    garbled = [
        s.replace("Varga", "Vagra").replace("Brenner", "Brener").replace("Salzburg", "Salzbrug")
        for s in names
    ]
    translated = Article(id="a-mt", text="\n".join(garbled), published="2025-06-05")
    got = _trace(orig, other, translated)
    assert (got["a-mt"].origin, got["a-mt"].kind) == ("b-orig", "translation")


def test_a_trims_origin_is_the_original_not_an_undated_copy_of_it() -> None:
    orig = Article(id="c-orig", text="\n".join(STORY), published="2025-06-05")
    copy = Article(id="a-copy", text="\n".join(STORY), published=None)
    trim = Article(id="b-trim", text="\n".join(STORY[:4]), published="2025-06-06")
    got = _trace(orig, copy, trim)
    assert got["b-trim"].origin == "c-orig" and got["a-copy"].origin == "c-orig"
    assert got["c-orig"].origin is None


def test_a_cycle_of_origins_loses_its_most_weakly_ordered_link() -> None:
    reports = [ReportFacts(f"r{i}", "", None, None, 0, (), (), 0) for i in range(3)]
    origins = {0: (1, Level.TIME), 1: (2, Level.ID), 2: (0, Level.CONTAINS), 3: (0, Level.ID)}
    out = _break_cycles(origins, reports)
    assert 1 not in out and out[0] == (1, Level.TIME) and out[2] == (0, Level.CONTAINS)


def test_publication_moments() -> None:
    assert published_moment(None) is None and published_moment("soon") is None
    day = published_moment("2025-06-05")
    assert day is not None and (day.year, day.month, day.day, day.minute) == (2025, 6, 5, None)
    clock, utc = published_moment("2025-06-05T06:10:00+02:00"), published_moment("2025-06-05T04:10")
    assert clock is not None and utc is not None and clock.minute == utc.minute is not None
    month = published_moment("2025-06")
    assert month is not None and (month.month, month.day) == (6, None)
    midnight = published_moment("2025-06-05T00:00:00")  # a bare date, as feeds write it
    assert midnight is not None and midnight.minute is None
    exact = published_moment("2025-06-05T00:00:00", midnight_is_date=False)
    assert exact is not None and exact.minute is not None
    read = published_moment("2025-06-05", in_text=True)
    assert read is not None and read.at_least


def test_a_bare_date_at_midnight_does_not_precede_a_time_of_the_same_day() -> None:
    later = Article(id="a-copy", text="\n".join(STORY[:5]), published="2025-06-05T00:00:00")
    orig = Article(id="b-orig", text="\n".join(STORY), published="2025-06-05T13:21:00")
    assert _trace(later, orig)["a-copy"].origin == "b-orig"  # the text decides, not midnight
