"""Fees (issues 16 and 17): one unit per fee, one amount per kind of commune, exactly one way of
stating an amount, and "not stated" spelled one way. Written from the issue's findings before the
checks existed."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import FEE, PROCEDURE
from .test_bad_inputs import Case, F, P, case, check

TIERS = """    by_area:
      - where: [thi_tran]
        amount: 400000
      - where: [xa, thi_tran]
        amount: 200000
"""

CASES = [
    # "8.000 đồng/lần" in the headline, "8.000 đồng/việc đăng ký" in the rule (issue 17).
    case(
        "a unit other than the wording's",
        F,
        FEE,
        "    per: bản\n    rule: 2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang; tối đa 200.000 đồng/bản.\n"
        "    per_unit:\n      unit: trang\n      tiers:\n        - {from: 1, to: 2, amount: 2000}\n"
        "        - {from: 3, amount: 1000}\n      cap: 200000\n",
        "    per: lần\n    rule: 8.000 đồng/việc đăng ký.\n    amount: 8000\n",
        "fee-unit",
    ),
    # A thị trấn in two local tiers: its commune page could show either amount.
    case(
        "a commune type in two local tiers",
        F,
        FEE,
        "    per_unit:\n      unit: trang\n      tiers:\n        - {from: 1, to: 2, amount: 2000}\n"
        "        - {from: 3, amount: 1000}\n      cap: 200000\n",
        TIERS,
        "fee-area-overlap",
        "      - where: [xa, thi_tran]",
    ),
    # Two ways of stating one amount: which one does the page show?
    case(
        "an exemption with an amount",
        F,
        FEE,
        "    per: bản\n",
        "    per: bản\n    exempt: true\n",
        "one-of",
        "  - valid_from: 2017-01-01",
    ),
    case(
        "set by the province and an amount",
        F,
        FEE,
        "    per: bản\n",
        "    per: bản\n    set_by_province: true\n",
        "one-of",
        "  - valid_from: 2017-01-01",
    ),
    # "Not stated" has one spelling; anything else is a typo, not a silent "không thu".
    case("a misspelt not-stated fee list", P, PROCEDURE, "    fees: []", "    fees: khong-neu", "not-stated-spelling"),
    case("a word for a fee list", P, PROCEDURE, "    fees: []", "    fees: khong_ro", "wrong-type"),
    case(
        "a fee referenced twice on a channel",
        P,
        PROCEDURE,
        "    fees: []",
        "    fees: [phi-chung-thuc-ban-sao, {fee: phi-chung-thuc-ban-sao, note: x}]",
        "duplicate-item",
    ),
    # `exempt: false` would say nothing: the amount is then unstated. Only `true` is accepted.
    case(
        "exempt false",
        F,
        FEE,
        "    per: bản\n",
        "    per: bản\n    exempt: false\n",
        "invalid-choice",
        "    exempt: false",
    ),
]


@pytest.mark.parametrize("bad", CASES, ids=[c.name for c in CASES])
def test_bad_fee_is_reported_at_its_place(tmp_path: Path, bad: Case) -> None:
    check(tmp_path, bad)
