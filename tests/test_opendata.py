"""Open data and machine-readable pages: exports round-trip, CSV opens in spreadsheets, JSON-LD
matches the content."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from generator import model as m
from generator.content import Content, load_content
from generator.facts import Facts
from generator.outputs.jsonld import commune_ld, json_ld, procedure_ld
from generator.outputs.opendata import fees_csv, procedures_csv, procedures_json

from .helpers import PROCEDURE, TODAY, build, write_tree
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
    assert ld["provider"][0]["name"] == demo.agencies[p.agencies.executing[0]].name
    assert ld["availableChannel"][0] == {"@type": "ServiceChannel", "name": "Trực tiếp", "processingTime": "P0D"}
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
