"""The screenshots of the editors' guide (docs/huong-dan/quan-tri.md), taken in Chromium against
the local backend over the demo content: `.venv/bin/python -m tests.cms.screenshots`."""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from ..helpers import CHROMIUM_FLAGS, ROOT, build
from .local import local_cms

OUT = ROOT / "docs" / "huong-dan" / "anh"


def _shot(page: Any, name: str) -> None:
    time.sleep(0.8)  # let the interface's transitions end
    page.screenshot(path=str(OUT / name))
    print(OUT / name)


def _expand(page: Any, summary: str) -> None:
    page.get_by_text(summary, exact=True).first.locator("xpath=preceding-sibling::div[1]/button[1]").click()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        result = build(ROOT / "content", work / "built", date="2026-11-28")
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            return 1
        with local_cms(work / "built", work) as cms, sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"), args=[*CHROMIUM_FLAGS, "--lang=vi-VN"]
            )
            context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
            page = context.new_page()
            page.goto(cms.url)
            page.get_by_role("button", name="Đăng nhập").wait_for()
            _shot(page, "1-dang-nhap.png")
            page.get_by_role("button", name="Đăng nhập").click()
            page.goto(f"{cms.url}#/collections/fee")
            page.get_by_text("Lệ phí đăng ký hộ kinh doanh").first.wait_for()
            _shot(page, "2-danh-sach.png")

            page.goto(f"{cms.url}#/collections/fee/entries/le-phi-dang-ky-ho-kinh-doanh")
            _expand(page, "2027-01-01")
            amount = page.get_by_label("Mức thu (đồng)").filter(visible=True)
            amount.fill("150000")
            amount.scroll_into_view_if_needed()
            _shot(page, "3-sua-muc-thu.png")
            page.get_by_role("button", name="Lưu", exact=True).click()
            page.get_by_text("Thay đổi đã được lưu", exact=False).first.wait_for()
            _shot(page, "4-da-luu.png")
            page.get_by_text(re.compile(": Bản nháp$")).first.click()
            _shot(page, "5-trang-thai.png")
            page.get_by_text("Sẵn sàng", exact=True).click()
            page.wait_for_timeout(1500)

            page = context.new_page()
            page.goto(f"{cms.url}#/collections/commune/entries/xa-vu-ninh")
            _expand(page, "Vũ Bích Trang – Công chức Địa chính - Xây dựng")
            page.get_by_label("Người trực").filter(visible=True).scroll_into_view_if_needed()
            _shot(page, "6-lich-truc.png")
            name = page.get_by_label("Tên", exact=True)
            name.fill("")
            page.get_by_role("button", name="Lưu", exact=True).click()
            name.scroll_into_view_if_needed()
            _shot(page, "7-loi.png")

            page = context.new_page()
            page.goto(f"{cms.url}#/workflow")
            page.get_by_text("Lệ phí đăng ký hộ kinh doanh").first.wait_for()
            _shot(page, "8-quy-trinh.png")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
