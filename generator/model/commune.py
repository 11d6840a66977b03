"""Communes (`communes/*.yaml`): a xã, phường or thị trấn, its one-stop desk, office hours,
duty roster, reception of citizens, closures and merger history."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Model, Validity, date_range
from .types import Area, Count, Id, LongText, Phone, Text, TimeRange
from .vocabulary import COMMUNE_TYPE_LABELS, WEEKDAYS, CommuneType, Weekday


class OfficeHours(Model):
    label: ClassVar[str] = "Giờ làm việc"
    help: ClassVar[str] = "Giờ làm việc của Bộ phận Một cửa trong các ngày nêu."

    renamed: ClassVar[dict[str, str]] = {"days": "weekdays"}

    weekdays: list[Weekday] = Field(min_length=1, title="Các ngày", description="`t2`…`t7`, `cn`.")
    morning: TimeRange | None = Field(None, title="Buổi sáng", description='Ví dụ `"07:30-11:30"`.')
    afternoon: TimeRange | None = Field(None, title="Buổi chiều", description='Ví dụ `"13:30-17:00"`.')

    @model_validator(mode="after")
    def _some_block(self) -> OfficeHours:
        if self.morning is None and self.afternoon is None:
            raise PydanticCustomError("missing-field", "cần ít nhất `morning` hoặc `afternoon`")
        return self


class DutyShift(Validity):
    """Lịch trực: who is on duty at the desk, on which weekdays or dates."""

    label: ClassVar[str] = "Lịch trực"
    help: ClassVar[str] = "Một dòng của lịch trực."

    person: Text = Field(title="Người trực")
    title: Text = Field(title="Chức danh")
    weekdays: list[Weekday] = Field(default_factory=list, title="Trực các ngày trong tuần")
    dates: list[dt.date] = Field(default_factory=list, title="Trực các ngày cụ thể")
    hours: TimeRange | None = Field(None, title="Khung giờ", description="Để trống nếu trực cả ngày làm việc.")
    tasks: LongText | None = Field(None, title="Nhiệm vụ", description="Ví dụ `Tiếp nhận hồ sơ hộ tịch, chứng thực`.")

    @model_validator(mode="after")
    def _when(self) -> DutyShift:
        if not self.weekdays and not self.dates:
            raise PydanticCustomError("missing-field", "cần `weekdays` (lặp hằng tuần) hoặc `dates` (ngày cụ thể)")
        return self


class Reception(Validity):
    """Lịch tiếp công dân."""

    label: ClassVar[str] = "Lịch tiếp công dân"
    help: ClassVar[str] = "Một dòng của lịch tiếp công dân."

    person: Text = Field(title="Người tiếp")
    title: Text = Field(title="Chức danh")
    weekdays: list[Weekday] = Field(default_factory=list, title="Các ngày trong tuần")
    month_days: list[Annotated[int, Field(ge=1, le=31)]] = Field(default_factory=list, title="Các ngày trong tháng")
    dates: list[dt.date] = Field(default_factory=list, title="Các ngày cụ thể")
    hours: list[TimeRange] = Field(default_factory=list, title="Khung giờ")
    place: Text | None = Field(None, title="Địa điểm")
    note: LongText | None = Field(
        None, title="Ghi chú", description="Ví dụ: nếu trùng ngày lễ thì chuyển sang ngày làm việc kế tiếp."
    )

    @model_validator(mode="after")
    def _when(self) -> Reception:
        if not (self.weekdays or self.month_days or self.dates):
            raise PydanticCustomError("missing-field", "cần `weekdays`, `month_days` hoặc `dates`")
        return self


class Closure(Model):
    """A holiday closure or a dated exception to the usual hours."""

    label: ClassVar[str] = "Ngày nghỉ, ngày làm việc khác thường"
    help: ClassVar[str] = "Ngày nghỉ hoặc ngày làm việc khác thường."

    renamed: ClassVar[dict[str, str]] = {"from": "valid_from", "until": "valid_until"}

    valid_from: dt.date = Field(title="Từ ngày")
    valid_until: dt.date | None = Field(None, title="Đến hết ngày", description="Để trống nếu chỉ một ngày.")
    reason: Text = Field(title="Lý do", description="Ví dụ `Nghỉ Tết Nguyên đán`.")
    open_hours: list[TimeRange] = Field(
        default_factory=list, title="Giờ mở cửa trong những ngày này", description="Để trống nếu đóng cửa."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Closure:
        date_range(self.valid_from, self.valid_until)
        return self

    @property
    def last_day(self) -> dt.date:
        return self.valid_until or self.valid_from

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.last_day


class FormerUnit(Model):
    label: ClassVar[str] = "Đơn vị cũ"
    help: ClassVar[str] = "Một xã, phường, thị trấn cũ đã được sáp nhập, với diện tích và dân số khi sáp nhập."

    name: Text = Field(title="Tên đơn vị cũ", description="Ví dụ `xã An Bồi`.")
    area_km2: Area | None = Field(None, title="Diện tích (km²)")
    population: Count | None = Field(None, title="Dân số")


class Merger(Model):
    label: ClassVar[str] = "Sáp nhập"
    help: ClassVar[str] = "Một lần sắp xếp đơn vị hành chính: ngày có hiệu lực, nghị quyết và các đơn vị cũ."

    date: dt.date = Field(title="Ngày có hiệu lực")
    decision: Text = Field(title="Nghị quyết", description="Ví dụ `892/NQ-UBTVQH14`.")
    formed_from: list[FormerUnit] = Field(min_length=1, title="Hình thành từ")
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
    population: Count | None = Field(None, title="Dân số")
    area_km2: Area | None = Field(None, title="Diện tích (km²)")

    @property
    def full_name(self) -> str:
        return f"{COMMUNE_TYPE_LABELS[self.type]} {self.name}"

    def closure_on(self, day: dt.date) -> Closure | None:
        """The closure or dated exception covering `day`, if any (the first written wins)."""
        return next((closure for closure in self.closures if closure.covers(day)), None)

    def hours_on(self, day: dt.date) -> list[str]:
        """The desk's opening hours on `day` (`["07:30-11:30", …]`); empty when closed."""
        closure = self.closure_on(day)
        if closure is not None:
            return list(closure.open_hours)
        weekday = WEEKDAYS[day.weekday()]
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
