"""`migrate`: split the list files of fields, agencies and laws (`fields.yaml`, `agencies.yaml`,
`legal.yaml`) into one file per record (`fields/ho-tich.yaml`, `legal/60-2014-qh13.yaml`), so two
editors adding one each never change the same file.

Each record's text is moved as written (its comments, the comment lines above it, its quoting);
only the list's indentation is taken off. The list file is removed once every record is written.
Running it again changes nothing. A list file that does not read cleanly, or whose records would
land on a file that already holds something else, is left as it is, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import model as m
from ..format import slug
from ..model.kinds import Kind


@dataclass
class Migration:
    """What `migrate` did: files written, list files removed, and list files left, with why."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def _file_name(kind: Kind, item: dict[str, object]) -> str | None:
    key = item.get(kind.key)
    if not isinstance(key, str) or not key.strip():
        return None
    name = slug(key) if kind.key == "number" else key.strip()
    return f"{name}.yaml" if name and m.ID_PATTERN.matches(name) else None


def _blank_or_comment(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def _record_texts(text: str, sequence: yaml.SequenceNode) -> list[str]:
    """The text of each item of a block list, as a file of its own: the comment lines just above
    the item and the item's lines, without the list's `- ` and indentation."""
    lines = text.splitlines()
    starts = [item.start_mark.line for item in sequence.value]
    # The comment lines right above an item (no blank line between) are the item's.
    leads = []
    for start in starts:
        first = start
        while first > 0 and lines[first - 1].lstrip().startswith("#"):
            first -= 1
        leads.append(first)
    ends = [*leads[1:], len(lines)]
    texts: list[str] = []
    for start, lead, end in zip(starts, leads, ends, strict=True):
        while end > start + 1 and _blank_or_comment(lines[end - 1]) and not lines[end - 1].startswith(" "):
            end -= 1  # blank lines and unindented comments after an item: between items, dropped
        body = lines[start:end]
        dash = body[0].index("-")
        indent = dash + 1 + len(body[0][dash + 1 :]) - len(body[0][dash + 1 :].lstrip(" "))
        out = [line.strip() for line in lines[lead:start]]
        out.append(body[0][indent:])
        out += [line[indent:] if not line[:indent].strip() else line.lstrip() for line in body[1:]]
        texts.append("\n".join(out).rstrip() + "\n")
    return texts


def _split(root: Path, kind: Kind, folder: Kind, result: Migration) -> None:
    path = root / kind.path
    if not path.is_file() or path.is_symlink():
        return
    text = path.read_text(encoding="utf-8-sig")
    try:
        document = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        result.refused.append(f"{kind.path}: không đọc được YAML ({exc}); hãy sửa lỗi (`validate`) rồi chạy lại")
        return
    key = str(kind.list_key)
    if not isinstance(data, dict) or not isinstance(data.get(key), list) or set(data) != {key}:
        result.refused.append(f"{kind.path}: tệp cần có đúng một khoá `{key}:` là một danh sách")
        return
    assert isinstance(document, yaml.MappingNode)
    sequence = next(value for name, value in document.value if name.value == key)
    if not isinstance(sequence, yaml.SequenceNode) or sequence.flow_style:
        result.refused.append(f"{kind.path}: danh sách `{key}` cần viết mỗi mục một dòng `- …`")
        return
    items = data[key]
    texts = _record_texts(text, sequence) if items else []
    header = f"# yaml-language-server: $schema=../../schemas/{folder.name}.schema.json\n"
    planned: dict[Path, str] = {}
    for item, record_text in zip(items, texts, strict=True):
        name = _file_name(kind, item) if isinstance(item, dict) else None
        if name is None:
            result.refused.append(f"{kind.path}: một mục không có `{kind.key}` hợp lệ để đặt tên tệp")
            return
        target = root / folder.path / name
        if target in planned:
            result.refused.append(f"{kind.path}: hai mục cùng tên tệp `{folder.path}/{name}` (mã trùng)")
            return
        body = header + record_text
        if target.exists() and target.read_text(encoding="utf-8") != body:
            result.refused.append(f"{kind.path}: đã có tệp `{folder.path}/{name}` với nội dung khác; hãy gộp tay")
            return
        planned[target] = body
    for target, body in planned.items():
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
            result.written.append(target)
    path.unlink()
    result.removed.append(path)


def migrate(root: Path) -> Migration:
    """Split every list file of `root` that has a folder kind (`model.kinds`)."""
    result = Migration()
    for folder in m.KINDS:
        if folder.joins:
            kind = next(k for k in m.KINDS if k.name == folder.joins)
            _split(root, kind, folder, result)
    return result
