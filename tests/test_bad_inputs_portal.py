"""Bad inputs of the portal's look (issue 13): colours that fail WCAG AA against the white text
and page they are used with, and emblems that are not an image file of the content.

First what an editor does by mistake (a light brand colour, a .gif, a photo straight from the
camera, a path copied from their own computer), then what an attacker tries (a web address that
would make every citizen's phone ask another host, a link out of the tree, a page renamed .svg)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.content import load_content

from .helpers import SITE, TODAY, line_of, write_tree
from .test_bad_inputs import Case, check

S = "site.yaml"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'


def site(extra: str, needle: str, code: str, name: str, files: dict[str, str | bytes | None] | None = None) -> Case:
    body = SITE + extra
    return Case(name, S, body, code, line_of(body, needle), files)


CASES = [
    # Colours: the editor's mistakes
    site('colors:\n  primary: "#ffeb3b"\n', "primary:", "low-contrast", "yellow header colour"),
    site('colors:\n  primary: "#1a237e"\n  accent: "#ff9800"\n', "accent:", "low-contrast", "orange accent"),
    site('colors:\n  primary: "#777777"\n', "primary:", "low-contrast", "grey just under 4.5:1"),
    site('colors:\n  primary: "#ffffff"\n', "primary:", "low-contrast", "white on white"),
    # Emblem: the editor's mistakes
    site("emblem: images/quoc-huy.gif\n", "emblem:", "emblem-type", "gif emblem", {"images/quoc-huy.gif": b"GIF89a"}),
    site("emblem: images/quoc-huy.png\n", "emblem:", "missing-emblem", "emblem file not there"),
    site(
        "emblem: images/anh.png\n",
        "emblem:",
        "emblem-too-large",
        "photo straight from the camera",
        {"images/anh.png": PNG + b"\x00" * 200_000},
    ),
    site("emblem: C:/Users/vanthu/logo.png\n", "emblem:", "emblem-path", "path on the editor's computer"),
    # Emblem: what an attacker tries
    site("emblem: https://evil.example/x.png\n", "emblem:", "emblem-path", "emblem fetched from elsewhere"),
    site("emblem: ../../etc/logo.png\n", "emblem:", "emblem-path", "emblem outside the content"),
    site("emblem: /etc/logo.png\n", "emblem:", "emblem-path", "absolute emblem path"),
    site(
        "emblem: images/logo.svg\n",
        "emblem:",
        "emblem-type",
        "page renamed .svg",
        {"images/logo.svg": b"<html><script>alert(1)</script></html>"},
    ),
    site(
        "emblem: images/logo.png\n",
        "emblem:",
        "emblem-type",
        "script renamed .png",
        {"images/logo.png": b"alert(document.cookie)"},
    ),
    site("emblem: images/logo.html\n", "emblem:", "emblem-type", "html emblem", {"images/logo.html": b"<p>x</p>"}),
]


@pytest.mark.parametrize("bad", CASES, ids=[c.name for c in CASES])
def test_bad_portal_input_is_reported_at_its_place(tmp_path: Path, bad: Case) -> None:
    check(tmp_path, bad)


def test_linked_emblem_is_refused(tmp_path: Path) -> None:
    """An emblem reached through a symbolic link (here, to a file outside the content) is refused
    at site.yaml's `emblem:` line and never read."""
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG)
    body = SITE + "emblem: images/logo.png\n"
    root = write_tree(tmp_path / "content", {S: body})
    (root / "images").mkdir()
    os.symlink(outside, root / "images" / "logo.png")
    _content, problems = load_content(root, TODAY)
    found = [(p.code, p.file, p.line) for p in problems]
    assert ("missing-emblem", S, line_of(body, "emblem:")) in found, found


@pytest.mark.parametrize(("path", "data"), [("images/quoc-huy.svg", SVG), ("quoc-huy.png", PNG)])
def test_good_emblem_and_colours_pass(tmp_path: Path, path: str, data: bytes) -> None:
    """A valid emblem (in a folder or at the top) and dark enough colours: no problem, and the
    emblem's file is not reported as unread."""
    body = SITE + f'emblem: {path}\ncolors:\n  primary: "#1a237e"\n  accent: "#b71c1c"\n'
    root = write_tree(tmp_path, {S: body, path: data})
    content, problems = load_content(root, TODAY)
    assert content is not None
    assert [p for p in problems if p.file in (S, path)] == []
