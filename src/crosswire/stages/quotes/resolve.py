"""Who a speaker phrase stands for, from the article's own evidence.

:class:`SpeakerResolver` is built once per article from its parse (on the index of
:mod:`crosswire.stages.quotes.people`). Given the head token of the words that name a speaker
where a quote is attributed (the subject of "said", the object of "according to", ...), it gives
the person or organisation they stand for, a role phrase as written, or None when the article
does not say (the words themselves stay the quote's ``speaker_mention``):

* a person or organisation name: the name, in its fullest form in the article ("Kelly" ->
  "Brian Kelly"), role words the model took into it left out ("Comedian Ann Pryor"); an
  appositive name too ("The chairman of the union, Rainer Wendt,"). A platform ("Twitter") or
  a camel-case name ("SpaceX") is no person, and a dateline ("WASHINGTON -") no speaker;
* "he" / "she": the person the article last made the subject of a sentence (its own sentence
  outside the quote, then back ``sentences`` sentences; quoted ones, captions and headlines left
  out), of the pronoun's gender where the text marks one ("Mr.", "her son, ...", a common given
  name), through chains of pronouns; an unnamed person there ("A ministry spokesman said ...")
  gives that phrase, never the nearest name; with nobody in reach, the article's main person
  of that gender (named far more often than anyone else who may be of it), else unknown;
* "it" / "they": the organisation or group the article last made the subject;
* a definite role phrase ("the Texas governor", "the comedian", "her son"): the person the
  article names with that role ("Texas Gov. Rick Perry", "Comedian Ann Pryor", "her son, Tavin
  Price"), else the last person made a subject of a sentence; an organisation phrase ("the
  airline", "the company"): the organisation last made a subject, else the one the article
  names most before it whose name holds the noun ("Northern Pacific Airways"); otherwise, and
  for an indefinite phrase ("a senior administration official", "critics"), the phrase as
  written;
* a document ("the center's website", "a police statement", "his statement"): its author, when
  the text names one; else unknown;
* anything else (a common noun, a thing: "Flags", "the scale", "This photo", a plural proper
  noun: "The Papers"): unknown.

The word lists are data: ``data/person_nouns.txt``, ``org_nouns.txt``, ``document_nouns.txt``,
``platforms.txt``, ``title_words.json``, ``org_name_words.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crosswire.stages.facts.entity_types import camel_case
from crosswire.stages.quotes.gender import pronoun_gender
from crosswire.stages.quotes.people import (
    DEFINITE,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    GROUP_WORDS,
    NOT_NAMES,
    ORG_TYPES,
    SUBJECTS,
    UNKNOWN,
    ArticlePeople,
    Referent,
    appositive_names,
    clean_name,
    entity_span,
    in_subtree,
    last_index,
    noun_phrase_text,
    proper_name,
    role_gender,
    role_lemma,
    without_roles,
)
from crosswire.stages.quotes.words import word_list, word_map

__all__ = ["Referent", "SpeakerResolver"]


class SpeakerResolver(ArticlePeople):
    """What the speaker words of one parsed article stand for (see the module doc).

    ``quoted``: character ranges of quoted words (never a source of antecedents);
    ``sentences``: how many sentences back a pronoun or role phrase looks (quoted ones not
    counted); a "he" or "she" with nobody there stands for the article's main person: named
    ``dominance`` times as often as anyone else and ``min_mentions`` times at least.
    """

    def __init__(self, *, doc: Any, quoted: Sequence[tuple[int, int]], sentences: int,
                 cue_lemmas: frozenset[str], dominance: float = 2.0, min_mentions: int = 3,
                 ) -> None:
        super().__init__(doc=doc, quoted=quoted, dominance=dominance, min_mentions=min_mentions)
        self.reach = sentences
        self.cues = cue_lemmas
        self.memo: dict[int, Referent | None] = {}

    # -- resolving -----------------------------------------------------------------------------

    def resolve(self, token: Any) -> Referent:
        """What the speaker words headed by ``token`` stand for (see the module doc)."""
        if token.i in self.memo:
            found = self.memo[token.i]
            return found if found is not None else UNKNOWN
        self.memo[token.i] = None  # a chain that comes back here is not resolved
        found = self._resolve(token)
        self.memo[token.i] = found
        return found

    def _resolve(self, token: Any) -> Referent:
        low = token.lower_
        if low in ("he", "she", "his", "her", "him"):
            return self._pronoun(token, want=pronoun_gender(low))
        if low in GROUP_PRONOUNS:
            return self._group(token)
        if low in GROUP_WORDS:  # "To many, ...", "Some say ..."
            return Referent(token.text, True, named=False)
        if low in FIRST_PERSON or token.pos_ == "PRON":
            return UNKNOWN
        if low in ("who", "which", "that") and token.head.dep_ == "relcl":
            return self.resolve(token.head.head)
        named = self._named(token)
        if named is not None:
            return named
        lemma = role_lemma(token)
        if lemma in word_list("document_nouns"):
            return self._author(token)
        if lemma in word_list("person_nouns") and (
                token.pos_ in ("NOUN", "PROPN") or token.dep_ in SUBJECTS):
            return self._role(token, lemma)
        if lemma in word_list("org_nouns") and token.pos_ in ("NOUN", "PROPN"):
            return self._org_role(token, lemma)
        return Referent(None, False, named=False)

    def _named(self, token: Any) -> Referent | None:
        """A name the head is part of, or an appositive name of it."""
        for candidate in (token, *appositive_names(token)):
            ent_type = candidate.ent_type_
            if not ent_type and candidate is not token and candidate.pos_ == "PROPN":
                # "The British tabloid the Mirror says": a name the model did not tag
                kind = role_lemma(token)
                if kind in word_list("org_nouns"):
                    return Referent(clean_name(proper_name(candidate)), False)
                if kind in word_list("person_nouns"):
                    canon = self.canonical(clean_name(proper_name(candidate)))
                    return Referent(canon, True, self.gender(canon))
            if not ent_type:
                continue
            span = entity_span(candidate)
            name = clean_name(span.text)
            if not name:
                continue
            if self.is_platform(name):  # "Facebook said": the company, never a person
                return Referent(name, False) if candidate is token else None
            if ent_type == "PERSON" and camel_case(name):
                return Referent(name, False)  # "SpaceX", "CoinDesk": no person's name
            if ent_type == "PERSON" and _plural_name(span):
                return None  # "The Papers led ...": a plural proper noun names no one person
            if ent_type == "PERSON":
                canon = self.canonical(without_roles(name))
                return Referent(canon, True, self.gender(canon))
            if ent_type in ORG_TYPES and not self._dateline(span):
                person = self._person_named(name)
                if person is not None:  # "Teigen shared ..." tagged ORG: a person named
                    return Referent(person, True, self.gender(person))
                return Referent(self._org_name(name), False)
        speaks = token.dep_ in SUBJECTS and token.head.lemma_.lower() in self.cues
        if (token.pos_ == "PROPN" and token.tag_ != "NNPS"
                and token.ent_type_ not in NOT_NAMES - (
                {"WORK_OF_ART"} if speaks else set())
                and token.text[:1].isupper()
                and not token.text.isupper()):
            # a person the model missed or mistyped ("Kelly said", "Model Chrissy Teigen")
            if self.is_platform(token.text):
                return Referent(token.text, False)
            canon = self.canonical(proper_name(token))
            return Referent(canon, True, self.gender(canon))
        return None

    def _author(self, token: Any) -> Referent:
        for child in token.children:
            if child.dep_ in ("compound", "amod", "nmod") and (
                    child.ent_type_ in ORG_TYPES or child.ent_type_ == "PERSON"
                    or role_lemma(child) in word_list("org_nouns")):
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
        if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE)
               for c in token.children):
            return True
        k = token.i - 1
        while k >= 0 and self.doc[k].pos_ in ("NOUN", "PROPN", "ADJ") and token.i - k < 4:
            k -= 1
        return k >= 0 and k < token.i - 1 and self.doc[k].lower_ in DEFINITE | {
            "his", "her", "their", "its"}

    def _role(self, token: Any, lemma: str) -> Referent:
        """A person named by a role: (definite phrases only) the article's person with that
        role, else the last person the article made a subject; else the phrase as written."""
        gender = role_gender(lemma)
        unnamed = Referent(noun_phrase_text(token), True, gender, named=False)
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
        unnamed = Referent(noun_phrase_text(token), False, named=False)
        if not self._definite(token) or token.tag_ in ("NNS", "NNPS"):
            return unnamed
        wanted = {lemma, *word_map("org_name_words").get(lemma, [])}  # type: ignore[misc]
        for found in self._antecedents(token, person=False, subjects_only=True):
            if found.named and found.name and (
                    found.name not in self.places or lemma in word_list("state_nouns")):
                return found  # "SpaceX confirmed ... the company added"
            break
        before = [self._org_name(n) for i, n in self.orgs if i < token.i
                  and (n not in self.places or lemma in word_list("state_nouns"))]
        holding = [n for n in before
                   if {w.lower().strip(".,") for w in n.split()} & wanted]
        if holding:  # the one the article names most, the latest of those
            return Referent(max(holding, key=lambda n: (holding.count(n),
                                                        last_index(holding, n))), False)
        return unnamed

    def _pronoun(self, token: Any, *, want: str | None) -> Referent:
        for found in self._antecedents(token, person=True):
            if want is not None and found.gender not in (None, want):
                continue
            return found  # a name, a role phrase ("A ministry spokesman said"), or unknown
        main = self._main_person(want)  # nobody near: the one the article is about, if any
        if main is not None and (want is None or main.gender in (None, want)):
            return main
        return UNKNOWN

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
                      and not (s == k and in_subtree(t, own))]
            subjects = [t for t in tokens if t.dep_ in SUBJECTS or (
                t.dep_ == "pobj" and t.head.dep_ == "agent")]
            subjects.sort(key=lambda t: (t.head.dep_ != "ROOT", t.i))
            seen = {t.i for t in subjects}
            others = [t for t in reversed(tokens) if s != k and not subjects_only
                      and t.i not in seen and (
                (person and t.ent_type_ == "PERSON") or (not person and t.ent_type_ in ORG_TYPES)
            ) and t.ent_iob_ == "B" and not _modifies_a_thing(t)]
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
            lemma = role_lemma(token)
            if not subject or token.pos_ != "NOUN" or lemma in word_list("document_nouns"):
                return None
            if (lemma in word_list("person_nouns") and self._definite(token)
                    and token.tag_ == "NN"):
                return self.resolve(token)
            if token.head.lemma_.lower() in self.cues and lemma not in word_list("org_nouns"):
                # "A spokesman said ...": the person a "he" then stands for is unnamed
                named = lemma in word_list("person_nouns")
                words = noun_phrase_text(token) if named else None
                return Referent(words, True, role_gender(lemma), named=False)
            return None
        if token.ent_type_ in ORG_TYPES or (subject and token.pos_ == "PROPN"):
            found = self._named(token)
            return found if found is not None and not found.person else None
        lemma = role_lemma(token)
        if subject and (low in ("it", "they") or (
                lemma in word_list("org_nouns") and self._definite(token))):
            found = self.resolve(token)
            return found if found.named else None
        if subject and lemma in word_list("person_nouns") and token.tag_ == "NNS":
            return Referent(noun_phrase_text(token), False, named=False)
        return None


def _modifies_a_thing(token: Any) -> bool:
    """Whether the name starting at ``token`` only qualifies a thing ("a vintage Bruce Sutter
    jersey", "the Trump administration"): no one who is there to speak."""
    last = token
    while last.i + 1 < len(last.doc) and last.doc[last.i + 1].ent_iob_ == "I":
        last = last.doc[last.i + 1]
    if last.is_lower and last.is_alpha:
        return True  # "Joe Walker jersey" taken whole as a name: a thing, named after someone
    head = last.head
    return (last.dep_ in ("compound", "amod", "nmod") and head.i != last.i
            and head.pos_ in ("NOUN", "PROPN") and not head.ent_type_)


def _plural_name(span: Any) -> bool:
    """Whether a name is one plural proper noun ("Papers" of "The Papers"), no one person."""
    return len(span) == 1 and span[0].tag_ == "NNPS"
