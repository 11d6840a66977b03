"""The only place that runs git: dates and subjects of commits, which files a commit changed, and
files as they were (many in one process).

Outside a git checkout (a downloaded archive, synthetic content) every function here quietly
returns nothing, and the pages fall back to the `last_reviewed` field.
"""

from __future__ import annotations

import datetime as dt
import subprocess
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


# Modes of regular files in git's raw diff output; symbolic links (120000) and submodules (160000)
# are not content files and count as absent.
_REGULAR = {"100644", "100755"}


@dataclass(frozen=True)
class FileChange:
    """A file that differs between two revisions."""

    path: str  # relative to the repository's root
    old: str | None  # its blob before; None when it was added (or was not a regular file)
    new: str | None  # its blob after; None when it was deleted (or is not a regular file)


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """`git -C repo args…` reading `stdin`: its output, or RevisionError with git's message."""
    try:
        result = subprocess.run(
            ["git", "-C", str(repo), "--literal-pathspecs", *args], input=stdin, capture_output=True, check=False
        )
    except OSError as exc:
        raise RevisionError(f"không chạy được git: {exc.strerror}") from None
    if result.returncode != 0:
        raise RevisionError(result.stderr.decode(errors="replace").strip())
    return result.stdout


def _raw_changes(output: bytes) -> dict[str, list[FileChange]]:
    """`git diff-tree -r -z --no-renames` output, by the commit heading each part ("" when there
    are no headings: two revisions given on the command line)."""
    found: dict[str, list[FileChange]] = {}
    current = ""
    tokens = iter(output.decode("utf-8", "surrogateescape").split("\0"))
    for token in tokens:
        if token.startswith(":"):
            path = next(tokens, "")
            old_mode, new_mode, old_id, new_id, _status = token[1:].split(" ", 4)
            old = old_id if old_mode in _REGULAR else None
            new = new_id if new_mode in _REGULAR else None
            if old is not None or new is not None:
                found.setdefault(current, []).append(FileChange(path, old, new))
        elif token.strip():
            current = token.strip()
    return found


def _pathspec(folder: str) -> list[str]:
    return ["--", folder] if folder else []


def changed_files(repo: Path, base: str, head: str, folder: str) -> list[FileChange]:
    """The files under `folder` (relative to the repository's root, "" for all) that differ
    between two revisions."""
    try:
        output = _git(repo, "diff-tree", "-r", "-z", "--no-renames", "--end-of-options", base, head, *_pathspec(folder))
    except RevisionError as exc:
        raise RevisionError(f"không so sánh được `{base}` với `{head}`: {exc}") from None
    return _raw_changes(output).get("", [])


def changed_by_commits(repo: Path, pairs: list[tuple[str, str]], folder: str) -> dict[str, list[FileChange]]:
    """For each (commit, parent), given as full object names, the files under `folder` that the
    commit changed, by commit; one `git diff-tree --stdin` for all of them."""
    if not pairs:
        return {}
    stdin = "".join(f"{commit} {parent}\n" for commit, parent in pairs).encode()
    output = _git(repo, "diff-tree", "--stdin", "-r", "-z", "--no-renames", *_pathspec(folder), stdin=stdin)
    return _raw_changes(output)


def read_blobs(repo: Path, ids: set[str]) -> dict[str, bytes]:
    """The contents of many blobs, by object name, from one `git cat-file --batch`. A blob git
    does not have is left out."""
    wanted = sorted(ids)
    if not wanted:
        return {}
    output = _git(repo, "cat-file", "--batch", stdin="".join(f"{oid}\n" for oid in wanted).encode())
    blobs: dict[str, bytes] = {}
    at = 0
    for oid in wanted:
        end = output.find(b"\n", at)
        if end < 0:
            break
        header = output[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # "<name> missing": not in this clone
        size = int(header[2])
        blobs[oid] = output[at : at + size]
        at += size + 1
    return blobs
