"""axe-core (WCAG 2.1 A and AA rules) in Chromium on every page type, at phone and desktop
widths: no serious or critical violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .helpers import open_page

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "",
    "field": "linh-vuc/ho-tich/",
    "a-z": "thu-tuc/",
    "procedure": "thu-tuc/2.000815/",
    "commune": "xa-phuong/tt-kien-xuong/",
    "fees": "phi-le-phi/",
    "documents": "giay-to/",
    "legal": "van-ban/",
    "agencies": "co-quan/",
    "search": "tim-kiem/?q=khai%20sinh",
    "results": "ket-qua-giai-quyet/",
    "open-data": "du-lieu-mo/",
    "glossary": "thuat-ngu/",
    "recent": "cap-nhat/",
    "404": "khong-co-trang-nay/",
}
OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_serious_or_critical_violation(browser: object, site_url: str, name: str, width: int) -> None:
    page, _, _ = open_page(browser, site_url + PAGE_TYPES[name], width)
    if name == "search":
        page.wait_for_selector("#ck-search-page-results .ck-result")  # type: ignore[attr-defined]
    if name == "procedure":  # the search box with its results open is part of every page
        page.fill("#ck-search-q", "chung thuc")  # type: ignore[attr-defined]
        page.wait_for_selector("#ck-search-results .ck-result")  # type: ignore[attr-defined]
    results = Axe().run(page, options=OPTIONS)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == []
    page.context.close()  # type: ignore[attr-defined]
