"""Discrepancies of market quotes (prices, lows) and of tolls told in bare clauses."""

from __future__ import annotations

from crosswire.models import Article
from crosswire.stages.facts import Corroboration, corroborate, extract_quantities
from crosswire.stages.facts.claims import market_key, value_range


def _run(*texts: str, times: tuple[str, ...]) -> Corroboration:
    articles = [Article(id=f"r{i}", text=t, published=times[i]) for i, t in enumerate(texts)]
    quantities = {a.id: extract_quantities(article=a) for a in articles}
    return corroborate(
        articles=articles, origin_groups={a.id: a.id for a in articles}, quantities=quantities
    )


def _shown(found: Corroboration) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(d.kind, d.about, tuple(v.text for v in d.values)) for d in found.discrepancies]


def test_market_cues_name_what_a_sum_quotes() -> None:
    assert market_key("Ether was changing hands at ") is not None
    assert market_key("Ether was changing hands at ").moves  # type: ignore[union-attr]
    assert market_key("the coin fell as low as ").key == "low"  # type: ignore[union-attr]
    assert market_key("Acme offered ") is None


def test_a_market_price_through_the_day_is_an_update_in_time_order() -> None:
    found = _run(
        "Ether slid on Monday and was changing hands at $1,512 by mid-morning in London.",
        "Ether recovered later in New York, and is now priced at $1,688.",
        "Ether was trading at $1,530 after an early sell-off, dealers said.",
        times=("2021-05-10T09:40:00", "2021-05-10T18:05:00", "2021-05-10T11:15:00"),
    )
    assert _shown(found) == [("update", "price", ("$1,512", "$1,530", "$1,688"))]


def test_two_lows_of_one_day_are_a_conflict() -> None:
    found = _run(
        "Ether fell as low as $1,402.17 on one index before recovering.",
        "Overnight the coin plunged to a low of $1,431.90 on four exchanges.",
        times=("2021-05-11T08:00:00", "2021-05-11T12:00:00"),
    )
    assert _shown(found) == [("conflict", "low", ("$1,402.17", "$1,431.90"))]


def test_a_price_and_a_market_total_are_two_things() -> None:
    found = _run(
        "Ether was changing hands at $1,512 on Monday.",
        "The whole market was trading at $1.9 trillion, down a fifth.",
        "Shares of Acme were trading at $95 before Acme offered $110 a share for the rival.",
        times=("2021-05-10T09:00:00", "2021-05-10T10:00:00", "2021-05-10T11:00:00"),
    )
    assert _shown(found) == []


def test_a_toll_in_a_bare_clause_joins_the_story_counts() -> None:
    found = _run(
        "A truck bomb hit the consulate in the northern city late on Thursday, wounding at "
        "least 60 people, officials said. There have been at least two deaths and 52 people "
        "have been taken to hospital.",
        "A truck bomb at the consulate in the northern city wounded 75 people and killed six, "
        "the governor said on Friday.",
        times=("2019-04-04T22:00:00", "2019-04-05T10:00:00"),
    )
    injuries = [d for d in found.discrepancies if d.about == "injuries"]
    assert len(injuries) == 1 and injuries[0].kind == "update"
    assert [v.text for v in injuries[0].values][-1] == "75 people"
    assert "52 people" in [v.text for v in injuries[0].values]


def test_nearly_never_allows_over_and_about_is_finer_for_finer_figures() -> None:
    low, high = value_range(1000, 0.5, "near_below", 100)
    assert low == 900 and high == 1000.5  # "nearly 1,000": not 850, not 1,050
    low, high = value_range(850, 0.5, "about", 5)
    assert (low, high) == (807.5, 892.5)  # "about 850": a twentieth either side
    low, high = value_range(1000, 0.5, "about", 100)
    assert (low, high) == (900, 1100)  # "about 1,000": a tenth


def test_parts_of_a_toll_are_not_the_toll() -> None:
    found = _run(
        "A tourist ship struck a bridge on the river and 25 people were injured, police said.",
        "Four people were taken to hospital with serious injuries while 20 others were "
        "slightly hurt when the ship struck the bridge on the river.",
        times=("2019-06-02", "2019-06-02"),
    )
    assert [d for d in found.discrepancies if d.about == "injuries"] == []


def test_one_small_number_of_two_counted_nouns_is_two_claims() -> None:
    found = _run(
        "The Cubs were just four outs from the title when Chapman gave up the home run.",
        "Chapman and the Cubs, last in each of their first four seasons, won the title.",
        "With four outs left, the Cubs brought on Chapman to close out the title.",
        times=("2016-11-03", "2016-11-03", "2016-11-03"),
    )
    four = [f for f in found.facts if f.quantity is not None and f.quantity.value == 4]
    assert sorted(f.sources for f in four if f.independent > 1) == [("r0", "r2")]


def test_a_background_year_in_long_sentences_on_other_things_is_no_claim() -> None:
    found = _run(
        "More than any attack in the months after the arrival of about one million asylum "
        "seekers in 2015, that chaotic night of sexual assaults in Cologne set off fears across "
        "Germany that the new arrivals threatened their way of life and fed the far right.",
        "The number of sexual assaults recorded in Germany last year rose sharply compared to "
        "2015, police statistics showed, as the night in Cologne still shaped the debate "
        "about safety at public celebrations, concerts and street parties across the whole "
        "country this winter.",
        times=("2017-12-30", "2017-12-31"),
    )
    assert not [f for f in found.facts if f.quantity is None and len(f.sources) > 1]


def test_a_bare_toll_far_from_another_count_is_another_event() -> None:
    found = _run(
        "Fighting broke out in the capital overnight. Residents fled. Troops moved in at dawn. "
        "At least three people were killed.",
        "Shelling went on. Markets stayed shut. Roads were closed. Security forces killed at "
        "least nine civilians on Monday in the north, activists said.",
        "Talks stalled. Envoys left. Aid waited. The UN says more than 8,000 people have been "
        "killed in the year-long uprising.",
        times=("2012-03-19", "2012-03-20", "2012-03-20"),
    )
    assert [d for d in found.discrepancies if d.about == "deaths"] == []
