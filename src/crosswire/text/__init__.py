"""Pure text helpers shared by stages: normalising, sentences, tokens, spans.

Each shared helper has one home here: month names and date strings (:mod:`.dates`), stems
(:mod:`.stems`), news agencies (:mod:`.agencies`), union-find (:mod:`.unionfind`), MinHash
(:mod:`.minhash`), term vectors (:mod:`.vectors`) and embeddings (:mod:`.embed`).
"""

from crosswire.text.normalize import fold_quotes, normalize_for_match, normalize_whitespace
from crosswire.text.sentences import SentenceSpan, paragraphs, split_sentences
from crosswire.text.spans import find_span, span_text
from crosswire.text.tokens import WordToken, content_words, word_shingles, words

__all__ = [
    "SentenceSpan",
    "WordToken",
    "content_words",
    "find_span",
    "fold_quotes",
    "normalize_for_match",
    "normalize_whitespace",
    "paragraphs",
    "span_text",
    "split_sentences",
    "word_shingles",
    "words",
]
