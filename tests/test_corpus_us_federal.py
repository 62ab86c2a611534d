"""US federal records: the face-recognition bills, FIRRMA and its CFIUS regulations, and the EAR.

Pins the facts a lawyer relies on: bill numbers and Congresses, dates introduced, statuses, the
public-law number and signing date, CFR parts and sections, provision → obligation links, errata,
and that searches in English and Chinese reach the key records.
"""


import pytest

from kb.cite import cite
from corpus_helpers import row, hits as ids


BILLS = [
    # id, citation, date introduced
    ("us-fed-ethical-use-frt-act", "S. 3284, 116th Cong.", "2020-02-12"),
    ("us-fed-nbipa-2020", "S. 4400, 116th Cong.", "2020-08-03"),
    ("us-fed-cfrpa-2019", "S. 847, 116th Cong.", "2019-03-14"),
    ("us-fed-frt-warrant-act-2019", "S. 2878, 116th Cong.", "2019-11-14"),
    ("us-fed-facial-recognition-act-2022", "H.R. 9061, 117th Cong.", "2022-09-29"),
]


@pytest.mark.parametrize("instrument,citation,introduced", BILLS)
def test_federal_bills_are_lapsed_soft_bills_with_number_congress_and_date(db, instrument, citation, introduced):
    r = row(db, "select * from instruments where id = ?", instrument)
    assert r["jurisdiction"] == "US"
    assert (r["kind"], r["level"], r["force"], r["status"]) == ("bill", "federal_bill", "soft", "lapsed")
    assert r["citation"] == citation
    assert r["date_introduced"] == introduced
    assert r["date_adopted"] is None and r["date_effective"] is None


@pytest.mark.parametrize("instrument,sponsor,committee", [
    ("us-fed-ethical-use-frt-act", "Merkley", "Homeland Security and Governmental Affairs"),
    ("us-fed-nbipa-2020", "Merkley", "Judiciary"),
    ("us-fed-cfrpa-2019", "Blunt", "Commerce, Science, and Transportation"),
    ("us-fed-frt-warrant-act-2019", "Coons", "Judiciary"),
    ("us-fed-facial-recognition-act-2022", "Lieu", "Judiciary"),
])
def test_sponsors_and_committee_referrals(db, instrument, sponsor, committee):
    r = row(db, "select issuer_en, summary_en from instruments where id = ?", instrument)
    assert sponsor in r["issuer_en"]
    assert committee in r["summary_en"]


def test_cosponsors_and_reintroductions(db):
    assert "Booker" in row(db, "select issuer_en from instruments where id = 'us-fed-ethical-use-frt-act'")[0]
    assert "Sanders" in row(db, "select issuer_en from instruments where id = 'us-fed-nbipa-2020'")[0]
    assert "Schatz" in row(db, "select issuer_en from instruments where id = 'us-fed-cfrpa-2019'")[0]
    assert "Lee" in row(db, "select issuer_en from instruments where id = 'us-fed-frt-warrant-act-2019'")[0]
    ethical = row(db, "select summary_en from instruments where id = 'us-fed-ethical-use-frt-act'")[0]
    assert "S. 5289" in ethical and "15 December 2022" in ethical
    fra = row(db, "select summary_en from instruments where id = 'us-fed-facial-recognition-act-2022'")[0]
    assert "H.R. 6092" in fra and "H.R. 4695" in fra and "23 July 2025" in fra
    assert "1 November 2022" in fra  # subcommittee referral


def test_firrma_public_law_and_signing_date(db):
    r = row(db, "select * from instruments where id = 'us-fed-firrma'")
    assert (r["kind"], r["level"], r["force"], r["status"]) == ("statute", "federal_statute", "binding", "in_force")
    assert r["citation"].startswith("Pub. L. 115-232")
    assert r["date_adopted"] == "2018-08-13"
    assert r["short_title"] == "FIRRMA"
    assert "title XVII" in r["citation"]
    assert "50 U.S.C. 4565" in r["summary_en"] and "132 Stat. 1636" in r["summary_en"]


def test_cfius_regulations_implement_firrma(db):
    r = row(db, "select * from instruments where id = 'us-fed-cfius-31-cfr-800'")
    assert (r["kind"], r["level"], r["force"], r["status"]) == ("regulation", "federal_regulation", "binding", "in_force")
    assert r["citation"] == "31 CFR part 800"
    assert r["date_published"] == "2020-01-17"
    assert r["date_effective"] == "2020-02-13"
    assert "85 Fed. Reg. 3112" in r["official_journal"]
    assert row(db, "select relation from instrument_relations where from_id = 'us-fed-cfius-31-cfr-800' "
                   "and to_id = 'us-fed-firrma'")[0] == "implements"


def test_cfr_section_numbers(db):
    numbers = {r["id"]: r["number"] for r in db.execute(
        "select id, number from provisions where instrument_id = 'us-fed-cfius-31-cfr-800'")}
    assert numbers == {
        "us-fed-cfius-31-cfr-800-211": "§ 800.211",
        "us-fed-cfius-31-cfr-800-241": "§ 800.241",
        "us-fed-cfius-31-cfr-800-248": "§ 800.248",
        "us-fed-cfius-31-cfr-800-401": "§ 800.401",
        "us-fed-cfius-31-cfr-800-901": "§ 800.901",
    }
    spd = row(db, "select text_en from provisions where id = 'us-fed-cfius-31-cfr-800-241'")[0]
    assert "biometric enrollment data" in spd and "one million" in spd
    assert "800.244" in row(db, "select text_en from provisions where id = 'us-fed-cfius-31-cfr-800-401'")[0]
    assert "USD 5,000,000" in row(db, "select text_en from provisions where id = 'us-fed-cfius-31-cfr-800-901'")[0]


def test_ear_parts_and_facial_recognition_rules(db):
    r = row(db, "select * from instruments where id = 'us-fed-ear'")
    assert r["citation"] == "15 CFR parts 730-774"
    assert (r["kind"], r["level"], r["status"]) == ("regulation", "federal_regulation", "in_force")
    s = r["summary_en"]
    assert "9 October 2019" in s and "17 July 2020" in s and "29 July 2024" in s
    assert "89 Fed. Reg. 60998" in s and "0694-AI35" in s
    entity = row(db, "select text_en from provisions where id = 'us-fed-ear-744-supp4'")[0]
    assert "2019-22210" in entity and "SenseTime" in entity and "Megvii" in entity


@pytest.mark.parametrize("provision,number", [
    ("us-fed-ethical-use-frt-act-3", "§ 3"), ("us-fed-ethical-use-frt-act-6", "§ 6"),
    # section numbers not checked against the full text: plain labels, no "§"
    ("us-fed-ethical-use-frt-act-4", "Moratorium provision"),
    ("us-fed-ethical-use-frt-act-5", "Civil action provision"),
    ("us-fed-nbipa-2020-2", "§ 2"), ("us-fed-cfrpa-2019-2", "§ 2"), ("us-fed-frt-warrant-act-2019-2", "§ 2"),
    ("us-fed-facial-recognition-act-2022-101", "§ 101"),
    ("us-fed-firrma-1703", "§ 1703"), ("us-fed-firrma-1706", "§ 1706"),
    ("us-fed-ear-742-7", "§ 742.7"),
])
def test_provision_numbers(db, provision, number):
    assert row(db, "select number from provisions where id = ?", provision)[0] == number


@pytest.mark.parametrize("provision,obligation,actor,modality", [
    ("us-fed-ethical-use-frt-act-4", "law-enforcement-authorisation", "us-federal-agency", "must"),
    ("us-fed-ethical-use-frt-act-5", "right-to-sue", "us-fed-aggrieved-individual", "may"),
    ("us-fed-ethical-use-frt-act-6", "regulator-special-rules", "us-fed-frt-commission", "must"),
    ("us-fed-nbipa-2020-collection", "written-consent", "us-fed-private-entity", "must"),
    ("us-fed-nbipa-2020-collection", "notice-before-collection", "us-fed-private-entity", "must"),
    ("us-fed-nbipa-2020-retention", "destroy-when-purpose-met", "us-fed-private-entity", "must"),
    ("us-fed-nbipa-2020-disclosure", "no-sale-or-profit", "us-fed-private-entity", "must_not"),
    ("us-fed-nbipa-2020-security", "reasonable-security", "us-fed-private-entity", "must"),
    ("us-fed-nbipa-2020-enforcement", "right-to-sue", "us-fed-aggrieved-individual", "may"),
    ("us-fed-cfrpa-2019-consent", "explicit-consent", "us-fed-frt-controller", "must"),
    ("us-fed-cfrpa-2019-restrictions", "disclosure-limits", "us-fed-frt-controller", "must_not"),
    ("us-fed-cfrpa-2019-restrictions", "non-discrimination", "us-fed-frt-controller", "must_not"),
    ("us-fed-cfrpa-2019-testing", "independent-accuracy-testing", "us-fed-frt-vendor", "must"),
    ("us-fed-frt-warrant-act-2019-court-order", "law-enforcement-authorisation", "us-federal-agency", "must"),
    ("us-fed-frt-warrant-act-2019-testing", "independent-accuracy-testing", "us-federal-agency", "must"),
    ("us-fed-frt-warrant-act-2019-testing", "human-oversight", "us-federal-agency", "must"),
    ("us-fed-facial-recognition-act-2022-101", "law-enforcement-authorisation", "us-law-enforcement", "must"),
    ("us-fed-facial-recognition-act-2022-101", "destroy-when-purpose-met", "us-law-enforcement", "must"),
    ("us-fed-facial-recognition-act-2022-prohibited-uses", "us-fed-no-sole-basis-match", "us-law-enforcement", "must"),
    ("us-fed-facial-recognition-act-2022-notice", "us-fed-frt-search-notice", "us-law-enforcement", "must"),
    ("us-fed-facial-recognition-act-2022-remedies", "right-to-sue", "us-fed-aggrieved-individual", "may"),
    ("us-fed-firrma-1703", "foreign-investment-review", "us-fed-tid-us-business", "must"),
    ("us-fed-cfius-31-cfr-800-401", "foreign-investment-review", "us-fed-tid-us-business", "must"),
    ("us-fed-cfius-31-cfr-800-901", "administrative-penalties", "us-cfius", "may"),
    ("us-fed-ear-742-7", "export-control", "us-fed-exporter", "must"),
    ("us-fed-ear-744-supp4", "export-control", "us-fed-exporter", "must"),
])
def test_provision_obligation_links(db, provision, obligation, actor, modality):
    assert row(db, "select modality from provision_obligations where provision_id = ? and obligation_id = ? "
                   "and actor_id = ?", provision, obligation, actor)[0] == modality


def test_definitions_are_scope_provisions(db):
    for pid in ("us-fed-ethical-use-frt-act-3", "us-fed-nbipa-2020-2", "us-fed-cfrpa-2019-2",
                "us-fed-frt-warrant-act-2019-2", "us-fed-cfius-31-cfr-800-241", "us-fed-cfius-31-cfr-800-248"):
        assert row(db, "select topic_id from provision_topics where provision_id = ? and topic_id = 'scope'", pid)


def test_key_thresholds_in_provision_text(db):
    assert "72 hours" in row(db, "select text_en from provisions where id = 'us-fed-frt-warrant-act-2019-2'")[0]
    order = row(db, "select text_en from provisions where id = 'us-fed-frt-warrant-act-2019-court-order'")[0]
    assert "30 days" in order and "48 hours" in order
    purge = row(db, "select text_en from provisions where id = 'us-fed-facial-recognition-act-2022-101'")[0]
    assert "every six months" in purge and "under 18" in purge and "acquitted" in purge
    assert "USD 1,000" in row(db, "select text_en from provisions where id = 'us-fed-nbipa-2020-enforcement'")[0]
    assert "one year" in row(db, "select text_en from provisions where id = 'us-fed-nbipa-2020-retention'")[0]


def test_lieu_erratum(db):
    e = row(db, "select * from errata where record_id = 'us-fed-facial-recognition-act-2022'")
    assert "马里兰" in e["report_says"]
    assert "California" in e["correct"]
    assert e["report_pages"] == "14"
    assert e["source"].startswith("https://")


def test_bill_citation_pinpoint(real_build):
    assert cite(real_build.db_path, "us-fed-ethical-use-frt-act-6", style="bluebook").text == \
        "Ethical Use of Facial Recognition Act, S. 3284, 116th Cong. § 6 (2020)"
    assert cite(real_build.db_path, "us-fed-facial-recognition-act-2022-101", style="bluebook").text == \
        "Facial Recognition Act of 2022, H.R. 9061, 117th Cong. § 101 (2022)"


@pytest.mark.parametrize("query", ["sensitive personal data foreign investment", "外国投资 敏感个人数据"])
def test_firrma_cfius_found_in_both_languages(real_build, query):
    hits = ids(real_build, query)
    assert {"us-fed-firrma", "us-fed-firrma-1703", "us-fed-cfius-31-cfr-800", "us-fed-cfius-31-cfr-800-241",
            "us-fed-cfius-31-cfr-800-211"} & set(hits)


@pytest.mark.parametrize("query,expected", [
    ("ongoing surveillance 72 hours", "us-fed-frt-warrant-act-2019-2"),
    ("持续监视", "us-fed-frt-warrant-act-2019-2"),
    ("affirmative consent facial recognition", "us-fed-cfrpa-2019-consent"),
    ("export control facial recognition", "us-fed-ear"),
    ("出口管制 人脸识别", "us-fed-ear"),
    ("实体清单 人脸识别", "us-fed-ear-744-supp4"),
])
def test_characteristic_queries_reach_the_record(real_build, query, expected):
    assert expected in ids(real_build, query)


@pytest.mark.parametrize("query,expected", [
    ("31 CFR 800.241", "us-fed-cfius-31-cfr-800-241"),
    ("S. 3284", "us-fed-ethical-use-frt-act"),
    ("H.R. 9061", "us-fed-facial-recognition-act-2022"),
])
def test_exact_citation_is_top_hit(real_build, query, expected):
    assert ids(real_build, query, limit=1)[0] == expected
