"""Reading a content folder: every file of every kind (`model.kinds`), each validated against its
model on its own, so one bad file or list item never hides the problems of the others.

Only regular files inside the content folder are read: a symbolic link (to a file or a folder,
inside the tree or out of it) or a special file (a named pipe, a device) is reported where it is
and never followed, read or published. The folder handed to `read_folder` itself may be reached
through a link: that is the deployment's choice, not the content's.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from .. import model as m
from ..format import slug
from ..model.kinds import (
    AGENCIES,
    AGENCY_FILES,
    COMMUNES,
    FEES,
    LAW_FILES,
    LEGAL,
    PROCEDURES,
    SECTOR_FILES,
    SECTORS,
    SITE,
    STATS,
    Kind,
)
from ..problems import Problem
from .cache import load_file, validated
from .translate import describe, new_run, suggest, validate_model
from .upgrade import upgrade
from .yaml_source import Budget, NotRegularFile, Position, SourceFile, not_regular_problem, open_regular

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
    # Forms by path under forms/: every regular file there, those refused for their type or name
    # included (so references to them are not reported again; that error stops the build, and the
    # plugin checks each form again as it publishes it). Links and special files are never here.
    forms: set[str] = field(default_factory=set)
    # Ids of records that exist but failed validation: references to them are not reported again.
    # A law file that could not be read adds `law:` and its file name's stem.
    broken: set[str] = field(default_factory=set)
    # Kinds (by name) whose list file could not be read at all: any reference to one of their
    # records may be right, so none is reported; the file's own problem is what to fix.
    unreadable: set[str] = field(default_factory=set)
    # The shared files (site, fields, agencies, laws) that could not be read: their problems are
    # listed first, as everything else may follow from them.
    unreadable_files: set[str] = field(default_factory=set)


def _raw_id(data: Any, key: str) -> str | None:
    if isinstance(data, dict) and isinstance(data.get(key), str):
        return str(data[key])
    return None


# The texts `python -m generator new …` writes for an editor to replace (`authoring/skeleton.py`
# takes them from here): left in, citizens would read them on the portal.
PLACEHOLDERS = {
    "summary": "Thủ tục này dùng để làm gì, viết một hai câu bằng lời thường.",
    "decision": "…/QĐ-UBND",
    "submission_address": "Bộ phận Một cửa (ghi địa chỉ nộp hồ sơ)",
    "document": "Tờ khai (ghi tên giấy tờ)",
    "result": "Kết quả người dân nhận được",
    "rule": "Lời văn của quy định thu, như trong văn bản.",
    "address": "Địa chỉ trụ sở",
    "procedure": "Tên thủ tục",
    "fee": "Tên khoản phí, lệ phí",
    "commune": "Tên xã",
}
_PLACEHOLDER_TEXTS = frozenset(PLACEHOLDERS.values())


def _placeholders(data: Any, source: SourceFile, problems: list[Problem], base: tuple[str | int, ...]) -> None:
    """Report every skeleton placeholder left in `data`, and any number that starts with `…`."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, base)]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, dict):
            stack.extend((item, (*loc, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*loc, index)) for index, item in enumerate(value))
        elif isinstance(value, str) and (value.strip() in _PLACEHOLDER_TEXTS or value.startswith("…/") or value == "…"):
            pos = source.position(loc)
            problems.append(
                Problem(
                    source.path,
                    pos.line,
                    pos.column,
                    "skeleton-placeholder",
                    f'"{value.strip()}" là chữ mẫu của khung soạn sẵn; hãy điền nội dung thật (theo Quyết định'
                    " công bố) hoặc xoá dòng này nếu trường không bắt buộc",
                )
            )


@validated
def _validate(
    model: type[T], source: SourceFile, problems: list[Problem], data: Any = None, base: tuple[str | int, ...] = ()
) -> T | None:
    payload = source.data if data is None else data
    upgrade(payload, model, source, problems, base)
    _placeholders(payload, source, problems, base)
    return validate_model(model, source, problems, data, base)


def _missing(kind: Kind, problems: list[Problem]) -> None:
    if kind.required:
        problems.append(Problem(kind.path, 0, 0, "missing-site", f"thiếu tệp `{kind.path}` trong thư mục nội dung"))


def _usable(root: Path, rel: str, problems: list[Problem], folder: bool = False) -> bool | None:
    """Whether `rel` is a regular file (a folder, with `folder`) and not a link; None when nothing
    of that kind is there. A link or a special file is reported."""
    path = root / rel
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(mode):
        problems.append(not_regular_problem(rel, "symlink", folder=path.is_dir()))
        return False
    if folder:
        # A file where a folder of that kind would be: nothing of that kind to read.
        return True if stat.S_ISDIR(mode) else None if stat.S_ISREG(mode) else False
    if stat.S_ISREG(mode):
        return True
    problems.append(not_regular_problem(rel, "not-a-file"))
    return False


def _site(root: Path, problems: list[Problem], budget: Budget) -> Loaded[m.Site] | None:
    path = root / SITE.path
    usable = _usable(root, SITE.path, problems)
    if usable is None:
        _missing(SITE, problems)
    if not usable:
        return None
    source = load_file(path, SITE.path, problems, budget)
    if source is None:
        return None
    site = _validate(m.Site, source, problems)
    return Loaded(site, source) if site is not None else None


def _list_file(
    root: Path, kind: Kind, item: type[T], problems: list[Problem], records: Records, budget: Budget
) -> list[Loaded[T]]:
    name, key = kind.path, str(kind.list_key)
    path = root / name
    usable = _usable(root, name, problems)
    if usable is None and not any(k.joins == kind.name and (root / k.path).is_dir() for k in m.KINDS):
        _missing(kind, problems)
    if not usable:
        return []
    broken = records.broken
    source = load_file(path, name, problems, budget)
    if source is None or not isinstance(source.data, dict) or not isinstance(source.data.get(key), list):
        records.unreadable.add(kind.name)
        records.unreadable_files.add(name)
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
    root: Path, kind: Kind, model: type[T], problems: list[Problem], records: Records, budget: Budget
) -> list[Loaded[T]]:
    broken = records.broken
    loaded: list[Loaded[T]] = []
    directory = root / kind.path
    if not _usable(root, kind.path, problems, folder=True):
        return loaded
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or (path.is_dir() and not path.is_symlink()):
            continue
        rel = f"{kind.path}/{path.name}"
        if not _usable(root, rel, problems):
            continue
        if path.suffix not in (".yaml", ".yml"):
            continue
        source = load_file(path, rel, problems, budget)
        if source is None:
            if kind.joins:
                # A law, agency or field file that cannot be read: references to the record its
                # name promises are not reported again (its id is its file name).
                broken.add(f"law:{path.stem}" if kind is LAW_FILES else path.stem)
                records.unreadable_files.add(rel)
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
        folders = [f"{folder}/" for folder in sorted(_RECORD_FOLDERS)]
        return f"thư mục `{top}/` không phải thư mục nội dung{suggest(top + '/', folders)}"
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


# Forms are offered for download from the site's own address, so only document types are
# published (never a page, a script or a program), each recognised by its first bytes too.
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # Office Open XML and OpenDocument are ZIP archives
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # Word 97-2003, Excel 97-2003
FORM_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("PDF", (b"%PDF-",)),
    "doc": ("Word 97-2003", _OLE),
    "docx": ("Word", _ZIP),
    "xls": ("Excel 97-2003", _OLE),
    "xlsx": ("Excel", _ZIP),
    "odt": ("OpenDocument văn bản", _ZIP),
    "ods": ("OpenDocument bảng tính", _ZIP),
}
_SIGNATURE_BYTES = max(len(start) for _, starts in FORM_TYPES.values() for start in starts)
_FORM_PART = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class FormError(Exception):
    """A form that must not be published; `problem` says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _form_type(rel: str, extension: str) -> Problem:
    allowed = ", ".join(f".{ext}" for ext in FORM_TYPES)
    found = f"đuôi `.{extension}`" if extension else "tệp không có đuôi"
    return Problem(
        rel,
        0,
        0,
        "form-type",
        f"biểu mẫu chỉ được là tệp tài liệu ({allowed}), nhưng `{rel}` có {found}; hãy lưu lại thành PDF hoặc Word",
    )


def read_form(root: Path, name: str, limit: int = -1) -> bytes:
    """The bytes of the form `name` (its path under forms/; the first `limit` bytes if given),
    checked as it is read: every folder on the way and the file itself reached through no link, a
    regular file of a document type whose first bytes match its type. Raises FormError (or
    OSError when it cannot be read)."""
    rel = f"{m.FORMS_FOLDER}/{name}"
    problems: list[Problem] = []
    parts = rel.split("/")
    for depth in range(1, len(parts)):
        if not _usable(root, "/".join(parts[:depth]), problems, folder=True):
            raise FormError(problems[0] if problems else not_regular_problem(rel, "not-a-file"))
    extension = parts[-1].rpartition(".")[2].lower() if "." in parts[-1] else ""
    if extension not in FORM_TYPES:
        raise FormError(_form_type(rel, extension))
    try:
        fd, _ = open_regular(root / rel)
    except NotRegularFile as exc:
        raise FormError(not_regular_problem(rel, exc.code)) from None
    with os.fdopen(fd, "rb") as file:
        data = file.read(limit)
    kind, signatures = FORM_TYPES[extension]
    if not data.startswith(signatures):
        raise FormError(
            Problem(
                rel,
                0,
                0,
                "form-type",
                f"tệp `{rel}` có đuôi `.{extension}` nhưng nội dung không phải tệp {kind}; hãy mở tệp gốc và"
                " lưu lại đúng định dạng",
            )
        )
    return data


def _check_form(root: Path, rel: str, problems: list[Problem]) -> None:
    """Check one regular file under forms/: its type by name and by content, and its name."""
    name = rel.split("/", 1)[1]
    folders, _, file = name.rpartition("/")
    stem, dot, extension = file.rpartition(".")
    if not dot:
        stem, extension = file, ""
    if extension.lower() not in FORM_TYPES:
        problems.append(_form_type(rel, extension))
        return
    parts = [*folders.split("/"), stem] if folders else [stem]
    if extension != extension.lower() or not all(_FORM_PART.match(part) for part in parts):
        fixed = "/".join(slug(part) or "bieu-mau" for part in parts) + "." + extension.lower()
        problems.append(
            Problem(
                rel,
                0,
                0,
                "form-name",
                f"tên tệp biểu mẫu `{name}` có chữ hoa, dấu, dấu cách hoặc ký tự khác; tên tệp chỉ gồm chữ"
                f" thường không dấu, số và dấu gạch ngang. Hãy đổi tên thành `{fixed}` (và sửa `form:` ở"
                " các thủ tục dùng nó)",
            )
        )
    try:
        read_form(root, name, limit=_SIGNATURE_BYTES)
    except FormError as exc:
        problems.append(exc.problem)
    except OSError as exc:
        problems.append(Problem(rel, 0, 0, "encoding", f"không đọc được tệp: {exc.strerror}"))


def _forms(root: Path, problems: list[Problem]) -> set[str]:
    """The regular files under forms/ (at any depth), by path under it, each checked as a form;
    hidden files are not forms."""
    found: set[str] = set()
    if not _usable(root, m.FORMS_FOLDER, problems, folder=True):
        return found
    pending = [m.FORMS_FOLDER]
    while pending:
        folder = pending.pop()
        for entry in sorted(os.scandir(root / folder), key=lambda e: e.name):
            rel = f"{folder}/{entry.name}"
            # Hidden files, Office lock files and the files Windows Explorer leaves are not forms.
            if entry.name.startswith((".", "~$")) or entry.name.lower() in _SYSTEM_FILES:
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(rel)
            elif _usable(root, rel, problems):
                _check_form(root, rel, problems)
                found.add(rel.split("/", 1)[1])
    return found


def read_folder(root: Path, problems: list[Problem]) -> Records:
    budget = Budget()
    new_run()
    _unread_files(root, problems)
    records = Records()
    records.site = _site(root, problems, budget)
    if records.site is None and (root / SITE.path).is_file():
        records.unreadable_files.add(SITE.path)
    # A list file's records first, then those of the folder beside it: a record in both is
    # reported as a duplicate in its own file, the newer place.
    records.sectors = _list_file(root, SECTORS, m.Sector, problems, records, budget)
    records.sectors += _folder(root, SECTOR_FILES, m.Sector, problems, records, budget)
    records.agencies = _list_file(root, AGENCIES, m.Agency, problems, records, budget)
    records.agencies += _folder(root, AGENCY_FILES, m.Agency, problems, records, budget)
    records.legal = _list_file(root, LEGAL, m.LegalDocument, problems, records, budget)
    records.legal += _folder(root, LAW_FILES, m.LegalDocument, problems, records, budget)
    records.procedures = _folder(root, PROCEDURES, m.Procedure, problems, records, budget)
    records.fees = _folder(root, FEES, m.Fee, problems, records, budget)
    records.communes = _folder(root, COMMUNES, m.Commune, problems, records, budget)
    records.stats = _folder(root, STATS, m.StatsPeriod, problems, records, budget)
    records.forms = _forms(root, problems)
    # Over the resource budget, the files left unread would make every reference to them look
    # broken: nothing is checked across records.
    return Records() if budget.exceeded else records
