"""Values written in words in a công bố decision, read into the model's values: processing times,
money, counts of papers, forms and legal documents. Each reader returns None (or leaves a value
out) when the wording is not a plain rule; the caller then keeps the wording as text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..format import fold

# Numbers written out in brackets after the digits: "02 (hai)", "01 (một)".
_WORD_NUMBERS = {
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
}
_NUMBER = r"(\d{1,3})(?:\s*\([^)]{1,20}\))?"


def _number(token: str) -> int | None:
    token = fold(token.strip())
    if token.isdigit():
        return int(token)
    return _WORD_NUMBERS.get(token)


# ---------------------------------------------------------------------------------------------
# Processing times


def processing_time(text: str) -> dict[str, Any]:
    """`Thời hạn giải quyết` as the model's `ProcessingTime` fields: a structured value when the
    wording gives exactly one, with the wording kept (`text`) when it says more than the bare value."""
    folded = fold(text)
    time: dict[str, Any] = {}
    cutoff = re.search(r"sau (\d{1,2})(?:\s*gio|h)(?:\s*(\d{2}))?", folded)
    same_day = re.search(r"(ngay )?trong (ngay|ngay lam viec)\b(?! lam viec tiep theo)", folded) and not re.search(
        r"\d+\s*(\([^)]*\)\s*)?ngay", folded.split("keo dai")[0]
    )
    working = {int(n) for n in re.findall(r"(\d{1,3})\s*(?:\([^)]*\)\s*)?ngay lam viec", folded.split("keo dai")[0])}
    hours = {int(n) for n in re.findall(r"(\d{1,3})\s*(?:\([^)]*\)\s*)?gio lam viec", folded)}
    calendar = {
        int(n)
        for n in re.findall(r"(\d{1,3})\s*(?:\([^)]*\)\s*)?ngay(?! lam viec)(?! ke tu)?", folded.split("keo dai")[0])
    } - working
    extension = re.search(r"keo dai (?:them )?(?:khong qua )?" + _NUMBER + r"\s*ngay lam viec", folded)
    if same_day and not working and not calendar:
        time["same_day"] = True
        if cutoff:
            time["cutoff"] = f"{int(cutoff.group(1)):02d}:{cutoff.group(2) or '00'}"
    elif len(working) == 1 and not calendar and not hours:
        time["working_days"] = working.pop()
    elif len(calendar) == 1 and not working and not hours:
        time["calendar_days"] = calendar.pop()
    elif len(hours) == 1 and not working and not calendar:
        time["working_hours"] = hours.pop()
    if extension and time:
        days = int(extension.group(1))
        if days > 0:
            time["extension_working_days"] = days
    if not time:
        return {"text": text}
    if not _bare(text, time):
        time["text"] = text  # the decision's own words, shown beside the number
    return time


def _bare(text: str, time: dict[str, Any]) -> bool:
    """Whether the wording says nothing more than the structured value (`05 ngày làm việc`)."""
    folded = fold(text).strip(" .;")
    if "working_days" in time:
        return re.fullmatch(r"\d{1,3}\s*(\([^)]*\)\s*)?ngay lam viec", folded) is not None
    if "calendar_days" in time:
        return re.fullmatch(r"\d{1,3}\s*(\([^)]*\)\s*)?ngay", folded) is not None
    if "working_hours" in time:
        return re.fullmatch(r"\d{1,3}\s*gio lam viec", folded) is not None
    return folded in ("trong ngay", "ngay trong ngay", "trong ngay lam viec")


# ---------------------------------------------------------------------------------------------
# Money


@dataclass
class FeeRule:
    """A fee read from a sentence: an amount per unit, or tiers per unit with a cap."""

    amount: int | None = None
    per: str = "lần"
    unit: str | None = None  # per_unit: the unit counted (trang)
    tiers: list[dict[str, int | None]] = field(default_factory=list)
    cap: int | None = None


_MONEY = r"(\d{1,3}(?:[.,]\d{3})+|\d{1,9})\s*(?:đồng|đ\b|vnđ|VNĐ|Đồng)"


def money_amounts(text: str) -> list[int]:
    """Every amount of money in a text, in đồng: `20.000 đồng` → 20000."""
    return [int(re.sub(r"[.,]", "", m)) for m in re.findall(_MONEY, text)]


def fee_rule(text: str) -> FeeRule | None:
    """A plain rule: `20.000 đồng/lần đăng ký`, or `2.000 đồng/trang; từ trang thứ ba trở lên
    1.000 đồng/trang, tối đa không quá 200.000 đồng/bản`. None otherwise (the text stays as text)."""
    amounts = money_amounts(text)
    if len(amounts) == 1:
        # The unit as the decision writes it ("1 sản phẩm"): the fee's `per` must say the same.
        each = re.search(_MONEY + r"\s*/\s*([^,;.()]{1,40})", text)
        unit = each.group(2).strip() if each else "lần"
        unit = re.split(r"\s+(?:đối với|khi|cho|nếu|trong|tại|theo|và)\b", unit)[0].strip() or "lần"
        return FeeRule(amount=amounts[0], per=unit)
    tiered = re.search(
        _MONEY + r"\s*/\s*(\w+).{0,40}?từ \2 thứ (\w+) trở (?:lên|đi)\D{0,40}?" + _MONEY + r"\s*/\s*\w+"
        r".{0,40}?(?:tối đa|không quá)\D{0,30}?" + _MONEY + r"\s*/\s*(\w+)",
        text,
        re.IGNORECASE | re.S,
    )
    if tiered and len(amounts) == 3:
        first, unit, start, second, cap, per = tiered.groups()
        start_at = _ordinal(start)
        if start_at is None or start_at < 2:
            return None
        return FeeRule(
            per=per,
            unit=unit,
            tiers=[
                {"from": 1, "to": start_at - 1, "amount": int(re.sub(r"[.,]", "", first))},
                {"from": start_at, "to": None, "amount": int(re.sub(r"[.,]", "", second))},
            ],
            cap=int(re.sub(r"[.,]", "", cap)),
        )
    return None


def _ordinal(word: str) -> int | None:
    folded = fold(word)
    return {"hai": 2, "ba": 3, "tu": 4, "nam": 5}.get(folded) or (int(folded) if folded.isdigit() else None)


def is_free(text: str) -> bool:
    """`Không`, `Miễn phí`, `Không thu lệ phí`: nothing is charged."""
    folded = fold(text).strip(" .;:")
    return folded in ("khong", "khong co", "mien phi", "mien le phi", "khong thu", "khong thu phi") or bool(
        re.fullmatch(r"khong (thu )?(phi|le phi|phi, le phi|phi va le phi)", folded)
    )


# ---------------------------------------------------------------------------------------------
# Papers: counts, exceptions, forms


def document_counts(text: str) -> tuple[int | None, int | None]:
    """(originals, copies) from the usual phrasings; None where the text does not say."""
    folded = fold(text)
    original: int | None = None
    copy: int | None = None
    if m := re.search(_NUMBER + r"\s*ban chinh", folded):
        original = int(m.group(1))
    if m := re.search(_NUMBER + r"\s*ban sao", folded):
        copy = int(m.group(1))
    alternatives = re.search(r"ban (chinh|goc) hoac ban sao|ban sao[^;]{0,60}hoac ban (chinh|goc)", folded)
    if original is None and copy is None and not alternatives:
        if re.search(r"\(ban sao[^)]*\)|ban sao (co )?(chung thuc|cong chung)|ban sao kem ban chinh", folded):
            copy = 1
        elif re.search(r"\(ban chinh\)|^ban chinh\b", folded):
            original = 1
    if (original is None) != (copy is None):
        original, copy = original or 0, copy or 0
    return original, copy


_EXCEPT = re.compile(r"[,;.]?\s*(?=\b[Tt]rừ (?:các |những )?trường hợp\b)")


def split_exceptions(text: str) -> tuple[str, list[str]]:
    """`Giấy tờ A, trừ trường hợp B` → (`Giấy tờ A`, [`trừ trường hợp B`])."""
    parts = _EXCEPT.split(text, maxsplit=1)
    if len(parts) == 1 or not parts[0].strip():
        return text, []
    head, rest = parts[0].strip(), parts[1].strip()
    return head.rstrip(" ,;:"), [rest[0].lower() + rest[1:]]


_FORM = re.compile(
    r"[Mm]ẫu(?:\s+số)?\s+([A-Z0-9][\w./-]*)"
    r"(?:[^;()]{0,30}?(?:ban hành )?kèm theo\s+((?:Thông tư|Nghị định|Quyết định|Thông tư liên tịch)"
    r"(?:\s+số)?\s+[\w/.-]+))?"
)


def form_names(text: str) -> list[str]:
    """`Mẫu CT01 ban hành kèm theo Thông tư số 66/2023/TT-BCA` for every form the text names."""
    names = []
    for match in _FORM.finditer(text):
        code = match.group(1).rstrip(".,")
        name = f"Mẫu {code}" + (f" ban hành kèm theo {match.group(2).rstrip('.,;')}" if match.group(2) else "")
        if name not in names:
            names.append(name)
    return names


# ---------------------------------------------------------------------------------------------
# Legal documents

DOC_NUMBER = re.compile(r"\b(\d{1,4}/(?:\d{4}/)?(?:[A-ZĐ]{1,8}\d{0,2})(?:-[A-ZĐ0-9]{1,10}){0,3})\b")
_KINDS = ("Bộ luật", "Luật", "Nghị định", "Thông tư liên tịch", "Thông tư", "Nghị quyết", "Quyết định", "Pháp lệnh")
_ISSUERS = {
    "QH": "Quốc hội",
    "NĐ-CP": "Chính phủ",
    "QĐ-TTg": "Thủ tướng Chính phủ",
    "TT-BCA": "Bộ Công an",
    "TT-BTC": "Bộ Tài chính",
    "TT-BTP": "Bộ Tư pháp",
    "TT-BYT": "Bộ Y tế",
    "TT-BQP": "Bộ Quốc phòng",
    "TT-BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "TT-BNV": "Bộ Nội vụ",
    "TT-VPCP": "Văn phòng Chính phủ",
    "TT-BTNMT": "Bộ Tài nguyên và Môi trường",
    "TT-BXD": "Bộ Xây dựng",
}


@dataclass
class LegalRef:
    number: str
    kind: str | None
    date: dt.date | None
    issuer: str | None
    title: str


def legal_ref(line: str) -> LegalRef | None:
    """A line of the Căn cứ pháp lý: its document's number, kind, date, issuer and title."""
    text = line.strip().lstrip("-+*•– ").rstrip(" ;.")
    number = DOC_NUMBER.search(text)
    if not number:
        return None
    kind = next((k for k in _KINDS if text.startswith(k)), None)
    date: dt.date | None = None
    when = re.search(r"ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text) or re.search(
        r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", text
    )
    if when and when.start() < number.end() + 40:
        try:
            date = dt.date(int(when.group(3)), int(when.group(2)), int(when.group(1)))
        except ValueError:
            date = None
    issuer: str | None = None
    by = re.search(
        r"\bcủa\s+((?:Bộ trưởng\s+)?(?:Bộ|Chính phủ|Quốc hội|Thủ tướng|Ủy ban|UBND|HĐND|Hội đồng|Văn phòng)"
        r"[^,;]*?)(?=\s+(?:quy định|về|hướng dẫn|sửa đổi|ban hành|quy chế|nước|$))",
        text,
    )
    if by:
        issuer = by.group(1).strip()
    else:
        suffix = number.group(1).split("/")[-1].rstrip("0123456789")
        issuer = next((name for key, name in _ISSUERS.items() if suffix.endswith(key)), None)
    if issuer and issuer.lower() == "chính phủ":
        issuer = "Chính phủ"
    # The title: what the document is about, else the name before its number (`Luật Cư trú`).
    after = text[by.end() :].strip() if by else ""
    before = re.sub(r"\s+số$", "", text[: number.start()].strip())
    title = after or (before if before and before != kind else text)
    if kind in ("Luật", "Bộ luật") and before:
        title = before
    return LegalRef(number.group(1), kind, date, issuer, title[0].upper() + title[1:] if title else text)


# ---------------------------------------------------------------------------------------------
# Channels


def channel_modes(text: str) -> list[str]:
    """The ways of submitting a line names, in the model's order."""
    folded = fold(text)
    modes = []
    if re.search(r"truc tiep|tai bo phan|tai trung tam|tai tru so|nop ho so tai", folded):
        modes.append("truc_tiep")
    if re.search(r"truc tuyen|dich vu cong|cong dvc|vneid|qua mang|dien tu", folded):
        modes.append("truc_tuyen")
    if re.search(r"buu chinh|buu dien", folded):
        modes.append("buu_chinh")
    return modes


def dossier_sets(text: str) -> int | None:
    """`01 (một) bộ` → 1; None when the text says more (several kinds of sets)."""
    folded = fold(text).strip(" .;:")
    found = re.findall(_NUMBER + r"\s*bo\b", folded)
    if len(found) == 1:
        value = _number(found[0])
        return value if value else None
    return None
