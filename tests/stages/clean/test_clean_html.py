"""The HTML path of the cleaning stage: body extraction, second pass, the recovered lead."""

from __future__ import annotations

from crosswire.models import Article, RawDocument
from crosswire.stages.clean import CleanConfig, clean_document
from crosswire.stages.clean.html import BodyOptions, extract_body, extract_html, parse_html
from crosswire.stages.clean.lead import recover_lead

LEAD = (
    "The city council approved a new budget on Tuesday after a long debate, funding schools, "
    "roads and the public library for the coming year."
)
PARAGRAPHS = [
    "Members of the council said the plan was a fair compromise between the districts that "
    "had asked for more money for their roads and those that wanted the library kept open.",
    "The mayor thanked the residents who filled the hall for the meeting and said the vote "
    "showed that the council could still agree on the things that matter to the city.",
    "Opponents said the budget relied on optimistic forecasts of tax receipts and warned that "
    "cuts could follow next year if the economy slowed down as some analysts expected.",
    "The budget takes effect on the first of July, and the council will review the spending "
    "of each department again in the autumn, when the first figures for the year are known.",
]


def _page(*, description: str = LEAD, teaser: str = LEAD) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<html><head><title>Council passes budget</title>"
        f'<meta name="description" content="{description}"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<header><h1>Council passes budget</h1><div class='teaser'><p>{teaser}</p></div>"
        f"</header><article>{body}</article><footer>Contact us</footer></body></html>"
    )


def test_lead_outside_the_article_is_recovered() -> None:
    text = extract_html(html=_page()).text
    assert text.split("\n")[0] == LEAD
    assert all(p in text for p in PARAGRAPHS)


def test_lead_can_be_turned_off() -> None:
    text = extract_html(html=_page(), options=BodyOptions(lead_min_chars=0)).text
    assert LEAD not in text and PARAGRAPHS[0] in text


def test_lead_is_not_added_twice_or_when_short_or_hidden() -> None:
    tree = parse_html(_page())
    assert recover_lead(tree=tree, body=f"{LEAD}\n{PARAGRAPHS[0]}") is None
    short = "Council approves the budget for next year after a debate."
    assert recover_lead(tree=parse_html(_page(description=short, teaser=short)),
                        body=PARAGRAPHS[0]) is None
    hidden = parse_html(_page(teaser="Another teaser about something else entirely."))
    assert recover_lead(tree=hidden, body=PARAGRAPHS[0]) is None


def test_truncated_description_finds_the_whole_lead() -> None:
    cut = LEAD[:90] + "..."
    tree = parse_html(_page(description=cut))
    assert recover_lead(tree=tree, body=PARAGRAPHS[0]) == LEAD


def test_second_pass_is_taken_when_the_first_is_short() -> None:
    tree = parse_html(_page())
    eager = extract_body(tree=tree, options=BodyOptions(second_pass_chars=10**9))
    plain = extract_body(tree=tree)
    assert PARAGRAPHS[-1] in eager and PARAGRAPHS[-1] in plain


def test_latin1_pages_are_read_as_windows_1252() -> None:
    page = _page().replace("<head>", '<head><meta charset="iso-8859-1">')
    html = page.replace("budget", "Budget – für Café").encode("cp1252")
    text = extract_html(html=html).text
    assert "Budget – für Café" in text


def test_utf8_pages_labelled_latin1_or_ascii_stay_utf8() -> None:
    for label in ("iso-8859-1", "us-ascii"):
        page = _page().replace("<head>", f'<head><meta charset="{label}">')
        html = page.replace("budget", "Budget – für Café").encode("utf-8")
        assert "Budget – für Café" in extract_html(html=html).text


def test_utf8_with_a_broken_byte_stays_utf8() -> None:
    page = _page().replace("budget", "Budget für Café").replace(" the ", " thé ")
    html = page.encode("utf-8") + b"<!-- \xff -->"
    assert "Budget für Café" in extract_html(html=html).text


def test_the_cleaning_stage_reads_html_documents() -> None:
    article = clean_document(doc=RawDocument(id="p", html=_page()), config=CleanConfig())
    assert isinstance(article, Article)
    assert article.title == "Council passes budget"
    assert article.text.startswith(LEAD)


def test_not_html_gives_empty_text() -> None:
    assert extract_html(html="").text == ""
