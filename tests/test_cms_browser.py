"""The editors' interface in Chromium, offline, against a local backend (tests/cms/local.py): a
clerk changes a fee amount and a commune's duty roster in the form and saves; each change lands on
its own pull-request branch, changing exactly the edited line, and the content still validates."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from .cms.local import DECAP_SERVER, LocalCms, local_cms
from .helpers import ROOT

pytestmark = pytest.mark.browser

FEE = "content/fees/le-phi-dang-ky-ho-kinh-doanh.yaml"
COMMUNE = "content/communes/xa-vu-ninh.yaml"


@pytest.fixture(scope="module")
def cms_backend(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    if shutil.which("node") is None or not DECAP_SERVER.is_file():
        pytest.fail("node and cms/node_modules are needed (make test runs `npm ci --prefix cms`)")
    with local_cms(demo_site, tmp_path_factory.mktemp("cms")) as backend:
        yield backend


def _open(browser: Any, cms: LocalCms, entry: str) -> tuple[Any, list[str], list[str]]:
    """The interface signed in (the local backend needs no account), at `entry`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(cms.url)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{cms.url}#/collections/{entry}")
    return page, requests, problems


def _expand(page: Any, summary: str) -> None:
    """Open a collapsed list item by its summary line (its toggle is the first button above it)."""
    label = page.get_by_text(summary, exact=True).first
    label.locator("xpath=preceding-sibling::div[1]/button[1]").click()


def _save_and_wait(page: Any, cms: LocalCms, branch: str) -> None:
    page.get_by_role("button", name="Lưu", exact=True).click()
    deadline = time.monotonic() + 30
    # Saved once the branch holds a commit of its own and decap-server is back on `main` (it
    # creates the branch, then commits on it, then checks `main` out again).
    while not (
        branch in cms.branches()
        and cms.git("rev-parse", branch) != cms.git("rev-parse", "main")
        and cms.git("symbolic-ref", "--short", "HEAD").strip() == "main"
    ):
        if time.monotonic() > deadline:
            page.screenshot(path=str(ROOT / "test-artifacts" / "cms-save.png"))
            raise AssertionError(f"nothing saved on {branch}: {cms.branches()}")
        time.sleep(0.2)


def _changed(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new), "lines were added or removed"
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_a_clerk_changes_a_fee_and_a_duty_and_each_becomes_a_pull_request(browser: Any, cms_backend: LocalCms) -> None:
    cms = cms_backend
    (ROOT / "test-artifacts").mkdir(exist_ok=True)

    page, requests, problems = _open(browser, cms, "fee/entries/le-phi-dang-ky-ho-kinh-doanh")
    _expand(page, "2027-01-01")
    page.get_by_label("Mức thu (đồng)").filter(visible=True).fill("150000")
    _save_and_wait(page, cms, "cms/fee/le-phi-dang-ky-ho-kinh-doanh")
    page.context.close()

    page, more_requests, more_problems = _open(browser, cms, "commune/entries/xa-vu-ninh")
    _expand(page, "Vũ Bích Trang – Công chức Địa chính - Xây dựng")
    person = page.get_by_label("Người trực").filter(visible=True)
    person.fill("Trần Thu Hà")
    _save_and_wait(page, cms, "cms/commune/xa-vu-ninh")
    page.context.close()

    # Each change waits on its own branch (a pull request on GitHub); the published branch is as it was.
    original_fee, original_commune = (
        (ROOT / FEE).read_text(encoding="utf-8"),
        (ROOT / COMMUNE).read_text(encoding="utf-8"),
    )
    assert cms.saved("main", FEE) == original_fee and cms.saved("main", COMMUNE) == original_commune
    fee = cms.saved("cms/fee/le-phi-dang-ky-ho-kinh-doanh", FEE)
    commune = cms.saved("cms/commune/xa-vu-ninh", COMMUNE)
    # Exactly the edited lines changed: comments, quotes, flow lists and key order are kept.
    assert _changed(original_fee, fee) == [("  amount: 120000", "  amount: 150000")]
    assert _changed(original_commune, commune) == [("- person: Vũ Bích Trang", "- person: Trần Thu Hà")]
    for text in (fee, commune):
        assert not re.search(r"^\s*[^#\n]*[&*]\w", text, re.M), "an anchor or alias was written"
    changed_files = cms.git("diff", "--name-only", "main", "cms/fee/le-phi-dang-ky-ho-kinh-doanh").split()
    assert changed_files == [FEE]

    # Both pull requests together still validate.
    checkout = cms.repo.parent / "merged"
    shutil.copytree(cms.repo / "content", checkout / "content")
    (checkout / FEE).write_text(fee, encoding="utf-8")
    (checkout / COMMUNE).write_text(commune, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(checkout / "content"), "--date", "2026-11-28"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    # Offline: nothing but this machine, and the admin page's policy blocked nothing.
    hosts = {re.sub(r"^\w+://([^/:]+).*", r"\1", url) for url in requests + more_requests if "://" in url}
    assert hosts <= {"127.0.0.1"}, hosts
    assert problems + more_problems == []
