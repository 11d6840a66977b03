"""JSON Schemas for editors' tools, generated from the models (never written by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from . import models as m

SCHEMAS: dict[str, type[BaseModel]] = {
    "site": m.Site,
    "fields": m.FieldList,
    "agencies": m.AgencyList,
    "legal": m.LegalList,
    "procedure": m.Procedure,
    "fee": m.Fee,
    "commune": m.Commune,
}


def schema_for(name: str) -> dict[str, object]:
    schema = SCHEMAS[name].model_json_schema(by_alias=True, mode="validation")
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
