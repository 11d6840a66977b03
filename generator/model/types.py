"""Value types of the content model: text, counts, money, links, times, ids and codes.

Each type validates one kind of value and raises `PydanticCustomError` with a stable problem code
as its type, so the validator reports it under that code (see `problems.catalogue`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError


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


# The site's own address is written into every page, the sitemap, the feed, robots.txt and the
# open data, some of them outside our escaping (the theme's canonical link), so it may hold only
# characters that mean the same everywhere: no quotes, brackets, spaces or ampersands.
_HOST_RE = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_SITE_PATH_RE = re.compile(r"(?:/(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})*)*")
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]"}
_SITE_URL_RE = re.compile(r"(https?)://(\[::1\]|[^/:?#\[\]@]+)(?::([0-9]{1,5}))?(/[^?#]*)?", re.IGNORECASE)


def _check_site_url(value: str) -> str:
    """An absolute https address (http only on this machine), normalised: scheme and host in lower
    case, a trailing slash."""
    match = _SITE_URL_RE.fullmatch(value) if value.isascii() else None
    if match is not None:
        scheme, host, port, path = match.group(1).lower(), match.group(2).lower(), match.group(3), match.group(4) or ""
        local = host in _LOCAL_HOSTS
        if (
            (local or _HOST_RE.fullmatch(host))
            and (scheme == "https" or local)
            and (port is None or 0 < int(port) < 65536)
            and _SITE_PATH_RE.fullmatch(path)
        ):
            return f"{scheme}://{host}{f':{port}' if port else ''}{path.rstrip('/')}/"
    raise PydanticCustomError(
        "base-url",
        "địa chỉ cổng `{value}` không hợp lệ; cần địa chỉ đầy đủ bắt đầu bằng https://, tên miền không dấu,"
        " đường dẫn chỉ gồm chữ không dấu, số, -, _, ., ~, /, không có tên người dùng, ?… hay #…;"
        " ví dụ https://kienxuong.thaibinh.gov.vn/",
        {"value": value[:80]},
    )


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


def _check_time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ValueError, ZoneInfoNotFoundError):
        raise PydanticCustomError(
            "bad-format",
            "múi giờ `{value}` không có; ghi tên múi giờ IANA, ví dụ `Asia/Ho_Chi_Minh`",
            {"value": value[:80]},
        ) from None
    return value


@dataclass(frozen=True)
class Pattern:
    """A text pattern and how it is explained to editors when a value does not match it."""

    regex: str
    help: str

    def matches(self, value: str) -> bool:
        return re.match(self.regex, value) is not None


ID_PATTERN = Pattern(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "mã định danh chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ `ho-tich`",
)
CODE_PATTERN = Pattern(
    r"^[0-9]\.[0-9]{6}$",
    'mã thủ tục có dạng "1.001193" (một chữ số, dấu chấm, sáu chữ số), đặt trong ngoặc kép',
)
PHONE_PATTERN = Pattern(
    r"^[0-9 .()+-]{6,20}$",
    "số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, ngoặc và dấu +, ví dụ `0227 3821 234`",
)
PATTERNS: dict[str, Pattern] = {p.regex: p for p in (ID_PATTERN, CODE_PATTERN, PHONE_PATTERN)}

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
TimeZone = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_time_zone)]
Count = Annotated[int, AfterValidator(_non_negative)]
Money = Annotated[int, BeforeValidator(_money_before), AfterValidator(_non_negative)]
Url = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_url)]
SiteUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_check_site_url),
    Field(description="Địa chỉ đầy đủ bắt đầu bằng `https://`, ví dụ `https://kienxuong.thaibinh.gov.vn/`."),
]
FormPath = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_form_path)]
TimeRange = Annotated[str, AfterValidator(_check_time_range)]
Clock = Annotated[str, AfterValidator(_check_clock)]
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN.regex, max_length=80),
    Field(description="Mã định danh: chữ thường không dấu, số và dấu gạch ngang, ví dụ `ho-tich`."),
]
ProcedureCode = Annotated[
    str,
    StringConstraints(pattern=CODE_PATTERN.regex),
    Field(description="Mã thủ tục trên Cơ sở dữ liệu quốc gia, dạng `1.001193`, đặt trong ngoặc kép."),
]
Phone = Annotated[str, StringConstraints(pattern=PHONE_PATTERN.regex)]
