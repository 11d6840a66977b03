"""The forbidden forms of issue 17 ("Language"): one spelling, dates and counts written one way,
sentences that read as a person would write them, every interface string in Vietnamese.

Every built page of the demo is read as a citizen meets it: its visible text, the text of the
attributes browsers read aloud or show (aria-label, title, placeholder, alt), the strings of its
JSON-LD, and the feed. `FORBIDDEN` is data: each form with the finding of the issue it comes from.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import model as m
from generator.content import Content, load_content
from generator.glossary import ABBREVIATIONS, TERMS, annotate

from .helpers import ROOT

# Letters that may follow a syllable: a form ends where no letter follows.
_LETTER = r"A-Za-zÀ-ỹĐđ"
_END = rf"(?![{_LETTER}])"


@dataclass(frozen=True)
class Forbidden:
    """A form no page may show: a regular expression, the issue's finding it comes from, and where
    it is looked for (`text`: visible text, JSON-LD strings and the feed; `attribute`: aria-label,
    title, placeholder and alt; `citizen`: visible text of every page but the open-data page, which
    explains the formats it names)."""

    pattern: str
    finding: str
    where: str = "text"
    # The recent-changes page and the feed quote past versions of the content as they were;
    # only the forms of the interface itself are looked for there.
    in_history: bool = False


FORBIDDEN: list[Forbidden] = [
    # Spelling: the tone mark sits on the first vowel of an open oa/oe/uy syllable (hóa, hòa,
    # xóa, tùy, ủy), the form of 243 of the counts and of legal texts. (After q, "u" is
    # part of the consonant: quý, quả are right.)
    Forbidden(rf"(?<![qQ])[oO][áàảãạ]{_END}", "spelling mixed: 'minh hoạ' 43 times beside 'hóa'"),
    Forbidden(rf"(?<![qQ])[oO][éèẻẽẹ]{_END}", "spelling mixed: 'hóa/hòa/xóa/tùy/ủy' is the convention"),
    Forbidden(rf"(?<![qQ])[uU][ýỳỷỹỵ]{_END}", "spelling mixed: 'tùy/ủy' is the convention"),
    Forbidden(r"từ khoá", "spelling mixed: 'từ khoá'"),
    # Dates and counts
    Forbidden(r"(?<![\d/])(\d/\d{1,2}|\d{2}/\d)/\d{4}", "'01/7/2025' beside zero-padded dates"),
    Forbidden(r"(?<![\d,.])0\d (ngày|giờ|tháng|năm|bộ|bản)\b", "'03 ngày làm việc' on pages but '3 ngày' in lists"),
    Forbidden(r"\bquý (?:[ivx]+|\d)/\d{4}", "'quý ii/2025' (lowercased by code) beside 'Quý II/2025'"),
    Forbidden(r"\bQuý \d/\d{4}", "'quý 2/2025' beside 'Quý II/2025'"),
    # Weekdays: "thứ Hai … thứ Bảy", "Chủ nhật"; a capital Thứ only where a sentence or cell starts.
    Forbidden(r"[a-zà-ỹđ0-9,;–] Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)\b", "weekdays capitalised three ways"),
    Forbidden(r"\b[Tt]hứ (hai|ba|tư|năm|sáu|bảy) (đến|hằng tuần|\d\d/)", "weekdays capitalised three ways"),
    Forbidden(r"Chủ Nhật|(?<![.:] )(?<!^)chủ nhật", "weekdays capitalised three ways"),
    # Capitals mid-sentence where code joined content strings
    Forbidden(r", Tiếp công dân", "capitals mid-sentence: '…, Tiếp công dân thường xuyên'"),
    Forbidden(r"; Người nhận", "capitals mid-sentence: '; Người nhận trẻ em…'"),
    Forbidden(r"\(Tính theo", "capitals mid-sentence: '(Tính theo số trang…)'"),
    Forbidden(
        r"([,;] |\()(Trường hợp|Áp dụng|Không áp dụng|Nếu|Khi|Tính|Riêng|Trừ|Kể cả|Bao gồm|Đối với) ",
        "capitals mid-sentence after ', ', '; ' or '('",
    ),
    Forbidden(r'"', "straight quotes"),
    # Machine-like sentences
    Forbidden(r": không có\b", "'9 thủ tục trực tuyến: không có'"),
    Forbidden(r"Nghỉ[^()]*\(nghỉ\)", "'Nghỉ Tết Dương lịch (nghỉ)'"),
    Forbidden(r"\(mở cửa \d", "'Làm việc sáng thứ Bảy … (mở cửa 07:30–11:30, 13:30–16:30)'"),
    Forbidden(r" – \d+ bản (chính|sao)", "'Hai bộ bản vẽ … – 2 bản chính'"),
    Forbidden(r"Kỳ, mục", "'Kỳ, mục' as a table header"),
    Forbidden(r"Trang được xây dựng", "'Trang được xây dựng ngày …' (a calque of 'site build')"),
    Forbidden(r"hồ sơ nhận sau \d\d:\d\d trả", "'Trong ngày (hồ sơ nhận sau 15:00 trả trong …)' missing 'thì'"),
    # Interface
    Forbidden(
        r"Trở lại mục lục", "'Trở lại mục lục' on the back-to-top button (should be 'Lên đầu trang')", "text", True
    ),
    Forbidden(r"Trở lại mục lục", "'Trở lại mục lục' on the back-to-top button", "attribute", True),
    Forbidden(r"^Tabs$", "aria-label 'Tabs' in English", "attribute", True),
    Forbidden(r"^[A-Za-z][A-Za-z ]*[a-z][A-Za-z ]*$", "every interface string in Vietnamese", "attribute", True),
    Forbidden(r"Made with|Material for MkDocs", "every interface string in Vietnamese", "text", True),
    Forbidden(
        r"[Kk]hông có JavaScript", "a no-JavaScript hint read by screen readers when JavaScript is on", "text", True
    ),
    # Jargon on citizen pages
    Forbidden(r"\bAtom\b", "'Atom' on citizen pages", "citizen"),
    Forbidden(r"JSON Schema", "'JSON Schema' on citizen pages", "citizen"),
    Forbidden(r"UTF-8", "'UTF-8' on citizen pages", "citizen"),
    Forbidden(r"schema\.org", "'schema.org' on citizen pages", "citizen"),
]

# The open-data page names the formats it publishes, each explained in plain words.
OPEN_DATA_PAGE = "du-lieu-mo/index.html"
HISTORY = {"cap-nhat/index.html", "cap-nhat/feed.xml"}


@dataclass
class PageText:
    """What a citizen reads on one page."""

    text: list[str] = field(default_factory=list)  # visible text, one line per block
    attributes: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)


_BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "div", "dt", "dd", "tr", "title", "br", "nav", "ul", "ol"}
_READ_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}
_UNREAD = {"script", "style", "noscript", "template"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageText()
        self._skip: list[str] = []
        self._line: list[str] = []
        self._json_ld = False
        self._title = False
        self._hidden_depth = 0
        self._stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.page.attributes += [v for k, v in attrs if k in _READ_ATTRIBUTES and v]
        if tag in _UNREAD:
            self._skip.append(tag)
            self._json_ld = tag == "script" and values.get("type") == "application/ld+json"
        self._title = tag == "title"
        # Hidden until a script shows it (Material's back-to-top button) is read; hidden for good
        # (the search engine's data) is not.
        hidden = "hidden" in values and "data-md-component" not in values
        if tag not in {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area"}:
            self._stack.append((tag, hidden))
            self._hidden_depth += hidden
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._skip and tag == self._skip[-1]:
            self._skip.pop()
            self._json_ld = False
        while self._stack:
            opened, hidden = self._stack.pop()
            self._hidden_depth -= hidden
            if opened == tag:
                break
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._json_ld:
            self.page.json_ld += list(_strings(json.loads(data)))
        elif self._title:
            self.page.titles.append(data)
            self._title = False
        elif not self._skip and not self._hidden_depth:
            self._line.append(data)

    def _flush(self) -> None:
        line = " ".join("".join(self._line).split())
        if line:
            self.page.text.append(line)
        self._line = []

    def close(self) -> None:
        super().close()
        self._flush()


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        if not value.startswith(("http://", "https://")):
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if not key.startswith("@"):
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def read_page(html: str) -> PageText:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def _feed_text(feed: Path) -> list[str]:
    return [" ".join(el.text.split()) for el in ET.parse(feed).iter() if el.text and el.text.strip()]


def hits(site: Path) -> list[str]:
    """Every forbidden form on the built site, as `page: finding: «text»`."""
    found: list[str] = []
    sources: list[tuple[str, PageText]] = [
        (str(p.relative_to(site)), read_page(p.read_text(encoding="utf-8"))) for p in sorted(site.rglob("*.html"))
    ]
    feed = site / "cap-nhat" / "feed.xml"
    if feed.exists():
        sources.append(("cap-nhat/feed.xml", PageText(text=_feed_text(feed))))
    compiled = [(re.compile(f.pattern), f) for f in FORBIDDEN]
    for name, page in sources:
        for pattern, rule in compiled:
            if name in HISTORY and not rule.in_history:
                continue
            if rule.where == "attribute":
                texts = page.attributes
            elif rule.where == "citizen":
                texts = [] if name == OPEN_DATA_PAGE else page.text
            else:
                texts = page.text + page.json_ld
            for text in texts:
                match = pattern.search(text)
                if match:
                    start = max(match.start() - 30, 0)
                    found.append(f"{name}: {rule.finding}: «{text[start : match.end() + 30]}»")
    return found


def test_no_forbidden_form_on_any_page(demo_site: Path) -> None:
    found = hits(demo_site)
    assert found == [], f"{len(found)} forbidden forms:\n" + "\n".join(found[:60])


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Dữ liệu minh hoạ.</p>", 1),
        ("<p>Dữ liệu minh họa; quý khách; hoàn thành; khoản thu.</p>", 0),
        ("<p>Ngày 01/7/2025 và 01/07/2025.</p>", 1),
        ("<p>Thứ Hai đến Thứ Sáu</p>", 1),
        ("<p>Thứ Hai đến thứ Sáu; Chủ nhật nghỉ.</p>", 0),
        ('<nav aria-label="Tabs"></nav>', 2),
        ('<nav aria-label="Thanh điều hướng"></nav>', 0),
        ('<p hidden>Xoá</p><script>var a = "x";</script>', 0),
        ('<script type="application/ld+json">{"name": "Trang được xây dựng"}</script>', 1),
        ("<noscript><p>Không có JavaScript</p></noscript>", 0),
        ("<p>Không có JavaScript: xem danh sách</p>", 1),
    ],
)
def test_the_scan_finds_what_it_should(tmp_path: Path, html: str, expected: int) -> None:
    (tmp_path / "index.html").write_text(f"<html><body>{html}</body></html>", encoding="utf-8")
    assert len(hits(tmp_path)) == expected, hits(tmp_path)


def test_home_title_not_doubled(demo_site: Path) -> None:
    """The home page's <title> names the site once ('X - X' was the issue's finding)."""
    for page in [demo_site / "index.html", *sorted(demo_site.glob("*/index.html"))]:
        title = read_page(page.read_text(encoding="utf-8")).titles[0]
        parts = [part.strip() for part in title.split(" - ")]
        assert len(parts) == len(set(parts)), f"{page.relative_to(demo_site)}: {title}"


def _content() -> Content:
    content, problems = load_content(ROOT / "content")
    assert content is not None, problems
    return content


def test_unit_types_named_are_those_the_site_has(demo_site: Path) -> None:
    """'Xã, phường, thị trấn' on a district without phường: the words come from the communes."""
    content = _content()
    present = {c.type for c in content.communes}
    absent = [m.COMMUNE_TYPE_LABELS[t].lower() for t in m.COMMUNE_TYPE_LABELS if t not in present]
    assert absent, "the demo has every type of unit: nothing to check"
    pattern = re.compile(r"\b(" + "|".join(absent) + r")\b", re.IGNORECASE)
    found = []
    for page in sorted(demo_site.rglob("*.html")):
        if str(page.relative_to(demo_site)) in HISTORY:
            continue
        for text in read_page(page.read_text(encoding="utf-8")).text:
            # Titles of legal texts are quoted as issued (“Xã, phường, thị trấn tiêu biểu”).
            if pattern.search(re.sub(r"“[^”]*”", "", text)):
                found.append(f"{page.relative_to(demo_site)}: {text[:120]}")
    assert found == []


def test_who_may_apply_shows_the_record(demo_site: Path) -> None:
    """'Ai được làm thủ tục này' lists what the record's applicants say, nothing else."""
    content = _content()
    for code, procedure in content.by_code.items():
        text = read_page((demo_site / "thu-tuc" / code / "index.html").read_text(encoding="utf-8")).text
        start = text.index("Ai được làm thủ tục này") + 1
        assert text[start : start + len(procedure.applicants)] == list(procedure.applicants), code


# ---------------------------------------------------------------------------------------------
# Abbreviations and the glossary


def test_abbreviations_expanded_once_and_terms_linked_once() -> None:
    body = (
        "<p>Nộp tại Bộ phận Một cửa UBND xã; UBND huyện ký.</p>"
        "<p>Giấy tờ phải xuất trình: 1 bản chính. Bộ phận Một cửa mở cửa.</p>"
    )
    out = annotate(body, lambda term_id: f"../thuat-ngu/#{term_id}")
    assert out.count('<abbr title="Ủy ban nhân dân">UBND</abbr>') == 1
    assert out.count('href="../thuat-ngu/#bo-phan-mot-cua"') == 1
    assert '<a class="ck-term" href="../thuat-ngu/#xuat-trinh">xuất trình</a>' in out
    assert '<a class="ck-term" href="../thuat-ngu/#ban-chinh">bản chính</a>' in out
    # Pages write text in the site's one spelling, whatever the content file says.
    assert annotate("<p>Dữ liệu minh hoạ</p>", None) == "<p>Dữ liệu minh họa</p>"


def test_annotation_leaves_links_scripts_hidden_text_and_markup_alone() -> None:
    body = (
        '<p hidden>UBND</p><a href="x">Bộ phận Một cửa UBND</a>'
        '<script type="application/ld+json">{"a": "UBND"}</script>'
        "<p>&lt;script&gt;UBND&lt;/script&gt; QĐ-UBND</p>"
    )
    out = annotate(body, lambda term_id: f"#{term_id}")
    assert "<p hidden>UBND</p>" in out and '{"a": "UBND"}' in out
    # Inside a link no term is linked again; the abbreviation is still spelled out.
    assert '<a href="x">Bộ phận Một cửa <abbr title="Ủy ban nhân dân">UBND</abbr></a>' in out
    assert "&lt;script&gt;UBND&lt;/script&gt;" in out
    assert '<abbr title="Quyết định của Ủy ban nhân dân">QĐ-UBND</abbr>' in out
    assert annotate(body, None).count("ck-term") == 0


def test_glossary_page_explains_every_term_and_pages_link_to_it(demo_site: Path) -> None:
    glossary = (demo_site / "thuat-ngu" / "index.html").read_text(encoding="utf-8")
    for term in TERMS:
        assert f'id="{term.id}"' in glossary, term.id
    procedure = (demo_site / "thu-tuc" / "2.000815" / "index.html").read_text(encoding="utf-8")
    for term_id in ("tthc-duoc-luat-giao", "ky-hieu-tai-dia-phuong", "bo-phan-mot-cua", "ngay-lam-viec"):
        assert procedure.count(f'href="../../thuat-ngu/#{term_id}"') == 1, term_id
    for abbreviation in ("UBND", "TTHC", "NĐ-CP", "QĐ-UBND"):
        assert procedure.count(f'<abbr title="{ABBREVIATIONS[abbreviation]}">{abbreviation}</abbr>') == 1
