"""The editors' interface at /quan-tri/ (Decap CMS) and the editors' links on citizens' pages:
the generated configuration (in step with the models and the checked-in copy), the content format
(run under Node), the admin page's isolation and policy, and the "Sửa nội dung này" / "Thêm thủ
tục mới" links. Saving through the interface in Chromium: tests/test_cms_browser.py."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from generator import model as m
from generator.authoring import cms
from generator.content import load_content
from generator.load.folder import PLACEHOLDERS
from generator.plugin import ADMIN_POLICY, CONTENT_SECURITY_POLICY

from .helpers import PROCEDURE, SITE, TODAY, build, write_tree

ROOT = Path(__file__).resolve().parent.parent
CMS = ROOT / "cms"
HARNESS = Path(__file__).parent / "cms" / "format_harness.mjs"
REPOSITORY = "repository:\n  name: ubnd-thu/noi-dung\n  branch: xuat-ban\n"


# ---------------------------------------------------------------------------------------------
# The configuration


def test_configuration_is_generated_and_committed_in_step(tmp_path: Path) -> None:
    from generator.cli import main

    assert main(["cms", "--out", str(tmp_path)]) == 0
    for name in (cms.CONFIG_FILE, cms.FORMATS_FILE):
        generated = (tmp_path / name).read_text(encoding="utf-8")
        assert (CMS / name).read_text(encoding="utf-8") == generated, f"run `make cms`: cms/{name} is stale"
    assert (tmp_path / cms.CONFIG_FILE).read_text(encoding="utf-8") == cms.render()


def _field(fields: list[dict[str, Any]], *path: str) -> dict[str, Any]:
    """A field of a collection by its path of names (`fields` or a list's `field` below)."""
    found: dict[str, Any] = {"fields": fields}
    for name in path:
        found = next(f for f in found["fields"] if f["name"] == name)
    return found


def _collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def _fields(config: dict[str, Any], name: str) -> list[dict[str, Any]]:
    collection = _collection(config, name)
    fields: list[dict[str, Any]] = collection["fields"] if "fields" in collection else collection["files"][0]["fields"]
    return fields


def test_one_collection_per_kind_with_the_models_labels() -> None:
    config = yaml.safe_load(cms.render())
    # Fields, agencies and laws are edited one file each: the list files they join are not offered.
    joined = {k.joins for k in m.KINDS if k.joins}
    assert joined == {"fields", "agencies", "legal"}
    assert [c["name"] for c in config["collections"]] == [k.name for k in m.KINDS if k.name not in joined]
    for kind in cms.editable_kinds():
        collection = _collection(config, kind.name)
        assert collection["label"] == kind.model.label
        assert collection["description"] == kind.model.help
        if kind.is_folder:
            assert collection["folder"] == f"content/{kind.path}"
        else:
            assert collection["files"][0]["file"] == f"content/{kind.path}"
    assert _collection(config, "law")["summary"] == "{{number}} – {{title}}"
    assert _collection(config, "fee")["summary"] == "{{name}}"
    assert config["locale"] == "vi"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["media_folder"] == "content/forms"
    assert "repo" not in config["backend"]  # the checked-in copy is made from the models alone


def test_widgets_follow_the_models() -> None:
    config = yaml.safe_load(cms.render())
    procedure = _fields(config, "procedure")
    # Titles and descriptions become labels and hints.
    name = _field(procedure, "name")
    assert (name["label"], name["widget"]) == ("Tên thủ tục", "string")
    assert _field(procedure, "summary")["widget"] == "text"  # several lines
    assert _field(procedure, "field")["hint"] == "`id` trong `fields.yaml`."
    # Choices, with the vocabulary's labels.
    mode = _field(procedure, "channels", "mode")
    assert mode["widget"] == "select"
    assert mode["options"] == [{"label": m.CHANNEL_LABELS[v], "value": v} for v in m.CHANNEL_LABELS]
    # References to existing records.
    field = _field(procedure, "field")
    assert (field["widget"], field["collection"], field["value_field"]) == ("relation", "field", "id")
    executing = _field(procedure, "agencies", "executing")
    assert (executing["collection"], executing["value_field"], executing["multiple"]) == ("agency", "id", True)
    fee = _field(procedure, "channels", "fees", "fee")
    assert (fee["widget"], fee["collection"], fee["value_field"]) == ("relation", "fee", "id")
    law = _field(procedure, "legal_basis", "doc")
    assert (law["collection"], law["value_field"], law["display_fields"]) == ("law", "number", ["number", "title"])
    assert _field(procedure, "related")["collection"] == "procedure"
    assert _field(procedure, "levels")["value_field"] == "levels.*.id"
    # A list of plain texts: one `field`, so a comma inside a value stays in it.
    applicants = _field(procedure, "applicants")
    assert applicants["widget"] == "list" and applicants["field"]["widget"] == "string"
    assert "fields" not in applicants and applicants["min"] == 1
    # A shorthand (string or object) is edited as its object.
    step = _field(procedure, "steps")
    assert [f["name"] for f in step["fields"]] == ["title", "text"]
    # Dates: a picker writing YYYY-MM-DD.
    reviewed = _field(procedure, "last_reviewed")
    assert (reviewed["widget"], reviewed["format"], reviewed["time_format"]) == ("datetime", "YYYY-MM-DD", False)
    # Forms: uploaded with the change.
    assert _field(procedure, "documents", "items", "form", "file")["widget"] == "file"
    # Aliases are the keys written.
    assert _field(procedure, "documents", "items", "copy")["widget"] == "number"
    # Nothing inside an optional block is demanded (Decap would demand it of a record without it).
    assert _field(procedure, "change_note", "date")["required"] is False
    assert "required" not in _field(procedure, "name")
    # A field that may say `khong_neu` has no bound or pattern Decap would hold that value to.
    assert "pattern" not in _field(procedure, "code")
    assert "min" not in _field(procedure, "documents", "items", "original")
    assert _field(procedure, "channels", "fees", "fee")["widget"] == "relation"


def test_rosters_and_closures_are_lists() -> None:
    commune = _fields(yaml.safe_load(cms.render()), "commune")
    duty = _field(commune, "duty")
    assert duty["widget"] == "list"
    # What the shift is first, when it applies (its validity) last.
    assert [f["name"] for f in duty["fields"]] == [
        "person", "title", "weekdays", "dates", "hours", "tasks", "valid_from", "valid_until"
    ]  # fmt: skip
    weekdays = _field(commune, "duty", "weekdays")
    assert (weekdays["widget"], weekdays["multiple"]) == ("select", True)
    assert [o["label"] for o in weekdays["options"]] == list(m.WEEKDAY_LABELS.values())
    assert _field(commune, "duty", "dates")["field"]["format"] == "YYYY-MM-DD"
    closures = _field(commune, "closures")
    assert closures["widget"] == "list" and _field(commune, "closures", "valid_from")["widget"] == "datetime"


def test_the_site_configuration_names_the_repository() -> None:
    site = m.Site.model_validate(
        {
            **yaml.safe_load(SITE),
            "repository": {
                "name": "ubnd-thu/noi-dung",
                "branch": "xuat-ban",
                "folder": "du-lieu",
                "oauth_url": "https://dang-nhap.example.gov.vn/github/auth",
            },
        }
    )
    config = yaml.safe_load(cms.render(site))
    assert config["backend"]["repo"] == "ubnd-thu/noi-dung" and config["backend"]["branch"] == "xuat-ban"
    assert _collection(config, "procedure")["folder"] == "du-lieu/procedures"
    assert config["media_folder"] == "du-lieu/forms"
    assert config["site_url"] == "https://example.gov.vn/"
    assert (config["backend"]["base_url"], config["backend"]["auth_endpoint"]) == (
        "https://dang-nhap.example.gov.vn",
        "github/auth",
    )


@pytest.mark.parametrize("name", ["owner/repo/extra", "-owner/repo", "owner/re po", "owner", "owner/"])
def test_a_repository_name_is_owner_slash_name(name: str) -> None:
    with pytest.raises(ValueError):
        m.Repository.model_validate({"name": name})


# ---------------------------------------------------------------------------------------------
# The content format, under Node


def _node() -> str:
    node = shutil.which("node")
    if node is None or not (CMS / cms.YAML_DIST).is_dir():
        pytest.skip("needs node and cms/node_modules (make test installs them: npm ci --prefix cms)")
    return node


def run_format(kind: str, cases: list[dict[str, Any]]) -> list[str]:
    """What the interface's format writes for each case (see tests/cms/format_harness.mjs)."""
    request = {"formats": str(CMS / cms.FORMATS_FILE), "kind": kind, "cases": cases}
    result = subprocess.run(
        [_node(), str(HARNESS)], input=json.dumps(request), capture_output=True, text=True, check=True, timeout=60
    )
    texts: list[str] = json.loads(result.stdout)
    return texts


def test_saving_an_unchanged_record_writes_it_as_it_was_without_anchors(tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    for kind in cms.editable_kinds():
        paths = sorted((copy / kind.path).glob("*.yaml")) if kind.is_folder else [copy / kind.path]
        assert paths, kind.name
        texts = [p.read_text(encoding="utf-8") for p in paths]
        written = run_format(kind.name, [{"text": t} for t in texts])
        for path, before, after in zip(paths, texts, written, strict=True):
            assert yaml.safe_load(after) == yaml.safe_load(before), path.name  # aliases resolved
            assert not re.search(r"[&*]id\d", after), path.name
            if not re.search(r"[&*]id\d", before):
                assert after == before, path.name  # comments, quotes, layout and key order kept
            path.write_text(after, encoding="utf-8")
    _, problems = load_content(copy, TODAY)
    assert [p for p in problems if p.severity.value == "error"] == []


FEE = """\
# yaml-language-server: $schema=../../schemas/fee.schema.json
id: le-phi-thu
name: "Lệ phí thử" # tên như trong văn bản
kind: le_phi
set_by: HĐND tỉnh
versions:
- valid_from: 2020-01-01
  amount: 100000
  rule: "100.000 đồng/lần."
  legal_basis: ["85/2019/TT-BTC", {doc: "64/2025/TT-BTC", article: Điều 1}]
note: Ghi chú
"""


def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    return [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=False) if a != b]


def test_an_edit_changes_only_its_line() -> None:
    (after,) = run_format("fee", [{"text": FEE, "set": [[["versions", 0, "amount"], 150000]]}])
    assert _changed_lines(FEE, after) == [("  amount: 100000", "  amount: 150000")]
    assert len(after.splitlines()) == len(FEE.splitlines())


def test_shorthands_are_opened_as_objects_and_written_back_as_they_were() -> None:
    cases = [
        {"text": FEE, "set": [[["note"], "Ghi chú mới"]]},
        {"text": FEE, "set": [[["versions", 0, "legal_basis", 0], {"doc": "85/2019/TT-BTC", "article": "Điều 4"}]]},
    ]
    unchanged_shorthand, with_article = run_format("fee", cases)
    assert 'legal_basis: ["85/2019/TT-BTC", {doc: "64/2025/TT-BTC", article: Điều 1}]' in unchanged_shorthand
    assert yaml.safe_load(with_article)["versions"][0]["legal_basis"][0] == {
        "doc": "85/2019/TT-BTC",
        "article": "Điều 4",
    }


def test_a_new_key_goes_where_the_model_puts_it_and_a_cleared_one_goes() -> None:
    cases = [
        {"text": FEE, "set": [[["versions", 0, "valid_until"], "2026-12-31"]]},
        {"text": FEE, "set": [[["note"], ""]]},
        {"text": FEE, "set": [[["change_note"], {"date": None, "text": ""}]]},
        {"text": FEE, "set": [[["exemptions"], []]]},
    ]
    added, cleared, empty_block, empty_list = run_format("fee", cases)
    lines = added.splitlines()
    assert lines[lines.index("- valid_from: 2020-01-01") + 1] == "  valid_until: 2026-12-31"
    assert yaml.safe_load(added)["versions"][0]["valid_until"].isoformat() == "2026-12-31"  # a YAML date
    assert "note:" not in cleared and cleared.startswith(FEE.rsplit("note:", 1)[0])
    assert empty_block == FEE and empty_list == FEE


def test_a_new_record_is_written_in_the_models_order_with_its_schema_line() -> None:
    data = {"versions": [{"rule": "r", "amount": 5, "valid_from": "2026-01-01"}], "name": "Lệ phí", "id": "x"}
    (text,) = run_format("fee", [{"data": data}])
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/fee.schema.json"
    assert [line.split(":")[0] for line in text.splitlines()[1:4]] == ["id", "name", "versions"]
    assert "- valid_from: 2026-01-01\n  amount: 5\n  rule: r\n" in text


# ---------------------------------------------------------------------------------------------
# The built site: /quan-tri/ on its own, and the editors' links


def test_the_admin_page_has_its_own_policy_and_no_citizens_page_loads_it(demo_site: Path) -> None:
    admin = (demo_site / "quan-tri" / "index.html").read_text(encoding="utf-8")
    assert f'content="{ADMIN_POLICY}"' in admin
    assert "'unsafe-eval'" in ADMIN_POLICY and "'unsafe-eval'" not in CONTENT_SECURITY_POLICY
    assert '<meta name="robots" content="noindex, nofollow">' in admin
    assert yaml.safe_load((demo_site / "quan-tri" / cms.CONFIG_FILE).read_text(encoding="utf-8"))["collections"]
    for page in demo_site.rglob("*.html"):
        if "quan-tri" in page.relative_to(demo_site).parts:
            continue
        text = page.read_text(encoding="utf-8")
        assert "quan-tri" not in text and "decap" not in text.lower(), page
        assert "'unsafe-eval'" not in text, page
    for name in ("sitemap.xml", "assets/ck-data.js"):
        assert "quan-tri" not in (demo_site / name).read_text(encoding="utf-8")


def test_the_admin_page_carries_the_pinned_bundle(demo_site: Path) -> None:
    if not (CMS / cms.DECAP_DIST).is_dir():
        pytest.skip("cms/node_modules is not installed (make site and make test install it)")
    lock = json.loads((CMS / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/decap-cms"]["version"] == "3.16.3"
    assert json.loads((CMS / "package.json").read_text(encoding="utf-8"))["dependencies"]["decap-cms"] == "3.16.3"
    bundle = (demo_site / "quan-tri" / cms.DECAP_BUNDLE).read_bytes()
    assert bundle == (CMS / cms.DECAP_DIST / cms.DECAP_BUNDLE).read_bytes()
    assert (demo_site / "quan-tri" / "yaml" / "index.js").is_file()
    assert not list((demo_site / "quan-tri").glob("*.map"))


def test_no_editors_link_without_a_repository(demo_site: Path) -> None:
    assert "repository:" not in (ROOT / "content" / "site.yaml").read_text(encoding="utf-8")
    for name in ("thu-tuc/1.001193/index.html", "phi-le-phi/index.html", "thu-tuc/index.html"):
        text = (demo_site / name).read_text(encoding="utf-8")
        assert "Sửa nội dung này" not in text and "Thêm thủ tục mới" not in text and "github.com" not in text


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal tree with `repository` in site.yaml, built."""
    root = tmp_path_factory.mktemp("linked")
    second = (
        PROCEDURE.replace('code: "1.001193"', 'code: "2.000815"')
        .replace("field: ho-tich", "field: chung-thuc")
        .replace("name: Đăng ký khai sinh", "name: Chứng thực bản sao")
    )
    content = write_tree(root / "content", {"site.yaml": SITE + REPOSITORY, "procedures/2.000815.yaml": second})
    result = build(content, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def _hrefs(page: Path, text: str) -> list[str]:
    html = page.read_text(encoding="utf-8")
    return [
        m_.group(1).replace("&amp;", "&")
        for m_ in re.finditer(r'<a href="([^"]*)" rel="noopener">' + re.escape(text), html)
    ]


EDIT = "https://github.com/ubnd-thu/noi-dung/edit/xuat-ban/content/"


def test_edit_links_open_the_records_file_in_githubs_editor(linked_site: Path) -> None:
    assert _hrefs(linked_site / "thu-tuc/1.001193/index.html", "Sửa nội dung này") == [
        EDIT + "procedures/1.001193-dang-ky-khai-sinh.yaml"
    ]
    assert _hrefs(linked_site / "xa-phuong/xa-vu-ninh/index.html", "Sửa nội dung này") == [
        EDIT + "communes/xa-vu-ninh.yaml"
    ]
    assert _hrefs(linked_site / "phi-le-phi/index.html", "Sửa nội dung này") == [
        EDIT + "fees/phi-chung-thuc-ban-sao.yaml"
    ]


def test_new_procedure_links_open_githubs_new_file_page_with_a_valid_skeleton(
    linked_site: Path, tmp_path: Path
) -> None:
    (az,) = _hrefs(linked_site / "thu-tuc/index.html", "Thêm thủ tục mới")
    (sector,) = _hrefs(linked_site / "linh-vuc/chung-thuc/index.html", "Thêm thủ tục mới")
    for href, field in ((az, "ho-tich"), (sector, "chung-thuc")):
        parts = urlsplit(href)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
            "https://github.com/ubnd-thu/noi-dung/new/xuat-ban/content/procedures"
        )
        query = parse_qs(parts.query)
        name, text = query["filename"][0], query["value"][0]
        assert name.endswith(".yaml") and "/" not in name
        assert text == unquote(href.split("&value=", 1)[1])
        assert text.startswith("# yaml-language-server: $schema=../../schemas/procedure.schema.json")
        assert yaml.safe_load(text)["field"] == field
        # As GitHub would commit it: its references hold, and what is left to fill in is reported
        # at the lines to fill in (placeholders, the levels), each in the new file.
        root = write_tree(tmp_path / field, {f"procedures/{name}": text})
        _, problems = load_content(root, TODAY)
        errors = {(p.code, p.file) for p in problems if p.severity.value == "error"}
        assert errors and {file for _, file in errors} == {f"procedures/{name}"}
        assert {code for code, _ in errors} <= {"skeleton-placeholder", "empty-value"}, errors
        # Filled in, it is a valid procedure.
        filled = text.replace("levels: []", "levels: [xa]")
        for key, placeholder in PLACEHOLDERS.items():
            filled = filled.replace(placeholder, f"Nội dung thật {key}")
        filled = filled.replace('code: "0.000000"', 'code: "1.000001"')
        write_tree(tmp_path / field, {f"procedures/{name}": filled})
        _, problems = load_content(root, TODAY)
        assert [(p.code, p.line) for p in problems if p.severity.value == "error"] == []


def test_flags_are_checkboxes_not_one_choice_lists() -> None:
    """`exempt: true` (a `Literal[True]` flag): Decap refuses a select whose option is a boolean,
    and then shows no interface at all."""
    import yaml as _yaml

    from generator.authoring import cms as _cms

    def selects(fields: list[dict[str, object]]) -> list[object]:
        found: list[object] = []
        for f in fields:
            if f.get("widget") == "select":
                found += [o for o in f.get("options", []) if isinstance(o, dict) and isinstance(o.get("value"), bool)]  # type: ignore[attr-defined]
            for key in ("fields",):
                if isinstance(f.get(key), list):
                    found += selects(f[key])  # type: ignore[arg-type]
            if isinstance(f.get("field"), dict):
                found += selects([f["field"]])  # type: ignore[list-item]
        return found

    config = _yaml.safe_load(_cms.render())
    assert [o for c in config["collections"] for o in selects(c.get("fields", []))] == []
