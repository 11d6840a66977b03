"""Bad inputs that are valid YAML of the right shape but state wrong facts: links that lead
elsewhere, lists that repeat themselves, zeros, dates in the future, fee schedules that contradict
themselves, impossible mergers and opening hours, addresses that are not addresses, and files that
would silently not be read. Each is reported with its code at its place (issue 11, finding 11).

The cases are grouped by topic; within a topic, first the mistakes a tired clerk makes, then the
ones an attacker would try."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.content import load_content

from .helpers import AGENCIES, COMMUNE, FEE, LEGAL, PROCEDURE, SITE, STATS, TODAY, line_of, write_tree
from .test_bad_inputs import C, Case, F, P, case, check, sub

S = "stats/2018-q1.yaml"
URL = "  url: https://dichvucong.gov.vn/"
XUAT_TRINH = "  - group: xuat_trinh\n    items:\n      - name: Căn cước của người đi đăng ký\n        original: 0\n        copy: 0\n"
IN_FORCE_REDUCTION = "      - {percent: 50, valid_from: 2025-07-01, valid_until: 2026-12-31}\n"
REDUCTIONS = '    legal_basis: ["226/2016/TT-BTC"]'


def online_url(name: str, url: str, code: str) -> Case:
    return case(name, P, PROCEDURE, URL, f"  url: '{url}'", code)


def email(name: str, file: str, base: str, old: str, new: str) -> Case:
    return case(name, file, base, old, new, "bad-email", "email:")


def reductions(name: str, rows: str, code: str, needle: str) -> Case:
    return case(name, F, FEE, REDUCTIONS, REDUCTIONS + "\n    online_reductions:\n" + rows, code, needle)


def agencies(name: str, old: str, new: str, code: str, needle: str | None = None) -> Case:
    return case(name, "agencies.yaml", AGENCIES, old, new, code, needle)


def other_commune(commune_id: str, extra: str = "") -> str:
    body = sub(COMMUNE, "id: xa-vu-ninh", f"id: {commune_id}")
    return sub(body, "name: Vũ Ninh", f"name: Xã {commune_id}") + extra


FORM_NFD = unicodedata.normalize("NFD", "forms/tờ-khai-đăng-ký.docx")
PROCEDURE_NFD = unicodedata.normalize("NFD", "procedures/1.001193-đăng-ký-khai-sinh.yaml")
DOCX = b"PK\x05\x06" + b"\x00" * 18

CASES = [
    # --- Online links: the address citizens submit their dossiers (and personal data) to ---
    online_url("online link over http", "http://dichvucong.gov.vn/", "online-not-https"),
    online_url("online link with upper-case HTTP", "HTTP://dichvucong.gov.vn/", "online-not-https"),
    online_url(
        "online link to a provincial portal over http", "http://dichvucong.thaibinh.gov.vn/", "online-not-https"
    ),
    online_url("online link with a look-alike userinfo", "https://dichvucong.gov.vn@evil.example/", "deceptive-url"),
    online_url("online link with user and password", "https://admin:matkhau@dichvucong.gov.vn/", "deceptive-url"),
    online_url("online link with a port as userinfo", "https://dichvucong.gov.vn:443@evil.example/", "deceptive-url"),
    online_url(
        "online link with gov.vn inside another host", "https://dichvucong.gov.vn.evil.example/", "deceptive-url"
    ),
    online_url("online link with -gov.vn look-alike", "https://dichvucong-gov.vn/", "deceptive-url"),
    online_url("online link with a Cyrillic o", "https://dichvucong.g\u043ev.vn/", "deceptive-url"),
    online_url("online link with Vietnamese letters in the host", "https://dịchvụcông.gov.vn/", "deceptive-url"),
    online_url(
        "online link with a punycode host",
        "https://" + "dịchvụcông.gov.vn".encode("idna").decode("ascii") + "/",
        "deceptive-url",
    ),
    online_url("online link with a full-width dot", "https://dichvucong.gov\uff0evn/", "deceptive-url"),
    online_url("online link with a backslash before @", "https://evil.example\\@dichvucong.gov.vn/", "deceptive-url"),
    online_url(
        "online link with a backslash in the host", "https://evil.example\\.dichvucong.gov.vn/", "deceptive-url"
    ),
    online_url("online link with a percent-encoded host", "https://dichvucong%2Egov.vn/", "deceptive-url"),
    online_url("online link outside gov.vn", "https://dichvucong-thaibinh.vn/", "online-not-gov"),
    online_url("online link to a bare IP address", "https://203.0.113.7/dvc/", "online-not-gov"),
    online_url("online link to a commercial host", "https://thutuc.example.com/nop-ho-so", "online-not-gov"),
    case(
        "source link with userinfo",
        P,
        PROCEDURE,
        "last_reviewed: 2026-09-01",
        'last_reviewed: 2026-09-01\nsource:\n  url: "https://csdl.dichvucong.gov.vn@evil.example/1.001193"\n'
        "  retrieved: 2026-09-01",
        "deceptive-url",
        '  url: "https://csdl',
    ),
    case(
        "legal text link with userinfo",
        "legal.yaml",
        LEGAL,
        "    date: 2014-11-20",
        '    date: 2014-11-20\n    url: "https://vbpl.vn@evil.example/luat-ho-tich"',
        "deceptive-url",
        "    url:",
    ),
    case(
        "site contact link with userinfo",
        "site.yaml",
        SITE,
        'contact: {address: "Số 1 đường Thử", ',
        'contact: {url: "https://kienxuong.gov.vn:x@evil.example/", address: "Số 1 đường Thử", ',
        "deceptive-url",
    ),
    case(
        "feedback link with gov.vn inside another host",
        "site.yaml",
        SITE,
        "feedback: {address: ",
        'feedback: {url: "https://kienxuong.gov.vn.evil.example/", address: ',
        "deceptive-url",
    ),
    # --- E-mail addresses: published as mailto: links ---
    email("commune e-mail without @", C, COMMUNE, "type: xa", "type: xa\nemail: motcua.vuninh"),
    email("commune e-mail with mailto:", C, COMMUNE, "type: xa", "type: xa\nemail: mailto:motcua@vuninh.gov.vn"),
    email("commune e-mail with spaces", C, COMMUNE, "type: xa", "type: xa\nemail: motcua @ vuninh.gov.vn"),
    email("commune e-mail with Vietnamese letters", C, COMMUNE, "type: xa", "type: xa\nemail: mộtcửa@vuninh.gov.vn"),
    email("commune phone number in the e-mail field", C, COMMUNE, "type: xa", 'type: xa\nemail: "0227 3821 234"'),
    email(
        "two e-mail addresses in one field",
        "site.yaml",
        SITE,
        'contact: {address: "Số 1 đường Thử", ',
        'contact: {email: "a@thu.gov.vn; b@thu.gov.vn", address: "Số 1 đường Thử", ',
    ),
    email(
        "feedback e-mail with a display name",
        "site.yaml",
        SITE,
        "email: phananh@example.gov.vn",
        'email: "Văn phòng <phananh@example.gov.vn>"',
    ),
    email(
        "feedback e-mail without a domain dot",
        "site.yaml",
        SITE,
        "email: phananh@example.gov.vn",
        "email: phananh@localhost",
    ),
    email(
        "feedback e-mail with two @",
        "site.yaml",
        SITE,
        "email: phananh@example.gov.vn",
        "email: phananh@@example.gov.vn",
    ),
    email(
        "feedback e-mail ending in a dot",
        "site.yaml",
        SITE,
        "email: phananh@example.gov.vn",
        "email: phananh@example.gov.vn.",
    ),
    email(
        "agency e-mail with injected headers",
        "agencies.yaml",
        AGENCIES,
        "    level: xa",
        "    level: xa\n    email: tuphap@thu.gov.vn?cc=all@evil.example&body=x",
    ),
    email(
        "agency e-mail as a javascript: link",
        "agencies.yaml",
        AGENCIES,
        "    level: xa",
        "    level: xa\n    email: javascript:alert(1)",
    ),
    # --- Lists that repeat an entry ---
    Case(
        "related procedure listed twice",
        P,
        sub(
            PROCEDURE,
            "keywords: [làm giấy khai sinh]",
            'keywords: [làm giấy khai sinh]\nrelated:\n  - "1.000656"\n  - "1.000656"',
        ),
        "duplicate-item",
        line_of(PROCEDURE, "keywords:") + 3,
        {
            "procedures/1.000656-dang-ky-khai-tu.yaml": sub(
                sub(PROCEDURE, '"1.001193"', '"1.000656"'), "Đăng ký khai sinh", "Đăng ký khai tử"
            )
        },
    ),
    Case(
        "channel mode listed twice",
        P,
        sub(
            PROCEDURE, "  - mode: truc_tuyen", "  - mode: truc_tiep\n    time: {working_days: 3}\n  - mode: truc_tuyen"
        ),
        "duplicate-item",
        line_of(PROCEDURE, "  - mode: truc_tuyen"),
    ),
    Case(
        "channel mode twice with the same description",
        P,
        sub(
            sub(
                PROCEDURE,
                "    fees: [phi-chung-thuc-ban-sao]",
                "    fees: [phi-chung-thuc-ban-sao]\n    description: Tại Bộ phận Một cửa",
            ),
            "  - mode: truc_tuyen",
            "  - mode: truc_tiep\n    description: Tại Bộ phận Một cửa\n    time: {working_days: 3}\n  - mode: truc_tuyen",
        ),
        "duplicate-item",
        line_of(PROCEDURE, "  - mode: truc_tuyen") + 1,
    ),
    case(
        "fee referenced twice in a channel",
        P,
        PROCEDURE,
        "    fees: [phi-chung-thuc-ban-sao]",
        "    fees: [phi-chung-thuc-ban-sao, phi-chung-thuc-ban-sao]",
        "duplicate-item",
    ),
    case(
        "fee referenced twice, once with a note",
        P,
        PROCEDURE,
        "    fees: [phi-chung-thuc-ban-sao]",
        "    fees:\n      - phi-chung-thuc-ban-sao\n      - fee: phi-chung-thuc-ban-sao\n        note: tính theo trang",
        "duplicate-item",
        "      - fee: phi",
    ),
    Case(
        "featured procedure listed twice",
        "site.yaml",
        SITE + 'featured: ["1.001193", "1.001193"]\n',
        "duplicate-item",
        line_of(SITE + "featured:", "featured:"),
    ),
    case(
        "weekday twice in office hours",
        C,
        COMMUNE,
        "  - weekdays: [t2, t3, t4, t5, t6]",
        "  - weekdays: [t2, t3, t4, t5, t6, t2]",
        "duplicate-item",
    ),
    case(
        "weekday twice in the duty roster",
        C,
        COMMUNE,
        "    weekdays: [t2, t4]",
        "    weekdays: [t2, t4, t4]",
        "duplicate-item",
    ),
    case("weekday twice in reception", C, COMMUNE, "    weekdays: [t5]", "    weekdays: [t5, t5]", "duplicate-item"),
    case("level listed twice", P, PROCEDURE, "levels: [xa]", "levels: [xa, xa]", "duplicate-item"),
    case(
        "executing agency listed twice",
        P,
        PROCEDURE,
        "  executing: [ubnd-xa]",
        "  executing: [ubnd-xa, ubnd-xa]",
        "duplicate-item",
    ),
    case(
        "coordinating agency listed twice",
        P,
        PROCEDURE,
        "  deciding: ubnd-xa",
        "  deciding: ubnd-xa\n  coordinating: [phong-tu-phap, phong-tu-phap]",
        "duplicate-item",
        "coordinating",
    ),
    case(
        "applicant listed twice",
        P,
        PROCEDURE,
        "applicants: [Công dân Việt Nam]",
        "applicants: [Công dân Việt Nam, công dân Việt Nam]",
        "duplicate-item",
    ),
    case(
        "keyword listed twice",
        P,
        PROCEDURE,
        "keywords: [làm giấy khai sinh]",
        "keywords: [làm giấy khai sinh, Làm giấy khai sinh]",
        "duplicate-item",
    ),
    case(
        "legal basis cited twice",
        P,
        PROCEDURE,
        'legal_basis: ["60/2014/QH13"]',
        'legal_basis: ["60/2014/QH13", {doc: "60/2014/QH13"}]',
        "duplicate-item",
    ),
    case(
        "fee legal basis cited twice",
        F,
        FEE,
        '    legal_basis: ["226/2016/TT-BTC"]',
        '    legal_basis: ["226/2016/TT-BTC", "226/2016/TT-BTC"]',
        "duplicate-item",
    ),
    case(
        "document listed twice in a group",
        P,
        PROCEDURE,
        "        condition: Trường hợp sinh tại cơ sở y tế",
        "        condition: Trường hợp sinh tại cơ sở y tế\n      - name: Tờ khai đăng ký khai sinh\n        original: 1\n        copy: 0",
        "duplicate-item",
        "      - name: Tờ khai đăng ký khai sinh\n        original: 1\n        copy: 0\nresult",
    ),
    case(
        "duty date listed twice",
        C,
        COMMUNE,
        "    weekdays: [t2, t4]\n",
        "    weekdays: [t2, t4]\n    dates: [2026-12-05, 2026-12-05]\n",
        "duplicate-item",
        "    dates:",
    ),
    case(
        "reception date listed twice",
        C,
        COMMUNE,
        "    weekdays: [t5]",
        "    dates: [2026-12-15, 2026-12-15]",
        "duplicate-item",
    ),
    case(
        "reception day of month listed twice",
        C,
        COMMUNE,
        "    weekdays: [t5]",
        "    month_days: [15, 15]",
        "duplicate-item",
    ),
    case(
        "reception hours listed twice",
        C,
        COMMUNE,
        '    hours: ["07:30-11:00"]',
        '    hours: ["07:30-11:00", "07:30-11:00"]',
        "duplicate-item",
    ),
    Case(
        "exemption listed twice",
        F,
        FEE + "exemptions:\n  - who: Người có công với cách mạng\n  - who: Người có công với cách mạng\n",
        "duplicate-item",
        line_of(FEE + "exemptions:", "exemptions:") + 2,
    ),
    Case(
        "former unit listed twice in a merger",
        C,
        COMMUNE + "history:\n  - date: 2025-07-01\n    decision: 1673/NQ-UBTVQH15\n    formed_from:\n"
        "      - name: xã Vũ Ninh\n      - name: xã Vũ An\n      - name: xã Vũ Ninh\n",
        "duplicate-item",
        line_of(COMMUNE + "history:", "history:") + 6,
    ),
    Case(
        "stats field listed twice",
        S,
        STATS.replace("  - field: chung-thuc", "  - field: ho-tich"),
        "duplicate-item",
        line_of(STATS, "  - field: chung-thuc"),
    ),
    Case(
        "stats commune listed twice",
        S,
        STATS + "by_commune:\n  - commune: xa-vu-ninh\n    received_new: 1\n    resolved_early: 1\n"
        "  - commune: xa-vu-ninh\n    received_new: 1\n    resolved_early: 1\n",
        "duplicate-item",
        line_of(
            STATS + "by_commune:\n  - commune: xa-vu-ninh\n    received_new: 1\n    resolved_early: 1\n  - c",
            "  - c",
            2,
        ),
    ),
    # --- Zeros and counts that cannot be ---
    case("zero working days", P, PROCEDURE, "      working_days: 1", "      working_days: 0", "zero-value"),
    case("zero calendar days", P, PROCEDURE, "      working_days: 1", "      calendar_days: 0", "zero-value"),
    case("zero working hours", P, PROCEDURE, "      working_days: 1", "      working_hours: 0", "zero-value"),
    case(
        "zero dossier sets",
        P,
        PROCEDURE,
        "result: Giấy khai sinh",
        "dossier_sets: 0\nresult: Giấy khai sinh",
        "zero-value",
    ),
    case(
        "document handed in with no original and no copy",
        P,
        PROCEDURE,
        "        original: 1\n        copy: 0\n        form",
        "        original: 0\n        copy: 0\n        form",
        "nothing-to-submit",
        "        original: 0",
    ),
    case(
        "second document handed in with no original and no copy",
        P,
        PROCEDURE,
        "        original: 1\n        copy: 0\n        condition",
        "        original: 0\n        copy: 0\n        condition",
        "nothing-to-submit",
        "        original: 0",
    ),
    case("commune population zero", C, COMMUNE, "type: xa", "type: xa\npopulation: 0", "zero-value", "population"),
    Case(
        "former unit population zero",
        C,
        COMMUNE + "history:\n  - date: 2025-07-01\n    decision: 1673/NQ-UBTVQH15\n    formed_from:\n"
        "      - {name: xã Vũ An, population: 0}\n",
        "zero-value",
        line_of(COMMUNE + "history:", "history:") + 4,
    ),
    case(
        "satisfaction surveyed nobody",
        S,
        STATS,
        "by_field:",
        "satisfaction: {surveyed: 0, satisfied: 0}\nby_field:",
        "zero-value",
        "satisfaction",
    ),
    # --- Fee schedules that contradict themselves ---
    case("fee cap below a tier amount", F, FEE, "      cap: 200000", "      cap: 1500", "fee-cap"),
    case("fee cap of zero", F, FEE, "      cap: 200000", "      cap: 0", "fee-cap"),
    case(
        "fee cap below the last tier",
        F,
        FEE,
        "        - {from: 3, amount: 1000}\n      cap: 200000",
        "        - {from: 3, amount: 300000}\n      cap: 200000",
        "fee-cap",
        "      cap:",
    ),
    case(
        "bounded last tier",
        F,
        FEE,
        "        - {from: 3, amount: 1000}",
        "        - {from: 3, to: 200, amount: 1000}",
        "tier-order",
    ),
    case(
        "single bounded tier",
        F,
        FEE,
        "        - {from: 1, to: 2, amount: 2000}\n        - {from: 3, amount: 1000}",
        "        - {from: 1, to: 10, amount: 2000}",
        "tier-order",
        "        - {from: 1, to: 10",
    ),
    reductions(
        "overlapping online reductions",
        IN_FORCE_REDUCTION + "      - {percent: 100, valid_from: 2026-01-01}\n",
        "fee-overlap",
        "      - {percent: 100",
    ),
    reductions(
        "two open-ended online reductions",
        "      - {percent: 50}\n      - {percent: 30}\n",
        "fee-overlap",
        "      - {percent: 30}",
    ),
    reductions(
        "online reduction ending before its schedule starts",
        "      - {percent: 50, valid_from: 2015-01-01, valid_until: 2016-06-30}\n",
        "outside-validity",
        "      - {percent: 50",
    ),
    # --- Dates in the future ---
    case(
        "last reviewed in the future",
        P,
        PROCEDURE,
        "last_reviewed: 2026-09-01",
        "last_reviewed: 2027-09-01",
        "future-date",
    ),
    case(
        "last reviewed tomorrow", P, PROCEDURE, "last_reviewed: 2026-09-01", "last_reviewed: 2026-11-28", "future-date"
    ),
    case(
        "source retrieved in the future",
        P,
        PROCEDURE,
        "last_reviewed: 2026-09-01",
        "last_reviewed: 2026-09-01\nsource:\n  url: https://dichvucong.gov.vn/\n  retrieved: 2062-09-01",
        "future-date",
        "  retrieved",
    ),
    case(
        "legal text issued in the future",
        "legal.yaml",
        LEGAL,
        "    date: 2014-11-20",
        "    date: 2041-11-20",
        "future-date",
    ),
    Case(
        "stats for a quarter not yet begun",
        "stats/2027-q1.yaml",
        sub(STATS, "period: 2018-Q1", "period: 2027-Q1"),
        "future-date",
        1,
    ),
    # --- Duty and reception rosters ---
    case(
        "duty date after its validity",
        C,
        COMMUNE,
        "    weekdays: [t2, t4]\n",
        "    valid_from: 2026-01-01\n    valid_until: 2026-06-30\n    dates: [2026-07-04]\n",
        "outside-validity",
        "    dates:",
    ),
    case(
        "duty date before its validity",
        C,
        COMMUNE,
        "    weekdays: [t2, t4]\n",
        "    weekdays: [t2]\n    valid_from: 2026-01-01\n    dates:\n      - 2026-02-07\n      - 2025-12-27\n",
        "outside-validity",
        "      - 2025-12-27",
    ),
    case(
        "reception date outside its validity",
        C,
        COMMUNE,
        "    weekdays: [t5]",
        "    valid_until: 2026-06-30\n    dates: [2026-12-15]",
        "outside-validity",
        "    dates:",
    ),
    # --- Office hours ---
    case(
        "morning and afternoon swapped",
        C,
        COMMUNE,
        '    morning: "07:00-11:30"\n    afternoon: "13:30-17:00"',
        '    morning: "13:30-17:00"\n    afternoon: "07:00-11:30"',
        "hours-order",
        "    afternoon",
    ),
    case(
        "morning and afternoon overlapping",
        C,
        COMMUNE,
        '    afternoon: "13:30-17:00"',
        '    afternoon: "11:00-17:00"',
        "hours-order",
    ),
    case(
        "reception hours overlapping",
        C,
        COMMUNE,
        '    hours: ["07:30-11:00"]',
        '    hours: ["07:30-11:00", "10:00-11:30"]',
        "hours-order",
    ),
    case(
        "closure open hours overlapping",
        C,
        COMMUNE,
        "    reason: Nghỉ Tết Dương lịch",
        '    reason: Làm việc buổi sáng\n    open_hours: ["07:30-11:30", "11:00-12:00"]',
        "hours-order",
        "    open_hours",
    ),
    case(
        "weekday in two office-hour blocks",
        C,
        COMMUNE,
        "  - weekdays: [t7]",
        "  - weekdays: [t6, t7]",
        "weekday-twice",
    ),
    case(
        "weekday in two blocks split into morning and afternoon",
        C,
        COMMUNE,
        '  - weekdays: [t7]\n    morning: "07:30-11:30"',
        '  - weekdays: [t7]\n    morning: "07:30-11:30"\n  - weekdays: [t7]\n    afternoon: "13:30-16:30"',
        "weekday-twice",
        "  - weekdays: [t7]\n    afternoon",
    ),
    # --- Mergers of communes ---
    case(
        "commune merged into itself",
        C,
        COMMUNE,
        "type: xa",
        "type: xa\nmerged_into: xa-vu-ninh\nmerged_on: 2025-07-01",
        "self-reference",
        "merged_into",
    ),
    case(
        "merge date without a target",
        C,
        COMMUNE,
        "type: xa",
        "type: xa\nmerged_on: 2025-07-01",
        "merged-without-target",
        "merged_on",
    ),
    Case(
        "merge target without a date",
        C,
        sub(COMMUNE, "type: xa", "type: xa\nmerged_into: xa-vu-an"),
        "merged-without-date",
        line_of(COMMUNE, "type: xa") + 1,
        {"communes/xa-vu-an.yaml": other_commune("xa-vu-an")},
    ),
    Case(
        "two communes merged into each other",
        C,
        sub(COMMUNE, "type: xa", "type: xa\nmerged_into: xa-vu-an\nmerged_on: 2025-07-01"),
        "self-reference",
        line_of(COMMUNE, "type: xa") + 1,
        {"communes/xa-vu-an.yaml": other_commune("xa-vu-an", "merged_into: xa-vu-ninh\nmerged_on: 2025-07-01\n")},
    ),
    Case(
        "merged into a commune that was merged too",
        C,
        sub(COMMUNE, "type: xa", "type: xa\nmerged_into: xa-vu-an\nmerged_on: 2025-07-01"),
        "reference-not-in-force",
        line_of(COMMUNE, "type: xa") + 1,
        {
            "communes/xa-vu-an.yaml": other_commune("xa-vu-an", "merged_into: xa-moi\nmerged_on: 2025-07-01\n"),
            "communes/xa-moi.yaml": other_commune("xa-moi"),
        },
    ),
    # --- Agencies ---
    agencies(
        "agency replaced by itself",
        "    level: xa",
        "    level: xa\n    replaced_by: ubnd-xa",
        "self-reference",
        "replaced_by",
    ),
    Case(
        "two agencies replaced by each other",
        "agencies.yaml",
        sub(AGENCIES, "    level: xa\n", "    level: xa\n    replaced_by: phong-tu-phap\n")
        + "    replaced_by: ubnd-xa\n",
        "self-reference",
        line_of(AGENCIES, "    level: xa") + 1,
    ),
    Case(
        "procedure handled by an agency that no longer exists",
        P,
        PROCEDURE,
        "reference-not-in-force",
        line_of(PROCEDURE, "  executing: [ubnd-xa]"),
        {
            "agencies.yaml": sub(
                AGENCIES,
                "    level: xa\n",
                "    level: xa\n    valid_until: 2025-06-30\n    replaced_by: phong-tu-phap\n",
            )
        },
    ),
    # --- Other references to records that are not in force ---
    Case(
        "related procedure is itself",
        P,
        sub(PROCEDURE, "keywords: [làm giấy khai sinh]", 'keywords: [làm giấy khai sinh]\nrelated: ["1.001193"]'),
        "self-reference",
        line_of(PROCEDURE, "keywords:") + 1,
    ),
    Case(
        "featured procedure is repealed",
        "site.yaml",
        SITE + 'featured: ["1.001193"]\n',
        "reference-not-in-force",
        line_of(SITE + "featured:", "featured:"),
        {P: sub(PROCEDURE, "last_reviewed: 2026-09-01", "last_reviewed: 2026-09-01\nstatus: bai_bo")},
    ),
    # --- Results of dossier handling ---
    case(
        "more satisfied than surveyed",
        S,
        STATS,
        "by_field:",
        "satisfaction:\n  surveyed: 1200\n  satisfied: 1210\nby_field:",
        "stats-sum",
        "  satisfied",
    ),
    Case("stats file named after another quarter", "stats/2018-q2.yaml", STATS, "period-file-name", 1, {S: None}),
    Case("stats file named after another year", "stats/2019-q1.yaml", STATS, "period-file-name", 1, {S: None}),
    # --- Files that would not be read ---
    Case("procedure saved as .YAML", "procedures/1.000656-dang-ky-khai-tu.YAML", PROCEDURE, "unread-file", 0),
    Case("procedure saved as .yaml.txt", "procedures/1.000656-dang-ky-khai-tu.yaml.txt", PROCEDURE, "unread-file", 0),
    Case("procedure backup .yaml.bak", "procedures/1.000656-dang-ky-khai-tu.yaml.bak", PROCEDURE, "unread-file", 0),
    Case("editor backup file ending in ~", "fees/phi-chung-thuc-ban-sao.yaml~", FEE, "unread-file", 0),
    Case("fee saved as JSON", "fees/le-phi.json", '{"id": "le-phi"}', "unread-file", 0),
    Case("procedure in a subfolder", "procedures/ho-tich/1.000656-dang-ky-khai-tu.yaml", PROCEDURE, "unread-file", 0),
    Case("procedure at the content root", "1.000656-dang-ky-khai-tu.yaml", PROCEDURE, "unread-file", 0),
    Case("folder name with a capital letter", "Procedures/1.000656-dang-ky-khai-tu.yaml", PROCEDURE, "unread-file", 0),
    Case("misspelt folder", "procedure/1.000656-dang-ky-khai-tu.yaml", PROCEDURE, "unread-file", 0),
    Case("site settings saved as site.yml", "site.yml", SITE, "unread-file", 0, {"site.yaml": None}),
    Case("office document at the content root", "ghi-chu.docx", DOCX, "unknown-file", 0),
    Case("form file name in decomposed Unicode", FORM_NFD, DOCX, "file-name-not-nfc", 0),
    Case("procedure file name in decomposed Unicode", PROCEDURE_NFD, PROCEDURE, "file-name-not-nfc", 0, {P: None}),
]


@pytest.mark.parametrize("bad", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_at_its_place(tmp_path: Path, bad: Case) -> None:
    check(tmp_path, bad)


def _problems(tmp_path: Path, overrides: dict[str, str | bytes | None]) -> set[tuple[str, str]]:
    _, problems = load_content(write_tree(tmp_path, overrides), TODAY)
    return {(p.code, p.file) for p in problems}


@pytest.mark.parametrize(
    ("name", "overrides"),
    [
        (
            "a document only shown (xuất trình) has no original and no copy",
            {P: PROCEDURE.replace("result:", XUAT_TRINH + "result:", 1)},
        ),
        (
            "morning ending when the afternoon starts",
            {C: sub(COMMUNE, '    afternoon: "13:30-17:00"', '    afternoon: "11:30-17:00"')},
        ),
        (
            "the same channel twice for two different cases",
            {
                P: sub(
                    sub(
                        PROCEDURE,
                        "    fees: [phi-chung-thuc-ban-sao]",
                        "    fees: [phi-chung-thuc-ban-sao]\n    description: Đăng ký đúng hạn",
                    ),
                    "  - mode: truc_tuyen",
                    "  - mode: truc_tiep\n    description: Đăng ký quá hạn\n    time: {working_days: 3}\n  - mode: truc_tuyen",
                )
            },
        ),
        (
            "an online link to a provincial portal",
            {P: sub(PROCEDURE, URL, "  url: https://dichvucong.thaibinh.gov.vn:8443/dvc")},
        ),
        ("an online link with a trailing dot", {P: sub(PROCEDURE, URL, "  url: https://dichvucong.gov.vn./")}),
        ("a stats file named in upper case", {S: None, "stats/2018-Q1.yaml": STATS}),
        ("a stats file with a description after the period", {S: None, "stats/2018-q1-bao-cao-quy-1.yaml": STATS}),
        (
            "hidden and system files",
            {".gitkeep": "", "procedures/.gitkeep": "", "forms/Thumbs.db": b"x", "desktop.ini": "x"},
        ),
        (
            "forms in a subfolder",
            {
                "forms/ho-tich/to-khai-2.docx": DOCX,
                "forms/to-khai.docx": None,
                P: sub(PROCEDURE, "form: to-khai.docx", "form: ho-tich/to-khai-2.docx"),
            },
        ),
        ("reviewed today", {P: sub(PROCEDURE, "last_reviewed: 2026-09-01", "last_reviewed: 2026-11-27")}),
        (
            "an e-mail with a plus and a subdomain",
            {C: sub(COMMUNE, "type: xa", "type: xa\nemail: mot-cua+hotich@vuninh.kienxuong.gov.vn")},
        ),
    ],
)
def test_legitimate_content_is_not_reported(
    tmp_path: Path, name: str, overrides: dict[str, str | bytes | None]
) -> None:
    assert _problems(tmp_path, overrides) == set(), name
