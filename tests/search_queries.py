"""The search evaluation set: queries as citizens type them, grouped by kind, each with the page
that must come up (a procedure, a commune or a fee of the demo content in content/).

Written before reading how the search ranks anything. Every group is split in two: the tuning
set (even positions) is what the ranking may be adjusted against; the held-out set (odd
positions) is only measured. tests/test_search_eval.py runs both in Chromium through the header
box, typing character by character, and asserts the targets on the held-out set.
"""

from __future__ import annotations

from typing import NamedTuple


class Query(NamedTuple):
    group: str
    text: str
    expected: str  # the result's path relative to the site root
    held_out: bool


def procedure(code: str) -> str:
    return f"thu-tuc/{code}/"


def commune(commune_id: str) -> str:
    return f"xa-phuong/{commune_id}/"


def fee(fee_id: str) -> str:
    return f"phi-le-phi/#{fee_id}"


P, C, F = procedure, commune, fee

GROUPS: dict[str, list[tuple[str, str]]] = {
    # What people type when they know roughly what they want, with or without accents.
    "everyday": [
        ("làm giấy khai sinh", P("1.001193")),
        ("dang ky ket hon", P("1.000894")),
        ("cap ban sao giay khai sinh", P("9.000102")),
        ("xin giay phep xay dung nha o", P("9.000501")),
        ("trợ cấp xã hội hằng tháng", P("9.000601")),
        ("dang ky khai tu", P("1.000656")),
        ("chung thuc ban sao", P("2.000815")),
        ("giấy phép bán rượu", P("9.001401")),
        ("đăng ký hộ kinh doanh", P("9.000401")),
        ("xac nhan tinh trang hon nhan", P("1.004873")),
        ("cấp lại giấy phép xây dựng", P("9.000503")),
        ("tam ngung hoat dong ho kinh doanh", P("9.000403")),
        ("mien giam hoc phi", P("9.000803")),
        ("đăng ký lại khai sinh", P("9.000103")),
    ],
    # One wrong, missing, extra or swapped letter in a word; Telex keys left in the text.
    "typos": [
        ("khai sihn", P("1.001193")),
        ("giay phep xay dugn", P("9.000501")),
        ("chng thuc ban sao", P("2.000815")),
        ("tro cap xa hoij", P("9.000601")),
        ("dang kys ket hon", P("1.000894")),
        ("dang ky khai tuw", P("1.000656")),
        ("ket hoon", P("1.000894")),
        ("giam hoo", P("9.000108")),
        ("chung thuc chu kyy", P("9.000202")),
        ("tranh chao dat dai", P("9.000306")),
        ("ddang kys khai sinh", P("1.001193")),
        ("nhan con nuio", P("9.001201")),
        ("gia han giay phep xay dnug", P("9.000502")),
        ("ho tro mai tnag", P("9.000602")),
        ("chuyen truogn", P("9.000801")),
        ("xac nhan doc tan", P("1.004873")),
    ],
    # Words typed together, without spaces.
    "joined": [
        ("dangkykhaisinh", P("1.001193")),
        ("giayphepxaydung", P("9.000501")),
        ("dangkyketon", P("1.000894")),
        ("chungthucbansao", P("2.000815")),
        ("dangkyketHon", P("1.000894")),
        ("khaitu", P("1.000656")),
        ("hokinhdoanh", P("9.000401")),
        ("tranhchapdat", P("9.000306")),
        ("trocapxahoi", P("9.000601")),
        ("sodo", P("9.000301")),
    ],
    # Questions: the filler words of a question must not flood the results.
    "questions": [
        ("phi chung thuc bao nhieu", F("phi-chung-thuc-ban-sao")),
        ("mat bao lau de co giay phep xay dung", P("9.000501")),
        ("lam giay khai sinh can gi", P("1.001193")),
        ("dang ky ket hon o dau", P("1.000894")),
        ("chứng thực chữ ký là gì", P("9.000202")),
        ("lam so do the nao", P("9.000301")),
        ("le phi dang ky ho kinh doanh bao nhieu tien", F("le-phi-dang-ky-ho-kinh-doanh")),
        ("xin giấy xác nhận độc thân ở đâu", P("1.004873")),
        ("muon mo quan an can giay gi", P("9.001301")),
        ("nguoi nha mat thi lam gi", P("1.000656")),
        ("trợ cấp người khuyết tật được bao nhiêu", P("9.000601")),
        ("chuyen truong cho con can nhung giay to gi", P("9.000801")),
    ],
    # Procedure codes, as printed on receipts.
    "codes": [
        ("1.001193", P("1.001193")),
        ("9.000501", P("9.000501")),
        ("2.000815", P("2.000815")),
        ("9.001401", P("9.001401")),
        ("thu tuc 1.000894", P("1.000894")),
        ("9.000306", P("9.000306")),
        ("ma 9.000603", P("9.000603")),
        ("1.010915", P("1.010915")),
    ],
    # The last word half-typed, as the box sees it while the citizen is still typing.
    "partial": [
        ("chuyen tru", P("9.000801")),
        ("dang ky khai si", P("1.001193")),
        ("giay phep xay d", P("9.000501")),
        ("chung thuc chu", P("9.000202")),
        ("ho tro mai ta", P("9.000602")),
        ("dang ky ket h", P("1.000894")),
        ("tho cung liet", P("9.000704")),
        ("giam h", P("9.000108")),
        ("xac nhan doc th", P("1.004873")),
        ("nuoi con nu", P("9.001201")),
    ],
    # Communes: by name, by an old name from before a merger, by the desk's address.
    "communes": [
        ("ubnd xa vu ninh", C("xa-vu-ninh")),
        ("xã Quang Trung", C("xa-quang-trung")),
        ("xa an boi", C("tt-kien-xuong")),
        ("thi tran thanh ne", C("tt-kien-xuong")),
        ("xa vu son", C("xa-tay-son")),
        ("một cửa xã Hồng Thái", C("xa-hong-thai")),
        ("xa quyet tien", C("xa-le-loi")),
        ("tru so ubnd xa tra giang", C("xa-tra-giang")),
        ("xa nam cao", C("xa-dinh-phung")),
        ("xa thuong hien", C("xa-thuong-hien")),
        ("xa minh hung", C("xa-minh-quang")),
        ("ubnd xã Bình Nguyên", C("xa-binh-nguyen")),
    ],
    # Fees, by name.
    "fees": [
        ("le phi dang ky ho kinh doanh", F("le-phi-dang-ky-ho-kinh-doanh")),
        ("phí chứng thực chữ ký", F("phi-chung-thuc-chu-ky")),
        ("le phi ket hon", F("le-phi-ket-hon")),
        ("phi cap ban sao trich luc", F("phi-ban-sao-trich-luc")),
        ("lệ phí giấy phép xây dựng", F("le-phi-giay-phep-xay-dung")),
        ("phi tham dinh an toan thuc pham", F("phi-tham-dinh-atttp")),
        ("le phi khai sinh", F("le-phi-khai-sinh-dung-han")),
        ("phi chung thuc hop dong", F("phi-chung-thuc-hop-dong")),
        ("le phi dang ky bien dong dat dai", F("le-phi-dang-ky-bien-dong")),
        ("le phi nuoi con nuoi", F("le-phi-nuoi-con-nuoi")),
    ],
    # Everyday words that are not the procedure's official name.
    "synonyms": [
        ("lấy chồng", P("1.000894")),
        ("sang ten so do", P("9.000302")),
        ("photo cong chung", P("2.000815")),
        ("len tho cu", P("9.000305")),
        ("giay doc than", P("1.004873")),
        ("mo cua hang", P("9.000401")),
        ("bia do bi mat", P("9.000304")),
        ("tien tro cap nguoi gia", P("9.000601")),
        ("xay nha moi", P("9.000501")),
        ("nguoi tan tat", P("9.000603")),
        ("trai duong lao", P("9.000605")),
        ("chat doc da cam", P("9.000702")),
    ],
}

QUERIES: list[Query] = [
    Query(group, text, expected, held_out=i % 2 == 1)
    for group, pairs in GROUPS.items()
    for i, (text, expected) in enumerate(pairs)
]

# Queries a citizen types correctly and in full: they must stay near-perfect.
PLAIN_GROUPS = ("everyday", "codes", "fees", "communes")
