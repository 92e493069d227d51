"""Small record builders for tests that need a brief without running the pipeline, and a
small invented news pile (:func:`write_outlet_pile`) for tests that run it on reports of
several outlets."""

from __future__ import annotations

import json
from pathlib import Path

from crosswire.models import (
    Article,
    Brief,
    BriefSource,
    Discrepancy,
    DiscrepancyValue,
    Entity,
    Fact,
    Quote,
    RemovedSegment,
    Span,
    SummarySentence,
    TimelineEvent,
)


def tiny_brief(*, text_a: str = "Alpha said the deal is done. It cost $5 billion.") -> Brief:
    """A two-source brief whose spans are all correct."""
    text_b = "The deal is done, officials said. It cost $5 billion."
    a = Article(id="a", text=text_a, title="Deal done", site="a.example", published="2025-02-07",
                removed=(RemovedSegment("comment-box", "Leave a Reply"),))
    b = Article(id="b", text=text_b, site="b.example", flags=("published-date-inconsistent",))
    first = text_a.split(". ")[0] + "."
    cost = "It cost $5 billion."
    return Brief(
        title="Deal done",
        story="s-1",
        sources=(
            BriefSource(article=a, origin=None, origin_group="a", role="independent"),
            BriefSource(article=b, origin=None, origin_group="b", role="independent"),
        ),
        summary=(SummarySentence(first, (Span("a", 0, len(first)),), ("a",)),),
        facts=(
            Fact(cost, (Span("a", text_a.index(cost), text_a.index(cost) + len(cost)),
                        Span("b", text_b.index(cost), text_b.index(cost) + len(cost))),
                 ("a", "b"), 2),
        ),
        quotes=(Quote("the deal is done", "Alpha", (Span("a", 11, 27),), ("a",), 1, "said"),),
        entities=(Entity("Alpha", "PERSON", ("Alfa",), ("a",)),),
        timeline=(TimelineEvent("2025-02-07", first, (Span("a", 0, len(first)),), ("a",)),),
        discrepancies=(
            Discrepancy("cost", (DiscrepancyValue("$5 billion", ("a",)),
                                 DiscrepancyValue("$6 billion", ("b",)))),
        ),
        notes=("2 reports from 2 independent voices.",),
    )


# An invented story told by six reports of four voices: one AP text run by two outlets (one
# credit), two CNN pages of two editions, NPR's own report and a local paper's; then a
# smaller story (two outlets) and a one-report story, published later.
_AP = (
    "MILLBROOK, Ore. (AP) — A loaded grain barge struck the Millbrook River bridge before "
    "dawn on Tuesday, knocking a support pier off its footing and closing the span to all "
    "traffic, state transportation officials said.\n"
    "No one was hurt, the Oregon Department of Transportation said, but inspectors found a "
    "crack more than 6 feet long in the pier and ordered the bridge shut until engineers "
    "can judge whether it is safe. About 24,000 vehicles cross the bridge each day.\n"
    "The barge's operator, Columbia Freight Lines, said the tow lost steering in a strong "
    "current. \"We are cooperating fully with the Coast Guard,\" the company said.\n"
    "Detours could add 40 minutes to commutes, officials warned.\n"
    "Copyright 2031 The Associated Press. All rights reserved."
)
_CNN_1 = (
    "(CNN) A river barge slammed into a bridge pier in Millbrook, Oregon, early Tuesday, "
    "shutting down a crossing that about 24,000 drivers use every day.\n"
    "Video posted by a resident shows the barge drifting sideways in the current before "
    "striking the concrete pier with a loud crack. Transportation officials closed the "
    "bridge within minutes and sent divers to inspect the footing.\n"
    "\"It was like thunder under the water,\" said Dana Whitfield, who lives beside the "
    "river and recorded the crash from her porch. The Coast Guard said it had opened an "
    "investigation into why the tow lost control."
)
_CNN_2 = (
    "(CNN) Engineers in Oregon will spend the rest of the week inspecting the Millbrook "
    "River bridge after a grain barge struck one of its piers on Tuesday.\n"
    "State bridge engineer Marcus Ortega told CNN the crack in the pier was \"serious but "
    "not catastrophic\" and that a temporary steel brace could reopen one lane within two "
    "weeks. A full repair could take until next spring, he said.\n"
    "Local businesses on the east bank said they were already losing customers because of "
    "the long detour around the closed bridge."
)
_NPR = (
    "Commuters in Millbrook faced long detours on Tuesday after a barge hit the city's main "
    "bridge over the Millbrook River and state officials closed it for inspection.\n"
    "Oregon's transportation department said a support pier was cracked in the collision. "
    "The agency said the bridge, built in 1962, was last inspected in March and rated in "
    "fair condition.\n"
    "River pilots say spring runoff has made the current unusually fast this year. \"We "
    "have been warning about this stretch of river for weeks,\" said Tom Reyes, who heads "
    "the local pilots' association."
)
_HERALD = (
    "The Millbrook River bridge will stay closed at least through the weekend, city "
    "manager Alicia Grant said Tuesday evening, hours after a grain barge damaged one of "
    "its piers.\n"
    "Grant said the city would run free shuttle buses between the two banks starting "
    "Wednesday morning and asked drivers to avoid the narrow county road that serves as "
    "the main detour.\n"
    "Schools on the east side of the river will open two hours late on Wednesday, the "
    "district announced."
)
_BUDGET_A = (
    "The Harlow County board approved a $412 million budget on Monday night after a "
    "four-hour hearing in which dozens of residents spoke against cuts to library hours.\n"
    "Board chair Evelyn Marsh said the county had to close a $19 million gap left by "
    "falling property tax revenue. The budget trims library hours by a fifth and delays "
    "two road projects.\n"
    "\"Nobody up here wanted to make these choices,\" Marsh said after the 4-1 vote."
)
_BUDGET_B = (
    "Harlow County's libraries will close on Sundays under the spending plan county "
    "supervisors passed late Monday, a change librarians said would hit students hardest.\n"
    "The $412 million budget passed 4-1. Supervisor Ray Dunn, the lone no vote, said the "
    "county should have drawn on its reserves instead of cutting library hours.\n"
    "Library director Priya Nandi said about 3,000 people use the branches each Sunday."
)
_PANDA = (
    "The Lakeshore Zoo welcomed a giant panda cub on Friday, the first born at the zoo in "
    "its 90-year history, keepers said.\n"
    "The cub weighs about 5 ounces and is nursing well, head veterinarian Grace Liu said. "
    "Its mother, Mei Lan, arrived on loan from China four years ago.\n"
    "The panda house will stay closed to visitors for at least two months so the pair can "
    "rest, the zoo said, and the public will be invited to help choose a name in the fall."
)
OUTLET_PILE = (
    ("bridge-wapo", "www.washingtonpost.com", "Barge strikes Oregon bridge, closing it to traffic",
     "2031-04-01", _AP),
    ("bridge-nyt", "www.nytimes.com", "Barge Strikes Oregon Bridge, Closing It to Traffic",
     "2031-04-01", _AP.replace("\nCopyright 2031 The Associated Press. All rights reserved.", "")),
    ("bridge-cnn-1", "edition.cnn.com", "Barge slams into Oregon bridge pier", "2031-04-01",
     _CNN_1),
    ("bridge-cnn-2", "www.cnn.com", "Oregon bridge could partly reopen in two weeks",
     "2031-04-02", _CNN_2),
    ("bridge-npr", "www.npr.org", "Barge Crash Closes Millbrook Bridge, Snarling Commutes",
     "2031-04-01", _NPR),
    ("bridge-herald", "www.millbrookherald.com", "Bridge to stay shut through weekend",
     "2031-04-01", _HERALD),
    ("budget-gazette", "www.harlowgazette.com", "County board passes $412 million budget",
     "2031-04-08", _BUDGET_A),
    ("budget-radio", "kplr.org", "Libraries lose Sundays in Harlow County budget",
     "2031-04-08", _BUDGET_B),
    ("panda-times", "www.lakeshoretimes.com", "Zoo welcomes its first panda cub", "2031-04-12",
     _PANDA),
)


def write_outlet_pile(path: Path) -> Path:
    """The invented pile as a JSON Lines file at ``path`` (records with id, site, title,
    published and text, as a news crawler writes them)."""
    rows = [
        {"id": aid, "site": site, "title": title, "published": day, "text": text}
        for aid, site, title, day, text in OUTLET_PILE
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
