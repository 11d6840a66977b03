"""Vietnamese text helpers: folding for search, alphabetical order, money, dates."""

from __future__ import annotations

import datetime as dt
import unicodedata

from generator.format import date_vi, fold, money, sort_key


def test_fold_removes_accents_and_d_stroke() -> None:
    assert fold("Đăng ký kết hôn") == "dang ky ket hon"
    assert fold("ĐƯỜNG đất Ưu đãi") == "duong dat uu dai"
    assert fold(unicodedata.normalize("NFD", "Chứng thực")) == "chung thuc"


def test_vietnamese_alphabetical_order() -> None:
    words = [
        "Đăng ký",
        "Dân tộc",
        "Cấp đổi",
        "Chứng thực",
        "Ưu đãi",
        "Ủy quyền",
        "Ăn",
        "An",
        "Ân",
        "Bình",
        "Giám hộ",
        "Gia hạn",
    ]
    assert sorted(words, key=sort_key) == [
        "An",
        "Ăn",
        "Ân",
        "Bình",
        "Cấp đổi",
        "Chứng thực",
        "Dân tộc",
        "Đăng ký",
        "Gia hạn",
        "Giám hộ",
        "Ủy quyền",
        "Ưu đãi",
    ]


def test_tones_order_after_letters() -> None:
    assert sorted(["má", "mạ", "mà", "ma", "mả", "mã"], key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(["ba", "bá", "bă"], key=sort_key) == ["ba", "bá", "bă"]


def test_sort_ignores_normalisation_form() -> None:
    assert sort_key(unicodedata.normalize("NFD", "Đăng ký"))[:2] == sort_key("Đăng ký")[:2]


def test_money_and_dates() -> None:
    assert money(50_000) == "50.000 đồng"
    assert money(1_200_000) == "1.200.000 đồng"
    assert money(0) == "0 đồng"
    assert date_vi(dt.date(2025, 7, 1)) == "01/07/2025"
