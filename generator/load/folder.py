"""Reading a content folder: every file of every kind (`model.kinds`), each validated against its
model on its own, so one bad file or list item never hides the problems of the others.

Only regular files inside the content folder are read.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from .. import model as m
from ..model.kinds import AGENCIES, COMMUNES, FEES, LEGAL, PROCEDURES, SECTORS, SITE, STATS, Kind
from ..problems import Problem
from .translate import describe, new_run, suggest, validate_model
from .upgrade import upgrade
from .yaml_source import Budget, Position, SourceFile, load_file

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


def _validate(
    model: type[T], source: SourceFile, problems: list[Problem], data: Any = None, base: tuple[str | int, ...] = ()
) -> T | None:
    upgrade(source.data if data is None else data, model, source, problems, base)
    return validate_model(model, source, problems, data, base)


def _missing(kind: Kind, problems: list[Problem]) -> None:
    if kind.required:
        problems.append(Problem(kind.path, 0, 0, "missing-site", f"thiếu tệp `{kind.path}` trong thư mục nội dung"))


def _site(root: Path, problems: list[Problem], budget: Budget) -> Loaded[m.Site] | None:
    path = root / SITE.path
    if not path.exists():
        _missing(SITE, problems)
        return None
    source = load_file(path, SITE.path, problems, budget)
    if source is None:
        return None
    site = _validate(m.Site, source, problems)
    return Loaded(site, source) if site is not None else None


def _list_file(
    root: Path, kind: Kind, item: type[T], problems: list[Problem], broken: set[str], budget: Budget
) -> list[Loaded[T]]:
    name, key = kind.path, str(kind.list_key)
    path = root / name
    if not path.exists():
        _missing(kind, problems)
        return []
    source = load_file(path, name, problems, budget)
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


def _folder(
    root: Path, kind: Kind, model: type[T], problems: list[Problem], broken: set[str], budget: Budget
) -> list[Loaded[T]]:
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
        source = load_file(path, rel, problems, budget)
        if source is None:
            continue
        record = _validate(model, source, problems)
        if record is not None:
            loaded.append(Loaded(record, source))
        elif (raw := _raw_id(source.data, kind.key)) is not None:
            broken.add(raw)
    return loaded


_RECORD_FOLDERS = {kind.path for kind in m.KINDS if kind.is_folder}
_SINGLE_FILES = {kind.path for kind in m.KINDS if not kind.is_folder}
_RECORD_SUFFIXES = (".yaml", ".yml")
_SYSTEM_FILES = {"thumbs.db", "desktop.ini"}  # written by Windows Explorer into any folder


def _unread_files(root: Path, problems: list[Problem]) -> None:
    """Report every file in the content folder that no kind reads, so nothing is left out of the
    site silently (`unread-file` when it looks like content, else `unknown-file`), and every file
    name not in NFC, which links and references would not match (`file-name-not-nfc`). Hidden
    files and folders, Office lock files and symbolic links (checked where files are read) are
    left alone."""
    for folder, folders, files in os.walk(root):  # symbolic links to folders are not entered
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith((".", "~$")) or name.lower() in _SYSTEM_FILES or path.is_symlink():
                continue
            rel = path.relative_to(root).as_posix()
            if unicodedata.normalize("NFC", rel) != rel:
                problems.append(
                    Problem(
                        rel,
                        0,
                        0,
                        "file-name-not-nfc",
                        f"tên `{rel}` được lưu ở dạng chữ tổ hợp (NFD); đổi tên tệp, tốt nhất dùng tên không dấu",
                    )
                )
            top, *below = rel.split("/")
            if top == m.FORMS_FOLDER and below:
                continue
            if (not below and rel in _SINGLE_FILES) or (
                top in _RECORD_FOLDERS and len(below) == 1 and path.suffix in _RECORD_SUFFIXES
            ):
                continue
            if (below and top in _RECORD_FOLDERS) or any(s in name.lower() for s in _RECORD_SUFFIXES):
                problems.append(
                    Problem(rel, 0, 0, "unread-file", f"tệp `{rel}` không được đọc: {_how_to_read(root, rel)}")
                )
            else:
                problems.append(
                    Problem(
                        rel,
                        0,
                        0,
                        "unknown-file",
                        f"tệp `{rel}` không thuộc loại nội dung nào nên không được đọc; biểu mẫu để tải về đặt trong"
                        f" `{m.FORMS_FOLDER}/`",
                    )
                )


def _how_to_read(root: Path, rel: str) -> str:
    """What to do so that a file that looks like content is read."""
    top, *below = rel.split("/")
    name = rel.rsplit("/", 1)[-1]
    lower = name.lower()
    cut = min((i for i in (lower.find(".yaml"), lower.find(".yml")) if i >= 0), default=-1)
    renamed = name[:cut] + ".yaml" if cut > 0 else None
    if below and top not in _RECORD_FOLDERS:
        return f"thư mục `{top}/` không phải thư mục nội dung{suggest(top, sorted(_RECORD_FOLDERS))}"
    if len(below) > 1:
        return f"tệp nằm trong thư mục con; chuyển nó lên thẳng `{top}/`"
    if renamed and (top in _RECORD_FOLDERS or renamed in _SINGLE_FILES):
        if (root / rel).with_name(renamed).exists():
            return f"đã có tệp `{renamed}` bên cạnh; nếu đây là bản sao lưu, xoá nó"
        return f"chỉ tệp có đuôi `.yaml` được đọc; đổi tên thành `{renamed}`"
    if below:
        return f"thư mục `{top}/` chỉ chứa tệp `.yaml`"
    return (
        "ở thư mục gốc chỉ có "
        + ", ".join(f"`{file}`" for file in sorted(_SINGLE_FILES))
        + "; chuyển tệp vào "
        + ", ".join(f"`{folder}/`" for folder in sorted(_RECORD_FOLDERS))
        + " tuỳ loại nội dung"
    )


def read_folder(root: Path, problems: list[Problem]) -> Records:
    forms = root / m.FORMS_FOLDER
    broken: set[str] = set()
    budget = Budget()
    new_run()
    _unread_files(root, problems)
    records = Records(
        site=_site(root, problems, budget),
        sectors=_list_file(root, SECTORS, m.Sector, problems, broken, budget),
        agencies=_list_file(root, AGENCIES, m.Agency, problems, broken, budget),
        legal=_list_file(root, LEGAL, m.LegalDocument, problems, broken, budget),
        procedures=_folder(root, PROCEDURES, m.Procedure, problems, broken, budget),
        fees=_folder(root, FEES, m.Fee, problems, broken, budget),
        communes=_folder(root, COMMUNES, m.Commune, problems, broken, budget),
        stats=_folder(root, STATS, m.StatsPeriod, problems, broken, budget),
        forms={p.relative_to(forms).as_posix() for p in forms.rglob("*") if p.is_file()} if forms.is_dir() else set(),
        broken=broken,
    )
    # Over the resource budget, the files left unread would make every reference to them look
    # broken: nothing is checked across records.
    return Records() if budget.exceeded else records
