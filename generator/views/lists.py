"""Lists of procedures and the catalogues that lead to them: the home page, the A–Z list, sectors
(lĩnh vực), levels and agencies."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import ClassVar

from .. import model as m
from .. import urls
from ..facts import Facts, ProcedureSummary
from ..format import date_vi, sort_key, tel_href
from .page import Contact, contact, new_procedure_url


@dataclass(frozen=True)
class ListGroup:
    title: str
    anchor: str  # "nhom-1", …
    rows: list[ProcedureSummary]


@dataclass(frozen=True)
class ListPage:
    """A list of procedures: the A–Z list, a sector, a level, an agency."""

    template: ClassVar[str] = "list.html"

    heading: str
    intro: str | None
    groups: list[ListGroup]
    count: int
    letters: bool  # enough groups to offer links that jump to each
    filter: bool = False  # the A–Z list offers a filter box (and answers the home page's search form)
    phone: str | None = None  # an agency's telephone, shown after the intro as a `tel:` link
    phone_href: str | None = None
    # GitHub's new-file page with a procedure's skeleton, when site.yaml names the repository
    new_procedure_url: str | None = None


def _list_page(
    heading: str, intro: str | None, groups: list[tuple[str, list[ProcedureSummary]]], count: int, filter: bool = False
) -> ListPage:
    """A list page from (title, rows) groups, in order."""
    numbered = [ListGroup(title, f"nhom-{i}", rows) for i, (title, rows) in enumerate(groups, 1)]
    return ListPage(heading, intro, numbered, count, letters=len(numbered) > 3, filter=filter)


@dataclass(frozen=True)
class SectorEntry:
    id: str
    name: str
    description: str | None
    url: str
    count: int


@dataclass(frozen=True)
class LevelCount:
    name: str  # lower case, for running text: "cấp xã"
    url: str
    count: int


@dataclass(frozen=True)
class OnlineCount:
    name: str  # what follows the count: "thủ tục nộp trực tuyến toàn trình"
    count: int


@dataclass(frozen=True)
class HomePage:
    template: ClassVar[str] = "home.html"

    name: str
    description: str | None
    total: int
    sectors: list[SectorEntry]
    levels: list[LevelCount]
    online: list[OnlineCount]
    featured: list[ProcedureSummary]
    communes: int
    unit_kinds: str  # "xã, thị trấn"
    feedback: Contact


@dataclass(frozen=True)
class SectorIndexPage:
    template: ClassVar[str] = "fields.html"

    sectors: list[SectorEntry]


@dataclass(frozen=True)
class AgencyEntry:
    id: str
    name: str
    url: str
    count: int
    level: str
    address: str | None
    phone: str | None
    phone_href: str | None
    replaced: str | None  # "Nay là … (từ sau …)" when another agency took over
    email: str | None = None


@dataclass(frozen=True)
class AgencyIndexPage:
    template: ClassVar[str] = "agencies.html"

    agencies: list[AgencyEntry]


def az_page(facts: Facts) -> ListPage:
    groups: dict[str, list[ProcedureSummary]] = defaultdict(list)
    for p in facts.content.procedures:  # already in Vietnamese order
        initial = p.name[:1].upper()
        groups[initial].append(facts.summary(p))
    ordered = sorted(groups.items(), key=lambda item: sort_key(item[0]))
    page = _list_page("Thủ tục hành chính từ A đến Z", None, ordered, len(facts.content.procedures), filter=True)
    return replace(page, new_procedure_url=new_procedure_url(facts.content))


def sector_entries(facts: Facts) -> list[SectorEntry]:
    counts = Counter(p.field for p in facts.content.procedures)
    entries = [
        SectorEntry(f.id, f.name, f.description, urls.sector(f.id), counts[f.id])
        for f in facts.content.sectors.values()
        if counts[f.id]
    ]
    return sorted(entries, key=lambda e: sort_key(e.name))


def sector_page(facts: Facts, f: m.Sector) -> ListPage:
    rows = [facts.summary(p) for p in facts.content.procedures if p.field == f.id]
    by_level: dict[str, list[ProcedureSummary]] = defaultdict(list)
    for row in rows:
        by_level[row.levels].append(row)
    levels = facts.content.site.levels
    groups = [(level.name, by_level[level.name]) for level in levels if by_level.get(level.name)]
    groups += [(k, v) for k, v in by_level.items() if k not in {lv.name for lv in levels}]
    page = _list_page(f"Lĩnh vực {f.name}", f.description, groups, len(rows))
    return replace(page, new_procedure_url=new_procedure_url(facts.content, f.id))


def level_page(facts: Facts, level: m.Level) -> ListPage:
    rows = [facts.summary(p) for p in facts.content.procedures if level.id in m.listed(p.levels)]
    by_sector: dict[str, list[ProcedureSummary]] = defaultdict(list)
    for row in rows:
        by_sector[row.field].append(row)
    groups = sorted(by_sector.items(), key=lambda item: sort_key(item[0]))
    return _list_page(f"Thủ tục {level.name.lower()}", None, groups, len(rows))


# How the home page counts procedures by online service level, as a sentence after the number.
_ONLINE_COUNTED = {
    "toan_trinh": "thủ tục làm trực tuyến toàn trình",
    "mot_phan": "thủ tục làm trực tuyến một phần",
    "khong": "thủ tục chưa làm trực tuyến được",
}


def home_page(facts: Facts) -> HomePage:
    c = facts.content
    by_level = Counter(level for p in c.procedures for level in m.listed(p.levels))
    by_online: Counter[str] = Counter(p.online.level for p in c.procedures)
    featured_codes = c.site.featured or [p.key for p in c.procedures[:12]]
    codes = facts.by_code
    return HomePage(
        name=c.site.name,
        description=c.site.description,
        total=len(c.procedures),
        sectors=sector_entries(facts),
        levels=[
            LevelCount(lv.name.lower(), urls.level(lv.id), by_level[lv.id]) for lv in c.site.levels if by_level[lv.id]
        ],
        online=[OnlineCount(_ONLINE_COUNTED[k], by_online[k]) for k in m.ONLINE_LEVEL_LABELS if by_online[k]],
        featured=[facts.summary(codes[code]) for code in featured_codes if code in codes],
        communes=len(c.communes),
        unit_kinds=facts.unit_kinds,
        feedback=contact(c.site.feedback),
    )


def _replaced(agency: m.Agency, successor: m.Agency | None) -> str | None:
    if successor is None:
        return None
    until = f" (từ sau {date_vi(agency.valid_until)})" if agency.valid_until else ""
    return f"Nay là {successor.name}{until}"


def agency_entries(facts: Facts) -> list[AgencyEntry]:
    c = facts.content
    counts = Counter(a for p in c.procedures for a in m.agency_ids(p.agencies.executing))
    entries = [
        AgencyEntry(
            id=a.id,
            name=a.name,
            url=urls.agency(a.id),
            count=counts[a.id],
            level=facts.level_names.get(a.level, a.level),
            address=a.address,
            phone=a.phone,
            phone_href=tel_href(a.phone) if a.phone else None,
            email=a.email,
            replaced=_replaced(a, c.agencies.get(a.replaced_by) if a.replaced_by else None),
        )
        for a in c.agencies.values()
        if counts[a.id]
    ]
    return sorted(entries, key=lambda e: sort_key(e.name))


def agency_page(facts: Facts, agency: m.Agency) -> ListPage:
    rows = [facts.summary(p) for p in facts.content.procedures if agency.id in m.agency_ids(p.agencies.executing)]
    by_sector: dict[str, list[ProcedureSummary]] = defaultdict(list)
    for row in rows:
        by_sector[row.field].append(row)
    page = _list_page(
        agency.name, agency.address, sorted(by_sector.items(), key=lambda item: sort_key(item[0])), len(rows)
    )
    if agency.phone:
        page = dataclasses.replace(page, phone=agency.phone, phone_href=tel_href(agency.phone))
    return page
