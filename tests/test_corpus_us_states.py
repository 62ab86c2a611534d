"""US state instruments (Texas, Washington, California): the facts a lawyer relies on."""


import pytest

from kb.build import index_path_for
from kb.search import search
from corpus_helpers import row


@pytest.mark.parametrize("instrument,field,value", [
    ("us-tx-cubi", "citation", "Tex. Bus. & Com. Code § 503.001"),
    ("us-tx-cubi", "date_adopted", "2001"),
    ("us-tx-cubi", "status", "in_force"),
    ("us-wa-biometric-identifiers", "citation", "RCW 19.375"),
    ("us-wa-biometric-identifiers", "date_adopted", "2017-05-16"),
    ("us-wa-biometric-identifiers", "date_effective", "2017-07-23"),
    ("us-wa-facial-recognition-agencies", "date_adopted", "2020-03-31"),
    ("us-wa-facial-recognition-agencies", "date_effective", "2021-07-01"),
    ("us-wa-privacy-act-sb6281-2020", "status", "lapsed"),
    ("us-wa-privacy-act-sb6281-2020", "kind", "bill"),
    ("us-wa-privacy-act-sb6281-2020", "force", "soft"),
    ("us-wa-my-health-my-data", "date_adopted", "2023-04-27"),
    ("us-wa-my-health-my-data", "date_effective", "2024-03-31"),
    ("us-ca-ab-2261-2020", "status", "lapsed"),
    ("us-ca-ab-2261-2020", "level", "state_bill"),
    ("us-ca-ab-2261-2020", "force", "soft"),
    ("us-ca-ccpa", "citation", "Cal. Civ. Code § 1798.100 et seq."),
    ("us-ca-ccpa", "date_adopted", "2018-06-28"),
    ("us-ca-ccpa", "date_effective", "2020-01-01"),
    ("us-ca-cpra", "date_adopted", "2020-11-03"),
    ("us-ca-cpra", "date_effective", "2023-01-01"),
    ("us-ca-cppa-regulations-2025", "date_adopted", "2025-07-24"),
    ("us-ca-cppa-regulations-2025", "date_effective", "2026-01-01"),
])
def test_instrument_facts(db, instrument, field, value):
    assert row(db, f"select {field} from instruments where id = ?", instrument)[0] == value


def test_cubi_provision_ids_are_stable_and_linked(db):
    ids = [r["id"] for r in db.execute(
        "select id from provisions where instrument_id = 'us-tx-cubi' order by sort_order")]
    assert ids[:4] == ["us-tx-cubi-503001-a", "us-tx-cubi-503001-b", "us-tx-cubi-503001-c", "us-tx-cubi-503001-d"]
    assert row(db, "select topic_id from provision_topics where provision_id = 'us-tx-cubi-503001-a'")[0] == "scope"
    links = {(r["obligation_id"], r["actor_id"], r["modality"]) for r in db.execute(
        "select * from provision_obligations where provision_id like 'us-tx-cubi-%'")}
    assert ("notice-before-collection", "us-tx-commercial-capturer", "must") in links
    assert ("obtain-consent", "us-tx-commercial-capturer", "must") in links
    assert ("disclosure-limits", "us-tx-commercial-capturer", "must_not") in links
    assert ("destroy-when-purpose-met", "us-tx-commercial-capturer", "must") in links
    assert ("administrative-penalties", "us-tx-attorney-general", "may") in links
    # no private right of action under the Texas statute
    assert not any(o == "right-to-sue" for o, _, _ in links)


def test_penalty_amounts(db):
    assert "USD 25,000" in row(db, "select text_en from provisions where id = 'us-tx-cubi-503001-d'")[0]
    assert "25000美元" in row(db, "select text_zh from provisions where id = 'us-tx-cubi-503001-d'")[0]
    breach = row(db, "select text_en from provisions where id = 'us-ca-ccpa-1798-150'")[0]
    assert "USD 100 to 750" in breach and "USD 107 to 799" in breach
    fines = row(db, "select text_en from provisions where id = 'us-ca-cpra-1798-155'")[0]
    assert "USD 2,500" in fines and "USD 7,500" in fines and "USD 2,663" in fines and "USD 7,988" in fines
    assert "26,625,000" in row(db, "select text_en from provisions where id = 'us-ca-cpra-1798-140-d'")[0]


def test_cpra_amends_ccpa_and_regulations_are_delegated(db):
    assert row(db, "select relation from instrument_relations where from_id = 'us-ca-cpra' and to_id = 'us-ca-ccpa'")[0] \
        == "amends"
    assert row(db, "select relation from instrument_relations where from_id = 'us-ca-cppa-regulations-2025' "
                   "and to_id = 'us-ca-cpra'")[0] == "delegated_by"


def test_washington_and_california_links(db):
    def modality(pid, obligation, actor):
        return row(db, "select modality from provision_obligations where provision_id = ? and obligation_id = ? "
                       "and actor_id = ?", pid, obligation, actor)[0]

    assert modality("us-wa-biometric-identifiers-020-1", "notice-before-collection", "us-wa-controller") == "must"
    assert modality("us-wa-facial-recognition-agencies-030", "human-oversight", "us-wa-state-local-agency") == "must"
    assert modality("us-wa-facial-recognition-agencies-050", "independent-accuracy-testing",
                    "us-wa-state-local-agency") == "must"
    assert modality("us-wa-facial-recognition-agencies-080", "law-enforcement-authorisation",
                    "us-wa-state-local-agency") == "must"
    assert modality("us-wa-my-health-my-data-090", "right-to-sue", "us-wa-consumer") == "may"
    assert modality("us-ca-ccpa-1798-150", "right-to-sue", "us-ca-consumer") == "may"
    assert modality("us-ca-cpra-1798-121", "us-opt-out-or-limit-mechanism", "us-ca-business") == "must"
    assert modality("us-ca-cpra-1798-155", "administrative-penalties", "us-ca-cppa") == "may"
    assert modality("us-ca-cpra-service-provider-contracts", "no-sale-or-profit", "us-ca-service-provider") \
        == "must_not"
    assert row(db, "select ecosystem_role from actors where id = 'us-ca-cppa'")[0] == "public_authority"
    assert row(db, "select ecosystem_role from actors where id = 'us-wa-state-local-agency'")[0] == "public_authority"


@pytest.mark.parametrize("record,field,fragment", [
    ("us-tx-cubi", "date_adopted", "2001"),
    ("us-wa-biometric-identifiers", "title_en", "19.375"),
    ("us-wa-biometric-identifiers", "summary", "SB 6281"),
    ("us-wa-privacy-act-sb6281-2020", "status", "12 March 2020"),
    ("us-ca-ab-2261-2020", "status", "Appropriations"),
    ("us-ca-ccpa", "summary", "sensitive"),
    ("us-ca-cpra", "summary", "26,625,000"),
    ("us-ca-cpra", "summary", "households"),
])
def test_errata_recorded(db, record, field, fragment):
    rows = db.execute("select * from errata where record_id = ? and field = ?", [record, field]).fetchall()
    assert any(fragment in r["correct"] for r in rows), (record, field)
    assert all(r["source"].startswith("http") and r["report_pages"] for r in rows)


def test_report_pages(db):
    assert row(db, "select report_pages from instruments where id = 'us-tx-cubi'")[0] == "15"
    assert row(db, "select report_pages from instruments where id = 'us-ca-cpra'")[0] == "12, 16-17"


@pytest.mark.parametrize("query", ["biometric identifier commercial purpose Texas", "生物识别标识符 商业目的"])
def test_cubi_found_in_both_languages(real_build, query):
    hits = [h.id for h in search(index_path_for(real_build.db_path), query, limit=5).hits]
    assert any(h.startswith("us-tx-cubi-503001") for h in hits), hits


@pytest.mark.parametrize("query", ["sensitive personal information limit", "限制使用 敏感个人信息"])
def test_right_to_limit_found(real_build, query):
    hits = [h.id for h in search(index_path_for(real_build.db_path), query, limit=5).hits]
    assert "us-ca-cpra-1798-121" in hits, hits


@pytest.mark.parametrize("query", ["facial recognition accountability report agency", "人脸识别 问责报告"])
def test_washington_agency_law_found(real_build, query):
    hits = [h.id for h in search(index_path_for(real_build.db_path), query, limit=5).hits]
    assert "us-wa-facial-recognition-agencies-020" in hits, hits
