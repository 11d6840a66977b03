"""Stage 4: page contexts. Every page the site publishes, as a typed object built from `Content`.

Templates see only these objects (never raw dicts). The URL scheme lives here too, in one place.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from . import models as m
from .content import Content
from .render import duration_short
from .text import fold, money, number, sort_key

# ---------------------------------------------------------------------------------------------
# URLs (directory URLs, relative to the site root)


def procedure_url(code: str) -> str:
    return f"thu-tuc/{code}/"


def field_url(field_id: str) -> str:
    return f"linh-vuc/{field_id}/"


def commune_url(commune_id: str) -> str:
    return f"xa-phuong/{commune_id}/"


def form_url(file: str) -> str:
    return f"bieu-mau/{file}"


def fee_anchor(fee_id: str) -> str:
    return f"phi-le-phi/#{fee_id}"


def level_url(level_id: str) -> str:
    return f"cap/{level_id}/"


def agency_url(agency_id: str) -> str:
    return f"co-quan/{agency_id}/"


FILTERS = {
    "linh_vuc": "Lĩnh vực",
    "cap": "Cấp thực hiện",
    "co_quan": "Cơ quan thực hiện",
    "truc_tuyen": "Dịch vụ trực tuyến",
}


def filter_token(dimension: str, value_id: str) -> str:
    """A made-up word that marks a page as having a filter value, e.g. `zzlinhvuchotich`.

    Hack: Pagefind's own filters are written in an order that changes from build to build, which
    would break byte-identical builds; a search for `… zzlinhvuchotich` filters just as well."""
    return "zz" + "".join(ch for ch in f"{dimension}{value_id}" if ch.isalnum()).lower()


def _ld(kind: str, content: Content, record: Any) -> str:
    from .export import commune_ld, json_ld, procedure_ld  # export.py builds on this module

    return json_ld(procedure_ld(content, record) if kind == "procedure" else commune_ld(content, record))


def words_of(*texts: str) -> list[str]:
    """The words of `texts`, lower case, each once, in order of first appearance, with the
    folded spelling added after every word that has đ (Pagefind folds every other accent
    itself, but not đ: `đất` also needs `dat`)."""
    words: dict[str, None] = {}
    for text in texts:
        for raw in text.lower().split():
            word = raw.strip(".,;:()\"'“”–-/")
            if word:
                words[word] = None
                if "đ" in word:
                    words[fold(word)] = None
    return list(words)


def anchor(text: str) -> str:
    """A stable, readable fragment id for a Vietnamese text."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())[:80] or "muc"


def src_uri(url: str) -> str:
    """The virtual Markdown file that MkDocs turns into `url`."""
    return "index.md" if url == "" else url.rstrip("/") + ".md"


# ---------------------------------------------------------------------------------------------
# Pieces shared by several pages


@dataclass(frozen=True)
class FeeLine:
    """One fee as shown in a channel row or a fee table."""

    id: str
    kind: str  # Phí / Lệ phí
    name: str
    amount: str  # "2.000 đồng/trang …", "Miễn", "50.000 đồng/lần"
    rule: str
    note: str | None
    reductions: list[str]
    exemptions: list[str]


@dataclass(frozen=True)
class ChannelRow:
    mode: str
    label: str
    time: m.ProcessingTime
    fees: list[FeeLine]
    description: str | None


@dataclass(frozen=True)
class DocumentRow:
    name: str
    original: int
    copy: int
    form_name: str | None
    form_url: str | None
    condition: str | None
    note: str | None


@dataclass(frozen=True)
class DocumentGroupView:
    title: str
    items: list[DocumentRow]


@dataclass(frozen=True)
class LegalRef:
    number: str
    title: str
    issuer: str
    date: dt.date
    url: str | None
    article: str | None
    page_url: str  # this text on the legal documents page


@dataclass(frozen=True)
class ProcedureSummary:
    """A procedure as one row of a list."""

    code: str
    name: str
    url: str
    field: str
    field_url: str
    levels: str
    time: str
    fee: str
    online: str
    folded: str  # name, code and keywords without accents, for the list filter


@dataclass(frozen=True)
class Calculator:
    """Data for the per-unit fee calculator (copy certification)."""

    fee_id: str
    name: str
    unit: str
    per: str
    tiers: list[tuple[int, int | None, int]]
    cap: int | None
    examples: list[tuple[int, int]]

    def as_json(self) -> str:
        return json.dumps(
            {"tiers": self.tiers, "cap": self.cap, "unit": self.unit, "per": self.per}, ensure_ascii=False
        )


# ---------------------------------------------------------------------------------------------
# Page contexts


@dataclass(frozen=True)
class SearchData:
    """What the search index holds for a procedure beyond its visible name, documents, steps and
    result: the keywords, a folded spelling of every word with đ (Pagefind folds the other
    accents but not đ), the codes, filters and the fields shown in results."""

    name_folded: str  # folded spellings of the name's words with đ
    keywords: str  # keyword words not already in the name, each once
    words: str  # summary, field, documents, steps and result: each distinctive word once
    codes: str
    tokens: list[str]  # filter tokens (see filter_token)
    meta: dict[str, str]


@dataclass(frozen=True)
class ProcedurePage:
    procedure: m.Procedure
    summary: ProcedureSummary
    field: m.FieldOfWork
    levels: list[str]
    executing: list[m.Agency]
    deciding: m.Agency | None
    delegated: m.Agency | None
    coordinating: list[m.Agency]
    channels: list[ChannelRow]
    fees: list[FeeLine]  # each fee once, in channel order
    online_level: str
    documents: list[DocumentGroupView]
    legal: list[LegalRef]
    related: list[ProcedureSummary]
    calculators: list[Calculator]
    in_force: bool
    search: SearchData
    updated: dt.date  # from the git history of its file, else its last review
    ld: str  # schema.org GovernmentService, as JSON safe inside <script>


@dataclass(frozen=True)
class ListPage:
    """A list of procedures: the A–Z list, a field, a level."""

    heading: str
    intro: str | None
    groups: list[tuple[str, list[ProcedureSummary]]]  # (group title, rows); one untitled group allowed
    count: int
    filter: bool = False  # the A–Z list offers a filter box (and answers the home page's search form)


@dataclass(frozen=True)
class FieldEntry:
    field: m.FieldOfWork
    url: str
    count: int


@dataclass(frozen=True)
class HomePage:
    site: m.Site
    total: int
    fields: list[FieldEntry]
    levels: list[tuple[str, str, int]]  # (name, url, count)
    online: list[tuple[str, int]]
    featured: list[ProcedureSummary]
    communes: int


@dataclass(frozen=True)
class FieldIndexPage:
    fields: list[FieldEntry]


@dataclass(frozen=True)
class CommuneEntry:
    commune: m.Commune
    url: str


@dataclass(frozen=True)
class CommuneIndexPage:
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
    commune: m.Commune
    week: list[DayDuty]
    week_start: dt.date
    reception: list[m.Reception]
    closures: list[m.Closure]
    fees: list[FeeLine]
    ld: str  # schema.org GovernmentOffice with opening hours


@dataclass(frozen=True)
class FeeGroup:
    title: str
    fees: list[tuple[FeeLine, list[tuple[str, m.FeeVersion]], list[ProcedureSummary]]]


@dataclass(frozen=True)
class FeeTablePage:
    groups: list[FeeGroup]


@dataclass(frozen=True)
class DocumentEntry:
    name: str
    anchor: str
    procedures: list[ProcedureSummary]


@dataclass(frozen=True)
class FormEntry:
    file: str
    name: str
    url: str
    size_kb: int
    procedures: list[ProcedureSummary]


@dataclass(frozen=True)
class DocumentsPage:
    documents: list[DocumentEntry]
    forms: list[FormEntry]


@dataclass(frozen=True)
class LegalEntry:
    document: m.LegalDocument
    anchor: str
    procedures: list[ProcedureSummary]
    fees: list[tuple[str, str]]  # (fee name, fee table link)


@dataclass(frozen=True)
class LegalPage:
    entries: list[LegalEntry]


@dataclass(frozen=True)
class AgencyEntry:
    agency: m.Agency
    url: str
    count: int
    level: str
    replaced_by: m.Agency | None


@dataclass(frozen=True)
class AgencyIndexPage:
    agencies: list[AgencyEntry]


@dataclass(frozen=True)
class SearchPage:
    filters: list[tuple[str, str, list[tuple[str, str]]]]  # (dimension, label, [(token, value label)])


@dataclass(frozen=True)
class InfoPage:
    """About, feedback and accessibility pages: fixed text around the portal's own data."""

    site: m.Site
    authority_level: str
    counts: dict[str, int]
    today: dt.date


@dataclass(frozen=True)
class PageSpec:
    """One page of the site: where it goes and how it is rendered."""

    url: str
    title: str
    template: str
    context: Any
    in_nav: bool = False
    description: str | None = None
    search: dict[str, str] = field(default_factory=dict)

    @property
    def src_uri(self) -> str:
        return src_uri(self.url)


# ---------------------------------------------------------------------------------------------
# Building the contexts


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown, e.g. "98,6 %"
    y: float  # geometry, computed here so the template only lays out
    width: float


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart drawn as inline SVG, with the same figures in a table beside it."""

    id: str
    title: str
    description: str
    column: str  # table header for the values
    bars: list[Bar]
    height: float

    LABEL_WIDTH = 150
    BAR_AREA = 300
    ROW = 28


def chart(chart_id: str, title: str, description: str, column: str, rows: list[tuple[str, float, str]]) -> Chart:
    top = max((value for _, value, _ in rows), default=0) or 1
    bars = [
        Bar(label, value, text, 10 + i * Chart.ROW, round(Chart.BAR_AREA * value / top, 1))
        for i, (label, value, text) in enumerate(rows)
    ]
    return Chart(chart_id, title, description, column, bars, 20 + len(rows) * Chart.ROW)


@dataclass(frozen=True)
class QuarterRow:
    period: str
    label: str
    received: int
    received_online: int
    resolved: int
    on_time: int
    late: int
    pending: int
    returned: int
    on_time_rate: str
    resolved_rate: str
    online_rate: str


@dataclass(frozen=True)
class ResultsPage:
    quarters: list[QuarterRow]
    charts: list[Chart]
    latest: QuarterRow | None
    source_note: str | None


@dataclass(frozen=True)
class RecentPage:
    # Each revision (history.Revision) with its changes grouped under the section titles of
    # `changes.SECTIONS`.
    revisions: list[tuple[Any, list[tuple[str, list[Any]]]]]


class SiteBuilder:
    """Builds every page context from validated content."""

    def __init__(
        self, content: Content, updated: dict[str, dt.date] | None = None, revisions: list[Any] | None = None
    ) -> None:
        self.content = content
        self.updated = updated or {}
        self.revisions = revisions or []
        self.today = content.today
        self.level_names = {level.id: level.name for level in content.site.levels}
        self.by_code = {p.code: p for p in content.procedures}
        self._common: set[str] | None = None
        self._summaries: dict[str, ProcedureSummary] = {}
        self._fee_lines: dict[str, FeeLine] = {}

    # -- pieces

    def fee_amount(self, version: m.FeeVersion) -> str:
        if version.per_unit is not None:
            unit = version.per_unit
            parts = []
            for tier in unit.tiers:
                if tier.to is None:
                    span = f"từ {unit.unit} thứ {tier.from_}" if tier.from_ > 1 else f"mỗi {unit.unit}"
                elif tier.from_ == tier.to:
                    span = f"{unit.unit} thứ {tier.from_}"
                else:
                    span = f"{unit.unit} {tier.from_}–{tier.to}"
                parts.append(f"{money(tier.amount)}/{unit.unit} ({span})")
            text = "; ".join(parts)
            if unit.cap is not None:
                text += f"; tối đa {money(unit.cap)}/{version.per}"
            return text
        if not version.amount:
            return "Miễn"
        return f"{money(version.amount)}/{version.per}"

    def fee_line(self, fee_id: str, note: str | None = None) -> FeeLine:
        cached = self._fee_lines.get(fee_id)
        fee = self.content.fees[fee_id]
        if cached is None:
            version = fee.version_on(self.today) or fee.versions[-1]
            reductions = [
                f"Giảm {r.percent}% khi nộp trực tuyến"
                + (f" đến hết ngày {r.valid_until:%d/%m/%Y}" if r.valid_until else "")
                for r in version.online_reductions
                if r.in_force(self.today)
            ]
            cached = FeeLine(
                id=fee.id,
                kind=m.FEE_KIND_LABELS[fee.kind],
                name=fee.name,
                amount=self.fee_amount(version),
                rule=version.rule,
                note=None,
                reductions=reductions,
                exemptions=[e.who for e in fee.exemptions],
            )
            self._fee_lines[fee_id] = cached
        if note:
            return FeeLine(**{**cached.__dict__, "note": note})
        return cached

    def summary(self, p: m.Procedure) -> ProcedureSummary:
        cached = self._summaries.get(p.code)
        if cached is not None:
            return cached
        first = p.channels[0]
        fees = [self.content.fees[ref.fee] for ch in p.channels for ref in ch.fees]
        amounts = []
        for fee in fees:
            version = fee.version_on(self.today)
            if version is None:
                continue
            amounts.append(version.compute(1) if version.per_unit else version.amount or 0)
        if not amounts or max(amounts) == 0:
            fee_text = "Không thu"
        elif len(set(amounts)) == 1 and not any(v.per_unit for f in fees for v in f.versions):
            fee_text = money(amounts[0])
        else:
            fee_text = f"Từ {money(min(a for a in amounts if a))}"
        summary = ProcedureSummary(
            code=p.code,
            name=p.name,
            url=procedure_url(p.code),
            field=self.content.fields[p.field].name,
            field_url=field_url(p.field),
            levels=", ".join(self.level_names[level] for level in p.levels),
            time=duration_short(first.time),
            fee=fee_text,
            online=m.ONLINE_LEVEL_LABELS[p.online.level],
            folded=fold(" ".join([p.name, p.code, *p.keywords])),
        )
        self._summaries[p.code] = summary
        return summary

    @staticmethod
    def _described(p: m.Procedure, field_name: str) -> list[str]:
        texts = [p.summary or "", field_name, p.result, *(step.text for step in p.steps)]
        return texts + [d.name for g in p.documents for d in g.items]

    def common_words(self) -> set[str]:
        """Words in the descriptions of more than a fifth of all procedures (and at least 20):
        they tell no procedure apart, yet each would make every query that contains it download
        a posting for most pages. Names and keywords are always indexed whole."""
        if self._common is None:
            df: Counter[str] = Counter()
            for p in self.content.procedures:
                df.update(words_of(*self._described(p, self.content.fields[p.field].name)))
            limit = max(20, len(self.content.procedures) // 5)
            self._common = {word for word, count in df.items() if count > limit}
        return self._common

    def search_data(self, p: m.Procedure, summary: ProcedureSummary) -> SearchData:
        c = self.content
        name = words_of(p.name)
        keywords = [w for w in words_of(*p.keywords) if w not in set(name)]
        seen = set(name) | set(keywords) | self.common_words()
        described = [w for w in words_of(*self._described(p, c.fields[p.field].name)) if w not in seen]
        return SearchData(
            name_folded=" ".join(fold(w) for w in name if "đ" in w),
            keywords=" ".join(keywords),
            words=" ".join(described),
            codes=p.code,
            tokens=[
                filter_token("linh_vuc", p.field),
                *(filter_token("cap", level) for level in p.levels),
                *(filter_token("co_quan", x) for x in p.agencies.executing),
                filter_token("truc_tuyen", p.online.level),
            ],
            meta={
                "code": p.code,
                "field": summary.field,
                "level": summary.levels,
                "time": summary.time,
                "fee": summary.fee,
                "online": summary.online,
                "keywords": " · ".join(p.keywords),
            },
        )

    def calculators(self, p: m.Procedure) -> list[Calculator]:
        seen: dict[str, Calculator] = {}
        for channel in p.channels:
            for ref in channel.fees:
                version = self.content.fees[ref.fee].version_on(self.today)
                if version is None or version.per_unit is None or ref.fee in seen:
                    continue
                unit = version.per_unit
                seen[ref.fee] = Calculator(
                    fee_id=ref.fee,
                    name=self.content.fees[ref.fee].name,
                    unit=unit.unit,
                    per=version.per,
                    tiers=[(t.from_, t.to, t.amount) for t in unit.tiers],
                    cap=unit.cap,
                    examples=[(n, version.compute(n)) for n in (1, 5, 250)],
                )
        return list(seen.values())

    # -- pages

    def procedure_page(self, p: m.Procedure) -> ProcedurePage:
        c = self.content
        channels = [
            ChannelRow(
                mode=ch.mode,
                label=m.CHANNEL_LABELS[ch.mode],
                time=ch.time,
                fees=[self.fee_line(ref.fee, ref.note) for ref in ch.fees],
                description=ch.description,
            )
            for ch in p.channels
        ]
        documents = [
            DocumentGroupView(
                title=group.title or m.DOCUMENT_GROUP_LABELS[group.group],
                items=[
                    DocumentRow(
                        name=d.name,
                        original=d.original,
                        copy=d.copy_,
                        form_name=(d.form.name or d.form.file) if d.form else None,
                        form_url=form_url(d.form.file) if d.form else None,
                        condition=d.condition,
                        note=d.note,
                    )
                    for d in group.items
                ],
            )
            for group in p.documents
        ]
        legal = []
        for cite in p.legal_basis:
            doc = c.legal[cite.doc]
            legal.append(
                LegalRef(
                    doc.number, doc.title, doc.issuer, doc.date, doc.url, cite.article, f"van-ban/#{anchor(doc.number)}"
                )
            )
        a = p.agencies
        summary = self.summary(p)
        search = self.search_data(p, summary)
        return ProcedurePage(
            procedure=p,
            summary=summary,
            field=c.fields[p.field],
            levels=[self.level_names[level] for level in p.levels],
            executing=[c.agencies[x] for x in a.executing],
            deciding=c.agencies[a.deciding] if a.deciding else None,
            delegated=c.agencies[a.delegated] if a.delegated else None,
            coordinating=[c.agencies[x] for x in a.coordinating],
            channels=channels,
            fees=list({f.id: f for ch in channels for f in ch.fees}.values()),
            online_level=m.ONLINE_LEVEL_LABELS[p.online.level],
            documents=documents,
            legal=legal,
            related=[self.summary(self.by_code[code]) for code in p.related],
            calculators=self.calculators(p),
            in_force=p.status == "dang_ap_dung" and p.in_force(self.today),
            search=search,
            updated=self.updated.get(c.files.get(f"procedure:{p.code}", ""), p.last_reviewed),
            ld=_ld("procedure", c, p),
        )

    def az_page(self) -> ListPage:
        groups: dict[str, list[ProcedureSummary]] = defaultdict(list)
        for p in self.content.procedures:  # already in Vietnamese order
            initial = p.name[:1].upper()
            groups[initial].append(self.summary(p))
        ordered = sorted(groups.items(), key=lambda item: sort_key(item[0]))
        return ListPage("Thủ tục hành chính từ A đến Z", None, ordered, len(self.content.procedures), filter=True)

    def field_entries(self) -> list[FieldEntry]:
        counts = Counter(p.field for p in self.content.procedures)
        entries = [FieldEntry(f, field_url(f.id), counts[f.id]) for f in self.content.fields.values() if counts[f.id]]
        return sorted(entries, key=lambda e: sort_key(e.field.name))

    def field_page(self, f: m.FieldOfWork) -> ListPage:
        rows = [self.summary(p) for p in self.content.procedures if p.field == f.id]
        by_level: dict[str, list[ProcedureSummary]] = defaultdict(list)
        for row in rows:
            by_level[row.levels].append(row)
        groups = [(level.name, by_level[level.name]) for level in self.content.site.levels if by_level.get(level.name)]
        groups += [(k, v) for k, v in by_level.items() if k not in {lv.name for lv in self.content.site.levels}]
        return ListPage(f"Lĩnh vực {f.name}", f.description, groups, len(rows))

    def level_page(self, level: m.Level) -> ListPage:
        rows = [self.summary(p) for p in self.content.procedures if level.id in p.levels]
        by_field: dict[str, list[ProcedureSummary]] = defaultdict(list)
        for row in rows:
            by_field[row.field].append(row)
        groups = sorted(by_field.items(), key=lambda item: sort_key(item[0]))
        return ListPage(f"Thủ tục {level.name.lower()}", None, groups, len(rows))

    def home_page(self) -> HomePage:
        c = self.content
        by_level = Counter(level for p in c.procedures for level in p.levels)
        by_online: Counter[str] = Counter(p.online.level for p in c.procedures)
        featured_codes = c.site.featured or [p.code for p in c.procedures[:8]]
        codes = self.by_code
        return HomePage(
            site=c.site,
            total=len(c.procedures),
            fields=self.field_entries(),
            levels=[(lv.name, level_url(lv.id), by_level[lv.id]) for lv in c.site.levels if by_level[lv.id]],
            online=[(m.ONLINE_LEVEL_LABELS[k], by_online[k]) for k in m.ONLINE_LEVEL_LABELS if by_online[k]],
            featured=[self.summary(codes[code]) for code in featured_codes if code in codes],
            communes=len(c.communes),
        )

    def commune_page(self, commune: m.Commune) -> CommunePage:
        start = self.today - dt.timedelta(days=self.today.weekday())
        week = []
        for offset in range(7):
            day = start + dt.timedelta(days=offset)
            weekday = m.WEEKDAYS[day.weekday()]
            hours = [
                block
                for oh in commune.office_hours
                if weekday in oh.days
                for block in (oh.morning, oh.afternoon)
                if block
            ]
            closure = next(
                (cl for cl in commune.closures if cl.start <= day <= (cl.end or cl.start)),
                None,
            )
            if closure is not None:
                hours = list(closure.open_hours)
            people = [
                (d.person, d.title, d.hours, d.tasks)
                for d in commune.duty
                if d.in_force(day) and (weekday in d.weekdays or day in d.dates)
            ]
            week.append(
                DayDuty(
                    weekday=weekday,
                    label=m.WEEKDAY_LABELS[weekday],
                    date=day,
                    is_today=day == self.today,
                    hours=hours,
                    people=people if hours else [],
                    closure=closure.reason if closure else None,
                )
            )
        commune_fees = sorted(
            {ref.fee for p in self.content.procedures if "xa" in p.levels for ch in p.channels for ref in ch.fees}
        )
        return CommunePage(
            commune=commune,
            week=week,
            week_start=start,
            reception=[r for r in commune.reception if r.in_force(self.today)],
            closures=[cl for cl in commune.closures if (cl.end or cl.start) >= self.today],
            fees=[self.fee_line(fee_id) for fee_id in commune_fees],
            ld=_ld("commune", self.content, commune),
        )

    def fee_table(self) -> FeeTablePage:
        users: dict[str, list[ProcedureSummary]] = defaultdict(list)
        for p in self.content.procedures:
            for fee_id in dict.fromkeys(ref.fee for ch in p.channels for ref in ch.fees):
                users[fee_id].append(self.summary(p))
        groups = []
        for kind, title in (("phi", "Phí"), ("le_phi", "Lệ phí")):
            fees = sorted((f for f in self.content.fees.values() if f.kind == kind), key=lambda f: sort_key(f.name))
            rows = []
            for fee in fees:
                versions = []
                for version in sorted(fee.versions, key=lambda v: v.valid_from or dt.date.min):
                    if version.in_force(self.today):
                        state = "Đang áp dụng"
                    elif version.valid_from and version.valid_from > self.today:
                        state = f"Áp dụng từ {version.valid_from:%d/%m/%Y}"
                    else:
                        state = "Hết hiệu lực" + (
                            f" từ {version.valid_until + dt.timedelta(days=1):%d/%m/%Y}" if version.valid_until else ""
                        )
                    versions.append((state, version))
                rows.append((self.fee_line(fee.id), versions, users[fee.id]))
            if rows:
                groups.append(FeeGroup(title, rows))
        return FeeTablePage(groups)

    def documents_page(self) -> DocumentsPage:
        # name key → (first spelling, procedures by code); dicts keep order and make this linear.
        by_name: dict[str, tuple[str, dict[str, ProcedureSummary]]] = {}
        by_form: dict[str, tuple[str, dict[str, ProcedureSummary]]] = {}
        for p in self.content.procedures:
            row = self.summary(p)
            for group in p.documents:
                for doc in group.items:
                    by_name.setdefault(fold(doc.name), (doc.name, {}))[1][p.code] = row
                    if doc.form:
                        by_form.setdefault(doc.form.file, (doc.form.name or doc.form.file, {}))[1][p.code] = row
        documents = [
            DocumentEntry(name, anchor(name), list(rows.values()))
            for name, rows in sorted(by_name.values(), key=lambda v: sort_key(v[0]))
        ]
        forms_dir = self.content.root / "forms"
        forms = [
            FormEntry(
                file=file,
                name=by_form.get(file, (file, {}))[0],
                url=form_url(file),
                size_kb=max(1, round((forms_dir / file).stat().st_size / 1024)),
                procedures=list(by_form.get(file, ("", {}))[1].values()),
            )
            for file in sorted(self.content.forms, key=sort_key)
        ]
        return DocumentsPage(documents, forms)

    def legal_page(self) -> LegalPage:
        users: dict[str, dict[str, ProcedureSummary]] = defaultdict(dict)
        fee_users: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for p in self.content.procedures:
            for cite in p.legal_basis:
                users[cite.doc][p.code] = self.summary(p)
        for fee in sorted(self.content.fees.values(), key=lambda f: sort_key(f.name)):
            cited = (
                {c.doc for v in fee.versions for c in v.legal_basis}
                | {c.doc for v in fee.versions for r in v.online_reductions for c in r.legal_basis}
                | {c.doc for e in fee.exemptions for c in e.legal_basis}
            )
            for doc_number in cited:
                fee_users[doc_number].append((fee.name, fee_anchor(fee.id)))
        docs = sorted(self.content.legal.values(), key=lambda d: (d.date, d.number), reverse=True)
        return LegalPage(
            [LegalEntry(d, anchor(d.number), list(users[d.number].values()), fee_users[d.number]) for d in docs]
        )

    def agency_entries(self) -> list[AgencyEntry]:
        counts = Counter(a for p in self.content.procedures for a in p.agencies.executing)
        entries = [
            AgencyEntry(
                agency=a,
                url=agency_url(a.id),
                count=counts[a.id],
                level=self.level_names.get(a.level, a.level),
                replaced_by=self.content.agencies.get(a.replaced_by) if a.replaced_by else None,
            )
            for a in self.content.agencies.values()
            if counts[a.id]
        ]
        return sorted(entries, key=lambda e: sort_key(e.agency.name))

    def agency_page(self, agency: m.Agency) -> ListPage:
        rows = [self.summary(p) for p in self.content.procedures if agency.id in p.agencies.executing]
        by_field: dict[str, list[ProcedureSummary]] = defaultdict(list)
        for row in rows:
            by_field[row.field].append(row)
        intro = ", ".join(x for x in (agency.address, agency.phone and f"điện thoại {agency.phone}") if x) or None
        return ListPage(agency.name, intro, sorted(by_field.items(), key=lambda item: sort_key(item[0])), len(rows))

    def search_page(self) -> SearchPage:
        procedures = self.content.procedures
        used: dict[str, set[str]] = {
            "linh_vuc": {p.field for p in procedures},
            "cap": {level for p in procedures for level in p.levels},
            "co_quan": {a for p in procedures for a in p.agencies.executing},
            "truc_tuyen": {p.online.level for p in procedures},
        }
        labels: dict[str, dict[str, str]] = {
            "linh_vuc": {k: f.name for k, f in self.content.fields.items()},
            "cap": self.level_names,
            "co_quan": {k: a.name for k, a in self.content.agencies.items()},
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

    def results_page(self) -> ResultsPage:
        def pct(part: int, whole: int) -> str:
            return f"{100 * part / whole:.1f}".replace(".", ",") + " %" if whole else "—"

        roman = {"1": "I", "2": "II", "3": "III", "4": "IV"}
        rows = []
        for st in self.content.stats:
            t = st.totals
            label = f"Quý {roman[st.period[-1]]}/{st.period[:4]}"
            on_time = t.resolved_early + t.resolved_on_time
            rows.append(
                QuarterRow(
                    st.period,
                    label,
                    t.received,
                    t.received_online,
                    t.resolved,
                    on_time,
                    t.resolved_late,
                    t.pending,
                    t.returned,
                    pct(on_time, t.resolved),
                    pct(t.resolved, t.received),
                    pct(t.received_online, t.received_new),
                )
            )
        charts = []
        if rows:
            charts.append(
                chart(
                    "dung-han",
                    "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn",
                    "Phần trăm hồ sơ đã giải quyết trong kỳ được trả đúng hạn hoặc trước hạn, theo quý.",
                    "Tỷ lệ đúng hạn",
                    [(r.label, 100 * r.on_time / r.resolved if r.resolved else 0, r.on_time_rate) for r in rows],
                )
            )
            charts.append(
                chart(
                    "truc-tuyen",
                    "Tỷ lệ hồ sơ nộp trực tuyến",
                    "Phần trăm hồ sơ tiếp nhận mới trong kỳ được nộp trực tuyến, theo quý.",
                    "Tỷ lệ trực tuyến",
                    [
                        (r.label, 100 * r.received_online / (st.totals.received_new or 1), r.online_rate)
                        for r, st in zip(rows, self.content.stats, strict=True)
                    ],
                )
            )
            latest = self.content.stats[-1]
            if latest.by_field:
                by_field = sorted(latest.by_field, key=lambda f: f.received, reverse=True)
                charts.append(
                    chart(
                        "linh-vuc",
                        f"Hồ sơ tiếp nhận theo lĩnh vực, {rows[-1].label.lower()}",
                        "Số hồ sơ tiếp nhận (kể cả kỳ trước chuyển sang) của từng lĩnh vực trong quý gần nhất.",
                        "Số hồ sơ",
                        [(self.content.fields[f.field].name, f.received, number(f.received)) for f in by_field],
                    )
                )
        return ResultsPage(
            rows, charts, rows[-1] if rows else None, self.content.stats[-1].source if self.content.stats else None
        )

    def recent_page(self) -> RecentPage:
        from .changes import SECTIONS  # changes.py builds on this module

        grouped = []
        for revision in self.revisions:
            sections = [(title, [c for c in revision.changes if c.kind in kinds]) for title, kinds in SECTIONS]
            grouped.append((revision, [(title, items) for title, items in sections if items]))
        return RecentPage(grouped)

    def info(self) -> InfoPage:
        c = self.content
        return InfoPage(
            site=c.site,
            authority_level=self.level_names.get(c.site.authority.level, ""),
            counts={
                "procedures": len(c.procedures),
                "fees": len(c.fees),
                "communes": len(c.communes),
                "fields": len(self.field_entries()),
            },
            today=self.today,
        )

    # -- the whole site

    def pages(self) -> list[PageSpec]:
        c = self.content
        specs = [
            PageSpec("", c.site.name, "home.html", self.home_page(), in_nav=True, description=c.site.description),
            PageSpec("thu-tuc/", "Thủ tục A–Z", "list.html", self.az_page(), in_nav=True),
            PageSpec("linh-vuc/", "Lĩnh vực", "fields.html", FieldIndexPage(self.field_entries()), in_nav=True),
            PageSpec(
                "xa-phuong/",
                "Xã, phường, thị trấn",
                "communes.html",
                CommuneIndexPage([CommuneEntry(x, commune_url(x.id)) for x in c.communes]),
                in_nav=True,
            ),
            PageSpec("phi-le-phi/", "Phí, lệ phí", "fees.html", self.fee_table(), in_nav=True),
            PageSpec("co-quan/", "Cơ quan", "agencies.html", AgencyIndexPage(self.agency_entries()), in_nav=True),
            PageSpec("giay-to/", "Giấy tờ, biểu mẫu", "documents.html", self.documents_page(), in_nav=True),
            PageSpec("van-ban/", "Văn bản pháp luật", "legal.html", self.legal_page(), in_nav=True),
            PageSpec("gioi-thieu/", "Giới thiệu", "about.html", self.info(), in_nav=True),
            PageSpec(
                "tim-kiem/",
                "Tìm kiếm",
                "search.html",
                self.search_page(),
            ),
            PageSpec("phan-anh-kien-nghi/", "Phản ánh, kiến nghị", "feedback.html", self.info()),
            PageSpec("cap-nhat/", "Cập nhật gần đây", "recent.html", self.recent_page()),
            PageSpec("du-lieu-mo/", "Dữ liệu mở", "opendata.html", self.info()),
            PageSpec(
                "ket-qua-giai-quyet/",
                "Kết quả giải quyết hồ sơ",
                "results.html",
                self.results_page(),
                in_nav=bool(c.stats),
            ),
            PageSpec("tiep-can/", "Tuyên bố về khả năng tiếp cận", "accessibility.html", self.info()),
        ]
        for agency_entry in self.agency_entries():
            specs.append(
                PageSpec(agency_entry.url, agency_entry.agency.name, "list.html", self.agency_page(agency_entry.agency))
            )
        for entry in self.field_entries():
            specs.append(PageSpec(entry.url, entry.field.name, "list.html", self.field_page(entry.field)))
        for level in c.site.levels:
            if any(level.id in p.levels for p in c.procedures):
                specs.append(
                    PageSpec(level_url(level.id), f"Thủ tục {level.name.lower()}", "list.html", self.level_page(level))
                )
        for p in c.procedures:
            page = self.procedure_page(p)
            specs.append(
                PageSpec(
                    procedure_url(p.code),
                    p.name,
                    "procedure.html",
                    page,
                    description=p.summary or f"{p.name}: giấy tờ cần chuẩn bị, thời hạn, phí, lệ phí, nơi nộp hồ sơ.",
                    search={"folded": fold(" ".join([p.name, p.code, *p.keywords]))},
                )
            )
        for commune in c.communes:
            specs.append(
                PageSpec(commune_url(commune.id), commune.full_name, "commune.html", self.commune_page(commune))
            )
        return specs
