"""Open data written with the site (`data/`), and the schema.org JSON-LD of pages.

- `data/procedures.json`, `data/communes.json`: the records exactly as the content model holds
  them (a reader can validate them with the schemas in `schemas/`);
- `data/procedures.csv` (one row per procedure) and `data/fees.csv` (one row per fee schedule):
  UTF-8 with a byte-order mark and Vietnamese headers, so spreadsheet software opens them right.
  No cell can run as a formula (`spreadsheet_text`).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .. import model as m
from .. import urls
from ..content import Content
from ..facts import Facts
from ..format import agency_names, fee_amount, stated

LICENCE = "Dữ liệu mở theo giấy phép Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0): được sao chép, sử dụng, chia sẻ, kể cả cho mục đích thương mại, với điều kiện ghi rõ nguồn."


def _dump(model: m.Model) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def procedures_json(content: Content) -> str:
    records = [
        {**_dump(p), "url": urls.absolute(content.site.base_url, urls.procedure(p.key))} for p in content.procedures
    ]
    return json.dumps({"licence": LICENCE, "procedures": records}, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def communes_json(content: Content) -> str:
    records = [{**_dump(c), "url": urls.absolute(content.site.base_url, urls.commune(c.id))} for c in content.communes]
    return json.dumps({"licence": LICENCE, "communes": records}, ensure_ascii=False, indent=1) + "\n"


# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP, "CSV Injection"),
# with the full-width forms some East Asian input methods produce and spreadsheets accept alike.
FORMULA_START = frozenset("=+-@\t\r\n＝＋－＠")


def spreadsheet_text(value: str) -> str:
    """`value` as a CSV cell a spreadsheet shows as text and never evaluates: a cell that starts
    (after any spaces) with `=`, `+`, `-`, `@`, a tab or a line break gets a leading `'`, as OWASP
    recommends; NUL, which no spreadsheet or CSV reader expects, is removed.

    Every cell goes through here, including text that merely looks like a number such as `-` or
    `+84 227…`: the data has no negative numbers (amounts and counts are validated as ≥ 0), so a
    cell starting with `-` or `+` is text, and the exact values are in the JSON files.
    """
    value = value.replace("\x00", "")
    if value[:1] in FORMULA_START or value.lstrip(" \u00a0")[:1] in FORMULA_START:
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([spreadsheet_text(cell) for cell in header])
    writer.writerows([spreadsheet_text(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def procedures_csv(content: Content, facts: Facts) -> bytes:
    rows = []
    for p in content.procedures:
        s = facts.summary(p)
        rows.append(
            [
                stated(p.code) or "",
                p.name,
                s.field,
                s.levels,
                agency_names(content.agencies, p.agencies.executing),
                s.time,
                s.fee,
                s.online,
                p.decision or "",
                p.last_reviewed.isoformat(),
                urls.absolute(content.site.base_url, urls.procedure(p.key)),
            ]
        )
    header = [
        "Mã thủ tục",
        "Tên thủ tục",
        "Lĩnh vực",
        "Cấp thực hiện",
        "Cơ quan thực hiện",
        "Thời hạn giải quyết",
        "Phí, lệ phí",
        "Dịch vụ công trực tuyến",
        "Quyết định công bố",
        "Ngày rà soát",
        "Địa chỉ trang",
    ]
    return _csv(header, rows)


def fees_csv(content: Content) -> bytes:
    rows = []
    for fee in content.fees.values():
        for v in fee.versions:
            rows.append(
                [
                    fee.id,
                    fee.name,
                    m.FEE_KIND_LABELS[fee.kind],
                    fee_amount(v),
                    "" if v.amount is None else str(v.amount),
                    v.rule,
                    v.valid_from.isoformat() if v.valid_from else "",
                    v.valid_until.isoformat() if v.valid_until else "",
                    ", ".join(c.doc or c.name or "" for c in v.legal_basis),
                    fee.set_by,
                ]
            )
    header = [
        "Mã khoản thu",
        "Tên khoản thu",
        "Loại",
        "Mức thu",
        "Số tiền (đồng)",
        "Quy định",
        "Hiệu lực từ",
        "Hiệu lực đến",
        "Căn cứ pháp lý",
        "Cơ quan quy định",
    ]
    return _csv(header, rows)


def stats_csv(content: Content) -> bytes:
    """One row per period and scope (the whole unit, each field, each commune)."""
    metrics = list(m.DossierCounts.model_fields)
    labels = [str(m.DossierCounts.model_fields[k].title) for k in metrics]
    rows = []
    communes = {c.id: c.full_name for c in content.communes}
    for st in content.stats:
        scopes: list[tuple[str, m.DossierCounts]] = [(content.site.authority.unit, st.totals)]
        scopes += [(f"Lĩnh vực {content.sectors[f.field].name}", f) for f in st.by_field]
        scopes += [(communes[c.commune], c) for c in st.by_commune]
        for scope, counts in scopes:
            rows.append([st.period, scope, *(str(getattr(counts, k)) for k in metrics)])
    return _csv(["Kỳ", "Phạm vi", *labels], rows)


def write_open_data(content: Content, facts: Facts, site: Path) -> list[str]:
    data = site / urls.PAGES["data"]
    data.mkdir(parents=True, exist_ok=True)
    files = {
        "procedures.json": procedures_json(content).encode("utf-8"),
        "procedures.csv": procedures_csv(content, facts),
        "fees.csv": fees_csv(content),
        "communes.json": communes_json(content).encode("utf-8"),
        "stats.csv": stats_csv(content),
    }
    for name, body in files.items():
        (data / name).write_bytes(body)
    return sorted(files)
