"""Independent voices of one story: who each report's text speaks for.

A report's voice is

- the wire's (``wire:AP``; a broadcaster's is its own outlet, ``outlet:cnn.com``) when its text
  is run by several outlets and credited to that agency: reports of two or more outlets that
  carry essentially the same text (:mod:`crosswire.stages.voices.shared`), or that carry the
  same agency's credit in their own text;
- the origin group's id when text run by several outlets has no credit that names its author;
- otherwise its outlet's (``outlet:nytimes.com``): an outlet's own reports of one story are one
  voice, its subdomains and editions folded (:mod:`crosswire.stages.voices.outlets`). A report
  on an agency's own site is the agency's voice. A report without site, URL or outlet name
  speaks with its origin group (lineage's judgment is the only evidence left): the voice of
  the agency credited in the group, else the group's id.

So five outlets running one AP story are one voice, four CNN pages are one, and an outlet that
runs an AP and a Reuters story that others run too carries two voices, neither its own. A
wire story that no other outlet runs stays its outlet's voice: nothing shows that the outlet
did not add to it, and an uncounted voice beats a wrong one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crosswire.models import Article, Lineage
from crosswire.stages.voices.config import VoicesConfig
from crosswire.stages.voices.credits import wire_credit
from crosswire.stages.voices.outlets import Outlet, outlet_of
from crosswire.stages.voices.shared import same_text_sets
from crosswire.text.agencies import agency, agency_of_site

__all__ = ["Voice", "story_voices", "voice_ids"]


@dataclass(frozen=True, slots=True)
class Voice:
    """A report's voice (``voice``), its outlet's name as a reader knows it (``outlet``, None
    when nothing tells it) and the agency its own text is credited to (``credit``)."""

    voice: str
    outlet: str | None = None
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class _Report:
    id: str
    group: str
    outlet: Outlet | None
    credit: str | None

    @property
    def outlet_key(self) -> str:
        """What tells its outlet apart; a report with no outlet is an outlet of its own."""
        return self.outlet.key if self.outlet is not None else f"\0{self.id}"


def _agency_voice(name: str | None) -> str | None:
    found = agency(name) if name else None
    return found.voice if found is not None else None


def _site_voice(report: _Report) -> str | None:
    found = agency_of_site(report.outlet.key) if report.outlet is not None else None
    return found.voice if found is not None else None


def _shared_texts(reports: Sequence[_Report], sets: list[list[str]]) -> dict[str, str]:
    """Article id -> its voice, for the articles whose text two or more outlets run."""
    by_id = {r.id: r for r in reports}
    out: dict[str, str] = {}
    for ids in sets:
        reps = [by_id[i] for i in ids]
        if len({r.outlet_key for r in reps}) < 2:
            continue
        credits = Counter(r.credit for r in reps if r.credit and _agency_voice(r.credit))
        ranked = sorted(credits.items(), key=lambda kv: (-kv[1], kv[0]))
        sites = sorted(v for r in reps if (v := _site_voice(r)))
        groups = sorted(Counter(r.group for r in reps).items(), key=lambda kv: (-kv[1], kv[0]))
        voice = _agency_voice(ranked[0][0]) if ranked else (sites[0] if sites else None)
        out.update((r.id, voice or groups[0][0]) for r in reps)
    return out


def _shared_credits(reports: Sequence[_Report]) -> set[str]:
    """Agencies whose credit the own texts of two or more outlets carry."""
    outlets: dict[str, set[str]] = defaultdict(set)
    for rep in reports:
        if rep.credit and _agency_voice(rep.credit):
            outlets[rep.credit].add(rep.outlet_key)
    return {name for name, keys in outlets.items() if len(keys) >= 2}


def _group_credits(reports: Sequence[_Report]) -> dict[str, str]:
    """Origin group -> the agency most of its credited members name."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for rep in reports:
        if rep.credit and _agency_voice(rep.credit):
            counts[rep.group][rep.credit] += 1
    return {
        group: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        for group, c in counts.items()
    }


def _own_voice(rep: _Report, *, group_credits: Mapping[str, str]) -> str:
    """An outlet's own report: the outlet's voice. Without an outlet, lineage's origin group
    is the best evidence left: the voice of the agency credited in the group, else the group."""
    if rep.outlet is not None:
        return _site_voice(rep) or f"outlet:{rep.outlet.key}"
    return _agency_voice(group_credits.get(rep.group)) or rep.group


def story_voices(
    *, articles: Sequence[Article], lineages: Sequence[Lineage], config: VoicesConfig
) -> dict[str, Voice]:
    """Article id -> its :class:`Voice`, for every article of one story."""
    group_of = {lin.article_id: lin.origin_group for lin in lineages}
    reports = [
        _Report(
            id=a.id,
            group=group_of.get(a.id, a.id),
            outlet=outlet_of(article=a, config=config),
            credit=wire_credit(article=a, config=config),
        )
        for a in sorted(articles, key=lambda a: a.id)
    ]
    sets = same_text_sets(articles=articles, lineages=lineages, config=config).groups()
    shared = _shared_texts(reports, sets)
    credited = _shared_credits(reports)
    group_credits = _group_credits(reports)
    out: dict[str, Voice] = {}
    for rep in reports:
        if rep.id in shared:
            voice = shared[rep.id]
        elif rep.credit in credited:
            voice = _agency_voice(rep.credit) or _own_voice(rep, group_credits=group_credits)
        else:
            voice = _own_voice(rep, group_credits=group_credits)
        out[rep.id] = Voice(
            voice=voice, outlet=rep.outlet.name if rep.outlet else None, credit=rep.credit
        )
    return out


def voice_ids(voices: Mapping[str, Voice], /) -> dict[str, str]:
    """Article id -> voice id: what counts independence where origin groups did."""
    return {aid: v.voice for aid, v in voices.items()}
