"""The base classes of every content model: strict, unknown keys forbidden, Vietnamese help.

Every model names itself in Vietnamese twice: `label` (what it is, shown as the schema's title and
in change summaries) and `help` (one or two sentences shown on hover in editors' tools). A test
fails when a model lacks either.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from .types import Text


def _vietnamese_help(schema: dict[str, Any], cls: type) -> None:
    """Editors read schema titles and descriptions in their editor: the model's Vietnamese label
    and help replace the class name and the English docstring."""
    schema.pop("description", None)
    label, help_text = getattr(cls, "label", None), getattr(cls, "help", None)
    if label:
        schema["title"] = label
    if help_text:
        schema["description"] = help_text


class Model(BaseModel):
    """Base of every content model: strict types, unknown keys are errors."""

    label: ClassVar[str] = ""
    help: ClassVar[str] = ""
    # Keys renamed in this release: old spelling → new. The loader accepts the old spelling with a
    # `deprecated-key` warning (load/upgrade.py) for one release.
    renamed: ClassVar[dict[str, str]] = {}

    model_config = ConfigDict(
        extra="forbid", strict=True, str_strip_whitespace=True, json_schema_extra=_vietnamese_help
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


def date_range(valid_from: dt.date | None, valid_until: dt.date | None) -> None:
    """Raise `date-range` when a period ends before it starts."""
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
        date_range(self.valid_from, self.valid_until)
        return self

    def in_force(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )


class ChangeNote(Model):
    """What citizens read about a change to a record (on `cap-nhat/` and in the feed): written by
    the editor with the change; the commit message is never published."""

    label: ClassVar[str] = "Ghi chú thay đổi"
    help: ClassVar[str] = (
        "Một hai câu cho người dân biết lần sửa này thay đổi gì, kèm ngày ghi; hiện ở trang Cập nhật gần đây."
        " Ghi lại (cả ngày) mỗi lần sửa có điều người dân cần biết."
    )

    date: dt.date = Field(title="Ngày ghi", description="Dạng YYYY-MM-DD.")
    text: Text = Field(title="Nội dung ghi chú", description="Ví dụ `Lệ phí giảm còn 50% khi nộp trực tuyến`.")


def change_note_field() -> Any:
    """The optional `change_note` field every record file may end with."""
    return Field(None, title="Ghi chú thay đổi", description="Điều người dân cần biết về lần sửa này.")


# Rules about the facts a record states (issue 11). A rule that fails raises a catalogued error;
# rules about likely but possibly legitimate mistakes are warnings and live in `load/checks.py`,
# because a failing validator drops the record. An error about one entry of a block names that
# entry in its context as `at` (a path below the validated value), and the loader reports it
# there (`load/translate.py`).


def fact_error(code: str, message: str, at: tuple[str | int, ...] = (), /, **context: Any) -> PydanticCustomError:
    """A catalogued error about a record, shown at `at` below the value being validated."""
    return PydanticCustomError(code, message, {**context, "at": at} if at else context)


def _shown(value: Any) -> str:
    text = str(value[0] if isinstance(value, tuple) else value)
    return text if len(text) <= 60 else text[:57] + "…"


@dataclass(frozen=True)
class Unique:
    """Annotation of a list whose entries may not repeat one another (`duplicate-item`, at the
    repeat). `key` says what makes two entries the same; by default, the value itself."""

    key: Callable[[Any], Hashable] | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        result = handler(schema)
        if self.key is None:  # editors' tools flag repeated plain values as they type
            result["uniqueItems"] = True
        return result

    def _check(self, items: list[Any]) -> list[Any]:
        seen: dict[Hashable, int] = {}
        for index, item in enumerate(items):
            key = item if self.key is None else self.key(item)
            if key in seen:
                raise fact_error(
                    "duplicate-item",
                    "mục thứ {n} lặp lại mục thứ {first} (`{value}`); mỗi mục chỉ ghi một lần",
                    (index,),
                    n=index + 1,
                    first=seen[key] + 1,
                    value=_shown(key),
                )
            seen[key] = index
        return items


def folded(text: str | None) -> str | None:
    """Text compared the way a reader compares it: case does not matter."""
    return None if text is None else text.casefold()


@dataclass(frozen=True)
class NonZero:
    """Annotation of a count that cannot be 0 (`zero-value`); `hint` says what to write instead."""

    hint: str

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        result = handler(schema)
        result["minimum"] = 1
        return result

    def _check(self, value: int) -> int:
        if value == 0:
            raise PydanticCustomError("zero-value", "số 0 không hợp lệ ở đây: {hint}", {"hint": self.hint})
        return value


GOV_SUFFIX = "gov.vn"
# Letters that look like Latin ones (Cyrillic, Greek) and dots that browsers read as dots.
_LOOKALIKES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
        "ԁ": "d", "ѕ": "s", "ɡ": "g", "ο": "o", "ν": "v", "α": "a", "ı": "i", "đ": "d",
        "。": ".", "｡": ".",
    }
)  # fmt: skip


def host_skeleton(host: str) -> str:
    """What a reader sees of a host name: punycode decoded, accents and look-alike letters
    replaced by the plain Latin letters they imitate."""
    text = unicodedata.normalize("NFKC", host.lower()).translate(_LOOKALIKES)
    labels = []
    for label in text.split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except UnicodeError:
                pass
        labels.append(label)
    text = unicodedata.normalize("NFKD", ".".join(labels).translate(_LOOKALIKES))
    return "".join(c for c in text if not unicodedata.combining(c))


def link_host(url: str) -> str:
    """The host a link leads to, lower case, without a trailing dot."""
    return (urlsplit(url).hostname or "").rstrip(".")


def is_gov_host(host: str) -> bool:
    return host == GOV_SUFFIX or host.endswith("." + GOV_SUFFIX)


def check_link(url: str) -> str:
    """Refuse a link built to look like another (`deceptive-url`): a user name or password before
    the host (`https://dichvucong.gov.vn@evil.example/` leads to evil.example), a backslash or
    percent sign in the host (browsers read them differently from us), or a host that imitates a
    gov.vn name without being one (`dichvucong.gov.vn.evil.example`, Cyrillic or accented letters,
    punycode)."""
    netloc = urlsplit(url).netloc
    host = link_host(url)
    reason = ""
    if "@" in netloc:
        reason = "có tên đăng nhập hoặc mật khẩu trước dấu `@`; trình duyệt sẽ mở trang `{host}`"
    elif "\\" in netloc or "%" in netloc:
        reason = "tên máy chủ có dấu `\\` hoặc `%`, trình duyệt hiểu khác với cách đọc thông thường"
    elif not is_gov_host(host) and GOV_SUFFIX in host:
        reason = "tên máy chủ `{host}` giống tên miền gov.vn nhưng không thuộc gov.vn"
    elif (not host.isascii() or "xn--" in host) and GOV_SUFFIX in host_skeleton(host):
        reason = "tên máy chủ `{host}` dùng chữ có dấu, chữ Kirin hoặc punycode để giả một tên miền gov.vn"
    if reason:
        raise PydanticCustomError(
            "deceptive-url", "địa chỉ `{value}` đánh lừa người đọc: " + reason, {"value": url[:80], "host": host}
        )
    return url


def check_online_link(url: str | None) -> str | None:
    """The link citizens submit dossiers to: not deceptive, and https (`online-not-https`)."""
    if url is None:
        return None
    check_link(url)
    if urlsplit(url).scheme != "https":
        raise PydanticCustomError(
            "online-not-https",
            "đường dẫn nộp hồ sơ trực tuyến `{value}` không dùng https://; hồ sơ chứa thông tin cá nhân"
            " phải được gửi qua kết nối mã hóa",
            {"value": url[:80]},
        )
    return url


# One address as published in a mailto: link: no display name, no second address, no `?`
# (which would add headers to the message), ASCII only.
_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


def check_email(value: str | None) -> str | None:
    """A single e-mail address (`bad-email`)."""
    if value is None or _EMAIL_RE.match(value):
        return value
    if value.lower().startswith("mailto:"):
        hint = "bỏ `mailto:` ở đầu"
    elif "<" in value or ">" in value:
        hint = "chỉ ghi địa chỉ, không kèm tên"
    elif "?" in value:
        hint = "địa chỉ không được có dấu `?`"
    elif "@" not in value:
        hint = "thiếu `@`; cần dạng `ten@ten-mien.gov.vn`"
    elif any(sep in value for sep in ",; "):
        hint = "mỗi trường chỉ ghi một địa chỉ, không có dấu cách"
    elif not value.isascii():
        hint = "địa chỉ thư chỉ gồm chữ không dấu, số và các dấu . _ + -"
    else:
        hint = "cần dạng `ten@ten-mien.gov.vn`"
    raise PydanticCustomError(
        "bad-email", "`{value}` không phải một địa chỉ thư điện tử: {hint}", {"value": value[:80], "hint": hint}
    )
