"""Fees as citizens read them (issues 16 and 17). The expected texts were written from the issue's
findings before the code: each channel its own price after reductions, local tiers shown where they
apply and as a range in lists, each procedure's own fee name, one unit per fee, and one meaning
per word (Miễn, Không thu, Chưa công bố) on every surface."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator import urls
from generator.content import Content, load_content
from generator.facts import Facts
from generator.format import EXEMPT, FREE, NOT_STATED, fee_amount, money
from generator.model import FeeVersion
from generator.outputs.jsonld import procedure_ld
from generator.outputs.opendata import fees_csv, procedures_csv
from generator.render import environment, render
from generator.search_index import SearchIndex
from generator.views import procedure

from .helpers import PROCEDURE, ROOT, TODAY, write_tree

WORDS = (EXEMPT, FREE, NOT_STATED)


def plain(fragment: str) -> str:
    """Visible text of an HTML fragment, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def channel_cells(page: str) -> dict[str, str]:
    """The Cách thức thực hiện table: way of submitting → its fee cell, as text."""
    table = page[page.index('class="ck-channels') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td[^>]*>.*?</td>\s*<td[^>]*>(.*?)</td>', table, re.S)
    return {plain(label.split("<br>")[0]): plain(cell) for label, cell in rows}


def section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start + 1)
    return plain(page[start : end if end > 0 else None])


@pytest.fixture(scope="module")
def demo() -> Facts:
    content, problems = load_content(ROOT / "content", TODAY)
    assert content is not None, problems
    return Facts(content)


def page_of(facts: Facts, code: str) -> str:
    ctx = procedure.procedure_page(facts, SearchIndex(facts), facts.by_code[code], {})
    return render(environment(), ctx.template, ctx, urls.procedure(code))


# 1.004873: "the in-person and postal channels show 'Giảm 100% khi nộp trực tuyến…', and no channel
# says online costs 0 đồng while lists show 10.000 đồng".
def test_each_channel_shows_its_own_price_after_the_online_reduction(demo: Facts) -> None:
    cells = channel_cells(page_of(demo, "1.004873"))
    assert cells["Trực tiếp"] == "10.000 đồng/giấy"
    assert cells["Dịch vụ bưu chính"] == "10.000 đồng/giấy"
    assert cells["Trực tuyến"].startswith("0 đồng/giấy đến hết ngày 31/12/2026")
    assert demo.summary(demo.by_code["1.004873"]).fee == "10.000 đồng (trực tuyến: 0 đồng)"


def test_a_half_reduction_reads_as_half_the_price(demo: Facts) -> None:
    cells = channel_cells(page_of(demo, "9.000401"))
    assert cells["Trực tiếp"] == "100.000 đồng/lần"
    assert cells["Trực tuyến"].startswith("50.000 đồng/lần đến hết ngày 31/12/2026")
    assert demo.summary(demo.by_code["9.000401"]).fee == "100.000 đồng (trực tuyến: 50.000 đồng)"


# "the liquor licence shows 400.000 đồng, though outside the thị trấn it is 200.000; the land
# certificate shows 25.000, though it is 50.000 in the thị trấn".
def test_local_tiers_are_each_shown_and_lists_give_the_range(demo: Facts) -> None:
    liquor = channel_cells(page_of(demo, "9.001401"))["Trực tiếp"]
    assert "Thị trấn: 400.000 đồng/điểm kinh doanh/lần thẩm định" in liquor
    assert "Khu vực khác: 200.000 đồng/điểm kinh doanh/lần thẩm định" in liquor
    assert demo.summary(demo.by_code["9.001401"]).fee == "200.000–400.000 đồng"
    land = channel_cells(page_of(demo, "9.000303"))["Trực tiếp"]
    assert land == "Xã: 25.000 đồng/giấy; Thị trấn: 50.000 đồng/giấy"
    assert demo.summary(demo.by_code["9.000303"]).fee == "25.000–50.000 đồng"
    # where it applies: a thị trấn's own line gives its own tier only
    assert demo.fee_line("le-phi-cap-giay-chung-nhan", area="thi_tran").amount == "Thị trấn: 50.000 đồng/giấy"
    assert demo.fee_line("le-phi-cap-giay-chung-nhan", area="xa").amount == "Xã: 25.000 đồng/giấy"


# "Đăng ký khai tử and đăng ký giám hộ show 'Lệ phí: Lệ phí đăng ký khai sinh đúng hạn: Miễn'".
@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("1.000656", "Lệ phí đăng ký khai tử đúng hạn"),
        ("1.010915", "Lệ phí đăng ký khai tử đúng hạn"),
        ("9.000108", "Lệ phí đăng ký giám hộ"),
        ("1.001193", "Lệ phí đăng ký khai sinh đúng hạn"),
    ],
)
def test_the_fee_named_is_that_procedures_own(demo: Facts, code: str, title: str) -> None:
    page = page_of(demo, code)
    fees = section(page, "phi")
    assert title in fees
    if "khai sinh" not in demo.by_code[code].name:
        assert "Lệ phí đăng ký khai sinh" not in fees
    assert set(channel_cells(page).values()) == {EXEMPT}


def test_no_kind_is_printed_twice(demo: Facts) -> None:
    for p in demo.content.procedures:
        text = plain(page_of(demo, p.code))
        for doubled in ("Lệ phí: Lệ phí", "Phí: Phí", "Miễn, giảm cho", "Phí, lệ phí: Lệ phí"):
            assert doubled not in text, (p.code, doubled)


# "Units differ between headline and rule ('8.000 đồng/lần' vs '8.000 đồng/việc đăng ký')".
def test_one_unit_per_fee(demo: Facts) -> None:
    page = page_of(demo, "9.000103")
    text = plain(page)
    assert "8.000 đồng/việc đăng ký" in channel_cells(page)["Trực tiếp"]
    assert "đồng/lần" not in text


def test_one_meaning_per_word_in_the_demo(demo: Facts) -> None:
    # a legal exemption (Luật Hộ tịch, Điều 11) reads Miễn; an empty list, which the record wrote
    # as "không thu", reads Không thu.
    assert set(channel_cells(page_of(demo, "1.000894")).values()) == {EXEMPT}
    assert demo.summary(demo.by_code["1.000894"]).fee == EXEMPT
    free = page_of(demo, "2.000509")
    assert set(channel_cells(free).values()) == {FREE}
    assert "Không thu phí, lệ phí." in section(free, "phi")
    assert demo.summary(demo.by_code["2.000509"]).fee == FREE


# What real records need (issue 16): fees not stated, other currencies, amounts set by the
# province, a 50 % reduction, and every accepted note on the page.
PROVINCE_FEE = """\
id: phi-tinh
name: Phí thẩm định hồ sơ
kind: tinh_quy_dinh
set_by: HĐND tỉnh
versions:
  - set_by_province: true
    rule: Mức thu do Hội đồng nhân dân cấp tỉnh quy định.
"""
USD_FEE = """\
id: le-phi-usd
name: Lệ phí cấp giấy phép cho người nước ngoài
kind: le_phi
set_by: Bộ Tài chính
versions:
  - amount_text: 50 USD
    per: giấy phép
    rule: 50 USD/giấy phép.
"""
NOTED_FEE = """\
id: le-phi-ghi-chu
name: Lệ phí cấp bản sao
kind: le_phi
set_by: HĐND tỉnh Thái Bình
versions:
  - amount: 20000
    per: bản
    rule: "20.000 đồng/bản."
    online_reductions:
      - percent: 50
        valid_from: 2025-07-01
        valid_until: 2026-12-31
        note: Theo Nghị quyết khuyến khích nộp trực tuyến.
exemptions:
  - who: Hộ cận nghèo
    percent: 50
  - who: Hộ nghèo
note: Thu bằng tiền mặt hoặc chuyển khoản.
"""


def _procedure(code: str, name: str, fees: str) -> str:
    return (
        PROCEDURE.replace('code: "1.001193"', f'code: "{code}"')
        .replace("name: Đăng ký khai sinh", f"name: {name}")
        .replace("    fees: [phi-chung-thuc-ban-sao]", f"    fees: {fees}")
        .replace("    fees: []", f"    fees: {fees}")
        .replace("keywords: [làm giấy khai sinh]", "keywords: []")
    )


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Facts:
    root = write_tree(
        tmp_path_factory.mktemp("fees"),
        {
            "procedures/1.000001-chua-cong-bo.yaml": _procedure("1.000001", "Thủ tục chưa công bố phí", "khong_neu"),
            "procedures/1.000002-ngoai-te.yaml": _procedure("1.000002", "Thủ tục thu ngoại tệ", "[le-phi-usd]"),
            "procedures/1.000003-tinh-quy-dinh.yaml": _procedure("1.000003", "Thủ tục phí tỉnh", "[phi-tinh]"),
            "procedures/1.000004-ghi-chu.yaml": _procedure("1.000004", "Thủ tục có ghi chú", "[le-phi-ghi-chu]"),
            "procedures/1.000005-bo-trong.yaml": _procedure("1.000005", "Thủ tục bỏ trống phí", "khong_neu").replace(
                "    fees: khong_neu\n", ""
            ),
            "fees/phi-tinh.yaml": PROVINCE_FEE,
            "fees/le-phi-usd.yaml": USD_FEE,
            "fees/le-phi-ghi-chu.yaml": NOTED_FEE,
        },
    )
    content, problems = load_content(root, TODAY)
    assert content is not None, problems
    return Facts(content)


def _csv_fees(content: Content, facts: Facts) -> dict[str, str]:
    rows = list(csv.reader(io.StringIO(procedures_csv(content, facts).decode("utf-8-sig"))))
    column = rows[0].index("Phí, lệ phí")
    return {row[0]: row[column] for row in rows[1:]}


@pytest.mark.parametrize("code", ["1.000001", "1.000005"])
def test_fees_not_stated_read_chua_cong_bo_everywhere(records: Facts, code: str) -> None:
    page = page_of(records, code)
    assert set(channel_cells(page).values()) == {NOT_STATED}
    assert NOT_STATED in section(page, "phi") and FREE not in section(page, "phi")
    assert records.summary(records.by_code[code]).fee == NOT_STATED
    assert _csv_fees(records.content, records)[code] == NOT_STATED
    assert procedure_ld(records, records.by_code[code])["offers"] == []  # no price 0 for an unknown


def test_a_stated_zero_is_an_offer_of_zero(records: Facts) -> None:
    # the helpers' procedure: in person by the copy fee, online stated as `fees: []`
    base = write_tree(records.content.root.parent / "zero", {})
    content, problems = load_content(base, TODAY)
    assert content is not None, problems
    ld = procedure_ld(Facts(content), content.by_code["1.001193"])
    online = [o for o in ld["offers"] if o["name"].endswith("(Trực tuyến)")]
    assert online == [
        {
            "@type": "Offer",
            "name": "Không thu phí, lệ phí (Trực tuyến)",
            "description": FREE,
            "price": 0,
            "priceCurrency": "VND",
        }
    ]


def test_an_amount_in_another_currency_is_shown_as_written(records: Facts) -> None:
    page = page_of(records, "1.000002")
    assert set(channel_cells(page).values()) == {"50 USD"}
    assert records.summary(records.by_code["1.000002"]).fee == "50 USD"
    offers = procedure_ld(records, records.by_code["1.000002"])["offers"]
    assert offers and all("price" not in o and o["description"] == "50 USD" for o in offers)


def test_an_amount_set_by_the_province_is_not_a_zero(records: Facts) -> None:
    page = page_of(records, "1.000003")
    assert set(channel_cells(page).values()) == {"Do HĐND tỉnh quy định"}
    fees = section(page, "phi")
    assert "Mức thu do Hội đồng nhân dân cấp tỉnh quy định." in fees
    assert "Phí, lệ phí do HĐND tỉnh quy định: Phí thẩm định hồ sơ" in fees
    assert all("price" not in o for o in procedure_ld(records, records.by_code["1.000003"])["offers"])
    assert _csv_fees(records.content, records)["1.000003"] == "Do HĐND tỉnh quy định"


def test_every_accepted_fee_fact_is_on_the_page(records: Facts) -> None:
    fees = section(page_of(records, "1.000004"), "phi")
    assert "Giảm 50% cho: Hộ cận nghèo" in fees  # not "Miễn, giảm cho"
    assert "Miễn cho: Hộ nghèo" in fees
    assert "Theo Nghị quyết khuyến khích nộp trực tuyến." in fees  # the reduction's note
    assert "Thu bằng tiền mặt hoặc chuyển khoản." in fees  # the fee's note
    assert "HĐND tỉnh Thái Bình" in fees  # who sets it
    assert "20.000 đồng/bản." in fees  # the wording as written


# Every fee-bearing surface of the built demo agrees: page, list row, search result, CSV, JSON, JSON-LD.
def _ld(page: str) -> dict[str, Any]:
    body = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data: dict[str, Any] = json.loads(body)
    return data


def _after_link(listing: str, code: str) -> str:
    """The text of the list from the procedure's link to the next procedure's link."""
    start = listing.index(f'href="{code}/"')
    following = re.search(r'href="[0-9]\.[0-9]{6}/"', listing[start + 5 :])
    return plain(listing[start : start + 5 + following.start() if following else None])


def test_every_surface_says_the_same_fee(demo_site: Path) -> None:
    rows = list(csv.reader(io.StringIO((demo_site / urls.PAGES["data"] / "procedures.csv").read_text("utf-8-sig"))))
    csv_fee = {row[0]: row[rows[0].index("Phí, lệ phí")] for row in rows[1:]}
    records = {
        r["code"]: r
        for r in json.loads((demo_site / urls.PAGES["data"] / "procedures.json").read_text("utf-8"))["procedures"]
    }
    listing = (demo_site / urls.PAGES["procedures"] / "index.html").read_text("utf-8")
    assert set(csv_fee) == set(records)
    for code, record in records.items():
        page = (demo_site / urls.procedure(code) / "index.html").read_text("utf-8")
        headline = csv_fee[code]
        assert headline in _after_link(listing, code), code
        assert f'<span data-pagefind-meta="fee">{html.escape(headline, quote=False)}</span>' in page, code
        cells = list(channel_cells(page).values())
        ld = _ld(page)
        for channel, cell in zip(record["channels"], cells, strict=True):
            label = {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Dịch vụ bưu chính"}[
                channel["mode"]
            ]
            offers = [o for o in ld["offers"] if o["name"].endswith(f"({label})")]
            fees = channel.get("fees", "khong_neu")
            assert (cell == NOT_STATED) == (fees == "khong_neu"), code
            assert (cell == FREE) == (fees == []), code
            if fees == "khong_neu":
                assert offers == [], code
                continue
            for offer in offers:
                assert offer["description"] in cell or offer["description"] == FREE, (code, offer)
                if "price" in offer:
                    assert offer["price"] > 0 or offer["description"].startswith(("0 đồng", *WORDS)), (code, offer)
                    if offer["price"] > 0:
                        assert offer["description"].startswith(money(offer["price"])), (code, offer)
            assert len(offers) == max(1, len(fees)), code
        for word in WORDS:
            # a meaning word in the one-line fee only when a channel of the page says it
            if word in headline:
                assert any(word in cell for cell in cells), (code, word)


def test_the_fee_table_csv_uses_the_same_words(demo: Facts) -> None:
    rows = list(csv.reader(io.StringIO(fees_csv(demo.content).decode("utf-8-sig"))))
    header = rows[0]
    by_id: dict[str, dict[str, str]] = {}
    for row in rows[1:]:  # the first schedule of each fee
        by_id.setdefault(row[0], dict(zip(header, row, strict=True)))
    exempt = by_id["le-phi-ket-hon"]
    assert (exempt["Mức thu"], exempt["Số tiền (đồng)"]) == (EXEMPT, "")  # not a 0 that reads "Không thu"
    tiers = by_id["phi-tham-dinh-ban-le-ruou"]
    assert tiers["Mức thu"] == (
        "Thị trấn: 400.000 đồng/điểm kinh doanh/lần thẩm định; Khu vực khác: 200.000 đồng/điểm kinh doanh/lần thẩm định"
    )
    business = by_id["le-phi-dang-ky-ho-kinh-doanh"]
    assert business["Giảm khi nộp trực tuyến"] == "50% từ 01/07/2025 đến 31/12/2026"
    assert by_id["le-phi-xac-nhan-hon-nhan"]["Đối tượng miễn, giảm (tỷ lệ)"].startswith("100%: ")


def test_what_each_way_of_stating_an_amount_computes() -> None:
    tiers = FeeVersion.model_validate(
        {"by_area": [{"where": ["xa"], "amount": 25000}, {"where": ["thi_tran"], "amount": 50000}], "per": "giấy"}
    )
    assert (tiers.compute(area="thi_tran"), tiers.compute(area="xa")) == (50000, 25000)
    assert tiers.compute() is None  # which tier is unknown without the commune: never a made-up amount
    assert FeeVersion.model_validate({"set_by_province": True}).compute() is None
    assert FeeVersion.model_validate({"amount_text": "50 USD"}).compute() is None
    assert FeeVersion.model_validate({"amount_text": "50 USD", "amount": 1_250_000}).compute() == 1_250_000
    assert FeeVersion.model_validate({"exempt": True}).compute() == 0
    assert fee_amount(FeeVersion.model_validate({"amount": 0})) == FREE
    assert fee_amount(FeeVersion.model_validate({"exempt": True})) == EXEMPT
    assert fee_amount(FeeVersion.model_validate({"amount": 8000})) == "8.000 đồng"  # no unit invented
