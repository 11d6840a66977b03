"""The procedure page: everything a citizen needs to do one thủ tục."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import ClassVar

from .. import model as m
from .. import urls
from ..facts import Facts, FeeLine, ProcedureSummary
from ..format import (
    agency_name,
    agency_names,
    as_of,
    block_text,
    channel_label,
    date_vi,
    document_counts,
    dossier_sets,
    duration,
    inline_text,
    legal_date,
    money,
    period,
    stated,
)
from ..outputs.jsonld import json_ld, procedure_ld
from ..search_index import SearchData, SearchIndex
from .page import edit_url


@dataclass(frozen=True)
class ChannelRow:
    mode: str
    label: str
    time: str  # "03 ngày làm việc", "Trong ngày (…)"
    fees: list[FeeLine]
    description: str | None


@dataclass(frozen=True)
class DocumentRow:
    name: str
    counts: str  # "1 bản chính, 2 bản sao", "xuất trình"
    form_name: str | None
    form_url: str | None  # None for a form known by its name only (`Mẫu TT1`): no file to download
    condition: str | None
    note: str | None


@dataclass(frozen=True)
class DocumentGroupView:
    title: str
    items: list[DocumentRow]


@dataclass(frozen=True)
class StepRow:
    title: str | None
    text: str


@dataclass(frozen=True)
class LegalRef:
    number: str  # or the name the record cites it by (`Luật Hộ tịch 2014`) when it has no number
    href: str | None  # the full text on the web, else the text's entry on the legal documents page
    external: bool
    text: str  # "ngày 20/11/2014 của Quốc hội: Luật Hộ tịch (Điều 4)"


@dataclass(frozen=True)
class FeeDetail:
    """A fee in full, as the procedure page and the fee table show it."""

    id: str
    kind: str  # Phí / Lệ phí
    name: str
    amount: str
    rule: str
    reductions: str | None  # "Giảm 50% khi nộp trực tuyến …; …." as one sentence
    exemptions: str | None  # who is exempted, as one sentence
    url: str  # its entry in the fee table


def fee_detail(line: FeeLine) -> FeeDetail:
    return FeeDetail(
        id=line.id,
        kind=line.kind,
        name=line.name,
        amount=line.amount,
        rule=line.rule,
        reductions="; ".join(line.reductions) + "." if line.reductions else None,
        exemptions="; ".join(line.exemptions) + "." if line.exemptions else None,
        url=urls.fee(line.id),
    )


@dataclass(frozen=True)
class Calculator:
    """Data for the per-unit fee calculator (copy certification)."""

    fee_id: str
    name: str
    unit: str
    per: str
    data: str  # tiers, cap, unit and per as JSON, for the calculator script
    first: str  # the amount for one unit, shown before the script runs
    examples: str  # "1 trang: 2.000 đồng; 5 trang: 7.000 đồng; …"


@dataclass(frozen=True)
class SearchMeta:
    name: str
    value: str


@dataclass(frozen=True)
class SearchFields:
    """`SearchData` as the page's hidden, indexed block writes it."""

    name_folded: str
    keywords: str
    codes: str
    words: str
    tokens: str
    meta: list[SearchMeta]


def search_fields(data: SearchData) -> SearchFields:
    return SearchFields(
        name_folded=data.name_folded,
        keywords=data.keywords,
        codes=data.codes,
        words=data.words,
        tokens=" ".join(data.tokens),
        meta=[SearchMeta(name, value) for name, value in data.meta.items()],
    )


@dataclass(frozen=True)
class Source:
    url: str
    retrieved: str


@dataclass(frozen=True)
class ProcedurePage:
    template: ClassVar[str] = "procedure.html"

    as_of: str  # the fees shown are those in force on the build's day

    code: str
    name: str
    summary: str | None  # what the procedure is for, in plain words
    local_code: str | None
    kind: str | None
    decision: str | None
    sector: str
    sector_url: str
    levels: str  # "Cấp huyện, Cấp xã"
    online: str | None  # the online service badge, when there is a service
    warning: str | None  # the badge of a procedure not in force: why
    in_force: bool
    status: str  # "Đang áp dụng, có hiệu lực từ 01/07/2025"
    not_stated: str  # "Chưa công bố": what a fact the record leaves unstated reads as
    legacy_code: str | None  # "B-BTP-BS43", the record's number in the old national database
    ministry: str | None  # the managing ministry, as published
    internal: str | None  # the badge of an internal procedure (thủ tục hành chính nội bộ)
    applicants: list[str]  # empty: not stated
    conditions: list[str]
    submission_address: str
    channels: list[ChannelRow]
    online_url: str | None
    dossier_sets: str | None  # "01 bộ"; None: not stated
    documents: list[DocumentGroupView]
    documents_stated: bool  # False: the record says `documents: khong_neu`
    steps: list[StepRow]  # empty: not stated
    fees: list[FeeDetail]  # each fee once, in channel order
    calculators: list[Calculator]
    result: str
    executing: str  # names (with addresses) of the executing agencies
    deciding: str | None
    delegated: str | None
    coordinating: str | None
    legal: list[LegalRef]  # empty: not stated
    related: list[ProcedureSummary]
    updated: dt.date  # from the git history of its file, else its last review (also for sitemap.xml)
    updated_text: str
    reviewed: str
    source: Source | None
    search: SearchFields
    ld: str  # schema.org GovernmentService, as JSON safe inside <script>
    edit_url: str | None = None  # its file in GitHub's web editor, when site.yaml names the repository


def calculators(facts: Facts, p: m.Procedure) -> list[Calculator]:
    seen: dict[str, Calculator] = {}
    for channel in p.channels:
        for ref in channel.fees:
            version = facts.content.fees[ref.fee].version_on(facts.today)
            if version is None or version.per_unit is None or ref.fee in seen:
                continue
            unit = version.per_unit
            data = {
                "tiers": [(t.from_, t.to, t.amount) for t in unit.tiers],
                "cap": unit.cap,
                "unit": unit.unit,
                "per": version.per,
            }
            seen[ref.fee] = Calculator(
                fee_id=ref.fee,
                name=facts.content.fees[ref.fee].name,
                unit=unit.unit,
                per=version.per,
                data=json.dumps(data, ensure_ascii=False),
                first=money(version.compute(1)),
                examples="; ".join(f"{n} {unit.unit}: {money(version.compute(n))}" for n in (1, 5, 250)),
            )
    return list(seen.values())


def _warning(p: m.Procedure, in_force: bool) -> str | None:
    if in_force:
        return None
    return m.STATUS_LABELS[p.status] if p.status != "dang_ap_dung" else "Không còn hiệu lực"


def _status(p: m.Procedure) -> str:
    """The status with its period: `Đang áp dụng, có hiệu lực từ 01/07/2025 đến 31/12/2026`."""
    label = m.STATUS_LABELS[p.status]
    if p.valid_from:
        return f"{label}, có hiệu lực {period(p.valid_from, p.valid_until)}"
    return f"{label} {period(None, p.valid_until)}" if p.valid_until else label


def _with_address(agencies: dict[str, m.Agency], ref: m.AgencyRef) -> str:
    if isinstance(ref, m.PublishedAgency):
        return ref.text
    agency = agencies[ref]
    return f"{agency.name} ({agency.address})" if agency.address else agency.name


def _legal_ref(legal: dict[str, m.LegalDocument], cite: m.LegalCitation) -> LegalRef:
    article = cite.article
    if cite.doc is None:  # cited by name only: nothing more is known about it
        return LegalRef(cite.name or "", None, False, f"({article})" if article else "")
    doc = legal[cite.doc]
    text = f"ngày {legal_date(doc.date)} của {doc.issuer}: {doc.title}" + (f" ({article})" if article else "")
    return LegalRef(doc.number, doc.url or urls.legal(doc.number), doc.url is not None, text)


def procedure_page(facts: Facts, index: SearchIndex, p: m.Procedure, updated: dict[str, dt.date]) -> ProcedurePage:
    c = facts.content
    channels = [
        ChannelRow(
            mode=ch.mode,
            label=channel_label(ch.mode),
            time=duration(ch.time, facts.level_names),
            fees=[facts.fee_line(ref.fee, ref.note) for ref in ch.fees],
            description=inline_text(ch.description) if ch.description else None,
        )
        for ch in p.channels
    ]
    documents = [
        DocumentGroupView(
            title=group.title or m.DOCUMENT_GROUP_LABELS[group.group],
            items=[
                DocumentRow(
                    name=d.name,
                    counts=document_counts(d.original, d.copy_),
                    form_name=(d.form.name or d.form.file) if d.form else None,
                    form_url=urls.form(d.form.file) if d.form and d.form.file else None,
                    condition=d.condition,
                    note=inline_text(d.note) if d.note else None,
                )
                for d in group.items
            ],
        )
        for group in m.listed(p.documents)
    ]
    a = p.agencies
    summary = facts.summary(p)
    in_force = p.in_force(facts.today)
    changed = updated.get(c.files.get(f"procedure:{p.key}", ""), p.last_reviewed)
    return ProcedurePage(
        as_of=as_of(facts.today),
        code=stated(p.code) or "",
        name=p.name,
        summary=block_text(p.summary) if p.summary else None,
        local_code=p.local_code,
        kind=p.kind,
        decision=p.decision,
        sector=summary.field,
        sector_url=summary.field_url,
        levels=summary.levels,
        online=f"Dịch vụ công trực tuyến: {summary.online.lower()}"
        if p.online.level in ("toan_trinh", "mot_phan")
        else None,
        warning=_warning(p, in_force),
        in_force=in_force,
        status=_status(p),
        not_stated=m.NOT_STATED_LABEL,
        legacy_code=p.legacy_code,
        ministry=p.ministry,
        internal="Thủ tục hành chính nội bộ" if p.internal else None,
        applicants=m.listed(p.applicants),
        conditions=[block_text(text) for text in p.conditions],
        submission_address=inline_text(stated(p.submission_address) or ""),
        channels=channels,
        online_url=p.online.url,
        dossier_sets=dossier_sets(p.dossier_sets) if m.is_stated(p.dossier_sets) else None,
        documents=documents,
        documents_stated=m.is_stated(p.documents),
        steps=[StepRow(step.title, block_text(step.text)) for step in m.listed(p.steps)],
        fees=[fee_detail(f) for f in {f.id: f for ch in channels for f in ch.fees}.values()],
        calculators=calculators(facts, p),
        result=stated(p.result) or "",
        executing=(
            "; ".join(_with_address(c.agencies, x) for x in a.executing)
            if isinstance(a.executing, list)
            else agency_names(c.agencies, a.executing)
        ),
        deciding=agency_name(c.agencies, a.deciding) if a.deciding else None,
        delegated=agency_name(c.agencies, a.delegated) if a.delegated else None,
        coordinating="; ".join(agency_name(c.agencies, x) for x in a.coordinating) or None,
        legal=[_legal_ref(c.legal, cite) for cite in m.listed(p.legal_basis)],
        related=[facts.summary(facts.by_code[code]) for code in p.related],
        updated=changed,
        updated_text=date_vi(changed),
        reviewed=date_vi(p.last_reviewed),
        source=Source(p.source.url, date_vi(p.source.retrieved)) if p.source else None,
        search=search_fields(index.data(p, summary)),
        ld=json_ld(procedure_ld(c, p)),
        edit_url=edit_url(c, f"procedure:{p.code}"),
    )
