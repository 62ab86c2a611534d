"""Chinese laws and judicial interpretations: the facts a lawyer relies on.

Runs against the repository corpus, or against a draft corpus given in FACELAW_CORPUS.
"""


import pytest

from corpus_helpers import row, hits


@pytest.mark.parametrize("instrument,field,value", [
    ("cn-civil-code", "citation", "中华人民共和国主席令第四十五号"),
    ("cn-civil-code", "date_adopted", "2020-05-28"),
    ("cn-civil-code", "date_effective", "2021-01-01"),
    ("cn-civil-code", "level", "law"),
    ("cn-civil-code", "issuer_zh", "全国人民代表大会"),
    ("cn-csl", "citation", "中华人民共和国主席令第五十三号"),
    ("cn-csl", "date_adopted", "2016-11-07"),
    ("cn-csl", "date_effective", "2017-06-01"),
    ("cn-csl", "status", "in_force"),
    ("cn-dsl", "citation", "中华人民共和国主席令第八十四号"),
    ("cn-dsl", "date_adopted", "2021-06-10"),
    ("cn-dsl", "date_effective", "2021-09-01"),
    ("cn-consumer-law", "citation", "中华人民共和国主席令第七号"),
    ("cn-consumer-law", "date_adopted", "1993-10-31"),
    ("cn-consumer-law", "date_published", "2013-10-25"),
    ("cn-consumer-law", "date_effective", "2014-03-15"),
    ("cn-consumer-law-regulations", "citation", "中华人民共和国国务院令第778号"),
    ("cn-consumer-law-regulations", "date_effective", "2024-07-01"),
    ("cn-consumer-law-regulations", "level", "administrative_regulation"),
    ("cn-ecommerce-law", "citation", "中华人民共和国主席令第七号"),
    ("cn-ecommerce-law", "date_adopted", "2018-08-31"),
    ("cn-ecommerce-law", "date_effective", "2019-01-01"),
    ("cn-criminal-law", "citation", "中华人民共和国主席令第八十三号"),
    ("cn-criminal-law", "date_adopted", "1979-07-01"),
    ("cn-criminal-law", "date_published", "1997-03-14"),
    ("cn-criminal-law", "date_effective", "1997-10-01"),
    ("cn-criminal-law", "status", "in_force"),
    ("cn-spc-spp-2017-pi-crimes", "citation", "法释〔2017〕10号"),
    ("cn-spc-spp-2017-pi-crimes", "date_published", "2017-05-08"),
    ("cn-spc-spp-2017-pi-crimes", "date_effective", "2017-06-01"),
    ("cn-spc-spp-2017-pi-crimes", "level", "judicial_interpretation"),
    ("cn-spc-2021-face-recognition", "citation", "法释〔2021〕15号"),
    ("cn-spc-2021-face-recognition", "date_adopted", "2021-06-08"),
    ("cn-spc-2021-face-recognition", "date_published", "2021-07-27"),
    ("cn-spc-2021-face-recognition", "date_effective", "2021-08-01"),
    ("cn-spc-2021-face-recognition", "issuer_zh", "最高人民法院"),
    ("cn-spc-2021-face-recognition", "status", "in_force"),
    ("cn-spc-2021-face-recognition", "force", "binding"),
    ("cn-pipl", "url", "http://www.npc.gov.cn/npc/c30834/202108/a8c4e3672c74491a80b53a172bb753fe.shtml"),
])
def test_instrument_facts(db, instrument, field, value):
    assert row(db, f"select {field} from instruments where id = ?", instrument)[0] == value


@pytest.mark.parametrize("provision,number,number_zh", [
    ("cn-civil-code-art1019", "Art. 1019", "第一千零一十九条"),
    ("cn-civil-code-art1032", "Art. 1032", "第一千零三十二条"),
    ("cn-civil-code-art1034", "Art. 1034", "第一千零三十四条"),
    ("cn-civil-code-art1035", "Art. 1035", "第一千零三十五条"),
    ("cn-civil-code-art1036", "Art. 1036", "第一千零三十六条"),
    ("cn-civil-code-art1037", "Art. 1037", "第一千零三十七条"),
    ("cn-civil-code-art1038", "Art. 1038", "第一千零三十八条"),
    ("cn-civil-code-art1165", "Art. 1165", "第一千一百六十五条"),
    ("cn-pipl-art4", "Art. 4", "第四条"),
    ("cn-pipl-art5", "Art. 5", "第五条"),
    ("cn-pipl-art6", "Art. 6", "第六条"),
    ("cn-pipl-art10", "Art. 10", "第十条"),
    ("cn-pipl-art24", "Art. 24", "第二十四条"),
    ("cn-pipl-art38", "Art. 38", "第三十八条"),
    ("cn-pipl-art51", "Art. 51", "第五十一条"),
    ("cn-pipl-art58", "Art. 58", "第五十八条"),
    ("cn-pipl-art73", "Art. 73", "第七十三条"),
    ("cn-csl-art41", "Art. 41", "第四十一条"),
    ("cn-csl-art42", "Art. 42", "第四十二条"),
    ("cn-csl-art43", "Art. 43", "第四十三条"),
    ("cn-csl-art76", "Art. 76", "第七十六条"),
    ("cn-dsl-art21", "Art. 21", "第二十一条"),
    ("cn-dsl-art27", "Art. 27", "第二十七条"),
    ("cn-consumer-law-art29", "Art. 29", "第二十九条"),
    ("cn-consumer-law-art56", "Art. 56", "第五十六条"),
    ("cn-consumer-law-regulations-art23", "Art. 23", "第二十三条"),
    ("cn-ecommerce-law-art23", "Art. 23", "第二十三条"),
    ("cn-criminal-law-art253-1", "Art. 253-1", "第二百五十三条之一"),
    ("cn-criminal-law-art286-1", "Art. 286-1", "第二百八十六条之一"),
    ("cn-spc-spp-2017-pi-crimes-art1", "Art. 1", "第一条"),
    ("cn-spc-spp-2017-pi-crimes-art5", "Art. 5", "第五条"),
    ("cn-spc-spp-2017-pi-crimes-art9", "Art. 9", "第九条"),
    ("cn-spc-2021-face-recognition-art1", "Art. 1", "第一条"),
    ("cn-spc-2021-face-recognition-art2", "Art. 2", "第二条"),
    ("cn-spc-2021-face-recognition-art3", "Art. 3", "第三条"),
    ("cn-spc-2021-face-recognition-art4", "Art. 4", "第四条"),
    ("cn-spc-2021-face-recognition-art5", "Art. 5", "第五条"),
    ("cn-spc-2021-face-recognition-art10", "Art. 10", "第十条"),
    ("cn-spc-2021-face-recognition-art11", "Art. 11", "第十一条"),
    ("cn-spc-2021-face-recognition-art12", "Art. 12", "第十二条"),
    ("cn-spc-2021-face-recognition-art14", "Art. 14", "第十四条"),
])
def test_articles_are_numbered_both_ways(db, provision, number, number_zh):
    found = row(db, "select number, number_zh from provisions where id = ?", provision)
    assert (found[0], found[1]) == (number, number_zh)


@pytest.mark.parametrize("provision,obligation,actor,modality", [
    ("cn-civil-code-art1035", "obtain-consent", "cn-pi-handler", "must"),
    ("cn-civil-code-art1035", "necessity", "cn-pi-handler", "must"),
    ("cn-civil-code-art1037", "deletion-on-request", "cn-pi-handler", "must"),
    ("cn-civil-code-art1038", "reasonable-security", "cn-pi-handler", "must"),
    ("cn-civil-code-art1165", "right-to-sue", "cn-individual", "may"),
    ("cn-pipl-art10", "no-sale-or-profit", "cn-any-party", "must_not"),
    ("cn-pipl-art38", "cross-border-transfer", "cn-pi-handler", "must"),
    ("cn-pipl-art58", "gatekeeper-duties", "cn-large-platform", "must"),
    ("cn-csl-art41", "obtain-consent", "cn-network-operator", "must"),
    ("cn-csl-art43", "deletion-on-request", "cn-network-operator", "must"),
    ("cn-dsl-art27", "reasonable-security", "cn-data-handler", "must"),
    ("cn-consumer-law-art29", "obtain-consent", "cn-business-operator", "must"),
    ("cn-consumer-law-art56", "administrative-penalties", "cn-regulator", "may"),
    ("cn-ecommerce-law-art23", "personal-information-protection", "cn-ecommerce-operator", "must"),
    ("cn-criminal-law-art253-1", "no-sale-or-profit", "cn-any-party", "must_not"),
    ("cn-criminal-law-art286-1", "reasonable-security", "cn-network-service-provider", "must"),
    ("cn-spc-2021-face-recognition-art2", "separate-consent", "cn-pi-handler", "must"),
    ("cn-spc-2021-face-recognition-art4", "no-service-refusal", "cn-pi-handler", "must_not"),
    ("cn-spc-2021-face-recognition-art10", "alternative-verification", "cn-property-service", "must"),
    ("cn-spc-2021-face-recognition-art12", "deletion-on-request", "cn-pi-handler", "must"),
    ("cn-spc-2021-face-recognition-art14", "right-to-sue", "cn-procuratorate", "may"),
])
def test_provisions_link_to_obligations_and_actors(db, provision, obligation, actor, modality):
    found = row(db, "select modality from provision_obligations where provision_id = ? and obligation_id = ? "
                    "and actor_id = ?", provision, obligation, actor)
    assert found[0] == modality


def test_definitions_are_scoped(db):
    for pid in ("cn-civil-code-art1034", "cn-pipl-art4", "cn-pipl-art73", "cn-csl-art76",
                "cn-spc-spp-2017-pi-crimes-art1", "cn-spc-2021-face-recognition-art1"):
        topics = {r[0] for r in db.execute("select topic_id from provision_topics where provision_id = ?", [pid])}
        assert "scope" in topics, pid


def test_new_actors_map_to_ecosystem_roles(db):
    for actor, role in [("cn-network-operator", "service_user"), ("cn-business-operator", "service_user"),
                        ("cn-ecommerce-operator", "service_user"), ("cn-data-handler", "service_user"),
                        ("cn-network-service-provider", "product_service_provider"),
                        ("cn-any-party", "service_user")]:
        assert row(db, "select ecosystem_role from actors where id = ?", actor)[0] == role


def test_csl_records_the_2025_amendment_and_renumbering(db):
    summary = row(db, "select summary_en from instruments where id = 'cn-csl'")[0]
    assert "28 October 2025" in summary and "1 January 2026" in summary
    assert "Art. 45" in row(db, "select text_en from provisions where id = 'cn-csl-art43'")[0]
    for pid, new in [("cn-csl-art41", "Art. 43"), ("cn-csl-art42", "Art. 44"), ("cn-csl-art43", "Art. 45")]:
        assert new in row(db, "select text_en from provisions where id = ?", pid)[0]


def test_errata_record_the_reports_mistakes(db):
    art9 = row(db, "select report_says, correct from errata where record_id = 'cn-spc-spp-2017-pi-crimes-art9'")
    assert "故意或过失" in art9[0]
    assert "refused" in art9[1]
    assert "Art. 62" in row(db, "select correct from errata where record_id = 'cn-pipl'")[0]
    assert "Art. 45" in row(db, "select correct from errata where record_id = 'cn-csl-art43'")[0]
    assert "格式条款" in row(db, "select correct from errata where record_id = 'cn-spc-2021-face-recognition-art11'")[0]


def test_instrument_relations(db):
    assert row(db, "select relation from instrument_relations where from_id = 'cn-consumer-law-regulations' "
                   "and to_id = 'cn-consumer-law'")[0] == "implements"


@pytest.mark.parametrize("query", ["物业 人脸识别 其他验证方式", "property management other verification"])
def test_property_management_rule_is_found_in_both_languages(real_build, query):
    assert "cn-spc-2021-face-recognition-art10" in hits(real_build, query)


@pytest.mark.parametrize("query,expected", [
    ("法释〔2021〕15号", "cn-spc-2021-face-recognition"),
    ("法释〔2017〕10号", "cn-spc-spp-2017-pi-crimes"),
    ("民法典第一千零三十四条", "cn-civil-code-art1034"),
    ("刑法第二百五十三条之一", "cn-criminal-law-art253-1"),
])
def test_citation_queries_put_the_record_first(real_build, query, expected):
    assert hits(real_build, query, limit=1)[0] == expected


@pytest.mark.parametrize("query,expected", [
    ("biometric information personal information Civil Code", "cn-civil-code-art1034"),
    ("生物识别信息 民法典 个人信息", "cn-civil-code-art1034"),
    ("network operator delete personal information", "cn-csl-art43"),
    ("网络运营者 删除 个人信息", "cn-csl-art43"),
    ("侵犯公民个人信息罪 情节严重", "cn-spc-spp-2017-pi-crimes-art5"),
    ("bundled consent face recognition", "cn-spc-2021-face-recognition-art4"),
])
def test_word_queries_find_the_key_provision(real_build, query, expected):
    assert expected in hits(real_build, query)
