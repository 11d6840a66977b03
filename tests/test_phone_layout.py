"""Every page type read on a phone (issue 17): at 360 px no text is set in a column narrower than
200 px, and no word is broken inside a syllable ("Đă/ng/ký/kha/i/sin/h"); at 320 and 412 px no
word is broken either. The A–Z list is one card per procedure, so it stays short."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.content import load_content
from generator.views.site_map import site_pages

from .helpers import ROOT, open_page

pytestmark = pytest.mark.browser

NARROWEST = 200  # px: a column narrower than this, at 360 px, breaks Vietnamese names badly


def _page_types() -> dict[str, str]:
    """One page of each template of the demo (the first the site map lists), and the 404 page."""
    content, problems = load_content(ROOT / "content", dt.date(2026, 11, 28))
    assert content is not None, problems
    found: dict[str, str] = {}
    for spec in site_pages(content):
        found.setdefault(spec.template.removesuffix(".html"), spec.url)
    found["procedure-commune"] = "thu-tuc/1.001193/"  # khai sinh: a commune procedure
    found["search"] = "tim-kiem/?q=khai%20sinh"
    found["404"] = "khong-co-trang-nay/"
    return found


PAGE_TYPES = _page_types()

# For every text node that is shown: the block that lays it out (its nearest ancestor that is not
# inline) and whether the text wraps onto a second line there; and every run of letters (a
# Vietnamese syllable, or a word of another language) whose characters sit on two lines.
MEASURE = """() => {
  const blockOf = (el) => {
    while (el && el !== document.body) {
      const d = getComputedStyle(el).display;
      if (!d.startsWith("inline") && d !== "contents") return el;
      el = el.parentElement;
    }
    return document.body;
  };
  const lines = (range) => {
    const tops = new Set();
    for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) tops.add(Math.round(r.top + r.height / 2));
    return tops.size;
  };
  const narrow = [], broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue;
    if (!text.trim()) continue;
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, template, [hidden], .ck-visually-hidden, svg, .md-sidebar, .md-header, .md-tabs, noscript")) continue;
    if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const whole = document.createRange();
    whole.selectNodeContents(node);
    if (lines(whole) > 1) {
      const block = blockOf(parent);
      const style = getComputedStyle(block);
      const width = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (width < NARROWEST) narrow.push(`${Math.round(width)} px: ${block.tagName.toLowerCase()}.${block.className}: ${text.trim().slice(0, 40)}`);
    }
    for (const token of text.matchAll(/\\S+/gu)) {
      // An e-mail or web address may break anywhere; words may not.
      if (/[@/]|\\.[a-z]/i.test(token[0])) continue;
      for (const m of token[0].matchAll(/\\p{L}+/gu)) {
        if (m[0].length < 2) continue;
        const r = document.createRange();
        r.setStart(node, token.index + m.index);
        r.setEnd(node, token.index + m.index + m[0].length);
        if (lines(r) > 1) broken.push(m[0]);
      }
    }
  }
  return { narrow, broken };
}""".replace("NARROWEST", str(NARROWEST))


# Tables that other work of issue 13/17 turns into cards ("stacked tables": the commune page's week,
# the fee table's history of amounts, the tables of changed rows on the recent changes page); until
# it lands they squeeze at 360 px.


@pytest.mark.parametrize(
    "name",
    [name for name in PAGE_TYPES],
)
def test_no_narrow_column_and_no_broken_word_at_360(browser: object, site_url: str, name: str) -> None:
    page, _, _ = open_page(browser, site_url + PAGE_TYPES[name], 360)
    found = page.evaluate(MEASURE)  # type: ignore[attr-defined]
    assert found["narrow"] == [], f"text set in a column narrower than {NARROWEST} px"
    assert found["broken"] == [], "words broken across two lines"
    page.context.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [320, 412])
@pytest.mark.parametrize("name", ["home", "list", "agencies", "communes", "procedure-commune", "results"])
def test_no_broken_word_at_other_phone_widths(browser: object, site_url: str, name: str, width: int) -> None:
    page, _, _ = open_page(browser, site_url + PAGE_TYPES[name], width)
    assert page.evaluate(MEASURE)["broken"] == []  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


def test_the_a_to_z_list_is_one_card_per_procedure(browser: object, site_url: str) -> None:
    """The name comes first and is a link; time, fee and level follow; the list is short enough to
    scroll through (it was 30,648 px tall as a five-column table)."""
    page, _, _ = open_page(browser, site_url + "thu-tuc/", 360)
    cards = page.locator("li.ck-proc")  # type: ignore[attr-defined]
    count = cards.count()
    assert count == int(page.locator("#ck-filter-count").get_attribute("data-total"))  # type: ignore[attr-defined]
    first = cards.first
    assert first.locator("a").first.inner_text() == first.inner_text().split("\n")[0]
    assert "ngày" in first.inner_text() or "Trong ngày" in first.inner_text()
    height = page.evaluate("document.documentElement.scrollHeight")  # type: ignore[attr-defined]
    # Each card is at most about three lines of text: 130 px a card is generous.
    assert height < 130 * count, f"{height} px for {count} procedures"
    page.context.close()  # type: ignore[attr-defined]


def test_the_measure_finds_a_squeezed_table(browser: object, site_url: str) -> None:
    """The check itself: the old five-column list, put back into a page, fails it."""
    page, _, _ = open_page(browser, site_url + "gioi-thieu/", 360)
    page.evaluate(  # type: ignore[attr-defined]
        """() => {
          const table = document.createElement("table");
          const row = table.insertRow();
          for (const text of ["1.001193", "Đăng ký khai sinh cho trẻ em", "Cấp xã", "Trong ngày", "Không thu"]) {
            row.insertCell().textContent = text;
          }
          table.style.fontFamily = "monospace";
          document.querySelector("article").prepend(table);
        }"""
    )
    found = page.evaluate(MEASURE)  # type: ignore[attr-defined]
    assert found["narrow"], "a five-column table at 360 px was not found"
    page.context.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [320, 360, 412])
def test_results_read_on_a_phone(browser: object, site_url: str, width: int) -> None:
    page, _, _ = open_page(browser, site_url + "ket-qua-giai-quyet/", width)
    checks = page.evaluate(  # type: ignore[attr-defined]
        """() => {
          const small = [], cut = [], split = [];
          for (const el of document.querySelectorAll(".ck-chart *, #bang-so-lieu ~ * *")) {
            if (![...el.childNodes].some((n) => n.nodeType === 3 && n.nodeValue.trim())) continue;
            if (!el.checkVisibility()) continue;
            // A stacked table's header row is moved off screen for screen readers on a phone.
            if (el.closest("table.ck-stack thead") && getComputedStyle(el.closest("thead")).position === "absolute") continue;
            const size = parseFloat(getComputedStyle(el).fontSize);
            if (size < 12) small.push(`${size}px: ${el.textContent.trim().slice(0, 30)}`);
            const box = el.getBoundingClientRect();
            if (box.left < 0 || box.right > window.innerWidth + 0.5 || el.scrollWidth > el.clientWidth + 1)
              cut.push(el.textContent.trim().slice(0, 30));
          }
          for (const el of document.querySelectorAll(".ck-bars__value")) {
            const tops = new Set([...el.getClientRects()].map((r) => Math.round(r.top)));
            if (tops.size > 1) split.push(el.textContent);
          }
          return { small, cut, split };
        }"""
    )
    assert checks == {"small": [], "cut": [], "split": []}
    # Percentages keep their sign: a no-break space, never a line break, between them.
    values = page.locator(".ck-bars__value").all_inner_texts()  # type: ignore[attr-defined]
    assert any(v.endswith("\u00a0%") for v in values)
    # Quarters sit on a time axis: the years with no figures are shown as a gap, not skipped.
    labels = page.locator("#dung-han-cap + ul > li").all_inner_texts()  # type: ignore[attr-defined]
    first, gap, after = labels[:3]
    assert first.startswith("Quý I/2018") and "Không có số liệu" in gap and after.startswith("Quý I/2024")
    # Per-commune figures, as the open data has them.
    rows = page.locator("#theo-xa + .ck-table-wrap tbody tr").count()  # type: ignore[attr-defined]
    csv_text = page.evaluate("fetch('../data/stats.csv').then(r => r.text())")  # type: ignore[attr-defined]
    lines = csv_text.splitlines()[1:]
    latest = max(line.split(",")[0] for line in lines)
    scopes = [line.split(",")[1] for line in lines if line.startswith(latest + ",")]
    communes = [s for s in scopes[1:] if not s.startswith("Lĩnh vực")]  # after the totals, the sectors
    assert rows == len(communes) > 0
    page.context.close()  # type: ignore[attr-defined]
