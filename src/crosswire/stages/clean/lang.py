"""Light, dependency-free language identification: writing system first, then stopword rates."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

__all__ = ["detect_language"]



def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and of to in is that for it was on with as he said by at from his are be this have"
    ),
    "de": _words(
        "der die und das ist nicht ein eine zu den mit von sich auf für im dem des auch es wird"
    ),
    "fr": _words(
        "le la les et des est un une du que dans pour pas qui sur au plus par ce il avec sont"
    ),
    "es": _words("el la los las de que y en un una es por con para del se al lo como más pero sus"),
    "it": _words("il di che la è e per un una non con del della le si sono gli nel anche alla al"),
    "pt": _words("o a os as de que e do da em um uma para com não no na por se mais dos das foi"),
    "nl": _words("de het een en van is dat op te in voor niet met zijn er aan ook als bij door"),
    "sv": _words("och att det som en på är av för med till den har inte om ett var jag men"),
    "da": _words("og at det som en på er af for med til den har ikke om et var jeg men de"),
    "no": _words("og at det som en på er av for med til den har ikke om et var jeg men de"),
    "pl": _words("i w na z że się nie do to jest o jak po co od za przez ale dla jego"),
    "tr": _words("ve bir bu da de için ile olarak çok daha en gibi ama olan kadar sonra"),
    "id": _words("yang dan di dari ini itu dengan untuk tidak dalam akan pada juga ke ada"),
    "fi": _words("ja on ei se että oli hän kun mutta ovat myös joka tai niin kuin ole"),
    "cs": _words("a se na je že v to s z do o jako by ale pro jsou tak už"),
    "ro": _words("și în de la cu un o că din pe nu care este mai se pentru au"),
    "hu": _words("a az és hogy nem is egy de meg van csak már volt mint el ki"),
}
_SCRIPTS = (
    ("HIRAGANA", "ja"), ("KATAKANA", "ja"), ("HANGUL", "ko"), ("CJK", "zh"), ("ARABIC", "ar"),
    ("HEBREW", "he"), ("GREEK", "el"), ("THAI", "th"), ("DEVANAGARI", "hi"), ("CYRILLIC", "ru"),
    ("BENGALI", "bn"), ("TAMIL", "ta"), ("GEORGIAN", "ka"), ("ARMENIAN", "hy"),
)
_NON_LATIN = re.compile("[^\u0000-\u036f]")
_WORD = re.compile(r"[^\W\d_]+")
_UKRAINIAN = frozenset("іїєґ")


def _script_language(sample: str) -> str | None:
    counts: dict[str, int] = {}
    others = [ch for ch in _NON_LATIN.findall(sample) if ch.isalpha()]
    if not others:
        return None
    letters = sum(1 for ch in sample if ch.isalpha())
    if len(others) < 0.05 * letters:
        return None  # Latin script: the stopwords decide
    for ch in others:
        name = unicodedata.name(ch, "")
        for prefix, lang in _SCRIPTS:
            if name.startswith(prefix):
                counts[lang] = counts.get(lang, 0) + 1
                break
    if not letters:
        return None
    if counts.get("ja", 0) > 0.05 * letters:
        return "ja"
    best = max(sorted(counts), key=lambda k: counts[k], default=None)
    if best is None or counts[best] < 0.4 * letters:
        return None
    if best == "ru" and any(ch in _UKRAINIAN for ch in sample.lower()):
        return "uk"
    return best


def detect_language(text: str, *, sample_chars: int = 2000, min_words: int = 5) -> str | None:
    """ISO 639-1 code of the main language of ``text``, or None when unsure or too short."""
    sample = text[:sample_chars]
    by_script = _script_language(sample)
    if by_script is not None:
        return by_script
    tokens = Counter(w.lower() for w in _WORD.findall(sample))
    total = sum(tokens.values())
    if total < min_words:
        return None
    scores = {lang: sum(tokens[w] for w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(sorted(scores), key=lambda k: scores[k])
    if scores[best] < max(2, 0.08 * total):
        return None
    return best
