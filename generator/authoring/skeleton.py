"""`new procedure|fee|commune`: a valid, commented skeleton for an editor to fill in.

References in a skeleton point at records that exist; its placeholders (`load.folder.PLACEHOLDERS`)
and its empty list of levels are errors until replaced, so a skeleton never reaches citizens half
filled in. Each error is at the line to fill in.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .. import model as m
from ..format import slug
from ..load.folder import PLACEHOLDERS
from ..settings import build_date


def _first_id(root: Path, name: str, key: str, field: str = "id", fallback: str = "") -> str:
    """The first record's `field` in the list file `name`, or in the folder beside it."""
    path = root / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return str(data[key][0][field])
    except (OSError, yaml.YAMLError, KeyError, IndexError, TypeError):
        pass
    for file in sorted((root / name.removesuffix(".yaml")).glob("*.yaml")):
        try:
            return str((yaml.safe_load(file.read_text(encoding="utf-8")) or {})[field])
        except (OSError, yaml.YAMLError, KeyError, TypeError):
            continue
    return fallback


def _ids(root: Path, name: str, key: str) -> list[str]:
    try:
        data = yaml.safe_load((root / name).read_text(encoding="utf-8")) or {}
        return [str(item["id"]) for item in data[key]]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return []


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


PROCEDURE = """\
# yaml-language-server: $schema=../../schemas/procedure.schema.json
# Thủ tục hành chính. Điền theo Quyết định công bố; xóa các dòng chú thích khi đã điền xong.
code: "{code}"                 # Mã thủ tục trên CSDL quốc gia, luôn đặt trong ngoặc kép
# local_code: "{code}.000.00.00.H54"   # Ký hiệu thủ tục tại địa phương (nếu có)
name: {name}
summary: "{p[summary]}"
field: {field}                 # Lĩnh vực: tên một tệp trong content/fields/
levels: []                     # Cấp thực hiện: một hoặc nhiều mã cấp trong site.yaml ({levels})
kind: "TTHC được luật giao quy định chi tiết"
decision: "{p[decision]}"          # Số quyết định công bố
applicants:
  - Công dân Việt Nam
agencies:
  executing: [{agency}]        # Cơ quan thực hiện: tên tệp trong content/agencies/
  # deciding: …                # Cơ quan có thẩm quyền quyết định
  # coordinating: [ … ]        # Cơ quan phối hợp
submission_address: "{p[submission_address]}"
steps:                         # Trình tự thực hiện, theo thứ tự
  - title: Nộp hồ sơ
    text: "Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa."
  - title: Trả kết quả
    text: "Người yêu cầu nhận kết quả tại Bộ phận Một cửa."
channels:                      # Cách thức thực hiện: mỗi kênh một mục
  - mode: truc_tiep            # truc_tiep | truc_tuyen | buu_chinh | luu_dong | khong_neu
    time:
      working_days: 3          # hoặc days: 15 (văn bản chỉ ghi "15 ngày") | calendar_days: 15 (kể cả ngày nghỉ) | same_day: true + cutoff: "15:00" | text: "…" | khong_neu
    fees: khong_neu            # mã khoản phí trong fees/, ví dụ [phi-chung-thuc-ban-sao]; [] nếu văn bản ghi rõ không thu
online:
  level: khong                 # toan_trinh | mot_phan | khong
  # url: https://dichvucong.gov.vn/…
documents:                     # Thành phần hồ sơ
  - group: nop                 # nop (phải nộp) | xuat_trinh (phải xuất trình)
    items:
      - name: "{p[document]}"
        original: 1            # số bản chính (khong_neu nếu văn bản không nêu)
        copy: 0                # số bản sao
        # form: {{file: to-khai.docx, name: "Mẫu số …"}}   # tệp trong content/forms/
        # condition: "Trường hợp …"
dossier_sets: 1                # số bộ hồ sơ như văn bản ghi; khong_quy_dinh nếu ghi "Không quy định"; khong_neu nếu không nêu
result: "{p[result]}"
conditions: []                 # Yêu cầu, điều kiện (nếu có)
legal_basis: ["{legal}"]       # Số hiệu văn bản trong content/legal/
keywords: []                   # Cách người dân hay gọi, ví dụ "làm giấy khai sinh"
valid_from: {today}
last_reviewed: {today}
"""

FEE = """\
# yaml-language-server: $schema=../../schemas/fee.schema.json
# Khoản phí, lệ phí. Mức cũ và mức mới cùng nằm trong `versions`; trang hiển thị mức đang có hiệu lực.
id: {id}
name: {name}
kind: le_phi                   # phi | le_phi
set_by: "HĐND tỉnh"            # Cơ quan quy định mức thu
versions:
  - valid_from: {today}
    # valid_until: 2026-12-31
    amount: 0                  # số nguyên đồng viết liền, ví dụ 50000; 0 là văn bản ghi rõ không thu
    # Thay cho `amount`, ghi đúng một trong: exempt: true (luật miễn) | set_by_province: true (do HĐND
    # tỉnh quy định) | amount_text: "50 USD" | by_area: [{{where: [thi_tran], amount: 50000}}, …]
    # Hoặc tính theo đơn vị có bậc và mức tối đa:
    # per_unit:
    #   unit: trang
    #   tiers: [{{from: 1, to: 2, amount: 2000}}, {{from: 3, amount: 1000}}]
    #   cap: 200000
    per: lần                   # đơn vị như văn bản ghi: lần, bản, việc đăng ký…; bỏ nếu văn bản không ghi
    rule: "{p[rule]}"
    legal_basis: []            # Số hiệu văn bản trong content/legal/
    online_reductions: []      # ví dụ [{{percent: 50, valid_from: 2025-07-01, valid_until: 2026-12-31}}]
exemptions: []                 # ví dụ [{{who: "Người thuộc hộ nghèo"}}]
"""

COMMUNE = """\
# yaml-language-server: $schema=../../schemas/commune.schema.json
# Xã, phường, thị trấn và Bộ phận Một cửa của đơn vị.
id: {id}
name: {name}                   # Tên không kèm loại, ví dụ Vũ Ninh
type: xa                       # xa | phuong | thi_tran | dac_khu
address: "{p[address]}"
# phone: "0227 3xxx xxx"
desk: "Bộ phận Một cửa UBND xã {bare}"
office_hours:
  - weekdays: [t2, t3, t4, t5, t6]
    morning: "07:30-11:30"
    afternoon: "13:30-17:00"
  - weekdays: [t7]
    morning: "07:30-11:30"
duty: []                       # Lịch trực: [{{person: …, title: …, weekdays: [t2, t4]}}]
reception: []                  # Lịch tiếp công dân: [{{person: …, title: …, weekdays: [t5], hours: ["07:30-11:00"]}}]
closures: []                   # Ngày nghỉ: [{{valid_from: 2027-01-01, reason: "Nghỉ Tết Dương lịch"}}]
history: []                    # Sáp nhập: [{{date: 2025-07-01, decision: "…/NQ-UBTVQH15", formed_from: [{{name: "xã …"}}]}}]
"""


def procedure_text(code: str, name: str, field: str, levels: str, agency: str, legal: str, today: str) -> str:
    """The skeleton of a procedure file: its code and name, references to records that exist
    (`levels`: the site's level ids, offered in a comment), placeholders to replace."""
    return PROCEDURE.format(
        code=code,
        name=_quote(name),
        field=field,
        levels=levels,
        agency=agency,
        legal=legal,
        today=today,
        p=PLACEHOLDERS,
    )


def write_skeleton(kind: str, root: Path, key: str, name: str | None, force: bool = False) -> Path:
    """Write a skeleton file for `kind` and return its path."""
    today = build_date().isoformat()  # the site's today: a later date would be `future-date`
    if kind == "procedure":
        if not m.CODE_PATTERN.matches(key):
            raise ValueError(f"mã thủ tục `{key}` phải có dạng 1.001193")
        title = name or PLACEHOLDERS["procedure"]
        path = root / m.kinds.PROCEDURES.path / f"{key}-{slug(title, 60).rstrip('-')}.yaml"
        existing = sorted((root / m.kinds.PROCEDURES.path).glob(f"{key}*.yaml"))
        if existing and not force:
            raise FileExistsError(str(existing[0]))
        text = procedure_text(
            key,
            title,
            field=_first_id(root, "fields.yaml", "fields", fallback="linh-vuc"),
            levels=", ".join(_ids(root, "site.yaml", "levels")) or "xa",
            agency=_first_id(root, "agencies.yaml", "agencies", fallback="co-quan"),
            legal=_first_id(root, "legal.yaml", "documents", "number", fallback="…"),
            today=today,
        )
    elif kind in ("fee", "commune"):
        if not m.ID_PATTERN.matches(key):
            raise ValueError(f"mã `{key}` chỉ gồm chữ thường không dấu, số và dấu gạch ngang")
        folder = m.kinds.FEES.path if kind == "fee" else m.kinds.COMMUNES.path
        path = root / folder / f"{key}.yaml"
        title = name or PLACEHOLDERS[kind]
        template = FEE if kind == "fee" else COMMUNE
        text = template.format(id=key, name=_quote(title), bare=title.replace('"', ""), today=today, p=PLACEHOLDERS)
    else:
        raise ValueError(f"loại `{kind}` không hợp lệ")
    # Never write through a link: it could point anywhere (the loader refuses links too).
    for part in (path, path.parent):
        if part.is_symlink():
            raise ValueError(f"`{part}` là một liên kết (symlink); hãy xóa liên kết rồi tạo lại")
    if path.exists() and not force:
        raise FileExistsError(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
