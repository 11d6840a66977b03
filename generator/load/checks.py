"""Checks across records: references resolve, ids are unique, fees are in force.

Each check appends problems at the place of the offending value; none stops the others.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel

from .. import model as m
from ..format import nfc, slug
from ..problems import Problem, Severity
from .folder import Loaded, Records
from .translate import suggest, suggest_law, unwrap

REVIEW_AFTER_DAYS = 730


def not_stated_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterable[tuple[str | int, ...]]:
    """Where a record says `khong_neu`: the path (keys as written, list indexes) of each."""
    if value == m.NOT_STATED:
        yield path
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from not_stated_paths(getattr(value, name), (*path, info.alias or name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from not_stated_paths(item, (*path, index))


def field_title(model: type[BaseModel], path: tuple[str | int, ...]) -> str:
    """The Vietnamese title of the field at `path`, for a message."""
    current: Any = model
    title = ""
    for part in path:
        if isinstance(part, int) or current is None:
            continue
        info = next((i for n, i in current.model_fields.items() if (i.alias or n) == part), None)
        if info is None:
            return title
        title = info.title or str(part)
        current = unwrap(info.annotation)
    return title


def check_not_stated(records: Records, problems: list[Problem]) -> None:
    """A notice at every `khong_neu`: facts the published record does not state, for the office
    to find out and fill in. Notices never block a build, not even `validate --strict`."""
    loaded: list[Loaded[Any]] = [*records.procedures, *records.legal]
    for record in loaded:
        for path in not_stated_paths(record.model):
            title = field_title(type(record.model), path)
            problems.append(
                record.problem(
                    "not-stated",
                    f"`{'.'.join(str(p) for p in path)}` ({title}) ghi `khong_neu`: trang hiện"
                    f" \u201c{m.NOT_STATED_LABEL}\u201d; bổ sung khi có văn bản nêu thông tin này",
                    *path,
                )
            )


def _unique(records: Iterable[Loaded[Any]], key: str, what: str, problems: list[Problem]) -> dict[str, Loaded[Any]]:
    seen: dict[str, Loaded[Any]] = {}
    for record in records:
        value = getattr(record.model, key)
        # A procedure's key is its code, or its `id` when it has none: shown where that is written.
        field = ("code" if record.model.code != m.NOT_STATED else "id") if key == "key" else key
        if value in seen:
            first = seen[value]
            first_field = ("code" if first.model.code != m.NOT_STATED else "id") if key == "key" else key
            pos = first.position(first_field)
            problems.append(
                record.problem(
                    "duplicate-id",
                    f"{what} `{value}` đã dùng ở {first.source.path}:{pos.line}; mỗi {what} chỉ dùng một lần",
                    field,
                )
            )
        else:
            seen[value] = record
    return seen


class _Known(dict[str, Any]):
    """Records by id, plus the ids of records that exist but failed validation: a reference to
    one of those is reported in that record's own file, not again at every use."""

    def __init__(self, records: dict[str, Any], broken: set[str], unreadable: bool = False, laws: bool = False) -> None:
        super().__init__(records)
        self.broken = broken
        self.unreadable = unreadable  # the kind's list file could not be read: any id may exist
        self.laws = laws  # law files are named by the slug of their number

    def __contains__(self, key: object) -> bool:
        return (
            super().__contains__(key)
            or key in self.broken
            or self.unreadable
            or (self.laws and isinstance(key, str) and f"law:{slug(key)}" in self.broken)
        )


def _ref(
    record: Loaded[Any],
    value: str,
    known: dict[str, Any] | set[str],
    code: str,
    what: str,
    problems: list[Problem],
    *loc: str | int,
) -> None:
    if value not in known:
        problems.append(record.problem(code, f"không có {what} nào có mã `{value}`{suggest(value, list(known))}", *loc))


def _citations(
    record: Loaded[Any],
    citations: list[m.LegalCitation],
    legal: dict[str, Any],
    problems: list[Problem],
    *loc: str | int,
) -> None:
    for index, citation in enumerate(citations):
        if citation.doc is not None and citation.doc not in legal:
            problems.append(
                record.problem(
                    "unknown-legal-doc",
                    f"văn bản `{citation.doc}` chưa có trong `legal.yaml` hay thư mục `legal/`"
                    f"{suggest_law(citation.doc, legal)}",
                    *loc,
                    index,
                )
            )


def check_all(records: Records, today: dt.date, problems: list[Problem]) -> None:
    site = records.site
    levels = {level.id for level in site.model.levels} if site else set()
    check_not_stated(records, problems)
    if site:
        _unique(
            (Loaded(level, site.source, ("levels", i)) for i, level in enumerate(site.model.levels)),
            "id",
            "mã cấp",
            problems,
        )
        if site.model.authority.level not in levels:
            problems.append(
                site.problem(
                    "unknown-level",
                    f"cấp `{site.model.authority.level}` chưa khai báo trong `levels`{suggest(site.model.authority.level, levels)}",
                    "authority",
                    "level",
                )
            )

    broken, unreadable = records.broken, records.unreadable
    fields = _Known(_unique(records.sectors, "id", "mã lĩnh vực", problems), broken, m.kinds.SECTORS.name in unreadable)
    agencies = _Known(
        _unique(records.agencies, "id", "mã cơ quan", problems), broken, m.kinds.AGENCIES.name in unreadable
    )
    legal = _Known(
        _unique(records.legal, "number", "số hiệu văn bản", problems),
        broken,
        m.kinds.LEGAL.name in unreadable,
        laws=True,
    )
    shared: list[Loaded[Any]] = [*records.sectors, *records.agencies, *records.legal]
    for record in shared:
        _record_file_name(record, problems)
    procedures = _Known(_unique(records.procedures, "key", "mã thủ tục", problems), broken)
    fees = _Known(_unique(records.fees, "id", "mã khoản phí", problems), broken)
    communes = _Known(_unique(records.communes, "id", "mã xã, phường", problems), broken)

    if site:
        for index, code in enumerate(site.model.featured):
            _ref(site, code, procedures, "unknown-procedure", "thủ tục", problems, "featured", index)
            featured = procedures.get(code)
            if featured is not None and not featured.model.in_force(today):
                problems.append(
                    site.problem(
                        "reference-not-in-force",
                        f"thủ tục hay dùng `{code}` không còn áp dụng ({m.STATUS_LABELS[featured.model.status]}"
                        f" hoặc hết hiệu lực) nhưng vẫn được giới thiệu ở trang chủ",
                        "featured",
                        index,
                    )
                )

    for agency in records.agencies:
        if site and agency.model.level not in levels:
            problems.append(
                agency.problem(
                    "unknown-level",
                    f"cấp `{agency.model.level}` chưa khai báo trong `site.yaml`{suggest(agency.model.level, levels)}",
                    "level",
                )
            )
        if agency.model.replaced_by:
            _ref(agency, agency.model.replaced_by, agencies, "unknown-agency", "cơ quan", problems, "replaced_by")
    _cycles(records.agencies, "replaced_by", "cơ quan", "được thay thế bởi", problems)
    for document in records.legal:
        if document.model.date != m.NOT_STATED:
            _not_future(document, document.model.date, today, "ngày ban hành", problems, "date")

    used_fees: set[str] = set()
    for record in records.procedures:
        _check_procedure(
            record,
            today,
            levels if site else None,
            fields,
            agencies,
            legal,
            procedures,
            fees,
            records.forms,
            used_fees,
            problems,
        )
        _not_future(record, record.model.last_reviewed, today, "ngày rà soát", problems, "last_reviewed")
        if record.model.source:
            _not_future(
                record, record.model.source.retrieved, today, "ngày lấy dữ liệu", problems, "source", "retrieved"
            )

    _unused_forms(records, problems)

    for fee in records.fees:
        _check_fee(fee, legal, problems)
        if fee.model.id not in used_fees and records.procedures:
            problems.append(fee.problem("unused-fee", f"khoản phí `{fee.model.id}` không được thủ tục nào dùng", "id"))
        _file_name(fee, fee.model.id, problems)

    _unique(records.stats, "period", "kỳ báo cáo", problems)
    for period in records.stats:
        _check_stats(period, fields, communes, problems)
        _period_file_name(period, today, problems)

    if site:
        for commune_id in site.model.editors:
            _ref(site, commune_id, communes, "unknown-commune", "xã, phường", problems, "editors", commune_id)

    in_cycle = _cycles(records.communes, "merged_into", "xã, phường", "sáp nhập vào", problems)
    for commune in records.communes:
        target_id = commune.model.merged_into
        if target_id:
            _ref(commune, target_id, communes, "unknown-commune", "xã, phường", problems, "merged_into")
            target = communes.get(target_id)
            if target is not None and target.model.merged_into and target_id not in in_cycle:
                problems.append(
                    commune.problem(
                        "reference-not-in-force",
                        f"xã, phường `{target_id}` cũng đã sáp nhập vào `{target.model.merged_into}`;"
                        " ghi thẳng đơn vị hiện nay",
                        "merged_into",
                    )
                )
            if commune.model.merged_on is None:
                problems.append(
                    commune.problem(
                        "merged-without-date",
                        f"sáp nhập vào `{target_id}` nhưng thiếu ngày sáp nhập (`merged_on`)",
                        "merged_into",
                    )
                )
        _file_name(commune, commune.model.id, problems)


def _not_future(
    record: Loaded[Any], day: dt.date, today: dt.date, what: str, problems: list[Problem], *loc: str | int
) -> None:
    if day > today:
        problems.append(record.problem("future-date", f"{what} {day:%d/%m/%Y} ở sau hôm nay ({today:%d/%m/%Y})", *loc))


def _cycles(records: list[Loaded[Any]], key: str, what: str, verb: str, problems: list[Problem]) -> set[str]:
    """Report every record whose chain of `key` references comes back to it (self-references
    are the models' business); returns the ids in cycles."""
    next_of = {r.model.id: getattr(r.model, key) for r in records if getattr(r.model, key)}
    in_cycle: set[str] = set()
    for record in records:
        start = record.model.id
        chain, current = [start], next_of.get(start)
        while current is not None and current != start and current not in chain:
            chain.append(current)
            current = next_of.get(current)
        if current == start and len(chain) > 1:
            in_cycle.add(start)
            problems.append(
                record.problem(
                    "self-reference",
                    f"{what} `{start}` {verb} chính nó qua một vòng: " + " → ".join(f"`{x}`" for x in [*chain, start]),
                    key,
                )
            )
    return in_cycle


def _period_file_name(record: Loaded[m.StatsPeriod], today: dt.date, problems: list[Problem]) -> None:
    period = record.model.period
    year, quarter = int(period[:4]), int(period[-1])
    if dt.date(year, 3 * quarter - 2, 1) > today:
        problems.append(
            record.problem("future-date", f"kỳ báo cáo {period} chưa bắt đầu (hôm nay {today:%d/%m/%Y})", "period")
        )
    stem = PurePosixPath(record.source.path).stem.lower()
    if stem != period.lower() and not stem.startswith(period.lower() + "-"):
        problems.append(
            record.problem(
                "period-file-name",
                f"tệp `{PurePosixPath(record.source.path).name}` ghi số liệu kỳ {period}; tên tệp cần bắt đầu"
                f" bằng `{period.lower()}` (hoặc `period` bị chép nhầm từ kỳ khác)",
                "period",
            )
        )


def _unused_forms(records: Records, problems: list[Problem]) -> None:
    """Every form is published; one that no procedure links to is probably misnamed or replaced.
    Not said while a procedure file has an error: its forms would look unused."""
    if not records.procedures or any(
        p.file.startswith(f"{m.kinds.PROCEDURES.path}/") and p.severity is Severity.ERROR for p in problems
    ):
        return
    used = {
        nfc(document.form.file)
        for record in records.procedures
        for group in m.listed(record.model.documents)
        for document in group.items
        if document.form and document.form.file is not None
    }
    refused = {p.file for p in problems if p.code in ("form-type", "form-name", "file-name-not-nfc")}
    for form in sorted(records.forms):
        if nfc(form) not in used and f"{m.FORMS_FOLDER}/{form}" not in refused:
            problems.append(
                Problem(
                    f"{m.FORMS_FOLDER}/{form}",
                    0,
                    0,
                    "unused-form",
                    f"biểu mẫu `{form}` được đăng lên cổng nhưng không thủ tục nào có `form: {form}`; sửa `form:` ở"
                    " thủ tục cho đúng tên tệp, hoặc xoá tệp",
                )
            )


def _record_file_name(record: Loaded[Any], problems: list[Problem]) -> None:
    """A field, agency or law in a file of its own is named by its id (a law: its number as a
    slug, `60-2014-qh13.yaml`), so two editors adding one never pick the same file."""
    path = PurePosixPath(record.source.path)
    if record.base or path.parent.name == "":
        return  # an entry of a list file
    key = "number" if isinstance(record.model, m.LegalDocument) else "id"
    expected = slug(record.model.number) if key == "number" else record.model.id
    if path.stem != expected:
        problems.append(
            record.problem(
                "file-name",
                f"tệp `{path.name}` chứa `{key}: {getattr(record.model, key)}`; hãy đặt tên tệp là `{expected}.yaml`",
                key,
            )
        )


def _file_name(record: Loaded[Any], key: str, problems: list[Problem]) -> None:
    stem = PurePosixPath(record.source.path).stem
    if stem != key and not stem.startswith(key + "-"):
        problems.append(
            record.problem(
                "file-name",
                f"tên tệp `{PurePosixPath(record.source.path).name}` nên bắt đầu bằng mã `{key}`",
                ("code" if record.model.code != m.NOT_STATED else "id")
                if isinstance(record.model, m.Procedure)
                else "id",
            )
        )


def _check_procedure(
    record: Loaded[m.Procedure],
    today: dt.date,
    levels: set[str] | None,
    fields: dict[str, Any],
    agencies: dict[str, Any],
    legal: dict[str, Any],
    procedures: dict[str, Any],
    fees: dict[str, Loaded[m.Fee]],
    forms: set[str],
    used_fees: set[str],
    problems: list[Problem],
) -> None:
    p = record.model
    _ref(record, p.field, fields, "unknown-sector", "lĩnh vực", problems, "field")
    if levels is not None:
        for index, level in enumerate(m.listed(p.levels)):
            if level not in levels:
                problems.append(
                    record.problem(
                        "unknown-level",
                        f"cấp `{level}` chưa khai báo trong `site.yaml` (các cấp: "
                        + ", ".join(f"`{x}`" for x in sorted(levels))
                        + f"){suggest(level, levels)}",
                        "levels",
                        index,
                    )
                )
        for c_index, channel in enumerate(p.channels):  # a time given per level names a known level
            parts = channel.time.by_level if isinstance(channel.time, m.ProcessingTime) else None
            for t_index, part in enumerate(parts or []):
                if part.level not in levels:
                    problems.append(
                        record.problem(
                            "unknown-level",
                            f"cấp `{part.level}` chưa khai báo trong `site.yaml`{suggest(part.level, levels)}",
                            *("channels", c_index, "time", "by_level", t_index, "level"),
                        )
                    )
    a = p.agencies
    in_force = p.in_force(today)
    cited: list[tuple[str, tuple[str | int, ...]]] = [
        *(
            (agency_id, ("executing", i))
            for i, agency_id in enumerate(m.listed(a.executing))
            if isinstance(agency_id, str)
        ),
        *((agency_id, ("coordinating", i)) for i, agency_id in enumerate(a.coordinating) if isinstance(agency_id, str)),
        *((value, (key,)) for key in ("deciding", "delegated") if isinstance(value := getattr(a, key), str)),
    ]
    for agency_id, where in cited:
        _ref(record, agency_id, agencies, "unknown-agency", "cơ quan", problems, "agencies", *where)
        agency = agencies.get(agency_id)
        if in_force and agency is not None and not agency.model.in_force(today):
            successor = f"; nay là `{agency.model.replaced_by}`" if agency.model.replaced_by else ""
            problems.append(
                record.problem(
                    "reference-not-in-force",
                    f"cơ quan `{agency_id}` không còn hoạt động ngày {today:%d/%m/%Y}{successor}",
                    "agencies",
                    *where,
                )
            )
    for c_index, channel in enumerate(p.channels):
        for f_index, ref in enumerate(channel.fees):
            used_fees.add(ref.fee)
            loc = ("channels", c_index, "fees", f_index, "fee")
            fee = fees.get(ref.fee)
            if fee is None:
                _ref(record, ref.fee, fees, "unknown-fee", "khoản phí", problems, *loc)
            elif in_force and fee.model.version_on(today) is None:
                problems.append(
                    record.problem(
                        "fee-not-in-force",
                        f"khoản phí `{ref.fee}` không có mức thu nào có hiệu lực ngày {today:%d/%m/%Y}",
                        *loc,
                    )
                )

    for g_index, group in enumerate(m.listed(p.documents)):
        for d_index, document in enumerate(group.items):
            # A name typed in another Unicode form is the same name (the file's own name is
            # reported if it is the one not in NFC).
            if (
                document.form
                and document.form.file is not None
                and document.form.file not in forms
                and nfc(document.form.file) not in map(nfc, forms)
            ):
                problems.append(
                    record.problem(
                        "missing-form-file",
                        f"không có tệp `{document.form.file}` trong `content/forms/`{suggest(document.form.file, forms)}",
                        "documents",
                        g_index,
                        "items",
                        d_index,
                        "form",
                        "file",
                    )
                )

    _citations(record, m.listed(p.legal_basis), legal, problems, "legal_basis")
    for index, code in enumerate(p.related):
        if code not in procedures:
            problems.append(
                record.problem(
                    "unknown-procedure", f"thủ tục liên quan `{code}`: không có thủ tục nào có mã này", "related", index
                )
            )

    modes: set[str] = {channel.mode for channel in p.channels}
    unknown_mode = m.NOT_STATED in modes and "truc_tuyen" not in modes  # the unstated one may be online
    if p.online.level != m.NOT_STATED and (p.online.level != "khong") != ("truc_tuyen" in modes) and not unknown_mode:
        problems.append(
            record.problem(
                "online-level-mismatch",
                f"mức dịch vụ trực tuyến là `{p.online.level}` nhưng "
                + ("không có kênh `truc_tuyen`" if "truc_tuyen" not in modes else "lại có kênh `truc_tuyen`"),
                "online",
                "level",
            )
        )
    if "truc_tuyen" in modes and not p.online.url:
        problems.append(
            record.problem("online-without-link", "có kênh nộp trực tuyến nhưng thiếu `online.url`", "online")
        )
    if p.online.url and not m.is_gov_host(host := m.link_host(p.online.url)):
        problems.append(
            record.problem(
                "online-not-gov",
                f"đường dẫn nộp trực tuyến dẫn đến `{host}`, không thuộc gov.vn; kiểm tra lại đây có phải cổng"
                " dịch vụ công không",
                "online",
                "url",
            )
        )
    if in_force and (today - p.last_reviewed).days > REVIEW_AFTER_DAYS:
        problems.append(
            record.problem(
                "review-overdue",
                f"rà soát lần cuối ngày {p.last_reviewed:%d/%m/%Y}, đã hơn 24 tháng",
                "last_reviewed",
            )
        )
    _file_name(record, p.key, problems)


def _check_fee(record: Loaded[m.Fee], legal: dict[str, Any], problems: list[Problem]) -> None:
    fee = record.model
    for index, version in enumerate(fee.versions):
        _citations(record, version.legal_basis, legal, problems, "versions", index, "legal_basis")
        for r_index, reduction in enumerate(version.online_reductions):
            _citations(
                record,
                reduction.legal_basis,
                legal,
                problems,
                "versions",
                index,
                "online_reductions",
                r_index,
                "legal_basis",
            )
    for index, exemption in enumerate(fee.exemptions):
        _citations(record, exemption.legal_basis, legal, problems, "exemptions", index, "legal_basis")
    ordered = sorted(enumerate(fee.versions), key=lambda pair: pair[1].valid_from or dt.date.min)
    for (_, earlier), (index, later) in itertools.pairwise(ordered):
        end = earlier.valid_until or dt.date.max
        start = later.valid_from or dt.date.min
        if start <= end:
            problems.append(
                record.problem(
                    "fee-overlap",
                    "mức thu này bắt đầu "
                    + (f"ngày {start:%d/%m/%Y}" if later.valid_from else "không có ngày bắt đầu")
                    + ", trong khi mức thu trước còn hiệu lực "
                    + (f"đến ngày {end:%d/%m/%Y}" if earlier.valid_until else "không thời hạn"),
                    "versions",
                    index,
                )
            )


_METRICS = [name for name in m.DossierCounts.model_fields]


def _check_stats(
    record: Loaded[m.StatsPeriod], fields: dict[str, Any], communes: dict[str, Any], problems: list[Problem]
) -> None:
    stats = record.model
    for key, parts, ref, known, code, what in (
        ("by_field", stats.by_field, "field", fields, "unknown-sector", "lĩnh vực"),
        ("by_commune", stats.by_commune, "commune", communes, "unknown-commune", "xã, phường"),
    ):
        for index, part in enumerate(parts):
            _ref(record, getattr(part, ref), known, code, what, problems, key, index, ref)
        if not parts:
            continue
        for metric in _METRICS:
            total = getattr(stats.totals, metric)
            summed = sum(getattr(part, metric) for part in parts)
            if summed != total:
                problems.append(
                    record.problem(
                        "stats-sum",
                        f"`{metric}` theo {what} cộng lại được {summed}, khác tổng số {total}",
                        "totals",
                        metric,
                    )
                )
