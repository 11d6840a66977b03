"""`codeowners`: `.github/CODEOWNERS` written from the content, so that GitHub asks the right
people to approve a pull request: `maintainers` of `site.yaml` for everything, and each commune's
file to that commune's editors (`editors` in `site.yaml` by commune id, and the commune file's own
`editors`). The content is the one place where who answers for what is written."""

from __future__ import annotations

from pathlib import Path

from .. import model as m

HEADER = """\
# Sinh tự động từ nội dung bằng `python -m generator codeowners`; đừng sửa tay tệp này.
# Người duyệt: `maintainers` và `editors` trong content/site.yaml, `editors` trong tệp của từng xã.
# Generated from the content by `python -m generator codeowners`; do not edit by hand.
"""


def _handle(name: str) -> str:
    return name if name.startswith("@") else f"@{name}"


def codeowners(site: m.Site, communes: list[tuple[m.Commune, str]], prefix: str) -> str:
    """The CODEOWNERS text: `communes` are (commune, its file relative to the content folder),
    `prefix` the content folder relative to the repository (`content/`)."""
    lines = [HEADER.rstrip("\n")]
    maintainers = [_handle(h) for h in site.maintainers]
    if maintainers:
        lines += ["", "# Mọi tệp", "* " + " ".join(maintainers)]
    owned = []
    for commune, file in sorted(communes, key=lambda pair: pair[1]):
        handles = [*site.editors.get(commune.id, []), *(commune.editors or [])]
        # A later line wins in CODEOWNERS: the maintainers stay owners of the commune files too.
        owners = list(dict.fromkeys([*(_handle(h) for h in handles), *maintainers]))
        if handles:
            owned.append(f"/{prefix}{file} " + " ".join(owners))
    if owned:
        lines += ["", "# Tệp của từng xã, phường: cán bộ xã, phường đó", *owned]
    return "\n".join(lines) + "\n"


def content_prefix(content: Path, repository: Path) -> str:
    """The content folder relative to the repository, with a trailing slash (`content/`)."""
    try:
        relative = content.resolve().relative_to(repository.resolve()).as_posix()
    except ValueError:
        relative = content.name
    return "" if relative in ("", ".") else relative.rstrip("/") + "/"
