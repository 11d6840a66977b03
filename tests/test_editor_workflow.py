"""The editors' tooling that ships in the repository: editor settings, yamllint, CI workflows."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_vscode_maps_every_content_file_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for schema, pattern in mapping.items():
        assert (ROOT / schema).is_file(), schema
        assert list(ROOT.glob(pattern)), f"{pattern} matches no file"
    assert {Path(s).name for s in mapping} == {p.name for p in (ROOT / "schemas").glob("*.json")}


def test_demo_content_passes_yamllint() -> None:
    result = subprocess.run(
        [str(BIN / "yamllint"), "--strict", "content"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stdout[-2000:]


def test_yamllint_catches_what_editors_get_wrong(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text("name: A\nname: B\ndemo: yes\nlist:\n   - a\n", encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "yamllint"), "-c", str(ROOT / ".yamllint.yaml"), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "key-duplicates" in result.stdout and "truthy" in result.stdout


def test_workflows_match_the_github_schema() -> None:
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert [w.name for w in workflows] == ["check.yml", "publish.yml"]
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, workflows)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_commands_work_in_order(tmp_path: Path) -> None:
    check = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))
    runs = [step["run"] for step in check["jobs"]["check"]["steps"] if "run" in step]
    assert runs == [
        "pip install -e .",
        "python -m generator validate --format github",
        "mkdocs build --strict",
        'python -m generator changes "origin/${{ github.base_ref }}" HEAD >> "$GITHUB_STEP_SUMMARY"',
    ]
    # Run them in a copy of the repository (the install is this test environment's own; the change
    # summary needs a pull request's history and is tested in test_changes.py).
    for name in ("content", "docs", "site_overrides", "mkdocs.yml", "schemas"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CONGKHAI_CONTENT", None)
    for command in runs[1:3]:
        result = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=tmp_path, env=env, check=False)
        assert result.returncode == 0, f"{command}: {result.stdout[-1000:]}{result.stderr[-2000:]}"
    assert (tmp_path / "site" / "index.html").is_file()
    publish = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    build_steps = [s.get("run") for s in publish["jobs"]["build"]["steps"] if "run" in s]
    assert build_steps == runs[:3]
    assert publish["concurrency"]["group"] and publish["jobs"]["build"]["steps"][0]["with"]["fetch-depth"] == 0
