"""The site builds the same on ProperDocs, the maintained drop-in fork of MkDocs 1.6, as on
MkDocs itself; and Material's notices (its end of life) stay visible in the build log."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The only line that may differ: `<meta name="generator" content="mkdocs-…">`.
GENERATOR_META = '<meta name="generator"'


def _build(engine: str, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONGKHAI_DATE": "2026-11-27"}
    env.pop("CONGKHAI_CONTENT", None)
    return subprocess.run(
        [str(BIN / engine), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


def _differences(a: Path, b: Path) -> list[str]:
    found: list[str] = []
    compared = filecmp.dircmp(a, b)
    found += [f"only in one: {name}" for name in compared.left_only + compared.right_only]
    for name in compared.diff_files:
        left, right = (a / name).read_bytes(), (b / name).read_bytes()
        if name.endswith(".html"):
            keep = [line for line in left.splitlines() if GENERATOR_META.encode() not in line]
            other = [line for line in right.splitlines() if GENERATOR_META.encode() not in line]
            if keep == other:
                continue
        found.append(str(a / name))
    for sub in compared.common_dirs:
        found += _differences(a / sub, b / sub)
    return found


def test_properdocs_builds_the_same_site(tmp_path: Path) -> None:
    made = {engine: _build(engine, tmp_path / engine) for engine in ("mkdocs", "properdocs")}
    for engine, result in made.items():
        assert result.returncode == 0, f"{engine}: {result.stderr[-2000:]}"
    assert _differences(tmp_path / "mkdocs", tmp_path / "properdocs") == []


def test_material_notices_are_not_hidden() -> None:
    for path in [ROOT / "Makefile", ROOT / ".ci" / "run", *(ROOT / ".github" / "workflows").glob("*.yml")]:
        assert "NO_MKDOCS_2_WARNING" not in path.read_text(encoding="utf-8"), path.name
