"""Model rules and the fee calculator, tested against the legal examples."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator import model as m
from generator.problems import CATALOGUE, Severity

COPY_FEE = m.Fee.model_validate(
    {
        "id": "phi-chung-thuc-ban-sao",
        "name": "Phí chứng thực bản sao từ bản chính",
        "kind": "phi",
        "set_by": "Bộ Tài chính",
        "versions": [
            {
                "valid_from": dt.date(2017, 1, 1),
                "rule": "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang; tối đa 200.000 đồng/bản",
                "per": "bản",
                "per_unit": {
                    "unit": "trang",
                    "tiers": [{"from": 1, "to": 2, "amount": 2000}, {"from": 3, "amount": 1000}],
                    "cap": 200000,
                },
            }
        ],
    }
)
ON = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("pages", "amount"),
    [(1, 2_000), (2, 4_000), (3, 5_000), (5, 7_000), (100, 102_000), (198, 200_000), (199, 200_000), (250, 200_000)],
)
def test_copy_certification_fee_follows_circular_226(pages: int, amount: int) -> None:
    # TT 226/2016/TT-BTC Điều 4: 2.000 đ/trang for pages 1–2, 1.000 đ from page 3, at most 200.000 đ a copy.
    assert COPY_FEE.compute(ON, quantity=pages) == amount


def test_fee_cap_applies_per_copy() -> None:
    assert COPY_FEE.compute(ON, quantity=250, copies=3) == 600_000
    assert COPY_FEE.compute(ON, quantity=5, copies=2) == 14_000


def test_no_fee_before_the_schedule_starts() -> None:
    assert COPY_FEE.compute(dt.date(2016, 12, 31), quantity=1) is None


def _fee(versions: list[dict[str, object]]) -> m.Fee:
    return m.Fee.model_validate(
        {"id": "le-phi", "name": "Lệ phí", "kind": "le_phi", "set_by": "HĐND tỉnh", "versions": versions}
    )


def test_fee_changes_on_its_effective_date() -> None:
    fee = _fee(
        [
            {"valid_until": dt.date(2026, 12, 31), "amount": 100_000, "rule": "cũ"},
            {"valid_from": dt.date(2027, 1, 1), "amount": 120_000, "rule": "mới"},
        ]
    )
    assert fee.compute(dt.date(2026, 12, 31)) == 100_000
    assert fee.compute(dt.date(2027, 1, 1)) == 120_000


def test_online_reduction_only_within_its_period() -> None:
    fee = _fee(
        [
            {
                "amount": 100_000,
                "rule": "100.000 đồng",
                "online_reductions": [
                    {"percent": 50, "valid_from": dt.date(2025, 7, 1), "valid_until": dt.date(2026, 12, 31)}
                ],
            }
        ]
    )
    assert fee.compute(ON, online=True) == 50_000
    assert fee.compute(ON, online=False) == 100_000
    assert fee.compute(dt.date(2027, 1, 1), online=True) == 100_000
    assert fee.compute(dt.date(2025, 6, 30), online=True) == 100_000


def test_free_fee_is_zero() -> None:
    assert _fee([{"amount": 0, "rule": "Miễn"}]).compute(ON) == 0


def _errors(model: type[m.Model], data: object) -> list[tuple[str, tuple[object, ...]]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["type"], tuple(e["loc"])) for e in info.value.errors()]


def test_amount_written_with_thousands_dot_is_rejected() -> None:
    assert ("not-integer-amount", ("versions", 0, "amount")) in _errors(
        m.Fee, {"id": "x", "name": "x", "kind": "phi", "set_by": "x", "versions": [{"amount": 50.0, "rule": "x"}]}
    )


def test_booleans_are_not_amounts() -> None:
    assert _errors(m.Tier, {"from": 1, "amount": True})[0][0] == "int_type"


def test_time_ranges_are_normalised() -> None:
    hours = m.OfficeHours.model_validate({"weekdays": ["t2"], "morning": "7h30 - 11:30", "afternoon": "13g30-17g00"})
    assert (hours.morning, hours.afternoon) == ("07:30-11:30", "13:30-17:00")


def test_processing_time_needs_exactly_one_way() -> None:
    assert m.ProcessingTime.model_validate({"text": "Theo quy định"}).text == "Theo quy định"
    assert _errors(m.ProcessingTime, {})[0][0] == "one-of"
    assert _errors(m.ProcessingTime, {"working_days": 3, "same_day": True})[0][0] == "one-of"
    assert m.ProcessingTime.model_validate({"same_day": True, "cutoff": "9:00"}).cutoff == "09:00"


def test_shorthands_become_full_shapes() -> None:
    step = m.Step.model_validate("Nộp hồ sơ")
    assert step.text == "Nộp hồ sơ" and step.title is None
    assert m.FeeRef.model_validate("le-phi").fee == "le-phi"
    assert m.Form.model_validate("to-khai.docx").file == "to-khai.docx"
    assert m.LegalCitation.model_validate("60/2014/QH13").doc == "60/2014/QH13"


@pytest.mark.parametrize(
    "path", ["../x.docx", "/etc/passwd", "a/../../b", "C:\\x.docx", "a//b", "./x", "~/x", "https://x/y.docx"]
)
def test_form_paths_cannot_leave_the_forms_folder(path: str) -> None:
    assert _errors(m.Form, {"file": path})[0][0] == "bad-form-path"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "ftp://x", "//x.vn", "https:// x", "vbscript:x"]
)
def test_only_web_urls_are_accepted(url: str) -> None:
    assert _errors(m.Online, {"level": "toan_trinh", "url": url})[0][0] == "bad-url"


def test_strings_are_stripped_and_must_not_be_blank() -> None:
    assert m.Sector.model_validate({"id": "ho-tich", "name": "  Hộ tịch "}).name == "Hộ tịch"
    assert _errors(m.Sector, {"id": "ho-tich", "name": "   "})[0][0] == "string_too_short"


def test_validity_is_inclusive() -> None:
    agency = m.Agency.model_validate(
        {"id": "a", "name": "A", "level": "xa", "valid_from": dt.date(2025, 1, 1), "valid_until": dt.date(2025, 6, 30)}
    )
    assert agency.in_force(dt.date(2025, 1, 1)) and agency.in_force(dt.date(2025, 6, 30))
    assert not agency.in_force(dt.date(2025, 7, 1)) and not agency.in_force(dt.date(2024, 12, 31))


def test_today_is_taken_in_the_sites_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 01:00 in Hà Nội it is still yesterday in UTC: the site describes Hà Nội's day."""
    import datetime as dt

    from generator import settings

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Clock:
            moment = dt.datetime(2026, 12, 31, 18, 0, tzinfo=dt.UTC)  # 01:00 on 1 January in UTC+7
            return cls.fromtimestamp(moment.timestamp(), tz)

    monkeypatch.delenv(settings.DATE_ENV, raising=False)
    monkeypatch.setattr(settings.dt, "datetime", Clock)
    assert settings.build_date() == dt.date(2027, 1, 1)
    assert settings.build_date("UTC") == dt.date(2026, 12, 31)


def test_unknown_time_zone_is_refused() -> None:
    assert ("bad-format", ("time_zone",)) in _errors(m.Site, {"time_zone": "Asia/Hanoi"})


# Rules about facts (issue 11): what the models refuse, and the legitimate values next to them.


@pytest.mark.parametrize(
    "url",
    [
        "https://dichvucong.gov.vn/",
        "https://dichvucong.gov.vn./p/home",
        "https://dichvucong.thaibinh.gov.vn:8443/dvc?ma=1.001193&x=%20",
        "https://thutuc.example.com/",  # not deceptive: only warned about by the checks (online-not-gov)
    ],
)
def test_honest_online_links_are_accepted(url: str) -> None:
    assert m.Online.model_validate({"level": "toan_trinh", "url": url}).url == url


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://dichvucong.gov.vn/", "online-not-https"),
        ("https://dichvucong.gov.vn@evil.example/", "deceptive-url"),
        ("https://@dichvucong.gov.vn/", "deceptive-url"),
        ("https://gov.vn.evil.example/", "deceptive-url"),
        ("https://dichvuc\u00f4ng.gov.vn/", "deceptive-url"),
        ("https://dichvucong.gov.vn%00.evil.example/", "deceptive-url"),
    ],
)
def test_online_links_must_be_https_and_honest(url: str, code: str) -> None:
    assert _errors(m.Online, {"level": "toan_trinh", "url": url}) == [(code, ("url",))]


@pytest.mark.parametrize("url", ["http://tintuc.thuvienphapluat.com/x", "https://thư-viện.vn/luat", "https://vbpl.vn/"])
def test_other_links_may_use_http_and_idn_hosts(url: str) -> None:
    assert m.Source.model_validate({"url": url, "retrieved": ON}).url == url


def test_a_link_naming_a_user_is_refused_everywhere() -> None:
    url = "https://vbpl.vn@evil.example/"
    legal = {"number": "1/2020/QH14", "title": "x", "issuer": "Quốc hội", "date": ON, "url": url}
    assert _errors(m.LegalDocument, legal) == [("deceptive-url", ("url",))]
    assert _errors(m.Contact, {"address": "x", "url": url}) == [("deceptive-url", ("url",))]
    assert _errors(m.Source, {"url": url, "retrieved": ON}) == [("deceptive-url", ("url",))]


@pytest.mark.parametrize("email", ["motcua@vuninh.gov.vn", "mot-cua+ho_tich@ubnd.kienxuong.gov.vn", "A.B@X.VN"])
def test_email_addresses_are_accepted(email: str) -> None:
    assert m.Contact.model_validate({"address": "x", "email": email}).email == email


@pytest.mark.parametrize(
    "email", ["motcua", "a@b", "a@b.vn,c@d.vn", "<a@b.vn>", "a@b.vn?subject=x", "a..b@c.vn", ".a@c.vn", "a@-b.vn"]
)
def test_email_fields_hold_one_plain_address(email: str) -> None:
    assert _errors(m.Commune, {**_COMMUNE, "email": email}) == [("bad-email", ("email",))]


_COMMUNE: dict[str, object] = {
    "id": "xa-a",
    "name": "A",
    "type": "xa",
    "address": "x",
    "desk": "x",
    "office_hours": [{"weekdays": ["t2"], "morning": "07:30-11:30"}],
}


def test_repeated_entries_are_reported_at_the_repeat() -> None:
    hours = {"weekdays": ["t2", "t3", "t2", "t3"], "morning": "07:30-11:30"}
    found = _errors_with_context(m.OfficeHours, hours)
    assert found == [("duplicate-item", ("weekdays",), (2,))]
    # Plain values are marked unique in the schema, so editors' tools flag them while typing.
    assert m.OfficeHours.model_json_schema()["properties"]["weekdays"]["uniqueItems"] is True


def _errors_with_context(model: type[m.Model], data: object) -> list[tuple[str, tuple[object, ...], object]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["type"], tuple(e["loc"]), (e.get("ctx") or {}).get("at")) for e in info.value.errors()]


def test_the_same_channel_twice_needs_two_descriptions() -> None:
    time = {"working_days": 3}
    same = [{"mode": "truc_tiep", "time": time}, {"mode": "truc_tiep", "time": time, "description": None}]
    assert ("duplicate-item", ("channels",), (1,)) in _errors_with_context(m.Procedure, {"channels": same})
    apart = [{**same[0], "description": "Đúng hạn"}, {**same[1], "description": "Quá hạn"}]
    assert all(loc[0] != "channels" for _, loc in _errors(m.Procedure, {"channels": apart}))


def test_touching_hours_are_in_order_and_overlapping_ones_are_not() -> None:
    assert m.OfficeHours.model_validate({"weekdays": ["t2"], "morning": "07:00-12:00", "afternoon": "12:00-17:00"})
    overlap = {"weekdays": ["t2"], "morning": "07:00-12:00", "afternoon": "11:59-17:00"}
    assert _errors(m.OfficeHours, overlap) == [("hours-order", ())]
    reception = {
        "person": "x",
        "title": "x",
        "weekdays": ["t5"],
        "hours": ["13:30-16:00", "07:30-11:00", "10:00-12:00"],
    }
    assert _errors_with_context(m.Reception, reception) == [("hours-order", (), ("hours", 2))]


def test_documents_only_shown_may_have_no_copies() -> None:
    item = {"name": "Căn cước", "original": 0, "copy": 0}
    assert m.DocumentGroupModel.model_validate({"group": "xuat_trinh", "items": [item]})
    assert _errors(m.DocumentGroupModel, {"group": "nop", "items": [item]}) == [("nothing-to-submit", ())]


def test_fee_caps_and_last_tiers() -> None:
    tiers = [{"from": 1, "to": 2, "amount": 2000}, {"from": 3, "amount": 1000}]
    assert m.PerUnit.model_validate({"unit": "trang", "tiers": tiers, "cap": 2000}).cap == 2000
    assert _errors(m.PerUnit, {"unit": "trang", "tiers": tiers, "cap": 1999}) == [("fee-cap", ())]
    bounded = [tiers[0], {**tiers[1], "to": 5}]
    assert _errors(m.PerUnit, {"unit": "trang", "tiers": bounded}) == [("tier-order", ())]


def _reductions(*periods: tuple[dt.date | None, dt.date | None]) -> dict[str, object]:
    rows = [
        {"percent": 10 * (i + 1), "valid_from": start, "valid_until": end} for i, (start, end) in enumerate(periods)
    ]
    return {"amount": 100_000, "rule": "x", "online_reductions": rows}


def test_online_reductions_follow_one_another_without_overlap() -> None:
    d = dt.date
    assert m.FeeVersion.model_validate(_reductions((d(2025, 7, 1), d(2025, 12, 31)), (d(2026, 1, 1), None)))
    # Written in any order; the one starting inside a longer earlier one is reported.
    long, inside, later = (d(2020, 1, 1), d(2030, 12, 31)), (d(2021, 1, 1), d(2021, 6, 30)), (d(2025, 1, 1), None)
    found = _errors_with_context(m.FeeVersion, _reductions(later, inside, long))
    assert found == [("fee-overlap", (), ("online_reductions", 1))]


def test_zero_counts_are_refused_where_they_mean_nothing() -> None:
    assert _errors(m.ProcessingTime, {"working_days": 0}) == [("zero-value", ("working_days",))]
    assert _errors(m.Satisfaction, {"surveyed": 0, "satisfied": 0}) == [("zero-value", ("surveyed",))]
    assert _errors(m.Satisfaction, {"surveyed": 10, "satisfied": 11}) == [("stats-sum", ())]
    assert m.FeeVersion.model_validate({"amount": 0, "rule": "Miễn"}).amount == 0  # a free fee is a fact


def test_references_to_oneself_are_refused() -> None:
    assert _errors(m.Commune, {**_COMMUNE, "merged_into": "xa-a"}) == [("self-reference", ())]
    assert _errors(m.Commune, {**_COMMUNE, "merged_on": ON}) == [("merged-without-target", ())]
    assert _errors(m.Agency, {"id": "a", "name": "A", "level": "xa", "replaced_by": "a"}) == [("self-reference", ())]


def test_models_raise_only_errors() -> None:
    """A failing validator drops its record, so a warning raised there would hide the record
    from the site without stopping the build: warnings belong in the checks."""
    source = "".join(p.read_text(encoding="utf-8") for p in Path(m.__file__).parent.glob("*.py"))
    raised = set(re.findall(r'(?:PydanticCustomError|fact_error)\(\s*"([a-z-]+)"', source))
    assert raised >= {"duplicate-item", "deceptive-url", "hours-order"}  # the pattern finds them
    assert {code for code in raised if CATALOGUE[code].severity is not Severity.ERROR} == set()


# Text types and bounded numbers (issue 11, findings 6 and 9).
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Đăng ký\x00 khai sinh", "control-character"),
        ("Đăng ký\tkhai sinh", "control-character"),
        ("Đăng ký\nkhai sinh", "control-character"),
        ("Đăng ký\u2028khai sinh", "control-character"),
        ("Đăng ký\x9bkhai sinh", "control-character"),
        ("\u202eĐăng ký khai sinh", "bidi-control"),
        ("Đăng ký \u2067khai sinh\u2069", "bidi-control"),
        ("Đăng ký\u200e khai sinh", "bidi-control"),
        ("Đăng ký\u200b khai sinh", "invisible-character"),
        ("Đăng ký khai\u00adsinh", "invisible-character"),
        ("Đăng ký \U000e0041", "invisible-character"),
        ("\ue000 Đăng ký", "invisible-character"),
        ("\u200b\u200c\u200d", "invisible-text"),
        ("\u3164", "invisible-text"),
        ("\u2800\u2800", "invisible-text"),
    ],
)
def test_single_line_text_refuses_odd_characters(text: str, code: str) -> None:
    assert _errors(m.Sector, {"id": "ho-tich", "name": text}) == [(code, ("name",))]


def test_multi_line_text_keeps_line_breaks_and_tabs_only() -> None:
    sector = m.Sector.model_validate({"id": "ho-tich", "name": "Hộ tịch", "description": "Dòng một\n\tDòng hai"})
    assert sector.description == "Dòng một\n\tDòng hai"
    for text, code in [
        ("a\rb", "control-character"),
        ("a\u202eb", "bidi-control"),
        ("a\u200bb", "invisible-character"),
    ]:
        assert _errors(m.Sector, {"id": "ho-tich", "name": "Hộ tịch", "description": text}) == [
            (code, ("description",))
        ]


def test_ordinary_vietnamese_text_with_odd_spaces_is_accepted() -> None:
    name = "Đăng ký\u00a0khai sinh (mẫu\u202f01) – “Tờ khai” № 5 ✓ 😀"
    assert m.Sector.model_validate({"id": "ho-tich", "name": name}).name == name


def test_links_and_form_paths_refuse_odd_characters_too() -> None:
    assert _errors(m.Online, {"level": "toan_trinh", "url": "https://dichvucong.gov.vn/\x00"})[0][0] == (
        "control-character"
    )
    assert _errors(m.Form, {"file": "to-khai\u202excod.exe"})[0][0] == "bidi-control"


@pytest.mark.parametrize(
    ("model", "data", "loc"),
    [
        (m.Tier, {"from": 1, "amount": m.types.MAX_MONEY + 1}, ("amount",)),
        (m.Tier, {"from": m.types.MAX_COUNT + 1, "amount": 1}, ("from",)),
        (m.Tier, {"from": 1, "amount": 10**25}, ("amount",)),
        (m.FormerUnit, {"name": "xã An Bồi", "area_km2": float("inf")}, ("area_km2",)),
        (m.FormerUnit, {"name": "xã An Bồi", "area_km2": m.types.MAX_AREA_KM2 * 2}, ("area_km2",)),
        (m.FormerUnit, {"name": "xã An Bồi", "population": 10**12}, ("population",)),
    ],
)
def test_numbers_are_bounded(model: type[m.Model], data: dict[str, object], loc: tuple[str, ...]) -> None:
    assert _errors(model, data) == [("out-of-range", loc)]


def test_the_largest_numbers_allowed_are_accepted() -> None:
    assert m.Tier.model_validate({"from": m.types.MAX_COUNT, "amount": m.types.MAX_MONEY}).amount == m.types.MAX_MONEY
    unit = m.FormerUnit.model_validate({"name": "xã An Bồi", "area_km2": 12, "population": m.types.MAX_COUNT})
    assert unit.area_km2 == 12.0
