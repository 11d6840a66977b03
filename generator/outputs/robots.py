"""`robots.txt`: every page may be indexed; the sitemap's address."""

from __future__ import annotations

from .. import model as m
from .. import urls


def robots_txt(site: m.Site) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {urls.absolute(site.base_url, urls.PAGES['sitemap'])}\n"
