"""The bad-input suite: broken content files, each reported with the right code at the right line,
never a traceback. Every catalogued code is produced by at least one case here."""

from __future__ import annotations

import importlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.content import load_content
from generator.problems import CATALOGUE

from .helpers import AGENCIES, COMMUNE, FEE, FIELDS, LEGAL, PROCEDURE, SITE, STATS, TODAY, line_of, write_tree

P = "procedures/1.001193-dang-ky-khai-sinh.yaml"
F = "fees/phi-chung-thuc-ban-sao.yaml"
C = "communes/xa-vu-ninh.yaml"


@dataclass
class Case:
    name: str
    file: str
    body: str | bytes | None
    code: str
    line: int | None  # None: any line (the file as a whole)
    extra: dict[str, str | bytes | None] | None = None


def sub(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def case(name: str, file: str, base: str, old: str, new: str, code: str, needle: str | None = None) -> Case:
    """A case made by replacing `old` with `new`; the expected line is where `needle` (default:
    the first line of `new`) lands."""
    body = sub(base, old, new)
    marker = needle if needle is not None else new.strip().splitlines()[0]
    return Case(name, file, body, code, line_of(body, marker))


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6)
)

CASES = [
    # YAML syntax and encoding
    case("tab indentation", P, PROCEDURE, "  executing: [ubnd-xa]", "\texecuting: [ubnd-xa]", "yaml-tab"),
    case("unclosed quote", P, PROCEDURE, 'code: "1.001193"', 'code: "1.001193', "yaml-syntax", "code:"),
    case("bad indentation", P, PROCEDURE, "  deciding: ubnd-xa", "   deciding: ubnd-xa", "yaml-syntax", "deciding"),
    case(
        "missing colon mapping",
        P,
        PROCEDURE,
        "result: Giấy khai sinh",
        "result Giấy khai sinh\nnote: x",
        "yaml-syntax",
        "note: x",
    ),
    case(
        "duplicate key",
        P,
        PROCEDURE,
        "result: Giấy khai sinh",
        "result: Giấy khai sinh\nresult: Bản sao",
        "yaml-duplicate-key",
        "result: Bản sao",
    ),
    case(
        "duplicate nested key",
        C,
        COMMUNE,
        '    morning: "07:30-11:30"',
        '    morning: "07:30-11:30"\n    morning: "08:00-11:30"',
        "yaml-duplicate-key",
        '    morning: "08:00',
    ),
    case(
        "number as key",
        P,
        PROCEDURE,
        "result: Giấy khai sinh",
        "result: Giấy khai sinh\n2025: x",
        "yaml-key-type",
        "2025: x",
    ),
    case(
        "python tag",
        P,
        PROCEDURE,
        "result: Giấy khai sinh",
        "result: !!python/object/apply:os.system [echo]",
        "yaml-tag",
        "result:",
    ),
    case("binary tag", P, PROCEDURE, "result: Giấy khai sinh", "result: !!binary aGVsbG8=", "yaml-tag", "result:"),
    Case("alias bomb", P, BOMB, "yaml-alias-bomb", None),
    Case("self-referencing alias", P, "a: &a [*a]\n", "yaml-alias-bomb", None),
    Case("two documents", P, PROCEDURE + "---\nname: x\n", "yaml-syntax", line_of(PROCEDURE + "---\n", "---")),
    Case("empty file", P, "", "empty-file", 1),
    Case("comment-only file", P, "# chưa điền\n", "empty-file", 1),
    Case("top-level list", P, "- a\n- b\n", "wrong-type", 1),
    Case(
        "windows-1258 encoding",
        P,
        PROCEDURE.replace("Đăng ký", "Dang ky").encode("utf-8").replace(b"Dang ky", b"\xd0\xe3ng k\xfd"),
        "encoding",
        line_of(PROCEDURE, "name:"),
    ),
    Case("utf-16 file", P, PROCEDURE.encode("utf-16"), "encoding", 1),
    Case("file too large", P, PROCEDURE + "# " + "x" * 1_100_000 + "\n", "file-too-large", 0),
    Case(
        "impossible date",
        P,
        sub(PROCEDURE, "last_reviewed: 2026-09-01", "last_reviewed: 2026-02-30"),
        "invalid-date",
        line_of(PROCEDURE, "last_reviewed"),
    ),
    # Shape of a procedure
    case("unknown key typo", P, PROCEDURE, "result: Giấy khai sinh", "reslt: Giấy khai sinh", "unknown-key"),
    case(
        "unknown nested key",
        P,
        PROCEDURE,
        "        original: 1\n        copy: 0\n        form",
        "        original: 1\n        copies: 0\n        form",
        "unknown-key",
        "copies",
    ),
    case("missing name", P, PROCEDURE, "name: Đăng ký khai sinh\n", "", "missing-field", "code:"),
    case(
        "missing channel time",
        P,
        PROCEDURE,
        "    time:\n      working_days: 1\n",
        "",
        "missing-field",
        "  - mode: truc_tuyen",
    ),
    case("unquoted code", P, PROCEDURE, 'code: "1.001193"', "code: 1.001193", "wrong-type"),
    case("code badly formed", P, PROCEDURE, 'code: "1.001193"', 'code: "1.1193"', "bad-format"),
    case(
        "text where list expected",
        P,
        PROCEDURE,
        "applicants: [Công dân Việt Nam]",
        "applicants: Công dân Việt Nam",
        "wrong-type",
    ),
    case(
        "word for a count",
        P,
        PROCEDURE,
        "        original: 1\n        copy: 0\n        form",
        "        original: một\n        copy: 0\n        form",
        "wrong-type",
        "original: một",
    ),
    case(
        "fractional count",
        P,
        PROCEDURE,
        "        original: 1\n        copy: 0\n        form",
        "        original: 1.5\n        copy: 0\n        form",
        "wrong-type",
        "original: 1.5",
    ),
    case(
        "negative count",
        P,
        PROCEDURE,
        "        original: 1\n        copy: 0\n        form",
        "        original: -1\n        copy: 0\n        form",
        "negative-number",
        "original: -1",
    ),
    case("unknown channel", P, PROCEDURE, "  - mode: truc_tiep", "  - mode: truc-tiep", "invalid-choice"),
    case("yes instead of true", C, COMMUNE, "type: xa", "type: xa\nmerged_on: yes", "wrong-type", "merged_on"),
    case("date written d/m/y", P, PROCEDURE, "last_reviewed: 2026-09-01", "last_reviewed: 01/09/2026", "wrong-type"),
    case("id with accents", F, FEE, "id: phi-chung-thuc-ban-sao", "id: Phí chứng thực", "bad-format"),
    case("empty name", P, PROCEDURE, "name: Đăng ký khai sinh", 'name: ""', "empty-value"),
    case(
        "no steps",
        P,
        PROCEDURE,
        "steps:\n  - title: Nộp hồ sơ\n    text: Nộp tờ khai tại Bộ phận Một cửa.\n  - Trả kết quả trong ngày.",
        "steps: []",
        "empty-value",
    ),
    case(
        "no channels",
        P,
        PROCEDURE,
        "channels:\n  - mode: truc_tiep",
        "channels: []\nxchannels:\n  - mode: truc_tiep",
        "empty-value",
        "channels: []",
    ),
    case(
        "two ways of counting time",
        P,
        PROCEDURE,
        "      working_days: 1",
        "      working_days: 1\n      calendar_days: 3",
        "one-of",
        "    time:\n      working_days",
    ),
    case(
        "cutoff without same day",
        P,
        PROCEDURE,
        "      working_days: 1",
        '      working_days: 1\n      cutoff: "15:00"',
        "one-of",
        "    time:\n      working_days",
    ),
    case("javascript url", P, PROCEDURE, "  url: https://dichvucong.gov.vn/", "  url: javascript:alert(1)", "bad-url"),
    case(
        "url without scheme", P, PROCEDURE, "  url: https://dichvucong.gov.vn/", "  url: dichvucong.gov.vn", "bad-url"
    ),
    case(
        "form path escapes",
        P,
        PROCEDURE,
        "        form: to-khai.docx",
        "        form: ../../etc/passwd",
        "bad-form-path",
    ),
    case(
        "absolute form path", P, PROCEDURE, "        form: to-khai.docx", "        form: /etc/passwd", "bad-form-path"
    ),
    case(
        "valid_until before valid_from",
        P,
        PROCEDURE,
        "last_reviewed: 2026-09-01",
        "last_reviewed: 2026-09-01\nvalid_from: 2026-01-01\nvalid_until: 2025-12-31",
        "date-range",
        "valid_until",
    ),
    # Fees
    case(
        "amount with thousands dot",
        F,
        FEE,
        "        - {from: 3, amount: 1000}",
        "        - {from: 3, amount: 1.000}",
        "not-integer-amount",
        "{from: 3",
    ),
    case("negative amount", F, FEE, "      cap: 200000", "      cap: -200000", "negative-number"),
    case(
        "tiers not contiguous",
        F,
        FEE,
        "        - {from: 3, amount: 1000}",
        "        - {from: 4, amount: 1000}",
        "tier-order",
        "      tiers:",
    ),
    case(
        "amount and tiers",
        F,
        FEE,
        "    per: bản",
        "    per: bản\n    amount: 2000",
        "one-of",
        "  - valid_from: 2017-01-01",
    ),
    case(
        "percent over 100",
        F,
        FEE,
        '    legal_basis: ["226/2016/TT-BTC"]',
        '    legal_basis: ["226/2016/TT-BTC"]\n    online_reductions:\n      - percent: 150',
        "out-of-range",
        "percent: 150",
    ),
    case("unknown fee kind", F, FEE, "kind: phi", "kind: phí", "invalid-choice"),
    case(
        "overlapping fee versions",
        F,
        FEE,
        "  - valid_from: 2017-01-01",
        "  - valid_from: 2016-01-01\n    valid_until: 2017-06-30\n    amount: 1000\n    rule: Mức cũ.\n  - valid_from: 2017-01-01",
        "fee-overlap",
        "  - valid_from: 2017-01-01",
    ),
    # Communes
    case("reversed time range", C, COMMUNE, '    morning: "07:00-11:30"', '    morning: "11:30-07:00"', "time-range"),
    case("hour 25", C, COMMUNE, '    morning: "07:00-11:30"', '    morning: "07:00-25:30"', "time-range"),
    case("unknown weekday", C, COMMUNE, "  - weekdays: [t7]", "  - weekdays: [t8]", "invalid-choice"),
    case(
        "duty without days", C, COMMUNE, "    weekdays: [t2, t4]\n", "", "missing-field", "  - person: Nguyễn Văn Hùng"
    ),
    case(
        "closure ends before it starts",
        C,
        COMMUNE,
        "  - valid_from: 2027-01-01",
        "  - valid_from: 2027-01-03\n    valid_until: 2027-01-01",
        "date-range",
        "until",
    ),
    case("office hours with the old key `days`", C, COMMUNE, "  - weekdays: [t7]", "  - days: [t7]", "deprecated-key"),
    case(
        "closure with the old keys `from` and `until`",
        C,
        COMMUNE,
        "  - valid_from: 2027-01-01",
        "  - from: 2027-01-01",
        "deprecated-key",
    ),
    case(
        "merged into unknown commune",
        C,
        COMMUNE,
        "type: xa",
        "type: xa\nmerged_into: xa-vu-nin",
        "unknown-commune",
        "merged_into",
    ),
    # References across records
    case("unknown field", P, PROCEDURE, "field: ho-tich", "field: ho-tic", "unknown-sector"),
    case("unknown level", P, PROCEDURE, "levels: [xa]", "levels: [phuong]", "unknown-level"),
    case("unknown agency", P, PROCEDURE, "  executing: [ubnd-xa]", "  executing: [ubnd-xaa]", "unknown-agency"),
    case(
        "unknown fee", P, PROCEDURE, "    fees: [phi-chung-thuc-ban-sao]", "    fees: [phi-chung-thuc]", "unknown-fee"
    ),
    case(
        "unknown legal document",
        P,
        PROCEDURE,
        'legal_basis: ["60/2014/QH13"]',
        'legal_basis: ["60/2014/QH14"]',
        "unknown-legal-doc",
    ),
    case(
        "unknown related procedure",
        P,
        PROCEDURE,
        "keywords: [làm giấy khai sinh]",
        'keywords: [làm giấy khai sinh]\nrelated: ["1.009999"]',
        "unknown-procedure",
        "related",
    ),
    case(
        "missing form file",
        P,
        PROCEDURE,
        "        form: to-khai.docx",
        "        form: to-khai-2.docx",
        "missing-form-file",
    ),
    Case(
        "fee no longer in force",
        P,
        PROCEDURE,
        "fee-not-in-force",
        line_of(PROCEDURE, "fees: [phi-chung-thuc-ban-sao]"),
        {F: sub(FEE, "  - valid_from: 2017-01-01", "  - valid_from: 2017-01-01\n    valid_until: 2025-12-31")},
    ),
    Case(
        "duplicate procedure code",
        "procedures/1.001193-xin-ban-sao.yaml",
        PROCEDURE,
        "duplicate-id",
        line_of(PROCEDURE, "code:"),
    ),
    Case(
        "duplicate field id",
        "fields.yaml",
        FIELDS + "  - id: ho-tich\n    name: Hộ tịch 2\n",
        "duplicate-id",
        line_of(FIELDS, "name: Chứng thực") + 1,
    ),
    Case("missing site.yaml", "site.yaml", None, "missing-site", 0),
    case(
        "site level unknown", "site.yaml", SITE, "level: huyen, unit", "level: quan, unit", "unknown-level", "authority"
    ),
    case(
        "agency level unknown",
        "agencies.yaml",
        AGENCIES,
        "    level: huyen",
        "    level: quan",
        "unknown-level",
        "level: quan",
    ),
    case(
        "legal document without date",
        "legal.yaml",
        LEGAL,
        "    date: 2014-11-20\n",
        "",
        "missing-field",
        "  - number: 60/2014/QH13",
    ),
    # Results of dossier handling
    case(
        "totals do not add up",
        "stats/2018-q1.yaml",
        STATS,
        "  pending_not_due: 187",
        "  pending_not_due: 180",
        "stats-sum",
        "totals:",
    ),
    case(
        "fields do not add up to totals",
        "stats/2018-q1.yaml",
        STATS,
        "    received_new: 400\n    received_online: 20\n    resolved_early: 100\n    resolved_on_time: 245\n    pending_not_due: 57",
        "    received_new: 395\n    received_online: 20\n    resolved_early: 100\n    resolved_on_time: 245\n    pending_not_due: 52",
        "stats-sum",
        "  received_new: 1900",
    ),
    case(
        "stats for an unknown field",
        "stats/2018-q1.yaml",
        STATS,
        "  - field: chung-thuc",
        "  - field: chung-thuc-2",
        "unknown-sector",
    ),
    # Warnings
    Case("nfd text", P, unicodedata.normalize("NFD", PROCEDURE), "text-not-nfc", line_of(PROCEDURE, "name:")),
    case(
        "online channel without link",
        P,
        PROCEDURE,
        "  url: https://dichvucong.gov.vn/\n",
        "",
        "online-without-link",
        "online:",
    ),
    case(
        "online level without online channel",
        P,
        PROCEDURE,
        "  level: toan_trinh",
        "  level: khong",
        "online-level-mismatch",
    ),
    case("review overdue", P, PROCEDURE, "last_reviewed: 2026-09-01", "last_reviewed: 2023-01-01", "review-overdue"),
    Case(
        "file name does not match",
        "procedures/khai-sinh.yaml",
        PROCEDURE,
        "file-name",
        line_of(PROCEDURE, "code:"),
        {P: None},
    ),
    Case(
        "unused fee",
        "fees/le-phi-thua.yaml",
        FEE.replace("phi-chung-thuc-ban-sao", "le-phi-thua"),
        "unused-fee",
        line_of(FEE, "id:"),
    ),
]


def run(tmp_path: Path, bad: Case) -> list[tuple[str, str, int]]:
    overrides: dict[str, str | bytes | None] = {bad.file: bad.body, **(bad.extra or {})}
    root = write_tree(tmp_path, overrides)
    _content, problems = load_content(root, TODAY)
    return [(p.code, p.file, p.line) for p in problems]


def check(tmp_path: Path, bad: Case) -> None:
    """The case's code is reported in its file, at its line."""
    found = run(tmp_path, bad)
    matching = [f for f in found if f[0] == bad.code and f[1] == bad.file]
    assert matching, f"expected {bad.code} in {bad.file}, got {found}"
    if bad.line is not None:
        assert bad.line in [line for _, _, line in matching], f"expected line {bad.line}, got {matching}"


@pytest.mark.parametrize("bad", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_at_its_place(tmp_path: Path, bad: Case) -> None:
    check(tmp_path, bad)


def all_cases() -> list[Case]:
    """The cases of this module and of every `test_bad_inputs_*.py` beside it (one per topic)."""
    cases: list[Case] = []
    for path in sorted(Path(__file__).parent.glob("test_bad_inputs*.py")):
        cases += importlib.import_module(f"tests.{path.stem}").CASES
    return cases


def test_the_suite_covers_every_code() -> None:
    assert {c.code for c in all_cases()} == set(CATALOGUE)


def test_old_key_spellings_still_validate_and_keep_their_positions(tmp_path: Path) -> None:
    old = sub(COMMUNE, "  - weekdays: [t7]", "  - days: [t7]")
    old = sub(old, "  - valid_from: 2027-01-01", "  - from: 2027-01-03\n    until: 2027-01-01")
    root = write_tree(tmp_path, {C: old})
    _, problems = load_content(root, TODAY)
    found = {(p.code, p.line) for p in problems}
    # Both old keys are named, and a problem inside the renamed block is still found at its line.
    assert ("deprecated-key", line_of(old, "  - days: [t7]")) in found
    assert ("deprecated-key", line_of(old, "  - from: 2027-01-03")) in found
    assert ("date-range", line_of(old, "    until: 2027-01-01")) in found


def test_valid_base_tree_has_no_problem(tmp_path: Path) -> None:
    content, problems = load_content(write_tree(tmp_path), TODAY)
    assert problems == []
    assert content is not None


def test_all_problems_are_reported_in_one_run(tmp_path: Path) -> None:
    broken = sub(PROCEDURE, "field: ho-tich", "field: ho-tic")
    broken = sub(broken, "  - mode: truc_tiep", "  - mode: truc-tiep")
    broken = sub(broken, "result: Giấy khai sinh", "reslt: Giấy khai sinh")
    bad_fee = sub(FEE, "      cap: 200000", "      cap: -1")
    root = write_tree(tmp_path, {P: broken, F: bad_fee, "fields.yaml": FIELDS + "oops: 1\n"})
    content, problems = load_content(root, TODAY)
    assert content is None
    codes = {p.code for p in problems}
    assert {"invalid-choice", "unknown-key", "negative-number"} <= codes
    assert {p.file for p in problems} >= {P, F, "fields.yaml"}


def test_other_files_still_checked_when_one_is_unreadable(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {F: "id: [\n", "agencies.yaml": AGENCIES.replace("level: xa", "level: phuong")})
    _, problems = load_content(root, TODAY)
    assert {("yaml-syntax", F), ("unknown-level", "agencies.yaml")} <= {(p.code, p.file) for p in problems}
    # The procedure's fee reference cannot resolve: the fee file was unreadable.
    assert ("unknown-fee", P) in {(p.code, p.file) for p in problems}


def test_legal_catalogue_optional_but_needed_for_citations(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"legal.yaml": None})
    _, problems = load_content(root, TODAY)
    assert {p.code for p in problems} == {"unknown-legal-doc"}


def test_site_yaml_with_unknown_key_suggests(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"site.yaml": SITE.replace("demo: true", "demoo: true")})
    _, problems = load_content(root, TODAY)
    (problem,) = problems
    assert problem.code == "unknown-key"
    assert "`demo`" in problem.message
