"""The base classes of every content model: strict, unknown keys forbidden, Vietnamese help.

Every model names itself in Vietnamese twice: `label` (what it is, shown as the schema's title and
in change summaries) and `help` (one or two sentences shown on hover in editors' tools). A test
fails when a model lacks either.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError


def _vietnamese_help(schema: dict[str, Any], cls: type) -> None:
    """Editors read schema titles and descriptions in their editor: the model's Vietnamese label
    and help replace the class name and the English docstring."""
    schema.pop("description", None)
    label, help_text = getattr(cls, "label", None), getattr(cls, "help", None)
    if label:
        schema["title"] = label
    if help_text:
        schema["description"] = help_text


class Model(BaseModel):
    """Base of every content model: strict types, unknown keys are errors."""

    label: ClassVar[str] = ""
    help: ClassVar[str] = ""
    # Keys renamed in this release: old spelling → new. The loader accepts the old spelling with a
    # `deprecated-key` warning (load/upgrade.py) for one release.
    renamed: ClassVar[dict[str, str]] = {}

    model_config = ConfigDict(
        extra="forbid", strict=True, str_strip_whitespace=True, json_schema_extra=_vietnamese_help
    )


class Shorthand(Model):
    """A model that may be written as a bare string, which fills its `shorthand_key` field
    (normalised before validation, so templates see one shape)."""

    shorthand_key: ClassVar[str]

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {cls.shorthand_key: data} if isinstance(data, str) else data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        full = handler(core_schema)
        return {"anyOf": [{"type": "string", "minLength": 1}, full]}


def date_range(valid_from: dt.date | None, valid_until: dt.date | None) -> None:
    """Raise `date-range` when a period ends before it starts."""
    if valid_from and valid_until and valid_until < valid_from:
        raise PydanticCustomError(
            "date-range",
            "ngày hết hiệu lực {until} trước ngày bắt đầu hiệu lực {start}",
            {"until": valid_until.strftime("%d/%m/%Y"), "start": valid_from.strftime("%d/%m/%Y")},
        )


class Validity(Model):
    """Mixin: a record in force between two dates (both optional, both inclusive)."""

    valid_from: dt.date | None = Field(None, title="Có hiệu lực từ ngày", description="Dạng YYYY-MM-DD.")
    valid_until: dt.date | None = Field(
        None, title="Hết hiệu lực sau ngày", description="Ngày cuối cùng còn hiệu lực, dạng YYYY-MM-DD."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Validity:
        date_range(self.valid_from, self.valid_until)
        return self

    def in_force(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )
