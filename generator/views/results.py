"""The results of dossier handling (kết quả giải quyết hồ sơ): quarterly figures and their charts,
drawn at build time as inline SVG, with all geometry computed here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .. import urls
from ..facts import Facts
from ..format import number, sort_key

_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def _percent(part: int, whole: int) -> str:
    """`99,6 %`, with a no-break space: the number and its sign never sit on two lines."""
    return f"{100 * part / whole:.1f}".replace(".", ",") + "\u00a0%" if whole else "—"


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: its label and value as text (HTML, so they wrap and keep the page's
    font size on a phone), and the bar's length as a share of the longest (0–100). A row that
    stands for quarters without figures has `gap` instead: the chart never draws two quarters
    years apart as if they were consecutive."""

    label: str
    value: float
    text: str  # the value as shown, e.g. "98,6 %"
    width: float  # 0–100
    gap: str | None = None  # "Không có số liệu từ Quý II/2018 đến Quý IV/2023 (23 quý)"


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: a list of labelled values, each with its bar drawn as a small SVG."""

    id: str
    title: str
    description: str
    bars: list[Bar]


def chart(chart_id: str, title: str, description: str, rows: list[tuple[str, float, str]]) -> Chart:
    top = max((value for _, value, _ in rows), default=0) or 1
    bars = [Bar(label, value, text, round(100 * value / top, 1)) for label, value, text in rows]
    return Chart(chart_id, title, description, bars)


def _quarter_index(period: str) -> int:
    """`2018-Q1` → a count of quarters, so that consecutive quarters differ by one."""
    return int(period[:4]) * 4 + int(period[-1]) - 1


def _quarter_label(index: int) -> str:
    return f"Quý {_ROMAN[str(index % 4 + 1)]}/{index // 4}"


def time_chart(chart_id: str, title: str, description: str, rows: list[tuple[str, str, float, str]]) -> Chart:
    """A chart of quarters in time order, with a gap row wherever quarters are missing.
    `rows`: (period, label, percent, text), in time order; a bar's length is the percentage."""
    top = 100
    bars: list[Bar] = []
    previous: int | None = None
    for period, label, value, text in rows:
        index = _quarter_index(period)
        if previous is not None and index - previous > 1:
            missing = index - previous - 1
            first, last = _quarter_label(previous + 1), _quarter_label(index - 1)
            span = f"{first}" if missing == 1 else f"từ {first} đến {last} ({missing} quý)"
            bars.append(Bar("", 0, "", 0, f"Không có số liệu {span}"))
        bars.append(Bar(label, value, text, round(100 * value / top, 1)))
        previous = index
    return Chart(chart_id, title, description, bars)


@dataclass(frozen=True)
class QuarterRow:
    """A quarter's figures as the page writes them (`1.932`, `90,3 %`)."""

    period: str
    label: str
    received: str
    received_online: str
    resolved: str
    on_time: str
    late: str
    pending: str
    returned: str
    on_time_rate: str
    resolved_rate: str
    online_rate: str


@dataclass(frozen=True)
class CommuneRow:
    """A commune's figures in the latest quarter that has them."""

    name: str
    url: str
    received: str
    received_online: str
    resolved: str
    on_time_rate: str
    pending: str


@dataclass(frozen=True)
class ResultsPage:
    template: ClassVar[str] = "results.html"

    quarters: list[QuarterRow]
    charts: list[Chart]
    latest: QuarterRow | None
    source_note: str | None
    stats_csv: str  # the figures as open data
    communes_period: str | None  # "Quý II/2025": the latest quarter with per-commune figures
    communes: list[CommuneRow]


def _commune_rows(facts: Facts) -> tuple[str | None, list[CommuneRow]]:
    content = facts.content
    latest = next((st for st in reversed(content.stats) if st.by_commune), None)
    if latest is None:
        return None, []
    names = {c.id: c for c in content.communes}
    rows = []
    for counts in latest.by_commune:
        commune = names[counts.commune]
        on_time = counts.resolved_early + counts.resolved_on_time
        rows.append(
            CommuneRow(
                commune.full_name,
                urls.commune(commune.id),
                number(counts.received),
                _percent(counts.received_online, counts.received_new),
                number(counts.resolved),
                _percent(on_time, counts.resolved),
                number(counts.pending),
            )
        )
    rows.sort(key=lambda r: sort_key(r.name))
    return _quarter_label(_quarter_index(latest.period)), rows


def results_page(facts: Facts) -> ResultsPage:
    content = facts.content
    rows = []
    on_time_shares: list[float] = []  # per quarter, for the charts
    online_shares: list[float] = []
    for st in content.stats:
        t = st.totals
        label = _quarter_label(_quarter_index(st.period))
        on_time = t.resolved_early + t.resolved_on_time
        on_time_shares.append(100 * on_time / t.resolved if t.resolved else 0)
        online_shares.append(100 * t.received_online / (t.received_new or 1))
        rows.append(
            QuarterRow(
                st.period,
                label,
                number(t.received),
                number(t.received_online),
                number(t.resolved),
                number(on_time),
                number(t.resolved_late),
                number(t.pending),
                number(t.returned),
                _percent(on_time, t.resolved),
                _percent(t.resolved, t.received),
                _percent(t.received_online, t.received_new),
            )
        )
    charts = []
    if rows:
        charts.append(
            time_chart(
                "dung-han",
                "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn",
                "Phần trăm hồ sơ đã giải quyết trong kỳ được trả đúng hạn hoặc trước hạn, theo quý.",
                [(r.period, r.label, share, r.on_time_rate) for r, share in zip(rows, on_time_shares, strict=True)],
            )
        )
        charts.append(
            time_chart(
                "truc-tuyen",
                "Tỷ lệ hồ sơ nộp trực tuyến",
                "Phần trăm hồ sơ tiếp nhận mới trong kỳ được nộp trực tuyến, theo quý.",
                [(r.period, r.label, share, r.online_rate) for r, share in zip(rows, online_shares, strict=True)],
            )
        )
        latest = content.stats[-1]
        if latest.by_field:
            by_sector = sorted(latest.by_field, key=lambda f: f.received, reverse=True)
            charts.append(
                chart(
                    "linh-vuc",
                    f"Hồ sơ tiếp nhận theo lĩnh vực, {rows[-1].label}",
                    "Số hồ sơ tiếp nhận (kể cả kỳ trước chuyển sang) của từng lĩnh vực trong quý gần nhất.",
                    [(content.sectors[f.field].name, f.received, number(f.received)) for f in by_sector],
                )
            )
    communes_period, communes = _commune_rows(facts)
    return ResultsPage(
        rows,
        charts,
        rows[-1] if rows else None,
        content.stats[-1].source if content.stats else None,
        urls.data_file("stats.csv"),
        communes_period,
        communes,
    )
