"""The Atom feed of recent content changes (`cap-nhat/feed.xml`)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from .. import model as m
from .. import urls
from ..history.revisions import Revision

_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _attr(text: str) -> str:
    """Text for a double-quoted XML attribute, kept exactly as it is (no line break normalised)."""
    return escape(text, _ATTRIBUTE)


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
        items = "".join(
            f"<li>{escape(c.subject)}: {escape(c.detail)}"
            + (
                f": {escape(c.old)} → {escape(c.new)}"
                if c.old and c.new
                else f": {escape(c.new or c.old or '')}"
                if (c.new or c.old)
                else ""
            )
            + "</li>"
            for c in revision.changes
        )
        lines += [
            "  <entry>",
            f"    <title>{escape(revision.subject)}</title>",
            f'    <link href="{_attr(f"{base}{recent}#{revision.commit}")}"/>',
            f"    <id>{escape(f'{base}{recent}#{revision.commit}')}</id>",
            f"    <updated>{revision.date.isoformat()}T00:00:00Z</updated>",
            f'    <content type="html">{escape("<ul>" + items + "</ul>")}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
