"""Pages about the portal: about, feedback, open data, accessibility; the search page; the
recent changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from .. import model as m
from ..facts import Facts
from ..format import sort_key
from ..history.diff import SECTIONS, Change
from ..history.revisions import Revision
from ..search_index import FILTERS, filter_token


@dataclass(frozen=True)
class InfoPage:
    """Fixed text around the portal's own data."""

    template: ClassVar[str]

    site: m.Site
    authority_level: str
    counts: dict[str, int]
    today: dt.date


@dataclass(frozen=True)
class AboutPage(InfoPage):
    template: ClassVar[str] = "about.html"


@dataclass(frozen=True)
class FeedbackPage(InfoPage):
    template: ClassVar[str] = "feedback.html"


@dataclass(frozen=True)
class OpenDataPage(InfoPage):
    template: ClassVar[str] = "opendata.html"


@dataclass(frozen=True)
class AccessibilityPage(InfoPage):
    template: ClassVar[str] = "accessibility.html"


def info(facts: Facts, page: type[InfoPage], sectors: int) -> InfoPage:
    c = facts.content
    return page(
        site=c.site,
        authority_level=facts.level_names.get(c.site.authority.level, ""),
        counts={"procedures": len(c.procedures), "fees": len(c.fees), "communes": len(c.communes), "fields": sectors},
        today=facts.today,
    )


@dataclass(frozen=True)
class SearchPage:
    template: ClassVar[str] = "search.html"

    filters: list[tuple[str, str, list[tuple[str, str]]]]  # (dimension, label, [(token, value label)])


def search_page(facts: Facts) -> SearchPage:
    c = facts.content
    procedures = c.procedures
    used: dict[str, set[str]] = {
        "linh_vuc": {p.field for p in procedures},
        "cap": {level for p in procedures for level in p.levels},
        "co_quan": {a for p in procedures for a in p.agencies.executing},
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
            (
                dimension,
                label,
                sorted(
                    ((filter_token(dimension, v), labels[dimension][v]) for v in used[dimension]),
                    key=lambda item: sort_key(item[1]),
                ),
            )
            for dimension, label in FILTERS.items()
        ]
    )


@dataclass(frozen=True)
class RecentPage:
    template: ClassVar[str] = "recent.html"

    # Each revision with its changes grouped under the section titles of `history.diff.SECTIONS`.
    revisions: list[tuple[Revision, list[tuple[str, list[Change]]]]]


def recent_page(revisions: list[Revision]) -> RecentPage:
    grouped = []
    for revision in revisions:
        sections = [(title, [c for c in revision.changes if c.kind in kinds]) for title, kinds in SECTIONS]
        grouped.append((revision, [(title, items) for title, items in sections if items]))
    return RecentPage(grouped)
