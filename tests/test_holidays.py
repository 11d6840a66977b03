"""National public holidays for every desk (the `holidays` package's Vietnam calendar, Tết by the
lunar calendar), the site's own closures and make-up days, and a commune's own: the week's
opening hours, the list of closures in date order, the upcoming notices."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.content import load_content
from generator.facts import Facts
from generator.load.calendar import national_holidays
from generator.problems import Problem
from generator.views.commune import CommunePage, commune_page

from .helpers import COMMUNE, PROCEDURE, SITE, line_of, write_tree
from .test_bad_inputs import C, P, sub

# Tết Đinh Mùi: 06/02/2027 is the first day of the lunar year.
TET_2027 = dt.date(2027, 2, 6)


def _page(
    tmp_path: Path, today: dt.date, files: dict[str, str | bytes | None] | None = None
) -> tuple[CommunePage, list[Problem]]:
    content, problems = load_content(write_tree(tmp_path, files), today)
    assert content is not None, problems
    (commune,) = content.communes
    return commune_page(Facts(content), commune), problems


def test_tet_comes_from_the_lunar_calendar() -> None:
    closures = national_holidays(2027, 2027)
    (tet,) = [c for c in closures if "Tết Nguyên Đán" in c.reason]
    assert tet.valid_from <= TET_2027 <= tet.last_day
    assert (tet.last_day - tet.valid_from).days >= 4
    assert [c.valid_from for c in closures] == sorted(c.valid_from for c in closures)


def test_the_desk_is_closed_at_tet_without_a_word_in_the_commune_file(tmp_path: Path) -> None:
    page, _ = _page(tmp_path, TET_2027)
    today = next(day for day in page.week if day.is_today)
    assert not today.is_open
    assert today.closure is not None and "Tết" in today.closure


def test_closures_are_listed_in_date_order_once(tmp_path: Path) -> None:
    # The commune's own closure (01/01, a holiday too) is listed once, with the commune's wording;
    # a commune closure written after a later one still comes in date order.
    own = sub(
        COMMUNE,
        "    reason: Nghỉ Tết Dương lịch\n",
        "    reason: Nghỉ Tết Dương lịch\n  - valid_from: 2026-12-10\n    reason: Tổng vệ sinh trụ sở\n",
    )
    page, _ = _page(tmp_path, dt.date(2026, 11, 27), {C: own})
    dates = [line.dates for line in page.closures]
    reasons = [line.reason for line in page.closures]
    assert reasons[:3] == ["Tổng vệ sinh trụ sở", "Nghỉ Tết Dương lịch", "Tết Nguyên Đán"]
    assert "Tết Dương lịch" not in reasons
    assert len(dates) == len(set(dates))


def test_a_site_wide_make_up_day_opens_every_desk(tmp_path: Path) -> None:
    saturday = dt.date(2027, 2, 20)  # the week shown runs Monday 15/02 to Sunday 21/02
    site = SITE + (
        "closures:\n  - valid_from: 2027-02-21\n    reason: Làm bù ngày 08/02/2027\n"
        '    open_hours: ["07:30-11:30", "13:30-17:00"]\n'
    )
    page, _ = _page(tmp_path, saturday, {"site.yaml": site})
    sunday = next(day for day in page.week if day.iso_date == "2027-02-21")
    assert sunday.is_open
    assert sunday.closure == "Làm bù ngày 08/02/2027"


def test_a_commune_may_open_on_a_national_holiday(tmp_path: Path) -> None:
    own = sub(
        COMMUNE,
        "  - valid_from: 2027-01-01\n    reason: Nghỉ Tết Dương lịch\n",
        '  - valid_from: 2027-01-01\n    reason: Trực tiếp nhận hồ sơ khai tử\n    open_hours: ["07:30-10:30"]\n',
    )
    page, _ = _page(tmp_path, dt.date(2027, 1, 1), {C: own})
    today = next(day for day in page.week if day.is_today)
    assert today.is_open


def test_a_holiday_soon_is_an_upcoming_notice(tmp_path: Path) -> None:
    _, problems = load_content(write_tree(tmp_path), dt.date(2027, 1, 29))
    notices = [(p.code, p.file) for p in problems]
    assert ("upcoming-change", "site.yaml") in notices


def test_a_site_closure_soon_is_a_notice_at_its_line(tmp_path: Path) -> None:
    site = SITE + "closures:\n  - valid_from: 2026-12-04\n    reason: Nghỉ để tổng kết năm\n"
    _, problems = load_content(write_tree(tmp_path, {"site.yaml": site}), dt.date(2026, 11, 27))
    assert [(p.code, p.file, p.line) for p in problems] == [
        ("upcoming-change", "site.yaml", line_of(site, "  - valid_from: 2026-12-04"))
    ]


def test_a_national_make_up_saturday_opens_the_desk_as_on_a_monday(tmp_path: Path) -> None:
    # 22/08/2026, a Saturday, is worked in exchange for Monday 31/08/2026 (the package's calendar).
    reviewed = sub(PROCEDURE, "last_reviewed: 2026-09-01", "last_reviewed: 2026-08-01")
    page, _ = _page(tmp_path, dt.date(2026, 8, 20), {P: reviewed})
    saturday = next(day for day in page.week if day.iso_date == "2026-08-22")
    assert saturday.is_open and saturday.hours == "07:00–11:30, 13:30–17:00"
    assert saturday.closure == "Làm bù cho ngày nghỉ 31/08/2026"
