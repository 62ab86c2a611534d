"""Chinese face-information decisions from 2023 onwards beyond the 2024 report: the Liangjiang New Area
procuratorate's residential-estate case (SPP typical case, January 2026), the Beijing Internet Court's
AI face-swap template judgment (2024) and the Hangzhou Internet Court's AI face-swap public-interest
judgment (2023)."""


import pytest

from corpus_helpers import row, hits

LIANGJIANG = "cn-chongqing-liangjiang-procuratorate-residential-face-2025"
LIAO = "cn-liao-v-tech-culture-co-ai-face-swap-2024"
YU = "cn-xiaoshan-procuratorate-v-yu-ai-face-swap-2023"


@pytest.mark.parametrize("case,forum_zh,kind,date", [
    (LIANGJIANG, "重庆市两江新区人民检察院", "public_interest_litigation", "2025-07"),
    (LIAO, "北京互联网法院", "civil", "2024-06-20"),
    (YU, "杭州互联网法院", "public_interest_litigation", "2023-08-04"),
])
def test_case_identity(db, case, forum_zh, kind, date):
    r = row(db, "select forum_zh, forum_en, kind, date_decided, jurisdiction, citation, title_en, title_zh "
                "from cases where id = ?", case)
    assert r["forum_zh"] == forum_zh
    assert r["kind"] == kind
    assert r["date_decided"] == date
    assert r["jurisdiction"] == "CN"
    assert r["forum_en"] and r["title_en"] and r["title_zh"] and r["citation"]


def test_citations_name_the_publication(db):
    assert "2026年1月22日" in row(db, "select citation from cases where id = ?", LIANGJIANG)[0]
    assert "最高人民检察院" in row(db, "select citation from cases where id = ?", LIANGJIANG)[0]
    liao = row(db, "select citation, title_zh from cases where id = ?", LIAO)
    assert "2024年6月20日" in liao["citation"] and liao["title_zh"] == "廖某与某科技文化有限公司网络侵权责任纠纷案"
    yu = row(db, "select citation, title_zh from cases where id = ?", YU)
    assert "2023年8月4日" in yu["citation"] and "2023年8月22日" in yu["citation"]
    assert yu["title_zh"] == "虞某利用“AI换脸”技术侵犯公民个人信息民事公益诉讼案"


def test_amounts_in_cny(db):
    yu = row(db, "select amount, currency from cases where id = ?", YU)
    assert yu["amount"] == 60000 and yu["currency"] == "CNY"
    # the split of CNY 3,500 between the two parallel Beijing judgments is unreported: no amount field
    assert row(db, "select amount from cases where id = ?", LIAO)[0] is None


def test_key_facts(db):
    lj = row(db, "select facts_en, facts_zh, outcome_en, outcome_zh from cases where id = ?", LIANGJIANG)
    assert "1.5 million" in lj["facts_en"] and "150万条" in lj["facts_zh"]
    assert "three companies" in lj["facts_en"] and "3家企业" in lj["facts_zh"]
    assert "Housing and Urban-Rural Development Committee" in lj["outcome_en"]
    assert "住房和城乡建设委员会" in lj["outcome_zh"] and "人脸识别技术应用安全管理办法" in lj["outcome_zh"]
    liao = row(db, "select outcome_en, outcome_zh, holding_en from cases where id = ?", LIAO)
    assert "no infringement of the portrait right" in liao["outcome_en"]
    assert "不构成侵害肖像权" in liao["outcome_zh"] and "书面赔礼道歉" in liao["outcome_zh"]
    assert "CNY 3,500" in liao["outcome_en"] and "3500元" in liao["outcome_zh"]
    yu = row(db, "select outcome_en, outcome_zh, facts_zh, date_filed from cases where id = ?", YU)
    assert "CNY 60,000" in yu["outcome_en"] and "6万元" in yu["outcome_zh"]
    assert "22 August 2023" in yu["outcome_en"] and "法治日报" in yu["outcome_zh"]
    assert "2023年6月9日" in yu["facts_zh"] and yu["date_filed"] == "2023-06-09"


@pytest.mark.parametrize("case,provision,relation", [
    (LIANGJIANG, "cn-pipl-art28", "cited"),
    (LIANGJIANG, "cn-pipl-art29", "cited"),
    (LIANGJIANG, "cn-cac-face-recognition-measures-2025-art7", "cited"),
    (LIANGJIANG, "cn-cac-face-recognition-measures-2025-art8", "cited"),
    (LIAO, "cn-civil-code-art1019", "cited"),
    (LIAO, "cn-civil-code-art1034", "cited"),
    (LIAO, "cn-civil-code-art1035", "cited"),
    (YU, "cn-civil-code-art1035", "cited"),
    (YU, "cn-pipl-art29", "cited"),
])
def test_case_provision_links(db, case, provision, relation):
    # the published summaries name no articles: the links record the rules the conduct engages ("cited")
    assert row(db, "select relation from case_provisions where case_id = ? and provision_id = ?",
               case, provision)[0] == relation


@pytest.mark.parametrize("query,case", [
    ("小区 人脸识别 检察建议 两江新区", LIANGJIANG),
    ("住宅小区人脸信息 物业 公益诉讼", LIANGJIANG),
    ("residential estate face recognition procuratorate", LIANGJIANG),
    ("AI换脸 模板 个人信息权益", LIAO),
    ("face swap template personal information Beijing Internet Court", LIAO),
    ("AI换脸 公益诉讼 杭州互联网法院", YU),
    ("AI face-swapping public-interest Hangzhou", YU),
])
def test_search_finds_the_case(real_build, query, case):
    assert case in hits(real_build, query)
