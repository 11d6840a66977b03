"""`changes`: a scratch git repository with a sequence of realistic edits."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

from .helpers import COMMUNE, FEE, PROCEDURE, write_tree

P = "content/procedures/1.001193-dang-ky-khai-sinh.yaml"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    write_tree(tmp_path / "content")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", "-A")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "base")
    return tmp_path


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", message)


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
    assert "### Thủ tục" in out
    assert "**Đăng ký khai tử (1.000656)**: thủ tục mới" in out
    assert "đổi tên: Đăng ký khai sinh → Đăng ký khai sinh (cấp xã)" in out
    assert "thời hạn giải quyết (Trực tuyến): 01 ngày làm việc → 02 ngày làm việc" in out
    assert "thêm giấy tờ: Văn bản ủy quyền" in out
    assert "mức thu mới từ ngày 01/01/2027:" in out and "→ 5.000 đồng/bản" in out
    assert "**Xã Vũ Ninh**: giờ làm việc:" in out and "14:00-17:30" in out

    code, out = run(["HEAD~1", "--format", "json"], capsys, repo, monkeypatch)
    kinds = {c["kind"] for c in json.loads(out)}
    assert kinds == {"procedure-added", "procedure-renamed", "hours"}


def test_no_change_and_bad_revision(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = run(["HEAD"], capsys, repo, monkeypatch)
    assert code == 0 and "Không có thay đổi nào" in out
    code, _ = run(["khong-co-nhanh-nay"], capsys, repo, monkeypatch)
    assert code == 2


def test_dates_and_recent_changes_come_from_history(repo: Path) -> None:
    import datetime as dt
    import xml.etree.ElementTree as ET

    from generator.content import load_content
    from generator.facts import Facts
    from generator.history.git import last_changed
    from generator.history.revisions import recent_changes
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
    revisions = recent_changes(folder, dt.date(2026, 11, 27))
    assert [r.subject for r in revisions] == ["Thời hạn khai sinh trực tuyến"]
    assert revisions[0].changes[0].new == "03 ngày làm việc"
    content, _ = load_content(folder, dt.date(2026, 11, 27))
    assert content is not None
    facts = Facts(content)
    page = procedure_page(facts, SearchIndex(facts), content.procedures[0], dates)
    assert page.updated == dates["procedures/1.001193-dang-ky-khai-sinh.yaml"]
    feed = ET.fromstring(atom_feed(content.site, revisions))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    (entry,) = feed.findall("a:entry", ns)
    assert entry.findtext("a:title", namespaces=ns) == "Thời hạn khai sinh trực tuyến"
    assert "03 ngày làm việc" in (entry.findtext("a:content", namespaces=ns) or "")


def test_outside_git_there_is_no_history(tmp_path: Path) -> None:
    from generator.history.git import last_changed
    from generator.history.revisions import recent_changes

    write_tree(tmp_path / "content")
    assert last_changed(tmp_path / "content") == {}
    assert recent_changes(tmp_path / "content", __import__("datetime").date(2026, 11, 27)) == []
