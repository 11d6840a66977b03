"""The shipped demonstration content: valid, complete enough to show every feature, and labelled."""

from __future__ import annotations

from pathlib import Path

from generator.content import Content, load_content

from .helpers import TODAY

ROOT = Path(__file__).resolve().parent.parent


def demo() -> Content:
    content, problems = load_content(ROOT / "content", TODAY)
    assert problems == [], "\n".join(p.format_text("content/") for p in problems)
    assert content is not None
    return content


def test_demo_content_is_valid_without_warnings() -> None:
    demo()


def test_demo_is_labelled_as_demonstration_data() -> None:
    content = demo()
    assert content.site.demo is True
    assert content.site.demo_notice and "minh họa" in content.site.demo_notice


def test_demo_covers_the_district_and_its_communes() -> None:
    content = demo()
    assert len(content.procedures) >= 60
    used_fields = {p.field for p in content.procedures}
    assert len(used_fields) >= 13
    assert {"huyen", "xa"} <= {level for p in content.procedures for level in p.levels}
    assert len(content.communes) == 32  # Kiến Xương after the 2020 round (NQ 892/NQ-UBTVQH14)
    assert any(c.type == "thi_tran" and c.history for c in content.communes)
    assert all(c.office_hours and c.duty and c.reception for c in content.communes)


def test_demo_fees_include_tiers_changes_and_reductions() -> None:
    content = demo()
    copy_fee = content.fees["phi-chung-thuc-ban-sao"]
    assert copy_fee.compute(TODAY, quantity=5) == 7_000
    assert any(len(f.versions) > 1 for f in content.fees.values())
    assert any(v.online_reductions for f in content.fees.values() for v in f.versions)
    assert any(f.exemptions for f in content.fees.values())
    assert any(doc.form for p in content.procedures for g in p.documents for doc in g.items)


def test_every_content_file_declares_its_schema() -> None:
    for path in (ROOT / "content").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file(), f"{path}: {schema} does not exist"
