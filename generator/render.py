"""Stage 6: the Jinja2 environment that renders page bodies.

Templates only lay out their typed context (`views/`): every sentence and every value is written
there, with `format`; templates get no filters of ours, only `link()` for relative links and the
site's paths as `urls` (`tests/test_templates.py` keeps it so). Autoescape is on and undefined
names are errors, so text from YAML can never become live HTML. The rendered body then gets its
abbreviations expanded and its official terms linked to the glossary (`glossary.annotate`).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import urls
from .glossary import annotate

TEMPLATES = Path(__file__).parent / "templates"


def relative(target: str, page_url: str) -> str:
    """A link from the page at `page_url` to the site path `target` (both directory URLs)."""
    base = posixpath.dirname(page_url.rstrip("/") + "/x") if page_url else ""
    if target.startswith(("http://", "https://", "#", "mailto:", "tel:")):
        return target
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path or ".", base or ".")
    if (path == "" or path.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.update(urls=urls.PAGES)
    return env


def render(env: Environment, template: str, context: Any, page_url: str, **extra: Any) -> str:
    """Render a page body; `link(target)` in templates makes a link relative to this page."""

    def link(target: str) -> str:
        return relative(target, page_url)

    def term(term_id: str) -> str:
        return relative(f"{urls.PAGES['glossary']}#{term_id}", page_url)

    body = env.get_template(template).render(ctx=context, link=link, today=extra.pop("today", dt.date.today()), **extra)
    # Abbreviations expanded and official terms linked to the glossary where each first appears
    # (the glossary page does not link to itself).
    return annotate(body, None if page_url == urls.PAGES["glossary"] else term)
