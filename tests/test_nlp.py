"""Loading the spaCy pipeline the quick way gives the tokenizer and parses of the usual way."""

from __future__ import annotations

from typing import Any

from crosswire.nlp import _TITLE_ABBREVIATIONS, MODEL_PACKAGE

TEXT = (
    "Ann Lee said: \"We can't go.\" The U.S. envoy arrived at 9 a.m. on Jan. 5, "
    "and e-mails (from https://example.com/a?b=1) cost $3.5bn. Watson's co-op didn't."
)


def test_the_quick_load_tokenizes_and_parses_as_spacy_load_does(nlp: Any) -> None:
    import spacy

    usual = spacy.load(MODEL_PACKAGE)
    ours = {k: v for k, v in nlp.tokenizer.rules.items() if k not in _TITLE_ABBREVIATIONS}
    assert ours == usual.tokenizer.rules
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "url_match", "token_match"):
        mine, theirs = getattr(nlp.tokenizer, attr), getattr(usual.tokenizer, attr)
        assert getattr(mine, "__self__", mine) == getattr(theirs, "__self__", theirs), attr
    ours_doc, usual_doc = nlp(TEXT), usual(TEXT)
    assert [(t.text, t.tag_, t.lemma_, t.ent_type_) for t in ours_doc] == [
        (t.text, t.tag_, t.lemma_, t.ent_type_) for t in usual_doc
    ]
