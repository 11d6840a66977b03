"""Commune pages: the one-stop desk of a xã, phường or thị trấn, this week's hours and duty."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from .. import model as m
from .. import urls
from ..facts import Facts, FeeLine
from ..outputs.jsonld import commune_ld, json_ld


@dataclass(frozen=True)
class CommuneEntry:
    commune: m.Commune
    url: str


@dataclass(frozen=True)
class CommuneIndexPage:
    template: ClassVar[str] = "communes.html"

    communes: list[CommuneEntry]


@dataclass(frozen=True)
class DayDuty:
    weekday: str
    label: str
    date: dt.date
    is_today: bool
    hours: list[str]
    people: list[tuple[str, str, str | None, str | None]]  # person, title, hours, tasks
    closure: str | None


@dataclass(frozen=True)
class CommunePage:
    template: ClassVar[str] = "commune.html"

    commune: m.Commune
    week: list[DayDuty]
    week_start: dt.date
    reception: list[m.Reception]
    closures: list[m.Closure]
    fees: list[FeeLine]
    ld: str  # schema.org GovernmentOffice with opening hours


def commune_index(facts: Facts) -> CommuneIndexPage:
    return CommuneIndexPage([CommuneEntry(x, urls.commune(x.id)) for x in facts.content.communes])


def _week(commune: m.Commune, today: dt.date) -> tuple[dt.date, list[DayDuty]]:
    start = today - dt.timedelta(days=today.weekday())
    week = []
    for offset in range(7):
        day = start + dt.timedelta(days=offset)
        weekday = m.WEEKDAYS[day.weekday()]
        hours = commune.hours_on(day)
        closure = commune.closure_on(day)
        week.append(
            DayDuty(
                weekday=weekday,
                label=m.WEEKDAY_LABELS[weekday],
                date=day,
                is_today=day == today,
                hours=hours,
                people=[(d.person, d.title, d.hours, d.tasks) for d in commune.on_duty(day)] if hours else [],
                closure=closure.reason if closure else None,
            )
        )
    return start, week


def commune_page(facts: Facts, commune: m.Commune) -> CommunePage:
    content, today = facts.content, facts.today
    start, week = _week(commune, today)
    commune_fees = sorted(
        {ref.fee for p in content.procedures if "xa" in p.levels for ch in p.channels for ref in ch.fees}
    )
    return CommunePage(
        commune=commune,
        week=week,
        week_start=start,
        reception=[r for r in commune.reception if r.in_force(today)],
        closures=[cl for cl in commune.closures if cl.last_day >= today],
        fees=[facts.fee_line(fee_id) for fee_id in commune_fees],
        ld=json_ld(commune_ld(content, commune)),
    )
