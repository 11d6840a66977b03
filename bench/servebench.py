"""The preview benchmark: how soon `mkdocs serve` shows an edit to one procedure file, and how soon
it shows the error page for a broken file and recovers once it is fixed, against a full
`mkdocs build` of the same content timed in the same run.

Run on the demo content and on synthetic content (`generator sample`, 2,000 procedures and 100
communes by default). Each latency is measured from the moment the file is written to the moment
an HTTP request for the page returns the new text (MkDocs' watcher polls every 0.5 s, so that is
part of what an editor waits for). On a busy machine wall times stretch, so the CPU time the
server process spent between the save and the served page is reported too, against the CPU time
of the full build.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 180  # seconds; a first build at 2,000 procedures on a busy machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait(url: str, done: Callable[[str], bool], since: float, what: str) -> float:
    while not done(_get(url)):
        if time.perf_counter() - since > TIMEOUT:
            raise RuntimeError(f"mkdocs serve did not {what}")
        time.sleep(0.05)
    return time.perf_counter() - since


def _edit(path: Path, text: str) -> float:
    path.write_text(text, encoding="utf-8")
    return time.perf_counter()


def _cpu(pid: int) -> float:
    """CPU seconds used so far by process `pid` (Linux), 0 elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_serve(content: Path | None = None, runs: int = 3) -> dict[str, float]:
    """Full build, then `mkdocs serve`: an edited procedure's page, the error page for a broken
    file, the page again once fixed. `content` defaults to the demo content."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CONGKHAI_CONTENT", None)
    with tempfile.TemporaryDirectory(prefix="congkhai-serve-") as tmp:
        work = Path(tmp)
        for name in ("docs", "site_overrides", "mkdocs.yml"):
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
        shutil.copytree(content or ROOT / "content", work / "content")
        source = sorted((work / "content" / "procedures").glob("*.yaml"))[0]
        text = source.read_text(encoding="utf-8")
        code = re.search(r"^code: ['\"]?([0-9.]+)", text, re.MULTILINE)
        assert code is not None, source
        started, cpu = time.perf_counter(), _children_cpu()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=work, env=env, check=True)
        full_build, full_cpu = time.perf_counter() - started, _children_cpu() - cpu
        shutil.rmtree(work / "site")
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=work,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/thu-tuc/{code[1]}/"
            _wait(url, lambda page: code[1] in page, time.perf_counter(), "start")
            rebuilds, cpus = [], []
            for run in range(runs):
                marker = f"(lần sửa {run})"
                time.sleep(1.0)  # let the watcher settle between edits
                cpu = _cpu(server.pid)
                saved = _edit(source, re.sub(r"^(name: .*)$", rf"\1 {marker}", text, count=1, flags=re.MULTILINE))
                rebuilds.append(_wait(url, lambda page, m=marker: m in page, saved, "rebuild"))
                cpus.append(_cpu(server.pid) - cpu)
            time.sleep(1.0)
            broken = re.sub(r"^field: .*$", "field: khong-co-linh-vuc-nay", text, count=1, flags=re.MULTILINE)
            saved = _edit(source, broken)
            error_page = _wait(url, lambda page: 'data-code="unknown-sector"' in page, saved, "show the error page")
            time.sleep(1.0)
            saved = _edit(source, text)
            recovered = _wait(url, lambda page: "ck-problem" not in page and code[1] in page, saved, "recover")
        finally:
            server.send_signal(signal.SIGINT)  # MkDocs removes its temporary output folder on Ctrl-C
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    rebuild, rebuild_cpu = statistics.median(rebuilds), statistics.median(cpus)
    return {
        "full_build_s": full_build,
        "full_build_cpu_s": full_cpu,
        "rebuild_s": rebuild,
        "ratio": rebuild / full_build,
        "rebuild_cpu_s": rebuild_cpu,
        "cpu_ratio": rebuild_cpu / full_cpu if full_cpu else 0.0,
        "error_page_s": error_page,
        "error_ratio": error_page / full_build,
        "recovered_s": recovered,
        "recovered_ratio": recovered / full_build,
    }


def report(name: str, serve: dict[str, float], target: float) -> str:
    return (
        f"{name}: an edited procedure is served {serve['rebuild_s']:.2f} s after the save (median; target ≤ {target:g} s) "
        f"= {serve['ratio']:.3f} × a full build ({serve['full_build_s']:.2f} s); CPU {serve['rebuild_cpu_s']:.2f} s "
        f"= {serve['cpu_ratio']:.3f} × the build's {serve['full_build_cpu_s']:.2f} s; the error page for a broken file "
        f"{serve['error_page_s']:.2f} s = {serve['error_ratio']:.3f} ×, the page back once fixed "
        f"{serve['recovered_s']:.2f} s = {serve['recovered_ratio']:.3f} ×"
    )
