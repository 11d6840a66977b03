"""Dates and recent changes from the git history of the content folder (when there is one).

Outside a git checkout (a downloaded archive, synthetic content) everything here quietly returns
nothing and the pages fall back to the `last_reviewed` field.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .changes import Change, RevisionError, changes_between


def _git(folder: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def last_changed(folder: Path) -> dict[str, dt.date]:
    """The date of the last commit touching each file, by path relative to `folder`.
    One `git log` for the whole folder: cheap at any size."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    prefix = _git(folder, "rev-parse", "--show-prefix")
    if top is None or prefix is None:
        return {}
    log = _git(folder, "log", "--format=@%cs", "--name-only", "--no-renames", "--", ".")
    if not log:
        return {}
    prefix = prefix.strip()
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("@"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None and line.startswith(prefix):
            dates.setdefault(line[len(prefix) :], current)
    return dates


@dataclass(frozen=True)
class Revision:
    commit: str
    date: dt.date
    subject: str
    changes: list[Change]


def recent_changes(folder: Path, today: dt.date, limit: int = 10) -> list[Revision]:
    """The last `limit` commits that touched the content, each with its changes for citizens."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    prefix = _git(folder, "rev-parse", "--show-prefix")
    if top is None or prefix is None:
        return []
    log = _git(folder, "log", f"-{limit}", "--format=%H%x09%cs%x09%s", "--", ".")
    revisions: list[Revision] = []
    for line in (log or "").splitlines():
        commit, date, subject = line.split("\t", 2)
        parent = _git(folder, "rev-parse", "--verify", "-q", f"{commit}^")
        if parent is None:
            continue  # the first commit: everything is new, nothing to summarise
        try:
            changes = changes_between(Path(top.strip()), f"{commit}^", commit, prefix.strip().rstrip("/"), today)
        except RevisionError:
            continue  # content that did not validate at that commit
        if changes:
            revisions.append(Revision(commit[:10], dt.date.fromisoformat(date), subject, changes))
    return revisions
