"""Stage 6b: the search index. Pagefind (from the package registry, binary inside the wheel)
indexes the procedure pages once MkDocs has written them.

What goes into the index is decided in `templates/procedure.html` (the `data-pagefind-*`
attributes): the name (weighted highest), an accent-and-đ-folded copy of the name, keywords,
documents and result, the codes, the filters and the fields shown in results. Page furniture
is never indexed, which keeps the posting lists, and so each query's download, small.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Bundles Pagefind writes for its own UIs; our search box (docs/assets/search.js) uses only the
# core `pagefind.js` API, so these are removed to keep the site small.
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(RuntimeError):
    pass


def build_index(site: Path) -> None:
    """Index the procedure pages of the built site in `site/pagefind/`."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--glob",
            "thu-tuc/*/index.html",
            "--force-language",
            "vi",
            "--silent",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind không tạo được chỉ mục tìm kiếm:\n{result.stderr or result.stdout}")
    for name in _UNUSED:
        (site / "pagefind" / name).unlink(missing_ok=True)
