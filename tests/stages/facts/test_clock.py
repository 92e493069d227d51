"""Clock times of one moment compared across reports (``stages/facts/clock.py``)."""

from __future__ import annotations

from crosswire.models import Article
from crosswire.stages.facts.clock import ClockConfig, clock_discrepancies, clock_times


def _conflicts(*texts: str) -> list[tuple[str, ...]]:
    articles = [Article(id=f"r{i}", text=t, published="2019-03-02") for i, t in enumerate(texts)]
    return [
        tuple(v.text for v in d.values)
        for d in clock_discrepancies(articles=articles, config=ClockConfig())
        if d.about == "time of day" and d.kind == "conflict"
    ]


def test_clock_times_read_twelve_and_twenty_four_hour_clocks() -> None:
    def minutes(text: str) -> list[tuple[int, bool, str]]:
        return [(t.minutes, t.half_day, t.zone) for t in clock_times(text)]

    assert minutes("It ended at 12:47 a.m. local time") == [(47, False, "")]
    assert minutes("At 00:48 the last out came") == [(48, False, "")]
    assert minutes("The blast came at around 11pm") == [(23 * 60, False, "")]
    assert minutes("Shares fell at 13.30 GMT") == [(13 * 60 + 30, False, "GMT")]
    assert minutes("It rose 2.15 percent") == []  # a decimal, not a time
    assert minutes("The shop opens at 9:30") == [(9 * 60 + 30, True, "")]


def test_one_happening_at_two_clock_times_is_a_conflict() -> None:
    assert _conflicts(
        "The explosion happened at around 9:30pm near the market, police said.",
        "A loud blast was heard across the city at around 9pm on Friday.",
        "Rescue teams worked through the night to clear the rubble.",
    ) == [("around 9:30pm", "around 9pm")]


def test_one_moment_told_a_minute_apart_is_a_conflict() -> None:
    assert _conflicts(
        "At 01:14 in Boston, Ortiz of the visiting Red Sox grounded out to end it.",
        "Ortiz and the Red Sox fell at 1:13 a.m., and the fans poured onto the field.",
        "The celebration lasted until dawn at 1:13 a.m. in the stands, one fan said.",
    ) == [("01:14", "1:13 a.m.")]


def test_an_approximate_time_allows_a_quarter_hour() -> None:
    assert _conflicts(
        "The earthquake struck at around 4:10am, waking residents.",
        "The quake struck just after 4am, the geological survey said.",
    ) == []


def test_a_schedule_and_a_broadcast_start_are_two_moments() -> None:
    assert _conflicts(
        "The rocket remains go for launch at 1:30pm on Tuesday, the company said.",
        "The company will stream the launch on its website beginning at 1:10 p.m. Eastern.",
    ) == []


def test_times_in_named_zones_and_sequences_are_left_out() -> None:
    assert _conflicts(
        "Prices fell as low as $5,970 at 07:59 UTC on the index.",
        "Prices fell to their low at 7.44am GMT on the index, traders said.",
    ) == []
    assert _conflicts(
        "The bombing happened between 10:05pm and 10:40pm, police said.",
        "The bombing happened at 10:20pm, police said.",
    ) == []


def test_one_report_giving_two_times_is_a_sequence() -> None:
    assert _conflicts(
        "The attack happened at 11:05pm; a second blast followed.",
        "A second blast was heard at 11:25pm. The attack happened at 11:05pm.",
    ) == []


def test_a_live_blog_stamp_and_the_topic_noun_are_no_moment() -> None:
    assert _conflicts(
        "At 9:52 p.m., a spokesman e-mailed staff a draft note on the attack and the response.",
        "UPDATE: 9 p.m. -- A White House spokesman said he hoped the e-mails on the attack "
        "would put the response debate to rest.",
    ) == []


def test_shared_names_do_not_make_one_moment() -> None:
    assert _conflicts(
        "Officer Tom Reyes died from his wounds, the university president said in a message "
        "to the campus at 6 p.m. Wednesday.",
        "Police chief Ann Holt said officer Tom Reyes of the university passed away at 5:35 p.m. "
        "Wednesday.",
    ) == []
