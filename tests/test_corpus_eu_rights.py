"""EU institutions' data-protection regulation, the EU Charter, the ECHR and Glukhin v. Russia: the facts lawyers rely on."""


import pytest

from corpus_helpers import row, hits


@pytest.mark.parametrize("instrument,field,value", [
    ("eu-eudpr", "citation", "Regulation (EU) 2018/1725"),
    ("eu-eudpr", "jurisdiction", "EU"),
    ("eu-eudpr", "kind", "regulation"),
    ("eu-eudpr", "level", "eu_regulation"),
    ("eu-eudpr", "force", "binding"),
    ("eu-eudpr", "status", "in_force"),
    ("eu-eudpr", "date_adopted", "2018-10-23"),
    ("eu-eudpr", "date_published", "2018-11-21"),
    ("eu-eudpr", "date_effective", "2018-12-11"),
    ("eu-eudpr", "official_journal", "OJ L 295, 21.11.2018, p. 39"),
    ("eu-charter", "jurisdiction", "EU"),
    ("eu-charter", "kind", "convention"),
    ("eu-charter", "force", "binding"),
    ("eu-charter", "status", "in_force"),
    ("eu-charter", "date_adopted", "2000-12-07"),
    ("eu-charter", "date_effective", "2009-12-01"),
    ("eu-charter", "official_journal", "OJ C 326, 26.10.2012, p. 391"),
    ("coe-echr", "jurisdiction", "CoE"),
    ("coe-echr", "kind", "convention"),
    ("coe-echr", "level", "coe_instrument"),
    ("coe-echr", "citation", "ETS No. 5"),
    ("coe-echr", "date_adopted", "1950-11-04"),
    ("coe-echr", "date_effective", "1953-09-03"),
    ("coe-echr", "status", "in_force"),
])
def test_instrument_facts(db, instrument, field, value):
    assert row(db, f"select {field} from instruments where id = ?", instrument)[0] == value


def test_charter_has_no_wrong_level(db):
    assert row(db, "select level from instruments where id = 'eu-charter'")[0] in (None, "")


@pytest.mark.parametrize("instrument,provisions", [
    ("eu-eudpr", {"eu-eudpr-art3-18": "Art. 3(18)", "eu-eudpr-art10-1": "Art. 10(1)", "eu-eudpr-art10-2": "Art. 10(2)"}),
    ("eu-charter", {"eu-charter-art7": "Art. 7", "eu-charter-art8": "Art. 8", "eu-charter-art21": "Art. 21",
                    "eu-charter-art52-1": "Art. 52(1)"}),
    ("coe-echr", {"coe-echr-art8": "Art. 8", "coe-echr-art10": "Art. 10"}),
])
def test_article_numbers(db, instrument, provisions):
    for pid, number in provisions.items():
        found = row(db, "select instrument_id, number from provisions where id = ?", pid)
        assert (found["instrument_id"], found["number"]) == (instrument, number), pid


@pytest.mark.parametrize("provision,obligation,actor,modality", [
    ("eu-eudpr-art10-1", "treat-as-sensitive", "public_authority", "must"),
    ("eu-eudpr-art10-2", "special-category-condition", "public_authority", "may"),
    ("eu-charter-art52-1", "necessity", "public_authority", "must"),
    ("eu-charter-art21", "non-discrimination", "public_authority", "must"),
    ("coe-echr-art8", "necessity", "public_authority", "must"),
])
def test_provision_obligations(db, provision, obligation, actor, modality):
    found = row(db, "select actor_id, modality from provision_obligations where provision_id = ? and obligation_id = ?",
                provision, obligation)
    assert (found["actor_id"], found["modality"]) == (actor, modality)


def test_biometric_definition_is_scope(db):
    assert row(db, "select count(*) from provision_topics where provision_id = 'eu-eudpr-art3-18' "
                   "and topic_id = 'scope'")[0] == 1


def test_echr_erratum_says_it_is_not_an_eu_instrument(db):
    found = row(db, "select field, report_pages, report_says, correct, source from errata where record_id = 'coe-echr'")
    assert found["report_says"] == "欧盟人权公约"
    assert found["report_pages"] == "25"
    assert "Council of Europe" in found["correct"] and "ETS No. 5" in found["correct"]
    assert found["source"].startswith("https://")


@pytest.mark.parametrize("field,value", [
    ("jurisdiction", "CoE"),
    ("kind", "administrative_litigation"),
    ("forum_abbrev", "ECtHR"),
    ("docket", "11519/20"),
    ("date_decided", "2023-07-04"),
    ("amount", 16200),
    ("currency", "EUR"),
])
def test_glukhin_facts(db, field, value):
    assert row(db, f"select {field} from cases where id = 'coe-ecthr-glukhin-v-russia-2023'")[0] == value


def test_glukhin_violations(db):
    found = {r[0]: r[1] for r in db.execute("select provision_id, relation from case_provisions "
                                            "where case_id = 'coe-ecthr-glukhin-v-russia-2023'")}
    assert found == {"coe-echr-art8": "violated", "coe-echr-art10": "violated"}


def test_glukhin_is_not_in_the_report(db):
    assert row(db, "select report_pages from cases where id = 'coe-ecthr-glukhin-v-russia-2023'")[0] in (None, "")


def test_glukhin_is_first_for_its_name(real_build):
    assert hits(real_build, "Glukhin", limit=3)[0] == "coe-ecthr-glukhin-v-russia-2023"


@pytest.mark.parametrize("query", ["人脸识别 抗议 地铁", "facial recognition protester metro"])
def test_glukhin_found_in_both_languages(real_build, query):
    assert "coe-ecthr-glukhin-v-russia-2023" in hits(real_build, query)


def test_eudpr_citation_is_first(real_build):
    assert hits(real_build, "Regulation (EU) 2018/1725", limit=3)[0] == "eu-eudpr"
