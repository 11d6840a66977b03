"""Browser tests: the built demo site in Debian's Chromium, as a citizen sees it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from .helpers import open_page

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
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
    assert "Dữ liệu minh họa" in page.inner_text("body")  # type: ignore[attr-defined]
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


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_procedure_prints_as_a_short_checklist(browser: object, site_url: str) -> None:
    """Khai sinh's sheet: one A4 page, with who publishes it, the desk, the print date, the forms as
    full addresses, a QR code to the live page, and no text under 10.5 pt."""
    page, _, _ = open_page(browser, site_url + "thu-tuc/1.001193/", 1280)
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    for selector in (".md-header", ".md-sidebar", ".ck-calc", ".md-footer", ".ck-report"):
        hidden = page.evaluate(  # type: ignore[attr-defined]
            "s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none')", selector
        )
        assert hidden, f"{selector} is printed"
    sheet = page.locator(".ck-sheet")  # type: ignore[attr-defined]
    assert sheet.is_visible()
    text = sheet.inner_text()
    assert "UBND huyện Kiến Xương" in text and "https://kienxuong.example.gov.vn/thu-tuc/1.001193/" in text
    today = page.evaluate(  # type: ignore[attr-defined]
        "new Intl.DateTimeFormat('en-GB', {timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit',"
        " year: 'numeric'}).format(new Date())"
    )
    assert f"In ngày {today}" in text
    qr = page.locator("img.ck-qr")  # type: ignore[attr-defined]
    assert qr.is_visible() and page.evaluate("document.querySelector('img.ck-qr').naturalWidth") > 0  # type: ignore[attr-defined]
    # Where to go (on a commune procedure: the communes' list in full) and the forms as full URLs.
    assert page.get_by_text("https://kienxuong.example.gov.vn/xa-phuong/").is_visible()  # type: ignore[attr-defined]
    urls = page.locator(".ck-print-url").all_inner_texts()  # type: ignore[attr-defined]
    assert urls and all(u.startswith("https://") for u in urls), urls
    small = page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll("article *")]
          .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.nodeValue.trim()))
          .filter((el) => el.checkVisibility())
          .map((el) => [parseFloat(getComputedStyle(el).fontSize) * 0.75, el.textContent.trim().slice(0, 30)])
          .filter(([pt]) => pt < 10.5)"""
    )
    assert small == [], "text printed under 10.5 pt"
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "procedure-print.pdf"), format="A4")  # type: ignore[attr-defined]
    assert _pdf_pages(pdf) == 1, f"khai sinh prints on {_pdf_pages(pdf)} pages"
    page.context.close()  # type: ignore[attr-defined]


def test_every_procedure_prints_on_at_most_two_pages(browser: object, site_url: str, demo_site: Path) -> None:
    codes = sorted(p.parent.name for p in (demo_site / "thu-tuc").glob("*/index.html"))
    page, _, _ = open_page(browser, site_url + "thu-tuc/", 1280)
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    long = {}
    for code in codes:
        page.goto(site_url + f"thu-tuc/{code}/", wait_until="load")  # type: ignore[attr-defined]
        pages = _pdf_pages(page.pdf(format="A4"))  # type: ignore[attr-defined]
        if not 1 <= pages <= 2:
            long[code] = pages
    assert long == {}
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
    visible = page.locator("li[data-folded]:visible").all_inner_texts()  # type: ignore[attr-defined]
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
