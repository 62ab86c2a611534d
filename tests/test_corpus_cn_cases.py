"""Chinese cases, enforcement and procuratorial decisions of the 2024 report (pp. 38-42), the report's own
ecosystem map, industry practices and initiative (pp. 1-11, 64-76), and Liu Weijun's 2021 article."""


import pytest

from corpus_helpers import row, hits


@pytest.mark.parametrize("case,docket,forum_zh,kind,date", [
    ("cn-sun-changbao-v-baidu", "（2019）京0491民初10989号", "北京互联网法院", "civil", "2020"),
    ("cn-liu-jialong-v-shen-rong-appeal", "（2020）京02民终1641号", "北京市第二中级人民法院", "civil", "2020"),
    ("cn-spc-guiding-case-192-li-kaixiang", "（2021）沪0120刑初828号", "上海市奉贤区人民法院", "criminal", "2021-08-23"),
    ("cn-xuhui-amr-xpeng-2021", None, "上海市徐汇区市场监督管理局", "regulatory_enforcement", "2021"),
    ("cn-miit-zao-2019", None, "工业和信息化部网络安全管理局", "regulatory_enforcement", "2019-09-03"),
    ("cn-wuxi-xinwu-procuratorate-gym-2022", None, "江苏省无锡市新吴区人民检察院", "public_interest_litigation", "2022-08-12"),
    ("cn-changsha-wangcheng-procuratorate-biometrics-2022", None, "湖南省长沙市望城区人民检察院",
     "public_interest_litigation", "2022-05"),
    ("cn-huzhou-procuratorate-scenic-area-2021", None, "浙江省湖州市人民检察院（会同浙江省人民检察院、湖州市南浔区人民检察院）",
     "public_interest_litigation", "2021-11-18"),
])
def test_case_identity(db, case, docket, forum_zh, kind, date):
    r = row(db, "select docket, forum_zh, kind, date_decided, jurisdiction, forum_en, title_en, title_zh from cases "
                "where id = ?", case)
    assert r["docket"] == docket
    assert r["forum_zh"] == forum_zh
    assert r["kind"] == kind
    assert r["date_decided"] == date
    assert r["jurisdiction"] == "CN"
    assert r["forum_en"] and r["title_en"] and r["title_zh"]


def test_titles_follow_the_judgments_and_the_report(db):
    assert row(db, "select title_zh from cases where id = 'cn-sun-changbao-v-baidu'")[0] == \
        "孙长宝与北京搜狐互联网信息服务有限公司等人格权纠纷案"
    assert row(db, "select title_zh from cases where id = 'cn-liu-jialong-v-shen-rong-appeal'")[0].startswith(
        "刘嘉龙与沈榕隐私权纠纷案")
    assert row(db, "select title_zh from cases where id = 'cn-spc-guiding-case-192-li-kaixiang'")[0] == \
        "李开祥侵犯公民个人信息刑事附带民事公益诉讼案"
    assert row(db, "select citation from cases where id = 'cn-spc-guiding-case-192-li-kaixiang'")[0] == "指导性案例192号"
    for case in ("cn-wuxi-xinwu-procuratorate-gym-2022", "cn-changsha-wangcheng-procuratorate-biometrics-2022",
                 "cn-huzhou-procuratorate-scenic-area-2021"):
        assert "2023年3月30日" in row(db, "select citation from cases where id = ?", case)[0]


@pytest.mark.parametrize("case,amount", [
    ("cn-sun-changbao-v-baidu", 41),                       # CNY 1 economic loss + CNY 40 costs
    ("cn-spc-guiding-case-192-li-kaixiang", 10000),        # criminal fine
    ("cn-xuhui-amr-xpeng-2021", 100000),                   # administrative fine
])
def test_amounts_in_cny(db, case, amount):
    r = row(db, "select amount, currency from cases where id = ?", case)
    assert r["amount"] == amount and r["currency"] == "CNY"


def test_outcomes_carry_the_key_facts(db):
    sun = row(db, "select outcome_en, outcome_zh from cases where id = 'cn-sun-changbao-v-baidu'")
    assert "CNY 1 " in sun["outcome_en"] and "CNY 40" in sun["outcome_en"]
    assert "1元" in sun["outcome_zh"] and "40元" in sun["outcome_zh"]
    doorbell = row(db, "select outcome_en, outcome_zh from cases where id = 'cn-liu-jialong-v-shen-rong-appeal'")
    assert "remove" in doorbell["outcome_en"] and "拆除" in doorbell["outcome_zh"]
    li = row(db, "select outcome_en, outcome_zh from cases where id = 'cn-spc-guiding-case-192-li-kaixiang'")
    assert "suspended for three years" in li["outcome_en"] and "罚金人民币一万元" in li["outcome_zh"]
    assert "26 December 2022" in li["outcome_en"]
    wangcheng = row(db, "select facts_en, facts_zh from cases where id = 'cn-changsha-wangcheng-procuratorate-biometrics-2022'")
    assert "830,000" in wangcheng["facts_en"] and "83万余条" in wangcheng["facts_zh"]
    xpeng = row(db, "select facts_en from cases where id = 'cn-xuhui-amr-xpeng-2021'")
    assert "431,623" in xpeng[0] and "22 cameras" in xpeng[0]


@pytest.mark.parametrize("case,provision,relation", [
    ("cn-spc-guiding-case-192-li-kaixiang", "cn-criminal-law-art253-1", "applied"),
    ("cn-spc-guiding-case-192-li-kaixiang", "cn-spc-spp-2017-pi-crimes-art1", "interpreted"),
    ("cn-spc-guiding-case-192-li-kaixiang", "cn-spc-spp-2017-pi-crimes-art5", "applied"),
    ("cn-spc-guiding-case-192-li-kaixiang", "cn-civil-code-art1034", "cited"),
    ("cn-xuhui-amr-xpeng-2021", "cn-consumer-law-art29", "violated"),
    ("cn-wuxi-xinwu-procuratorate-gym-2022", "cn-pipl-art26", "violated"),
    ("cn-wuxi-xinwu-procuratorate-gym-2022", "cn-pipl-art28", "violated"),
    ("cn-wuxi-xinwu-procuratorate-gym-2022", "cn-pipl-art29", "violated"),
    ("cn-changsha-wangcheng-procuratorate-biometrics-2022", "cn-pipl-art5", "violated"),
    ("cn-changsha-wangcheng-procuratorate-biometrics-2022", "cn-pipl-art6", "violated"),
    ("cn-changsha-wangcheng-procuratorate-biometrics-2022", "cn-pipl-art28", "violated"),
    ("cn-huzhou-procuratorate-scenic-area-2021", "cn-pipl-art14", "violated"),
    ("cn-huzhou-procuratorate-scenic-area-2021", "cn-pipl-art16", "violated"),
    ("cn-huzhou-procuratorate-scenic-area-2021", "cn-pipl-art29", "violated"),
])
def test_case_provision_links(db, case, provision, relation):
    assert row(db, "select relation from case_provisions where case_id = ? and provision_id = ?",
               case, provision)[0] == relation


def test_errata_correct_the_report(db):
    huzhou = row(db, "select correct, report_pages, source from errata where record_id = ? and field = 'date_decided'",
                 "cn-huzhou-procuratorate-scenic-area-2021")
    assert huzhou["correct"].startswith("2021-11-18") and huzhou["report_pages"] == "41"
    assert huzhou["source"].startswith("http")
    li = row(db, "select report_says, correct from errata where record_id = ?", "cn-spc-guiding-case-192-li-kaixiang")
    assert li["report_says"] == "李某侵犯公民个人信息案" and "指导性案例192号" in li["correct"]


def test_report_commentary_and_its_ecosystem_sections(db):
    report = row(db, "select kind, date, author_zh from commentary where id = 'report-frt-2024'")
    assert report["kind"] == "report" and report["date"] == "2024"
    assert "中国人工智能产业发展联盟安全治理委员会" in report["author_zh"]
    for unit in ("对外经济贸易大学", "中国信息通信研究院", "百度"):
        assert unit in report["author_zh"]
    sections = {r[0] for r in db.execute("select id from proposals where commentary_id = 'report-frt-2024'")}
    assert sections == {"report-frt-2024-technology-ecosystem", "report-frt-2024-product-service-ecosystem",
                        "report-frt-2024-service-use-ecosystem", "report-frt-2024-generation-synthesis-ecosystem"}
    links = {(r[0], r[1]) for r in db.execute("select proposal_id, obligation_id from proposal_obligations")}
    for section, obligation in [("technology-ecosystem", "training-data-security"),
                                ("technology-ecosystem", "algorithm-trustworthiness"),
                                ("product-service-ecosystem", "quality-management"),
                                ("product-service-ecosystem", "human-oversight"),
                                ("service-use-ecosystem", "personal-information-protection"),
                                ("service-use-ecosystem", "algorithm-filing"),
                                ("service-use-ecosystem", "gatekeeper-duties"),
                                ("generation-synthesis-ecosystem", "ds-explicit-labelling")]:
        assert (f"report-frt-2024-{section}", obligation) in links


def test_seven_practices_and_seven_principles_from_the_report(db):
    practices = db.execute("select id, commentary_id, organisation_en, organisation_zh, report_pages from practices "
                           "where commentary_id = 'report-frt-2024' order by number").fetchall()
    assert [p["id"] for p in practices] == [f"report-2024-practice-{n}" for n in range(1, 8)]
    assert all(p["organisation_en"] and p["organisation_zh"] and p["report_pages"] for p in practices)
    assert [p["organisation_zh"][:4] for p in practices] == ["百度智能", "百度（度", "北京银行", "中国电信", "蚂蚁集团",
                                                            "腾讯云（", "火山引擎"]
    principles = db.execute("select id from principles where commentary_id = 'report-frt-2024' order by number").fetchall()
    assert [p["id"] for p in principles] == [f"report-2024-principle-{n}" for n in range(1, 8)]


@pytest.mark.parametrize("table,record,obligation", [
    ("practice", "report-2024-practice-1", "independent-accuracy-testing"),
    ("practice", "report-2024-practice-2", "necessity"),
    ("practice", "report-2024-practice-3", "algorithm-trustworthiness"),
    ("practice", "report-2024-practice-4", "non-discrimination"),
    ("practice", "report-2024-practice-5", "notice-before-collection"),
    ("practice", "report-2024-practice-6", "reasonable-security"),
    ("practice", "report-2024-practice-7", "cn-local-processing"),
    ("practice", "report-2024-practice-7", "minimise-raw-image-retention"),
    ("principle", "report-2024-principle-2", "necessity"),
    ("principle", "report-2024-principle-3", "notice-before-collection"),
    ("principle", "report-2024-principle-4", "alternative-verification"),
    ("principle", "report-2024-principle-4", "withdraw-consent"),
    ("principle", "report-2024-principle-6", "gatekeeper-duties"),
])
def test_practice_and_principle_obligations(db, table, record, obligation):
    row(db, f"select 1 from {table}_obligations where {table}_id = ? and obligation_id = ?", record, obligation)


def test_article_and_its_proposals(db):
    article = row(db, "select kind, author_zh, title_zh, citation from commentary where id = 'article-face-data-2021'")
    assert article["kind"] == "article" and article["author_zh"].startswith("刘为军")
    assert article["title_zh"] == "重在前端治理：人脸数据保护立法展望"
    assert "财经E法" in article["citation"] and "2021年11月4日" in article["citation"]
    proposals = [r[0] for r in db.execute("select id from proposals where commentary_id = 'article-face-data-2021' "
                                          "order by sort_order")]
    assert proposals == [f"article-face-data-2021-p{n}" for n in range(1, 9)]
    links = {(r[0], r[1]) for r in db.execute("select proposal_id, obligation_id from proposal_obligations "
                                              "where proposal_id like 'article-face-data-2021-%'")}
    for number, obligation in [(1, "ban-emotion-recognition"), (2, "face-recognition-filing"), (2, "assess-impact"),
                               (3, "cn-local-processing"), (3, "minimise-raw-image-retention"),
                               (3, "destroy-when-purpose-met"), (3, "cn-entrustment-safeguards"),
                               (4, "minors-protection"), (5, "cross-border-transfer"), (5, "export-control"),
                               (7, "administrative-penalties"), (8, "public-space-limits")]:
        assert (f"article-face-data-2021-p{number}", obligation) in links
    for obligation in ("cn-local-processing", "cn-entrustment-safeguards"):
        assert row(db, "select topic_id from obligations where id = ?", obligation)[0] == "security"


@pytest.mark.parametrize("query,expected", [
    ("(2020)京02民终1641号", "cn-liu-jialong-v-shen-rong-appeal"),
    ("（2019）京0491民初10989号", "cn-sun-changbao-v-baidu"),
    ("(2021)沪0120刑初828号", "cn-spc-guiding-case-192-li-kaixiang"),
])
def test_docket_query_puts_the_case_first(real_build, query, expected):
    assert hits(real_build, query, limit=20)[0] == expected


@pytest.mark.parametrize("query,expected", [
    ("智能门铃 人脸识别", "cn-liu-jialong-v-shen-rong-appeal"),
    ("smart doorbell privacy neighbour", "cn-liu-jialong-v-shen-rong-appeal"),
    ("小鹏汽车 人脸 罚款", "cn-xuhui-amr-xpeng-2021"),
    ("颜值检测 人脸信息 侵犯公民个人信息罪", "cn-spc-guiding-case-192-li-kaixiang"),
    ("ZAO 换脸 约谈", "cn-miit-zao-2019"),
    ("健身房 刷脸 检察建议", "cn-wuxi-xinwu-procuratorate-gym-2022"),
    ("疫苗接种 指纹 人脸 望城", "cn-changsha-wangcheng-procuratorate-biometrics-2022"),
    ("景区 人脸 刷脸入园 检察建议", "cn-huzhou-procuratorate-scenic-area-2021"),
])
def test_word_queries_find_the_record(real_build, query, expected):
    assert expected in hits(real_build, query, limit=5)
