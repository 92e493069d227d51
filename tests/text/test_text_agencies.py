"""crosswire.text.agencies: the one table of news agencies."""

from __future__ import annotations

from crosswire.models import Article
from crosswire.stages.lineage.trace import _credit
from crosswire.text.agencies import AGENCIES, BRACKET_CREDITS, CREDIT_FORMS, agency_name


def test_the_table_is_consistent() -> None:
    names = [a.name for a in AGENCIES]
    forms = [f for a in AGENCIES for f in a.forms]
    assert len(set(names)) == len(names) and len(set(forms)) == len(forms)
    assert all(f == f.lower() for f in forms)
    assert all(set(a.credited) <= set(a.forms) for a in AGENCIES)
    assert set(CREDIT_FORMS) <= set(forms) and set(BRACKET_CREDITS) <= set(names)


def test_agency_name() -> None:
    assert agency_name("(AP)") == "AP"
    assert agency_name("With inputs from the Associated Press and others") == "AP"
    assert agency_name("Kyodo News") == "Kyodo"
    assert agency_name("agence france-presse") == "AFP"
    assert agency_name("THE CANADIAN PRESS") == "CP"
    assert agency_name("Apple") is None and agency_name("") is None


def test_lineage_reads_credits_from_the_text() -> None:
    def credit(text: str) -> str | None:
        return _credit(Article(id="a", text=text))

    assert credit("TOKYO (Reuters) - Japan's prime minister said ...") == "Reuters"
    assert credit("TOKYO (Kyodo) - Japan's prime minister said ...") is None  # not bracketed
    assert credit("TOKYO (reuters) - lower case is not a credit") is None
    tail = "The talks went on.\n(With inputs from the Associated Press)"
    assert credit(tail) == "Associated Press"
    assert credit("The talks went on. Reporting by REUTERS") == "REUTERS"
    assert credit("The talks went on. With inputs from agencies") == "agencies"
    assert credit("The talks went on. With inputs from Xinhua") is None
