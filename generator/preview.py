"""`mkdocs serve`: after an edit, render only the pages the edit changed; on invalid content, show
the problems instead of the site.

MkDocs rebuilds the whole site on every save (about ten seconds at 2,000 procedures, Material's
page template taking most of it). Here a rebuild after the first one costs what the save changed:
- loading reads again only the changed files (`load.cache`), and `views.site_map.SiteMap` makes
  again only the pages whose records changed; a page whose `PageSpec` is the same object as in
  the last good build has the same output, as long as mkdocs.yml, the theme overrides, our
  templates and the tabs are the same too (`good`);
- before MkDocs cleans the output folder, the last good output is moved into a hidden folder
  inside it (`clean_directory` leaves hidden entries alone); MkDocs is given only the pages that
  changed and the tab pages (which its navigation needs; their bodies are reused when unchanged),
  and what it writes is then put into the previous output, which becomes the output again;
- the sitemap is given every page (`sitemap_pages`); the theme's compiled templates and its list
  of static files are kept for the session (`theme`);
- open data, the feed and the Pagefind index are written in a background thread once the pages
  are in place, so the browser reloads without waiting for them (the search index follows a
  second or two later); Pagefind runs only when a procedure page changed. The next build waits
  for the open data but stops a Pagefind run still going (its pages are outdated) and runs it
  again.

Invalid content never raises during `serve` (MkDocs' live-reload server would hang every request
until the next good build): the build writes an error page listing the problems (file, line,
column, code, message) at the address of every page of the last good build, where the browser
has one open (and at the home page and the 404 page, which reloads itself every two seconds).
MkDocs injects its live-reload script into those pages, so they reload by themselves when the next
good build is done. `mkdocs build` never goes through this module.
"""

from __future__ import annotations

import gc
import gzip
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, ClassVar

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme
from mkdocs.utils import get_build_timestamp

from . import urls
from .load.cache import FileCache
from .problems import CATALOGUE, Problem, Severity
from .render import TEMPLATES
from .search_index import IndexRun, SearchIndexError
from .views.page import PageSpec

log = logging.getLogger("mkdocs.plugins.congkhai")

# The last good output while a build runs or while the error page is shown, and outputs being
# deleted in the background: hidden, so MkDocs' clean_directory leaves them alone.
STASH = ".congkhai-previous"
TRASH = ".congkhai-trash-"
SHOWN_PROBLEMS = 300


@dataclass(frozen=True)
class ProblemRow:
    file: str
    line: int
    column: int
    code: str
    level: str  # error, warning, notice
    severity: str  # lỗi, cảnh báo, lưu ý
    title: str  # the code's title in the catalogue
    message: str
    fix: str


@dataclass(frozen=True)
class ErrorPage:
    """The page shown in place of the site while the content has errors."""

    template: ClassVar[str] = "preview-error.html"

    errors: int
    rows: list[ProblemRow]
    more: int  # problems not listed
    folder: str
    refresh: bool  # the 404 page reloads itself (MkDocs injects its live-reload script only in pages)


def error_page(problems: Sequence[Problem], folder: Path, refresh: bool = False) -> ErrorPage:
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTICE: 2}
    listed = sorted(problems, key=lambda p: (order[p.severity], p))
    rows = [
        ProblemRow(
            p.file,
            p.line,
            p.column,
            p.code,
            p.severity.value,
            p.severity.label,
            CATALOGUE[p.code].title,
            p.message,
            CATALOGUE[p.code].fix,
        )
        for p in listed[:SHOWN_PROBLEMS]
    ]
    errors = sum(p.severity is Severity.ERROR for p in problems)
    return ErrorPage(errors, rows, max(0, len(listed) - SHOWN_PROBLEMS), str(folder), refresh)


@dataclass(frozen=True)
class _SitemapPage:
    """What MkDocs' sitemap template reads of a page."""

    is_link: bool
    abs_url: str | None
    canonical_url: str | None
    update_date: str


@dataclass(frozen=True)
class _SitemapFile:
    page: _SitemapPage


def _stamp(folders: Iterable[Path], files: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """When each file under `folders`, and each of `files`, last changed."""
    found = []
    for path in [*files, *(p for folder in folders if folder.is_dir() for p in folder.rglob("*"))]:
        try:
            st = path.stat()
        except OSError:
            continue
        found.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(sorted(found))


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled theme templates kept for the session (Jinja2 checks each against its source)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _unlink(path: Path) -> None:
    """Remove a file and the folders it leaves empty (up to the output folder's entries)."""
    try:
        path.unlink()
        path.parent.rmdir()
    except OSError:
        pass


class Preview:
    """What `mkdocs serve` keeps from one build to the next (the plugin lives as long as the server)."""

    def __init__(self) -> None:
        self.cache = FileCache()
        self.problems: list[Problem] | None = None  # this build's problems when the content has errors
        self.folder = Path("content")
        # The last good build: its pages (source URI → spec), where MkDocs wrote each page and
        # what the sitemap needs of it, the other files it copied, and what every page shows
        # besides its own context (the navigation, mkdocs.yml, the templates).
        self.built: dict[str, PageSpec] = {}
        self.dest: dict[str, str] = {}
        self.sitemap: dict[str, _SitemapFile] = {}
        self.static: set[str] = set()
        self.built_key: object = None
        self.showing_error = False  # the output folder holds error pages; the stash, the last good build
        # This build.
        self.key: object = None
        self.specs: list[PageSpec] = []
        self.kept: set[str] = set()  # source URIs of the pages not rendered again
        self.rendered = 0  # pages MkDocs rendered
        self.bodies: dict[str, tuple[PageSpec, str]] = {}
        self._static_now: set[str] = set()
        self._sitemap_listed: list[Any] = []
        self._compiled = _MemoryBytecodeCache()
        self._theme_files: dict[tuple[object, ...], list[str]] = {}
        self._background: threading.Thread | None = None
        self._trashed = 0
        self._frozen = False
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._index: IndexRun | None = None
        # The search lexicon of the current content (search_index), written beside the index.
        self.lexicon: Callable[[], dict[str, object]] | None = None
        self._index_stale = False  # Pagefind was stopped before it finished

    # on_config

    def good(self, specs: list[PageSpec], config: MkDocsConfig) -> None:
        """A good build of `specs`: the pages identical to the last good build's are kept."""
        settings = self._settings(config)
        self.problems = None
        self.specs = specs
        self.key = (settings, tuple((s.title, s.src_uri) for s in specs if s.in_nav))
        self.kept = set()
        if self.key == self.built_key:
            self.kept = {
                s.src_uri
                for s in specs
                if not s.in_nav
                and self.built.get(s.src_uri) is s
                and s.src_uri in self.dest
                and s.src_uri in self.sitemap
            }

    def failed(self, problems: list[Problem], folder: Path, config: MkDocsConfig) -> None:
        """A build of the error page for `problems`."""
        self._settings(config)
        self.problems, self.folder = problems, folder
        self.specs, self.kept = [], set()

    def _settings(self, config: MkDocsConfig) -> object:
        """What every page shows besides its context (mkdocs.yml, the theme overrides, our
        templates), as the times their files changed; and the theme's environment set up."""
        files = [Path(config.config_file_path)] if config.config_file_path else []
        folders = [Path(d) for d in (config.theme.custom_dir, str(TEMPLATES)) if d]
        settings = _stamp(folders, files)
        self.theme(config.theme, settings)
        return settings

    def theme(self, theme: Theme, settings: object) -> None:
        """Hack: MkDocs makes a new Jinja2 environment for the theme on every build, which compiles
        Material's templates again and sifts its 14,000 files (icons included) for the static ones;
        together more than half a second. The environments made during this session share the
        compiled templates (Jinja2 checks each against its source) and, while mkdocs.yml and the
        theme overrides are the same, the list of static files."""
        make = theme.get_env
        compiled, listings = self._compiled, self._theme_files
        key = (tuple(theme.dirs), settings)

        def get_env() -> Environment:
            env = make()
            env.bytecode_cache = compiled
            list_templates = env.list_templates

            def listed(extensions: Any = None, filter_func: Any = None) -> list[str]:
                found = (key, extensions, getattr(filter_func, "__code__", filter_func))
                if found not in listings:
                    if len(listings) > 8:  # kept for older settings
                        listings.clear()
                    listings[found] = list_templates(extensions, filter_func)
                return listings[found]

            setattr(env, "list_templates", listed)  # noqa: B010
            return env

        setattr(theme, "get_env", get_env)  # noqa: B010

    # on_pre_build

    def before_build(self, site_dir: Path) -> None:
        """Move the last good output into the stash (unless it is there already, behind an error
        page); MkDocs then cleans the output folder and writes only the pages not kept."""
        self.wait()
        if self.showing_error:
            # Out of MkDocs' way, which would delete them one by one; removed in the background.
            self._clear(site_dir, self._trash(site_dir))
            return
        stash = site_dir / STASH
        if stash.exists():
            shutil.rmtree(stash, ignore_errors=True)
        self._clear(site_dir, stash)

    @staticmethod
    def _clear(site_dir: Path, into: Path) -> None:
        """Move the output folder's entries (not the hidden ones) into `into`."""
        into.mkdir(parents=True, exist_ok=True)
        for entry in os.scandir(site_dir):
            if not entry.name.startswith("."):
                os.replace(entry.path, into / entry.name)

    def _trash(self, site_dir: Path) -> Path:
        """A new hidden folder for outputs to delete in the background."""
        self._trashed += 1
        return site_dir / f"{TRASH}{os.getpid()}-{self._trashed}"

    # on_page_content

    def body(self, spec: PageSpec, make: Callable[[], str]) -> str:
        """A page's rendered body: the previous one when its spec is unchanged."""
        kept = self.bodies.get(spec.src_uri)
        if kept is not None and kept[0] is spec and self.key == self.built_key:
            return kept[1]
        html = make()
        self.bodies[spec.src_uri] = (spec, html)
        return html

    # on_env

    def record(self, files: Files) -> None:
        """Where MkDocs writes this build's pages and files, and what the sitemap needs of them."""
        self.rendered = 0
        static = {"404.html", "sitemap.xml", "sitemap.xml.gz"}  # Material's static templates
        for file in files:
            page = file.page
            if not file.is_documentation_page():
                static.add(file.dest_uri)
            elif page is not None:
                self.rendered += 1
                self.dest[file.src_uri] = file.dest_uri
                self.sitemap[file.src_uri] = _SitemapFile(
                    _SitemapPage(page.is_link, page.abs_url, page.canonical_url, str(page.update_date))
                )
        self._static_now = static

    # on_template_context("sitemap.xml")

    def sitemap_pages(self, pages: Sequence[File]) -> Sequence[Any]:
        """Every page for the sitemap, also those MkDocs did not build this time, in site order."""
        self._sitemap_listed = []
        if not self.kept:
            return pages
        ours = {spec.src_uri for spec in self.specs}
        listed: list[Any] = [file for file in pages if file.src_uri not in ours]
        built = {file.src_uri: file for file in pages}
        for spec in self.specs:
            listed.append(built.get(spec.src_uri) or self.sitemap[spec.src_uri])
        self._sitemap_listed = listed
        return listed

    def _gzip_sitemap(self, site_dir: Path) -> None:
        """Gzip sitemap.xml again as MkDocs does, with the time of the latest page among all of
        them (MkDocs saw only the pages it built)."""
        output = site_dir / "sitemap.xml"
        if not self._sitemap_listed or not output.is_file():
            return
        timestamp = get_build_timestamp(pages=[file.page for file in self._sitemap_listed])
        gz_filename = f"{output}.gz"
        with (
            open(gz_filename, "wb") as f,
            gzip.GzipFile(fileobj=f, filename=gz_filename, mode="wb", mtime=timestamp) as gz,
        ):
            gz.write(output.read_bytes())

    # on_post_build

    def after_build(self, site_dir: Path, env: Environment, outputs: Callable[[Path], None]) -> None:
        """Complete the output with the kept pages and start writing, in the background, the
        other outputs (`outputs(site_dir)`) and the search index if a procedure page changed; or
        write the error page where the browser may have a page open."""
        if self.problems is not None:
            self._write_error_site(site_dir, env)
            self.showing_error = True
            return
        stash = site_dir / STASH
        current = {spec.src_uri: spec for spec in self.specs}
        # Pagefind indexes the procedure pages: run it again only when one of them changed.
        indexed = {uri for uri in current if fnmatch(self.dest[uri], urls.INDEXED_PAGES)}
        was_indexed = {uri for uri in self.built if fnmatch(self.dest.get(uri, ""), urls.INDEXED_PAGES)}
        index = self._index_stale or not (indexed == was_indexed and indexed <= self.kept)
        if self.kept:
            self._gzip_sitemap(site_dir)
            # The stash holds the last good output: put what MkDocs wrote this time into it, drop
            # the pages and files that are gone, and make it the output again.
            written = []
            for folder, dirs, names in os.walk(site_dir):
                rel = Path(folder).relative_to(site_dir)
                if not rel.parts:
                    dirs[:] = [d for d in dirs if not d.startswith(".")]
                    names = [n for n in names if not n.startswith(".")]
                else:
                    written.append(folder)
                (stash / rel).mkdir(parents=True, exist_ok=True)
                for name in names:
                    os.replace(Path(folder) / name, stash / rel / name)
            for folder in reversed(written):
                os.rmdir(folder)
            for uri in self.built.keys() - current.keys():
                _unlink(stash / self.dest[uri])
            for dest in self.static - self._static_now:
                _unlink(stash / dest)
            for entry in os.scandir(stash):
                os.replace(entry.path, site_dir / entry.name)
            os.rmdir(stash)
        elif stash.exists():
            os.replace(stash, self._trash(site_dir))
        if not index and not self.kept:
            index = True  # a full build: the previous index went with the stash
        self.dest = {uri: dest for uri, dest in self.dest.items() if uri in current}
        self.sitemap = {uri: entry for uri, entry in self.sitemap.items() if uri in current}
        self.built, self.built_key, self.static = current, self.key, self._static_now
        self.showing_error = False

        self._index_stale = index
        if not self._frozen:
            # The records, sources and pages of the first build live as long as the server, and
            # Python's cyclic garbage collector would walk all of them again now and then (more
            # than a second at 2,000 procedures, in the middle of a later rebuild). Collected once,
            # they are set aside; what a later edit replaces is still freed (records hold no
            # reference cycles).
            gc.collect()
            gc.freeze()
            self._frozen = True
        stop = self._stop = threading.Event()

        def background() -> None:
            for trash in site_dir.glob(f"{TRASH}*"):
                shutil.rmtree(trash, ignore_errors=True)
            outputs(site_dir)
            if index:
                self._write_index(site_dir, stop)

        self._background = threading.Thread(target=background, name="congkhai-preview-outputs", daemon=True)
        self._background.start()

    def _write_index(self, site_dir: Path, stop: threading.Event) -> None:
        """Run Pagefind, unless stopped (the index is then stale: it runs again after the next build)."""
        with self._lock:
            if stop.is_set():
                return
            self._index = IndexRun(site_dir, self.lexicon() if self.lexicon is not None else None)
        try:
            self._index.wait()
        except SearchIndexError as exc:
            log.error(str(exc))
            return
        self._index_stale = self._index.stopped

    def _write_error_site(self, site_dir: Path, env: Environment) -> None:
        assert self.problems is not None
        template = env.get_template(ErrorPage.template)
        first = site_dir / "index.html"
        first.write_text(template.render(ctx=error_page(self.problems, self.folder)), encoding="utf-8")
        for dest in set(self.dest.values()) - {"index.html"}:
            target = site_dir / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(first, target)  # one page, thousands of addresses
        missing = template.render(ctx=error_page(self.problems, self.folder, refresh=True)).encode("utf-8")
        (site_dir / "404.html").write_bytes(missing)

    # on_build_error, on_shutdown

    def forget(self) -> None:
        """After a failed build the output folder is in an unknown state: build everything next time."""
        self.wait()
        self.built, self.built_key, self.dest, self.sitemap, self.bodies = {}, None, {}, {}, {}
        self.static, self.kept = set(), set()
        self.showing_error = False

    def wait(self, stop_index: bool = True) -> None:
        """Let the previous build's background writes finish. Unless told otherwise, the search
        index is not waited for: its pages are about to change, so Pagefind is stopped (and runs
        again after the next build)."""
        if self._background is None:
            return
        if stop_index:
            with self._lock:
                self._stop.set()
                if self._index is not None:
                    self._index.stop()
        self._background.join()
        self._background, self._index = None, None
