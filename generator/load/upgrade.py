"""Keys renamed between releases: the old spelling is accepted for one release, renamed before
validation, and reported as a `deprecated-key` warning that names the new spelling.

Each model lists its renamed keys in its `renamed` class variable; this module walks a file's data
along the model's fields and applies them, so no model and no template ever sees an old spelling.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..problems import Problem
from .translate import unwrap
from .yaml_source import Path_, SourceFile


def upgrade(data: Any, model: type[BaseModel], source: SourceFile, problems: list[Problem], loc: Path_ = ()) -> None:
    """Rename old keys in `data` (read from `source` at `loc`) in place, warning at each."""
    if isinstance(data, list):
        for index, item in enumerate(data):
            upgrade(item, model, source, problems, (*loc, index))
        return
    if not isinstance(data, dict):
        return
    renamed: dict[str, str] = getattr(model, "renamed", {})
    for old, new in renamed.items():
        if old in data and new not in data:
            pos = source.key_position((*loc, old))
            data[new] = data.pop(old)
            source.written_as[(loc, new)] = old
            problems.append(
                Problem(
                    source.path,
                    pos.line,
                    pos.column,
                    "deprecated-key",
                    f"khóa `{old}` đã đổi tên thành `{new}`; hãy sửa thành `{new}:` (tên cũ sẽ không còn được"
                    " chấp nhận ở phiên bản sau)",
                )
            )
    for name, info in model.model_fields.items():
        key = info.alias or name
        inner = unwrap(info.annotation)
        if inner is not None and key in data and _has_renames(inner):
            upgrade(data[key], inner, source, problems, (*loc, key))


_HAS_RENAMES: dict[type[BaseModel], bool] = {}


def _has_renames(model: type[BaseModel]) -> bool:
    """Whether `model` or a model inside it renames keys (so most of a file is never walked)."""
    if model not in _HAS_RENAMES:
        _HAS_RENAMES[model] = False  # a model that contains itself is not renaming through itself
        _HAS_RENAMES[model] = bool(getattr(model, "renamed", None)) or any(
            (inner := unwrap(info.annotation)) is not None and _has_renames(inner)
            for info in model.model_fields.values()
        )
    return _HAS_RENAMES[model]
