"""The layout stays true: every module under generator/ is in ARCHITECTURE.md's pipeline order,
imports only modules listed before it (at module level or inside functions, relative or absolute),
and no import cycle exists."""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"
NAME = "generator"
# The package itself is the entry point of `python -m generator`: its `__init__` holds only a
# docstring and its `__main__` may call anything.
FIRST, LAST = NAME, f"{NAME}.__main__"


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name
    imported: str
    file: str  # relative to the repository
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.importer} imports {self.imported}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    """Every module under generator/, by dotted name (a package by its `__init__`)."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def listed_order(text: str, known: dict[str, Path]) -> list[list[str]]:
    """The modules of each line of the import-order list, in order. A line names a module
    (`` `format` ``) or a package (`` `model/` ``) followed by its modules: the names in backticks
    that are modules of that package, in the order they appear (other backticked words, such as
    class names, are ignored)."""
    block = re.search(r"<!-- import-order.*?-->(.*?)<!-- /import-order -->", text, re.S)
    assert block, "ARCHITECTURE.md has no <!-- import-order --> … <!-- /import-order --> list"
    items = re.split(r"^\d+\.\s+", block.group(1), flags=re.M)[1:]
    order: list[list[str]] = []
    for item in items:
        names = re.findall(r"`([^`]+)`", item)
        assert names, f"an item of the import-order list names no module: {item.strip()[:60]!r}"
        head = names[0]
        if head.endswith("/"):
            package = f"{NAME}.{head.rstrip('/').replace('/', '.')}"
            members = [f"{package}.{n}" for n in names[1:] if f"{package}.{n}" in known]
            order.append(list(dict.fromkeys(members)) or [package])
        else:
            order.append([f"{NAME}.{head}"])
    return order


def ranks(order: list[list[str]], known: dict[str, Path]) -> dict[str, tuple[int, int]]:
    """The position of every module in the list as (first, last): a plain module has one place;
    a package's `__init__` spans all its modules (importing it imports them all)."""
    flat = [name for item in order for name in item]
    place: dict[str, tuple[int, int]] = {name: (i, i) for i, name in enumerate(flat)}
    for name in known:
        members = [i for i, other in enumerate(flat) if other.startswith(f"{name}.")]
        if members:
            place[name] = (min(members), max(members))
    place[FIRST] = (-1, -1)
    place[LAST] = (len(flat), len(flat))
    return place


def imports_of(name: str, path: Path, known: dict[str, Path]) -> list[Import]:
    """Every import of a generator module in the file, wherever it is (module level, inside a
    function, under `if TYPE_CHECKING`), resolved to the module it loads: `from . import x` loads
    the module `x` if there is one, else the package."""
    is_package = path.name == "__init__.py"
    here = name if is_package else name.rpartition(".")[0]
    rel = path.relative_to(ROOT).as_posix()
    found: list[Import] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), rel)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in known else source for a in node.names]
        for target in targets:
            # `import generator.model.kinds` loads that module; anything outside generator is free.
            while target not in known and "." in target:
                target = target.rpartition(".")[0]
            if target in known and target.split(".")[0] == NAME:
                found.append(Import(name, target, rel, node.lineno))
    return found


@functools.cache
def graph() -> tuple[dict[str, Path], list[list[str]], list[Import]]:
    """The modules, the list's order and every import between modules."""
    known = modules()
    order = listed_order((ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8"), known)
    edges = [edge for name, path in known.items() for edge in imports_of(name, path, known)]
    return known, order, edges


def inside(module: str, package: str) -> bool:
    return module.startswith(f"{package}.")


def test_every_module_is_in_the_list() -> None:
    known, order, _ = graph()
    listed = [name for item in order for name in item]
    assert [n for n in listed if n not in known] == [], "ARCHITECTURE.md lists modules that do not exist"
    assert len(listed) == len(set(listed)), "ARCHITECTURE.md lists a module twice"
    packages = {name for name, path in known.items() if path.name == "__init__.py"}
    missing = [n for n in known if n not in listed and n not in packages and n not in (FIRST, LAST)]
    assert missing == [], f"modules missing from ARCHITECTURE.md's import-order list: {missing}"


def test_imports_point_only_to_modules_listed_before() -> None:
    known, order, edges = graph()
    place = ranks(order, known)
    wrong = []
    for edge in edges:
        if known[edge.importer].name == "__init__.py" and inside(edge.imported, edge.importer):
            continue  # a package's __init__ may gather its own modules
        if place[edge.imported][1] >= place[edge.importer][0]:
            wrong.append(f"{edge} (listed at or after it in ARCHITECTURE.md)")
    assert wrong == [], "\n".join(wrong)


def test_no_import_cycle() -> None:
    _, _, edges = graph()
    out: dict[str, list[Import]] = {}
    for edge in edges:
        out.setdefault(edge.importer, []).append(edge)
    cycles: list[str] = []
    done: set[str] = set()

    def visit(name: str, path: list[Import], on_path: set[str]) -> None:
        for edge in out.get(name, []):
            if edge.imported in on_path:
                start = next((i for i, e in enumerate(path) if e.importer == edge.imported), len(path))
                cycles.append("\n  ".join(str(e) for e in [*path[start:], edge]))
            elif edge.imported not in done:
                visit(edge.imported, [*path, edge], on_path | {edge.imported})
        done.add(name)

    for name in sorted(out):
        if name not in done:
            visit(name, [], {name})
    assert cycles == [], "import cycles:\n  " + "\n\n  ".join(cycles)
