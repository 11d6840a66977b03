"""Procedures (`procedures/*.yaml`): one thủ tục hành chính, following the headings of the
province's công bố decision."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, TypeVar

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import (
    ChangeNote,
    Model,
    NonZero,
    Shorthand,
    Unique,
    Validity,
    change_note_field,
    check_link,
    check_online_link,
    fact_error,
    folded,
)
from .site import LegalCitation
from .types import (
    NOT_STATED,
    Clock,
    Count,
    FormPath,
    HalfDays,
    Id,
    LongText,
    NotStated,
    ProcedureCode,
    Stated,
    Text,
    Url,
    is_stated,
)
from .vocabulary import ChannelMode, DocumentGroup, OnlineLevel, Status

_T = TypeVar("_T")


def listed(value: list[_T] | NotStated) -> list[_T]:
    """The entries of a list field, none when it is `khong_neu`."""
    return value if isinstance(value, list) else []


class Step(Shorthand):
    label: ClassVar[str] = "Bước thực hiện"
    help: ClassVar[str] = "Một bước thực hiện; có thể chỉ ghi mô tả bằng một dòng chữ."

    shorthand_key: ClassVar[str] = "text"
    title: Text | None = Field(None, title="Tên bước", description="Ví dụ `Nộp hồ sơ`.")
    text: LongText = Field(title="Mô tả bước")


_SAME_DAY = "nếu giải quyết ngay trong ngày, ghi `same_day: true`"
_CITATIONS = Unique(lambda c: (c.doc or c.name, c.article))


class LevelTime(Model):
    """The processing time at one level, when levels have their own (cấp xã 03 ngày, cấp huyện 05 ngày)."""

    label: ClassVar[str] = "Thời hạn của một cấp"
    help: ClassVar[str] = "Thời hạn giải quyết ở một cấp thực hiện: mã cấp và số ngày."

    level: Id = Field(title="Cấp thực hiện", description="Mã cấp trong `site.yaml`, ví dụ `xa`.", examples=["xa"])
    working_days: Annotated[HalfDays, NonZero(_SAME_DAY)] | None = Field(None, title="Số ngày làm việc")
    days: Annotated[HalfDays, NonZero(_SAME_DAY)] | None = Field(None, title="Số ngày (không nói rõ loại ngày)")
    text: Text | None = Field(None, title="Thời hạn ghi bằng lời")

    @model_validator(mode="after")
    def _one_way(self) -> LevelTime:
        if (self.working_days is not None) + (self.days is not None) != 1:
            raise PydanticCustomError("one-of", "thời hạn của một cấp cần đúng một trong `working_days`, `days`")
        return self


class ProcessingTime(Model):
    """Thời hạn giải quyết: exactly one way of counting, optionally with a note."""

    label: ClassVar[str] = "Thời hạn giải quyết"
    help: ClassVar[str] = (
        "Thời hạn giải quyết: ghi đúng một cách (ngày làm việc, ngày, giờ làm việc, trong ngày hoặc bằng lời)."
    )

    working_days: Annotated[HalfDays, NonZero(_SAME_DAY)] | None = Field(
        None,
        title="Số ngày làm việc",
        description="Số nguyên hoặc nửa ngày, ví dụ `3` hoặc `0.5` (nửa ngày làm việc).",
        examples=[3, 0.5],
    )
    calendar_days: Annotated[Count, NonZero(_SAME_DAY)] | None = Field(
        None,
        title="Số ngày (kể cả ngày nghỉ)",
        description="Chỉ khi văn bản nói rõ tính cả ngày nghỉ; nếu văn bản chỉ ghi `N ngày`, dùng `days`.",
    )
    days: Annotated[HalfDays, NonZero(_SAME_DAY)] | None = Field(
        None,
        title="Số ngày (văn bản không nói rõ loại ngày)",
        description="Khi văn bản chỉ ghi `N ngày`, không nói ngày làm việc hay kể cả ngày nghỉ; trang ghi `N ngày`.",
        examples=[15],
    )
    working_hours: Annotated[Count, NonZero(_SAME_DAY)] | None = Field(None, title="Số giờ làm việc")
    same_day: bool | None = Field(None, title="Giải quyết trong ngày")
    cutoff: Clock | None = Field(
        None,
        title="Giờ nhận hồ sơ muộn nhất",
        description="Với `same_day`: hồ sơ nhận sau giờ này được trả trong ngày làm việc tiếp theo.",
    )
    text: LongText | None = Field(
        None,
        title="Thời hạn ghi bằng lời",
        description="Thời hạn như văn bản viết; một mình khi không có số ngày, hoặc bên cạnh số ngày (trang hiện cả"
        " hai), ví dụ `Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ`.",
    )
    by_level: list[LevelTime] | None = Field(
        None,
        title="Thời hạn theo từng cấp",
        description="Khi mỗi cấp có thời hạn riêng, ví dụ cấp xã 03 ngày làm việc, cấp huyện 05 ngày làm việc.",
        examples=[[{"level": "xa", "working_days": 3}, {"level": "huyen", "working_days": 5}]],
    )
    note: LongText | None = Field(None, title="Ghi chú")

    @model_validator(mode="after")
    def _one_way(self) -> ProcessingTime:
        ways = [self.working_days, self.calendar_days, self.days, self.working_hours, self.same_day or None]
        given = sum(w is not None for w in ways) + bool(self.by_level)
        if given > 1 or (given == 0 and self.text is None):
            raise PydanticCustomError(
                "one-of",
                "thời hạn cần đúng một cách ghi: `working_days`, `calendar_days`, `days`, `working_hours`, "
                "`same_day: true`, `by_level` hoặc chỉ `text`",
            )
        if self.cutoff is not None and not self.same_day:
            raise PydanticCustomError("one-of", "`cutoff` chỉ dùng cùng `same_day: true`")
        return self


class FeeRef(Shorthand):
    label: ClassVar[str] = "Phí, lệ phí của kênh nộp"
    help: ClassVar[str] = "Mã khoản phí (trong fees/), có thể kèm ghi chú."

    shorthand_key: ClassVar[str] = "fee"
    fee: Id = Field(title="Mã khoản phí", description="`id` của một tệp trong `fees/`.")
    note: LongText | None = Field(None, title="Ghi chú", description="Ví dụ `tính theo số trang của bản chính`.")


class Channel(Model):
    """One row of the Cách thức thực hiện table."""

    label: ClassVar[str] = "Cách thức thực hiện"
    help: ClassVar[str] = "Một dòng của bảng Cách thức thực hiện: hình thức nộp, thời hạn, phí."

    mode: Stated[ChannelMode] = Field(
        title="Hình thức nộp",
        description="`truc_tiep`, `truc_tuyen`, `buu_chinh`, `luu_dong` (đăng ký lưu động) hoặc `khong_neu`.",
    )
    time: Stated[ProcessingTime] = Field(title="Thời hạn giải quyết")
    fees: Annotated[list[FeeRef], Unique(lambda ref: ref.fee)] = Field(
        default_factory=list, title="Phí, lệ phí", description="Để trống nếu không thu."
    )
    description: LongText | None = Field(None, title="Mô tả")


class Online(Model):
    label: ClassVar[str] = "Dịch vụ công trực tuyến"
    help: ClassVar[str] = "Mức độ dịch vụ công trực tuyến của thủ tục và đường dẫn để nộp hồ sơ trực tuyến."

    level: Stated[OnlineLevel] = Field(
        title="Mức độ dịch vụ công trực tuyến",
        description="`toan_trinh`, `mot_phan`, `khong`, hoặc `khong_neu` khi văn bản không nêu.",
    )
    url: Url | None = Field(
        None,
        title="Đường dẫn nộp trực tuyến",
        description="Địa chỉ https://, thường thuộc gov.vn.",
        json_schema_extra={"pattern": "^[Hh][Tt][Tt][Pp][Ss]://"},
    )

    _url = field_validator("url")(check_online_link)


class Form(Shorthand):
    label: ClassVar[str] = "Mẫu đơn, tờ khai"
    help: ClassVar[str] = (
        "Mẫu đơn, tờ khai: tệp trong content/forms/, tên mẫu (ví dụ `Mẫu TT1`), hoặc cả hai."
        " Khi văn bản chỉ nêu tên, số hiệu mẫu mà không có tệp, ghi `name` và bỏ `file`."
    )

    shorthand_key: ClassVar[str] = "file"
    file: FormPath | None = Field(None, title="Tệp biểu mẫu", description="Tên tệp trong `content/forms/`.")
    name: Text | None = Field(
        None, title="Tên mẫu", description="Ví dụ `Mẫu số 01/TK-KS`, `Mẫu TT1`.", examples=["Mẫu số 04"]
    )

    @model_validator(mode="after")
    def _named_or_filed(self) -> Form:
        if self.file is None and self.name is None:
            raise PydanticCustomError("missing-field", "mẫu đơn cần `file` (tệp trong content/forms/) hoặc `name`")
        return self


class Document(Model):
    label: ClassVar[str] = "Giấy tờ"
    help: ClassVar[str] = "Một giấy tờ trong thành phần hồ sơ."

    name: Text = Field(title="Tên giấy tờ")
    original: Stated[Count] = Field(title="Số bản chính", examples=[1, "khong_neu"])
    copy_: Stated[Count] = Field(alias="copy", title="Số bản sao", examples=[0, "khong_neu"])
    form: Form | None = Field(None, title="Mẫu đơn, tờ khai")
    condition: Text | None = Field(None, title="Trường hợp áp dụng", description="Ví dụ `Trường hợp ủy quyền`.")
    note: LongText | None = Field(None, title="Ghi chú")


class DocumentGroupModel(Model):
    label: ClassVar[str] = "Nhóm giấy tờ"
    help: ClassVar[str] = "Một nhóm trong thành phần hồ sơ: giấy tờ phải nộp hoặc phải xuất trình."

    group: DocumentGroup = Field(
        title="Nhóm giấy tờ", description="`nop` (phải nộp) hoặc `xuat_trinh` (phải xuất trình)."
    )
    title: Text | None = Field(None, title="Tiêu đề nhóm", description="Nếu khác tên mặc định của nhóm.")
    items: Annotated[list[Document], Unique(lambda d: (folded(d.name), folded(d.condition)))] = Field(
        min_length=1, title="Các giấy tờ"
    )

    @model_validator(mode="after")
    def _handed_in(self) -> DocumentGroupModel:
        # A document with neither an original nor a copy is one the applicant only shows
        # (xuất trình); in the group of documents handed in it says nothing is handed in.
        if self.group == "nop":
            for index, document in enumerate(self.items):
                if document.original == 0 and document.copy_ == 0:  # `khong_neu` is not 0
                    raise fact_error(
                        "nothing-to-submit",
                        "giấy tờ `{name}` thuộc nhóm phải nộp nhưng ghi 0 bản chính và 0 bản sao; ghi số bản"
                        " phải nộp, hoặc chuyển giấy tờ sang nhóm `xuat_trinh` nếu chỉ cần xuất trình",
                        ("items", index, "original"),
                        name=document.name[:60],
                    )
        return self


class PublishedAgency(Model):
    """An agency written as the published record writes it, when it is not in the catalogue."""

    label: ClassVar[str] = "Cơ quan ghi như văn bản công bố"
    help: ClassVar[str] = (
        "Tên cơ quan đúng như văn bản công bố ghi, khi cơ quan không có trong agencies.yaml"
        ' (giữ nguyên "hoặc", "nơi đến"…).'
    )

    text: Text = Field(
        title="Tên cơ quan như văn bản ghi",
        examples=["Trường nơi đến hoặc Phòng Giáo dục và Đào tạo nơi đến"],
    )


# A catalogued agency (its `id` in agencies.yaml) or one written as published (`{text: …}`).
AgencyRef = Id | PublishedAgency


def _agency_key(ref: AgencyRef) -> str:
    return ref if isinstance(ref, str) else f"text:{ref.text.casefold()}"


def agency_ids(refs: list[AgencyRef] | AgencyRef | NotStated | None) -> list[str]:
    """The catalogue ids among agency references (published texts and `khong_neu` left out)."""
    items = refs if isinstance(refs, list) else [refs]
    return [r for r in items if isinstance(r, str) and is_stated(r)]


class Agencies(Model):
    label: ClassVar[str] = "Cơ quan giải quyết"
    help: ClassVar[str] = (
        "Cơ quan thực hiện, cơ quan có thẩm quyền quyết định, được ủy quyền và phối hợp (mã trong agencies.yaml)."
    )

    executing: Stated[Annotated[list[AgencyRef], Unique(_agency_key), Field(min_length=1)]] = Field(
        title="Cơ quan thực hiện",
        description="Mã trong `agencies.yaml`, hoặc `{text: …}` ghi đúng như văn bản, hoặc `khong_neu`.",
        examples=[["ubnd-xa"], [{"text": "Trường nơi đến hoặc Phòng Giáo dục và Đào tạo nơi đến"}]],
    )
    deciding: AgencyRef | None = Field(None, title="Cơ quan có thẩm quyền quyết định")
    delegated: AgencyRef | None = Field(None, title="Cơ quan được ủy quyền")
    coordinating: Annotated[list[AgencyRef], Unique(_agency_key)] = Field(
        default_factory=list, title="Cơ quan phối hợp"
    )


class Source(Model):
    label: ClassVar[str] = "Nguồn dữ liệu"
    help: ClassVar[str] = "Trang đã lấy thông tin thủ tục (ví dụ Cổng Dịch vụ công quốc gia) và ngày lấy."

    url: Url = Field(title="Nguồn")

    _url = field_validator("url")(check_link)
    retrieved: dt.date = Field(title="Ngày lấy")


class Procedure(Validity):
    """`content/procedures/*.yaml`: one thủ tục hành chính."""

    label: ClassVar[str] = "Thủ tục hành chính"
    help: ClassVar[str] = "Một thủ tục hành chính, theo các mục của Quyết định công bố (content/procedures/)."

    code: Stated[ProcedureCode] = Field(
        title="Mã thủ tục",
        description="Mã trên Cơ sở dữ liệu quốc gia, dạng `1.001193`; `khong_neu` khi văn bản không công bố mã"
        " (khi đó ghi `id`).",
        examples=["1.001193", "khong_neu"],
    )
    id: Id | None = Field(
        None,
        title="Mã định danh của tệp",
        description="Bắt buộc khi `code: khong_neu`: định danh ổn định của thủ tục trên cổng (địa chỉ trang"
        " `thu-tuc/<id>/`, tên tệp bắt đầu bằng nó), ví dụ `chuyen-truong-thcs-long-an`.",
        examples=["chuyen-truong-thcs-long-an"],
    )
    local_code: Text | None = Field(
        None, title="Ký hiệu thủ tục tại địa phương", description="Ví dụ `1.001193.000.00.00.H54`."
    )
    portal_id: Count | None = Field(None, title="Mã số trên Cổng Dịch vụ công quốc gia")
    legacy_code: Text | None = Field(
        None,
        title="Số hồ sơ TTHC cũ",
        description="Số hồ sơ trong Cơ sở dữ liệu quốc gia cũ (2009-2013), ghi bên cạnh mã thủ tục.",
        examples=["B-BTP-BS43"],
    )
    ministry: Text | None = Field(
        None,
        title="Cơ quan quản lý (Bộ, ngành)",
        description="Bộ, ngành quản lý thủ tục, như văn bản công bố ghi.",
        examples=["Bộ Tư pháp"],
    )
    internal: bool | None = Field(
        None,
        title="Thủ tục hành chính nội bộ",
        description="`true` khi văn bản công bố là thủ tục hành chính nội bộ (giữa các cơ quan nhà nước).",
        examples=[True],
    )
    name: Text = Field(title="Tên thủ tục", examples=["Đăng ký khai sinh"])
    summary: LongText | None = Field(
        None, title="Thủ tục này dùng để làm gì", description="Một hai câu bằng lời thường."
    )
    field: Id = Field(title="Lĩnh vực", description="`id` trong `fields.yaml`.", examples=["ho-tich"])
    levels: Stated[Annotated[list[Id], Unique(), Field(min_length=1)]] = Field(
        title="Cấp thực hiện", description="Mã cấp trong `site.yaml`.", examples=[["xa"], "khong_neu"]
    )
    kind: Text | None = Field(None, title="Loại thủ tục", description="Ví dụ `TTHC được luật giao quy định chi tiết`.")
    decision: Text | None = Field(None, title="Số quyết định công bố", description="Ví dụ `646/QĐ-UBND`.")
    applicants: Stated[Annotated[list[Text], Unique(folded), Field(min_length=1)]] = Field(
        title="Đối tượng thực hiện", examples=[["Công dân Việt Nam"], "khong_neu"]
    )
    agencies: Agencies = Field(title="Cơ quan")
    submission_address: Stated[LongText] = Field(
        title="Địa chỉ tiếp nhận hồ sơ", examples=["Bộ phận Một cửa UBND xã", "khong_neu"]
    )
    steps: Stated[Annotated[list[Step], Field(min_length=1)]] = Field(
        title="Trình tự thực hiện", examples=[["Nộp hồ sơ tại Bộ phận Một cửa."], "khong_neu"]
    )
    # The same way of submitting twice is allowed only for different cases, told apart by their
    # descriptions; otherwise citizens see two rows they cannot tell apart.
    channels: Annotated[list[Channel], Unique(lambda c: (c.mode, folded(c.description)))] = Field(
        min_length=1, title="Cách thức thực hiện"
    )
    online: Online = Field(title="Dịch vụ công trực tuyến")
    documents: Stated[list[DocumentGroupModel]] = Field(
        default_factory=list,
        title="Thành phần hồ sơ",
        description="Các nhóm giấy tờ; `khong_neu` khi văn bản không nêu thành phần hồ sơ.",
        examples=["khong_neu"],
    )
    dossier_sets: Stated[Annotated[Count, NonZero("cần ít nhất 1 bộ hồ sơ")]] = Field(
        title="Số lượng bộ hồ sơ",
        description="Như văn bản ghi (thường `1`); `khong_neu` khi văn bản không nêu. Không có giá trị mặc định.",
        examples=[1, "khong_neu"],
    )
    result: Stated[Text] = Field(title="Kết quả thực hiện", examples=["Giấy khai sinh (bản chính)", "khong_neu"])
    conditions: list[LongText] = Field(default_factory=list, title="Yêu cầu, điều kiện")
    legal_basis: Stated[Annotated[list[LegalCitation], _CITATIONS, Field(min_length=1)]] = Field(
        title="Căn cứ pháp lý", examples=[["60/2014/QH13"], "khong_neu"]
    )
    related: Annotated[list[ProcedureCode], Unique()] = Field(
        default_factory=list, title="Thủ tục liên quan, liên thông"
    )
    keywords: Annotated[list[Text], Unique(folded)] = Field(
        default_factory=list, title="Từ khoá", description="Cách người dân hay gọi, ví dụ `làm giấy khai sinh`."
    )
    status: Status = Field("dang_ap_dung", title="Tình trạng")
    last_reviewed: dt.date = Field(title="Ngày rà soát gần nhất", examples=["2026-09-15"])
    source: Source | None = Field(None, title="Nguồn dữ liệu")
    change_note: ChangeNote | None = change_note_field()

    @property
    def key(self) -> str:
        """What identifies the procedure on the site (its page's address, references): its
        code, or its `id` when the published record has no code."""
        return self.code if self.code != NOT_STATED or self.id is None else self.id

    @model_validator(mode="after")
    def _identified(self) -> Procedure:
        if self.code == NOT_STATED and self.id is None:
            raise fact_error(
                "missing-field",
                "thủ tục không có mã công bố (`code: khong_neu`) cần `id`: một định danh ổn định cho địa chỉ"
                " trang và tên tệp, ví dụ `id: chuyen-truong-thcs-long-an`",
                ("code",),
            )
        return self

    @model_validator(mode="after")
    def _not_related_to_itself(self) -> Procedure:
        if self.code in self.related:
            raise fact_error(
                "self-reference",
                "thủ tục liên quan `{code}` là chính thủ tục này",
                ("related", self.related.index(self.code)),
                code=self.code,
            )
        return self

    def in_force(self, on: dt.date) -> bool:
        """Applied on `on`: in its validity period and not suspended or repealed."""
        return self.status == "dang_ap_dung" and super().in_force(on)
