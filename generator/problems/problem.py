"""One problem in one place of one content file, and how it is printed."""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import CATALOGUE, Severity


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one place of one content file."""

    file: str  # relative to the content folder, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the file as a whole
    column: int  # 1-based
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    def format_text(self, prefix: str = "") -> str:
        label = self.severity.label
        return f"{prefix}{self.file}:{self.line}:{self.column}: {self.code}: {label}: {self.message}"

    def format_github(self, prefix: str = "") -> str:
        # Workflow commands: properties escape % \r \n , :  and the message % \r \n.
        # https://docs.github.com/actions/reference/workflow-commands-for-github-actions
        def prop(value: str) -> str:
            return (
                value.replace("%", "%25")
                .replace("\r", "%0D")
                .replace("\n", "%0A")
                .replace(":", "%3A")
                .replace(",", "%2C")
            )

        def data(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        kind = self.severity.value  # error, warning, notice: GitHub's three annotation levels
        line = max(self.line, 1)
        col = max(self.column, 1)
        return (
            f"::{kind} file={prop(prefix + self.file)},line={line},col={col},"
            f"title={prop(self.code)}::{data(self.message)}"
        )

    def as_dict(self, prefix: str = "") -> dict[str, object]:
        return {
            "file": prefix + self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }
