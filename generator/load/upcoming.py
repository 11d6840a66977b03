"""Facts that will change by themselves within the next days, reported as `upcoming-change`
notices so reviewers see them coming: a fee schedule starting or ending, an online reduction
ending, a procedure starting or ending, a closure of a commune's desk. The nightly build makes the
site right on the day; the notice lets a person check the date and the amount before it."""

from __future__ import annotations

import datetime as dt

from .. import model as m
from ..problems import Problem
from .calendar import site_calendar
from .folder import Loaded, Records

HORIZON_DAYS = 14


def _soon(day: dt.date | None, today: dt.date) -> bool:
    return day is not None and today < day <= today + dt.timedelta(days=HORIZON_DAYS)


def _when(day: dt.date, today: dt.date) -> str:
    days = (day - today).days
    return f"ngày {day:%d/%m/%Y} ({'ngày mai' if days == 1 else f'còn {days} ngày'})"


def _fee(record: Loaded[m.Fee], today: dt.date, problems: list[Problem]) -> None:
    starts = {v.valid_from for v in record.model.versions}
    for index, version in enumerate(record.model.versions):
        if version.valid_from is not None and _soon(version.valid_from, today):
            problems.append(
                record.problem(
                    "upcoming-change",
                    f"mức thu mới của `{record.model.id}` bắt đầu áp dụng {_when(version.valid_from, today)}",
                    "versions",
                    index,
                    "valid_from",
                )
            )
        end = version.valid_until
        if end is not None and _soon(end + dt.timedelta(days=1), today) and end + dt.timedelta(days=1) not in starts:
            problems.append(
                record.problem(
                    "upcoming-change",
                    f"mức thu của `{record.model.id}` hết hiệu lực sau ngày {end:%d/%m/%Y} và chưa có mức thu"
                    " tiếp theo",
                    "versions",
                    index,
                    "valid_until",
                )
            )
        for r_index, reduction in enumerate(version.online_reductions):
            if reduction.valid_until is not None and _soon(reduction.valid_until + dt.timedelta(days=1), today):
                problems.append(
                    record.problem(
                        "upcoming-change",
                        f"mức giảm {reduction.percent}% khi nộp trực tuyến hết hiệu lực sau ngày"
                        f" {reduction.valid_until:%d/%m/%Y}",
                        "versions",
                        index,
                        "online_reductions",
                        r_index,
                        "valid_until",
                    )
                )


def _procedure(record: Loaded[m.Procedure], today: dt.date, problems: list[Problem]) -> None:
    p = record.model
    if p.valid_from is not None and _soon(p.valid_from, today):
        problems.append(
            record.problem("upcoming-change", f"thủ tục bắt đầu áp dụng {_when(p.valid_from, today)}", "valid_from")
        )
    if p.valid_until is not None and _soon(p.valid_until + dt.timedelta(days=1), today):
        problems.append(
            record.problem("upcoming-change", f"thủ tục hết hiệu lực sau ngày {p.valid_until:%d/%m/%Y}", "valid_until")
        )


def _commune(record: Loaded[m.Commune], today: dt.date, problems: list[Problem]) -> None:
    for index, closure in enumerate(record.model.closures):
        if _soon(closure.valid_from, today):
            problems.append(
                record.problem(
                    "upcoming-change",
                    f"Bộ phận Một cửa {'mở cửa khác thường' if closure.open_hours or closure.works_like else 'nghỉ'}"
                    f" {_when(closure.valid_from, today)}: {closure.reason}",
                    "closures",
                    index,
                    "valid_from",
                )
            )


def _site(record: Loaded[m.Site], today: dt.date, problems: list[Problem]) -> None:
    """Closures of every desk: the site's own at their line, the national holidays at the top of
    `site.yaml` (they are written nowhere in the content)."""
    own = {(c.valid_from, c.valid_until) for c in record.model.closures}
    for index, closure in enumerate(site_calendar(record.model, today)):
        if not _soon(closure.valid_from, today):
            continue
        what = (
            f"mọi Bộ phận Một cửa {'mở cửa khác thường' if closure.open_hours or closure.works_like else 'nghỉ'}"
            f" {_when(closure.valid_from, today)}: {closure.reason}"
        )
        if index < len(record.model.closures):
            problems.append(record.problem("upcoming-change", what, "closures", index, "valid_from"))
        elif (closure.valid_from, closure.valid_until) not in own:
            problems.append(
                Problem(record.source.path, 0, 0, "upcoming-change", f"{what} (ngày lễ, Tết theo quy định chung)")
            )


def check_upcoming(records: Records, today: dt.date, problems: list[Problem]) -> None:
    if records.site is not None:
        _site(records.site, today, problems)
    for fee in records.fees:
        _fee(fee, today, problems)
    for procedure in records.procedures:
        _procedure(procedure, today, problems)
    for commune in records.communes:
        _commune(commune, today, problems)
