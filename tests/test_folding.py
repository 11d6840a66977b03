"""The browser folds accents exactly as the generator does: `fold()` in `assets/search.js` and the
A–Z filter of `assets/congkhai.js` (both reading the table in `assets/ck-data.js`) against
`generator.format.fold`, on every Vietnamese letter and on whole phrases, in Chromium on the built
demo site."""

from __future__ import annotations

import unicodedata

import pytest

from generator.format import fold

from .helpers import open_page

pytestmark = pytest.mark.browser

# Written out here rather than taken from the generator, so a letter missing from its table shows.
VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # none, huyền, hỏi, ngã, sắc, nặng
CONSONANTS = "bcdđghklmnpqrstvx" + "fjwz"  # and the four letters of loan words
LOWER = [unicodedata.normalize("NFC", vowel + tone) for vowel in VOWELS for tone in TONES] + list(CONSONANTS)
LETTERS = LOWER + [letter.upper() for letter in LOWER]
# Each names at least one procedure of the demo, so the A–Z filter has rows to show.
PHRASES = [
    "ĐĂNG KÝ KHAI SINH",
    "Cấp đổi Giấy chứng nhận",
    "Trợ cấp",
    "Ưu đãi",
    "liệt sĩ",
    "Hộ Kinh Doanh",
    "KHUYẾT TẬT",
    unicodedata.normalize("NFD", "Xác nhận tình trạng hôn nhân"),  # pasted from a PDF
]


def test_search_script_folds_like_the_generator(browser: object, site_url: str) -> None:
    page, _, errors = open_page(browser, site_url, 1280)
    texts = LETTERS + PHRASES
    folded = page.evaluate(  # type: ignore[attr-defined]
        "async ([url, texts]) => { const m = await import(url); return texts.map((t) => m.fold(t)); }",
        [site_url + "assets/search.js", texts],
    )
    wrong = [(text, js, fold(text)) for text, js in zip(texts, folded, strict=True) if js != fold(text)]
    assert wrong == [], f"(text, search.js, Python): {wrong}"
    assert errors == []
    page.context.close()  # type: ignore[attr-defined]


def test_a_to_z_filter_folds_like_the_generator(browser: object, site_url: str) -> None:
    """Typing a letter or phrase shows exactly the rows whose folded text (written by the
    generator) holds every word of the Python folding of what was typed."""
    page, _, errors = open_page(browser, site_url + "thu-tuc/", 1280)
    rows: list[str] = page.evaluate(  # type: ignore[attr-defined]
        "() => [...document.querySelectorAll('li[data-folded]')].map((r) => r.dataset.folded)"
    )
    texts = LETTERS + PHRASES
    shown: list[list[bool]] = page.evaluate(  # type: ignore[attr-defined]
        """(texts) => {
          const input = document.getElementById("ck-filter-q");
          const rows = [...document.querySelectorAll("li[data-folded]")];
          return texts.map((t) => {
            input.value = t;
            input.dispatchEvent(new Event("input"));
            return rows.map((r) => !r.hidden);
          });
        }""",
        texts,
    )
    wrong = []
    for text, visible in zip(texts, shown, strict=True):
        words = fold(text).split()
        expected = [all(word in row for word in words) for row in rows]
        if text in PHRASES:
            assert any(expected), f"no procedure of the demo matches {text!r}: choose another phrase"
        if visible != expected:
            wrong.append(f"{text!r}: {sum(visible)} rows shown, {sum(expected)} expected")
    assert wrong == [], wrong
    assert errors == []
    page.context.close()  # type: ignore[attr-defined]
