"""Stage 1: read a YAML content file safely and keep the position of every value.

PyYAML composes the document into nodes (with libyaml when available); we turn the nodes into plain
Python values ourselves so that we can
- reject duplicate keys, non-text keys and unknown tags,
- bound alias expansion (an alias bomb fails fast), nesting depth, list lengths and the whole
  content's size (the resource budget below),
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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..model.types import character_name, visible
from ..problems import Problem

# The resource budget: what one validation run reads at most. Each limit is far above a real
# province (about 2.000 procedures of a few KB, 100 communes: some 2.100 files, 8 MB, 300.000
# values) and keeps validation of the largest content accepted within 10 s and 1 GB (`make bench`).
# README and ERROR_CODES.md state the same figures; a test keeps them in step.
MAX_FILE_BYTES = 1_000_000  # one file
MAX_VALUES = 100_000  # values built from one file, counting alias expansion; a real file has a few hundred
MAX_LIST_ITEMS = 5_000  # items in one list (legal.yaml's documents are the longest real list)
MAX_DEPTH = 20  # blocks and lists nested in one another; the deepest model has 6 levels
MAX_FILES = 5_000  # YAML files in the content folder
MAX_TOTAL_BYTES = 20_000_000  # all YAML files together
MAX_TOTAL_VALUES = 1_000_000  # values of all files together
# Validation problems, and apart from them text-not-nfc warnings, reported for one file: the editor
# fixes the first ones and validates again; finding and placing thousands would cost minutes.
MAX_FILE_PROBLEMS = 100

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
    need one; recording every position up front would double the cost of loading. The nodes are
    composed again from the text on the first lookup: keeping every file's nodes held more than
    half of the memory of a validation run.
    """

    path: str  # relative to the content folder
    data: Any
    text: str = field(default="", repr=False)
    # Keys the loader renamed from an old spelling (load/upgrade.py): (path of the block, new key)
    # → the key as written, so positions are still found in the file.
    written_as: dict[tuple[Path_, str], str] = field(default_factory=dict, repr=False)
    reported: int = field(default=0, repr=False)  # validation problems reported so far (load/translate.py)
    _root: yaml.Node | None = field(default=None, init=False, repr=False)

    @property
    def root(self) -> yaml.Node | None:
        if self._root is None and self.text:
            self._root = _compose(self.text)
        return self._root

    def _walk(self, loc: Path_) -> tuple[yaml.Node | None, yaml.Node | None, bool]:
        """The deepest node along `loc`, the key node naming it (if reached by a key), and
        whether the whole of `loc` was found."""
        node, key_node = self.root, None
        for depth, part in enumerate(loc):
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                written = self.written_as.get((loc[:depth], part), part) if self.written_as else part
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and (
                        key.value == written
                        or (not key.value.isascii() and unicodedata.normalize("NFC", key.value) == written)
                    ):
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


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


class _Stop(Exception):
    def __init__(self, problem: Problem, stops_all: bool = False) -> None:
        self.problem = problem
        self.stops_all = stops_all  # a limit of the whole content: no other file is read


def _n(number: int) -> str:
    """A count written the Vietnamese way: 100.000."""
    return f"{number:,}".replace(",", ".")


@dataclass
class Budget:
    """What the files read so far in one validation run hold together (see MAX_FILES…)."""

    files: int = 0
    bytes: int = 0
    values: int = 0
    exceeded: bool = False  # once true, no other file is read


def _graph(root: yaml.Node) -> tuple[int, bool]:
    """The number of distinct nodes under `root` (values as written, before alias expansion) and
    whether an alias refers to a block that contains it."""
    seen: set[int] = set()
    count, cycle = 0, False
    # Depth-first, without recursion: (node, whether its children were already pushed).
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    open_: set[int] = set()
    while stack:
        node, done = stack.pop()
        if done:
            open_.discard(id(node))
            continue
        if id(node) in open_:
            cycle = True
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        count += 1
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        else:
            continue
        open_.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(children))
    return count, cycle


class _Builder:
    """Turns composed nodes into plain values, checking keys, tags, expansion, depth and list
    lengths as it goes."""

    def __init__(
        self, rel: str, problems: list[Problem], root: yaml.Node, allowance: int = MAX_VALUES, aliases: bool = False
    ) -> None:
        self.rel = rel
        # Nodes built so far, when the text may hold an alias (`*…`): a node met twice is shared.
        self.built: set[int] | None = set() if aliases else None
        self.shared: set[int] = set()
        self.problems = problems
        self.root = root
        self.count = 0
        self.warned: list[int] = []  # indexes in `problems` of this file's text-not-nfc warnings
        self.unwarned = 0
        # Values this file may still build: its own limit, or what is left of the whole budget.
        self.allowance = allowance

    def stop(self, mark: Any, code: str, message: str) -> _Stop:
        return _Stop(Problem(self.rel, mark.line + 1, mark.column + 1, code, message))

    def too_many(self, node: yaml.Node) -> _Stop:
        written, cycle = _graph(self.root)
        if cycle or written <= self.allowance:
            return self.stop(
                node.start_mark,
                "yaml-alias-bomb",
                f"bí danh YAML (`&…`/`*…`) mở rộng thành hơn {_n(self.allowance)} giá trị hoặc tự tham chiếu;"
                " hãy ghi giá trị trực tiếp, không dùng bí danh",
            )
        mark = node.start_mark
        if self.allowance == MAX_VALUES:
            message = f"tệp có hơn {_n(MAX_VALUES)} giá trị (giới hạn {_n(MAX_VALUES)} giá trị một tệp)"
        else:
            message = (
                f"các tệp đã đọc đến đây có tổng cộng hơn {_n(MAX_TOTAL_VALUES)} giá trị"
                f" (giới hạn {_n(MAX_TOTAL_VALUES)} giá trị cho toàn bộ nội dung)"
            )
        problem = Problem(
            self.rel, mark.line + 1, mark.column + 1, "budget-exceeded", f"{message}; giới hạn bị vượt ở đây"
        )
        return _Stop(problem, stops_all=self.allowance < MAX_VALUES)

    def too_deep(self, node: yaml.Node) -> _Stop:
        if _graph(self.root)[1]:
            return self.stop(
                node.start_mark,
                "yaml-alias-bomb",
                "bí danh YAML (`*…`) tham chiếu đến chính khối chứa nó; hãy ghi giá trị trực tiếp",
            )
        return self.stop(node.start_mark, "yaml-too-deep", _too_deep_message())

    def alias(self, node: yaml.Node) -> None:
        """Warn once at a value that an alias (`*…`) repeats: editing one copy changes them all."""
        key, built = id(node), self.built
        if built is None:
            return
        if key not in built:
            built.add(key)
            return
        if key in self.shared:
            return
        # Said once, at the value that is repeated, not again at each value inside it.
        stack = [node]
        while stack:
            inner = stack.pop()
            if id(inner) not in self.shared:
                self.shared.add(id(inner))
                if isinstance(inner, yaml.SequenceNode):
                    stack.extend(inner.value)
                elif isinstance(inner, yaml.MappingNode):
                    stack.extend(part for pair in inner.value for part in pair)
        mark = node.start_mark
        self.problems.append(
            Problem(
                self.rel,
                mark.line + 1,
                mark.column + 1,
                "yaml-anchor",
                "giá trị này được đặt tên (`&…`) và dùng lại ở chỗ khác (`*…`): mọi chỗ dùng lại là cùng một giá"
                " trị, nên sửa một chỗ sẽ đổi tất cả mà không ai thấy; hãy chép giá trị ra từng chỗ",
            )
        )

    def nfc(self, text: str, node: yaml.Node) -> str:
        normal = unicodedata.normalize("NFC", text)
        if normal != text:
            if len(self.warned) >= MAX_FILE_PROBLEMS:
                self.unwarned += 1  # a file saved in NFD: the first warnings say it all
                return normal
            self.warned.append(len(self.problems))
            mark = node.start_mark
            self.problems.append(
                Problem(
                    self.rel,
                    mark.line + 1,
                    mark.column + 1,
                    "text-not-nfc",
                    f'chữ "{visible(normal[:40])}" được gõ ở dạng tổ hợp (NFD); đã chuẩn hoá sang dạng dựng sẵn (NFC)',
                )
            )
        return normal

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        """The value of `node`, which is nested in `depth` blocks and lists."""
        self.count += 1
        if self.count > self.allowance:
            raise self.too_many(node)
        if self.built is not None:
            self.alias(node)
        kind = node.__class__
        if kind is yaml.ScalarNode:
            if node.tag == _STR:
                text = node.value
                return text if text.isascii() else self.nfc(text, node)
            assert isinstance(node, yaml.ScalarNode)
            return self.scalar(node)
        depth += 1
        if depth > MAX_DEPTH:
            raise self.too_deep(node)
        if kind is yaml.SequenceNode:
            if node.tag != _SEQ:
                raise self.stop(node.start_mark, "yaml-tag", f"thẻ YAML `{node.tag}` không được hỗ trợ")
            items = node.value
            if len(items) > MAX_LIST_ITEMS:
                raise self.stop(
                    items[MAX_LIST_ITEMS].start_mark,
                    "budget-exceeded",
                    f"danh sách có {_n(len(items))} mục, vượt giới hạn {_n(MAX_LIST_ITEMS)} mục một danh sách;"
                    f" mục thứ {_n(MAX_LIST_ITEMS + 1)} nằm ở đây",
                )
            return [self.build(item, depth) for item in items]
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
                        f"khoá `{visible(shown)}` không phải là chữ; mọi khoá phải là tên trường, ví dụ `name`",
                    )
                key = key_node.value if key_node.value.isascii() else self.nfc(key_node.value, key_node)
                mark = key_node.start_mark
                if key in result:
                    # Not built, but counted: a file of repeated keys is bounded like any other.
                    self.count += 1
                    if self.count > self.allowance:
                        raise self.too_many(key_node)
                    self.problems.append(
                        Problem(
                            self.rel,
                            mark.line + 1,
                            mark.column + 1,
                            "yaml-duplicate-key",
                            f"khoá `{visible(key)}` đã xuất hiện ở dòng {lines[key]}; mỗi khoá chỉ được ghi một lần",
                        )
                    )
                    continue
                lines[key] = mark.line + 1
                result[key] = self.build(value_node, depth)
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
            try:
                return int(text)
            except ValueError:  # more digits than Python converts (4.300)
                raise self.stop(
                    node.start_mark, "out-of-range", f"số có {_n(len(text))} chữ số, quá lớn cho mọi trường"
                ) from None
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


def _too_deep_message() -> str:
    return (
        f"khối và danh sách lồng nhau quá {MAX_DEPTH} tầng (giới hạn {MAX_DEPTH} tầng); thường do thiếu"
        " ngoặc đóng `]`, `}` hoặc dán nhầm dữ liệu"
    )


# Levels PyYAML's C composer may be given unchecked. It recurses once per level, some 330 bytes of
# C stack each, and overflows an 8 MB stack (a segfault, no exception) about 25.000 levels down,
# that is 60 KB of `[`; 5.000 levels take under 2 MB.
_SAFE_DEPTH = 5_000


def _deep_mark(text: str) -> Any | None:
    """Where blocks and lists first nest deeper than MAX_DEPTH, if the text may nest deeper than
    the C composer can take; None otherwise (the builder then checks the depth exactly).

    Every level opens at one of `[ { - ? :`, so a text with few of them cannot be deep. The
    others are read as parser events first: libyaml's parser keeps its own stack."""
    if sum(map(text.count, "[{-?:")) <= _SAFE_DEPTH:
        return None
    loader = _Loader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            kind = event.__class__
            if kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                depth -= 1
    except yaml.YAMLError:
        return None  # composing stops at the same error, having nested no deeper than seen here
    finally:
        loader.dispose()
    return None


def _line_column(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of `text[index]`."""
    start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - start + 1


# Spaces and invisible characters that editors cannot tell from a space or from nothing, pasted
# from Word or a web page: YAML takes them for text, so indentation made with them goes wrong.
_ODD_SPACES = "\u00a0\u1680\u2000-\u200f\u202f\u205f\u2060\u3000\ufeff"
_ODD_SPACE = re.compile(f"[{_ODD_SPACES}]")
# What may come before a key on its line: indentation and the indicators `- `, `? `, `: `.
_INDENT = re.compile(r"[ \t]*(?:[-?:][ \t]+)*[-?:]?")
# Line breaks libyaml accepts besides \n and \r; Python and editors count lines differently.
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")


_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)


def _check_conflict(text: str, rel: str) -> None:
    """Stop at a line git leaves when two changes to the same lines were merged by hand and not
    finished (`<<<<<<<`, `=======`, `>>>>>>>`): the YAML error it would give is far from the cause."""
    match = _CONFLICT.search(text)
    if match is None:
        return
    line, column = _line_column(text, match.start())
    raise _Stop(
        Problem(
            rel,
            line,
            column,
            "yaml-conflict-marker",
            f"dòng `{match.group().strip()}` là dấu xung đột git còn sót lại sau khi gộp hai thay đổi; giữ lại"
            " phần đúng giữa `<<<<<<<`, `=======` và `>>>>>>>`, rồi xoá cả ba dòng dấu",
        )
    )


def _check_characters(text: str, rel: str) -> None:
    """Stop at an odd line break, or at an odd space or invisible character in indentation."""
    found = [index for index in map(text.find, _ODD_BREAKS) if index >= 0]
    if found:
        index = min(found)
        line, column = _line_column(text, index)
        raise _Stop(
            Problem(
                rel,
                line,
                column,
                "control-character",
                f"ký tự ngắt dòng {character_name(text[index])} không được dùng trong tệp; hãy xoá nó và xuống"
                " dòng bằng phím Enter",
            )
        )
    for match in _ODD_SPACE.finditer(text):
        index = match.start()
        if not _INDENT.fullmatch(text, text.rfind("\n", 0, index) + 1, index):
            continue  # inside a value: the text types judge it
        line, column = _line_column(text, index)
        raise _Stop(
            Problem(
                rel,
                line,
                column,
                "yaml-indent-character",
                f"dòng này thụt lề bằng ký tự {character_name(match.group())}, trông như dấu cách hoặc không"
                " thấy được; YAML chỉ hiểu dấu cách thường: hãy xoá ký tự này và thụt lề bằng dấu cách",
            )
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


_KEY_LINE = re.compile(r"^( *)(?:- )?([^\s#:'\"][^:#]*):(?: |$)")


def _indented_key(lines: list[str], line: int) -> str | None:
    """When line `line` is a `key:` indented below a line that already has its value (`result: x`),
    YAML reads it as the rest of that value and then trips on its colon: say so, and how far to
    move it back."""
    if not 1 < line <= len(lines):
        return None
    here = _KEY_LINE.match(lines[line - 1])
    above = next(
        (text for text in reversed(lines[: line - 1]) if text.strip() and not text.lstrip().startswith("#")), None
    )
    if here is None or above is None:
        return None
    parent = _KEY_LINE.match(above)
    if parent is None or not above[parent.end() :].split("#", 1)[0].strip():
        return None  # the line above opens a block: this line may well belong in it
    depth, parent_depth = len(here.group(1)), len(parent.group(1)) + (2 if above.lstrip().startswith("- ") else 0)
    if depth <= parent_depth:
        return None
    return (
        f"dòng `{here.group(2).strip()}:` thụt vào sâu hơn dòng `{parent.group(2).strip()}:` ở trên ({depth} so với"
        f" {parent_depth} dấu cách), nên YAML hiểu nó là phần tiếp theo của giá trị `{parent.group(2).strip()}`;"
        f" hãy xoá bớt {depth - parent_depth} dấu cách ở đầu dòng cho thẳng hàng với các khoá cùng cấp"
    )


def _yaml_problem(exc: yaml.YAMLError, rel: str, text: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml counts the position in bytes of UTF-8.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
        line, column = _line_column(before + " ", len(before))
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        return Problem(
            rel,
            line,
            column,
            "control-character",
            f"ký tự điều khiển {character_name(char)} không được phép trong tệp; hãy xoá nó"
            " (thường do sao chép từ PDF hoặc Word)",
        )
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    detail = f"{context}, {problem}" if context else problem
    # An unclosed quote is noticed where the next quote is, an unclosed `[` or `{` where the next
    # line does not fit in it: the editor's mistake is where it opened.
    unclosed_flow = (
        context in ("while parsing a flow sequence", "while parsing a flow mapping")
        and context_mark is not None
        and problem_mark is not None
        and problem_mark.line > context_mark.line
    )
    opened_here = "quoted scalar" in context or unclosed_flow
    mark = context_mark if opened_here and context_mark is not None else problem_mark or context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    lines = text.splitlines()
    if unclosed_flow:
        bracket, closing = ("[", "]") if "sequence" in context else ("{", "}")
        return Problem(
            rel,
            line,
            column,
            "yaml-syntax",
            f"không đọc được YAML: dấu `{bracket}` mở ở đây không được đóng: thiếu `{closing}` ở cuối,"
            f" hoặc thiếu dấu `,` giữa hai mục (YAML: {detail})",
        )
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
    # A no-break space after `:` or `-` (pasted from Word) makes the line text instead of a key.
    for number in (line, line - 1):
        odd = _ODD_SPACE.search(lines[number - 1]) if 0 < number <= len(lines) else None
        if odd:
            return Problem(
                rel,
                number,
                odd.start() + 1,
                "yaml-syntax",
                f"không đọc được YAML: dòng có ký tự {character_name(odd.group())}, trông như dấu cách nhưng YAML"
                f" không hiểu là dấu cách; hãy thay bằng dấu cách thường (YAML: {detail})",
            )
    indented = _indented_key(lines, line) if "mapping values are not allowed" in detail else None
    if indented is not None:
        return Problem(rel, line, 1, "yaml-indent", indented)
    hint = next(
        (text_ for needle, text_ in _YAML_HINTS if needle in detail), "kiểm tra thụt lề, dấu hai chấm, ngoặc kép"
    )
    return Problem(rel, line, column, "yaml-syntax", f"không đọc được YAML: {hint} (YAML: {detail})")


def _budget(raw: bytes, rel: str, budget: Budget) -> None:
    """Count one more file against the whole content's budget; stop when it is over."""
    budget.files += 1
    if budget.files > MAX_FILES:
        raise _Stop(
            Problem(
                rel,
                1,
                1,
                "budget-exceeded",
                f"thư mục nội dung có hơn {_n(MAX_FILES)} tệp YAML (giới hạn {_n(MAX_FILES)} tệp); tệp này là"
                f" tệp thứ {_n(budget.files)} được đọc",
            ),
            stops_all=True,
        )
    before = budget.bytes
    budget.bytes += len(raw)
    if budget.bytes > MAX_TOTAL_BYTES:
        line = raw.count(b"\n", 0, MAX_TOTAL_BYTES - before) + 1
        raise _Stop(
            Problem(
                rel,
                line,
                1,
                "budget-exceeded",
                f"các tệp YAML đọc đến tệp này nặng tổng cộng {_n(budget.bytes)} byte, vượt giới hạn"
                f" {_n(MAX_TOTAL_BYTES)} byte cho toàn bộ nội dung; giới hạn bị vượt ở dòng này",
            ),
            stops_all=True,
        )


def load_text(raw: bytes, rel: str, problems: list[Problem], budget: Budget | None = None) -> SourceFile | None:
    """Parse the bytes of one file. Problems are appended; None means the file is unusable.

    `budget` counts what the files read so far hold together; without one, only the limits of one
    file apply. Once it is exceeded, no other file is parsed."""
    budget = budget if budget is not None else Budget()
    if budget.exceeded:
        return None
    builder: _Builder | None = None
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
        _budget(raw, rel, budget)
        text = _decode(raw, rel)
        _check_characters(text, rel)
        _check_conflict(text, rel)
        deep = _deep_mark(text)
        if deep is not None:
            raise _Stop(Problem(rel, deep.line + 1, deep.column + 1, "yaml-too-deep", _too_deep_message()))
        try:
            node = _compose(text)
        except yaml.YAMLError as exc:
            raise _Stop(_yaml_problem(exc, rel, text)) from None
        if node is None:
            raise _Stop(Problem(rel, 1, 1, "empty-file", "tệp không có nội dung"))
        if node.__class__ is yaml.ScalarNode and node.tag == _NULL and node.value == "":
            start = re.search(r"^---", text, re.MULTILINE)
            line = _line_column(text, start.start())[0] if start else 1
            raise _Stop(Problem(rel, line, 1, "empty-file", "tệp chỉ có dòng `---`, không có nội dung nào"))
        builder = _Builder(
            rel, problems, node, min(MAX_VALUES, MAX_TOTAL_VALUES - budget.values), aliases="*" in text and "&" in text
        )
        data = builder.build(node)
        if builder.unwarned:
            last = builder.warned[-1]
            problems[last] = replace(
                problems[last], message=f"{problems[last].message}; và {_n(builder.unwarned)} chữ khác trong tệp"
            )
        return SourceFile(rel, data, text)
    except _Stop as stop:
        budget.exceeded = budget.exceeded or stop.stops_all
        problems.append(stop.problem)
        return None
    except RecursionError:  # pragma: no cover (depth is bounded above; kept so no traceback can escape)
        problems.append(Problem(rel, 1, 1, "yaml-too-deep", _too_deep_message()))
        return None
    finally:
        if builder is not None:
            budget.values += builder.count


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


def load_file(path: Path, rel: str, problems: list[Problem], budget: Budget | None = None) -> SourceFile | None:
    if budget is not None and budget.exceeded:
        return None
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
    return load_text(raw, rel, problems, budget)
