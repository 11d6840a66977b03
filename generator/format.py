"""How the site writes things in Vietnamese: accent folding, alphabetical order, slugs, money,
numbers, dates, weekdays, processing times, fee amounts, times of day, telephone links, periods
and document counts. Everything that turns a value of the model into words is here, once; page
contexts, open data and change summaries all call it (templates only print what they are given)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from babel.numbers import format_decimal
from markupsafe import Markup, escape

from . import model as m

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


def as_of(day: dt.date) -> str:
    """The sentence on pages whose facts depend on the day (fees in force, this week's duty)."""
    return f"Thông tin tính đến ngày {date_vi(day)}."


def slug(text: str, limit: int = 80) -> str:
    """`Đăng ký khai sinh` → `dang-ky-khai-sinh`: folded, words joined by hyphens, at most
    `limit` characters."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())[:limit]


def anchor(text: str) -> str:
    """A stable, readable fragment id for a Vietnamese text."""
    return slug(text) or "muc"


# The folding as a table of every letter it changes, for the browser's scripts (written into the
# site as `assets/fold.js` by the plugin), so the JavaScript folds exactly as `fold` does.
_VIETNAMESE_LETTERS = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"


def fold_table() -> dict[str, str]:
    """Every Vietnamese letter, lower and upper case, that `fold` changes, with its folding."""
    letters = _VIETNAMESE_LETTERS + _VIETNAMESE_LETTERS.upper()
    return {ch: fold(ch) for ch in letters if fold(ch) != ch}


# ---------------------------------------------------------------------------------------------
# Weekdays, processing times, fee amounts


def weekdays(days: Sequence[str]) -> str:
    """`[t2, t3, t4, t5, t6]` → `Thứ Hai đến Thứ Sáu`; otherwise the days listed."""
    order = list(m.WEEKDAYS)
    indexes = [order.index(d) for d in days]
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{m.WEEKDAY_LABELS[days[0]]} đến {m.WEEKDAY_LABELS[days[-1]]}"
    return ", ".join(m.WEEKDAY_LABELS[d] for d in days)


class _Counted(NamedTuple):
    amount: int | float  # a float only for half days (0.5)
    unit: str  # as citizens read it
    iso: str | None  # ISO 8601 duration, with {} for the count; None when it would not be honest
    padded: bool  # written with two digits on the procedure page (`03 ngày`), as decisions do


def _counted(time: m.ProcessingTime | m.LevelTime) -> _Counted | None:
    """The one switch over the ways a processing time is counted; None for same-day and worded
    times. Only calendar days and hours are durations: ISO 8601 has no working days, so `P5D` for
    5 working days (or for 5 days of unstated kind) would tell a machine something untrue."""
    ways: tuple[tuple[int | float | None, str, str | None, bool], ...] = (
        (time.working_days, "ngày làm việc", None, True),
        (time.days, "ngày", None, True),
    )
    if isinstance(time, m.ProcessingTime):
        ways += (
            (time.calendar_days, "ngày (kể cả ngày nghỉ)", "P{}D", True),
            (time.working_hours, "giờ làm việc", None, False),
        )
    for count, unit, iso, padded in ways:
        if count is not None:
            return _Counted(count, unit, iso, padded)
    return None


def _amount(counted: _Counted, padded: bool) -> str:
    """`03`, `3`, `0,5`: a count of days as decisions write it."""
    if isinstance(counted.amount, float):
        return decimal(counted.amount)
    return f"{counted.amount:02d}" if padded and counted.padded else str(counted.amount)


def _levels_text(time: m.ProcessingTime, level_names: Mapping[str, str], padded: bool) -> str:
    parts = []
    for part in time.by_level or []:
        counted = _counted(part)
        amount = f"{_amount(counted, padded)} {counted.unit}" if counted else ""
        words = f" ({part.text})" if part.text else ""
        parts.append(f"{level_names.get(part.level, part.level)}: {amount}{words}")
    return "; ".join(parts)


def duration(time: m.ProcessingTime | m.NotStated, level_names: Mapping[str, str] | None = None) -> str:
    """A processing time as citizens read it: `03 ngày làm việc`, `Trong ngày (nhận trước 15:00)`;
    the wording of the record beside the count when it has one."""
    if not isinstance(time, m.ProcessingTime):
        return m.NOT_STATED_LABEL
    counted = _counted(time)
    if counted is not None:
        text = f"{_amount(counted, True)} {counted.unit}"
        if time.text:
            text += f" ({time.text})"
    elif time.by_level:
        text = _levels_text(time, level_names or {}, True)
        if time.text:
            text += f" ({time.text})"
    elif time.same_day:
        text = "Trong ngày"
        if time.cutoff:
            text += f" (hồ sơ nhận sau {time.cutoff} trả trong ngày làm việc tiếp theo)"
        if time.text:
            text += f" ({time.text})"
    else:
        text = time.text or ""
    if time.note:
        text += f"; {time.note}"
    return text


def duration_short(time: m.ProcessingTime | m.NotStated, level_names: Mapping[str, str] | None = None) -> str:
    """A processing time for a list cell: `3 ngày làm việc`, `Trong ngày`; a time stated only in
    words is given in those words (never a made-up "Theo quy định")."""
    if not isinstance(time, m.ProcessingTime):
        return m.NOT_STATED_LABEL
    counted = _counted(time)
    if counted is not None:
        return f"{_amount(counted, False)} {counted.unit}"
    if time.by_level:
        return _levels_text(time, level_names or {}, False)
    return "Trong ngày" if time.same_day else (time.text or "")


def iso_duration(time: m.ProcessingTime | m.NotStated) -> str | None:
    """The processing time as an ISO 8601 duration (`P30D`, calendar days only), for structured
    data; None when no duration says it honestly (working days or hours, same day, words)."""
    counted = _counted(time) if isinstance(time, m.ProcessingTime) else None
    if counted is not None and counted.iso is not None:
        return counted.iso.format(counted.amount)
    return None


def fee_amount(version: m.FeeVersion) -> str:
    """A fee schedule in one line: `50.000 đồng/lần`, `Miễn`, or its tiers and cap."""
    if version.per_unit is not None:
        unit = version.per_unit
        parts = []
        for tier in unit.tiers:
            if tier.to is None:
                span = f"từ {unit.unit} thứ {tier.from_}" if tier.from_ > 1 else f"mỗi {unit.unit}"
            elif tier.from_ == tier.to:
                span = f"{unit.unit} thứ {tier.from_}"
            else:
                span = f"{unit.unit} {tier.from_}–{tier.to}"
            parts.append(f"{money(tier.amount)}/{unit.unit} ({span})")
        text = "; ".join(parts)
        if unit.cap is not None:
            text += f"; tối đa {money(unit.cap)}/{version.per}"
        return text
    if not version.amount:
        return "Miễn"
    return f"{money(version.amount)}/{version.per}"


# ---------------------------------------------------------------------------------------------
# Times of day, telephone links, periods, counts and changes, as pages write them


def time_range(block: str) -> str:
    """`07:30-11:30` (as the model stores it) → `07:30–11:30`, with an en dash."""
    return block.replace("-", "–")


def time_ranges(blocks: Sequence[str], joiner: str = ", ") -> str:
    """Several time ranges in running text: `07:30–11:30, 13:30–17:00`."""
    return joiner.join(time_range(block) for block in blocks)


def day_hours(morning: str | None, afternoon: str | None) -> str:
    """A day's office hours: `sáng 07:30–11:30, chiều 13:30–17:00`."""
    halves = [f"sáng {time_range(morning)}" if morning else "", f"chiều {time_range(afternoon)}" if afternoon else ""]
    return ", ".join(half for half in halves if half)


def tel_href(phone: str) -> str:
    """`0227 3821 234` → `tel:02273821234`: the number to dial, for a link (the digits and a
    leading +; spaces, dots, brackets and hyphens only help people read it)."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")


def period(valid_from: dt.date | None, valid_until: dt.date | None) -> str:
    """`từ 01/07/2025 đến 31/12/2026`, `từ 01/07/2025`, `đến 31/12/2026`, or empty."""
    parts = [f"từ {date_vi(valid_from)}" if valid_from else "", f"đến {date_vi(valid_until)}" if valid_until else ""]
    return " ".join(part for part in parts if part)


def date_span(first: dt.date, last: dt.date | None) -> str:
    """`01/01/2027` or `01/01/2027–02/01/2027`."""
    return f"{date_vi(first)}–{date_vi(last)}" if last else date_vi(first)


def decimal(value: float) -> str:
    """`4.31` → `4,31`: a decimal number with the Vietnamese decimal comma."""
    return str(value).replace(".", ",")


def dossier_sets(count: int | m.NotStated) -> str:
    """`1` → `01 bộ`: how many sets of the dossier to hand in, two digits as decisions write it."""
    return f"{count:02d} bộ" if isinstance(count, int) else m.NOT_STATED_LABEL


def document_counts(original: int | m.NotStated, copies: int | m.NotStated) -> str:
    """How many of a document to bring: `1 bản chính, 2 bản sao`; `xuất trình` (show it) when
    none is handed in (only documents to show may say so: see `nothing-to-submit`); a count the
    record does not state is said to be unstated, never taken as 0."""

    def part(count: int | m.NotStated, what: str) -> str:
        if not isinstance(count, int):
            return f"{what}: {m.NOT_STATED_LABEL.lower()}"
        return f"{count} {what}" if count else ""

    if isinstance(original, int) and isinstance(copies, int) and not original and not copies:
        return "xuất trình"
    parts = [part(original, "bản chính"), part(copies, "bản sao")]
    return ", ".join(p for p in parts if p)


def change(detail: str, old: str | None, new: str | None) -> str:
    """A change for citizens: `thời hạn giải quyết: 01 ngày → 03 ngày`, or the one value there is."""
    if old and new:
        return f"{detail}: {old} → {new}"
    if old or new:
        return f"{detail}: {new or old}"
    return detail


# ---------------------------------------------------------------------------------------------
# Facts a record may leave unstated (`khong_neu`): said so, never replaced by a default


def stated(value: str | m.NotStated | None) -> str | None:
    """A text field as pages print it: `Chưa công bố` for `khong_neu`."""
    return m.NOT_STATED_LABEL if value == m.NOT_STATED else value


def channel_label(mode: str) -> str:
    """`truc_tiep` → `Trực tiếp`; an unstated way of submitting → `Chưa công bố`."""
    return m.CHANNEL_LABELS.get(mode, m.NOT_STATED_LABEL)


def agency_name(agencies: Mapping[str, m.Agency], ref: m.AgencyRef) -> str:
    """A catalogued agency's name, or an agency as the published record writes it."""
    return ref.text if isinstance(ref, m.PublishedAgency) else agencies[ref].name


def agency_names(agencies: Mapping[str, m.Agency], refs: list[m.AgencyRef] | m.NotStated) -> str:
    """`Phòng Tư pháp; UBND xã`, or `Chưa công bố`."""
    if not isinstance(refs, list):
        return m.NOT_STATED_LABEL
    return "; ".join(agency_name(agencies, ref) for ref in refs)


def legal_date(value: dt.date | m.NotStated) -> str:
    """The date of a legal text, `01/07/2025`, or `chưa công bố` (after the word `ngày`)."""
    return date_vi(value) if isinstance(value, dt.date) else m.NOT_STATED_LABEL.lower()


# ---------------------------------------------------------------------------------------------
# Text written over several lines: its line breaks and simple lists kept, as inert HTML

_BULLETS = ("- ", "+ ", "* ", "• ")


def _bullet(line: str) -> str | None:
    """The item of a `- …`, `+ …`, `* …` or `• …` line, else None."""
    stripped = line.lstrip()
    return stripped[2:].strip() if stripped.startswith(_BULLETS) else None


def block_text(text: str) -> Markup:
    """A text as HTML for a block (a list item, a paragraph): each line kept (`<br>`), runs of
    `- …` / `+ …` / `* …` lines as a list (`<ul>`). Every piece of the text is escaped: nothing in
    it becomes markup. A one-line text is just the text, escaped."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) <= 1 and not (lines and _bullet(lines[0]) is not None):
        return escape(text)
    parts: list[Markup] = []
    items: list[Markup] = []
    for line in lines:
        item = _bullet(line)
        if item is not None:
            items.append(Markup("<li>{}</li>").format(item))
            continue
        if items:
            parts.append(Markup('<ul class="ck-text-list">{}</ul>').format(Markup("").join(items)))
            items = []
        elif parts:
            parts.append(Markup("<br>"))
        parts.append(escape(line))
    if items:
        parts.append(Markup('<ul class="ck-text-list">{}</ul>').format(Markup("").join(items)))
    return Markup("").join(parts)


def inline_text(text: str) -> Markup:
    """A text as HTML inside a line of text (a `<span>`, a table cell): each line kept (`<br>`),
    list lines with their bullet. Every piece of the text is escaped."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Markup("<br>").join(escape(line) for line in lines) if len(lines) > 1 else escape(text)
