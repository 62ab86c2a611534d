"""Appellate ruling on whether the 2024 BIPA amendment (P.A. 103-0769) reaches pending cases."""


import pytest

from corpus_helpers import row, hits

CLAY = "us-clay-v-union-pacific-7th-cir-2026"


@pytest.mark.parametrize("field,value", [
    ("docket", None),
    ("forum_abbrev", "7th Cir."),
    ("forum_en", "United States Court of Appeals for the Seventh Circuit"),
    ("date_decided", "2026-04"),
    ("jurisdiction", "US-IL"),
    ("kind", "class_action"),
])
def test_clay_facts(db, field, value):
    assert row(db, f"select {field} from cases where id = ?", CLAY)[0] == value


def test_clay_holding_is_retroactive_application(db):
    got = row(db, "select holding_en, holding_zh, outcome_en, outcome_zh from cases where id = ?", CLAY)
    assert "procedural" in got["holding_en"] and "pending on 2 August 2024" in got["holding_en"]
    assert "程序性" in got["holding_zh"]
    assert "retroactive" in got["outcome_en"] and "at most one recovery" in got["outcome_en"]
    assert "溯及力" in got["outcome_zh"]


def test_clay_records_the_consolidated_appeals_and_lower_rulings(db):
    facts = row(db, "select facts_en from cases where id = ?", CLAY)[0]
    for needle in ("Gregg v. Central Transport", "No. 25-2761", "24-cv-4194", "24 C 1925",
                   "10 June 2025", "13 November 2024", "12 February 2026"):
        assert needle in facts, needle


def test_clay_carries_no_unverified_reporter_citation_or_amount(db):
    got = row(db, "select citation, amount, currency from cases where id = ?", CLAY)
    assert got["citation"] is None and got["amount"] is None and got["currency"] is None


@pytest.mark.parametrize("provision", ["us-il-bipa-15b", "us-il-bipa-15d", "us-il-bipa-20"])
def test_clay_interprets_bipa_provisions(db, provision):
    assert row(db, "select relation from case_provisions where case_id = ? and provision_id = ?",
               CLAY, provision)[0] == "interpreted"


def test_clay_is_linked_to_cothron(db):
    assert row(db, "select relation from case_relations where from_id = ? and to_id = ?",
               CLAY, "us-cothron-v-white-castle")[0] == "related"


@pytest.mark.parametrize("query", ["BIPA amendment retroactive", "Clay Union Pacific", "BIPA修正案溯及"])
def test_search_finds_clay(real_build, query):
    assert CLAY in hits(real_build, query)
