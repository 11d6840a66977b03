"""The lexicon the search script reads (generator/search_index.py `SearchIndex.lexicon`), on the
demo content: what it holds and where its entries lead."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import urls
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
    entries = {e["u"]: e for e in lexicon["entries"] if e["k"] == "xa"}  # type: ignore[attr-defined]
    assert set(entries) == {urls.commune(c.id) for c in content.communes}
    kien_xuong = entries[urls.commune("tt-kien-xuong")]
    assert kien_xuong["n"] == "Thị trấn Kiến Xương"
    assert kien_xuong["o"] == ["xã An Bồi", "thị trấn Thanh Nê"]
    assert "Trụ sở UBND thị trấn Kiến Xương" in kien_xuong["a"]


def test_every_fee_and_document_leads_to_its_anchor(content: Content, lexicon: dict[str, object]) -> None:
    entries = lexicon["entries"]
    assert isinstance(entries, list)
    fees = {e["u"] for e in entries if e["k"] == "phi"}
    assert fees == {urls.fee(fee_id) for fee_id in content.fees}
    page = references.documents_page(Facts(content))
    anchors = {f"{urls.PAGES['documents']}#{d.anchor}" for d in page.documents}
    documents = [e for e in entries if e["k"] == "giayto"]
    assert {e["u"] for e in documents} == anchors
    # A document with a form is found by the form's file name too.
    assert any("to-khai-dang-ky-khai-sinh.docx" in e["a"] for e in documents)


def test_the_lexicon_is_the_same_from_build_to_build(content: Content) -> None:
    first = lexicon_json(SearchIndex(Facts(content)).lexicon())
    assert first == lexicon_json(SearchIndex(Facts(content)).lexicon())
