"""Every page of the site, in one list: its URL, title, context and whether it is in the tabs."""

from __future__ import annotations

import datetime as dt

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
    facts = Facts(content)
    index = SearchIndex(facts)
    c = content
    sectors = lists.sector_entries(facts)
    page_url = urls.PAGES
    specs = [
        PageSpec(page_url["home"], c.site.name, lists.home_page(facts), in_nav=True, description=c.site.description),
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
        PageSpec(page_url["results"], "Kết quả giải quyết hồ sơ", results.results_page(facts), in_nav=bool(c.stats)),
        PageSpec(
            page_url["accessibility"],
            "Tuyên bố về khả năng tiếp cận",
            info.info(facts, info.AccessibilityPage, len(sectors)),
        ),
    ]
    for entry in lists.agency_entries(facts):
        specs.append(PageSpec(entry.url, entry.name, lists.agency_page(facts, c.agencies[entry.id])))
    for sector in sectors:
        specs.append(PageSpec(sector.url, sector.name, lists.sector_page(facts, c.sectors[sector.id])))
    for level in c.site.levels:
        if any(level.id in p.levels for p in c.procedures):
            specs.append(
                PageSpec(urls.level(level.id), f"Thủ tục {level.name.lower()}", lists.level_page(facts, level))
            )
    for p in c.procedures:
        specs.append(
            PageSpec(
                urls.procedure(p.code),
                p.name,
                procedure.procedure_page(facts, index, p, updated or {}),
                description=p.summary or f"{p.name}: giấy tờ cần chuẩn bị, thời hạn, phí, lệ phí, nơi nộp hồ sơ.",
            )
        )
    for x in c.communes:
        specs.append(PageSpec(urls.commune(x.id), x.full_name, commune.commune_page(facts, x)))
    return specs
