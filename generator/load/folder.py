"""Reading a content folder: every file of every kind (`model.kinds`), each validated against its
model on its own, so one bad file or list item never hides the problems of the others.

Only regular files inside the content folder are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from .. import model as m
from ..model.kinds import AGENCIES, COMMUNES, FEES, LEGAL, PROCEDURES, SECTORS, SITE, STATS, Kind
from ..problems import Problem
from .cache import load_file, validated
from .translate import describe, validate_model
from .upgrade import upgrade
from .yaml_source import Position, SourceFile

T = TypeVar("T", bound=BaseModel)


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
class Records:
    """The records read from a folder, with their sources, before cross-record checks."""

    site: Loaded[m.Site] | None = None
    sectors: list[Loaded[m.Sector]] = field(default_factory=list)
    agencies: list[Loaded[m.Agency]] = field(default_factory=list)
    legal: list[Loaded[m.LegalDocument]] = field(default_factory=list)
    procedures: list[Loaded[m.Procedure]] = field(default_factory=list)
    fees: list[Loaded[m.Fee]] = field(default_factory=list)
    communes: list[Loaded[m.Commune]] = field(default_factory=list)
    stats: list[Loaded[m.StatsPeriod]] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)
    # Ids of records that exist but failed validation: references to them are not reported again.
    broken: set[str] = field(default_factory=set)


def _raw_id(data: Any, key: str) -> str | None:
    if isinstance(data, dict) and isinstance(data.get(key), str):
        return str(data[key])
    return None


@validated
def _validate(
    model: type[T], source: SourceFile, problems: list[Problem], data: Any = None, base: tuple[str | int, ...] = ()
) -> T | None:
    upgrade(source.data if data is None else data, model, source, problems, base)
    return validate_model(model, source, problems, data, base)


def _missing(kind: Kind, problems: list[Problem]) -> None:
    if kind.required:
        problems.append(Problem(kind.path, 0, 0, "missing-site", f"thiếu tệp `{kind.path}` trong thư mục nội dung"))


def _site(root: Path, problems: list[Problem]) -> Loaded[m.Site] | None:
    path = root / SITE.path
    if not path.exists():
        _missing(SITE, problems)
        return None
    source = load_file(path, SITE.path, problems)
    if source is None:
        return None
    site = _validate(m.Site, source, problems)
    return Loaded(site, source) if site is not None else None


def _list_file(root: Path, kind: Kind, item: type[T], problems: list[Problem], broken: set[str]) -> list[Loaded[T]]:
    name, key = kind.path, str(kind.list_key)
    path = root / name
    if not path.exists():
        _missing(kind, problems)
        return []
    source = load_file(path, name, problems)
    if source is None:
        return []
    # Validate the wrapper for unknown keys, then each item alone so one bad item does not hide
    # the others.
    if not isinstance(source.data, dict):
        problems.append(Problem(name, 1, 1, "wrong-type", f"tệp cần bắt đầu bằng khoá `{key}:` và một danh sách"))
        return []
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
        return []
    loaded: list[Loaded[T]] = []
    for index, data in enumerate(items):
        record = _validate(item, source, problems, data, (key, index))
        if record is not None:
            loaded.append(Loaded(record, source, (key, index)))
        elif (raw := _raw_id(data, kind.key)) is not None:
            broken.add(raw)
    return loaded


def _folder(root: Path, kind: Kind, model: type[T], problems: list[Problem], broken: set[str]) -> list[Loaded[T]]:
    loaded: list[Loaded[T]] = []
    directory = root / kind.path
    if not directory.is_dir():
        return loaded
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        rel = f"{kind.path}/{path.name}"
        if path.suffix not in (".yaml", ".yml"):
            continue
        source = load_file(path, rel, problems)
        if source is None:
            continue
        record = _validate(model, source, problems)
        if record is not None:
            loaded.append(Loaded(record, source))
        elif (raw := _raw_id(source.data, kind.key)) is not None:
            broken.add(raw)
    return loaded


def read_folder(root: Path, problems: list[Problem]) -> Records:
    forms = root / m.FORMS_FOLDER
    broken: set[str] = set()
    return Records(
        site=_site(root, problems),
        sectors=_list_file(root, SECTORS, m.Sector, problems, broken),
        agencies=_list_file(root, AGENCIES, m.Agency, problems, broken),
        legal=_list_file(root, LEGAL, m.LegalDocument, problems, broken),
        procedures=_folder(root, PROCEDURES, m.Procedure, problems, broken),
        fees=_folder(root, FEES, m.Fee, problems, broken),
        communes=_folder(root, COMMUNES, m.Commune, problems, broken),
        stats=_folder(root, STATS, m.StatsPeriod, problems, broken),
        forms={p.relative_to(forms).as_posix() for p in forms.rglob("*") if p.is_file()} if forms.is_dir() else set(),
        broken=broken,
    )
