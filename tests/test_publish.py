"""Publishing, one process at a time: the output lock and the staging folders (the `mkdocs build`
runs that race each other are in test_build.py)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from generator import publish
from generator.plugin import CongkhaiPlugin
from generator.publish import OutputBusy, discard, lock_output, staging_dir


def test_a_second_claim_waits_then_fails_clearly(tmp_path: Path) -> None:
    target = tmp_path / "site"
    first = lock_output(target)
    told: list[int | None] = []
    with pytest.raises(OutputBusy) as caught:
        lock_output(target, timeout=0.5, waiting=told.append)
    assert told == [os.getpid()]  # told once, with the holder's process id
    assert caught.value.holder == os.getpid() and caught.value.waited >= 0.5
    first.release()
    second = lock_output(target, timeout=0.5)  # free again
    second.release()
    assert not target.exists()  # the lock lives beside the output, never inside it


def test_staging_never_touches_a_folder_another_build_holds(tmp_path: Path) -> None:
    target = tmp_path / "site"
    other = staging_dir(target)
    (other.path / "index.html").write_text("đang viết", encoding="utf-8")
    mine = staging_dir(target)
    assert (other.path / "index.html").read_text(encoding="utf-8") == "đang viết"
    assert mine.path != other.path
    other.close()  # as if its process had been killed: nobody holds the folder now
    third = staging_dir(target)
    assert not other.path.exists()
    assert mine.path.is_dir() and third.path.is_dir()
    discard(mine)
    discard(third)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_leftovers_without_a_lock_are_removed(tmp_path: Path) -> None:
    # A folder left by a build killed mid-swap (or by an older version that took no lock).
    leftover = tmp_path / f"{publish.PREFIX}site-abc123-old"
    (leftover / "assets").mkdir(parents=True)
    unrelated = tmp_path / f"{publish.PREFIX}other-abc123"  # another output's staging
    unrelated.mkdir()
    staging = staging_dir(tmp_path / "site")
    assert not leftover.exists() and unrelated.is_dir()
    discard(staging)


def test_publish_swaps_and_releases_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("cũ", encoding="utf-8")
    staging = staging_dir(target)
    (staging.path / "new.html").write_text("mới", encoding="utf-8")
    publish.publish(staging, target)
    assert [p.name for p in target.iterdir()] == ["new.html"]
    assert oct(target.stat().st_mode & 0o777) == "0o755"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert staging.fd == -1


def test_the_plugin_says_who_holds_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "WAIT_SECONDS", 0.3)
    held = lock_output(tmp_path / "site")
    plugin = CongkhaiPlugin()
    plugin.command = "build"
    config: Any = SimpleNamespace(site_dir=str(tmp_path / "site"))
    with pytest.raises(PluginError) as caught:
        plugin._claim_output(config)
    assert f"tiến trình {os.getpid()}" in str(caught.value)
    assert plugin.staging is None and config.site_dir == str(tmp_path / "site")
    held.release()
