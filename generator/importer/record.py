"""The sections of one procedure, read into a draft record in the model's shape, with the fees,
legal documents, agencies and fields it cites that the content does not have yet."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..format import fold, slug
from . import values
from .parse import SECTION_TITLES, RawProcedure, Section, field_id, heading_of, strip_mark
from .source import Line

NOT_STATED = "khong_neu"  # the model's value for what the decision does not state

# The site levels the decision's wording points at.
LEVEL_WORDS = {"xa": "xa", "huyen": "huyen", "tinh": "tinh"}


@dataclass
class Registry:
    """What the content already holds (by folded name or number) and what this import adds."""

    levels: list[str]
    fields: dict[str, str] = field(default_factory=dict)  # folded name → id
    agencies: dict[str, str] = field(default_factory=dict)  # folded name → id
    agency_ids: set[str] = field(default_factory=set)
    legal: set[str] = field(default_factory=set)  # numbers
    fees: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, folded rule) → id
    fee_ids: set[str] = field(default_factory=set)
    new_fields: list[dict[str, Any]] = field(default_factory=list)
    new_agencies: list[dict[str, Any]] = field(default_factory=list)
    new_legal: list[dict[str, Any]] = field(default_factory=list)
    new_fees: list[dict[str, Any]] = field(default_factory=list)

    def field_for(self, name: str) -> str:
        key = fold(name).strip(" .:")
        if key in self.fields:
            return self.fields[key]
        ident = field_id(name)
        taken = set(self.fields.values())
        base, n = ident, 2
        while ident in taken:
            ident, n = f"{base}-{n}", n + 1
        self.fields[key] = ident
        self.new_fields.append({"id": ident, "name": name.strip(" .:")})
        return ident

    def agency_for(self, name: str, level: str | None) -> str | None:
        """The id of the agency called `name`, added when new; None when its level is unknown."""
        key = fold(name).strip(" .;:")
        if key in self.agencies:
            return self.agencies[key]
        level = level_of(name) or level
        if level is None or level not in self.levels:
            return None
        ident = slug(name, 60).strip("-") or "co-quan"
        base, n = ident, 2
        while ident in self.agency_ids:
            ident, n = f"{base}-{n}", n + 1
        self.agencies[key] = ident
        self.agency_ids.add(ident)
        self.new_agencies.append({"id": ident, "name": name.strip(" .;:"), "level": level})
        return ident

    def legal_for(self, ref: values.LegalRef) -> str | None:
        if ref.number in self.legal:
            return ref.number
        if ref.date is None or not ref.issuer:
            return None
        self.legal.add(ref.number)
        entry: dict[str, Any] = {"number": ref.number, "title": ref.title, "issuer": ref.issuer, "date": ref.date}
        if ref.kind:
            entry["kind"] = ref.kind
        self.new_legal.append(entry)
        return ref.number

    def fee_for(self, name: str, kind: str, rule: values.FeeRule, wording: str, set_by: str) -> str:
        key = (kind, fold(wording).strip(" .;"))
        if key in self.fees:
            return self.fees[key]
        ident = _whole_words(slug(name, 71), 70) or "phi"
        base, n = ident, 2
        while ident in self.fee_ids:
            ident, n = f"{base}-{n}", n + 1
        self.fees[key] = ident
        self.fee_ids.add(ident)
        version: dict[str, Any] = {}
        if rule.tiers:
            version["per"] = rule.per
            version["rule"] = wording
            version["per_unit"] = {
                "unit": rule.unit,
                "tiers": [{k: v for k, v in tier.items() if v is not None} for tier in rule.tiers],
                **({"cap": rule.cap} if rule.cap is not None else {}),
            }
        else:
            version["amount"] = rule.amount
            # The unit only as the wording writes it right after "đồng/" (the page shows both).
            if f"đồng/{rule.per.casefold()}" in " ".join(wording.casefold().split()):
                version["per"] = rule.per
            version["rule"] = wording
        self.new_fees.append({"id": ident, "name": name, "kind": kind, "set_by": set_by, "versions": [version]})
        return ident


def _whole_words(text: str, limit: int) -> str:
    """A slug cut at a word boundary, at most `limit` characters."""
    return (text if len(text) <= limit else text[:limit].rsplit("-", 1)[0]).strip("-")


def level_of(text: str) -> str | None:
    folded = fold(text)
    for word, level in (("xa", "xa"), ("phuong", "xa"), ("huyen", "huyen"), ("tinh", "tinh")):
        if re.search(rf"\bcap {word}\b|\b{word}\b", folded) and ("cap" in folded or "ubnd" in folded):
            return level
    return None


@dataclass
class Review:
    heading: str | None
    line: Line
    quoted: bool = True  # the line's text is the source's; False for a note of the importer's own

    def as_item(self) -> dict[str, Any]:
        item: dict[str, Any] = {}
        if self.heading:
            item["heading"] = self.heading
        item["text"] = self.line.text
        item["source_line"] = self.line.number
        return item


@dataclass
class Draft:
    """One procedure read from the decision: the record's fields and what needs review."""

    number: str | None
    title_line: int | None
    data: dict[str, Any]
    review: list[Review]
    lines: int  # source lines of the procedure
    placed: int  # of them, those in a structured field
    filled: list[str]  # the sections the decision gave

    @property
    def code(self) -> str | None:
        return self.data.get("code")


@dataclass
class _Builder:
    raw: RawProcedure
    registry: Registry
    level: str | None
    decision: str | None
    review: list[Review] = field(default_factory=list)
    placed: set[int] = field(default_factory=set)
    seen: set[int] = field(default_factory=set)

    def place(self, *lines: Line) -> None:
        for line in lines:
            self.placed.add(line.number)

    def ask(self, section: str, line: Line) -> None:
        self.review.append(Review(SECTION_TITLES.get(section, section), line))


def build(raw: RawProcedure, registry: Registry, level: str | None, decision: str | None, day: dt.date) -> Draft:
    """The draft record of one procedure."""
    b = _Builder(raw, registry, raw.level if raw.level in registry.levels else level, decision)
    data: dict[str, Any] = {}
    by_key: dict[str, list[Section]] = {}
    for section in raw.sections:
        by_key.setdefault(section.key, []).append(section)
        if section.heading is not None and section.key not in ("review", ""):
            b.place(section.heading)
        for line in section.lines:
            b.seen.add(line.number)
    if raw.title is not None:
        b.place(raw.title)
        b.seen.add(raw.title.number)
    for section in raw.sections:
        if section.heading is not None:
            b.seen.add(section.heading.number)

    def lines(key: str) -> list[Line]:
        return [line for s in by_key.get(key, []) for line in s.lines]

    if raw.code:
        data["code"] = raw.code
    if raw.local_code:
        data["local_code"] = raw.local_code
    if raw.name:
        data["name"] = raw.name
    field_name = raw.field_name
    for line in lines("field"):
        field_name = field_name or line.text
        b.place(line)
    if field_name:
        data["field"] = registry.field_for(field_name)
    if b.level:
        data["levels"] = [b.level]
    if decision:
        data["decision"] = decision

    applicants = _applicants(b, lines("applicants"))
    if applicants:
        data["applicants"] = applicants
    agencies = _agencies(b, by_key)
    if agencies:
        data["agencies"] = agencies
    hours = [line for line in lines("receiving_hours")]
    channels, address, more_hours = _channels(b, lines("channels"))
    hours += more_hours
    for line in lines("address"):
        b.place(line)
    address_lines = [strip_mark(line.text)[1] for line in lines("address")]
    if address_lines:
        data["submission_address"] = "; ".join(address_lines)
    elif address:
        data["submission_address"] = address
    elif agencies and raw.sections:
        names = _agency_names(b, by_key.get("agencies", []))
        if names:
            data["submission_address"] = names[0]
    if hours:
        b.place(*hours)
        data["receiving_hours"] = "\n".join(strip_mark(h.text)[1] for h in hours)
    steps = _steps(b, lines("steps"))
    if steps:
        data["steps"] = steps
    time = _time(b, lines("time"))
    fee_headings = [s.heading.text for s in by_key.get("fees", []) if s.heading is not None]
    fee_refs, fees_text = _fees(b, lines("fees"), raw.name or "phí", fee_headings)
    if channels:
        for channel in channels:
            channel["time"] = dict(time) if time else NOT_STATED
            refs = [ref for mode, ref in fee_refs if mode in (None, channel["mode"])]
            if refs:
                channel["fees"] = list(dict.fromkeys(refs))
        data["channels"] = channels
        online = any(c["mode"] == "truc_tuyen" for c in channels)
        # Decisions list the ways of submitting but not whether the online service is "toàn trình"
        # or "một phần": that is not stated, unless no way is online.
        data["online"] = {"level": NOT_STATED if online else "khong"}
    documents, cases, notes, sets = _documents(b, lines("documents"), lines("dossier_sets"))
    if documents:
        data["documents"] = documents
    if cases:
        data["document_cases"] = cases
    if notes:
        data["document_notes"] = notes
    if sets is not None:
        data["dossier_sets"] = sets
    result = _single(b, "result", lines("result"))
    if result:
        data["result"] = result
    conditions, moved = _conditions(b, lines("conditions"), has_legal=bool(by_key.get("legal")))
    if conditions:
        data["conditions"] = conditions
    if fees_text:
        data["fees_text"] = fees_text
    forms = _forms(b, lines("forms"))
    if forms:
        data["form_names"] = forms
    legal = _legal(b, lines("legal") + moved)
    if legal:
        data["legal_basis"] = legal
    data["last_reviewed"] = day
    for line in lines("review") + lines(""):
        b.ask("review" if any(line in s.lines for s in by_key.get("review", [])) else "", line)
    for section in by_key.get("review", []):
        if section.heading is not None:
            b.ask("review", section.heading)
    for line in lines("code"):
        b.place(line)
    # A line read for review is not placed, even when its heading was (`b) Số lượng hồ sơ: 02 bộ … và 01 bộ …`).
    placed = len((b.placed - {r.line.number for r in b.review if r.quoted}) & b.seen)
    filled = [key for key in by_key if key and key not in ("review", "")]
    return Draft(raw.number, raw.title.number if raw.title else None, data, b.review, len(b.seen), placed, filled)


def _clean(text: str) -> str:
    return strip_mark(text)[1].strip().rstrip(";").strip()


def _applicants(b: _Builder, lines: list[Line]) -> list[str]:
    found: list[str] = []
    for line in lines:
        text = _clean(line.text).rstrip(".")
        if text and fold(text) not in {fold(x) for x in found}:
            found.append(text)
        b.place(line)
    return found


def _agency_names(b: _Builder, sections: list[Section]) -> list[str]:
    names = []
    for section in sections:
        for line in section.lines:
            text = _clean(line.text).rstrip(".")
            sub = heading_of(line.text)
            if sub is not None:
                continue
            if text and not values.is_free(text):
                names.append(text)
    return names


def _agencies(b: _Builder, by_key: dict[str, list[Section]]) -> dict[str, Any]:
    agencies: dict[str, Any] = {}
    executing: list[str] = []
    parts: dict[str, list[Line]] = {"agencies": [], "deciding": [], "delegated": [], "coordinating": []}
    for key in parts:
        for section in by_key.get(key, []):
            for line in section.lines:
                sub = heading_of(line.text)
                if sub is not None and sub[0] in parts:
                    # "- Cơ quan có thẩm quyền quyết định: …" inside the agencies section.
                    if sub[1]:
                        parts[sub[0]].append(Line(line.number, sub[1]))
                    else:
                        b.place(line)
                    continue
                parts[key].append(line)
    for key, found in parts.items():
        for line in found:
            text = _clean(line.text).rstrip(".")
            if not text or values.is_free(text):
                b.place(line)
                continue
            ident: Any = b.registry.agency_for(text, b.level)
            if ident is None:
                # Not in the catalogue and of no level the site has: kept as the decision writes it.
                ident = {"text": text}
            b.place(line)
            if key in ("agencies", "coordinating"):
                target = executing if key == "agencies" else agencies.setdefault("coordinating", [])
                if ident not in target:
                    target.append(ident)
            elif key not in agencies:
                agencies[key] = ident
            else:
                b.ask(key, line)
    if not executing and "deciding" in agencies:
        executing.append(agencies["deciding"])
    out: dict[str, Any] = {"executing": executing or NOT_STATED}
    for key in ("deciding", "delegated", "coordinating"):
        if key in agencies:
            out[key] = agencies[key]
    return out


def _channels(b: _Builder, lines: list[Line]) -> tuple[list[dict[str, Any]], str | None, list[Line]]:
    channels: list[dict[str, Any]] = []
    address: str | None = None
    hours: list[Line] = []
    for line in lines:
        text = _clean(line.text)
        if fold(text).startswith("thoi gian tiep nhan"):
            value = text.split(":", 1)[1].strip() if ":" in text else text
            hours.append(Line(line.number, value))
            continue
        modes = values.channel_modes(text)
        if not modes:
            if channels:
                channels[-1]["description"] += "\n" + text
                b.place(line)
            else:
                b.ask("channels", line)
            continue
        b.place(line)
        if "truc_tiep" in modes and address is None and (at := re.search(r"\btại\s+(.+?)(?:[.;]|$)", text)):
            address = at.group(1).strip()
        for mode in modes:
            existing = next((c for c in channels if c["mode"] == mode), None)
            if existing is None:
                channels.append({"mode": mode, "description": text})
            elif text not in existing["description"]:
                existing["description"] += "\n" + text
    return channels, address, hours


def _steps(b: _Builder, lines: list[Line]) -> list[dict[str, Any] | str]:
    steps: list[list[str]] = []
    numbered = any(_is_step(line.text) for line in lines)
    for line in lines:
        b.place(line)
        step = _is_step(line.text)
        if step is not None:
            steps.append([step] if step else [])
        elif numbered and steps:
            steps[-1].append(line.text.strip())
        else:
            steps.append([_clean(line.text)])
    return ["\n".join(part for part in step if part) for step in steps if any(step)]


def _is_step(text: str) -> str | None:
    match = re.match(r"^\s*[-+*•]?\s*Bước\s*\d{1,2}\s*[:.)-]?\s*(.*)$", text, re.IGNORECASE)
    return match.group(1).strip() if match else None


def _time(b: _Builder, lines: list[Line]) -> dict[str, Any] | None:
    if not lines:
        return None
    b.place(*lines)
    text = "\n".join(_clean(line.text) for line in lines)
    return values.processing_time(text)


def _fee_kind(texts: list[str]) -> str | None:
    """`phi` or `le_phi` when the wording says which, else None."""
    folded = " ".join(fold(t) for t in texts)
    # "Phí, lệ phí" names both kinds: it tells nothing.
    folded = re.sub(r"\bphi,? (?:va |hoac )?le phi\b|\ble phi,? (?:va |hoac )?phi\b", " ", folded)
    levies = len(re.findall(r"\ble phi\b", folded))
    charges = len(re.findall(r"(?<!le )(?<!mien )\bphi\b", folded))
    if levies and not charges:
        return "le_phi"
    if charges and not levies:
        return "phi"
    return None


def _fees(
    b: _Builder, lines: list[Line], name: str, headings: list[str]
) -> tuple[list[tuple[str | None, str]], str | None]:
    """The fee references per channel (None: every channel), and the section's wording."""
    if not lines:
        return [], None
    section_kind = _fee_kind([line.text for line in lines]) or _fee_kind(headings)
    b.place(*lines)
    wording = "\n".join(line.text for line in lines)
    if all(values.is_free(_clean(line.text)) for line in lines):
        return [], wording
    refs: list[tuple[str | None, str]] = []
    set_by = f"Theo Quyết định {b.decision}" if b.decision else "Theo quyết định công bố"
    for line in lines:
        text = _clean(line.text)
        folded = fold(text)
        if "mien" in folded and not values.money_amounts(text):
            continue
        rule = values.fee_rule(text)
        if rule is None:
            continue
        kind = _fee_kind([text]) or section_kind
        if kind is None:
            kind = "le_phi"
            b.review.append(
                Review(
                    "Phí, lệ phí",
                    Line(
                        line.number,
                        f"Quyết định không nói khoản thu `{text[:60]}` là phí hay lệ phí; đã ghi tạm là lệ phí.",
                    ),
                    quoted=False,
                )
            )
        modes = values.channel_modes(text) if re.search(r"truc tiep|truc tuyen|buu chinh|dich vu cong", folded) else []
        mode = modes[0] if len(modes) == 1 else None
        label = ("Phí " if kind == "phi" else "Lệ phí ") + name[0].lower() + name[1:]
        if mode:
            label += {
                "truc_tiep": " (nộp trực tiếp)",
                "truc_tuyen": " (nộp trực tuyến)",
                "buu_chinh": " (qua bưu chính)",
            }[mode]
        refs.append((mode, b.registry.fee_for(label, kind, rule, text, set_by)))
    return refs, wording


def _single(b: _Builder, key: str, lines: list[Line]) -> str | None:
    if not lines:
        return None
    b.place(*lines)
    parts = [_clean(line.text) for line in lines]
    return "".join(
        part + ("" if i == len(parts) - 1 else (" " if part[-1:] in ".;:" else "; ")) for i, part in enumerate(parts)
    )


def _conditions(b: _Builder, lines: list[Line], has_legal: bool) -> tuple[list[str], list[Line]]:
    conditions: list[str] = []
    moved: list[Line] = []
    for line in lines:
        text = _clean(line.text)
        if values.is_free(text):
            b.place(line)
            continue
        ref = values.legal_ref(text)
        if ref is not None and ref.kind and not has_legal:
            # Older decisions (the 2009–2013 national database layout) list the legal basis under
            # "Yêu cầu": a line that is a legal document goes to the legal basis.
            moved.append(line)
            continue
        b.place(line)
        conditions.append(text)
    return conditions, moved


def _forms(b: _Builder, lines: list[Line]) -> list[str]:
    names: list[str] = []
    for line in lines:
        b.place(line)
        text = _clean(line.text)
        if values.is_free(text):
            continue
        for part in re.split(r";\s+(?=[A-ZĐ])", text):
            part = part.strip(" .;")
            if part and fold(part) not in {fold(n) for n in names}:
                names.append(part)
    return names


def _legal(b: _Builder, lines: list[Line]) -> list[str]:
    numbers: list[str] = []
    for line in lines:
        text = _clean(line.text)
        ref = values.legal_ref(text)
        if ref is None:
            if values.is_free(text):
                b.place(line)
            else:
                b.ask("legal", line)
            continue
        number = b.registry.legal_for(ref)
        if number is None:
            b.ask("legal", line)
            continue
        b.place(line)
        if number not in numbers:
            numbers.append(number)
    return numbers


# ---------------------------------------------------------------------------------------------
# Thành phần hồ sơ: a tree of cases, documents with their counts, forms and exceptions, notes


@dataclass
class _Case:
    title: str | None
    mark: str | None
    groups: list[dict[str, Any]] = field(default_factory=list)
    cases: list[_Case] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    line: Line | None = None

    def group(self, title: str | None = None) -> dict[str, Any]:
        if title is not None or not self.groups:
            self.groups.append({"group": "nop", **({"title": title} if title else {}), "items": []})
        return self.groups[-1]

    def empty(self) -> bool:
        return not any(g["items"] for g in self.groups) and not self.cases and not self.notes


def _is_case(mark: str | None, text: str) -> bool:
    folded = fold(text)
    if mark == "*":
        return not folded.startswith("luu y")
    if not text.rstrip().endswith(":"):
        return False
    return bool(
        re.search(r"ho so (bao )?gom\s*:?$", folded)
        or folded.startswith(("truong hop ", "doi voi truong hop", "nhung truong hop"))
    )


def _documents(
    b: _Builder, lines: list[Line], set_lines: list[Line]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str], int | None]:
    root = _Case(None, None)
    stack: list[_Case] = []
    notes: list[str] = []
    in_notes = False
    last: dict[str, Any] | None = None  # the last document, to which details are added
    last_mark: str | None = None
    sets: int | None = None
    for line in lines:
        mark, text = strip_mark(line.text)
        if mark is None and text[:1] in "*-+" and len(text) > 1:
            mark, text = text[0], text[1:].strip()
        folded = fold(text)
        sub = heading_of(line.text)
        if sub is not None and sub[0] == "documents":
            b.place(line)
            if sub[1]:
                text, folded, mark = sub[1], fold(sub[1]), None
            else:
                continue
        if sub is not None and sub[0] == "dossier_sets":
            set_lines = [*set_lines, Line(line.number, sub[1] or line.text)]
            b.place(line)
            continue
        if folded.startswith("luu y"):
            in_notes = True
            b.place(line)
            rest = text.split(":", 1)[1].strip() if ":" in text else ""
            if rest:
                notes.append(rest)
            continue
        if in_notes:
            b.place(line)
            notes.append(line.text.strip())
            continue
        target = stack[-1] if stack else root
        if mark == "upper":
            target.group(text.rstrip(":"))
            b.place(line)
            last = None
            continue
        if _is_case(mark, text):
            if last is not None and last["name"].endswith(":") and mark != last_mark and mark not in ("*",):
                _detail(last, line)
                b.place(line)
                continue
            marks = [c.mark for c in stack]
            if mark in marks:
                del stack[marks.index(mark) :]
            parent = stack[-1] if stack else root
            title = re.sub(r",?\s*hồ sơ (?:bao )?gồm\s*:?\s*$", "", text, flags=re.IGNORECASE).rstrip(": ")
            case = _Case(title or text.rstrip(": "), mark, line=line)
            parent.cases.append(case)
            stack.append(case)
            b.place(line)
            last = None
            continue
        if last is not None and (mark is None or (last["name"].endswith(":") and mark != last_mark)):
            # A paragraph under a document, or the points of a document ending in a colon.
            _detail(last, line)
            b.place(line)
            continue
        last = _document(target, text, line)
        last_mark = mark
        b.place(line)
    for line in set_lines:
        value = values.dossier_sets(line.text)
        if value is not None and sets is None:
            sets = value
            b.place(line)
        elif values.is_free(line.text):
            b.place(line)
        else:
            b.ask("dossier_sets", line)
    cases = [_case_data(b, case) for case in root.cases]
    return _groups(root), [c for c in cases if c], notes, sets


def _detail(document: dict[str, Any], line: Line) -> None:
    document["note"] = (document["note"] + "\n" if "note" in document else "") + line.text.strip()


def _document(case: _Case, text: str, line: Line) -> dict[str, Any]:
    name, exceptions = values.split_exceptions(text.rstrip(";"))
    name = name.strip().rstrip(";,")
    original, copy = values.document_counts(name)
    # A count the decision does not give is not stated (never a guessed 1 or 0).
    document: dict[str, Any] = {
        "name": name,
        "original": NOT_STATED if original is None else original,
        "copy": NOT_STATED if copy is None else copy,
    }
    forms = values.form_names(text)
    if forms:
        document["form"] = {"name": forms[0]}
    if exceptions:
        document["exceptions"] = exceptions
    group = case.group() if not case.groups else case.groups[-1]
    folded = fold(name)
    for existing in group["items"]:
        if fold(existing["name"]) == folded:
            _detail(existing, line)
            same: dict[str, Any] = existing
            return same
    group["items"].append(document)
    return document


def _groups(case: _Case) -> list[dict[str, Any]]:
    return [g for g in case.groups if g["items"]]


def _case_data(b: _Builder, case: _Case) -> dict[str, Any] | None:
    children = [c for c in (_case_data(b, sub) for sub in case.cases) if c]
    groups = _groups(case)
    if not groups and not children and not case.notes:
        if case.line is not None:
            b.placed.discard(case.line.number)
            b.ask("documents", case.line)
        return None
    data: dict[str, Any] = {"title": case.title}
    if groups:
        data["documents"] = groups
    if children:
        data["cases"] = children
    if case.notes:
        data["notes"] = case.notes
    return data


def counts(drafts: list[Draft]) -> Counter[str]:
    """How many drafts have each field filled."""
    found: Counter[str] = Counter()
    for draft in drafts:
        found.update(key for key, value in draft.data.items() if value not in (None, [], {}))
    return found
