"""What a change to the content means for citizens, field by field: a pure comparison of two
`Content`s, used by the `changes` command and by the recent-changes page.

The two contents are compared record by record: procedures added,
removed or renamed; processing times, channels, online links and documents; fees (old amount →
new amount, from which date); office hours, duty rosters and reception days of communes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from .. import model as m
from ..content import Content
from ..format import duration, fee_amount
from ..problems.markdown import markdown_text


@dataclass(frozen=True)
class Change:
    kind: str  # procedure-added, procedure-removed, procedure-renamed, time, channel, online, document, fee, hours, duty, reception
    subject: str  # what it is about, as citizens name it
    detail: str  # the change in Vietnamese
    old: str | None = None
    new: str | None = None


def _times(p: m.Procedure) -> dict[str, str]:
    return {m.CHANNEL_LABELS[c.mode]: duration(c.time) for c in p.channels}


def _documents(p: m.Procedure) -> set[str]:
    return {d.name for g in p.documents for d in g.items}


def compare(base: Content, head: Content) -> list[Change]:
    changes: list[Change] = []
    old = {p.code: p for p in base.procedures}
    new = {p.code: p for p in head.procedures}
    for code, p in new.items():
        if code not in old:
            changes.append(Change("procedure-added", f"{p.name} ({code})", "thủ tục mới"))
    for code, p in old.items():
        if code not in new:
            changes.append(Change("procedure-removed", f"{p.name} ({code})", "thủ tục bị bỏ"))
    for code in old.keys() & new.keys():
        a, b = old[code], new[code]
        subject = f"{b.name} ({code})"
        if a.name != b.name:
            changes.append(Change("procedure-renamed", subject, "đổi tên", a.name, b.name))
        ta, tb = _times(a), _times(b)
        for channel in ta.keys() & tb.keys():
            if ta[channel] != tb[channel]:
                changes.append(Change("time", subject, f"thời hạn giải quyết ({channel})", ta[channel], tb[channel]))
        for channel in tb.keys() - ta.keys():
            changes.append(Change("channel", subject, f"thêm cách nộp: {channel}", None, tb[channel]))
        for channel in ta.keys() - tb.keys():
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
    changes += _fee_changes(base, head)
    changes += _commune_changes(base, head)
    return changes


def _fee_changes(base: Content, head: Content) -> list[Change]:
    changes: list[Change] = []
    for fee_id, fee in head.fees.items():
        previous = base.fees.get(fee_id)
        if previous is None:
            version = fee.version_on(head.today) or fee.versions[-1]
            changes.append(Change("fee", fee.name, "khoản phí, lệ phí mới", None, fee_amount(version)))
            continue
        starts = {v.valid_from for v in previous.versions}
        for version in fee.versions:
            if version.valid_from in starts:
                continue
            day = version.valid_from or head.today
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
        current_old, current_new = previous.version_on(head.today), fee.version_on(head.today)
        if current_old and current_new and current_old.valid_from == current_new.valid_from:
            a, b = fee_amount(current_old), fee_amount(current_new)
            if a != b:
                changes.append(Change("fee", fee.name, "sửa mức thu đang áp dụng", a, b))
    for fee_id, fee in base.fees.items():
        if fee_id not in head.fees:
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


def _commune_changes(base: Content, head: Content) -> list[Change]:
    changes: list[Change] = []
    old = {c.id: c for c in base.communes}
    for c in head.communes:
        previous = old.get(c.id)
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
