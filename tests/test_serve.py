"""`mkdocs serve`: unchanged files are not read again, only the pages an edit changed are made and
rendered again (and the result is the site a full build makes), and invalid content shows an error
page that recovers by itself."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from markupsafe import escape
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.content import Content, load_content
from generator.load.cache import FileCache
from generator.plugin import CONTENT_SECURITY_POLICY, PREVIEW_POLICY, CongkhaiPlugin
from generator.views.site_map import SiteMap, site_pages

from .helpers import TODAY, line_of, write_tree

ROOT = Path(__file__).resolve().parent.parent
DATE = "2026-11-28"


def _load(root: Path, cache: FileCache | None = None) -> Content:
    content, problems = load_content(root, TODAY, cache)
    assert content is not None, problems[:3]
    return content


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# The file cache


def test_unchanged_files_give_back_the_same_records(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "content")
    cache = FileCache()
    first = _load(root, cache)
    second = _load(root, cache)
    assert second.site is first.site
    assert second.procedures[0] is first.procedures[0]
    assert second.fees["phi-chung-thuc-ban-sao"] is first.fees["phi-chung-thuc-ban-sao"]
    assert second.sectors["ho-tich"] is first.sectors["ho-tich"]
    _edit(root / "procedures/1.001193-dang-ky-khai-sinh.yaml", "name: Đăng ký khai sinh", "name: Khai sinh")
    third = _load(root, cache)
    assert third.procedures[0] is not first.procedures[0]
    assert third.procedures[0].name == "Khai sinh"
    assert third.fees["phi-chung-thuc-ban-sao"] is first.fees["phi-chung-thuc-ban-sao"]
    assert third.site is first.site
    # Without a cache every load makes new records.
    assert _load(root).site is not third.site


def test_cached_files_report_their_problems_again(tmp_path: Path) -> None:
    """A file with a problem gives the same problems whether it was read again or not, and a
    fixed file is read again."""
    procedure = "procedures/1.001193-dang-ky-khai-sinh.yaml"
    root = write_tree(tmp_path / "content")
    path = root / procedure
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("field: ho-tich", "field: khong-co"), encoding="utf-8")
    cache = FileCache()
    fresh = load_content(root, TODAY)[1]
    first = load_content(root, TODAY, cache)
    second = load_content(root, TODAY, cache)
    assert first[0] is None and second[0] is None
    where = {(p.code, p.file, p.line) for p in second[1]}
    assert ("unknown-sector", procedure, line_of(good, "field: ho-tich")) in where
    assert first[1] == second[1] == fresh
    path.write_text(good.replace("name: Đăng ký khai sinh", "name: : :"), encoding="utf-8")
    assert ("yaml-syntax", procedure) in {(p.code, p.file) for p in load_content(root, TODAY, cache)[1]}
    path.write_text(good, encoding="utf-8")
    content, problems = load_content(root, TODAY, cache)
    assert content is not None and problems == load_content(root, TODAY)[1]


def test_removed_files_are_forgotten(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "content")
    cache = FileCache()
    _load(root, cache)
    (root / "stats/2018-q1.yaml").unlink()
    assert _load(root, cache).stats == []
    assert not any("2018-q1" in key for key in cache._entries)


# The pages made again


EDITS = {
    "procedure": ("procedures/1.001193-*.yaml", "name: Đăng ký khai sinh", "name: Đăng ký khai sinh (sửa)"),
    "related procedure": ("procedures/1.010915-*.yaml", "\nname: ", "\nname: Sửa "),
    "fee": ("fees/le-phi-cap-giay-chung-nhan.yaml", "amount: 25000", "amount: 30000"),
    "commune fee": ("fees/le-phi-ho-tich-xa.yaml", "amount: 8000", "amount: 9000"),
    "agency": ("agencies/ubnd-huyen.yaml", "name: UBND huyện Kiến Xương\n", "name: UBND huyện Kiến Xương (sửa)\n"),
    "sector": ("fields/ho-tich.yaml", "name: Hộ tịch", "name: Hộ tịch (sửa)"),
    "legal": ("legal/60-2014-qh13.yaml", "title: Luật Hộ tịch", "title: Luật Hộ tịch (sửa)"),
    "commune": ("communes/xa-an-binh.yaml", "address: Trụ sở UBND xã An Bình", "address: Nhà văn hoá xã An Bình"),
    "site": ("site.yaml", "\nname: ", "\nname: Cổng "),
}


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


@pytest.mark.parametrize("edit", list(EDITS))
def test_pages_made_again_are_those_the_edit_changed(demo: Path, edit: str) -> None:
    """After an edit, the remembered site map equals one made from scratch, page by page; the
    pages it did not make again are the same objects as before."""
    pattern, old, new = EDITS[edit]
    cache, site_map = FileCache(), SiteMap()
    before = {s.url: s for s in site_map.pages(_load(demo, cache))}
    _edit(next(demo.glob(pattern)), old, new)
    content = _load(demo, cache)
    after = site_map.pages(content)
    fresh = site_pages(_load(demo))
    assert [s.url for s in after] == [s.url for s in fresh]
    for incremental, scratch in zip(after, fresh, strict=True):
        assert incremental == scratch, incremental.url
    changed = {s.url for s in after if before.get(s.url) is not s}
    if edit != "site":  # a new site drops every page; otherwise only the pages that differ are new
        assert changed == {s.url for s in after if before.get(s.url) != s}
    assert site_map.made == len(changed) and site_map.kept == len(after) - len(changed)
    if edit == "site":
        assert changed == {s.url for s in after}
    else:
        assert len(changed) < len(after) // 2, changed  # not everything
    if edit == "related procedure":
        assert "thu-tuc/1.000656/" in changed  # lists 1.010915 among its related procedures
    if edit == "commune fee":
        assert "xa-phuong/xa-an-binh/" in changed
    if edit in ("procedure", "fee", "agency", "legal"):
        assert not any(url.startswith("xa-phuong/") and url != "xa-phuong/" for url in changed)


# Builds during `mkdocs serve`, in this process


def _config(work: Path, site: Path) -> object:
    config = load_config(config_file=str(work / "mkdocs.yml"), site_dir=str(site))
    config.site_url = "http://127.0.0.1:8000/"  # as `mkdocs serve` sets it
    return config


def _copy_project(work: Path, content: Path | None = None) -> Path:
    for name in ("docs", "site_overrides", "mkdocs.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
    shutil.copytree(content or ROOT / "content", work / "content")
    return work


def _visible_tree(site: Path) -> dict[str, Path]:
    return {
        p.relative_to(site).as_posix(): p
        for p in site.rglob("*")
        if p.is_file() and not p.relative_to(site).parts[0].startswith(".")
    }


def test_serve_rebuilds_give_the_site_a_full_build_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Edits, a broken file and its fix, each followed by a `serve` rebuild in this process: only
    the changed pages are rendered, the broken content gives error pages where the pages were, and
    the last output is byte for byte what `mkdocs build` makes of the same content."""
    monkeypatch.setenv("CONGKHAI_DATE", DATE)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("CONGKHAI_CONTENT", raising=False)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    work = _copy_project(tmp_path / "work")
    site = tmp_path / "serve"
    site.mkdir()
    config = _config(work, site)
    config.plugins.on_startup(command="serve", dirty=False)  # type: ignore[attr-defined]
    plugin = config.plugins["congkhai"]  # type: ignore[attr-defined]
    assert isinstance(plugin, CongkhaiPlugin) and plugin.preview is not None
    preview = plugin.preview

    def rebuild() -> None:
        cfg = _config(work, site)
        assert cfg.plugins["congkhai"] is plugin  # type: ignore[attr-defined]  # MkDocs keeps the instance
        build(cfg, serve_url="http://127.0.0.1:8000/")  # type: ignore[arg-type]

    # A page outside the rebuilt ones with the latest date: sitemap.xml.gz carries that date.
    _edit(
        next((work / "content/procedures").glob("1.000656-*.yaml")),
        "last_reviewed: 2026-09-15",
        "last_reviewed: 2026-11-20",  # the latest date, and not in the future (future-date)
    )
    procedure = next((work / "content/procedures").glob("1.001193-*.yaml"))
    good = procedure.read_text(encoding="utf-8")
    line = line_of(good, "field: ho-tich")
    problem = rf'data-code="unknown-sector" data-file="procedures/{re.escape(procedure.name)}" data-line="{line}"'

    # Broken from the start: the home page (and any missing page) shows the problems.
    procedure.write_text(good.replace("field: ho-tich", "field: khong-co-linh-vuc"), encoding="utf-8")
    build(config, serve_url="http://127.0.0.1:8000/")  # type: ignore[arg-type]
    assert re.search(problem, (site / "index.html").read_text(encoding="utf-8"))
    assert 'http-equiv="refresh"' in (site / "404.html").read_text(encoding="utf-8")
    assert not (site / "thu-tuc").exists()

    procedure.write_text(good, encoding="utf-8")
    rebuild()
    pages = preview.rendered
    assert pages > 100 and "ck-preview-error" not in (site / "index.html").read_text(encoding="utf-8")

    _edit(procedure, "name: Đăng ký khai sinh", "name: Đăng ký khai sinh (sửa)")
    rebuild()
    assert 0 < preview.rendered < pages // 4
    assert "Đăng ký khai sinh (sửa)" in (site / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")

    procedure.write_text(good.replace("field: ho-tich", "field: khong-co-linh-vuc"), encoding="utf-8")
    rebuild()
    for shown in ("thu-tuc/1.001193/index.html", "thu-tuc/1.000656/index.html", "index.html", "404.html"):
        html = (site / shown).read_text(encoding="utf-8")
        assert 'id="ck-preview-error"' in html and re.search(problem, html), shown

    procedure.write_text(good, encoding="utf-8")
    rebuild()
    html = (site / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")
    assert "ck-preview-error" not in html and "Đăng ký khai sinh (sửa)" not in html

    # A new procedure, a fee and a commune edited: pages appear, change, and the others stay.
    (procedure.parent / "9.999999-thu-tuc-moi.yaml").write_text(
        re.sub(r"^local_code: .*\n", "", good.replace('code: "1.001193"', 'code: "9.999999"'), flags=re.M).replace(
            "name: Đăng ký khai sinh", "name: Thủ tục mới"
        ),
        encoding="utf-8",
    )
    _edit(work / "content/fees/le-phi-ho-tich-xa.yaml", "amount: 8000", "amount: 9000")
    _edit(work / "content/communes/xa-an-binh.yaml", "address: Trụ sở", "address: Nhà văn hoá")
    rebuild()
    assert 0 < preview.rendered < pages
    assert "Thủ tục mới" in (site / "thu-tuc/9.999999/index.html").read_text(encoding="utf-8")
    preview.wait(stop_index=False)
    assert (site / "pagefind/pagefind-entry.json").is_file()

    full = tmp_path / "full"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml"), "-d", str(full)],
        check=True,
        cwd=work,
    )
    served, built = _visible_tree(site), _visible_tree(full)
    assert sorted(served) == sorted(built)
    # The only difference allowed: the preview's policy lets MkDocs's inline live-reload call run.
    preview_policy = str(escape(PREVIEW_POLICY)).encode()  # as the <meta> prints it
    published_policy = str(escape(CONTENT_SECURITY_POLICY)).encode()
    different = [
        name
        for name in built
        if served[name].read_bytes().replace(preview_policy, published_policy) != built[name].read_bytes()
    ]
    assert different == []
    preview.wait()
    gc.unfreeze()  # the preview sets the first build's objects aside, as a server would


# `mkdocs serve` in Chromium


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`mkdocs serve` on a copy of the demo: its URL and the copy."""
    work = _copy_project(tmp_path / "work")
    port = _free_port()
    env = {**os.environ, "CONGKHAI_DATE": dt.date.today().isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CONGKHAI_CONTENT", None)
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=work,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while True:
        try:
            with urllib.request.urlopen(url + "thu-tuc/1.001193/", timeout=5):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail("mkdocs serve did not start:\n" + (tmp_path / "serve.log").read_text()[-3000:])
            time.sleep(0.3)
    try:
        yield url, work
    finally:
        server.send_signal(signal.SIGINT)  # MkDocs removes its temporary output folder on Ctrl-C
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.mark.browser
def test_the_open_page_follows_edits_and_shows_errors(browser: object, served: tuple[str, Path]) -> None:
    """The editor keeps one tab open: it shows a saved edit, the problem list when the content
    breaks (instead of hanging), and the page again once fixed, without touching the browser."""
    url, work = served
    procedure = next((work / "content/procedures").glob("1.001193-*.yaml"))
    good = procedure.read_text(encoding="utf-8")
    # The session's Chromium (tests/conftest.py): a second Playwright in the same worker would clash.
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(url + "thu-tuc/1.001193/", wait_until="load")
    assert "Đăng ký khai sinh" in page.inner_text("h1")
    page.wait_for_timeout(500)  # the live-reload script starts polling on load

    procedure.write_text(good.replace("name: Đăng ký khai sinh", "name: Đăng ký khai sinh đã sửa"), encoding="utf-8")
    # Locators, not wait_for_function: the page's Content-Security-Policy forbids eval.
    page.locator("h1", has_text="đã sửa").wait_for(timeout=90_000)

    procedure.write_text(good.replace("field: ho-tich", "field: khong-co-linh-vuc"), encoding="utf-8")
    problem = page.locator('#ck-preview-error tr.ck-problem[data-code="unknown-sector"]')
    problem.wait_for(timeout=90_000)
    assert problem.get_attribute("data-file") == f"procedures/{procedure.name}"
    assert problem.get_attribute("data-line") == str(line_of(good, "field: ho-tich"))
    assert "khong-co-linh-vuc" in problem.inner_text()

    procedure.write_text(good, encoding="utf-8")
    page.locator("#ck-preview-error").wait_for(state="detached", timeout=90_000)
    page.locator("h1", has_text="Đăng ký khai sinh").wait_for(timeout=90_000)
    assert "đã sửa" not in page.inner_text("h1")
    context.close()
