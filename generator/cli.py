"""The editors' command line: `python -m generator …` (also installed as `congkhai`).

Exit status: 0 when content is valid, 1 when it has errors (or warnings with --strict), 2 for
usage errors. Bad content never produces a traceback; `--debug` shows one for a crash of ours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from . import model as m
from .content import Content, load_content
from .format import agency_name, sort_key, unit_kinds
from .problems import Problem, Severity, catalogue_markdown, format_json
from .problems.markdown import markdown_text
from .settings import content_dir, date_override


def _prefix(folder: Path) -> str:
    """How content paths are shown: relative to the working directory, as editors see them."""
    try:
        shown = folder.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = folder.as_posix()
    return "" if shown in ("", ".") else shown.rstrip("/") + "/"


def github_summary(problems: list[Problem], prefix: str) -> str:
    """The job summary of `validate --format github`: a count, then one table row per problem.
    File names and messages hold content, so they go through `markdown_text` (the messages'
    backticks around values show as they are); codes come from the catalogue."""
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    lines = [
        f"### Kiểm tra nội dung: {errors} lỗi, {len(problems) - errors} cảnh báo",
        "",
        "| Tệp | Dòng | Mã | Thông báo |",
        "|---|---|---|---|",
    ]
    for p in problems:
        where = markdown_text(prefix + p.file)
        lines.append(f"| {where} | {p.line} | `{p.code}` | {markdown_text(p.message)} |")
    return "\n".join(lines) + "\n"


def cmd_validate(args: argparse.Namespace) -> int:
    folder = content_dir(args.content)
    if not folder.is_dir():
        print(f"lỗi: không tìm thấy thư mục nội dung `{folder}`", file=sys.stderr)
        return 2
    content, problems = load_content(folder, args.date)
    prefix = _prefix(folder)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    notices = [p for p in problems if p.severity is Severity.NOTICE]
    if args.format == "json":
        print(format_json(problems, prefix))
    elif args.format == "github":
        for problem in problems:
            print(problem.format_github(prefix))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file and problems:
            # GitHub shows at most 10 annotations per step: the full list goes to the job summary.
            with open(summary_file, "a", encoding="utf-8") as handle:
                handle.write(github_summary(problems, prefix))
    else:
        for problem in problems:
            print(problem.format_text(prefix))
        if content is not None:
            print(
                f"Nội dung hợp lệ: {len(content.procedures)} thủ tục, {len(content.fees)} khoản phí, "
                f"{len(content.communes)} {unit_kinds(c.type for c in content.communes)}; {len(warnings)} cảnh báo"
                + (f", {len(notices)} lưu ý" if notices else "")
                + ".",
                file=sys.stderr,
            )
        else:
            print(f"Có {len(errors)} lỗi và {len(warnings)} cảnh báo.", file=sys.stderr)
    if errors or (args.strict and warnings):
        return 1
    return 0


def not_stated_counts(content: Content) -> dict[str, int]:
    """A data-quality figure: for each field (`steps`, `channels.time`, …), how many procedures
    say `khong_neu` there at least once; the key is the field's path and its Vietnamese title."""
    from .load.checks import field_title, not_stated_paths

    counts: Counter[str] = Counter()
    for p in content.procedures:
        fields = set()
        for path in not_stated_paths(p):
            keys = tuple(part for part in path if isinstance(part, str))
            fields.add(f"{'.'.join(keys)} ({field_title(m.Procedure, path)})")
        counts.update(fields)
    return dict(sorted(counts.items()))


def cmd_stats(args: argparse.Namespace) -> int:
    content, problems = load_content(content_dir(args.content), args.date)
    if content is None:
        for problem in problems:
            print(problem.format_text(_prefix(content_dir(args.content))), file=sys.stderr)
        return 1
    by_field = Counter(p.field for p in content.procedures)
    by_level = Counter(level for p in content.procedures for level in m.listed(p.levels))
    # Agencies by name: catalogued ones and those written as the record publishes them.
    by_agency = Counter(
        agency_name(content.agencies, a) for p in content.procedures for a in m.listed(p.agencies.executing)
    )
    by_online = Counter(p.online.level for p in content.procedures)
    level_names = {level.id: level.name for level in content.site.levels}
    report = {
        "procedures": len(content.procedures),
        "fees": len(content.fees),
        "communes": len(content.communes),
        "by_field": {content.sectors[k].name: v for k, v in sorted(by_field.items())},
        "by_level": {level_names[k]: v for k, v in sorted(by_level.items())},
        "by_agency": dict(sorted(by_agency.items(), key=lambda item: sort_key(item[0]))),
        "by_online_level": {m.ONLINE_LEVEL_LABELS.get(k, m.NOT_STATED_LABEL): v for k, v in sorted(by_online.items())},
        "not_stated": not_stated_counts(content),
    }
    if args.format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    kinds = unit_kinds(c.type for c in content.communes)
    print(f"{report['procedures']} thủ tục, {report['fees']} khoản phí, {report['communes']} {kinds}")
    for title, key in (
        ("Theo lĩnh vực", "by_field"),
        ("Theo cấp", "by_level"),
        ("Theo cơ quan thực hiện", "by_agency"),
        ("Theo mức dịch vụ trực tuyến", "by_online_level"),
        ("Chất lượng dữ liệu: số thủ tục ghi `khong_neu` (văn bản không nêu) theo trường", "not_stated"),
    ):
        print(f"\n{title}:")
        table = report[key]
        assert isinstance(table, dict)
        if not table:
            print("  (không có)")
            continue
        width = max(len(name) for name in table)
        for name, count in table.items():
            print(f"  {name:<{width}}  {count:>5}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .authoring.schema import write_schemas

    for path in write_schemas(Path(args.out)):
        print(path)
    return 0


def cmd_cms(args: argparse.Namespace) -> int:
    from .authoring.cms import write_cms

    for path in write_cms(Path(args.out)):
        print(path)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .authoring.skeleton import write_skeleton

    try:
        path = write_skeleton(args.kind, content_dir(args.content), args.id, args.name, force=args.force)
    except FileExistsError as exc:
        print(f"lỗi: tệp {exc} đã có; dùng --force để ghi đè", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from .authoring.sample import write_sample

    if args.procedures < 1 or args.communes < 0:
        print("lỗi: --procedures phải ≥ 1 và --communes ≥ 0", file=sys.stderr)
        return 2
    write_sample(Path(args.out), args.procedures, args.communes, seed=args.seed)
    print(f"Đã viết {args.procedures} thủ tục và {args.communes} xã vào {args.out}")
    return 0


def _code_pairs(values: Sequence[str]) -> dict[str, str]:
    pairs = {}
    for value in values:
        number, _, code = value.partition("=")
        if not number or not m.CODE_PATTERN.matches(code):
            raise ValueError(f"`--code {value}`: cần dạng SỐ=MÃ, ví dụ `--code 1=1.004222`")
        pairs[number.strip()] = code.strip()
    return pairs


def cmd_import(args: argparse.Namespace) -> int:
    from .importer.write import Options, import_files

    folder = content_dir(args.content)
    out = Path(args.out) if args.out else folder
    try:
        codes = _code_pairs(args.code)
    except ValueError as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 2
    day = args.date or dt.date.today()
    options = Options(folder, out, day, args.decision, args.level, args.field, codes)
    report = import_files([Path(f) for f in args.files], options)
    for problem in report.problems:
        print(problem.format_text(), file=sys.stderr)
    print(report.summary())
    return 1 if any(p.severity is Severity.ERROR for p in report.problems) else 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from .authoring.migrate import migrate

    root = content_dir(args.content)
    result = migrate(root)
    prefix = _prefix(root)
    for path in result.written:
        print(f"đã viết {prefix}{path.relative_to(root).as_posix()}")
    for path in result.removed:
        print(f"đã xóa {prefix}{path.relative_to(root).as_posix()} (mỗi mục nay là một tệp)")
    for reason in result.refused:
        print(f"lỗi: {prefix}{reason}", file=sys.stderr)
    if not (result.written or result.removed or result.refused):
        print("Không có gì để chuyển: văn bản, cơ quan, lĩnh vực đã là mỗi mục một tệp.")
    return 1 if result.refused else 0


def cmd_codeowners(args: argparse.Namespace) -> int:
    from .authoring.codeowners import codeowners, content_prefix

    root = content_dir(args.content)
    content, _ = load_content(root, args.date)
    if content is None:
        print("lỗi: nội dung còn lỗi; chạy `validate` và sửa trước", file=sys.stderr)
        return 1
    communes = [(c, content.files[f"commune:{c.id}"]) for c in content.communes]
    text = codeowners(content.site, communes, content_prefix(root, Path(args.repository)))
    if args.out == "-":
        sys.stdout.write(text)
    else:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(out)
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    from .history.diff import to_json, to_markdown
    from .history.git import RevisionError, checkout
    from .history.revisions import changes_between

    folder = content_dir(args.content).resolve()
    where = checkout(folder if folder.is_dir() else Path.cwd())
    if where is None:
        print("lỗi: thư mục nội dung không nằm trong một kho git", file=sys.stderr)
        return 2
    try:
        relative = folder.relative_to(where.top).as_posix()
        review = changes_between(where.top, args.base, args.head, relative)
    except (ValueError, RevisionError) as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(to_json(review.changes, review.notes))
    else:
        print(to_markdown(review.changes, args.base, args.head, review.notes))
    return 0


REVIEW_LIMIT = 60_000  # characters of the pull-request comment


def review_comment(folder: Path, base: str, head: str, day: dt.date | None) -> str:
    """The pull-request comment (`review`): the content's errors and warnings first, then what
    the change does for citizens, or why that cannot be told yet."""
    from .history.diff import to_markdown
    from .history.git import RevisionError, checkout
    from .history.revisions import changes_between

    _, problems = load_content(folder, day)
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    parts = []
    if errors:
        parts.append(f"## ❌ Nội dung có {errors} lỗi: cần sửa trước khi gộp\n")
    else:
        parts.append("## ✅ Nội dung hợp lệ\n")
    if problems:
        parts.append(github_summary(problems, _prefix(folder)))
    where = checkout(folder if folder.is_dir() else Path.cwd())
    try:
        if where is None:
            raise RevisionError("thư mục nội dung không nằm trong một kho git")
        review = changes_between(where.top, base, head, folder.resolve().relative_to(where.top).as_posix())
    except (ValueError, RevisionError) as exc:
        parts.append(
            f"## Thay đổi đối với người dân\n\nChưa so sánh được ({markdown_text(exc)}); sửa các lỗi trên rồi đẩy lại.\n"
        )
    else:
        parts.append(to_markdown(review.changes, base, head, review.notes))
    text = "\n".join(parts)
    if len(text) > REVIEW_LIMIT:
        # GitHub refuses a comment over 65,536 characters: cut at a line, and say so.
        text = text[: text.rfind("\n", 0, REVIEW_LIMIT)] + (
            "\n\n**Bản tóm tắt quá dài, phần còn lại bị lược bớt**: chạy `python -m generator changes` để xem đủ.\n"
        )
    return text


def cmd_review(args: argparse.Namespace) -> int:
    print(review_comment(content_dir(args.content).resolve(), args.base, args.head, args.date))
    return 0


def cmd_codes(args: argparse.Namespace) -> int:
    print(catalogue_markdown(), end="")
    return 0


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày `{value}` không hợp lệ; dùng dạng YYYY-MM-DD") from None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"lỗi: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="congkhai", description="Kiểm tra và xây dựng cổng công khai thủ tục hành chính.")
    parser.add_argument("--debug", action="store_true", help="hiện traceback khi chương trình gặp lỗi nội bộ")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def with_content(p: argparse.ArgumentParser, positional: bool = False) -> None:
        if positional:
            p.add_argument("content", nargs="?", help="thư mục nội dung (mặc định $CONGKHAI_CONTENT hoặc content/)")
        else:
            p.add_argument("--content", help="thư mục nội dung (mặc định $CONGKHAI_CONTENT hoặc content/)")
        p.add_argument("--date", type=_date, default=None, help="ngày dùng để xét hiệu lực (mặc định hôm nay)")

    p = sub.add_parser("validate", help="kiểm tra toàn bộ nội dung")
    with_content(p, positional=True)
    p.add_argument("--format", choices=("text", "github", "json"), default="text")
    p.add_argument(
        "--strict",
        action="store_true",
        help="coi cảnh báo là lỗi (lưu ý, ví dụ `not-stated` cho `khong_neu`, chỉ được liệt kê, không bao giờ là lỗi)",
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("stats", help="đếm thủ tục theo lĩnh vực, cấp, cơ quan")
    with_content(p, positional=True)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("new", help="tạo khung một tệp nội dung mới")
    p.add_argument("kind", choices=("procedure", "fee", "commune"))
    p.add_argument("id", help="mã thủ tục (1.001193) hoặc mã định danh (le-phi-khai-sinh, xa-vu-ninh)")
    p.add_argument("--name", default=None, help="tên thủ tục, khoản phí hoặc xã")
    p.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    with_content(p)
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("schema", help="viết JSON Schema sinh từ mô hình vào schemas/")
    p.add_argument("--out", default="schemas")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("cms", help="viết cấu hình trang quản trị /quan-tri/ (Decap CMS) sinh từ mô hình vào cms/")
    p.add_argument("--out", default="cms")
    p.set_defaults(func=cmd_cms)

    p = sub.add_parser("sample", help="viết nội dung tổng hợp với kích thước bất kỳ")
    p.add_argument("--procedures", type=int, required=True)
    p.add_argument("--communes", type=int, default=0)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("import", help="nhập thủ tục từ phụ lục quyết định công bố (.docx hoặc .txt)")
    p.add_argument("files", nargs="+", metavar="FILE", help="tệp .docx hoặc .txt của phụ lục quyết định")
    p.add_argument("--out", default=None, help="thư mục ghi tệp nháp (mặc định thư mục nội dung)")
    p.add_argument("--decision", default=None, help="số quyết định công bố, ví dụ 1254/QĐ-UBND")
    p.add_argument("--level", default=None, help="mã cấp thực hiện trong site.yaml khi quyết định không nói rõ")
    p.add_argument("--field", default=None, help="tên lĩnh vực khi quyết định không nói rõ")
    p.add_argument("--code", action="append", default=[], metavar="SỐ=MÃ", help="mã cho thủ tục số SỐ không ghi mã")
    with_content(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("changes", help="tóm tắt thay đổi đối với người dân giữa hai phiên bản git")
    p.add_argument("base", help="phiên bản gốc, ví dụ origin/main")
    p.add_argument("head", nargs="?", default="HEAD", help="phiên bản mới (mặc định HEAD)")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    with_content(p)
    p.set_defaults(func=cmd_changes)

    p = sub.add_parser("review", help="bình luận cho yêu cầu gộp: lỗi nội dung trước, rồi thay đổi đối với người dân")
    p.add_argument("base", help="phiên bản gốc, ví dụ origin/main")
    p.add_argument("head", nargs="?", default="HEAD", help="phiên bản mới (mặc định HEAD)")
    with_content(p)
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("migrate", help="tách legal.yaml, agencies.yaml, fields.yaml thành mỗi mục một tệp")
    with_content(p)
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("codeowners", help="viết .github/CODEOWNERS từ người duyệt ghi trong nội dung")
    with_content(p)
    p.add_argument("--out", default=".github/CODEOWNERS", help="tệp ghi ra (`-`: in ra màn hình)")
    p.add_argument("--repository", default=".", help="thư mục gốc của kho (mặc định thư mục hiện tại)")
    p.set_defaults(func=cmd_codeowners)

    p = sub.add_parser("codes", help="in danh mục mã lỗi (Markdown)")
    p.set_defaults(func=cmd_codes)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "date", "absent") is None:
        # Without --date: $CONGKHAI_DATE, else today in the site's time zone (read with the content).
        try:
            args.date = date_override()
        except ValueError:
            print("lỗi: biến môi trường CONGKHAI_DATE phải có dạng YYYY-MM-DD", file=sys.stderr)
            return 2
    try:
        result: int = args.func(args)
        return result
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours, never bad content: say so plainly
        if args.debug:
            raise
        print(f"lỗi nội bộ của chương trình ({type(exc).__name__}: {exc}); chạy lại với --debug", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
