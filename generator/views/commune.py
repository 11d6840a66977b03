"""Commune pages: the one-stop desk of a xã, phường or thị trấn, this week's hours and duty."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import quote

from .. import model as m
from .. import urls
from ..content import Content
from ..facts import Facts, FeeLine
from ..format import (
    as_of,
    date_span,
    date_vi,
    day_hours,
    decimal,
    fold,
    number,
    sentence_case,
    tel_href,
    time_range,
    time_ranges,
    weekday_in_sentence,
    weekdays,
)
from ..outputs.jsonld import commune_ld, json_ld
from .page import KeyFact, edit_url


@dataclass(frozen=True)
class CommuneEntry:
    name: str
    url: str
    address: str
    phone: str | None
    phone_href: str | None


@dataclass(frozen=True)
class CommuneIndexPage:
    template: ClassVar[str] = "communes.html"

    title: str  # "Xã, thị trấn": the kinds of unit the site has
    communes: list[CommuneEntry]


@dataclass(frozen=True)
class OfficeHoursLine:
    weekdays: str  # "Thứ Hai đến Thứ Sáu"
    hours: str  # "sáng 07:30–11:30, chiều 13:30–17:00"


@dataclass(frozen=True)
class DutyPerson:
    person: str
    title: str
    hours: str | None  # "07:30–11:30" when not the whole working day
    tasks: str | None


@dataclass(frozen=True)
class DayDuty:
    weekday: str
    label: str  # "Thứ Hai"
    date: str  # "23/11/2026"
    iso_date: str  # "2026-11-23", for the script that marks today
    is_today: bool
    is_open: bool
    hours: str  # "07:00–11:30, 13:30–17:00", or "Nghỉ"
    people: list[DutyPerson]  # named on the roster for an open day
    closure: str | None


@dataclass(frozen=True)
class ReceptionLine:
    person: str
    title: str
    when: str  # "Thứ Ba hằng tuần, 07:30–11:00 và 13:30–17:00, tại …" (without the final full stop)
    note: str | None


@dataclass(frozen=True)
class ClosureLine:
    dates: str  # "01/01/2027" or "01/01/2027–02/01/2027"
    reason: str  # as the editor wrote it, without a final full stop
    hours: str | None  # "Giờ mở cửa: 07:30–11:30 và 13:30–16:30.", "Bộ phận Một cửa nghỉ." or None


@dataclass(frozen=True)
class MergerLine:
    text: str  # "Từ 01/01/2020 (Nghị quyết …): hình thành từ xã A (4,31 km², 12.345 người), xã B."
    note: str | None


@dataclass(frozen=True)
class CommunePage:
    template: ClassVar[str] = "commune.html"

    as_of: str  # this week's duty and the closures to come depend on the build's day

    name: str  # "Xã Vũ Ninh"
    index_title: str  # "Xã, thị trấn": the breadcrumb's link to the list
    desk: str
    address: str
    phone: str | None
    phone_href: str | None
    email: str | None
    office_hours: list[OfficeHoursLine]
    week_start: str
    week: list[DayDuty]
    reception: list[ReceptionLine]
    closures: list[ClosureLine]
    history: list[MergerLine]
    fees: list[FeeLine]
    ld: str  # schema.org GovernmentOffice with opening hours
    key_facts: list[KeyFact]  # open today or next opening, today's duty, address, phone
    edit_url: str | None = None  # its file in GitHub's web editor, when site.yaml names the repository


def commune_index(facts: Facts) -> CommuneIndexPage:
    return CommuneIndexPage(
        sentence_case(facts.unit_kinds),
        [
            CommuneEntry(x.full_name, urls.commune(x.id), x.address, x.phone, tel_href(x.phone) if x.phone else None)
            for x in facts.content.communes
        ],
    )


def _week(commune: m.Commune, today: dt.date, calendar: list[m.Closure]) -> tuple[dt.date, list[DayDuty]]:
    start = today - dt.timedelta(days=today.weekday())
    week = []
    for offset in range(7):
        day = start + dt.timedelta(days=offset)
        weekday = m.WEEKDAYS[day.weekday()]
        hours = commune.hours_on(day, calendar)
        closure = commune.closure_on(day, calendar)
        people = [
            DutyPerson(d.person, d.title, time_range(d.hours) if d.hours else None, d.tasks)
            for d in commune.on_duty(day)
        ]
        week.append(
            DayDuty(
                weekday=weekday,
                label=m.WEEKDAY_LABELS[weekday],
                date=date_vi(day),
                iso_date=day.isoformat(),
                is_today=day == today,
                is_open=bool(hours),
                hours=time_ranges(hours) if hours else "Nghỉ",
                people=people if hours else [],
                closure=closure.reason if closure else None,
            )
        )
    return start, week


def _reception(r: m.Reception) -> ReceptionLine:
    days = [
        f"{weekdays(r.weekdays)} hằng tuần" if r.weekdays else "",
        f"ngày {', '.join(str(d) for d in r.month_days)} hằng tháng" if r.month_days else "",
        f"các ngày {', '.join(date_vi(d) for d in r.dates)}" if r.dates else "",
    ]
    when = ", ".join(d for d in days if d)
    if r.hours:
        when += f", {time_ranges(r.hours, ' và ')}"
    if r.place:
        when += f", tại {r.place}"
    return ReceptionLine(r.person, r.title, when, r.note)


def _closure_hours(closure: m.Closure) -> str | None:
    """What the desk does on a closure's days, unless its reason already says it (`Nghỉ Tết …`)."""
    if closure.open_hours:
        return f"Giờ mở cửa: {time_ranges(closure.open_hours, ' và ')}."
    if closure.works_like:
        return f"Bộ phận Một cửa làm việc như ngày {weekday_in_sentence(m.WEEKDAY_LABELS[closure.works_like])}."
    return None if fold(closure.reason).startswith("nghi") else "Bộ phận Một cửa nghỉ."


def _former_unit(unit: m.FormerUnit) -> str:
    if not unit.area_km2:
        return unit.name
    population = f", {number(unit.population)} người" if unit.population else ""
    return f"{unit.name} ({decimal(unit.area_km2)} km²{population})"


def _merger(merger: m.Merger) -> MergerLine:
    units = ", ".join(_former_unit(u) for u in merger.formed_from)
    text = f"Từ {date_vi(merger.date)} (Nghị quyết {merger.decision}): hình thành từ {units}."
    return MergerLine(text, merger.note)


# How far ahead the closures of every desk (public holidays) are listed on a commune page.
CALENDAR_AHEAD = dt.timedelta(days=366)


def _closures(commune: m.Commune, calendar: list[m.Closure], today: dt.date) -> list[m.Closure]:
    """The commune's closures to come and those of every desk within a year, in date order; a
    site-wide one the commune already covers (a holiday it also wrote down) is listed once."""

    def covered(closure: m.Closure) -> bool:
        return all(
            any(own.covers(closure.valid_from + dt.timedelta(days=d)) for own in commune.closures)
            for d in range((closure.last_day - closure.valid_from).days + 1)
        )

    shared = [c for c in calendar if c.valid_from <= today + CALENDAR_AHEAD and not covered(c)]
    coming = [c for c in (*commune.closures, *shared) if c.last_day >= today]
    return sorted(coming, key=lambda c: (c.valid_from, c.last_day))


def commune_fee_ids(content: Content) -> list[str]:
    """The fees a commune page lists: those of the procedures done at commune level."""
    return sorted(
        {
            ref.fee
            for p in content.procedures
            if "xa" in m.listed(p.levels)
            for ch in p.channels
            for ref in ch.fee_refs()
        }
    )


# A map search for the address, opened only when the citizen follows the link: nothing is loaded
# from the map's host with the page.
MAP_SEARCH = "https://www.openstreetmap.org/search?query="


def _day_name(day: dt.date) -> str:
    return f"{weekday_in_sentence(m.WEEKDAY_LABELS[m.WEEKDAYS[day.weekday()]])} {date_vi(day)}"


def _opening(commune: m.Commune, today: dt.date, calendar: list[m.Closure]) -> str:
    """`Hôm nay (thứ Bảy 28/11/2026) mở cửa 07:30–11:30`, or when the desk opens next."""
    hours = commune.hours_on(today, calendar)
    if hours:
        return f"Hôm nay ({_day_name(today)}) mở cửa {time_ranges(hours)}"
    for offset in range(1, 15):
        day = today + dt.timedelta(days=offset)
        later = commune.hours_on(day, calendar)
        if later:
            return f"Hôm nay ({_day_name(today)}) nghỉ; mở cửa lại {_day_name(day)}, {time_ranges(later)}"
    return f"Hôm nay ({_day_name(today)}) nghỉ"


def _duty_today(commune: m.Commune, today: dt.date, calendar: list[m.Closure]) -> str:
    if not commune.hours_on(today, calendar):
        return "Không có (hôm nay nghỉ)"
    people = [f"{d.person}, {d.title}" for d in commune.on_duty(today)]
    return "; ".join(people) if people else "Cán bộ Bộ phận Một cửa"


def commune_key_facts(commune: m.Commune, today: dt.date, calendar: list[m.Closure]) -> list[KeyFact]:
    rows = [
        KeyFact("Giờ mở cửa", "gio-lam-viec", _opening(commune, today, calendar), live="opening"),
        KeyFact("Người trực hôm nay", "lich-truc", _duty_today(commune, today, calendar)),
        KeyFact(
            "Địa chỉ",
            "lien-he",
            commune.address,
            link=MAP_SEARCH + quote(commune.address),
            link_text="Xem bản đồ",
        ),
    ]
    if commune.phone:
        rows.append(KeyFact("Điện thoại", "lien-he", commune.phone, value_href=tel_href(commune.phone)))
    return rows


def commune_page(facts: Facts, commune: m.Commune) -> CommunePage:
    content, today = facts.content, facts.today
    start, week = _week(commune, today, content.calendar)
    commune_fees = commune_fee_ids(content)
    return CommunePage(
        as_of=as_of(facts.today),
        name=commune.full_name,
        index_title=sentence_case(facts.unit_kinds),
        desk=commune.desk,
        address=commune.address,
        phone=commune.phone,
        phone_href=tel_href(commune.phone) if commune.phone else None,
        email=commune.email,
        office_hours=[
            OfficeHoursLine(weekdays(h.weekdays), day_hours(h.morning, h.afternoon)) for h in commune.office_hours
        ],
        week_start=date_vi(start),
        week=week,
        reception=[_reception(r) for r in commune.reception if r.in_force(today)],
        closures=[
            ClosureLine(
                date_span(cl.valid_from, cl.valid_until),
                cl.reason.rstrip("."),
                _closure_hours(cl),
            )
            for cl in _closures(commune, content.calendar, today)
        ],
        history=[_merger(h) for h in commune.history],
        fees=[facts.fee_line(fee_id, area=commune.type) for fee_id in commune_fees],
        ld=json_ld(commune_ld(content, commune)),
        key_facts=commune_key_facts(commune, today, content.calendar),
        edit_url=edit_url(content, f"commune:{commune.id}"),
    )
