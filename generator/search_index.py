"""What the search index holds and how it is built, in one place.

For each procedure page the index holds (through the `data-pagefind-*` attributes the procedure
template writes from `SearchData`): the name (weighted highest), a folded copy of the name's words
with đ (Pagefind folds every other accent itself, but not đ), the keywords, the code, each
distinctive word of the summary, documents, steps and result once, the filter tokens, and the
fields shown in results. Page furniture is never indexed, which keeps the posting lists, and so
each query's download, small. Pagefind (its binary comes inside the PyPI wheel) indexes the built
pages once MkDocs has written them.

Pagefind matches words exactly (or by prefix): it cannot correct typos or split words typed
together. So the build also writes a small lexicon next to Pagefind's files (`LEXICON`): the
site's folded words with their frequencies, which docs/assets/search.js corrects and splits
queries against, and the communes, fees and documents, which it searches itself.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import model as m
from . import urls
from .facts import Facts, ProcedureSummary
from .format import anchor, fold, stated

FILTERS = {
    "linh_vuc": "Lĩnh vực",
    "cap": "Cấp thực hiện",
    "co_quan": "Cơ quan thực hiện",
    "truc_tuyen": "Dịch vụ trực tuyến",
}


def filter_token(dimension: str, value_id: str) -> str:
    """A made-up word that marks a page as having a filter value, e.g. `zzlinhvuchotich`.

    Hack: Pagefind's own filters are written in an order that changes from build to build, which
    would break byte-identical builds; a search for `… zzlinhvuchotich` filters just as well."""
    return "zz" + "".join(ch for ch in f"{dimension}{value_id}" if ch.isalnum()).lower()


def words_of(*texts: str) -> list[str]:
    """The words of `texts`, lower case, each once, in order of first appearance, with the
    folded spelling added after every word that has đ (Pagefind folds every other accent
    itself, but not đ: `đất` also needs `dat`)."""
    words: dict[str, None] = {}
    for text in texts:
        for raw in text.lower().split():
            word = raw.strip(".,;:()\"'“”–-/")
            if word:
                words[word] = None
                if "đ" in word:
                    words[fold(word)] = None
    return list(words)


@dataclass(frozen=True)
class SearchData:
    """What the search index holds for a procedure beyond its visible name."""

    name_folded: str  # folded spellings of the name's words with đ
    keywords: str  # keyword words not already in the name, each once
    words: str  # summary, sector, documents, steps and result: each distinctive word once
    codes: str
    tokens: list[str]  # filter tokens (see filter_token)
    meta: dict[str, str]


def _described(p: m.Procedure, sector_name: str) -> list[str]:
    texts = [p.summary or "", sector_name, stated(p.result) or "", *(step.text for step in m.listed(p.steps))]
    return texts + [d.name for g in m.listed(p.documents) for d in g.items]


# The lexicon the search script reads (see `SearchIndex.lexicon`), next to Pagefind's files.
LEXICON = "ck-lexicon.json"
# A word of a name or of keywords counts this many times more than one of a description, so that
# a correction prefers what citizens look for.
_NAME_WEIGHT = 3


def folded_words(*texts: str) -> list[str]:
    """The folded words of `texts` (letters and digits only), in order, repeats kept."""
    out: list[str] = []
    for text in texts:
        out.extend("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())
    return out


class SearchIndex:
    """Builds the `SearchData` of each procedure, and the lexicon of the whole site.

    `mkdocs serve` hands in the previous build's index: the words of a procedure whose record and
    sector are the same objects as then are taken over instead of split again."""

    def __init__(self, facts: Facts, previous: SearchIndex | None = None) -> None:
        self.facts = facts
        self._common: set[str] | None = None
        # code → (procedure, sector, the words of its description), the inputs kept to compare
        self._described: dict[str, tuple[m.Procedure, m.Sector, list[str]]] = {}
        if previous is not None:
            self._described = previous._described

    def _described_words(self, p: m.Procedure) -> list[str]:
        sector = self.facts.content.sectors[p.field]
        kept = self._described.get(p.key)
        if kept is not None and kept[0] is p and kept[1] is sector:
            return kept[2]
        words = words_of(*_described(p, sector.name))
        self._described[p.key] = (p, sector, words)
        return words

    def common_words(self) -> set[str]:
        """Words in the descriptions of more than a fifth of all procedures (and at least 20):
        they tell no procedure apart, yet each would make every query that contains it download
        a posting for most pages. Names and keywords are always indexed whole."""
        if self._common is None:
            content = self.facts.content
            df: Counter[str] = Counter()
            if len(self._described) > len(content.procedures):  # forget procedures since removed
                codes = {p.code for p in content.procedures if m.is_stated(p.code)}
                self._described = {code: kept for code, kept in self._described.items() if code in codes}
            for p in content.procedures:
                df.update(self._described_words(p))
            limit = max(20, len(content.procedures) // 5)
            self._common = {word for word, count in df.items() if count > limit}
        return self._common

    def data(self, p: m.Procedure, summary: ProcedureSummary) -> SearchData:
        name = words_of(p.name)
        keywords = [w for w in words_of(*p.keywords) if w not in set(name)]
        seen = set(name) | set(keywords) | self.common_words()
        described = [w for w in self._described_words(p) if w not in seen]
        return SearchData(
            name_folded=" ".join(fold(w) for w in name if "đ" in w),
            keywords=" ".join(keywords),
            words=" ".join(described),
            codes=p.code if m.is_stated(p.code) else "",
            tokens=[
                filter_token("linh_vuc", p.field),
                *(filter_token("cap", level) for level in m.listed(p.levels)),
                *(filter_token("co_quan", x) for x in m.agency_ids(p.agencies.executing)),
                filter_token("truc_tuyen", p.online.level),
            ],
            meta={
                "code": stated(p.code) or "",
                "field": summary.field,
                "level": summary.levels,
                "time": summary.time,
                "fee": summary.fee,
                "online": summary.online,
                "keywords": " · ".join(p.keywords),
            },
        )

    def lexicon(self) -> dict[str, object]:
        """What the search script needs besides Pagefind, compact (the script builds the URLs
        from `window.congkhai.urls`):

        - `words`: each folded word of the procedures, communes and fees with a frequency, for
          correcting typos and splitting run-together words;
        - `communes`: `[id, full name, former names, other words of desk and address]`, with
          `commune_words`, the desk and address words most communes share, stored once;
        - `fees`: `[id, name]`; `documents`: `[anchor on the documents page, name, forms]`."""
        content = self.facts.content
        counts: Counter[str] = Counter()
        for p in content.procedures:
            for word in set(folded_words(p.name, *p.keywords)):
                counts[word] += _NAME_WEIGHT
            for word in set(folded_words(*_described(p, content.sectors[p.field].name))):
                counts[word] += 1
        # Desk and address repeat the same words for every commune ("Bộ phận Một cửa UBND xã …,
        # huyện …"): those shared by half of them are stored once.
        where = {c.id: set(folded_words(c.desk, c.address)) for c in content.communes}
        shared: Counter[str] = Counter(word for words in where.values() for word in words)
        common = {word for word, n in shared.items() if n * 2 >= len(where) and len(where) > 1}
        communes: list[list[object]] = []
        for c in content.communes:
            former = [unit.name for merger in c.history for unit in merger.formed_from]
            named = set(folded_words(c.full_name))
            own = " ".join(sorted(where[c.id] - common - named))
            communes.append([c.id, c.full_name, former, own])
            for word in set(folded_words(c.full_name, *former)) | where[c.id]:
                counts[word] += _NAME_WEIGHT
        fees = [[fee.id, fee.name] for fee in content.fees.values()]
        for fee in content.fees.values():
            for word in set(folded_words(fee.name)):
                counts[word] += _NAME_WEIGHT
        # Documents (and their forms) lead to their entry on the documents page, which lists
        # the procedures that ask for them and the form to download.
        found: dict[str, tuple[str, list[str]]] = {}
        for p in content.procedures:
            for group in m.listed(p.documents):
                for doc in group.items:
                    forms = found.setdefault(fold(doc.name), (doc.name, []))[1]
                    if doc.form and doc.form.file in content.forms:
                        forms.extend(x for x in (doc.form.name, doc.form.file) if x and x not in forms)
        documents = [[anchor(name), name, " ".join(forms)] for name, forms in found.values()]
        words = {word: n for word, n in sorted(counts.items()) if not word.isdigit()}
        return {
            "words": words,
            "communes": communes,
            "commune_words": " ".join(sorted(common)),
            "fees": fees,
            "documents": documents,
        }


def lexicon_json(lexicon: dict[str, object]) -> bytes:
    return json.dumps(lexicon, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def gzipped_size(data: bytes) -> int:
    """The size `data` travels at over a compressing server (bench/searchbench.py reports it)."""
    return len(gzip.compress(data, mtime=0))


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


def _pagefind(site: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--glob",
        urls.INDEXED_PAGES,
        "--force-language",
        "vi",
        "--silent",
    ]


def _finish(site: Path, returncode: int, output: str, lexicon: dict[str, object] | None) -> None:
    if returncode != 0:
        raise SearchIndexError(f"Pagefind không tạo được chỉ mục tìm kiếm:\n{output}")
    index = site / urls.PAGES["search_index"]
    for name in _UNUSED:
        (index / name).unlink(missing_ok=True)
    if lexicon is not None:
        (index / LEXICON).write_bytes(lexicon_json(lexicon))


def build_index(site: Path, lexicon: dict[str, object] | None = None) -> None:
    """Index the procedure pages of the built site in `site/pagefind/`, with the lexicon next
    to it."""
    result = subprocess.run(_pagefind(site), capture_output=True, text=True, check=False)
    _finish(site, result.returncode, result.stderr or result.stdout, lexicon)


class IndexRun:
    """Pagefind indexing `site` in the background (`mkdocs serve`), which can be stopped when the
    pages it reads are already outdated (its index is then incomplete)."""

    def __init__(self, site: Path, lexicon: dict[str, object] | None = None) -> None:
        self.site = site
        self.lexicon = lexicon
        self.stopped = False
        self.process = subprocess.Popen(_pagefind(site), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def wait(self) -> None:
        """Wait for Pagefind to finish; raises `SearchIndexError` if it failed (not if stopped)."""
        output, _ = self.process.communicate()
        if not self.stopped:
            _finish(self.site, self.process.returncode, output, self.lexicon)

    def stop(self) -> None:
        self.stopped = True
        if self.process.poll() is None:
            self.process.kill()
