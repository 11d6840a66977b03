"""Stage 7: put a finished build in place atomically, so a failed or killed build never leaves a
half-written site.

MkDocs writes into a fresh folder beside the target; when the build has succeeded the two folders
are exchanged in one step (Linux `renameat2(RENAME_EXCHANGE)`), and the old one is removed.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

PREFIX = ".congkhai-build-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_dir(target: Path) -> Path:
    """A new empty folder beside `target` to build into; leftovers of killed builds are removed."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f"{PREFIX}{target.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{target.name}-", dir=target.parent))


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def publish(staging: Path, target: Path) -> None:
    """Replace `target` by the finished build in `staging`."""
    target = target.resolve()
    # mkdtemp makes the folder private (0700); a published site must be readable by the web server.
    os.chmod(staging, 0o755)
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)  # now holds the previous site
        return
    # No atomic exchange on this system: two renames, the old site kept until the new is in place.
    old = staging.with_name(staging.name + "-old")
    os.rename(target, old)
    os.rename(staging, target)
    shutil.rmtree(old)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
