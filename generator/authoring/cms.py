"""The editors' interface at `/quan-tri/` (Decap CMS): its `config.yml` and the description of
each file kind its YAML format reads and writes (`formats.json`), generated from the models like
the JSON Schemas (`python -m generator cms`).

One collection per content kind (`model.kinds`), each field with the model's Vietnamese title and
description, choices with their labels from `model.vocabulary`, references to other records as
relation widgets, dates as date pickers, forms as a file widget. Changes go through Decap's
editorial workflow: each becomes a pull request, so every existing check applies.

Decap's own YAML format is not used: it turns dates into timestamps, cannot read a shorthand (a
bare string where the model also takes an object) and rewrites a whole file. `cms/congkhai-cms.js`
registers one format per kind instead, driven by `formats(…)`: shorthands are opened as objects,
a saved file keeps its comments, quotes, layout and key order wherever its values did not
change, and never holds an anchor.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin
from urllib.parse import urlsplit

import yaml
from annotated_types import Ge, Le
from pydantic import AfterValidator
from pydantic.fields import FieldInfo

from .. import model as m
from ..model import types as t

CONFIG_FILE = "config.yml"  # under /quan-tri/ and in cms/ (the checked-in copy)
FORMATS_FILE = "formats.json"
# What the build copies to /quan-tri/ from cms/node_modules (`npm ci` in cms/, pinned there).
DECAP_DIST = "node_modules/decap-cms/dist"
DECAP_BUNDLE = "decap-cms.js"
DECAP_SUFFIXES = ("decap-cms.js", ".wasm", "LICENSE.txt")  # the bundle, its chunks, its WebAssembly
YAML_DIST = "node_modules/yaml/browser/dist"

# References from a field to the records of another kind: (model, field) → the kind referred to.
# Levels are not a kind of their own: they are listed in site.yaml.
LEVELS = "levels"
RELATIONS: dict[tuple[type[m.Model], str], str] = {
    (m.Procedure, "field"): "fields",
    (m.Procedure, "levels"): LEVELS,
    (m.Procedure, "related"): "procedure",
    (m.Agencies, "executing"): "agencies",
    (m.Agencies, "deciding"): "agencies",
    (m.Agencies, "delegated"): "agencies",
    (m.Agencies, "coordinating"): "agencies",
    (m.FeeRef, "fee"): "fee",
    (m.LegalCitation, "doc"): "legal",
    (m.Agency, "level"): LEVELS,
    (m.Agency, "replaced_by"): "agencies",
    (m.Authority, "level"): LEVELS,
    (m.Site, "featured"): "procedure",
    (m.Commune, "merged_into"): "commune",
    (m.SectorCounts, "field"): "fields",
    (m.CommuneCounts, "commune"): "commune",
}
# Fields the interface does not show: a single allowed value, written by no one.
HIDDEN: set[tuple[type[m.Model], str]] = {(m.Site, "language")}

# What the sidebar shows of a record, and the field its new file is named after.
SUMMARY = {"procedure": "{{code}} – {{name}}", "stats": "{{period}}"}
IDENTIFIER = {"procedure": "name", "fee": "name", "commune": "name", "stats": "period"}
SLUG = {"procedure": "{{code}}-{{name}}"}

_DATE_WIDGET = {
    "widget": "datetime",
    "format": "YYYY-MM-DD",  # what the file holds: a YAML date, read as a date by the loader
    "date_format": "DD/MM/YYYY",  # what the clerk sees and types
    "time_format": False,
    "picker_utc": True,  # a date, not an instant: no time zone may move it by a day
}


def _unwrap(annotation: Any) -> tuple[Any, list[Any], bool]:
    """The type below `Annotated` and `| None`, the metadata met on the way, and whether None is
    allowed."""
    metadata: list[Any] = []
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            metadata.extend(extra)
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            annotation = _one_form(args)
        else:
            return annotation, metadata, optional


def _one_form(args: list[Any]) -> Any:
    """The form a field of several forms is edited in: Decap has no widget for "this or that".
    `khong_neu` (not stated) is left out: a record holding it keeps it (the format writes back what
    the form did not change), and the web editor writes it. A list is preferred to a single entry
    (a list of one says the same), a plain value to a block."""
    forms = [a for a in args if a != m.NotStated]
    if len(forms) == 1:
        return forms[0]
    lists = [a for a in forms if get_origin(_bare(a)) is list]
    plain = [a for a in forms if not (isinstance(_bare(a), type) and issubclass(_bare(a), m.Model))]
    return (lists or plain or forms)[0]


def _bare(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _states(info: FieldInfo) -> bool:
    """Whether the field may be written `khong_neu` (not stated)."""
    return "khong_neu" in repr(info.annotation)


def _multi_line(metadata: list[Any]) -> bool:
    return any(isinstance(x, AfterValidator) and x.func is t._multi_line for x in metadata)


def _pattern(metadata: list[Any]) -> str | None:
    for item in metadata:
        pattern = getattr(item, "pattern", None)
        if isinstance(pattern, str):
            return pattern
    return None


def _bounds(metadata: list[Any]) -> dict[str, int]:
    bounds: dict[str, int] = {}
    for item in metadata:
        if isinstance(item, Ge):
            bounds["min"] = int(item.ge)  # type: ignore[call-overload]
        elif isinstance(item, Le):
            bounds["max"] = int(item.le)  # type: ignore[call-overload]
    return bounds


def editable_kinds() -> list[m.Kind]:
    """The kinds the interface edits: fields, agencies and laws one file each (a new record is a
    new file, so two clerks never touch the same one); the older list files they join are left
    to `python -m generator migrate`."""
    joined = {kind.joins for kind in m.KINDS if kind.joins}
    return [kind for kind in m.KINDS if kind.name not in joined]


def _kind(name: str) -> m.Kind:
    """The kind whose records a reference to `name` names (the folder that joins a list file)."""
    return next(k for k in m.KINDS if k.joins == name or (k.name == name and k in editable_kinds()))


def _relation(target: str, multiple: bool) -> dict[str, Any]:
    """A relation widget offering the ids of existing records of kind `target`."""
    if target == LEVELS:
        widget = {"collection": "site", "file": "site", "value_field": "levels.*.id"}
        shown = ["levels.*.name"]
        search = ["levels.*.id", "levels.*.name"]
    else:
        kind = _kind(target)
        fields = kind.record.model_fields
        named = [name for name in ("name", "title") if name in fields][:1]
        prefix = "" if kind.is_folder else f"{kind.list_key}.*."
        widget = {"collection": kind.name}
        if not kind.is_folder:
            widget["file"] = kind.name
        widget["value_field"] = prefix + kind.key
        search = [prefix + kind.key] + [prefix + n for n in named]
        shown = search
    return {
        "widget": "relation",
        **widget,
        "search_fields": search,
        "display_fields": shown,
        "options_length": 5000,  # every record, not Decap's first 20
        **({"multiple": True} if multiple else {}),
    }


def _value_widget(
    annotation: Any, metadata: list[Any], owner: type[m.Model], name: str, optional: bool = False
) -> dict[str, Any]:
    """The widget of one value (a field, or the item of a list of values)."""
    target = RELATIONS.get((owner, name))
    if target is not None:
        return _relation(target, multiple=False)
    if (owner, name) == (m.Form, "file"):
        # Uploaded into content/forms/ on the same pull request; the value is the file's name.
        return {"widget": "file", "choose_url": False}
    if get_origin(annotation) is Literal:
        choices = get_args(annotation)
        if all(isinstance(c, bool) for c in choices):  # `Literal[True]`: a flag that is set or absent
            return {"widget": "boolean"}
        return {
            "widget": "select",
            "options": [{"label": m.ALL_LABELS.get(str(c), str(c)), "value": c} for c in choices],
        }
    if isinstance(annotation, type) and issubclass(annotation, m.Model):
        return {"widget": "object", "fields": fields_of(annotation, optional), "collapsed": False}
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is dt.date:
        return dict(_DATE_WIDGET)
    if annotation is int:
        bounds = _bounds(metadata)
        if "max" not in bounds:
            bounds.setdefault("min", 0)
        return {"widget": "number", "value_type": "int", **bounds}
    if annotation is float:
        return {"widget": "number", "value_type": "float", "min": 0}
    widget: dict[str, Any] = {"widget": "text" if _multi_line(metadata) else "string"}
    pattern = _pattern(metadata)
    if pattern is not None:
        known = m.PATTERNS.get(pattern)
        widget["pattern"] = [pattern, known.help if known else f"Cần đúng dạng {pattern}"]
    return widget


def field_widget(owner: type[m.Model], name: str, info: FieldInfo, within_optional: bool = False) -> dict[str, Any]:
    """Decap's description of one field of a model. Inside an optional block nothing is required:
    Decap would demand the fields of a block the record does not have (the checks of the pull
    request still apply to a block that is there)."""
    key = info.alias or name
    annotation, metadata, optional = _unwrap(info.annotation)
    metadata = [*info.metadata, *metadata]
    result: dict[str, Any] = {"name": key, "label": info.title or key}
    if (owner, name) in HIDDEN:
        return {**result, "widget": "hidden", "default": info.default}
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        item, item_metadata, _ = _unwrap(item)
        target = RELATIONS.get((owner, name))
        if target is not None:
            result.update(_relation(target, multiple=True))
        elif get_origin(item) is Literal:
            result.update(_value_widget(item, item_metadata, owner, name), multiple=True)
        elif isinstance(item, type) and issubclass(item, m.Model):
            result.update(widget="list", fields=fields_of(item), collapsed=True, summary=_list_summary(item))
            result["label_singular"] = item.label
        else:
            # A list of plain values: one `field` (singular), so each value is its own box and a
            # comma inside a value stays in it.
            inner = _value_widget(item, item_metadata, owner, name)
            result.update(widget="list", field={"name": "value", "label": info.title or key, **inner})
        if info.is_required() and not within_optional:
            result["min"] = max(1, _min_length(info))
    else:
        block_optional = within_optional or optional or not info.is_required()
        result.update(_value_widget(annotation, metadata, owner, name, block_optional))
        if _states(info):
            # Decap checks a number's bounds and a text's pattern against whatever the field
            # holds: `khong_neu` would fail them and block saving a record that says it. The
            # checks of the pull request still apply.
            for check in ("min", "max", "pattern"):
                result.pop(check, None)
    if info.description:
        result["hint"] = info.description
    elif isinstance(annotation, type) and issubclass(annotation, m.Model) and annotation.help:
        result["hint"] = annotation.help
    required = info.is_required() and not optional and not within_optional
    if not required:
        result["required"] = False
    default = info.get_default(call_default_factory=False)
    if not info.is_required() and isinstance(default, str | int) and not isinstance(default, bool):
        result["default"] = default
    return result


def _min_length(info: FieldInfo) -> int:
    return max((int(x.min_length) for x in info.metadata if hasattr(x, "min_length")), default=1)


def _list_summary(item: type[m.Model]) -> str:
    """What a collapsed list item shows: its first one or two text fields."""
    names: list[str] = [
        n
        for n in ("person", "name", "title", "who", "reason", "mode", "group", "doc", "text", "morning")
        if n in item.model_fields
    ]
    if "valid_from" in item.model_fields and item is not m.DutyShift:
        names.append("valid_from")
    return " – ".join(f"{{{{fields.{n}}}}}" for n in names[:2]) or item.label


# Models being laid out, outermost first: a model that holds itself (a case of documents with its
# sub-cases) is offered to a depth of `_NESTING`; Decap's widgets cannot recurse, and deeper
# levels, which the format keeps untouched in the file, are edited in the file itself.
_OPEN: list[type[m.Model]] = []
_NESTING = 2


def fields_of(model: type[m.Model], within_optional: bool = False) -> list[dict[str, Any]]:
    """Every field of `model`, in the model's order, except that a validity period (the model's
    first fields) comes last: a clerk fills in what a record says before when it applies. (The
    format writes keys in the model's order regardless.)"""
    names = list(model.model_fields)
    if issubclass(model, m.Validity):
        names = [n for n in names if n not in m.Validity.model_fields] + list(m.Validity.model_fields)
    _OPEN.append(model)
    try:
        return [
            field_widget(model, name, model.model_fields[name], within_optional)
            for name in names
            if not _too_deep(model.model_fields[name])
        ]
    finally:
        _OPEN.pop()


def _too_deep(info: FieldInfo) -> bool:
    annotation, _, _ = _unwrap(info.annotation)
    if get_origin(annotation) is list:
        annotation, _, _ = _unwrap(get_args(annotation)[0])
    return isinstance(annotation, type) and _OPEN.count(annotation) >= _NESTING


def _record_summary(kind: m.Kind) -> str:
    """What a collection's list shows of a record: its name, else its key and title (a law)."""
    fields = kind.record.model_fields
    if "name" in fields:
        return "{{name}}"
    return f"{{{{{kind.key}}}}}" + (" – {{title}}" if "title" in fields else "")


def _content_folder(site: m.Site | None) -> str:
    return site.repository.folder if site and site.repository else "content"


def collections(site: m.Site | None = None) -> list[dict[str, Any]]:
    """One collection per content kind."""
    folder = _content_folder(site)
    result = []
    for kind in editable_kinds():
        common: dict[str, Any] = {
            "name": kind.name,
            "label": kind.model.label,
            "label_singular": kind.record.label,
            "description": kind.model.help,
            "extension": "yaml",
            "format": f"congkhai-{kind.name}",
        }
        if kind.is_folder:
            entry = {
                **common,
                "folder": f"{folder}/{kind.path}",
                "create": True,
                "identifier_field": IDENTIFIER.get(kind.name, kind.key),
                "slug": SLUG.get(kind.name, f"{{{{{kind.key}}}}}"),
                "summary": SUMMARY.get(kind.name, _record_summary(kind)),
                "sortable_fields": [kind.key, *(["name"] if "name" in kind.model.model_fields else [])],
                "fields": fields_of(kind.model),
            }
        else:
            entry = {
                **common,
                "files": [
                    {
                        "name": kind.name,
                        "label": kind.model.label,
                        "file": f"{folder}/{kind.path}",
                        "fields": fields_of(kind.model),
                    }
                ],
            }
        result.append(entry)
    return result


def config(site: m.Site | None = None) -> dict[str, Any]:
    """The whole `config.yml`: the GitHub backend of `site.yaml`'s repository (none in the
    checked-in copy, which is made from the models alone)."""
    backend: dict[str, Any] = {
        "name": "github",
        "branch": site.repository.branch if site and site.repository else "main",
        "commit_messages": {
            "create": "Thêm {{collection}} “{{slug}}”",
            "update": "Sửa {{collection}} “{{slug}}”",
            "delete": "Xoá {{collection}} “{{slug}}”",
            "uploadMedia": "Tải lên biểu mẫu “{{path}}”",
            "deleteMedia": "Xoá biểu mẫu “{{path}}”",
            "openAuthoring": "{{message}}",
        },
    }
    if site and site.repository:
        backend["repo"] = site.repository.name
        if site.repository.oauth_url:
            # Decap asks `base_url` + `auth_endpoint` for the OAuth app's sign-in (a popup).
            parts = urlsplit(site.repository.oauth_url)
            backend["base_url"] = f"{parts.scheme}://{parts.netloc}"
            backend["auth_endpoint"] = parts.path.strip("/") or "auth"
    result: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "locale": "vi",
        "media_folder": f"{_content_folder(site)}/{m.FORMS_FOLDER}",
        "public_folder": "",  # a form is named by its file name under forms/
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        # Decap's side pane shows the raw values, not the page: the preview is the pull request's
        # own (its check builds the site), so the form gets the whole width.
        "editor": {"preview": False},
    }
    if site is not None:
        result["site_url"] = site.base_url
        result["display_url"] = site.base_url
    result["collections"] = collections(site)
    return result


def render(site: m.Site | None = None) -> str:
    header = (
        "# Cấu hình trang quản trị /quan-tri/ (Decap CMS), sinh từ các mô hình: đừng sửa tay.\n"
        "# Chạy `python -m generator cms --out cms/config.yml` sau khi đổi mô hình. Khi xây dựng trang,\n"
        "# kho và nhánh lấy từ `repository` trong site.yaml.\n"
    )
    return header + yaml.safe_dump(config(site), allow_unicode=True, sort_keys=False, width=120)


def _walk(model: type[m.Model], path: str, order: dict[str, list[str]], shorthand: dict[str, str]) -> None:
    order[path] = [info.alias or name for name, info in model.model_fields.items()]
    if issubclass(model, m.Shorthand):
        shorthand[path] = model.shorthand_key
    for name, info in model.model_fields.items():
        annotation, _, _ = _unwrap(info.annotation)
        key = info.alias or name
        below = f"{path}.{key}" if path else key
        if get_origin(annotation) is list:
            annotation, _, _ = _unwrap(get_args(annotation)[0])
            below += ".*"
        if isinstance(annotation, type) and issubclass(annotation, m.Model) and path.count(".*") < 8:
            _walk(annotation, below, order, shorthand)


def formats() -> dict[str, Any]:
    """For each kind, what `congkhai-cms.js` needs to read and write its files: the record's key,
    the key order of every block (by path, `*` for list items), the shorthands (path → the key a
    bare string fills) and the first comment line of a new file."""
    result: dict[str, Any] = {}
    for kind in m.KINDS:
        order: dict[str, list[str]] = {}
        shorthand: dict[str, str] = {}
        _walk(kind.model, "", order, shorthand)
        up = "../" * (kind.path.count("/") + (2 if kind.is_folder else 1))
        result[kind.name] = {
            "key": kind.key if kind.is_folder else None,
            "order": order,
            "shorthand": shorthand,
            "header": f"# yaml-language-server: $schema={up}schemas/{kind.name}.schema.json",
        }
    return result


def render_formats() -> str:
    return json.dumps(formats(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_cms(out: Path) -> list[Path]:
    """The checked-in copies, made from the models alone (`python -m generator cms`)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in ((CONFIG_FILE, render()), (FORMATS_FILE, render_formats())):
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
