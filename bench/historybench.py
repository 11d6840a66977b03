"""The history benchmark: a full `mkdocs build` of content kept in git, with its recent changes,
against the same build of the same files outside git, timed in the same run.

Synthetic content (`generator sample`, 2,000 procedures × 100 communes by default) is committed to
a scratch repository, then 50 commits each change a few files the way editors do: a fee's amount,
a procedure's processing time, a commune's duty roster. The same files are built three ways, in
turn, each in a fresh process: outside git (a copy), inside git with an empty history cache
(cold), and inside git again with the cache the cold build left (warm). The ratios to the build
outside git are the figures that matter (target ≤ 1.2 ×): of the median and of the fastest wall
times, and of the median processor times (children included), which other work on a shared
machine disturbs least.

    python -m bench.historybench [--procedures 2000] [--communes 100] [--commits 50] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from generator.authoring.sample import GIVEN, SURNAMES, write_sample

from .sitebuild import write_ours

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-27"
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _git(repo: Path, *args: str, day: dt.date | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Biên tập viên", "GIT_AUTHOR_EMAIL": "bientap@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": env["GIT_AUTHOR_NAME"], "GIT_COMMITTER_EMAIL": env["GIT_AUTHOR_EMAIL"]}
    if day is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day.isoformat()}T09:00:00+07:00"
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def _edit(path: Path, change: Any) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    change(data)
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def make_repository(repo: Path, procedures: int, communes: int, commits: int, seed: int = 1) -> Path:
    """A scratch repository whose `content/` has `commits` commits of editors' changes after the
    first; returns the content folder."""
    content = repo / "content"
    write_sample(content, procedures, communes, seed=seed)
    (repo / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    start = dt.date(2026, 1, 5)
    _git(repo, "commit", "-qm", "Nội dung ban đầu", day=start)
    rng = random.Random(seed)
    fees = [
        path
        for path in sorted((content / "fees").glob("*.yaml"))
        if "amount" in yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)["versions"][0]
    ]
    procedure_files = sorted((content / "procedures").glob("*.yaml"))
    commune_files = sorted((content / "communes").glob("*.yaml"))

    def new_amount(fee: dict[str, Any]) -> None:
        version = fee["versions"][0]
        version["amount"] = version["amount"] + 1000 * rng.randint(1, 5)
        version["rule"] = f"{version['amount']:,} đồng/lần.".replace(",", ".")

    def new_time(procedure: dict[str, Any]) -> None:
        for channel in procedure["channels"]:
            channel["time"] = {"working_days": rng.randint(1, 30)}

    def new_duty(commune: dict[str, Any]) -> None:
        commune["duty"][0]["person"] = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"

    for n in range(commits):
        _edit(rng.choice(fees), new_amount)
        for path in rng.sample(procedure_files, 2):
            _edit(path, new_time)
        if commune_files:
            _edit(rng.choice(commune_files), new_duty)
        _git(
            repo,
            "commit",
            "-qam",
            f"Cập nhật số {n + 1}: mức thu, thời hạn, lịch trực",
            day=start + dt.timedelta(n + 1),
        )
    return content


def _build(config: Path, cache: Path) -> tuple[float, float]:
    """One `mkdocs build` in a fresh process: its wall time and its processor time (children
    included), in seconds."""
    env = {**os.environ, "CONGKHAI_CACHE": str(cache), "CONGKHAI_DATE": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CONGKHAI_CONTENT", None)  # it would win over the configuration's content folder
    out = subprocess.run(
        [sys.executable, "-m", "bench.measure", "build", str(config)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    measured = json.loads(out.stdout)
    return float(measured["seconds"]), float(measured["cpu_seconds"])


def _history(content: Path, cache: Path) -> float:
    """What a build inside git adds, alone, in a fresh process: the recent changes and the dates
    of last change."""
    env = {**os.environ, "CONGKHAI_CACHE": str(cache)}
    out = subprocess.run(
        [sys.executable, "-m", "bench.measure", "history", str(content)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    return float(json.loads(out.stdout)["seconds"])


def history_benchmark(procedures: int = 2000, communes: int = 100, commits: int = 50, runs: int = 3) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="congkhai-history-bench-") as tmp:
        work = Path(tmp)
        content = make_repository(work / "repo", procedures, communes, commits)
        outside = work / "outside" / "content"
        shutil.copytree(content, outside)
        cache = work / "cache"
        outside_config = write_ours(outside, work / "build-outside")
        inside_config = write_ours(content, work / "build-inside")
        times: dict[str, list[float]] = {"history_cold": [], "history_warm": []}
        cpu: dict[str, list[float]] = {}
        for _ in range(runs):
            for name, config in (("outside", outside_config), ("cold", inside_config), ("warm", inside_config)):
                if name == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                wall, processor = _build(config, cache)
                times.setdefault(name, []).append(wall)
                cpu.setdefault(name, []).append(processor)
            shutil.rmtree(cache, ignore_errors=True)
            times["history_cold"].append(_history(content, cache))
            times["history_warm"].append(_history(content, cache))
        recent = (work / "build-inside" / "site" / "cap-nhat" / "feed.xml").read_text(encoding="utf-8").count("<entry>")
    median = {name: statistics.median(values) for name, values in times.items()}
    best = {name: min(values) for name, values in times.items()}
    processor = {name: statistics.median(values) for name, values in cpu.items()}
    result = {
        "procedures": procedures,
        "communes": communes,
        "commits": commits,
        "runs": runs,
        "feed_entries": recent,
        "seconds": median,
        "cold_ratio": median["cold"] / median["outside"],
        "warm_ratio": median["warm"] / median["outside"],
        # The fastest of each: less disturbed by other work on a shared machine.
        "best_seconds": best,
        "best_cold_ratio": best["cold"] / best["outside"],
        "best_warm_ratio": best["warm"] / best["outside"],
        # Processor time, children included: the fairest figure when other work shares the machine.
        "cpu_seconds": processor,
        "cpu_cold_ratio": processor["cold"] / processor["outside"],
        "cpu_warm_ratio": processor["warm"] / processor["outside"],
    }
    print(
        f"\nBuild with history: {procedures:,} procedures × {communes} communes, {commits} commits "
        f"({recent} shown on /cap-nhat/); median of {runs} builds, each in a fresh process",
        flush=True,
    )
    print(
        f"  {'wall time:':<20} {'median':>8} {'ratio':>7}   {'fastest':>8} {'ratio':>7}   {'processor':>9} {'ratio':>7}"
    )
    for name, label in (("outside", "outside git"), ("cold", "in git, cold cache"), ("warm", "in git, warm cache")):
        print(
            f"  {label:<20} {median[name]:>7.1f}s {median[name] / median['outside']:>6.2f}×   "
            f"{best[name]:>7.1f}s {best[name] / best['outside']:>6.2f}×   "
            f"{processor[name]:>8.1f}s {processor[name] / processor['outside']:>6.2f}×"
        )
    print("  target: in git ≤ 1.2 × outside git")
    print(
        f"  of which history (recent changes and dates of last change): "
        f"{median['history_cold']:.2f} s cold, {median['history_warm']:.2f} s warm",
        flush=True,
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.historybench")
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--commits", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    history_benchmark(args.procedures, args.communes, args.commits, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
