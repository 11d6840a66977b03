"""JSON Schemas for editors' tools, generated from the models (never written by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import model as m

SCHEMAS: dict[str, type[BaseModel]] = {kind.name: kind.model for kind in m.KINDS}
LABELS = m.ALL_LABELS


def _label_enums(node: Any) -> None:
    """Add the Vietnamese label of every choice, shown by editors next to the value
    (`markdownEnumDescriptions` and `enumDescriptions`, read by VS Code's YAML support)."""
    if isinstance(node, dict):
        values = node.get("enum")
        if isinstance(values, list) and values and all(v in LABELS for v in values):
            node["enumDescriptions"] = [LABELS[v] for v in values]
            node["markdownEnumDescriptions"] = [f"**{LABELS[v]}**" for v in values]
        for value in node.values():
            _label_enums(value)
    elif isinstance(node, list):
        for value in node:
            _label_enums(value)


def schema_for(name: str) -> dict[str, object]:
    schema = SCHEMAS[name].model_json_schema(by_alias=True, mode="validation")
    _label_enums(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json", **schema}


def render(name: str) -> str:
    return json.dumps(schema_for(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = out / f"{name}.schema.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written
