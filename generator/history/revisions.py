"""The content as it was at git revisions: changes between two revisions (the `changes` command)
and the recent changes of the published site (the `cap-nhat/` page and its feed)."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..content import Content, load_content
from .diff import Change, compare
from .git import RevisionError, checkout, commits, extract, head


def content_at(repo: Path, revision: str, folder: str, today: dt.date, into: Path) -> Content:
    """Extract `folder` as it was at `revision` and load it."""
    content, problems = load_content(extract(repo, revision, folder, into), today)
    if content is None:
        errors = "; ".join(p.format_text(f"{folder}/") for p in problems[:5])
        raise RevisionError(f"nội dung ở phiên bản `{revision}` có lỗi: {errors}")
    return content


def changes_between(repo: Path, base: str, head_: str, folder: str, today: dt.date) -> list[Change]:
    with tempfile.TemporaryDirectory(prefix="congkhai-changes-") as tmp:
        old = content_at(repo, base, folder, today, Path(tmp) / "base")
        new = content_at(repo, head_, folder, today, Path(tmp) / "head")
        return compare(old, new)


@dataclass(frozen=True)
class Revision:
    commit: str
    date: dt.date
    subject: str
    changes: list[Change]


_CACHE: dict[tuple[str, str], list[Revision]] = {}


def recent_changes(folder: Path, today: dt.date, limit: int = 10) -> list[Revision]:
    """The last `limit` commits that touched the content, each with its changes for citizens;
    computed once per commit in a process (so `mkdocs serve` rebuilds stay fast)."""
    where, commit = checkout(folder), head(folder)
    if where is None or commit is None:
        return []
    key = (str(folder.resolve()), commit)
    if key not in _CACHE:
        revisions: list[Revision] = []
        for found in commits(folder, limit):
            if found.parent is None:
                continue  # the first commit: everything is new, nothing to summarise
            try:
                changes = changes_between(where.top, found.parent, found.sha, where.prefix, today)
            except RevisionError:
                continue  # content that did not validate at that commit
            if changes:
                revisions.append(Revision(found.sha[:10], found.date, found.subject, changes))
        _CACHE[key] = revisions
    return _CACHE[key]
