"""One-line facts of procedures and fees, as lists, search results, open data and change
summaries show them: `ProcedureSummary` (name, sector, levels, time, fee, online service) and
`FeeLine` (a fee in force, in words). Computed once per record and shared by every page."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from . import model as m
from . import urls
from .content import Content
from .format import (
    BY_PROVINCE,
    EXEMPT,
    FREE,
    NOT_STATED,
    channel_label,
    duration_short,
    fee_amount,
    fold,
    in_sentence,
    money,
    number,
    per,
    stated,
    unit_kinds,
)


@dataclass(frozen=True)
class FeeLine:
    """One fee as shown in a channel row or a fee table."""

    id: str
    kind: str  # Phí / Lệ phí
    name: str
    title: str  # the name, after its kind when the name does not start with it ("Phí: …" reads once)
    amount: str  # "2.000 đồng/trang …", "Miễn", "Không thu", "50.000 đồng/lần"
    rule: str | None  # the official wording, as written in the decision
    note: str | None  # the channel's note on this fee
    reductions: list[str]  # each online reduction in force, as a sentence with its note
    exemptions: list[str]  # "Miễn cho: …", "Giảm 50% cho: …"
    set_by: str  # who sets the amount
    fee_note: str | None  # the fee's own note


@dataclass(frozen=True)
class FeePrice:
    """One fee on one channel on the build's day, after the channel's online reduction."""

    id: str
    kind: str  # Phí / Lệ phí
    name: str
    text: str  # "10.000 đồng/giấy", "0 đồng/giấy đến hết ngày 31/12/2026 (giảm 100% …)", "Miễn"
    low: int | None  # đồng for one unit, None when the record gives no number
    high: int | None
    open_ended: bool  # grows with the number of units (pages)
    word: str | None  # the meaning word when not a plain amount: Miễn, Không thu, Do HĐND tỉnh quy định, "50 USD"
    reduced_until: dt.date | None  # when the price is an online reduction with an end date
    note: str | None  # the channel's note on this fee


@dataclass(frozen=True)
class ChannelFees:
    """What one way of submitting costs: every fee's price and one headline."""

    stated: bool  # False when the record does not say (`fees: khong_neu`)
    prices: list[FeePrice]
    headline: str  # "10.000 đồng", "200.000–400.000 đồng", "Từ 2.000 đồng", "Miễn", "Không thu", "Chưa công bố"
    low: int | None
    high: int | None


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

    @property
    def unit_kinds(self) -> str:
        """`xã, thị trấn`: the kinds of commune-level unit this site has, for running text."""
        return unit_kinds(c.type for c in self.content.communes)

    def fee_line(self, fee_id: str, note: str | None = None, area: str | None = None) -> FeeLine:
        """A fee in force, in words; with `area` (a commune type), its local tier there only."""
        cached = self._fee_lines.get(fee_id)
        fee = self.content.fees[fee_id]
        version = fee.version_on(self.today) or fee.versions[-1]
        if cached is None:
            reductions = [
                f"Giảm {r.percent}% khi nộp trực tuyến"
                + (f" đến hết ngày {r.valid_until:%d/%m/%Y}" if r.valid_until else "")
                + "."
                + (f" {r.note}" if r.note else "")
                for r in version.online_reductions
                if r.in_force(self.today)
            ]
            cached = FeeLine(
                id=fee.id,
                kind=m.FEE_KIND_LABELS[fee.kind],
                name=fee.name,
                title=_title(fee),
                amount=fee_amount(version),
                rule=version.rule,
                note=None,
                reductions=reductions,
                exemptions=[
                    (f"{EXEMPT} cho: " if e.percent == 100 else f"Giảm {e.percent}% cho: ") + e.who
                    for e in fee.exemptions
                ],
                set_by=fee.set_by,
                fee_note=fee.note,
            )
            self._fee_lines[fee_id] = cached
        if note or (area and version.by_area):
            return dataclasses.replace(
                cached,
                note=in_sentence(note) if note else None,
                amount=fee_amount(version, area) if area else cached.amount,
            )
        return cached

    def fee_price(self, ref: m.FeeRef, mode: str) -> FeePrice:
        """What `ref`'s fee costs on a channel of `mode` today (the online reduction applied online)."""
        fee = self.content.fees[ref.fee]
        version = fee.version_on(self.today) or fee.versions[-1]
        base = fee_amount(version)
        low: int | None
        high: int | None
        word: str | None = None
        open_ended = version.per_unit is not None
        if version.exempt:
            low = high = 0
            word = EXEMPT
        elif version.set_by_province:
            low = high = None
            word = BY_PROVINCE
        elif version.amount_text is not None:
            low = high = version.amount
            word = version.amount_text
        elif version.per_unit is not None:
            low = high = version.compute(1)
        elif version.by_area is not None:
            low, high = min(a.amount for a in version.by_area), max(a.amount for a in version.by_area)
        else:
            low = high = version.amount or 0
            word = FREE if not version.amount else None
        reduction = next(
            (r for r in version.online_reductions if r.in_force(self.today)),
            None,
        )
        text, until = base, None
        if reduction is not None and mode == "truc_tuyen" and low is not None and word in (None, FREE) and high:
            cut = reduction.percent
            low, high = low - low * cut // 100, (high or 0) - (high or 0) * cut // 100
            word = None
            until = reduction.valid_until
            text = (
                _reduced_amount(version, cut)
                + (f" đến hết ngày {until:%d/%m/%Y}" if until else "")
                + f" (giảm {cut}% khi nộp trực tuyến; mức thu thường: {base})"
            )
        return FeePrice(
            id=fee.id,
            kind=m.FEE_KIND_LABELS[fee.kind],
            name=fee.name,
            text=text,
            low=low,
            high=high,
            open_ended=open_ended,
            word=word,
            reduced_until=until,
            note=ref.note,
        )

    def channel_fees(self, channel: m.Channel) -> ChannelFees:
        """The fees of one way of submitting, with the one headline every surface shows."""
        if isinstance(channel.fees, str):
            return ChannelFees(False, [], NOT_STATED, None, None)
        prices = [self.fee_price(ref, channel.mode) for ref in channel.fees]
        if not prices:
            return ChannelFees(True, [], FREE, 0, 0)
        if any(price.low is None for price in prices):
            return ChannelFees(True, prices, "; ".join(dict.fromkeys(_short(price) for price in prices)), None, None)
        low = sum(price.low or 0 for price in prices)
        high = sum(price.high or 0 for price in prices)
        if high == 0 and all(price.word for price in prices):
            return ChannelFees(True, prices, "; ".join(dict.fromkeys(str(price.word) for price in prices)), 0, 0)
        return ChannelFees(True, prices, amount_range(low, high, any(p.open_ended for p in prices)), low, high)

    def fee_headline(self, p: m.Procedure, channel: m.Channel | None = None) -> str:
        """The fee in one line, for a channel or the whole procedure: the one function every
        surface (key facts, lists, search results, CSV, print) uses.

        Channels that cost the same read as one amount; an online price that differs is named
        (`10.000 đồng (trực tuyến: 0 đồng)`); otherwise the honest range over the channels."""
        if channel is not None:
            return self.channel_fees(channel).headline
        by_channel = [(ch, self.channel_fees(ch)) for ch in p.channels]
        headlines = list(dict.fromkeys(fees.headline for _, fees in by_channel))
        if len(headlines) == 1:
            return headlines[0]
        offline = list(dict.fromkeys(fees.headline for ch, fees in by_channel if ch.mode != "truc_tuyen"))
        online = list(dict.fromkeys(fees.headline for ch, fees in by_channel if ch.mode == "truc_tuyen"))
        if len(offline) == 1 and len(online) == 1:
            return f"{offline[0]} (trực tuyến: {online[0]})"
        lows = [fees.low for _, fees in by_channel]
        highs = [fees.high for _, fees in by_channel]
        if all(x is not None for x in lows + highs):
            open_ended = any(price.open_ended for _, fees in by_channel for price in fees.prices)
            return amount_range(min(x or 0 for x in lows), max(x or 0 for x in highs), open_ended)
        return "; ".join(f"{channel_label(ch.mode)}: {fees.headline}" for ch, fees in by_channel)

    def summary(self, p: m.Procedure) -> ProcedureSummary:
        cached = self._summaries.get(p.key)
        if cached is not None:
            return cached
        first = p.channels[0]
        fee_text = self.fee_headline(p)
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


def _title(fee: m.Fee) -> str:
    kind = m.FEE_KIND_LABELS[fee.kind]
    return fee.name if fold(fee.name).startswith(fold(kind)) else f"{kind}: {fee.name}"


def amount_range(low: int, high: int, open_ended: bool = False) -> str:
    """`10.000 đồng`, `200.000–400.000 đồng`, or `Từ 2.000 đồng` for an amount that grows."""
    if open_ended:
        return f"Từ {money(low)}"
    return money(low) if low == high else f"{number(low)}–{money(high)}"


def _short(price: FeePrice) -> str:
    if price.word is not None and price.low is None:
        return price.word
    if price.word is not None and price.low is not None:
        return f"{price.word} ({money(price.low)})"
    return amount_range(price.low or 0, price.high or 0, price.open_ended)


def _reduced_amount(version: m.FeeVersion, percent: int) -> str:
    """The schedule with every amount reduced by `percent` (a reduced 0 reads `0 đồng`, a price,
    not `Không thu`, which is a stated zero)."""

    def cut(amount: int) -> int:
        return amount - amount * percent // 100

    if version.per_unit is not None:
        unit = version.per_unit
        tiers = [tier.model_copy(update={"amount": cut(tier.amount)}) for tier in unit.tiers]
        reduced = unit.model_copy(update={"tiers": tiers, "cap": None if unit.cap is None else cut(unit.cap)})
        return fee_amount(version.model_copy(update={"per_unit": reduced}))
    if version.by_area is not None:
        areas = [area.model_copy(update={"amount": cut(area.amount)}) for area in version.by_area]
        return fee_amount(version.model_copy(update={"by_area": areas}))
    return per(cut(version.amount or 0), version.per)
