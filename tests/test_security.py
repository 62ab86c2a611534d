"""Hostile content and hostile queries: escaped, never a 500, never a traceback."""

import asyncio

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.build import build, index_path_for
from kb.cli import main
from kb.search import search
from test_plugin import datasette_for

FTS_BREAKERS = ['"', '""', "'", "(", ")", "*", "-", "+", ":", "^", "NEAR(a b)", "a AND", "OR", "NOT x", "{a b}: c",
                "col:val", "\\", "%", "_", "\x00", "\u202e", "单独\"同意", "a" * 20000, "人" * 5000, "🙂", "\ufeff"]


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    import shutil

    from conftest import FIXTURES

    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(FIXTURES / "mini", corpus)
    path = corpus / "instruments" / "act.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Test Biometric Act", "<script>alert('x')</script> Act")
    text = text.replace("text_en: Defines biometric identifier.",
                        "text_en: \"Defines [a link](javascript:alert(1)) and <img src=x onerror=alert(2)>.\"")
    path.write_text(text, encoding="utf-8")
    return build(corpus, tmp_path_factory.mktemp("hostile-out") / "kb.db")


@pytest.mark.asyncio
@pytest.mark.parametrize("url", ["/kb/instruments", "/kb/instruments/test-act", "/kb/provisions",
                                 "/kb/provisions/test-act-1", "/kb/provisions_detail",
                                 "/kb/provisions?_search=script", "/kb/instruments?_facet=title_en"])
async def test_corpus_html_is_shown_as_text(hostile_build, url):
    ds = datasette_for(hostile_build.db_path)
    response = await ds.client.get(url)
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text
    assert 'href="javascript:' not in response.text


@pytest.mark.asyncio
async def test_json_carries_text_as_data_not_html(hostile_build):
    ds = datasette_for(hostile_build.db_path)
    response = await ds.client.get("/kb/instruments.json")
    assert response.headers["content-type"].startswith("application/json")


@pytest.mark.asyncio
@pytest.mark.parametrize("query", FTS_BREAKERS, ids=range(len(FTS_BREAKERS)))
@pytest.mark.parametrize("table", ["provisions", "cases", "instruments", "obligations"])
async def test_fts_breakers_never_500(hostile_build, table, query):
    ds = datasette_for(hostile_build.db_path)
    response = await ds.client.get(f"/kb/{table}.json", params={"_search": query})
    assert response.status_code < 500, response.text[:300]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=200))
def test_fuzzed_search_box_never_500(hostile_build, query):
    ds = datasette_for(hostile_build.db_path)

    async def run():
        for params in ({"_search": query}, {"_search_text_zh": query}, {"_search": query, "_searchmode": "raw"}):
            response = await ds.client.get("/kb/provisions.json", params=params)
            assert response.status_code < 500, (params, response.text[:300])

    asyncio.run(run())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300))
def test_fuzzed_ranked_search_never_raises(hostile_build, query):
    results = search(index_path_for(hostile_build.db_path), query)
    assert results.message or results.total >= 0


@pytest.mark.parametrize("query", FTS_BREAKERS, ids=range(len(FTS_BREAKERS)))
def test_cli_search_hostile_input(hostile_build, query):
    query = query.replace("\x00", "")  # a NUL cannot be an argv element
    result = CliRunner().invoke(main, ["search", "--db", str(hostile_build.db_path), "--", query or " "])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


@pytest.mark.asyncio
@pytest.mark.parametrize("query", FTS_BREAKERS + ["<script>alert(1)</script>"], ids=range(len(FTS_BREAKERS) + 1))
async def test_search_page_hostile_input(hostile_build, query):
    ds = datasette_for(hostile_build.db_path)
    query = query[:1500]  # the test client refuses longer URLs; the server caps queries anyway
    for path in ("/-/search", "/-/search.json"):
        response = await ds.client.get(path, params={"q": query, "limit": "x", "from": query, "kind": query})
        assert response.status_code < 500, response.text[:300]
        assert "<script>alert(1)</script>" not in response.text or path.endswith(".json")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=200), jurisdiction=st.text(max_size=20))
def test_fuzzed_search_page_never_500(hostile_build, query, jurisdiction):
    ds = datasette_for(hostile_build.db_path)

    async def run():
        response = await ds.client.get("/-/search.json", params={"q": query, "jurisdiction": jurisdiction})
        assert response.status_code < 500, response.text[:300]

    asyncio.run(run())


@pytest.mark.asyncio
async def test_served_read_only_and_sql_can_be_turned_off(hostile_build):
    import hashlib

    import yaml as _yaml
    from datasette.app import Datasette

    from kb.build import REPO_ROOT

    before = hashlib.sha256(hostile_build.db_path.read_bytes()).hexdigest()
    ds = datasette_for(hostile_build.db_path)
    for sql in ("delete from provisions", "update cases set title_en = 'x'", "drop table errata",
                "insert into topics (id) values ('x')"):
        response = await ds.client.get("/kb.json", params={"sql": sql})
        assert response.status_code in (400, 403)
    for path in ("/-/search", "/-/compare", "/kb/provisions", "/-/cite.json"):
        response = await ds.client.post(path, data={"q": "x"})
        assert response.status_code < 500
    assert hashlib.sha256(hostile_build.db_path.read_bytes()).hexdigest() == before
    slow = await ds.client.get("/kb.json", params={"sql": "with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r"})
    assert slow.status_code == 400  # stopped by the SQL time limit … or Datasette's own limits
    metadata = _yaml.safe_load((REPO_ROOT / "datasette_metadata.yml").read_text(encoding="utf-8"))
    metadata["allow_sql"] = False
    locked = Datasette(immutables=[str(hostile_build.db_path)], metadata=metadata)
    assert (await locked.client.get("/kb.json", params={"sql": "select 1"})).status_code == 403
