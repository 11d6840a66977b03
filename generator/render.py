"""Stage 6: the Jinja2 environment that renders page bodies, and the filters templates use.

Logic lives here, in filters registered in one place; templates only lay things out. Autoescape
is on and undefined names are errors, so text from YAML can never become live HTML.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import model as m
from . import urls
from .format import date_vi, duration, duration_short, money, number, weekdays

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
    env.filters.update(
        money=money,
        number=number,
        date_vi=date_vi,
        duration=duration,
        duration_short=duration_short,
        weekdays=weekdays,
    )
    env.globals.update(
        urls=urls.PAGES,
        CHANNEL_LABELS=m.CHANNEL_LABELS,
        ONLINE_LEVEL_LABELS=m.ONLINE_LEVEL_LABELS,
        FEE_KIND_LABELS=m.FEE_KIND_LABELS,
        COMMUNE_TYPE_LABELS=m.COMMUNE_TYPE_LABELS,
        WEEKDAY_LABELS=m.WEEKDAY_LABELS,
        DOCUMENT_GROUP_LABELS=m.DOCUMENT_GROUP_LABELS,
        STATUS_LABELS=m.STATUS_LABELS,
    )
    return env


def render(env: Environment, template: str, context: Any, page_url: str, **extra: Any) -> str:
    """Render a page body; `link(target)` in templates makes a link relative to this page."""

    def link(target: str) -> str:
        return relative(target, page_url)

    return env.get_template(template).render(ctx=context, link=link, today=extra.pop("today", dt.date.today()), **extra)
