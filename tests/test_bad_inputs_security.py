"""Bad inputs about what is read and published: symbolic links and files that are not regular
files anywhere in the content folder, forms of a type or name that must not be published, and a
`base_url` that is not an absolute https address. Each is reported at its file (and line), never
followed, never published."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .helpers import COMMUNE, PROCEDURE, SITE
from .test_bad_inputs import Case, case, check

P = "procedures/1.001193-dang-ky-khai-sinh.yaml"
C = "communes/xa-vu-ninh.yaml"
# What a symbolic link could reach outside the content folder: a git config holding a token.
SECRET = "[http]\n\textraheader = AUTHORIZATION: basic SECRET-TOKEN-0123456789\n"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ZIP = b"PK\x05\x06" + b"\x00" * 18
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@dataclass
class FsCase(Case):
    """A case that also needs symbolic links or named pipes in the content folder. Link targets
    may name `{outside}`, a folder beside the content folder holding `config` (a secret),
    `procedure.yaml`, `site.yaml` and `communes/` (valid copies)."""

    links: dict[str, str] = field(default_factory=dict)
    fifos: tuple[str, ...] = ()


def outside_folder(tmp_path: Path) -> Path:
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    (outside / "communes").mkdir(parents=True, exist_ok=True)
    (outside / "forms").mkdir(exist_ok=True)
    (outside / "config").write_text(SECRET, encoding="utf-8")
    (outside / "procedure.yaml").write_text(PROCEDURE, encoding="utf-8")
    (outside / "site.yaml").write_text(SITE, encoding="utf-8")
    (outside / "communes" / "xa-vu-ninh.yaml").write_text(COMMUNE, encoding="utf-8")
    (outside / "forms" / "to-khai.docx").write_bytes(ZIP)
    return outside


def prepare(tmp_path: Path, bad: Case) -> None:
    """Make the links and pipes of `bad` before `check` writes the rest of the tree (it leaves a
    path whose body is None alone)."""
    if not isinstance(bad, FsCase):
        return
    outside = outside_folder(tmp_path)
    for rel, target in bad.links.items():
        link = tmp_path / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target.format(outside=outside), link)
    for rel in bad.fifos:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(tmp_path / rel)


def link(name: str, rel: str, target: str, extra: dict[str, str | bytes | None] | None = None) -> FsCase:
    return FsCase(name, rel, None, "symlink", 0, extra, links={rel: target})


def form(name: str, rel: str, body: bytes | str, code: str) -> Case:
    return Case(name, rel, body, code, 0)


def base_url(name: str, value: str) -> Case:
    return case(name, "site.yaml", SITE, "base_url: https://example.gov.vn/", f"base_url: {value}", "base-url")


CASES: list[Case] = [
    # Symbolic links: never followed, wherever they are and wherever they point.
    link("form linked to a git config outside", "forms/mau-cau-hinh.docx", "{outside}/config"),
    link("form linked by a relative path leaving the tree", "forms/mau-cau-hinh.docx", "../../../../../etc/hostname"),
    link("form linked to another form inside the tree", "forms/ban-sao.docx", "to-khai.docx"),
    link("form linked to /etc/passwd", "forms/mat-khau.pdf", "/etc/passwd"),
    link("procedure file linked outside", "procedures/1.009999-lien-ket.yaml", "{outside}/procedure.yaml", {P: None}),
    link("procedure file linked to a secret", "procedures/1.009998-bi-mat.yaml", "{outside}/config"),
    link(
        "procedure linked to a fee inside the tree", "procedures/1.009997-x.yaml", "../fees/phi-chung-thuc-ban-sao.yaml"
    ),
    link("site.yaml linked outside", "site.yaml", "{outside}/site.yaml"),
    link("fields.yaml linked to a secret", "fields.yaml", "{outside}/config"),
    link("communes folder linked outside", "communes", "{outside}/communes", {C: None}),
    link("forms folder linked outside", "forms", "{outside}/forms", {"forms/to-khai.docx": None}),
    link("subfolder of forms linked outside", "forms/mau", "{outside}/forms"),
    link("dangling link", "procedures/1.009996-mat.yaml", "{outside}/khong-co.yaml"),
    link("link to itself", "procedures/1.009995-vong.yaml", "1.009995-vong.yaml"),
    link("stats file linked to /dev/zero", "stats/2019-q1.yaml", "/dev/zero"),
    # Files that are not regular files: a named pipe would make a plain read wait forever.
    FsCase("named pipe as a form", "forms/to-khai-moi.docx", None, "not-a-file", 0, fifos=("forms/to-khai-moi.docx",)),
    FsCase(
        "named pipe as a procedure",
        "procedures/1.009994-ong.yaml",
        None,
        "not-a-file",
        0,
        fifos=("procedures/1.009994-ong.yaml",),
    ),
    # Forms: document types only, checked by name and by content.
    form(
        "html page as a form", "forms/trang.html", "<html><script>alert(document.domain)</script></html>", "form-type"
    ),
    form("program as a form", "forms/cai-dat.exe", b"MZ\x90\x00" + b"\x00" * 60, "form-type"),
    form("svg as a form", "forms/hinh.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "form-type"),
    form("javascript as a form", "forms/mau.js", "alert(document.domain)", "form-type"),
    form("double extension ending in html", "forms/mau.docx.html", "<script>alert(1)</script>", "form-type"),
    form("form without extension", "forms/mau", ZIP, "form-type"),
    form("xml as a form", "forms/mau.xml", "<?xml version='1.0'?><a/>", "form-type"),
    form("html saved as pdf", "forms/to-khai-moi.pdf", "<!doctype html><script>alert(1)</script>", "form-type"),
    form("text saved as docx", "forms/to-khai-moi.docx", "Tờ khai đăng ký khai sinh", "form-type"),
    form("pdf saved as xlsx", "forms/bang-ke.xlsx", PDF, "form-type"),
    form("empty pdf", "forms/rong.pdf", b"", "form-type"),
    form("form name with accents and spaces", "forms/Tờ khai đăng ký.docx", ZIP, "form-name"),
    form("form name in capitals", "forms/TO-KHAI-MOI.docx", ZIP, "form-name"),
    form("form name with spaces", "forms/to khai moi.pdf", PDF, "form-name"),
    form("form extension in capitals", "forms/to-khai-moi.DOCX", ZIP, "form-name"),
    form("form name with underscore", "forms/mau_01.doc", OLE, "form-name"),
    form("form folder with a space", "forms/Mau cu/to-khai.odt", ZIP, "form-name"),
    # base_url: an absolute https address (http only on this machine), nothing that breaks out.
    base_url("base_url over http", "http://example.gov.vn/"),
    base_url("base_url closing the attribute", "'https://example.gov.vn/\"><script>alert(1)</script>'"),
    base_url("base_url with a single quote", '"https://example.gov.vn/\'onmouseover=alert(1)/"'),
    base_url("base_url with a query", "https://example.gov.vn/?a=1"),
    base_url("base_url with a fragment", "'https://example.gov.vn/#x'"),
    base_url("base_url with a user name", "https://dichvucong.gov.vn@evil.example/"),
    base_url("base_url with a password", "https://u:p@example.gov.vn/"),
    base_url("relative base_url", "/cong-thong-tin/"),
    base_url("javascript base_url", "javascript:alert(1)"),
    base_url("ftp base_url", "ftp://example.gov.vn/"),
    base_url("base_url without host", "https:///duong-dan/"),
    base_url("base_url with a space in the host", '"https://exa mple.gov.vn/"'),
    base_url("base_url with a space in the path", '"https://example.gov.vn/cong thong tin/"'),
    base_url("base_url with a new line", '"https://example.gov.vn/\\nDisallow: /"'),
    base_url("base_url with an accented host", "https://kiếnxương.gov.vn/"),
    base_url("http base_url on a look-alike of localhost", "http://localhost.evil.example/"),
    base_url("base_url with angle brackets in the path", "https://example.gov.vn/<b>/"),
    base_url("base_url with a backslash", '"https://example.gov.vn\\\\evil.example/"'),
]


@pytest.mark.parametrize("bad", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_at_its_place(tmp_path: Path, bad: Case) -> None:
    prepare(tmp_path, bad)
    check(tmp_path, bad)
