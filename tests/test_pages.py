"""Unit tests of the page contexts and template filters."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator import model as m
from generator.content import Content, load_content
from generator.facts import Facts
from generator.format import (
    anchor,
    change,
    date_span,
    day_hours,
    decimal,
    document_counts,
    dossier_sets,
    duration,
    duration_short,
    period,
    tel_href,
    time_ranges,
    weekdays,
)
from generator.render import relative
from generator.search_index import SearchIndex
from generator.urls import source_file as src_uri
from generator.views import commune, lists, procedure, references
from generator.views.site_map import site_pages

from .helpers import COMMUNE, PROCEDURE, TODAY, write_tree

SECOND = (
    PROCEDURE.replace('code: "1.001193"', 'code: "1.000656"')
    .replace("name: Đăng ký khai sinh", "name: Đăng ký khai tử")
    .replace("    fees: [phi-chung-thuc-ban-sao]", "    fees: [le-phi-moi]")
    .replace("keywords: [làm giấy khai sinh]", 'keywords: [báo tử]\nrelated: ["1.001193"]')
)
NEW_FEE = """\
id: le-phi-moi
name: Lệ phí có mức mới
kind: le_phi
set_by: HĐND tỉnh
versions:
  - valid_until: 2026-12-31
    amount: 100000
    rule: 100.000 đồng/lần.
    online_reductions:
      - {percent: 50, valid_from: 2025-07-01, valid_until: 2026-12-31}
  - valid_from: 2027-01-01
    amount: 120000
    rule: 120.000 đồng/lần.
"""


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    root = write_tree(
        tmp_path_factory.mktemp("pages"),
        {
            "procedures/1.000656-dang-ky-khai-tu.yaml": SECOND,
            "fees/le-phi-moi.yaml": NEW_FEE,
            "communes/xa-vu-ninh.yaml": COMMUNE.replace(
                "closures:\n", "closures:\n  - valid_from: 2026-11-26\n    reason: Nghỉ bù\n"
            ),
        },
    )
    loaded, problems = load_content(root, TODAY)
    assert loaded is not None, problems
    return loaded


def _procedure_page(content: Content, code: str) -> procedure.ProcedurePage:
    facts = Facts(content)
    return procedure.procedure_page(facts, SearchIndex(facts), content.by_code[code], {})


def test_summary_for_lists(content: Content) -> None:
    builder = Facts(content)
    by_code = {p.code: p for p in content.procedures}
    birth = builder.summary(by_code["1.001193"])
    assert (birth.code, birth.name) == ("1.001193", "Đăng ký khai sinh")
    assert birth.url == "thu-tuc/1.001193/" and birth.field_url == "linh-vuc/ho-tich/"
    assert birth.time == "Trong ngày" and birth.fee == "Từ 2.000 đồng" and birth.levels == "Cấp xã"
    death = builder.summary(by_code["1.000656"])
    assert death.fee == "100.000 đồng"


def test_procedure_page_context(content: Content) -> None:
    page = _procedure_page(content, "1.000656")
    assert page.sector == "Hộ tịch" and page.levels == "Cấp xã"
    assert [c.label for c in page.channels] == ["Trực tiếp", "Trực tuyến"]
    assert page.fees[0].amount == "100.000 đồng/lần"
    assert page.fees[0].reductions == "Giảm 50% khi nộp trực tuyến đến hết ngày 31/12/2026."
    assert page.related[0].code == "1.001193"
    group = page.documents[0]
    assert group.title == "Giấy tờ phải nộp"
    assert group.items[0].form_url == "bieu-mau/to-khai.docx"
    assert group.items[1].condition == "Trường hợp sinh tại cơ sở y tế"
    assert page.legal[0].number == "60/2014/QH13" and page.in_force


def test_calculator_matches_the_fee_rule(content: Content) -> None:
    page = _procedure_page(content, "1.001193")
    (calc,) = page.calculators
    data = json.loads(calc.data)
    assert data["tiers"] == [[1, 2, 2000], [3, None, 1000]] and data["cap"] == 200000
    assert calc.first == "2.000 đồng"
    assert calc.examples == "1 trang: 2.000 đồng; 5 trang: 7.000 đồng; 250 trang: 200.000 đồng"


def test_fee_table_shows_past_current_and_upcoming(content: Content) -> None:
    table = references.fee_table(Facts(content))
    rows = {entry.fee.id: (entry.versions, entry.users) for group in table.groups for entry in group.fees}
    states = [version.state for version in rows["le-phi-moi"][0]]
    assert states == ["Đang áp dụng", "Áp dụng từ 01/01/2027"]
    assert [u.code for u in rows["phi-chung-thuc-ban-sao"][1]] == ["1.001193"]
    assert [g.title for g in table.groups] == ["Phí", "Lệ phí"]


def test_commune_week(content: Content) -> None:
    page = commune.commune_page(Facts(content), content.communes[0])
    assert [d.label for d in page.week][:2] == ["Thứ Hai", "Thứ Ba"]
    assert page.week_start == "23/11/2026"  # the Monday of the build date's week
    thursday, friday, saturday, sunday = page.week[3], page.week[4], page.week[5], page.week[6]
    assert thursday.closure == "Nghỉ bù" and thursday.hours == "Nghỉ" and thursday.people == []
    assert friday.is_today and friday.hours == "07:00–11:30, 13:30–17:00"
    assert saturday.hours == "07:30–11:30" and sunday.hours == "Nghỉ"
    monday = page.week[0]
    assert [p.person for p in monday.people] == ["Nguyễn Văn Hùng"]
    assert page.reception[0].person == "Trần Thị Lan"


def test_commune_page_writes_its_sentences(content: Content) -> None:
    page = commune.commune_page(Facts(content), content.communes[0])
    assert [(line.weekdays, line.hours) for line in page.office_hours] == [
        ("Thứ Hai đến Thứ Sáu", "sáng 07:00–11:30, chiều 13:30–17:00"),
        ("Thứ Bảy", "sáng 07:30–11:30"),
    ]
    assert page.reception[0].when == "Thứ Năm hằng tuần, 07:30–11:00"
    both = m.Reception(person="A", title="B", weekdays=["t2"], month_days=[1, 15], place="Trụ sở")
    assert commune._reception(both).when == "Thứ Hai hằng tuần, ngày 1, 15 hằng tháng, tại Trụ sở"
    # The commune's own closure (also a national holiday: listed once), then the national holidays.
    assert [(c.dates, c.reason, c.hours) for c in page.closures][:2] == [
        ("01/01/2027", "Nghỉ Tết Dương lịch", "nghỉ"),
        ("04/02/2027–10/02/2027", "Tết Nguyên Đán", "nghỉ"),
    ]
    assert [(d.is_open, d.hours) for d in page.week[5:]] == [(True, "07:30–11:30"), (False, "Nghỉ")]


def test_lists_and_indexes(content: Content) -> None:
    facts = Facts(content)
    az = lists.az_page(facts)
    assert [group.title for group in az.groups] == ["Đ"] and az.count == 2
    assert [r.name for r in az.groups[0].rows] == ["Đăng ký khai sinh", "Đăng ký khai tử"]  # s before t
    assert [e.name for e in lists.sector_entries(facts)] == ["Hộ tịch"]
    docs = references.documents_page(facts)
    merged = next(d for d in docs.documents if d.name == "Giấy chứng sinh")
    assert [p.code for p in merged.procedures] == ["1.001193", "1.000656"]
    assert docs.forms[0].url == "bieu-mau/to-khai.docx"
    legal = {e.number: e for e in references.legal_page(facts).entries}
    assert len(legal["60/2014/QH13"].procedures) == 2
    assert [(f.name, f.url) for f in legal["226/2016/TT-BTC"].fees] == [
        ("Phí chứng thực bản sao từ bản chính", "phi-le-phi/#phi-chung-thuc-ban-sao")
    ]
    (agency,) = lists.agency_entries(facts)
    assert agency.id == "ubnd-xa" and agency.count == 2


def test_every_page_has_a_unique_url_and_procedures_stay_out_of_the_nav(content: Content) -> None:
    specs = site_pages(content)
    urls = [s.url for s in specs]
    assert len(urls) == len(set(urls))
    assert all(not s.in_nav for s in specs if s.url.startswith("thu-tuc/") and s.url != "thu-tuc/")
    assert src_uri("") == "index.md" and src_uri("thu-tuc/1.001193/") == "thu-tuc/1.001193.md"


def test_filters() -> None:
    assert duration(m.ProcessingTime(working_days=3)) == "03 ngày làm việc"
    assert duration(m.ProcessingTime(same_day=True)) == "Trong ngày"
    assert duration(m.ProcessingTime(text="Theo quy định", note="không kể thời gian xác minh")) == (
        "Theo quy định; không kể thời gian xác minh"
    )
    assert duration_short(m.ProcessingTime(days=15)) == "15 ngày"  # the record does not say which days
    assert duration_short(m.ProcessingTime(calendar_days=15)) == "15 ngày (kể cả ngày nghỉ)"
    assert weekdays(["t2", "t3", "t4", "t5", "t6"]) == "Thứ Hai đến Thứ Sáu"
    assert weekdays(["t2", "t4"]) == "Thứ Hai, Thứ Tư"
    assert anchor("Giấy chứng sinh") == "giay-chung-sinh"


def test_how_pages_write_things() -> None:
    assert time_ranges(["07:30-11:30", "13:30-17:00"]) == "07:30–11:30, 13:30–17:00"
    assert time_ranges(["07:30-11:00", "13:30-17:00"], " và ") == "07:30–11:00 và 13:30–17:00"
    assert day_hours("07:30-11:30", "13:30-17:00") == "sáng 07:30–11:30, chiều 13:30–17:00"
    assert day_hours(None, "13:30-17:00") == "chiều 13:30–17:00"
    assert tel_href("0227 3.821 234") == "tel:02273821234" and tel_href("+84 (227) 382-1234") == "tel:+842273821234"
    assert period(dt.date(2025, 7, 1), dt.date(2026, 12, 31)) == "từ 01/07/2025 đến 31/12/2026"
    assert period(None, dt.date(2026, 12, 31)) == "đến 31/12/2026" and period(None, None) == ""
    assert date_span(dt.date(2027, 1, 1), None) == "01/01/2027"
    assert date_span(dt.date(2027, 1, 1), dt.date(2027, 1, 2)) == "01/01/2027–02/01/2027"
    assert decimal(4.31) == "4,31" and dossier_sets(1) == "01 bộ" and dossier_sets(12) == "12 bộ"
    assert document_counts(1, 0) == "1 bản chính" and document_counts(0, 2) == "2 bản sao"
    assert document_counts(1, 2) == "1 bản chính, 2 bản sao" and document_counts(0, 0) == "xuất trình"
    assert change("thời hạn", "01 ngày", "03 ngày") == "thời hạn: 01 ngày → 03 ngày"
    assert change("thêm cách nộp", None, "03 ngày") == "thêm cách nộp: 03 ngày" and change("lịch trực", None, None) == (
        "lịch trực"
    )


def test_procedure_page_writes_its_sentences(tmp_path: Path) -> None:
    suspended = (
        PROCEDURE.replace(
            "name: Đăng ký khai sinh", "name: Đăng ký khai sinh\nstatus: tam_dung\nvalid_from: 2016-01-01"
        )
        .replace("original: 1\n        copy: 0", "original: 0\n        copy: 0", 1)
        .replace("  - group: nop", "  - group: xuat_trinh", 1)
        .replace("dossier_sets: 1", "dossier_sets: 2")
    )
    content, problems = load_content(
        write_tree(tmp_path, {"procedures/1.001193-dang-ky-khai-sinh.yaml": suspended}), TODAY
    )
    assert content is not None, problems
    page = _procedure_page(content, "1.001193")
    assert not page.in_force and page.warning == "Tạm dừng"
    assert page.status == "Tạm dừng, có hiệu lực từ 01/01/2016"
    assert page.documents[0].items[0].counts == "xuất trình"
    assert page.dossier_sets == "02 bộ"


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("thu-tuc/1.001193/", "", "thu-tuc/1.001193/"),
        ("", "thu-tuc/1.001193/", "../../"),
        ("linh-vuc/ho-tich/", "thu-tuc/1.001193/", "../../linh-vuc/ho-tich/"),
        ("bieu-mau/to-khai.docx", "thu-tuc/1.001193/", "../../bieu-mau/to-khai.docx"),
        ("phi-le-phi/#le-phi", "thu-tuc/", "../phi-le-phi/#le-phi"),
        ("https://dichvucong.gov.vn/", "thu-tuc/", "https://dichvucong.gov.vn/"),
    ],
)
def test_relative_links(target: str, page: str, expected: str) -> None:
    assert relative(target, page) == expected


def test_content_is_not_mutated_by_building(tmp_path: Path) -> None:
    content, _ = load_content(write_tree(tmp_path), TODAY)
    assert content is not None
    before = content.procedures[0].model_dump()
    site_pages(content)
    assert content.procedures[0].model_dump() == before


def test_pages_that_depend_on_the_day_say_as_of_when(tmp_path: Path) -> None:
    content, _ = load_content(write_tree(tmp_path), TODAY)
    assert content is not None
    facts = Facts(content)
    expected = "Thông tin tính đến ngày 27/11/2026."
    assert _procedure_page(content, "1.001193").as_of == expected
    assert references.fee_table(facts).as_of == expected
    assert commune.commune_page(facts, content.communes[0]).as_of == expected
