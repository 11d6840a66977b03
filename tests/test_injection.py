"""Hostile text in every text field of a procedure, a fee and a commune: built, then every page
loaded in Chromium. No injected script runs, no injected element exists, and the text is shown
as text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .helpers import BASE_FILES, build, open_page, serve, write_tree

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent

PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    '<img src="x-injected" onerror="window.__pwned=\'img\'">',
    '<iframe src="https://evil.example/"></iframe>',
    '"><svg onload="window.__pwned=\'svg\'">',
    "javascript:window.__pwned='js'",
    "[bấm vào](javascript:window.__pwned='md')",
    "&lt;b&gt;thực thể&lt;/b&gt; &amp;",
    "{{ 7*7 }} {% raw %}",
]
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
}
TEXT_LISTS = {"applicants", "conditions", "keywords"}


def inject(data: Any, payload: str, key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: inject(v, payload, k) for k, v in data.items()}
    if isinstance(data, list):
        if key in TEXT_LISTS:
            return [f"{item} {payload}" for item in data]
        return [inject(item, payload, key) for item in data]
    if isinstance(data, str) and key in TEXT_KEYS and not (key == "kind" and data in ("phi", "le_phi")):
        return f"{data} {payload}"
    return data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("hostile")
    payload = " ".join(PAYLOADS)
    files: dict[str, str | bytes | None] = {}
    for rel in (
        "procedures/1.001193-dang-ky-khai-sinh.yaml",
        "fees/phi-chung-thuc-ban-sao.yaml",
        "communes/xa-vu-ninh.yaml",
    ):
        body = BASE_FILES[rel]
        assert isinstance(body, str)
        files[rel] = yaml.safe_dump(inject(yaml.safe_load(body), payload), allow_unicode=True, width=10_000)
    content = write_tree(tmp / "content", files)
    out = tmp / "site"
    result = build(content, out, date=dt.date.today().isoformat())
    assert result.returncode == 0, result.stderr
    with serve(out) as url:
        yield url


def test_injected_text_stays_text_on_every_page(browser: object, hostile_site: str) -> None:
    pages = [
        "",
        "thu-tuc/",
        "thu-tuc/1.001193/",
        "linh-vuc/ho-tich/",
        "cap/xa/",
        "co-quan/",
        "co-quan/ubnd-xa/",
        "xa-phuong/",
        "xa-phuong/xa-vu-ninh/",
        "phi-le-phi/",
        "giay-to/",
        "van-ban/",
        "gioi-thieu/",
        "tim-kiem/?q=khai%20sinh",
    ]
    for path in pages:
        page, requests, _ = open_page(browser, hostile_site + path, 1280)
        if path.startswith("tim-kiem"):
            page.wait_for_selector("#ck-search-page-results .ck-result")  # type: ignore[attr-defined]
        assert page.evaluate("window.__pwned") is None, path  # type: ignore[attr-defined]
        for selector in ('img[src="x-injected"]', "iframe", "svg[onload]", 'a[href^="javascript:"]'):
            assert page.locator(selector).count() == 0, f"{selector} injected on {path}"  # type: ignore[attr-defined]
        assert not [r for r in requests if "evil.example" in r], path
        page.context.close()  # type: ignore[attr-defined]
    page, _, _ = open_page(browser, hostile_site + "thu-tuc/1.001193/", 1280)
    text = page.inner_text("article")  # type: ignore[attr-defined]
    for payload in PAYLOADS:
        assert payload in text, f"{payload!r} not shown as text"
    page.context.close()  # type: ignore[attr-defined]
