"""Pages about the portal: about, feedback, open data, accessibility; the search page; the
recent changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from .. import model as m
from .. import urls
from ..facts import Facts
from ..format import date_vi, sort_key
from ..history.diff import Change, describe, sections
from ..history.revisions import Revision
from ..search_index import FILTERS, filter_token
from .page import Contact, contact


@dataclass(frozen=True)
class Counts:
    procedures: int
    sectors: int
    fees: int
    communes: int


@dataclass(frozen=True)
class InfoPage:
    """Fixed text around the portal's own data."""

    template: ClassVar[str]

    site_name: str
    authority: str  # the authority that publishes the portal
    area: str | None  # "huyện Kiến Xương, tỉnh Thái Bình", when a parent unit is given
    demo: bool
    demo_notice: str | None  # on demo portals: what the data is
    contact: Contact
    feedback: Contact
    counts: Counts
    built: str  # the build's date


@dataclass(frozen=True)
class AboutPage(InfoPage):
    template: ClassVar[str] = "about.html"


@dataclass(frozen=True)
class FeedbackPage(InfoPage):
    template: ClassVar[str] = "feedback.html"


@dataclass(frozen=True)
class AccessibilityPage(InfoPage):
    template: ClassVar[str] = "accessibility.html"


@dataclass(frozen=True)
class OpenDataPage(InfoPage):
    template: ClassVar[str] = "opendata.html"

    # The open data files.
    procedures_json: str
    procedures_csv: str
    fees_csv: str
    communes_json: str
    stats_csv: str


def _portal(facts: Facts, sectors: int) -> dict[str, Any]:
    """The fields every `InfoPage` shares."""
    c = facts.content
    site, authority = c.site, c.site.authority
    return {
        "site_name": site.name,
        "authority": authority.name,
        "area": f"{authority.unit}, {authority.parent}" if authority.parent else None,
        "demo": site.demo,
        "demo_notice": (site.demo_notice or "Đây không phải cổng thông tin chính thức.") if site.demo else None,
        "contact": contact(site.contact),
        "feedback": contact(site.feedback),
        "counts": Counts(len(c.procedures), sectors, len(c.fees), len(c.communes)),
        "built": date_vi(facts.today),
    }


def info(facts: Facts, page: type[InfoPage], sectors: int) -> InfoPage:
    return page(**_portal(facts, sectors))


def open_data_page(facts: Facts, sectors: int) -> OpenDataPage:
    return OpenDataPage(
        **_portal(facts, sectors),
        procedures_json=urls.data_file("procedures.json"),
        procedures_csv=urls.data_file("procedures.csv"),
        fees_csv=urls.data_file("fees.csv"),
        communes_json=urls.data_file("communes.json"),
        stats_csv=urls.data_file("stats.csv"),
    )


@dataclass(frozen=True)
class FilterOption:
    token: str  # the filter token searched for (see `search_index.filter_token`)
    label: str


@dataclass(frozen=True)
class SearchFilter:
    name: str  # the dimension: linh_vuc, cap, co_quan, truc_tuyen
    label: str
    options: list[FilterOption]


@dataclass(frozen=True)
class SearchPage:
    template: ClassVar[str] = "search.html"

    filters: list[SearchFilter]


def search_page(facts: Facts) -> SearchPage:
    c = facts.content
    procedures = c.procedures
    used: dict[str, set[str]] = {
        "linh_vuc": {p.field for p in procedures},
        "cap": {level for p in procedures for level in m.listed(p.levels)},
        "co_quan": {a for p in procedures for a in m.agency_ids(p.agencies.executing)},
        "truc_tuyen": {p.online.level for p in procedures},
    }
    labels: dict[str, dict[str, str]] = {
        "linh_vuc": {k: f.name for k, f in c.sectors.items()},
        "cap": facts.level_names,
        "co_quan": {k: a.name for k, a in c.agencies.items()},
        "truc_tuyen": dict(m.ONLINE_LEVEL_LABELS),
    }
    return SearchPage(
        [
            SearchFilter(
                dimension,
                label,
                sorted(
                    (FilterOption(filter_token(dimension, v), labels[dimension][v]) for v in used[dimension]),
                    key=lambda option: sort_key(option.label),
                ),
            )
            for dimension, label in FILTERS.items()
        ]
    )


@dataclass(frozen=True)
class TablePart:
    caption: str  # "Lịch trực: trước", "Lịch trực: sau"
    rows: list[list[str]]
    span: int  # the columns an empty table's only cell spans


@dataclass(frozen=True)
class ChangeTable:
    columns: list[str]
    parts: list[TablePart]  # before, then after


@dataclass(frozen=True)
class ChangeLine:
    subject: str
    text: str  # "Cách thức thực hiện (Trực tuyến) › Thời hạn giải quyết: 01 ngày làm việc → 03 ngày làm việc"
    facts: list[str]  # of a record or entry added: "Tên thủ tục: Đăng ký khai tử"
    table: ChangeTable | None


@dataclass(frozen=True)
class ChangeSection:
    title: str  # one of `history.diff.sections()`
    changes: list[ChangeLine]


@dataclass(frozen=True)
class NoteLine:
    subject: str
    text: str


@dataclass(frozen=True)
class RevisionEntry:
    id: str  # the commit, also the entry's anchor (the feed links to it)
    heading: str  # "Cập nhật ngày 20/11/2026": never the commit's message
    notes: list[NoteLine]  # the change notes written with it, what citizens read first
    sections: list[ChangeSection]  # only those with changes


@dataclass(frozen=True)
class RecentPage:
    template: ClassVar[str] = "recent.html"

    revisions: list[RevisionEntry]


def _line(c: Change) -> ChangeLine:
    table = None
    if c.table is not None:
        width = len(c.table.columns)
        table = ChangeTable(
            list(c.table.columns),
            [
                TablePart(f"{c.detail}: {when}", [list(row) for row in rows], width)
                for when, rows in (("trước", c.table.before), ("sau", c.table.after))
            ],
        )
    return ChangeLine(c.subject, describe(c), [f"{title}: {value}" for title, value in c.facts], table)


def recent_page(revisions: list[Revision]) -> RecentPage:
    entries = []
    for revision in revisions:
        found = [
            ChangeSection(title, [_line(c) for c in revision.changes if c.section == title]) for title in sections()
        ]
        entries.append(
            RevisionEntry(
                revision.commit,
                revision.heading,
                [NoteLine(n.subject, n.text) for n in revision.notes],
                [s for s in found if s.changes],
            )
        )
    return RecentPage(entries)
