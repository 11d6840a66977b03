"""The only place that runs git: dates and subjects of commits, and files as they were.

Outside a git checkout (a downloaded archive, synthetic content) every function here quietly
returns nothing, and the pages fall back to the `last_reviewed` field.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path


class RevisionError(RuntimeError):
    pass


def run(folder: Path, *args: str) -> str | None:
    """`git -C folder args…`: its output, or None when git fails or is missing."""
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


@dataclass(frozen=True)
class Checkout:
    """Where a content folder sits in its repository."""

    top: Path  # the repository's work tree
    prefix: str  # the content folder relative to `top`, without a trailing slash ("content")


def checkout(folder: Path) -> Checkout | None:
    top = run(folder, "rev-parse", "--show-toplevel")
    prefix = run(folder, "rev-parse", "--show-prefix")
    if top is None or prefix is None:
        return None
    return Checkout(Path(top.strip()), prefix.strip().rstrip("/"))


def head(folder: Path) -> str | None:
    commit = run(folder, "rev-parse", "HEAD")
    return commit.strip() if commit else None


def last_changed(folder: Path) -> dict[str, dt.date]:
    """The date of the last commit touching each file, by path relative to `folder`.
    One `git log` for the whole folder: cheap at any size."""
    where = checkout(folder)
    if where is None:
        return {}
    log = run(folder, "log", "--format=@%cs", "--name-only", "--no-renames", "--", ".")
    if not log:
        return {}
    prefix = where.prefix + "/" if where.prefix else ""
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("@"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None and line.startswith(prefix):
            dates.setdefault(line[len(prefix) :], current)
    return dates


@dataclass(frozen=True)
class Commit:
    sha: str
    date: dt.date
    subject: str
    parent: str | None


def commits(folder: Path, limit: int) -> list[Commit]:
    """The last `limit` commits that touched `folder`, newest first."""
    log = run(folder, "log", f"-{limit}", "--format=%H%x09%P%x09%cs%x09%s", "--", ".")
    found = []
    for line in (log or "").splitlines():
        sha, parents, date, subject = line.split("\t", 3)
        found.append(Commit(sha, dt.date.fromisoformat(date), subject, parents.split()[0] if parents else None))
    return found


def extract(repo: Path, revision: str, folder: str, into: Path) -> Path:
    """Write `folder` as it was at `revision` under `into`; returns where it is."""
    result = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", revision, "--", folder],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise RevisionError(
            f"không đọc được `{folder}` ở phiên bản `{revision}`: {result.stderr.decode(errors='replace').strip()}"
        )
    try:
        with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
            # The "data" filter refuses links that leave the folder; links inside it are extracted
            # as links, which the loader then reports and never follows.
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise RevisionError(f"không đọc được `{folder}` ở phiên bản `{revision}`: {exc}") from None
    return into / folder
