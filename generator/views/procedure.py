"""The procedure page: everything a citizen needs to do one thủ tục."""

from __future__ import annotations

import datetime as dt
import io
import json
import weakref
from dataclasses import dataclass, field
from typing import ClassVar

import segno

from .. import model as m
from .. import urls
from ..content import Content
from ..facts import ChannelFees, Facts, FeeLine, ProcedureSummary
from ..format import (
    NOT_STATED,
    agency_name,
    agency_names,
    as_of,
    block_text,
    channel_label,
    date_vi,
    document_counts,
    dossier_sets,
    duration,
    in_sentence,
    inline_text,
    legal_date,
    money,
    period,
    stated,
    time_ranges,
    unit_kinds,
    weekday_in_sentence,
)
from ..outputs.jsonld import json_ld, procedure_ld
from ..search_index import SearchData, SearchIndex
from .page import Contact, KeyFact, ReportLink, contact, edit_url, report_link


@dataclass(frozen=True)
class ChannelFeeText:
    """One line of a channel's fee cell: the fee's name only when the channel has several."""

    name: str | None
    text: str  # the price on this channel, after its online reduction
    note: str | None


@dataclass(frozen=True)
class ChannelRow:
    mode: str
    label: str
    time: str  # "03 ngày làm việc", "Trong ngày (…)"
    fee_headline: str  # the one headline of this channel (`Facts.fee_headline`)
    fees: list[ChannelFeeText]  # one line per fee; one line with the meaning word when none is charged
    description: str | None
    fees_elsewhere: bool = False  # no fee computed, but the decision's wording is in the fee section


def channel_fee_texts(fees: ChannelFees) -> list[ChannelFeeText]:
    if not fees.prices:
        return [ChannelFeeText(None, fees.headline, None)]
    named = len(fees.prices) > 1
    return [
        ChannelFeeText(price.name if named else None, price.text, in_sentence(price.note) if price.note else None)
        for price in fees.prices
    ]


@dataclass(frozen=True)
class DocumentRow:
    name: str
    counts: str  # "1 bản chính, 2 bản sao", "xuất trình"; "" when the decision does not say
    form_name: str | None
    form_url: str | None  # None for a form known by its name only (`Mẫu TT1`): no file to download
    form_print_url: str | None  # the form's full address, printed under its link
    condition: str | None
    note: str | None
    exceptions: list[str] = field(default_factory=list)  # "trừ trường hợp …"


@dataclass(frozen=True)
class DocumentGroupView:
    title: str
    items: list[DocumentRow]


@dataclass(frozen=True)
class CaseView:
    """One case of the papers ("Trường hợp …"): the citizen picks one; without scripts all are shown."""

    id: str  # unique on the page, also the value remembered on the phone
    title: str
    level: int  # of its heading: 3 for a case, 4 for a sub-case
    groups: list[DocumentGroupView]
    cases: list[CaseView]
    choice_key: str  # the key its sub-case is remembered under
    notes: list[str]


@dataclass(frozen=True)
class ReviewRow:
    heading: str | None
    text: str


@dataclass(frozen=True)
class RecordView:
    """What real records hold beyond the basic model (issue 15): papers by case, the decision's
    wordings, receiving hours, forms by name, provenance and what still awaits review."""

    cases: list[CaseView]
    cases_key: str  # the key the chosen case is remembered under: `ck-case:1.004222`
    document_notes: list[str]
    receiving_hours: str | None
    fees_text: str | None
    form_names: list[str]
    imported: str | None  # "Quyết định 1254/QĐ-UBND, thủ tục số 3; nhập ngày 28/11/2026"
    needs_review: list[ReviewRow]


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
    issued: str  # "ngày 20/11/2014 của Quốc hội" (left out of the printed sheet, which stays compact)
    title: str  # "Luật Hộ tịch (Điều 4)"


@dataclass(frozen=True)
class FeeDetail:
    """A fee in full, as the procedure page and the fee table show it."""

    id: str
    kind: str  # Phí / Lệ phí
    name: str
    title: str  # "Phí: Phí chứng thực …" reads twice; the name alone when it already says the kind
    amount: str
    rule: str | None  # the official wording, as written
    reductions: str | None  # "Giảm 50% khi nộp trực tuyến … . Note" as sentences
    exemptions: list[str]  # "Miễn cho: …", "Giảm 50% cho: …"
    set_by: str
    note: str | None  # the fee's own note
    url: str  # its entry in the fee table


def fee_detail(line: FeeLine) -> FeeDetail:
    return FeeDetail(
        id=line.id,
        kind=line.kind,
        name=line.name,
        title=line.title,
        amount=line.amount,
        rule=line.rule,
        reductions=" ".join(line.reductions) if line.reductions else None,
        exemptions=line.exemptions,
        set_by=line.set_by,
        note=line.fee_note,
        url=urls.fee(line.id),
    )


@dataclass(frozen=True)
class Calculator:
    """Data for the per-unit fee calculator (copy certification)."""

    fee_id: str
    name: str
    unit: str
    copies_label: str  # the second box's own label: "Số bản"
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
class PrintSheet:
    """What the printed sheet adds to the page: who publishes it, where it lives on the web (also
    as a QR code, drawn at build time and written beside the page), the desk to go to."""

    authority: str
    site: str
    page_url: str  # the live page, in full
    qr_file: str  # thu-tuc/<code>/qr.svg
    desk: Contact | None  # the authority's own desk, for procedures done at its level
    communes_url: str | None  # the communes list in full, for commune procedures
    time_zone: str  # the print date is the day in the site's time zone
    demo: bool  # demonstration data: said on paper too, where the banner is not printed


def qr_svg(url: str) -> str:
    """A QR code of `url` as a small SVG document (black modules on white, a quiet zone of 2)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, border=2, xmldecl=False, svgns=True, nl=True)
    return out.getvalue().decode("ascii")


@dataclass(frozen=True)
class DeskChooser:
    """ "Chọn xã, phường của bạn" on a commune procedure: the script fetches the desks (a small
    same-origin JSON) and remembers the choice on the phone; without it, the communes list."""

    data: str  # data/desks.json
    communes: str  # the communes list, for browsers without JavaScript


COMMUNE_LEVEL = "xa"  # the level whose procedures are done at the commune's one-stop desk


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
    dossier_sets: str | None  # "01 bộ" or "Không quy định"; None: not stated
    dossier_sets_counted: bool  # a number of sets ("01 bộ"), not "Không quy định"
    documents: list[DocumentGroupView]
    documents_stated: bool  # False: the record says `documents: khong_neu`
    steps: list[StepRow]  # empty: not stated
    fees: list[FeeDetail]  # each fee once, in channel order
    fees_absent: str | None  # when no channel charges a fee: "Không thu phí, lệ phí." or why nothing is shown
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
    report: ReportLink  # "Báo lỗi nội dung": the feedback route with this page named
    chooser: DeskChooser | None  # on commune procedures, when the site has communes
    channel_lines: list[str]  # the printed sheet's short form of the channels: alike channels once
    sheet: PrintSheet
    key_facts: list[KeyFact]  # the answers first: fee, time, where, online, documents
    record: RecordView  # real records: cases, wordings, receiving hours, review
    edit_url: str | None = None  # its file in GitHub's web editor, when site.yaml names the repository


def channel_lines(channels: list[ChannelRow]) -> list[str]:
    """The channels in a line each, those with the same time and fees together:
    `Trực tiếp, trực tuyến, dịch vụ bưu chính: Trong ngày (…). Phí, lệ phí: Miễn.`"""
    groups: dict[tuple[str, str], list[str]] = {}
    for ch in channels:
        fees = "Phí, lệ phí: " + "; ".join(f"{f.name}: {f.text}" if f.name else f.text for f in ch.fees)
        groups.setdefault((ch.time, fees), []).append(ch.label)
    # Only the first label keeps its capital: "Trực tiếp, trực tuyến: …".
    return [
        f"{', '.join([labels[0], *(label[:1].lower() + label[1:] for label in labels[1:])])}: {time}. {fees}."
        for (time, fees), labels in groups.items()
    ]


def calculators(facts: Facts, p: m.Procedure) -> list[Calculator]:
    seen: dict[str, Calculator] = {}
    for channel in p.channels:
        for ref in channel.fee_refs():
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
                copies_label=f"Số {version.per}" if version.per else "Số lần tính phí",
                data=json.dumps(data, ensure_ascii=False),
                first=money(version.compute(1) or 0),
                examples="; ".join(f"{n} {unit.unit}: {money(version.compute(n) or 0)}" for n in (1, 5, 250)),
            )
    return list(seen.values())


def _groups(groups: list[m.DocumentGroupModel], base_url: str) -> list[DocumentGroupView]:
    return [
        DocumentGroupView(
            title=group.title or m.DOCUMENT_GROUP_LABELS[group.group],
            items=[
                DocumentRow(
                    name=d.name,
                    counts=document_counts(d.original, d.copy_, shown=group.group == "xuat_trinh"),
                    form_name=(d.form.name or d.form.file) if d.form else None,
                    form_url=urls.form(d.form.file) if d.form and d.form.file else None,
                    form_print_url=(
                        urls.absolute(base_url, urls.form(d.form.file)) if d.form and d.form.file else None
                    ),
                    condition=d.condition,
                    note=inline_text(d.note) if d.note else None,
                    exceptions=d.exceptions,
                )
                for d in group.items
            ],
        )
        for group in groups
    ]


def _cases(cases: list[m.DocumentCase], prefix: str, key: str, base_url: str, level: int = 3) -> list[CaseView]:
    return [
        CaseView(
            id=f"{prefix}-{index}",
            title=case.title,
            level=level,
            groups=_groups(case.documents, base_url),
            cases=_cases(case.cases, f"{prefix}-{index}", f"{key}:{prefix}-{index}", base_url, level + 1),
            choice_key=f"{key}:{prefix}-{index}",
            notes=case.notes,
        )
        for index, case in enumerate(cases, 1)
    ]


def _record(p: m.Procedure, base_url: str) -> RecordView:
    imported = None
    if p.imported is not None:
        parts = [f"Quyết định {p.imported.decision}" if p.imported.decision else f"tệp {p.imported.file}"]
        if p.imported.number:
            parts.append(f"thủ tục số {p.imported.number}")
        imported = ", ".join(parts) + f"; nhập ngày {date_vi(p.imported.date)}"
    return RecordView(
        cases=_cases(p.document_cases, "truong-hop", f"ck-case:{p.code}", base_url),
        cases_key=f"ck-case:{p.code}",
        document_notes=p.document_notes,
        receiving_hours=p.receiving_hours,
        fees_text=p.fees_text,
        form_names=p.form_names,
        imported=imported,
        needs_review=[ReviewRow(item.heading, item.text) for item in p.needs_review],
    )


def _fees_absent(channel_fees: list[ChannelFees]) -> str:
    stated = [fees.stated for fees in channel_fees]
    if all(stated):
        return "Không thu phí, lệ phí."
    if not any(stated):
        return f"{NOT_STATED}: văn bản công bố thủ tục không nêu phí, lệ phí."
    return "Xem phí, lệ phí của từng cách nộp trong bảng Cách thức thực hiện."


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
        text = f"({article})" if article else ""
        return LegalRef(cite.name or "", None, False, text, "", text)
    doc = legal[cite.doc]
    issued = f"ngày {legal_date(doc.date)} của {doc.issuer}"
    title = doc.title + (f" ({article})" if article else "")
    return LegalRef(
        doc.number, doc.url or urls.legal(doc.number), doc.url is not None, f"{issued}: {title}", issued, title
    )


# Computed once per build (per `Facts`), not once per commune-level procedure.
_DESKS_TODAY: weakref.WeakKeyDictionary[Facts, str] = weakref.WeakKeyDictionary()


def commune_desks_today(facts: Facts) -> str:
    """The communes' one-stop desks today, in a few words: `Hôm nay (Thứ Bảy 28/11/2026): Bộ phận
    Một cửa cấp xã mở cửa 07:30–11:30`, or how many are open when their hours differ."""
    cached = _DESKS_TODAY.get(facts)
    if cached is None:
        cached = _DESKS_TODAY[facts] = _desks_today(facts.content, facts.today)
    return cached


def _desks_today(content: Content, today: dt.date) -> str:
    day = f"Hôm nay ({weekday_in_sentence(m.WEEKDAY_LABELS[m.WEEKDAYS[today.weekday()]])} {date_vi(today)})"
    hours = [tuple(x.hours_on(today, content.calendar)) for x in content.communes]
    open_hours = {h for h in hours if h}
    if not content.communes:
        return day
    if not open_hours:
        return f"{day}: Bộ phận Một cửa cấp xã nghỉ"
    if len(open_hours) == 1 and all(hours):
        return f"{day}: Bộ phận Một cửa cấp xã mở cửa {time_ranges(next(iter(open_hours)))}"
    count = sum(1 for h in hours if h)
    return f"{day}: {count}/{len(hours)} {unit_kinds(x.type for x in content.communes)} mở cửa; giờ mở cửa tùy nơi"


def _documents_fact(p: m.Procedure) -> str:
    """`3 giấy tờ (01 bộ hồ sơ), thêm 1 giấy tờ tùy trường hợp`: what to bring, counted."""
    if not m.is_stated(p.documents):
        return m.NOT_STATED_LABEL
    items = [d for group in m.listed(p.documents) for d in group.items]
    always = sum(1 for d in items if not d.condition)
    sometimes = len(items) - always
    sets = f" ({dossier_sets(p.dossier_sets)} hồ sơ)" if m.is_stated(p.dossier_sets) else ""
    return f"{always} giấy tờ{sets}" + (f", thêm {sometimes} giấy tờ tùy trường hợp" if sometimes else "")


def key_facts(facts: Facts, p: m.Procedure, summary: ProcedureSummary) -> list[KeyFact]:
    """The procedure's answers in a few words, each linking to its section of the page."""
    where = " ".join((stated(p.submission_address) or m.NOT_STATED_LABEL).split())
    where_detail = commune_desks_today(facts) if "xa" in m.listed(p.levels) else None
    if p.online.url:
        online = KeyFact(
            "Nộp trực tuyến",
            "noi-nop",
            f"Có, {summary.online.lower()}",
            button=p.online.url,
            button_text="Bắt đầu nộp hồ sơ trực tuyến",
        )
    else:
        modes = [
            ("qua " if ch.mode == "buu_chinh" else "") + m.CHANNEL_LABELS[ch.mode].lower()
            for ch in p.channels
            if ch.mode in m.CHANNEL_LABELS
        ]
        online = KeyFact("Nộp trực tuyến", "noi-nop", f"Không; nộp {' hoặc '.join(modes)}" if modes else "Không")
    return [
        KeyFact("Phí, lệ phí", "phi", summary.fee),
        KeyFact("Thời hạn giải quyết", "thoi-han", summary.time),
        KeyFact("Nơi nộp hồ sơ", "noi-nop", where, detail=where_detail),
        online,
        KeyFact("Giấy tờ cần mang", "ho-so", _documents_fact(p)),
    ]


def procedure_page(facts: Facts, index: SearchIndex, p: m.Procedure, updated: dict[str, dt.date]) -> ProcedurePage:
    c = facts.content
    channel_fees = [facts.channel_fees(ch) for ch in p.channels]
    channels = [
        ChannelRow(
            mode=ch.mode,
            label=channel_label(ch.mode),
            time=duration(ch.time, facts.level_names),
            fee_headline=fees.headline,
            fees=channel_fee_texts(fees),
            description=inline_text(ch.description) if ch.description else None,
            fees_elsewhere=not ch.fees and p.fees_text is not None,
        )
        for ch, fees in zip(p.channels, channel_fees, strict=True)
    ]
    fee_ids = dict.fromkeys(ref.fee for ch in p.channels for ref in ch.fee_refs())
    documents = _groups(m.listed(p.documents), c.site.base_url)
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
        dossier_sets_counted=isinstance(p.dossier_sets, int),
        documents=documents,
        documents_stated=m.is_stated(p.documents),
        steps=[StepRow(step.title, block_text(step.text)) for step in m.listed(p.steps)],
        fees=[fee_detail(facts.fee_line(fee_id)) for fee_id in fee_ids],
        fees_absent=_fees_absent(channel_fees) if not fee_ids else None,
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
        ld=json_ld(procedure_ld(facts, p)),
        chooser=(
            DeskChooser(urls.data_file("desks.json"), urls.PAGES["communes"])
            if COMMUNE_LEVEL in p.levels and c.communes
            else None
        ),
        channel_lines=channel_lines(channels),
        sheet=PrintSheet(
            authority=c.site.authority.name,
            site=c.site.name,
            page_url=urls.absolute(c.site.base_url, urls.procedure(p.key)),
            qr_file=urls.procedure(p.key) + "qr.svg",
            desk=contact(c.site.contact) if c.site.authority.level in p.levels else None,
            communes_url=urls.absolute(c.site.base_url, urls.PAGES["communes"]) if COMMUNE_LEVEL in p.levels else None,
            time_zone=c.site.time_zone,
            demo=c.site.demo,
        ),
        report=report_link(c.site, urls.procedure(p.key), f"{p.name} ({p.key})"),
        key_facts=key_facts(facts, p, summary),
        record=_record(p, c.site.base_url),
        edit_url=edit_url(c, f"procedure:{p.key}"),
    )
