"""Chinese departmental rules, drafts, normative documents, standards and the face-payment convention:
the facts a lawyer relies on (document numbers, dates, statuses, article numbers, links, errata, search)."""


import pytest

from kb.build import index_path_for
from kb.search import search
from corpus_helpers import row


@pytest.mark.parametrize("instrument,field,value", [
    # the 2023 CAC draft and the 2025 final Measures
    ("cn-cac-face-recognition-draft-2023", "status", "superseded"),
    ("cn-cac-face-recognition-draft-2023", "date_published", "2023-08-08"),
    ("cn-cac-face-recognition-draft-2023", "kind", "draft_rule"),
    ("cn-cac-face-recognition-measures-2025", "citation", "国家互联网信息办公室 中华人民共和国公安部令第19号"),
    ("cn-cac-face-recognition-measures-2025", "date_adopted", "2025-03-13"),
    ("cn-cac-face-recognition-measures-2025", "date_published", "2025-03-21"),
    ("cn-cac-face-recognition-measures-2025", "date_effective", "2025-06-01"),
    ("cn-cac-face-recognition-measures-2025", "status", "in_force"),
    ("cn-cac-face-recognition-measures-2025", "force", "binding"),
    ("cn-cac-face-recognition-measures-2025", "level", "departmental_rule"),
    # deep synthesis, generative AI, labelling
    ("cn-deep-synthesis-provisions", "citation", "国家互联网信息办公室 中华人民共和国工业和信息化部 中华人民共和国公安部令第12号"),
    ("cn-deep-synthesis-provisions", "date_adopted", "2022-11-25"),
    ("cn-deep-synthesis-provisions", "date_effective", "2023-01-10"),
    ("cn-genai-interim-measures-2023", "date_effective", "2023-08-15"),
    ("cn-ai-content-labelling-measures-2025", "citation", "国信办通字〔2025〕2号"),
    ("cn-ai-content-labelling-measures-2025", "date_effective", "2025-09-01"),
    ("cn-network-data-security-regulations-2024", "citation", "中华人民共和国国务院令第790号"),
    ("cn-network-data-security-regulations-2024", "date_effective", "2025-01-01"),
    # sector rules
    ("cn-cbirc-internet-loans-2020", "citation", "中国银行保险监督管理委员会令2020年第9号"),
    ("cn-cbirc-internet-loans-2020", "date_adopted", "2020-07-12"),
    ("cn-csrc-network-security-2023", "date_effective", "2023-05-01"),
    ("cn-nhc-health-network-security-2022", "citation", "国卫规划发〔2022〕29号"),
    ("cn-nhc-health-network-security-2022", "date_adopted", "2022-08-08"),
    ("cn-nhc-health-network-security-2022", "level", "normative_document"),
    # standards: number, dates and force (GB mandatory, GB/T recommended, sector/group soft)
    ("cn-gbt-35273-2020", "citation", "GB/T 35273-2020"),
    ("cn-gbt-35273-2020", "date_adopted", "2020-03-06"),
    ("cn-gbt-35273-2020", "date_effective", "2020-10-01"),
    ("cn-gbt-35273-2020", "force", "soft"),
    ("cn-gbt-38671-2020", "date_adopted", "2020-04-28"),
    ("cn-gbt-38671-2020", "date_effective", "2020-11-01"),
    ("cn-gbt-41819-2022", "citation", "GB/T 41819-2022"),
    ("cn-gbt-41819-2022", "date_effective", "2023-05-01"),
    ("cn-gb-37300-2018", "citation", "GB 37300-2018"),
    ("cn-gb-37300-2018", "date_effective", "2020-01-01"),
    ("cn-gb-37300-2018", "force", "binding"),
    ("cn-gbt-35678-2017", "date_adopted", "2017-12-29"),
    ("cn-gbt-35678-2017", "date_effective", "2018-07-01"),
    ("cn-gb-45438-2025", "citation", "GB 45438-2025"),
    ("cn-gb-45438-2025", "force", "binding"),
    ("cn-gb-45438-2025", "date_effective", "2025-09-01"),
    ("cn-jrt-0171-2020", "citation", "JR/T 0171-2020"),
    ("cn-jrt-0171-2020", "date_adopted", "2020-02-13"),
    ("cn-jrt-0171-2020", "level", "sector_standard"),
    ("cn-ydt-4087-2022", "level", "sector_standard"),
    ("cn-ttaf-077-7-2020", "level", "group_standard"),
    ("cn-ttaf-077-7-2020", "force", "soft"),
    ("cn-tc260-face-payment-guide-draft-2023", "status", "superseded"),
    ("cn-tc260-face-payment-guide-2025", "date_published", "2025-01-26"),
    ("cn-tc260-face-payment-guide-2025", "status", "current"),
    ("cn-pcac-face-payment-convention-2020", "level", "self_regulatory"),
    ("cn-pcac-face-payment-convention-2020", "kind", "self_regulatory_code"),
    ("cn-pcac-face-payment-convention-2020", "force", "soft"),
])
def test_instrument_facts(db, instrument, field, value):
    assert row(db, f"select {field} from instruments where id = ?", instrument)[0] == value


def test_final_measures_finalise_the_draft(db):
    assert row(db, "select relation from instrument_relations where from_id = ? and to_id = ?",
               "cn-cac-face-recognition-measures-2025", "cn-cac-face-recognition-draft-2023")[0] == "finalises"
    assert row(db, "select relation from instrument_relations where from_id = ? and to_id = ?",
               "cn-tc260-face-payment-guide-2025", "cn-tc260-face-payment-guide-draft-2023")[0] == "finalises"
    assert row(db, "select relation from instrument_relations where from_id = ? and to_id = ?",
               "cn-gb-45438-2025", "cn-ai-content-labelling-measures-2025")[0] == "implements"


def test_filing_threshold_changed_from_draft_to_final(db):
    final = row(db, "select number, number_zh, text_en, text_zh from provisions where id = ?",
                "cn-cac-face-recognition-measures-2025-art15")
    assert (final["number"], final["number_zh"]) == ("Art. 15", "第十五条")
    assert "100,000" in final["text_en"] and "provincial" in final["text_en"] and "30 working days" in final["text_en"]
    assert "十万人" in final["text_zh"] and "省级网信部门" in final["text_zh"]
    draft = row(db, "select number, text_en from provisions where id = ?", "cn-cac-face-recognition-draft-2023-art16")
    assert draft["number"] == "Art. 16"
    assert "10,000" in draft["text_en"] and "city level" in draft["text_en"]


@pytest.mark.parametrize("provision,number,number_zh", [
    ("cn-cac-face-recognition-measures-2025-art2", "Art. 2", "第二条"),
    ("cn-cac-face-recognition-measures-2025-art6", "Art. 6", "第六条"),
    ("cn-cac-face-recognition-measures-2025-art7", "Art. 7", "第七条"),
    ("cn-cac-face-recognition-measures-2025-art8", "Art. 8", "第八条"),
    ("cn-cac-face-recognition-measures-2025-art9", "Art. 9", "第九条"),
    ("cn-cac-face-recognition-measures-2025-art10", "Art. 10", "第十条"),
    ("cn-cac-face-recognition-measures-2025-art13", "Art. 13", "第十三条"),
    ("cn-deep-synthesis-provisions-art9", "Art. 9", "第九条"),
    ("cn-deep-synthesis-provisions-art14", "Art. 14", "第十四条"),
    ("cn-deep-synthesis-provisions-art17", "Art. 17", "第十七条"),
    ("cn-deep-synthesis-provisions-art19", "Art. 19", "第十九条"),
    ("cn-ai-content-labelling-measures-2025-art4", "Art. 4", "第四条"),
    ("cn-ai-content-labelling-measures-2025-art5", "Art. 5", "第五条"),
    ("cn-gbt-35273-2020-5-4", "5.4", "第5.4条"),
    ("cn-gbt-35273-2020-6-3", "6.3", "第6.3条"),
])
def test_article_numbers(db, provision, number, number_zh):
    found = row(db, "select number, number_zh from provisions where id = ?", provision)
    assert (found["number"], found["number_zh"]) == (number, number_zh)


def test_measures_exclude_research_and_algorithm_training(db):
    text = row(db, "select text_en from provisions where id = ?", "cn-cac-face-recognition-measures-2025-art2")[0]
    assert "research and development" in text and "algorithm training" in text


@pytest.mark.parametrize("provision,obligation,actor,modality", [
    ("cn-cac-face-recognition-measures-2025-art15", "face-recognition-filing", "cn-pi-handler", "must"),
    ("cn-cac-face-recognition-measures-2025-art10", "alternative-verification", "cn-pi-handler", "must"),
    ("cn-cac-face-recognition-measures-2025-art6", "separate-consent", "cn-pi-handler", "must"),
    ("cn-cac-face-recognition-measures-2025-art8", "minimise-raw-image-retention", "cn-pi-handler", "must"),
    ("cn-cac-face-recognition-measures-2025-art9", "assess-impact", "cn-pi-handler", "must"),
    ("cn-cac-face-recognition-measures-2025-art13", "public-space-limits", "cn-pi-handler", "must"),
    ("cn-cac-face-recognition-draft-2023-art16", "face-recognition-filing", "cn-face-recognition-user", "must"),
    ("cn-deep-synthesis-provisions-art14", "ds-consent-biometric-editing", "cn-ds-service-provider", "must"),
    ("cn-deep-synthesis-provisions-art14", "ds-consent-biometric-editing", "cn-ds-technical-supporter", "must"),
    ("cn-deep-synthesis-provisions-art15", "ds-algorithm-duties", "cn-ds-technical-supporter", "must"),
    ("cn-deep-synthesis-provisions-art16", "ds-implicit-labelling", "cn-ds-service-provider", "must"),
    ("cn-deep-synthesis-provisions-art17", "ds-explicit-labelling", "cn-ds-service-provider", "must"),
    ("cn-deep-synthesis-provisions-art18", "ds-proper-use", "cn-ds-user", "must"),
    ("cn-deep-synthesis-provisions-art19", "algorithm-filing", "cn-ds-service-provider", "must"),
    ("cn-deep-synthesis-provisions-art9", "ds-user-management", "cn-ds-service-provider", "must"),
    ("cn-deep-synthesis-provisions-art10", "ds-content-security", "cn-ds-service-provider", "must"),
    ("cn-csrc-network-security-2023-ch3-biometrics", "alternative-verification", "cn-securities-institution", "must"),
    ("cn-nhc-health-network-security-2022-ch3-face", "no-service-refusal", "cn-medical-institution", "must_not"),
    ("cn-nhc-health-network-security-2022-ch3-face", "storage-transmission-security", "cn-medical-institution", "must"),
    ("cn-gbt-35273-2020-6-3", "minimise-raw-image-retention", "cn-pi-handler", "must"),
    ("cn-ai-content-labelling-measures-2025-art5", "ds-implicit-labelling", "cn-aigc-service-provider", "must"),
])
def test_provision_obligation_links(db, provision, obligation, actor, modality):
    assert row(db, "select modality from provision_obligations where provision_id = ? and obligation_id = ? and actor_id = ?",
               provision, obligation, actor)[0] == modality


@pytest.mark.parametrize("actor,role", [
    ("cn-commercial-bank", "service_user"), ("cn-securities-institution", "service_user"),
    ("cn-medical-institution", "service_user"), ("cn-payment-institution", "product_service_provider"),
    ("cn-app-operator", "product_service_provider"), ("cn-aigc-service-provider", "product_service_provider"),
    ("cn-terminal-manufacturer", "technology_provider"),
])
def test_new_actors(db, actor, role):
    assert row(db, "select ecosystem_role from actors where id = ?", actor)[0] == role


def test_errata_record_where_the_report_is_overtaken(db):
    filing = row(db, "select report_says, correct, source from errata where record_id = ?",
                 "cn-cac-face-recognition-draft-2023-art16")
    assert "1万人" in filing["report_says"] and "100,000" in filing["correct"] and filing["source"].startswith("https://")
    status = row(db, "select correct from errata where record_id = ? and field = 'status'", "cn-cac-face-recognition-draft-2023")
    assert "Order No. 19" in status[0]
    guide = row(db, "select correct from errata where record_id = ?", "cn-tc260-face-payment-guide-draft-2023")
    assert "26 January 2025" in guide[0]


def test_search_by_standard_number_puts_the_standard_first(real_build):
    index = index_path_for(real_build.db_path)
    assert search(index, "GB/T 41819-2022").hits[0].id == "cn-gbt-41819-2022"
    assert search(index, "GB/T 35273-2020").hits[0].id == "cn-gbt-35273-2020"
    assert search(index, "GB 45438-2025").hits[0].id == "cn-gb-45438-2025"


@pytest.mark.parametrize("query", ["深度合成 单独同意", "deep synthesis separate consent biometric editing"])
def test_deep_synthesis_consent_rule_is_found_in_both_languages(real_build, query):
    hits = [h.id for h in search(index_path_for(real_build.db_path), query, limit=5).hits]
    assert "cn-deep-synthesis-provisions-art14" in hits


@pytest.mark.parametrize("query", ["人脸信息 备案 十万人", "face recognition filing 100,000 provincial"])
def test_filing_rule_is_found_in_both_languages(real_build, query):
    hits = [h.id for h in search(index_path_for(real_build.db_path), query, limit=5).hits]
    assert "cn-cac-face-recognition-measures-2025-art15" in hits
