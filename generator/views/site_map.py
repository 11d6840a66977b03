"""Every page of the site, in one list: its URL, title, context and whether it is in the tabs.

`SiteMap` also remembers the pages from one build to the next (`mkdocs serve`). The file cache
(`load.cache`) gives back the same record objects for files that did not change, so:
- the page of a procedure is made again only when one of the records it is made from (see
  `_summary_records`, `_page_records`, and the summary records of its related procedures) is a
  different object, or its date from git changed; the page of a commune, when the commune or a
  fee it lists changed;
- the other pages (lists, catalogues, fixed pages) are cheap: they are made again every time and,
  when equal to the previous ones, the previous `PageSpec` is kept.
So a `PageSpec` that is the same object as in the previous build is a page whose output is the
same (the plugin does not render it again). A different site or date drops everything.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import model as m
from .. import urls
from ..content import Content
from ..facts import Facts
from ..history.revisions import Revision
from ..search_index import SearchIndex
from . import commune, info, lists, procedure, references, results
from .page import PageSpec


def site_pages(
    content: Content, updated: dict[str, dt.date] | None = None, revisions: list[Revision] | None = None
) -> list[PageSpec]:
    """The pages of the site: the fixed pages first (in the order of the tabs), then one page per
    agency, sector, level, procedure and commune."""
    return SiteMap().pages(content, updated, revisions)


def _summary_records(c: Content, p: m.Procedure) -> tuple[object, ...]:
    """The records a procedure's one-line summary (`Facts.summary`) is made from, besides the site
    and the date: the procedure, its sector and its fees."""
    return (p, c.sectors.get(p.field), *(c.fees.get(ref.fee) for ch in p.channels for ref in ch.fees))


def _page_records(c: Content, p: m.Procedure) -> tuple[object, ...]:
    """The other records a procedure's page is made from: its agencies and the legal texts it cites
    (its related procedures appear as their summaries)."""
    a = p.agencies
    return (
        *(
            c.agencies.get(x)
            for x in (*m.agency_ids(a.executing), *m.agency_ids(a.deciding), *m.agency_ids(a.delegated))
        ),
        *(c.agencies.get(x) for x in m.agency_ids(a.coordinating)),
        *(c.legal.get(cite.doc) for cite in m.listed(p.legal_basis) if cite.doc),
    )


def _procedure_spec(facts: Facts, index: SearchIndex, p: m.Procedure, updated: dict[str, dt.date]) -> PageSpec:
    return PageSpec(
        urls.procedure(p.key),
        p.name,
        procedure.procedure_page(facts, index, p, updated),
        description=p.summary or f"{p.name}: giấy tờ cần chuẩn bị, thời hạn, phí, lệ phí, nơi nộp hồ sơ.",
    )


def _commune_spec(facts: Facts, x: m.Commune) -> PageSpec:
    return PageSpec(urls.commune(x.id), x.full_name, commune.commune_page(facts, x))


def _same(old: tuple[object, ...] | None, new: tuple[object, ...]) -> bool:
    return old is not None and len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))


@dataclass
class _Made:
    """A page made from records: the records (compared by identity), the other inputs (compared by
    value) and the page."""

    records: tuple[object, ...]
    values: tuple[object, ...]
    spec: PageSpec


@dataclass
class _Build:
    content: Content
    facts: Facts
    index: SearchIndex
    common: set[str]
    records: dict[str, tuple[object, ...]]  # procedure code → _summary_records
    made: dict[str, _Made] = field(default_factory=dict)  # URL → page made from records
    specs: dict[str, PageSpec] = field(default_factory=dict)  # URL → every page


class SiteMap:
    """`site_pages`, remembering the previous build's pages to reuse those whose inputs are the
    same. `made` and `kept` count the pages made again and taken over in the last call."""

    def __init__(self) -> None:
        self._last: _Build | None = None
        self.made = 0
        self.kept = 0

    @property
    def facts(self) -> Facts:
        """The facts of the last call's content."""
        assert self._last is not None
        return self._last.facts

    def pages(
        self, content: Content, updated: dict[str, dt.date] | None = None, revisions: list[Revision] | None = None
    ) -> list[PageSpec]:
        c, dates = content, updated or {}
        last = self._last
        if last is not None and (last.content.site is not c.site or last.content.today != c.today):
            last = None  # the site's settings or the date appear on every page
        records = {p.key: _summary_records(c, p) for p in c.procedures}
        unchanged = frozenset(code for code, r in records.items() if last and _same(last.records.get(code), r))
        facts = Facts(c, last.facts if last else None, unchanged)
        index = SearchIndex(facts, last.index if last else None)
        build = _Build(c, facts, index, index.common_words(), records)
        if last is not None and last.common != build.common:
            last.made.clear()  # the words every procedure page leaves out of the search index changed
        self.made = self.kept = 0

        def keep(spec: PageSpec) -> PageSpec:
            """The previous page when equal to `spec`, so identity says "unchanged"."""
            previous = last.specs.get(spec.url) if last else None
            if previous is not None and previous == spec:
                spec = previous
                self.kept += 1
            else:
                self.made += 1
            build.specs[spec.url] = spec
            return spec

        def made_from(
            url: str, inputs: tuple[object, ...], values: tuple[object, ...], make: Callable[[], PageSpec]
        ) -> PageSpec:
            """The previous page when made from the same records and values, else `make()`."""
            previous = last.made.get(url) if last else None
            if previous is not None and _same(previous.records, inputs) and previous.values == values:
                spec = previous.spec
                self.kept += 1
            else:
                spec = make()
                self.made += 1
            build.made[url] = _Made(inputs, values, spec)
            build.specs[url] = spec
            return spec

        sectors = lists.sector_entries(facts)
        page_url = urls.PAGES
        specs = [
            PageSpec(
                page_url["home"], c.site.name, lists.home_page(facts), in_nav=True, description=c.site.description
            ),
            PageSpec(page_url["procedures"], "Thủ tục A–Z", lists.az_page(facts), in_nav=True),
            PageSpec(page_url["sectors"], "Lĩnh vực", lists.SectorIndexPage(sectors), in_nav=True),
            PageSpec(page_url["communes"], "Xã, phường, thị trấn", commune.commune_index(facts), in_nav=True),
            PageSpec(page_url["fees"], "Phí, lệ phí", references.fee_table(facts), in_nav=True),
            PageSpec(page_url["agencies"], "Cơ quan", lists.AgencyIndexPage(lists.agency_entries(facts)), in_nav=True),
            PageSpec(page_url["documents"], "Giấy tờ, biểu mẫu", references.documents_page(facts), in_nav=True),
            PageSpec(page_url["legal"], "Văn bản pháp luật", references.legal_page(facts), in_nav=True),
            PageSpec(page_url["about"], "Giới thiệu", info.info(facts, info.AboutPage, len(sectors)), in_nav=True),
            PageSpec(page_url["search"], "Tìm kiếm", info.search_page(facts)),
            PageSpec(page_url["feedback"], "Phản ánh, kiến nghị", info.info(facts, info.FeedbackPage, len(sectors))),
            PageSpec(page_url["recent"], "Cập nhật gần đây", info.recent_page(revisions or [])),
            PageSpec(page_url["open_data"], "Dữ liệu mở", info.open_data_page(facts, len(sectors))),
            PageSpec(
                page_url["results"], "Kết quả giải quyết hồ sơ", results.results_page(facts), in_nav=bool(c.stats)
            ),
            PageSpec(
                page_url["accessibility"],
                "Tuyên bố về khả năng tiếp cận",
                info.info(facts, info.AccessibilityPage, len(sectors)),
            ),
        ]
        specs = [keep(spec) for spec in specs]
        for entry in lists.agency_entries(facts):
            specs.append(keep(PageSpec(entry.url, entry.name, lists.agency_page(facts, c.agencies[entry.id]))))
        for sector in sectors:
            specs.append(keep(PageSpec(sector.url, sector.name, lists.sector_page(facts, c.sectors[sector.id]))))
        for level in c.site.levels:
            if any(level.id in m.listed(p.levels) for p in c.procedures):
                specs.append(
                    keep(
                        PageSpec(urls.level(level.id), f"Thủ tục {level.name.lower()}", lists.level_page(facts, level))
                    )
                )
        for p in c.procedures:
            path = c.files.get(f"procedure:{p.key}", "")
            related = tuple(x for code in p.related for x in records.get(code, ()))
            specs.append(
                made_from(
                    urls.procedure(p.key),
                    records[p.key] + _page_records(c, p) + related,
                    (path, dates.get(path)),
                    functools.partial(_procedure_spec, facts, index, p, dates),
                )
            )
        fees = tuple(c.fees.get(fee_id) for fee_id in commune.commune_fee_ids(c))
        for x in c.communes:
            specs.append(
                made_from(
                    urls.commune(x.id),
                    (x, *fees),
                    (),
                    functools.partial(_commune_spec, facts, x),
                )
            )
        self._last = build
        return specs
