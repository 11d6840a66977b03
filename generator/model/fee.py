"""Fees (`fees/*.yaml`): a phí or lệ phí, its schedules over time, reductions and exemptions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .base import ChangeNote, Model, Unique, Validity, change_note_field, fact_error, folded
from .site import LegalCitation
from .types import Count, Id, LongText, Money, Text
from .vocabulary import FeeKind

_CITATIONS = Unique(lambda c: (c.doc or c.name, c.article))


def _day(day: dt.date | None, missing: str, before: str = "") -> str:
    return before + day.strftime("%d/%m/%Y") if day else missing


class Tier(Model):
    label: ClassVar[str] = "Bậc tính phí"
    help: ClassVar[str] = (
        "Một bậc của biểu phí tính theo đơn vị: từ đơn vị thứ mấy đến thứ mấy, mỗi đơn vị bao nhiêu đồng."
    )

    from_: Count = Field(alias="from", title="Từ đơn vị thứ", description="Bậc đầu tiên bắt đầu từ 1.")
    to: Count | None = Field(None, title="Đến đơn vị thứ", description="Để trống ở bậc cuối.")
    amount: Money = Field(title="Số tiền mỗi đơn vị (đồng)")

    model_config = ConfigDict(populate_by_name=False)


class PerUnit(Model):
    """Pricing per unit with tiers and a cap, e.g. the copy-certification fee."""

    label: ClassVar[str] = "Mức thu theo đơn vị"
    help: ClassVar[str] = "Biểu phí tính theo số đơn vị (ví dụ số trang), có các bậc và mức tối đa."

    unit: Text = Field(title="Đơn vị tính", description="Ví dụ `trang`.")
    tiers: list[Tier] = Field(min_length=1, title="Các bậc")
    cap: Money | None = Field(None, title="Mức tối đa (đồng)", description="Mức thu tối đa cho mỗi `per`.")

    @model_validator(mode="after")
    def _contiguous(self) -> PerUnit:
        expected = 1
        for index, tier in enumerate(self.tiers):
            last = index == len(self.tiers) - 1
            if (
                tier.from_ != expected
                or (tier.to is None and not last)
                or (tier.to is not None and tier.to < tier.from_)
            ):
                raise PydanticCustomError(
                    "tier-order",
                    "bậc thứ {n} không liền với bậc trước: cần bắt đầu từ {unit} thứ {expected}",
                    {"n": index + 1, "unit": self.unit, "expected": expected},
                )
            expected = (tier.to or 0) + 1
        final = self.tiers[-1]
        if final.to is not None:
            # Units past a bounded last tier would be charged nothing, silently.
            raise fact_error(
                "tier-order",
                "bậc cuối dừng ở {unit} thứ {to}; bậc cuối phải để trống `to` để áp dụng cho mọi {unit} tiếp theo",
                ("tiers", len(self.tiers) - 1),
                unit=self.unit,
                to=final.to,
            )
        return self

    @model_validator(mode="after")
    def _cap_above_tiers(self) -> PerUnit:
        if self.cap is None:
            return self
        highest = max(tier.amount for tier in self.tiers)
        if self.cap == 0 or self.cap < highest:
            raise fact_error(
                "fee-cap",
                "mức tối đa {cap} đồng "
                + ("bằng 0" if self.cap == 0 else "thấp hơn mức {highest} đồng cho một {unit} của một bậc")
                + "; biểu phí như vậy không bao giờ thu đúng như các bậc ghi",
                ("cap",),
                cap=self.cap,
                highest=highest,
                unit=self.unit,
            )
        return self


class OnlineReduction(Validity):
    """A reduction for online submission, e.g. 50 % until 31/12/2026."""

    label: ClassVar[str] = "Giảm khi nộp trực tuyến"
    help: ClassVar[str] = "Tỷ lệ giảm phí, lệ phí khi nộp hồ sơ trực tuyến, trong một khoảng thời gian."

    percent: Annotated[int, Field(ge=1, le=100)] = Field(
        title="Tỷ lệ giảm (%)", description="100 nghĩa là miễn khi nộp trực tuyến."
    )
    legal_basis: Annotated[list[LegalCitation], _CITATIONS] = Field(default_factory=list, title="Căn cứ pháp lý")
    note: LongText | None = Field(None, title="Ghi chú")


class Exemption(Model):
    label: ClassVar[str] = "Miễn, giảm"
    help: ClassVar[str] = "Đối tượng được miễn hoặc giảm phí, lệ phí và tỷ lệ miễn, giảm."

    who: Text = Field(title="Đối tượng được miễn, giảm")
    percent: Annotated[int, Field(ge=1, le=100)] = Field(100, title="Tỷ lệ miễn, giảm (%)")
    legal_basis: Annotated[list[LegalCitation], _CITATIONS] = Field(default_factory=list, title="Căn cứ pháp lý")


class FeeVersion(Validity):
    """One schedule of a fee, in force between two dates."""

    label: ClassVar[str] = "Mức thu"
    help: ClassVar[str] = "Một mức thu, có hiệu lực trong một khoảng thời gian."

    amount: Money | None = Field(
        None,
        title="Mức thu (đồng)",
        description="Số nguyên đồng, viết liền: `50000`. `0` là không thu.",
        examples=[50000],
    )
    per_unit: PerUnit | None = Field(None, title="Tính theo đơn vị", description="Dùng thay cho `amount`.")
    per: Text = Field("lần", title="Tính cho mỗi", description="Ví dụ `bản`, `lần`, `giấy phép`, `trường hợp`.")
    rule: LongText = Field(title="Quy định thu", description="Lời văn của quy định, như trong văn bản.")
    legal_basis: Annotated[list[LegalCitation], _CITATIONS] = Field(default_factory=list, title="Căn cứ pháp lý")
    online_reductions: list[OnlineReduction] = Field(default_factory=list, title="Giảm khi nộp trực tuyến")

    @model_validator(mode="after")
    def _one_pricing(self) -> FeeVersion:
        if (self.amount is None) == (self.per_unit is None):
            raise PydanticCustomError(
                "one-of", "mức thu cần đúng một trong hai: `amount` (số tiền) hoặc `per_unit` (theo đơn vị)"
            )
        return self

    @model_validator(mode="after")
    def _reductions_apply(self) -> FeeVersion:
        start, end = self.valid_from or dt.date.min, self.valid_until or dt.date.max
        for index, reduction in enumerate(self.online_reductions):
            if (reduction.valid_until or dt.date.max) < start or end < (reduction.valid_from or dt.date.min):
                raise fact_error(
                    "outside-validity",
                    "mức giảm {percent}% ({since}–{until}) không trùng ngày nào với mức thu"
                    " ({start}–{end}) nên không bao giờ được áp dụng",
                    ("online_reductions", index),
                    percent=reduction.percent,
                    since=_day(reduction.valid_from, "…"),
                    until=_day(reduction.valid_until, "…"),
                    start=_day(self.valid_from, "…"),
                    end=_day(self.valid_until, "…"),
                )
        # Two reductions on one day: the calculator would silently apply the first written.
        ordered = sorted(enumerate(self.online_reductions), key=lambda pair: pair[1].valid_from or dt.date.min)
        longest: OnlineReduction | None = None  # of those starting earlier, the one ending last
        for index, reduction in ordered:
            if longest is not None and (reduction.valid_from or dt.date.min) <= (longest.valid_until or dt.date.max):
                raise fact_error(
                    "fee-overlap",
                    "mức giảm {percent}% khi nộp trực tuyến ({since}) trùng thời gian với mức giảm {other}% ({until});"
                    " mỗi ngày chỉ áp dụng một mức giảm",
                    ("online_reductions", index),
                    percent=reduction.percent,
                    since=_day(reduction.valid_from, "không ghi ngày bắt đầu", "từ ngày "),
                    other=longest.percent,
                    until=_day(longest.valid_until, "không thời hạn", "đến hết ngày "),
                )
            if longest is None or (longest.valid_until or dt.date.max) < (reduction.valid_until or dt.date.max):
                longest = reduction
        return self

    def compute(self, quantity: int = 1, copies: int = 1, online: bool = False, on: dt.date | None = None) -> int:
        """The amount due in đồng, e.g. for `quantity` pages and `copies` copies."""
        if self.per_unit is None:
            each = self.amount or 0
        else:
            each = 0
            for tier in self.per_unit.tiers:
                top = quantity if tier.to is None else min(quantity, tier.to)
                if top >= tier.from_:
                    each += (top - tier.from_ + 1) * tier.amount
            if self.per_unit.cap is not None:
                each = min(each, self.per_unit.cap)
        total = each * copies
        if online:
            for reduction in self.online_reductions:
                if on is None or reduction.in_force(on):
                    total -= total * reduction.percent // 100
                    break
        return total


class Fee(Model):
    """`content/fees/*.yaml`: a phí or lệ phí and its schedules over time."""

    label: ClassVar[str] = "Khoản phí, lệ phí"
    help: ClassVar[str] = "Một khoản phí hoặc lệ phí và các mức thu theo thời gian (content/fees/)."

    id: Id = Field(title="Mã khoản phí")
    name: Text = Field(title="Tên khoản phí, lệ phí")
    kind: FeeKind = Field(title="Loại", description="`phi` (Phí) hoặc `le_phi` (Lệ phí).")
    set_by: Text = Field(title="Cơ quan quy định mức thu", description="Ví dụ `Bộ Tài chính`, `HĐND tỉnh Thái Bình`.")
    versions: list[FeeVersion] = Field(
        min_length=1,
        title="Các mức thu theo thời gian",
        description="Mức cũ và mức mới cùng nằm ở đây; trang hiển thị mức đang có hiệu lực.",
    )
    exemptions: Annotated[list[Exemption], Unique(lambda e: folded(e.who))] = Field(
        default_factory=list, title="Đối tượng miễn, giảm"
    )
    note: LongText | None = Field(None, title="Ghi chú")
    change_note: ChangeNote | None = change_note_field()

    def version_on(self, on: dt.date) -> FeeVersion | None:
        for version in self.versions:
            if version.in_force(on):
                return version
        return None

    def compute(self, on: dt.date, quantity: int = 1, copies: int = 1, online: bool = False) -> int | None:
        """The amount due on a date; None when no schedule is in force then."""
        version = self.version_on(on)
        return None if version is None else version.compute(quantity, copies, online, on)
