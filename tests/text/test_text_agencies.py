"""crosswire.text.agencies: the one table of news agencies."""

from __future__ import annotations

from crosswire.models import Article
from crosswire.stages.lineage.trace import _credit
from crosswire.text.agencies import (
    AGENCIES,
    BRACKET_CREDITS,
    CREDIT_FORMS,
    agency,
    agency_name,
    agency_of_site,
)


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


def test_exact_forms_match_only_as_written_and_broadcasters_are_in_the_table() -> None:
    assert agency_name("— PA") == "PA" and agency_name("the Press Association") == "PA"
    assert agency_name("Pittsburgh, Pa.") is None and agency_name("pa") is None
    assert agency_name("(CNN)") == "CNN" and agency_name("Yonhap News Agency") == "Yonhap"
    assert all(a.exact or a.forms for a in AGENCIES)


def test_lineage_reads_the_same_credits_as_before_the_table_grew() -> None:
    assert BRACKET_CREDITS == ("AP", "Reuters", "AFP", "UPI", "PTI", "IANS", "ANI", "Bloomberg",
                               "dpa", "Xinhua")
    assert CREDIT_FORMS == ("ap", "associated press", "reuters", "afp", "upi", "bloomberg")


def test_an_agency_by_name_and_by_its_own_site() -> None:
    ap, cnn = agency("AP"), agency("CNN")
    assert ap is not None and ap.voice == "wire:AP"
    assert cnn is not None and cnn.kind == "broadcaster" and cnn.voice == "outlet:cnn.com"
    found = agency_of_site("reuters.com")
    assert found is not None and found.name == "Reuters"
    assert agency_of_site("nytimes.com") is None and agency("Daily Star") is None
    sites = [s for a in AGENCIES for s in a.sites]
    assert len(sites) == len(set(sites)) and all(s == s.lower() for s in sites)
