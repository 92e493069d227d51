"""The people and organisations one article names: the index a speaker resolver reads.

:class:`ArticlePeople` is built once per article from its parse: every person's name in its
fullest form ("Kelly" -> "Brian Kelly"; "Dr Doom" -> "Nouriel Roubini" when the text says
"also known as"), the role nouns the text gives each ("Texas Gov. Rick Perry" -> governor,
texas), the gender the text marks (a title, a kin word, a common given name), the
organisations with their acronyms spelled out, and which sentences are captions or headlines.
Helpers on spaCy tokens for names and noun phrases live here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.stages.quotes.gender import gender_of
from crosswire.stages.quotes.parse import doc_text
from crosswire.stages.quotes.words import word_list, word_map

__all__ = [
    "ArticlePeople",
    "DEFINITE",
    "FIRST_PERSON",
    "GROUP_PRONOUNS",
    "GROUP_WORDS",
    "NOT_NAMES",
    "ORG_TYPES",
    "Referent",
    "SUBJECTS",
    "UNKNOWN",
    "alias_owner",
    "appositive_names",
    "clean_name",
    "entity_span",
    "in_subtree",
    "last_index",
    "noun_phrase_text",
    "proper_name",
    "role_gender",
    "role_lemma",
    "without_roles",
]

GROUP_PRONOUNS = frozenset({"it", "they", "its", "their"})
FIRST_PERSON = frozenset({"i", "we", "you", "me", "us", "my", "our", "your"})
GROUP_WORDS = frozenset({"many", "some", "others", "most", "few", "several", "all", "both"})
ORG_TYPES = frozenset({"ORG", "NORP", "GPE"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Entity types of a proper noun that is no person's name (a person the model mistyped as a
# product or a work may still be one).
NOT_NAMES = frozenset({"ORG", "GPE", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL",
                        "ORDINAL", "QUANTITY", "LAW", "LANGUAGE", "EVENT", "WORK_OF_ART"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_TERMINAL = ".!?\"'\u201d\u2019)"
_COURTESY = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lady", "Lord"})
_FEMALE_ROLES = frozenset("""spokeswoman chairwoman congresswoman businesswoman policewoman
    actress mother wife daughter sister girlfriend niece aunt grandmother granddaughter widow
    queen princess woman girl mom fiancee nun councilwoman""".split())
_MALE_ROLES = frozenset("""spokesman chairman congressman businessman policeman father husband
    son brother boyfriend nephew uncle grandfather grandson widower king prince man boy dad
    fiance monk councilman""".split())


@dataclass(frozen=True, slots=True)
class Referent:
    """What a mention stands for: ``name`` (None: not known; a role phrase as written when
    ``named`` is False: "a foreign ministry spokesman"), whether it is a person or an
    organisation, and its gender when the text marks one."""

    name: str | None
    person: bool
    gender: str | None = None
    named: bool = True


UNKNOWN = Referent(None, True, named=False)


def role_gender(lemma: str) -> str | None:
    return "f" if lemma in _FEMALE_ROLES else "m" if lemma in _MALE_ROLES else None


def role_lemma(token: Any) -> str:
    word = str(token.lemma_ or token.text).lower().rstrip(".")
    return str(word_map("title_words").get(word, word))



class ArticlePeople:
    """The named people and organisations of one parsed article (see the module doc).

    ``quoted``: character ranges of quoted words (never a source of antecedents);
    ``dominance`` and ``min_mentions``: when one person is the article's main person.
    """

    def __init__(self, *, doc: Any, quoted: Sequence[tuple[int, int]],
                 dominance: float = 2.0, min_mentions: int = 3) -> None:
        self.doc = doc
        self.dominance = dominance
        self.min_mentions = min_mentions
        self.platforms = word_list("platforms")
        text = doc_text(doc)
        self.quoted = sorted(quoted)
        self.sent_of: list[int] = []
        self.sents: list[Any] = []
        self.skip: list[bool] = []  # caption and headline lines
        for k, sent in enumerate(doc.sents):
            self.sents.append(sent)
            self.sent_of.extend([k] * len(sent))
            line_end = text.find("\n", sent.start_char)
            line = text[text.rfind("\n", 0, sent.start_char) + 1 : line_end if line_end >= 0
                        else len(text)].rstrip()
            self.skip.append(not line or line[-1] not in _TERMINAL)
        self.persons: dict[str, str] = {}  # last word -> full name (when one only)
        self.places: set[str] = set()  # names of countries, cities and peoples
        self.orgs: list[tuple[int, str]] = []  # (token index, name) of organisation mentions
        self.person_at: list[tuple[int, str]] = []  # (token index, full name)
        self.person_names: set[str] = set()
        self.roles: dict[str, set[str]] = {}
        self.genders: dict[str, set[str]] = {}
        self._index(doc)

    # -- the article's names ------------------------------------------------------------------

    def _inside_quote(self, at: int) -> bool:
        return any(s <= at < e for s, e in self.quoted)

    def is_platform(self, name: str) -> bool:
        return name.lower() in self.platforms or name.split()[-1:] == ["Messenger"]

    def _index(self, doc: Any) -> None:
        text = doc_text(doc)
        full: dict[str, set[str]] = {}
        mentions = []
        for ent in doc.ents:
            if self._inside_quote(ent.start_char):
                continue
            name = clean_name(ent.text)
            if not name:
                continue
            if ent.label_ == "PERSON":
                name = without_roles(name)
            if ent.label_ == "PERSON" and not self.is_platform(name):
                mentions.append((ent, name))
                words = name.split()
                if len(words) >= 2:
                    full.setdefault(words[-1].lower(), set()).add(name)
            elif ent.label_ in ORG_TYPES and not self._dateline(ent):
                self.orgs.append((ent.root.i, name))
                if ent.label_ != "ORG":
                    self.places.add(name)  # a country or a people, no firm or airline
        for names in full.values():  # "Ms Teigen" beside "Chrissy Teigen": one person
            titled = {n for n in names if n.split()[0].rstrip(".") in _COURTESY}
            if titled != names:
                names -= titled
        self.persons = {k: sorted(v, key=lambda n: (-len(n), n))[0] for k, v in full.items()
                        if len({n.split()[0] for n in v}) == 1}
        self.acronyms = {"".join(w[0] for w in n.split() if w[:1].isupper()): n
                         for _, n in self.orgs if len(n.split()) >= 2}
        self.aliases: dict[str, str] = {}
        for ent, name in mentions:
            owner = alias_owner(ent)
            if owner is not None and owner.ent_type_ == "PERSON":
                self.aliases[name] = self.canonical(clean_name(entity_span(owner).text))
        for ent, name in mentions:
            canon = self.canonical(name)
            self.person_at.append((ent.root.i, canon))
            self.roles.setdefault(canon, set()).update(self._roles_of(ent))
            before = text[max(0, ent.start_char - 40) : ent.start_char]
            gender = gender_of(name=canon, before=before)
            if gender is not None:
                self.genders.setdefault(canon, set()).add(gender)
        self.person_names = {name for _i, name in self.person_at}

    def canonical(self, name: str) -> str:
        """The fullest form of a person's name in the article ("Kelly" -> "Brian Kelly")."""
        if name in getattr(self, "aliases", {}):
            return self.aliases[name]  # "Nouriel Roubini, also known as Dr Doom"
        words = name.split()
        if len(words) == 2 and words[0].rstrip(".") in _COURTESY:  # "Ms Teigen", "Mr. Lane"
            return self.persons.get(words[1].lower(), name)
        return self.persons.get(words[0].lower(), name) if len(words) == 1 else name

    def _org_name(self, name: str) -> str:
        return self.acronyms.get(name, name) if name.isupper() and len(name) <= 5 else name

    def _dateline(self, ent: Any) -> bool:
        """A place name in capitals opening a paragraph ("WASHINGTON -", "SAN JOSE, Calif.")."""
        doc = self.doc
        start = ent.start
        at_line_start = start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space
        return at_line_start and ent.text.isupper() and len(ent.text) > 2

    def _roles_of(self, ent: Any) -> set[str]:
        """Role nouns the text gives a person: titles before the name ("Texas Gov. Rick
        Perry"), the noun the name is in apposition to ("the chairman ..., Rainer Wendt") and
        the appositive after it ("Healy, the president's chief of staff")."""
        roles: set[str] = set()
        root = ent.root
        for token in self.doc[max(ent.start - 3, 0) : ent.end]:
            if token.head.i == root.i and token.i < ent.end and token.dep_ in ("compound", "amod"):
                roles.add(role_lemma(token))
        nouns = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            nouns.append(root.head)
        for noun in nouns:
            roles.add(role_lemma(noun))
            roles.update(role_lemma(c) for c in noun.children if c.dep_ in ("compound", "amod"))
        return roles

    def others_between(self, name: str | None, start: int, end: int) -> bool:
        """Whether a person other than ``name`` is named between characters ``start`` and
        ``end`` (outside quotes)."""
        doc = self.doc
        return any(start <= doc[i].idx < end and other != name for i, other in self.person_at)

    def _person_named(self, name: str) -> str | None:
        """The article's person whose full name or surname ``name`` is, when the model tagged
        this mention as an organisation ("Teigen shared a video" beside "Chrissy Teigen")."""
        if name in self.person_names:
            return name
        words = name.split()
        return self.persons.get(words[0].lower()) if len(words) == 1 else None

    def gender(self, name: str) -> str | None:
        found = self.genders.get(name, set())
        if len(found) == 1:
            return next(iter(found))
        return None if found else gender_of(name=name, before="")

    def _main_person(self, want: str | None = None) -> Referent | None:
        """The person the article names far more often than anyone else (``dominance`` times
        the next, ``min_mentions`` times at least), or None; with ``want`` ("m", "f"), among
        the people who can be of that gender only (the text marks no other)."""
        counts: dict[str, int] = {}
        for _i, name in self.person_at:
            counts[name] = counts.get(name, 0) + 1
        if want is not None:
            counts = {n: c for n, c in counts.items() if self.gender(n) in (None, want)}
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked or ranked[0][1] < self.min_mentions:
            return None
        if len(ranked) > 1 and ranked[0][1] < self.dominance * ranked[1][1]:
            return None
        return Referent(ranked[0][0], True, self.gender(ranked[0][0]))


_ALIAS_VERBS = frozenset({"know", "call", "dub", "nickname", "name"})


def alias_owner(ent: Any) -> Any | None:
    """The name a name is another name of ("X, also known as Y", "X, dubbed Y"): X's token."""
    root = ent.root
    prep = root.head
    if root.dep_ == "pobj" and prep.lower_ == "as":
        verb = prep.head
    elif root.dep_ == "oprd":
        verb = root.head
    else:
        return None
    if verb.lemma_.lower() in _ALIAS_VERBS and verb.dep_ == "acl" and verb.head.i != verb.i:
        return verb.head
    return None


def appositive_names(token: Any) -> list[Any]:
    """The appositives of ``token``, and a name the parser hung on it as a modifier right after
    it ("The British tabloid the Mirror says": "Mirror")."""
    doc = token.doc
    return [c for c in token.children if c.dep_ == "appos" or (
        c.dep_ == "npadvmod" and c.i > token.i and c.pos_ == "PROPN"
        and c.left_edge.i == token.i + 1 and c.ent_type_ in ("ORG", "PERSON")
        and not any(t.is_punct for t in doc[token.i + 1 : c.i]))]


def last_index(names: list[str], name: str) -> int:
    return max(k for k, n in enumerate(names) if n == name)


def noun_phrase_text(token: Any) -> str:
    """The words of the noun phrase ``token`` heads, up to it ("A foreign ministry spokesman"
    of "A foreign ministry spokesman in Berlin")."""
    first = token.i
    for child in token.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod"):
            first = min(first, child.left_edge.i)
    return str(token.doc[first : token.i + 1].text)


def in_subtree(token: Any, head: Any) -> bool:
    """Whether ``token`` lies in the subtree of ``head`` (climbing from ``token``)."""
    seen = 0
    while seen < 50:
        if token.i == head.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
        seen += 1
    return False


def entity_span(token: Any) -> Any:
    """The named entity ``token`` is part of, as a span read from the tokens' entity tags (not
    ``doc.ents``, which spaCy rebuilds on every access)."""
    doc = token.doc
    first, last = token.i, token.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return doc[first : last + 1]


def proper_name(token: Any) -> str:
    """The proper name a PROPN head ends, role words before it left out ("Model Chrissy
    Teigen" -> "Chrissy Teigen")."""
    first = token.i
    doc = token.doc
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound":
        first -= 1
    while first < token.i and role_lemma(doc[first]) in word_list("person_nouns"):
        first += 1
    return str(doc[first : token.i + 1].text)


def without_roles(name: str) -> str:
    """A person's name without the role words the model took into it ("Comedian Ann Pryor")."""
    words = name.split()
    while len(words) > 1 and _lemma_of(words[0]) in word_list("person_nouns"):
        words = words[1:]
    return " ".join(words)


def _lemma_of(word: str) -> str:
    low = word.lower().rstrip(".")
    return str(word_map("title_words").get(low, low))


def clean_name(name: str) -> str:
    """A name without a possessive or edge punctuation ("Trump's" -> "Trump")."""
    name = name.strip(" ,.;:-\u2014\u2013\"'\u201c\u201d")
    for tail in ("'s", "\u2019s"):
        if name.endswith(tail):
            name = name[: -len(tail)]
    if name.lower().startswith("the "):
        name = name[4:]
    for article in ("a ", "an "):  # "an All Nippon Airways" (lowercase: no name's own word)
        if name.startswith(article):
            name = name[len(article) :]
    return name.strip()
