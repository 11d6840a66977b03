"""Stage 7: the MkDocs plugin that runs the pipeline inside `mkdocs build` and `mkdocs serve`.

It only orchestrates MkDocs events: load and validate the content when the build starts (a content
error stops the build with the validator's messages), add one virtual file per page, render page
bodies from our templates, and watch the content folder so `mkdocs serve` rebuilds on save
(rendering only the pages a save changed, and showing invalid content as an error page:
`preview.py`).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import model as m
from . import urls
from .authoring import cms
from .content import Content, load_content
from .facts import Facts
from .format import fold_table
from .history.git import last_changed
from .history.revisions import Revision, recent_changes
from .load.folder import EmblemError, FormError, read_emblem, read_form
from .outputs.feed import atom_feed
from .outputs.opendata import write_open_data
from .outputs.robots import robots_txt
from .preview import Preview
from .problems import Problem, Severity
from .publish import OutputBusy, OutputLock, Staging, discard, lock_output, publish, staging_dir
from .render import environment, render
from .search_index import SearchIndex, SearchIndexError, build_index
from .settings import CONTENT_ENV, date_override
from .views.page import PageSpec
from .views.site_map import SiteMap

log = logging.getLogger("mkdocs.plugins.congkhai")

_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')

# Every page carries this policy in a <meta> (site_overrides/main.html), as the first element of
# its <head> so it covers everything after it; hosts that can send headers should send it too
# (README, "Hosting"). Nothing may come from another origin, and no inline script or event
# handler runs: text from content that slipped past escaping would stay inert.
# - script-src 'self': our scripts, the theme's bundle and Pagefind's `pagefind.js`, all files of
#   the site. The theme's own inline scripts are moved to files (site_overrides/partials/).
# - 'wasm-unsafe-eval': Pagefind's search runs in WebAssembly, and compiling a WebAssembly module
#   counts as eval for CSP. This keyword allows only that: `eval()`, `new Function` and string
#   timers stay blocked.
# - connect-src 'self': Pagefind fetches its index, metadata and .wasm with fetch().
# - img-src data: the theme draws its icons from data: SVG images in its stylesheet.
# - form-action 'self', base-uri 'none', object-src 'none': no form posts elsewhere, no <base>
#   that would turn relative links elsewhere, no plugins.
# `frame-ancestors` is ignored in a <meta> (Chromium logs an error for it): hosts send it as a
# header.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:;"
    " font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
# `mkdocs serve` only: MkDocs injects its live-reload call as an inline script, so the local
# preview allows inline scripts; the published site never does.
PREVIEW_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
# The editors' interface (/quan-tri/) only, never a citizens' page: Decap CMS compiles code at run
# time ('unsafe-eval'), styles its components inline, shows uploads from blob: addresses, talks to
# GitHub's API, and to a decap-server on the editor's own machine when one runs (local editing).
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline';"
    " img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com;"
    " media-src 'self' blob:; font-src 'self' data:; worker-src 'self' blob:;"
    " connect-src 'self' blob: https://api.github.com https://raw.githubusercontent.com"
    " http://127.0.0.1:* http://localhost:*; form-action 'self'; base-uri 'none'; object-src 'none'"
)
# Other sites see where a visitor came from (the portal's origin) but never which page or search.
REFERRER_POLICY = "strict-origin-when-cross-origin"


def _escape(text: str) -> str:
    # Kept as Markup: Material prints the site name with `| e` in `title` attributes, which would
    # escape a plain string a second time (`&amp;amp;`).
    return escape(text)


def _script_data() -> str:
    """`assets/ck-data.js`: what the browser's scripts share with the generator (the site's paths
    and the accent-folding table), generated so the two can never drift apart."""
    data = json.dumps({"urls": urls.PAGES, "fold": fold_table()}, ensure_ascii=False, sort_keys=True)
    return f"window.congkhai = {data};\n"


def _theme_css(colors: m.Colors) -> str:
    """`assets/ck-theme.css`: the colours of site.yaml (checked for contrast when read) over the
    theme's. A file, not a <style> element: the site's policy allows no inline style."""
    rules = []
    if colors.primary:
        rules += [
            f"--md-primary-fg-color: {colors.primary};",
            f"--md-primary-fg-color--light: {colors.primary};",
            f"--md-primary-fg-color--dark: {colors.primary};",
            "--md-primary-bg-color: #ffffff;",
            f"--md-typeset-a-color: {colors.primary};",
        ]
    if colors.accent:
        rules += [f"--md-accent-fg-color: {colors.accent};", f"--ck-accent: {colors.accent};"]
    # Material sets its palette on <body data-md-color-primary=…>; this selector is more specific.
    return "body[data-md-color-primary] {\n  " + "\n  ".join(rules) + "\n}\n"


class CongkhaiConfig(Config):  # type: ignore[no-untyped-call]
    content = c.Optional(c.Type(str))  # content folder; $CONGKHAI_CONTENT wins, default content/


_INDENT = re.compile(r"(?m)^[ \t]+")


def _lean(page: str) -> str:
    """The page without the templates' indentation (about a tenth of a procedure page, which a
    cheap phone downloads under a 30 KB budget). Indentation means nothing in HTML outside `<pre>`
    and `<textarea>`, which the pages do not use; a page that has one is left as it is."""
    if "<pre" in page or "<textarea" in page:
        return page
    return _INDENT.sub("", page)


class CongkhaiPlugin(BasePlugin[CongkhaiConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.command: str | None = None  # None: MkDocs called without on_startup, build in place
        self.dirty = False
        self.target: Path | None = None
        self.lock: OutputLock | None = None
        self.staging: Staging | None = None
        self.built = False  # our outputs are written; the site is published once MkDocs is done
        self.failed = False
        self.content: Content | None = None
        self.revisions: list[Revision] = []
        self.specs: dict[str, PageSpec] = {}
        self.env: Environment | None = None
        self.folder: Path = Path("content")
        self.site_map = SiteMap()
        self.preview: Preview | None = None  # `mkdocs serve` only: what is kept between rebuilds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        if command == "serve":
            self.preview = Preview()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # $CONGKHAI_CONTENT is relative to where the command runs; the `content` option to mkdocs.yml.
        from_env = os.environ.get(CONTENT_ENV)
        base = Path.cwd() if from_env else Path(config.config_file_path or "mkdocs.yml").resolve().parent
        folder = Path(from_env or self.config.content or "content")
        if not folder.is_absolute():
            folder = base / folder
        self.folder = folder
        if self.preview is not None:
            self.preview.wait()  # the previous build's background writes
        try:
            today = date_override()
        except ValueError as exc:
            raise PluginError(f"CONGKHAI_DATE không hợp lệ: {exc}") from None
        content, problems = load_content(folder, today, self.preview.cache if self.preview else None)
        errors = [p for p in problems if p.severity is Severity.ERROR]
        if content is None and self.preview is not None:
            return self._preview_failed(config, problems)
        if content is None:
            shown = "\n".join(p.format_text(f"{folder}/") for p in errors[:200])
            more = f"\n… và {len(errors) - 200} lỗi khác" if len(errors) > 200 else ""
            raise PluginError(f"Nội dung có {len(errors)} lỗi; chưa xây dựng trang:\n{shown}{more}")
        self.content = content
        if self.env is None or self.preview is None:
            self.env = environment()  # Jinja2 reloads a template whose file changed
        self.revisions = recent_changes(folder)
        specs = self.site_map.pages(content, last_changed(folder), self.revisions)
        self.specs = {spec.src_uri: spec for spec in specs}
        if self.preview is not None:
            self.preview.good(specs, config)
            self.preview.lexicon = lambda: SearchIndex(self.site_map.facts).lexicon()
        # Hack: MkDocs renders themes with autoescape off, and Material prints the site name, page
        # titles and descriptions as they are. Text from YAML that reaches the theme is escaped here.
        config.site_name = _escape(content.site.name)
        config.site_url = content.site.base_url
        if content.site.description:
            config.site_description = _escape(content.site.description)
        if self.command == "build":
            self._claim_output(config)
        config.extra["congkhai"] = {
            "demo": content.site.demo,
            "demo_notice": content.site.demo_notice,
            "urls": urls.PAGES,
            "csp": PREVIEW_POLICY if self.preview is not None else CONTENT_SECURITY_POLICY,
            "referrer": REFERRER_POLICY,
            "authority": content.site.authority.name,
            "emblem": urls.emblem(content.site.emblem) if content.site.emblem else None,
        }
        themed = content.site.colors is not None and (content.site.colors.primary or content.site.colors.accent)
        if themed and urls.THEME_CSS not in config.extra_css:
            config.extra_css.append(urls.THEME_CSS)
        elif not themed and urls.THEME_CSS in config.extra_css:
            config.extra_css.remove(urls.THEME_CSS)
        config.nav = [
            {spec.title if spec.url else "Trang chủ": spec.src_uri} for spec in self.specs.values() if spec.in_nav
        ]
        return config

    def _preview_failed(self, config: MkDocsConfig, problems: list[Problem]) -> MkDocsConfig:
        """`mkdocs serve` with invalid content: build no page; `on_post_build` writes the error page."""
        assert self.preview is not None
        self.preview.failed(problems, self.folder, config)
        errors = [p for p in problems if p.severity is Severity.ERROR]
        # Logged as information: a warning would make the strict build fail, and MkDocs' server
        # would then hang every request until the next good build.
        log.info(f"Nội dung có {len(errors)} lỗi; trang lỗi thay cho bản xem trước:")
        for p in errors[:20]:
            log.info(p.format_text(f"{self.folder}/"))
        self.content, self.specs, self.revisions = None, {}, []
        if self.env is None:
            self.env = environment()
        config.extra["congkhai"] = {"demo": False, "demo_notice": None, "urls": urls.PAGES}
        config.nav = []
        return config

    def _serve_outputs(self, site_dir: Path) -> None:
        """The outputs besides pages and the search index, written in the background during
        `mkdocs serve` (preview.py)."""
        assert self.content is not None
        content, revisions = self.content, self.revisions
        write_open_data(content, self.site_map.facts, site_dir)
        (site_dir / urls.PAGES["robots"]).write_text(robots_txt(content.site), encoding="utf-8")
        feed = site_dir / urls.PAGES["feed"]
        feed.parent.mkdir(parents=True, exist_ok=True)
        feed.write_text(atom_feed(content.site, revisions), encoding="utf-8")

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.preview is not None:
            self.preview.before_build(Path(config.site_dir))

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.preview is not None:
            self.preview.record(files)
        return env

    def on_template_context(self, context: Any, /, *, template_name: str, config: MkDocsConfig) -> Any:
        if self.preview is not None and template_name == "sitemap.xml":
            context["pages"] = self.preview.sitemap_pages(context["pages"])
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.preview is not None:
            assert self.env is not None
            self.preview.after_build(Path(config.site_dir), self.env, self._serve_outputs)
            return
        assert self.content is not None
        site_dir = Path(config.site_dir)
        write_open_data(self.content, Facts(self.content), site_dir)
        (site_dir / urls.PAGES["robots"]).write_text(robots_txt(self.content.site), encoding="utf-8")
        feed = site_dir / urls.PAGES["feed"]
        feed.parent.mkdir(parents=True, exist_ok=True)
        feed.write_text(atom_feed(self.content.site, self.revisions), encoding="utf-8")
        try:
            build_index(Path(config.site_dir), SearchIndex(Facts(self.content)).lexicon())
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        # Not published yet: MkDocs checks strict-mode warnings (and later plugins may still fail)
        # after this event. The site is swapped in by on_shutdown, which runs after every check.
        self.built = True

    def on_build_error(self, *, error: Exception) -> None:
        if self.preview is not None:
            self.preview.forget()
        self.failed = True
        self._finish()

    def on_shutdown(self) -> None:
        if self.preview is not None:
            self.preview.wait()  # the last rebuild's background writes
        # MkDocs calls this from a `finally:`; an exception still in flight (Ctrl-C during the
        # strict-mode check, say) means the build did not finish, even if on_build_error never ran.
        if sys.exc_info()[0] is not None:
            self.failed = True
        self._finish()

    def _claim_output(self, config: MkDocsConfig) -> None:
        """Wait until no other build writes to the output folder, and for a clean build point
        MkDocs at a fresh staging folder beside it (publish.py)."""
        self.target = Path(config.site_dir)
        self.built = self.failed = False

        def waiting(holder: int | None) -> None:
            who = f"tiến trình {holder}" if holder else "một tiến trình khác"
            log.info(f"Đang chờ bản xây dựng khác ({who}) ghi xong vào {self.target}…")

        try:
            self.lock = lock_output(self.target, waiting=waiting)
        except OutputBusy as exc:
            who = f"tiến trình {exc.holder}" if exc.holder else "một tiến trình khác"
            raise PluginError(
                f"Thư mục {exc.target} đang được một bản xây dựng khác ({who}) ghi; đã chờ "
                f"{exc.waited / 60:.0f} phút mà chưa xong nên dừng lại. Chờ bản đó xong rồi chạy lại, "
                f"hoặc dừng nó nếu nó bị treo."
            ) from None
        if not self.dirty:
            self.staging = staging_dir(self.target)
            config.site_dir = str(self.staging.path)

    def _finish(self) -> None:
        """Publish the staged site if the build passed every check, else throw it away; then let
        the next build of this output folder go ahead."""
        if self.staging is not None:
            if self.built and not self.failed and self.target is not None:
                publish(self.staging, self.target)
            else:
                discard(self.staging)
            self.staging = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        # Hack: Material's base template puts autocomplete="off" on its checkbox toggles, which the
        # HTML standard does not allow (the Nu HTML Checker rejects every page). The attribute sits
        # outside any overridable block, so it is removed from the rendered page.
        return _lean(_TOGGLE_AUTOCOMPLETE.sub(r"\1", output))

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        return _lean(_TOGGLE_AUTOCOMPLETE.sub(r"\1", output_content))  # 404.html, rendered as a template

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        # `mkdocs serve --clean` announces itself as a build: show its first build now, and let
        # the rebuilds write in place like any serve.
        self._finish()
        self.command = "serve"
        server.watch(str(self.folder))
        return server

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if self.content is None:  # `mkdocs serve` with invalid content: no page
            return files
        kept = self.preview.kept if self.preview is not None else set()
        for spec in self.specs.values():
            if spec.src_uri in kept:  # `mkdocs serve`: unchanged since the last build (preview.py)
                continue
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, spec.src_uri, content="", inclusion=inclusion))
        for spec in self.specs.values():
            for path, text in spec.files:
                files.append(File.generated(config, path, content=text))
        assert self.content is not None
        for name in sorted(self.content.forms):
            # Read again, through no link and with the type checked, right where it is published:
            # a form never reaches the site by any other path than the validated one.
            try:
                data = read_form(self.content.root, name)
            except (FormError, OSError) as exc:
                raise PluginError(f"Không đăng được biểu mẫu `{m.FORMS_FOLDER}/{name}`: {exc}") from None
            files.append(File.generated(config, urls.form(name), content=data))
        files.append(File.generated(config, urls.SCRIPT_DATA, content=_script_data()))
        site = self.content.site
        if site.colors is not None and (site.colors.primary or site.colors.accent):
            files.append(File.generated(config, urls.THEME_CSS, content=_theme_css(site.colors)))
        if site.emblem:
            # Read again and checked right where it is published, as the forms are.
            try:
                emblem = read_emblem(self.content.root, site.emblem)
            except EmblemError as exc:
                raise PluginError(f"Không đăng được biểu tượng `{site.emblem}`: {exc}") from None
            files.append(File.generated(config, urls.emblem(site.emblem), content=emblem))
        self._admin_files(files, config)
        return files

    def _admin_files(self, files: Files, config: MkDocsConfig) -> None:
        """The editors' interface at /quan-tri/: our page, scripts and generated configuration,
        and Decap CMS's bundle with the YAML library, as `npm ci` installed them in cms/."""
        assert self.content is not None
        # Beside mkdocs.yml, else beside the generator package (a site configured elsewhere).
        candidates = [Path(config.config_file_path or "mkdocs.yml").resolve().parent, Path(__file__).parent.parent]
        source = next((c / "cms" for c in candidates if (c / "cms" / "index.html").is_file()), None)
        if source is None:
            log.info("Không có thư mục cms/ cạnh mkdocs.yml: trang không có giao diện quản trị /quan-tri/.")
            return
        folder = urls.ADMIN
        page = (source / "index.html").read_text(encoding="utf-8").replace("{csp}", ADMIN_POLICY)
        files.append(File.generated(config, folder + "index.html", content=page))
        for name in ("cms-setup.js", "congkhai-cms.js", "congkhai-format.js"):
            files.append(File.generated(config, folder + name, abs_src_path=str(source / name)))
        files.append(File.generated(config, folder + cms.CONFIG_FILE, content=cms.render(self.content.site)))
        files.append(File.generated(config, folder + cms.FORMATS_FILE, content=cms.render_formats()))
        decap, yaml_lib = source / cms.DECAP_DIST, source / cms.YAML_DIST
        if not (decap / cms.DECAP_BUNDLE).is_file() or not yaml_lib.is_dir():
            # Logged, not a warning: a clone without `npm ci` (`make site` runs it) still builds
            # the citizens' pages; /quan-tri/ then says the interface is not installed.
            log.info("Chưa cài trang quản trị (cms/node_modules): chạy `make site` hoặc `npm ci --prefix cms`.")
            return
        for path in sorted(decap.iterdir()):
            if path.name.endswith(cms.DECAP_SUFFIXES):
                files.append(File.generated(config, folder + path.name, abs_src_path=str(path)))
        for path in sorted(yaml_lib.rglob("*.js")):
            uri = f"{folder}yaml/{path.relative_to(yaml_lib).as_posix()}"
            files.append(File.generated(config, uri, abs_src_path=str(path)))

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        # The home page's title is the site's name, which Material prints alone when the page sets
        # none ("name - name" otherwise).
        if spec.url:
            page.meta["title"] = _escape(spec.title)
        # A portal, not documentation: no side navigation (the tabs and the drawer on phones
        # remain) and no table of contents; the content takes the whole width.
        page.meta["hide"] = ["navigation", "toc"]
        # sitemap.xml's <lastmod>: when the procedure last changed (git), else the build's date.
        assert self.content is not None
        page.update_date = getattr(spec.context, "updated", self.content.today).isoformat()
        if spec.description:
            page.meta["description"] = _escape(spec.description)
        # The body is rendered from our templates in on_page_content; Markdown has nothing to do.
        return ""

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return html
        assert self.env is not None and self.content is not None
        env, content = self.env, self.content

        def body() -> str:
            return render(env, spec.template, spec.context, page.url, today=content.today, site=content.site)

        return self.preview.body(spec, body) if self.preview is not None else body()
