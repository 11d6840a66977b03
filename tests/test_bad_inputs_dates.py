"""Dated facts that change by themselves within 14 days: reported as `upcoming-change` notices at
the date that makes them change (the suite's today is 27/11/2026), never blocking."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content import load_content
from generator.problems import Severity

from .helpers import COMMUNE, FEE, PROCEDURE, TODAY, write_tree
from .test_bad_inputs import C, Case, F, P, case, check

NEW_VERSION = """    legal_basis: ["226/2016/TT-BTC"]
    valid_until: 2026-11-30
  - valid_from: 2026-12-01
    per: bản
    rule: 3.000 đồng/trang.
    amount: 3000
"""

CASES = [
    case(
        "a new fee schedule in four days",
        F,
        FEE,
        '    legal_basis: ["226/2016/TT-BTC"]\n',
        NEW_VERSION,
        "upcoming-change",
        "  - valid_from: 2026-12-01",
    ),
    case(
        "a fee ending in a week with nothing after it",
        F,
        FEE,
        '    legal_basis: ["226/2016/TT-BTC"]\n',
        '    legal_basis: ["226/2016/TT-BTC"]\n    valid_until: 2026-12-03\n',
        "upcoming-change",
        "    valid_until: 2026-12-03",
    ),
    case(
        "a closure next week", C, COMMUNE, "  - valid_from: 2027-01-01", "  - valid_from: 2026-12-02", "upcoming-change"
    ),
    case(
        "a procedure ending in ten days",
        P,
        PROCEDURE,
        "last_reviewed: 2026-09-01",
        "last_reviewed: 2026-09-01\nvalid_until: 2026-12-06",
        "upcoming-change",
        "valid_until: 2026-12-06",
    ),
]


@pytest.mark.parametrize("bad", CASES, ids=[c.name for c in CASES])
def test_upcoming_change_is_reported_at_its_date(tmp_path: Path, bad: Case) -> None:
    check(tmp_path, bad)


def test_changes_beyond_two_weeks_or_already_past_are_not_reported(tmp_path: Path) -> None:
    later = COMMUNE.replace("  - valid_from: 2027-01-01", "  - valid_from: 2026-12-12")  # 15 days ahead
    past = COMMUNE.replace("  - valid_from: 2027-01-01", "  - valid_from: 2026-11-27")  # today
    for body in (later, past):
        _, problems = load_content(write_tree(tmp_path / str(len(body)), {C: body}), TODAY)
        assert problems == []


def test_notices_never_block(tmp_path: Path) -> None:
    content, problems = load_content(write_tree(tmp_path, {C: CASES[2].body}), TODAY)
    assert content is not None
    assert [p.severity for p in problems] == [Severity.NOTICE]
