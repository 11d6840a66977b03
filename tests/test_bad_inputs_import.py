"""Bad inputs of the công bố import and of the real-record model: a case without papers, content
awaiting review, and the decisions `import` cannot read or place, each reported with its code at
its line (of the content file, or of the decision's source file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.importer.write import Options, import_files

from .helpers import PROCEDURE, line_of, write_tree
from .test_bad_inputs import Case, P, case, check

# A procedure as a decision writes it, with every heading; the cases below change one thing.
DECISION = """\
A. THỦ TỤC HÀNH CHÍNH THỰC HIỆN TẠI CẤP XÃ
1. Thủ tục: Đăng ký hoạt động tín ngưỡng (Số hồ sơ TTHC 1.001055)
1.1. Trình tự thực hiện:
- Bước 1: Người đại diện nộp hồ sơ tại Ủy ban nhân dân cấp xã.
- Bước 2: Ủy ban nhân dân cấp xã trả lời bằng văn bản.
1.2. Cách thức thực hiện: Nộp hồ sơ trực tiếp tại Ủy ban nhân dân cấp xã.
1.3. Thành phần, số lượng hồ sơ:
a) Thành phần hồ sơ: Văn bản đăng ký (01 bản chính).
b) Số lượng hồ sơ: 01 bộ.
1.4. Thời hạn giải quyết: 15 ngày kể từ ngày nhận hồ sơ hợp lệ.
1.5. Đối tượng thực hiện thủ tục hành chính: Người đại diện cơ sở tín ngưỡng.
1.6. Cơ quan thực hiện thủ tục hành chính: Ủy ban nhân dân cấp xã.
1.7. Kết quả thực hiện thủ tục hành chính: Văn bản chấp thuận.
1.8. Phí, lệ phí: Không.
1.9. Tên mẫu đơn, mẫu tờ khai: Mẫu B1 ban hành kèm theo Nghị định số 95/2023/NĐ-CP.
1.10. Yêu cầu, điều kiện thực hiện thủ tục hành chính: Không.
1.11. Căn cứ pháp lý của thủ tục hành chính:
- Luật Tín ngưỡng, tôn giáo số 02/2016/QH14 ngày 18/11/2016.
"""
TITLE = "1. Thủ tục: Đăng ký hoạt động tín ngưỡng (Số hồ sơ TTHC 1.001055)"


def _sub(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# Cases of `import`: `file` is the decision's file (relative to the folder it is imported from),
# `body` its content, `line` the line the problem is reported at; `extra` changes the content tree.
IMPORT_CASES = [
    Case("a PDF is not read", "quyet-dinh.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "import-unreadable", 0),
    Case(
        "text not in UTF-8",
        "quyet-dinh.txt",
        b"1. Th\xf9 t\xf9c: \xd0\xe3ng k\xfd khai sinh\n",  # Windows-1258 bytes: not UTF-8
        "import-unreadable",
        0,
    ),
    Case("a Word file that is not one", "quyet-dinh.docx", b"PK\x03\x04 not a zip", "import-unreadable", 0),
    Case(
        "a list of procedures without their content",
        "danh-muc.txt",
        "DANH MỤC THỦ TỤC HÀNH CHÍNH\nSTT Tên thủ tục\n1 Đăng ký khai sinh\n",
        "import-no-procedure",
        1,
    ),
    Case(
        "a procedure without a code",
        "quyet-dinh.txt",
        _sub(DECISION, " (Số hồ sơ TTHC 1.001055)", ""),
        "import-no-code",
        2,
    ),
    Case(
        "an agency of no known level",
        "quyet-dinh.txt",
        _sub(
            _sub(DECISION, "A. THỦ TỤC HÀNH CHÍNH THỰC HIỆN TẠI CẤP XÃ\n", ""),
            "Cơ quan thực hiện thủ tục hành chính: Ủy ban nhân dân cấp xã.",
            "Cơ quan thực hiện thủ tục hành chính: Ban Quản lý Khu kinh tế.",
        ),
        "import-missing",
        1,
    ),
    Case(
        "a text it cannot place",
        "quyet-dinh.txt",
        _sub(DECISION, "1.11. Căn cứ pháp lý", "Tập tin đính kèm: QD 12.doc\n1.11. Căn cứ pháp lý"),
        "needs-review",
        line_of(DECISION, "1.11. Căn cứ pháp lý"),
    ),
    Case(
        "the procedure's file is broken",
        "quyet-dinh.txt",
        _sub(DECISION, "1.001055", "1.001193"),
        "import-conflict",
        2,
        {P: 'code: "1.001193"\nname: [Đăng ký khai sinh\n'},
    ),
]

CASES = [
    case(
        "a case without papers",
        P,
        PROCEDURE,
        "result: Giấy khai sinh\n",
        "document_cases:\n  - title: Trường hợp ủy quyền\nresult: Giấy khai sinh\n",
        "empty-case",
        "  - title: Trường hợp ủy quyền",
    ),
    case(
        "content awaiting review",
        P,
        PROCEDURE,
        "last_reviewed: 2026-09-01\n",
        "last_reviewed: 2026-09-01\nneeds_review:\n  - heading: Căn cứ pháp lý\n"
        "    text: Văn bản hợp nhất số 12/VBHN-BCA\n    source_line: 48\n",
        "needs-review",
        "  - heading: Căn cứ pháp lý",
    ),
    *IMPORT_CASES,
]
CONTENT_CASES = [c for c in CASES if c not in IMPORT_CASES]


@pytest.mark.parametrize("bad", CONTENT_CASES, ids=[c.name for c in CONTENT_CASES])
def test_bad_input_is_reported_at_its_place(tmp_path: Path, bad: Case) -> None:
    check(tmp_path, bad)


@pytest.mark.parametrize("bad", IMPORT_CASES, ids=[c.name for c in IMPORT_CASES])
def test_bad_decision_is_reported_at_its_line(tmp_path: Path, bad: Case) -> None:
    root = write_tree(tmp_path / "content", bad.extra)
    source = tmp_path / bad.file
    assert bad.body is not None
    if isinstance(bad.body, bytes):
        source.write_bytes(bad.body)
    else:
        source.write_text(bad.body, encoding="utf-8")
    report = import_files([source], Options(root, root, dt.date(2026, 11, 27)))
    found = [(p.code, p.file, p.line) for p in report.problems]
    assert (bad.code, bad.file, bad.line) in found, found
