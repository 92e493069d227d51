"""Copy lineage: copies, trims, rewrites and independent reports; order independence; seeds."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.models import Article, Lineage
from crosswire.stages.lineage import LineageConfig, lineage_map, lineage_reduce, trace_lineage

SEEDS = Path(__file__).resolve().parents[3] / "examples" / "ishiba-visit"

ORIGINAL = "\n".join(
    [
        (
            "HARBORTOWN (AP) — A powerful storm knocked out electricity to "
            "thousands of homes along the northern coast on Tuesday, officials "
            "said."
        ),
        (
            "Crews worked through the night to clear fallen trees from flooded "
            "roads near the harbor."
        ),
        (
            "The county emergency office opened three temporary shelters for "
            "families who could not return to their damaged houses."
        ),
        ('Mayor Ana Ruiz said: "We will rebuild every street, and we will do it together."'),
        (
            "Forecasters warned that a second band of heavy rain could reach the "
            "coastal villages by Thursday morning."
        ),
        (
            "Schools in the district will remain closed until the power company "
            "restores service to the main neighborhoods."
        ),
        (
            "Insurance adjusters began visiting the worst hit blocks to estimate "
            "the cost of the repairs."
        ),
        (
            "The regional governor promised emergency funds for small businesses "
            "that lost their stock in the flooding."
        ),
    ]
)

REWRITE = "\n".join(
    [
        (
            "A strong storm cut electricity to thousands of households along the "
            "northern coast on Tuesday, authorities stated."
        ),
        (
            "Work crews labored through the night to clear fallen trees from the "
            "flooded roads close to the harbor."
        ),
        (
            "The county emergency office set up three temporary shelters for "
            "families unable to return to their damaged houses."
        ),
        (
            "Meteorologists warned that another band of heavy rain may reach the "
            "coastal villages by Thursday morning."
        ),
        (
            "District schools will stay closed until the power company restores "
            "service to the main neighborhoods."
        ),
        (
            "The regional governor pledged emergency funds for small businesses "
            "whose stock was lost in the flooding."
        ),
    ]
)

INDEPENDENT = "\n".join(
    [
        (
            "Mayor Ana Ruiz toured Harbortown on Wednesday as residents counted the "
            "damage from the storm."
        ),
        (
            '"We will rebuild every street, and we will do it together," Ruiz told '
            "a crowd outside city hall."
        ),
        (
            "Many shop owners along the waterfront swept mud from their floors and "
            "threw away ruined goods."
        ),
        (
            "A fisherman who has lived there for forty years described the wind as "
            "the worst he could remember."
        ),
        ("Volunteers from nearby towns brought food, blankets and bottled water to the shelters."),
        ("The power company expects most customers to be reconnected by the weekend."),
    ]
)


def _articles() -> list[Article]:
    lines = ORIGINAL.split("\n")
    return [
        Article(id="orig", text=ORIGINAL, published="2025-03-04T08:00", attribution="AP"),
        Article(
            id="copy",
            text="Share this article\n" + ORIGINAL + "\nComments are closed.",
            published="2025-03-04T10:00",
        ),
        Article(id="trim", text="\n".join(lines[:4]), published=None),
        Article(id="rewrite", text=REWRITE, published="2025-03-05T07:00"),
        Article(id="indep", text=INDEPENDENT, published="2025-03-05T09:00"),
    ]


def _by_id(result: tuple[Lineage, ...]) -> dict[str, Lineage]:
    return {lin.article_id: lin for lin in result}


def test_copy_trim_rewrite_and_independent_report() -> None:
    arts = _articles()
    result = trace_lineage(articles=arts)
    assert [lin.article_id for lin in result] == sorted(a.id for a in arts)
    got = _by_id(result)
    assert (got["orig"].origin, got["orig"].kind) == (None, "original")
    assert (got["copy"].origin, got["copy"].kind) == ("orig", "copy")
    assert (got["trim"].origin, got["trim"].kind) == ("orig", "trim")
    assert (got["rewrite"].origin, got["rewrite"].kind) == ("orig", "rewrite")
    assert got["indep"].origin is None and got["indep"].origin_group == "indep"
    assert {got[k].origin_group for k in ("orig", "copy", "trim", "rewrite")} == {"copy"}


def test_passages_are_spans_into_both_texts() -> None:
    arts = {a.id: a for a in _articles()}
    for lin in trace_lineage(articles=list(arts.values())):
        assert (lin.kind == "original") == (not lin.passages)
        for p in lin.passages:
            assert p.span.source == lin.article_id and 0 <= p.similarity <= 1
            here = arts[p.span.source].text[p.span.start : p.span.end]
            there = arts[p.counterpart.source].text[p.counterpart.start : p.counterpart.end]
            assert here.strip() == here and here and there
    trim = _by_id(trace_lineage(articles=list(arts.values())))["trim"]
    assert all(p.similarity == 1.0 for p in trim.passages) and len(trim.passages) == 3


def test_sketches_pickle_and_reduce_is_the_same() -> None:
    cfg = LineageConfig()
    sketches = [lineage_map(article=a, config=cfg) for a in _articles()]
    again = pickle.loads(pickle.dumps(sketches))
    assert again == sketches
    assert lineage_reduce(sketches=again, config=cfg) == trace_lineage(articles=_articles())


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_lineage_does_not_depend_on_input_order(rnd: random.Random) -> None:
    arts = _articles()
    expected = trace_lineage(articles=arts)
    rnd.shuffle(arts)
    assert trace_lineage(articles=arts) == expected


WIRE = [
    "Engineers finished testing the new suspension bridge across the river late on Monday.",
    "The structure links the old market district with the growing suburbs on the east bank.",
    "Construction took four years and employed hundreds of workers from nearby towns.",
    "Traffic planners expect the crossing to shorten daily commutes by twenty minutes.",
    "The steel cables were produced at a foundry that reopened especially for the project.",
    "Cyclists will get a separate lane protected by a low concrete barrier on both sides.",
    "Local shop owners hope the bridge will bring more visitors to the riverside streets.",
    "A ribbon cutting ceremony is planned for the first weekend of the coming month.",
    "Critics argued that the final budget grew far beyond the amount approved at first.",
    "The city council promised to publish a complete account of the spending next year.",
]
OWN_A = [
    "Our reporter walked across the deck before the barriers were removed this morning.",
    "Several residents of the east bank described years of waiting for a faster route.",
    "The morning fog hid the tall towers from the boats passing below the span.",
]
OWN_B = [
    "Parents at the nearby primary school welcomed the quieter streets around the gates.",
    "A retired engineer recalled drawing the first sketches of a crossing decades ago.",
    "Fishermen complained that the works had scared the fish away for two whole seasons.",
]
OTHER = [
    "Firefighters battled a blaze at a furniture warehouse on the industrial estate overnight.",
    "Thick black smoke could be seen for miles as crews pumped water from the canal.",
    "Nobody was injured because the night shift had left the building an hour earlier.",
    "Investigators will examine the wiring of the loading bay where the fire started.",
    "The owner estimated the damage at several million and praised the quick response.",
    "Neighbours were told to keep their windows closed until the smoke had cleared away.",
]


def test_wire_siblings_share_a_group_without_origin() -> None:
    a = Article(id="a", text="\n".join(WIRE[:7] + OWN_A), published="2025-03-04T08:00")
    b = Article(id="b", text="\n".join(WIRE[3:] + OWN_B), published="2025-03-04T09:00")
    got = _by_id(trace_lineage(articles=[a, b]))
    assert got["a"].origin is None and got["b"].origin is None
    assert got["a"].origin_group == got["b"].origin_group == "a"
    assert got["b"].kind == "copy" and got["b"].passages
    assert {p.counterpart.source for p in got["b"].passages} == {"a"}


def test_merge_takes_its_origin_and_does_not_join_groups() -> None:
    wire = Article(id="wire", text="\n".join(WIRE), published="2025-03-04T08:00")
    fire = Article(id="fire", text="\n".join(OTHER), published="2025-03-04T07:00")
    merged = Article(
        id="merged", text="\n".join(WIRE + OTHER[:3]), published="2025-03-04T12:00"
    )
    got = _by_id(trace_lineage(articles=[wire, fire, merged]))
    assert (got["merged"].origin, got["merged"].kind) == ("wire", "merge")
    assert got["fire"].origin is None and got["wire"].origin is None
    assert got["merged"].origin_group == got["wire"].origin_group != got["fire"].origin_group


def test_a_root_is_no_sibling_of_copies_of_its_copies() -> None:
    root = Article(id="root", text="\n".join(WIRE[:7] + OWN_A), published="2025-03-04T08:00")
    first = Article(id="first", text="\n".join(WIRE[2:6]), published="2025-03-04T09:00")
    later = [
        Article(
            id=f"later{k}",
            text="\n".join(WIRE[2:6] + [f"Commuters on route {k} welcomed the news at once."]),
            published="2025-03-04T10:00",
        )
        for k in range(3)
    ]
    got = _by_id(trace_lineage(articles=[root, first, *later]))
    assert got["first"].origin == "root"
    assert all(got[f"later{k}"].origin is not None for k in range(3))
    assert (got["root"].origin, got["root"].kind, got["root"].passages) == (None, "original", ())
    assert {lin.origin_group for lin in got.values()} == {"first"}


@settings(max_examples=8, deadline=None)
@given(st.randoms(use_true_random=False))
def test_siblings_and_merges_do_not_depend_on_input_order(rnd: random.Random) -> None:
    arts = [
        Article(id="a", text="\n".join(WIRE[:7] + OWN_A), published="2025-03-04T08:00"),
        Article(id="b", text="\n".join(WIRE[3:] + OWN_B), published="2025-03-04T09:00"),
        Article(id="fire", text="\n".join(OTHER), published="2025-03-04T07:00"),
        Article(id="m", text="\n".join(OTHER + WIRE[:3]), published=None),
    ]
    expected = trace_lineage(articles=arts)
    rnd.shuffle(arts)
    assert trace_lineage(articles=arts) == expected


def _seed_articles() -> list[Article]:
    try:
        from crosswire.ingest import read_paths
        from crosswire.stages.clean import clean_document
    except ImportError:
        return [
            Article(id=p.stem, text=p.read_text(encoding="utf-8"))
            for p in sorted(SEEDS.glob("*.txt"))
        ]
    out = []
    for rec in read_paths(paths=[str(SEEDS)]):
        cleaned = clean_document(doc=rec) if not hasattr(rec, "reason") else rec
        assert isinstance(cleaned, Article), cleaned
        out.append(cleaned)
    return out


def _check_seed(result: tuple[Lineage, ...]) -> None:
    got = {lin.article_id[:3]: lin for lin in result}
    assert len({lin.origin_group for lin in result}) == 3
    assert got["002"].origin is not None and got["002"].origin.startswith("000")
    assert got["003"].origin_group == got["004"].origin_group
    assert got["004"].origin_group != got["000"].origin_group
    assert got["001"].origin is None and got["001"].origin_group.startswith("001")
    assert got["003"].origin is None and got["004"].origin is None  # siblings
    assert got["003"].passages and got["003"].passages[0].counterpart.source.startswith("004")
    assert all(p.counterpart.source.startswith("000") for p in got["002"].passages)
    assert got["002"].passages


def test_seed_example_has_three_origins() -> None:
    _check_seed(trace_lineage(articles=_seed_articles()))


def test_seed_example_raw_text_has_three_origins() -> None:
    raw = [
        Article(id=p.stem, text=p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))
    ]
    _check_seed(trace_lineage(articles=raw))


def test_reports_sharing_only_a_long_quote_are_independent() -> None:
    from crosswire.stages.lineage.align import mask_quotes

    quote = (
        '"As the manufacturer of children\'s products, safety is our top priority at Crayola,"'
        ' the company said on its website. "Although our products are nontoxic, we do not '
        "recommend using them to make lipstick, eyeliner or other make-up and strongly "
        "discourage their use in that way. Our products are only intended for use on paper "
        'and craft surfaces, never on the skin around the eyes of children or adults."'
    )
    masked = mask_quotes(text=quote)
    assert len(masked) == len(quote) and "nontoxic" not in masked and "company said" in masked
    a = Article(id="upi", text=(
        "Art supply company Crayola is warning against the advice of beauty bloggers who "
        "posted tutorials for using colored pencils as eyeliner.\n" + quote))
    b = Article(id="metro", text=(
        "Makeup fans on YouTube have been soaking crayon pencils in warm water to line their "
        "eyes, and the maker is not amused by the trend at all.\n" + quote))
    found = {lin.article_id: lin for lin in trace_lineage(articles=[a, b])}
    assert found["upi"].origin is None and found["metro"].origin is None
    assert found["upi"].origin_group != found["metro"].origin_group


def test_lineage_config_lives_in_its_module_and_is_re_exported() -> None:
    from crosswire.stages.lineage import config, trace

    assert LineageConfig is config.LineageConfig is trace.LineageConfig


def test_new_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="exact_similarity"):
        LineageConfig(exact_similarity=1.5)
    with pytest.raises(ValueError, match="max_sources"):
        LineageConfig(max_sources=0)


def test_exact_similarity_decides_what_counts_as_copied_word_for_word() -> None:
    # the rewrite's sentences match the original's at 0.77 to 0.90: none is copied word for word
    # at the default 0.99, so it stays a rewrite even at a copy_similarity it would reach
    loose = LineageConfig(copy_similarity=0.75)
    assert _by_id(trace_lineage(articles=_articles(), config=loose))["rewrite"].kind == "rewrite"
    exact = LineageConfig(copy_similarity=0.75, exact_similarity=0.75)
    # at 0.75 all of them are, and the rewrite covering all of the original reads as a copy
    assert _by_id(trace_lineage(articles=_articles(), config=exact))["rewrite"].kind == "copy"
