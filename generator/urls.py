"""Every public path of the site, in one place: the pages, the files and the anchors.

Paths are directory URLs relative to the site root (`thu-tuc/1.001193/`). Python code calls the
functions below; page templates get `PAGES` as `urls`; Material's overrides get it through
`config.extra.congkhai.urls`; the browser's scripts get it in the generated `assets/ck-data.js`.
"""

from __future__ import annotations

from .format import anchor

# Fixed pages, by the name templates and scripts use.
PAGES: dict[str, str] = {
    "home": "",
    "procedures": "thu-tuc/",  # the A–Z list
    "sectors": "linh-vuc/",
    "communes": "xa-phuong/",
    "fees": "phi-le-phi/",
    "agencies": "co-quan/",
    "documents": "giay-to/",
    "legal": "van-ban/",
    "about": "gioi-thieu/",
    "search": "tim-kiem/",
    "feedback": "phan-anh-kien-nghi/",
    "recent": "cap-nhat/",
    "feed": "cap-nhat/feed.xml",
    "open_data": "du-lieu-mo/",
    "data": "data/",
    "results": "ket-qua-giai-quyet/",
    "accessibility": "tiep-can/",
    "glossary": "thuat-ngu/",
    "search_index": "pagefind/",
    "robots": "robots.txt",
    "sitemap": "sitemap.xml",
}

# The editors' interface (Decap CMS): not a citizens' page, so not in PAGES (nor in the scripts'
# data), and never linked from one.
ADMIN = "quan-tri/"
# The pages the search index reads (a glob for Pagefind).
INDEXED_PAGES = "thu-tuc/*/index.html"
# The script holding data generated for the browser's scripts (URLs, the folding table).
SCRIPT_DATA = "assets/ck-data.js"
# The stylesheet holding the colours site.yaml sets, generated when it sets any.
THEME_CSS = "assets/ck-theme.css"


def emblem(file: str) -> str:
    """Where the authority's emblem (a file of the content) is published: by its type only."""
    return f"assets/ck-emblem.{file.rpartition('.')[2].lower()}"


def procedure(code: str) -> str:
    return f"{PAGES['procedures']}{code}/"


def sector(sector_id: str) -> str:
    return f"{PAGES['sectors']}{sector_id}/"


def commune(commune_id: str) -> str:
    return f"{PAGES['communes']}{commune_id}/"


def agency(agency_id: str) -> str:
    return f"{PAGES['agencies']}{agency_id}/"


def level(level_id: str) -> str:
    return f"cap/{level_id}/"


def form(file: str) -> str:
    return f"bieu-mau/{file}"


def fee(fee_id: str) -> str:
    """A fee's row in the fee table."""
    return f"{PAGES['fees']}#{fee_id}"


def legal(number: str) -> str:
    """A legal text's entry on the legal documents page."""
    return f"{PAGES['legal']}#{anchor(number)}"


def data_file(name: str) -> str:
    return f"{PAGES['data']}{name}"


def absolute(base_url: str, path: str) -> str:
    """`path` under the site's public address."""
    return base_url.rstrip("/") + "/" + path


def source_file(url: str) -> str:
    """The virtual Markdown file that MkDocs turns into `url`."""
    return "index.md" if url == "" else url.rstrip("/") + ".md"
