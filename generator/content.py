"""Stage 2: read a whole content folder into typed records, reporting every problem with its place.

`load_content` reads every file, validates each against its model (translating pydantic's errors
into catalogued problems at the right line), then runs the checks across records (`checks.py`).
It never raises for bad content: it returns the problems, and `Content` only when there is no error.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import os
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from . import models as m
from .problems import CATALOGUE, Problem, Severity
from .source import Position, SourceFile, load_file
from .text import sort_key

T = TypeVar("T", bound=BaseModel)

CONTENT_ENV = "CONGKHAI_CONTENT"
DATE_ENV = "CONGKHAI_DATE"


def content_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The content folder: explicit argument, else $CONGKHAI_CONTENT, else `content/`."""
    return Path(explicit or os.environ.get(CONTENT_ENV) or "content")


def build_date() -> dt.date:
    """The date the site describes (fees in force, today's duty): $CONGKHAI_DATE or today."""
    value = os.environ.get(DATE_ENV)
    return dt.date.fromisoformat(value) if value else dt.date.today()


@dataclass
class Loaded(Generic[T]):
    """A record and the file it came from, with the path of the record inside that file."""

    model: T
    source: SourceFile
    base: tuple[str | int, ...] = ()

    def position(self, *loc: str | int) -> Position:
        return self.source.position((*self.base, *loc))

    def problem(self, code: str, message: str, *loc: str | int) -> Problem:
        pos = self.position(*loc)
        return Problem(self.source.path, pos.line, pos.column, code, message)


@dataclass
class Content:
    """Everything in a valid content folder, ready for the pages."""

    root: Path
    today: dt.date
    site: m.Site
    fields: dict[str, m.FieldOfWork]
    agencies: dict[str, m.Agency]
    legal: dict[str, m.LegalDocument]
    procedures: list[m.Procedure]  # in Vietnamese alphabetical order of name
    fees: dict[str, m.Fee]
    communes: list[m.Commune]  # in Vietnamese alphabetical order of name
    forms: set[str]
    stats: list[m.StatsPeriod] = field(default_factory=list)  # oldest period first
    files: dict[str, str] = field(default_factory=dict)  # record key → file relative to root


# ---------------------------------------------------------------------------------------------
# pydantic errors → problems

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
_PATTERN_HELP = {
    "^[a-z0-9]+(?:-[a-z0-9]+)*$": "mã định danh chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ `ho-tich`",
    "^[0-9]\\.[0-9]{6}$": 'mã thủ tục có dạng "1.001193" (một chữ số, dấu chấm, sáu chữ số), đặt trong ngoặc kép',
    "^[0-9 .()+-]{6,20}$": "số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, ngoặc và dấu +, ví dụ `0227 3821 234`",
}
_FOCUS = {"date-range": ("valid_until", "until"), "tier-order": ("tiers",)}
_ALL_LABELS: dict[str, str] = {
    **m.CHANNEL_LABELS,
    **m.ONLINE_LEVEL_LABELS,
    **m.FEE_KIND_LABELS,
    **m.COMMUNE_TYPE_LABELS,
    **m.WEEKDAY_LABELS,
    **m.DOCUMENT_GROUP_LABELS,
    **m.STATUS_LABELS,
}


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
        shown = value if len(value) <= 60 else value[:57] + "…"
        return f'chữ "{shown}"'
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một khối `khoá: giá trị`"
    return type(value).__name__


def _unwrap(annotation: Any) -> type[BaseModel] | None:
    """The model class inside `X | None`, `list[X]`, `Annotated[X, …]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
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
                current = _unwrap(info.annotation)
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


def suggest(word: str, choices: list[str] | typing.Iterable[str]) -> str:
    """` Có phải ý bạn là `x`?` for the closest choice, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; có phải ý bạn là `{close[0]}`?" if close else ""


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
        message = f"khoá `{key}` không có trong mẫu{hint}"
        if not hint and parent is not None:
            message += "; các khoá hợp lệ: " + ", ".join(f"`{k}`" for k in _keys(parent))
        pos = source.key_position(where)
    elif kind == "literal_error":
        code = "invalid-choice"
        allowed = [part.strip().strip("'") for part in ctx.get("expected", "").replace(" or ", ", ").split(",")]
        listed = ", ".join(f"`{a}` ({_ALL_LABELS[a]})" if a in _ALL_LABELS else f"`{a}`" for a in allowed if a)
        message = (
            f"giá trị {describe(value, pos.raw)} không hợp lệ{suggest(str(value), allowed)}; chọn một trong: {listed}"
        )
    elif kind == "string_pattern_mismatch":
        code = "bad-format"
        help_text = _PATTERN_HELP.get(str(ctx.get("pattern")), f"cần khớp mẫu `{ctx.get('pattern')}`")
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
        for error in exc.errors(include_url=False):
            problems.append(translate(error, source, model, base))
        return None


# ---------------------------------------------------------------------------------------------
# Reading the folder


@dataclass
class Loaders:
    """The records read from a folder, with their sources, before cross-record checks."""

    site: Loaded[m.Site] | None = None
    fields: list[Loaded[m.FieldOfWork]] = field(default_factory=list)
    agencies: list[Loaded[m.Agency]] = field(default_factory=list)
    legal: list[Loaded[m.LegalDocument]] = field(default_factory=list)
    procedures: list[Loaded[m.Procedure]] = field(default_factory=list)
    fees: list[Loaded[m.Fee]] = field(default_factory=list)
    communes: list[Loaded[m.Commune]] = field(default_factory=list)
    stats: list[Loaded[m.StatsPeriod]] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)
    # Ids of records that exist but failed validation: references to them are not reported again.
    broken: set[str] = field(default_factory=set)


def _raw_id(data: Any) -> str | None:
    if isinstance(data, dict):
        for key in ("id", "code", "number"):
            if isinstance(data.get(key), str):
                return str(data[key])
    return None


def _list_file(
    root: Path, name: str, key: str, item: type[T], problems: list[Problem], required: bool, broken: set[str]
) -> list[Loaded[T]] | None:
    path = root / name
    if not path.exists():
        if required:
            problems.append(Problem(name, 0, 0, "missing-site", f"thiếu tệp `{name}` trong thư mục nội dung"))
        return None
    source = load_file(path, name, problems)
    if source is None:
        return None
    # Validate the wrapper for unknown keys, then each item alone so one bad item does not hide
    # the others.
    if not isinstance(source.data, dict):
        problems.append(Problem(name, 1, 1, "wrong-type", f"tệp cần bắt đầu bằng khoá `{key}:` và một danh sách"))
        return None
    for extra in source.data:
        if extra != key:
            pos = source.key_position((extra,))
            problems.append(
                Problem(
                    name,
                    pos.line,
                    pos.column,
                    "unknown-key",
                    f"khoá `{extra}` không có trong mẫu; tệp chỉ có khoá `{key}`",
                )
            )
    if key not in source.data:
        problems.append(Problem(name, 1, 1, "missing-field", f"thiếu trường bắt buộc `{key}`"))
    items = source.data.get(key)
    if not isinstance(items, list):
        if key in source.data:
            pos = source.position((key,))
            problems.append(
                Problem(
                    name,
                    pos.line,
                    pos.column,
                    "wrong-type",
                    f"`{key}` cần là một danh sách, nhưng gặp {describe(items, pos.raw)}",
                )
            )
        return None
    loaded: list[Loaded[T]] = []
    for index, data in enumerate(items):
        record = validate_model(item, source, problems, data, (key, index))
        if record is not None:
            loaded.append(Loaded(record, source, (key, index)))
        elif (raw := _raw_id(data)) is not None:
            broken.add(raw)
    return loaded


def _folder(root: Path, folder: str, model: type[T], problems: list[Problem], broken: set[str]) -> list[Loaded[T]]:
    loaded: list[Loaded[T]] = []
    directory = root / folder
    if not directory.is_dir():
        return loaded
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        rel = f"{folder}/{path.name}"
        if path.suffix not in (".yaml", ".yml"):
            continue
        source = load_file(path, rel, problems)
        if source is None:
            continue
        record = validate_model(model, source, problems)
        if record is not None:
            loaded.append(Loaded(record, source))
        elif (raw := _raw_id(source.data)) is not None:
            broken.add(raw)
    return loaded


def read_folder(root: Path, problems: list[Problem]) -> Loaders:
    loaders = Loaders()
    site_path = root / "site.yaml"
    if not site_path.exists():
        problems.append(Problem("site.yaml", 0, 0, "missing-site", "thiếu tệp `site.yaml` trong thư mục nội dung"))
    else:
        source = load_file(site_path, "site.yaml", problems)
        if source is not None:
            site = validate_model(m.Site, source, problems)
            if site is not None:
                loaders.site = Loaded(site, source)
    loaders.fields = _list_file(root, "fields.yaml", "fields", m.FieldOfWork, problems, True, loaders.broken) or []
    loaders.agencies = _list_file(root, "agencies.yaml", "agencies", m.Agency, problems, True, loaders.broken) or []
    loaders.legal = _list_file(root, "legal.yaml", "documents", m.LegalDocument, problems, False, loaders.broken) or []
    loaders.procedures = _folder(root, "procedures", m.Procedure, problems, loaders.broken)
    loaders.fees = _folder(root, "fees", m.Fee, problems, loaders.broken)
    loaders.communes = _folder(root, "communes", m.Commune, problems, loaders.broken)
    loaders.stats = _folder(root, "stats", m.StatsPeriod, problems, loaders.broken)
    forms = root / "forms"
    if forms.is_dir():
        loaders.forms = {p.relative_to(forms).as_posix() for p in forms.rglob("*") if p.is_file()}
    return loaders


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Loading builds hundreds of thousands of long-lived objects and no reference cycles; the
    cyclic garbage collector would scan the growing heap again and again (it tripled the time)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_content(
    root: str | os.PathLike[str] | None = None, today: dt.date | None = None
) -> tuple[Content | None, list[Problem]]:
    """Read and check a content folder. Returns (content or None if any error, sorted problems)."""
    with _no_cyclic_gc():
        return _load_content(root, today)


def _load_content(root: str | os.PathLike[str] | None, today: dt.date | None) -> tuple[Content | None, list[Problem]]:
    from .checks import check_all

    folder = content_dir(root)
    today = today or build_date()
    problems: list[Problem] = []
    if not folder.is_dir():
        problems.append(Problem(".", 0, 0, "missing-site", f"không tìm thấy thư mục nội dung `{folder}`"))
        return None, problems
    loaders = read_folder(folder, problems)
    check_all(loaders, today, problems)
    problems = sorted(set(problems))
    if any(p.severity is Severity.ERROR for p in problems) or loaders.site is None:
        return None, problems
    files: dict[str, str] = {}
    for p in loaders.procedures:
        files[f"procedure:{p.model.code}"] = p.source.path
    for f in loaders.fees:
        files[f"fee:{f.model.id}"] = f.source.path
    for c in loaders.communes:
        files[f"commune:{c.model.id}"] = c.source.path
    content = Content(
        root=folder,
        today=today,
        site=loaders.site.model,
        fields={f.model.id: f.model for f in loaders.fields},
        agencies={a.model.id: a.model for a in loaders.agencies},
        legal={d.model.number: d.model for d in loaders.legal},
        procedures=sorted((p.model for p in loaders.procedures), key=lambda p: sort_key(p.name)),
        fees={f.model.id: f.model for f in loaders.fees},
        communes=sorted((c.model for c in loaders.communes), key=lambda c: sort_key(c.name)),
        forms=loaders.forms,
        files=files,
        stats=sorted((s.model for s in loaders.stats), key=lambda s: s.period),
    )
    return content, problems
