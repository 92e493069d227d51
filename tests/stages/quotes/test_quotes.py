"""Quotes: direct forms, split quotes, speakers (pronouns resolved), merging of seed variants."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crosswire.models import Article, Quote, Span
from crosswire.stages.quotes.config import QuoteConfig
from crosswire.stages.quotes.extract import extract_quotes, quote_candidates
from crosswire.stages.quotes.marks import quoted_stretches
from crosswire.stages.quotes.merge import merge_quote_variants, merge_quotes

SEEDS = Path(__file__).resolve().parents[3] / "examples" / "ishiba-visit"
DIRECT = QuoteConfig(indirect=False)


def _quotes(nlp: Any, text: str, config: QuoteConfig = DIRECT) -> tuple[Quote, ...]:
    article = Article(id="t", text=text)
    quotes = extract_quotes(article=article, nlp=nlp, config=config)
    for q in quotes:
        assert [text[s.start : s.end] for s in q.spans] == [q.text]
        if q.speaker_span is not None:
            assert 0 <= q.speaker_span.start < q.speaker_span.end <= len(text)
    return quotes


def _seed_articles() -> list[Article]:
    """The seeds, cleaned when ingest and clean are importable, else read raw."""
    paths = sorted(SEEDS.glob("*.txt"))
    try:
        from crosswire.ingest import read_paths
        from crosswire.stages.clean import clean_document
    except ImportError:  # pragma: no cover - until ingest/clean exist
        return [Article(id=p.stem, text=p.read_text("utf-8")) for p in paths]
    out = []
    for doc in read_paths(paths=[str(p) for p in paths]):
        cleaned = clean_document(doc=doc) if not hasattr(doc, "reason") else doc
        if isinstance(cleaned, Article):
            out.append(cleaned)
    return sorted(out, key=lambda a: a.id)


def test_quote_marks_typographic_ascii_and_open_paragraph() -> None:
    text = 'He said “one two,” then "three four".\n“Runs on to the end'
    found = [text[s.start : s.end] for s in quoted_stretches(text)]
    assert found == ["one two", "three four", "Runs on to the end"]


def test_typographic_quote_after_cue(nlp: Any) -> None:
    text = "“We will build a strong alliance with Japan,” Ishiba told reporters on Friday."
    (q,) = _quotes(nlp, text)
    assert q.text == "We will build a strong alliance with Japan"
    assert (q.speaker, q.cue) == ("Ishiba", "told")


def test_ascii_quote_before_cue_with_colon(nlp: Any) -> None:
    text = 'Prime Minister Shigeru Ishiba said: "It will be our first talks. We want trust."'
    (q,) = _quotes(nlp, text)
    assert q.text == "It will be our first talks. We want trust."
    assert q.speaker == "Shigeru Ishiba" and q.cue == "said"


def test_split_quote_shares_speaker(nlp: Any) -> None:
    text = (
        "“It will be our first face-to-face meeting,” Ishiba told reporters before leaving. "
        "“I want to focus on building a personal relationship of trust.”"
    )
    first, second = _quotes(nlp, text)
    assert first.text == "It will be our first face-to-face meeting"
    assert second.text.startswith("I want to focus")
    assert first.speaker == second.speaker == "Ishiba"
    assert first.speaker_span == second.speaker_span


def test_pronoun_speaker_resolved(nlp: Any) -> None:
    text = (
        "Fumio Kishida met the delegation on Monday.\n"
        "“We have a fantastic relationship with Washington,” he said."
    )
    (q,) = _quotes(nlp, text)
    assert q.speaker == "Fumio Kishida"
    assert q.speaker_span is not None
    assert text[q.speaker_span.start : q.speaker_span.end] == "he"


def test_a_pronoun_is_not_given_to_a_person_of_the_other_gender(nlp: Any) -> None:
    mother = (
        "Jennifer Rivers visits the grave of her son, Tavin Price, every day.\n"
        "\"I'm trying to be strong up here, but inside I feel dead,\" she said."
    )
    assert [q.speaker for q in _quotes(nlp, mother)] == ["Jennifer Rivers"]
    mayor = (
        "Mary Jones, the deputy mayor, spoke after the council voted to fire John Smith.\n"
        "\"We had no choice,\" she said."
    )
    assert [q.speaker for q in _quotes(nlp, mayor)] == ["Mary Jones"]
    # nobody before "he" can be a man: the speaker is unknown, never a wrong name, and the
    # pronoun stays the speaker's mention
    (q,) = _quotes(nlp, "Ms. Alvarez met the board.\n\"We will appeal,\" he said.")
    assert (q.speaker, q.speaker_mention) == (None, "he")
    # unknown given names agree with either pronoun
    (q,) = _quotes(nlp, "Yuki Tanaka met the board.\n\"We will appeal,\" she said.")
    assert q.speaker == "Yuki Tanaka"


def test_one_speaker_per_quote_the_nearest_cue(nlp: Any) -> None:
    text = (
        "The officers finished with their call and then continued their conversation with "
        "Mr. Smith, who told them: \u201cMy brother may be hurt. He might be dead.\u201d\n"
        "\"I need an ambulance. My leg has been shot!\" Ann Lee cried."
    )
    quotes = _quotes(nlp, text, QuoteConfig())
    by_text = {q.text: q for q in quotes}
    assert by_text["My brother may be hurt. He might be dead."].cue == "told"
    assert by_text["I need an ambulance. My leg has been shot!"].speaker == "Ann Lee"
    assert len([q for q in quotes if q.text.startswith("My brother")]) == 1


def test_gender_evidence() -> None:
    from crosswire.stages.quotes.gender import gender_of, pronoun_gender

    assert pronoun_gender("She") == "f" and pronoun_gender("his") == "m"
    assert pronoun_gender("they") is None
    assert gender_of(name="Lane", before="the author, Mr. ") == "m"
    assert gender_of(name="Price", before="the grave of her son, ") == "m"
    assert gender_of(name="Rivers", before="Ms. ") == "f"
    assert gender_of(name="Jennifer Rivers", before="") == "f"
    assert gender_of(name="Ishiba", before="Prime Minister ") is None


def test_title_phrase_speaker_kept(nlp: Any) -> None:
    text = (
        "The talks went well. “The president pays a lot of attention to the deficit,” said a "
        "senior administration official who briefed reporters."
    )
    (q,) = _quotes(nlp, text)
    assert q.speaker == "a senior administration official"


def test_cue_with_colon_before_quote_paragraph(nlp: Any) -> None:
    text = "The senator responded in a statement:\n\"We will not accept this budget at all.\""
    (q,) = _quotes(nlp, text)
    assert q.text == "We will not accept this budget at all."
    assert q.speaker == "The senator" and q.cue == "responded"


def test_scare_quotes_are_not_quotes(nlp: Any) -> None:
    assert _quotes(nlp, "He calls himself the “tariff man” and likes golf.") == ()


def test_reported_speech(nlp: Any) -> None:
    text = "Trump said that the deal would create many jobs in Ohio."
    quotes = _quotes(nlp, text, QuoteConfig())
    assert [(q.text, q.speaker) for q in quotes] == [
        ("that the deal would create many jobs in Ohio", "Trump")
    ]


def test_quote_candidates_carry_keys(nlp: Any) -> None:
    article = Article(id="t", text="Trump said that the deal would create many jobs in Ohio.")
    found = dict(quote_candidates(article=article, nlp=nlp))
    assert found["say/ccomp"].text == "that the deal would create many jobs in Ohio"
    assert found["say/ccomp"].speaker == "Trump"


def _q(text: str, source: str, start: int, speaker: str | None) -> Quote:
    return Quote(text, speaker, (Span(source, start, start + len(text)),), (source,), 1, "said")


def test_merge_canonicalises_and_counts_origins() -> None:
    quotes = [
        _q("It will be our first face-to-face talks, so I would like trust", "a", 10, "Ishiba"),
        _q("It will be our first face-to-face talks", "b", 5, "Ishiba"),
        _q("It will be our first face-to-face meeting", "c", 0, "Isba"),
        _q("We do not want a war in the region at all", "a", 90, "Trump"),
    ]
    canon = {"Isba": "Shigeru Ishiba", "Ishiba": "Shigeru Ishiba"}
    merged = merge_quote_variants(
        quotes=quotes, origin_groups={"a": "g1", "b": "g1", "c": "g2"},
        canonical_name=lambda n: canon.get(n, n),
    )
    first = merged[0].quote
    assert first.sources == ("a", "b") and first.independent == 1
    assert first.speaker == "Shigeru Ishiba" and first.verified
    assert first.text.startswith("It will be our first face-to-face talks, so")
    # "meeting" is not "talks": other words are another quote, never merged by likeness
    assert sorted(m.quote.text for m in merged[1:]) == [
        "It will be our first face-to-face meeting", "We do not want a war in the region at all"]


def test_merge_counts_only_origins_that_hold_the_words() -> None:
    quotes = [
        _q("the tariffs will protect our steel workers", "a", 0, "Trump"),
        _q("the tariffs will protect our steel workers and farmers", "b", 0, "Trump"),
        _q("the tariffs will protect our steel workers at home", "c", 0, "Trump"),
    ]
    (merged,) = merge_quote_variants(quotes=quotes, origin_groups={"a": "x", "b": "y", "c": "z"})
    assert merged.quote.sources == ("a", "b", "c")
    assert merged.paraphrase_sources == ("c",) and merged.quote.independent == 2


def test_merge_is_order_independent() -> None:
    quotes = [
        _q("It will be our first face-to-face talks", "b", 5, "Ishiba"),
        _q("It will be our first face-to-face talks, so I would like trust", "a", 10, "Ishiba"),
    ]
    groups = {"a": "a", "b": "b"}
    assert merge_quotes(quotes=quotes, origin_groups=groups) == merge_quotes(
        quotes=list(reversed(quotes)), origin_groups=groups
    )


def test_merge_no_speaker_quote_does_not_bridge_two_speakers() -> None:
    quotes = [
        _q("We will not back down on tariffs", "a", 0, "Trump"),
        _q("We will not back down on tariffs and we will not back down on trade", "b", 0, None),
        _q("We will not back down on trade", "c", 0, "Biden"),
    ]
    for order in (quotes, quotes[::-1], [quotes[2], quotes[0], quotes[1]]):
        merged = merge_quotes(quotes=order, origin_groups={})
        assert sorted((q.speaker or "", q.sources) for q in merged) == [
            ("", ("b",)), ("Biden", ("c",)), ("Trump", ("a",))
        ]  # it resembles both speakers' words: it joins neither
    one = merge_quotes(quotes=quotes[:2], origin_groups={})
    assert [(q.speaker, q.sources) for q in one] == [("Trump", ("a", "b"))]


def test_speaker_names_that_can_be_one_person() -> None:
    from crosswire.stages.quotes.merge import _speakers_compatible

    def same(a: str, b: str) -> bool:
        return _speakers_compatible(a, b, canon=lambda n: n, threshold=75.0)

    assert same("Ocasio-Cortez", "Alexandria Ocasio-Cortez")
    assert same("King", "Angus King") and same("Joe Biden", "Joseph R. Biden")
    assert same("J. Edgar Hoover", "Edgar Hoover") and same("President Trump", "Donald Trump")
    assert same("Huckabee Sanders", "Sarah Huckabee Sanders")
    assert not same("Donald Trump", "Ivanka Trump") and not same("Jeb Bush", "George Bush")
    assert not same("Trump", "Biden")


def test_merge_speakerless_variant_is_judged_against_the_groups_as_they_are() -> None:
    tariffs = "the tariffs will protect our steel workers"
    farmers = "our farmers deserve a fair deal from china"
    family = "the family business is doing very well today"
    quotes = [
        _q(tariffs, "a", 0, "Trump"), _q(farmers, "b", 0, "Donald Trump"),
        _q(family, "c", 0, "Ivanka Trump"),
        _q(f"{tariffs} and {farmers}", "d", 0, None), _q(f"{tariffs} but {family}", "e", 0, None),
    ]
    merged = {q.sources: q.speaker for q in merge_quotes(quotes=quotes, origin_groups={})}
    assert merged[("a", "b", "d")] == "Donald Trump"
    assert merged[("c",)] == "Ivanka Trump" and merged[("e",)] is None  # Trump's and Ivanka's


def test_merge_tells_family_members_apart() -> None:
    quotes = [
        _q("We are going to make this country great again", "a", 0, "Donald Trump"),
        _q("We are going to make this country great again", "b", 0, "Ivanka Trump"),
        _q("We are going to make this country great again", "c", 0, "President Trump"),
    ]
    merged = merge_quotes(quotes=quotes, origin_groups={})
    assert sorted(q.sources for q in merged) == [("a", "c"), ("b",)]


def test_merge_offers_speakerless_groups_in_lead_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two speakerless groups resemble Cy's quote; the one offered first takes it. Groups are
    offered by lead: {0, 8} joined first and {2, 8} then keeps 2's lead, so {1} (lead 1) goes
    first and joins Cy and Bob; {0, 2, 8} cannot then join Ann to them (Ann is not Bob)."""
    from crosswire.stages.quotes import merge

    names = [None, None, None, "Cy", "Ann", "Bob", "Bob", "Ann", None]
    similar = {(0, 3), (0, 8), (1, 3), (1, 6), (2, 8), (7, 8)}
    monkeypatch.setattr(merge, "_texts_similar", lambda a, b, config: (int(a), int(b)) in similar)
    monkeypatch.setattr(merge, "_speakers_compatible",
                        lambda a, b, *, canon, threshold: {a, b} != {"Ann", "Bob"})
    quotes = [_q(str(i), "a", i, name) for i, name in enumerate(names)]
    groups = merge._groups(quotes, lambda name: name, QuoteConfig())
    assert groups == [[0, 2, 8], [1, 3, 6], [4], [5], [7]]


@pytest.fixture(scope="module")
def seed_quotes(nlp: Any) -> tuple[list[Article], list[Quote]]:
    articles = _seed_articles()
    quotes = [q for a in articles for q in extract_quotes(article=a, nlp=nlp)]
    return articles, quotes


def test_seed_quote_spans_verbatim(seed_quotes: tuple[list[Article], list[Quote]]) -> None:
    articles, quotes = seed_quotes
    texts = {a.id: a.text for a in articles}
    assert quotes
    for q in quotes:
        for span in q.spans:
            assert texts[span.source][span.start : span.end] == q.text


def test_seed_variants_merge_into_one(seed_quotes: tuple[list[Article], list[Quote]]) -> None:
    articles, quotes = seed_quotes
    ids = {a.id[:3]: a.id for a in articles}
    groups = {ids["000"]: "o1", ids["002"]: "o1", ids["001"]: "o2", ids["003"]: "o3",
              ids["004"]: "o3"}
    canon = {"Isba": "Shigeru Ishiba", "Ishiba": "Shigeru Ishiba"}
    merged = merge_quotes(quotes=quotes, origin_groups=groups,
                          canonical_name=lambda n: canon.get(n, n))
    hits = [q for q in merged if "first face-to-face talks" in q.text]
    assert len(hits) == 1
    quote = hits[0]
    assert quote.speaker == "Shigeru Ishiba"
    assert {ids[k] for k in ("000", "002", "003")} <= set(quote.sources)
    assert ids["004"] not in quote.sources  # "first face-to-face meeting": other words
    assert quote.independent == 2 and quote.verified
    assert len(quote.spans) == len(quote.sources)
    texts = {a.id: a.text for a in articles}
    assert any(texts[s.source][s.start : s.end] == quote.text for s in quote.spans)


def _indirect(nlp: Any, text: str) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.kind) for q in _quotes(nlp, text, QuoteConfig())]


def test_according_to_at_the_end_covers_the_coordination(nlp: Any) -> None:
    text = (
        "The government hacked computers at the agency in 2010 and employees at the regulator "
        "covered up the intrusions, according to a congressional report."
    )
    found = _indirect(nlp, text)
    assert (text.split(", according")[0], None, "indirect") in found


def test_clause_final_cue_parsed_as_modifier(nlp: Any) -> None:
    text = (
        "The Internet has also made it possible for people with like-minded, if bogus, ideas "
        "and theories to organize into communities and reach others, she said."
    )
    (content, _speaker, kind), = [f for f in _indirect(nlp, text) if f[0].startswith("The")]
    assert content == text.split(", she said")[0] and kind == "indirect"


def test_cue_of_its_own_clause_is_not_a_scare_quote_cue(nlp: Any) -> None:
    text = (
        "While Comey said there was clear evidence that Clinton was “extremely careless” and "
        "mishandled classified information, he said there’s no precedent for prosecuting her."
    )
    found = _indirect(nlp, text)
    assert ("there’s no precedent for prosecuting her", None, "indirect") in [
        (c, "he" if s is not None else None, k) for c, s, k in found
    ]
    assert not any(c == "extremely careless" for c, _s, _k in found)


def test_position_inside_reported_clause_is_not_separate(nlp: Any) -> None:
    found = _indirect(nlp, "Clinton has never said she would support legal abortion up to birth.")
    assert [c for c, _s, _k in found] == ["she would support legal abortion up to birth"]


def test_speaker_colon_headline(nlp: Any) -> None:
    text = "EXCLUSIVE – Roger Stone: Don’t Trust the Voting Machines\n\nRelated: more stories here"
    found = _indirect(nlp, text)
    assert ("Don’t Trust the Voting Machines", "Roger Stone", "indirect") in found
    assert not any(c.startswith("more") for c, _s, _k in found)


def test_quote_kind_direct_and_partial(nlp: Any) -> None:
    text = "“We will win,” Ishiba said. He said he was “totally against” the tariffs."
    kinds = {q.text: q.kind for q in _quotes(nlp, text, QuoteConfig())}
    assert kinds["We will win"] == "direct"
    assert kinds["he was “totally against” the tariffs"] == "partial"


def test_attribution_phrase_inside_its_clause_splits_it(nlp: Any) -> None:
    text = "The new plan, she said, will fail within a year."
    parts = [q for q in _quotes(nlp, text, QuoteConfig()) if q.cue == "said"]
    assert [q.text.rstrip(".") for q in parts] == ["The new plan", "will fail within a year"]
    assert {(q.speaker, q.speaker_span) for q in parts} == {(parts[0].speaker,
                                                             parts[0].speaker_span)}


def test_according_to_inside_its_clause_drops_a_one_word_part(nlp: Any) -> None:
    text = "Now, according to the latest poll, voters are changing their minds about the tax."
    found = [(c, s) for c, s, _k in _indirect(nlp, text)]
    assert ("voters are changing their minds about the tax.", None) in found
    assert not any(c == "Now" for c, _s in found)


def test_nominal_cue_with_that_clause_and_possessor(nlp: Any) -> None:
    found = _indirect(nlp, "Smith's claim that the budget was balanced surprised many economists.")
    assert ("that the budget was balanced", "Smith", "indirect") in found


def test_nominal_cue_object_of_a_verb_replaces_the_verb_object(nlp: Any) -> None:
    found = _indirect(nlp, "The mayor voiced strong support for the new stadium plan.")
    assert found == [("the new stadium plan", "The mayor", "indirect")]


def test_nominal_cue_that_clause_needs_no_holder(nlp: Any) -> None:
    found = _indirect(nlp, "The claim that the bridge was unsafe turned out to be false.")
    assert ("that the bridge was unsafe", None, "indirect") in found
    found = _indirect(nlp, "There are growing concerns about the senator's record on taxes.")
    assert ("the senator's record on taxes", None, "indirect") in found


def test_questions_about_is_a_nominal_cue(nlp: Any) -> None:
    found = _indirect(nlp, "Voters raised questions about the cost of the new bridge.")
    assert ("the cost of the new bridge", "Voters", "indirect") in found


def test_position_verbs_point_to_and_vote_for(nlp: Any) -> None:
    found = _indirect(nlp, "The governor pointed to the falling crime rate in the capital.")
    assert ("the falling crime rate in the capital", "The governor", "indirect") in found
    found = _indirect(nlp, "She voted for the new budget plan last year.")
    assert ("the new budget plan", None, "indirect") in found


def test_stance_adjective_uneasy_about(nlp: Any) -> None:
    found = _indirect(nlp, "Party leaders are uneasy about the new nominee's comments.")
    assert ("the new nominee's comments", "Party leaders", "indirect") in found


def test_to_frame_with_a_person_or_group(nlp: Any) -> None:
    found = _indirect(nlp, "But to Smith, the deal was a betrayal of the party.")
    assert ("the deal was a betrayal of the party.", "Smith", "indirect") in found
    found = _indirect(nlp, "To many, the senator is a reformer who fights for them.")
    assert [(t, s) for t, s, _ in found if s == "many"] == [
        ("the senator is a reformer who fights for them.", "many")]
    assert _indirect(nlp, "To date, the senator has raised two million dollars.") == []
    # "to X's relief / surprise" is the idiom of a feeling, not X's view
    assert _indirect(nlp, "To the Democrats' relief, the measure stalled in the Senate.") == []


def test_closing_relative_clause_is_left_out_of_reported_clause(nlp: Any) -> None:
    found = _indirect(nlp, "The mayor said the plan will help Smith, who faces a tough race.")
    assert found == [("the plan will help Smith", "The mayor", "indirect")]


def test_adjective_cue_clause_and_prepositional_object(nlp: Any) -> None:
    text = "The senator's advisers were confident that he would win the primary easily."
    assert ("that he would win the primary easily", "The senator's advisers", "indirect") in (
        _indirect(nlp, text))
    found = _indirect(nlp, "Local leaders are wary of raising taxes before the election.")
    assert ("raising taxes before the election", "Local leaders", "indirect") in found


def test_regard_verb_object_with_as_phrase(nlp: Any) -> None:
    found = _indirect(nlp, "Critics see the merger as a threat to competition.")
    assert ("the merger as a threat to competition", "Critics", "indirect") in found


def test_object_keeps_its_prepositional_phrase_but_not_a_date(nlp: Any) -> None:
    found = _indirect(nlp, "The mayor criticized the plan for its high cost.")
    assert ("the plan for its high cost", "The mayor", "indirect") in found
    found = _indirect(nlp, "The mayor criticized the new plan on Tuesday.")
    assert ("the new plan", "The mayor", "indirect") in found


def test_transcript_one_word_speakers(nlp: Any) -> None:
    text = ("Q: What do you think of the plan?\nA: I think it will work well enough.\n"
            "Q: Why do you say so?\nA: Because it is simple and cheap.")
    found = {(c, s) for c, s, _k in _indirect(nlp, text)}
    assert ("I think it will work well enough.", "A") in found
    assert ("Why do you say so?", "Q") in found
    labels = "UPDATE: The story has been corrected since.\nNOTE: All times are local ones."
    assert not any(s in ("UPDATE", "NOTE") for _c, s, _k in _indirect(nlp, labels))


def test_quote_after_a_name_and_colon(nlp: Any) -> None:
    text = 'More from Jones: "The state is now leaning toward the other party this year."'
    (q,) = _quotes(nlp, text)
    assert (q.text, q.speaker, q.cue, q.kind) == (
        "The state is now leaning toward the other party this year.", "Jones", ":", "direct")


def test_paragraph_after_cue_verb_and_colon(nlp: Any) -> None:
    text = "The agency reported:\nThe economy grew by three percent in the last quarter."
    found = _indirect(nlp, text)
    assert ("The economy grew by three percent in the last quarter.", "The agency",
            "indirect") in found
    assert not _quotes(nlp, text, QuoteConfig(blocks=False, indirect=False))


def test_source_document_phrase_set_off_by_a_comma(nlp: Any) -> None:
    found = _indirect(nlp, "In the latest poll, most voters favored the incumbent governor.")
    assert ("most voters favored the incumbent governor.", None, "indirect") in found


def test_that_said_is_not_speech(nlp: Any) -> None:
    assert _indirect(nlp, "That said, the plan still needs a lot of work.") == []


def test_clause_hung_on_the_cue_without_a_comma_continues_the_content(nlp: Any) -> None:
    text = "Mayor Smith wants to raise the fee because the budget is short this year."
    found = _indirect(nlp, text)
    assert ("to raise the fee because the budget is short this year", "Smith", "indirect") in found


def test_second_that_clause_after_a_comma_continues_the_content(nlp: Any) -> None:
    text = (
        "Mayor Jane Smith believes there are no good options, but that sometimes the cheaper "
        "of two plans will have to do."
    )
    found = [q[0] for q in _indirect(nlp, text)]
    assert text[text.index("there") : -1] in found


def test_subject_of_raising_verb_or_passive_is_content(nlp: Any) -> None:
    text = "The new city budget is expected to cut spending on roads."
    assert (text[:-1], None, "indirect") in _indirect(nlp, text)
    text = "The former state senator appears to be losing support in the suburbs."
    assert [q[0] for q in _indirect(nlp, text)] == [text[:-1]]
    assert [q[0] for q in _indirect(nlp, "He is expected to win the race.")] == ["to win the race"]


def test_verb_outside_lexicon_taking_the_quote_is_its_cue(nlp: Any) -> None:
    text = '"The paper is claiming that it had a private talk with you in March," Jones started.'
    (q,) = _quotes(nlp, text)
    assert (q.speaker, q.cue, q.kind) == ("Jones", "started", "direct")


def test_quote_paragraph_after_reported_speech_takes_its_speaker(nlp: Any) -> None:
    text = (
        "The bill would raise fees for small farms, Senator Ann Lee said on Monday.\n\n"
        '"It is a bad bill for rural towns. We will fight it."'
    )
    found = _indirect(nlp, text)
    assert ("It is a bad bill for rural towns. We will fight it.", "Ann Lee", "direct") in found
    alone = _indirect(nlp, "The sky was grey.\n\n" + text.split("\n\n")[1])
    assert alone == [("It is a bad bill for rural towns. We will fight it.", None, "direct")]


def test_quote_with_no_cue_continues_the_speaker_of_its_or_the_last_paragraph(nlp: Any) -> None:
    text = (
        "Senator Ann Lee said on Monday that the bill was unfair.\n\n"
        'Then she turned to the crowd. "We will not let this bill pass quietly."'
    )
    found = _indirect(nlp, text)
    assert ("We will not let this bill pass quietly.", "Ann Lee", "direct") in found
    further = (
        "Senator Ann Lee said on Monday that the bill was unfair.\n\n"
        "The vote is set for Friday.\n\n"
        'Farmers gathered outside. "We will not let this bill pass quietly."'
    )
    found = _indirect(nlp, further)
    assert ("We will not let this bill pass quietly.", None, "direct") in found  # not guessed
    titled = 'She starred in "Sex and the City" for six seasons.'
    assert _indirect(nlp, titled) == []  # the title of a work is not a quote
    assert not any(q[0] == "too short" for q in _indirect(nlp, 'It was "too short" then.'))


def test_quoted_words_with_no_cue_that_are_no_ones_quote(nlp: Any) -> None:
    lead = "Senator Ann Lee said on Monday that the bill was unfair.\n\n"
    named = lead + 'A sign at the rally read "no more bills for the rich ones".'
    assert not any(q[0].startswith("no more bills") for q in _indirect(nlp, named))
    so_called = lead + 'Farmers mocked the so-called "fair deal for rural towns" on Monday.'
    assert not any(q[0].startswith("fair deal") for q in _indirect(nlp, so_called))
    titled = 'She starred in "Gone with the Wind." It ran for years.'
    assert not any(q[0].startswith("Gone with") for q in _indirect(nlp, titled))
    unclosed = lead + 'Farmers gathered outside the "hall and then they went home for the day.'
    assert not any(q[0].startswith("hall and") for q in _indirect(nlp, unclosed))
    stray = lead + 'The farmers left", Lee said. She was tired of it all" and went home.'
    assert not any("Lee said" in q[0] for q in _indirect(nlp, stray))


def test_quoted_sentences_with_no_cue_that_stay_quotes(nlp: Any) -> None:
    lead = "Senator Ann Lee said on Monday that the bill was unfair.\n\n"
    kept = [
        'She visited a farm. "I was scared, I told my husband we had to fight this bill."',
        'In his own words: "We are cooperating fully with the investigators."',
        '"THE FAKE NEWS MEDIA IS THE ENEMY OF THE AMERICAN PEOPLE."',
        'She went on. ". . . we will not stop until the bill is dead."',
    ]
    for line in kept:
        body = line[line.index('"') + 1 : line.rindex('"')].rstrip(".")
        assert any(q[0].rstrip(".") == body for q in _indirect(nlp, lead + line)), line


def test_a_person_named_in_the_attribution_itself_does_not_stop_inheritance(nlp: Any) -> None:
    text = (
        "The bill is unfair and must be stopped, Ann Lee told Tom Park on Monday.\n\n"
        'She spoke in Ohio. "Nobody can stop us now, believe me."'
    )
    found = _indirect(nlp, text)
    assert ("Nobody can stop us now, believe me.", "Ann Lee", "direct") in found
    stray = (
        'Senator Ann Lee spoke.\n\n"We will fight this bill all the way, Lee said on Monday. '
        '"It is unfair and we will win."'
    )
    assert not any("Lee said on Monday" in q[0] for q in _indirect(nlp, stray))


def test_no_speaker_inherited_over_another_named_person(nlp: Any) -> None:
    text = (
        "Senator Ann Lee said on Monday that the bill was unfair.\n\n"
        'Governor Tom Park disagreed strongly with her. "We will pass this bill before the '
        'summer recess."'
    )
    found = _indirect(nlp, text)
    assert ("We will pass this bill before the summer recess.", "Ann Lee", "direct") not in found
    assert ("We will pass this bill before the summer recess.", None, "direct") in found


def test_mid_sentence_quoted_words_do_not_inherit_a_speaker(nlp: Any) -> None:
    text = (
        "Senator Ann Lee said on Monday that the bill was unfair.\n\n"
        'Then came a long march, with "a fair shot at the market" on every banner.'
    )
    found = _indirect(nlp, text)
    assert ("a fair shot at the market", None, "direct") in found


def test_cue_after_a_long_speaker_description(nlp: Any) -> None:
    text = (
        '"Turnout will be low in the rural counties this year," Jane Doe, the chief pollster '
        "at the state university in Ames, said."
    )
    (q,) = _quotes(nlp, text)
    assert (q.text, q.speaker, q.cue) == (text[1:52], "Jane Doe", "said")


def test_gerund_of_another_verb_goes_on_with_the_reported_clause(nlp: Any) -> None:
    text = "The senator said the bill would pass easily, leaving the decision to the governor."
    assert (text[len("The senator said "):-1], "The senator", "indirect") in _indirect(nlp, text)
    text = "The senator said the bill would pass easily, saying the votes were already there."
    assert ("the bill would pass easily", "The senator", "indirect") in _indirect(nlp, text)


def test_object_before_an_infinitive_belongs_to_the_content(nlp: Any) -> None:
    found = _indirect(nlp, "The mayor urged residents to stay indoors during the storm.")
    assert ("residents to stay indoors during the storm", "The mayor", "indirect") in found


def test_quote_inside_the_cue_infinitive_or_object_widens_to_it(nlp: Any) -> None:
    text = 'She vowed to carry the "mantle" of the party into the next election.'
    found = [(q.text, q.kind) for q in _quotes(nlp, text, QuoteConfig())]
    assert found == [('to carry the "mantle" of the party into the next election', "partial")]
    text = 'The minister stressed the need for "unshakeable commitment" to the alliance.'
    found = [(q.text, q.kind) for q in _quotes(nlp, text, QuoteConfig())]
    assert found == [('the need for "unshakeable commitment" to the alliance', "partial")]


def test_object_runs_on_over_a_purpose_infinitive(nlp: Any) -> None:
    found = _indirect(nlp, "The senator defended his call to raise the minimum wage.")
    assert ("his call to raise the minimum wage", "The senator", "indirect") in found


def test_prepositional_object_runs_on_over_following_phrases_but_not_a_date(nlp: Any) -> None:
    text = "The candidate talked about health care with young voters on Tuesday."
    assert ("health care with young voters", "The candidate", "indirect") in _indirect(nlp, text)


def test_noun_conjoined_to_the_verb_continues_the_object(nlp: Any) -> None:
    text = "The author will discuss his new book, and the presidential campaign."
    found = _indirect(nlp, text)
    assert ("his new book, and the presidential campaign", "The author", "indirect") in found


def test_any_noun_that_clause_or_about_object_but_not_a_fact(nlp: Any) -> None:
    found = _indirect(nlp, "The governor rejected the idea that taxes must rise.")
    assert ("that taxes must rise", "The governor", "indirect") in found
    assert _indirect(nlp, "Voters ignored the fact that the economy was growing.") == []
    found = _indirect(nlp, "Many voters are excited about the new candidate.")
    assert ("the new candidate", "Many voters", "indirect") in found


def test_any_verb_about_object_with_a_speaker(nlp: Any) -> None:
    found = _indirect(nlp, "The senator bragged about his record on veterans.")
    assert ("his record on veterans", "The senator", "indirect") in found


def test_infinitive_of_an_intention_noun(nlp: Any) -> None:
    found = _indirect(nlp, "The governor announced his decision to run for the Senate next year.")
    assert [f[0] for f in found] == ["to run for the Senate next year"]
    found = _indirect(nlp, "Her pledge to cut taxes for families has drawn praise.")
    assert [f[0] for f in found] == ["to cut taxes for families"]


def test_fronted_as_clause_attributes_the_rest(nlp: Any) -> None:
    found = _indirect(nlp, "As the newspaper reported, the mayor will resign next week.")
    assert found == [("the mayor will resign next week.", "the newspaper", "indirect")]
    found = _indirect(nlp, "As he put it, the party has lost its way.")
    assert [f[0] for f in found] == ["the party has lost its way."]


def test_in_their_view_frames_the_clause(nlp: Any) -> None:
    found = _indirect(nlp, "In their view, the election is already over.")
    assert [f[0] for f in found] == ["the election is already over."]


def test_for_clause_after_a_verb_is_its_prepositional_object(nlp: Any) -> None:
    text = "Sanders has called for the minimum wage to be raised to $15 by 2020."
    found = _indirect(nlp, text)
    assert ("the minimum wage to be raised to $15 by 2020", "Sanders", "indirect") in found


def test_what_a_stance_noun_is(nlp: Any) -> None:
    found = _indirect(nlp, "The hope is that voters will forgive him.")
    assert [f[0] for f in found] == ["that voters will forgive him"]
    found = _indirect(nlp, "The question is whether the party can unite behind him.")
    assert [f[0] for f in found] == ["whether the party can unite behind him"]


def test_passive_of_regarding_keeps_its_subject(nlp: Any) -> None:
    found = _indirect(nlp, "The deal was widely seen as a mistake.")
    assert [f[0] for f in found] == ["The deal was widely seen as a mistake"]
    found = _indirect(nlp, "Many delegates were deemed ineligible.")
    assert [f[0] for f in found] == ["Many delegates were deemed ineligible"]


def test_asked_if_gives_the_question(nlp: Any) -> None:
    found = _indirect(nlp, "The reporter asked Sanders if he would endorse Clinton.")
    assert ("if he would endorse Clinton", "The reporter", "indirect") in found


def test_that_clause_of_any_verb_with_a_speaker(nlp: Any) -> None:
    found = _indirect(nlp, "She reasoned that the tax cut would pay for itself.")
    assert found == [("that the tax cut would pay for itself", None, "indirect")]
    assert _indirect(nlp, "The storm means that the vote will be delayed.") == []


def test_that_clause_after_the_verb_over_a_clause_before_it(nlp: Any) -> None:
    text = "Ryan was diplomatic but firm; Trump must show that he deserves the nomination."
    found = _indirect(nlp, text)
    assert ("that he deserves the nomination", "Trump", "indirect") in found
    assert all(content != "Ryan was diplomatic but firm" for content, _, _ in found)
    assert _indirect(nlp, "The plan will fail, she said.") == [
        ("The plan will fail", None, "indirect")]


def test_poll_phrase_after_its_verb_attributes_only_the_words_before_it(nlp: Any) -> None:
    text = "Obama was winning black voters by 28 points in the same poll, a 52-point swing."
    found = _indirect(nlp, text)
    assert ("Obama was winning black voters by 28 points", None, "indirect") in found
    assert all("swing" not in content for content, _, _ in found)


def test_one_word_object_of_a_position_verb(nlp: Any) -> None:
    found = _indirect(nlp, "Obama endorsed Clinton on Thursday.")
    assert found == [("Clinton", "Obama", "indirect")]


def test_reported_clause_runs_on_to_the_close_of_its_quote(nlp: Any) -> None:
    text = ('Trump said that ethanol producers "do a fantastic job. And it is so important '
            'for the farmers." He then left the stage.')
    found = [(q.text, q.kind) for q in _quotes(nlp, text, QuoteConfig())]
    assert ('that ethanol producers "do a fantastic job. And it is so important for the '
            'farmers.', "partial") in found


def test_stance_noun_for_object_or_infinitive_needs_no_holder(nlp: Any) -> None:
    found = _indirect(nlp, "There were growing calls for an independent investigation.")
    assert [f[0] for f in found] == ["an independent investigation"]
    found = _indirect(nlp, "The plan to cut taxes for families was dropped last week.")
    assert [f[0] for f in found] == ["to cut taxes for families"]


def test_charge_of_a_judging_verb(nlp: Any) -> None:
    found = _indirect(nlp, "Police charged the swimmer with filing a false robbery report.")
    assert found == [("the swimmer with filing a false robbery report", "Police", "indirect")]
    found = _indirect(nlp, "Dylann Roof is accused of killing nine people inside the church.")
    assert [f[0] for f in found] == ["Dylann Roof", "of killing nine people inside the church"]
    assert _indirect(nlp, "The senator was accused.") == []


def test_review_cases_of_the_new_rules_stay_quiet(nlp: Any) -> None:
    """Sentences that the new rules first read wrongly: a condition is not a question, a
    clause after a semicolon is not what was said, the one told is not the content, a sum is
    no one charged, "is to be" is no plan, "It appears" has no speaker."""
    found = _indirect(nlp, "Obama will support the new bill if it passes the Senate.")
    assert found == [("the new bill", "Obama", "indirect")]
    found = _indirect(nlp, "We need more jobs, Clinton said; the economy must grow faster.")
    assert found == [("We need more jobs", "Clinton", "indirect")]
    for quiet in (
        "He told me.",
        "Obama told reporters on the plane.",
        "The company charged $5 for delivery.",
        "The plan is to be unveiled on Monday.",
        "It appears that the senator lost the vote.",
        "Support for the bill fell to 40 percent.",
        "The senator, who was seen as a moderate, lost the race.",
    ):
        assert _indirect(nlp, quiet) == [], quiet
    assert _indirect(nlp, "He is accused of lying.") == [("of lying", None, "indirect")]
