"""Page furniture that news sites print inside the article body: captions, galleries, embedded
posts, sidebars and teaser lists, promotions, author boxes.

Three kinds of rule, each with its reason code:

* line rules (:func:`furniture_reason`): a whole paragraph is furniture when one pattern
  matches all of it ("Enlarge this image toggle caption Jane Doe/AP Jane Doe/AP", "MOST READ IN
  NEWS ...", "Getty Images Fans gather outside the stadium");
* tails (:func:`strip_tail`): furniture glued to the end of a paragraph of the body, cut off
  and the rest kept: an embedded post's footer ("... pic.twitter.com/x — Jane Doe (@jdoe)
  May 1, 2018"), an agency's editing credit ("(Editing by Jane Doe)") and a quotation box's
  share button ("... every day.Click To Tweet");
* context rules (:func:`context_reasons`): a numbered slide show ("1/12 ...", "2/12 ..."), the
  lines under an "About the author" heading, and a pull quote (an unpunctuated line that
  repeats the start of a quotation in the body).

Like :mod:`crosswire.stages.clean.rules`, a pattern must match the whole line (or, for the
rules marked so, is searched with its own anchors) and a length cap keeps long prose safe;
the credits a caption names come from ``data/photo_credits.txt``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from crosswire.models import RemovedSegment
from crosswire.stages.clean.screens import LengthScreen
from crosswire.text.dates import MONTH_ANY_CASE

__all__ = ["context_reasons", "furniture_reason", "photo_credits", "strip_tail"]

_I = re.IGNORECASE
_END = r"[.!?:;\"\u201d\u2019')\]\u2026]"  # how a sentence (or a quotation) ends
_NOT_END = r"[^\s.!?:;\"\u201d\u2019')\]\u2026]"  # a line's last character when unpunctuated


@functools.cache
def photo_credits() -> tuple[str, ...]:
    """Picture credits as captions print them (``data/photo_credits.txt``), longest first."""
    text = resources.files("crosswire.stages.clean").joinpath("data/photo_credits.txt")
    rows = (row.strip() for row in text.read_text("utf-8").splitlines())
    found = {r for r in rows if r and not r.startswith("#")}
    return tuple(sorted(found, key=lambda r: (-len(r), r)))


@dataclass(frozen=True, slots=True)
class _Rule:
    reason: str
    pattern: re.Pattern[str]
    max_chars: int
    # A searched rule (its pattern anchored as it says, not matched whole: the same test as
    # ".*<key words>.*" without the backtracking) applies only to a line holding one of its
    # hints (lowercase), checked first: most lines hold none.
    hints: tuple[str, ...] = ()


def _rule(reason: str, pattern: str, max_chars: int, flags: int = 0,
          hints: tuple[str, ...] = ()) -> _Rule:
    return _Rule(reason, re.compile(pattern, flags), max_chars, hints)


def _credit_group() -> str:
    return "(?:" + "|".join(re.escape(c) for c in photo_credits()) + ")"


@functools.cache
def _rules() -> tuple[_Rule, ...]:
    credit = _credit_group()
    caps = r"[A-Z][A-Z'\u2019.&-]+"
    # a caption after its credit: at least four words, two of them lowercase (a sentence, not
    # a title-case heading), and no closing punctuation
    caption = (rf"(?=[A-Z\u2018'\"])(?=(?:\S+\s+){{3,}})(?=(?:.*?\s[a-z]{{3,}}\b){{2}})"
               rf".*{_NOT_END}")
    return (
        # -- sidebars and teaser lists --
        _rule("sidebar", r"(?i:most (?:read|popular|viewed|shared|watched)(?: in [\w &]{1,30}?)?"
         r"|related (?:stories|articles|news)|more on [\w &]{1,40}?|more from [\w &]{1,40}?"
         r"|trending(?: now)?|top stories|latest(?: news)?)\s+[A-Z0-9\u2018'\"]"
         r"[A-Z0-9\u2018\u2019'\" ,.!?&-]*[A-Z0-9!?\u2019'\"]\s+[A-Z][a-z].*", 4000, 0),
        _rule("sidebar", r"q&a\b.{0,200}\bshow hide\b.*", 4000, _I),
        # -- galleries and players --
        _rule("gallery", r"\bhide caption \d+ of \d+\W{0,3}$", 3000, _I, ("hide caption",)),
        _rule("gallery", r"\b\d+ of \d+\s+(?:full ?screen|autoplay)\b", 3000, _I,
              ("full screen", "fullscreen", "autoplay")),
        _rule("gallery", r"\bplay slideshow\b", 600, _I, ("play slideshow",)),
        _rule("gallery", r"\d{1,3} show all\b.{0,120}", 160, _I),
        _rule("gallery", r"(?<=.{10})\s1 / \d{1,3}$", 420, 0, (" 1 / ",)),
        _rule("player", r"scroll (?:down |below |up )?(?:for|to see|to watch)"
              r" (?:the )?videos?\W{0,3}",
         60, _I),
        _rule("player", r"your browser does not support (?:iframes|the video tag|html5 video|this"
         r" video)\b.*", 200, _I),
        _rule("player", r"media playback is (?:not supported|unsupported) on (?:this|your)"
              r" device\b.*",
         400, _I),
        _rule("player", r"^just watched\b.*?\breplay more videos\b", 800, _I,
              ("replay more videos",)),
        _rule("video-teaser", r"CLOSE\s+[A-Z\u2018'\"].*", 800, 0),
        # -- embedded posts --
        _rule("embedded-post", r"skip (?:twitter|instagram|facebook|youtube) post(?: by)?\b.*"
         r"|end of (?:twitter|instagram|facebook|youtube) post\b.*", 1200, _I),
        _rule("embedded-post", rf"\ba post shared by\b.{{1,80}}\bon {MONTH_ANY_CASE}"
              r".{0,40}\d{4}"
         r".{0,30}$", 1500, _I, ("post shared by",)),
        _rule("embedded-post", r"\bposted by\b.{1,60}\bon (?:mon|tues|wednes|thurs|fri|satur|sun)"
         r"day,? .{0,20}\d{4}\W{0,3}$", 800, _I, ("posted by",)),
        # -- captions --
        _rule("image-caption", r"(?:enlarge this image\b|toggle caption\b|image copyright\b"
         r"|image caption\b|media caption\b).*", 600, _I),
        _rule("image-caption", r"\bphotograph:\s[^.!?]{1,80}$", 600, _I, ("photograph:",)),
        _rule("image-caption", r"\s(?i:credit)\s+[A-Z][^.!?]{1,80}/[^.!?]{1,60}$", 1200, 0,
              ("credit",)),
        _rule("image-caption", rf"(?<=.{{10}})\s[A-Z][\w.'\u2019-]+(?:\s[A-Z][\w.'\u2019-]+){{0,3}}"
         rf"(?:/[\w .'\u2019-]{{1,40}})?/{credit}(?: Photo)?\.?$", 800, 0, ("/",)),
        _rule("image-caption", rf"(?<=.{{10}})\((?:[^()]{{1,80}}/|[^()]{{0,80}}\bvia\s)"
         rf"{credit}\b[^()]{{0,30}}\)(?:\s*\({credit}\))?\.?$", 800, 0, (")",)),
        _rule("image-caption", rf"(?<=.{{9}})[^.!?\"\u201d\s]\s*\((?:{credit}"
              r"|\u00a9[^()]{1,60})\)$",
         400, 0, (")",)),
        _rule("image-caption", r"(?<=.{5})\u00a9\s*[^()\s]{1,40}(?:\s[^()\s]{1,20}){0,3}\s*"
         r"\([^()]{1,40}\)$", 400, 0, ("\u00a9",)),
        _rule("image-caption", rf"\b(?:image|photo|picture|illustration)s?\s+(?:via|courtesy"
         rf"(?: of)?)\s+[\w .&/-]{{1,50}}{_NOT_END}$", 260, _I, (" via ", "courtesy")),
        _rule("image-caption", rf"(?:{credit}|{caps}(?:\s{caps}){{1,3}}"
              rf"|{caps}(?:\s{caps}){{0,3}}\s?\u2022\s?{caps})"
         rf"(?:\s?[-\u2013/]\s?[A-Z][\w]+)?\s+{caption}", 320, 0),
        _rule("image-caption", r"(?:file\s*[-\u2013\u2014]\s*)?this (?:[\w.,]+\s+){0,5}(?:file\s+)?"
         r"(?:photo|image|picture)s?\s+(?:made available|provided|released|distributed|taken"
         r"|shows|obtained)\b.*", 600, _I),
        _rule("teaser", r"more\s*:\s*\S.{0,200}", 220, _I),
        _rule("teaser", r"(?<=.{5})\s(?:read more|more here)\W{0,3}$", 220, _I,
              ("read more", "more here")),
        _rule("teaser", r"\[\s*[A-Z\u2018'\"][^\[\]\d]*?(?:\s[^\[\]\s]+){4,}\s*\]", 204, 0),
        _rule("teaser", r"related posts?\s*:\s*\S.{0,150}"
              r"|you (?:may|might) also (?:like|enjoy)\W{0,4}"
         r"|most (?:read|popular|viewed|shared) in [\w &]{1,30}\W{0,3}", 200, _I),
        _rule("teaser", r"(?:follow [\w'\u2019]{1,20} (?:full )?coverage of|more [\w ]{1,30}:)"
         r" .{0,80}\bhttps?://\S+.{0,120}", 260, _I),
        # -- promotions, tip lines, author boxes, disclaimers --
        _rule("promo", r"if you (?:enjoyed|liked|value|appreciate) (?:this|our)"
              r" (?:article|story|piece"
         r"|journalism|reporting)\b.*", 400, _I),
        _rule("credit", r"(?<=.)\bcontributed (?:reporting|to this (?:report|story|article))\b"
         r"[^.]{0,80}\.?$", 300, _I, ("contributed",)),
        _rule("credit", r"reach the (?:reporter|writer|author)s?\b.{0,40}\b(?:at|on)\b.{0,160}",
         220, _I),
        _rule("boilerplate", r"(?:reading time|read time|tempo de leitura|lesezeit|temps de lecture"
         r"|tiempo de lectura)\s*:?\s*\d+\s*\w+\W{0,3}|\d+ min(?:ute)?s? read\W{0,3}", 60, _I),
        _rule("byline", r".{0,40}\b(?:posted|published|publicado|publi\u00e9|ver\u00f6ffentlicht)"
         r" (?:by|por|par|von)\s*:.{0,160}|\d{1,2}:\d{2}\s*[ap]\.?m\.?\s+[A-Z]{2,4}\s+\d{1,2}/"
         r"\d{1,2}/\d{2,4}\s+by\s.{1,60}", 220, _I),
        _rule("promo", r"(?:we pay for (?:your )?(?:stories|videos|pictures|photos)"
         r"|(?:do you have|got) a (?:confidential )?(?:news )?(?:story|tip|video)\b).*", 320, _I),
        _rule("promo", r"chat with us (?:in|on|via) (?:facebook )?messenger\b.*", 240, _I),
        _rule("share", r"like [\w .'&-]{1,60} on facebook\b.*", 200, _I),
        _rule("credit", r"(?:e-?mail|contact|write to) the (?:author|writer|reporter)s?\b.{0,120}",
         140, _I),
        _rule("credit", r"(?:this (?:article|story|post|piece) (?:was )?(?:originally|first)"
         r" (?:appeared|published|ran)|(?:originally|first) (?:appeared|published) (?:on|in|at|by)"
         r"|read the original (?:article|story) (?:on|at)|den originalartikel gibt es (?:auf|bei)"
         r"|dieser artikel erschien (?:zuerst|urspr\u00fcnglich))\b.*", 300, _I),
        _rule("author-bio", r"\bthe (?:opinions|views) expressed in this (?:commentary|article"
         r"|column|piece|post|op-ed)\b", 800, _I, ("expressed in this",)),
        _rule("author-bio", r"[A-Z][\w.'\u2019-]+(?:\s[A-Z][\w.'\u2019-]+){1,3} is an? [^.]{0,80}\b"
         r"(?:writer|journalist|columnist|reporter|author|editor|correspondent|contributor"
         r"|blogger)\b.*(?:[\w.+-]+@[\w-]+\.[\w.]+|\bfollow (?:him|her|them)\b|@\w{2,}).*",
         600, 0),
        _rule("disclaimer", r"disclaimer\s*:.*", 600, _I),
        _rule("helpline", r"(?:if you(?: or someone you know)?|wenn (?:du|ihr|sie)"
         r"|anyone (?:who|affected)|for (?:confidential )?support)\b.{0,200}"
         r"\b(?:lifeline|helpline|hotline|samaritans|seelsorge|crisis line)\b.*", 800, _I),
        _rule("newsletter", r"newsletter sign ?up\b.*", 4000, _I),
        _rule("newsletter", r"\bplease verify you(?:'|\u2019)?re not a robot\b", 4000, _I,
              ("not a robot",)),
        _rule("boilerplate", r"\ba version of this (?:article|review|story|column)"
              r" appears? in print"
         r"\b|^order reprints\s*\|", 800, _I, ("in print", "order reprints")),
        _rule("boilerplate", r"^external links are provided for reference purposes\b"
         r"|\bis not responsible for the content of external (?:internet )?sites\b", 400,
         _I, ("external links", "external internet sites", "external sites")),
        _rule("paywall", r"\bnot in our deliverable area\b|\bsign up for digital access\b"
         r"|^(?:get|buy|purchase) digital access\W{0,3}$|^re-?enter (?:your )?zip ?code\b",
         240, _I, ("deliverable area", "digital access", "zip")),
        _rule("search", r"(?:\d[\d,]* )?search results?(?: for\b.{0,120})?"
         r"|\d[\d,]* (?:search )?results? (?:found )?for\b.{0,120}|you searched for\b.{0,120}"
         r"|(?:showing|displaying) (?:results? )?\d[\d,]*\s*(?:-|\u2013|to)\s*\d[\d,]* of"
         r" \d[\d,]*\b.{0,60}|no (?:search )?results (?:were )?found\b.{0,80}"
         r"|(?:sort|sorted) by\s*:?\s*(?:relevance|date|newest|oldest)\b.{0,60}"
         r"|refine (?:your )?search\b.{0,60}",
         180, _I),
    )


@functools.cache
def _screen() -> LengthScreen:
    """The whole-line rules in one screen (each part with its own case rule)."""

    def part(rule: _Rule) -> str:
        flag = "i" if rule.pattern.flags & re.IGNORECASE else "-i"
        return f"(?{flag}:{rule.pattern.pattern})"

    return LengthScreen(parts=[(r.max_chars, part(r)) for r in _rules() if not r.hints])


def _whole_line_screen(line: str) -> bool:
    return _screen().could_match(line)


@functools.cache
def _any_hint() -> re.Pattern[str]:
    hints = sorted({h for rule in _rules() for h in rule.hints})
    return re.compile("|".join(re.escape(h) for h in hints))


def furniture_reason(line: str) -> str | None:
    """The reason code if ``line`` (one stripped paragraph) is one of the furniture above."""
    low = line.casefold()
    whole: bool | None = None  # the whole-line screen, run when first needed
    if _any_hint().search(low) is None:
        whole = _whole_line_screen(line)
        if not whole:
            return None
    for rule in _rules():
        if len(line) > rule.max_chars:
            continue
        if rule.hints:
            if any(h in low for h in rule.hints) and rule.pattern.search(line):
                return rule.reason
            continue
        if whole is None:
            whole = _whole_line_screen(line)
        if whole and rule.pattern.fullmatch(line):
            return rule.reason
    return None


# An embedded post's footer: "— Jane Doe (@jdoe) May 1, 2018" after the post, the links the
# embed shows before it ("https://t.co/x", "pic.twitter.com/y") included.
_POST_FOOTER = re.compile(
    r"(?:\s*(?:https?://t\.co/\w+|pic\.twitter\.com/\w+))*\s*[\u2014\u2013-]{1,2}\s*"
    r"[^\u2014\u2013()\n]{1,60}\(@\w{1,30}\)\s*(?:\d{1,2}\s+)?" + MONTH_ANY_CASE
    + r"\s*(?:\d{1,2},?\s*)?\d{4}\s*$",
    re.IGNORECASE,
)
# A quotation box's share button glued to the sentence: "... business.Click To Tweet".
_CLICK_TO_TWEET = re.compile(r"(?<=[.!?\"\u201d])\s*click to tweet\W{0,3}$", re.IGNORECASE)
_EMBED_LINKS = re.compile(r"(?:\s*(?:https?://t\.co/\w+|pic\.twitter\.com/\w+))+\s*$")
# An agency's editing credit closing the last paragraph: "... (Editing by Jane Doe)".
_EDIT_CREDIT = re.compile(
    r"(?<=[.!?\"\u201d])\s*\((?:additional )?(?:reporting|editing|writing|compiled) by\b"
    r"[^()]{1,400}\)?\s*$",
    re.IGNORECASE,
)


def strip_tail(line: str) -> tuple[str, tuple[RemovedSegment, ...]]:
    """``line`` without an embedded post's footer or an editing credit at its end, and the cut
    parts as removed segments (the line comes back whole when it has neither)."""
    low = line.casefold()
    tails = (("embedded-post", _POST_FOOTER, "(@"), ("credit", _EDIT_CREDIT, " by"),
             ("share", _CLICK_TO_TWEET, "tweet"))
    for reason, pattern, hint in tails:
        m = pattern.search(line) if hint in low else None
        if m is None:
            continue
        rest = line[: m.start()].rstrip()
        cut = [RemovedSegment(reason, line[m.start() :].strip())]
        if reason == "embedded-post":
            links = _EMBED_LINKS.search(rest)
            if links is not None:
                cut.insert(0, RemovedSegment(reason, rest[links.start() :].strip()))
                rest = rest[: links.start()].rstrip()
        return rest, tuple(cut)
    return line, ()


_SLIDE = re.compile(r"(\d{1,3})/(\d{1,3})\s+\S")
_ABOUT = re.compile(r"(?:about the (?:author|writer)s?|about me|author bio|the author)\W{0,3}",
                    re.IGNORECASE)
_BIO_LINES = 2
_WORD = re.compile(r"\w+")
_PULL_WORDS = 6  # a pull quote repeats at least this many opening words of a quotation


def _slides(lines: Sequence[str]) -> set[int]:
    """Lines of a numbered slide show: "k/N ..." for at least two k of one N, in order."""
    found = [(i, m) for i, line in enumerate(lines) if (m := _SLIDE.match(line))]
    out: set[int] = set()
    by_total: dict[str, list[tuple[int, int]]] = {}
    for i, m in found:
        k, total = int(m.group(1)), int(m.group(2))
        if 1 <= k <= total:
            by_total.setdefault(m.group(2), []).append((i, k))
    for run in by_total.values():
        if len(run) >= 2 and all(b[1] > a[1] for a, b in zip(run, run[1:], strict=False)):
            out.update(i for i, _ in run)
    return out


def _key(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))


_OPENING = re.compile(r"[\"\u201c\u2018]|(?:^|(?<=\s))'")


def _quotations(lines: Sequence[str]) -> list[str]:
    """What follows each opening quote mark of the lines (its first 300 characters), as keys."""
    return [_key(line[m.end() : m.end() + 300]) for line in lines
            for m in _OPENING.finditer(line)]


def _pull_quote(line: str, quotations: Sequence[str]) -> bool:
    """An unpunctuated line, no link in it, whose first words open a quotation of the body."""
    if re.search(_END + r"$", line) or "http" in line or "pic.twitter" in line:
        return False
    words = _WORD.findall(line.casefold())
    if len(words) < _PULL_WORDS + 2:
        return False
    probe = " ".join(words[: max(_PULL_WORDS, len(words) // 2)])
    return any(quoted.startswith(probe) for quoted in quotations)


def context_reasons(lines: Sequence[str], junk: Sequence[str | None]) -> list[str | None]:
    """``junk`` with the reasons that need the lines around: slide shows, author boxes, pull
    quotes (see the module docstring); a reason already given is kept."""
    out = list(junk)
    for i in _slides(lines):
        out[i] = out[i] or "gallery"
    for i, line in enumerate(lines):
        if out[i] is None and _ABOUT.fullmatch(line):
            out[i] = "author-bio"
            for j in range(i + 1, min(len(lines), i + 1 + _BIO_LINES)):
                out[j] = out[j] or "author-bio"
    candidates = [i for i, line in enumerate(lines)
                  if out[i] is None and len(line.split()) >= _PULL_WORDS + 2
                  and not re.search(_END + r"$", line)]
    if not candidates:
        return out
    quotations = _quotations([line for line in lines if re.search(_END + r"$", line)])
    for i in candidates:
        if _pull_quote(lines[i], quotations):
            out[i] = "pull-quote"
    return out
