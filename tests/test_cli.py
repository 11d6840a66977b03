"""The command line: exit codes, output formats, skeletons, schemas, synthetic content."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.authoring.schema import SCHEMAS, render
from generator.cli import main
from generator.content import load_content

from .helpers import FEE, PROCEDURE, TODAY, write_tree

ROOT = Path(__file__).resolve().parent.parent
P = "procedures/1.001193-dang-ky-khai-sinh.yaml"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(args)
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_content_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["validate", str(write_tree(tmp_path)), "--date", "2026-11-27"], capsys)
    assert code == 0 and out == ""
    assert "Nội dung hợp lệ: 1 thủ tục" in err


def test_errors_exit_one_with_path_line_column_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_tree(tmp_path / "content", {P: PROCEDURE.replace("field: ho-tich", "field: ho-tic")})
    code, out, _ = run(["validate", str(root), "--date", "2026-11-27"], capsys)
    assert code == 1
    (line,) = out.splitlines()
    assert line.endswith(
        "procedures/1.001193-dang-ky-khai-sinh.yaml:3:8: unknown-sector: lỗi: không có lĩnh vực nào có mã `ho-tic`; có phải ý bạn là `ho-tich`?"
    )


def test_warnings_pass_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_tree(tmp_path, {P: PROCEDURE.replace("last_reviewed: 2026-09-01", "last_reviewed: 2020-01-01")})
    assert run(["validate", str(root), "--date", "2026-11-27"], capsys)[0] == 0
    code, out, _ = run(["validate", str(root), "--date", "2026-11-27", "--strict"], capsys)
    assert code == 1 and "review-overdue: cảnh báo" in out


def test_github_format(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    root = write_tree(tmp_path / "c", {P: PROCEDURE.replace("field: ho-tich", "field: ho-tic")})
    code, out, _ = run(["validate", str(root), "--format", "github", "--date", "2026-11-27"], capsys)
    assert code == 1
    assert out.startswith("::error file=")
    assert "procedures/1.001193-dang-ky-khai-sinh.yaml,line=3,col=8,title=unknown-sector::không có lĩnh vực" in out
    assert "| `" in summary.read_text(encoding="utf-8")


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_tree(tmp_path, {"fees/phi-chung-thuc-ban-sao.yaml": FEE.replace("cap: 200000", "cap: -5")})
    code, out, _ = run(["validate", str(root), "--format", "json", "--date", "2026-11-27"], capsys)
    report = json.loads(out)
    assert code == 1 and report["errors"] == 1
    (problem,) = report["problems"]
    assert (problem["code"], problem["line"], problem["severity"]) == ("negative-number", 14, "error")


def test_usage_errors_exit_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", str(tmp_path / "missing")], capsys)[0] == 2
    assert run(["validate", "--format", "xml"], capsys)[0] == 2
    assert run(["frobnicate"], capsys)[0] == 2
    assert run([], capsys)[0] == 2
    assert run(["validate", "--date", "27/11/2026"], capsys)[0] == 2
    assert run(["new", "procedure", "1.1193"], capsys)[0] == 2


def test_content_folder_from_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONGKHAI_CONTENT", str(write_tree(tmp_path)))
    monkeypatch.setenv("CONGKHAI_DATE", "2026-11-27")
    assert run(["validate"], capsys)[0] == 0
    monkeypatch.setenv("CONGKHAI_DATE", "hôm nay")
    assert run(["validate"], capsys)[0] == 2


@pytest.mark.parametrize(("kind", "key"), [("procedure", "1.009876"), ("fee", "le-phi-moi"), ("commune", "xa-moi")])
def test_new_writes_a_valid_skeleton(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kind: str, key: str
) -> None:
    monkeypatch.setenv("CONGKHAI_DATE", TODAY.isoformat())
    root = write_tree(tmp_path)
    code, out, _ = run(["new", kind, key, "--name", 'Tên "mới"', "--content", str(root)], capsys)
    assert code == 0
    written = Path(out.strip())
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/")
    _, problems = load_content(root, TODAY)
    # The only errors are the lines left to fill in: placeholders and, for a procedure, its levels.
    errors = {p.code for p in problems if p.severity.value == "error"}
    assert errors == ({"skeleton-placeholder", "empty-value"} if kind == "procedure" else {"skeleton-placeholder"})
    # Writing again refuses to overwrite.
    assert run(["new", kind, key, "--content", str(root)], capsys)[0] == 2


def test_schemas_are_generated_and_committed_in_step(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["schema", "--out", str(tmp_path)], capsys)[0] == 0
    for name in SCHEMAS:
        generated = (tmp_path / f"{name}.schema.json").read_text(encoding="utf-8")
        assert generated == render(name)
        committed = ROOT / "schemas" / f"{name}.schema.json"
        assert committed.read_text(encoding="utf-8") == generated, f"run `make schemas`: {committed} is stale"
    procedure = json.loads((tmp_path / "procedure.schema.json").read_text(encoding="utf-8"))
    assert procedure["additionalProperties"] is False
    assert procedure["properties"]["name"]["title"] == "Tên thủ tục"
    assert procedure["properties"]["code"]["examples"] == ["1.001193", "khong_neu"]
    mode, not_stated = procedure["$defs"]["Channel"]["properties"]["mode"]["anyOf"]
    assert mode["enum"] == ["truc_tiep", "truc_tuyen", "buu_chinh", "luu_dong"]
    assert mode["enumDescriptions"] == ["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính", "Lưu động"]
    assert not_stated["const"] == "khong_neu" and not_stated["title"] == "Chưa công bố"


def test_schema_accepts_demo_content() -> None:
    schema = json.loads((ROOT / "schemas" / "procedure.schema.json").read_text(encoding="utf-8"))
    for path in sorted((ROOT / "content" / "procedures").glob("*.yaml"))[:10]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str))
        jsonschema.validate(data, schema)


def test_sample_writes_valid_content_of_the_asked_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s"
    assert run(["sample", "--procedures", "120", "--communes", "15", "--out", str(out)], capsys)[0] == 0
    content, problems = load_content(out, TODAY)
    assert problems == [] and content is not None
    assert len(content.procedures) == 120 and len(content.communes) == 15
    assert any(v.per_unit for f in content.fees.values() for v in f.versions)
    assert all(c.duty for c in content.communes)


def test_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_tree(tmp_path)
    code, out, _ = run(["stats", str(root), "--format", "json", "--date", "2026-11-27"], capsys)
    assert code == 0
    report = json.loads(out)
    assert report["by_field"] == {"Hộ tịch": 1} and report["by_level"] == {"Cấp xã": 1}
    code, out, _ = run(["stats", str(root), "--date", "2026-11-27"], capsys)
    assert "Theo lĩnh vực" in out and "Hộ tịch" in out


def test_module_entry_point_runs_without_traceback(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {P: "name: [\n"})
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(root)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "yaml-syntax" in result.stdout
