"""`robots.txt`: every page may be indexed; the sitemap's address."""

from __future__ import annotations

from urllib.parse import quote

from .. import model as m
from .. import urls


def robots_txt(site: m.Site) -> str:
    # base_url is validated (model.types.SiteUrl); percent-encoding whatever else it might hold
    # keeps the sitemap's address on its one line.
    sitemap = quote(urls.absolute(site.base_url, urls.PAGES["sitemap"]), safe=":/?#[]@!$&'()*+,;=%~")
    return f"User-agent: *\nAllow: /\nSitemap: {sitemap}\n"
