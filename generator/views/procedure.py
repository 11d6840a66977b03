"""The procedure page: everything a citizen needs to do one thủ tục."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import ClassVar

from .. import model as m
from .. import urls
from ..facts import Facts, FeeLine, ProcedureSummary
from ..outputs.jsonld import json_ld, procedure_ld
from ..search_index import SearchData, SearchIndex


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


@dataclass(frozen=True)
class ProcedurePage:
    template: ClassVar[str] = "procedure.html"

    procedure: m.Procedure
    summary: ProcedureSummary
    field: m.Sector
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


def calculators(facts: Facts, p: m.Procedure) -> list[Calculator]:
    seen: dict[str, Calculator] = {}
    for channel in p.channels:
        for ref in channel.fees:
            version = facts.content.fees[ref.fee].version_on(facts.today)
            if version is None or version.per_unit is None or ref.fee in seen:
                continue
            unit = version.per_unit
            seen[ref.fee] = Calculator(
                fee_id=ref.fee,
                name=facts.content.fees[ref.fee].name,
                unit=unit.unit,
                per=version.per,
                tiers=[(t.from_, t.to, t.amount) for t in unit.tiers],
                cap=unit.cap,
                examples=[(n, version.compute(n)) for n in (1, 5, 250)],
            )
    return list(seen.values())


def procedure_page(facts: Facts, index: SearchIndex, p: m.Procedure, updated: dict[str, dt.date]) -> ProcedurePage:
    c = facts.content
    channels = [
        ChannelRow(
            mode=ch.mode,
            label=m.CHANNEL_LABELS[ch.mode],
            time=ch.time,
            fees=[facts.fee_line(ref.fee, ref.note) for ref in ch.fees],
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
                    form_url=urls.form(d.form.file) if d.form else None,
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
            LegalRef(doc.number, doc.title, doc.issuer, doc.date, doc.url, cite.article, urls.legal(doc.number))
        )
    a = p.agencies
    summary = facts.summary(p)
    return ProcedurePage(
        procedure=p,
        summary=summary,
        field=c.sectors[p.field],
        levels=[facts.level_names[level] for level in p.levels],
        executing=[c.agencies[x] for x in a.executing],
        deciding=c.agencies[a.deciding] if a.deciding else None,
        delegated=c.agencies[a.delegated] if a.delegated else None,
        coordinating=[c.agencies[x] for x in a.coordinating],
        channels=channels,
        fees=list({f.id: f for ch in channels for f in ch.fees}.values()),
        online_level=m.ONLINE_LEVEL_LABELS[p.online.level],
        documents=documents,
        legal=legal,
        related=[facts.summary(facts.by_code[code]) for code in p.related],
        calculators=calculators(facts, p),
        in_force=p.in_force(facts.today),
        search=index.data(p, summary),
        updated=updated.get(c.files.get(f"procedure:{p.code}", ""), p.last_reviewed),
        ld=json_ld(procedure_ld(c, p)),
    )
