"""`import`: read công bố annexes and write one draft YAML file per procedure, plus the fields,
agencies, legal documents and fees they cite that the content does not have yet.

The files are written the way editors write them: the `$schema` line, keys in the model's order,
codes and numbers in quotes, long texts as `|` blocks, no anchors, NFC. A procedure already in the
content (same code) is updated: the fields the decision gives are replaced, the editor's own
additions (keywords, summary, online link, related procedures …) are kept.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import typing
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from .. import model as m
from ..authoring.sample import NoAliasDumper
from ..format import fold, slug
from ..problems import Problem
from . import parse
from .record import NOT_STATED, Draft, Registry, build, counts
from .source import SourceError, read_lines

# The fields a decision gives: replaced by a re-import. Every other field is the editor's and kept.
IMPORTED_KEYS = (
    "code",
    "name",
    "field",
    "levels",
    "decision",
    "applicants",
    "agencies",
    "submission_address",
    "receiving_hours",
    "steps",
    "channels",
    "documents",
    "document_cases",
    "document_notes",
    "dossier_sets",
    "result",
    "conditions",
    "fees_text",
    "form_names",
    "legal_basis",
    "imported",
    "needs_review",
)
# The folder of one file per record beside each list file.
_FOLDERS = {kind.joins: kind for kind in m.KINDS if kind.joins}
_CODE_LINE = re.compile(r'^code:\s*["\']?([0-9]\.[0-9]{6})', re.M)


@dataclass
class Options:
    content: Path  # the content folder the references are looked up in
    out: Path  # where the files are written (the content folder by default)
    day: dt.date
    decision: str | None = None
    level: str | None = None
    field_name: str | None = None
    codes: dict[str, str] = field(default_factory=dict)  # procedure number in the decision → code


@dataclass
class FileReport:
    """What one source file gave."""

    file: str
    drafts: list[Draft]
    outside: int  # lines before the first procedure, not placed

    @property
    def lines(self) -> int:
        return sum(d.lines for d in self.drafts) + self.outside

    @property
    def placed(self) -> int:
        return sum(d.placed for d in self.drafts)

    @property
    def review(self) -> int:
        return sum(len(d.review) for d in self.drafts)


@dataclass
class Report:
    files: list[FileReport] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # relative to `out`
    created: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)
    added: Counter[str] = field(default_factory=Counter)  # new fields, agencies, legal documents, fees

    def summary(self) -> str:
        """What the clerk reads after the import."""
        drafts = [d for f in self.files for d in f.drafts]
        lines = [
            f"Đã nhập {len(drafts)} thủ tục từ {len(self.files)} tệp: {self.created} tệp mới,"
            f" {self.updated} tệp cập nhật.",
        ]
        for report in self.files:
            share = 100 * report.placed / report.lines if report.lines else 100.0
            lines.append(
                f"  {report.file}: {len(report.drafts)} thủ tục, {report.placed}/{report.lines} dòng đã xếp vào mục"
                f" ({share:.1f}%), {report.lines - report.placed} dòng để rà soát, {report.review} mục cần rà soát"
            )
        filled = counts(drafts)
        if drafts:
            lines.append(
                "Trường đã điền: "
                + ", ".join(f"{key} {filled[key]}/{len(drafts)}" for key in _order(m.Procedure) if filled[key])
            )
        forms = {name for d in drafts for name in _form_names(d.data)}
        if forms:
            lines.append(f"Mẫu đơn, tờ khai ghi theo tên (chưa có tệp trong forms/): {len(forms)}")
        if self.added:
            names = {"fields": "lĩnh vực", "agencies": "cơ quan", "legal": "văn bản pháp luật", "fees": "khoản phí"}
            lines.append("Đã thêm: " + ", ".join(f"{n} {names[k]}" for k, n in self.added.items() if n))
        by_code = Counter(p.code for p in self.problems)
        if by_code:
            lines.append("Cảnh báo: " + ", ".join(f"{code} {n}" for code, n in sorted(by_code.items())))
        return "\n".join(lines)


def _form_names(data: Any) -> Iterable[str]:
    """Every `form_name` in a draft, at any depth (documents of every case)."""
    if isinstance(data, dict):
        if isinstance(data.get("form_name"), str):
            yield data["form_name"]
        for value in data.values():
            yield from _form_names(value)
    elif isinstance(data, list):
        for value in data:
            yield from _form_names(value)


def import_files(paths: Iterable[Path], options: Options) -> Report:
    """Import every file; problems are in the report, nothing is raised for bad input."""
    report = Report()
    registry, existing = _registry(options)
    before = {name: len(getattr(registry, f"new_{name}")) for name in ("fields", "agencies", "legal", "fees")}
    level = options.level
    drafts: list[tuple[str, Draft]] = []
    for path in paths:
        shown = path.name
        try:
            lines = read_lines(path)
        except SourceError as exc:
            report.problems.append(Problem(shown, 0, 1, "import-unreadable", str(exc)))
            continue
        found = parse.outline(lines)
        if not found.procedures:
            report.problems.append(
                Problem(
                    shown,
                    lines[0].number if lines else 0,
                    1,
                    "import-no-procedure",
                    "không tìm thấy thủ tục nào: cần các dòng như `1. Thủ tục: Đăng ký thường trú (Số hồ sơ TTHC"
                    " 1.004222)` và các mục `Trình tự thực hiện`, `Thành phần hồ sơ`…",
                )
            )
            continue
        decision = options.decision or found.decision
        file_drafts = []
        for position, raw in enumerate(found.procedures, 1):
            if options.field_name and not raw.field_name:
                raw.field_name = options.field_name
            draft = build(raw, registry, level, decision, options.day)
            # A procedure without a number in the decision is called by its place in the file.
            number = draft.number or str(position)
            if draft.code is None and number in options.codes:
                draft.data = {"code": options.codes[number], **draft.data}
            _not_stated(draft)
            draft.data["imported"] = {
                k: v
                for k, v in (
                    ("decision", decision),
                    ("number", draft.number),
                    ("file", path.name),
                    ("date", options.day),
                )
                if v
            }
            online = draft.data.get("online")
            if online and online.get("level") != "khong" and draft.code and draft.code != NOT_STATED:
                # Every procedure of the national database has its page on the national portal.
                online["url"] = (
                    f"https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc={draft.code}"
                )
            if draft.review:
                draft.data["needs_review"] = [item.as_item() for item in draft.review]
            file_drafts.append(draft)
            drafts.append((shown, draft))
            where = draft.title_line or 0
            for item in draft.review:
                report.problems.append(
                    Problem(
                        shown,
                        item.line.number or where,
                        1,
                        "needs-review",
                        f"thủ tục `{_name(draft)}`, mục {item.heading or 'không rõ'}: chưa xếp được"
                        f" `{item.line.text[:80]}`; đã ghi vào `needs_review`",
                    )
                )
            if draft.data.get("code") == NOT_STATED:
                report.problems.append(
                    Problem(
                        shown,
                        where,
                        1,
                        "import-no-code",
                        f"thủ tục `{_name(draft)}` không ghi mã thủ tục (dạng 1.004222): đã ghi `code: khong_neu` và"
                        f" `id: {draft.data.get('id')}`; tra mã trên Cổng Dịch vụ công quốc gia rồi ghi vào `code`,"
                        f" hoặc nhập lại với `--code {draft.number or 'SỐ'}=MÃ`",
                    )
                )
            for key, hint in _REQUIRED.items():
                if key not in draft.data:
                    report.problems.append(
                        Problem(shown, where, 1, "import-missing", f"thủ tục `{_name(draft)}`: chưa có `{key}`; {hint}")
                    )
        report.files.append(FileReport(shown, file_drafts, len(found.outside)))
        for line in found.outside:
            report.problems.append(
                Problem(shown, line.number, 1, "needs-review", f"dòng ngoài mọi thủ tục: `{line.text[:80]}`")
            )
    _write(drafts, registry, existing, options, report)
    for name, start in before.items():
        report.added[name] = len(getattr(registry, f"new_{name}")) - start
    return report


# The fields a record needs that the decision may not give, and what the clerk does about each.
# (A heading the decision leaves out will be written as "not stated" once the model has that value.)
# (What the decision may leave out is written `khong_neu`; these have no such value.)
_REQUIRED = {
    "name": "quyết định không có dòng tên thủ tục; ghi `name`",
    "field": "dùng `--field` với tên lĩnh vực",
    "levels": "dùng `--level` với mã cấp trong site.yaml",
    "channels": "quyết định không có mục Cách thức thực hiện; ghi `channels`",
}


# What the record states or says it does not (`khong_neu`): a heading the decision leaves out.
_STATED = ("applicants", "submission_address", "steps", "result", "legal_basis", "dossier_sets")


def _not_stated(draft: Draft) -> None:
    """Write `khong_neu` for what the decision does not state, and give a procedure without a
    published code its stable `id` (from its name)."""
    data = draft.data
    for key in _STATED:
        data.setdefault(key, NOT_STATED)
    if "documents" not in data and "document_cases" not in data:
        data["documents"] = NOT_STATED
    data.setdefault("agencies", {"executing": NOT_STATED})
    if "code" not in data and data.get("name"):
        data["code"] = NOT_STATED
        data["id"] = slug(str(data["name"]), 60).strip("-")


def _name(draft: Draft) -> str:
    return str(draft.data.get("name") or draft.data.get("code") or "?")[:60]


# ---------------------------------------------------------------------------------------------
# What the content already has


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _list(folder: Path, kind: m.Kind) -> list[dict[str, Any]]:
    """The records of a kind of fields, agencies or laws: in its list file and in its folder of
    one file per record (`python -m generator migrate`)."""
    data = _load(folder / kind.path)
    items = data.get(kind.list_key) if isinstance(data, dict) and kind.list_key else None
    found = [x for x in items if isinstance(x, dict)] if isinstance(items, list) else []
    files = _FOLDERS.get(kind.name)
    if files is not None:
        for path in sorted((folder / files.path).glob("*.yaml")):
            record = _load(path)
            if isinstance(record, dict):
                found.append(record)
    return found


def _registry(options: Options) -> tuple[Registry, dict[str, Path]]:
    folders = list(dict.fromkeys([options.content, options.out]))
    site = _load(options.content / m.kinds.SITE.path) or _load(options.out / m.kinds.SITE.path) or {}
    levels = [str(x.get("id")) for x in site.get("levels", []) if isinstance(x, dict)] if isinstance(site, dict) else []
    registry = Registry(levels=levels or ["tinh", "huyen", "xa"])
    existing: dict[str, Path] = {}
    for folder in folders:
        for item in _list(folder, m.kinds.SECTORS):
            registry.fields.setdefault(fold(str(item.get("name", ""))), str(item.get("id")))
        for item in _list(folder, m.kinds.AGENCIES):
            registry.agencies.setdefault(fold(str(item.get("name", ""))), str(item.get("id")))
            registry.agency_ids.add(str(item.get("id")))
        for item in _list(folder, m.kinds.LEGAL):
            registry.legal.add(str(item.get("number")))
        for path in sorted((folder / m.kinds.FEES.path).glob("*.yaml")):
            data = _load(path)
            if not isinstance(data, dict):
                continue
            registry.fee_ids.add(str(data.get("id")))
            for version in data.get("versions") or []:
                if isinstance(version, dict) and version.get("rule"):
                    registry.fees.setdefault(
                        (str(data.get("kind")), fold(str(version["rule"])).strip(" .;")), str(data["id"])
                    )
        for path in sorted((folder / m.kinds.PROCEDURES.path).glob("*.yaml")):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if found := _CODE_LINE.search(text):
                existing.setdefault(found.group(1), path)
    return registry, existing


# ---------------------------------------------------------------------------------------------
# Writing


def _write(
    drafts: list[tuple[str, Draft]], registry: Registry, existing: dict[str, Path], options: Options, report: Report
) -> None:
    out = options.out
    (out / m.kinds.PROCEDURES.path).mkdir(parents=True, exist_ok=True)
    used: set[Path] = set()
    for shown, draft in drafts:
        data = draft.data
        code = data.get("code")
        target = existing.get(code) if code and code != NOT_STATED else None
        if target is not None and target.resolve().is_relative_to(out.resolve()) and target.exists():
            old = _load(target)
            if not isinstance(old, dict):
                report.problems.append(
                    Problem(
                        shown,
                        draft.title_line or 0,
                        1,
                        "import-conflict",
                        f"tệp `{target.name}` đã có thủ tục `{code}` nhưng không đọc được; không ghi đè",
                    )
                )
                continue
            data = merge(old, data)
            path = target
            report.updated += 1
        else:
            stem = (
                f"{code}-{slug(str(data.get('name', '')), 60).strip('-')}"
                if code and code != NOT_STATED
                else str(data.get("id") or "chua-co-ma")
            )
            path = out / m.kinds.PROCEDURES.path / f"{stem.strip('-')}.yaml"
            n = 2
            while path in used:
                path = out / m.kinds.PROCEDURES.path / f"{stem}-{n}.yaml"
                n += 1
            report.created += 1
        used.add(path)
        path.write_text(dump(data, m.Procedure, "../../schemas/procedure.schema.json"), encoding="utf-8")
        report.written.append(path.relative_to(out).as_posix())
    for fee in registry.new_fees:
        path = out / m.kinds.FEES.path / f"{fee['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(fee, m.Fee, "../../schemas/fee.schema.json"), encoding="utf-8")
        report.written.append(path.relative_to(out).as_posix())
    for kind, entries in (
        (m.kinds.SECTORS, registry.new_fields),
        (m.kinds.AGENCIES, registry.new_agencies),
        (m.kinds.LEGAL, registry.new_legal),
    ):
        if entries:
            _append(out, kind, entries, report)


def merge(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A re-import: the decision's fields from `new`, the editor's own fields from `old`."""
    merged = dict(old)
    for key in IMPORTED_KEYS:
        if key in new:
            merged[key] = new[key]
        else:
            merged.pop(key, None)
    for key, value in new.items():
        merged.setdefault(key, value)
    return merged


def _append(out: Path, kind: m.Kind, entries: list[dict[str, Any]], report: Report) -> None:
    """Add entries: one file each in the kind's folder (`legal/60-2014-qh13.yaml`), or, where the
    content still keeps a list file and no folder, at the end of it, leaving what the editors wrote
    as it is."""
    files = _FOLDERS.get(kind.name)
    path = out / kind.path
    if files is not None and ((out / files.path).is_dir() or not path.exists()):
        for entry in entries:
            key = str(entry[kind.key])
            name = slug(key) if kind.key == "number" else key
            target = out / files.path / f"{name}.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(dump(entry, files.model, f"../../schemas/{files.name}.schema.json"), encoding="utf-8")
            report.written.append(target.relative_to(out).as_posix())
        return
    item = kind.item
    assert item is not None and kind.list_key is not None
    block = _dumps([_ordered(e, item) for e in entries])
    if path.exists():
        text = path.read_text(encoding="utf-8")
        before = _list(out, kind)
        updated = text + ("" if text.endswith("\n") else "\n") + block
        path.write_text(updated, encoding="utf-8")
        if len(_list(out, kind)) != len(before) + len(entries):
            path.write_text(text, encoding="utf-8")
            report.problems.append(
                Problem(
                    kind.path,
                    0,
                    1,
                    "import-conflict",
                    f"không thêm được vào `{kind.path}`: danh sách `{kind.list_key}` phải là khoá cuối của tệp;"
                    " hãy thêm tay: " + ", ".join(str(e.get(kind.key)) for e in entries),
                )
            )
            return
    else:
        path.write_text(
            f"# yaml-language-server: $schema=../schemas/{kind.name}.schema.json\n{kind.list_key}:\n" + block,
            encoding="utf-8",
        )
    report.written.append(path.relative_to(out).as_posix())


# ---------------------------------------------------------------------------------------------
# YAML as editors write it


def _models_in(annotation: Any) -> Iterable[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def _order(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


@functools.cache
def _fields(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    """A model's keys in order, each with the model of its value when it has one."""
    return {
        info.alias or name: next(iter(_models_in(info.annotation)), None) for name, info in model.model_fields.items()
    }


def _ordered(data: Any, model: type[BaseModel] | None) -> Any:
    """`data` with the keys of every mapping in the order of its model's fields."""
    if isinstance(data, list):
        return [_ordered(x, model) for x in data]
    if not isinstance(data, dict) or model is None:
        return data
    fields = _fields(model)
    out: dict[str, Any] = {}
    for key in [k for k in fields if k in data] + [k for k in data if k not in fields]:
        out[key] = _ordered(data[key], fields.get(key))
    return out


# libyaml's emitter when there is one: the pure-Python one took half of a large import.
# The same list twice is written twice: editors never meet an anchor.
_Dumper = NoAliasDumper


_PLAIN_NEEDS_QUOTES = re.compile(r"^[\d.:/+-]|\d.*[/.:]\d|^(?:yes|no|on|off|true|false|null|y|n|~)$", re.IGNORECASE)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    value = unicodedata.normalize("NFC", value)
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if _PLAIN_NEEDS_QUOTES.search(value) and " " not in value.strip():
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def _dumps(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False
    )


def dump(data: dict[str, Any], model: type[BaseModel], schema: str) -> str:
    """One content file: the schema line, then the record with its keys in the model's order."""
    return f"# yaml-language-server: $schema={schema}\n" + _dumps(_ordered(data, model))
