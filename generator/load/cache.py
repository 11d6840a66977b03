"""Content files remembered between loads, for `mkdocs serve`: a file that has not changed since
the last load is neither parsed nor validated again, and gives back the *same* `SourceFile` and
model objects as before, so later stages can tell unchanged records apart by identity.

A file counts as unchanged while its stat stamp (device, inode, size, modification and change
times in nanoseconds) is the same; an editor's save changes the modification time, an atomic save
the inode. The problems a file raised are replayed with it. In a changed file, a record whose data
is the same as before (the other items of a list file such as `agencies.yaml`) and had no problem
is given back as it was too. Cross-record checks are not cached: they run on every load (they are
cheap next to parsing and validation).

`load_file` and `validated` are what `folder` calls; they go straight through unless a cache has
been switched on with `using(cache)`, so `validate`, `mkdocs build` and history loads never cache.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from ..problems import Problem
from . import yaml_source
from .yaml_source import SourceFile

T = TypeVar("T", bound=BaseModel)
U = TypeVar("U", bound=BaseModel)

Stamp = tuple[int, int, int, int, int]


class Validate(Protocol):
    """The shape of `folder._validate`: one record of `model` from `source` (at `base`)."""

    def __call__(
        self,
        model: type[T],
        source: SourceFile,
        problems: list[Problem],
        data: Any = None,
        base: tuple[str | int, ...] = (),
    ) -> T | None: ...


def _stamp(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _same_data(a: Any, b: Any) -> bool:
    """Equal YAML data, types included (`1 == True` and `1 == 1.0` in Python, not to a model)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same_data(value, b[key]) for key, value in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(_same_data(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@dataclass(frozen=True)
class _Record:
    """A record validated from a file: the record (None if invalid), its problems, its data."""

    record: Any
    problems: list[Problem]
    data: Any


@dataclass
class _Entry:
    """One file as last read: its source (None if unusable), the problems reading it raised, and
    each record validated from it, by (model, place in the file)."""

    stamp: Stamp
    source: SourceFile | None
    problems: list[Problem]
    records: dict[tuple[type[BaseModel], tuple[str | int, ...]], _Record] = field(default_factory=dict)
    seen: int = 0  # the load that last used this entry
    previous: _Entry | None = None  # the same file before it changed, during the load that reads it again


class FileCache:
    """The files of one or more content folders, by absolute path."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._by_source: dict[int, _Entry] = {}  # id(source) → its entry; the entry keeps it alive
        self._load = 0
        self.hits = 0
        self.misses = 0

    def load(
        self, path: Path, rel: str, problems: list[Problem], budget: yaml_source.Budget | None = None
    ) -> SourceFile | None:
        stamp = _stamp(path)
        key = str(path)
        entry = self._entries.get(key)
        if stamp is None or entry is None or entry.stamp != stamp:
            self.misses += 1
            if entry is not None and entry.source is not None:
                self._by_source.pop(id(entry.source), None)
            own: list[Problem] = []
            source = yaml_source.load_file(path, rel, own, budget)
            if stamp is None:  # unreadable: nothing to remember
                problems.extend(own)
                return source
            entry = self._entries[key] = _Entry(stamp, source, own, previous=entry)
            if source is not None:
                self._by_source[id(source)] = entry
        else:
            self.hits += 1
        entry.seen = self._load
        problems.extend(entry.problems)
        return entry.source

    def validate(
        self,
        run: Validate,
        model: type[T],
        source: SourceFile,
        problems: list[Problem],
        data: Any,
        base: tuple[str | int, ...],
    ) -> T | None:
        entry = self._by_source.get(id(source))
        if entry is None or entry.source is not source:
            return run(model, source, problems, data, base)
        remembered = entry.records.get((model, base))
        if remembered is None:
            remembered = entry.records[(model, base)] = self._revalidate(run, model, source, data, base, entry)
        problems.extend(remembered.problems)
        record: T | None = remembered.record
        return record

    @staticmethod
    def _revalidate(
        run: Validate, model: type[T], source: SourceFile, data: Any, base: tuple[str | int, ...], entry: _Entry
    ) -> _Record:
        """Validate a record of a changed file; a record whose data is the same as before the
        change (another item of a list file, a file where only a comment changed) and had no
        problem is given back as it was."""
        raw = source.data if data is None else data
        old = entry.previous.records.get((model, base)) if entry.previous is not None else None
        # Data with no problem was not changed by `upgrade` (which warns at each renamed key).
        if old is not None and not old.problems and old.record is not None and _same_data(old.data, raw):
            return old
        own: list[Problem] = []
        return _Record(run(model, source, own, data, base), own, raw)

    def _forget_unseen(self) -> None:
        """Drop the files the last load did not read (deleted or renamed since), and what the
        files read again were before."""
        for key, entry in list(self._entries.items()):
            entry.previous = None
            if entry.seen != self._load:
                del self._entries[key]
                if entry.source is not None:
                    self._by_source.pop(id(entry.source), None)


_ACTIVE: ContextVar[FileCache | None] = ContextVar("congkhai_file_cache", default=None)


@contextmanager
def using(cache: FileCache | None) -> Iterator[None]:
    """Read through `cache` inside the block (nothing changes when it is None); files the block
    did not read are forgotten at its end."""
    if cache is None:
        yield
        return
    cache._load += 1
    token = _ACTIVE.set(cache)
    try:
        yield
    finally:
        _ACTIVE.reset(token)
    cache._forget_unseen()


def load_file(
    path: Path, rel: str, problems: list[Problem], budget: yaml_source.Budget | None = None
) -> SourceFile | None:
    """`yaml_source.load_file`, through the active cache if there is one. An unchanged file's
    bytes are not counted again against the resource budget (they were when it was read)."""
    cache = _ACTIVE.get()
    if cache is None:
        return yaml_source.load_file(path, rel, problems, budget)
    return cache.load(path, rel, problems, budget)


def validated(run: Validate) -> Validate:
    """Wrap a validation step (`folder._validate`): a record of an unchanged file is given back as
    it was, with its problems, instead of being validated again."""

    def validate(
        model: type[U],
        source: SourceFile,
        problems: list[Problem],
        data: Any = None,
        base: tuple[str | int, ...] = (),
    ) -> U | None:
        cache = _ACTIVE.get()
        if cache is None:
            return run(model, source, problems, data, base)
        return cache.validate(run, model, source, problems, data, base)

    return validate
