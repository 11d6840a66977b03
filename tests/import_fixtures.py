"""Real công bố excerpts (tests/data/import/*.txt, each citing its source) made into the Word
files clerks import: paragraphs, and two-column tables for the old national-database layout."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "import"
ROW = "||"  # a table row in a fixture: "|| heading || value ¶ value ||"
PARAGRAPH = " ¶ "


@dataclass(frozen=True)
class Fixture:
    """One excerpt and what the clerk tells `import` beyond the decision (the decision does not
    say the field, the level or a code, so the clerk gives them, as CONTRIBUTING.md explains)."""

    name: str
    field: str | None
    level: str | None
    codes: tuple[str, ...]  # `--code N=CODE` for procedures the excerpt gives no code
    expected: int  # procedures in the excerpt

    @property
    def text(self) -> Path:
        return DATA / f"{self.name}.txt"

    def lines(self) -> list[str]:
        """The excerpt without the suite's notes (the lines starting with `#`)."""
        return [line for line in self.text.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


# Two excerpts give no procedure code: they are imported as published (`code: khong_neu` with an
# `id` from the name), as a clerk would before looking the codes up on the national portal.
FIXTURES = (
    Fixture("cu-tru-quang-ninh", "Đăng ký, quản lý cư trú", None, (), 2),
    Fixture("lao-dong-binh-phuoc", "Việc làm", "tinh", (), 1),
    Fixture("an-toan-thuc-pham-cuc-attp", None, "tinh", (), 1),
)


def write_docx(lines: list[str], path: Path) -> Path:
    """A Word file with the lines as paragraphs; consecutive `||` rows become one table."""
    import docx

    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        table = document.add_table(rows=0, cols=2)
        for cells in rows:
            row = table.add_row()
            for cell, text in zip(row.cells, cells, strict=False):
                paragraphs = text.split(PARAGRAPH)
                cell.text = paragraphs[0]
                for extra in paragraphs[1:]:
                    cell.add_paragraph(extra)
        rows.clear()

    for line in lines:
        if line.startswith(ROW):
            rows.append([cell.strip() for cell in line.strip().strip("|").split(ROW)])
            continue
        flush()
        document.add_paragraph(line)
    flush()
    document.save(str(path))
    return path


def write_text(lines: list[str], path: Path) -> Path:
    """The excerpt as text copied from a PDF (the tables' cells one per line)."""
    out: list[str] = []
    for line in lines:
        if line.startswith(ROW):
            for cell in line.strip().strip("|").split(ROW):
                out.extend(part.strip() for part in cell.split(PARAGRAPH))
        else:
            out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path
