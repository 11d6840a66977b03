"""Stage 2: a whole content folder read, validated and checked, as one `Content`.

`load_content` runs the load stages (`load/`): read every file, validate each against its model,
run the checks across records. It never raises for bad content: it returns the problems, and a
`Content` only when there is no error.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from .format import sort_key
from .load.cache import FileCache, using
from .load.calendar import site_calendar
from .load.checks import check_all
from .load.folder import read_folder
from .load.upcoming import check_upcoming
from .problems import Problem, Severity
from .settings import DEFAULT_TIME_ZONE, build_date, content_dir

# The sort keys of names, kept: a `mkdocs serve` rebuild reads almost nothing again, and working
# out the Vietnamese order of every name was then a large part of what loading costs.
_name_key = functools.lru_cache(maxsize=1 << 16)(sort_key)


@dataclass
class Content:
    """Everything in a valid content folder, ready for the pages."""

    root: Path
    today: dt.date
    site: m.Site
    sectors: dict[str, m.Sector]
    agencies: dict[str, m.Agency]
    legal: dict[str, m.LegalDocument]
    procedures: list[m.Procedure]  # in Vietnamese alphabetical order of name
    fees: dict[str, m.Fee]
    communes: list[m.Commune]  # in Vietnamese alphabetical order of name
    forms: set[str]
    stats: list[m.StatsPeriod] = field(default_factory=list)  # oldest period first
    files: dict[str, str] = field(default_factory=dict)  # record key → file relative to root
    # Closures of every desk (the site's own, then the national public holidays), around today.
    calendar: list[m.Closure] = field(default_factory=list)

    @property
    def by_code(self) -> dict[str, m.Procedure]:
        return {p.key: p for p in self.procedures}


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Loading builds hundreds of thousands of long-lived objects and no reference cycles; the
    cyclic garbage collector would scan the growing heap again and again (it tripled the time)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_content(
    root: str | os.PathLike[str] | None = None, today: dt.date | None = None, cache: FileCache | None = None
) -> tuple[Content | None, list[Problem]]:
    """Read and check a content folder. Returns (content or None if any error, sorted problems).

    With a `cache` (`mkdocs serve`), files unchanged since the cache last read them are not read
    again and give back the same records."""
    with _no_cyclic_gc():
        return _load_content(root, today, cache)


def _load_content(
    root: str | os.PathLike[str] | None, today: dt.date | None, cache: FileCache | None
) -> tuple[Content | None, list[Problem]]:
    folder = content_dir(root)
    problems: list[Problem] = []
    if not folder.is_dir():
        problems.append(Problem(".", 0, 0, "missing-site", f"không tìm thấy thư mục nội dung `{folder}`"))
        return None, problems
    with using(cache):
        records = read_folder(folder, problems)
    if today is None:
        today = build_date(records.site.model.time_zone if records.site else DEFAULT_TIME_ZONE)
    check_all(records, today, problems)
    check_upcoming(records, today, problems)
    # A shared file that could not be read comes first: GitHub shows only the first annotations,
    # and the rest may follow from it.
    problems = sorted(set(problems), key=lambda p: (p.file not in records.unreadable_files, p))
    if any(p.severity is Severity.ERROR for p in problems) or records.site is None:
        return None, problems
    files: dict[str, str] = {}
    for p in records.procedures:
        files[f"procedure:{p.model.key}"] = p.source.path
    for f in records.fees:
        files[f"fee:{f.model.id}"] = f.source.path
    for c in records.communes:
        files[f"commune:{c.model.id}"] = c.source.path
    content = Content(
        root=folder,
        today=today,
        site=records.site.model,
        sectors={f.model.id: f.model for f in records.sectors},
        agencies={a.model.id: a.model for a in records.agencies},
        legal={d.model.number: d.model for d in records.legal},
        procedures=sorted((p.model for p in records.procedures), key=lambda p: _name_key(p.name)),
        fees={f.model.id: f.model for f in records.fees},
        communes=sorted((c.model for c in records.communes), key=lambda c: _name_key(c.name)),
        forms=records.forms,
        files=files,
        stats=sorted((s.model for s in records.stats), key=lambda s: s.period),
        calendar=site_calendar(records.site.model, today),
    )
    return content, problems
