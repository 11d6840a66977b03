"""The lines of a công bố annex, read into draft procedure records.

A decision lists procedures ("1. Thủ tục: … (Số hồ sơ TTHC 1.004222)"), each under fixed headings
("1.1. Trình tự thực hiện:", "a) Thành phần hồ sơ", "- Căn cứ pháp lý …"). The reader first splits
the lines into procedures and sections by their headings (numbered "1.1." / "1/" / "a)" / "-" /
"+" / "*" or not at all, with the spelling variants of real decisions), then reads each section
into the model's fields. A line it cannot place goes into the record's `needs_review`, with its
heading and its line in the source: nothing is dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..format import fold, slug
from .source import Line

# Each section of a procedure and the folded headings that open it, most specific first. A heading
# is its words at the start of a line (after any numbering), followed by a colon, the end of the
# line, or a few words of qualifier ("… thủ tục hành chính", "(nếu có)", "bao gồm").
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("steps", ("trinh tu thuc hien", "trinh tu, thu tuc thuc hien", "quy trinh thuc hien")),
    (
        "receiving_hours",
        ("thoi gian tiep nhan ho so va tra ket qua", "thoi gian tiep nhan ho so", "thoi gian tiep nhan"),
    ),
    ("channels", ("cach thuc thuc hien", "cach thuc hien", "cach thuc nop ho so", "hinh thuc nop")),
    (
        "address",
        ("dia chi tiep nhan ho so", "dia diem thuc hien", "noi tiep nhan ho so", "noi tiep nhan va tra ket qua"),
    ),
    (
        "documents",
        (
            "thanh phan, so luong ho so",
            "thanh phan so luong ho so",
            "thanh phan, so luong",
            "thanh phan ho so",
            "ho so gom",
            "ho so bao gom",
        ),
    ),
    ("dossier_sets", ("so luong ho so", "so luong bo ho so")),
    ("time", ("thoi han giai quyet", "thoi gian giai quyet", "thoi han thuc hien")),
    ("applicants", ("doi tuong thuc hien", "doi tuong ap dung")),
    ("deciding", ("co quan co tham quyen quyet dinh", "co quan co tham quyen")),
    ("delegated", ("co quan duoc uy quyen", "co quan hoac nguoi co tham quyen duoc uy quyen")),
    ("coordinating", ("co quan phoi hop",)),
    ("agencies", ("co quan thuc hien", "co quan giai quyet", "co quan truc tiep thuc hien", "tham quyen giai quyet")),
    ("result", ("ket qua thuc hien", "ket qua giai quyet", "ket qua cua viec thuc hien")),
    ("fees", ("phi, le phi", "le phi, phi", "phi va le phi", "tthc yeu cau tra phi, le phi", "muc thu phi, le phi")),
    ("forms", ("ten mau don, mau to khai", "ten mau don mau to khai", "mau don, mau to khai", "mau don, to khai")),
    ("conditions", ("yeu cau, dieu kien", "yeu cau dieu kien", "dieu kien thuc hien")),
    ("legal", ("can cu phap ly",)),
    ("field", ("linh vuc",)),
    ("code", ("ma thu tuc", "ma so tthc", "ma tthc", "so ho so tthc", "ky hieu thu tuc")),
    ("review", ("tap tin dinh kem", "file dinh kem", "van ban quy dinh", "luot xem", "tinh trang ap dung")),
)
# Short headings that are headings only when they stand alone or end in a colon: "Lệ phí:",
# "Phí", "Kết quả:", "Yêu cầu". As the first words of a sentence they are ordinary text
# ("Kết quả kiểm nghiệm sản phẩm …").
SHORT: dict[str, str] = {
    "le phi": "fees",
    "phi": "fees",
    "ket qua": "result",
    "yeu cau": "conditions",
    "thoi han": "time",
    "doi tuong": "applicants",
}
# What the reader calls each section when it asks the editor to review a line from it.
SECTION_TITLES = {
    "steps": "Trình tự thực hiện",
    "receiving_hours": "Thời gian tiếp nhận hồ sơ",
    "channels": "Cách thức thực hiện",
    "address": "Địa chỉ tiếp nhận hồ sơ",
    "documents": "Thành phần, số lượng hồ sơ",
    "dossier_sets": "Số lượng hồ sơ",
    "time": "Thời hạn giải quyết",
    "applicants": "Đối tượng thực hiện",
    "deciding": "Cơ quan có thẩm quyền quyết định",
    "delegated": "Cơ quan được ủy quyền",
    "coordinating": "Cơ quan phối hợp",
    "agencies": "Cơ quan thực hiện",
    "result": "Kết quả thực hiện",
    "fees": "Phí, lệ phí",
    "forms": "Tên mẫu đơn, mẫu tờ khai",
    "conditions": "Yêu cầu, điều kiện",
    "legal": "Căn cứ pháp lý",
    "field": "Lĩnh vực",
    "code": "Mã thủ tục",
    "review": "Mục khác",
    "": "Trước mục đầu tiên",
}
# Sections that may come back in one procedure without starting another: sub-headings of the
# documents ("a) Thành phần hồ sơ", "b) Số lượng hồ sơ") and the receiving hours inside channels.
REPEATABLE = {"documents", "dossier_sets", "receiving_hours", "review", "code", "deciding", "coordinating", "delegated"}

# Numbering and bullets before a heading or an item: "1.1.", "1/", "12.", "a)", "a ", "đ)", "I.",
# "A.", "-", "+", "*", "•".
_MARK = re.compile(
    r"^\s*(?:(?P<num>\d{1,3}(?:\.\d{1,2}){0,3}\s*[.)/:-](?!\d)|\d{1,3}(?:\.\d{1,2}){1,3}(?=\s))|(?P<roman>[IVXLC]{1,6})\s*[.)]|(?P<upper>[A-ZĐ])\s*[.)]"
    r"|(?P<lower>[a-zđ])(?:\s*\)|\s+(?=\S{2}))|(?P<bullet>[-+*•–])+)\s*"
)
_TITLE = re.compile(
    r"^\s*(?:(?P<number>\d{1,3}(?:\.\d{1,3})?)\s*[.)/]?\s*)?(?:Tên\s+)?Thủ tục(?:\s+hành chính)?\s*[:.–-]?\s*(?P<name>.+)$",
    re.IGNORECASE,
)
_CODE_IN_TITLE = re.compile(
    r"\(\s*(?:Số hồ sơ TTHC|Số hồ sơ|Mã TTHC|Mã thủ tục|Mã số TTHC|Mã số|Mã)\s*[:.]?\s*"
    r"(?P<code>[0-9]\.[0-9]{6})(?P<local>[0-9A-Z.]*)\s*\)",
    re.IGNORECASE,
)
_CODE = re.compile(r"\b([0-9]\.[0-9]{6})((?:\.[0-9A-Z]{1,6})*)\b")
_LEVEL_LINE = re.compile(
    r"\b(?:thu tuc hanh chinh|tthc)\b.*\b(?:cap (xa|huyen|tinh)|thuc hien tai cap (xa|huyen|tinh))"
)
_FIELD_LINE = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z]|\d{1,2})\s*[.)/-]\s*linh vuc\s+(.+)$|^linh vuc\s*:?\s+(.+)$")
_DECISION = re.compile(r"(?:Quyết định(?:\s+công bố)?\s+số|Số\s*:)\s*(\d{1,5}/(?:\d{4}/)?QĐ-[\wĐ-]+)")
_STEP = re.compile(r"^\s*[-+*•]?\s*Bước\s*(\d{1,2})\s*[:.)-]?\s*(.*)$", re.IGNORECASE)


@dataclass
class Section:
    key: str
    heading: Line | None
    lines: list[Line] = field(default_factory=list)


@dataclass
class RawProcedure:
    """The lines of one procedure, split by heading."""

    title: Line | None
    number: str | None
    name: str | None
    code: str | None
    local_code: str | None
    field_name: str | None
    level: str | None
    sections: list[Section] = field(default_factory=list)

    def has(self, key: str) -> bool:
        return any(s.key == key for s in self.sections)


@dataclass
class Outline:
    """The decision as the reader found it: its number, and its procedures' lines."""

    decision: str | None
    procedures: list[RawProcedure]
    outside: list[Line]  # lines before the first procedure that say nothing the reader uses


def strip_mark(text: str) -> tuple[str | None, str]:
    """(`-`, `Tờ khai …`) from `- Tờ khai …`; the kind of mark is `*`, `-`, `+`, `num`, `lower`,
    `upper`, `roman` or None."""
    match = _MARK.match(text)
    if not match or match.end() == 0:
        return None, text.strip()
    rest = text[match.end() :].strip()
    if not rest:
        return None, text.strip()
    kind = next(name for name, value in match.groupdict().items() if value)
    if kind == "bullet":
        bullet = match.group("bullet")[0]
        return ("-" if bullet in "–•" else bullet), rest
    return kind, rest


# The first words of every heading: a line starting otherwise is no heading (most lines are not).
_FIRST_WORDS = frozenset(start.split()[0].strip(",") for _, starts in SECTIONS for start in starts) | {
    start.split()[0] for start in SHORT
}


@functools.lru_cache(maxsize=4096)
def heading_of(text: str) -> tuple[str, str] | None:
    """(section, the text after the heading) when a line opens a section."""
    mark, rest = strip_mark(text)
    folded = fold(rest[:80])
    first = folded.lstrip("*-+ ").split(" ", 1)[0].strip(",:")
    if first not in _FIRST_WORDS:
        return None
    if mark is None and len(rest) > 1 and rest[0] in "*-+" and rest[1] != " ":
        folded = fold(rest[1:])  # "*Lưu ý" style: a mark glued to the word
    for key, starts in SECTIONS:
        for start in starts:
            if folded.startswith(start):
                after = rest[len(start) :]
                return (key, _value_after(after)) if _heading_tail(after) else None
    for start, key in SHORT.items():
        if folded.startswith(start):
            after = rest[len(start) :]
            if not after.strip() or after.lstrip().startswith(":"):
                return key, _value_after(after)
    return None


def _heading_tail(after: str) -> bool:
    """What may follow a heading's words on its line: a colon (and a value), a qualifier of a
    few words and a colon, or nothing."""
    text = after.strip()
    if not text or text.startswith(":"):
        return True
    if text[0].isalpha() and text[0].isupper():
        return False  # "Lĩnh vực Văn hóa" is a field's name, not a "Lĩnh vực" heading with a qualifier
    head = text.split(":", 1)[0]
    return (":" in text and len(head) <= 60) or (len(text) <= 45 and not re.search(r"[.;]", text))


def _value_after(after: str) -> str:
    return after.split(":", 1)[1].strip() if ":" in after else ""


def outline(lines: list[Line]) -> Outline:
    """Split the lines into procedures and their sections."""
    decision: str | None = None
    procedures: list[RawProcedure] = []
    outside: list[Line] = []
    current: RawProcedure | None = None
    field_name: str | None = None
    level: str | None = None
    pending: list[Line] = []  # lines since the last section that may be the next procedure's name
    for line in lines:
        text = line.text
        if decision is None and (found := _DECISION.search(text)) and current is None:
            decision = found.group(1)
            continue
        folded = fold(text)
        if len(text) < 200 and (lvl := _LEVEL_LINE.search(folded)) and not _TITLE.match(text) and not heading_of(text):
            level = lvl.group(1) or lvl.group(2)
            if current is not None and current.sections:
                current = None
            continue
        if len(text) < 200 and (fld := _FIELD_LINE.match(folded)) and not heading_of(text):
            field_name = _original_tail(text, fld.group(1) or fld.group(2))
            if current is not None and current.sections:
                current = None
            continue
        title = _TITLE.match(text)
        if title and (len(title.group("name")) < 400) and not _STEP.match(text):
            current = _new(title.group("number"), title.group("name"), line, field_name, level)
            procedures.append(current)
            pending = []
            continue
        found_heading = heading_of(text)
        if found_heading:
            key, value = found_heading
            if current is not None and key not in REPEATABLE and current.has(key) and _opens_again(current, key):
                current = _untitled(current, pending, field_name, level)
                procedures.append(current)
            elif current is None:
                current = _untitled(None, pending or outside[-1:], field_name, level)
                if not pending and outside and current.title is outside[-1]:
                    outside.pop()
                procedures.append(current)
            pending = []
            if key == "field" and value:
                current.field_name = value
            if key == "code" and value and (code := _CODE.search(value)):
                current.code, current.local_code = code.group(1), (code.group(0) if code.group(2) else None)
                current.sections.append(Section("code", line))
                continue
            section = Section(key, line)
            if value:
                section.lines.append(Line(line.number, value))
            current.sections.append(section)
            continue
        if current is None:
            outside.append(line)
            continue
        if not current.sections:
            current.sections.append(Section("", None))
        current.sections[-1].lines.append(line)
        pending = [line]
    return Outline(decision, procedures, outside)


def _original_tail(text: str, folded_tail: str) -> str:
    """The end of `text` matching a folded tail, in its original spelling (and case)."""
    tail = text[len(text) - len(folded_tail) :].strip(" :.")
    return tail[:1].upper() + tail[1:].lower() if tail.isupper() else tail


def _opens_again(current: RawProcedure, key: str) -> bool:
    """A heading seen twice opens a new procedure (decisions without a "Thủ tục" line per procedure)."""
    return key in ("steps", "field", "channels", "time", "legal", "result", "applicants", "forms")


def _new(number: str | None, name: str, line: Line, field_name: str | None, level: str | None) -> RawProcedure:
    code = local = None
    if match := _CODE_IN_TITLE.search(name):
        code = match.group("code")
        local = code + match.group("local") if match.group("local") else None
        name = (name[: match.start()] + name[match.end() :]).strip()
    name = name.strip(" .:;")
    return RawProcedure(line, number, name or None, code, local, field_name, level)


def _untitled(
    previous: RawProcedure | None, pending: list[Line], field_name: str | None, level: str | None
) -> RawProcedure:
    """A procedure whose decision gives no "Thủ tục" line: its name is the short line before its
    first heading, taken back from the previous procedure's last section."""
    candidate = pending[-1] if pending else None
    if candidate is not None and len(candidate.text) <= 300 and not strip_mark(candidate.text)[0]:
        if previous is not None and previous.sections and previous.sections[-1].lines[-1:] == [candidate]:
            previous.sections[-1].lines.pop()
        code = _CODE.search(candidate.text)
        return RawProcedure(
            candidate,
            None,
            candidate.text.strip(" .:;"),
            code.group(1) if code else None,
            None,
            field_name,
            level,
        )
    return RawProcedure(None, None, None, None, None, field_name, level)


def items(lines: Iterable[Line]) -> list[tuple[Line, str]]:
    """Lines with their bullet or numbering removed."""
    return [(line, strip_mark(line.text)[1]) for line in lines]


def field_id(name: str) -> str:
    return slug(name, 60).strip("-") or "linh-vuc"
