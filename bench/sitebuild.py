"""The build benchmark: our site against a plain MkDocs + Material build of the same pages.

The baseline writes each procedure as an ordinary Markdown page (the same sections: steps,
documents table, channels with time and fee, legal basis) with a minimal navigation (home only)
and builds it with the same theme settings: what any MkDocs user would get for the same content.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from generator.content import load_content
from generator.format import duration
from generator.views.commune import CommunePage
from generator.views.lists import ListPage
from generator.views.site_map import site_pages

ROOT = Path(__file__).resolve().parent.parent


def write_baseline(content_dir: Path, out: Path) -> Path:
    """Write the baseline docs and mkdocs.yml; return the config path."""
    content, problems = load_content(content_dir, dt.date(2026, 11, 27))
    assert content is not None, problems[:3]
    docs = out / "docs"
    (docs / "thu-tuc").mkdir(parents=True)
    (docs / "index.md").write_text(f"# {content.site.name}\n\n{len(content.procedures)} thủ tục.\n", encoding="utf-8")
    for p in content.procedures:
        lines = [f"# {p.name}", "", f"Mã thủ tục: {p.code}. Lĩnh vực: {content.sectors[p.field].name}.", ""]
        lines += ["## Trình tự thực hiện", ""] + [f"{i}. {s.text}" for i, s in enumerate(p.steps, 1)] + [""]
        lines += ["## Cách thức thực hiện", "", "| Hình thức | Thời hạn | Phí |", "|---|---|---|"]
        lines += [
            f"| {c.mode} | {duration(c.time)} | {', '.join(f.fee for f in c.fees) or 'Không'} |" for c in p.channels
        ]
        lines += ["", "## Thành phần hồ sơ", "", "| Giấy tờ | Bản chính | Bản sao |", "|---|---|---|"]
        lines += [f"| {d.name} | {d.original} | {d.copy_} |" for g in p.documents for d in g.items]
        lines += ["", "## Kết quả", "", p.result, "", "## Căn cứ pháp lý", ""]
        lines += [f"- {c.doc}" for c in p.legal_basis]
        (docs / "thu-tuc" / f"{p.code}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # The other pages of the site, with the same lists in Markdown tables.
    for spec in site_pages(content):
        if (spec.url.startswith("thu-tuc/") and spec.url != "thu-tuc/") or spec.url == "":
            continue
        ctx = spec.context
        lines = [f"# {spec.title}", ""]
        if isinstance(ctx, ListPage):
            for group in ctx.groups:
                lines += [f"## {group.title}", "", "| Mã | Tên | Cấp | Thời hạn | Phí |", "|---|---|---|---|---|"]
                lines += [f"| {r.code} | [{r.name}](/{r.url}) | {r.levels} | {r.time} | {r.fee} |" for r in group.rows]
                lines += [""]
        elif isinstance(ctx, CommunePage):
            lines += [ctx.address, "", "| Ngày | Giờ | Người trực |", "|---|---|---|"]
            lines += [f"| {d.label} | {d.hours} | {'; '.join(x.person for x in d.people)} |" for d in ctx.week]
        target = docs / (spec.src_uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = {
        "site_name": content.site.name,
        "docs_dir": str(docs),
        "site_dir": str(out / "site"),
        "theme": {"name": "material", "language": "vi", "font": False},
        # MkDocs' default: Material's built-in search (the one citizens would otherwise get).
        "plugins": ["search"],
        "nav": [{"Trang chủ": "index.md"}],
    }
    path = out / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def write_ours(content_dir: Path, out: Path) -> Path:
    """Our mkdocs.yml, pointed at `content_dir` and an output folder of its own."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "site_overrides")
    config["site_dir"] = str(out / "site")
    config["plugins"] = [{"congkhai": {"content": str(content_dir)}}]
    path = out / "mkdocs.yml"
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def site_stats(site: Path) -> dict[str, float]:
    files = [p for p in site.rglob("*") if p.is_file()]
    procedures = list((site / "thu-tuc").glob("*/index.html"))
    return {
        "site_mb": sum(p.stat().st_size for p in files) / 1_000_000,
        "largest_procedure_kb": max((p.stat().st_size for p in procedures), default=0) / 1000,
        "files": len(files),
    }
