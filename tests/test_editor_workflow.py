"""The editors' tooling that ships in the repository: editor settings, yamllint, CI workflows."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from generator import model as m

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_vscode_maps_every_content_file_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    # The older list files (`fields.yaml`, …) are still mapped, though the demo has one file per record.
    list_files = {f"content/{kind.path}" for kind in m.KINDS if kind.list_key}
    for schema, pattern in mapping.items():
        assert (ROOT / schema).is_file(), schema
        assert list(ROOT.glob(pattern)) or pattern in list_files, f"{pattern} matches no file"
    assert {Path(s).name for s in mapping} == {p.name for p in (ROOT / "schemas").glob("*.json")}


def test_make_site_installs_what_the_pre_commit_hooks_call() -> None:
    """The hooks run the project's tools from .venv; `make site` installs only requirements/site.txt."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    site = (ROOT / "requirements" / "site.txt").read_text(encoding="utf-8")
    tools = {hook["entry"].split()[0] for repo in hooks["repos"] for hook in repo["hooks"]}
    for tool in tools:
        assert tool.startswith(".venv/bin/"), tool
        name = tool.removeprefix(".venv/bin/")
        assert name == "python" or f"\n{name}==" in site, f"{name} is not in requirements/site.txt"


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


def test_workflows_pass_zizmor() -> None:
    """Hardened as zizmor's default level asks: inputs through `env:`, least privilege per job,
    no persisted credentials, actions pinned to commits."""
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", str(ROOT / ".github" / "workflows")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_are_bounded_and_scheduled() -> None:
    for path in (ROOT / ".github" / "workflows").glob("*.yml"):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow["permissions"] == {}, path.name
        assert workflow["concurrency"]["group"], path.name
        for name, job in workflow["jobs"].items():
            assert job["timeout-minutes"] <= 60, (path.name, name)
            for step in job["steps"]:
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, (path.name, name)
    publish = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as True (YAML 1.1).
    triggers = publish[True]
    # Rebuilt every night shortly after midnight in Vietnam (UTC+7): 17:xx UTC.
    assert [int(part) for part in triggers["schedule"][0]["cron"].split()[:2]][1] == 17
    assert "workflow_dispatch" in triggers


def test_the_workflow_commands_work_in_order(tmp_path: Path) -> None:
    check = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))
    runs = [step["run"] for step in check["jobs"]["content"]["steps"] if "run" in step]
    assert runs == [
        "python -m pip install --require-hashes -r requirements/site.txt\npython -m pip install --no-deps -e .\n"
        "# The editors' interface (/quan-tri/): Decap CMS, exact versions from the lock file.\n"
        "npm ci --prefix cms --ignore-scripts --no-audit --no-fund --loglevel=error\n",
        "python -m generator validate --format github",
        "mkdocs build --strict",
        'python -m generator review "origin/${BASE_REF}" HEAD > review.md\n'
        'cat review.md >> "$GITHUB_STEP_SUMMARY"\n'
        'echo "body=$(base64 -w0 review.md)" >> "$GITHUB_OUTPUT"\n',
    ]
    # The comment is written by the content job, also when validation failed, and posted by the
    # only job allowed to write to the pull request, which runs none of its code.
    review = next(step for step in check["jobs"]["content"]["steps"] if step.get("id") == "review")
    assert review["if"] == "${{ !cancelled() }}"
    comment = check["jobs"]["comment"]
    assert comment["needs"] == "content" and comment["permissions"] == {"pull-requests": "write"}
    assert [step["uses"].split("@")[0] for step in comment["steps"]] == ["actions/github-script"]
    assert all(job["permissions"] == {"contents": "read"} for name, job in check["jobs"].items() if name != "comment")
    # Pull requests run the whole test suite, through the same script as the project's CI.
    assert any("bash .ci/run" in step.get("run", "") for step in check["jobs"]["tests"]["steps"])
    # Run them in a copy of the repository (the install is this test environment's own; the change
    # summary needs a pull request's history and is tested in test_changes.py).
    for name in ("content", "docs", "site_overrides", "mkdocs.yml", "schemas"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("CONGKHAI_CONTENT", None)
    env.pop("NO_MKDOCS_2_WARNING", None)
    for command in runs[1:3]:
        result = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=tmp_path, env=env, check=False)
        assert result.returncode == 0, f"{command}: {result.stdout[-1000:]}{result.stderr[-2000:]}"
    assert (tmp_path / "site" / "index.html").is_file()
    publish = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    build_steps = [s.get("run") for s in publish["jobs"]["build"]["steps"] if "run" in s]
    assert build_steps == runs[:3]
    assert publish["concurrency"]["group"] and publish["jobs"]["build"]["steps"][0]["with"]["fetch-depth"] == 0
