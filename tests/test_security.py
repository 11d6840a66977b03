"""What the site reads, publishes and lets a browser run: only regular files inside the content
folder, forms as document downloads, a safe `base_url`, and a Content-Security-Policy that allows
no inline script and no other origin on every page."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from generator import model as m
from generator import urls
from generator.content import load_content
from generator.outputs.feed import atom_feed
from generator.outputs.jsonld import json_ld
from generator.outputs.robots import robots_txt
from generator.plugin import CONTENT_SECURITY_POLICY, REFERRER_POLICY

from .helpers import PROCEDURE, SITE, TODAY, write_tree
from .test_bad_inputs import sub
from .test_bad_inputs_security import CASES, SECRET, ZIP, FsCase, outside_folder, prepare
from .test_build import build

ROOT = Path(__file__).resolve().parent.parent
P = "procedures/1.001193-dang-ky-khai-sinh.yaml"


# --- Only regular files inside the content folder are read -------------------------------------


@pytest.mark.parametrize("bad", [c for c in CASES if isinstance(c, FsCase)], ids=lambda c: c.name)
def test_no_message_shows_what_a_link_points_to(tmp_path: Path, bad: FsCase) -> None:
    prepare(tmp_path, bad)
    root = write_tree(tmp_path, {bad.file: None, **(bad.extra or {})})
    content, problems = load_content(root, TODAY)
    assert content is None
    for problem in problems:
        for line in SECRET.splitlines():
            assert line.strip() not in problem.message, problem


def test_a_named_pipe_does_not_make_validation_wait(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "content")
    os.mkfifo(root / "procedures" / "1.009999-ong.yaml")
    os.mkfifo(root / "forms" / "ong.pdf")
    found: list[tuple[str, str]] = []
    worker = threading.Thread(
        target=lambda: found.extend((p.code, p.file) for p in load_content(root, TODAY)[1]), daemon=True
    )
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "validation waits on a named pipe"
    assert {("not-a-file", "procedures/1.009999-ong.yaml"), ("not-a-file", "forms/ong.pdf")} <= set(found)


def test_a_symlinked_form_is_never_published(tmp_path: Path) -> None:
    """The finding: `ln -s ../../.git/config content/forms/mau-cau-hinh.docx` published the token."""
    outside = outside_folder(tmp_path)
    content = write_tree(tmp_path / "content")
    os.symlink(outside / "config", content / "forms" / "mau-cau-hinh.docx")
    os.symlink("/etc/passwd", content / "forms" / "mat-khau.docx")
    out = tmp_path / "site"
    result = build(content, out)
    assert result.returncode != 0
    assert "symlink" in result.stderr and "Traceback" not in result.stderr
    assert "SECRET-TOKEN" not in result.stderr + result.stdout and "extraheader" not in result.stderr
    assert not out.exists()


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        check=True,
        capture_output=True,
    )


def test_a_symlink_in_the_history_neither_crashes_nor_leaks(tmp_path: Path) -> None:
    """An absolute link committed once and removed later: the recent-changes page reads that
    commit from git, which must neither crash the build nor publish the link's target."""
    repo = tmp_path / "repo"
    content = write_tree(repo / "content")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    os.symlink("/etc/passwd", content / "forms" / "mat-khau.docx")
    os.symlink("../../../../../../../etc/hostname", content / "forms" / "may.docx")
    (content / P).write_text(PROCEDURE.replace("result: Giấy khai sinh", "result: Giấy khai sinh (bản chính)"))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "links")
    # While the links are in the tree, the build stops with a message.
    result = build(content, tmp_path / "site")
    assert result.returncode != 0 and "symlink" in result.stderr and "Traceback" not in result.stderr
    (content / "forms" / "mat-khau.docx").unlink()
    (content / "forms" / "may.docx").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "no links")
    result = build(content, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file():
            assert b"root:x:0:0" not in path.read_bytes(), path


def test_a_symlinked_content_folder_itself_is_the_operators_choice(tmp_path: Path) -> None:
    """The folder handed to the build may be reached through a link (a deployment's choice);
    what is inside it may not."""
    real = write_tree(tmp_path / "real")
    os.symlink(real, tmp_path / "content")
    content, problems = load_content(tmp_path / "content", TODAY)
    assert problems == [] and content is not None


def test_new_never_writes_through_a_link(tmp_path: Path) -> None:
    from generator.authoring.skeleton import write_skeleton

    content = write_tree(tmp_path / "content")
    target = tmp_path / "outside.txt"
    os.symlink(target, content / "procedures" / "1.000001-x.yaml")
    with pytest.raises(ValueError, match="symlink"):
        write_skeleton("procedure", content, "1.000001", "x", force=True)
    assert not target.exists()


# --- Forms ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("to-khai.pdf", b"%PDF-1.7\n"),
        ("to-khai.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8),
        ("to-khai.docx", ZIP),
        ("bang-ke.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8),
        ("bang-ke.xlsx", b"PK\x03\x04" + b"\x00" * 26),
        ("to-khai.odt", ZIP),
        ("bang-ke.ods", ZIP),
        ("mau-so-01/to-khai.docx", ZIP),
    ],
)
def test_document_forms_are_accepted(tmp_path: Path, name: str, body: bytes) -> None:
    root = write_tree(tmp_path, {f"forms/{name}": body, "forms/.gitkeep": ""})
    content, problems = load_content(root, TODAY)
    # No procedure links to the new form yet: only that is said.
    unused = [] if name == "to-khai.docx" else [("unused-form", f"forms/{name}")]
    assert [(p.code, p.file) for p in problems] == unused and content is not None
    assert content.forms == {"to-khai.docx", name}


def test_a_badly_named_form_is_told_its_new_name(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"forms/Tờ khai Đăng ký_01.DOCX": ZIP})
    _, problems = load_content(root, TODAY)
    (problem,) = problems
    assert problem.code == "form-name" and "to-khai-dang-ky-01.docx" in problem.message


def test_a_form_of_another_type_names_the_allowed_types(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"forms/trang.html": "<script>alert(1)</script>"})
    _, problems = load_content(root, TODAY)
    (problem,) = problems
    assert problem.code == "form-type"
    for extension in ("pdf", "doc", "docx", "xls", "xlsx", "odt", "ods"):
        assert extension in problem.message


# --- base_url ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("https://example.gov.vn/", "https://example.gov.vn/"),
        ("https://example.gov.vn", "https://example.gov.vn/"),
        ("https://Example.GOV.vn/cong-thong-tin", "https://example.gov.vn/cong-thong-tin/"),
        ("https://example.gov.vn:8443/a/b/", "https://example.gov.vn:8443/a/b/"),
        ("https://xn--kinxng-7ua5396b.gov.vn/", "https://xn--kinxng-7ua5396b.gov.vn/"),
        ("http://localhost:8000/", "http://localhost:8000/"),
        ("http://127.0.0.1:8000/thu/", "http://127.0.0.1:8000/thu/"),
        ("http://[::1]:8000/", "http://[::1]:8000/"),
    ],
)
def test_base_url_accepted_and_normalised(tmp_path: Path, written: str, kept: str) -> None:
    root = write_tree(tmp_path, {"site.yaml": sub(SITE, "base_url: https://example.gov.vn/", f'base_url: "{written}"')})
    content, problems = load_content(root, TODAY)
    assert problems == [] and content is not None
    assert content.site.base_url == kept


HOSTILE_URL = "https://example.gov.vn/\"'><img src=x onerror=alert(1)>&amp;\nDisallow: /\n"


def hostile_site() -> m.Site:
    """A Site whose base_url skipped validation: every output must still escape it."""
    from generator.load.yaml_source import load_text

    source = load_text(SITE.encode(), "site.yaml", [])
    assert source is not None
    return m.Site.model_validate(source.data).model_copy(update={"base_url": HOSTILE_URL})


def test_feed_escapes_base_url() -> None:
    feed = ET.fromstring(atom_feed(hostile_site(), []))
    links = [link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert links and all(link and link.startswith(HOSTILE_URL.rstrip("/")) for link in links)


def test_robots_txt_cannot_be_given_new_lines() -> None:
    lines = robots_txt(hostile_site()).splitlines()
    assert [line.split(":")[0] for line in lines] == ["User-agent", "Allow", "Sitemap"]


def test_json_ld_cannot_close_its_script_element() -> None:
    text = json_ld({"url": urls.absolute(HOSTILE_URL, "thu-tuc/")})
    assert "<" not in text and ">" not in text


def test_404_page_escapes_base_url() -> None:
    """Our 404 override on its own, as MkDocs renders it (autoescape off), with a `main.html`
    that shows only the content block."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.DictLoader({"main.html": "{% block content %}{% endblock %}"}),
                jinja2.FileSystemLoader(ROOT / "site_overrides"),
            ]
        ),
        autoescape=False,
    )
    config = {"site_url": HOSTILE_URL, "extra": {"congkhai": {"urls": urls.PAGES}}}
    html = env.get_template("404.html").render(config=config)
    assert "<img" not in html and "\"'>" not in html
    assert html.count("&#34;") == 3  # one quote in each of the three links, escaped


# --- The built site: downloads, policy, no inline script ----------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("security")
    result = build(write_tree(tmp / "content"), tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts: list[str] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)

    def handle_data(self, data: str) -> None:
        if self._script is not None and "src" not in self._script and data.strip():
            kind = self._script.get("type") or "text/javascript"
            if kind not in ("application/json", "application/ld+json"):
                self.inline_scripts.append(data.strip()[:80])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def parsed(path: Path) -> _Tags:
    tags = _Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def test_every_page_carries_the_policy_before_any_script(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    for page in pages:
        if page.relative_to(built).parts[0] == "quan-tri":  # the editors' interface: its own policy (test_cms.py)
            continue
        tags = parsed(page).tags
        metas = [a for t, a in tags if t == "meta"]
        csp = [a for a in metas if (a.get("http-equiv") or "").lower() == "content-security-policy"]
        assert [a.get("content") for a in csp] == [CONTENT_SECURITY_POLICY], page
        assert [a.get("content") for a in metas if a.get("name") == "referrer"] == [REFERRER_POLICY], page
        # A policy in a <meta> applies only to what comes after it.
        first_meta = tags.index(("meta", csp[0]))
        assert all(t not in ("script", "link", "style") for t, _ in tags[:first_meta]), page


def test_the_policy_allows_no_inline_script_and_no_other_origin() -> None:
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in CONTENT_SECURITY_POLICY.split(";") if part.strip()
    )
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert directives["base-uri"] == ["'none'"] and directives["object-src"] == ["'none'"]
    for name, sources in directives.items():
        for source in sources:
            assert source in ("'self'", "'none'", "'wasm-unsafe-eval'", "data:"), (name, source)
            assert source != "data:" or name == "img-src", name
    assert re.fullmatch(r"[a-z0-9' ;:-]+", CONTENT_SECURITY_POLICY)  # one constant, no per-build part
    assert REFERRER_POLICY in ("strict-origin-when-cross-origin", "strict-origin", "same-origin", "no-referrer")


def test_readme_states_the_policy() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert CONTENT_SECURITY_POLICY in readme and REFERRER_POLICY in readme


def test_no_inline_script_or_handler_in_any_page(built: Path) -> None:
    for page in sorted(built.rglob("*.html")):
        tags = parsed(page)
        assert tags.inline_scripts == [], page
        for tag, attrs in tags.tags:
            handlers = [name for name in attrs if name.startswith("on")]
            assert handlers == [], (page, tag, handlers)
            for name in ("href", "src", "action", "formaction"):
                assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (page, tag)


def test_every_link_to_a_form_is_a_download(built: Path) -> None:
    links = 0
    for page in sorted(built.rglob("*.html")):
        for tag, attrs in parsed(page).tags:
            if tag == "a" and urls.form("") in (attrs.get("href") or ""):
                links += 1
                assert "download" in attrs, (page, attrs)
    assert links == 2  # the procedure page and the forms list, for the one form of the tree


def test_forms_published_are_exactly_the_checked_files(built: Path) -> None:
    published = sorted(p.relative_to(built / "bieu-mau").as_posix() for p in (built / "bieu-mau").rglob("*"))
    assert published == ["to-khai.docx"]
    assert (built / "bieu-mau" / "to-khai.docx").read_bytes() == ZIP
