"""The editors' interface against a local backend, as an office tries it on one machine: a scratch
git repository holding a copy of the content, decap-server (from cms/node_modules) in git mode on
127.0.0.1, and the built /quan-tri/ served on 127.0.0.1 with `local_backend` pointing at it.
Used by tests/test_cms_browser.py and by the guide's screenshots (tests/cms/screenshots.py)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..helpers import ROOT, serve

DECAP_SERVER = ROOT / "cms" / "node_modules" / "decap-server" / "dist" / "index.js"
GIT = ["git", "-c", "user.name=Cán bộ thử", "-c", "user.email=can-bo@example.gov.vn", "-c", "commit.gpgsign=false"]


@dataclass(frozen=True)
class LocalCms:
    url: str  # the interface: http://127.0.0.1:PORT/quan-tri/
    repo: Path  # the scratch repository; `content/` in it

    def git(self, *args: str) -> str:
        return subprocess.run([*GIT, "-C", str(self.repo), *args], capture_output=True, text=True, check=True).stdout

    def branches(self) -> list[str]:
        return self.git("branch", "--format=%(refname:short)").split()

    def saved(self, branch: str, path: str) -> str:
        """A file as the interface saved it on its pull-request branch."""
        return self.git("show", f"{branch}:{path}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"decap-server stopped: {log.read_text(encoding='utf-8', errors='replace')}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError("decap-server did not start within 30 s")


@contextlib.contextmanager
def local_cms(site: Path, work: Path, content: Path = ROOT / "content") -> Iterator[LocalCms]:
    """Run the interface of the built `site` over a scratch repository of `content` in `work`."""
    repo = work / "repo"
    shutil.copytree(content, repo / "content")
    subprocess.run([*GIT, "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run([*GIT, "-C", str(repo), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(repo), "commit", "-q", "-m", "Nội dung ban đầu"], check=True)
    port = _free_port()
    log = work / "decap-server.log"
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "git",  # editorial workflow: each change on its own branch, as a pull request
        "GIT_REPO_DIRECTORY": str(repo),
        "LOG_LEVEL": "warn",
        "GIT_AUTHOR_NAME": "Cán bộ thử",
        "GIT_AUTHOR_EMAIL": "can-bo@example.gov.vn",
        "GIT_COMMITTER_NAME": "Cán bộ thử",
        "GIT_COMMITTER_EMAIL": "can-bo@example.gov.vn",
    }
    served = work / "site"
    shutil.copytree(site / "quan-tri", served / "quan-tri")
    (served / "404.html").write_text("<!doctype html><title>404</title>", encoding="utf-8")
    config = served / "quan-tri" / "config.yml"
    with config.open("a", encoding="utf-8") as out:
        out.write(f"local_backend:\n  url: http://127.0.0.1:{port}/api/v1\n")
    with log.open("wb") as log_file:
        process = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=log_file, stderr=subprocess.STDOUT)
        try:
            _wait_for(port, process, log)
            with serve(served) as url:
                yield LocalCms(url + "quan-tri/", repo)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
