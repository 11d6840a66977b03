"""Stage 7: put a finished build in place atomically, so a failed, killed or overlapping build
never leaves a half-written site.

- One build at a time per output folder: a build holds `flock` on `.congkhai-build-<name>.lock`
  beside the output from the moment it starts writing until its site is in place; a second build
  waits for it (saying so), or gives up clearly after `WAIT_SECONDS`.
- MkDocs writes into a fresh staging folder beside the target, `flock`ed by its build for as long
  as it lives. A staging folder nobody holds is a killed build's leftover and is removed; one that
  is held is never touched.
- When every check has passed, the two folders are exchanged in one step (Linux
  `renameat2(RENAME_EXCHANGE)`) and the old site is removed.

The kernel releases both locks when a process dies, however it dies, so a killed build never
blocks the next one.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PREFIX = ".congkhai-build-"
WAIT_SECONDS = 15 * 60  # a province-scale build takes minutes; a hung one should not block CI forever
_POLL_SECONDS = 0.2
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class OutputBusy(Exception):
    """Another build held the output folder for longer than this one would wait."""

    def __init__(self, target: Path, holder: int | None, waited: float) -> None:
        super().__init__(f"{target} is locked by process {holder} after {waited:.0f} s")
        self.target, self.holder, self.waited = target, holder, waited


def lock_path(target: Path) -> Path:
    """The lock file of an output folder: beside it, never inside (a swap would replace it)."""
    target = target.resolve()
    return target.with_name(f"{PREFIX}{target.name}.lock")


@dataclass
class OutputLock:
    """This process's exclusive claim on one output folder, until `release`."""

    target: Path
    fd: int

    def release(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # closing drops the flock
            self.fd = -1


def _holder(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode("ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def lock_output(
    target: Path, *, timeout: float | None = None, waiting: Callable[[int | None], None] | None = None
) -> OutputLock:
    """Wait until no other build writes to `target` and claim it. `waiting` is told once, with the
    other build's process id when known, that this build has to wait. Raises `OutputBusy` after
    `timeout` seconds (default `WAIT_SECONDS`)."""
    timeout = WAIT_SECONDS if timeout is None else timeout
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(target), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    start = time.monotonic()
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            waited = time.monotonic() - start
            if waited >= timeout:
                holder = _holder(fd)
                os.close(fd)
                raise OutputBusy(target, holder, waited) from None
            if not told and waiting is not None:
                waiting(_holder(fd))
                told = True
            time.sleep(_POLL_SECONDS)
    # The holder's process id, for the message of a build that has to wait.
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    return OutputLock(target, fd)


@dataclass
class Staging:
    """The folder one build writes into, `flock`ed by that build while it may still use it."""

    path: Path
    fd: int

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _is_abandoned(folder: Path) -> bool:
    """True when no living process holds `folder`'s lock: its build was killed (or it is the old
    site a killed build had swapped out and not yet removed)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
            raise
        return False
    finally:
        os.close(fd)
    return True


def staging_dir(target: Path) -> Staging:
    """A new empty folder beside `target` to build into, locked by this process. Leftovers of
    killed builds are removed; a folder another living build holds is left alone. Call it while
    holding `lock_output(target)`, so no other build can create a folder between these steps."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f"{PREFIX}{target.name}-*"):
        if stale.is_dir() and not stale.is_symlink() and _is_abandoned(stale):
            shutil.rmtree(stale, ignore_errors=True)
    path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{target.name}-", dir=target.parent))
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return Staging(path, fd)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def publish(staging: Staging, target: Path) -> None:
    """Replace `target` by the finished build in `staging`."""
    target = target.resolve()
    path = staging.path
    # mkdtemp makes the folder private (0700); a published site must be readable by the web server.
    os.chmod(path, 0o755)
    try:
        if not target.exists():
            os.rename(path, target)
            return
        if _exchange(path, target):
            shutil.rmtree(path)  # now holds the previous site
            return
        # No atomic exchange on this system: two renames, the old site kept until the new is in place.
        old = path.with_name(path.name + "-old")
        os.rename(target, old)
        os.rename(path, target)
        shutil.rmtree(old)
    finally:
        staging.close()


def discard(staging: Staging) -> None:
    shutil.rmtree(staging.path, ignore_errors=True)
    staging.close()
