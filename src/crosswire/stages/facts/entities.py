"""Entities of a story: spaCy NER mentions, canonicalised across the story's reports.

Mentions with one key (case, dots and possessives aside) form a group; groups are linked into
entities by, in order: known country spellings ("U.S." = "United States"), reversed name order
("Abe Shinzo" = "Shinzo Abe"), a misspelt full name ("Fumio Kishidida" = "Fumio Kishida"), a
surname to the one full name it dominantly belongs to ("Ishiba" -> "Shigeru Ishiba", but "Trump"
is not "Melania Trump" when "Donald Trump" is the usual Trump), an organisation's first word
("Nippon" -> "Nippon Steel"), and a misspelt surname ("Isba", "Isab" -> Ishiba) when its context
agrees. The longest full name names the entity; its type is the vote of its mentions, so that the
model's noise ("Isba" tagged ORG) is outvoted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from crosswire.models import Article, Entity, Mention, Span
from crosswire.stages.facts.aliases import defined_aliases
from crosswire.stages.facts.entity_types import checked_type, neighbours
from crosswire.stages.facts.linking import Group, drop_compounds, link_groups
from crosswire.stages.facts.names import clean_name_spans, has_stutter, is_headline, name_key
from crosswire.text.tokens import content_words

__all__ = ["EntityConfig", "canonical_namer", "extract_entities"]

_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART")
_UNUSED_PIPES = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


@dataclass(frozen=True)
class EntityConfig:
    """Which NER labels to keep and how strict the linking of name variants is."""

    labels: tuple[str, ...] = _NAME_LABELS
    min_mentions: int = 1
    surname_dominance: float = 2.0
    fuzzy_min_ratio: float = 80.0
    fuzzy_min_length: int = 4
    min_context_overlap: int = 2
    context_chars: int = 60
    batch_size: int = 16
    skip_headlines: bool = True
    find_missed: bool = True
    extra_pipes_disabled: tuple[str, ...] = _UNUSED_PIPES
    facility_as_location: bool = True


def _mentions(
    article: Article, doc: Any, config: EntityConfig
) -> list[tuple[str, str, Mention]]:
    """(key, label or '', mention) for the cleaned name spans of one article."""
    text = article.text
    out: list[tuple[str, str, Mention]] = []
    headline: dict[int, bool] = {}  # line start -> whether that line is a headline
    for ent in doc.ents:
        if ent.label_ not in config.labels:
            continue
        if config.skip_headlines:
            line_start = text.rfind("\n", 0, ent.start_char) + 1
            if line_start not in headline:
                line_end = text.find("\n", ent.end_char)
                line = text[line_start : line_end if line_end >= 0 else len(text)]
                headline[line_start] = is_headline(line)
            if headline[line_start]:
                continue
        for part in clean_name_spans(text, ent.start_char, ent.end_char):
            surface = text[part.start : part.end]
            mention = Mention(surface, Span(article.id, part.start, part.end))
            out.append((name_key(surface), ent.label_ if part.labelled else "", mention))
    return out


def _groups(found: Sequence[tuple[str, str, Mention]], articles: Sequence[Article],
            config: EntityConfig) -> dict[str, Group]:
    texts = {a.id: a.text for a in articles}
    groups: dict[str, Group] = {}
    for key, label, mention in found:
        if not key:
            continue
        group = groups.setdefault(key, Group(key=key))
        group.mentions.append(mention)
        group.surfaces[mention.text] += 1
        if label:
            group.labels[label] += 1
        text = texts[mention.span.source]
        lo = max(0, mention.span.start - config.context_chars)
        after = text[mention.span.end : mention.span.end + config.context_chars]
        window = text[lo : mention.span.start] + " " + after
        group.context.update(content_words(window))
        group.near.update(w for w in neighbours(text, mention.span.start, mention.span.end) if w)
    return groups


def _display(group: Group) -> str:
    """The most common surface, possessive and trailing dots aside."""
    return min(group.surfaces.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]


def _canonical(members: Sequence[Group]) -> Group:
    def rank(g: Group) -> tuple[int, int, bool, str]:
        return (-len(g.tokens), -len(g.mentions), has_stutter(g.key), _display(g))

    return min(members, key=rank)


def _entity_type(canonical: Group, members: Sequence[Group]) -> str:
    votes = Counter(canonical.labels)
    if not votes:
        for g in members:
            votes.update(g.labels)
    if not votes:
        return "MISC"
    return min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _entity(members: Sequence[Group], texts: Sequence[str], config: EntityConfig) -> Entity:
    canonical = _canonical(members)
    name = _display(canonical)
    near: Counter[str] = Counter()
    for g in members:
        near.update(g.near)
    type_map = {"FAC": "LOC"} if config.facility_as_location else {}
    voted = _entity_type(canonical, members)
    kind = checked_type(name=name, voted=voted, near=near, texts=texts, type_map=type_map)
    aliases = sorted({s for g in members for s in g.surfaces if name_key(s) != canonical.key})
    mentions = sorted(
        (m for g in members for m in g.mentions), key=lambda m: (m.span.source, m.span.start)
    )
    return Entity(
        name=name,
        type=kind,
        aliases=tuple(aliases),
        sources=tuple(sorted({m.span.source for m in mentions})),
        mentions=tuple(mentions),
    )


def _pipe(nlp: Any, texts: list[str], config: EntityConfig) -> list[Any]:
    """Run only what NER needs: the shared tok2vec too goes when nothing left listens to it."""
    names = tuple(getattr(nlp, "pipe_names", ()))
    disable = [p for p in config.extra_pipes_disabled if p in names]
    if "tok2vec" in names:
        listeners = getattr(nlp.get_pipe("tok2vec"), "listening_components", None)
        if listeners is not None and set(listeners) <= set(disable):
            disable.append("tok2vec")
    return list(nlp.pipe(texts, batch_size=config.batch_size, disable=disable))


def extract_entities(
    *,
    articles: Sequence[Article],
    nlp: Any,
    config: EntityConfig | None = None,
    docs: Mapping[str, Any] | None = None,
) -> tuple[Entity, ...]:
    """The story's entities, most mentioned first, each with aliases, sources and mentions.

    ``docs``: parses of the articles' texts by id (with NER), reused instead of parsing again.
    """
    cfg = config or EntityConfig()
    ordered = sorted(articles, key=lambda a: a.id)
    if docs is not None:
        parsed = [docs[a.id] for a in ordered]
    else:
        parsed = _pipe(nlp, [a.text for a in ordered], cfg)
    found = [m for a, doc in zip(ordered, parsed, strict=True) for m in _mentions(a, doc, cfg)]
    groups = drop_compounds(_groups(found, ordered, cfg))
    also = sorted({pair for a, doc in zip(ordered, parsed, strict=True)
                   for pair in defined_aliases(text=a.text, doc=doc)})
    clusters = link_groups(
        groups=groups,
        dominance=cfg.surname_dominance,
        similar=lambda a, b: _similar(a, b, cfg),
        near=lambda a, b: OSA.distance(a, b) <= 1,
        min_length=cfg.fuzzy_min_length,
        min_context=cfg.min_context_overlap,
        also=also,
    )
    texts = [a.text for a in ordered]
    entities = [_entity(c, texts, cfg) for c in clusters]
    if cfg.find_missed:
        entities = _add_missed(entities, ordered)
    entities = [e for e in entities if len(e.mentions) >= cfg.min_mentions]
    return tuple(sorted(entities, key=lambda e: (-len(e.mentions), e.name)))


def _person_forms(entity: Entity) -> list[str]:
    """Surfaces to look for where NER missed a person: name, aliases, surname."""
    forms = {entity.name, *entity.aliases}
    if " " in entity.name:
        forms.add(entity.name.split()[-1])
    return sorted((f for f in forms if len(f) >= 3), key=lambda f: (-len(f), f))


def _add_missed(entities: Sequence[Entity], articles: Sequence[Article]) -> list[Entity]:
    """People's names found again where the NER model skipped them ("Merkel spoke.")."""
    taken = {(m.span.source, i) for e in entities for m in e.mentions
             for i in range(m.span.start, m.span.end)}
    out: list[Entity] = []
    for entity in entities:
        if entity.type != "PERSON":
            out.append(entity)
            continue
        extra: list[Mention] = []
        for form in _person_forms(entity):
            pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")
            for article in articles:
                for m in pattern.finditer(article.text):
                    cells = {(article.id, i) for i in range(m.start(), m.end())}
                    if cells & taken:
                        continue
                    taken |= cells
                    extra.append(Mention(m.group(), Span(article.id, m.start(), m.end())))
        if not extra:
            out.append(entity)
            continue
        mentions = sorted((*entity.mentions, *extra), key=lambda m: (m.span.source, m.span.start))
        sources = tuple(sorted({m.span.source for m in mentions}))
        out.append(replace(entity, mentions=tuple(mentions), sources=sources))
    return out


def _similar(a: str, b: str, config: EntityConfig) -> bool:
    return a[:1] == b[:1] and fuzz.ratio(a, b) >= config.fuzzy_min_ratio


_POSSESSIVE = re.compile(r"['\u2019]s\s+(?=\S)")
_TRAILING_NAME = re.compile(r"(?:[A-Z][\w'\u2019.-]*\s+)*[A-Z][\w'\u2019.-]*$")


def _role_holder(surface: str) -> str | None:
    """The person a speaker phrase names: the phrase itself, or for "X's attorney, John
    Fuller" or "X's attorney John Fuller" that name; None for "X's attorney" (not X, and not
    named)."""
    found = _POSSESSIVE.search(surface)
    if found is None:
        return surface
    tail = surface[found.end() :]
    comma = tail.rfind(",")
    appositive = tail[comma + 1 :].strip() if comma >= 0 else ""
    if appositive[:1].isupper():
        return appositive
    named = _TRAILING_NAME.search(tail)  # "Apple's chief executive Tim Cook"
    return named.group() if named and len(named.group().split()) >= 2 else None


def canonical_namer(*, entities: Sequence[Entity]) -> Callable[[str], str]:
    """A function from any surface form ("PM Ishiba", "Isba", "Ishiba's") to its entity's
    canonical name; unknown names come back as given."""
    by_key: dict[str, str] = {}
    by_surname: dict[str, set[str]] = {}
    for entity in entities:
        for surface in (entity.name, *entity.aliases):
            by_key.setdefault(name_key(surface), entity.name)
        if entity.type == "PERSON" and " " in entity.name:
            by_surname.setdefault(name_key(entity.name).split()[-1], set()).add(entity.name)

    def name(surface: str) -> str:
        holder = _role_holder(surface)
        if holder is None:
            return surface  # "Hayes's attorney": someone else than Hayes, name unknown
        spans = clean_name_spans(holder, 0, len(holder))
        cleaned = holder[spans[-1].start : spans[-1].end] if spans else holder
        for candidate in (cleaned, holder):
            key = name_key(candidate)
            if key in by_key:
                return by_key[key]
        last = name_key(cleaned).split()[-1:] if cleaned.strip() else []
        owners = by_surname.get(last[0], set()) if last else set()
        return next(iter(owners)) if len(owners) == 1 else holder

    return name
