"""The pull-request summaries (`changes`, `validate --format github`) rendered the way GitHub renders
them, by cmark-gfm (GitHub's fork of cmark, through `cmarkgfm`) with raw HTML let through: hostile
content must stay text, and every change after it must stay visible."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from generator.cli import github_summary, main
from generator.history.diff import Change, to_markdown
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

ALLOWED_TAGS = {"h2", "h3", "ul", "li", "strong", "code", "span", "table", "thead", "tbody", "tr", "th", "td"}


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
    changes = [
        Change("procedure-renamed", f"{value} (1.00{i})", "đổi tên", value, value) for i, value in enumerate(HOSTILE)
    ]
    changes += [Change("document", value, "thêm giấy tờ", None, value) for value in HOSTILE]
    changes.append(
        Change("fee", "Lệ phí đăng ký khai sinh", "mức thu mới từ ngày 01/01/2027", "8.000 đồng", "800.000 đồng")
    )
    head = "HEAD\n## ✅"
    page = render(to_markdown(changes, "origin/main<!--", head))
    assert_inert(page)
    assert [read(t) for t in page.blocks["h2"]] == [f"Thay đổi đối với người dân (origin/main<!-- → {shown(head)})"]
    assert [read(t) for t in page.blocks["h3"]] == ["Thủ tục", "Giấy tờ", "Phí, lệ phí"]
    expected = [
        f"{shown(c.subject)}: đổi tên: {shown(c.old or '')} → {shown(c.new or '')}" for c in changes[: len(HOSTILE)]
    ]
    expected += [f"{shown(v)}: thêm giấy tờ: {shown(v)}" for v in HOSTILE]
    expected.append("Lệ phí đăng ký khai sinh: mức thu mới từ ngày 01/01/2027: 8.000 đồng → 800.000 đồng")
    assert [read(t) for t in page.blocks["li"]] == expected


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
