"""The second demo configuration: a province after the 2025 reform (levels `tinh` and `xa`, no
district), generated, validated and built, so that "levels are data" is proven by a real build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.authoring.sample import write_sample
from generator.content import load_content

ROOT = Path(__file__).resolve().parent.parent


def test_province_builds_with_two_levels(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_sample(content, procedures=300, communes=104)
    loaded, problems = load_content(content)
    assert loaded is not None, problems[:5]
    assert [level.id for level in loaded.site.levels] == ["tinh", "xa"]
    env = {**os.environ, "CONGKHAI_CONTENT": str(content), "CONGKHAI_DATE": "2026-11-27"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    assert sorted(p.name for p in (site / "cap").iterdir()) == ["tinh", "xa"]
    assert len(list((site / "xa-phuong").iterdir())) == 104 + 1  # the communes and the index page
    assert len(list((site / "thu-tuc").glob("*/index.html"))) == 300
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Cấp huyện" not in home and "Cấp tỉnh" in home and "Cấp xã" in home
