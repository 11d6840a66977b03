"""The days every desk of the site is closed or open unusually: Vietnam's national public holidays
(from the `holidays` package: Tết by the lunar calendar, nghỉ bù when a holiday falls on a weekend)
and the site's own `closures` in `site.yaml` (a day off or a make-up working day announced by the
province). A commune's own closures come before these (`Commune.closure_on`)."""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata

import holidays

from .. import model as m


def _holiday_name(name: str) -> str:
    """One name for the days of one holiday: `Mùng hai Tết Nguyên Đán`, `29 Tết` → `Tết Nguyên Đán`;
    `X (nghỉ bù)` → `Nghỉ bù X`."""
    name = unicodedata.normalize("NFC", name)
    if "Tết Nguyên Đán" in name or name.endswith(" Tết"):
        return "Tết Nguyên Đán"
    if name.endswith(" (nghỉ bù)"):
        return "Nghỉ bù " + name.removesuffix(" (nghỉ bù)")
    if name.startswith("Ngày nghỉ (") and name.endswith(")"):
        return "Ngày nghỉ " + name.removeprefix("Ngày nghỉ (").removesuffix(")")
    return name


@functools.lru_cache(maxsize=8)
def national_holidays(first_year: int, last_year: int) -> tuple[m.Closure, ...]:
    """Vietnam's public holidays from `first_year` to `last_year`, in date order, consecutive days
    as one closure (the Tết holiday is one line, not seven)."""
    calendar = holidays.country_holidays("VN", years=range(first_year, last_year + 1), language="vi")
    days = sorted((day, _holiday_name(str(name))) for day, name in calendar.items())
    closures: list[m.Closure] = []
    start: dt.date | None = None
    end: dt.date | None = None
    names: list[str] = []

    def close() -> None:
        if start is not None and end is not None:
            closures.append(
                m.Closure(valid_from=start, valid_until=end if end != start else None, reason=", ".join(names))
            )

    for day, name in days:
        if end is not None and day == end + dt.timedelta(days=1):
            end = day
            if name not in names and name.removeprefix("Nghỉ bù ") not in names:
                names.append(name)
            continue
        close()
        start, end, names = day, day, [name]
    close()
    # Weekend days worked to make up for a day off (làm bù): open as on a Monday.
    for day in sorted(calendar.weekend_workdays):
        if first_year <= day.year <= last_year:
            instead = next((d for d, n in days if f"thay cho ngày {day:%d/%m/%Y}" in n), None)
            reason = f"Làm bù cho ngày nghỉ {instead:%d/%m/%Y}" if instead else "Làm bù"
            closures.append(m.Closure(valid_from=day, reason=reason, works_like="t2"))
    return tuple(sorted(closures, key=lambda c: c.valid_from))


def site_calendar(site: m.Site, today: dt.date) -> list[m.Closure]:
    """The closures of every desk around `today` (last year to next year): the site's own first
    (they may open a desk on a holiday, or close it on a bridging day), then the national ones."""
    return [*site.closures, *national_holidays(today.year - 1, today.year + 1)]
