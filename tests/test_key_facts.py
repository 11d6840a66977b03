"""The key facts at the top of procedure and commune pages (issue 13), from small content trees:
what each says on a given day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.content import load_content
from generator.facts import Facts
from generator.views.commune import commune_key_facts
from generator.views.procedure import key_facts

from .helpers import COMMUNE, PROCEDURE, write_tree
from .test_bad_inputs import P, sub

FRIDAY = dt.date(2026, 11, 27)
SUNDAY = dt.date(2026, 11, 29)


def facts_of(tmp_path: Path, day: dt.date, overrides: dict[str, str | bytes | None] | None = None) -> Facts:
    content, problems = load_content(write_tree(tmp_path, overrides), day)
    assert content is not None, problems
    return Facts(content)


def procedure_facts(facts: Facts) -> dict[str, str]:
    p = facts.by_code["1.001193"]
    return {
        row.label: row.value + (f" | {row.detail}" if row.detail else "")
        for row in key_facts(facts, p, facts.summary(p))
    }


def test_procedure_key_facts(tmp_path: Path) -> None:
    facts = facts_of(tmp_path, FRIDAY)
    p = facts.by_code["1.001193"]
    rows = key_facts(facts, p, facts.summary(p))
    assert [r.anchor for r in rows] == ["phi", "thoi-han", "noi-nop", "noi-nop", "ho-so"]
    shown = procedure_facts(facts)
    assert shown["Giấy tờ cần mang"] == "1 giấy tờ (1 bộ hồ sơ), thêm 1 giấy tờ tùy trường hợp"
    assert shown["Nơi nộp hồ sơ"] == (
        "Bộ phận Một cửa UBND xã | Hôm nay (thứ Sáu 27/11/2026): Bộ phận Một cửa cấp xã mở cửa 07:00–11:30, 13:30–17:00"
    )
    online = rows[3]
    assert online.value == "Có, toàn trình" and online.button == "https://dichvucong.gov.vn/"


def test_procedure_without_online_service_says_how_to_submit(tmp_path: Path) -> None:
    body = sub(PROCEDURE, "  url: https://dichvucong.gov.vn/\n", "")
    body = sub(body, "  level: toan_trinh", "  level: khong")
    body = sub(
        body,
        "  - mode: truc_tuyen\n    time:\n      working_days: 1\n    fees: []\n",
        "  - mode: buu_chinh\n    time:\n      working_days: 1\n    fees: []\n",
    )
    facts = facts_of(tmp_path, FRIDAY, {P: body})
    shown = procedure_facts(facts)
    assert shown["Nộp trực tuyến"] == "Không; nộp trực tiếp hoặc qua dịch vụ bưu chính"


def test_desks_today_when_communes_differ_or_are_closed(tmp_path: Path) -> None:
    other = sub(sub(COMMUNE, "id: xa-vu-ninh", "id: xa-vu-le"), "name: Vũ Ninh", "name: Vũ Lễ")
    other = sub(other, 'morning: "07:00-11:30"', 'morning: "07:30-11:30"')
    extra = {"communes/xa-vu-le.yaml": other}
    assert (
        "2/2 xã mở cửa; giờ mở cửa tùy nơi" in procedure_facts(facts_of(tmp_path / "a", FRIDAY, extra))["Nơi nộp hồ sơ"]
    )
    assert procedure_facts(facts_of(tmp_path / "b", SUNDAY, extra))["Nơi nộp hồ sơ"].endswith(
        "Hôm nay (Chủ nhật 29/11/2026): Bộ phận Một cửa cấp xã nghỉ"
    )


def test_commune_key_facts(tmp_path: Path) -> None:
    facts = facts_of(tmp_path, SUNDAY)
    commune = facts.content.communes[0]
    rows = {row.label: row for row in commune_key_facts(commune, SUNDAY, facts.content.calendar)}
    assert rows["Giờ mở cửa"].value == (
        "Hôm nay (Chủ nhật 29/11/2026) nghỉ; mở cửa lại thứ Hai 30/11/2026, 07:00–11:30, 13:30–17:00"
    )
    assert rows["Người trực hôm nay"].value == "Không có (hôm nay nghỉ)"
    monday = {row.label: row for row in commune_key_facts(commune, dt.date(2026, 11, 30), facts.content.calendar)}
    assert monday["Người trực hôm nay"].value == "Nguyễn Văn Hùng, Công chức Tư pháp - Hộ tịch"
    address = rows["Địa chỉ"]
    assert address.link is not None and address.link.startswith("https://www.openstreetmap.org/search?query=Tr")
    assert "Điện thoại" not in rows  # the commune has no phone
