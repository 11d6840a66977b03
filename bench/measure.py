"""One measurement in a fresh process: prints wall time and peak memory as JSON.

python -m bench.measure validate DIR     # load_content on DIR (what `generator validate` does)
python -m bench.measure check DIR        # the same on content with mistakes: counts the problems
python -m bench.measure parse DIR        # baseline: libyaml safe_load of the same files
"""

from __future__ import annotations

import datetime as dt
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
    start = time.perf_counter()
    count = {"parse": parse, "validate": validate, "check": check, "build": build}[what](folder)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = usage.ru_maxrss / 1024
    # CPU time as well: on a shared machine the wall time also counts the time spent waiting.
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps({"what": what, "count": count, "seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak_mb}))


if __name__ == "__main__":
    main()
