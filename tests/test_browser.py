"""End to end in a real browser: Playwright driving Debian's Chromium against `kb serve`."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def server(mini_build_module):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = mini_build_module.db_path
    process = subprocess.Popen([sys.executable, "-m", "kb.cli", "serve", "--db", str(db), "--corpus",
                                str(Path(__file__).parent / "fixtures" / "mini"), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    import httpx

    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if httpx.get(base + "/-/versions.json", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def mini_build_module(tmp_path_factory):
    from kb.build import build

    from conftest import FIXTURES

    return build(FIXTURES / "mini", tmp_path_factory.mktemp("browser") / "kb.db")


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        yield context.new_page()
        browser.close()


def _shot(page, tmp_path, name) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5000  # a real rendered page, not an empty image
    return path


def test_home_search_compare_and_copy_a_citation(page, server, tmp_path):
    page.goto(server + "/")
    assert "facelaw" in page.title().lower() or "facelaw" in page.content()
    _shot(page, tmp_path, "home")

    page.goto(server + "/-/search")
    page.fill("input[name=q]", "单独同意")
    page.click("input[type=submit]")
    page.wait_for_selector(".kb-results li")
    assert page.locator("mark").first.inner_text() == "单独同意"
    assert "test-cn-law-art29" in page.locator(".kb-results a").first.get_attribute("href") or \
        page.locator(".kb-results a[href$='test-cn-law-art29']").count() == 1
    _shot(page, tmp_path, "search")

    page.goto(server + "/-/compare?topic=consent")
    assert page.locator("table.kb-compare a[href$='test-act-2']").count() == 1
    assert page.locator("td.kb-empty").count() >= 1
    _shot(page, tmp_path, "compare")

    page.goto(server + "/-/overview")
    assert page.locator("svg.kb-timeline").count() == 1
    page.click("table.kb-heat td a >> nth=0")
    page.wait_for_url("**/-/compare?topic=*")
    _shot(page, tmp_path, "overview-click")

    page.goto(server + "/kb/cases/test-case")
    page.wait_for_selector(".kb-citations .kb-copy")
    page.click(".kb-citations .kb-copy >> nth=0")
    page.wait_for_function("document.querySelector('.kb-copy').textContent.startsWith('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == "Doe v. Test Park, 2019 TEST 1"
    page.wait_for_selector(".kb-citations a[href$='test-act-2']")  # the graph: the provision the case applied
    _shot(page, tmp_path, "case")
