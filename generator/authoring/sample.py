"""`sample`: valid synthetic content of any size, for benchmarks and tests.

The text is realistic Vietnamese (procedure names built from real actions and objects, steps,
documents, fees with tiers, duty schedules), deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

from ..format import fold, slug


class NoAliasDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes a value shared by two places twice, never as an anchor and alias (`yaml-anchor`)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


FIELDS = [
    ("ho-tich", "Hộ tịch"),
    ("chung-thuc", "Chứng thực"),
    ("dat-dai", "Đất đai"),
    ("ho-kinh-doanh", "Thành lập và hoạt động của hộ kinh doanh"),
    ("xay-dung", "Hoạt động xây dựng"),
    ("bao-tro-xa-hoi", "Bảo trợ xã hội"),
    ("nguoi-co-cong", "Người có công"),
    ("giao-duc", "Giáo dục và Đào tạo"),
    ("van-hoa", "Văn hóa cơ sở"),
    ("ton-giao", "Tín ngưỡng, tôn giáo"),
    ("thi-dua", "Thi đua - Khen thưởng"),
    ("nuoi-con-nuoi", "Nuôi con nuôi"),
    ("an-toan-thuc-pham", "An toàn thực phẩm"),
    ("luu-thong-hang-hoa", "Lưu thông hàng hóa trong nước"),
    ("moi-truong", "Môi trường"),
    ("thuy-loi", "Thủy lợi"),
]
ACTIONS = [
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Điều chỉnh",
    "Gia hạn",
    "Đăng ký",
    "Đăng ký lại",
    "Xác nhận",
    "Công nhận",
    "Thẩm định",
    "Phê duyệt",
    "Hỗ trợ",
    "Giải quyết chế độ",
    "Thông báo",
    "Chấm dứt",
    "Tạm ngừng",
]
OBJECTS = [
    "giấy chứng nhận đăng ký hộ kinh doanh",
    "giấy phép xây dựng nhà ở riêng lẻ",
    "trợ cấp xã hội hằng tháng",
    "giấy xác nhận tình trạng hôn nhân",
    "bản sao trích lục hộ tịch",
    "giấy chứng nhận quyền sử dụng đất",
    "danh hiệu gia đình văn hóa",
    "hoạt động tín ngưỡng",
    "giấy phép bán lẻ rượu",
    "chế độ mai táng phí",
    "kế hoạch bảo vệ môi trường",
    "phương án ứng phó thiên tai",
    "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
    "việc nuôi con nuôi",
    "trợ cấp thờ cúng liệt sĩ",
    "hỗ trợ chi phí học tập",
    "lễ hội truyền thống",
    "giấy khen của Chủ tịch UBND",
    "khai thác nước mặt quy mô nhỏ",
    "chuyển mục đích sử dụng đất",
]
QUALIFIERS = [
    "",
    "",
    "",
    " cho hộ gia đình, cá nhân",
    " tại cấp xã",
    " có yếu tố nước ngoài",
    " trong trường hợp bị mất",
    " đối với người khuyết tật",
    " cho tổ chức",
    " theo diện ưu tiên",
    " do thay đổi thông tin",
]
DOCUMENTS = [
    "Tờ khai theo mẫu",
    "Đơn đề nghị",
    "Giấy chứng sinh",
    "Giấy tờ chứng minh nơi cư trú",
    "Bản vẽ thiết kế",
    "Biên bản họp gia đình",
    "Giấy xác nhận của UBND cấp xã",
    "Hợp đồng đã được chứng thực",
    "Giấy ủy quyền",
    "Giấy chứng nhận quyền sử dụng đất",
    "Sơ yếu lý lịch",
    "Giấy khám sức khỏe",
    "Bản thuyết minh cơ sở vật chất",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["Văn Hùng", "Thị Lan", "Đức Thắng", "Thu Hà", "Minh Tuấn", "Thị Hoa", "Quang Huy", "Ngọc Mai"]
PLACES = ["Vũ", "Quang", "Bình", "Hồng", "Minh", "Nam", "Đông", "Tây", "An", "Thanh", "Trà", "Thượng"]
SECOND = ["Ninh", "Lễ", "Trung", "Hòa", "Tân", "Lợi", "Định", "Nguyên", "Thái", "Tiến", "Giang", "Hiền", "Sơn"]
WEEKDAYS = ["t2", "t3", "t4", "t5", "t6"]


def _dump(path: Path, data: Any) -> None:
    path.write_text(
        yaml.dump(data, Dumper=NoAliasDumper, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )


def write_sample(out: Path, procedures: int, communes: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    for folder in ("procedures", "fees", "communes", "forms"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    _dump(
        out / "site.yaml",
        {
            "name": "Cổng thủ tục hành chính (dữ liệu tổng hợp)",
            "authority": {"name": "UBND tỉnh Mẫu", "level": "tinh", "unit": "tỉnh Mẫu"},
            "levels": [{"id": "tinh", "name": "Cấp tỉnh"}, {"id": "xa", "name": "Cấp xã"}],
            "contact": {"address": "Trung tâm Phục vụ hành chính công tỉnh Mẫu", "phone": "0227 3000 000"},
            "feedback": {"address": "Văn phòng UBND tỉnh Mẫu", "email": "phananh@example.gov.vn"},
            "base_url": "https://example.gov.vn/",
            "demo": True,
        },
    )
    _dump(out / "fields.yaml", {"fields": [{"id": i, "name": n} for i, n in FIELDS]})
    agencies = [
        {"id": "ubnd-tinh", "name": "UBND tỉnh Mẫu", "level": "tinh"},
        {"id": "ubnd-xa", "name": "UBND cấp xã", "level": "xa"},
    ]
    agencies += [{"id": f"so-{i}", "name": f"Sở phụ trách lĩnh vực {n}", "level": "tinh"} for i, n in FIELDS]
    _dump(out / "agencies.yaml", {"agencies": agencies})
    laws = [
        {
            "number": f"{10 + k}/20{15 + k % 10}/NĐ-CP",
            "title": f"Nghị định quy định chi tiết lĩnh vực {FIELDS[k % len(FIELDS)][1]}",
            "issuer": "Chính phủ",
            "date": dt.date(2015 + k % 10, 1 + k % 12, 1 + k % 28),
        }
        for k in range(40)
    ]
    _dump(out / "legal.yaml", {"documents": laws})
    (out / "forms" / "to-khai.docx").write_bytes(b"PK\x05\x06" + b"\x00" * 18)

    fee_ids = []
    for k in range(max(1, min(procedures, max(8, procedures // 50)))):
        fee_id = f"le-phi-{k:04d}"
        fee_ids.append(fee_id)
        if k % 4 == 0:
            version: dict[str, Any] = {
                "valid_from": dt.date(2017, 1, 1),
                "per": "bản",
                "rule": "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang; tối đa 200.000 đồng/bản.",
                "per_unit": {
                    "unit": "trang",
                    "tiers": [{"from": 1, "to": 2, "amount": 2000}, {"from": 3, "amount": 1000}],
                    "cap": 200000,
                },
                "legal_basis": [laws[k % len(laws)]["number"]],
            }
        else:
            amount = rng.choice([0, 5000, 8000, 10000, 15000, 25000, 50000, 100000])
            version = {
                "valid_from": dt.date(2020, 1, 1),
                "amount": amount,
                "rule": f"{amount:,} đồng/lần.".replace(",", "."),
                "legal_basis": [laws[k % len(laws)]["number"]],
                "online_reductions": [
                    {"percent": 50, "valid_from": dt.date(2025, 7, 1), "valid_until": dt.date(2026, 12, 31)}
                ]
                if k % 3 == 0
                else [],
            }
        _dump(
            out / "fees" / f"{fee_id}.yaml",
            {
                "id": fee_id,
                "name": f"Lệ phí tổng hợp số {k + 1}",
                "kind": "le_phi" if k % 2 else "phi",
                "set_by": "HĐND tỉnh Mẫu",
                "versions": [version],
                "exemptions": [{"who": "Người thuộc hộ nghèo, người khuyết tật"}] if k % 5 == 0 else [],
            },
        )

    for k in range(procedures):
        field_id, field_name = FIELDS[k % len(FIELDS)]
        name = f"{rng.choice(ACTIONS)} {rng.choice(OBJECTS)}{rng.choice(QUALIFIERS)}"
        level = "xa" if k % 3 else "tinh"
        code = f"1.{900_000 + k:06d}" if k < 100_000 else f"2.{k % 1_000_000:06d}"
        # Every fee is used at least once; three procedures in four charge one.
        fees = [fee_ids[k % len(fee_ids)]] if k % 4 or k < len(fee_ids) else []
        time = rng.choice(
            [{"working_days": rng.randint(1, 30)}, {"calendar_days": 15}, {"same_day": True, "cutoff": "15:00"}]
        )
        online = rng.choice(["toan_trinh", "mot_phan", "khong"])
        channels = [{"mode": "truc_tiep", "time": time, "fees": fees}]
        if online != "khong":
            channels.append({"mode": "truc_tuyen", "time": time, "fees": fees})
        docs = [
            {"name": d, "original": rng.randint(0, 1), "copy": rng.randint(0, 2)}
            for d in rng.sample(DOCUMENTS, rng.randint(3, 6))
        ]
        for doc in docs:  # a document handed in is handed in at least once (`nothing-to-submit`)
            doc["copy"] = doc["copy"] or int(not doc["original"])
        docs[0]["form"] = {"file": "to-khai.docx", "name": "Mẫu tờ khai"}
        if k % 3 == 0:
            docs[-1]["condition"] = "Trường hợp ủy quyền cho người khác nộp hồ sơ"
        procedure = {
            "code": code,
            "name": name,
            "summary": f"{name} theo quy định của pháp luật về {field_name.lower()}.",
            "field": field_id,
            "levels": [level],
            "applicants": ["Công dân Việt Nam"],
            "agencies": {"executing": ["ubnd-xa" if level == "xa" else f"so-{field_id}"]},
            "submission_address": "Bộ phận Một cửa UBND cấp xã"
            if level == "xa"
            else "Trung tâm Phục vụ hành chính công tỉnh",
            "steps": [
                {
                    "title": "Nộp hồ sơ",
                    "text": "Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa hoặc trên Cổng Dịch vụ công quốc gia.",
                },
                {
                    "title": "Kiểm tra",
                    "text": "Cán bộ tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ và hẹn ngày trả kết quả.",
                },
                {"title": "Giải quyết", "text": f"Cơ quan có thẩm quyền xem xét, giải quyết yêu cầu {name.lower()}."},
                {
                    "title": "Trả kết quả",
                    "text": "Người yêu cầu nhận kết quả trực tiếp, qua bưu chính hoặc bản điện tử.",
                },
            ],
            "channels": channels,
            "online": {"level": online, **({"url": "https://dichvucong.gov.vn/"} if online != "khong" else {})},
            "documents": [{"group": "nop", "items": docs}],
            "dossier_sets": 1,
            "result": f"Văn bản giải quyết về {rng.choice(OBJECTS)}",
            "legal_basis": [laws[k % len(laws)]["number"]],
            "keywords": [fold(name)[:40], rng.choice(OBJECTS)],
            "last_reviewed": dt.date(2026, 1 + k % 10, 1 + k % 28),  # before the tests' and demo's today
        }
        _dump(out / "procedures" / f"{code}-{slug(name, 50)}.yaml", procedure)

    for k in range(communes):
        name = f"{PLACES[k % len(PLACES)]} {SECOND[(k // len(PLACES)) % len(SECOND)]}"
        commune_id = f"xa-{k:04d}-{slug(name, 10_000)}"
        start = dt.date(2026, 1, 3)
        _dump(
            out / "communes" / f"{commune_id}.yaml",
            {
                "id": commune_id,
                "name": f"{name} {k // (len(PLACES) * len(SECOND)) + 1}" if k >= len(PLACES) * len(SECOND) else name,
                "type": "xa" if k % 7 else "phuong",
                "address": f"Trụ sở UBND xã {name}",
                "phone": f"0227 3{k:03d} {k % 1000:03d}",
                "desk": f"Bộ phận Một cửa UBND xã {name}",
                "office_hours": [
                    {"weekdays": WEEKDAYS, "morning": "07:30-11:30", "afternoon": "13:30-17:00"},
                    {"weekdays": ["t7"], "morning": "07:30-11:30"},
                ],
                "duty": [
                    {
                        "person": f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                        "title": "Công chức Tư pháp - Hộ tịch",
                        "weekdays": ["t2", "t4", "t6"],
                    },
                    {
                        "person": f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                        "title": "Công chức Địa chính",
                        "weekdays": ["t3", "t5"],
                    },
                    {
                        "person": f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                        "title": "Công chức Văn phòng",
                        "dates": [start + dt.timedelta(days=14 * w) for w in range(4)],
                        "hours": "07:30-11:30",
                    },
                ],
                "reception": [
                    {
                        "person": f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                        "title": "Chủ tịch UBND xã",
                        "weekdays": [rng.choice(WEEKDAYS)],
                        "hours": ["07:30-11:00"],
                    }
                ],
                "closures": [{"valid_from": dt.date(2027, 1, 1), "reason": "Nghỉ Tết Dương lịch"}],
            },
        )
