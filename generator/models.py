"""Stage 2: the typed content model, one pydantic model per kind of content file.

The models are the single source of truth: the JSON Schemas editors use are generated from them
(`python -m generator schema`), and the checks across records (`checks.py`) see only these types.
Keys are English identifiers; titles, descriptions and choice labels are Vietnamese, because they
are what editors read in their editor's hover help.

Rules inside one record raise `PydanticCustomError` with a stable problem code as its type, so the
validator reports them under that code (see `problems.CATALOGUE`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

# ---------------------------------------------------------------------------------------------
# Choices with their Vietnamese labels (shown on the site and in editors' hover help)

CHANNEL_LABELS = {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Dịch vụ bưu chính"}
ONLINE_LEVEL_LABELS = {"toan_trinh": "Toàn trình", "mot_phan": "Một phần", "khong": "Không có"}
FEE_KIND_LABELS = {"phi": "Phí", "le_phi": "Lệ phí"}
COMMUNE_TYPE_LABELS = {"xa": "Xã", "phuong": "Phường", "thi_tran": "Thị trấn", "dac_khu": "Đặc khu"}
WEEKDAY_LABELS = {
    "t2": "Thứ Hai",
    "t3": "Thứ Ba",
    "t4": "Thứ Tư",
    "t5": "Thứ Năm",
    "t6": "Thứ Sáu",
    "t7": "Thứ Bảy",
    "cn": "Chủ nhật",
}
DOCUMENT_GROUP_LABELS = {"nop": "Giấy tờ phải nộp", "xuat_trinh": "Giấy tờ phải xuất trình"}
STATUS_LABELS = {"dang_ap_dung": "Đang áp dụng", "tam_dung": "Tạm dừng", "bai_bo": "Đã bãi bỏ"}

ChannelMode = Literal["truc_tiep", "truc_tuyen", "buu_chinh"]
OnlineLevel = Literal["toan_trinh", "mot_phan", "khong"]
FeeKind = Literal["phi", "le_phi"]
CommuneType = Literal["xa", "phuong", "thi_tran", "dac_khu"]
Weekday = Literal["t2", "t3", "t4", "t5", "t6", "t7", "cn"]
DocumentGroup = Literal["nop", "xuat_trinh"]
Status = Literal["dang_ap_dung", "tam_dung", "bai_bo"]

WEEKDAYS: tuple[str, ...] = tuple(WEEKDAY_LABELS)

# ---------------------------------------------------------------------------------------------
# Value types


def _non_negative(value: int) -> int:
    if value < 0:
        raise PydanticCustomError("negative-number", "số {value} bị âm; cần số không âm", {"value": value})
    return value


def _money_before(value: Any) -> Any:
    if isinstance(value, float):
        raise PydanticCustomError(
            "not-integer-amount",
            "số tiền phải là số nguyên đồng viết liền, không dấu chấm hay dấu phẩy (ví dụ 50000)",
        )
    return value


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise PydanticCustomError(
            "bad-url",
            "địa chỉ web `{value}` không hợp lệ; cần địa chỉ đầy đủ bắt đầu bằng https:// hoặc http://",
            {"value": value[:80]},
        )
    return value


def _check_form_path(value: str) -> str:
    parts = value.split("/")
    if value.startswith(("/", "~")) or "\\" in value or ":" in value or any(part in ("", ".", "..") for part in parts):
        raise PydanticCustomError(
            "bad-form-path",
            "đường dẫn biểu mẫu `{value}` không hợp lệ; ghi tên tệp nằm trong content/forms/, không dùng `..`,"
            " `/` ở đầu hay `\\`",
            {"value": value[:80]},
        )
    return value


_TIME_RANGE_RE = re.compile(r"^\s*(\d{1,2})[:hg](\d{2})\s*[-–]\s*(\d{1,2})[:hg](\d{2})\s*$")
_CLOCK_RE = re.compile(r"^\s*(\d{1,2})[:hg](\d{2})\s*$")


def _minutes(hour: str, minute: str) -> int | None:
    h, m = int(hour), int(minute)
    return h * 60 + m if h < 24 and m < 60 else None


def _check_time_range(value: str) -> str:
    match = _TIME_RANGE_RE.match(value)
    start = end = None
    if match:
        start, end = _minutes(*match.group(1, 2)), _minutes(*match.group(3, 4))
    if start is None or end is None or end <= start:
        raise PydanticCustomError(
            "time-range",
            'khung giờ `{value}` không hợp lệ; viết dạng "07:30-11:30", giờ kết thúc sau giờ bắt đầu',
            {"value": value},
        )
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


def _check_clock(value: str) -> str:
    match = _CLOCK_RE.match(value)
    minutes = _minutes(*match.group(1, 2)) if match else None
    if minutes is None:
        raise PydanticCustomError("bad-format", 'giờ `{value}` không hợp lệ; viết dạng "15:00"', {"value": value})
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Count = Annotated[int, AfterValidator(_non_negative)]
Money = Annotated[int, BeforeValidator(_money_before), AfterValidator(_non_negative)]
Url = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_url)]
FormPath = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_form_path)]
TimeRange = Annotated[str, AfterValidator(_check_time_range)]
Clock = Annotated[str, AfterValidator(_check_clock)]
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80),
    Field(description="Mã định danh: chữ thường không dấu, số và dấu gạch ngang, ví dụ `ho-tich`."),
]
ProcedureCode = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]\.[0-9]{6}$"),
    Field(description="Mã thủ tục trên Cơ sở dữ liệu quốc gia, dạng `1.001193`, đặt trong ngoặc kép."),
]
Phone = Annotated[str, StringConstraints(pattern=r"^[0-9 .()+-]{6,20}$")]


def _vietnamese_description(schema: dict[str, Any], cls: type) -> None:
    """Editors read schema descriptions in their editor: replace the English docstring by the
    model's Vietnamese description."""
    schema.pop("description", None)
    vi = getattr(cls, "vi", None)
    if vi:
        schema["description"] = vi


class Model(BaseModel):
    """Base of every content model: strict types, unknown keys are errors."""

    model_config = ConfigDict(
        extra="forbid", strict=True, str_strip_whitespace=True, json_schema_extra=_vietnamese_description
    )


class Shorthand(Model):
    """A model that may be written as a bare string, which fills its `shorthand_key` field
    (normalised before validation, so templates see one shape)."""

    shorthand_key: ClassVar[str]

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {cls.shorthand_key: data} if isinstance(data, str) else data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        full = handler(core_schema)
        return {"anyOf": [{"type": "string", "minLength": 1}, full]}


def _date_range(valid_from: dt.date | None, valid_until: dt.date | None) -> None:
    if valid_from and valid_until and valid_until < valid_from:
        raise PydanticCustomError(
            "date-range",
            "ngày hết hiệu lực {until} trước ngày bắt đầu hiệu lực {start}",
            {"until": valid_until.strftime("%d/%m/%Y"), "start": valid_from.strftime("%d/%m/%Y")},
        )


class Validity(Model):
    """Mixin: a record in force between two dates (both optional, both inclusive)."""

    valid_from: dt.date | None = Field(None, title="Có hiệu lực từ ngày", description="Dạng YYYY-MM-DD.")
    valid_until: dt.date | None = Field(
        None, title="Hết hiệu lực sau ngày", description="Ngày cuối cùng còn hiệu lực, dạng YYYY-MM-DD."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Validity:
        _date_range(self.valid_from, self.valid_until)
        return self

    def in_force(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )


# ---------------------------------------------------------------------------------------------
# Site, levels, fields, agencies, legal documents


class Level(Model):
    id: Id = Field(title="Mã cấp", description="Ví dụ `tinh`, `huyen`, `xa`.")
    name: Text = Field(title="Tên cấp", description="Ví dụ `Cấp xã`.")


class Authority(Model):
    name: Text = Field(title="Tên cơ quan công bố", description="Ví dụ `UBND huyện Kiến Xương`.")
    level: Id = Field(title="Cấp của cơ quan", description="Một mã trong `levels`.")
    unit: Text = Field(title="Đơn vị hành chính", description="Ví dụ `huyện Kiến Xương`.")
    parent: Text | None = Field(None, title="Đơn vị cấp trên", description="Ví dụ `tỉnh Thái Bình`.")


class Contact(Model):
    address: Text = Field(title="Địa chỉ")
    phone: Phone | None = Field(None, title="Điện thoại")
    email: Text | None = Field(None, title="Thư điện tử")
    url: Url | None = Field(None, title="Trang web")
    hours: Text | None = Field(
        None, title="Giờ làm việc", description="Ghi bằng lời, ví dụ `Sáng thứ Hai đến thứ Sáu`."
    )


class Site(Model):
    """`content/site.yaml`: the portal and the authority that publishes it."""

    vi: ClassVar[str] = (
        "Cấu hình cổng: cơ quan công bố, các cấp hành chính, liên hệ, địa chỉ tiếp nhận phản ánh, kiến nghị (content/site.yaml)."
    )

    name: Text = Field(title="Tên cổng thông tin")
    description: Text | None = Field(None, title="Mô tả ngắn")
    authority: Authority = Field(title="Cơ quan công bố")
    levels: list[Level] = Field(
        min_length=1,
        title="Các cấp thực hiện",
        description="Các cấp hành chính dùng trên cổng, từ cao xuống thấp. Trước 01/7/2025: tỉnh, huyện, xã;"
        " sau đó: tỉnh, xã.",
    )
    contact: Contact = Field(title="Liên hệ")
    feedback: Contact = Field(
        title="Địa chỉ tiếp nhận phản ánh, kiến nghị",
        description="Nơi người dân gửi phản ánh, kiến nghị về quy định hành chính.",
    )
    base_url: Url = Field(title="Địa chỉ trang", description="Địa chỉ công khai của cổng, ví dụ `https://…`.")
    demo: bool = Field(
        False,
        title="Dữ liệu minh hoạ",
        description='`true` để hiện thông báo "dữ liệu minh hoạ" trên mọi trang.',
    )
    demo_notice: Text | None = Field(None, title="Nội dung thông báo dữ liệu minh hoạ")
    featured: list[ProcedureCode] = Field(
        default_factory=list, title="Thủ tục hay dùng", description="Mã các thủ tục hiện ở trang chủ."
    )
    language: Literal["vi"] = "vi"


class FieldOfWork(Model):
    """A lĩnh vực, in `content/fields.yaml`."""

    id: Id = Field(title="Mã lĩnh vực")
    name: Text = Field(title="Tên lĩnh vực", description="Ví dụ `Hộ tịch`.")
    description: Text | None = Field(None, title="Mô tả")


class FieldList(Model):
    vi: ClassVar[str] = "Danh mục lĩnh vực (content/fields.yaml)."

    fields: list[FieldOfWork] = Field(min_length=1, title="Các lĩnh vực")


class Agency(Validity):
    """A cơ quan thực hiện, in `content/agencies.yaml`. Names change, so agencies carry dates."""

    id: Id = Field(title="Mã cơ quan")
    name: Text = Field(title="Tên cơ quan", description="Ví dụ `Phòng Tư pháp huyện Kiến Xương`.")
    level: Id = Field(title="Cấp", description="Một mã trong `levels` của `site.yaml`.")
    address: Text | None = Field(None, title="Địa chỉ")
    phone: Phone | None = Field(None, title="Điện thoại")
    email: Text | None = Field(None, title="Thư điện tử")
    replaced_by: Id | None = Field(None, title="Cơ quan thay thế", description="Mã cơ quan tiếp nhận nhiệm vụ.")


class AgencyList(Model):
    vi: ClassVar[str] = "Danh mục cơ quan thực hiện thủ tục (content/agencies.yaml)."

    agencies: list[Agency] = Field(min_length=1, title="Các cơ quan")


class LegalDocument(Model):
    """A legal text cited by procedures and fees, in `content/legal.yaml`."""

    number: Text = Field(title="Số ký hiệu", description="Ví dụ `23/2015/NĐ-CP`.")
    title: Text = Field(title="Trích yếu")
    issuer: Text = Field(title="Cơ quan ban hành", description="Ví dụ `Chính phủ`.")
    date: dt.date = Field(title="Ngày ban hành")
    kind: Text | None = Field(None, title="Loại văn bản", description="Ví dụ `Nghị định`.")
    url: Url | None = Field(None, title="Đường dẫn toàn văn")


class LegalList(Model):
    vi: ClassVar[str] = "Danh mục văn bản pháp luật được trích dẫn (content/legal.yaml)."

    documents: list[LegalDocument] = Field(title="Các văn bản pháp luật")


class LegalCitation(Shorthand):
    """A citation of a catalogued legal document; a bare string is its number."""

    vi: ClassVar[str] = "Căn cứ pháp lý: số hiệu văn bản (có trong legal.yaml), có thể kèm điều, khoản."
    shorthand_key: ClassVar[str] = "doc"

    doc: Text = Field(title="Số ký hiệu văn bản", description="Phải có trong `legal.yaml`.")
    article: Text | None = Field(None, title="Điều, khoản", description="Ví dụ `Điều 4`.")


# ---------------------------------------------------------------------------------------------
# Fees


class Tier(Model):
    from_: Count = Field(alias="from", title="Từ đơn vị thứ", description="Bậc đầu tiên bắt đầu từ 1.")
    to: Count | None = Field(None, title="Đến đơn vị thứ", description="Để trống ở bậc cuối.")
    amount: Money = Field(title="Số tiền mỗi đơn vị (đồng)")

    model_config = ConfigDict(populate_by_name=False)


class PerUnit(Model):
    """Pricing per unit with tiers and a cap, e.g. the copy-certification fee."""

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
        return self


class OnlineReduction(Validity):
    """A reduction for online submission, e.g. 50 % until 31/12/2026."""

    percent: Annotated[int, Field(ge=1, le=100)] = Field(
        title="Tỷ lệ giảm (%)", description="100 nghĩa là miễn khi nộp trực tuyến."
    )
    legal_basis: list[LegalCitation] = Field(default_factory=list, title="Căn cứ pháp lý")
    note: Text | None = Field(None, title="Ghi chú")


class Exemption(Model):
    who: Text = Field(title="Đối tượng được miễn, giảm")
    percent: Annotated[int, Field(ge=1, le=100)] = Field(100, title="Tỷ lệ miễn, giảm (%)")
    legal_basis: list[LegalCitation] = Field(default_factory=list, title="Căn cứ pháp lý")


class FeeVersion(Validity):
    """One schedule of a fee, in force between two dates."""

    vi: ClassVar[str] = "Một mức thu, có hiệu lực trong một khoảng thời gian."

    amount: Money | None = Field(
        None,
        title="Mức thu (đồng)",
        description="Số nguyên đồng, viết liền: `50000`. `0` là không thu.",
        examples=[50000],
    )
    per_unit: PerUnit | None = Field(None, title="Tính theo đơn vị", description="Dùng thay cho `amount`.")
    per: Text = Field("lần", title="Tính cho mỗi", description="Ví dụ `bản`, `lần`, `giấy phép`, `trường hợp`.")
    rule: Text = Field(title="Quy định thu", description="Lời văn của quy định, như trong văn bản.")
    legal_basis: list[LegalCitation] = Field(default_factory=list, title="Căn cứ pháp lý")
    online_reductions: list[OnlineReduction] = Field(default_factory=list, title="Giảm khi nộp trực tuyến")

    @model_validator(mode="after")
    def _one_pricing(self) -> FeeVersion:
        if (self.amount is None) == (self.per_unit is None):
            raise PydanticCustomError(
                "one-of", "mức thu cần đúng một trong hai: `amount` (số tiền) hoặc `per_unit` (theo đơn vị)"
            )
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

    vi: ClassVar[str] = "Một khoản phí hoặc lệ phí và các mức thu theo thời gian (content/fees/)."

    id: Id = Field(title="Mã khoản phí")
    name: Text = Field(title="Tên khoản phí, lệ phí")
    kind: FeeKind = Field(title="Loại", description="`phi` (Phí) hoặc `le_phi` (Lệ phí).")
    set_by: Text = Field(title="Cơ quan quy định mức thu", description="Ví dụ `Bộ Tài chính`, `HĐND tỉnh Thái Bình`.")
    versions: list[FeeVersion] = Field(
        min_length=1,
        title="Các mức thu theo thời gian",
        description="Mức cũ và mức mới cùng nằm ở đây; trang hiển thị mức đang có hiệu lực.",
    )
    exemptions: list[Exemption] = Field(default_factory=list, title="Đối tượng miễn, giảm")
    note: Text | None = Field(None, title="Ghi chú")

    def version_on(self, on: dt.date) -> FeeVersion | None:
        for version in self.versions:
            if version.in_force(on):
                return version
        return None

    def compute(self, on: dt.date, quantity: int = 1, copies: int = 1, online: bool = False) -> int | None:
        """The amount due on a date; None when no schedule is in force then."""
        version = self.version_on(on)
        return None if version is None else version.compute(quantity, copies, online, on)


# ---------------------------------------------------------------------------------------------
# Procedures


class Step(Shorthand):
    vi: ClassVar[str] = "Một bước thực hiện; có thể chỉ ghi mô tả bằng một dòng chữ."

    shorthand_key: ClassVar[str] = "text"
    title: Text | None = Field(None, title="Tên bước", description="Ví dụ `Nộp hồ sơ`.")
    text: Text = Field(title="Mô tả bước")


class ProcessingTime(Model):
    """Thời hạn giải quyết: exactly one way of counting, optionally with a note."""

    vi: ClassVar[str] = (
        "Thời hạn giải quyết: ghi đúng một cách (ngày làm việc, ngày, giờ làm việc, trong ngày hoặc bằng lời)."
    )

    working_days: Count | None = Field(None, title="Số ngày làm việc", examples=[3])
    calendar_days: Count | None = Field(None, title="Số ngày (kể cả ngày nghỉ)")
    working_hours: Count | None = Field(None, title="Số giờ làm việc")
    same_day: bool | None = Field(None, title="Giải quyết trong ngày")
    cutoff: Clock | None = Field(
        None,
        title="Giờ nhận hồ sơ muộn nhất",
        description="Với `same_day`: hồ sơ nhận sau giờ này được trả trong ngày làm việc tiếp theo.",
    )
    text: Text | None = Field(None, title="Thời hạn ghi bằng lời", description="Khi luật không quy định số ngày.")
    note: Text | None = Field(None, title="Ghi chú")

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
    vi: ClassVar[str] = "Mã khoản phí (trong fees/), có thể kèm ghi chú."

    shorthand_key: ClassVar[str] = "fee"
    fee: Id = Field(title="Mã khoản phí", description="`id` của một tệp trong `fees/`.")
    note: Text | None = Field(None, title="Ghi chú", description="Ví dụ `tính theo số trang của bản chính`.")


class Channel(Model):
    """One row of the Cách thức thực hiện table."""

    vi: ClassVar[str] = "Một dòng của bảng Cách thức thực hiện: hình thức nộp, thời hạn, phí."

    mode: ChannelMode = Field(title="Hình thức nộp", description="`truc_tiep`, `truc_tuyen` hoặc `buu_chinh`.")
    time: ProcessingTime = Field(title="Thời hạn giải quyết")
    fees: list[FeeRef] = Field(default_factory=list, title="Phí, lệ phí", description="Để trống nếu không thu.")
    description: Text | None = Field(None, title="Mô tả")


class Online(Model):
    level: OnlineLevel = Field(title="Mức độ dịch vụ công trực tuyến")
    url: Url | None = Field(None, title="Đường dẫn nộp trực tuyến")


class Form(Shorthand):
    vi: ClassVar[str] = "Tệp mẫu đơn, tờ khai trong content/forms/."

    shorthand_key: ClassVar[str] = "file"
    file: FormPath = Field(title="Tệp biểu mẫu", description="Tên tệp trong `content/forms/`.")
    name: Text | None = Field(None, title="Tên mẫu", description="Ví dụ `Mẫu số 01/TK-KS`.")


class Document(Model):
    vi: ClassVar[str] = "Một giấy tờ trong thành phần hồ sơ."

    name: Text = Field(title="Tên giấy tờ")
    original: Count = Field(title="Số bản chính", examples=[1])
    copy_: Count = Field(alias="copy", title="Số bản sao", examples=[0])
    form: Form | None = Field(None, title="Mẫu đơn, tờ khai")
    condition: Text | None = Field(None, title="Trường hợp áp dụng", description="Ví dụ `Trường hợp ủy quyền`.")
    note: Text | None = Field(None, title="Ghi chú")


class DocumentGroupModel(Model):
    group: DocumentGroup = Field(
        title="Nhóm giấy tờ", description="`nop` (phải nộp) hoặc `xuat_trinh` (phải xuất trình)."
    )
    title: Text | None = Field(None, title="Tiêu đề nhóm", description="Nếu khác tên mặc định của nhóm.")
    items: list[Document] = Field(min_length=1, title="Các giấy tờ")


class Agencies(Model):
    executing: list[Id] = Field(min_length=1, title="Cơ quan thực hiện")
    deciding: Id | None = Field(None, title="Cơ quan có thẩm quyền quyết định")
    delegated: Id | None = Field(None, title="Cơ quan được ủy quyền")
    coordinating: list[Id] = Field(default_factory=list, title="Cơ quan phối hợp")


class Source(Model):
    url: Url = Field(title="Nguồn")
    retrieved: dt.date = Field(title="Ngày lấy")


class Procedure(Validity):
    """`content/procedures/*.yaml`: one thủ tục hành chính."""

    vi: ClassVar[str] = "Một thủ tục hành chính, theo các mục của Quyết định công bố (content/procedures/)."

    code: ProcedureCode = Field(title="Mã thủ tục", examples=["1.001193"])
    local_code: Text | None = Field(
        None, title="Ký hiệu thủ tục tại địa phương", description="Ví dụ `1.001193.000.00.00.H54`."
    )
    portal_id: Count | None = Field(None, title="Mã số trên Cổng Dịch vụ công quốc gia")
    name: Text = Field(title="Tên thủ tục", examples=["Đăng ký khai sinh"])
    summary: Text | None = Field(None, title="Thủ tục này dùng để làm gì", description="Một hai câu bằng lời thường.")
    field: Id = Field(title="Lĩnh vực", description="`id` trong `fields.yaml`.", examples=["ho-tich"])
    levels: list[Id] = Field(
        min_length=1, title="Cấp thực hiện", description="Mã cấp trong `site.yaml`.", examples=[["xa"]]
    )
    kind: Text | None = Field(None, title="Loại thủ tục", description="Ví dụ `TTHC được luật giao quy định chi tiết`.")
    decision: Text | None = Field(None, title="Số quyết định công bố", description="Ví dụ `646/QĐ-UBND`.")
    applicants: list[Text] = Field(min_length=1, title="Đối tượng thực hiện")
    agencies: Agencies = Field(title="Cơ quan")
    submission_address: Text = Field(title="Địa chỉ tiếp nhận hồ sơ")
    steps: list[Step] = Field(min_length=1, title="Trình tự thực hiện")
    channels: list[Channel] = Field(min_length=1, title="Cách thức thực hiện")
    online: Online = Field(title="Dịch vụ công trực tuyến")
    documents: list[DocumentGroupModel] = Field(default_factory=list, title="Thành phần hồ sơ")
    dossier_sets: Count = Field(1, title="Số lượng bộ hồ sơ")
    result: Text = Field(title="Kết quả thực hiện", examples=["Giấy khai sinh (bản chính)"])
    conditions: list[Text] = Field(default_factory=list, title="Yêu cầu, điều kiện")
    legal_basis: list[LegalCitation] = Field(min_length=1, title="Căn cứ pháp lý")
    related: list[ProcedureCode] = Field(default_factory=list, title="Thủ tục liên quan, liên thông")
    keywords: list[Text] = Field(
        default_factory=list, title="Từ khoá", description="Cách người dân hay gọi, ví dụ `làm giấy khai sinh`."
    )
    status: Status = Field("dang_ap_dung", title="Tình trạng")
    last_reviewed: dt.date = Field(title="Ngày rà soát gần nhất", examples=["2026-09-15"])
    source: Source | None = Field(None, title="Nguồn dữ liệu")


# ---------------------------------------------------------------------------------------------
# Communes


class OfficeHours(Model):
    vi: ClassVar[str] = "Giờ làm việc của Bộ phận Một cửa trong các ngày nêu."

    days: list[Weekday] = Field(min_length=1, title="Các ngày", description="`t2`…`t7`, `cn`.")
    morning: TimeRange | None = Field(None, title="Buổi sáng", description='Ví dụ `"07:30-11:30"`.')
    afternoon: TimeRange | None = Field(None, title="Buổi chiều", description='Ví dụ `"13:30-17:00"`.')

    @model_validator(mode="after")
    def _some_block(self) -> OfficeHours:
        if self.morning is None and self.afternoon is None:
            raise PydanticCustomError("missing-field", "cần ít nhất `morning` hoặc `afternoon`")
        return self


class DutyShift(Validity):
    """Lịch trực: who is on duty at the desk, on which weekdays or dates."""

    vi: ClassVar[str] = "Một dòng của lịch trực."

    person: Text = Field(title="Người trực")
    title: Text = Field(title="Chức danh")
    weekdays: list[Weekday] = Field(default_factory=list, title="Trực các ngày trong tuần")
    dates: list[dt.date] = Field(default_factory=list, title="Trực các ngày cụ thể")
    hours: TimeRange | None = Field(None, title="Khung giờ", description="Để trống nếu trực cả ngày làm việc.")
    tasks: Text | None = Field(None, title="Nhiệm vụ", description="Ví dụ `Tiếp nhận hồ sơ hộ tịch, chứng thực`.")

    @model_validator(mode="after")
    def _when(self) -> DutyShift:
        if not self.weekdays and not self.dates:
            raise PydanticCustomError("missing-field", "cần `weekdays` (lặp hằng tuần) hoặc `dates` (ngày cụ thể)")
        return self


class Reception(Validity):
    """Lịch tiếp công dân."""

    vi: ClassVar[str] = "Một dòng của lịch tiếp công dân."

    person: Text = Field(title="Người tiếp")
    title: Text = Field(title="Chức danh")
    weekdays: list[Weekday] = Field(default_factory=list, title="Các ngày trong tuần")
    month_days: list[Annotated[int, Field(ge=1, le=31)]] = Field(default_factory=list, title="Các ngày trong tháng")
    dates: list[dt.date] = Field(default_factory=list, title="Các ngày cụ thể")
    hours: list[TimeRange] = Field(default_factory=list, title="Khung giờ")
    place: Text | None = Field(None, title="Địa điểm")
    note: Text | None = Field(
        None, title="Ghi chú", description="Ví dụ: nếu trùng ngày lễ thì chuyển sang ngày làm việc kế tiếp."
    )

    @model_validator(mode="after")
    def _when(self) -> Reception:
        if not (self.weekdays or self.month_days or self.dates):
            raise PydanticCustomError("missing-field", "cần `weekdays`, `month_days` hoặc `dates`")
        return self


class Closure(Model):
    """A holiday closure or a dated exception to the usual hours."""

    vi: ClassVar[str] = "Ngày nghỉ hoặc ngày làm việc khác thường."

    start: dt.date = Field(alias="from", title="Từ ngày")
    end: dt.date | None = Field(None, alias="until", title="Đến ngày", description="Để trống nếu chỉ một ngày.")
    reason: Text = Field(title="Lý do", description="Ví dụ `Nghỉ Tết Nguyên đán`.")
    open_hours: list[TimeRange] = Field(
        default_factory=list, title="Giờ mở cửa trong những ngày này", description="Để trống nếu đóng cửa."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Closure:
        _date_range(self.start, self.end)
        return self


class FormerUnit(Model):
    name: Text = Field(title="Tên đơn vị cũ", description="Ví dụ `xã An Bồi`.")
    area_km2: Annotated[float, Field(gt=0)] | None = Field(None, title="Diện tích (km²)")
    population: Count | None = Field(None, title="Dân số")


class Merger(Model):
    date: dt.date = Field(title="Ngày có hiệu lực")
    decision: Text = Field(title="Nghị quyết", description="Ví dụ `892/NQ-UBTVQH14`.")
    formed_from: list[FormerUnit] = Field(min_length=1, title="Hình thành từ")
    note: Text | None = Field(None, title="Ghi chú")


class Commune(Model):
    """`content/communes/*.yaml`: a xã, phường or thị trấn and its one-stop desk."""

    vi: ClassVar[str] = "Một xã, phường, thị trấn và Bộ phận Một cửa của đơn vị (content/communes/)."

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
    area_km2: Annotated[float, Field(gt=0)] | None = Field(None, title="Diện tích (km²)")

    @property
    def full_name(self) -> str:
        return f"{COMMUNE_TYPE_LABELS[self.type]} {self.name}"


# ---------------------------------------------------------------------------------------------
# Results of dossier handling (kết quả giải quyết hồ sơ), per quarter


class DossierCounts(Model):
    """The figures provinces publish for a period (see the Vĩnh Phúc, Lâm Đồng, Bến Tre reports)."""

    vi: ClassVar[str] = (
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


class FieldCounts(DossierCounts):
    field: Id = Field(title="Lĩnh vực", description="`id` trong `fields.yaml`.")


class CommuneCounts(DossierCounts):
    commune: Id = Field(title="Xã, phường", description="`id` của một tệp trong `communes/`.")


class Satisfaction(Model):
    surveyed: Count = Field(title="Số lượt đánh giá")
    satisfied: Count = Field(title="Số lượt hài lòng")


class StatsPeriod(Model):
    """`content/stats/*.yaml`: the results of dossier handling for one quarter."""

    vi: ClassVar[str] = "Kết quả giải quyết hồ sơ thủ tục hành chính trong một quý (content/stats/)."

    period: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-Q[1-4]$")] = Field(
        title="Kỳ báo cáo", description="Năm và quý, ví dụ `2018-Q1`.", examples=["2018-Q1"]
    )
    totals: DossierCounts = Field(title="Tổng số")
    by_field: list[FieldCounts] = Field(default_factory=list, title="Theo lĩnh vực")
    by_commune: list[CommuneCounts] = Field(default_factory=list, title="Theo xã, phường")
    satisfaction: Satisfaction | None = Field(None, title="Mức độ hài lòng")
    source: Text | None = Field(None, title="Nguồn số liệu", description="Ví dụ số báo cáo.")


# The file kinds: how each is found and which model reads it.
LIST_FILES: dict[str, type[Model]] = {
    "site.yaml": Site,
    "fields.yaml": FieldList,
    "agencies.yaml": AgencyList,
    "legal.yaml": LegalList,
}
FOLDER_MODELS: dict[str, type[Model]] = {
    "procedures": Procedure,
    "fees": Fee,
    "communes": Commune,
    "stats": StatsPeriod,
}
