"""Hostile text in every text field of every content file, built, then used in Chromium as a
visitor would: every page at 360 and 1280 px, every element with a title or a tooltip hovered
and focused, the search box given the payload and every result opened, every link to a form
followed. No injected script runs (no dialog, no `window.__pwned`, no injected element, no
request elsewhere), no Content-Security-Policy violation is reported, the text is shown as text,
and the feed, sitemap, JSON, JSON-LD and CSV files parse with strict parsers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from .helpers import BASE_FILES, build, serve, write_tree
from .test_browser import ARTIFACTS

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent

# Runs as soon as it is parsed, in an attribute, a tooltip or a search result.
ALERT = "<img src=x onerror=alert(document.domain)>"
PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    '<img src="x-injected" onerror="window.__pwned=\'img\'">',
    ALERT,
    '"><svg onload="window.__pwned=\'svg\'">',
    "'><details open ontoggle=alert('details')>",
    '<iframe src="https://evil.example/"></iframe>',
    "</script><script>alert('ld')</script>",
    "javascript:window.__pwned='js'",
    "[bấm vào](javascript:window.__pwned='md')",
    "&lt;b&gt;thực thể&lt;/b&gt; &amp;",
    "{{ 7*7 }} {% raw %}",
]
PAYLOAD = " ".join(PAYLOADS)
# Keys whose values are free text (everything else is an id, code, date, enum, URL or file).
TEXT_KEYS = {
    "name",
    "summary",
    "text",
    "title",
    "result",
    "description",
    "note",
    "condition",
    "submission_address",
    "rule",
    "who",
    "person",
    "tasks",
    "reason",
    "place",
    "address",
    "desk",
    "kind",
    "decision",
    "set_by",
    "per",
    "unit",
    "parent",
    "issuer",
    "hours",
    "source",
    "demo_notice",
}
TEXT_LISTS = {"applicants", "conditions", "keywords"}
WIDTHS = (360, 1280)
# Elements that have or may get a title or a tooltip (the theme gives the header's title and
# truncated texts one): each is hovered with the mouse and focused.
TOOLTIP_HOSTS = "[title], [data-md-tooltip], .md-tooltip, .md-tooltip2, .md-header__topic, .md-ellipsis, abbr"
# Everything else a visitor may point at: given the same events without moving the mouse.
POINTED = "a, button, label, summary, [aria-describedby], [role=option], .md-nav__link, .md-tabs__link"
# Collected before any script of the page runs.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""
# Pointer and focus events on each element matched by a selector; the number of elements.
EVENTS = """(selector) => {
  const elements = [...document.querySelectorAll(selector)];
  for (const e of elements) {
    for (const type of ["pointerover", "pointerenter", "mouseover", "mouseenter", "mousemove"]) {
      e.dispatchEvent(new MouseEvent(type, { bubbles: !type.endsWith("enter") }));
    }
    if (typeof e.focus === "function") e.focus({ preventScroll: true });
    e.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
  }
  return elements.length;
}"""
# The centre of the n-th tooltip host, scrolled into view; null when it is not displayed.
CENTRE = """([selector, n]) => {
  const e = document.querySelectorAll(selector)[n];
  if (!e || !e.getClientRects().length) return null;
  e.scrollIntoView({ block: "center", inline: "center" });
  const r = e.getBoundingClientRect();
  return r.width && r.height ? [r.x + r.width / 2, r.y + r.height / 2] : null;
}"""


def inject(data: Any, payload: str, key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: inject(v, payload, k) for k, v in data.items()}
    if isinstance(data, list):
        if key in TEXT_LISTS:
            return [f"{item} {payload}" for item in data]
        return [inject(item, payload) for item in data]
    if isinstance(data, str) and key in TEXT_KEYS and not (key == "kind" and data in ("phi", "le_phi")):
        if key == "hours" and data[:1].isdigit():  # a commune's duty hours: a time range
            return data
        return f"{data} {payload}"
    return data


def hostile_tree(root: Path) -> Path:
    """The small tree with the payload after every free text of every file, a sector, an agency,
    a commune, a legal text and the site's own name included, and a named form."""
    files: dict[str, str | bytes | None] = {}
    for rel, body in BASE_FILES.items():
        if not rel.endswith(".yaml"):
            continue
        assert isinstance(body, str)
        body = body.replace("form: to-khai.docx", "form: {file: to-khai.docx, name: Mẫu số 01}")
        files[rel] = yaml.safe_dump(inject(yaml.safe_load(body), PAYLOAD), allow_unicode=True, width=10_000)
    return write_tree(root, files)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    out = tmp / "site"
    result = build(hostile_tree(tmp / "content"), out, date=dt.date.today().isoformat())
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def hostile_site(hostile_build: Path) -> Iterator[str]:
    with serve(hostile_build) as url:
        yield url


@dataclass
class Walk:
    """What a visitor did on the hostile site, and what went wrong."""

    page_views: int = 0
    hovered: int = 0
    searches: int = 0
    results_opened: int = 0
    downloads: int = 0
    dialogs: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    pwned: list[str] = field(default_factory=list)
    injected: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


class Visitor:
    """One browser tab at one width, counting every dialog, policy violation and request."""

    def __init__(self, chromium: Any, base: str, width: int, walk: Walk) -> None:
        self.base, self.walk = base, walk
        self.context = chromium.new_context(viewport={"width": width, "height": 800}, accept_downloads=True)
        self.context.add_init_script(LISTEN)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("console", self._console)
        self.page.on("request", self._request)
        self.page.on("requestfinished", self._done)
        self.page.on("requestfailed", self._done)
        self.in_flight = 0

    def _dialog(self, dialog: Any) -> None:
        self.walk.dialogs.append(f"{self.page.url}: {dialog.type} {dialog.message}")
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.walk.violations.append(f"{self.page.url}: {message.text}")

    def _done(self, request: Any) -> None:
        self.in_flight -= 1

    def _request(self, request: Any) -> None:
        self.in_flight += 1
        if not request.url.startswith((self.base, "data:", "blob:")):
            self.walk.outside.append(request.url)

    def open(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="load")
        self.walk.page_views += 1

    def settle(self) -> None:
        """Wait until no request is under way (a failed image fires its error handler then), and
        read what the page collected."""
        quiet = 0
        for _ in range(100):
            self.page.wait_for_timeout(40)
            quiet = quiet + 1 if self.in_flight == 0 else 0
            if quiet == 3:
                break
        where = self.page.url
        self.walk.violations += [f"{where}: {v}" for v in self.page.evaluate("window.__violations || []")]
        if self.page.evaluate("window.__pwned") is not None:
            self.walk.pwned.append(where)
        for selector in ('img[src="x-injected"]', "img[src=x]", "iframe", "svg[onload]", "details[ontoggle]"):
            if self.page.locator(selector).count():
                self.walk.injected.append(f"{where}: {selector}")
        if self.page.locator('a[href^="javascript:"]').count():
            self.walk.injected.append(f"{where}: javascript: link")

    def hover_everything(self) -> None:
        """Hover with the mouse and focus every element that has or may get a title or a tooltip,
        and point at everything else a visitor may point at."""
        hosts = self.page.locator(TOOLTIP_HOSTS).count()
        for index in range(hosts):
            centre = self.page.evaluate(CENTRE, [TOOLTIP_HOSTS, index])
            if centre is not None:
                self.page.mouse.move(*centre)
        self.walk.hovered += self.page.evaluate(EVENTS, TOOLTIP_HOSTS)
        self.walk.hovered += self.page.evaluate(EVENTS, POINTED)
        self.page.mouse.move(0, 0)

    def follow_forms(self, seen: set[str]) -> None:
        for link in self.page.locator('a[href*="bieu-mau/"]').all():
            href = link.evaluate("a => a.href")
            assert link.get_attribute("download") is not None, f"{href} on {self.page.url} is not a download"
            if href in seen:
                continue
            seen.add(href)
            before = self.page.url
            with self.page.expect_download() as download:
                link.click()
            assert download.value.suggested_filename == href.rsplit("/", 1)[-1]
            assert self.page.url == before, "following a form left the page"
            self.walk.downloads += 1

    def search(self, query: str) -> None:
        """Type `query` in the header's search box and open every result it offers."""
        self.open("")
        box = self.page.locator("#ck-search-q")
        box.click()
        box.press_sequentially(query)
        self.page.wait_for_selector("#ck-search-results [role=option]")
        self.walk.searches += 1
        count = self.page.locator("#ck-search-results [role=option]").count()
        for index in range(count):
            if index:
                self.open("")
                self.page.locator("#ck-search-q").fill(query)
                self.page.wait_for_selector("#ck-search-results [role=option]")
            with self.page.expect_navigation():
                self.page.locator("#ck-search-results [role=option]").nth(index).click()
            self.walk.results_opened += 1
            self.hover_everything()
            self.settle()
        # And the search page, with the query in its address.
        self.open(f"tim-kiem/?q={urllib.parse.quote(query)}")
        self.page.wait_for_selector("#ck-search-page-results .ck-result")
        self.hover_everything()
        self.settle()
        links = self.page.locator("#ck-search-page-results a.ck-result__body")
        for index in range(links.count()):
            if index:
                self.open(f"tim-kiem/?q={urllib.parse.quote(query)}")
                self.page.wait_for_selector("#ck-search-page-results .ck-result")
            with self.page.expect_navigation():
                links.nth(index).click()
            self.walk.results_opened += 1
            self.settle()

    def close(self) -> None:
        self.context.close()


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, and an address that does not exist (the 404 page). Not the
    editors' interface (/quan-tri/): no visitor's page leads there (test_cms.py)."""
    pages = sorted(
        p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if p.relative_to(site).parts[0] != "quan-tri"
    )
    return [("" if p == "./" else p) for p in pages] + ["khong-co-trang-nay/"]


def test_a_visitor_runs_no_injected_script(browser: object, hostile_build: Path, hostile_site: str) -> None:
    walk = Walk()
    pages = site_pages(hostile_build)
    for width in WIDTHS:
        visitor = Visitor(browser, hostile_site, width, walk)
        forms: set[str] = set()
        for path in pages:
            visitor.open(path)
            visitor.hover_everything()
            visitor.settle()
            if width == WIDTHS[-1]:
                visitor.follow_forms(forms)
        if width == WIDTHS[-1]:
            visitor.search("khai sinh")
            visitor.search(ALERT)
        visitor.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "visitor-walk.json").write_text(json.dumps(asdict(walk), ensure_ascii=False, indent=1))
    assert walk.dialogs == []
    assert walk.violations == []
    assert walk.pwned == [] and walk.injected == []
    assert walk.outside == []
    # The walk did what it says: both widths, every page, a search that found the procedure.
    # Each search opens the home page once per result in the box and the search page once per
    # result there (the procedure, and the documents, fees and communes search finds too).
    assert walk.page_views == 2 * len(pages) + walk.results_opened
    assert (walk.searches, walk.downloads) == (2, 1) and walk.results_opened >= 4


def test_injected_text_is_shown_as_text(browser: object, hostile_site: str) -> None:
    visitor = Visitor(browser, hostile_site, 1280, Walk())
    for path, selector in [
        ("thu-tuc/1.001193/", "article"),
        ("linh-vuc/ho-tich/", "article"),
        ("co-quan/ubnd-xa/", "article"),
        ("xa-phuong/xa-vu-ninh/", "article"),
        ("", ".md-header"),
    ]:
        visitor.open(path)
        text = visitor.page.inner_text(selector)
        for payload in PAYLOADS:
            assert payload in text, f"{payload!r} not shown as text on {path or 'home'}"
    visitor.close()


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def strict_json(text: str) -> Any:
    return json.loads(text, parse_constant=_no_constants)


_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_data_files_parse_with_strict_parsers(hostile_build: Path) -> None:
    for name in ("sitemap.xml", "cap-nhat/feed.xml"):
        raw = (hostile_build / name).read_bytes()
        assert b"<!DOCTYPE" not in raw and b"<!ENTITY" not in raw, name
        ET.fromstring(raw)  # expat: raises on anything not well-formed
    feed = ET.fromstring((hostile_build / "cap-nhat/feed.xml").read_bytes())
    assert PAYLOAD in (feed.findtext("{http://www.w3.org/2005/Atom}title") or "")
    json_files = sorted(hostile_build.rglob("*.json"))
    assert {"data/procedures.json", "data/communes.json"} <= {
        p.relative_to(hostile_build).as_posix() for p in json_files
    }
    for path in json_files:
        strict_json(path.read_text(encoding="utf-8"))
    names = []
    for page in sorted(hostile_build.rglob("*.html")):
        for block in _LD.findall(page.read_text(encoding="utf-8")):
            names.append(strict_json(block)["name"])
    assert any(PAYLOAD in name for name in names), "the payload does not survive JSON-LD as text"
    for path in sorted(hostile_build.rglob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""), strict=True))
        assert rows and all(len(row) == len(rows[0]) for row in rows), path
    procedures = (hostile_build / "data/procedures.csv").read_text(encoding="utf-8-sig")
    assert PAYLOAD in list(csv.reader(io.StringIO(procedures, newline="")))[1][1]
