"""Stage 5: the Jinja2 environment that renders page bodies, and the filters templates use.

Logic lives here, in filters registered in one place; templates only lay things out. Autoescape
is on and undefined names are errors, so text from YAML can never become live HTML.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import models as m
from .text import date_vi, money, number

TEMPLATES = Path(__file__).parent / "templates"


def duration(time: m.ProcessingTime) -> str:
    """A processing time as citizens read it: `03 ngày làm việc`, `Trong ngày (nhận trước 15:00)`."""
    if time.working_days is not None:
        text = f"{time.working_days:02d} ngày làm việc"
    elif time.calendar_days is not None:
        text = f"{time.calendar_days:02d} ngày"
    elif time.working_hours is not None:
        text = f"{time.working_hours} giờ làm việc"
    elif time.same_day:
        text = "Trong ngày"
        if time.cutoff:
            text += f" (hồ sơ nhận sau {time.cutoff} trả trong ngày làm việc tiếp theo)"
    else:
        text = time.text or ""
    if time.note:
        text += f"; {time.note}"
    return text


def duration_short(time: m.ProcessingTime) -> str:
    """A processing time for a list cell: `3 ngày làm việc`, `Trong ngày`."""
    if time.working_days is not None:
        return f"{time.working_days} ngày làm việc"
    if time.calendar_days is not None:
        return f"{time.calendar_days} ngày"
    if time.working_hours is not None:
        return f"{time.working_hours} giờ làm việc"
    if time.same_day:
        return "Trong ngày"
    return "Theo quy định"


def weekdays(days: list[str]) -> str:
    """`[t2, t3, t4, t5, t6]` → `Thứ Hai đến Thứ Sáu`; otherwise the days listed."""
    order = list(m.WEEKDAYS)
    indexes = [order.index(d) for d in days]
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{m.WEEKDAY_LABELS[days[0]]} đến {m.WEEKDAY_LABELS[days[-1]]}"
    return ", ".join(m.WEEKDAY_LABELS[d] for d in days)


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
