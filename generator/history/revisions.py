"""The content at git revisions: what changed for citizens between two revisions (the `changes`
command) and in each of the last commits (the `cap-nhat/` page and its feed).

Only the files that differ are read, at both revisions, each parsed and validated on its own
against its kind's model (`load/`); `diff.compare` then compares their records. The result for
each commit is kept on disk, in `.cache/congkhai/history/` at the repository's root (or
`$CONGKHAI_CACHE/history/`), so a build never reads a past file again once a build has seen it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..format import date_vi
from ..load.translate import validate_model
from ..load.upgrade import upgrade
from ..load.yaml_source import load_text
from ..model.kinds import FORMS_FOLDER, KINDS, Kind
from ..problems import Problem, Severity
from .diff import Change, Note, Snapshot, change_from_json, compare, notes
from .git import (
    Checkout,
    Commit,
    FileChange,
    RevisionError,
    changed_by_commits,
    changed_files,
    checkout,
    commits,
    head,
    read_blobs,
)

CACHE_ENV = "CONGKHAI_CACHE"  # where cached results go (default `.cache/congkhai/` in the repository)


_FORM = "form"  # a file in `forms/`: compared by the hash of its content, never parsed


def _kind(rel: str) -> Kind | str | None:
    """The kind of a file, by its path relative to the content folder, as `load/folder.py` reads
    the folder: single files by name, one level of `.yaml`/`.yml` files in each kind's folder,
    and the forms (`_FORM`)."""
    folder, _, name = rel.rpartition("/")
    if folder == FORMS_FOLDER and name and not name.startswith("."):
        return _FORM
    for kind in KINDS:
        if kind.is_folder:
            if folder == kind.path and not name.startswith(".") and name.endswith((".yaml", ".yml")):
                return kind
        elif rel == kind.path:
            return kind
    return None


@dataclass(frozen=True)
class _File:
    """A content file that differs between two revisions."""

    rel: str  # relative to the content folder
    kind: Kind | str  # or `_FORM`
    old: str | None  # blob ids; None where the file is absent
    new: str | None


def _content_files(changes: list[FileChange], folder: str) -> list[_File]:
    prefix = f"{folder}/" if folder else ""
    found = []
    for change in changes:
        if not change.path.startswith(prefix):
            continue
        rel = change.path[len(prefix) :]
        kind = _kind(rel)
        if kind is not None:
            found.append(_File(rel, kind, change.old, change.new))
    return sorted(found, key=lambda f: f.rel)


def _read(files: list[tuple[_File, bytes]]) -> tuple[Snapshot, list[Problem]]:
    """The records of some files at one revision, each file validated on its own, and the
    problems found: content that did not validate at a revision is not described. A list file
    (`agencies.yaml`, …) gives one record per entry."""
    snapshot = Snapshot()
    where: dict[tuple[str, str], str] = {}
    problems: list[Problem] = []
    for file, raw in files:
        if not isinstance(file.kind, Kind):
            continue
        found: list[Problem] = []
        source = load_text(raw, file.rel, found)
        record = None
        if source is not None:
            upgrade(source.data, file.kind.model, source, found)
            record = validate_model(file.kind.model, source, found)
        problems += found
        if source is None or record is None:
            continue
        name = file.kind.joins or file.kind.name
        table = snapshot.records.setdefault(name, {})
        if file.kind.list_key is not None:
            for entry in getattr(record, file.kind.list_key):
                table[str(getattr(entry, file.kind.key))] = entry
            continue
        if not file.kind.is_folder:
            table[file.kind.path] = record
            continue
        key = str(getattr(record, file.kind.key))
        if (name, key) in where:
            pos = source.position(("code" if file.kind.key == "key" else file.kind.key,))
            first = where[name, key]
            problems.append(
                Problem(
                    file.rel,
                    pos.line,
                    pos.column,
                    "duplicate-id",
                    f"mã `{key}` đã dùng ở {first}; mỗi mã chỉ dùng một lần",
                )
            )
            continue
        where[name, key] = file.rel
        table[key] = record
    return snapshot, problems


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def _sides(
    files: list[_File], blobs: dict[str, bytes]
) -> tuple[tuple[Snapshot, list[Problem]], tuple[Snapshot, list[Problem]]]:
    """Both revisions of `files`: (records, problems) before and after."""

    def at(ids: list[tuple[_File, str | None]]) -> tuple[Snapshot, list[Problem]]:
        present = [(file, oid) for file, oid in ids if oid is not None and isinstance(file.kind, Kind)]
        missing = [oid for _, oid in present if oid not in blobs]
        if missing:
            raise RevisionError(f"kho git không có đối tượng `{missing[0]}`")
        snapshot, problems = _read([(file, blobs[oid]) for file, oid in present])
        # A git blob's name is the hash of its content: a form is compared by it, unread.
        forms = {file.rel.partition("/")[2]: oid for file, oid in ids if oid is not None and file.kind == _FORM}
        return Snapshot(snapshot.records, forms), problems

    return at([(f, f.old) for f in files]), at([(f, f.new) for f in files])


def _blob_ids(files: list[_File]) -> set[str]:
    return {oid for f in files if isinstance(f.kind, Kind) for oid in (f.old, f.new) if oid is not None}


@dataclass(frozen=True)
class Review:
    """What changed for citizens between two revisions, and the change notes written for it."""

    changes: list[Change]
    notes: list[Note]


def changes_between(repo: Path, base: str, head_: str, folder: str) -> Review:
    """What changed for citizens in `folder` (relative to the repository's root) from revision
    `base` to `head_`. Raises RevisionError for a revision git does not know or a changed file
    that does not validate."""
    folder = "" if folder in ("", ".") else folder.strip("/")
    files = _content_files(changed_files(repo, base, head_, folder), folder)
    (old, old_problems), (new, new_problems) = _sides(files, read_blobs(repo, _blob_ids(files)))
    shown = f"{folder}/" if folder else ""
    for revision, problems in ((base, old_problems), (head_, new_problems)):
        if errors := _errors(problems):
            listed = "; ".join(p.format_text(shown) for p in errors[:5])
            raise RevisionError(f"nội dung ở phiên bản `{revision}` có lỗi: {listed}")
    return Review(compare(old, new), notes(old, new))


@dataclass(frozen=True)
class Revision:
    """One commit as citizens see it: its date, the change notes written with it and its
    changes. The commit's message is not kept: it is never published."""

    commit: str
    date: dt.date
    notes: list[Note]
    changes: list[Change]

    @property
    def heading(self) -> str:
        """The heading on the page and the feed's entry title: its date, never its commit message
        (the web editor's default `Update xa-vu-ninh.yaml` is not for citizens)."""
        return f"Cập nhật ngày {date_vi(self.date)}"


@dataclass(frozen=True)
class _Outcome:
    """What one commit did to the content, compared with its parent."""

    valid: bool  # False: a changed file did not validate before or after; the commit is not shown
    changes: list[Change]
    notes: list[Note]


def _outcome(files: list[_File], blobs: dict[str, bytes]) -> _Outcome:
    (old, old_problems), (new, new_problems) = _sides(files, blobs)
    if _errors(old_problems) or _errors(new_problems):
        return _Outcome(False, [], [])
    return _Outcome(True, compare(old, new), notes(old, new))


def _note_from_json(item: Any) -> Note | None:
    if not isinstance(item, dict) or set(item) != {"subject", "date", "text"}:
        return None
    if not all(isinstance(v, str) for v in item.values()):
        return None
    try:
        return Note(item["subject"], dt.date.fromisoformat(item["date"]), item["text"])
    except ValueError:
        return None


@functools.cache
def _fingerprint() -> str:
    """A digest of the generator's source code: a cached result is reused only by the code that
    computed it (models, loader and comparison included)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


_FORMAT = 2


class _Store:
    """The per-commit results on disk: one JSON file per commit and content folder, under a folder
    named after the generator's code. A missing, unreadable, corrupt or stale entry is a miss (and
    is rewritten); a cache that cannot be written is skipped."""

    def __init__(self, where: Checkout) -> None:
        root = Path(os.environ.get(CACHE_ENV) or where.top / ".cache" / "congkhai") / "history"
        self.root = root
        self.folder = root / _fingerprint()[:16]
        self.prefix = where.prefix
        self.tag = hashlib.sha256(where.prefix.encode()).hexdigest()[:12]

    def _path(self, commit: Commit) -> Path:
        return self.folder / f"{commit.sha}-{self.tag}.json"

    def _key(self, commit: Commit) -> dict[str, object]:
        return {
            "format": _FORMAT,
            "generator": _fingerprint(),
            "folder": self.prefix,
            "commit": commit.sha,
            "parent": commit.parent,
            "date": commit.date.isoformat(),
        }

    def get(self, commit: Commit) -> _Outcome | None:
        try:
            entry = json.loads(self._path(commit).read_text(encoding="utf-8"))
            if not isinstance(entry, dict) or entry.get("key") != self._key(commit):
                return None
            valid, items, written = entry["valid"], entry["changes"], entry["notes"]
            if not isinstance(valid, bool) or not isinstance(items, list) or not isinstance(written, list):
                return None
            changes = [change_from_json(item) for item in items]
            noted = [_note_from_json(item) for item in written]
            if None in changes or None in noted:
                return None
            return _Outcome(valid, [c for c in changes if c], [n for n in noted if n])
        except (OSError, ValueError, KeyError):
            return None

    def put(self, commit: Commit, outcome: _Outcome) -> None:
        entry = {
            "key": self._key(commit),
            "valid": outcome.valid,
            "changes": [asdict(c) for c in outcome.changes],
            "notes": [{**asdict(n), "date": n.date.isoformat()} for n in outcome.notes],
        }
        path = self._path(commit)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            if not self.folder.is_dir():
                self.folder.mkdir(parents=True)
                # Results of other versions of the generator are of no further use.
                for other in self.root.iterdir():
                    if other != self.folder and other.is_dir():
                        shutil.rmtree(other, ignore_errors=True)
            partial.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, path)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)


def _compute(where: Checkout, found: list[Commit], store: _Store) -> dict[str, _Outcome]:
    """The outcomes of commits no build has seen: one `git diff-tree` and one `git cat-file` for
    all of them, then only the files they changed are read."""
    try:
        changed = changed_by_commits(where.top, [(c.sha, c.parent) for c in found if c.parent], where.prefix)
        files = {c.sha: _content_files(changed.get(c.sha, []), where.prefix) for c in found}
        blobs = read_blobs(where.top, {oid for each in files.values() for oid in _blob_ids(each)})
    except (RevisionError, OSError):
        return {}  # git failed: no recent changes this time, and nothing is cached
    outcomes: dict[str, _Outcome] = {}
    for commit in found:
        try:
            outcome = _outcome(files[commit.sha], blobs)
        except RevisionError:
            continue  # a blob this clone does not have: tried again next time
        outcomes[commit.sha] = outcome
        store.put(commit, outcome)
    return outcomes


_CACHE: dict[tuple[str, str, int], list[Revision]] = {}


def recent_changes(folder: Path, limit: int = 10) -> list[Revision]:
    """The last `limit` commits that touched the content, newest first, each with its changes for
    citizens and its change notes; commits with neither, and commits after which a changed file did not validate, are
    left out. Computed once per commit (on disk across builds, in memory for `mkdocs serve`)."""
    where, commit = checkout(folder), head(folder)
    if where is None or commit is None:
        return []
    key = (str(folder.resolve()), commit, limit)
    if key not in _CACHE:
        found = [c for c in commits(folder, limit) if c.parent is not None]  # a first commit: all is new
        store = _Store(where)
        outcomes = {c.sha: outcome for c in found if (outcome := store.get(c)) is not None}
        unseen = [c for c in found if c.sha not in outcomes]
        if unseen:
            outcomes.update(_compute(where, unseen, store))
        _CACHE[key] = [
            Revision(c.sha[:10], c.date, outcome.notes, outcome.changes)
            for c in found
            if (outcome := outcomes.get(c.sha)) is not None and outcome.valid and (outcome.changes or outcome.notes)
        ]
    return _CACHE[key]
