"""`make audit`: one table of the trust checks, counted on the demo site.

Runs the injection and bad-input suites, axe-core on every page of the demo site at 360 and
1280 px (violations counted by impact, with Content-Security-Policy violations and dialogs), the
Nu HTML Checker, the link checker and a fuzz run. The injection suite's visitor walk (every page
of a hostile site hovered, searched and its forms downloaded) leaves its figures in
`test-artifacts/visitor-walk.json`, read here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pytest_counts(*args: str) -> tuple[int, int]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    passed = int(m.group(1)) if (m := re.search(r"(\d+) passed", result.stdout)) else 0
    failed = int(m.group(1)) if (m := re.search(r"(\d+) failed", result.stdout)) else 0
    return passed + failed, passed


def build_demo(out: Path) -> None:
    env = {**os.environ, "CONGKHAI_DATE": dt.date.today().isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], check=True, cwd=ROOT, env=env)


def axe_counts(site: Path) -> tuple[int, dict[str, int], list[str], list[str]]:
    """Page views, axe violations by impact, Content-Security-Policy violations and dialogs."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from .helpers import CHROMIUM_FLAGS, serve
    from .test_injection import LISTEN

    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    impacts = {"critical": 0, "serious": 0, "moderate": 0, "minor": 0}
    checked = 0
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
        violations: list[str] = []
        dialogs: list[str] = []
        for width in (360, 1280):
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.add_init_script(LISTEN)
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for rel in pages:
                page.goto(url + rel.removesuffix("index.html"), wait_until="networkidle")
                violations += page.evaluate("window.__violations")
                for violation in Axe().run(page, options=options).response["violations"]:
                    impacts[violation["impact"] or "minor"] += len(violation["nodes"])
                checked += 1
            page.close()
        browser.close()
    return checked, impacts, violations, dialogs


def html_errors(site: Path) -> int | str:
    if shutil.which("java") is None:
        return "no Java"
    from .test_html import checker_command

    result = subprocess.run(checker_command(site), capture_output=True, text=True, check=False)
    return sum(1 for line in (result.stdout + result.stderr).splitlines() if ": error:" in line)


def formula_cells(site: Path) -> tuple[int, int]:
    """Cells of the open-data CSV files, and those starting as a spreadsheet formula (OWASP)."""
    import csv

    cells = formulas = 0
    for path in sorted((site / "data").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    cells += 1
                    formulas += cell[:1] in ("=", "+", "-", "@", "\t", "\r")
    return cells, formulas


def bad_input_places() -> tuple[int, int, int, int]:
    """Every bad-input case loaded once: (cases, problems with a line, problems, tracebacks)."""
    from generator.content import load_content

    from .helpers import TODAY, write_tree
    from .test_bad_inputs import all_cases

    cases = all_cases()
    positioned = problems = tracebacks = 0
    with tempfile.TemporaryDirectory(prefix="congkhai-audit-bad-") as tmp:
        for index, case in enumerate(cases):
            root = write_tree(Path(tmp) / str(index), {case.file: case.body, **(case.extra or {})})
            try:
                _, found = load_content(root, TODAY)
            except Exception:
                tracebacks += 1
                continue
            problems += len(found)
            positioned += sum(1 for p in found if p.line > 0)
    return len(cases), positioned, problems, tracebacks


def broken_links(site: Path) -> tuple[int, int]:
    from .linkcheck import check_links

    checked, broken = check_links(site)
    return checked, len(broken)


def main() -> int:
    from . import fuzz
    from .test_injection import PAYLOADS

    rows: list[tuple[str, str, str]] = []
    walk_file = ROOT / "test-artifacts" / "visitor-walk.json"
    walk_file.unlink(missing_ok=True)
    tried, passed = pytest_counts("tests/test_injection.py", "tests/test_build.py::test_text_from_yaml_is_escaped")
    rows.append(
        (
            f"Injection (every text field, {len(PAYLOADS)} payloads, a visitor's walk in Chromium)",
            f"{tried} suites",
            f"{passed} passed",
        )
    )
    walk = json.loads(walk_file.read_text(encoding="utf-8")) if walk_file.exists() else None
    if walk is None:
        rows.append(("Dialogs and CSP violations on the hostile site", "not measured", "the walk did not finish"))
    else:
        views, hovers = f"{walk['page_views']} page views", f"{walk['hovered']} hovers"
        rows.append(
            ("Dialogs from injected text: hover, focus, search, forms", hovers, f"{len(walk['dialogs'])} dialogs")
        )
        rows.append(
            ("CSP violations on the hostile site, 360 and 1280 px", views, f"{len(walk['violations'])} violations")
        )
    tried, passed = pytest_counts(
        *sorted(str(p) for p in Path("tests").glob("test_bad_inputs*.py")), "-k", "reported_at_its_place"
    )
    rows.append(("Bad-input files (code, file and line)", f"{tried} cases", f"{passed} passed"))
    with tempfile.TemporaryDirectory(prefix="congkhai-audit-") as tmp:
        site = Path(tmp) / "site"
        build_demo(site)
        checked, impacts, violations, dialogs = axe_counts(site)
        rows.append(
            (
                "Pages checked by axe-core (WCAG 2.1 A/AA), 360 and 1280 px",
                f"{checked} page views",
                ", ".join(f"{k} {v}" for k, v in impacts.items()),
            )
        )
        rows.append(("CSP violations on the demo site", f"{checked} page views", f"{len(violations)} violations"))
        rows.append(("Dialogs on the demo site", f"{checked} page views", f"{len(dialogs)} dialogs"))
        rows.append(("Nu HTML Checker", "whole demo site", f"{html_errors(site)} errors"))
        links, broken = broken_links(site)
        rows.append(("Internal links and anchors", f"{links} links", f"{broken} broken"))
        cells, formulas = formula_cells(site)
        rows.append(("CSV cells that a spreadsheet would run as a formula", f"{cells} cells", f"{formulas} cells"))
    cases, positioned, problems, tracebacks = bad_input_places()
    rows.append(("Bad-input problems with a line (not the whole file)", f"{problems} problems", f"{positioned} placed"))
    rows.append(("Tracebacks on bad input", f"{cases} cases", f"{tracebacks} tracebacks"))
    done, failures = fuzz.run(5000, seed=int(dt.date.today().strftime("%Y%m%d")))
    rows.append(("Fuzz of loader and validator", f"{done} iterations", f"{len(failures)} crashes"))
    width = max(len(r[0]) for r in rows)
    print(f"\n{'Check':<{width}}  {'Tried':>18}  Result")
    print("-" * (width + 50))
    for name, tried_text, result in rows:
        print(f"{name:<{width}}  {tried_text:>18}  {result}")
    bad = (
        impacts["critical"]
        + impacts["serious"]
        + broken
        + len(failures)
        + formulas
        + tracebacks
        + len(violations)
        + len(dialogs)
    )
    if walk is None or walk["dialogs"] or walk["violations"]:
        bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
