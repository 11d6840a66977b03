"""Reference pages: the fee table, documents and forms, legal texts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import ClassVar

from .. import model as m
from .. import urls
from ..facts import Facts, ProcedureSummary
from ..format import anchor, as_of, citation, date_vi, fee_amount, fold, legal_date, period, sort_key
from .page import edit_url
from .procedure import FeeDetail, fee_detail


@dataclass(frozen=True)
class FeeVersionRow:
    state: str  # "Đang áp dụng", "Áp dụng từ 01/01/2027", "Hết hiệu lực từ …"
    period: str | None  # "từ 01/01/2017 đến 31/12/2026", when the version has a start
    amount: str  # the schedule in words: "50.000 đồng/giấy phép", "Miễn", each local tier
    rule: str | None  # the official wording, as written
    basis: str  # the legal texts it rests on, by number


@dataclass(frozen=True)
class FeeEntry:
    fee: FeeDetail
    versions: list[FeeVersionRow]  # oldest first
    timeline: bool  # several versions: shown as a table
    basis: str | None  # with a single version, its legal basis
    users: list[ProcedureSummary]
    edit_url: str | None = None  # its file in GitHub's web editor, when site.yaml names the repository


@dataclass(frozen=True)
class FeeGroup:
    title: str
    fees: list[FeeEntry]


@dataclass(frozen=True)
class FeeTablePage:
    template: ClassVar[str] = "fees.html"

    as_of: str  # which schedule is in force depends on the build's day

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
    template: ClassVar[str] = "documents.html"

    documents: list[DocumentEntry]
    forms: list[FormEntry]


@dataclass(frozen=True)
class FeeLink:
    name: str
    url: str  # its entry in the fee table


@dataclass(frozen=True)
class LegalEntry:
    number: str
    anchor: str
    heading: str  # "Nghị định 123/2015/NĐ-CP"
    title: str
    issuer: str
    date: str
    url: str | None
    procedures: list[ProcedureSummary]
    fees: list[FeeLink]


@dataclass(frozen=True)
class LegalPage:
    template: ClassVar[str] = "legal.html"

    entries: list[LegalEntry]


def _state(version: m.FeeVersion, today: dt.date) -> str:
    if version.in_force(today):
        return "Đang áp dụng"
    if version.valid_from and version.valid_from > today:
        return f"Áp dụng từ {date_vi(version.valid_from)}"
    return "Hết hiệu lực" + (
        f" từ {date_vi(version.valid_until + dt.timedelta(days=1))}" if version.valid_until else ""
    )


def _version_row(version: m.FeeVersion, today: dt.date) -> FeeVersionRow:
    return FeeVersionRow(
        state=_state(version, today),
        period=period(version.valid_from, version.valid_until) if version.valid_from else None,
        amount=fee_amount(version),
        rule=version.rule,
        basis=", ".join(citation(cite) for cite in version.legal_basis),
    )


def fee_table(facts: Facts) -> FeeTablePage:
    users: dict[str, list[ProcedureSummary]] = defaultdict(list)
    for p in facts.content.procedures:
        for fee_id in dict.fromkeys(ref.fee for ch in p.channels for ref in ch.fee_refs()):
            users[fee_id].append(facts.summary(p))
    groups = []
    for kind, title in m.FEE_KIND_LABELS.items():
        fees = sorted((f for f in facts.content.fees.values() if f.kind == kind), key=lambda f: sort_key(f.name))
        rows = []
        for fee in fees:
            versions = [
                _version_row(version, facts.today)
                for version in sorted(fee.versions, key=lambda v: v.valid_from or dt.date.min)
            ]
            timeline = len(versions) > 1
            basis = None if timeline else next((v.basis for v in versions if v.basis), None)
            entry = FeeEntry(fee_detail(facts.fee_line(fee.id)), versions, timeline, basis, users[fee.id])
            rows.append(replace(entry, edit_url=edit_url(facts.content, f"fee:{fee.id}")))
        if rows:
            groups.append(FeeGroup(title, rows))
    return FeeTablePage(as_of(facts.today), groups)


def documents_page(facts: Facts) -> DocumentsPage:
    # name key → (first spelling, procedures by code); dicts keep order and make this linear.
    by_name: dict[str, tuple[str, dict[str, ProcedureSummary]]] = {}
    by_form: dict[str, tuple[str, dict[str, ProcedureSummary]]] = {}
    for p in facts.content.procedures:
        row = facts.summary(p)
        for group in m.listed(p.documents):
            for doc in group.items:
                by_name.setdefault(fold(doc.name), (doc.name, {}))[1][p.key] = row
                if doc.form and doc.form.file:
                    by_form.setdefault(doc.form.file, (doc.form.name or doc.form.file, {}))[1][p.key] = row
    documents = [
        DocumentEntry(name, anchor(name), list(rows.values()))
        for name, rows in sorted(by_name.values(), key=lambda v: sort_key(v[0]))
    ]
    forms_dir = facts.content.root / m.FORMS_FOLDER
    forms = [
        FormEntry(
            file=file,
            name=by_form.get(file, (file, {}))[0],
            url=urls.form(file),
            size_kb=max(1, round((forms_dir / file).stat().st_size / 1024)),
            procedures=list(by_form.get(file, ("", {}))[1].values()),
        )
        for file in sorted(facts.content.forms, key=sort_key)
    ]
    return DocumentsPage(documents, forms)


def legal_page(facts: Facts) -> LegalPage:
    users: dict[str, dict[str, ProcedureSummary]] = defaultdict(dict)
    fee_users: dict[str, list[FeeLink]] = defaultdict(list)
    for p in facts.content.procedures:
        for cite in m.listed(p.legal_basis):
            if cite.doc:  # a law cited by name only has no entry on this page
                users[cite.doc][p.key] = facts.summary(p)
    for fee in sorted(facts.content.fees.values(), key=lambda f: sort_key(f.name)):
        cited = (
            {c.doc for v in fee.versions for c in v.legal_basis}
            | {c.doc for v in fee.versions for r in v.online_reductions for c in r.legal_basis}
            | {c.doc for e in fee.exemptions for c in e.legal_basis}
        ) - {None}
        for doc_number in cited:
            fee_users[str(doc_number)].append(FeeLink(fee.name, urls.fee(fee.id)))
    docs = sorted(
        facts.content.legal.values(),
        key=lambda d: (d.date if isinstance(d.date, dt.date) else dt.date.min, d.number),
        reverse=True,
    )
    return LegalPage(
        [
            LegalEntry(
                number=d.number,
                anchor=anchor(d.number),
                heading=f"{d.kind} {d.number}" if d.kind else d.number,
                title=d.title,
                issuer=d.issuer,
                date=legal_date(d.date),
                url=d.url,
                procedures=list(users[d.number].values()),
                fees=fee_users[d.number],
            )
            for d in docs
        ]
    )
