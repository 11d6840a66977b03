"""Pydantic's validation errors, translated into catalogued problems at their place in the file.

Each error becomes one `Problem` with a stable code and a Vietnamese message that says what was
expected and what was found, with a "có phải ý bạn là …" hint where one helps.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
import types
import typing
import unicodedata
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .. import model as m
from ..model.types import visible
from ..problems import CATALOGUE, Problem
from .yaml_source import MAX_FILE_PROBLEMS, SourceFile

T = TypeVar("T", bound=BaseModel)

_TYPE_NAMES = {
    "string_type": "chữ",
    "int_type": "số nguyên",
    "float_type": "số",
    "bool_type": "`true` hoặc `false`",
    "date_type": "ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "ngày dạng YYYY-MM-DD",
    "list_type": "danh sách (mỗi mục một dòng bắt đầu bằng `- `)",
    "dict_type": "một khối các trường `khoá: giá trị`",
    "model_type": "một khối các trường `khoá: giá trị`",
    "model_attributes_type": "một khối các trường `khoá: giá trị`",
    "literal_error": "một giá trị trong danh sách",
}
_FOCUS = {"date-range": ("valid_until", "until"), "tier-order": ("tiers",)}


def describe(value: Any, raw: str | None = None) -> str:
    """How a found value is named in a message."""
    if value is None:
        return "giá trị trống"
    if isinstance(value, bool):
        return f"`{raw or str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"số `{raw or value}`"
    if isinstance(value, dt.date):
        return f"ngày `{raw or value.isoformat()}`"
    if isinstance(value, str):
        # Control, bidi and invisible characters are shown by their code: written as they are, they
        # would reorder or hide the rest of the message in a terminal or a CI log.
        shown = visible(value if len(value) <= 60 else value[:57] + "…")
        return f'chữ "{shown}"'
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một khối `khoá: giá trị`"
    return type(value).__name__


def unwrap(annotation: Any) -> type[BaseModel] | None:
    """The model class inside `X | None`, `list[X]`, `Annotated[X, …]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = unwrap(arg)
            if found is not None:
                return found
    return None


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        for name, info in current.model_fields.items():
            if (info.alias or name) == part:
                current = unwrap(info.annotation)
                break
        else:
            return None
    return current


def _keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _title(model: type[BaseModel] | None, key: str) -> str:
    if model is None:
        return ""
    for name, info in model.model_fields.items():
        if (info.alias or name) == key and info.title:
            return f" ({info.title})"
    return ""


# A suggestion compares the word with every choice in Python (difflib): thousands of unknown
# references against thousands of records took minutes. One validation run (`new_run`) may make
# this many comparisons; after that, problems are reported without a suggestion.
SUGGESTION_BUDGET = 300_000
_suggestions = {"left": SUGGESTION_BUDGET}
_suggested: dict[tuple[str, int], str] = {}


def new_run() -> None:
    """Start a validation run: the suggestion budget is full again."""
    _suggestions["left"] = SUGGESTION_BUDGET
    _suggested.clear()


def suggest(word: str, choices: list[str] | typing.Iterable[str]) -> str:
    """` Có phải ý bạn là `x`?` for the closest choice, or nothing."""
    options = list(choices)
    key = (word, hash(tuple(options)))
    if key not in _suggested:
        if _suggestions["left"] < len(options):
            return ""
        _suggestions["left"] -= len(options)
        # A choice that is the word itself once normalised (NFC) is no suggestion: printed, the two
        # look identical; that difference is reported on its own (`text-not-nfc`, `file-name-not-nfc`).
        same = unicodedata.normalize("NFC", word)
        close = difflib.get_close_matches(
            word, [o for o in options if unicodedata.normalize("NFC", o) != same], n=1, cutoff=0.6
        )
        if len(_suggested) > 10_000:
            _suggested.clear()
        _suggested[key] = f"; có phải ý bạn là `{close[0]}`?" if close else ""
    return _suggested[key]


def _law_number(number: str) -> str:
    """A legal number reduced to what identifies it: `01/2024/NĐ-CP`, `1/2024/ND-CP` and
    `01/2024/nđ-cp` are the same number; `15/2026/NQ-HĐND` and `15/2021/NĐ-CP` are not."""
    folded = unicodedata.normalize("NFKC", number).replace("Ð", "Đ").replace("ð", "đ")  # Icelandic eth
    folded = unicodedata.normalize("NFD", folded.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch)).upper()
    parts = ["".join(ch for ch in part if ch.isalnum()) for part in plain.split("/")]
    return "/".join(part.lstrip("0") or "0" if part.isdigit() else part for part in parts)


def suggest_law(number: str, numbers: typing.Iterable[str]) -> str:
    """` Có phải ý bạn là `x`?` for a law with the same number written another way (missing
    leading zeros, ND for NĐ, other case or dashes), never for a different number."""
    wanted = _law_number(number)
    same = [n for n in numbers if _law_number(n) == wanted and n != number]
    return f"; có phải ý bạn là `{same[0]}`?" if len(same) == 1 else ""


def translate(error: Any, source: SourceFile, model: type[BaseModel], base: tuple[str | int, ...] = ()) -> Problem:
    """One pydantic error as a catalogued problem at its place in the file."""
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    where = (*base, *loc)
    pos = source.position(where)
    code, message = "wrong-type", ""

    if kind in CATALOGUE:
        code, message = kind, error["msg"]
        if ctx.get("at"):
            # A rule about a block that names the entry at fault (`model.base.fact_error`).
            pos = source.position((*where, *ctx["at"]))
        else:
            # A rule about a whole block is shown at the key that is most likely wrong.
            for key in _FOCUS.get(kind, ()):
                if source.has((*where, key)):
                    pos = source.position((*where, key))
                    break
        if kind == "not-integer-amount" and pos.raw:
            message = f"{message}; đang ghi `{pos.raw}`, YAML hiểu là {value:g}"
    elif kind == "missing":
        parent = _model_at(model, loc[:-1])
        key = str(loc[-1])
        code = "missing-field"
        message = f"thiếu trường bắt buộc `{key}`{_title(parent, key)}"
        pos = source.position(where[:-1])
    elif kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        key = str(loc[-1])
        code = "unknown-key"
        hint = suggest(key, _keys(parent)) if parent else ""
        message = f"khoá `{visible(key)}` không có trong mẫu{hint}"
        if not hint and parent is not None:
            message += "; các khoá hợp lệ: " + ", ".join(f"`{k}`" for k in _keys(parent))
        pos = source.key_position(where)
    elif kind == "literal_error":
        code = "invalid-choice"
        allowed = [part.strip().strip("'") for part in ctx.get("expected", "").replace(" or ", ", ").split(",")]
        listed = ", ".join(f"`{a}` ({m.ALL_LABELS[a]})" if a in m.ALL_LABELS else f"`{a}`" for a in allowed if a)
        message = (
            f"giá trị {describe(value, pos.raw)} không hợp lệ{suggest(str(value), allowed)}; chọn một trong: {listed}"
        )
    elif kind == "string_pattern_mismatch":
        code = "bad-format"
        help_text = (
            pattern.help
            if (pattern := m.PATTERNS.get(str(ctx.get("pattern"))))
            else f"cần khớp mẫu `{ctx.get('pattern')}`"
        )
        message = f"{describe(value)} sai định dạng: {help_text}"
    elif kind in ("string_too_short", "too_short"):
        code = "empty-value"
        key = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
        message = f"`{key}` không được để trống" + ("; cần ít nhất một mục" if kind == "too_short" else "")
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        code = "out-of-range"
        bounds = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}
        limit = next(iter(ctx.values()), "")
        message = f"{describe(value, pos.raw)} nằm ngoài khoảng cho phép: cần {bounds[kind]} {limit}"
    elif kind == "string_too_long":
        code = "bad-format"
        message = f"{describe(value)} quá dài: tối đa {ctx.get('max_length')} ký tự"
    elif kind in _TYPE_NAMES:
        expected = _TYPE_NAMES[kind]
        message = f"cần {expected}, nhưng gặp {describe(value, pos.raw)}"
        if kind == "string_type" and pos.raw is not None:
            message += f'; nếu đây là mã hay số hiệu, hãy đặt trong ngoặc kép: "{pos.raw}"'
        elif kind == "int_type" and isinstance(value, float):
            message += "; viết số nguyên, không có dấu chấm hay dấu phẩy"
        elif kind == "date_type" and isinstance(value, str):
            message += " (ví dụ 2025-07-01, không viết 01/07/2025)"
        elif kind == "bool_type" and isinstance(value, str):
            message += " (`yes`, `no`, `có`, `không` không được chấp nhận)"
    else:
        message = f"giá trị {describe(value, pos.raw)} không hợp lệ ({error['msg']})"
    return Problem(source.path, pos.line, pos.column, code, message)


_DATE_TEXT = re.compile(r"^\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*$")


def _unquote_dates(
    payload: dict[str, Any],
    errors: list[Any],
    source: SourceFile,
    problems: list[Problem],
    base: tuple[str | int, ...],
) -> tuple[dict[str, Any], set[tuple[Any, ...]]]:
    """The payload with each quoted date (`"2026-09-15"`: text where a date is expected, as the
    JSON Schemas and the CMS write dates) read as that date, or None when one is not a real date
    (then reported here as `invalid-date`, and its place returned). Text of another shape is left
    for the usual message."""
    fixed = copy.deepcopy(payload)
    impossible: set[tuple[Any, ...]] = set()
    for error in errors:
        match = _DATE_TEXT.match(error["input"])
        if match is None:
            continue
        loc = tuple(error["loc"])
        parent: Any = fixed
        try:
            for part in loc[:-1]:
                parent = parent[part]
            if parent[loc[-1]] != error["input"]:
                continue
            parent[loc[-1]] = dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            pos = source.position((*base, *loc))
            problems.append(
                Problem(
                    source.path,
                    pos.line,
                    pos.column,
                    "invalid-date",
                    f"ngày `{error['input'].strip()}` không có thật; ngày viết dạng YYYY-MM-DD, ví dụ 2025-07-01",
                )
            )
            impossible.add(loc)
        except (KeyError, IndexError, TypeError):
            continue  # a place pydantic names differently from the data (a union's branch): left as is
    return fixed, impossible


def validate_model(
    model: type[T], source: SourceFile, problems: list[Problem], data: Any = None, base: tuple[str | int, ...] = ()
) -> T | None:
    payload = source.data if data is None else data
    if not isinstance(payload, dict):
        pos = source.position(base)
        problems.append(
            Problem(
                source.path,
                pos.line,
                pos.column,
                "wrong-type",
                f"cần một khối các trường `khoá: giá trị`, nhưng gặp {describe(payload, pos.raw)}",
            )
        )
        return None
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        quoted = [e for e in errors if e["type"] == "date_type" and isinstance(e.get("input"), str)]
        if quoted:
            payload, impossible = _unquote_dates(payload, quoted, source, problems, base)
            try:
                record = model.model_validate(payload)
                return None if impossible else record
            except ValidationError as again:
                errors = [e for e in again.errors(include_url=False) if tuple(e["loc"]) not in impossible]
            if not errors:
                return None
        # A file reports at most MAX_FILE_PROBLEMS problems: each costs a lookup of its place, and
        # nobody reads the ten thousandth; the last one says how many more there are.
        shown = errors[: max(1, MAX_FILE_PROBLEMS - source.reported)]
        for error in shown:
            problems.append(translate(error, source, model, base))
        source.reported += len(shown)
        if len(shown) < len(errors):
            last = problems[-1]
            problems[-1] = replace(
                last,
                message=f"{last.message} (tệp còn ít nhất {len(errors) - len(shown)} lỗi khác chưa được nêu;"
                " sửa các lỗi trên rồi kiểm tra lại)",
            )
        return None
