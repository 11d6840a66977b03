"""One measurement in a fresh process: prints wall time and peak memory as JSON.

python -m bench.measure validate DIR     # load_content on DIR (what `generator validate` does)
python -m bench.measure check DIR        # the same on content with mistakes: counts the problems
python -m bench.measure parse DIR        # baseline: libyaml safe_load of the same files
python -m bench.measure history DIR      # what a build in git adds: recent changes, dates of last change
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import resource
import sys
import time
from pathlib import Path

import yaml


def parse(folder: Path) -> int:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    count = 0
    for path in sorted(folder.rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=loader)
        count += 1
    return count


def validate(folder: Path) -> int:
    from generator.content import load_content

    content, problems = load_content(folder, dt.date(2026, 11, 27))
    if content is None:
        raise SystemExit(f"synthetic content did not validate: {problems[:3]}")
    return len(content.procedures)


def history(folder: Path) -> int:
    from generator.history.git import last_changed
    from generator.history.revisions import recent_changes

    last_changed(folder)
    return len(recent_changes(folder))


def check(folder: Path) -> int:
    from generator.content import load_content

    content, problems = load_content(folder, dt.date(2026, 11, 27))
    if content is not None or any(p.code == "budget-exceeded" for p in problems):
        raise SystemExit(f"content with mistakes did not fail as expected: {problems[:3]}")
    return len(problems)


def build(config_file: Path) -> int:
    """`mkdocs build` in this process; the output folder is the config's `site_dir`."""
    import logging

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(config_file=str(config_file))
    mkdocs_build(config)
    return 1


def main() -> None:
    what, folder = sys.argv[1], Path(sys.argv[2])
    if what == "history":
        # Imported before the clock starts: the figure is the history's work, not loading the models.
        importlib.import_module("generator.history.revisions")
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    start = time.perf_counter()
    count = {"parse": parse, "validate": validate, "check": check, "history": history, "build": build}[what](folder)
    seconds = time.perf_counter() - start
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = own.ru_maxrss / 1024
    # Processor time, children (git, Pagefind) included: less disturbed than wall time on a busy machine.
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime - cpu_before
    print(json.dumps({"what": what, "count": count, "seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak_mb}))


if __name__ == "__main__":
    main()
