"""The repository's own corpus: it checks clean, builds, and carries the facts lawyers rely on."""

import sqlite3

import pytest
from click.testing import CliRunner

from kb.build import REPO_ROOT, index_path_for
from kb.cite import CiteError, cite
from kb.cli import main
from kb.corpus import load_corpus
from kb.search import search
from test_plugin import datasette_for
from corpus_helpers import row


def test_corpus_checks_clean_with_both_languages_everywhere():
    result = load_corpus(REPO_ROOT / "corpus")
    assert result.errors == []
    assert not [w for w in result.warnings if "no '" in str(w) and "_zh" in str(w)]


def test_taxonomy_is_complete(db):
    roles = {r["id"] for r in db.execute("select id from actors where id = ecosystem_role")}
    assert roles == {"technology_provider", "product_service_provider", "service_user", "public_authority", "data_subject"}
    for actor, role in [("us-il-private-entity", "service_user"), ("eu-gdpr-controller", "service_user"),
                        ("eu-gdpr-processor", "product_service_provider"), ("eu-aia-provider", "product_service_provider"),
                        ("eu-aia-deployer", "service_user"), ("cn-pi-handler", "service_user"),
                        ("cn-ds-technical-supporter", "technology_provider")]:
        assert row(db, "select ecosystem_role from actors where id = ?", actor)[0] == role
    # every chapter-3 duty of the report is an obligation under a topic
    for obligation in ("training-data-security", "storage-transmission-security", "secure-deletion",
                       "algorithm-trustworthiness", "algorithm-assessment-audit", "quality-management", "human-oversight",
                       "logging", "technical-documentation", "personal-information-protection", "algorithm-explanation",
                       "algorithm-filing", "gatekeeper-duties", "ds-training-data-legality", "ds-training-data-quality",
                       "ds-data-security", "ds-algorithm-duties", "ds-content-security", "ds-explicit-labelling",
                       "ds-implicit-labelling", "ds-user-management", "ds-proper-use"):
        assert row(db, "select topic_id from obligations where id = ?", obligation)[0]
    assert db.execute("select count(*) from topics").fetchone()[0] >= 20
    assert db.execute("select count(*) from glossary").fetchone()[0] >= 80


@pytest.mark.parametrize("instrument,field,value", [
    ("us-il-bipa", "citation", "740 ILCS 14"),
    ("us-il-bipa", "date_effective", "2008-10-03"),
    ("eu-gdpr", "citation", "Regulation (EU) 2016/679"),
    ("eu-gdpr", "date_adopted", "2016-04-27"),
    ("eu-gdpr", "date_effective", "2018-05-25"),
    ("cn-pipl", "citation", "中华人民共和国主席令第九十一号"),
    ("cn-pipl", "date_adopted", "2021-08-20"),
    ("cn-pipl", "date_effective", "2021-11-01"),
])
def test_instrument_facts(db, instrument, field, value):
    assert row(db, f"select {field} from instruments where id = ?", instrument)[0] == value


def test_first_slice_provisions_exist_and_are_linked(db):
    for pid in ("us-il-bipa-10", "us-il-bipa-15a", "us-il-bipa-15b", "us-il-bipa-15c", "us-il-bipa-15d",
                "us-il-bipa-15e", "us-il-bipa-20", "eu-gdpr-art4-14", "eu-gdpr-art9-1", "eu-gdpr-art9-2",
                "eu-gdpr-art35", "eu-gdpr-art37", "eu-gdpr-recital51", "cn-pipl-art26", "cn-pipl-art28",
                "cn-pipl-art29", "cn-pipl-art62"):
        linked = db.execute("""select count(*) from provision_obligations where provision_id = ?""", [pid]).fetchone()[0]
        scoped = db.execute("""select count(*) from provision_topics where provision_id = ?""", [pid]).fetchone()[0]
        assert linked or scoped, pid
    assert row(db, "select modality from provision_obligations where provision_id = 'us-il-bipa-15b' "
                   "and obligation_id = 'written-consent'")[0] == "must"
    assert row(db, "select modality from provision_obligations where provision_id = 'us-il-bipa-15c'")[0] == "must_not"
    assert row(db, "select actor_id from provision_obligations where provision_id = 'cn-pipl-art29' "
                   "and obligation_id = 'separate-consent'")[0] == "cn-pi-handler"


@pytest.mark.parametrize("case,field,value", [
    ("us-rosenbach-v-six-flags", "citation", "2019 IL 123186"),
    ("us-rosenbach-v-six-flags", "date_decided", "2019-01-25"),
    ("us-rosenbach-v-six-flags", "forum_en", "Supreme Court of Illinois"),
    ("eu-fr-cnil-clearview-2022", "docket", "SAN-2022-019"),
    ("eu-fr-cnil-clearview-2022", "date_decided", "2022-10-17"),
    ("eu-fr-cnil-clearview-2022", "amount", 20000000),
    ("eu-fr-cnil-clearview-2022", "currency", "EUR"),
    ("cn-guo-v-hangzhou-safari-park-first-instance", "docket", "（2019）浙0111民初6971号"),
    ("cn-guo-v-hangzhou-safari-park-first-instance", "date_decided", "2020-11-20"),
    ("cn-guo-v-hangzhou-safari-park-first-instance", "amount", 1038),
    ("cn-guo-v-hangzhou-safari-park-appeal", "docket", "（2020）浙01民终10940号"),
    ("cn-guo-v-hangzhou-safari-park-appeal", "date_decided", "2021-04-09"),
])
def test_case_facts(db, case, field, value):
    assert row(db, f"select {field} from cases where id = ?", case)[0] == value


def test_cases_link_to_the_provisions_they_applied(db):
    applied = {r[0] for r in db.execute("select provision_id from case_provisions where case_id = 'eu-fr-cnil-clearview-2022' and relation = 'violated'")}
    assert applied == {"eu-gdpr-art6", "eu-gdpr-art12", "eu-gdpr-art15", "eu-gdpr-art17", "eu-gdpr-art31"}
    assert row(db, "select relation from case_provisions where case_id = 'us-rosenbach-v-six-flags' and provision_id = 'us-il-bipa-20'")[0] == "interpreted"
    assert row(db, "select to_id from case_relations where from_id = 'cn-guo-v-hangzhou-safari-park-appeal'")[0] == \
        "cn-guo-v-hangzhou-safari-park-first-instance"


def test_errata_record_the_reports_mistakes(db):
    assert row(db, "select correct from errata where record_id = 'eu-gdpr-recital51'")[0].startswith("Recital 51")
    assert "January 2016" in row(db, "select correct from errata where record_id = 'us-rosenbach-v-six-flags'")[0]


@pytest.mark.parametrize("query,expected", [
    ("单独同意", "cn-pipl-art29"), ("單獨同意", "cn-pipl-art29"), ("separate consent", "cn-pipl-art29"),
    ("PIPL 29", "cn-pipl-art29"), ("个人信息保护法第二十九条", "cn-pipl-art29"), ("第29条", "cn-pipl-art29"),
    ("2019 IL 123186", "us-rosenbach-v-six-flags"), ("(2020)浙01民终10940号", "cn-guo-v-hangzhou-safari-park-appeal"),
    ("GDPR Art. 9(2)(a)", "eu-gdpr-art9-2-a"), ("Recital 51 GDPR", "eu-gdpr-recital51"),
])
def test_ranked_search_puts_the_record_first(real_build, query, expected):
    assert search(index_path_for(real_build.db_path), query).hits[0].id == expected


@pytest.mark.parametrize("query", ["written consent biometric", "书面同意 生物识别"])
def test_illinois_consent_rule_is_found_in_both_languages(real_build, query):
    assert "us-il-bipa-15b" in [h.id for h in search(index_path_for(real_build.db_path), query, limit=5).hits]


@pytest.mark.asyncio
@pytest.mark.parametrize("query", ["单独同意", "單獨同意"])
async def test_datasette_search_box_finds_pipl_29(real_build, query):
    ds = datasette_for(real_build.db_path)
    response = await ds.client.get("/kb/provisions.json", params={"_search": query, "_shape": "array"})
    assert "cn-pipl-art29" in [r["id"] for r in response.json()]
    response = await ds.client.get("/kb/provisions.json", params={"_search": "人脸识别", "_shape": "array"})
    assert response.json()


def test_citations_in_each_style(real_build):
    assert cite(real_build.db_path, "us-rosenbach-v-six-flags").text == "Rosenbach v. Six Flags Ent. Corp., 2019 IL 123186"
    assert cite(real_build.db_path, "us-il-bipa-15b").text == "740 Ill. Comp. Stat. 14/15(b)"
    assert cite(real_build.db_path, "eu-gdpr-art9-2-a").text == \
        "Regulation (EU) 2016/679 (General Data Protection Regulation) [2016] OJ L119/1, art 9(2)(a)"
    assert cite(real_build.db_path, "eu-fr-cnil-clearview-2022").text == \
        "CNIL, Sanction against Clearview AI (deliberation SAN-2022-019, 17 October 2022)"
    assert cite(real_build.db_path, "cn-guo-v-hangzhou-safari-park-appeal", "cn", "zh").text == \
        "郭兵诉杭州野生动物世界有限公司服务合同纠纷案，浙江省杭州市中级人民法院（2020）浙01民终10940号民事判决书"
    assert cite(real_build.db_path, "cn-pipl-art29", "cn", "zh").text == "《中华人民共和国个人信息保护法》第二十九条"
    assert cite(real_build.db_path, "cn-guo-v-hangzhou-safari-park-appeal", "cn", "en").text == \
        "Guo Bing v. Hangzhou Safari Park Co., Ltd. (service contract dispute), Intermediate People's Court of " \
        "Hangzhou, Zhejiang Province, （2020）浙01民终10940号 civil judgment (9 April 2021)"


@pytest.mark.parametrize("record,expected", [
    ("us-fed-cfius-31-cfr-800-241", "31 C.F.R. § 800.241"),
    ("us-fed-ear", "15 C.F.R. pts. 730–774"),
    ("us-tx-cubi-503001-d", "Tex. Bus. & Com. Code Ann. § 503.001(d)"),
    ("us-wa-biometric-identifiers-020-3", "Wash. Rev. Code § 19.375.020(3)"),
    ("us-ca-cpra-1798-121", "Cal. Civ. Code § 1798.121"),
    ("us-fed-firrma-1703", "Foreign Investment Risk Review Modernization Act of 2018, Pub. L. No. 115-232, § 1703 (2018)"),
    ("us-fed-nbipa-2020-2", "National Biometric Information Privacy Act of 2020, S. 4400, 116th Cong. § 2 (2020)"),
    ("coe-ecthr-glukhin-v-russia-2023", "Glukhin v Russia App no 11519/20 (ECtHR, 4 July 2023)"),
])
def test_bluebook_forms_of_us_codes_and_bills(real_build, record, expected):
    assert cite(real_build.db_path, record).text == expected


def test_no_pinpoint_from_a_label(real_build, tmp_path):
    """A provision whose number is a label (no verified section number) is not given a fake § pinpoint."""
    labelled = next(iter(sqlite3.connect(real_build.db_path).execute(
        "select id from provisions where number not glob '*[0-9]*' limit 1")), None)
    if labelled is None:
        pytest.skip("every provision has a numbered pinpoint")
    with pytest.raises(CiteError, match="label, not a section or article number"):
        cite(real_build.db_path, labelled[0])


def test_compare_consent_across_regimes(real_build):
    out = CliRunner().invoke(main, ["compare", "consent", "--db", str(real_build.db_path), "--format", "json"])
    import json

    rows = {r["obligation_id"]: r for r in json.loads(out.output)["rows"]}
    us_written = [e["provision_id"] for e in rows["written-consent"]["cells"]["US"]]
    # the law in force before the bill that died, and both are shown
    assert us_written[0] == "us-il-bipa-15b" and "us-fed-nbipa-2020-collection" in us_written
    assert "eu-gdpr-art9-2-a" in [e["provision_id"] for e in rows["explicit-consent"]["cells"]["EU"]]
    assert "cn-pipl-art29" in [e["provision_id"] for e in rows["separate-consent"]["cells"]["CN"]]
