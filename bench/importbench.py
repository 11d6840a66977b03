"""The import benchmark: a công bố annex of 250 procedures (the real cư trú excerpt of
tests/data/import, repeated with a new number and code for each procedure) imported from a Word
file into a copy of the demo content, against a plain libyaml load of the 250 drafts it wrote,
timed in the same run. Targets: 250 procedures in ≤ 5 s; the ratio is what stays comparable
across machines.

    python -m bench.importbench [--procedures 250] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from generator.importer.write import Options, import_files
from tests.import_fixtures import FIXTURES, write_docx

ROOT = Path(__file__).resolve().parent.parent
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def decision(procedures: int) -> list[str]:
    """The lines of a decision with `procedures` procedures, from the two of the cư trú excerpt."""
    lines = FIXTURES[0].lines()
    starts = [i for i, line in enumerate(lines) if re.match(r"^\d+\. Thủ tục:", line)]
    blocks = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
    out = lines[: starts[0]]
    for n in range(procedures):
        block = blocks[n % len(blocks)]
        number = n + 1
        for line in block:
            line = re.sub(r"^\d+\.(\d+)\.", rf"{number}.\1.", line)
            line = re.sub(r"^\d+\. Thủ tục:", f"{number}. Thủ tục:", line)
            line = re.sub(r"TTHC \d\.\d{6}", f"TTHC 9.{800000 + number:06d}", line)
            out.append(line)
    return out


def import_benchmark(procedures: int = 250, runs: int = 3) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="importbench-") as tmp:
        work = Path(tmp)
        source = write_docx(decision(procedures), work / "quyet-dinh.docx")
        imports: list[float] = []
        loads: list[float] = []
        placed = 0.0
        for run in range(runs):
            folder = work / f"content-{run}"
            shutil.copytree(ROOT / "content", folder)
            options = Options(folder, folder, dt.date(2026, 11, 27), "1/QĐ-UBND", None, "Đăng ký, quản lý cư trú")
            start = time.perf_counter()
            report = import_files([source], options)
            imports.append(time.perf_counter() - start)
            drafts = [folder / rel for rel in report.written if rel.startswith("procedures/")]
            assert len(drafts) == procedures, (len(drafts), report.summary())
            start = time.perf_counter()
            for path in drafts:
                yaml.load(path.read_bytes(), Loader=_Loader)
            loads.append(time.perf_counter() - start)
            placed = report.files[0].placed / report.files[0].lines
    result = {
        "procedures": float(procedures),
        "import_seconds": statistics.median(imports),
        "yaml_load_seconds": statistics.median(loads),
        "placed_share": placed,
    }
    result["ratio_to_yaml_load"] = result["import_seconds"] / result["yaml_load_seconds"]
    return result


def report(result: dict[str, float]) -> str:
    ok = result["import_seconds"] <= 5
    return (
        f"Import of a {result['procedures']:.0f}-procedure decision (.docx): {result['import_seconds']:.2f} s"
        f" (target ≤ 5 s: {'met' if ok else 'NOT MET'}); a plain YAML load of the drafts it wrote:"
        f" {result['yaml_load_seconds']:.3f} s; ratio {result['ratio_to_yaml_load']:.0f} ×;"
        f" lines placed {100 * result['placed_share']:.1f} %"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--procedures", type=int, default=250)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    result = import_benchmark(args.procedures, args.runs)
    print(report(result))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
