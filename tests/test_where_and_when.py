"""Where and when, and whom to tell (issue 17): the commune chooser on commune procedures, every
phone number tap-to-call, and the feedback route reachable from every page."""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from .helpers import open_page

# A Vietnamese telephone number as pages write it: `0227 3821 000`, `0912.345.678`, `+84 227 …`,
# hotlines `1900 1234`, `1800 1234`.
PHONE = re.compile(
    r"(?<![\d.,/])(?:(?:\+84|0)\d{1,4}(?:[ .-]?\d{2,4}){2,3}|1[89]00[ .]?\d{3,4}(?:[ .]?\d{1,4})?)(?![\d,/])"
)


class PhoneFinder(html.parser.HTMLParser):
    """Phone-looking numbers in a page's shown text that are not inside a `tel:` link."""

    SKIP: ClassVar[frozenset[str]] = frozenset({"script", "style", "title", "template", "noscript"})
    VOID: ClassVar[frozenset[str]] = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipped, in a tel: link)
        self.loose: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        a = dict(attrs)
        skipped = tag in self.SKIP or "hidden" in a or (self.stack and self.stack[-1][1])
        tel = (tag == "a" and (a.get("href") or "").startswith("tel:")) or (bool(self.stack) and self.stack[-1][2])
        self.stack.append((tag, bool(skipped), tel))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and (self.stack[-1][1] or self.stack[-1][2]):
            return
        # 8 to 12 digits: a landline with its area code, a mobile, a hotline; not a date or a count.
        self.loose += [n for n in PHONE.findall(data) if 8 <= sum(ch.isdigit() for ch in n) <= 12]


def loose_phones(page: str) -> list[str]:
    finder = PhoneFinder()
    finder.feed(page)
    return finder.loose


def test_the_scan_finds_a_number_that_is_not_tap_to_call() -> None:
    assert loose_phones("<p>Điện thoại: 0227 3821 000</p>") == ["0227 3821 000"]
    assert loose_phones("<p>Gọi 1900 1234 hoặc 0912.345.678</p>") == ["1900 1234", "0912.345.678"]
    assert loose_phones('<p>Điện thoại: <a href="tel:02273821000">0227 3821 000</a></p>') == []
    # Dates, money, codes and counts are not phone numbers.
    assert loose_phones("<p>01/7/2025, 50.000 đồng, mã 1.001193, 03 ngày, 2.408 hồ sơ, 0,5 %, 01-2024</p>") == []


def test_every_phone_number_on_the_site_is_tap_to_call(demo_site: Path) -> None:
    found = {}
    for page in demo_site.rglob("*.html"):
        # The recent changes quote old and new values as they were written: an old number there is
        # history, not a number to call.
        if page.relative_to(demo_site).parts[0] == "cap-nhat":
            continue
        loose = loose_phones(page.read_text(encoding="utf-8"))
        if loose:
            found[str(page.relative_to(demo_site))] = loose
    assert found == {}


def test_tel_links_dial_the_number_shown(demo_site: Path) -> None:
    text = (demo_site / "xa-phuong" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="tel:([^"]+)">([^<]+)</a>', text)
    assert links, "the communes list has no tap-to-call number"
    for number, shown in links:
        assert number == re.sub(r"[^\d+]", "", shown)


def test_desks_data_is_small_and_names_every_commune(demo_site: Path) -> None:
    raw = (demo_site / "data" / "desks.json").read_bytes()
    data = json.loads(raw)
    communes = json.loads((demo_site / "data" / "communes.json").read_bytes())["communes"]
    assert [c["id"] for c in data["communes"]] == [c["id"] for c in communes]
    assert all(len(c["week"]) == 7 for c in data["communes"])
    # Fetched on a phone: far smaller than the open data it comes from.
    assert len(raw) < len((demo_site / "data" / "communes.json").read_bytes()) * 0.8


def test_no_procedure_page_inlines_the_communes(demo_site: Path) -> None:
    page = (demo_site / "thu-tuc" / "1.001193" / "index.html").read_text(encoding="utf-8")
    assert 'class="ck-desk"' in page
    assert "Vũ Ninh" not in page  # the desks come from data/desks.json, not from every page


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 360])
def test_choose_a_commune_on_a_commune_procedure(browser: object, site_url: str, width: int) -> None:
    page, requests, errors = open_page(browser, site_url + "thu-tuc/1.001193/", width)
    assert page.locator("label[for=ck-desk-select]").inner_text() == "Chọn xã, phường của bạn"  # type: ignore[attr-defined]
    page.select_option("#ck-desk-select", "xa-vu-ninh")  # type: ignore[attr-defined]
    info = page.locator("#ck-desk-info")  # type: ignore[attr-defined]
    text = info.inner_text()
    assert "Bộ phận Một cửa UBND xã Vũ Ninh" in text and "Hôm nay (" in text
    desks = json.loads(page.evaluate("fetch('../../data/desks.json').then(r => r.text())"))  # type: ignore[attr-defined]
    vu_ninh = next(c for c in desks["communes"] if c["id"] == "xa-vu-ninh")
    assert vu_ninh["address"] in text
    tel = info.locator("a[href^='tel:']")
    assert tel.get_attribute("href") == vu_ninh["tel"] and tel.inner_text() == vu_ninh["phone"]
    assert tel.bounding_box()["height"] >= 24  # a target a thumb can hit
    map_link = info.locator("a", has_text="Xem bản đồ").get_attribute("href")
    assert map_link.startswith("https://") and "V%C5%A9%20Ninh" in map_link
    # Today's hours and who is on duty, as the data has them for today in the site's time zone.
    today = page.evaluate(  # type: ignore[attr-defined]
        "tz => new Intl.DateTimeFormat('en-CA', {timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit'})"
        ".format(new Date())",
        desks["time_zone"],
    )
    import datetime as dt

    day = dt.date.fromisoformat(today)
    expected = vu_ninh["dates"].get(today) or vu_ninh["week"][day.weekday()]
    if expected["hours"]:
        assert expected["hours"] in text
        for person in expected["duty"]:
            assert person in text
    else:
        assert "nghỉ" in text
    # Remembered on the phone: the next visit shows the same commune, even when the desks cannot
    # be fetched (a weak or lost connection).
    page.route("**/desks.json", lambda route: route.abort())  # type: ignore[attr-defined]
    page.reload(wait_until="networkidle")  # type: ignore[attr-defined]
    assert page.input_value("#ck-desk-select") == "xa-vu-ninh"  # type: ignore[attr-defined]
    assert vu_ninh["address"] in page.locator("#ck-desk-info").inner_text()  # type: ignore[attr-defined]
    assert all(urlsplit(r).hostname == "127.0.0.1" for r in requests)
    assert [e for e in errors if "ERR_FAILED" not in e] == []  # only the fetch refused on purpose
    page.context.close()  # type: ignore[attr-defined]


@pytest.mark.browser
def test_without_javascript_the_chooser_is_a_link_to_the_communes(browser: object, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(site_url + "thu-tuc/1.001193/")
    assert not page.locator("#ck-desk-select").is_visible()
    link = page.locator(".ck-desk a[href$='xa-phuong/']")
    assert link.is_visible()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "thu-tuc/1.001193/", "ket-qua-giai-quyet/"])
def test_feedback_is_in_the_tabs_and_the_phone_menu(browser: object, site_url: str, path: str) -> None:
    page, _, _ = open_page(browser, site_url + path, 1280)
    assert page.locator(".md-tabs a", has_text="Phản ánh, kiến nghị").is_visible()  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]
    page, _, _ = open_page(browser, site_url + path, 360)
    page.locator("label.md-header__button[for=__drawer]").click()  # type: ignore[attr-defined]
    entry = page.locator(".md-nav--primary a", has_text="Phản ánh, kiến nghị").first  # type: ignore[attr-defined]
    entry.wait_for(state="visible")
    entry.click()
    page.wait_for_url("**/phan-anh-kien-nghi/")  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


@pytest.mark.browser
def test_feedback_page_says_what_happens_next_and_where_to_complain(browser: object, site_url: str) -> None:
    page, _, _ = open_page(browser, site_url + "phan-anh-kien-nghi/", 360)
    main = page.locator("article").inner_text()  # type: ignore[attr-defined]
    for heading in ("Sau khi bạn gửi", "Thời hạn trả lời", "Lịch tiếp công dân", "Khiếu nại", "Tố cáo"):
        assert heading in main
    assert "10 ngày làm việc" in main
    texts = page.locator("article a").all_inner_texts()  # type: ignore[attr-defined]
    assert not [t for t in texts if t.startswith(("http://", "https://", "www."))], texts
    page.context.close()  # type: ignore[attr-defined]


@pytest.mark.browser
def test_report_an_error_names_the_page(browser: object, site_url: str) -> None:
    page, _, _ = open_page(browser, site_url + "thu-tuc/1.001193/", 360)
    link = page.locator("a", has_text="Báo lỗi nội dung")  # type: ignore[attr-defined]
    assert link.count() == 1
    mail = page.locator(".ck-report a[href^='mailto:']").get_attribute("href")  # type: ignore[attr-defined]
    subject = parse_qs(urlsplit(mail).query)["subject"][0]
    assert "Đăng ký khai sinh" in unquote(subject) and "1.001193" in subject
    link.click()
    page.wait_for_url(re.compile(r"/phan-anh-kien-nghi/\?trang=thu-tuc/1\.001193/$"))  # type: ignore[attr-defined]
    about = page.locator("#ck-feedback-about")  # type: ignore[attr-defined]
    about.wait_for(state="visible")
    page.wait_for_function("document.querySelector('#ck-feedback-about a').textContent === 'Đăng ký khai sinh'")  # type: ignore[attr-defined]
    assert "1.001193" in page.locator("#ck-feedback-mail").get_attribute("href")  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


@pytest.mark.browser
def test_report_parameter_cannot_inject_anything(browser: object, site_url: str) -> None:
    for value in ("<img src=x onerror=alert(1)>", "javascript:alert(1)", "//evil.example/", "../../etc"):
        page, requests, _ = open_page(browser, site_url + "phan-anh-kien-nghi/?trang=" + value, 360)
        assert not page.locator("#ck-feedback-about").is_visible()  # type: ignore[attr-defined]
        assert page.locator("#ck-feedback-about img").count() == 0  # type: ignore[attr-defined]
        assert all(urlsplit(r).hostname == "127.0.0.1" for r in requests)
        page.context.close()  # type: ignore[attr-defined]


def test_the_printed_sheet_names_alike_channels_once() -> None:
    from generator.views.procedure import ChannelFeeText, ChannelRow, channel_lines

    free = [ChannelFeeText(None, "Miễn", None)]
    rows = [
        ChannelRow("truc_tiep", "Trực tiếp", "3 ngày làm việc", "Miễn", free, None),
        ChannelRow("truc_tuyen", "Trực tuyến", "3 ngày làm việc", "Miễn", free, None),
        ChannelRow(
            "buu_chinh",
            "Dịch vụ bưu chính",
            "5 ngày làm việc",
            "Không thu",
            [ChannelFeeText(None, "Không thu", None)],
            None,
        ),
    ]
    assert channel_lines(rows) == [
        "Trực tiếp, trực tuyến: 3 ngày làm việc. Phí, lệ phí: Miễn.",
        "Dịch vụ bưu chính: 5 ngày làm việc. Phí, lệ phí: Không thu.",
    ]
