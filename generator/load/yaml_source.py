"""Stage 1: read a YAML content file safely and keep the position of every value.

PyYAML composes the document into nodes (with libyaml when available); we turn the nodes into plain
Python values ourselves so that we can
- reject duplicate keys, non-text keys and unknown tags,
- bound alias expansion (an alias bomb fails fast),
- normalise every text to NFC,
- remember the line and column of every key and value, addressed by its path in the document.

Scalars follow YAML 1.2 rather than PyYAML's YAML 1.1 defaults, because the 1.1 rules turn an
editor's `07:30` into the number 450 and `no` into false.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem

MAX_FILE_BYTES = 1_000_000
# Values built from one file, counting alias expansion. A real content file has a few thousand.
MAX_VALUES = 100_000

Path_ = tuple[str | int, ...]

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """A safe loader with YAML 1.2 core-schema scalars."""


_STR, _INT, _FLOAT, _BOOL, _NULL, _DATE = (
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
)
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"

# Plain scalars that are not text, by their first character (YAML 1.2 core schema, plus dates).
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _tag, _regexp, _first in [
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^[-+]?[0-9]+$", "-+0123456789"),
    (_FLOAT, r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    (_NULL, r"^(?:~|null|Null|NULL)$", "~nN"),
    (_DATE, r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$", "0123456789"),
]:
    for _char in _first:
        _RESOLVERS.setdefault(_char, []).append((_tag, re.compile(_regexp)))


def _resolve(self: Any, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    """Hack: replaces PyYAML's generic resolver, which tried every YAML 1.1 pattern on every
    scalar and cost a third of the load time."""
    if kind is yaml.ScalarNode:
        if not implicit[0]:
            return _STR
        if value == "":
            return _NULL
        for tag, regexp in _RESOLVERS.get(value[0], ()):
            if regexp.match(value):
                return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


_Loader.resolve = _resolve

_DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based
    raw: str | None = None  # a non-text scalar as written, for hints ("50.000" read as 50.0)


def _mark_position(node: yaml.Node) -> Position:
    mark = node.start_mark
    raw = node.value if isinstance(node, yaml.ScalarNode) and node.tag != _STR else None
    return Position(mark.line + 1, mark.column + 1, raw)


@dataclass
class SourceFile:
    """A loaded content file: its data, and the YAML nodes that say where each part was written.

    Positions are looked up on demand by walking the nodes, because only values with a problem
    need one; recording every position up front would double the cost of loading.
    """

    path: str  # relative to the content folder
    data: Any
    root: yaml.Node | None = field(default=None, repr=False)
    # Keys the loader renamed from an old spelling (load/upgrade.py): (path of the block, new key)
    # → the key as written, so positions are still found in the file.
    written_as: dict[tuple[Path_, str], str] = field(default_factory=dict, repr=False)

    def _walk(self, loc: Path_) -> tuple[yaml.Node | None, yaml.Node | None, bool]:
        """The deepest node along `loc`, the key node naming it (if reached by a key), and
        whether the whole of `loc` was found."""
        node, key_node = self.root, None
        for depth, part in enumerate(loc):
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                written = self.written_as.get((loc[:depth], part), part) if self.written_as else part
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and unicodedata.normalize("NFC", key.value) == written:
                        node, key_node = value, key
                        break
                else:
                    return node, None, False
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node, key_node = node.value[part], None
            else:
                return node, None, False
        return node, key_node, node is not None

    def position(self, loc: Path_) -> Position:
        """The position of the value at `loc`, or of its nearest written ancestor. A block
        (mapping or list) is shown at the key that names it: that is the line editors look at."""
        node, key_node, _ = self._walk(tuple(loc))
        if node is None:
            return Position(1, 1)
        if key_node is not None and not isinstance(node, yaml.ScalarNode):
            return _mark_position(key_node)
        return _mark_position(node)

    def has(self, loc: Path_) -> bool:
        """Whether a value is written at exactly `loc`."""
        return self._walk(tuple(loc))[2]

    def key_position(self, loc: Path_) -> Position:
        """Where the key of `loc` is written (for unknown keys), else the value's position."""
        node, key_node, _ = self._walk(tuple(loc))
        if key_node is not None:
            return _mark_position(key_node)
        return _mark_position(node) if node is not None else Position(1, 1)


class _Stop(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _n(number: int) -> str:
    """A count written the Vietnamese way: 100.000."""
    return f"{number:,}".replace(",", ".")


class _Builder:
    """Turns composed nodes into plain values, checking keys, tags and expansion as it goes."""

    def __init__(self, rel: str, problems: list[Problem]) -> None:
        self.rel = rel
        self.problems = problems
        self.count = 0

    def stop(self, mark: Any, code: str, message: str) -> _Stop:
        return _Stop(Problem(self.rel, mark.line + 1, mark.column + 1, code, message))

    def nfc(self, text: str, node: yaml.Node) -> str:
        normal = unicodedata.normalize("NFC", text)
        if normal != text:
            mark = node.start_mark
            self.problems.append(
                Problem(
                    self.rel,
                    mark.line + 1,
                    mark.column + 1,
                    "text-not-nfc",
                    f'chữ "{normal[:40]}" được gõ ở dạng tổ hợp (NFD); đã chuẩn hoá sang dạng dựng sẵn (NFC)',
                )
            )
        return normal

    def build(self, node: yaml.Node) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.stop(
                node.start_mark,
                "yaml-alias-bomb",
                f"tệp tạo ra hơn {_n(MAX_VALUES)} giá trị (bí danh YAML lồng nhau hoặc tự tham chiếu);"
                " hãy ghi giá trị trực tiếp, không dùng bí danh",
            )
        kind = node.__class__
        if kind is yaml.ScalarNode:
            if node.tag == _STR:
                text = node.value
                return text if text.isascii() else self.nfc(text, node)
            assert isinstance(node, yaml.ScalarNode)
            return self.scalar(node)
        if kind is yaml.SequenceNode:
            if node.tag != _SEQ:
                raise self.stop(node.start_mark, "yaml-tag", f"thẻ YAML `{node.tag}` không được hỗ trợ")
            return [self.build(item) for item in node.value]
        if kind is yaml.MappingNode:
            if node.tag != _MAP:
                raise self.stop(node.start_mark, "yaml-tag", f"thẻ YAML `{node.tag}` không được hỗ trợ")
            result: dict[str, Any] = {}
            lines: dict[str, int] = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is not yaml.ScalarNode or key_node.tag != _STR:
                    shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "…"
                    raise self.stop(
                        key_node.start_mark,
                        "yaml-key-type",
                        f"khoá `{shown}` không phải là chữ; mọi khoá phải là tên trường, ví dụ `name`",
                    )
                key = key_node.value if key_node.value.isascii() else self.nfc(key_node.value, key_node)
                mark = key_node.start_mark
                if key in result:
                    self.problems.append(
                        Problem(
                            self.rel,
                            mark.line + 1,
                            mark.column + 1,
                            "yaml-duplicate-key",
                            f"khoá `{key}` đã xuất hiện ở dòng {lines[key]}; mỗi khoá chỉ được ghi một lần",
                        )
                    )
                    continue
                lines[key] = mark.line + 1
                result[key] = self.build(value_node)
            return result
        raise self.stop(node.start_mark, "yaml-syntax", "nút YAML không xác định")  # pragma: no cover

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            return self.nfc(text, node)
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return text.lower() == "true"
        if tag == _INT:
            return int(text)
        if tag == _FLOAT:
            return float(text)
        if tag == _DATE:
            match = _DATE_RE.match(text)
            assert match is not None
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                raise self.stop(
                    node.start_mark,
                    "invalid-date",
                    f"ngày `{text}` không có thật; ngày viết dạng YYYY-MM-DD, ví dụ 2025-07-01",
                ) from None
        raise self.stop(
            node.start_mark,
            "yaml-tag",
            f"thẻ YAML `{tag}` không được hỗ trợ; chỉ dùng chữ, số, ngày, đúng/sai, danh sách và khối",
        )


def _decode(raw: bytes, rel: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Stop(Problem(rel, 1, 1, "encoding", "tệp được lưu bằng UTF-16; hãy lưu lại với mã hoá UTF-8"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise _Stop(
            Problem(
                rel,
                line,
                column,
                "encoding",
                f"byte 0x{raw[exc.start]:02X} không hợp lệ trong UTF-8 (có thể tệp lưu bằng Windows-1258"
                " hoặc TCVN3); hãy lưu lại với mã hoá UTF-8",
            )
        ) from None


# libyaml's messages, explained for editors.
_YAML_HINTS = [
    ("quoted scalar", "thiếu dấu ngoặc kép đóng cho giá trị bắt đầu ở đây"),
    (
        "cannot start any token",
        "giá trị bắt đầu bằng ký tự không được phép (như `@`, `` ` ``, `%`); hãy đặt cả giá trị trong ngoặc kép",
    ),
    ("could not find expected ':'", "thiếu dấu hai chấm `:` sau tên khoá"),
    ("mapping values are not allowed", "có dấu `: ` ở giữa giá trị; hãy đặt cả giá trị trong ngoặc kép"),
    ("expected <block end>", "thụt lề không khớp với các dòng phía trên"),
    ("did not find expected key", "thụt lề không khớp với các dòng phía trên"),
    ("did not find expected '-'", "thụt lề của danh sách không khớp"),
    ("expected a single document", "tệp chỉ được chứa một tài liệu; bỏ dòng `---` thứ hai"),
    ("did not find expected ',' or ']'", "thiếu dấu `,` hoặc `]` trong danh sách viết trên một dòng"),
    ("did not find expected ',' or '}'", "thiếu dấu `,` hoặc `}` trong khối viết trên một dòng"),
    ("undefined alias", "bí danh `*…` chưa được khai báo bằng `&…`"),
    ("duplicate anchor", "bí danh `&…` được khai báo hai lần"),
]


def _unclosed_quote(lines: list[str]) -> int | None:
    """The first line with an odd number of double quotes (ignoring escaped ones and comments
    after a closed value), where an unclosed quote most likely starts."""
    for number, text in enumerate(lines, start=1):
        quotes = 0
        escaped = False
        for char in text:
            if char == "#" and quotes % 2 == 0:
                break
            if char == '"' and not escaped:
                quotes += 1
            escaped = char == "\\" and not escaped
        if quotes % 2:
            return number
    return None


def _yaml_problem(exc: yaml.YAMLError, rel: str, text: str) -> Problem:
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    detail = f"{context}, {problem}" if context else problem
    # An unclosed quote is noticed where the next quote is; the editor's mistake is where it opened.
    mark = context_mark if "quoted scalar" in context and context_mark is not None else problem_mark or context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    if "\t" in indent or "'\\t'" in problem:
        return Problem(rel, line, column, "yaml-tab", "ký tự Tab dùng để thụt lề; YAML chỉ cho phép dấu cách")
    unclosed = _unclosed_quote(lines[:line])
    if unclosed is not None and unclosed < line:
        return Problem(
            rel,
            unclosed,
            1,
            "yaml-syntax",
            f"không đọc được YAML: thiếu dấu ngoặc kép đóng trên dòng này (YAML: {detail})",
        )
    hint = next(
        (text_ for needle, text_ in _YAML_HINTS if needle in detail), "kiểm tra thụt lề, dấu hai chấm, ngoặc kép"
    )
    return Problem(rel, line, column, "yaml-syntax", f"không đọc được YAML: {hint} (YAML: {detail})")


def load_text(raw: bytes, rel: str, problems: list[Problem]) -> SourceFile | None:
    """Parse the bytes of one file. Problems are appended; None means the file is unusable."""
    try:
        if len(raw) > MAX_FILE_BYTES:
            raise _Stop(
                Problem(
                    rel,
                    0,
                    0,
                    "file-too-large",
                    f"tệp nặng {_n(len(raw))} byte, vượt giới hạn {_n(MAX_FILE_BYTES)} byte",
                )
            )
        text = _decode(raw, rel)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise _Stop(_yaml_problem(exc, rel, text)) from None
        finally:
            loader.dispose()
        if node is None:
            raise _Stop(Problem(rel, 1, 1, "empty-file", "tệp không có nội dung"))
        data = _Builder(rel, problems).build(node)
        return SourceFile(rel, data, node)
    except _Stop as stop:
        problems.append(stop.problem)
        return None
    except RecursionError:
        problems.append(
            Problem(rel, 1, 1, "yaml-alias-bomb", "bí danh YAML tự tham chiếu hoặc cấu trúc lồng nhau quá sâu")
        )
        return None


class NotRegularFile(Exception):
    """A path that is a symbolic link (code `symlink`) or not a regular file (`not-a-file`)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def open_regular(path: Path) -> tuple[int, os.stat_result]:
    """Open `path` for reading only if it is a regular file and not a symbolic link: its file
    descriptor and status. Raises NotRegularFile, or OSError when it cannot be read.

    `O_NOFOLLOW` refuses a link even if one replaces the file after it was listed; `O_NONBLOCK`
    keeps a named pipe from making the open wait forever; `fstat` then says what was opened."""
    if path.is_symlink():
        raise NotRegularFile("symlink")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotRegularFile("symlink") from None
        raise
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):
        os.close(fd)
        raise NotRegularFile("not-a-file")
    return fd, status


def not_regular_problem(rel: str, code: str, folder: bool = False) -> Problem:
    """The problem of a symbolic link or a special file found where content is read. The message
    names the path only: never what a link points to, nor the text found there."""
    what = "thư mục" if folder else "tệp"
    if code == "symlink":
        message = (
            f"{what} `{rel}` là một liên kết (symlink), không phải {what} thật; nội dung chỉ được đọc từ"
            f" {what} nằm trong thư mục nội dung. Hãy xoá liên kết và chép {what} thật vào đây"
        )
    else:
        message = (
            f"`{rel}` không phải là tệp thông thường (có thể là ống dẫn có tên hoặc thiết bị);"
            " hãy xoá nó và đặt tệp thật vào đây"
        )
    return Problem(rel, 0, 0, code, message)


def load_file(path: Path, rel: str, problems: list[Problem]) -> SourceFile | None:
    try:
        fd, status = open_regular(path)
    except NotRegularFile as exc:
        problems.append(not_regular_problem(rel, exc.code))
        return None
    except OSError as exc:
        problems.append(Problem(rel, 0, 0, "encoding", f"không đọc được tệp: {exc.strerror}"))
        return None
    with os.fdopen(fd, "rb") as file:
        if status.st_size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    rel,
                    0,
                    0,
                    "file-too-large",
                    f"tệp nặng {_n(status.st_size)} byte, vượt giới hạn {_n(MAX_FILE_BYTES)} byte",
                )
            )
            return None
        try:
            # One byte more than the limit: a file that grew since fstat is still caught.
            raw = file.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            problems.append(Problem(rel, 0, 0, "encoding", f"không đọc được tệp: {exc.strerror}"))
            return None
    return load_text(raw, rel, problems)
