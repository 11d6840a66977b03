"""Communes (`communes/*.yaml`): a xã, phường or thị trấn, its one-stop desk, office hours,
duty roster, reception of citizens, closures and merger history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, ClassVar

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import (
    ChangeNote,
    Model,
    NonZero,
    Unique,
    Validity,
    change_note_field,
    check_email,
    fact_error,
    folded,
)
from .site import Closure, hours_in_order
from .types import Area, Count, GitHubHandle, Id, LongText, Phone, Text, TimeRange
from .vocabulary import COMMUNE_TYPE_LABELS, WEEKDAY_LABELS, WEEKDAYS, CommuneType, Weekday

_POPULATION = NonZero("nếu chưa có số liệu dân số, bỏ trường này")


def _dates_in_force(record: Validity, dates: list[dt.date]) -> None:
    for index, day in enumerate(dates):
        if not record.in_force(day):
            raise fact_error(
                "outside-validity",
                "ngày {day} nằm ngoài thời gian hiệu lực của dòng này ({start}–{end}), nên không bao giờ được hiển thị",
                ("dates", index),
                day=day.strftime("%d/%m/%Y"),
                start=record.valid_from.strftime("%d/%m/%Y") if record.valid_from else "…",
                end=record.valid_until.strftime("%d/%m/%Y") if record.valid_until else "…",
            )


class OfficeHours(Model):
    label: ClassVar[str] = "Giờ làm việc"
    help: ClassVar[str] = "Giờ làm việc của Bộ phận Một cửa trong các ngày nêu."

    renamed: ClassVar[dict[str, str]] = {"days": "weekdays"}

    weekdays: Annotated[list[Weekday], Unique()] = Field(min_length=1, title="Các ngày", description="`t2`…`t7`, `cn`.")
    morning: TimeRange | None = Field(None, title="Buổi sáng", description='Ví dụ `"07:30-11:30"`.')
    afternoon: TimeRange | None = Field(None, title="Buổi chiều", description='Ví dụ `"13:30-17:00"`.')

    @model_validator(mode="after")
    def _some_block(self) -> OfficeHours:
        if self.morning is None and self.afternoon is None:
            raise PydanticCustomError("missing-field", "cần ít nhất `morning` hoặc `afternoon`")
        if self.morning and self.afternoon and self.afternoon[:5] < self.morning[6:]:
            raise fact_error(
                "hours-order",
                "buổi sáng `{morning}` và buổi chiều `{afternoon}` "
                + ("bị đảo ngược" if self.afternoon < self.morning else "chồng lên nhau")
                + "; buổi sáng phải kết thúc trước khi buổi chiều bắt đầu",
                ("afternoon",),
                morning=self.morning,
                afternoon=self.afternoon,
            )
        return self


class DutyShift(Validity):
    """Lịch trực: who is on duty at the desk, on which weekdays or dates."""

    label: ClassVar[str] = "Lịch trực"
    help: ClassVar[str] = "Một dòng của lịch trực."

    person: Text = Field(title="Người trực")
    title: Text = Field(title="Chức danh")
    weekdays: Annotated[list[Weekday], Unique()] = Field(default_factory=list, title="Trực các ngày trong tuần")
    dates: Annotated[list[dt.date], Unique()] = Field(default_factory=list, title="Trực các ngày cụ thể")
    hours: TimeRange | None = Field(None, title="Khung giờ", description="Để trống nếu trực cả ngày làm việc.")
    tasks: LongText | None = Field(None, title="Nhiệm vụ", description="Ví dụ `Tiếp nhận hồ sơ hộ tịch, chứng thực`.")

    @model_validator(mode="after")
    def _when(self) -> DutyShift:
        if not self.weekdays and not self.dates:
            raise PydanticCustomError("missing-field", "cần `weekdays` (lặp hằng tuần) hoặc `dates` (ngày cụ thể)")
        _dates_in_force(self, self.dates)
        return self


class Reception(Validity):
    """Lịch tiếp công dân."""

    label: ClassVar[str] = "Lịch tiếp công dân"
    help: ClassVar[str] = "Một dòng của lịch tiếp công dân."

    person: Text = Field(title="Người tiếp")
    title: Text = Field(title="Chức danh")
    weekdays: Annotated[list[Weekday], Unique()] = Field(default_factory=list, title="Các ngày trong tuần")
    month_days: Annotated[list[Annotated[int, Field(ge=1, le=31)]], Unique()] = Field(
        default_factory=list, title="Các ngày trong tháng"
    )
    dates: Annotated[list[dt.date], Unique()] = Field(default_factory=list, title="Các ngày cụ thể")
    hours: Annotated[list[TimeRange], Unique()] = Field(default_factory=list, title="Khung giờ")
    place: Text | None = Field(None, title="Địa điểm")
    note: LongText | None = Field(
        None, title="Ghi chú", description="Ví dụ: nếu trùng ngày lễ thì chuyển sang ngày làm việc kế tiếp."
    )

    @model_validator(mode="after")
    def _when(self) -> Reception:
        if not (self.weekdays or self.month_days or self.dates):
            raise PydanticCustomError("missing-field", "cần `weekdays`, `month_days` hoặc `dates`")
        hours_in_order(self.hours, "hours")
        _dates_in_force(self, self.dates)
        return self


class FormerUnit(Model):
    label: ClassVar[str] = "Đơn vị cũ"
    help: ClassVar[str] = "Một xã, phường, thị trấn cũ đã được sáp nhập, với diện tích và dân số khi sáp nhập."

    name: Text = Field(title="Tên đơn vị cũ", description="Ví dụ `xã An Bồi`.")
    area_km2: Area | None = Field(None, title="Diện tích (km²)")
    population: Annotated[Count, _POPULATION] | None = Field(None, title="Dân số")


class Merger(Model):
    label: ClassVar[str] = "Sáp nhập"
    help: ClassVar[str] = "Một lần sắp xếp đơn vị hành chính: ngày có hiệu lực, nghị quyết và các đơn vị cũ."

    date: dt.date = Field(title="Ngày có hiệu lực")
    decision: Text = Field(title="Nghị quyết", description="Ví dụ `892/NQ-UBTVQH14`.")
    formed_from: Annotated[list[FormerUnit], Unique(lambda unit: folded(unit.name))] = Field(
        min_length=1, title="Hình thành từ"
    )
    note: LongText | None = Field(None, title="Ghi chú")


class Commune(Model):
    """`content/communes/*.yaml`: a xã, phường or thị trấn and its one-stop desk."""

    label: ClassVar[str] = "Xã, phường, thị trấn"
    help: ClassVar[str] = "Một xã, phường, thị trấn và Bộ phận Một cửa của đơn vị (content/communes/)."

    id: Id = Field(title="Mã xã, phường")
    name: Text = Field(title="Tên", description="Không kèm loại, ví dụ `Vũ Ninh`.")
    type: CommuneType = Field(title="Loại đơn vị", description="`xa`, `phuong`, `thi_tran` hoặc `dac_khu`.")
    address: Text = Field(title="Địa chỉ trụ sở")
    phone: Phone | None = Field(None, title="Điện thoại bộ phận một cửa")
    email: Text | None = Field(None, title="Thư điện tử")
    desk: Text = Field(title="Tên bộ phận tiếp nhận", description="Ví dụ `Bộ phận Một cửa UBND xã Vũ Ninh`.")
    office_hours: list[OfficeHours] = Field(min_length=1, title="Giờ làm việc")
    duty: list[DutyShift] = Field(default_factory=list, title="Lịch trực")
    reception: list[Reception] = Field(default_factory=list, title="Lịch tiếp công dân")
    closures: list[Closure] = Field(default_factory=list, title="Ngày nghỉ và ngoại lệ")
    history: list[Merger] = Field(default_factory=list, title="Lịch sử sáp nhập")
    merged_into: Id | None = Field(None, title="Đã sáp nhập vào", description="`id` của xã, phường mới.")
    merged_on: dt.date | None = Field(None, title="Ngày sáp nhập")
    population: Annotated[Count, _POPULATION] | None = Field(None, title="Dân số")
    area_km2: Area | None = Field(None, title="Diện tích (km²)")
    # None when unset, so that open data (which leaves out empty values) does not carry it.
    editors: Annotated[list[GitHubHandle], Unique()] | None = Field(
        None,
        title="Người duyệt thay đổi",
        description="Tài khoản GitHub của cán bộ xã, phường duyệt thay đổi tệp này (tệp `.github/CODEOWNERS`).",
    )
    change_note: ChangeNote | None = change_note_field()

    _email = field_validator("email")(check_email)

    @model_validator(mode="after")
    def _merger(self) -> Commune:
        if self.merged_into == self.id:
            raise fact_error(
                "self-reference", "xã, phường `{id}` được ghi là sáp nhập vào chính nó", ("merged_into",), id=self.id
            )
        if self.merged_on and not self.merged_into:
            raise fact_error(
                "merged-without-target",
                "có ngày sáp nhập {day} nhưng không ghi sáp nhập vào đâu (`merged_into`)",
                ("merged_on",),
                day=self.merged_on.strftime("%d/%m/%Y"),
            )
        return self

    @model_validator(mode="after")
    def _weekday_once(self) -> Commune:
        # Each weekday's hours are in one block: with a day in two blocks, the page would list
        # both blocks' hours for that day, and which the clerk meant is anyone's guess.
        block_of: dict[str, int] = {}
        for b_index, hours in enumerate(self.office_hours):
            for d_index, day in enumerate(hours.weekdays):
                if day in block_of:
                    raise fact_error(
                        "weekday-twice",
                        "{day} đã có giờ làm việc ở khối thứ {first}; mỗi ngày chỉ ghi ở một khối",
                        ("office_hours", b_index, "weekdays", d_index),
                        day=WEEKDAY_LABELS[day],
                        first=block_of[day] + 1,
                    )
                block_of[day] = b_index
        return self

    @property
    def full_name(self) -> str:
        return f"{COMMUNE_TYPE_LABELS[self.type]} {self.name}"

    def closure_on(self, day: dt.date, calendar: Sequence[Closure] = ()) -> Closure | None:
        """The closure or dated exception covering `day`, if any: the commune's own first (the
        first written wins), then those of the whole site's `calendar` (public holidays)."""
        return next((closure for closure in (*self.closures, *calendar) if closure.covers(day)), None)

    def hours_on(self, day: dt.date, calendar: Sequence[Closure] = ()) -> list[str]:
        """The desk's opening hours on `day` (`["07:30-11:30", …]`); empty when closed."""
        closure = self.closure_on(day, calendar)
        weekday = WEEKDAYS[day.weekday()]
        if closure is not None:
            if closure.open_hours or closure.works_like is None:
                return list(closure.open_hours)
            weekday = closure.works_like  # a make-up working day (làm bù): that weekday's hours
        return [
            block
            for hours in self.office_hours
            if weekday in hours.weekdays
            for block in (hours.morning, hours.afternoon)
            if block
        ]

    def on_duty(self, day: dt.date) -> list[DutyShift]:
        """Who the roster puts at the desk on `day` (whether or not the desk is open)."""
        weekday = WEEKDAYS[day.weekday()]
        return [d for d in self.duty if d.in_force(day) and (weekday in d.weekdays or day in d.dates)]
