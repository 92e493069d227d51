"""Who a speaker phrase stands for, from the article's own evidence.

:class:`SpeakerResolver` is built once per article from its parse. Given the head token of the
words that name a speaker where a quote is attributed (the subject of "said", the object of
"according to", ...), it gives the person or organisation they stand for, or None when the
article does not say (the words themselves stay the quote's ``speaker_mention``):

* a person or organisation name: the name, in its fullest form in the article ("Kelly" ->
  "Brian Kelly", "ANA" -> "All Nippon Airways" when the article spells it out); an appositive
  name too ("The chairman of the union, Rainer Wendt,"). A platform or product ("Twitter") is
  no person, and a dateline ("WASHINGTON -") no speaker;
* "he" / "she": the person the article last made the subject of a sentence (the sentence
  before first; captions and headlines left out), of the pronoun's gender where the text marks
  one ("Mr.", "her son, ...", a common given name), through chains of pronouns; an unnamed
  person there ("A ministry spokesman said ...") leaves it unresolved, never the nearest name;
* "it" / "they": the organisation or group the article last made the subject;
* a definite role phrase ("the Texas governor", "the comedian", "her son") : the person the
  article names with that role ("Texas Gov. Rick Perry", "Comedian Sarah Silverman", "her
  son, Tavin Price"), else the last subject when nothing in the text gives them another role;
  an organisation phrase ("the airline", "the company"): the organisation the article names
  before it (one whose name holds the noun first); an indefinite one stays as written
  ("a senior administration official");
* a document ("the center's website", "his statement"): its author, when the text names one;
* anything else (a common noun, a thing: "Flags", "the scale", "This photo"): None.

The word lists are data: ``data/person_nouns.txt``, ``org_nouns.txt``, ``document_nouns.txt``,
``platforms.txt``, ``title_words.json``, ``org_name_words.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.stages.facts.entity_types import camel_case
from crosswire.stages.quotes.gender import gender_of, pronoun_gender
from crosswire.stages.quotes.words import word_list, word_map

__all__ = ["Referent", "SpeakerResolver"]

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
_GROUP_PRONOUNS = frozenset({"it", "they", "its", "their"})
_FIRST_PERSON = frozenset({"i", "we", "you", "me", "us", "my", "our", "your"})
_GROUP_WORDS = frozenset({"many", "some", "others", "most", "few", "several", "all", "both"})
_ORG_TYPES = frozenset({"ORG", "NORP", "GPE"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Entity types of a proper noun that is no person's name (a person the model mistyped as a
# product or a work may still be one).
_NOT_NAMES = frozenset({"ORG", "GPE", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL",
                        "ORDINAL", "QUANTITY", "LAW", "LANGUAGE", "EVENT", "WORK_OF_ART"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_TERMINAL = ".!?\"'\u201d\u2019)"
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


_UNKNOWN = Referent(None, True, named=False)


def _role_gender(lemma: str) -> str | None:
    return "f" if lemma in _FEMALE_ROLES else "m" if lemma in _MALE_ROLES else None


def _lemma(token: Any) -> str:
    word = str(token.lemma_ or token.text).lower().rstrip(".")
    return str(word_map("title_words").get(word, word))


class SpeakerResolver:
    """The people and organisations of one parsed article, to resolve speaker mentions.

    ``quoted``: character ranges of quoted words (never a source of antecedents);
    ``sentences``: how many sentences back a pronoun or role phrase looks (quoted ones not
    counted); a "he" or "she" with nobody there stands for the article's main person: named
    ``dominance`` times as often as anyone else and ``min_mentions`` times at least.
    """

    def __init__(self, *, doc: Any, quoted: Sequence[tuple[int, int]], sentences: int,
                 cue_lemmas: frozenset[str], dominance: float = 2.0, min_mentions: int = 3,
                 ) -> None:
        self.doc = doc
        self.reach = sentences
        self.dominance = dominance
        self.min_mentions = min_mentions
        self.cues = cue_lemmas
        self.platforms = word_list("platforms")
        text = doc.text
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
        self.orgs: list[tuple[int, str]] = []  # (token index, name) of organisation mentions
        self.person_at: list[tuple[int, str]] = []  # (token index, full name)
        self.roles: dict[str, set[str]] = {}
        self.genders: dict[str, set[str]] = {}
        self._index(doc)
        self.memo: dict[int, Referent | None] = {}

    # -- the article's names ------------------------------------------------------------------

    def _inside_quote(self, at: int) -> bool:
        return any(s <= at < e for s, e in self.quoted)

    def is_platform(self, name: str) -> bool:
        return name.lower() in self.platforms or name.split()[-1:] == ["Messenger"]

    def _index(self, doc: Any) -> None:
        full: dict[str, set[str]] = {}
        mentions = []
        for ent in doc.ents:
            if self._inside_quote(ent.start_char):
                continue
            name = _clean(ent.text)
            if not name:
                continue
            if ent.label_ == "PERSON":
                name = _without_roles(name)
            if ent.label_ == "PERSON" and not self.is_platform(name):
                mentions.append((ent, name))
                words = name.split()
                if len(words) >= 2:
                    full.setdefault(words[-1].lower(), set()).add(name)
            elif ent.label_ in _ORG_TYPES and not self._dateline(ent):
                self.orgs.append((ent.root.i, name))
        self.persons = {k: sorted(v, key=lambda n: (-len(n), n))[0] for k, v in full.items()
                        if len({n.split()[0] for n in v}) == 1}
        self.acronyms = {"".join(w[0] for w in n.split() if w[:1].isupper()): n
                         for _, n in self.orgs if len(n.split()) >= 2}
        self.aliases: dict[str, str] = {}
        for ent, name in mentions:
            owner = _alias_owner(ent)
            if owner is not None and owner.ent_type_ == "PERSON":
                self.aliases[name] = self.canonical(_clean(_entity(owner).text))
        for ent, name in mentions:
            canon = self.canonical(name)
            self.person_at.append((ent.root.i, canon))
            self.roles.setdefault(canon, set()).update(self._roles_of(ent))
            before = doc.text[max(0, ent.start_char - 40) : ent.start_char]
            gender = gender_of(name=canon, before=before)
            if gender is not None:
                self.genders.setdefault(canon, set()).add(gender)

    def canonical(self, name: str) -> str:
        """The fullest form of a person's name in the article ("Kelly" -> "Brian Kelly")."""
        if name in getattr(self, "aliases", {}):
            return self.aliases[name]  # "Nouriel Roubini, also known as Dr Doom"
        words = name.split()
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
                roles.add(_lemma(token))
        nouns = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            nouns.append(root.head)
        for noun in nouns:
            roles.add(_lemma(noun))
            roles.update(_lemma(c) for c in noun.children if c.dep_ in ("compound", "amod"))
        return roles

    def others_between(self, name: str | None, start: int, end: int) -> bool:
        """Whether a person other than ``name`` is named between characters ``start`` and
        ``end`` (outside quotes)."""
        doc = self.doc
        return any(start <= doc[i].idx < end and other != name for i, other in self.person_at)

    def gender(self, name: str) -> str | None:
        found = self.genders.get(name, set())
        if len(found) == 1:
            return next(iter(found))
        return None if found else gender_of(name=name, before="")

    # -- resolving -----------------------------------------------------------------------------

    def resolve(self, token: Any) -> Referent:
        """What the speaker words headed by ``token`` stand for (see the module doc)."""
        if token.i in self.memo:
            found = self.memo[token.i]
            return found if found is not None else _UNKNOWN
        self.memo[token.i] = None  # a chain that comes back here is not resolved
        found = self._resolve(token)
        self.memo[token.i] = found
        return found

    def _resolve(self, token: Any) -> Referent:
        low = token.lower_
        if low in ("he", "she", "his", "her", "him"):
            return self._pronoun(token, want=pronoun_gender(low))
        if low in _GROUP_PRONOUNS:
            return self._group(token)
        if low in _GROUP_WORDS:  # "To many, ...", "Some say ..."
            return Referent(token.text, True, named=False)
        if low in _FIRST_PERSON or token.pos_ == "PRON":
            return _UNKNOWN
        if low in ("who", "which", "that") and token.head.dep_ == "relcl":
            return self.resolve(token.head.head)
        named = self._named(token)
        if named is not None:
            return named
        lemma = _lemma(token)
        if lemma in word_list("document_nouns"):
            return self._author(token)
        if lemma in word_list("person_nouns") and (
                token.pos_ in ("NOUN", "PROPN") or token.dep_ in _SUBJECTS):
            return self._role(token, lemma)
        if lemma in word_list("org_nouns") and token.pos_ in ("NOUN", "PROPN"):
            return self._org_role(token, lemma)
        return Referent(None, False, named=False)

    def _named(self, token: Any) -> Referent | None:
        """A name the head is part of, or an appositive name of it."""
        appositives = [c for c in token.children if c.dep_ == "appos"]
        for candidate in (token, *appositives):
            ent_type = candidate.ent_type_
            if not ent_type and candidate is not token and candidate.pos_ == "PROPN":
                # "The British tabloid the Mirror says": a name the model did not tag
                kind = _lemma(token)
                if kind in word_list("org_nouns"):
                    return Referent(_clean(_propn_name(candidate)), False)
                if kind in word_list("person_nouns"):
                    canon = self.canonical(_clean(_propn_name(candidate)))
                    return Referent(canon, True, self.gender(canon))
            if not ent_type:
                continue
            span = _entity(candidate)
            name = _clean(span.text)
            if not name:
                continue
            if self.is_platform(name):  # "Facebook said": the company, never a person
                return Referent(name, False) if candidate is token else None
            if ent_type == "PERSON" and camel_case(name):
                return Referent(name, False)  # "SpaceX", "CoinDesk": no person's name
            if ent_type == "PERSON":
                canon = self.canonical(_without_roles(name))
                return Referent(canon, True, self.gender(canon))
            if ent_type in _ORG_TYPES and not self._dateline(span):
                return Referent(self._org_name(name), False)
        speaks = token.dep_ in _SUBJECTS and token.head.lemma_.lower() in self.cues
        if (token.pos_ == "PROPN" and token.ent_type_ not in _NOT_NAMES - (
                {"WORK_OF_ART"} if speaks else set())
                and token.text[:1].isupper()
                and not token.text.isupper()):
            # a person the model missed or mistyped ("Kelly said", "Model Chrissy Teigen")
            if self.is_platform(token.text):
                return Referent(token.text, False)
            canon = self.canonical(_propn_name(token))
            return Referent(canon, True, self.gender(canon))
        return None

    def _author(self, token: Any) -> Referent:
        for child in token.children:
            if child.dep_ in ("compound", "amod", "nmod") and (
                    child.ent_type_ in _ORG_TYPES or child.ent_type_ == "PERSON"
                    or _lemma(child) in word_list("org_nouns")):
                return self.resolve(child)  # "a police statement", "a Kremlin statement"
            if child.dep_ == "poss":
                return self.resolve(child)
            if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of"):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return self.resolve(obj)
        return Referent(None, False, named=False)

    def _definite(self, token: Any) -> bool:
        """Whether the phrase is definite ("the governor", "her son"), also where the parser
        split it ("The communications pro": "The" on "communications")."""
        if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE)
               for c in token.children):
            return True
        k = token.i - 1
        while k >= 0 and self.doc[k].pos_ in ("NOUN", "PROPN", "ADJ") and token.i - k < 4:
            k -= 1
        return k >= 0 and k < token.i - 1 and self.doc[k].lower_ in _DEFINITE | {
            "his", "her", "their", "its"}

    def _role(self, token: Any, lemma: str) -> Referent:
        """A person named by a role: (definite phrases only) the article's person with that
        role, else the last person the article made a subject; else the phrase as written."""
        gender = _role_gender(lemma)
        unnamed = Referent(_phrase(token), True, gender, named=False)
        if not self._definite(token) or token.tag_ in ("NNS", "NNPS"):
            return unnamed
        holders = [(i, name) for i, name in self.person_at
                   if i < token.i and lemma in self.roles.get(name, set())]
        if holders:
            name = holders[-1][1]
            return Referent(name, True, self.gender(name))
        for found in self._antecedents(token, person=True, subjects_only=True):
            if not found.named:
                return unnamed
            if gender is None or found.gender in (None, gender):
                return found
        return unnamed

    def _org_role(self, token: Any, lemma: str) -> Referent:
        unnamed = Referent(_phrase(token), False, named=False)
        if not self._definite(token) or token.tag_ in ("NNS", "NNPS"):
            return unnamed
        wanted = {lemma, *word_map("org_name_words").get(lemma, [])}  # type: ignore[misc]
        for found in self._antecedents(token, person=False, subjects_only=True):
            if found.named and found.name:
                return found  # "SpaceX confirmed ... the company added"
            break
        before = [self._org_name(n) for i, n in self.orgs if i < token.i]
        holding = [n for n in before
                   if {w.lower().strip(".,") for w in n.split()} & wanted]
        if holding:  # the one the article names most, the latest of those
            return Referent(max(holding, key=lambda n: (holding.count(n),
                                                        _last(holding, n))), False)
        return unnamed

    def _pronoun(self, token: Any, *, want: str | None) -> Referent:
        for found in self._antecedents(token, person=True):
            if want is not None and found.gender not in (None, want):
                continue
            return found  # a name, a role phrase ("A ministry spokesman said"), or unknown
        main = self._main_person()  # nobody near: the one the article is about, if any
        if main is not None and (want is None or main.gender in (None, want)):
            return main
        return _UNKNOWN

    def _main_person(self) -> Referent | None:
        """The person the article names far more often than anyone else (``dominance`` times
        the next, ``min_mentions`` times at least), or None."""
        counts: dict[str, int] = {}
        for _i, name in self.person_at:
            counts[name] = counts.get(name, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked or ranked[0][1] < self.min_mentions:
            return None
        if len(ranked) > 1 and ranked[0][1] < self.dominance * ranked[1][1]:
            return None
        return Referent(ranked[0][0], True, self.gender(ranked[0][0]))

    def _group(self, token: Any) -> Referent:
        for found in self._antecedents(token, person=False):
            return found
        return Referent(None, False, named=False)

    # -- antecedents ---------------------------------------------------------------------------

    def _antecedents(self, token: Any, *, person: bool, subjects_only: bool = False) -> Any:
        """Referents before ``token``, most salient first: per sentence (its own, then back
        ``reach`` sentences, captions and headlines left out), the subjects first, then the
        other names; in its own sentence only words outside the subtree of its verb."""
        k = self.sent_of[token.i]
        own = token.head
        left = self.reach + 1
        for s in range(k, -1, -1):
            if left <= 0:
                return
            if self.skip[s] and s != k:
                continue
            sent = self.sents[s]
            if s != k and self._inside_quote(sent.start_char) and self._inside_quote(
                    sent.end_char - 1):
                continue  # quoted words: neither antecedents nor counted
            left -= 1
            limit = token.i if s == k else sent.end
            tokens = [t for t in sent if t.i < limit and not self._inside_quote(t.idx)
                      and not (s == k and _under(t, own))]
            subjects = [t for t in tokens if t.dep_ in _SUBJECTS or (
                t.dep_ == "pobj" and t.head.dep_ == "agent")]
            subjects.sort(key=lambda t: (t.head.dep_ != "ROOT", t.i))
            seen = {t.i for t in subjects}
            others = [t for t in reversed(tokens) if s != k and not subjects_only
                      and t.i not in seen and (
                (person and t.ent_type_ == "PERSON") or (not person and t.ent_type_ in _ORG_TYPES)
            ) and t.ent_iob_ == "B"]
            for cand in subjects + others:
                found = self._candidate(cand, person=person, subject=cand.i in seen)
                if found is not None:
                    yield found

    def _candidate(self, token: Any, *, person: bool, subject: bool) -> Referent | None:
        low = token.lower_
        if person:
            if low in ("he", "she"):
                return self.resolve(token)
            if token.ent_type_ == "PERSON" or subject:
                found = self._named(token)
                if found is not None:
                    return found if found.person else None
            lemma = _lemma(token)
            if not subject or token.pos_ != "NOUN" or lemma in word_list("document_nouns"):
                return None
            if (lemma in word_list("person_nouns") and self._definite(token)
                    and token.tag_ == "NN"):
                return self.resolve(token)
            if token.head.lemma_.lower() in self.cues and lemma not in word_list("org_nouns"):
                # "A spokesman said ...": the person a "he" then stands for is unnamed
                named = lemma in word_list("person_nouns")
                return Referent(_phrase(token) if named else None, True, _role_gender(lemma),
                                named=False)
            return None
        if token.ent_type_ in _ORG_TYPES or (subject and token.pos_ == "PROPN"):
            found = self._named(token)
            return found if found is not None and not found.person else None
        lemma = _lemma(token)
        if subject and (low in ("it", "they") or (
                lemma in word_list("org_nouns") and self._definite(token))):
            found = self.resolve(token)
            return found if found.named else None
        if subject and lemma in word_list("person_nouns") and token.tag_ == "NNS":
            return Referent(_phrase(token), False, named=False)
        return None


_ALIAS_VERBS = frozenset({"know", "call", "dub", "nickname", "name"})


def _alias_owner(ent: Any) -> Any | None:
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


def _last(names: list[str], name: str) -> int:
    return max(k for k, n in enumerate(names) if n == name)


def _phrase(token: Any) -> str:
    """The words of the noun phrase ``token`` heads, up to it ("A foreign ministry spokesman"
    of "A foreign ministry spokesman in Berlin")."""
    first = token.i
    for child in token.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod"):
            first = min(first, child.left_edge.i)
    return str(token.doc[first : token.i + 1].text)


def _under(token: Any, head: Any) -> bool:
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


def _entity(token: Any) -> Any:
    doc = token.doc
    first, last = token.i, token.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return doc[first : last + 1]


def _propn_name(token: Any) -> str:
    """The proper name a PROPN head ends, role words before it left out ("Model Chrissy
    Teigen" -> "Chrissy Teigen")."""
    first = token.i
    doc = token.doc
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound":
        first -= 1
    while first < token.i and _lemma(doc[first]) in word_list("person_nouns"):
        first += 1
    return str(doc[first : token.i + 1].text)


def _without_roles(name: str) -> str:
    """A person's name without the role words the model took into it ("Comedian Ann Pryor")."""
    words = name.split()
    while len(words) > 1 and _lemma_of(words[0]) in word_list("person_nouns"):
        words = words[1:]
    return " ".join(words)


def _lemma_of(word: str) -> str:
    low = word.lower().rstrip(".")
    return str(word_map("title_words").get(low, low))


def _clean(name: str) -> str:
    """A name without a possessive or edge punctuation ("Trump's" -> "Trump")."""
    name = name.strip(" ,.;:-\u2014\u2013\"'\u201c\u201d")
    for tail in ("'s", "\u2019s"):
        if name.endswith(tail):
            name = name[: -len(tail)]
    if name.lower().startswith("the "):
        name = name[4:]
    return name.strip()
