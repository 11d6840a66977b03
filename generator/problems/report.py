"""Reports of problems: JSON for tools, and the editors' catalogue in Markdown."""

from __future__ import annotations

import json

from .catalogue import CATALOGUE, Severity
from .problem import Problem


def format_json(problems: list[Problem], prefix: str = "") -> str:
    payload = {
        "errors": sum(1 for p in problems if p.severity is Severity.ERROR),
        "warnings": sum(1 for p in problems if p.severity is Severity.WARNING),
        "notices": sum(1 for p in problems if p.severity is Severity.NOTICE),
        "problems": [p.as_dict(prefix) for p in problems],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def catalogue_markdown() -> str:
    """The editors' catalogue of problem codes, in Vietnamese Markdown."""
    lines = [
        "# Danh mục mã lỗi và cảnh báo",
        "",
        "<!-- Tệp này được sinh bởi `python -m generator codes`; đừng sửa tay. -->",
        "",
        "Mỗi vấn đề được báo dưới dạng `tệp:dòng:cột: mã: mức: thông báo`. Lỗi (`lỗi`) chặn việc",
        "xuất bản; cảnh báo (`cảnh báo`) chỉ chặn khi chạy với `--strict`; lưu ý (`lưu ý`) chỉ để người",
        "duyệt biết trước, không bao giờ chặn.",
        "",
        "Khi nào là lỗi, khi nào là cảnh báo: một giá trị **chắc chắn sai** với mọi cổng (tự mâu thuẫn,",
        "không thể xảy ra, hoặc làm trang hiển thị sai) là lỗi; một giá trị **thường là nhầm** nhưng một",
        "cổng có thật có thể cần đến là cảnh báo. Phần giải thích của mỗi mã nói vì sao.",
        "",
    ]
    for code, info in CATALOGUE.items():
        label = info.severity.label
        lines += [
            f"## `{code}`: {info.title} ({label})",
            "",
            info.explanation,
            "",
            f"- Ví dụ: {info.example}",
            f"- Cách sửa: {info.fix}",
            "",
        ]
    return "\n".join(lines)
