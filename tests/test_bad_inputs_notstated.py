"""Bad inputs about facts a record does not state (issue 16): `khong_neu` is one spelling, a
near miss is refused where it is written; each `khong_neu` is a notice (never an error); and the
capabilities real records need (half days, times by level, forms by name, laws by name) refuse
what they cannot mean."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.content import load_content
from generator.problems import Severity

from .helpers import PROCEDURE, TODAY, line_of, write_tree
from .test_bad_inputs import Case, P, case, check, sub

CASES = [
    # The one spelling of "not stated", and the notice at each use.
    case("result not stated", P, PROCEDURE, "result: Giấy khai sinh", "result: khong_neu", "not-stated"),
    case(
        "result spelled with a hyphen",
        P,
        PROCEDURE,
        "result: Giấy khai sinh",
        "result: khong-neu",
        "not-stated-spelling",
    ),
    case(
        "address spelled with accents",
        P,
        PROCEDURE,
        "submission_address: Bộ phận Một cửa UBND xã",
        "submission_address: Không nêu",
        "not-stated-spelling",
    ),
    case(
        "mode spelled with a space", P, PROCEDURE, "  - mode: truc_tiep", "  - mode: khong neu", "not-stated-spelling"
    ),
    case(
        "count in capitals",
        P,
        PROCEDURE,
        "        original: 1\n        copy: 0\n        form",
        "        original: KHONG_NEU\n        copy: 0\n        form",
        "not-stated-spelling",
    ),
    # A procedure without a published code needs another stable id.
    case("no code and no id", P, PROCEDURE, 'code: "1.001193"', "code: khong_neu", "missing-field"),
    # No default stands in for a fact: the number of dossier sets is written (or `khong_neu`).
    case("dossier sets left out", P, PROCEDURE, "dossier_sets: 1\n", "", "missing-field", "code:"),
    # Half days, not thirds.
    case("a third of a day", P, PROCEDURE, "      working_days: 1", "      working_days: 0.3", "bad-format"),
    # A time per level names a level of the portal, and one count per level.
    case(
        "time for an unknown level",
        P,
        PROCEDURE,
        "      working_days: 1",
        "      by_level:\n        - {level: quan, working_days: 5}",
        "unknown-level",
        "{level: quan",
    ),
    case(
        "two counts for one level",
        P,
        PROCEDURE,
        "      working_days: 1",
        "      by_level:\n        - {level: xa, working_days: 5, days: 5}",
        "one-of",
        "{level: xa",
    ),
    # A form is a file, a name, or both; never neither.
    case(
        "form with neither file nor name",
        P,
        PROCEDURE,
        "        form: to-khai.docx",
        "        form: {}",
        "missing-field",
    ),
    # A law is cited by its number in legal.yaml or by its name, not both.
    case(
        "law cited by number and name",
        P,
        PROCEDURE,
        'legal_basis: ["60/2014/QH13"]',
        'legal_basis:\n  - {doc: "60/2014/QH13", name: Luật Hộ tịch 2014}',
        "one-of",
        "  - {doc:",
    ),
]


@pytest.mark.parametrize("bad", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_at_its_place(tmp_path: Path, bad: Case) -> None:
    check(tmp_path, bad)


HONEST = sub(
    sub(
        sub(
            sub(PROCEDURE, "result: Giấy khai sinh", "result: khong_neu"),
            'legal_basis: ["60/2014/QH13"]',
            "legal_basis: khong_neu",
        ),
        "applicants: [Công dân Việt Nam]",
        "applicants: khong_neu",
    ),
    "dossier_sets: 1",
    "dossier_sets: khong_neu",
).replace(
    "steps:\n  - title: Nộp hồ sơ\n    text: Nộp tờ khai tại Bộ phận Một cửa.\n  - Trả kết quả trong ngày.",
    "steps: khong_neu",
)


def test_an_honest_record_is_valid_and_each_gap_is_a_notice(tmp_path: Path) -> None:
    """`khong_neu` in five fields: the content loads, with one `not-stated` notice at each."""
    root = write_tree(tmp_path, {P: HONEST})
    content, problems = load_content(root, TODAY)
    assert content is not None, problems
    notices = sorted(p.line for p in problems if p.code == "not-stated")
    expected = sorted(
        line_of(HONEST, needle)
        for needle in (
            "result: khong_neu",
            "legal_basis: khong_neu",
            "applicants: khong_neu",
            "dossier_sets: khong_neu",
            "steps: khong_neu",
        )
    )
    assert notices == expected
    assert all(p.severity is Severity.NOTICE for p in problems if p.code == "not-stated")


def test_strict_validation_lists_the_gaps_but_does_not_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_tree(tmp_path, {P: HONEST})
    assert main(["validate", str(root), "--strict", "--date", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert out.count("not-stated") == 5
    # A warning still fails --strict: the notices did not weaken it.
    stale = sub(HONEST, "last_reviewed: 2026-09-01", "last_reviewed: 2023-01-01")
    root = write_tree(tmp_path / "stale", {P: stale})
    assert main(["validate", str(root), "--strict", "--date", TODAY.isoformat()]) == 1


def test_stats_counts_the_gaps_per_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    root = write_tree(tmp_path, {P: HONEST})
    assert main(["stats", str(root), "--format", "json", "--date", TODAY.isoformat()]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {key.split(" ")[0]: n for key, n in report["not_stated"].items()} == {
        "applicants": 1,
        "dossier_sets": 1,
        "legal_basis": 1,
        "result": 1,
        "steps": 1,
    }


def test_an_agency_written_as_published_is_kept_with_its_connective(tmp_path: Path) -> None:
    text = "Trường nơi đến hoặc Phòng Giáo dục và Đào tạo nơi đến"
    body = sub(PROCEDURE, "  deciding: ubnd-xa", f"  deciding: ubnd-xa\n  coordinating: [{{text: {text}}}, ubnd-xa]")
    content, problems = load_content(write_tree(tmp_path, {P: body}), TODAY)
    assert content is not None, problems
    twice = sub(body, f"[{{text: {text}}}, ubnd-xa]", f"[{{text: {text}}}, {{text: {text}}}]")
    _content, problems = load_content(write_tree(tmp_path / "twice", {P: twice}), TODAY)
    assert [p.code for p in problems] == ["duplicate-item"]


def test_a_procedure_without_a_published_code_is_known_by_its_id(tmp_path: Path) -> None:
    """`code: khong_neu` with an `id`: the page is at thu-tuc/<id>/, the code reads "Chưa công bố",
    and the file is named after the id."""
    from generator.facts import Facts

    body = sub(PROCEDURE, 'code: "1.001193"', "code: khong_neu\nid: khai-sinh-xa-thu")
    files = {P: None, "procedures/khai-sinh-xa-thu.yaml": body}
    content, problems = load_content(write_tree(tmp_path, files), TODAY)
    assert content is not None, problems
    (p,) = content.procedures
    summary = Facts(content).summary(p)
    assert (p.key, summary.url, summary.code) == ("khai-sinh-xa-thu", "thu-tuc/khai-sinh-xa-thu/", "Chưa công bố")
    misnamed = {P: None, "procedures/khai-sinh.yaml": body}
    _content, problems = load_content(write_tree(tmp_path / "misnamed", misnamed), TODAY)
    assert [(p.code, p.line) for p in problems if p.code == "file-name"] == [("file-name", 2)]
