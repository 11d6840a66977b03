"""What a change to the content means for citizens, field by field: a pure comparison (no I/O)
of the records at two revisions, used by the `changes` command and by the recent-changes page.

The records are compared kind by kind, matched by their code or id: procedures added, removed or
renamed; processing times, channels, online links and documents; fees (old amount → new amount,
from which date); communes added or removed, their office hours, duty rosters and reception days.
Each record is compared with itself only, so the two sides need only hold the records of the files
a change touched: a record whose file did not change is the same on both sides.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import TypeVar

from .. import model as m
from ..format import duration, fee_amount, sort_key
from ..problems.markdown import markdown_text


@dataclass(frozen=True)
class Change:
    kind: str  # procedure-added, procedure-removed, procedure-renamed, time, channel, online, document, fee, hours, duty, reception, commune
    subject: str  # what it is about, as citizens name it
    detail: str  # the change in Vietnamese
    old: str | None = None
    new: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """The records at one revision, by kind and code or id: all of them, or only those in the files
    a change touched."""

    procedures: dict[str, m.Procedure] = field(default_factory=dict)
    fees: dict[str, m.Fee] = field(default_factory=dict)
    communes: dict[str, m.Commune] = field(default_factory=dict)


def compare(base: Snapshot, head: Snapshot, on: dt.date) -> list[Change]:
    """What changed for citizens from `base` to `head`. `on` is the day whose fee schedules in
    force are compared (the day of the change, or today)."""
    return [
        *_procedure_changes(base.procedures, head.procedures),
        *_fee_changes(base.fees, head.fees, on),
        *_commune_changes(base.communes, head.communes),
    ]


def _times(p: m.Procedure) -> dict[str, str]:
    return {m.CHANNEL_LABELS[c.mode]: duration(c.time) for c in p.channels}


def _documents(p: m.Procedure) -> set[str]:
    return {d.name for g in p.documents for d in g.items}


R = TypeVar("R", m.Procedure, m.Fee, m.Commune)


def _by_name(records: dict[str, R]) -> list[tuple[str, R]]:
    """Records in Vietnamese alphabetical order of their names, as the site lists them."""
    return sorted(records.items(), key=lambda item: sort_key(item[1].name))


def _procedure_changes(old: dict[str, m.Procedure], new: dict[str, m.Procedure]) -> list[Change]:
    changes: list[Change] = []
    for code, p in _by_name(new):
        if code not in old:
            changes.append(Change("procedure-added", f"{p.name} ({code})", "thủ tục mới"))
    for code, p in _by_name(old):
        if code not in new:
            changes.append(Change("procedure-removed", f"{p.name} ({code})", "thủ tục bị bỏ"))
    for code, b in _by_name(new):
        if code not in old:
            continue
        a = old[code]
        subject = f"{b.name} ({code})"
        if a.name != b.name:
            changes.append(Change("procedure-renamed", subject, "đổi tên", a.name, b.name))
        ta, tb = _times(a), _times(b)
        for channel in sorted(ta.keys() & tb.keys()):
            if ta[channel] != tb[channel]:
                changes.append(Change("time", subject, f"thời hạn giải quyết ({channel})", ta[channel], tb[channel]))
        for channel in sorted(tb.keys() - ta.keys()):
            changes.append(Change("channel", subject, f"thêm cách nộp: {channel}", None, tb[channel]))
        for channel in sorted(ta.keys() - tb.keys()):
            changes.append(Change("channel", subject, f"bỏ cách nộp: {channel}", ta[channel], None))
        if (a.online.level, a.online.url) != (b.online.level, b.online.url):
            changes.append(
                Change(
                    "online",
                    subject,
                    "dịch vụ công trực tuyến",
                    f"{m.ONLINE_LEVEL_LABELS[a.online.level]} {a.online.url or ''}".strip(),
                    f"{m.ONLINE_LEVEL_LABELS[b.online.level]} {b.online.url or ''}".strip(),
                )
            )
        for name in sorted(_documents(b) - _documents(a)):
            changes.append(Change("document", subject, "thêm giấy tờ", None, name))
        for name in sorted(_documents(a) - _documents(b)):
            changes.append(Change("document", subject, "bỏ giấy tờ", name, None))
        fa = sorted({f.fee for c in a.channels for f in c.fees})
        fb = sorted({f.fee for c in b.channels for f in c.fees})
        if fa != fb:
            changes.append(
                Change(
                    "fee",
                    subject,
                    "khoản phí, lệ phí áp dụng",
                    ", ".join(fa) or "không thu",
                    ", ".join(fb) or "không thu",
                )
            )
    return changes


def _fee_changes(old: dict[str, m.Fee], new: dict[str, m.Fee], on: dt.date) -> list[Change]:
    changes: list[Change] = []
    for fee_id, fee in _by_name(new):
        previous = old.get(fee_id)
        if previous is None:
            version = fee.version_on(on) or fee.versions[-1]
            changes.append(Change("fee", fee.name, "khoản phí, lệ phí mới", None, fee_amount(version)))
            continue
        starts = {v.valid_from for v in previous.versions}
        for version in fee.versions:
            if version.valid_from in starts:
                continue
            day = version.valid_from or on
            before = previous.version_on(day)
            was = fee_amount(before) if before else None
            changes.append(
                Change(
                    "fee",
                    fee.name,
                    f"mức thu mới từ ngày {day:%d/%m/%Y}" if version.valid_from else "mức thu thay đổi",
                    was,
                    fee_amount(version),
                )
            )
        current_old, current_new = previous.version_on(on), fee.version_on(on)
        if current_old and current_new and current_old.valid_from == current_new.valid_from:
            a, b = fee_amount(current_old), fee_amount(current_new)
            if a != b:
                changes.append(Change("fee", fee.name, "sửa mức thu đang áp dụng", a, b))
    for fee_id, fee in _by_name(old):
        if fee_id not in new:
            changes.append(Change("fee", fee.name, "bỏ khoản phí, lệ phí"))
    return changes


def _hours(c: m.Commune) -> str:
    parts = []
    for oh in c.office_hours:
        blocks = ", ".join(x for x in (oh.morning, oh.afternoon) if x)
        parts.append(f"{'/'.join(oh.weekdays)}: {blocks}")
    return "; ".join(parts)


def _duty(c: m.Commune) -> str:
    return "; ".join(
        f"{d.person} ({d.title}): {'/'.join(d.weekdays) or ', '.join(x.strftime('%d/%m') for x in d.dates)}"
        for d in c.duty
    )


def _reception(c: m.Commune) -> str:
    return "; ".join(
        f"{r.person}: {'/'.join(r.weekdays)} {' '.join(str(x) for x in r.month_days)}".strip() for r in c.reception
    )


def _commune_changes(old: dict[str, m.Commune], new: dict[str, m.Commune]) -> list[Change]:
    changes: list[Change] = []
    for commune_id, c in _by_name(new):
        previous = old.get(commune_id)
        if previous is None:
            changes.append(Change("commune", c.full_name, "xã, phường mới"))
            continue
        for kind, label, value in (
            ("hours", "giờ làm việc", _hours),
            ("duty", "lịch trực", _duty),
            ("reception", "lịch tiếp công dân", _reception),
        ):
            if value(previous) != value(c):
                changes.append(Change(kind, c.full_name, label, value(previous), value(c)))
        added = {(x.valid_from, x.reason) for x in c.closures} - {(x.valid_from, x.reason) for x in previous.closures}
        for start, reason in sorted(added):
            changes.append(
                Change(
                    "hours", c.full_name, "ngày nghỉ, ngày làm việc khác thường", None, f"{start:%d/%m/%Y}: {reason}"
                )
            )
    for commune_id, c in _by_name(old):
        if commune_id not in new:
            changes.append(Change("commune", c.full_name, "xã, phường bị bỏ khỏi danh sách"))
    return changes


SECTIONS = [
    ("Thủ tục", {"procedure-added", "procedure-removed", "procedure-renamed"}),
    ("Thời hạn và cách nộp", {"time", "channel", "online"}),
    ("Giấy tờ", {"document"}),
    ("Phí, lệ phí", {"fee"}),
    ("Xã, phường: giờ làm việc, lịch trực, tiếp công dân", {"hours", "duty", "reception", "commune"}),
]


def to_markdown(changes: list[Change], base: str, head: str) -> str:
    """The summary for the pull request; every value goes through `markdown_text`, so content
    cannot add, hide or restyle anything in it."""
    md = markdown_text
    lines = [f"## Thay đổi đối với người dân ({md(base)} → {md(head)})", ""]
    if not changes:
        return "\n".join([*lines, "Không có thay đổi nào về nội dung người dân thấy.", ""])
    for title, kinds in SECTIONS:
        group = [c for c in changes if c.kind in kinds]
        if not group:
            continue
        lines += [f"### {title}", ""]
        for c in group:
            if c.old and c.new:
                lines.append(f"- **{md(c.subject)}**: {md(c.detail)}: {md(c.old)} → {md(c.new)}")
            elif c.new:
                lines.append(f"- **{md(c.subject)}**: {md(c.detail)}: {md(c.new)}")
            elif c.old:
                lines.append(f"- **{md(c.subject)}**: {md(c.detail)}: {md(c.old)}")
            else:
                lines.append(f"- **{md(c.subject)}**: {md(c.detail)}")
        lines.append("")
    return "\n".join(lines)


def to_json(changes: list[Change]) -> str:
    return json.dumps([asdict(c) for c in changes], ensure_ascii=False, indent=2)
