"""Value types of the content model: text, counts, money, links, times, ids and codes.

Each type validates one kind of value and raises `PydanticCustomError` with a stable problem code
as its type, so the validator reports it under that code (see `problems.catalogue`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar, get_args
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

T = TypeVar("T")


def _n(number: float) -> str:
    """A number written the Vietnamese way: 1.000.000."""
    return f"{number:,}".replace(",", ".")


# Upper bounds of numbers, far above any real value, so that a slip of the keyboard (or an attack)
# is reported instead of breaking the pages: 10²⁵ đồng crashed the money formatting.
MAX_MONEY = 1_000_000_000_000  # 1.000 tỷ đồng
MAX_COUNT = 1_000_000_000  # pages, copies, days, people, dossiers
MAX_AREA_KM2 = 100_000.0  # Việt Nam's largest province has about 16.500 km²


def _non_negative(value: int) -> int:
    if value < 0:
        raise PydanticCustomError("negative-number", "số {value} bị âm; cần số không âm", {"value": value})
    return value


def _shown(value: int) -> str:
    """A number for a message; a huge one by its length (a long number would flood the report)."""
    return _n(value) if value < 10**30 else f"có {len(str(value))} chữ số"


def _count_max(value: int) -> int:
    if value > MAX_COUNT:
        raise PydanticCustomError(
            "out-of-range",
            "số {value} quá lớn: tối đa {limit}",
            {"value": _shown(value), "limit": _n(MAX_COUNT)},
        )
    return value


def _money_max(value: int) -> int:
    if value > MAX_MONEY:
        raise PydanticCustomError(
            "out-of-range",
            "số tiền {value} đồng quá lớn: tối đa {limit} đồng (một nghìn tỷ); kiểm tra lại số chữ số 0",
            {"value": _shown(value), "limit": _n(MAX_MONEY)},
        )
    return value


def _area(value: float) -> float:
    if not math.isfinite(value) or value > MAX_AREA_KM2:
        raise PydanticCustomError(
            "out-of-range",
            "diện tích {value} km² không hợp lệ: tối đa {limit} km²",
            {"value": "vô cực" if not math.isfinite(value) else _n(value), "limit": _n(int(MAX_AREA_KM2))},
        )
    return value


def _money_before(value: Any) -> Any:
    if isinstance(value, float):
        raise PydanticCustomError(
            "not-integer-amount",
            "số tiền phải là số nguyên đồng viết liền, không dấu chấm hay dấu phẩy (ví dụ 50000)",
        )
    return value


# Characters that are never written on purpose in a name or a text.
# Bidi controls reorder what is displayed: "\u202e" makes a name read differently from what it is.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters and symbols that are drawn as nothing (fillers, blank braille, the grapheme joiner).
_BLANK = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")
_CHARACTER_NAMES = {
    "\t": "Tab",
    "\n": "xuống dòng",
    "\r": "về đầu dòng (CR)",
    "\x00": "NUL",
    "\u00a0": "dấu cách không ngắt",
    "\u00ad": "gạch nối mềm",
    "\u200b": "dấu cách độ rộng 0",
    "\u200c": "ZWNJ, nối độ rộng 0",
    "\u200d": "ZWJ, nối độ rộng 0",
    "\u2060": "WORD JOINER",
    "\u202e": "đảo chiều chữ phải sang trái",
    "\u2028": "ngắt dòng Unicode",
    "\u2029": "ngắt đoạn Unicode",
    "\ufeff": "BOM",
}


def character_name(char: str) -> str:
    """`U+202E (đảo chiều chữ phải sang trái)`: how an odd character is named in a message."""
    name = _CHARACTER_NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def visible(text: str) -> str:
    """`text` with every character that is not drawn shown as ⟨U+XXXX⟩, so that a message about
    it can be read (and cannot reorder or hide the rest of the message)."""
    if text.isprintable() and _BLANK.isdisjoint(text):
        return text
    return "".join(c if (c.isprintable() or c == " ") and c not in _BLANK else f"⟨U+{ord(c):04X}⟩" for c in text)


def _kind(char: str, multiline: bool) -> str | None:
    """The problem code for one character of a text, or None when it is fine."""
    if char in _BLANK:
        return "invisible-character"
    if char.isprintable() or char == " " or (multiline and char in "\n\t"):
        return None
    category = unicodedata.category(char)
    if char in _BIDI:
        return "bidi-control"
    if category in ("Cc", "Zl", "Zp"):
        return "control-character"
    if category == "Zs":  # no-break and other spaces: drawn as a space
        return None
    return "invisible-character"  # Cf format characters, private use, unassigned


_WHAT = {
    "bidi-control": "ký tự điều khiển hướng chữ",
    "control-character": "ký tự điều khiển",
    "invisible-character": "ký tự không hiển thị",
}
_FIX = {
    "bidi-control": "chữ hiển thị sẽ khác chữ được lưu; hãy gõ lại đoạn này",
    "control-character": "hãy xoá ký tự này (thường do sao chép từ PDF hoặc Word)",
    "invisible-character": "người đọc không thấy ký tự này nhưng tìm kiếm và so sánh thì có; hãy xoá nó",
}


def _check_characters(value: str, multiline: bool) -> str:
    if value.isprintable() and _BLANK.isdisjoint(value):
        return value  # the common case: letters, digits, punctuation and plain spaces
    kinds = [_kind(char, multiline) for char in value]
    if all(kind is not None or char.isspace() for char, kind in zip(value, kinds, strict=True)) and not any(
        kind in ("bidi-control", "control-character") for kind in kinds
    ):
        raise PydanticCustomError(
            "invisible-text", f"giá trị chỉ gồm ký tự không hiển thị ({visible(value)[:80]}); hãy ghi nội dung bằng chữ"
        )
    for index, (char, kind) in enumerate(zip(value, kinds, strict=True)):
        if kind is None:
            continue
        where = f'ở vị trí thứ {index + 1}, sau "{visible(value[max(0, index - 30) : index])}"' if index else "ở đầu"
        if char == "\n":
            fix = "trường này chỉ viết trên một dòng"
        elif char == "\t":
            fix = "hãy thay bằng một dấu cách"
        else:
            fix = _FIX[kind]
        what = "" if char in "\n\t" else f"{_WHAT[kind]} "
        # The message is written out here, without a context: pydantic would fill `{…}` written
        # in the value itself.
        raise PydanticCustomError(kind, f"có {what}{character_name(char)} {where}; {fix}")
    return value  # only spaces such as U+00A0, which are drawn as spaces


def _single_line(value: str) -> str:
    return _check_characters(value, multiline=False)


def _multi_line(value: str) -> str:
    return _check_characters(value, multiline=True)


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
GITHUB_HANDLE_PATTERN = Pattern(
    r"^@?[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}(?:/[A-Za-z0-9._-]+)?$",
    "tên tài khoản GitHub (chữ không dấu, số, dấu gạch ngang; không có dấu cách), ví dụ `canbo-vuninh`,"
    " hoặc một nhóm `to-chuc/nhom`",
)
PATTERNS: dict[str, Pattern] = {p.regex: p for p in (ID_PATTERN, CODE_PATTERN, PHONE_PATTERN, GITHUB_HANDLE_PATTERN)}

# Text on one line: names, titles, addresses. No control, bidi or invisible character, no line
# break or tab (a name with a tab looks like one with a space but is not the same name).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_single_line)]
# Text that may run over several lines (`|` in YAML): descriptions, notes, rules, steps. Line
# breaks and tabs are layout and are kept; the other characters are refused as in `Text`.
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_multi_line)]
TimeZone = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_time_zone)]
Count = Annotated[
    int, AfterValidator(_non_negative), AfterValidator(_count_max), Field(json_schema_extra={"maximum": MAX_COUNT})
]


def _half_days(value: float) -> float:
    if isinstance(value, float) and (not math.isfinite(value) or value * 2 != int(value * 2)):
        raise PydanticCustomError(
            "bad-format",
            "số ngày {value} không hợp lệ: ghi số nguyên hoặc nửa ngày (ví dụ `3` hoặc `0.5`)",
            {"value": str(value)},
        )
    return int(value) if isinstance(value, float) and value.is_integer() else value


# Days that may be a half (0,5 ngày làm việc): an integer, or a number ending in .5.
HalfDays = Annotated[
    int | float,
    AfterValidator(_half_days),
    AfterValidator(_non_negative),
    AfterValidator(_count_max),
    Field(json_schema_extra={"maximum": MAX_COUNT, "multipleOf": 0.5}),
]
Money = Annotated[
    int,
    BeforeValidator(_money_before),
    AfterValidator(_non_negative),
    AfterValidator(_money_max),
    Field(json_schema_extra={"maximum": MAX_MONEY}),
]
# Square kilometres: finite (YAML reads `1.0e400` as infinity), above zero, at most a province.
Area = Annotated[float, Field(gt=0, json_schema_extra={"maximum": MAX_AREA_KM2}), AfterValidator(_area)]
Url = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_single_line), AfterValidator(_check_url)]
SiteUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_check_site_url),  # refuses new lines and spaces itself, with the fix
    Field(description="Địa chỉ đầy đủ bắt đầu bằng `https://`, ví dụ `https://kienxuong.thaibinh.gov.vn/`."),
]
FormPath = Annotated[
    str, StringConstraints(strip_whitespace=True), AfterValidator(_single_line), AfterValidator(_check_form_path)
]
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
GitHubHandle = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=GITHUB_HANDLE_PATTERN.regex),
    Field(description="Tài khoản GitHub, ví dụ `canbo-vuninh` (có thể có `@` ở đầu, khi đó đặt trong ngoặc kép)."),
]


# ---------------------------------------------------------------------------------------------
# "Not stated" (issue 16): a published record may lack a fact (no steps, no legal basis, no
# count of copies). The editor then writes `khong_neu` instead of inventing a value, and every
# page says "Chưa công bố". One spelling for every field; near misses are refused with the right
# spelling, because a typo would otherwise be published as if it were the fact.

NotStated = Literal["khong_neu"]
NOT_STATED: NotStated = "khong_neu"
NOT_STATED_LABEL = "Chưa công bố"
_NOT_STATED_HELP = (
    "Ghi `khong_neu` khi văn bản công bố không nêu thông tin này; trang sẽ ghi"
    f" \u201c{NOT_STATED_LABEL}\u201d thay vì tự điền."
)


def _spelled_like_not_stated(value: Any) -> bool:
    """`khong-neu`, `Không nêu`, `khong neu`, `khongneu`, `KHONG_NEU`: meant as `khong_neu`."""
    if not isinstance(value, str) or len(value) > 20:
        return False
    decomposed = unicodedata.normalize("NFD", value.strip().lower().replace("đ", "d"))
    letters = "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c))
    return letters in ("khongneu", "khongnue", "khogneu", "khongne", "chuacongbo") and value != NOT_STATED


@dataclass(frozen=True)
class _StatedMarker:
    """Makes a field accept `khong_neu` beside its own type (see `Stated`)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        inner_types = [arg for arg in get_args(source) if arg is not NotStated]
        inner = inner_types[0] if len(inner_types) == 1 else source
        inner_schema = handler.generate_schema(inner)

        def validate(value: Any, next_: Any) -> Any:
            if value == NOT_STATED:
                return NOT_STATED
            if _spelled_like_not_stated(value):
                raise PydanticCustomError(
                    "not-stated-spelling",
                    "`{value}` viết sai: ghi đúng `khong_neu` (chữ thường, không dấu, gạch dưới) khi văn bản"
                    " công bố không nêu thông tin này",
                    {"value": str(value)[:40]},
                )
            return next_(value)

        return core_schema.no_info_wrap_validator_function(validate, inner_schema)

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        inner = handler(schema)
        return {
            "anyOf": [
                inner,
                {"const": NOT_STATED, "title": NOT_STATED_LABEL, "description": _NOT_STATED_HELP},
            ]
        }


# `Stated[T]`: a value of type T, or `khong_neu` when the published record does not state it.
Stated = Annotated[T | NotStated, _StatedMarker()]


def is_stated(value: object) -> bool:
    """False for `khong_neu`."""
    return value != NOT_STATED
