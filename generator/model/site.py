"""The portal itself (`site.yaml`) and the catalogues procedures refer to: sectors (lĩnh vực),
agencies and legal documents."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..settings import DEFAULT_TIME_ZONE
from .base import Model, Shorthand, Unique, Validity, check_email, check_link, date_range, fact_error
from .types import (
    Count,
    GitHubHandle,
    Id,
    LongText,
    Phone,
    ProcedureCode,
    SiteUrl,
    Stated,
    Text,
    TimeRange,
    TimeZone,
    Url,
)
from .vocabulary import Weekday


def _overlapping(blocks: list[str]) -> int | None:
    """The index of the first time block (normalised `HH:MM-HH:MM`) that starts before an
    earlier one ends; blocks that only touch do not overlap."""
    ends_by = ""
    for index, block in sorted(enumerate(blocks), key=lambda pair: pair[1]):
        if block[:5] < ends_by:
            return index
        ends_by = max(ends_by, block[6:])
    return None


def hours_in_order(blocks: list[str], key: str) -> None:
    """Raise `hours-order` when two time blocks of one list overlap."""
    index = _overlapping(blocks)
    if index is not None:
        raise fact_error(
            "hours-order",
            "khung giờ `{block}` chồng lên một khung giờ khác trong cùng danh sách",
            (key, index),
            block=blocks[index],
        )


class Closure(Model):
    """A holiday closure or a dated exception to the usual hours: of one commune's desk
    (`closures` in its file) or of every desk (`closures` in `site.yaml`, besides the national
    public holidays, which come from the `holidays` calendar)."""

    label: ClassVar[str] = "Ngày nghỉ, ngày làm việc khác thường"
    help: ClassVar[str] = "Ngày nghỉ hoặc ngày làm việc khác thường."

    renamed: ClassVar[dict[str, str]] = {"from": "valid_from", "until": "valid_until"}

    valid_from: dt.date = Field(title="Từ ngày")
    valid_until: dt.date | None = Field(None, title="Đến hết ngày", description="Để trống nếu chỉ một ngày.")
    reason: Text = Field(title="Lý do", description="Ví dụ `Nghỉ Tết Nguyên đán`.")
    open_hours: Annotated[list[TimeRange], Unique()] = Field(
        default_factory=list, title="Giờ mở cửa trong những ngày này", description="Để trống nếu đóng cửa."
    )
    works_like: Weekday | None = Field(
        None,
        title="Làm việc như ngày",
        description="Ngày làm bù: mở cửa theo giờ làm việc của ngày này trong tuần, ví dụ `t2`"
        " (khi không ghi `open_hours`).",
    )

    @model_validator(mode="after")
    def _ordered(self) -> Closure:
        date_range(self.valid_from, self.valid_until)
        hours_in_order(self.open_hours, "open_hours")
        return self

    @property
    def last_day(self) -> dt.date:
        return self.valid_until or self.valid_from

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.last_day


# A GitHub repository `owner/name` and a branch or folder name: what may go into a GitHub URL path
# as it is.
REPOSITORY_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$"
BRANCH_PATTERN = r"^[A-Za-z0-9_-][A-Za-z0-9._/-]{0,99}$"


class Level(Model):
    label: ClassVar[str] = "Cấp hành chính"
    help: ClassVar[str] = "Một cấp thực hiện thủ tục khai báo trên cổng, ví dụ cấp tỉnh, cấp xã."

    id: Id = Field(title="Mã cấp", description="Ví dụ `tinh`, `huyen`, `xa`.")
    name: Text = Field(title="Tên cấp", description="Ví dụ `Cấp xã`.")


class Authority(Model):
    label: ClassVar[str] = "Cơ quan công bố"
    help: ClassVar[str] = "Cơ quan chịu trách nhiệm công bố thủ tục trên cổng và cấp hành chính của cơ quan."

    name: Text = Field(title="Tên cơ quan công bố", description="Ví dụ `UBND huyện Kiến Xương`.")
    level: Id = Field(title="Cấp của cơ quan", description="Một mã trong `levels`.")
    unit: Text = Field(title="Đơn vị hành chính", description="Ví dụ `huyện Kiến Xương`.")
    parent: Text | None = Field(None, title="Đơn vị cấp trên", description="Ví dụ `tỉnh Thái Bình`.")


class Contact(Model):
    label: ClassVar[str] = "Thông tin liên hệ"
    help: ClassVar[str] = "Địa chỉ, điện thoại, thư điện tử, trang web và giờ làm việc của một nơi tiếp dân."

    address: Text = Field(title="Địa chỉ")
    phone: Phone | None = Field(None, title="Điện thoại")
    email: Text | None = Field(None, title="Thư điện tử", description="Một địa chỉ, ví dụ `motcua@kienxuong.gov.vn`.")
    url: Url | None = Field(None, title="Trang web")
    hours: LongText | None = Field(
        None, title="Giờ làm việc", description="Ghi bằng lời, ví dụ `Sáng thứ Hai đến thứ Sáu`."
    )

    _email = field_validator("email")(check_email)
    _url = field_validator("url")(check_link)


class ComplaintChannel(Model):
    label: ClassVar[str] = "Nơi nhận khiếu nại, tố cáo"
    help: ClassVar[str] = (
        "Một nơi nhận khiếu nại hoặc tố cáo về việc giải quyết thủ tục hành chính: cơ quan, cách gửi, điện thoại,"
        " thư điện tử và căn cứ pháp lý."
    )

    name: Text = Field(title="Loại đơn", description="Ví dụ `Khiếu nại` hoặc `Tố cáo`.")
    where: LongText = Field(
        title="Nơi nhận và cách gửi",
        description="Ví dụ `Gửi đơn hoặc trình bày trực tiếp tại Ban Tiếp công dân huyện, thị trấn Kiến Xương`.",
    )
    phone: Phone | None = Field(None, title="Điện thoại")
    email: Text | None = Field(None, title="Thư điện tử")
    basis: Text | None = Field(None, title="Căn cứ", description="Ví dụ `Luật Khiếu nại năm 2011`.")

    _email = field_validator("email")(check_email)


class FeedbackGuide(Model):
    label: ClassVar[str] = "Hướng dẫn phản ánh, kiến nghị"
    help: ClassVar[str] = (
        "Điều gì xảy ra sau khi người dân gửi phản ánh, kiến nghị, thời hạn trả lời, lịch tiếp công dân và nơi"
        " nhận khiếu nại, tố cáo (hiện ở trang Phản ánh, kiến nghị)."
    )

    next_steps: list[LongText] = Field(
        default_factory=list,
        title="Các bước sau khi gửi",
        description="Mỗi bước một câu, theo thứ tự, ví dụ `Văn phòng kiểm tra và phân loại phản ánh`.",
    )
    reply_days: Count | None = Field(
        None, title="Thời hạn trả lời (ngày làm việc)", description="Số ngày làm việc để trả lời người phản ánh."
    )
    reception: LongText | None = Field(
        None,
        title="Lịch tiếp công dân",
        description="Ai tiếp công dân, khi nào và ở đâu, ví dụ `Chủ tịch UBND huyện tiếp công dân ngày 15 hằng tháng`.",
    )
    complaints: list[ComplaintChannel] = Field(
        default_factory=list, title="Khiếu nại, tố cáo", description="Nơi nhận khiếu nại và nơi nhận tố cáo."
    )


# The portal's look (theme: site.yaml). Text on the primary colour (the header, the search band)
# is white, and the primary and accent colours are also used for links and buttons on the white
# page, so each must reach WCAG AA's 4.5:1 against white.
MIN_CONTRAST = 4.5
WHITE = "#ffffff"
_HEX_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
# The emblem shown in the header: an image of the content, copied into the site as it is.
EMBLEM_TYPES = ("png", "svg", "webp", "jpg", "jpeg")
EMBLEM_MAX_BYTES = 100_000


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """The relative luminance of `#rrggbb` (WCAG 2)."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _check_color(value: str) -> str:
    if not _HEX_COLOR_RE.match(value):
        raise PydanticCustomError(
            "bad-format", "màu `{value}` không hợp lệ; ghi mã màu dạng `#1a237e`", {"value": value[:40]}
        )
    ratio = contrast(value, WHITE)
    if ratio < MIN_CONTRAST:
        raise fact_error(
            "low-contrast",
            "màu `{value}` với chữ trắng chỉ đạt độ tương phản {ratio}:1, cần ít nhất 4,5:1 (WCAG AA);"
            " chọn màu đậm hơn",
            value=value,
            ratio=f"{ratio:.2f}".replace(".", ","),
        )
    return value.lower()


def _check_emblem(value: str) -> str:
    parts = value.split("/")
    if value.startswith("/") or "\\" in value or ":" in value or any(part in ("", ".", "..") for part in parts):
        raise fact_error(
            "emblem-path",
            "biểu tượng `{value}` phải là đường dẫn đến một tệp trong thư mục nội dung, ví dụ"
            " `images/quoc-huy.svg` (không bắt đầu bằng `/`, không có `..`, không phải địa chỉ web)",
            value=value[:80],
        )
    extension = parts[-1].rpartition(".")[2].lower() if "." in parts[-1] else ""
    if extension not in EMBLEM_TYPES:
        raise fact_error(
            "emblem-type",
            "biểu tượng `{value}` phải là ảnh .png, .svg, .webp hoặc .jpg",
            value=value[:80],
        )
    return value


class Colors(Model):
    label: ClassVar[str] = "Màu của cổng"
    help: ClassVar[str] = "Màu chính (thanh tiêu đề) và màu nhấn (nút, liên kết), dạng `#1a237e`."

    primary: str | None = Field(
        None,
        title="Màu chính",
        description="Màu thanh tiêu đề và ô tìm kiếm, chữ trắng trên đó; dạng `#1a237e`. Phải đủ đậm"
        " (độ tương phản với chữ trắng ít nhất 4,5:1).",
    )
    accent: str | None = Field(
        None,
        title="Màu nhấn",
        description="Màu nút bấm và liên kết khi trỏ vào; dạng `#b71c1c`. Phải đủ đậm (độ tương phản với"
        " nền trắng ít nhất 4,5:1).",
    )

    _colors = field_validator("primary", "accent")(_check_color)


class Repository(Model):
    label: ClassVar[str] = "Kho nội dung trên GitHub"
    help: ClassVar[str] = (
        'Kho GitHub giữ nội dung của cổng: dùng cho các liên kết "Sửa nội dung này", "Thêm thủ tục mới" và'
        " trang quản trị /quan-tri/. Bỏ trống thì không hiện các liên kết đó."
    )

    name: Annotated[str, StringConstraints(pattern=REPOSITORY_PATTERN)] = Field(
        title="Tên kho", description="Dạng `chu-so-huu/ten-kho`, ví dụ `ubnd-kienxuong/congkhai`."
    )
    branch: Annotated[str, StringConstraints(pattern=BRANCH_PATTERN)] = Field(
        "main", title="Nhánh", description="Nhánh được xuất bản, thường là `main`."
    )
    folder: Annotated[str, StringConstraints(pattern=BRANCH_PATTERN)] = Field(
        "content", title="Thư mục nội dung", description="Thư mục chứa nội dung trong kho, thường là `content`."
    )
    oauth_url: Url | None = Field(
        None,
        title="Địa chỉ dịch vụ đăng nhập GitHub",
        description="Dịch vụ OAuth trung gian cho trang quản trị, ví dụ `https://dang-nhap.example.gov.vn/auth`"
        " (xem docs/huong-dan/quan-tri.md).",
    )

    _oauth_url = field_validator("oauth_url")(check_link)


class Site(Model):
    """`content/site.yaml`: the portal and the authority that publishes it."""

    label: ClassVar[str] = "Cấu hình cổng"
    help: ClassVar[str] = (
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
    feedback_guide: FeedbackGuide | None = Field(
        None,
        title="Hướng dẫn phản ánh, kiến nghị",
        description="Điều xảy ra sau khi gửi, thời hạn trả lời, lịch tiếp công dân, nơi nhận khiếu nại, tố cáo.",
    )
    base_url: SiteUrl = Field(
        title="Địa chỉ trang",
        description="Địa chỉ công khai của cổng, bắt đầu bằng `https://`, ví dụ `https://kienxuong.thaibinh.gov.vn/`.",
    )
    demo: bool = Field(
        False,
        title="Dữ liệu minh họa",
        description='`true` để hiện thông báo "dữ liệu minh họa" trên mọi trang.',
    )
    demo_notice: LongText | None = Field(None, title="Nội dung thông báo dữ liệu minh họa")
    featured: Annotated[list[ProcedureCode], Unique()] = Field(
        default_factory=list, title="Thủ tục hay dùng", description="Mã các thủ tục hiện ở trang chủ."
    )
    colors: Colors | None = Field(None, title="Màu của cổng")
    emblem: Text | None = Field(
        None,
        title="Biểu tượng",
        description="Ảnh biểu tượng của cơ quan hiện ở đầu trang (.png, .svg, .webp hoặc .jpg, tối đa 100 KB),"
        " là một tệp trong thư mục nội dung, ví dụ `images/quoc-huy.svg`.",
    )
    closures: list[Closure] = Field(
        default_factory=list,
        title="Ngày nghỉ, ngày làm bù chung",
        description="Ngày mọi Bộ phận Một cửa nghỉ hoặc làm việc khác thường, ngoài các ngày lễ, Tết do nhà nước"
        " quy định (đã có sẵn, không cần ghi): ví dụ ngày nghỉ bù, ngày làm bù theo thông báo của tỉnh.",
    )
    maintainers: Annotated[list[GitHubHandle], Unique()] = Field(
        default_factory=list,
        title="Người duyệt chung",
        description="Tài khoản GitHub duyệt mọi thay đổi (tệp `.github/CODEOWNERS`), ví dụ `vanphong-ubnd`.",
    )
    editors: dict[Id, Annotated[list[GitHubHandle], Unique()]] = Field(
        default_factory=dict,
        title="Người duyệt theo xã, phường",
        description="Theo mã xã, phường: tài khoản GitHub duyệt thay đổi tệp của xã, phường đó.",
    )
    language: Literal["vi"] = "vi"
    repository: Repository | None = Field(
        None,
        title="Kho nội dung trên GitHub",
        description="Để hiện liên kết sửa nội dung trên GitHub và dùng trang quản trị /quan-tri/.",
    )
    time_zone: TimeZone = Field(
        DEFAULT_TIME_ZONE,
        title="Múi giờ",
        description='Múi giờ dùng để xác định "hôm nay" (mức phí đang áp dụng, lịch trực tuần này). Mặc định'
        " `Asia/Ho_Chi_Minh`.",
    )

    _emblem = field_validator("emblem")(_check_emblem)


class Sector(Model):
    """A lĩnh vực: one file in `content/fields/`, or an entry of `content/fields.yaml`."""

    label: ClassVar[str] = "Lĩnh vực"
    help: ClassVar[str] = "Một lĩnh vực thủ tục hành chính, ví dụ Hộ tịch, Chứng thực (một tệp trong content/fields/)."

    id: Id = Field(title="Mã lĩnh vực")
    name: Text = Field(title="Tên lĩnh vực", description="Ví dụ `Hộ tịch`.")
    description: LongText | None = Field(None, title="Mô tả")


class SectorList(Model):
    label: ClassVar[str] = "Danh mục lĩnh vực"
    help: ClassVar[str] = "Danh mục lĩnh vực (content/fields.yaml)."

    fields: list[Sector] = Field(min_length=1, title="Các lĩnh vực")


class Agency(Validity):
    """A cơ quan thực hiện: one file in `content/agencies/`, or an entry of `content/agencies.yaml`.
    Names change, so agencies carry dates."""

    label: ClassVar[str] = "Cơ quan thực hiện"
    help: ClassVar[str] = (
        "Một cơ quan giải quyết thủ tục, với địa chỉ, điện thoại và thời gian hoạt động (một tệp trong content/agencies/)."
    )

    id: Id = Field(title="Mã cơ quan")
    name: Text = Field(title="Tên cơ quan", description="Ví dụ `Phòng Tư pháp huyện Kiến Xương`.")
    level: Id = Field(title="Cấp", description="Một mã trong `levels` của `site.yaml`.")
    address: Text | None = Field(None, title="Địa chỉ")
    phone: Phone | None = Field(None, title="Điện thoại")
    email: Text | None = Field(None, title="Thư điện tử")
    replaced_by: Id | None = Field(None, title="Cơ quan thay thế", description="Mã cơ quan tiếp nhận nhiệm vụ.")

    _email = field_validator("email")(check_email)

    @model_validator(mode="after")
    def _not_replaced_by_itself(self) -> Agency:
        if self.replaced_by == self.id:
            raise fact_error(
                "self-reference", "cơ quan `{id}` được ghi là thay thế chính nó", ("replaced_by",), id=self.id
            )
        return self


class AgencyList(Model):
    label: ClassVar[str] = "Danh mục cơ quan"
    help: ClassVar[str] = "Danh mục cơ quan thực hiện thủ tục (content/agencies.yaml)."

    agencies: list[Agency] = Field(min_length=1, title="Các cơ quan")


class LegalDocument(Model):
    """A legal text cited by procedures and fees: one file in `content/legal/` (named after its
    number), or an entry of `content/legal.yaml`."""

    label: ClassVar[str] = "Văn bản pháp luật"
    help: ClassVar[str] = (
        "Một văn bản được thủ tục hoặc khoản phí trích dẫn: số ký hiệu, trích yếu, cơ quan và ngày ban hành (một tệp trong content/legal/)."
    )

    number: Text = Field(title="Số ký hiệu", description="Ví dụ `23/2015/NĐ-CP`.")
    title: Text = Field(title="Trích yếu")
    issuer: Text = Field(title="Cơ quan ban hành", description="Ví dụ `Chính phủ`.")
    date: Stated[dt.date] = Field(
        title="Ngày ban hành", description="Dạng YYYY-MM-DD; `khong_neu` khi chưa rõ ngày.", examples=["2014-11-20"]
    )
    kind: Text | None = Field(None, title="Loại văn bản", description="Ví dụ `Nghị định`.")
    url: Url | None = Field(None, title="Đường dẫn toàn văn")

    _url = field_validator("url")(check_link)


class LegalList(Model):
    label: ClassVar[str] = "Danh mục văn bản pháp luật"
    help: ClassVar[str] = "Danh mục văn bản pháp luật được trích dẫn (content/legal.yaml)."

    documents: list[LegalDocument] = Field(title="Các văn bản pháp luật")


class LegalCitation(Shorthand):
    """A citation of a catalogued legal document; a bare string is its number."""

    label: ClassVar[str] = "Căn cứ pháp lý"
    help: ClassVar[str] = (
        "Căn cứ pháp lý: số hiệu văn bản (có trong content/legal/), có thể kèm điều, khoản; khi văn bản công bố"
        " chỉ nêu tên mà không nêu số hiệu, ghi `name` (ví dụ `Luật Hộ tịch 2014`)."
    )
    shorthand_key: ClassVar[str] = "doc"

    doc: Text | None = Field(
        None, title="Số ký hiệu văn bản", description="Phải có trong `content/legal/` (hoặc `legal.yaml`)."
    )
    name: Text | None = Field(
        None,
        title="Tên văn bản như văn bản công bố ghi",
        description="Khi không biết số hiệu: ghi đúng tên được trích, ví dụ `Luật Hộ tịch 2014`.",
        examples=["Luật Hộ tịch 2014"],
    )
    article: Text | None = Field(None, title="Điều, khoản", description="Ví dụ `Điều 4`.")

    @model_validator(mode="after")
    def _doc_or_name(self) -> LegalCitation:
        if (self.doc is None) == (self.name is None):
            raise PydanticCustomError(
                "one-of", "căn cứ pháp lý cần đúng một trong `doc` (số hiệu trong legal.yaml) hoặc `name` (tên văn bản)"
            )
        return self
