"""Line rules of the cleaning stage: which lines are page furniture, and why.

Each rule is a reason code plus a pattern that must match the *whole* line (case-insensitive),
and a length cap so that a long sentence of real prose that merely mentions a newsletter or a
comment is never taken out.  :func:`junk_reason` answers for one line; it never edits text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.stages.clean.screens import LengthScreen
from crosswire.text.dates import MONTH_PREFIX

__all__ = ["IMAGE_MARKDOWN", "LineRule", "RULES", "junk_reason"]

IMAGE_MARKDOWN = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_SOCIAL = (
    r"(?:facebook|twitter|x|pinterest|linkedin|whatsapp|reddit|email|e-mail|print|share|tumblr"
    r"|flipboard|messenger|telegram|copy link|comments?|google\+?)"
)
_RELATED = (
    r"(?:related(?: articles?| stories| coverage| content| posts| news| links| reading)?|read more"
    r"|read next|read also|also read|more from [\w .'&-]{1,40}|see also"
    r"|recommended(?: for you| stories| reading)?|you (?:may|might) also (?:like|be interested in)"
    r"|more stories|more on this(?: story)?|trending(?: now| news| stories)?"
    r"|most (?:read|popular|viewed)|what to read next|also|top stories|latest news"
    r"|editor'?s picks?|see more|don'?t miss|must read)"
)
_ADVERT = (
    r"(?:advertisement|advertising|ad|sponsored(?: content)?|paid content"
    r"|story continues below(?: advertisement)?|story continued below"
    r"|continue reading(?: the main story| below)?|advertisement continue reading the main story"
    r"|scroll to continue(?: with content)?)\s*[.:]?"
)
_RELATED_INTL = (
    r"(?:lesen sie auch(?: die folgenden beiträge)?|auch lesen|mehr zum thema(?: auf [\w.-]+)?"
    r"|mehr themen|weitere artikel(?: zum thema)?|auch interessant|schon gelesen\??"
    r"|zum weiterlesen|das (?:thema )?könnte (?:sie|dich|euch) auch interessieren"
    r"|kommentierte artikel|meistgelesen|inhaltsverzeichnis|beiträge aus dem forum"
    r"|lea (?:también|más)|lee (?:también|más)|leer más|vea también|mira también|puedes ver"
    r"|le puede interesar|te puede interesar|te recomendamos|ver también"
    r"|(?:notas|noticias|artículos|contenidos?) relacionad[oa]s|contenido relacionado"
    r"|leia (?:também|mais)|veja também|lire aussi|à lire aussi|voir aussi|sur le même sujet"
    r"|leggi anche|potrebbe interessarti|lees ook|czytaj (?:też|także|więcej)"
    r"|zobacz (?:też|także)|dowiedz się więcej)"
)
_SIGNUP = r"(?:sign(?:ing)? ?up|subscrib(?:e|ing))"
_MAILBOX = r"(?:newsletters?|inbox|email alerts?|e-?mails?|daily edition)"


@dataclass(frozen=True, slots=True)
class LineRule:
    reason: str
    pattern: re.Pattern[str]
    max_chars: int


# What stands between "In this" and "photo" in a caption: its date and the kind of picture.
_CAPTION_WORD = (
    MONTH_PREFIX + r"[a-z]*\.?|\d{1,4}"
    r"|file|undated|handout|aerial|still|combination|family|archive|provided|courtesy"
)


def _rule(reason: str, pattern: str, max_chars: int = 200) -> LineRule:
    return LineRule(reason, re.compile(pattern, re.IGNORECASE), max_chars)


RULES: tuple[LineRule, ...] = (
    _rule(
        "image",
        r"(?:\s*(?:!\[[^\]]*\]\([^)]*\)|\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)))+\s*",
        2000,
    ),
    _rule("comment-box", r"leave a (?:reply|comment)\b.*", 120),
    _rule("comment-box", r"your email address will not be published.*", 300),
    _rule("comment-box", r"required fields are marked.*", 120),
    _rule(
        "comment-box",
        r"you must (?:be )?(?:register(?:ed)?|log ?in|logged in|sign(?:ed)? ?in)\b"
        r".*\b(?:comment|reply|post)\w*.*",
        200,
    ),
    _rule(
        "comment-box",
        r"(?:post|add|write|view|show|load|read|see) (?:a |all |the |your )?(?:\d+ )?"
        r"comments?\b.*",
        60,
    ),
    _rule("comment-box", r"\(?\d+\)? (?:comments?|replies|responses)", 40),
    _rule("comment-box", r"comments? (?:are|is) (?:closed|disabled).*", 120),
    _rule("comment-box", r"(?:join|start) the (?:conversation|discussion)\b.*", 120),
    _rule("comment-box", r"(?:sign|log) ?in to (?:comment|reply).*", 120),
    _rule("comment-box", r"cancel reply|comment policy|reply to this comment", 40),
    _rule("share", r"(?:read or )?share this(?: story| article| post| page| video)?\b.*", 300),
    _rule("share", r"(?:click to )?(?:share|tweet|pin|post) (?:on|via|to|with|this)\b.*", 80),
    _rule("share", rf"(?:{_SOCIAL}[\s,|/•·]*){{2,}}(?:(?:photograph|photo|image)\b.*)?", 160),
    _rule("share", rf"{_SOCIAL}|play facebook|share(?: this)?", 20),
    _rule(
        "share",
        r"follow (?:us|him|her|them|@\w+|[\w .]{1,40}) on "
        r"(?:twitter|facebook|instagram|x|linkedin|threads|bluesky|google news)\b.*",
        160,
    ),
    _rule("share", r"(?:join|like|find) us on (?:facebook|twitter|instagram).*", 200),
    _rule("share", r"tweet with a location|add this tweet to your website.*|embed this tweet.*",
          120),
    _rule("share", r"you can add location information to your tweets.*", 400),
    _rule("share", r".*(?:delete your (?:tweet )?location history|twitter stores that location).*",
          400),
    _rule("newsletter", rf".*\b{_SIGNUP}\b.*\b{_MAILBOX}\b.*", 320),
    _rule("newsletter", rf".*\b(?:newsletters?|inbox)\b.*\b{_SIGNUP}\b.*", 320),
    _rule("newsletter", r"\[?(?:subscribe|sign up)\b.*", 100),
    _rule("newsletter", r"thanks? (?:you )?for (?:subscribing|signing up)\b.*", 100),
    _rule("related", rf"{_RELATED}\s*(?:[:\-–—|>»]\s*.*)?", 160),
    _rule("related", r"\[(?:related|read more|see also|also read)\b[^\]]*\]", 200),
    _rule("copyright", r"(?:©|\(c\)|copyright\b|\bcopyright ©).*", 240),
    _rule("copyright", r".*\ball rights reserved\b.*", 240),
    _rule(
        "copyright",
        r".*may not be (?:published|reproduced), broadcast, rewritten,? or redistributed.*",
        300,
    ),
    _rule("advertisement", _ADVERT, 60),
    _rule(
        "boilerplate",
        r"(?:please )?(?:enable|turn on) javascript\b.*"
        r"|.*\bjavascript (?:is )?(?:disabled|required|must be enabled)\b.*",
        200,
    ),
    _rule(
        "boilerplate",
        r".*\bwe use cookies\b.*"
        r"|.*\bby (?:continuing to )?(?:use|using|browsing) (?:this|our) (?:site|website)\b.*",
        300,
    ),
    _rule(
        "boilerplate",
        r"(?:text|font) size\b.*|reset|skip to (?:main )?content|back to top|toggle navigation"
        r"|(?:open|close) menu|menu",
        40,
    ),
    _rule("boilerplate", r"(?:download|get) (?:the|our) [\w .'&-]{1,60}\bapps?\b.*", 240),
    _rule("boilerplate", r"tap here\b.*", 120),
    _rule(
        "image-caption",
        r"(?:photo|image|video|picture)s?(?: credit)?\s*:.*"
        r"|\((?:photo|image)s? (?:by|credit)[^)]*\)",
        120,
    ),
    _rule(
        "image-caption",
        r".*\((?:AP|AFP|Reuters|Getty|EPA|Xinhua|Kyodo)?\s*(?:Photo|Images?)\s*/[^)]{1,80}\)\.?",
        600,
    ),
    # AP-style captions: "FILE - In this Jan. 14, 2013 file photo, Drew Barrymore poses ..."
    _rule(
        "image-caption",
        r"(?:file\s*[-\u2013\u2014]\s*)?in this (?:(?:" + _CAPTION_WORD + r"),?\s+){0,6}"
        r"(?:photo|image|picture|frame grab|video grab|handout)s?\b.*",
        600,
    ),
    # a video teaser: a summary line stamped "(Published Saturday, Sept. 29, 2018)"
    _rule("video-teaser", r".*\((?:published|updated) [^()]{4,60}\d{4}\)", 600),
    _rule("comment-box", r"(?:tell us what you think|what do you think\?|have your say).{0,40}",
          80),
    _rule("share", r"like this (?:story|article)\?.*|.*\bshare (?:it|this) with a friend\b.*",
          120),
    _rule("related", r"also on [\w.-]+\.\w{2,4}\b.*", 240),
    _rule("related", r"(?:tags?|topics?|categories|filed under|keywords)(?:\s*:\s*.{0,300})?",
          320),
    _rule("timestamp", r"(?:last )?(?:updated|published|posted)(?: on| at)?:?\s.{0,30}\d.{0,20}",
          50),
    _rule("boilerplate", r".*\bclick here\b.*", 240),
    _rule("shortcode", r".*\[(?P<code>\w+)\b[^\]]*\].*\[/(?P=code)\].*|\[/?\w+(?:\s+\w+=[^\]]*)?\]",
          400),
    _rule("image-caption", r".*\bphotos?\b.{0,80}(?:©|\(c\)|credit).{0,80}", 240),
    # The same furniture in other languages (de, es, fr, it, pt, nl, pl).
    _rule("related", rf"{_RELATED_INTL}\s*(?:[:\-–—|>»]\s*.*)?", 200),
    _rule("share", r"(?:teilen|jetzt teilen|teilen mit|compartir|compartilhe|partager|condividi"
          r"|delen|udostępnij)\s*:?", 30),
    _rule("advertisement", r"\*?(?:anzeige|werbung|publicidad|publicité|pubblicità|reklama"
          r"|advertentie)\b.{0,80}", 100),
    _rule("image-caption", r"(?:bild|foto|titelbild|bildquelle|fotos|photo)\s*:.{0,120}"
          r"|bild anzeigen|image illustrative", 140),
    _rule("timestamp", r"(?:zuletzt |letzte )?(?:aktualisiert|geändert|änderung|aktualisierung"
          r"|veröffentlicht|actualizado|publicado|mis à jour|publié)(?: am| el| le| on)?:?\s"
          r".{0,30}\d.{0,20}", 60),
    _rule("comment-box", r"(?:\d+|keine|kein|no|aucun|sin) (?:kommentare?|comentarios?"
          r"|commentaires?)\b.{0,80}", 100),
    _rule("image-caption", r"\(?(?:photo |image |picture )?credits?\s*:.{0,100}\)?"
          r"|crédits? photos?\s*:.{0,100}|fot\.\s.{0,100}", 120),
    _rule("image-caption", r".{0,160}©\s*[\w .,/&'-]{1,60}", 240),
    _rule("newsletter", r".{0,60}\bnewsletter(?: (?:anmelden|abonnieren|bestellen))?\W{0,3}"
          r"|(?:zum|für den|unseren?) newsletter (?:anmelden|abonnieren)\b.*"
          r"|(?:suscríbete|suscribirse|abonnez-vous|inscrivez-vous|iscriviti) (?:a|à|al)\b.*", 100),
    _rule("image-caption", r".{0,200}\((?:fotos?|photos?|bild|imagen|image|credit|crédito)"
          r"\s*:[^)]{1,100}\)\.?", 300),
    _rule("image-caption", r"(?:abbildung|abb\.|figure|fig\.)\s*\d+\s*[:.].{0,150}"
          r"|(?:beitragsbild|titelfoto|titelbild|featured image)\s*:.{0,120}", 200),
    _rule("related", r".{1,150}\s\[(?:video|pictures|photos|gallery|insight|reaction|poll|news"
          r"|latest|live|analysis|revealed)\]\W{0,3}", 180),
    _rule("boilerplate", r"(?:- )?(?:order reprints|print article|print this (?:article|page)"
          r"|reprints?|this article has been sent to|thank you)\W{0,3}", 40),
    _rule("boilerplate", r"(?:an error has occurred|something went wrong)\b.{0,60}|sorry!?", 80),
    _rule("copyright", r"this copy is for your personal,? non-commercial use only\b.*", 400),
    _rule("credit", r"(?:write to|e-?mail|contact) [\w .'-]{1,60} at [\w.+-]+@[\w.-]+\b.{0,200}",
          300),
    _rule("boilerplate", r"have a (?:news )?tip\?.{0,200}", 240),
    _rule("paywall", r"(?:to (?:view|read|continue reading) (?:the full|this|the rest of)"
          r" (?:story|article)|pour lire la suite|pour accéder en illimité"
          r"|if you(?:'|’)re seeing this message\b|already a subscriber\?).*", 200),
    _rule("comment-box", r".*\b(?:eingeloggt|angemeldet|registriert) sein,? um\b.*\bkommentar.*",
          160),
    _rule("membership", r"(?!.*,[\w .'-]{1,60}\b(?:said|says|urged|urges|added|wrote|told)\b)"
          r"(?:unterstütze(?:n sie)? [\w .-]{1,40} (?:bereits )?mit\b"
          r"|hazte (?:miembro|socio)|werden sie mitglied|become a (?:member|subscriber|patron)"
          r"|donate now)\b[^.]{0,40}\W{0,3}", 140),
    # Web-archive captures (Wayback Machine, Archive-It) and dead pages kept by news crawls.
    _rule("archive-notice", r"(?:this data is currently not publicly accessible\.? ?)?starting in"
          r" 1996, alexa internet has been donating their crawl data to the internet archive\b.*",
          400),
    _rule("archive-notice", r"these crawls are part of an effort to archive pages as they are"
          r" created\b.*", 1200),
    _rule("archive-notice", r"the seed for wide\d+ was:?|-{1,2} ?(?:slash pages from every domain"
          r"|a ranking of all urls that have|up to a maximum of \d+ most highly ranked urls"
          r"|top ranked pages \(up to a max)\b.*", 300),
    _rule("archive-notice", r"this is a set of web collections curated by [^.]{1,80} using the"
          r" archive-it service\b.*", 800),
    _rule("archive-notice", r"this data is currently not publicly accessible\.?", 60),
    _rule("boilerplate", r"sorry, the page you requested could not be found\.?"
          r"|you(?:'|’)re almost there\W{0,4}|your custom domain mapping may take\b.*", 400),
    _rule("player", r"the interactive transcript could not be loaded\.?"
          r"|rating is available when the video has been rented\.?"
          r"|this feature is not available right now\. please try again later\.?", 80),
    _rule("separator", r"[\W_]+", 200),
)


# most lines match no rule: one screen tells so (crosswire.stages.clean.screens)
_SCREEN = LengthScreen(parts=[(r.max_chars, r.pattern.pattern) for r in RULES], flags=re.IGNORECASE)


def junk_reason(line: str) -> str | None:
    """The reason code if ``line`` (one stripped paragraph) is page furniture, else None."""
    if not _SCREEN.could_match(line):
        return None
    for rule in RULES:
        if len(line) <= rule.max_chars and rule.pattern.fullmatch(line):
            return rule.reason
    return None
