"""The pull-request summaries (`changes`, `validate --format github`) rendered the way GitHub renders
them, by cmark-gfm (GitHub's fork of cmark, through `cmarkgfm`) with raw HTML let through: hostile
content must stay text, and every change after it must stay visible."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from generator import model as m
from generator.cli import github_summary, main
from generator.history.diff import Change, Note, Table, to_markdown
from generator.problems import Problem
from generator.problems.markdown import markdown_text

from .helpers import PROCEDURE, write_tree

# What a hostile or careless editor can put in a name, a reason, a file name. Written before the
# escaping, from what GitHub's Markdown does with each.
HOSTILE = [
    "Đăng ký khai sinh <!--",
    "Đăng ký kết hôn\n<!--",
    "-->",
    "Cấp lại\n## ✅ Nội dung hợp lệ, không có thay đổi\n",
    "Phí\r\n\r\n| Tệp | Dòng |\n|---|---|\n| giả | 1 |",
    "a | b | c",
    "`mã` ``` ~~~",
    '<img src=x onerror="alert(1)">',
    "<script>alert(document.domain)</script>",
    "<details open><summary>Xem</summary>",
    "&lt;!-- &#60;!-- &amp;",
    "@octocat @congkhai/bien-tap",
    "https://evil.example/?x=1 www.evil.example <https://evil.example> a@evil.example",
    "[Bấm vào đây](https://evil.example) ![x](https://evil.example/x.png) [ref]: https://evil.example",
    "**đậm** _nghiêng_ ~~gạch~~ ~gạch~",
    "$\\huge\\color{green}\\text{✅ Hợp lệ}$ và $$x$$",
    "kết thúc bằng dấu \\",
    "\n# Tiêu đề\n> trích dẫn\n    mã thụt lề\n1. danh sách\n---\n===",
    "- mục giả",
    "1. mục giả",
    "2) mục giả",
    "---",
    "***",
    "> trích dẫn",
    "|---|",
    "    mã thụt lề",
    "Đăng ký khai sinh\u202e 0001 → 1",
    "NUL\x00 và BEL\x07",
    ":+1: :warning: #1 GH-1",
]

ALLOWED_TAGS = {"h2", "h3", "ul", "li", "strong", "code", "span", "table", "thead", "tbody", "tr", "th", "td", "p"}


@dataclass
class Rendered:
    tags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    blocks: dict[str, list[str]] = field(default_factory=dict)  # text of each li, th, td, h2, h3
    spans: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Rendered()
        self.open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.tags.append(tag)
        if tag in ("li", "th", "td", "h2", "h3", "span"):
            self.open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1][0] == tag:
            _, parts = self.open.pop()
            text = "".join(parts)
            if tag == "span":
                self.out.spans.append(text)
            else:
                self.out.blocks.setdefault(tag, []).append(text)
            if self.open:
                self.open[-1][1].append(text)

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][1].append(data)

    def handle_comment(self, data: str) -> None:
        self.out.comments.append(data)


def render(markdown: str) -> Rendered:
    """As GitHub renders a job summary: GFM (tables, autolinks, strikethrough), raw HTML allowed."""
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.out


def shown(value: str) -> str:
    """What a reviewer must read for `value`: the same text on one line."""
    value = re.sub(r"[\t\n\v\f\r\u0085\u2028\u2029]+", " ", value).strip()
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", "\ufffd", value)


def read(text: str) -> str:
    return text.replace("\u2060", "")  # the invisible joiner that stops mentions


def assert_inert(page: Rendered) -> None:
    assert page.comments == []
    assert set(page.tags) <= ALLOWED_TAGS, set(page.tags) - ALLOWED_TAGS
    assert all(span == "$" for span in page.spans)  # GitHub's documented way to show a plain $
    for texts in page.blocks.values():
        for text in texts:
            assert not re.search(r"@\w", text), text  # no mention, no e-mail address to link


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_value_renders_as_its_text(value: str) -> None:
    page = render(f"- {markdown_text(value)}\n")
    assert_inert(page)
    assert page.tags.count("li") == 1
    assert [read(t) for t in page.blocks["li"]] == [shown(value)]


def test_every_change_after_a_hostile_one_stays_visible() -> None:
    section = "Thủ tục hành chính"
    changes = [
        Change("changed", section, f"{value} (1.00{i})", "Tên thủ tục", value, value) for i, value in enumerate(HOSTILE)
    ]
    changes += [
        Change("added", section, "Đăng ký khai tử", f"Thành phần hồ sơ ({value})", facts=((value, value),))
        for value in HOSTILE
    ]
    changes.append(
        Change(
            "changed",
            "Khoản phí, lệ phí",
            "Lệ phí đăng ký khai sinh",
            "Các mức thu theo thời gian (từ 01/01/2027) › Mức thu (đồng)",
            "8.000 đồng",
            "800.000 đồng",
        )
    )
    head = "HEAD\n## ✅"
    notes = [Note(value, dt.date(2026, 11, 20), value) for value in HOSTILE]
    page = render(to_markdown(changes, "origin/main<!--", head, notes))
    assert_inert(page)
    assert [read(t) for t in page.blocks["h2"]] == [f"Thay đổi đối với người dân (origin/main<!-- → {shown(head)})"]
    assert [read(t) for t in page.blocks["h3"]] == ["Ghi chú thay đổi", "Thủ tục hành chính", "Khoản phí, lệ phí"]
    # Items in the order they close: a nested item before the item holding it (whose text
    # includes it).
    expected = [f"{shown(n.subject)} (20/11/2026): {shown(n.text)}" for n in notes]
    for i, value in enumerate(HOSTILE):
        line = shown(f"Tên thủ tục: {value} → {value}")
        expected += [line, f"{shown(f'{value} (1.00{i})')}{line}"]
    added = []
    for v in HOSTILE:
        fact = shown(f"{v}: {v}")
        added += [fact, shown(f"thêm Thành phần hồ sơ ({v})") + fact]
    expected += [*added, "Đăng ký khai tử" + "".join(added[1::2])]
    fee = "Các mức thu theo thời gian (từ 01/01/2027) › Mức thu (đồng): 8.000 đồng → 800.000 đồng"
    expected += [fee, "Lệ phí đăng ký khai sinh" + fee]
    # (The line breaks between a list item's text and its nested list are not text.)
    assert [read(t).replace("\n", "") for t in page.blocks["li"]] == expected


def test_a_roster_table_keeps_its_rows_and_cells() -> None:
    rows = tuple((value, "Thứ Hai") for value in HOSTILE)
    table = Table(("Người trực", "Trực các ngày trong tuần"), rows, (*rows, ("Lê Thị Mai", "Thứ Ba")))
    change = Change("changed", m.Commune.label, "Xã Vũ Ninh <!--", "Lịch trực", table=table)
    page = render(to_markdown([change], "a", "b"))
    assert_inert(page)
    assert page.tags.count("table") == 2
    cells = [read(t) for t in page.blocks["td"]]
    assert cells == [shown(c) for row in (*table.before, *table.after) for c in row]
    assert [read(t) for t in page.blocks["th"]] == list(table.columns) * 2


def test_the_validation_summary_keeps_one_row_per_problem() -> None:
    problems = [
        Problem(f"procedures/{value}.yaml", i + 1, 1, "unknown-sector", value) for i, value in enumerate(HOSTILE)
    ]
    problems.append(Problem("fees/le-phi.yaml", 99, 3, "unknown-sector", "vấn đề cuối cùng"))
    page = render(github_summary(problems, "content/"))
    assert_inert(page)
    assert page.tags.count("table") == 1
    assert page.tags.count("tr") == len(problems) + 1
    cells = [read(t) for t in page.blocks["td"]]
    rows = [cells[i : i + 4] for i in range(0, len(cells), 4)]
    assert rows == [[shown(f"content/{p.file}"), str(p.line), p.code, shown(p.message)] for p in problems]
    assert page.blocks["h3"] == [f"Kiểm tra nội dung: {len(problems)} lỗi, 0 cảnh báo"]


def test_validate_writes_an_inert_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(tmp_path)
    hostile = PROCEDURE.replace("field: ho-tich", 'field: "ho-tic <!--"').replace(
        "deciding: ubnd-xa", 'deciding: "ubnd-xa\\n## ✅ Nội dung hợp lệ | @octocat"'
    )
    root = write_tree(tmp_path / "c", {"procedures/1.001193-dang-ky-khai-sinh.yaml": hostile})
    assert main(["validate", str(root), "--format", "github", "--date", "2026-11-27"]) == 1
    capsys.readouterr()
    page = render(summary.read_text(encoding="utf-8"))
    assert_inert(page)
    cells = [read(t) for t in page.blocks["td"]]
    messages = cells[3::4]
    assert len(messages) == page.tags.count("tr") - 1
    assert any("ho-tic <!--" in m for m in messages)
    # The line break is shown by its code point (load/translate.describe), not as a line break.
    assert any("ubnd-xa⟨U+000A⟩## ✅ Nội dung hợp lệ | @octocat" in m for m in messages)
    assert all(c == "c/procedures/1.001193-dang-ky-khai-sinh.yaml" for c in cells[0::4])


def test_the_review_of_hostile_content_is_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`review` over a real pull request whose names, roster and note hold hostile text: every
    change after them is still there, as text."""
    import subprocess

    from .helpers import COMMUNE

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
            check=True,
            capture_output=True,
        )

    write_tree(tmp_path / "content")
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "base")
    hostile = "Đăng ký <!-- | @octocat ## ✅"
    (tmp_path / "content/procedures/1.001193-dang-ky-khai-sinh.yaml").write_text(
        PROCEDURE.replace("name: Đăng ký khai sinh", f'name: "{hostile}"')
        + f'change_note:\n  date: 2026-11-20\n  text: "{hostile}"\n',
        encoding="utf-8",
    )
    (tmp_path / "content/communes/xa-vu-ninh.yaml").write_text(
        COMMUNE.replace("person: Nguyễn Văn Hùng", 'person: "Hùng | <!-- x"'), encoding="utf-8"
    )
    git("add", "-A")
    git("commit", "-qm", "hostile")
    monkeypatch.chdir(tmp_path)
    assert main(["review", "HEAD~1", "--date", "2026-11-27"]) == 0
    page = render(capsys.readouterr().out)
    assert_inert(page)
    items = [read(t) for t in page.blocks["li"]]
    assert f"Tên thủ tục: Đăng ký khai sinh → {hostile}" in items
    assert f"{hostile} (1.001193) (20/11/2026): {hostile}" in items
    assert "Hùng | <!-- x" in [read(t) for t in page.blocks["td"]]
    assert page.tags.count("table") == 2
