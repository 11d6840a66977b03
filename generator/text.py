"""Vietnamese text: normalisation, accent folding, alphabetical order, money and dates."""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import lru_cache

from babel.numbers import format_decimal

# Letters in Vietnamese alphabetical order. Letters outside the alphabet (f, j, w, z in loan
# words) sort after their nearest neighbours by code point.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
# Combining marks that make a letter (kept in the primary key) ...
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
_COMPOSED = {"a\u0306": "ă", "a\u0302": "â", "e\u0302": "ê", "o\u0302": "ô", "o\u031b": "ơ", "u\u031b": "ư"}
# ... and tone marks, ordered as in Vietnamese dictionaries: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without diacritics, đ/Đ → d: what a citizen types on a phone without a
    Vietnamese keyboard."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _letters(text: str) -> tuple[tuple[float, ...], tuple[int, ...]]:
    primary: list[float] = []
    tones: list[int] = []
    for char in nfc(text).lower():
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        letter = base
        tone = 0
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _LETTER_MARKS:
                letter = _COMPOSED.get(base + mark, letter)
        if letter in _RANK:
            primary.append(_RANK[letter])
        elif letter.isalpha():
            # Foreign letters: place f after e-ê, j after i, w after v, z after y.
            neighbour = {"f": "ê", "j": "i", "w": "v", "z": "y"}.get(letter)
            primary.append(_RANK[neighbour] + 0.5 if neighbour else 100 + ord(letter))
        elif letter.isspace():
            primary.append(-2)
        else:
            primary.append(-1 if not letter.isdigit() else -1 + int(letter) / 100)
        tones.append(tone)
    return tuple(primary), tuple(tones)


def sort_key(text: str) -> tuple[tuple[float, ...], tuple[int, ...], str]:
    """Vietnamese alphabetical order: letters first (a < ă < â < b … d < đ …), then tones."""
    primary, tones = _letters(text)
    return primary, tones, text


def money(amount: int) -> str:
    """`50000` → `50.000 đồng`."""
    return f"{format_decimal(amount, locale='vi')} đồng"


def number(value: int) -> str:
    return str(format_decimal(value, locale="vi"))


def date_vi(value: dt.date) -> str:
    """`2025-07-01` → `01/07/2025`."""
    return value.strftime("%d/%m/%Y")
