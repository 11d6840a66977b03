"""The portal's look built end to end (issue 13): the emblem of site.yaml copied into the site and
shown as an image in the header, the colours written to their own stylesheet, and a build with a
colour that fails contrast stopped with the file and line."""

from __future__ import annotations

import re
from pathlib import Path

from .helpers import SITE, build, line_of, write_tree

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#c00"/></svg>'


def test_emblem_and_colours_reach_the_site(tmp_path: Path) -> None:
    body = SITE + 'emblem: images/quoc-huy.svg\ncolors:\n  primary: "#7B1113"\n  accent: "#0d47a1"\n'
    content = write_tree(tmp_path / "content", {"site.yaml": body, "images/quoc-huy.svg": SVG})
    out = tmp_path / "site"
    result = build(content, out)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (out / "assets" / "ck-emblem.svg").read_bytes() == SVG
    page = (out / "thu-tuc" / "1.001193" / "index.html").read_text(encoding="utf-8")
    header = page[page.index('class="ck-authority"') : page.index("</header>")]
    assert re.search(r'<img class="ck-authority__emblem" src="[./]*assets/ck-emblem\.svg"', header), header[:400]
    assert "<svg" not in header.split("md-header")[0], "the emblem is an <img>, never inlined"
    assert "UBND huyện Thử" in header
    theme = (out / "assets" / "ck-theme.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #7b1113;" in theme and "--ck-accent: #0d47a1;" in theme
    assert re.search(r'<link rel="stylesheet" href="[./]*assets/ck-theme\.css', page)
    assert not list(out.glob("images/*")), "the content's own folder is not published"


def test_a_colour_failing_contrast_stops_the_build(tmp_path: Path) -> None:
    body = SITE + 'colors:\n  primary: "#90caf9"\n'
    content = write_tree(tmp_path / "content", {"site.yaml": body})
    result = build(content, tmp_path / "site")
    assert result.returncode != 0
    assert f"site.yaml:{line_of(body, 'primary:')}" in result.stderr and "low-contrast" in result.stderr
    assert not (tmp_path / "site").exists()
