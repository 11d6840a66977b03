"""Bad inputs at the loader's limits: nesting that would crash the YAML composer, numbers too large
to print, control, bidi and invisible characters, content beyond the resource budget, and YAML
mistakes that used to be reported at the wrong place or in the wrong words (issue 11, findings 6,
9, 10 and 12).

Within each topic, first what a tired clerk copying from a PDF or Word does, then what an attacker
tries. Every case is reported with its code, in its file, at its line, and never as a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content import load_content
from generator.load import yaml_source
from generator.load.translate import SUGGESTION_BUDGET
from generator.load.yaml_source import MAX_DEPTH, MAX_FILE_PROBLEMS, MAX_LIST_ITEMS, MAX_VALUES
from generator.model.types import MAX_AREA_KM2, MAX_COUNT, MAX_MONEY
from generator.problems import CATALOGUE

from .helpers import AGENCIES, COMMUNE, FEE, FIELDS, LEGAL, PROCEDURE, SITE, STATS, TODAY, line_of, write_tree
from .test_bad_inputs import C, Case, F, P, case, check, sub

S = "stats/2018-q1.yaml"
NAME = "name: Đăng ký khai sinh"
RESULT = "result: Giấy khai sinh"


def name(label: str, written: str, code: str) -> Case:
    """The procedure's name written as `written` (YAML, after `name: `)."""
    return case(label, P, PROCEDURE, NAME, f"name: {written}", code, "name:")


def keywords(count: int) -> str:
    return "keywords:\n" + "".join(f"  - từ khóa {k}\n" for k in range(count))


def list_items_case() -> Case:
    body = sub(PROCEDURE, "keywords: [làm giấy khai sinh]\n", keywords(MAX_LIST_ITEMS + 1))
    # The item past the limit is the one reported.
    return Case(
        "a list one item longer than allowed",
        P,
        body,
        "budget-exceeded",
        line_of(body, f"  - từ khóa {MAX_LIST_ITEMS}\n"),
    )


def values_case() -> Case:
    """Lists of the longest length allowed, one per line, until one file holds more values than
    allowed: reported on the line where the count goes past MAX_VALUES."""
    per_line = MAX_LIST_ITEMS + 1  # the list and its items
    lines = (MAX_VALUES - 1) // per_line + 1  # the mapping itself is the first value
    body = "".join(f"k{n}: [{', '.join(['x'] * MAX_LIST_ITEMS)}]\n" for n in range(lines + 2))
    return Case("a file with more values than allowed", P, body, "budget-exceeded", lines)


def duplicate_keys_case() -> Case:
    """Repeated keys are not kept but still counted, so a file of them is bounded too."""
    body = "a: 1\n" * (MAX_VALUES + 10)
    # The mapping is value 1, the first `a` value 2, each repeated key one more.
    return Case("a file of repeated keys", P, body, "budget-exceeded", MAX_VALUES)


def nested(depth: int, opening: str = "[", closing: str = "]") -> str:
    return opening * depth + "x" + closing * depth


DEEP_BLOCK = "result:\n" + "".join("  " * level + f"k{level}:\n" for level in range(1, MAX_DEPTH + 4)) + "  x: 1\n"

CASES = [
    # Nesting (finding 6): bounded before PyYAML's C composer sees it, reported where it goes too deep.
    case(
        "30.000 nested [ (60 KB): used to crash the process",
        P,
        PROCEDURE,
        RESULT,
        f"result: {nested(30_000)}",
        "yaml-too-deep",
        "result:",
    ),
    case(
        "10.000 nested [ on line 36: used to be an alias bomb at 1:1",
        P,
        PROCEDURE,
        RESULT,
        f"result: {nested(10_000)}",
        "yaml-too-deep",
        "result:",
    ),
    case(
        "nesting one level too deep, under the composer's own limit",
        P,
        PROCEDURE,
        RESULT,
        f"result: {nested(MAX_DEPTH)}",
        "yaml-too-deep",
        "result:",
    ),
    case(
        "nested flow mappings",
        P,
        PROCEDURE,
        RESULT,
        "result: " + "{a: " * 200 + "x" + "}" * 200,
        "yaml-too-deep",
        "result:",
    ),
    Case(
        "block sequences nested on one line",
        P,
        sub(PROCEDURE, RESULT, "result:\n" + "- " * 40 + "x"),
        "yaml-too-deep",
        line_of(PROCEDURE, RESULT) + 1,
    ),
    Case(
        "block mappings nested by indentation",
        P,
        sub(PROCEDURE, RESULT + "\n", DEEP_BLOCK),
        "yaml-too-deep",
        # A block starts at its first key: the file's at `code:`, the next one at k1…, so the block
        # starting at k{MAX_DEPTH} is one level past the limit.
        line_of(sub(PROCEDURE, RESULT + "\n", DEEP_BLOCK), f" k{MAX_DEPTH}:"),
    ),
    # Numbers too large to be true (finding 6).
    case(
        "fee amount of 10²⁵ đồng: used to crash the build",
        F,
        FEE,
        "      cap: 200000",
        "      cap: 10000000000000000000000000",
        "out-of-range",
    ),
    case(
        "fee amount with three zeros too many",
        F,
        FEE,
        "        - {from: 1, to: 2, amount: 2000}",
        f"        - {{from: 1, to: 2, amount: {MAX_MONEY * 1000}}}",
        "out-of-range",
    ),
    case(
        "an amount of 5.000 digits: more than Python converts",
        F,
        FEE,
        "      cap: 200000",
        "      cap: " + "9" * 5000,
        "out-of-range",
    ),
    case(
        "a count of working days past a billion",
        P,
        PROCEDURE,
        "      working_days: 1",
        f"      working_days: {MAX_COUNT + 1}",
        "out-of-range",
    ),
    case(
        "a population past a billion",
        C,
        COMMUNE,
        "type: xa",
        f"type: xa\npopulation: {MAX_COUNT * 10}",
        "out-of-range",
        "population:",
    ),
    case(
        "dossiers received past a billion",
        S,
        STATS,
        "  received_new: 1900",
        "  received_new: 1900000000000",
        "out-of-range",
    ),
    case(
        "area written 1.0e400: used to publish Infinity in communes.json",
        C,
        COMMUNE,
        "type: xa",
        "type: xa\narea_km2: 1.0e400",
        "out-of-range",
        "area_km2:",
    ),
    case(
        "area larger than the country",
        C,
        COMMUNE,
        "type: xa",
        f"type: xa\narea_km2: {MAX_AREA_KM2 * 10:.1f}",
        "out-of-range",
        "area_km2:",
    ),
    case("negative area", C, COMMUNE, "type: xa", "type: xa\narea_km2: -12.5", "out-of-range", "area_km2:"),
    # Control characters (finding 9).
    name("NUL written as an escape", '"Đăng ký\\0 khai sinh"', "control-character"),
    name("a tab inside a name", '"Đăng ký\\tkhai sinh"', "control-character"),
    name("a newline inside a name", '"Đăng ký\\nkhai sinh"', "control-character"),
    case(
        "a name written over two lines with |",
        P,
        PROCEDURE,
        NAME,
        "name: |\n  Đăng ký\n  khai sinh",
        "control-character",
        "name:",
    ),
    case(
        "a carriage return in an address",
        P,
        PROCEDURE,
        "submission_address: Bộ phận Một cửa UBND xã",
        'submission_address: "Bộ phận Một cửa\\r UBND xã"',
        "control-character",
    ),
    case(
        "an ANSI escape in a legal document's title",
        "legal.yaml",
        LEGAL,
        "    title: Luật Hộ tịch",
        '    title: "\\e[31mLuật Hộ tịch"',
        "control-character",
    ),
    case(
        "a vertical tab from Word's line break",
        P,
        PROCEDURE,
        "    text: Nộp tờ khai tại Bộ phận Một cửa.",
        '    text: "Nộp tờ khai\\vtại Bộ phận Một cửa."',
        "control-character",
    ),
    case(
        "NUL inside an online link",
        P,
        PROCEDURE,
        "  url: https://dichvucong.gov.vn/",
        '  url: "https://dichvucong.gov.vn/\\0"',
        "control-character",
    ),
    Case(
        "a raw BEL byte in the file",
        P,
        sub(PROCEDURE, NAME, "name: Đăng ký\x07 khai sinh"),
        "control-character",
        line_of(PROCEDURE, NAME),
    ),
    Case(
        "a raw DEL byte in the file",
        F,
        sub(FEE, "set_by: Bộ Tài chính", "set_by: Bộ Tài\x7f chính"),
        "control-character",
        line_of(FEE, "set_by:"),
    ),
    Case(
        "a raw NEL (U+0085) pasted from a web page",
        P,
        sub(PROCEDURE, RESULT, "result: Giấy khai\x85sinh"),
        "control-character",
        line_of(PROCEDURE, RESULT),
    ),
    Case(
        "a raw Unicode line separator (U+2028)",
        C,
        sub(COMMUNE, "address: Trụ sở UBND xã Vũ Ninh", "address: Trụ sở\u2028UBND xã Vũ Ninh"),
        "control-character",
        line_of(COMMUNE, "address:"),
    ),
    # Bidi controls (finding 9).
    name("a name that reads backwards (U+202E)", "\u202egnỉs iahk ýk gnăĐ", "bidi-control"),
    name("a right-to-left override written as an escape", '"Đăng ký \\u202Ekhai sinh"', "bidi-control"),
    case(
        "a bidi isolate in an agency's name",
        "agencies.yaml",
        AGENCIES,
        "    name: Phòng Tư pháp",
        "    name: Phòng Tư pháp\u2066 giả\u2069",
        "bidi-control",
    ),
    case(
        "a right-to-left mark in a commune's name",
        C,
        COMMUNE,
        "name: Vũ Ninh",
        "name: Vũ Ninh\u200f",
        "bidi-control",
    ),
    case(
        "a bidi override in a form's file name",
        P,
        PROCEDURE,
        "        form: to-khai.docx",
        "        form: to-khai\u202excod.exe",
        "bidi-control",
    ),
    # Invisible characters (finding 9).
    name("a name made only of zero-width spaces", '"\\u200B\\u200B\\u200B"', "invisible-text"),
    name("a name made only of Hangul fillers", "\u3164\u3164", "invisible-text"),
    name("a name of a word joiner and no-break spaces", '"\\u2060\\u00A0\\u00A0"', "invisible-text"),
    case(
        "a zero-width space inside a fee's name",
        F,
        FEE,
        "name: Phí chứng thực bản sao từ bản chính",
        "name: Phí chứng thực\u200b bản sao từ bản chính",
        "invisible-character",
    ),
    case(
        "a soft hyphen in a keyword, from a PDF",
        P,
        PROCEDURE,
        "keywords: [làm giấy khai sinh]",
        "keywords: [làm giấy khai\u00adsinh]",
        "invisible-character",
    ),
    case(
        "a private-use character from a PDF's symbol font",
        P,
        PROCEDURE,
        "  - Trả kết quả trong ngày.",
        "  - \uf0b7 Trả kết quả trong ngày.",
        "invisible-character",
    ),
    case(
        "a zero-width joiner in the site's name",
        "site.yaml",
        SITE,
        "name: Cổng thử nghiệm",
        "name: Cổng thử\u200d nghiệm",
        "invisible-character",
    ),
    case(
        "a byte-order mark in the middle of a value",
        S,
        STATS,
        "source: Báo cáo kết quả giải quyết TTHC quý I/2018",
        "source: Báo cáo kết quả\ufeff giải quyết TTHC quý I/2018",
        "invisible-character",
    ),
    case(
        "a zero-width space inside a key",
        P,
        PROCEDURE,
        RESULT,
        "res\u200bult: Giấy khai sinh",
        "unknown-key",
        "res\u200bult",
    ),
    # The resource budget (finding 10).
    list_items_case(),
    values_case(),
    duplicate_keys_case(),
    Case(
        "legal.yaml with more documents than a list may hold",
        "legal.yaml",
        "documents:\n"
        + "".join(
            f"  - {{number: {k}/2024/QĐ-UBND, title: Quyết định {k}, issuer: UBND tỉnh, date: 2024-01-01}}\n"
            for k in range(MAX_LIST_ITEMS + 1)
        ),
        "budget-exceeded",
        MAX_LIST_ITEMS + 2,
    ),
    # Wrong place or wrong words (finding 12).
    case("an unclosed [ reported where it opened", P, PROCEDURE, "levels: [xa]", "levels: [xa", "yaml-syntax"),
    case(
        "an unclosed { spanning lines",
        P,
        PROCEDURE,
        '    time: {same_day: true, cutoff: "15:00"}',
        '    time: {same_day: true,\n      cutoff: "15:00"',
        "yaml-syntax",
        "    time: {",
    ),
    case(
        "missing form file shown at file:",
        P,
        PROCEDURE,
        "        form: to-khai.docx",
        "        form:\n          name: Tờ khai\n          file: to-khai-2.docx",
        "missing-form-file",
        "          file:",
    ),
    case(
        "no-break spaces as indentation",
        P,
        PROCEDURE,
        "  deciding: ubnd-xa",
        "\u00a0\u00a0deciding: ubnd-xa",
        "yaml-indent-character",
    ),
    case(
        "a no-break space after the spaces of indentation",
        P,
        PROCEDURE,
        "  deciding: ubnd-xa",
        "  \u00a0deciding: ubnd-xa",
        "yaml-indent-character",
    ),
    case(
        "a no-break space after a list dash",
        C,
        COMMUNE,
        "  - weekdays: [t7]",
        "  -\u00a0weekdays: [t7]",
        "yaml-indent-character",
    ),
    case(
        "ideographic spaces as indentation",
        C,
        COMMUNE,
        "    reason: Nghỉ Tết Dương lịch",
        "\u3000\u3000reason: Nghỉ Tết Dương lịch",
        "yaml-indent-character",
    ),
    case("a BOM inside a key", P, PROCEDURE, RESULT, "\ufeffresult: Giấy khai sinh", "yaml-indent-character"),
    case(
        "a no-break space after a key's colon",
        P,
        PROCEDURE,
        RESULT,
        "result:\u00a0Giấy khai sinh",
        "yaml-syntax",
        "result:",
    ),
    Case("a file holding only ---", P, "---\n", "empty-file", 1),
    Case("a comment, then only ---", P, "# thủ tục mới\n---\n", "empty-file", 2),
]


@pytest.mark.parametrize("bad", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_at_its_place(tmp_path: Path, bad: Case) -> None:
    check(tmp_path, bad)


def test_every_code_of_this_topic_has_a_case() -> None:
    codes = {
        "budget-exceeded",
        "yaml-too-deep",
        "yaml-indent-character",
        "control-character",
        "bidi-control",
        "invisible-character",
        "invisible-text",
    }
    assert codes <= set(CATALOGUE)
    assert codes <= {c.code for c in CASES}


def _problems(tmp_path: Path, overrides: dict[str, str | bytes | None]) -> list[tuple[str, str, int]]:
    _, problems = load_content(write_tree(tmp_path, overrides), TODAY)
    return [(p.code, p.file, p.line) for p in problems]


@pytest.mark.parametrize(
    ("label", "overrides"),
    [
        (
            "a summary over several lines",
            {P: sub(PROCEDURE, RESULT, RESULT + "\nsummary: |\n  Dòng một.\n  Dòng hai.")},
        ),
        (
            "a step with a tab-indented list",
            {P: sub(PROCEDURE, "  - Trả kết quả trong ngày.", '  - "Trả:\\n\\t- bản chính"')},
        ),
        (
            "a fee rule over several lines",
            {F: sub(FEE, "    rule: 2.000 đồng/trang;", "    rule: |-\n      2.000 đồng/trang;\n     ")},
        ),
        ("no-break spaces inside a name", {P: sub(PROCEDURE, NAME, "name: Đăng ký\u00a0khai sinh")}),
        ("a name folded over two lines with >", {P: sub(PROCEDURE, NAME, "name: >\n  Đăng ký\n  khai sinh")}),
        ("a quoted name over two lines", {P: sub(PROCEDURE, NAME, 'name: "Đăng ký\n  khai sinh"')}),
        ("Windows line ends", {P: PROCEDURE.replace("\n", "\r\n")}),
        ("a byte-order mark at the start of the file", {P: "\ufeff" + PROCEDURE}),
        ("an amount of a thousand billion đồng", {F: sub(FEE, "      cap: 200000", f"      cap: {MAX_MONEY}")}),
        ("an area written as a whole number", {C: sub(COMMUNE, "type: xa", "type: xa\narea_km2: 12")}),
        ("nesting at the limit", {P: sub(PROCEDURE, RESULT, RESULT + "\nx: " + nested(MAX_DEPTH - 1))}),
    ],
)
def test_legitimate_content_is_not_refused(
    tmp_path: Path, label: str, overrides: dict[str, str | bytes | None]
) -> None:
    codes = {"budget-exceeded", "yaml-too-deep", "control-character", "bidi-control", "out-of-range"}
    codes |= {"invisible-character", "invisible-text", "yaml-indent-character", "yaml-syntax"}
    found = [p for p in _problems(tmp_path, overrides) if p[0] in codes]
    if label == "nesting at the limit":
        # `x` is not a key of a procedure: only that is reported, not the nesting.
        found = [p for p in found if p[0] != "unknown-key"]
    assert found == [], label


def test_a_valid_multi_line_summary_keeps_its_lines(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {P: sub(PROCEDURE, RESULT, RESULT + "\nsummary: |\n  Dòng một.\n  Dòng hai.")})
    content, problems = load_content(root, TODAY)
    assert content is not None, problems
    assert content.procedures[0].summary == "Dòng một.\nDòng hai."


def test_messages_name_odd_characters_without_writing_them(tmp_path: Path) -> None:
    """A bidi override written into a message would reorder the terminal line that shows it."""
    overrides: dict[str, str | bytes | None] = {
        P: sub(PROCEDURE, NAME, "name: \u202eĐăng ký").replace("  level: toan_trinh", "  level: toan\u202etrinh")
    }
    _, problems = load_content(write_tree(tmp_path, overrides), TODAY)
    assert {p.code for p in problems} >= {"bidi-control", "invalid-choice"}
    for problem in problems:
        assert "\u202e" not in problem.message
        assert "U+202E" in problem.message


def test_no_break_space_indentation_is_named_at_its_column(tmp_path: Path) -> None:
    body = sub(PROCEDURE, "  deciding: ubnd-xa", " \u00a0deciding: ubnd-xa")
    _, problems = load_content(write_tree(tmp_path, {P: body}), TODAY)
    (problem,) = [p for p in problems if p.file == P]
    assert (problem.code, problem.line, problem.column) == ("yaml-indent-character", line_of(body, "deciding"), 2)
    assert "U+00A0" in problem.message


def test_raw_control_character_is_placed_at_its_column(tmp_path: Path) -> None:
    body = sub(PROCEDURE, RESULT, "result: Giấy khai\x01 sinh")
    _, problems = load_content(write_tree(tmp_path, {P: body}), TODAY)
    assert [(p.code, p.line, p.column) for p in problems if p.file == P] == [
        ("control-character", line_of(body, "result:"), len("result: Giấy khai") + 1)
    ]


def test_past_the_budget_no_other_file_is_read_or_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over the whole content's limits: one problem where the limit is crossed, and no noise
    from references to the files left unread."""
    monkeypatch.setattr(yaml_source, "MAX_FILES", 5)
    _, problems = load_content(write_tree(tmp_path), TODAY)
    # Read in order: site, fields, agencies, legal, the procedure (5th), then the fee (6th).
    assert [(p.code, p.file, p.line) for p in problems] == [("budget-exceeded", F, 1)]
    assert "5" in problems[0].message


def test_total_bytes_are_reported_on_the_line_where_they_run_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Files are read in order: site, fields, agencies, legal, then the procedure.
    before = sum(len(text.encode()) for text in (SITE, FIELDS, AGENCIES, LEGAL))
    limit = before + len(PROCEDURE[: PROCEDURE.index(RESULT)].encode()) + 3
    monkeypatch.setattr(yaml_source, "MAX_TOTAL_BYTES", limit)
    _, problems = load_content(write_tree(tmp_path), TODAY)
    assert [(p.code, p.file, p.line) for p in problems] == [("budget-exceeded", P, line_of(PROCEDURE, RESULT))]


def test_total_values_are_reported_at_the_value_that_runs_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    budget = yaml_source.Budget()
    for text in (SITE, FIELDS, AGENCIES, LEGAL):
        yaml_source.load_text(text.encode(), "x.yaml", [], budget)
    # The procedure is read next: its 20th value is one too many.
    monkeypatch.setattr(yaml_source, "MAX_TOTAL_VALUES", budget.values + 19)
    _, problems = load_content(write_tree(tmp_path), TODAY)
    # The procedure's values in order: the file's block, code, name, field, levels and its item,
    # applicants and its item, agencies, executing and its item, deciding, submission_address,
    # steps, the first step and its title and text, the second step, channels, then the 20th: the
    # first channel's block, which starts at `mode:`.
    assert [(p.code, p.file, p.line) for p in problems] == [
        ("budget-exceeded", P, line_of(PROCEDURE, "  - mode: truc_tiep"))
    ]


def test_one_file_reports_a_bounded_number_of_problems(tmp_path: Path) -> None:
    body = sub(PROCEDURE, RESULT, RESULT + "\n" + "".join(f"unknown{k}: x\n" for k in range(3 * MAX_FILE_PROBLEMS)))
    _, problems = load_content(write_tree(tmp_path, {P: body}), TODAY)
    mine = [p for p in problems if p.file == P]
    assert len(mine) == MAX_FILE_PROBLEMS
    assert any(re.search(r"\b200\b", p.message) for p in mine)


def test_site_name_is_escaped_once_in_the_themes_attributes(tmp_path: Path) -> None:
    """Material prints the site name with `| e` in `title` attributes and as it is elsewhere."""
    from .test_build import build

    site_yaml = sub(SITE, "name: Cổng thử nghiệm", "name: 'Sở Tư pháp & \"Một cửa\" <xã>'")
    result = build(write_tree(tmp_path / "content", {"site.yaml": site_yaml}), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    escaped = "Sở Tư pháp &amp; &#34;Một cửa&#34; &lt;xã&gt;"
    assert f'title="{escaped}"' in html
    assert f'aria-label="{escaped}"' in html
    assert "&amp;amp;" not in html and "&amp;#34;" not in html and "&amp;lt;" not in html


def test_the_budget_is_documented_with_the_figures_the_loader_uses() -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    contributing = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    explanation = CATALOGUE["budget-exceeded"].explanation
    limits = [
        yaml_source.MAX_FILES,
        yaml_source.MAX_TOTAL_BYTES,
        yaml_source.MAX_TOTAL_VALUES,
        yaml_source.MAX_FILE_BYTES,
        yaml_source.MAX_VALUES,
        yaml_source.MAX_LIST_ITEMS,
    ]
    for limit in limits:
        assert f"{limit:,}" in readme, limit
        vietnamese = f"{limit:,}".replace(",", ".")
        assert vietnamese in contributing and vietnamese in explanation, limit
    assert f"| {MAX_DEPTH} levels |" in readme and f"| {MAX_DEPTH} tầng |" in contributing
    assert f"quá {MAX_DEPTH} tầng" in CATALOGUE["yaml-too-deep"].explanation
    assert f"{MAX_FILE_PROBLEMS} validation problems" in readme
    assert f"{SUGGESTION_BUDGET:,} comparisons" in readme
    for number in (MAX_MONEY, MAX_COUNT, int(MAX_AREA_KM2)):
        assert f"{number:,}".replace(",", ".") in contributing, number
