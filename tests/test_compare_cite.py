"""Comparison across regimes and citation strings."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from kb import compare as comparing
from kb.cite import CiteError, bluebook_name, cite, _oj
from kb.cli import main


def test_compare_topic_puts_each_regime_in_its_column(mini_build):
    result = comparing.compare(mini_build.db_path, "consent")
    rows = {r.obligation_id: r for r in result.rows}
    assert [e.provision_id for e in rows["written-consent"].cells["US"]] == ["test-act-2"]
    assert rows["written-consent"].cells["US"][0].jurisdiction == "US-IL"  # the state stays visible
    assert [e.provision_id for e in rows["separate-consent"].cells["CN"]] == ["test-cn-law-art29"]
    assert rows["separate-consent"].cells["EU"] == []


def test_empty_cells_say_so_in_every_format(mini_build):
    result = comparing.compare(mini_build.db_path, "written-consent")
    assert comparing.NOTHING_EN in comparing.to_markdown(result, "en")
    table = list(csv.reader(io.StringIO(comparing.to_csv(result))))
    assert any(comparing.NOTHING_EN in " ".join(row) for row in table)
    assert comparing.NOTHING_ZH in comparing.to_html(result, "zh")


def test_compare_role_filter_and_errors(mini_build):
    only_subjects = comparing.compare(mini_build.db_path, "consent", role="data_subject")
    assert all(not cells for row in only_subjects.rows for cells in row.cells.values())
    with pytest.raises(comparing.CompareError, match="Topics: consent"):
        comparing.compare(mini_build.db_path, "no-such-topic")


def test_compare_cli_formats(mini_build):
    runner = CliRunner()
    out = runner.invoke(main, ["compare", "consent", "--db", str(mini_build.db_path), "--format", "json"])
    data = json.loads(out.output)
    assert [j["code"] for j in data["jurisdictions"]] == ["US", "EU", "CN"]
    out = runner.invoke(main, ["compare", "consent", "--db", str(mini_build.db_path), "--format", "markdown", "--lang", "zh"])
    assert "| Obligation | US | EU | CN |" in out.output and "私人实体应当" in out.output
    bad = runner.invoke(main, ["compare", "zzz", "--db", str(mini_build.db_path)])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_obligations_for_a_role(mini_build):
    out = CliRunner().invoke(main, ["obligations", "--db", str(mini_build.db_path), "--actor", "service_user", "--json"])
    duties = json.loads(out.output)
    assert {d["provision_id"] for d in duties} == {"test-act-2", "test-cn-law-art29"}
    out = CliRunner().invoke(main, ["obligations", "--db", str(mini_build.db_path), "--actor", "service_user", "-j", "CN", "--json"])
    assert {d["provision_id"] for d in json.loads(out.output)} == {"test-cn-law-art29"}


def test_coverage_and_timeline(mini_build):
    data = comparing.coverage(mini_build.db_path)
    assert data["matrix"]["consent"]["US"] == {"binding": 1, "soft": 0}
    assert data["matrix"]["consent"]["CN"] == {"binding": 1, "soft": 0}
    assert [t["id"] for t in comparing.timeline(mini_build.db_path)][0] == "test-act"


def test_citation_styles_on_fixture(mini_build):
    assert cite(mini_build.db_path, "test-case").text == "Doe v. Test Park, 2019 TEST 1"
    assert cite(mini_build.db_path, "test-cn-law-art29", "cn", "zh").text == "《测试个人信息保护法》第二十九条"
    assert cite(mini_build.db_path, "test-cn-law-art29", "oscola").text == "Test Personal Information Law, art 29"


def test_missing_facts_never_give_a_malformed_citation(mini_build):
    with pytest.raises(CiteError, match="missing docket"):
        cite(mini_build.db_path, "test-case", "cn", "zh")
    with pytest.raises(CiteError, match="no case, instrument or provision"):
        cite(mini_build.db_path, "nothing-here")


def test_citation_helpers():
    assert bluebook_name("Rosenbach v. Six Flags Entertainment Corporation") == "Rosenbach v. Six Flags Ent. Corp."
    assert _oj("OJ L 119, 4.5.2016, p. 1") == "[2016] OJ L119/1"
    assert _oj("OJ L, 2024/1689, 12.7.2024") == "[2024] OJ L 2024/1689"


@pytest.mark.asyncio
async def test_compare_and_overview_pages(mini_build):
    from test_plugin import datasette_for

    ds = datasette_for(mini_build.db_path)
    page = await ds.client.get("/-/compare", params={"topic": "consent"})
    assert page.status_code == 200 and 'href="/kb/provisions/test-act-2"' in page.text and "US-IL" in page.text
    md = await ds.client.get("/-/compare.md", params={"topic": "consent"})
    assert md.headers["content-type"].startswith("text/markdown") and "| Obligation |" in md.text
    csv_response = await ds.client.get("/-/compare.csv", params={"topic": "consent"})
    assert "attachment" in csv_response.headers["content-disposition"]
    bad = await ds.client.get("/-/compare.json", params={"topic": "<script>"})
    assert bad.status_code == 400
    overview = await ds.client.get("/-/overview")
    assert overview.status_code == 200 and "<svg" in overview.text and "/-/compare?topic=consent" in overview.text
