"""Templates only lay out what their context hands them.

Every sentence and every value a page shows is written in its context (`generator/views/`), with
`generator/format.py`; a template prints attributes, loops over lists and tests whether an
optional value is there. These tests read each template's syntax tree and fail on what belongs in
Python: filters (other than `safe` for JSON-LD), `~` string building, arithmetic, `and`/`or`,
comparisons, inline `if`, `is` tests, indexing, method calls and positional unpacking. They also
walk every page context and fail on raw content models, dicts and tuples.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from jinja2 import nodes
from pydantic import BaseModel

from generator import model as m
from generator.content import load_content
from generator.render import TEMPLATES, environment
from generator.views.site_map import site_pages

from .helpers import TODAY, write_tree

SAFE_FILTERS = {"safe"}  # the JSON-LD, which `outputs.jsonld.json_ld` makes safe inside <script>
FUNCTIONS = {"link"}  # a link relative to the page; the template's own macros are allowed too


def problems(source: str) -> list[str]:
    """What in `source` is more than layout, as `line N: what`."""
    tree = environment().parse(source)
    macros = {macro.name for macro in tree.find_all(nodes.Macro)}
    for imported in tree.find_all(nodes.FromImport):
        macros |= {name if isinstance(name, str) else name[1] for name in imported.names}
    found: list[tuple[int, str]] = []
    for node in tree.find_all(nodes.Node):
        if isinstance(node, nodes.Filter) and node.name not in SAFE_FILTERS:
            found.append((node.lineno, f"filter `| {node.name}`"))
        elif isinstance(node, nodes.Concat):
            found.append((node.lineno, "`~` string building"))
        elif isinstance(node, nodes.BinExpr):
            found.append((node.lineno, f"operator `{node.operator}`"))
        elif isinstance(node, (nodes.Neg, nodes.Pos)):
            found.append((node.lineno, f"operator `{node.operator}`"))
        elif isinstance(node, nodes.Compare):
            found.append((node.lineno, "comparison"))
        elif isinstance(node, nodes.CondExpr):
            found.append((node.lineno, "inline `if … else`"))
        elif isinstance(node, nodes.Test):
            found.append((node.lineno, f"test `is {node.name}`"))
        elif isinstance(node, (nodes.Getitem, nodes.Slice)):
            found.append((node.lineno, "indexing `[…]`"))
        elif isinstance(node, nodes.Call) and not (
            isinstance(node.node, nodes.Name) and node.node.name in FUNCTIONS | macros
        ):
            found.append((node.lineno, "call of something other than `link()` or a macro"))
        elif isinstance(node, nodes.For) and not isinstance(node.target, nodes.Name):
            found.append((node.lineno, "positional unpacking in `for`"))
    return [f"line {line}: {what}" for line, what in sorted(found)]


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_templates_only_lay_out_their_context(template: str) -> None:
    assert problems((TEMPLATES / template).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        '{{ hours | replace("-", "–") }}',
        '{{ "%02d" | format(sets) }}',
        "{{ phone | replace(' ', '') }}",
        '{{ levels | join(", ") }}',
        "{{ day | date_vi }}",
        "{% if groups | length %}x{% endif %}",
        "{{ 'Nghị định ' ~ number }}",
        "<a href=\"{{ link(urls.fees ~ '#' ~ id) }}\">",
        "{{ y + 15 }}",
        "{{ '%02d' % sets }}",
        "{{ -width }}",
        "{% if original and copy %}, {% endif %}",
        '{{ address or "" }}',
        '{% if level != "khong" %}x{% endif %}',
        '{{ label if ok else "Không còn hiệu lực" }}',
        "{% if url is defined %}x{% endif %}",
        "{{ STATUS_LABELS[status] }}",
        "{{ examples[0] }}",
        "{{ day.date.isoformat() }}",
        "{% for name, value in meta %}{{ name }}{% endfor %}",
        "{% filter upper %}x{% endfilter %}",
    ],
)
def test_the_check_finds_what_belongs_in_python(source: str) -> None:
    assert len(problems(source)) == 1, problems(source)


def test_the_check_allows_layout() -> None:
    source = (
        '{% from "_macros.html" import procedure_table with context %}'
        "{% macro row(item) %}<td>{{ item.name }}</td>{% endmacro %}"
        "{% if not ctx.rows %}—{% endif %}{{ procedure_table(ctx.rows) }}"
        '{% for group in ctx.groups %}<a href="{{ link(group.url) }}" id="{{ group.anchor }}-h">{{ group.title }}</a>'
        "{{ row(group) }}{% if not loop.last %}; {% endif %}{% else %}Không có{% endfor %}"
        "{% if ctx.note %} ({{ ctx.note }}){% endif %}{{ ctx.ld | safe }}"
    )
    assert problems(source) == []


def _loose_values(value: object, where: str) -> list[str]:
    """Values in a context that are not typed view objects: content models, dicts, tuples, sets."""
    if isinstance(value, (str, int, float, dt.date)) or value is None:  # bool is an int
        return []
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _loose_values(item, f"{where}[{i}]")]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            found
            for field in dataclasses.fields(value)
            for found in _loose_values(getattr(value, field.name), f"{where}.{field.name}")
        ]
    kind = "content model" if isinstance(value, BaseModel) else type(value).__name__
    return [f"{where}: {kind}"]


def test_contexts_hold_only_view_objects(tmp_path: Path) -> None:
    content, problems_found = load_content(write_tree(tmp_path), TODAY)
    assert content is not None, problems_found
    specs = site_pages(content)
    assert {type(spec.context).__name__ for spec in specs} >= {"ProcedurePage", "CommunePage", "FeeTablePage"}
    loose = [found for spec in specs for found in _loose_values(spec.context, spec.url or "home")]
    assert loose == []


def test_the_context_walk_finds_loose_values() -> None:
    @dataclasses.dataclass(frozen=True)
    class Row:
        pair: tuple[str, int]
        labels: dict[str, str]

    @dataclasses.dataclass(frozen=True)
    class Page:
        rows: list[Row]
        level: BaseModel

    page = Page([Row(("a", 1), {"a": "b"})], m.Level(id="xa", name="Cấp xã"))
    assert _loose_values(page, "p") == ["p.rows[0].pair: tuple", "p.rows[0].labels: dict", "p.level: content model"]
