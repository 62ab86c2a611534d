"""The State Council's 2025 regulation on public security video systems: the facts a lawyer relies on
(order number, dates, status, article numbers, forbidden places, fines, links, search)."""


import pytest

from corpus_helpers import row, hits

REG = "cn-public-security-video-regulations"


@pytest.mark.parametrize("field,value", [
    ("jurisdiction", "CN"),
    ("kind", "administrative_regulation"),
    ("level", "administrative_regulation"),
    ("citation", "中华人民共和国国务院令第799号"),
    ("title_zh", "公共安全视频图像信息系统管理条例"),
    ("date_adopted", "2024-12-16"),
    ("date_effective", "2025-04-01"),
    ("status", "in_force"),
    ("force", "binding"),
])
def test_regulation_facts(db, field, value):
    assert row(db, f"select {field} from instruments where id = ?", REG)[0] == value


def test_summary_records_signature_articles_and_2016_draft(db):
    found = row(db, "select summary_en, summary_zh from instruments where id = ?", REG)
    assert "13 January 2025" in found["summary_en"] and "34 articles" in found["summary_en"]
    assert "28 November 2016" in found["summary_en"]
    assert "2016年11月28日" in found["summary_zh"] and "三十四条" in found["summary_zh"]


def test_no_pipl_basis_is_claimed(db):
    # Art. 1 rests the regulation on "relevant laws" without naming the PIPL
    assert db.execute("select count(*) from instrument_relations where from_id = ?", [REG]).fetchone()[0] == 0
    assert "有关法律" in row(db, "select text_zh from provisions where id = ?", f"{REG}-art1")[0]


@pytest.mark.parametrize("suffix,number,number_zh", [
    ("art1", "Art. 1", "第一条"),
    ("art2", "Art. 2", "第二条"),
    ("art7", "Art. 7", "第七条"),
    ("art8", "Art. 8", "第八条"),
    ("art10", "Art. 10", "第十条"),
    ("art14", "Art. 14", "第十四条"),
    ("art27", "Art. 27", "第二十七条"),
    ("art29", "Art. 29", "第二十九条"),
])
def test_article_numbers(db, suffix, number, number_zh):
    found = row(db, "select number, number_zh, instrument_id from provisions where id = ?", f"{REG}-{suffix}")
    assert (found["number"], found["number_zh"], found["instrument_id"]) == (number, number_zh, REG)


def test_forbidden_places(db):
    art8 = row(db, "select text_en, text_zh from provisions where id = ?", f"{REG}-art8")
    for place in ("guest rooms", "dormitory", "toilets", "changing rooms", "fitting rooms"):
        assert place in art8["text_en"], place
    for place in ("客房", "宿舍", "卫生间", "更衣室", "试衣间", "哺乳室"):
        assert place in art8["text_zh"], place


def test_fines_for_forbidden_installation_and_filing(db):
    art27 = row(db, "select text_en, text_zh from provisions where id = ?", f"{REG}-art27")["text_en"]
    assert "CNY 5,000 to 10,000" in art27 and "CNY 10,000 to 20,000" in art27 and "article 8(1)" in art27
    art29 = row(db, "select text_en from provisions where id = ?", f"{REG}-art29")[0]
    assert "up to CNY 10,000" in art29 and "article 14" in art29


@pytest.mark.parametrize("suffix,obligation,actor,modality", [
    ("art7", "public-space-limits", "cn-any-party", "must_not"),
    ("art7", "public-space-limits", "public_authority", "must"),
    ("art8", "public-space-limits", "cn-any-party", "must_not"),
    ("art8", "public-space-limits", "service_user", "must"),
    ("art10", "public-space-limits", "cn-any-party", "must"),
    ("art27", "administrative-penalties", "law-enforcement-authority", "may"),
    ("art29", "administrative-penalties", "law-enforcement-authority", "may"),
])
def test_provision_obligation_links(db, suffix, obligation, actor, modality):
    assert row(db, "select modality from provision_obligations where provision_id = ? and obligation_id = ? "
                   "and actor_id = ?", f"{REG}-{suffix}", obligation, actor)[0] == modality


def test_definition_is_scope(db):
    assert db.execute("select count(*) from provision_obligations where provision_id = ?",
                      [f"{REG}-art2"]).fetchone()[0] == 0


@pytest.mark.parametrize("query,expected", [
    ("公共安全视频图像信息系统管理条例", REG),
    ("public security video image information systems regulation", REG),
    ("camera hotel guest rooms changing rooms forbidden", f"{REG}-art8"),
    ("禁止 客房 更衣室 安装 图像采集设备", f"{REG}-art8"),
])
def test_searches_find_the_regulation(real_build, query, expected):
    assert expected in hits(real_build, query)
