"""Official words explained in plain Vietnamese: the abbreviations pages expand on first use and
the terms of the glossary page (`urls.PAGES["glossary"]`), which pages link where they first
appear.

This is data of the site, not of one portal: the same words are on every portal built from
congkhai. `annotate` puts both into a rendered page body; it only adds fixed markup of its own
(`<abbr>`, `<a>`) around text that is already escaped, so nothing from content becomes HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from .format import spelling

# Abbreviations in official texts, with what they stand for. The longest are matched first, so
# `QĐ-UBND` is one abbreviation, not `UBND` after `QĐ-`.
ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "TTHC": "thủ tục hành chính",
    "QĐ-UBND": "Quyết định của Ủy ban nhân dân",
    "QĐ-BTP": "Quyết định của Bộ Tư pháp",
    "QĐ-TTg": "Quyết định của Thủ tướng Chính phủ",
    "NĐ-CP": "Nghị định của Chính phủ",
    "NQ-HĐND": "Nghị quyết của Hội đồng nhân dân",
    "NQ-UBTVQH14": "Nghị quyết của Ủy ban Thường vụ Quốc hội khóa XIV",
    "TT-BTC": "Thông tư của Bộ Tài chính",
    "TT-BTP": "Thông tư của Bộ Tư pháp",
    "TT-BXD": "Thông tư của Bộ Xây dựng",
    "TT-BCT": "Thông tư của Bộ Công Thương",
    "TT-BYT": "Thông tư của Bộ Y tế",
    "TT-BGDĐT": "Thông tư của Bộ Giáo dục và Đào tạo",
    "TT-BLĐTBXH": "Thông tư của Bộ Lao động - Thương binh và Xã hội",
    "TT-BVHTTDL": "Thông tư của Bộ Văn hóa, Thể thao và Du lịch",
    "TT-BNV": "Thông tư của Bộ Nội vụ",
    "TT-BTNMT": "Thông tư của Bộ Tài nguyên và Môi trường",
    "TT-VPCP": "Thông tư của Văn phòng Chính phủ",
    "TTLT": "thông tư liên tịch",
    "ATTP": "an toàn thực phẩm",
    "HIV/AIDS": "hội chứng suy giảm miễn dịch mắc phải ở người",
}


@dataclass(frozen=True)
class Term:
    """One entry of the glossary: its anchor, the words as pages write them, the explanation,
    and the forms that are linked to it (regular expressions, matched without regard to case; a
    group named `t` is the part linked)."""

    id: str
    term: str
    explanation: str
    forms: tuple[str, ...]


# In Vietnamese alphabetical order of `term` (the glossary page lists them so).
TERMS: tuple[Term, ...] = (
    Term(
        "ban-chinh",
        "Bản chính",
        "Giấy tờ gốc do cơ quan có thẩm quyền cấp, có chữ ký và con dấu thật (không phải bản chụp hay "
        "bản sao). Khi thủ tục ghi “1 bản chính”, bạn nộp hoặc mang theo chính giấy tờ đó.",
        (r"bản chính",),
    ),
    Term(
        "ban-sao-co-chung-thuc",
        "Bản sao có chứng thực",
        "Bản sao (bản chụp) đã được cơ quan có thẩm quyền, thường là UBND xã hoặc tổ chức hành nghề "
        "công chứng, đối chiếu với bản chính và đóng dấu xác nhận là đúng. Thường gọi là “bản sao công "
        "chứng”.",
        (r"bản sao có chứng thực",),
    ),
    Term(
        "bo-phan-mot-cua",
        "Bộ phận Một cửa, Bộ phận Tiếp nhận và Trả kết quả",
        "Nơi nhận hồ sơ và trả kết quả mọi thủ tục hành chính của một cơ quan, để người dân chỉ phải "
        "đến một chỗ. Ở xã, thị trấn gọi là Bộ phận Một cửa, đặt tại trụ sở UBND xã; ở huyện gọi là Bộ "
        "phận Tiếp nhận và Trả kết quả, đặt tại UBND huyện. Hai nơi là cùng một loại bàn tiếp nhận, "
        "chỉ khác cấp.",
        (r"Bộ phận Một cửa", r"Bộ phận Tiếp nhận và Trả kết quả"),
    ),
    Term(
        "co-quan-co-tham-quyen",
        "Cơ quan có thẩm quyền quyết định",
        "Cơ quan hay người ký giấy tờ kết quả (ví dụ Chủ tịch UBND xã ký Giấy khai sinh). Có thể khác "
        "nơi nhận hồ sơ: bạn vẫn nộp hồ sơ ở Bộ phận Một cửa.",
        (r"Cơ quan có thẩm quyền quyết định",),
    ),
    Term(
        "dich-vu-buu-chinh-cong-ich",
        "Dịch vụ bưu chính công ích",
        "Gửi hồ sơ và nhận kết quả qua bưu điện thay vì đến tận nơi. Cước gửi do bưu điện thu, ngoài "
        "phí, lệ phí của thủ tục.",
        (r"dịch vụ bưu chính công ích", r"dịch vụ bưu chính"),
    ),
    Term(
        "mot-phan",
        "Dịch vụ công trực tuyến một phần",
        "Nộp hồ sơ trên mạng được, nhưng vẫn còn bước phải làm trực tiếp, thường là đến nhận kết quả "
        "hoặc mang bản chính đến đối chiếu.",
        (r"(?<=trực tuyến: )một phần", r"^\s*(?P<t>Một phần)\s*$"),
    ),
    Term(
        "toan-trinh",
        "Dịch vụ công trực tuyến toàn trình",
        "Làm cả thủ tục trên mạng: nộp hồ sơ, nộp phí (nếu có) và nhận kết quả, không phải đến cơ quan.",
        (r"(?<=trực tuyến: )toàn trình", r"^\s*(?P<t>Toàn trình)\s*$", r"trực tuyến toàn trình"),
    ),
    Term(
        "ky-hieu-tai-dia-phuong",
        "Ký hiệu tại địa phương",
        "Mã của thủ tục trên cổng dịch vụ công của tỉnh: mã thủ tục quốc gia thêm phần đuôi riêng của "
        "tỉnh. Dùng khi tìm thủ tục trên cổng của tỉnh.",
        (r"Ký hiệu tại địa phương",),
    ),
    Term(
        "ngay-lam-viec",
        "Ngày làm việc",
        "Các ngày từ thứ Hai đến thứ Sáu, trừ ngày nghỉ lễ, tết. Thời hạn tính bằng ngày làm việc "
        "không tính thứ Bảy, Chủ nhật và ngày lễ: hồ sơ nộp thứ Sáu với thời hạn 3 ngày làm việc thì "
        "được hẹn trả vào thứ Tư tuần sau.",
        (r"ngày làm việc",),
    ),
    Term(
        "quyet-dinh-cong-bo",
        "Quyết định công bố",
        "Văn bản của Chủ tịch UBND tỉnh công bố danh mục và nội dung các thủ tục hành chính áp dụng "
        "tại địa phương. Nội dung thủ tục trên cổng này lấy theo quyết định đó.",
        (r"Quyết định công bố",),
    ),
    Term(
        "tthc-duoc-luat-giao",
        "TTHC được luật giao quy định chi tiết",
        "Cách xếp loại thủ tục trong Cơ sở dữ liệu quốc gia về thủ tục hành chính: thủ tục do luật "
        "đặt ra và giao cho cơ quan nhà nước quy định chi tiết cách làm. Thông tin này dùng cho việc "
        "quản lý; người dân không phải làm gì thêm.",
        (r"TTHC được luật giao quy định chi tiết",),
    ),
    Term(
        "trich-luc",
        "Trích lục hộ tịch",
        "Giấy tờ ghi lại một việc đã đăng ký trong Sổ hộ tịch (khai tử, kết hôn, thay đổi hộ tịch…), "
        "do cơ quan đăng ký hộ tịch cấp. Bản sao trích lục được dùng khi làm các thủ tục khác.",
        (r"trích lục hộ tịch", r"trích lục"),
    ),
    Term(
        "xuat-trinh",
        "Xuất trình (giấy tờ phải xuất trình)",
        "Mang giấy tờ đến cho cán bộ xem để đối chiếu rồi nhận lại ngay; không phải nộp giấy tờ đó. "
        "Khác với giấy tờ phải nộp, được giữ lại trong hồ sơ.",
        (r"xuất trình",),
    ),
)

# Where nothing is added: text that must stay as it is (scripts, the page's title, code). Where
# no link is added: inside links and controls (a link there would nest or steal the click) and
# the page's own title.
_KEEP = {"script", "style", "title", "code", "pre", "svg", "textarea", "option", "select", "abbr", "dfn"}
_NO_LINK = _KEEP | {"a", "button", "label", "h1", "summary", "caption", "legend"}
_VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base", "embed", "track"}
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_HIDDEN = re.compile(r"\shidden(?=[\s>=/])")
_WORD = "A-Za-zÀ-ỹĐđ0-9"
_ABBREVIATION = re.compile(
    rf"(?<![{_WORD}-])("
    + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
    + rf")(?![{_WORD}-])"
)
_TERMS = [(term, [re.compile(form, re.IGNORECASE) for form in term.forms]) for term in TERMS]


def annotate(body: str, term_href: Callable[[str], str] | None) -> str:
    """`body` (rendered, escaped HTML) with each abbreviation wrapped in `<abbr title>` where it
    first appears, and each glossary term linked (`term_href(term.id)`) where it first appears
    outside links and headings. Without `term_href` (the glossary page itself) terms are left."""
    expanded: set[str] = set()
    linked: set[str] = set()
    stack: list[tuple[str, bool]] = []  # open elements: name, and whether hidden from readers
    out: list[str] = []
    for part in _TOKEN.split(body):
        if not part:
            continue
        if part.startswith("<"):
            tag = _TAG.match(part)
            if tag and not part.startswith("<!"):
                closing, name = tag.group(1) == "/", tag.group(2).lower()
                names = [open_name for open_name, _ in stack]
                if closing:
                    if name in names:
                        del stack[len(names) - 1 - names[::-1].index(name) :]
                elif name not in _VOID and not part.rstrip(">").endswith("/"):
                    stack.append((name, _HIDDEN.search(part) is not None))
            out.append(part)
            continue
        # Text no one reads (the search engine's data) would take the first use.
        if any(name in _KEEP or hidden for name, hidden in stack):
            out.append(part)
            continue
        part = spelling(part)
        if term_href is not None and not any(name in _NO_LINK for name, _ in stack):
            part = _link_terms(part, term_href, linked)
        out.append(_expand(part, expanded))
    return "".join(out)


def _link_terms(text: str, term_href: Callable[[str], str], linked: set[str]) -> str:
    """Link the first occurrence of each term not yet linked on the page; links never nest."""
    spans: list[tuple[int, int, Term]] = []
    for term, patterns in _TERMS:
        if term.id in linked:
            continue
        for pattern in patterns:
            match = pattern.search(text)
            if match is None:
                continue
            start, end = match.span("t") if "t" in pattern.groupindex else match.span()
            if not any(s < end and start < e for s, e, _ in spans):
                spans.append((start, end, term))
                linked.add(term.id)
            break
    for start, end, term in sorted(spans, key=lambda span: span[0], reverse=True):
        href = html.escape(term_href(term.id), quote=True)
        text = f'{text[:start]}<a class="ck-term" href="{href}">{text[start:end]}</a>{text[end:]}'
    return text


def _expand(text: str, expanded: set[str]) -> str:
    """Wrap each abbreviation's first occurrence on the page in `<abbr title>`. (Inside a link
    just made for a term the abbreviation is still expanded: `<abbr>` may sit inside `<a>`.)"""

    def wrap(match: re.Match[str]) -> str:
        abbreviation = match.group(1)
        if abbreviation in expanded:
            return abbreviation
        expanded.add(abbreviation)
        return f'<abbr title="{html.escape(ABBREVIATIONS[abbreviation], quote=True)}">{abbreviation}</abbr>'

    parts = re.split(r"(<[^>]*>)", text)  # the links `_link_terms` added
    return "".join(part if part.startswith("<") else _ABBREVIATION.sub(wrap, part) for part in parts)
