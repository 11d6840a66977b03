"""Docs and code in step: the error catalogue, the commands, the module map, and the Vietnamese
help editors see on hover for every content model."""

from __future__ import annotations

import re
import typing
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from generator import model as m
from generator.authoring.schema import schema_for
from generator.cli import build_parser
from generator.format import fold
from generator.problems import CATALOGUE, catalogue_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_error_catalogue_is_generated_from_the_code() -> None:
    text = (ROOT / "ERROR_CODES.md").read_text(encoding="utf-8")
    assert text == catalogue_markdown(), "run `make codes`: ERROR_CODES.md is stale"
    for code in CATALOGUE:
        assert f"## `{code}`" in text


def test_readme_documents_the_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme
    assert "make test-fast" in readme  # the edit loop


def test_every_cli_command_is_documented() -> None:
    docs = "\n".join((ROOT / name).read_text(encoding="utf-8") for name in ("README.md", "CONTRIBUTING.md"))
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    missing = [name for name in subparsers.choices if not re.search(rf"-m generator {name}\b", docs)]  # type: ignore[union-attr]
    assert missing == [], f"README.md and CONTRIBUTING.md never show `python -m generator {missing[0]}`"


def test_architecture_names_every_module() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([^`]+)`", text))
    missing = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        if path.stem in ("__init__", "__main__"):
            if path.parent != ROOT / "generator" and f"{path.parent.name}/" not in named:
                missing.append(f"{path.parent.name}/")
        elif path.stem not in named:
            missing.append(path.relative_to(ROOT).as_posix())
    assert missing == [], f"ARCHITECTURE.md does not name {sorted(set(missing))}"


# ---------------------------------------------------------------------------------------------
# Hover help in editors' tools


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models(arg)


def content_models() -> list[type[BaseModel]]:
    """Every pydantic model reachable from the registry of content file kinds."""
    found: dict[type[BaseModel], None] = {}
    todo: list[type[BaseModel]] = [kind.model for kind in m.KINDS]
    while todo:
        model = todo.pop()
        if model not in found:
            found[model] = None
            todo += [sub for field in model.model_fields.values() for sub in _models(field.annotation)]
    return list(found)


def is_vietnamese(text: str) -> bool:
    """NFC text with at least one Vietnamese letter that folds (đ, ă, ê, a tone mark…): an English
    word or a class name has none."""
    return unicodedata.is_normalized("NFC", text) and fold(text) != text.lower()


@pytest.mark.parametrize("model", content_models(), ids=lambda model: model.__name__)
def test_every_content_model_has_a_vietnamese_label_and_help(model: type[BaseModel]) -> None:
    label, help_text = getattr(model, "label", ""), getattr(model, "help", "")
    assert is_vietnamese(label), f"{model.__name__} has no Vietnamese `label` (found {label!r})"
    assert is_vietnamese(help_text), f"{model.__name__} has no Vietnamese `help` (found {help_text!r})"


def _objects(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object definition in a JSON Schema, with where it is (`$defs/Tier`, …)."""
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            yield where, node
        for key, value in node.items():
            yield from _objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, f"{where}/{index}")


@pytest.mark.parametrize("kind", m.KINDS, ids=lambda kind: kind.name)
def test_every_object_of_the_schema_has_a_title_and_description(kind: m.Kind) -> None:
    lacking = [
        where
        for where, node in _objects(schema_for(kind.name), kind.model.__name__)
        if not (is_vietnamese(node.get("title", "")) and is_vietnamese(node.get("description", "")))
    ]
    assert lacking == [], f"{kind.name}.schema.json: objects without a Vietnamese title and description: {lacking}"
