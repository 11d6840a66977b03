"""Traps a new editor falls into (issue 14, "No traps"): shared list files that conflict or break
every other file, quoted dates, YAML anchors, misleading hints, files the build ignores without a
word, skeleton placeholders left in, forms that are not documents. Each is reported at its place."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.content import load_content

from .helpers import AGENCIES, COMMUNE, FIELDS, LEGAL, PROCEDURE, SITE, TODAY, line_of, write_tree
from .test_bad_inputs import C, Case, P, case, check, sub
from .test_changes import commit, run
from .test_changes import repo as repo  # a fixture

DOCX = b"PK\x05\x06" + b"\x00" * 18

LEGAL_CONFLICT = LEGAL.replace(
    "  - number: 226/2016/TT-BTC\n",
    "<<<<<<< HEAD\n  - number: 01/2025/NQ-HĐND\n    title: Nghị quyết A\n    issuer: HĐND tỉnh\n"
    "    date: 2025-01-10\n=======\n  - number: 02/2025/NQ-HĐND\n    title: Nghị quyết B\n"
    "    issuer: HĐND tỉnh\n    date: 2025-02-10\n>>>>>>> them-nghi-quyet\n  - number: 226/2016/TT-BTC\n",
)

AGENCIES_BAD_INDENT = sub(AGENCIES, "  - id: phong-tu-phap\n    name:", "  - id: phong-tu-phap\n     name:")

LAW_FILE = """\
number: 60/2014/QH13
title: Luật Hộ tịch
issuer: Quốc hội
date: 2014-11-20
"""

AGENCY_FILE = """\
id: ubnd-xa
name: UBND cấp xã
level: xa
"""

ANCHORED = sub(
    PROCEDURE,
    '    time: {same_day: true, cutoff: "15:00"}\n    fees: [phi-chung-thuc-ban-sao]',
    '    time: {same_day: true, cutoff: "15:00"}\n    fees: &fees [phi-chung-thuc-ban-sao]',
)
ANCHORED = sub(ANCHORED, "      working_days: 1\n    fees: []", "      working_days: 1\n    fees: *fees")

RESULT_INDENT = sub(
    PROCEDURE,
    'result: Giấy khai sinh\nlegal_basis: ["60/2014/QH13"]',
    'result: Giấy khai sinh\n  legal_basis: ["60/2014/QH13"]',
)

CASES = [
    # Laws, agencies and fields: shared list files and one file per record
    Case(
        "conflict marker in legal.yaml",
        "legal.yaml",
        LEGAL_CONFLICT,
        "yaml-conflict-marker",
        line_of(LEGAL_CONFLICT, "<<<<<<<"),
    ),
    Case(
        "conflict marker in a procedure",
        P,
        sub(
            PROCEDURE,
            "result: Giấy khai sinh\n",
            "<<<<<<< HEAD\nresult: Giấy khai sinh\n=======\nresult: Bản sao\n>>>>>>> b\n",
        ),
        "yaml-conflict-marker",
        line_of(PROCEDURE, "result:"),
    ),
    Case(
        "wrong indent in agencies.yaml",
        "agencies.yaml",
        AGENCIES_BAD_INDENT,
        "yaml-indent",
        line_of(AGENCIES_BAD_INDENT, "     name:"),
    ),
    Case(
        "a law both in legal.yaml and in legal/",
        "legal/60-2014-qh13.yaml",
        LAW_FILE,
        "duplicate-id",
        None,
    ),
    Case(
        "an agency both in agencies.yaml and in agencies/", "agencies/ubnd-xa.yaml", AGENCY_FILE, "duplicate-id", None
    ),
    Case(
        "an agency file named after another id",
        "agencies/uy-ban-xa.yaml",
        AGENCY_FILE,
        "file-name",
        None,
        {"agencies.yaml": AGENCIES.replace("  - id: ubnd-xa\n    name: UBND cấp xã\n    level: xa\n", "")},
    ),
    Case(
        "a field file with an unknown key",
        "fields/ho-tich.yaml",
        "id: ho-tich\nname: Hộ tịch\nnam: x\n",
        "unknown-key",
        3,
        {"fields.yaml": FIELDS.replace("  - id: ho-tich\n    name: Hộ tịch\n", "")},
    ),
    Case(
        "a law file with a wrong date",
        "legal/60-2014-qh13.yaml",
        LAW_FILE.replace("2014-11-20", "2014-02-30"),
        "invalid-date",
        4,
        {
            "legal.yaml": LEGAL.replace(
                "  - number: 60/2014/QH13\n    title: Luật Hộ tịch\n    issuer: Quốc hội\n    date: 2014-11-20\n", ""
            )
        },
    ),
    # Anchors and aliases: one edit changes every copy
    Case("anchor in a procedure", P, ANCHORED, "yaml-anchor", line_of(ANCHORED, "&fees")),
    # Indentation under a value: an indentation hint, not "quote the value"
    Case("misplaced indent under result", P, RESULT_INDENT, "yaml-indent", line_of(RESULT_INDENT, "  legal_basis")),
    # Skeleton placeholders left in
    case(
        "skeleton summary left in",
        P,
        PROCEDURE,
        "result: Giấy khai sinh",
        'result: Giấy khai sinh\nsummary: "Thủ tục này dùng để làm gì, viết một hai câu bằng lời thường."',
        "skeleton-placeholder",
        "summary:",
    ),
    case(
        "skeleton decision number left in",
        P,
        PROCEDURE,
        "result: Giấy khai sinh",
        'result: Giấy khai sinh\ndecision: "…/QĐ-UBND"',
        "skeleton-placeholder",
        "decision:",
    ),
    case(
        "skeleton result left in",
        P,
        PROCEDURE,
        "result: Giấy khai sinh",
        'result: "Kết quả người dân nhận được"',
        "skeleton-placeholder",
    ),
    # Files the build would ignore without a word
    Case(
        "a procedure in procedure/ (singular)",
        "procedure/1.001193-dang-ky-khai-sinh.yaml",
        PROCEDURE,
        "unread-file",
        None,
    ),
    Case(
        "a procedure named .YAML",
        "procedures/1.002000-x.YAML",
        PROCEDURE.replace("1.001193", "1.002000"),
        "unread-file",
        None,
    ),
    # Forms: documents only, names that are addresses, no orphans
    Case("an html form", "forms/trang.html", b"<script>alert(1)</script>", "form-type", None),
    Case("an exe form", "forms/cai-dat.exe", b"MZ\x90\x00", "form-type", None),
    Case("a form name with spaces and accents", "forms/Tờ khai mới.docx", DOCX, "form-name", None),
    Case("a form nobody uses", "forms/mau-cu.docx", DOCX, "unused-form", None),
    # Who may approve a change to a file
    case(
        "commune editor not a GitHub handle",
        C,
        COMMUNE,
        "desk: Bộ phận Một cửa UBND xã Vũ Ninh",
        "desk: Bộ phận Một cửa UBND xã Vũ Ninh\neditors: [Nguyễn Văn A]",
        "bad-format",
        "editors:",
    ),
    case(
        "site editor not a GitHub handle",
        "site.yaml",
        SITE,
        "demo: true",
        'demo: true\neditors:\n  xa-vu-ninh: ["@a b"]',
        "bad-format",
        "  xa-vu-ninh",
    ),
    case(
        "site editors for an unknown commune",
        "site.yaml",
        SITE,
        "demo: true",
        'demo: true\neditors:\n  xa-vu-nin: ["@canbo-vuninh"]',
        "unknown-commune",
        "  xa-vu-nin",
    ),
    # Site-wide closures (holidays beyond the national calendar)
    case(
        "site closure ending before it starts",
        "site.yaml",
        SITE,
        "demo: true",
        "demo: true\nclosures:\n  - valid_from: 2027-02-12\n    valid_until: 2027-02-11\n    reason: Nghỉ bù",
        "date-range",
        "    valid_until: 2027-02-11",
    ),
]


@pytest.mark.parametrize("bad", CASES, ids=[c.name for c in CASES])
def test_trap_is_reported_at_its_place(tmp_path: Path, bad: Case) -> None:
    check(tmp_path, bad)


# ---------------------------------------------------------------------------------------------
# A broken shared file: its own problem first, and none of the knock-on errors it would cause


@pytest.mark.parametrize(
    ("name", "body", "code"),
    [("legal.yaml", LEGAL_CONFLICT, "yaml-conflict-marker"), ("agencies.yaml", AGENCIES_BAD_INDENT, "yaml-indent")],
)
def test_broken_shared_file_reported_first_without_knock_on_errors(
    tmp_path: Path, name: str, body: str, code: str
) -> None:
    _, problems = load_content(write_tree(tmp_path, {name: body}), TODAY)
    assert (problems[0].code, problems[0].file) == (code, name)
    knock_on = {"unknown-legal-doc", "unknown-agency", "unknown-sector"}
    assert [p for p in problems if p.code in knock_on] == []


def test_a_broken_shared_file_does_not_hide_real_errors_elsewhere(tmp_path: Path) -> None:
    broken = sub(PROCEDURE, "result: Giấy khai sinh", "reslt: Giấy khai sinh")
    _, problems = load_content(write_tree(tmp_path, {"legal.yaml": LEGAL_CONFLICT, P: broken}), TODAY)
    assert ("unknown-key", P) in {(p.code, p.file) for p in problems}


def test_one_file_per_record_is_equivalent_to_the_list_files(tmp_path: Path) -> None:
    tree = {
        "legal.yaml": None,
        "agencies.yaml": None,
        "fields.yaml": None,
        "legal/60-2014-qh13.yaml": LAW_FILE,
        "legal/226-2016-tt-btc.yaml": "number: 226/2016/TT-BTC\ntitle: Phí chứng thực\nissuer: Bộ Tài chính\ndate: 2016-11-11\n",
        "agencies/ubnd-xa.yaml": AGENCY_FILE,
        "agencies/phong-tu-phap.yaml": "id: phong-tu-phap\nname: Phòng Tư pháp\nlevel: huyen\n",
        "fields/ho-tich.yaml": "id: ho-tich\nname: Hộ tịch\n",
        "fields/chung-thuc.yaml": "id: chung-thuc\nname: Chứng thực\n",
    }
    split, problems = load_content(write_tree(tmp_path / "split", tree), TODAY)
    assert problems == []
    listed, _ = load_content(write_tree(tmp_path / "listed"), TODAY)
    assert split is not None and listed is not None
    assert split.sectors == listed.sectors
    assert split.agencies == listed.agencies
    assert split.legal == listed.legal


# ---------------------------------------------------------------------------------------------
# Values that must simply be accepted


def test_quoted_dates_are_dates(tmp_path: Path) -> None:
    quoted = sub(PROCEDURE, "last_reviewed: 2026-09-01", 'last_reviewed: "2026-09-01"')
    content, problems = load_content(write_tree(tmp_path, {P: quoted}), TODAY)
    assert problems == []
    assert content is not None
    (procedure,) = content.procedures
    assert str(procedure.last_reviewed) == "2026-09-01"


def test_a_quoted_impossible_date_is_still_an_impossible_date(tmp_path: Path) -> None:
    quoted = sub(PROCEDURE, "last_reviewed: 2026-09-01", 'last_reviewed: "2026-02-30"')
    _, problems = load_content(write_tree(tmp_path, {P: quoted}), TODAY)
    assert [(p.code, p.line) for p in problems] == [("invalid-date", line_of(quoted, "last_reviewed"))]


def test_a_decomposed_form_reference_matches_its_file(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "to-khai.docx")  # ASCII: same; the accented one below is not
    assert nfd == "to-khai.docx"
    name = "tờ-khai.docx"
    body = sub(PROCEDURE, "form: to-khai.docx", "form: " + unicodedata.normalize("NFD", name))
    _, problems = load_content(write_tree(tmp_path, {P: body, "forms/" + name: DOCX}), TODAY)
    assert "missing-form-file" not in {p.code for p in problems}
    # The accented name itself is reported, with the name to use instead.
    (named,) = [p for p in problems if p.code == "form-name"]
    assert "to-khai.docx" in named.message


def test_no_did_you_mean_names_the_same_thing_twice(tmp_path: Path) -> None:
    name = "tờ-khai.docx"
    body = sub(PROCEDURE, "form: to-khai.docx", "form: " + name)
    root = write_tree(tmp_path, {P: body})
    (root / "forms" / unicodedata.normalize("NFD", name)).write_bytes(DOCX)
    _, problems = load_content(root, TODAY)
    for p in problems:
        assert f"`{name}`" not in p.message or p.message.count(name) == 1 or "NFC" in p.message, p.message


# ---------------------------------------------------------------------------------------------
# "Did you mean": only the same legal number spelled differently


def _legal_message(tmp_path: Path, cited: str, extra_law: str) -> str:
    legal = LEGAL + extra_law
    body = sub(PROCEDURE, 'legal_basis: ["60/2014/QH13"]', f'legal_basis: ["60/2014/QH13", "{cited}"]')
    _, problems = load_content(write_tree(tmp_path, {P: body, "legal.yaml": legal}), TODAY)
    (problem,) = [p for p in problems if p.code == "unknown-legal-doc"]
    return problem.message


LAW_15 = "  - number: 15/2021/NĐ-CP\n    title: Nghị định khác\n    issuer: Chính phủ\n    date: 2021-03-03\n"
LAW_01 = "  - number: 01/2024/NĐ-CP\n    title: Nghị định một\n    issuer: Chính phủ\n    date: 2024-01-05\n"


def test_a_different_legal_number_is_never_suggested(tmp_path: Path) -> None:
    assert "15/2021/NĐ-CP" not in _legal_message(tmp_path, "15/2026/NQ-HĐND", LAW_15)


@pytest.mark.parametrize("cited", ["1/2024/ND-CP", "01/2024/ND-CP", "01/2024/NÐ-CP", "01/2024/nđ-cp", "1/2024/NĐCP"])
def test_the_same_legal_number_spelled_differently_is_suggested(tmp_path: Path, cited: str) -> None:
    assert "01/2024/NĐ-CP" in _legal_message(tmp_path, cited, LAW_01)


# ---------------------------------------------------------------------------------------------
# Files the build ignores are named with the right place


def test_unknown_folder_suggests_the_right_one(tmp_path: Path) -> None:
    _, problems = load_content(write_tree(tmp_path, {"procedure/1.002000-x.yaml": PROCEDURE}), TODAY)
    (problem,) = [p for p in problems if p.code == "unread-file"]
    assert "procedures/" in problem.message


@pytest.mark.parametrize("name", ["procedures/1.002000-x.YAML", "procedures/1.002000-x.yaml.txt"])
def test_wrong_extension_suggests_yaml(tmp_path: Path, name: str) -> None:
    _, problems = load_content(write_tree(tmp_path, {name: PROCEDURE}), TODAY)
    (problem,) = [p for p in problems if p.code == "unread-file"]
    assert "1.002000-x.yaml" in problem.message


def test_form_name_problem_says_what_to_rename_to(tmp_path: Path) -> None:
    _, problems = load_content(write_tree(tmp_path, {"forms/Tờ Khai Mới.DOCX": DOCX}), TODAY)
    (problem,) = [p for p in problems if p.code == "form-name"]
    assert "to-khai-moi.docx" in problem.message


def test_base_tree_with_the_commune_holiday_still_valid(tmp_path: Path) -> None:
    # A commune keeping a closure that is also a national holiday is harmless: shown once.
    content, problems = load_content(write_tree(tmp_path, {C: COMMUNE}), TODAY)
    assert problems == []
    assert content is not None


# ---------------------------------------------------------------------------------------------
# `migrate`: the list files split into one file per record


def test_migrate_splits_the_list_files_keeping_comments(tmp_path: Path) -> None:
    from generator.authoring.migrate import migrate

    commented = sub(AGENCIES, "  - id: phong-tu-phap\n", "  # Từ 01/7/2025 thuộc UBND xã\n  - id: phong-tu-phap\n")
    root = write_tree(tmp_path / "c", {"agencies.yaml": commented})
    before, _ = load_content(root, TODAY)
    result = migrate(root)
    assert sorted(p.relative_to(root).as_posix() for p in result.removed) == [
        "agencies.yaml",
        "fields.yaml",
        "legal.yaml",
    ]
    assert result.refused == []
    assert (root / "agencies" / "phong-tu-phap.yaml").read_text(encoding="utf-8").splitlines()[1:3] == [
        "# Từ 01/7/2025 thuộc UBND xã",
        "id: phong-tu-phap",
    ]
    assert (root / "legal" / "60-2014-qh13.yaml").is_file()
    after, problems = load_content(root, TODAY)
    assert problems == []
    assert before is not None and after is not None
    assert (after.sectors, after.agencies, after.legal) == (before.sectors, before.agencies, before.legal)
    # Again: nothing to do, nothing changed.
    files = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    again = migrate(root)
    assert (again.written, again.removed, again.refused) == ([], [], [])
    assert files == {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_migrate_leaves_a_broken_list_file_alone(tmp_path: Path) -> None:
    from generator.authoring.migrate import migrate

    root = write_tree(tmp_path, {"legal.yaml": LEGAL_CONFLICT})
    result = migrate(root)
    assert [r.split(":")[0] for r in result.refused] == ["legal.yaml"]
    assert (root / "legal.yaml").read_text(encoding="utf-8") == LEGAL_CONFLICT
    assert not (root / "legal").exists()


# ---------------------------------------------------------------------------------------------
# CODEOWNERS from the content


def test_codeowners_gives_each_commune_file_to_its_editors(tmp_path: Path) -> None:
    from generator.authoring.codeowners import codeowners

    site = SITE + 'maintainers: [vanphong-ubnd]\neditors:\n  xa-vu-ninh: ["@tuphap-vuninh"]\n'
    commune = sub(
        COMMUNE,
        "desk: Bộ phận Một cửa UBND xã Vũ Ninh",
        "desk: Bộ phận Một cửa UBND xã Vũ Ninh\neditors: [motcua-vuninh]",
    )
    content, problems = load_content(write_tree(tmp_path, {"site.yaml": site, C: commune}), TODAY)
    assert content is not None, problems
    text = codeowners(content.site, [(c, content.files[f"commune:{c.id}"]) for c in content.communes], "content/")
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules == [
        "* @vanphong-ubnd",
        "/content/communes/xa-vu-ninh.yaml @tuphap-vuninh @motcua-vuninh @vanphong-ubnd",
    ]


def test_committed_codeowners_is_in_step_with_the_content() -> None:
    from generator.authoring.codeowners import codeowners, content_prefix

    from .helpers import ROOT

    content, _ = load_content(ROOT / "content", TODAY)
    assert content is not None
    communes = [(c, content.files[f"commune:{c.id}"]) for c in content.communes]
    expected = codeowners(content.site, communes, content_prefix(ROOT / "content", ROOT))
    committed = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert committed == expected, "run `make codeowners`"


def test_migrating_is_no_change_for_citizens_and_a_new_law_file_is_one(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.authoring.migrate import migrate

    migrate(repo / "content")
    commit(repo, "tách danh mục")
    code, out = run(["HEAD~1"], capsys, repo, monkeypatch)
    assert code == 0 and "Không có thay đổi" in out
    (repo / "content" / "legal" / "15-2026-nq-hdnd.yaml").write_text(
        "number: 15/2026/NQ-HĐND\ntitle: Nghị quyết về lệ phí\nissuer: HĐND tỉnh\ndate: 2026-07-01\n", encoding="utf-8"
    )
    commit(repo, "thêm nghị quyết")
    _, out = run(["HEAD~1"], capsys, repo, monkeypatch)
    assert "15/2026/NQ-HĐND" in out and "Không có thay đổi" not in out
