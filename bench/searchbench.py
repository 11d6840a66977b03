"""The search benchmark: bytes a visitor downloads, and time to results, for our Pagefind search
against Material's built-in search on the same pages, in Chromium on a local server."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from tests.helpers import serve  # the test suite's quiet server on 127.0.0.1

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _bytes(response: Any) -> int:
    try:
        return int(response.request.sizes()["responseBodySize"])
    except Exception:  # a response without a body (redirect, aborted)
        return 0


def asset_sizes(site: Path) -> dict[str, float]:
    """Bytes of the search script and of the lexicon it reads (generator/search_index.py), as
    stored and as a compressing server sends them (the local benchmark server does not compress)."""
    from generator.search_index import LEXICON, gzipped_size

    out: dict[str, float] = {}
    for name, path in (("script", site / "assets" / "search.js"), ("lexicon", site / "pagefind" / LEXICON)):
        data = path.read_bytes()
        out[f"{name}_bytes"] = float(len(data))
        out[f"{name}_gzip_bytes"] = float(gzipped_size(data))
    return out


def measure_search(site: Path, kind: str, queries: tuple[str, str], page_path: str) -> dict[str, float]:
    """Bytes downloaded for a first and a second query after loading a procedure page, and
    (for our box) milliseconds from the last keystroke to the results on screen."""
    from playwright.sync_api import sync_playwright

    selector, results = {
        "congkhai": ("#ck-search-q", "#ck-search-results .ck-result"),
        # Material shows a count line ("N tài liệu …") once its index is loaded and the query has run.
        "material": ("input.md-search__input", ".md-search-result__meta"),
    }[kind]
    out: dict[str, float] = {}
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.set_default_timeout(60_000)
        # Search's own files: Material fetches its whole index (and its worker) as the page loads,
        # Pagefind only when asked; both are counted from the page load on.
        search_files = ("pagefind/", "assets/search.js") if kind == "congkhai" else ("search/", "workers/search")
        sizes: list[tuple[float, int]] = []
        page.on(
            "response",
            lambda r: sizes.append((time.perf_counter(), _bytes(r))) if any(f in r.url for f in search_files) else None,
        )
        start = 0.0
        page.goto(url + page_path, wait_until="networkidle")
        for number, query in enumerate(queries, start=1):
            page.click(selector)
            page.fill(selector, "")
            if kind == "congkhai":
                page.evaluate(
                    """q => { window.__ckDone = new Promise(resolve => document.addEventListener("ck:results",
                         e => { if (e.detail.query === q) resolve(performance.now()); })); }""",
                    query,
                )
            page.type(selector, query[:-1], delay=40)
            page.evaluate("() => { window.__ckLast = performance.now(); }")
            page.type(selector, query[-1])
            page.wait_for_selector(results)
            if kind == "congkhai":
                out[f"ms_{number}"] = float(page.evaluate("async () => (await window.__ckDone) - window.__ckLast"))
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            end = time.perf_counter()
            out[f"bytes_{number}"] = float(sum(n for t, n in sizes if start <= t < end))
            start = end
        browser.close()
    return out
