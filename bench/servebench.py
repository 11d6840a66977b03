"""The preview benchmark: how soon `mkdocs serve` shows an edit to one procedure file of the demo
content, against a full `mkdocs build` of the same content timed in the same run."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def measure_serve(runs: int = 3) -> dict[str, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CONGKHAI_CONTENT", None)
    with tempfile.TemporaryDirectory(prefix="congkhai-serve-") as tmp:
        work = Path(tmp)
        for name in ("content", "docs", "site_overrides", "mkdocs.yml"):
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=work, env=env, check=True)
        full_build = time.perf_counter() - started
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=work,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/thu-tuc/1.001193/"
            deadline = time.time() + 120
            while "1.001193" not in _get(url):
                if time.time() > deadline:
                    raise RuntimeError("mkdocs serve did not start")
                time.sleep(0.2)
            source = next((work / "content" / "procedures").glob("1.001193-*.yaml"))
            text = source.read_text(encoding="utf-8")
            rebuilds = []
            for run in range(runs):
                marker = f"Đăng ký khai sinh (lần sửa {run})"
                time.sleep(1.0)  # let the watcher settle between edits
                source.write_text(text.replace("name: Đăng ký khai sinh", f"name: {marker}", 1), encoding="utf-8")
                saved = time.perf_counter()
                while marker not in _get(url):
                    if time.perf_counter() - saved > 60:
                        raise RuntimeError("mkdocs serve did not rebuild")
                    time.sleep(0.05)
                rebuilds.append(time.perf_counter() - saved)
        finally:
            server.terminate()
            server.wait(timeout=10)
    rebuilds.sort()
    return {
        "full_build_s": full_build,
        "rebuild_s": rebuilds[len(rebuilds) // 2],
        "ratio": rebuilds[len(rebuilds) // 2] / full_build,
    }
