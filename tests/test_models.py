"""Model rules and the fee calculator, tested against the legal examples."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from generator import model as m

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
