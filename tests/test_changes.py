"""`changes` and the recent changes of the site: a scratch git repository with a sequence of
realistic edits, read incrementally (only the files each commit changed) and cached on disk."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from generator.cli import main
from generator.history import revisions
from generator.history.git import RevisionError
from generator.history.revisions import changes_between, recent_changes
from generator.problems import Problem

from .helpers import AGENCIES, COMMUNE, FEE, FIELDS, LEGAL, PROCEDURE, SITE, STATS, write_tree

P = "content/procedures/1.001193-dang-ky-khai-sinh.yaml"


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture(autouse=True)
def _default_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONGKHAI_CACHE", raising=False)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    write_tree(tmp_path / "content")
    (tmp_path / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", "-A")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "base")
    return tmp_path


def commit(repo: Path, message: str, date: str = "2026-11-20T10:00:00") -> None:
    git(repo, "add", "-A")
    git(
        repo,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.invalid",
        "commit",
        "-qm",
        message,
        f"--date={date}",
        env={**os.environ, "GIT_COMMITTER_DATE": date},
    )


def run(
    args: list[str], capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    monkeypatch.chdir(repo)
    code = main(["changes", *args, "--date", "2026-11-27"])
    return code, capsys.readouterr().out


def test_a_sequence_of_edits_is_summarised_for_citizens(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1. A new fee schedule from 2027, and a faster online channel with one more document.
    fee = FEE.replace(
        '    legal_basis: ["226/2016/TT-BTC"]\n',
        '    legal_basis: ["226/2016/TT-BTC"]\n    valid_until: 2026-12-31\n'
        "  - valid_from: 2027-01-01\n    amount: 5000\n    per: bản\n    rule: 5.000 đồng/bản.\n",
    )
    (repo / "content/fees/phi-chung-thuc-ban-sao.yaml").write_text(fee, encoding="utf-8")
    procedure = PROCEDURE.replace("      working_days: 1", "      working_days: 2").replace(
        "        condition: Trường hợp sinh tại cơ sở y tế\n",
        "        condition: Trường hợp sinh tại cơ sở y tế\n      - name: Văn bản ủy quyền\n        original: 1\n        copy: 0\n",
    )
    (repo / P).write_text(procedure, encoding="utf-8")
    commit(repo, "fee and procedure")
    # 2. A renamed procedure, a new one, and new office hours.
    (repo / P).write_text(
        procedure.replace("name: Đăng ký khai sinh", "name: Đăng ký khai sinh (cấp xã)"), encoding="utf-8"
    )
    (repo / "content/procedures/1.000656-dang-ky-khai-tu.yaml").write_text(
        PROCEDURE.replace('code: "1.001193"', 'code: "1.000656"').replace(
            "name: Đăng ký khai sinh", "name: Đăng ký khai tử"
        ),
        encoding="utf-8",
    )
    (repo / "content/communes/xa-vu-ninh.yaml").write_text(
        COMMUNE.replace('"13:30-17:00"', '"14:00-17:30"'), encoding="utf-8"
    )
    commit(repo, "more")

    code, out = run(["HEAD~2", "HEAD"], capsys, repo, monkeypatch)
    assert code == 0
    lines = out.splitlines()
    assert "### Thủ tục hành chính" in lines
    assert "- **Đăng ký khai tử (1.000656)**" in lines and "  - Thủ tục hành chính mới" in lines
    assert "  - Tên thủ tục: Đăng ký khai sinh → Đăng ký khai sinh (cấp xã)" in lines
    assert "  - Cách thức thực hiện (Trực tuyến) › Thời hạn giải quyết: 1 ngày làm việc → 2 ngày làm việc" in lines
    assert "  - thêm Thành phần hồ sơ (Giấy tờ phải nộp) › Các giấy tờ (Văn bản ủy quyền)" in lines
    assert "  - thêm Các mức thu theo thời gian (từ 01/01/2027)" in lines
    assert "    - Mức thu (đồng): 5.000 đồng" in lines
    assert "  - Các mức thu theo thời gian (từ 01/01/2017) › Hết hiệu lực sau ngày: (trống) → 31/12/2026" in lines
    # Office hours are a timetable: shown whole, before and after.
    assert "| Thứ Hai đến thứ Sáu | 07:00-11:30 | 13:30-17:00 |" in lines
    assert "| Thứ Hai đến thứ Sáu | 07:00-11:30 | 14:00-17:30 |" in lines

    code, out = run(["HEAD~1", "--format", "json"], capsys, repo, monkeypatch)
    found = {(c["action"], c["subject"], c["detail"]) for c in json.loads(out)["changes"]}
    assert found == {
        ("added", "Đăng ký khai tử (1.000656)", "Thủ tục hành chính mới"),
        ("changed", "Đăng ký khai sinh (cấp xã) (1.001193)", "Tên thủ tục"),
        ("changed", "Xã Vũ Ninh", "Giờ làm việc"),
    }


def _issue_pull_request(repo: Path) -> None:
    """The pull request of issue 14, on a portal with a second commune, a second legal basis and
    a 100 % online reduction: each of its changes was missed."""
    procedure = PROCEDURE.replace('legal_basis: ["60/2014/QH13"]', 'legal_basis: ["60/2014/QH13", "226/2016/TT-BTC"]')
    fee = FEE.replace(
        '    legal_basis: ["226/2016/TT-BTC"]\n',
        '    legal_basis: ["226/2016/TT-BTC"]\n    online_reductions:\n      - percent: 100\n        valid_from: 2026-01-01\n',
    )
    tay = COMMUNE.replace("xa-vu-ninh", "xa-vu-tay").replace("Vũ Ninh", "Vũ Tây")
    (repo / P).write_text(procedure, encoding="utf-8")
    (repo / "content/fees/phi-chung-thuc-ban-sao.yaml").write_text(fee, encoding="utf-8")
    (repo / "content/communes/xa-vu-tay.yaml").write_text(tay, encoding="utf-8")
    commit(repo, "Chuẩn bị")
    (repo / "content/communes/xa-vu-tay.yaml").unlink()
    changed = (
        procedure.replace("levels: [xa]", "levels: [huyen]")
        .replace("executing: [ubnd-xa]", "executing: [phong-tu-phap]")
        .replace("last_reviewed: 2026-09-01", "last_reviewed: 2026-09-01\nvalid_until: 2027-06-30")
        .replace("        copy: 0\n        form: to-khai.docx", "        copy: 3\n        form: to-khai.docx")
        .replace('["60/2014/QH13", "226/2016/TT-BTC"]', '["60/2014/QH13"]')
    )
    (repo / P).write_text(changed, encoding="utf-8")
    (repo / "content/fees/phi-chung-thuc-ban-sao.yaml").write_text(
        fee.replace("percent: 100", "percent: 50"), encoding="utf-8"
    )
    (repo / "content/agencies.yaml").write_text(
        AGENCIES.replace("    level: huyen\n", '    level: huyen\n    phone: "0227 3821 999"\n'), encoding="utf-8"
    )
    commit(repo, "Update xa-vu-ninh.yaml")


def test_the_pull_request_of_the_issue_reports_each_of_its_changes(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _issue_pull_request(repo)
    code, out = run(["HEAD~1", "--format", "json"], capsys, repo, monkeypatch)
    assert code == 0
    found = {(c["action"], c["subject"], c["detail"], c["old"], c["new"]) for c in json.loads(out)["changes"]}
    khai_sinh = "Đăng ký khai sinh (1.001193)"
    assert found == {
        ("removed", "Xã Vũ Tây", "bỏ đơn vị cấp xã", None, None),
        ("changed", khai_sinh, "Cấp thực hiện", "xa", "huyen"),
        ("changed", khai_sinh, "Cơ quan › Cơ quan thực hiện", "ubnd-xa", "phong-tu-phap"),
        ("changed", khai_sinh, "Hết hiệu lực sau ngày", None, "30/06/2027"),
        (
            "changed",
            khai_sinh,
            "Thành phần hồ sơ (Giấy tờ phải nộp) › Các giấy tờ (Tờ khai đăng ký khai sinh) › Số bản sao",
            "0",
            "3",
        ),
        ("removed", khai_sinh, "Căn cứ pháp lý (226/2016/TT-BTC)", None, None),
        (
            "changed",
            "Phí chứng thực bản sao từ bản chính (phi-chung-thuc-ban-sao)",
            "Các mức thu theo thời gian (từ 01/01/2017) › Giảm khi nộp trực tuyến (từ 01/01/2026) › Tỷ lệ giảm (%)",
            "100",
            "50",
        ),
        ("changed", "Phòng Tư pháp (phong-tu-phap)", "Điện thoại", None, "0227 3821 999"),
    }
    code, out = run(["HEAD~1"], capsys, repo, monkeypatch)
    assert "Không có thay đổi" not in out
    # The commune removed is described with its facts, so a reviewer sees what disappears.
    assert "    - Tên bộ phận tiếp nhận: Bộ phận Một cửa UBND xã Vũ Tây" in out.splitlines()


def test_forms_laws_fields_agencies_and_a_move_to_another_field(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = repo / "content"
    (repo / P).write_text(PROCEDURE.replace("field: ho-tich", "field: chung-thuc"), encoding="utf-8")
    (content / "forms/mau-moi.pdf").write_bytes(b"%PDF-1.4\n")
    (content / "forms/to-khai.docx").write_bytes(b"PK\x05\x06" + b"\x01" * 18)
    (content / "legal.yaml").write_text(
        LEGAL + "  - number: 15/2026/NQ-HĐND\n    title: Nghị quyết về lệ phí\n    issuer: HĐND tỉnh\n"
        "    date: 2026-07-01\n",
        encoding="utf-8",
    )
    (content / "fields.yaml").write_text(FIELDS + "  - id: dat-dai\n    name: Đất đai\n", encoding="utf-8")
    (content / "agencies.yaml").write_text(
        AGENCIES + "  - id: vpdk\n    name: Văn phòng đăng ký đất đai\n    level: huyen\n", encoding="utf-8"
    )
    (content / "site.yaml").write_text(SITE.replace("demo: true", "demo: false"), encoding="utf-8")
    (content / "stats/2018-q1.yaml").write_text(
        STATS.replace("source: Báo cáo", "source: Bản sửa báo cáo"), encoding="utf-8"
    )
    commit(repo, "Nhiều loại")
    code, out = run(["HEAD~1", "--format", "json"], capsys, repo, monkeypatch)
    assert code == 0
    found = {(c["section"], c["action"], c["subject"], c["detail"]) for c in json.loads(out)["changes"]}
    assert found == {
        ("Thủ tục hành chính", "changed", "Đăng ký khai sinh (1.001193)", "Lĩnh vực"),
        ("Mẫu đơn, tờ khai", "added", "mau-moi.pdf", "tệp mới"),
        ("Mẫu đơn, tờ khai", "changed", "to-khai.docx", "nội dung tệp thay đổi"),
        ("Văn bản pháp luật", "added", "Nghị quyết về lệ phí (15/2026/NQ-HĐND)", "Văn bản pháp luật mới"),
        ("Lĩnh vực", "added", "Đất đai (dat-dai)", "Lĩnh vực mới"),
        ("Cơ quan thực hiện", "added", "Văn phòng đăng ký đất đai (vpdk)", "Cơ quan thực hiện mới"),
        ("Cấu hình cổng", "changed", "Cổng thử nghiệm", "Dữ liệu minh họa"),
        ("Kết quả giải quyết hồ sơ", "changed", "Kết quả giải quyết hồ sơ 2018-Q1", "Nguồn số liệu"),
    }


def test_a_new_procedure_shows_its_facts(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "content/procedures/1.000656-dang-ky-khai-tu.yaml").write_text(
        PROCEDURE.replace('code: "1.001193"', 'code: "1.000656"').replace(
            "name: Đăng ký khai sinh", "name: Đăng ký khai tử"
        ),
        encoding="utf-8",
    )
    commit(repo, "Thủ tục mới")
    _, out = run(["HEAD~1", "--format", "json"], capsys, repo, monkeypatch)
    (added,) = json.loads(out)["changes"]
    facts = dict(added["facts"])
    assert facts["Tên thủ tục"] == "Đăng ký khai tử"
    assert facts["Cấp thực hiện"] == "xa"
    assert facts["Cách thức thực hiện (Trực tuyến)"] == "Thời hạn giải quyết: 1 ngày làm việc"
    assert facts["Thành phần hồ sơ (Giấy tờ phải nộp) › Các giấy tờ (Tờ khai đăng ký khai sinh)"] == (
        "Số bản chính: 1; Số bản sao: 0; Mẫu đơn, tờ khai: Tệp biểu mẫu: to-khai.docx"
    )
    assert facts["Dịch vụ công trực tuyến"].startswith("Mức độ dịch vụ công trực tuyến: Toàn trình")
    assert facts["Ngày rà soát gần nhất"] == "01/09/2026"
    assert "Căn cứ pháp lý (60/2014/QH13)" in facts


def test_inserting_an_entry_reports_that_entry_only(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / P).write_text(
        PROCEDURE.replace("steps:\n", "steps:\n  - Chuẩn bị giấy tờ.\n")
        .replace("    items:\n", "    items:\n      - name: Văn bản ủy quyền\n        original: 1\n        copy: 0\n")
        .replace("channels:\n", "channels:\n  - mode: buu_chinh\n    time: {working_days: 5}\n"),
        encoding="utf-8",
    )
    commit(repo, "Thêm ở đầu danh sách")
    _, out = run(["HEAD~1", "--format", "json"], capsys, repo, monkeypatch)
    assert [(c["action"], c["detail"]) for c in json.loads(out)["changes"]] == [
        ("added", "Trình tự thực hiện (mục thứ 1)"),
        ("added", "Cách thức thực hiện (Dịch vụ bưu chính)"),
        ("added", "Thành phần hồ sơ (Giấy tờ phải nộp) › Các giấy tờ (Văn bản ủy quyền)"),
    ]


def test_a_field_added_to_a_model_is_reported_by_its_title() -> None:
    from pydantic import Field

    from generator import model as m
    from generator.history.diff import Snapshot, compare
    from generator.load.yaml_source import load_text

    class Wider(m.Procedure):
        hotline: str | None = Field(None, title="Đường dây nóng")

    source = load_text(PROCEDURE.encode(), "p.yaml", [])
    assert source is not None
    before = Wider.model_validate(source.data)
    after = before.model_copy(update={"hotline": "1900 0000"})
    (change,) = compare(Snapshot({"procedure": {"1.001193": before}}), Snapshot({"procedure": {"1.001193": after}}))
    assert (change.detail, change.old, change.new) == ("Đường dây nóng", None, "1900 0000")


def test_no_change_and_bad_revision(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = run(["HEAD"], capsys, repo, monkeypatch)
    assert code == 0 and "Không có thay đổi nào" in out
    code, _ = run(["khong-co-nhanh-nay"], capsys, repo, monkeypatch)
    assert code == 2


def test_dates_and_recent_changes_come_from_history(repo: Path) -> None:
    import xml.etree.ElementTree as ET

    from generator.content import load_content
    from generator.facts import Facts
    from generator.history.git import last_changed
    from generator.outputs.feed import atom_feed
    from generator.search_index import SearchIndex
    from generator.views.procedure import procedure_page

    (repo / P).write_text(PROCEDURE.replace("      working_days: 1", "      working_days: 3"), encoding="utf-8")
    git(repo, "add", "-A")
    git(
        repo,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.invalid",
        "commit",
        "-qm",
        "Thời hạn khai sinh trực tuyến",
        "--date=2026-11-20T10:00:00",
    )
    folder = repo / "content"
    dates = last_changed(folder)
    assert set(dates) >= {"procedures/1.001193-dang-ky-khai-sinh.yaml", "site.yaml"}
    revisions = recent_changes(folder)
    assert [_message(repo, r.commit) for r in revisions] == ["Thời hạn khai sinh trực tuyến"]
    assert revisions[0].changes[0].new == "3 ngày làm việc"
    content, _ = load_content(folder, dt.date(2026, 11, 27))
    assert content is not None
    facts = Facts(content)
    page = procedure_page(facts, SearchIndex(facts), content.procedures[0], dates)
    assert page.updated == dates["procedures/1.001193-dang-ky-khai-sinh.yaml"]
    feed = ET.fromstring(atom_feed(content.site, revisions))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    (entry,) = feed.findall("a:entry", ns)
    # The entry is titled by its date: a commit message is never published.
    assert entry.findtext("a:title", namespaces=ns) == f"Cập nhật ngày {revisions[0].date:%d/%m/%Y}"
    assert "3 ngày làm việc" in (entry.findtext("a:content", namespaces=ns) or "")


def test_outside_git_there_is_no_history(tmp_path: Path) -> None:
    from generator.history.git import last_changed

    write_tree(tmp_path / "content")
    assert last_changed(tmp_path / "content") == {}
    assert recent_changes(tmp_path / "content") == []


def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Forget what this process computed (as a new `mkdocs build` would) and count the files the
    history parses from now on, by path."""
    monkeypatch.setattr(revisions, "_CACHE", {})
    parsed: Counter[str] = Counter()
    load_text = revisions.load_text

    def counting(raw: bytes, rel: str, problems: list[Problem]) -> object:
        parsed[rel] += 1
        return load_text(raw, rel, problems)

    monkeypatch.setattr(revisions, "load_text", counting)
    return parsed


def _message(repo: Path, commit: str) -> str:
    """A commit's subject, from git: the history keeps none (they are never published)."""
    return subprocess.run(
        ["git", "-C", str(repo), "show", "-s", "--format=%s", commit], check=True, capture_output=True, text=True
    ).stdout.strip()


def _subjects(repo: Path) -> list[str]:
    return [_message(repo, r.commit) for r in recent_changes(repo / "content")]


def test_only_changed_files_are_parsed_and_a_second_build_parses_nothing(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / P).write_text(PROCEDURE.replace("      working_days: 1", "      working_days: 3"), encoding="utf-8")
    commit(repo, "Thời hạn")
    (repo / "content/fees/phi-chung-thuc-ban-sao.yaml").write_text(
        FEE.replace("cap: 200000", "cap: 250000"), encoding="utf-8"
    )
    commit(repo, "Mức tối đa")

    parsed = _fresh_process(monkeypatch)
    first = recent_changes(repo / "content")
    assert [_message(repo, r.commit) for r in first] == ["Mức tối đa", "Thời hạn"]
    # Each changed file once before and once after its commit; nothing else of the past trees.
    assert parsed == {P.removeprefix("content/"): 2, "fees/phi-chung-thuc-ban-sao.yaml": 2}
    entries = sorted((repo / ".cache/congkhai/history").glob("*/*.json"))
    assert len(entries) == 2

    parsed = _fresh_process(monkeypatch)
    assert recent_changes(repo / "content") == first
    assert parsed == {}


def test_a_corrupt_or_stale_cache_entry_is_ignored_and_rewritten(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / P).write_text(PROCEDURE.replace("      working_days: 1", "      working_days: 3"), encoding="utf-8")
    commit(repo, "Thời hạn")
    _fresh_process(monkeypatch)
    expected = recent_changes(repo / "content")
    (entry,) = (repo / ".cache/congkhai/history").glob("*/*.json")
    good = entry.read_text(encoding="utf-8")

    stale = json.loads(good)
    stale["key"]["parent"] = "0" * 40
    for body in ("{not json", "[]", '{"key": 1}', json.dumps(stale), "\udcff".encode(errors="surrogateescape")):
        if isinstance(body, bytes):
            entry.write_bytes(body)
        else:
            entry.write_text(body, encoding="utf-8")
        parsed = _fresh_process(monkeypatch)
        assert recent_changes(repo / "content") == expected
        assert parsed == {P.removeprefix("content/"): 2}
        assert entry.read_text(encoding="utf-8") == good

    # A cache that cannot be written (here its folder is a file) costs time, never the build.
    blocked = repo.parent / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("CONGKHAI_CACHE", str(blocked))
    _fresh_process(monkeypatch)
    assert recent_changes(repo / "content") == expected


def test_the_cache_folder_can_be_chosen(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / P).write_text(PROCEDURE.replace("      working_days: 1", "      working_days: 3"), encoding="utf-8")
    commit(repo, "Thời hạn")
    monkeypatch.setenv("CONGKHAI_CACHE", str(tmp_path / "elsewhere"))
    _fresh_process(monkeypatch)
    assert _subjects(repo) == ["Thời hạn"]
    assert len(list((tmp_path / "elsewhere/history").glob("*/*.json"))) == 1
    assert not (repo / ".cache").exists()


def test_commits_that_leave_a_changed_file_invalid_are_skipped(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / P).write_text(PROCEDURE.replace("      working_days: 1", "      working_days: 2"), encoding="utf-8")
    commit(repo, "Hai ngày")
    (repo / P).write_text(PROCEDURE.replace("      working_days: 1", "      working_days: hai"), encoding="utf-8")
    commit(repo, "Gõ nhầm")
    (repo / P).write_text(PROCEDURE.replace("      working_days: 1", "      working_days: 4"), encoding="utf-8")
    commit(repo, "Sửa lỗi gõ")  # compared with a broken file: nothing reliable to say
    (repo / "content/communes/xa-vu-ninh.yaml").write_text(
        COMMUNE.replace("person: Nguyễn Văn Hùng", "person: Lê Thị Mai"), encoding="utf-8"
    )
    commit(repo, "Lịch trực")
    (repo / "content/agencies.yaml").write_text("agencies: khong-phai-danh-sach\n", encoding="utf-8")
    (repo / "content/communes/xa-vu-ninh.yaml").write_text(COMMUNE, encoding="utf-8")
    commit(repo, "Lịch trực, và một tệp danh sách hỏng")
    _fresh_process(monkeypatch)
    assert _subjects(repo) == ["Lịch trực", "Hai ngày"]

    # Skipped commits are remembered too: a second build reads none of their files.
    parsed = _fresh_process(monkeypatch)
    assert _subjects(repo) == ["Lịch trực", "Hai ngày"]
    assert parsed == {}


def test_commits_outside_the_content_files_are_ignored(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "README.md").write_text("# Cổng\n", encoding="utf-8")
    commit(repo, "Tài liệu")
    (repo / "content/GHI-CHU.txt").write_text("ghi chú của biên tập viên\n", encoding="utf-8")
    (repo / "content/procedures/nhap").mkdir()
    (repo / "content/procedures/nhap/1.000001.yaml").write_text("code: chưa xong\n", encoding="utf-8")
    commit(repo, "Ghi chú và bản nháp")
    parsed = _fresh_process(monkeypatch)
    assert _subjects(repo) == []
    assert parsed == {}


def test_a_new_form_is_a_change_and_is_not_parsed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "content/forms/to-khai-moi.docx").write_bytes(b"PK\x05\x06" + b"\x01" * 18)
    commit(repo, "Mẫu đơn")
    parsed = _fresh_process(monkeypatch)
    (revision,) = recent_changes(repo / "content")
    assert [(c.section, c.action, c.subject) for c in revision.changes] == [
        ("Mẫu đơn, tờ khai", "added", "to-khai-moi.docx")
    ]
    assert parsed == {}


def test_added_deleted_and_moved_files(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / P).unlink()
    (repo / "content/procedures/1.000656-dang-ky-khai-tu.yaml").write_text(
        PROCEDURE.replace('code: "1.001193"', 'code: "1.000656"').replace(
            "name: Đăng ký khai sinh", "name: Đăng ký khai tử"
        ),
        encoding="utf-8",
    )
    (repo / "content/communes/xa-vu-ninh.yaml").unlink()
    (repo / "content/communes/phuong-tran-lam.yaml").write_text(
        COMMUNE.replace("id: xa-vu-ninh", "id: phuong-tran-lam")
        .replace("name: Vũ Ninh", "name: Trần Lãm")
        .replace("type: xa", "type: phuong"),
        encoding="utf-8",
    )
    commit(repo, "Thay thủ tục, sắp xếp xã")
    git(repo, "mv", "content/fees/phi-chung-thuc-ban-sao.yaml", "content/fees/phi-chung-thuc.yaml")
    commit(repo, "Đổi tên tệp")  # the same record under another name: nothing changes for citizens

    code, out = run(["HEAD~2", "HEAD", "--format", "json"], capsys, repo, monkeypatch)
    assert code == 0
    assert [(c["action"], c["subject"], c["detail"]) for c in json.loads(out)["changes"]] == [
        ("removed", "Đăng ký khai sinh (1.001193)", "bỏ thủ tục hành chính"),
        ("added", "Đăng ký khai tử (1.000656)", "Thủ tục hành chính mới"),
        ("added", "Phường Trần Lãm", "Đơn vị cấp xã mới"),
        ("removed", "Xã Vũ Ninh", "bỏ đơn vị cấp xã"),
    ]
    _fresh_process(monkeypatch)
    (revision,) = recent_changes(repo / "content")
    assert _message(repo, revision.commit) == "Thay thủ tục, sắp xếp xã"
    assert {c.action for c in revision.changes} == {"added", "removed"}


def test_an_amended_fee_schedule(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fee = """\
id: le-phi-ho-tich
name: Lệ phí hộ tịch
kind: le_phi
set_by: HĐND tỉnh Thái Bình
versions:
  - valid_from: 2020-01-01
    valid_until: 2026-12-31
    amount: 8000
    rule: 8.000 đồng/lần.
  - valid_from: 2027-01-01
    amount: 10000
    rule: 10.000 đồng/lần.
"""
    (repo / "content/fees/le-phi-ho-tich.yaml").write_text(fee, encoding="utf-8")
    commit(repo, "Lệ phí hộ tịch", date="2026-11-01T10:00:00")
    (repo / "content/fees/le-phi-ho-tich.yaml").write_text(
        fee.replace("amount: 8000\n    rule: 8.000", "amount: 9000\n    rule: 9.000"), encoding="utf-8"
    )
    commit(repo, "Sửa mức đang thu", date="2026-11-20T10:00:00")
    _fresh_process(monkeypatch)
    amended, added = recent_changes(repo / "content")
    assert [(c.detail, c.old, c.new) for c in amended.changes] == [
        ("Các mức thu theo thời gian (từ 01/01/2020) › Mức thu (đồng)", "8.000 đồng", "9.000 đồng"),
        ("Các mức thu theo thời gian (từ 01/01/2020) › Lời văn quy định mức thu", "8.000 đồng/lần.", "9.000 đồng/lần."),
    ]
    (new,) = added.changes
    assert (
        "Các mức thu theo thời gian (từ 01/01/2020)",
        "Hết hiệu lực sau ngày: 31/12/2026; Mức thu (đồng): 8.000 đồng; Lời văn quy định mức thu: 8.000 đồng/lần.",
    ) in new.facts


def test_changes_reports_a_changed_file_that_does_not_validate(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / P).write_text(PROCEDURE.replace("      working_days: 1", "      working_days: hai"), encoding="utf-8")
    commit(repo, "Gõ nhầm")
    monkeypatch.chdir(repo)
    assert main(["changes", "HEAD~1", "--date", "2026-11-27"]) == 2
    err = capsys.readouterr().err
    assert "phiên bản `HEAD`" in err and f"{P}:" in err
    # A revision is never taken for an option of git's.
    with pytest.raises(RevisionError):
        changes_between(repo, "--output=x", "HEAD", "content")
    assert not (repo / "x").exists()


def _published(site: Path) -> dict[str, bytes]:
    """Every file of a built site, gzip-compressed ones (the search index) uncompressed."""
    import gzip

    files = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            files[path.relative_to(site).as_posix()] = data
    return files


def test_commit_messages_are_never_published_and_change_notes_are(repo: Path, tmp_path: Path) -> None:
    from .test_build import build

    (repo / "content/communes/xa-vu-ninh.yaml").write_text(
        COMMUNE.replace("person: Nguyễn Văn Hùng", "person: Lê Thị Mai"), encoding="utf-8"
    )
    commit(repo, "Update xa-vu-ninh.yaml")
    note = "Nộp trực tuyến được giải quyết trong 3 ngày làm việc."
    (repo / P).write_text(
        PROCEDURE.replace("      working_days: 1", "      working_days: 3")
        + f"change_note:\n  date: 2026-11-20\n  text: {note}\n",
        encoding="utf-8",
    )
    commit(repo, "Update 1.001193-dang-ky-khai-sinh.yaml")
    result = build(repo / "content", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    files = _published(tmp_path / "site")
    subjects = ("Update xa-vu-ninh.yaml", "Update 1.001193-dang-ky-khai-sinh.yaml")
    leaks = [rel for rel, data in files.items() for text in subjects if text.encode() in data]
    assert leaks == []
    page = files["cap-nhat/index.html"].decode()
    # (Official terms in the note are linked to the glossary: compare the text.)
    assert note in re.sub(r"<[^>]+>", "", page) and "Lê Thị Mai" in page
    assert page.count("<h2 id=") == 2 and "Cập nhật ngày" in page
    feed = files["cap-nhat/feed.xml"].decode()
    assert note in feed


def test_a_note_is_shown_only_with_the_change_that_wrote_it(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    noted = PROCEDURE + "change_note:\n  date: 2026-11-20\n  text: Thêm bản sao.\n"
    (repo / P).write_text(noted, encoding="utf-8")
    commit(repo, "Ghi chú")
    (repo / P).write_text(noted.replace("      working_days: 1", "      working_days: 2"), encoding="utf-8")
    commit(repo, "Sửa sau, ghi chú cũ giữ nguyên")
    _fresh_process(monkeypatch)
    later, first = recent_changes(repo / "content")
    assert later.notes == []
    assert [(n.subject, n.date, n.text) for n in first.notes] == [
        ("Đăng ký khai sinh (1.001193)", dt.date(2026, 11, 20), "Thêm bản sao.")
    ]
    # The note is what citizens read, not a fact that changed.
    assert first.changes == []


def test_review_puts_the_errors_first(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    (repo / P).write_text(PROCEDURE.replace("field: ho-tich", "field: khong-co"), encoding="utf-8")
    (repo / "content/fees/phi-chung-thuc-ban-sao.yaml").write_text(
        FEE.replace("cap: 200000", "cap: 250000"), encoding="utf-8"
    )
    commit(repo, "Lĩnh vực sai")
    assert main(["review", "HEAD~1", "--date", "2026-11-27"]) == 0
    out = capsys.readouterr().out
    errors = out.index("| Tệp | Dòng | Mã | Thông báo |")
    assert out.startswith("## ❌ Nội dung có 1 lỗi")
    assert "`unknown-sector`" in out[errors:]
    # The file alone validates, so the comparison still shows what the change does.
    assert (
        errors < out.index("Lĩnh vực: ho-tich → khong-co") < out.index("Mức tối đa (đồng): 200.000 đồng → 250.000 đồng")
    )

    (repo / P).write_text(PROCEDURE.replace("      working_days: 1", "      working_days: hai"), encoding="utf-8")
    commit(repo, "Gõ nhầm")
    assert main(["review", "HEAD~1", "--date", "2026-11-27"]) == 0
    out = capsys.readouterr().out
    assert out.index("| Tệp | Dòng | Mã | Thông báo |") < out.index("Chưa so sánh được")

    git(repo, "reset", "-q", "--hard", "HEAD~2")
    assert main(["review", "HEAD", "--date", "2026-11-27"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## ✅ Nội dung hợp lệ") and "Không có thay đổi nào" in out and "| Tệp |" not in out


def test_the_workflow_posts_one_comment_and_updates_it(tmp_path: Path) -> None:
    """The comment job's script, run by Node against a fake GitHub: the first push creates the
    comment, later pushes update it (found by its marker), other comments are left alone."""
    import base64
    import shutil

    import yaml

    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    workflow = yaml.safe_load((Path(__file__).parent.parent / ".github/workflows/check.yml").read_text("utf-8"))
    (step,) = workflow["jobs"]["comment"]["steps"]
    harness = """
const fs = require("fs");
const state = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const github = {
  paginate: async (fn, args) => state.comments,
  rest: { issues: {
    listComments: () => null,
    updateComment: async ({ comment_id, body }) => {
      state.comments.find((c) => c.id === comment_id).body = body;
    },
    createComment: async ({ body }) => {
      state.comments.push({ id: state.comments.length + 1, user: { type: "Bot" }, body });
    },
  } },
};
const context = { repo: { owner: "o", repo: "r" }, payload: { pull_request: { number: 7 } } };
(async () => {
SCRIPT
  fs.writeFileSync(process.argv[2], JSON.stringify(state));
})();
""".replace("SCRIPT", step["with"]["script"])
    script = tmp_path / "run.js"
    script.write_text(harness, encoding="utf-8")
    state = tmp_path / "state.json"
    state.write_text(
        json.dumps({"comments": [{"id": 1, "user": {"type": "User"}, "body": "<!-- congkhai-review --> giả"}]}),
        encoding="utf-8",
    )
    for review in ("## Lần đầu\n", "## Lần hai: `a` → b\n", ""):
        env = {**os.environ, "REVIEW": base64.b64encode(review.encode()).decode()}
        subprocess.run([node, str(script), str(state)], check=True, env=env, capture_output=True)
        comments = json.loads(state.read_text(encoding="utf-8"))["comments"]
        assert len(comments) == 2 and comments[0]["body"] == "<!-- congkhai-review --> giả"
        body = comments[1]["body"]
        assert body.startswith("<!-- congkhai-review -->\n")
        assert body.endswith(review.strip() or "Không tạo được bản tóm tắt: xem nhật ký của lần kiểm tra.")
