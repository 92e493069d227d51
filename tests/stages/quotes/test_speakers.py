"""Speakers resolved from the article's own evidence, and what is not a quote (invented cases)."""

from __future__ import annotations

from typing import Any

from crosswire.models import Article, Quote
from crosswire.stages.quotes.config import QuoteConfig
from crosswire.stages.quotes.extract import extract_quotes

DIRECT = QuoteConfig(indirect=False)


def _quotes(nlp: Any, text: str, config: QuoteConfig = DIRECT) -> tuple[Quote, ...]:
    return extract_quotes(article=Article(id="t", text=text), nlp=nlp, config=config)


def _speaker_of(nlp: Any, text: str, start: str, config: QuoteConfig = DIRECT) -> Quote:
    return next(q for q in _quotes(nlp, text, config) if q.text.startswith(start))


def test_pronoun_takes_the_last_subject_not_the_nearest_name(nlp: Any) -> None:
    text = ("Maria Lopez, a longtime friend of Governor Peter Hale, told reporters that she had "
            "done nothing wrong.\n\"I have a house and a small car,\" she said.")
    q = _speaker_of(nlp, text, "I have a house")
    assert (q.speaker, q.speaker_mention) == ("Maria Lopez", "she")
    text = ("Tom Reyes, a longtime friend of Senator Paul Vance, told reporters that he was just "
            "a teacher.\n\"I have a house and a small car,\" he said.")
    assert _speaker_of(nlp, text, "I have a house").speaker == "Tom Reyes"


def test_pronoun_after_an_unnamed_speaker_is_not_a_name(nlp: Any) -> None:
    text = ("Dan Ortiz was named envoy in May. A foreign ministry spokesman in Rome said the staff "
            "were evacuated.\n\"All our employees are safe and well,\" he said.")
    q = _speaker_of(nlp, text, "All our employees")
    assert q.speaker != "Dan Ortiz" and q.speaker_mention == "he"


def test_definite_role_phrase_takes_the_person_named_with_that_role(nlp: Any) -> None:
    text = ("Comedian Ann Pryor announced the split on Monday.\nLater she met Tim Cole.\n"
            "\"It was not the fight that ended it,\" the comedian said.")
    q = _speaker_of(nlp, text, "It was not the fight")
    assert (q.speaker, q.speaker_mention) == ("Ann Pryor", "the comedian")


def test_organisation_phrase_takes_the_organisation_named_before(nlp: Any) -> None:
    text = ("Passengers were angry after Northern Pacific Airways turned the flight around.\n"
            "\"We are looking into how the passenger boarded,\" the airline said.")
    q = _speaker_of(nlp, text, "We are looking into")
    assert q.speaker == "Northern Pacific Airways"


def test_document_speaker_is_its_author_or_unknown(nlp: Any) -> None:
    text = ("The Hope Center for Children opened on Monday.\n\"Our city is being hijacked by "
            "noise,\" the center's website reads.")
    assert _speaker_of(nlp, text, "Our city").speaker == "Hope Center for Children"
    text = "Stocks fell on Monday.\n\"Prices will rise again next year,\" the report said."
    q = _speaker_of(nlp, text, "Prices will rise")
    assert (q.speaker, q.speaker_mention) == (None, "the report")


def test_platform_is_never_a_person(nlp: Any) -> None:
    text = ("Model Jane Fields and her husband, Rob Fields, were on board, and she posted updates "
            "on Twitter.\n\"Why were we all punished for one mistake?\" she wrote.")
    assert _speaker_of(nlp, text, "Why were we").speaker == "Jane Fields"


def test_name_between_quote_and_cue_when_the_parser_finds_no_subject(nlp: Any) -> None:
    text = ("\"It should be named the Offshore Files,\" Rosa Varela de Campos, the deputy "
            "minister of finance, insisted.")
    assert _speaker_of(nlp, text, "It should be").speaker is not None


def test_quoted_words_inside_reported_speech_are_its_speakers(nlp: Any) -> None:
    text = ("Senator Amy Holt wrote in a letter on Friday that the two agencies should \"try "
            "working together for once\" and stop the feud.")
    quotes = _quotes(nlp, text, QuoteConfig())
    q = next(q for q in quotes if q.text == "try working together for once")
    assert q.speaker == "Amy Holt"


def test_a_person_named_between_stops_a_continued_quote(nlp: Any) -> None:
    text = ("\"This is troubling,\" Ryan said.\nRyan was answering a claim by Mark Lowe.\n"
            "Lowe shot back: \"That is a bunch of nonsense and not a single word is true.\"")
    q = _speaker_of(nlp, text, "That is a bunch")
    assert q.speaker == "Mark Lowe"


def test_newspaper_quoting_someone_gives_their_words(nlp: Any) -> None:
    text = ("The newspaper quoted union chief Karl Weber as saying: \"By doing this one admits "
            "there are unsafe zones.\"")
    assert _speaker_of(nlp, text, "By doing this").speaker == "Karl Weber"


def test_headlines_teasers_names_and_signs_are_not_quotes(nlp: Any) -> None:
    full = QuoteConfig()
    headline = "Singer Ana Cruz jokes 'world is basically over' at awards show\nShe won twice."
    assert not [q for q in _quotes(nlp, headline, full) if "basically over" in q.text]
    teaser = "I was his mentor. Today I would tell him: your users are in peril Read more\n"
    assert not [q for q in _quotes(nlp, teaser, full) if "peril" in q.text]
    named = "The headline: \"City tells reporters to stop the wild speculation.\"\nIt ran Monday."
    assert not [q for q in _quotes(nlp, named, full) if "speculation" in q.text]
    sign = "\"Do you believe in miracles now?\" read one fan's sign after the game."
    assert not [q for q in _quotes(nlp, sign, full) if "miracles" in q.text]


def test_a_verb_after_a_named_speaker_reports_the_quote(nlp: Any) -> None:
    text = ("\"Panama is part of the story but not the main player,\" Luis Mendez Ortega, the "
            "president's chief of staff, pointed out.")
    assert _speaker_of(nlp, text, "Panama is part").speaker == "Luis Mendez Ortega"


def test_a_company_name_the_model_takes_for_a_person_is_an_organisation(nlp: Any) -> None:
    text = ("RocketWorks confirmed the launch date on Monday.\n\"The core stage will try to land "
            "on the barge,\" the company added.")
    q = _speaker_of(nlp, text, "The core stage")
    assert q.speaker in ("RocketWorks", "the company")


def test_a_writers_sentence_before_a_semicolon_is_not_reported(nlp: Any) -> None:
    text = "Her line is a nod to the singer; she announced her divorce with the same words."
    found = [q for q in _quotes(nlp, text, QuoteConfig()) if q.text.startswith("Her line")]
    assert found == []


def test_the_writers_aside_is_cut_from_an_object(nlp: Any) -> None:
    text = ("Jones posted photos of the doll, which he dubbed \"Spaceman\" in a nod to the song, "
            "on Tuesday.")
    assert not [q for q in _quotes(nlp, text, QuoteConfig()) if "Spaceman" in q.text]


def test_a_firm_is_never_a_country_and_an_award_never_a_person(nlp: Any) -> None:
    text = ("Britain said it would look into the files. Hale & Stone denied any wrongdoing.\n"
            "\"Our industry is not well understood by the public,\" the firm said.")
    assert _speaker_of(nlp, text, "Our industry").speaker != "Britain"
    text = ("Singer Ana Cruz won two prizes at the Grammys on Sunday.\n"
            "\"We just live in different countries,\" she wrote.")
    assert _speaker_of(nlp, text, "We just live").speaker != "Grammys"


def test_the_object_of_a_verb_of_causing_speaks_its_infinitive(nlp: Any) -> None:
    text = ("The leak led the president of the republic to announce: \"I have nothing to hide at "
            "all.\"")
    q = _speaker_of(nlp, text, "I have nothing")
    assert q.speaker_mention is not None and "president" in q.speaker_mention


def test_name_right_after_a_role_noun_is_the_speaker(nlp: Any) -> None:
    text = ("The Irish weekly the Clarion says the mayor \"will step down before the summer "
            "recess.\"")
    quotes = _quotes(nlp, text, QuoteConfig())
    assert quotes and all(q.speaker == "Clarion" for q in quotes)


def test_courtesy_title_and_surname_is_the_full_name(nlp: Any) -> None:
    text = ("Joan Lane has run the animal shelter in Dover for ten years.\n\"We have never been "
            "this full,\" Ms Lane said on Tuesday.")
    assert _speaker_of(nlp, text, "We have never").speaker == "Joan Lane"


def test_quote_after_a_question_put_to_a_person_is_the_answer(nlp: Any) -> None:
    text = ("The Herald asked Peter Novak, a partner at Dunmore Legal, if the plan could work? "
            "\"Definitely. The courts have upheld this kind of plan many times before.\"")
    q = _speaker_of(nlp, text, "Definitely", QuoteConfig())
    assert q.speaker == "Peter Novak"


def test_scare_quotes_in_reported_content_with_no_one_to_say_it_are_no_quote(nlp: Any) -> None:
    text = ("Hundreds of thousands of fans are expected to flock to the city's \"fan mile\" on "
            "Sunday in front of the old town hall.")
    assert not [q for q in _quotes(nlp, text, QuoteConfig()) if "fan mile" in q.text]


def test_newspaper_phrase_takes_the_paper_the_article_names(nlp: Any) -> None:
    text = ("Last year a source contacted the Denver Post with the files.\n"
            "Investigators in three countries have since opened cases.\n"
            "\"The leak shows how the industry hides money,\" the newspaper wrote.")
    assert _speaker_of(nlp, text, "The leak shows").speaker == "Denver Post"


def test_pronoun_with_nobody_near_is_the_main_person_of_its_gender(nlp: Any) -> None:
    text = ("Ann Pryor and Tom Hale split in May.\nAnn Pryor announced it on Monday. Tom Hale "
            "confirmed it later.\nAnn Pryor, 47, lives in Ohio, and Tom Hale, 49, in Rome.\n"
            "The couple met in 2014.\nFans were sad.\nThe show ended in March.\nTickets were "
            "refunded.\n\"It was hard to say goodbye,\" she said.")
    q = _speaker_of(nlp, text, "It was hard")
    assert (q.speaker, q.speaker_mention) == ("Ann Pryor", "she")


def test_plural_proper_noun_is_no_person(nlp: Any) -> None:
    text = ("The flood of disclosures began this month. The Papers led the prime minister of "
            "Iceland to resign and the president of Argentina to announce: \"I have nothing to "
            "hide.\"")
    q = _speaker_of(nlp, text, "I have nothing", QuoteConfig())
    assert q.speaker != "Papers"


def test_names_lose_a_leading_article_and_role_words() -> None:
    from crosswire.stages.quotes.people import clean_name, without_roles

    assert clean_name("an All Nippon Airways") == "All Nippon Airways"
    assert clean_name("A Tribe Called Quest") == "A Tribe Called Quest"
    assert without_roles("MVP Ben Zobrist") == "Ben Zobrist"


def test_a_name_that_only_qualifies_a_thing_is_no_speaker(nlp: Any) -> None:
    text = ("Fans packed the bars near the ballpark all night.\nTom Reyes, a Denver teacher "
            "wearing a vintage Joe Walker jersey.\n\u201cI have waited my whole life for this "
            "night,\u201d he said.")
    assert _speaker_of(nlp, text, "I have waited").speaker == "Tom Reyes"


def test_someone_else_said_between_breaks_a_running_quote(nlp: Any) -> None:
    text = ("The mayor also posted a video of his old speech, saying that \"I have warned about "
            "this for years.\"\nRen said the city's position had not changed. \"We are "
            "determined to keep the bridge open and insist on talks as the way out.\"")
    q = _speaker_of(nlp, text, "We are determined", QuoteConfig())
    assert q.speaker == "Ren"
