"""Fixtures shared by every test module: the demo site, built once per run and served on
127.0.0.1, and Debian's Chromium to look at it. Test modules take these as arguments; they never
import fixtures from one another."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import CHROMIUM_FLAGS, ROOT, build, serve


@contextlib.contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file `lock`: other pytest-xdist workers wait here."""
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped demo content built by `mkdocs build --strict` as of today (a commune's page
    marks today's row, which the browser tests check). Built once per run: pytest-xdist workers
    share one build in the run's temporary folder; the first to ask builds it, the others wait.
    Shared by many tests, so read-only: copy it before changing anything."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = tmp_path_factory.getbasetemp().parent / "demo"
        root.mkdir(exist_ok=True)
    else:
        root = tmp_path_factory.mktemp("demo")
    site, built, failed = root / "site", root / "built", root / "failed.txt"
    with _exclusive(root / "lock"):
        if not built.exists() and not failed.exists():
            result = build(ROOT / "content", site, date=dt.date.today().isoformat())
            if result.returncode == 0:
                built.touch()
            else:
                failed.write_text(result.stdout + result.stderr, encoding="utf-8")
    if failed.exists():
        pytest.fail(f"the demo site does not build:\n{failed.read_text(encoding='utf-8')[-3000:]}")
    return site


@pytest.fixture(scope="session")
def site_url(demo_site: Path) -> Iterator[str]:
    """The demo site served on 127.0.0.1."""
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless (one per pytest worker; each test opens its own context)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed (make test installs it)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.hookimpl(tryfirst=True)  # before `-m "not browser"` deselects anything
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium is marked `browser`, so `make test-fast` leaves it out."""
    unmarked = [
        item.nodeid
        for item in items
        if "browser" in getattr(item, "fixturenames", ()) and item.get_closest_marker("browser") is None
    ]
    if unmarked:
        raise pytest.UsageError(
            "tests that use the browser fixture must be marked `browser` (pytestmark = pytest.mark.browser):\n"
            + "\n".join(unmarked)
        )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the real-record figures of issue 16 (`test_real_records.py::test_report`) at the end
    of the run; they travel as the test's properties, so this works under xdist too."""
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", "") != "call" or not str(report.nodeid).endswith("::test_report"):
                continue
            for name, value in getattr(report, "user_properties", []):
                if name == "summary":
                    terminalreporter.write_line(str(value))
