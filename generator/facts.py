"""One-line facts of procedures and fees, as lists, search results, open data and change
summaries show them: `ProcedureSummary` (name, sector, levels, time, fee, online service) and
`FeeLine` (a fee in force, in words). Computed once per record and shared by every page."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from . import model as m
from . import urls
from .content import Content
from .format import duration_short, fee_amount, fold, money, stated


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
    folded: str
    # "Đã bãi bỏ", "Tạm dừng", "Không còn hiệu lực" for a procedure not in force on the build's
    # day, so every list marks it (its own page says so too); None when it is in force.
    not_in_force: str | None = None  # name, code and keywords without accents, for the list filter


class Facts:
    """The content with its one-line facts, computed on first use and kept.

    `mkdocs serve` hands in the previous build's facts and the procedures whose summaries still
    hold (`unchanged`: the same record objects as before, see `views.site_map`); their summaries,
    and the lines of fees that are the same objects, are taken over instead of computed again."""

    def __init__(
        self, content: Content, previous: Facts | None = None, unchanged: frozenset[str] = frozenset()
    ) -> None:
        self.content = content
        self.today = content.today
        self.level_names = {level.id: level.name for level in content.site.levels}
        self.by_code = content.by_code
        self._summaries: dict[str, ProcedureSummary] = {}
        self._fee_lines: dict[str, FeeLine] = {}
        if previous is not None and previous.today == self.today and previous.content.site is content.site:
            self._summaries = {code: s for code, s in previous._summaries.items() if code in unchanged}
            self._fee_lines = {
                fee_id: line
                for fee_id, line in previous._fee_lines.items()
                if content.fees.get(fee_id) is previous.content.fees.get(fee_id)
            }

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
                amount=fee_amount(version),
                rule=version.rule,
                note=None,
                reductions=reductions,
                exemptions=[e.who for e in fee.exemptions],
            )
            self._fee_lines[fee_id] = cached
        if note:
            return dataclasses.replace(cached, note=note)
        return cached

    def summary(self, p: m.Procedure) -> ProcedureSummary:
        cached = self._summaries.get(p.key)
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
            code=stated(p.code) or "",
            name=p.name,
            url=urls.procedure(p.key),
            field=self.content.sectors[p.field].name,
            field_url=urls.sector(p.field),
            levels=", ".join(self.level_names[level] for level in m.listed(p.levels)) or m.NOT_STATED_LABEL,
            time=duration_short(first.time, self.level_names),
            fee=fee_text,
            online=m.ONLINE_LEVEL_LABELS.get(p.online.level, m.NOT_STATED_LABEL),
            folded=fold(" ".join([p.name, p.key, *p.keywords])),
            not_in_force=None
            if p.in_force(self.today)
            else (m.STATUS_LABELS[p.status] if p.status != "dang_ap_dung" else "Không còn hiệu lực"),
        )
        self._summaries[p.key] = summary
        return summary
