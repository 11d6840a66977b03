"""The lexicon the search script reads (generator/search_index.py `SearchIndex.lexicon`), on the
demo content: what it holds and where its entries lead."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content import Content, load_content
from generator.facts import Facts
from generator.search_index import SearchIndex, lexicon_json
from generator.views import references

from .helpers import TODAY

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, problems = load_content(ROOT / "content", TODAY)
    assert loaded is not None, problems
    return loaded


@pytest.fixture(scope="module")
def lexicon(content: Content) -> dict[str, object]:
    return SearchIndex(Facts(content)).lexicon()


def test_words_are_folded_with_names_counting_more(content: Content, lexicon: dict[str, object]) -> None:
    words = lexicon["words"]
    assert isinstance(words, dict)
    assert all(word.isascii() and word == word.lower() and count > 0 for word, count in words.items())
    # "đăng" and "ký" of procedure names, "sổ đỏ" of keywords, "ruộng" only in a keyword.
    for word in ("dang", "ky", "so", "do", "ruong"):
        assert word in words, word
    # A word of many names outweighs one found in a single description.
    assert words["dang"] > words["ruong"]


def test_every_commune_is_found_by_its_name_former_names_and_address(
    content: Content, lexicon: dict[str, object]
) -> None:
    communes = {row[0]: row for row in lexicon["communes"]}  # type: ignore[attr-defined]
    assert set(communes) == {c.id for c in content.communes}
    _, name, former, _ = communes["tt-kien-xuong"]
    assert (name, former) == ("Thị trấn Kiến Xương", ["xã An Bồi", "thị trấn Thanh Nê"])
    # The desk's and address's words: the shared ones once for all, the rest per commune.
    shared = str(lexicon["commune_words"]).split()
    assert {"ubnd", "tru", "so", "mot", "cua"} <= set(shared)


def test_every_fee_and_document_leads_to_its_anchor(content: Content, lexicon: dict[str, object]) -> None:
    assert {row[0] for row in lexicon["fees"]} == set(content.fees)  # type: ignore[attr-defined]
    page = references.documents_page(Facts(content))
    documents = lexicon["documents"]
    assert isinstance(documents, list)
    assert {row[0] for row in documents} == {d.anchor for d in page.documents}
    # A document with a form is found by the form's file name too.
    assert any("to-khai-dang-ky-khai-sinh.docx" in row[2] for row in documents)


def test_the_lexicon_is_the_same_from_build_to_build(content: Content) -> None:
    first = lexicon_json(SearchIndex(Facts(content)).lexicon())
    assert first == lexicon_json(SearchIndex(Facts(content)).lexicon())
