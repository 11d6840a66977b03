"""What a change to the content means for citizens, field by field: a pure comparison (no I/O)
of the records at two revisions, used by the `changes` command (the pull-request review) and by
the recent-changes page and its feed.

The comparison is complete and generic: it walks every field of every model (procedures, fees,
communes, statistics, `site.yaml`, sectors, agencies, laws) and compares forms by the hash of
their content. It names what changed with the models' own Vietnamese titles (`Field(title=…)`
and each model's `label`), so a field added to a model is reported without new code here, and
shows values as citizens read them (dates `dd/mm/yyyy`, money `50.000 đồng`, choices by their
labels, processing times in words).

Why a walk of our own rather than a diff library over `model_dump()`: the library's paths
(`root['channels'][1]['time']`) would have to be mapped back to the models to get their titles
and value types anyway, and matching list entries by what identifies them (a channel by its
mode, a document by its name, a fee schedule by its start date) is what keeps an inserted entry
from reporting every later one as changed.

Records are matched by their code or id. Each record is compared with itself only, so the two
sides need only hold the records of the files a change touched.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .. import model as m
from ..format import date_vi, decimal, duration, money, sort_key, weekdays
from ..model.kinds import KINDS, Kind
from ..model.types import Money
from ..problems.markdown import markdown_text

NOTE_FIELD = "change_note"  # the note for citizens; shown as such, never compared as a fact

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
FORMS_SECTION = m.Form.label


@dataclass(frozen=True)
class Table:
    """A list shown whole, before and after (duty rosters, reception, closures, office hours)."""

    columns: tuple[str, ...]
    before: tuple[tuple[str, ...], ...]
    after: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Change:
    action: str  # added, removed or changed
    section: str  # the kind of record, by its label: "Thủ tục hành chính"
    subject: str  # the record, as citizens name it: "Đăng ký khai sinh (1.001193)"
    detail: str  # what about it, by the models' titles: "Cách thức thực hiện (Trực tuyến) › Thời hạn giải quyết"
    old: str | None = None
    new: str | None = None
    facts: tuple[tuple[str, str], ...] = ()  # of a record or entry added or removed: (title, value)
    table: Table | None = None


@dataclass(frozen=True)
class Note:
    """A change note (`change_note`) written or rewritten with a change: what citizens read."""

    subject: str
    date: dt.date
    text: str


@dataclass(frozen=True)
class Snapshot:
    """The records at one revision, by kind name and then by code or id, and the forms by file
    name with the hash of their content: all of them, or only those of the files a change
    touched."""

    records: dict[str, dict[str, m.Model]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Values as citizens read them


def _walk_annotation(annotation: Any) -> Iterable[Any]:
    """The annotation and every type inside it (unions, lists, Annotated)."""
    yield annotation
    for arg in get_args(annotation):
        if not isinstance(arg, (str, int, bool)) and arg is not None and arg is not Ellipsis:
            yield from _walk_annotation(arg)


def _is_money(info: FieldInfo | None) -> bool:
    if info is None:
        return False
    marks = get_args(Money)[1:]  # its validators: a count has only the second
    if all(mark in info.metadata for mark in marks):
        return True
    return any(get_origin(a) is Annotated and get_args(a)[1:] == marks for a in _walk_annotation(info.annotation))


def _choices(info: FieldInfo | None) -> dict[str, str]:
    """The labels of a choice field's values (from `model/vocabulary.py`), if it is one."""
    if info is None:
        return {}
    for annotation in _walk_annotation(info.annotation):
        if get_origin(annotation) is Literal:
            return {value: m.ALL_LABELS.get(value, value) for value in get_args(annotation)}
    return {}


def show(value: Any, info: FieldInfo | None = None) -> str:
    """One value in Vietnamese words."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.date):
        return date_vi(value)
    if isinstance(value, int):
        return money(value) if _is_money(info) else str(value)
    if isinstance(value, float):
        return decimal(value)
    if isinstance(value, str):
        return _choices(info).get(value, value)
    if isinstance(value, m.ProcessingTime):
        return duration(value)
    if isinstance(value, BaseModel):
        return "; ".join(f"{title}: {text}" for title, text in facts(value))
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, str) and v in m.WEEKDAY_LABELS for v in value) and _choices(info):
            return weekdays(value)
        return (" | " if any(isinstance(v, BaseModel) for v in value) else ", ").join(show(v, info) for v in value)
    return str(value)


def _fields(model: BaseModel) -> Iterable[tuple[str, FieldInfo]]:
    for name, info in type(model).model_fields.items():
        if name != NOTE_FIELD:
            yield name, info


def _title(name: str, info: FieldInfo) -> str:
    return info.title or name


def _is_entries(value: Any) -> bool:
    """A list of entries listed one by one (not a timetable shown as a table)."""
    return (
        isinstance(value, list) and bool(value) and isinstance(value[0], BaseModel) and not isinstance(value[0], TABLES)
    )


def facts(model: BaseModel, skip: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    """Every field of `model` that holds something, as (title, value). A list of entries gives
    one fact per entry, named as in a change's path (`Cách thức thực hiện (Trực tuyến)`), with
    the entry's own lists after it (`… › Các giấy tờ (Tờ khai)`)."""
    found: list[tuple[str, str]] = []
    for name, info in _fields(model):
        value = getattr(model, name)
        if value is None or value == [] or name in skip:
            continue
        title = _title(name, info)
        if not _is_entries(value):
            found.append((title, show(value, info)))
            continue
        names = _identity(value[0])
        for index, entry in enumerate(value):
            named = f"{title} ({_entry_name(entry, names, index)})"
            inline, deeper = [], []
            for sub, sub_info in _fields(entry):
                sub_value = getattr(entry, sub)
                if sub_value is None or sub_value == [] or sub in (names or ()):
                    continue
                if _is_entries(sub_value):
                    deeper += [
                        (f"{named} › {t}", v) for t, v in facts(entry, skip=(*(names or ()), *_others(entry, sub)))
                    ]
                else:
                    sub_title = _title(sub, sub_info)
                    inline.append(f"{sub_title}: {show(sub_value, sub_info)}")
            if inline or not deeper:
                found.append((named, "; ".join(inline)))
            found += deeper
    return tuple(found)


def _others(model: BaseModel, keep: str) -> tuple[str, ...]:
    """Every field of `model` but `keep`."""
    return tuple(name for name in type(model).model_fields if name != keep)


# ---------------------------------------------------------------------------------------------
# Lists of entries: matched by what identifies an entry, else aligned in order

# The fields that identify an entry of a list, tried in this order; a model without any of them
# is aligned by position around inserted and removed entries.
_IDENTITY = ("id", "code", "number", "mode", "group", "doc", "fee", "who", "name", "field", "commune", "date")
_IDENTITY_OF: dict[type[BaseModel], tuple[str, ...]] = {
    m.Channel: ("mode", "description"),  # one mode may appear twice, for different cases
    m.Document: ("name", "condition"),
    m.LegalCitation: ("doc", "article"),
    m.FeeVersion: ("valid_from",),
    m.OnlineReduction: ("valid_from",),
    m.Tier: ("from_",),
}
# Lists shown whole as before/after tables: what citizens read as a timetable.
TABLES: tuple[type[BaseModel], ...] = (m.DutyShift, m.Reception, m.Closure, m.OfficeHours)


def _identity(model: BaseModel) -> tuple[str, ...] | None:
    kind = type(model)
    if kind in _IDENTITY_OF:
        return _IDENTITY_OF[kind]
    for name in _IDENTITY:
        if name in kind.model_fields:
            return (name,)
    return None


def _entry_name(entry: BaseModel, names: tuple[str, ...] | None, index: int) -> str:
    """How an entry of a list is named in a path: its identifying values, else its position."""
    if names:
        fields = type(entry).model_fields
        parts = [show(getattr(entry, n), fields[n]) for n in names if getattr(entry, n) is not None]
        if names == ("valid_from",):
            return f"từ {parts[0]}" if parts else "không ghi ngày bắt đầu"
        if names == ("from_",):
            return f"từ đơn vị thứ {parts[0]}"
        if parts:
            return ", ".join(parts)
    return f"mục thứ {index + 1}"


def _keyed(entries: Sequence[BaseModel], names: tuple[str, ...]) -> dict[tuple[Any, ...], tuple[int, BaseModel]]:
    found: dict[tuple[Any, ...], tuple[int, BaseModel]] = {}
    seen: dict[tuple[Any, ...], int] = {}
    for index, entry in enumerate(entries):
        key = tuple(getattr(entry, n) for n in names)
        seen[key] = seen.get(key, 0) + 1
        found[(*key, seen[key])] = (index, entry)  # a repeated identity: matched in order
    return found


@dataclass(frozen=True)
class _Found:
    action: str
    path: tuple[str, ...]
    old: str | None = None
    new: str | None = None
    facts: tuple[tuple[str, str], ...] = ()
    table: Table | None = None


def _table(entries: Sequence[BaseModel], model: type[BaseModel]) -> list[tuple[str, ...]]:
    return [tuple(show(getattr(e, n), info) for n, info in model.model_fields.items()) for e in entries]


def _table_change(old: Sequence[BaseModel], new: Sequence[BaseModel], path: tuple[str, ...]) -> _Found:
    model = type((list(new) or list(old))[0])
    titles = [_title(n, info) for n, info in model.model_fields.items()]
    before, after = _table(old, model), _table(new, model)
    # Only the columns that hold something on either side.
    keep = [i for i in range(len(titles)) if any(row[i] for row in (*before, *after))]
    return _Found(
        CHANGED,
        path,
        table=Table(
            tuple(titles[i] for i in keep),
            tuple(tuple(row[i] for i in keep) for row in before),
            tuple(tuple(row[i] for i in keep) for row in after),
        ),
    )


def _compare_entries(
    old: Sequence[BaseModel], new: Sequence[BaseModel], path: tuple[str, ...], out: list[_Found]
) -> None:
    sample = (list(new) or list(old))[0]
    if isinstance(sample, TABLES):
        out.append(_table_change(old, new, path))
        return
    names = _identity(sample)
    if names is not None:
        a, b = _keyed(old, names), _keyed(new, names)
        for key, (index, entry) in b.items():
            where = (*path[:-1], f"{path[-1]} ({_entry_name(entry, names, index)})")
            if key not in a:
                out.append(_Found(ADDED, where, facts=facts(entry)))
            elif a[key][1] != entry:
                _compare_models(a[key][1], entry, where, out)
        for key, (index, entry) in a.items():
            if key not in b:
                where = (*path[:-1], f"{path[-1]} ({_entry_name(entry, names, index)})")
                out.append(_Found(REMOVED, where, facts=facts(entry)))
        return
    # No identity (steps): align equal entries, so that an insertion moves nothing else; entries
    # replaced one for one are compared field by field.
    dumped_a = [json.dumps(e.model_dump(mode="json"), sort_keys=True) for e in old]
    dumped_b = [json.dumps(e.model_dump(mode="json"), sort_keys=True) for e in new]
    matcher = difflib.SequenceMatcher(a=dumped_a, b=dumped_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            _compare_models(old[i1 + k], new[j1 + k], (*path[:-1], f"{path[-1]} (mục thứ {j1 + k + 1})"), out)
        for j in range(j1 + pairs, j2):
            out.append(_Found(ADDED, (*path[:-1], f"{path[-1]} (mục thứ {j + 1})"), facts=facts(new[j])))
        for i in range(i1 + pairs, i2):
            out.append(_Found(REMOVED, (*path[:-1], f"{path[-1]} (mục thứ {i + 1} cũ)"), facts=facts(old[i])))


def _compare_values(a: Any, b: Any, info: FieldInfo, path: tuple[str, ...], out: list[_Found]) -> None:
    if isinstance(a, m.ProcessingTime) or isinstance(b, m.ProcessingTime):
        out.append(_Found(CHANGED, path, show(a, info) or None, show(b, info) or None))
    elif isinstance(a, BaseModel) and isinstance(b, BaseModel) and type(a) is type(b):
        _compare_models(a, b, path, out)
    elif isinstance(a, BaseModel) and b is None:
        out.append(_Found(REMOVED, path, facts=facts(a)))
    elif isinstance(b, BaseModel) and a is None:
        out.append(_Found(ADDED, path, facts=facts(b)))
    elif isinstance(a, list) and isinstance(b, list) and any(isinstance(v, BaseModel) for v in (*a, *b)):
        _compare_entries(a, b, path, out)
    else:
        out.append(_Found(CHANGED, path, show(a, info) or None, show(b, info) or None))


def _compare_models(a: BaseModel, b: BaseModel, path: tuple[str, ...], out: list[_Found]) -> None:
    for name, info in _fields(b):
        va, vb = getattr(a, name), getattr(b, name)
        if va != vb:
            _compare_values(va, vb, info, (*path, _title(name, info)), out)


# ---------------------------------------------------------------------------------------------
# Records


def subject(kind: Kind, key: str, record: m.Model) -> str:
    """A record as citizens name it: `Đăng ký khai sinh (1.001193)`, `Xã Vũ Ninh`."""
    if isinstance(record, m.Commune):
        return record.full_name
    name = next((getattr(record, n) for n in ("name", "title") if isinstance(getattr(record, n, None), str)), None)
    if name is None:
        return f"{kind.record.label} {key}"
    return name if key in (name, "") or kind.key == "name" else f"{name} ({key})"


# Sections in the order a reviewer reads them: what citizens do first, the portal last.
_SECTION_ORDER = ("procedure", "fee", "commune", "agencies", "legal", "fields", "stats", "site")


def _kinds() -> list[Kind]:
    order = {name: i for i, name in enumerate(_SECTION_ORDER)}
    # A folder of fields, agencies or laws is compared as part of its list file's kind.
    return sorted((k for k in KINDS if not k.joins), key=lambda k: order.get(k.name, len(order)))


def sections() -> list[str]:
    """Every section title, in order (the forms after the records that use them)."""
    titles = [k.record.label for k in _kinds()]
    titles.insert(titles.index(m.Commune.label) + 1, FORMS_SECTION)
    return titles


def _form_changes(old: dict[str, str], new: dict[str, str]) -> list[Change]:
    changes = []
    for name in sorted(old.keys() | new.keys(), key=sort_key):
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        action = ADDED if a is None else REMOVED if b is None else CHANGED
        detail = {ADDED: "tệp mới", REMOVED: "tệp bị bỏ", CHANGED: "nội dung tệp thay đổi"}[action]
        changes.append(
            Change(
                action,
                FORMS_SECTION,
                name,
                detail,
                f"mã nội dung {a[:10]}" if a else None,
                f"mã nội dung {b[:10]}" if b else None,
            )
        )
    return changes


def compare(base: Snapshot, head: Snapshot) -> list[Change]:
    """What changed for citizens from `base` to `head`: every record added, removed or changed,
    and every form."""
    changes: list[Change] = []
    for kind in _kinds():
        old, new = base.records.get(kind.name, {}), head.records.get(kind.name, {})
        section = kind.record.label
        named = {key: subject(kind, key, r) for key, r in (*old.items(), *new.items())}
        for key in sorted(old.keys() | new.keys(), key=lambda k: sort_key(named[k])):
            a, b = old.get(key), new.get(key)
            if b is not None and a is None:
                changes.append(Change(ADDED, section, named[key], f"{kind.record.label} mới", facts=facts(b)))
            elif a is not None and b is None:
                changes.append(Change(REMOVED, section, named[key], f"bỏ {kind.record.label.lower()}", facts=facts(a)))
            elif a is not None and b is not None and a != b:
                found: list[_Found] = []
                _compare_models(a, b, (), found)
                changes += [
                    Change(f.action, section, named[key], " › ".join(f.path), f.old, f.new, f.facts, f.table)
                    for f in found
                ]
        if kind.name == "commune":
            changes += _form_changes(base.forms, head.forms)
    return changes


def notes(base: Snapshot, head: Snapshot) -> list[Note]:
    """The change notes written or rewritten from `base` to `head`, by record."""
    found = []
    for kind in _kinds():
        old, new = base.records.get(kind.name, {}), head.records.get(kind.name, {})
        for key, record in new.items():
            note = getattr(record, NOTE_FIELD, None)
            previous = getattr(old.get(key), NOTE_FIELD, None)
            if note is not None and note != previous:
                found.append(Note(subject(kind, key, record), note.date, note.text))
    return sorted(found, key=lambda n: sort_key(n.subject))


# ---------------------------------------------------------------------------------------------
# Output


def _value_line(c: Change) -> str:
    """`old → new` with the empty side named, for one changed value."""
    before = c.old if c.old is not None else "(trống)"
    after = c.new if c.new is not None else "(trống)"
    return f"{before} → {after}"


def describe(c: Change) -> str:
    """A change in one line of plain text (without its facts or table)."""
    if c.action == CHANGED and c.table is None and (c.old is not None or c.new is not None):
        return f"{c.detail}: {_value_line(c)}"
    if c.action == ADDED:
        if c.section == FORMS_SECTION or c.detail.endswith(" mới"):
            return c.detail
        return f"thêm {c.detail}"
    if c.action == REMOVED:
        if c.section == FORMS_SECTION or c.detail.startswith("bỏ "):
            return c.detail
        return f"bỏ {c.detail}"
    return c.detail


def _markdown_table(table: Table, rows: tuple[tuple[str, ...], ...]) -> list[str]:
    md = markdown_text
    if not rows:
        return ["(không có dòng nào)"]
    lines = ["| " + " | ".join(md(c) for c in table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(md(cell) or " " for cell in row) + " |" for row in rows]
    return lines


def to_markdown(changes: list[Change], base: str, head: str, noted: Sequence[Note] = ()) -> str:
    """The review for the pull request; every value goes through `markdown_text`, so content
    cannot add, hide or restyle anything in it."""
    md = markdown_text
    lines = [f"## Thay đổi đối với người dân ({md(base)} → {md(head)})", ""]
    if noted:
        lines += ["### Ghi chú thay đổi", ""]
        lines += [f"- **{md(n.subject)}** ({date_vi(n.date)}): {md(n.text)}" for n in noted]
        lines.append("")
    if not changes:
        return "\n".join([*lines, "Không có thay đổi nào về nội dung người dân thấy.", ""])
    for title in sections():
        group = [c for c in changes if c.section == title]
        if not group:
            continue
        lines += [f"### {md(title)}", ""]
        subjects: list[str] = []
        for c in group:
            if c.subject not in subjects:
                subjects.append(c.subject)
        for name in subjects:
            mine = [c for c in group if c.subject == name]
            lines.append(f"- **{md(name)}**")
            tables = []
            for c in mine:
                if c.table is not None:
                    lines.append(f"  - {md(c.detail)}: xem bảng trước và sau bên dưới")
                    tables.append(c)
                    continue
                lines.append(f"  - {md(describe(c))}")
                lines += [f"    - {md(f'{title_}: {value}' if value else title_)}" for title_, value in c.facts]
            lines.append("")
            for c in tables:
                assert c.table is not None
                lines += [f"**{md(name)}**: {md(c.detail)}, trước:", ""]
                lines += [*_markdown_table(c.table, c.table.before), ""]
                lines += ["Sau:", ""]
                lines += [*_markdown_table(c.table, c.table.after), ""]
    return "\n".join(lines)


def to_json(changes: list[Change], noted: Sequence[Note] = ()) -> str:
    return json.dumps(
        {"notes": [{**asdict(n), "date": n.date.isoformat()} for n in noted], "changes": [asdict(c) for c in changes]},
        ensure_ascii=False,
        indent=2,
    )


def _strings(value: Any, depth: int) -> bool:
    if depth == 0:
        return isinstance(value, str)
    return isinstance(value, list) and all(_strings(v, depth - 1) for v in value)


def change_from_json(item: Any) -> Change | None:
    """A change as `asdict` wrote it (the history's cache), or None when it is not one."""
    if not isinstance(item, dict) or set(item) != {f for f in Change.__dataclass_fields__}:
        return None
    if not all(isinstance(item[k], str) for k in ("action", "section", "subject", "detail")):
        return None
    if not all(item[k] is None or isinstance(item[k], str) for k in ("old", "new")):
        return None
    if not _strings(item["facts"], 1 + 1) or any(len(pair) != 2 for pair in item["facts"]):
        return None
    table = item["table"]
    if table is not None:
        if not isinstance(table, dict) or set(table) != {"columns", "before", "after"}:
            return None
        if not (_strings(table["columns"], 1) and _strings(table["before"], 2) and _strings(table["after"], 2)):
            return None
        table = Table(tuple(table["columns"]), tuple(map(tuple, table["before"])), tuple(map(tuple, table["after"])))
    return Change(
        item["action"],
        item["section"],
        item["subject"],
        item["detail"],
        item["old"],
        item["new"],
        tuple((a, b) for a, b in item["facts"]),
        table,
    )


__all__ = [
    "ADDED",
    "CHANGED",
    "REMOVED",
    "Change",
    "Note",
    "Snapshot",
    "Table",
    "change_from_json",
    "compare",
    "describe",
    "facts",
    "notes",
    "sections",
    "show",
    "to_json",
    "to_markdown",
]
