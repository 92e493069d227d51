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


def test_spacy_is_imported_without_its_command_line_which_still_imports_after() -> None:
    """load_nlp imports spaCy without ``spacy.cli`` (typer, weasel, requests: a quarter of the
    import); ``import spacy.cli`` and ``spacy.info`` work afterwards, the real ones."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import sys\n"
        "from crosswire.nlp import load_nlp\n"
        "nlp = load_nlp()\n"
        "assert not [m for m in sys.modules if m.startswith(('spacy.cli', 'typer', 'weasel'))]\n"
        "assert [t.dep_ for t in nlp('Ann Lee said it rained.')][:3] == "
        "['compound', 'nsubj', 'ROOT']\n"
        "import spacy, spacy.cli\n"
        "from spacy.cli import download\n"
        "assert callable(download) and callable(spacy.cli.info)\n"
        "assert isinstance(spacy.info(), dict)\n"
        "assert 'spacy.cli.download' in sys.modules\n"
        "print('ok')\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")


def test_a_name_after_a_title_is_kept_in_its_sentence(nlp: Any) -> None:
    """The titles pipe marks each capitalised token after a title as no sentence start (only
    those: "Dr. who" and a title at the end stay as they are)."""
    text = "He met Capt. Ann Lee and Mr. Smith. Ask Dr. who came, then Lt. Col. Day. Ask Sgt."
    doc = nlp.get_pipe("crosswire_titles")(nlp.make_doc(text))
    kept = [t.text for t in doc if t.is_sent_start is False]
    assert kept == ["Ann", "Smith", "Col.", "Day"]
    assert nlp(text)[doc.text.split().index("Ann")].is_sent_start is False
