"""Results of dossier handling (`stats/*.yaml`): the figures of one quarter, checked to add up."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from .base import Model, NonZero, Unique, fact_error
from .types import Count, Id, Text


class DossierCounts(Model):
    """The figures provinces publish for a period (see the Vĩnh Phúc, Lâm Đồng, Bến Tre reports)."""

    label: ClassVar[str] = "Số liệu hồ sơ"
    help: ClassVar[str] = (
        "Số liệu hồ sơ trong kỳ: tiếp nhận, đã giải quyết (trước hạn, đúng hạn, quá hạn), đang giải quyết, trả lại."
    )

    carried_over: Count = Field(0, title="Kỳ trước chuyển sang")
    received_new: Count = Field(title="Tiếp nhận mới trong kỳ")
    received_online: Count = Field(0, title="Trong đó: tiếp nhận trực tuyến")
    received_postal: Count = Field(0, title="Trong đó: qua dịch vụ bưu chính công ích")
    resolved_early: Count = Field(0, title="Đã giải quyết trước hạn")
    resolved_on_time: Count = Field(0, title="Đã giải quyết đúng hạn")
    resolved_late: Count = Field(0, title="Đã giải quyết quá hạn")
    pending_not_due: Count = Field(0, title="Đang giải quyết, chưa đến hạn")
    pending_overdue: Count = Field(0, title="Đang giải quyết, đã quá hạn")
    returned: Count = Field(0, title="Trả lại, người nộp rút hồ sơ")

    @property
    def received(self) -> int:
        return self.carried_over + self.received_new

    @property
    def resolved(self) -> int:
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def pending(self) -> int:
        return self.pending_not_due + self.pending_overdue

    @model_validator(mode="after")
    def _adds_up(self) -> DossierCounts:
        if self.received != self.resolved + self.pending + self.returned:
            raise PydanticCustomError(
                "stats-sum",
                "số hồ sơ không khớp: tiếp nhận (kỳ trước {carried} + mới {new} = {received}) phải bằng đã giải quyết"
                " {resolved} + đang giải quyết {pending} + trả lại {returned}",
                {
                    "carried": self.carried_over,
                    "new": self.received_new,
                    "received": self.received,
                    "resolved": self.resolved,
                    "pending": self.pending,
                    "returned": self.returned,
                },
            )
        if self.received_online + self.received_postal > self.received_new:
            raise PydanticCustomError(
                "stats-sum",
                "hồ sơ trực tuyến ({online}) cộng bưu chính ({postal}) nhiều hơn số tiếp nhận mới ({new})",
                {"online": self.received_online, "postal": self.received_postal, "new": self.received_new},
            )
        return self


class SectorCounts(DossierCounts):
    label: ClassVar[str] = "Số liệu theo lĩnh vực"
    help: ClassVar[str] = "Số liệu hồ sơ trong kỳ của một lĩnh vực (mã trong fields.yaml)."

    field: Id = Field(title="Lĩnh vực", description="`id` trong `fields.yaml`.")


class CommuneCounts(DossierCounts):
    label: ClassVar[str] = "Số liệu theo xã, phường"
    help: ClassVar[str] = "Số liệu hồ sơ trong kỳ của một xã, phường, thị trấn (mã trong communes/)."

    commune: Id = Field(title="Xã, phường", description="`id` của một tệp trong `communes/`.")


class Satisfaction(Model):
    label: ClassVar[str] = "Mức độ hài lòng"
    help: ClassVar[str] = "Số lượt người dân đánh giá và số lượt hài lòng trong kỳ."

    surveyed: Annotated[Count, NonZero("nếu chưa có lượt đánh giá nào, bỏ khối `satisfaction`")] = Field(
        title="Số lượt đánh giá"
    )
    satisfied: Count = Field(title="Số lượt hài lòng")

    @model_validator(mode="after")
    def _at_most_surveyed(self) -> Satisfaction:
        if self.satisfied > self.surveyed:
            raise fact_error(
                "stats-sum",
                "số lượt hài lòng ({satisfied}) nhiều hơn số lượt đánh giá ({surveyed})",
                ("satisfied",),
                satisfied=self.satisfied,
                surveyed=self.surveyed,
            )
        return self


class StatsPeriod(Model):
    """`content/stats/*.yaml`: the results of dossier handling for one quarter."""

    label: ClassVar[str] = "Kết quả giải quyết hồ sơ"
    help: ClassVar[str] = "Kết quả giải quyết hồ sơ thủ tục hành chính trong một quý (content/stats/)."

    period: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-Q[1-4]$")] = Field(
        title="Kỳ báo cáo", description="Năm và quý, ví dụ `2018-Q1`.", examples=["2018-Q1"]
    )
    totals: DossierCounts = Field(title="Tổng số")
    by_field: Annotated[list[SectorCounts], Unique(lambda part: part.field)] = Field(
        default_factory=list, title="Theo lĩnh vực"
    )
    by_commune: Annotated[list[CommuneCounts], Unique(lambda part: part.commune)] = Field(
        default_factory=list, title="Theo xã, phường"
    )
    satisfaction: Satisfaction | None = Field(None, title="Mức độ hài lòng")
    source: Text | None = Field(None, title="Nguồn số liệu", description="Ví dụ số báo cáo.")
