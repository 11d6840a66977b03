"""The text of a công bố annex, as numbered lines: a Word file (`.docx`, read with python-docx:
paragraphs and table cells in reading order) or plain text copied from a PDF (`.txt`)."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..format import nfc

MAX_SOURCE_BYTES = 50 * 1024 * 1024  # a decision with a thousand procedures is a few MB


@dataclass(frozen=True)
class Line:
    """One paragraph of the source: its number (1-based, as the clerk finds it again: the line
    of a text file, the paragraph of a Word file counting table cells) and its text."""

    number: int
    text: str


class SourceError(Exception):
    """The file cannot be read as a công bố annex; the message says why, in Vietnamese."""


# Characters copied from PDFs and Word that are layout, not text.
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str) -> str:
    """NFC, one kind of space, no invisible or control characters, no spaces at the ends."""
    text = _INVISIBLE.sub("", _SPACES.sub(" ", unicodedata.normalize("NFC", text)))
    return re.sub(r" {2,}", " ", text).strip()


def read_lines(path: Path) -> list[Line]:
    """The non-empty lines of a source file, cleaned."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(f"không mở được tệp: {exc.strerror or exc}") from None
    if not path.is_file():
        raise SourceError("không phải là một tệp thông thường")
    if size > MAX_SOURCE_BYTES:
        raise SourceError(f"tệp nặng {size // (1024 * 1024)} MB, quá giới hạn {MAX_SOURCE_BYTES // (1024 * 1024)} MB")
    if path.suffix.lower() == ".docx":
        raw = list(_docx_paragraphs(path))
    elif path.suffix.lower() in (".txt", ".text", ".md"):
        raw = _text_lines(path)
    else:
        raise SourceError(f"cần tệp .docx hoặc .txt, nhận được `{path.suffix or path.name}`")
    return [Line(number, text) for number, line in enumerate(raw, 1) if (text := clean(line))]


def _text_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        return nfc(text).splitlines()
    raise SourceError("tệp văn bản không phải UTF-8; hãy lưu lại với bảng mã UTF-8")


def _docx_paragraphs(path: Path) -> Iterator[str]:
    # python-docx is imported here so that the rest of the generator does not need it loaded.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(f"không đọc được tệp Word (.docx): {exc}") from None
    body = document.element.body
    yield from _blocks(document, body)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's text: its runs' text, tabs and line breaks (what python-docx's
    `Paragraph.text` gives, read in one pass over the XML instead of one XPath query per run)."""
    parts = []
    for node in paragraph.iter(*_TEXT):
        fixed = _TEXT[node.tag]
        parts.append(node.text or "" if fixed is None else fixed)
    return "".join(parts)


def _blocks(document: Any, parent: Any) -> Iterator[str]:
    """Paragraphs, and the cells of tables row by row, in the order they are in the file."""
    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            yield _paragraph_text(child)
        elif child.tag == f"{_W}tbl":
            for row in child.iterchildren(f"{_W}tr"):
                # Cells merged across rows (vMerge) repeat nothing in the XML: each cell is read once.
                for cell in row.iterchildren(f"{_W}tc"):
                    yield from _blocks(document, cell)
        elif child.tag == f"{_W}sdt":
            # Content controls (forms filled in Word) hold ordinary paragraphs.
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from _blocks(document, content)
