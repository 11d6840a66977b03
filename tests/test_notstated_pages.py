"""How pages say what a record says (issue 16): unstated facts read "Chưa công bố", line breaks
and simple lists are kept as inert HTML, half days and times per level are written as decided,
structured data gives no dishonest duration, and lists mark procedures no longer in force."""

from __future__ import annotations

from pathlib import Path

from generator import model as m
from generator.content import load_content
from generator.facts import Facts
from generator.format import block_text, document_counts, duration, duration_short, inline_text, iso_duration
from generator.outputs.jsonld import procedure_ld
from generator.render import environment, render
from generator.search_index import SearchIndex
from generator.views.procedure import procedure_page

from .helpers import PROCEDURE, TODAY, write_tree
from .test_bad_inputs import P, sub


def test_line_breaks_and_lists_are_kept_and_inert() -> None:
    text = "Trường hợp:\n- cha <b>mẹ</b>\n+ người giám hộ & con\nSau đó nộp <script>x</script>"
    html = str(block_text(text))
    assert html == (
        'Trường hợp:<ul class="ck-text-list"><li>cha &lt;b&gt;mẹ&lt;/b&gt;</li>'
        "<li>người giám hộ &amp; con</li></ul>Sau đó nộp &lt;script&gt;x&lt;/script&gt;"
    )
    assert str(inline_text("dòng 1\n<i>dòng 2</i>")) == "dòng 1<br>&lt;i&gt;dòng 2&lt;/i&gt;"
    assert str(block_text("một dòng <b>")) == "một dòng &lt;b&gt;"


def test_times_as_records_state_them() -> None:
    assert duration(m.ProcessingTime(working_days=0.5)) == "0,5 ngày làm việc"
    assert duration(m.ProcessingTime(days=5)) == "05 ngày"
    assert duration(m.ProcessingTime(working_days=5, text="kể từ ngày nhận đủ hồ sơ")) == (
        "05 ngày làm việc (kể từ ngày nhận đủ hồ sơ)"
    )
    split = m.ProcessingTime(by_level=[m.LevelTime(level="xa", working_days=3), m.LevelTime(level="huyen", days=5)])
    names = {"xa": "Cấp xã", "huyen": "Cấp huyện"}
    assert duration(split, names) == "Cấp xã: 03 ngày làm việc; Cấp huyện: 05 ngày"
    assert duration_short(m.ProcessingTime(text="Không quy định.")) == "Không quy định."
    assert duration("khong_neu") == duration_short("khong_neu") == "Chưa công bố"
    # ISO 8601 has no working days: only calendar days are durations; nothing for same day.
    assert iso_duration(m.ProcessingTime(working_days=5)) is None
    assert iso_duration(m.ProcessingTime(days=5)) is None
    assert iso_duration(m.ProcessingTime(same_day=True)) is None
    assert iso_duration(m.ProcessingTime(calendar_days=30)) == "P30D"
    assert document_counts("khong_neu", 1) == "bản chính: chưa công bố, 1 bản sao"


def _page(tmp_path: Path, body: str) -> str:
    content, problems = load_content(write_tree(tmp_path, {P: body}), TODAY)
    assert content is not None, problems
    facts = Facts(content)
    (p,) = content.procedures
    ctx = procedure_page(facts, SearchIndex(facts), p, {})
    return render(environment(), "procedure.html", ctx, "thu-tuc/x/", today=TODAY)


def test_unstated_facts_read_chua_cong_bo(tmp_path: Path) -> None:
    body = sub(
        sub(PROCEDURE, "result: Giấy khai sinh", "result: khong_neu"), "dossier_sets: 1", "dossier_sets: khong_neu"
    )
    body = sub(body, 'legal_basis: ["60/2014/QH13"]', "legal_basis: khong_neu")
    body = sub(
        body, "  - mode: truc_tuyen\n    time:\n      working_days: 1", "  - mode: truc_tuyen\n    time: khong_neu"
    )
    page = _page(tmp_path, body)
    assert "01 bộ" not in page
    assert page.count("Chưa công bố") >= 4  # result, dossier sets, legal basis, the channel's time
    assert '<h2 id="ket-qua">Kết quả</h2>\n<p>Chưa công bố</p>' in page


def test_forms_by_name_agencies_as_published_and_laws_by_name(tmp_path: Path) -> None:
    body = sub(PROCEDURE, "        form: to-khai.docx", "        form: {name: Mẫu TT1}")
    body = sub(body, "  deciding: ubnd-xa", "  deciding: {text: Trường nơi đến hoặc Phòng Giáo dục và Đào tạo nơi đến}")
    body = sub(body, 'legal_basis: ["60/2014/QH13"]', "legal_basis: [{name: Luật Hộ tịch 2014}]")
    body = sub(body, "field: ho-tich", "field: ho-tich\nlegacy_code: B-BTP-BS43\nministry: Bộ Tư pháp\ninternal: true")
    page = _page(tmp_path, body)
    assert '<span class="ck-form">Mẫu: Mẫu TT1</span>' in page
    assert "Trường nơi đến hoặc Phòng Giáo dục và Đào tạo nơi đến" in page
    assert "<li>Luật Hộ tịch 2014</li>" in page
    assert "B-BTP-BS43" in page and "Bộ Tư pháp" in page and "Thủ tục hành chính nội bộ" in page


def test_structured_data_leaves_out_what_is_not_stated(tmp_path: Path) -> None:
    body = sub(PROCEDURE, "applicants: [Công dân Việt Nam]", "applicants: khong_neu")
    content, _ = load_content(write_tree(tmp_path, {P: body}), TODAY)
    assert content is not None
    ld = procedure_ld(content, content.procedures[0])
    assert ld["audience"] == [] and "processingTime" not in str(ld)


def test_lists_mark_a_procedure_no_longer_in_force(tmp_path: Path) -> None:
    body = sub(PROCEDURE, "name: Đăng ký khai sinh", "name: Đăng ký khai sinh\nstatus: bai_bo")
    content, _ = load_content(write_tree(tmp_path, {P: body}), TODAY)
    assert content is not None
    assert Facts(content).summary(content.procedures[0]).not_in_force == "Đã bãi bỏ"
    content, _ = load_content(write_tree(tmp_path / "ok", {}), TODAY)
    assert content is not None and Facts(content).summary(content.procedures[0]).not_in_force is None
