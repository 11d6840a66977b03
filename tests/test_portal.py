"""Browser tests of issue 13's portal look, on the built demo in Chromium: the key facts inside the
first screen of a phone, full-contrast titles, tables stacked with their labels, no theme credit
or empty sidebars, the skip link, touch targets, and the header search without JavaScript."""

from __future__ import annotations

import re
import shutil

import pytest

from .helpers import CHROMIUM_FLAGS, open_page

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 780}
# Procedures at commune and district level, with and without an online service; two communes.
FIRST_SCREEN = [
    "thu-tuc/1.001193/",  # commune level, online
    "thu-tuc/9.000202/",  # commune level, no online service
    "thu-tuc/9.000501/",  # district level, online (partly)
    "thu-tuc/9.000201/",  # district level, no online service
    "xa-phuong/xa-vu-ninh/",
    "xa-phuong/tt-kien-xuong/",
]
# One page of every type.
PAGE_TYPES = {
    "home": "",
    "procedure": "thu-tuc/2.000815/",
    "commune": "xa-phuong/xa-vu-ninh/",
    "communes": "xa-phuong/",
    "az": "thu-tuc/",
    "field": "linh-vuc/ho-tich/",
    "fees": "phi-le-phi/",
    "agencies": "co-quan/",
    "documents": "giay-to/",
    "recent": "cap-nhat/",
    "results": "ket-qua-giai-quyet/",
    "search": "tim-kiem/",
    "about": "gioi-thieu/",
    "level": "cap/xa/",
    "agency": "co-quan/phong-ktht/",
    "legal": "van-ban/",
    "opendata": "du-lieu-mo/",
    "feedback": "phan-anh-kien-nghi/",
    "accessibility": "tiep-can/",
}


def phone_page(browser: object, url: str, javascript: bool = True) -> object:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return page


@pytest.mark.parametrize("path", FIRST_SCREEN)
def test_key_facts_are_in_the_first_screen_of_a_phone(browser: object, site_url: str, path: str) -> None:
    page = phone_page(browser, site_url + path)
    rows = page.locator(".ck-facts__row")  # type: ignore[attr-defined]
    count = rows.count()
    labels = rows.locator("dt").all_inner_texts()
    expected = 5 if path.startswith("thu-tuc/") else 4
    assert count == expected, labels
    title = page.locator("h1").bounding_box()  # type: ignore[attr-defined]
    facts = page.locator(".ck-facts").bounding_box()  # type: ignore[attr-defined]
    assert facts["y"] >= title["y"] + title["height"] - 1, "the key facts come right under the title"
    for index in range(count):
        box = rows.nth(index).bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], f"{labels[index]} ends at {box['y'] + box['height']:.0f}px"
    start = page.locator("a.ck-facts__start")  # type: ignore[attr-defined]
    if start.count():
        assert start.get_attribute("href").startswith("https://")
    # Every label leads to its section of the page.
    for href in rows.locator("dt a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert re.fullmatch(r"#[a-z-]+", href), href
        assert page.locator(href).count() == 1, f"no section {href}"  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


def test_key_facts_of_a_procedure_say_what_a_citizen_asks(browser: object, site_url: str) -> None:
    page = phone_page(browser, site_url + "thu-tuc/1.001193/")
    facts = dict(
        zip(
            page.locator(".ck-facts dt").all_inner_texts(),  # type: ignore[attr-defined]
            page.locator(".ck-facts dd").all_inner_texts(),  # type: ignore[attr-defined]
            strict=True,
        )
    )
    assert set(facts) == {"Phí, lệ phí", "Thời hạn giải quyết", "Nơi nộp hồ sơ", "Nộp trực tuyến", "Giấy tờ cần mang"}
    assert "Hôm nay (thứ Bảy 28/11/2026)" in facts["Nơi nộp hồ sơ"], facts  # a commune-level procedure
    assert "Bắt đầu nộp hồ sơ trực tuyến" in facts["Nộp trực tuyến"]
    assert re.search(r"\d+ giấy tờ", facts["Giấy tờ cần mang"])
    page.context.close()  # type: ignore[attr-defined]


def test_key_facts_of_a_commune(browser: object, site_url: str) -> None:
    page = phone_page(browser, site_url + "xa-phuong/xa-vu-ninh/")
    box = page.locator(".ck-facts")  # type: ignore[attr-defined]
    assert "Hôm nay (thứ Bảy 28/11/2026)" in box.inner_text()
    assert box.locator("a[href^='tel:']").count() == 1
    map_link = box.locator("a", has_text="Xem bản đồ")
    assert map_link.get_attribute("href").startswith("https://www.openstreetmap.org/search?query=")
    page.context.close()  # type: ignore[attr-defined]


def _ratio(rgb: str) -> float:
    """The contrast of a computed `rgb(r, g, b)` colour against white."""

    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)


@pytest.mark.parametrize("path", ["thu-tuc/1.001193/", "xa-phuong/xa-vu-ninh/", ""])
def test_titles_are_in_full_contrast(browser: object, site_url: str, path: str) -> None:
    page = phone_page(browser, site_url + path)
    for selector in ("h1", "h2"):
        colour = page.locator(selector).first.evaluate("e => getComputedStyle(e).color")  # type: ignore[attr-defined]
        opacity = page.locator(selector).first.evaluate("e => getComputedStyle(e).opacity")  # type: ignore[attr-defined]
        assert "rgba" not in colour and float(opacity) == 1, colour
        assert _ratio(colour) >= 15, f"{selector} is {colour}: {_ratio(colour):.1f}:1"
    page.context.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_tables_stack_on_a_phone(browser: object, site_url: str, name: str) -> None:
    """At 360 px no table cell is a narrow column (words one per line): rows become blocks with
    their labels; and nothing is wider than the screen."""
    page = phone_page(browser, site_url + PAGE_TYPES[name])
    narrow = page.evaluate(  # type: ignore[attr-defined]
        r"""() => [...document.querySelectorAll('article table td, article table th')]
            .filter(c => c.offsetParent !== null && !c.closest('[hidden], thead'))
            .map(c => [c.getBoundingClientRect().width, c.textContent.trim().slice(0, 30)])
            .filter(([w, text]) => w < 120 && text.split(/\s+/).length > 1)"""
    )
    assert narrow == [], narrow[:5]
    wide = page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.offsetParent !== null
                     && !e.closest('.ck-table-wrap, .md-sidebar, .ck-visually-hidden, .ck-skip, .md-header__title, pre'))
            .map(e => e.tagName + '.' + e.className)"""
    )
    assert wide == [], wide[:5]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # type: ignore[attr-defined]
    labels = page.evaluate(  # type: ignore[attr-defined]
        "() => [...document.querySelectorAll('table.ck-stack td:not([colspan])')].filter(c => !c.dataset.label).length"
    )
    assert labels == 0, "a stacked cell without its label"
    page.context.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["home", "procedure", "commune", "az", "fees", "404"])
def test_a_portal_not_documentation(browser: object, site_url: str, name: str) -> None:
    """No theme credit, no side navigation or table of contents beside the content on a
    desktop, the content using the window's width; the authority named in the header."""
    page, _, _ = open_page(browser, site_url + PAGE_TYPES.get(name, "khong-co-trang-nay/"), 1280)
    body = page.inner_text("body")  # type: ignore[attr-defined]
    assert "Made with" not in body and "Material for MkDocs" not in body
    assert page.locator(".md-sidebar:visible").count() == 0  # type: ignore[attr-defined]
    width = page.locator("article.md-content__inner").bounding_box()["width"]  # type: ignore[attr-defined]
    assert width >= 1000, f"content is {width:.0f}px wide in a 1280px window"
    assert page.locator(".ck-authority").inner_text().strip().upper() == "UBND HUYỆN KIẾN XƯƠNG"  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


def test_the_phone_menu_still_lists_the_sections(browser: object, site_url: str) -> None:
    """The side navigation is gone from the desktop, but a phone's menu button still opens it."""
    page = phone_page(browser, site_url + "thu-tuc/1.001193/")
    page.locator("label.md-header__button[for='__drawer']").click()  # type: ignore[attr-defined]
    page.wait_for_timeout(400)  # type: ignore[attr-defined]
    links = page.locator(".md-sidebar--primary .md-nav__link:visible")  # type: ignore[attr-defined]
    assert links.count() >= 3, links.all_inner_texts()
    page.context.close()  # type: ignore[attr-defined]


def test_the_demo_notice_takes_one_line(browser: object, site_url: str) -> None:
    page = phone_page(browser, site_url + "thu-tuc/1.001193/")
    summary = page.locator(".ck-demo-notice summary")  # type: ignore[attr-defined]
    assert summary.bounding_box()["height"] <= 40, "one line"
    assert not page.locator(".ck-demo-notice p").is_visible()  # type: ignore[attr-defined]
    summary.click()
    assert page.locator(".ck-demo-notice p").is_visible()  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["home", "procedure", "commune", "az", "search", "404"])
def test_skip_link(browser: object, site_url: str, name: str) -> None:
    """The first Tab shows "Bỏ qua, đến nội dung chính"; Enter moves focus to the page's content,
    and the next Tab reaches a link of the content, not the header."""
    page, _, _ = open_page(browser, site_url + PAGE_TYPES.get(name, "khong-co-trang-nay/"), 360)
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    focused = page.evaluate(  # type: ignore[attr-defined]
        "[document.activeElement.classList.contains('ck-skip'), document.activeElement.textContent.trim()]"
    )
    assert focused == [True, "Bỏ qua, đến nội dung chính"]
    assert page.locator(".ck-skip").is_visible()  # type: ignore[attr-defined]
    box = page.locator(".ck-skip").bounding_box()  # type: ignore[attr-defined]
    assert box["x"] >= 0 and box["y"] >= 0
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.id") == "noi-dung-chinh"  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    inside = page.evaluate("!!document.activeElement.closest('article')")  # type: ignore[attr-defined]
    assert inside, page.evaluate("document.activeElement.outerHTML.slice(0, 120)")  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


# Links inside a sentence are exempt from WCAG 2.5.8 (Target Size, Minimum): only targets that
# stand on their own are measured.
TARGETS = """() => {
  const own = e => {
    const block = e.parentElement.closest('p, li, dd, td, th, div, nav, span, label, summary');
    if (!block) return true;
    return block.textContent.trim() === e.textContent.trim();
  };
  return [...document.querySelectorAll('a[href], button, summary, input:not([type=hidden]), select, label[for]')]
    .filter(e => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden')
    .filter(e => !e.closest('.ck-visually-hidden, .md-sidebar, .ck-skip'))
    .filter(e => e.closest('.ck-breadcrumb, .ck-footer-links, .ck-facts, .ck-letters, .md-footer') || own(e))
    .map(e => [e.getBoundingClientRect(), e.outerHTML.slice(0, 80)])
    .filter(([r]) => r.width > 0 && r.height > 0 && (r.width < 24 || r.height < 24))
    .map(([r, html]) => `${Math.round(r.width)}x${Math.round(r.height)} ${html}`);
}"""


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_touch_targets_are_at_least_24px(browser: object, site_url: str, name: str, width: int) -> None:
    page, _, _ = open_page(browser, site_url + PAGE_TYPES[name], width)
    small = page.evaluate(TARGETS)  # type: ignore[attr-defined]
    assert small == [], small[:6]
    page.context.close()  # type: ignore[attr-defined]


def test_header_search_without_javascript_keeps_the_citizen_going(browser: object, site_url: str) -> None:
    """With JavaScript off, Enter in the header box leads to the A–Z list, which says plainly
    that the words were not applied and offers the letters and the browser's find; never a page
    that silently ignores the query.

    A Chromium with scripting off in its settings: a context's `java_script_enabled=False` only
    stops scripts, and the parser then still hides <noscript> as if they ran."""
    flags = [*CHROMIUM_FLAGS, "--blink-settings=scriptEnabled=false"]
    no_js = browser.browser_type.launch(executable_path=shutil.which("chromium"), args=flags)  # type: ignore[attr-defined]
    try:
        page = no_js.new_page(viewport=PHONE)
        page.goto(site_url + "thu-tuc/1.001193/")
        page.locator("#ck-search-q").fill("khai sinh")
        with page.expect_navigation():
            page.locator("#ck-search-q").press("Enter")
        assert page.url.startswith(site_url + "thu-tuc/?q=khai")
        # Playwright's text selectors skip <noscript>: read what the page shows instead.
        assert "chưa được lọc theo từ bạn gõ" in page.locator("article").inner_text()
        assert page.locator("nav.ck-letters a").count() > 5
    finally:
        no_js.close()


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-28T09:00:00+07:00", "Đang mở cửa, đến 11:30 (hôm nay 07:30–11:30)"),
        ("2026-11-27T06:30:00+07:00", "Chưa mở cửa; mở lúc 07:00 (hôm nay 07:00–11:30, 13:30–17:00)"),
        ("2026-11-27T12:00:00+07:00", "Đang nghỉ giữa buổi; mở lại lúc 13:30 (hôm nay 07:00–11:30, 13:30–17:00)"),
        ("2026-11-27T18:00:00+07:00", "Đã đóng cửa; mở lại Thứ Bảy 28/11/2026, 07:30–11:30"),
        # A day the page's week does not cover: the build day's text stays.
        ("2026-12-10T09:00:00+07:00", "Hôm nay (thứ Bảy 28/11/2026) mở cửa 07:30–11:30"),
    ],
)
def test_commune_says_whether_the_desk_is_open_now(browser: object, site_url: str, moment: str, expected: str) -> None:
    context = browser.new_context(viewport=PHONE, timezone_id="Asia/Ho_Chi_Minh")  # type: ignore[attr-defined]
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    page.goto(site_url + "xa-phuong/xa-vu-ninh/", wait_until="networkidle")
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(page.locator("[data-live=opening]")).to_have_text(expected)  # retried while scripts run
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_home_page_puts_search_and_most_used_first(browser: object, site_url: str, width: int) -> None:
    """The search, then the twelve most-used procedures, then the fields in a compact grid
    (several to a row, not one full-width box per field)."""
    page, _, _ = open_page(browser, site_url, width)
    order = page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('article form[role=search], article h2')]
            .map(e => e.tagName === 'FORM' ? 'search' : e.id)"""
    )
    assert order[:3] == ["search", "ck-featured", "ck-fields"], order
    featured = page.locator("#ck-featured").locator("xpath=..").locator("a[href*='thu-tuc/']")  # type: ignore[attr-defined]
    assert featured.count() == 12
    tops = page.locator(".ck-cards--compact > li").evaluate_all(  # type: ignore[attr-defined]
        "items => items.map(li => Math.round(li.getBoundingClientRect().top))"
    )
    per_row = max(tops.count(top) for top in tops)
    assert per_row >= (2 if width == 360 else 4), f"{per_row} field(s) to a row"
    page.context.close()  # type: ignore[attr-defined]
