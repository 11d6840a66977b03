"""Build tests: `mkdocs build` on small content trees, through the real plugin."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .helpers import PROCEDURE, SITE, build, write_tree

ROOT = Path(__file__).resolve().parent.parent
P = "procedures/1.001193-dang-ky-khai-sinh.yaml"


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("small")
    result = build(write_tree(tmp / "content"), tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_page_exists(small_site: Path) -> None:
    for rel in [
        "index.html",
        "thu-tuc/index.html",
        "thu-tuc/1.001193/index.html",
        "linh-vuc/index.html",
        "linh-vuc/ho-tich/index.html",
        "cap/xa/index.html",
        "xa-phuong/index.html",
        "xa-phuong/xa-vu-ninh/index.html",
        "phi-le-phi/index.html",
        "bieu-mau/to-khai.docx",
        "404.html",
        "tim-kiem/index.html",
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
    ]:
        assert (small_site / rel).is_file(), rel


def test_procedure_page_shows_the_record(small_site: Path) -> None:
    html = read(small_site, "thu-tuc/1.001193/index.html")
    assert ">Đăng ký khai sinh</h1>" in html
    assert "1.001193" in html
    assert "2.000 đồng/trang" in html and "tối đa 200.000 đồng/bản" in html
    text = re.sub(r"<[^>]+>", "", html)  # official terms are linked to the glossary
    assert "Trong ngày (hồ sơ nhận sau 15:00 thì trả trong ngày làm việc tiếp theo)" in text
    assert 'href="../../bieu-mau/to-khai.docx"' in html
    assert "Trường hợp sinh tại cơ sở y tế" in html
    assert 'href="../../linh-vuc/ho-tich/"' in html  # breadcrumb to its field


def test_procedure_pages_are_not_in_the_navigation(small_site: Path) -> None:
    home = read(small_site, "index.html")
    procedure = read(small_site, "thu-tuc/1.001193/index.html")
    assert "thu-tuc/1.001193/" not in home.split('<div class="md-content"')[0]
    nav = procedure.split('<div class="md-content"')[0]
    assert "Đăng ký khai sinh</a>" not in nav


def test_demo_notice_is_shown(small_site: Path) -> None:
    assert "Dữ liệu minh họa." in read(small_site, "index.html")


def test_text_from_yaml_is_escaped(tmp_path: Path) -> None:
    hostile = PROCEDURE.replace("name: Đăng ký khai sinh", 'name: "<script>alert(1)</script> Đăng ký"')
    hostile = hostile.replace("result: Giấy khai sinh", 'result: "<img src=x onerror=alert(2)>"')
    site_yaml = SITE.replace("name: Cổng thử nghiệm", 'name: "</title><script>alert(3)</script>"')
    site_yaml = site_yaml.replace(
        "demo: true",
        'demo: true\ndemo_notice: "<b onmouseover=alert(4)>x</b>"\ndescription: "\\"><script>alert(5)</script>"',
    )
    result = build(write_tree(tmp_path / "content", {P: hostile, "site.yaml": site_yaml}), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = read(tmp_path / "site", "thu-tuc/1.001193/index.html")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Đăng ký" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for needle in ("<script>alert", "<b onmouseover", "<img src=x", '"><script>'):
            assert needle not in text, f"{needle} unescaped in {page}"


def test_bad_content_stops_the_build_and_keeps_the_previous_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(write_tree(tmp_path / "content"), out).returncode == 0
    before = read(out, "thu-tuc/1.001193/index.html")
    write_tree(tmp_path / "content", {P: PROCEDURE.replace("field: ho-tich", "field: ho-tic")})
    result = build(tmp_path / "content", out)
    assert result.returncode != 0
    assert "unknown-sector" in result.stderr and "Traceback" not in result.stderr
    assert read(out, "thu-tuc/1.001193/index.html") == before


def test_demo_site_builds_strict(demo_site: Path) -> None:
    pages = list((demo_site / "thu-tuc").glob("*/index.html"))
    assert len(pages) >= 60
    largest = max(page.stat().st_size for page in pages)
    assert largest < 30_000, f"largest procedure page is {largest} bytes"


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content")
    assert build(content, tmp_path / "a").returncode == 0
    assert build(content, tmp_path / "b").returncode == 0
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_killed_build_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content")
    out = tmp_path / "site"
    assert build(content, out).returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    env = {**os.environ, "CONGKHAI_CONTENT": str(content), "CONGKHAI_DATE": "2026-11-27", "NO_MKDOCS_2_WARNING": "1"}
    rng = random.Random(20261127)
    for delay in sorted(rng.uniform(0.2, 2.5) for _ in range(5)):  # random moments, repeatable
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        assert after == before, f"site changed after a kill at {delay}s"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _staging_folders(out: Path) -> list[Path]:
    return [p for p in out.parent.glob(f".congkhai-build-{out.name}-*") if p.is_dir()]


def _start_build(content: Path, out: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "CONGKHAI_CONTENT": str(content), "CONGKHAI_DATE": "2026-11-27", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_staging(out: Path, proc: subprocess.Popen[str]) -> Path:
    """The staging folder of a build that has started writing."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if folders := _staging_folders(out):
            return folders[0]
        time.sleep(0.02)
    raise AssertionError("the build never created its staging folder")


def test_overlapping_builds_each_publish_a_complete_site(tmp_path: Path) -> None:
    # The demo content, so that the first build is still writing when the second starts.
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(ROOT / "content", first)
    shutil.copytree(ROOT / "content", second)
    renamed = next((second / "procedures").glob("1.001193-*.yaml"))
    renamed.write_text(renamed.read_text(encoding="utf-8").replace("name: ", "name: Lần hai — ", 1), encoding="utf-8")
    out = tmp_path / "site"
    seen: set[frozenset[str]] = set()
    done = threading.Event()

    def watch() -> None:  # what a visitor could be served at any moment
        while not done.is_set():
            if out.exists():
                seen.add(frozenset(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()))
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        a = _start_build(first, out)
        _wait_for_staging(out, a)  # `a` holds the output, a second or two after it started
        b = _start_build(second, out)
        _, a_err = a.communicate(timeout=300)
        _, b_err = b.communicate(timeout=300)
    finally:
        done.set()
        watcher.join()
    assert a.returncode == 0, a_err
    assert b.returncode == 0, b_err
    assert "Đang chờ bản xây dựng khác" in b_err and f"tiến trình {a.pid}" in b_err, (a_err, b_err)
    # The search index's file names hash its contents, which differ between the two builds.
    complete = {name for name in _files(out) if ".pf_" not in name}
    assert {"pagefind/pagefind.js", "pagefind/pagefind-entry.json"} <= complete
    assert {".css", ".js"} <= {Path(name).suffix for name in complete}
    assert seen, "the watcher never saw the site"
    for view in seen:
        assert complete <= view, f"a visitor could see a site missing {sorted(complete - view)[:5]}"
    assert "Lần hai — " in read(out, "thu-tuc/1.001193/index.html")  # the later build is published last
    assert _staging_folders(out) == []


def test_a_killed_builds_leftover_is_removed_by_the_next_build(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content")
    out = tmp_path / "site"
    proc = _start_build(content, out)
    staging = _wait_for_staging(out, proc)
    deadline = time.monotonic() + 60
    while not (staging / "assets").exists() and time.monotonic() < deadline:  # MkDocs is writing
        time.sleep(0.02)
    proc.kill()
    proc.communicate()
    assert staging.is_dir() and not out.exists()
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    assert "Đang chờ" not in result.stderr  # the kernel released the killed build's lock
    assert _staging_folders(out) == [] and (out / "index.html").is_file()


STRICT_WARNING_HOOK = """\
import logging

log = logging.getLogger("mkdocs.hooks.strict_warning")


def {event}(*args, **kwargs):
    log.warning("a warning strict mode turns into a failure")
"""


@pytest.mark.parametrize("event", ["on_page_content", "on_post_build"])
def test_a_strict_warning_leaves_the_previous_site_untouched(tmp_path: Path, event: str) -> None:
    # The same configuration plus a hook that logs one warning: with `strict: true` MkDocs aborts,
    # after on_post_build when the warning comes from there.
    (tmp_path / "strict_warning.py").write_text(STRICT_WARNING_HOOK.format(event=event), encoding="utf-8")
    warning_config = tmp_path / "mkdocs.yml"
    warning_config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        f"theme: {{custom_dir: {ROOT / 'site_overrides'}}}\n"
        "hooks: [strict_warning.py]\n",
        encoding="utf-8",
    )
    content = write_tree(tmp_path / "content")
    out = tmp_path / "site"
    assert build(content, out).returncode == 0
    before = _files(out)
    write_tree(tmp_path / "content", {P: PROCEDURE.replace("name: Đăng ký khai sinh", "name: Đăng ký khai tử")})
    result = build(content, out, config=warning_config)
    assert result.returncode != 0
    assert "a warning strict mode turns into a failure" in result.stderr and "Aborted" in result.stdout
    assert _files(out) == before
    assert _staging_folders(out) == []
    # The same content without the warning is published.
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    assert "Đăng ký khai tử" in read(out, "thu-tuc/1.001193/index.html")


def test_links_and_anchors_resolve_in_the_demo_site(demo_site: Path) -> None:
    from .linkcheck import check_links

    checked, broken = check_links(demo_site)
    assert checked > 1000
    assert broken == []


def test_search_index_holds_procedures_only_with_folded_words(small_site: Path) -> None:
    html = read(small_site, "thu-tuc/1.001193/index.html")
    # the name with đ folded, the keywords, the code, filter words, and the result fields
    assert '<p data-pagefind-weight="10">dang</p>' in html
    assert "zzlinhvuchotich" in html and "zzcapxa" in html
    assert '<span data-pagefind-meta="fee">Từ 2.000 đồng (trực tuyến: Không thu)</span>' in html
    assert "data-pagefind-body" not in read(small_site, "xa-phuong/xa-vu-ninh/index.html")
    assert list((small_site / "pagefind").glob("*.pf_meta"))
    assert not (small_site / "pagefind" / "pagefind-ui.js").exists()


def test_sitemap_lists_pages_with_their_dates(small_site: Path) -> None:
    sitemap = read(small_site, "sitemap.xml")
    assert "<loc>https://example.gov.vn/thu-tuc/1.001193/</loc>" in sitemap
    # outside git the procedure's date is its last review; other pages carry the build date
    assert "<lastmod>2026-09-01</lastmod>" in sitemap and "<lastmod>2026-11-27</lastmod>" in sitemap
