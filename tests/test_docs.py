"""Docs and code in step: the error catalogue, the README's commands."""

from __future__ import annotations

from pathlib import Path

from generator.cli import build_parser
from generator.problems import CATALOGUE, catalogue_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_error_catalogue_is_generated_from_the_code() -> None:
    text = (ROOT / "ERROR_CODES.md").read_text(encoding="utf-8")
    assert text == catalogue_markdown(), "run `make codes`: ERROR_CODES.md is stale"
    for code in CATALOGUE:
        assert f"## `{code}`" in text


def test_readme_documents_the_two_commands_and_every_cli_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    for name in subparsers.choices:  # type: ignore[union-attr]
        assert f"generator {name}" in readme, f"README does not mention `{name}`"
