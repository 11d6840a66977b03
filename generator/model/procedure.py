"""Procedures (`procedures/*.yaml`): one thủ tục hành chính, following the headings of the
province's công bố decision."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

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
from .types import Clock, Count, FormPath, Id, LongText, ProcedureCode, Text, Url
from .vocabulary import ChannelMode, DocumentGroup, OnlineLevel, Status


class Step(Shorthand):
    label: ClassVar[str] = "Bước thực hiện"
    help: ClassVar[str] = "Một bước thực hiện; có thể chỉ ghi mô tả bằng một dòng chữ."

    shorthand_key: ClassVar[str] = "text"
    title: Text | None = Field(None, title="Tên bước", description="Ví dụ `Nộp hồ sơ`.")
    text: LongText = Field(title="Mô tả bước")


_SAME_DAY = "nếu giải quyết ngay trong ngày, ghi `same_day: true`"
_CITATIONS = Unique(lambda c: (c.doc, c.article))


class ProcessingTime(Model):
    """Thời hạn giải quyết: exactly one way of counting, optionally with a note."""

    label: ClassVar[str] = "Thời hạn giải quyết"
    help: ClassVar[str] = (
        "Thời hạn giải quyết: ghi đúng một cách (ngày làm việc, ngày, giờ làm việc, trong ngày hoặc bằng lời)."
    )

    working_days: Annotated[Count, NonZero(_SAME_DAY)] | None = Field(None, title="Số ngày làm việc", examples=[3])
    calendar_days: Annotated[Count, NonZero(_SAME_DAY)] | None = Field(None, title="Số ngày (kể cả ngày nghỉ)")
    working_hours: Annotated[Count, NonZero(_SAME_DAY)] | None = Field(None, title="Số giờ làm việc")
    same_day: bool | None = Field(None, title="Giải quyết trong ngày")
    cutoff: Clock | None = Field(
        None,
        title="Giờ nhận hồ sơ muộn nhất",
        description="Với `same_day`: hồ sơ nhận sau giờ này được trả trong ngày làm việc tiếp theo.",
    )
    text: LongText | None = Field(None, title="Thời hạn ghi bằng lời", description="Khi luật không quy định số ngày.")
    note: LongText | None = Field(None, title="Ghi chú")
    extension_working_days: Annotated[Count, NonZero("bỏ trống nếu không được kéo dài")] | None = Field(
        None,
        title="Có thể kéo dài thêm (ngày làm việc)",
        description="Ví dụ `2` cho “kéo dài thêm không quá 02 (hai) ngày làm việc”.",
    )
    wording: LongText | None = Field(
        None,
        title="Thời hạn nguyên văn",
        description="Lời văn của quyết định công bố khi thời hạn có điều kiện (giờ nhận muộn nhất, kéo dài…);"
        " được hiển thị cùng số ngày.",
    )

    @model_validator(mode="after")
    def _one_way(self) -> ProcessingTime:
        ways = [self.working_days, self.calendar_days, self.working_hours, self.same_day or None]
        given = sum(w is not None for w in ways)
        if given > 1 or (given == 0 and self.text is None):
            raise PydanticCustomError(
                "one-of",
                "thời hạn cần đúng một cách ghi: `working_days`, `calendar_days`, `working_hours`, "
                "`same_day: true` hoặc chỉ `text`",
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

    mode: ChannelMode = Field(title="Hình thức nộp", description="`truc_tiep`, `truc_tuyen` hoặc `buu_chinh`.")
    time: ProcessingTime = Field(title="Thời hạn giải quyết")
    fees: Annotated[list[FeeRef], Unique(lambda ref: ref.fee)] = Field(
        default_factory=list, title="Phí, lệ phí", description="Để trống nếu không thu."
    )
    description: LongText | None = Field(None, title="Mô tả")


class Online(Model):
    label: ClassVar[str] = "Dịch vụ công trực tuyến"
    help: ClassVar[str] = "Mức độ dịch vụ công trực tuyến của thủ tục và đường dẫn để nộp hồ sơ trực tuyến."

    level: OnlineLevel = Field(title="Mức độ dịch vụ công trực tuyến")
    url: Url | None = Field(
        None,
        title="Đường dẫn nộp trực tuyến",
        description="Địa chỉ https://, thường thuộc gov.vn.",
        json_schema_extra={"pattern": "^[Hh][Tt][Tt][Pp][Ss]://"},
    )

    _url = field_validator("url")(check_online_link)


class Form(Shorthand):
    label: ClassVar[str] = "Mẫu đơn, tờ khai"
    help: ClassVar[str] = "Tệp mẫu đơn, tờ khai trong content/forms/."

    shorthand_key: ClassVar[str] = "file"
    file: FormPath = Field(title="Tệp biểu mẫu", description="Tên tệp trong `content/forms/`.")
    name: Text | None = Field(None, title="Tên mẫu", description="Ví dụ `Mẫu số 01/TK-KS`.")


class Document(Model):
    label: ClassVar[str] = "Giấy tờ"
    help: ClassVar[str] = "Một giấy tờ trong thành phần hồ sơ."

    name: Text = Field(title="Tên giấy tờ")
    # Real decisions often do not give the number of copies of each paper; the importer then
    # leaves the counts out rather than guess them.
    original: Count | None = Field(
        None, title="Số bản chính", description="Bỏ trống nếu văn bản không nêu.", examples=[1]
    )
    copy_: Count | None = Field(
        None, alias="copy", title="Số bản sao", description="Bỏ trống nếu văn bản không nêu.", examples=[0]
    )
    form: Form | None = Field(None, title="Mẫu đơn, tờ khai")
    form_name: Text | None = Field(
        None,
        title="Tên mẫu (chưa có tệp)",
        description="Ví dụ `Mẫu CT01 ban hành kèm theo Thông tư số 66/2023/TT-BCA`, khi chưa có tệp trong `forms/`.",
    )
    exceptions: list[LongText] = Field(
        default_factory=list,
        title="Trừ trường hợp",
        description="Khi nào không cần giấy tờ này, ví dụ `trừ trường hợp thông tin đã có trong Cơ sở dữ liệu quốc gia"
        " về dân cư`.",
    )
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
                if document.original == 0 and document.copy_ == 0:
                    raise fact_error(
                        "nothing-to-submit",
                        "giấy tờ `{name}` thuộc nhóm phải nộp nhưng ghi 0 bản chính và 0 bản sao; ghi số bản"
                        " phải nộp, hoặc chuyển giấy tờ sang nhóm `xuat_trinh` nếu chỉ cần xuất trình",
                        ("items", index, "original"),
                        name=document.name[:60],
                    )
        return self


class DocumentCase(Model):
    """One case of the Thành phần hồ sơ ("Trường hợp …"), with its own papers and sub-cases."""

    label: ClassVar[str] = "Trường hợp hồ sơ"
    help: ClassVar[str] = (
        "Một trường hợp của thành phần hồ sơ (ví dụ `Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu"
        " của mình`), với giấy tờ riêng và các trường hợp con. Người dân chọn trường hợp của mình trước."
    )

    title: Text = Field(title="Trường hợp", description="Như trong quyết định, ví dụ `Trường hợp ủy quyền`.")
    documents: list[DocumentGroupModel] = Field(default_factory=list, title="Giấy tờ của trường hợp này")
    cases: list[DocumentCase] = Field(default_factory=list, title="Các trường hợp con")
    notes: list[LongText] = Field(default_factory=list, title="Lưu ý")

    @model_validator(mode="after")
    def _not_empty(self) -> DocumentCase:
        if not self.documents and not self.cases and not self.notes:
            raise PydanticCustomError(
                "empty-case", "trường hợp `{title}` không có giấy tờ nào", {"title": self.title[:60]}
            )
        return self


class ReviewItem(Model):
    label: ClassVar[str] = "Nội dung cần rà soát"
    help: ClassVar[str] = (
        "Đoạn của quyết định công bố mà lệnh `import` chưa xếp được vào mục nào. Người biên tập chuyển nội dung"
        " vào đúng mục rồi xoá mục này; trong lúc chờ, trang vẫn hiển thị nguyên văn."
    )

    heading: Text | None = Field(None, title="Thuộc mục", description="Ví dụ `Thành phần, số lượng hồ sơ`.")
    text: LongText = Field(title="Nguyên văn")
    source_line: Count | None = Field(None, title="Dòng trong tệp nguồn")


class Imported(Model):
    """Provenance: which công bố decision a record was imported from, and when."""

    label: ClassVar[str] = "Nguồn nhập"
    help: ClassVar[str] = (
        "Do lệnh `import` ghi: quyết định công bố, số thứ tự của thủ tục trong đó và ngày nhập. Nhập lại từ"
        " quyết định mới sẽ cập nhật các mục của quyết định và giữ phần người biên tập thêm."
    )

    decision: Text | None = Field(None, title="Quyết định công bố", description="Ví dụ `1254/QĐ-UBND`.")
    number: Text | None = Field(None, title="Số thứ tự trong quyết định", description="Ví dụ `1` hoặc `A.1`.")
    file: Text = Field(title="Tệp nguồn", description="Tên tệp .docx hoặc .txt đã nhập.")
    date: dt.date = Field(title="Ngày nhập")


class Agencies(Model):
    label: ClassVar[str] = "Cơ quan giải quyết"
    help: ClassVar[str] = (
        "Cơ quan thực hiện, cơ quan có thẩm quyền quyết định, được ủy quyền và phối hợp (mã trong agencies.yaml)."
    )

    executing: Annotated[list[Id], Unique()] = Field(min_length=1, title="Cơ quan thực hiện")
    deciding: Id | None = Field(None, title="Cơ quan có thẩm quyền quyết định")
    delegated: Id | None = Field(None, title="Cơ quan được ủy quyền")
    coordinating: Annotated[list[Id], Unique()] = Field(default_factory=list, title="Cơ quan phối hợp")


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

    code: ProcedureCode = Field(title="Mã thủ tục", examples=["1.001193"])
    local_code: Text | None = Field(
        None, title="Ký hiệu thủ tục tại địa phương", description="Ví dụ `1.001193.000.00.00.H54`."
    )
    portal_id: Count | None = Field(None, title="Mã số trên Cổng Dịch vụ công quốc gia")
    name: Text = Field(title="Tên thủ tục", examples=["Đăng ký khai sinh"])
    summary: LongText | None = Field(
        None, title="Thủ tục này dùng để làm gì", description="Một hai câu bằng lời thường."
    )
    field: Id = Field(title="Lĩnh vực", description="`id` trong `fields.yaml`.", examples=["ho-tich"])
    levels: Annotated[list[Id], Unique()] = Field(
        min_length=1, title="Cấp thực hiện", description="Mã cấp trong `site.yaml`.", examples=[["xa"]]
    )
    kind: Text | None = Field(None, title="Loại thủ tục", description="Ví dụ `TTHC được luật giao quy định chi tiết`.")
    decision: Text | None = Field(None, title="Số quyết định công bố", description="Ví dụ `646/QĐ-UBND`.")
    applicants: Annotated[list[Text], Unique(folded)] = Field(min_length=1, title="Đối tượng thực hiện")
    agencies: Agencies = Field(title="Cơ quan")
    submission_address: Text = Field(title="Địa chỉ tiếp nhận hồ sơ")
    receiving_hours: LongText | None = Field(
        None,
        title="Thời gian tiếp nhận hồ sơ",
        description="Khi khác giờ làm việc của bộ phận một cửa, ví dụ `Giờ hành chính các ngày làm việc từ thứ 2"
        " đến thứ 6 và sáng thứ 7`.",
    )
    steps: list[Step] = Field(min_length=1, title="Trình tự thực hiện")
    # The same way of submitting twice is allowed only for different cases, told apart by their
    # descriptions; otherwise citizens see two rows they cannot tell apart.
    channels: Annotated[list[Channel], Unique(lambda c: (c.mode, folded(c.description)))] = Field(
        min_length=1, title="Cách thức thực hiện"
    )
    online: Online = Field(title="Dịch vụ công trực tuyến")
    documents: list[DocumentGroupModel] = Field(default_factory=list, title="Thành phần hồ sơ")
    document_cases: list[DocumentCase] = Field(
        default_factory=list,
        title="Thành phần hồ sơ theo trường hợp",
        description="Khi giấy tờ khác nhau theo trường hợp; `documents` là giấy tờ chung cho mọi trường hợp.",
    )
    document_notes: list[LongText] = Field(default_factory=list, title="Lưu ý về hồ sơ")
    dossier_sets: Annotated[Count, NonZero("cần ít nhất 1 bộ hồ sơ")] = Field(1, title="Số lượng bộ hồ sơ")
    result: Text = Field(title="Kết quả thực hiện", examples=["Giấy khai sinh (bản chính)"])
    conditions: list[LongText] = Field(default_factory=list, title="Yêu cầu, điều kiện")
    fees_text: LongText | None = Field(
        None,
        title="Phí, lệ phí nguyên văn",
        description="Lời văn mục Phí, lệ phí của quyết định; được hiển thị cùng các khoản phí đã tính.",
    )
    form_names: Annotated[list[Text], Unique(folded)] = Field(
        default_factory=list,
        title="Tên mẫu đơn, mẫu tờ khai",
        description="Như quyết định ghi, ví dụ `Tờ khai thay đổi thông tin cư trú (Mẫu CT01 …)`.",
    )
    legal_basis: Annotated[list[LegalCitation], _CITATIONS] = Field(min_length=1, title="Căn cứ pháp lý")
    related: Annotated[list[ProcedureCode], Unique()] = Field(
        default_factory=list, title="Thủ tục liên quan, liên thông"
    )
    keywords: Annotated[list[Text], Unique(folded)] = Field(
        default_factory=list, title="Từ khoá", description="Cách người dân hay gọi, ví dụ `làm giấy khai sinh`."
    )
    status: Status = Field("dang_ap_dung", title="Tình trạng")
    last_reviewed: dt.date = Field(title="Ngày rà soát gần nhất", examples=["2026-09-15"])
    source: Source | None = Field(None, title="Nguồn dữ liệu")
    imported: Imported | None = Field(None, title="Nguồn nhập từ quyết định công bố")
    needs_review: list[ReviewItem] = Field(
        default_factory=list,
        title="Nội dung cần rà soát",
        description="Do lệnh `import` ghi: đoạn chưa xếp được vào mục nào; chuyển vào đúng mục rồi xoá.",
    )
    change_note: ChangeNote | None = change_note_field()

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
