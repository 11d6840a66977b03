"""The Atom feed of recent content changes (`cap-nhat/feed.xml`)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from .. import model as m
from .. import urls
from ..history.diff import Change, describe
from ..history.revisions import Revision

_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _attr(text: str) -> str:
    """Text for a double-quoted XML attribute, kept exactly as it is (no line break normalised)."""
    return escape(text, _ATTRIBUTE)


def _table_html(c: Change) -> str:
    """A roster or closures table, before and after, as escaped HTML."""
    if c.table is None:
        return ""
    head = "".join(f"<th>{escape(col)}</th>" for col in c.table.columns)
    parts = []
    for when, rows in (("trước", c.table.before), ("sau", c.table.after)):
        body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
        parts.append(f"<table><caption>{escape(c.detail)}: {when}</caption><tr>{head}</tr>{body}</table>")
    return "".join(parts)


def atom_feed(site: m.Site, revisions: list[Revision]) -> str:
    base = urls.absolute(site.base_url, "")
    recent, feed = urls.PAGES["recent"], urls.PAGES["feed"]
    updated = max((r.date for r in revisions), default=None)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
        f"  <title>{escape(site.name)}: cập nhật gần đây</title>",
        f'  <link href="{_attr(base + recent)}"/>',
        f'  <link rel="self" href="{_attr(base + feed)}"/>',
        f"  <id>{escape(base + recent)}</id>",
        f"  <updated>{(updated.isoformat() if updated else '1970-01-01')}T00:00:00Z</updated>",
        f"  <author><name>{escape(site.authority.name)}</name></author>",
    ]
    for revision in revisions:
        # The entry's title is its date: the commit message is never published. Its text: the
        # change notes written with it, then every change.
        notes = "".join(f"<p><strong>{escape(n.subject)}</strong>: {escape(n.text)}</p>" for n in revision.notes)
        items = "".join(
            f"<li>{escape(c.subject)}: {escape(describe(c))}"
            + ("".join(f"<br>{escape(title)}: {escape(value)}" for title, value in c.facts))
            + _table_html(c)
            + "</li>"
            for c in revision.changes
        )
        lines += [
            "  <entry>",
            f"    <title>{escape(revision.heading)}</title>",
            f'    <link href="{_attr(f"{base}{recent}#{revision.commit}")}"/>',
            f"    <id>{escape(f'{base}{recent}#{revision.commit}')}</id>",
            f"    <updated>{revision.date.isoformat()}T00:00:00Z</updated>",
            f'    <content type="html">{escape(notes + "<ul>" + items + "</ul>")}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
