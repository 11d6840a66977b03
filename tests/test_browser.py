"""Browser tests: the built demo site in Debian's Chromium, as a citizen sees it."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {
    "home": "",
    "procedure": "thu-tuc/1.001193/",
    "commune": "xa-phuong/xa-vu-ninh/",
    "fees": "phi-le-phi/",
    "az": "thu-tuc/",
    "field": "linh-vuc/ho-tich/",
    "documents": "giay-to/",
    "results": "ket-qua-giai-quyet/",
    "404": "khong-co-trang-nay/",
}

pytestmark = pytest.mark.browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404:  # serve the site's own 404 page, as static hosts do
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("browser") / "site"
    env = {**os.environ, "CONGKHAI_DATE": dt.date.today().isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        check=True,
        env=env,
        cwd=ROOT,
    )
    handler = functools.partial(_Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed (make test installs it)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=FLAGS)
        yield b
        b.close()


def open_page(browser: object, url: str, width: int) -> tuple[object, list[str], list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url, wait_until="networkidle")
    return page, requests, errors


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_without_errors_or_outside_requests(browser: object, site_url: str, name: str, width: int) -> None:
    page, requests, errors = open_page(browser, site_url + PAGES[name], width)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)  # type: ignore[attr-defined]
    outside = [r for r in requests if not r.startswith(("http://127.0.0.1", "data:", "blob:"))]
    assert outside == [], f"requests to other hosts: {outside}"
    # The 404 page answers 404 by design; any other console error is a defect.
    assert [e for e in errors if name != "404" or "404" not in e] == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")  # type: ignore[attr-defined]
    assert overflow <= 1, f"page is {overflow}px wider than the screen"
    assert page.locator("h1").count() == 1  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


def test_procedure_page_content(browser: object, site_url: str) -> None:
    page, _, _ = open_page(browser, site_url + "thu-tuc/1.001193/", 1280)
    text = page.inner_text("article")  # type: ignore[attr-defined]
    assert "Đăng ký khai sinh" in text and "1.001193" in text
    assert "Giấy chứng sinh" in text and "Tờ khai đăng ký khai sinh" in text
    assert "Dữ liệu minh hoạ" in page.inner_text("body")  # type: ignore[attr-defined]
    nav_links = page.locator("nav.md-nav a").all_inner_texts()  # type: ignore[attr-defined]
    assert not any("khai sinh" in t.lower() for t in nav_links)
    page.context.close()  # type: ignore[attr-defined]


def test_fee_calculator_by_keyboard(browser: object, site_url: str) -> None:
    page, _, errors = open_page(browser, site_url + "thu-tuc/2.000815/", 1280)
    pages_input = page.locator("form.ck-calc input").first  # type: ignore[attr-defined]
    pages_input.focus()
    page.keyboard.press("Control+A")  # type: ignore[attr-defined]
    page.keyboard.type("5")  # type: ignore[attr-defined]
    assert page.locator("form.ck-calc output").inner_text() == "7.000 đồng"  # type: ignore[attr-defined]
    page.keyboard.press("Control+A")  # type: ignore[attr-defined]
    page.keyboard.type("250")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    page.keyboard.press("Control+A")  # type: ignore[attr-defined]
    page.keyboard.type("2")  # type: ignore[attr-defined]
    assert page.locator("form.ck-calc output").inner_text() == "400.000 đồng"  # type: ignore[attr-defined]
    assert errors == []
    page.context.close()  # type: ignore[attr-defined]


def test_commune_page_highlights_today(browser: object, site_url: str) -> None:
    page, _, _ = open_page(browser, site_url + "xa-phuong/xa-vu-ninh/", 1280)
    today = page.locator("table.ck-week tr.ck-today")  # type: ignore[attr-defined]
    assert today.count() == 1
    assert today.get_attribute("data-date") == dt.date.today().isoformat()
    page.context.close()  # type: ignore[attr-defined]


def test_procedure_prints_as_a_short_checklist(browser: object, site_url: str) -> None:
    page, _, _ = open_page(browser, site_url + "thu-tuc/1.001193/", 1280)
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    for selector in (".md-header", ".md-sidebar", ".ck-calc", ".md-footer"):
        hidden = page.evaluate(  # type: ignore[attr-defined]
            "s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none')", selector
        )
        assert hidden, f"{selector} is printed"
    assert page.locator(".ck-print-url").first.is_visible()  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "procedure-print.pdf"), format="A4")  # type: ignore[attr-defined]
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"the checklist prints on {pages} pages"
    page.context.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dang ky ket hon", "Đăng ký kết hôn"),
        ("khai tu", "Đăng ký khai tử"),
        ("1.001193", "Đăng ký khai sinh"),
        ("sổ đỏ", "Giấy chứng nhận"),
    ],
)
def test_home_search_box_finds_procedures_without_accents(
    browser: object, site_url: str, query: str, expected: str
) -> None:
    page, _, errors = open_page(browser, site_url, 1280)
    page.fill("#ck-home-q", query)  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url("**/tim-kiem/?q=*")  # type: ignore[attr-defined]
    page.wait_for_selector("#ck-search-page-results .ck-result")  # type: ignore[attr-defined]
    titles = page.locator("#ck-search-page-results .ck-result__title").all_inner_texts()  # type: ignore[attr-defined]
    assert any(expected in t for t in titles[:3]), titles
    assert errors == []
    page.context.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("query", "expected"), [("dang ky ket hon", "Đăng ký kết hôn"), ("sổ đỏ", "Giấy chứng nhận")])
def test_a_to_z_filter_answers_without_pagefind(browser: object, site_url: str, query: str, expected: str) -> None:
    page, _, errors = open_page(browser, site_url + "thu-tuc/?q=" + query, 1280)
    visible = page.locator("tr[data-folded]:visible").all_inner_texts()  # type: ignore[attr-defined]
    assert visible and any(expected in row for row in visible), visible
    assert len(visible) < 20
    assert errors == []
    page.context.close()  # type: ignore[attr-defined]


def test_keyboard_alone_reaches_search_navigation_and_calculator(browser: object, site_url: str) -> None:
    page, _, _ = open_page(browser, site_url + "thu-tuc/2.000815/", 1280)
    reached: list[str] = []
    for _ in range(120):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        reached.append(
            page.evaluate(  # type: ignore[attr-defined]
                "() => { const e = document.activeElement; return (e.id || '') + '|' + (e.className || '') + '|' + (e.textContent || '').trim().slice(0, 30); }"
            )
        )
    assert any(r.startswith("ck-search-q|") for r in reached), "search box not reachable by Tab"
    assert any("md-tabs__link" in r for r in reached), "navigation not reachable by Tab"
    assert any(r.startswith("calc-phi-chung-thuc-ban-sao-n|") for r in reached), "calculator not reachable by Tab"
    # and the focus is always visible on the search box
    page.focus("#ck-search-q")  # type: ignore[attr-defined]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")  # type: ignore[attr-defined]
    assert outline != "none"
    page.context.close()  # type: ignore[attr-defined]
