"""Small content trees for tests (a minimal valid portal written from Python strings), the build
that turns a tree into a site, and what the browser tests need to look at a built site."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 27)

SITE = """\
name: Cổng thử nghiệm
authority: {name: UBND huyện Thử, level: huyen, unit: huyện Thử, parent: tỉnh Mẫu}
levels:
  - {id: tinh, name: Cấp tỉnh}
  - {id: huyen, name: Cấp huyện}
  - {id: xa, name: Cấp xã}
contact: {address: "Số 1 đường Thử", phone: "0227 3821 000"}
feedback: {address: "Văn phòng UBND huyện Thử", email: phananh@example.gov.vn}
base_url: https://example.gov.vn/
demo: true
"""

FIELDS = """\
fields:
  - id: ho-tich
    name: Hộ tịch
  - id: chung-thuc
    name: Chứng thực
"""

AGENCIES = """\
agencies:
  - id: ubnd-xa
    name: UBND cấp xã
    level: xa
  - id: phong-tu-phap
    name: Phòng Tư pháp
    level: huyen
"""

LEGAL = """\
documents:
  - number: 60/2014/QH13
    title: Luật Hộ tịch
    issuer: Quốc hội
    date: 2014-11-20
  - number: 226/2016/TT-BTC
    title: Phí chứng thực
    issuer: Bộ Tài chính
    date: 2016-11-11
"""

PROCEDURE = """\
code: "1.001193"
name: Đăng ký khai sinh
field: ho-tich
levels: [xa]
applicants: [Công dân Việt Nam]
agencies:
  executing: [ubnd-xa]
  deciding: ubnd-xa
submission_address: Bộ phận Một cửa UBND xã
steps:
  - title: Nộp hồ sơ
    text: Nộp tờ khai tại Bộ phận Một cửa.
  - Trả kết quả trong ngày.
channels:
  - mode: truc_tiep
    time: {same_day: true, cutoff: "15:00"}
    fees: [phi-chung-thuc-ban-sao]
  - mode: truc_tuyen
    time:
      working_days: 1
    fees: []
online:
  level: toan_trinh
  url: https://dichvucong.gov.vn/
documents:
  - group: nop
    items:
      - name: Tờ khai đăng ký khai sinh
        original: 1
        copy: 0
        form: to-khai.docx
      - name: Giấy chứng sinh
        original: 1
        copy: 0
        condition: Trường hợp sinh tại cơ sở y tế
result: Giấy khai sinh
legal_basis: ["60/2014/QH13"]
keywords: [làm giấy khai sinh]
dossier_sets: 1
last_reviewed: 2026-09-01
"""

FEE = """\
id: phi-chung-thuc-ban-sao
name: Phí chứng thực bản sao từ bản chính
kind: phi
set_by: Bộ Tài chính
versions:
  - valid_from: 2017-01-01
    per: bản
    rule: 2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang; tối đa 200.000 đồng/bản.
    per_unit:
      unit: trang
      tiers:
        - {from: 1, to: 2, amount: 2000}
        - {from: 3, amount: 1000}
      cap: 200000
    legal_basis: ["226/2016/TT-BTC"]
"""

COMMUNE = """\
id: xa-vu-ninh
name: Vũ Ninh
type: xa
address: Trụ sở UBND xã Vũ Ninh
desk: Bộ phận Một cửa UBND xã Vũ Ninh
office_hours:
  - weekdays: [t2, t3, t4, t5, t6]
    morning: "07:00-11:30"
    afternoon: "13:30-17:00"
  - weekdays: [t7]
    morning: "07:30-11:30"
duty:
  - person: Nguyễn Văn Hùng
    title: Công chức Tư pháp - Hộ tịch
    weekdays: [t2, t4]
reception:
  - person: Trần Thị Lan
    title: Chủ tịch UBND xã
    weekdays: [t5]
    hours: ["07:30-11:00"]
closures:
  - valid_from: 2027-01-01
    reason: Nghỉ Tết Dương lịch
"""

STATS = """\
period: 2018-Q1
source: Báo cáo kết quả giải quyết TTHC quý I/2018
totals:
  carried_over: 32
  received_new: 1900
  received_online: 120
  resolved_early: 800
  resolved_on_time: 945
  pending_not_due: 187
by_field:
  - field: ho-tich
    carried_over: 30
    received_new: 1500
    received_online: 100
    resolved_early: 700
    resolved_on_time: 700
    pending_not_due: 130
  - field: chung-thuc
    carried_over: 2
    received_new: 400
    received_online: 20
    resolved_early: 100
    resolved_on_time: 245
    pending_not_due: 57
"""

BASE_FILES: dict[str, str | bytes] = {
    "site.yaml": SITE,
    "fields.yaml": FIELDS,
    "agencies.yaml": AGENCIES,
    "legal.yaml": LEGAL,
    "procedures/1.001193-dang-ky-khai-sinh.yaml": PROCEDURE,
    "fees/phi-chung-thuc-ban-sao.yaml": FEE,
    "communes/xa-vu-ninh.yaml": COMMUNE,
    "stats/2018-q1.yaml": STATS,
    "forms/to-khai.docx": b"PK\x05\x06" + b"\x00" * 18,
}


def write_tree(root: Path, overrides: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the minimal valid tree, with files replaced (or removed, with None)."""
    files: dict[str, str | bytes | None] = {**BASE_FILES, **(overrides or {})}
    for rel, body in files.items():
        if body is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return root


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line on which `needle` occurs (the n-th time)."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return text.count("\n", 0, start) + 1


# ---------------------------------------------------------------------------------------------
# Building a tree, serving the site, opening its pages in Chromium


def build(
    content: Path, out: Path, date: str = "2026-11-27", config: Path = ROOT / "mkdocs.yml"
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the content folder into `out`, through the real plugin, as of
    `date`, with the configuration `config`."""
    env = {**os.environ, "CONGKHAI_CONTENT": str(content), "CONGKHAI_DATE": date, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


# Debian's Chromium (never a downloaded browser), making no request of its own.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: files of the site, its own 404 page for anything else, no log lines."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404:  # serve the site's own 404 page, as static hosts do
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) while the block runs; gives its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def open_page(browser: object, url: str, width: int) -> tuple[object, list[str], list[str]]:
    """A page in a fresh browser context: (page, every URL it requested, console errors)."""
    context = browser.new_context(viewport={"width": width, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url, wait_until="networkidle")
    return page, requests, errors
