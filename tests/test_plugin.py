"""The Datasette plugin through Datasette's own test client."""

import pytest
import yaml
from datasette.app import Datasette

from kb.build import REPO_ROOT
from kb.plugin import rewrite_search_params


def datasette_for(db_path):
    metadata = yaml.safe_load((REPO_ROOT / "datasette_metadata.yml").read_text(encoding="utf-8"))
    # metadata names the database "kb"; serve the test database under that name
    return Datasette(immutables=[str(db_path)], metadata=metadata)


async def search_ids(ds, table, query):
    response = await ds.client.get(f"/kb/{table}.json", params={"_search": query, "_shape": "array"})
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()]


def test_query_rewrite_segments_chinese_only():
    assert rewrite_search_params("_search=written+consent".encode()) == b"_search=written+consent"
    rewritten = rewrite_search_params("_search=人臉識別單獨同意&_sort=id".encode())
    from urllib.parse import parse_qs
    assert parse_qs(rewritten.decode())["_search"] == ["人脸识别 单独同意"]
    assert parse_qs(rewritten.decode())["_sort"] == ["id"]


@pytest.mark.asyncio
async def test_search_box_in_both_languages(mini_build):
    ds = datasette_for(mini_build.db_path)
    assert await search_ids(ds, "provisions", "单独同意") == ["test-cn-law-art29"]
    assert await search_ids(ds, "provisions", "單獨同意") == ["test-cn-law-art29"]
    assert await search_ids(ds, "provisions", "written consent") == ["test-act-2"]
    assert await search_ids(ds, "cases", "书面授权") == ["test-case"]


@pytest.mark.asyncio
@pytest.mark.parametrize("query", ['"unbalanced', "*", "consent OR", "NEAR(", "a" * 5000, "\x00\x01", ")(", "^"])
async def test_hostile_search_never_500(mini_build, query):
    ds = datasette_for(mini_build.db_path)
    response = await ds.client.get("/kb/provisions.json", params={"_search": query})
    assert response.status_code < 500


@pytest.mark.asyncio
async def test_plugin_is_registered_and_metadata_describes_tables(mini_build):
    ds = datasette_for(mini_build.db_path)
    plugins = (await ds.client.get("/-/plugins.json")).json()
    assert any(p["name"] == "facelaw" for p in plugins)
    page = await ds.client.get("/kb/provisions")
    assert page.status_code == 200
    assert "Articles, sections and recitals" in page.text


@pytest.mark.asyncio
async def test_search_page_shows_highlighted_bilingual_results_with_facets(mini_build):
    ds = datasette_for(mini_build.db_path)
    page = await ds.client.get("/-/search", params={"q": "单独同意"})
    assert page.status_code == 200
    assert "<mark>单独同意</mark>" in page.text
    assert "Separate consent for sensitive information" in page.text and "敏感个人信息的单独同意" in page.text
    assert 'href="/kb/provisions/test-cn-law-art29"' in page.text
    assert "Kind / 类型" in page.text and "kind=provision" in page.text
    data = (await ds.client.get("/-/search.json", params={"q": "consent", "jurisdiction": "US"})).json()
    assert data["filters"] == {"jurisdiction": "US"}
    assert {r["jurisdiction"] for r in data["results"]} <= {"US", "US-IL", ""}
    assert "test-cn-law-art29" not in [r["id"] for r in data["results"]]


@pytest.mark.asyncio
async def test_search_page_citation_and_empty_query(mini_build):
    ds = datasette_for(mini_build.db_path)
    data = (await ds.client.get("/-/search.json", params={"q": "TPIL 29"})).json()
    assert data["results"][0]["id"] == "test-cn-law-art29" and data["results"][0]["matched"] == "citation"
    empty = await ds.client.get("/-/search")
    assert empty.status_code == 200 and "740 ILCS 14/15" in empty.text


@pytest.mark.asyncio
async def test_index_pages_of_an_immutable_database_are_rendered_once(mini_build, monkeypatch):
    from datasette.database import Database

    ds = datasette_for(mini_build.db_path)
    first = await ds.client.get("/kb")
    calls = []
    original = Database.execute_fn

    async def counting(self, fn):
        calls.append(fn)
        return await original(self, fn)

    monkeypatch.setattr(Database, "execute_fn", counting)
    again = await ds.client.get("/kb")
    assert again.status_code == 200 and again.text == first.text
    assert calls == []  # served from the rendered copy, no query run
    table = await ds.client.get("/kb/instruments")  # other pages are rendered as usual
    assert table.status_code == 200 and calls
    assert (await ds.client.post("/kb", data={})).status_code == 405
