"""European instruments beyond the AI Act, and European decisions: the facts lawyers rely on."""


import pytest

from corpus_helpers import row, hits


@pytest.mark.parametrize("instrument,field,value", [
    ("eu-led", "citation", "Directive (EU) 2016/680"),
    ("eu-led", "date_adopted", "2016-04-27"),
    ("eu-led", "date_effective", "2016-05-05"),
    ("eu-led", "official_journal", "OJ L 119, 4.5.2016, p. 89"),
    ("eu-led", "status", "in_force"),
    ("eu-led", "force", "binding"),
    ("eu-edpb-guidelines-3-2019", "citation", "EDPB Guidelines 3/2019, version 2.0"),
    ("eu-edpb-guidelines-3-2019", "date_introduced", "2019-07-10"),
    ("eu-edpb-guidelines-3-2019", "date_adopted", "2020-01-29"),
    ("eu-edpb-guidelines-3-2019", "force", "soft"),
    ("eu-edpb-guidelines-05-2022", "citation", "EDPB Guidelines 05/2022, version 2.0"),
    ("eu-edpb-guidelines-05-2022", "date_introduced", "2022-05-12"),
    ("eu-edpb-guidelines-05-2022", "date_adopted", "2023-04-26"),
    ("coe-frt-guidelines-2021", "jurisdiction", "CoE"),
    ("coe-frt-guidelines-2021", "date_published", "2021-01-28"),
    ("coe-frt-guidelines-2021", "level", "coe_instrument"),
    ("eu-fr-cnil-airports-2020", "jurisdiction", "EU-FR"),
    ("eu-fr-cnil-airports-2020", "date_published", "2020-10-09"),
    ("int-iso-iec-9868", "citation", "ISO/IEC 9868:2025"),
    ("int-iso-iec-9868", "kind", "standard"),
    ("int-iso-iec-9868", "level", "international_standard"),
    ("int-iso-iec-9868", "jurisdiction", "INT"),
    ("eu-edpb-edps-joint-opinion-5-2021", "date_adopted", "2021-06-18"),
    ("coe-convention-108-plus", "citation", "CETS No. 223"),
    ("coe-convention-108-plus", "jurisdiction", "CoE"),
    ("coe-convention-108-plus", "kind", "convention"),
])
def test_instrument_facts(db, instrument, field, value):
    assert row(db, f"select {field} from instruments where id = ?", instrument)[0] == value


def test_led_provisions_link_to_police_duties(db):
    expected = {
        "eu-led-art10": ("treat-as-sensitive", "must"),
        "eu-led-art25": ("logging", "must"),
        "eu-led-art27": ("assess-impact", "must"),
        "eu-led-art28": ("eu-prior-consultation", "must"),
        "eu-led-art29": ("reasonable-security", "must"),
    }
    for pid, (obligation, modality) in expected.items():
        found = row(db, "select actor_id, modality from provision_obligations where provision_id = ? and obligation_id = ?",
                    pid, obligation)
        assert (found["actor_id"], found["modality"]) == ("eu-law-enforcement-authority", modality), pid
    assert row(db, "select count(*) from provision_topics where provision_id = 'eu-led-art3-13' and topic_id = 'scope'")[0] == 1
    assert {r[0] for r in db.execute("select id from provisions where instrument_id = 'eu-led'")} >= {
        "eu-led-art3-13", "eu-led-art4", "eu-led-art8", "eu-led-art10", "eu-led-art11",
        "eu-led-art25", "eu-led-art27", "eu-led-art28", "eu-led-art29"}


def test_guidelines_provisions(db):
    assert row(db, "select modality from provision_obligations where provision_id = 'eu-edpb-guidelines-05-2022-p6' "
                   "and obligation_id = 'ban-realtime-remote-biometric-id'")[0] == "must_not"
    assert row(db, "select modality from provision_obligations where provision_id = 'eu-edpb-guidelines-3-2019-ch5-deletion' "
                   "and obligation_id = 'minimise-raw-image-retention'")[0] == "must"
    actors = {r[0] for r in db.execute("select actor_id from provision_obligations po join provisions p on p.id = po.provision_id "
                                        "where p.instrument_id = 'coe-frt-guidelines-2021'")}
    assert {"technology_provider", "product_service_provider", "service_user"} <= actors
    assert row(db, "select to_id from instrument_relations where from_id = 'eu-edpb-guidelines-05-2022'")[0] == "eu-led"
    assert row(db, "select to_id from instrument_relations where from_id = 'coe-frt-guidelines-2021'")[0] == "coe-convention-108-plus"


def test_gdpr_provisions_added_for_the_decisions(db):
    for pid in ("eu-gdpr-art2-2-a", "eu-gdpr-art3-2", "eu-gdpr-art5-1-a", "eu-gdpr-art5-1-b", "eu-gdpr-art5-1-c",
                "eu-gdpr-art5-1-e", "eu-gdpr-art7", "eu-gdpr-art9-2-e", "eu-gdpr-art9-2-g", "eu-gdpr-art13",
                "eu-gdpr-art14", "eu-gdpr-art27", "eu-gdpr-art36"):
        assert row(db, "select instrument_id from provisions where id = ?", pid)[0] == "eu-gdpr"
    assert row(db, "select obligation_id from provision_obligations where provision_id = 'eu-gdpr-art36'")[0] == "eu-prior-consultation"
    assert row(db, "select obligation_id from provision_obligations where provision_id = 'eu-gdpr-art27' "
                   "and actor_id = 'eu-gdpr-controller'")[0] == "eu-appoint-eu-representative"


@pytest.mark.parametrize("case,field,value", [
    ("eu-se-imy-skelleftea-school-2019", "docket", "DI-2019-2221"),
    ("eu-se-imy-skelleftea-school-2019", "date_decided", "2019-08-20"),
    ("eu-se-imy-skelleftea-school-2019", "amount", 200000),
    ("eu-se-imy-skelleftea-school-2019", "currency", "SEK"),
    ("eu-se-imy-skelleftea-school-2019", "jurisdiction", "EU-SE"),
    ("eu-it-garante-clearview-2022", "docket", "doc. web n. 9751362"),
    ("eu-it-garante-clearview-2022", "date_decided", "2022-02-10"),
    ("eu-it-garante-clearview-2022", "amount", 20000000),
    ("eu-it-garante-clearview-2022", "currency", "EUR"),
    ("eu-gr-hdpa-clearview-2022", "docket", "35/2022"),
    ("eu-gr-hdpa-clearview-2022", "date_decided", "2022-07-13"),
    ("eu-gr-hdpa-clearview-2022", "amount", 20000000),
    ("eu-gr-hdpa-clearview-2022", "currency", "EUR"),
    ("eu-nl-ap-clearview-2024", "date_decided", "2024-05-16"),
    ("eu-nl-ap-clearview-2024", "amount", 30500000),
    ("eu-nl-ap-clearview-2024", "currency", "EUR"),
    ("uk-ico-clearview-2022", "date_decided", "2022-05-18"),
    ("uk-ico-clearview-2022", "amount", 7552800),
    ("uk-ico-clearview-2022", "currency", "GBP"),
    ("uk-ico-clearview-2022", "jurisdiction", "UK"),
    ("uk-ftt-clearview-v-ico-2023", "citation", "[2023] UKFTT 819 (GRC)"),
    ("uk-ftt-clearview-v-ico-2023", "date_decided", "2023-10-17"),
    ("uk-ut-ico-v-clearview-2025", "citation", "[2025] UKUT 319 (AAC)"),
    ("uk-ut-ico-v-clearview-2025", "docket", "UA-2024-001563-GIA"),
    ("uk-ut-ico-v-clearview-2025", "date_decided", "2025-10-06"),
    ("eu-cjeu-c-205-21-ministerstvo", "docket", "C-205/21"),
    ("eu-cjeu-c-205-21-ministerstvo", "ecli", "ECLI:EU:C:2023:49"),
    ("eu-cjeu-c-205-21-ministerstvo", "date_decided", "2023-01-26"),
])
def test_case_facts(db, case, field, value):
    assert row(db, f"select {field} from cases where id = ?", case)[0] == value


@pytest.mark.parametrize("case,violated", [
    ("eu-se-imy-skelleftea-school-2019", {"eu-gdpr-art5-1-c", "eu-gdpr-art9-1", "eu-gdpr-art35", "eu-gdpr-art36"}),
    ("eu-it-garante-clearview-2022", {"eu-gdpr-art5-1-a", "eu-gdpr-art5-1-b", "eu-gdpr-art5-1-e", "eu-gdpr-art6",
                                      "eu-gdpr-art9-1", "eu-gdpr-art12", "eu-gdpr-art13", "eu-gdpr-art14",
                                      "eu-gdpr-art15", "eu-gdpr-art27"}),
    ("eu-gr-hdpa-clearview-2022", {"eu-gdpr-art5-1-a", "eu-gdpr-art6", "eu-gdpr-art9-1", "eu-gdpr-art12",
                                   "eu-gdpr-art14", "eu-gdpr-art15", "eu-gdpr-art27"}),
    ("eu-nl-ap-clearview-2024", {"eu-gdpr-art5-1-a", "eu-gdpr-art6", "eu-gdpr-art9-1", "eu-gdpr-art12",
                                 "eu-gdpr-art14", "eu-gdpr-art15", "eu-gdpr-art27"}),
])
def test_decisions_link_to_the_articles_they_found_violated(db, case, violated):
    found = {r[0] for r in db.execute("select provision_id from case_provisions where case_id = ? and relation = 'violated'",
                                      [case])}
    assert found == violated


def test_case_links(db):
    # the Swedish DPA found a lawful basis under Art. 6: it is not among the violations
    assert row(db, "select relation from case_provisions where case_id = 'eu-se-imy-skelleftea-school-2019' "
                   "and provision_id = 'eu-gdpr-art6'")[0] == "applied"
    assert row(db, "select relation from case_provisions where case_id = 'eu-nl-ap-clearview-2024' "
                   "and provision_id = 'eu-gdpr-art9-2-e'")[0] == "interpreted"
    assert row(db, "select relation from case_provisions where case_id = 'eu-cjeu-c-205-21-ministerstvo' "
                   "and provision_id = 'eu-led-art10'")[0] == "interpreted"
    assert row(db, "select to_id from case_relations where from_id = 'uk-ftt-clearview-v-ico-2023' "
                   "and relation = 'appeal_of'")[0] == "uk-ico-clearview-2022"
    assert row(db, "select to_id from case_relations where from_id = 'uk-ut-ico-v-clearview-2025' "
                   "and relation = 'appeal_of'")[0] == "uk-ftt-clearview-v-ico-2023"
    assert row(db, "select relation from case_relations where from_id = 'eu-nl-ap-clearview-2024' "
                   "and to_id = 'eu-fr-cnil-clearview-2022'")[0] == "related"


def test_errata_record_the_reports_mistakes(db):
    swedish = [r["correct"] for r in db.execute("select correct from errata where record_id = 'eu-se-imy-skelleftea-school-2019'")]
    assert any("Art. 5(1)(c)" in c and "Art. 36" in c for c in swedish)
    assert any("gymnasienämnden" in c for c in swedish)
    assert row(db, "select correct from errata where record_id = 'eu-fr-cnil-airports-2020'")[0].startswith("2020-10-09")
    assert row(db, "select report_says from errata where record_id = 'eu-fr-cnil-airports-2020'")[0] == "2019.11"
    assert "ISO/IEC 9868:2025" in row(db, "select correct from errata where record_id = 'int-iso-iec-9868'")[0]
    assert "Council of Europe" in row(db, "select correct from errata where record_id = 'coe-frt-guidelines-2021'")[0]


@pytest.mark.parametrize("query", ["school attendance facial recognition Sweden", "学校 考勤 人脸识别"])
def test_swedish_school_decision_found_in_both_languages(real_build, query):
    assert "eu-se-imy-skelleftea-school-2019" in hits(real_build, query)


@pytest.mark.parametrize("query,expected", [
    ("DI-2019-2221", "eu-se-imy-skelleftea-school-2019"),
    ("ECLI:EU:C:2023:49", "eu-cjeu-c-205-21-ministerstvo"),
    ("[2025] UKUT 319 (AAC)", "uk-ut-ico-v-clearview-2025"),
])
def test_exact_citation_is_first(real_build, query, expected):
    assert hits(real_build, query, limit=3)[0] == expected


@pytest.mark.parametrize("query", ["biometric data strictly necessary", "执法 生物识别 严格必要"])
def test_led_article_10_found_in_both_languages(real_build, query):
    assert "eu-led-art10" in hits(real_build, query)


def test_swedish_appeal_route_is_recorded(db):
    outcome = row(db, "select outcome_en from cases where id = 'eu-se-imy-skelleftea-school-2019'")[0]
    for fact in ("14 August 2020", "20577-19", "1 March 2021", "5888-20", "Supreme Administrative Court"):
        assert fact in outcome, fact
