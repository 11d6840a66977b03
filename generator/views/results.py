"""The results of dossier handling (kết quả giải quyết hồ sơ): quarterly figures and their charts,
drawn at build time as inline SVG, with all geometry computed here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .. import urls
from ..facts import Facts
from ..format import number

LABEL_WIDTH = 150  # room for the labels left of the bars
BAR_AREA = 300  # the longest bar
ROW = 28  # height of one bar's row


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown, e.g. "98,6 %"
    y: float
    width: float

    @property
    def text_y(self) -> float:
        return self.y + 15

    @property
    def rect_y(self) -> float:
        return self.y + 2

    @property
    def value_x(self) -> float:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart drawn as inline SVG, with the same figures in a table beside it."""

    id: str
    title: str
    description: str
    column: str  # table header for the values
    bars: list[Bar]
    height: float
    row_header: str = "Quý"  # table header for the rows: what each bar is

    bar_x: ClassVar[int] = LABEL_WIDTH
    label_x: ClassVar[int] = LABEL_WIDTH - 6
    view_width: ClassVar[int] = LABEL_WIDTH + BAR_AREA + 90


def chart(
    chart_id: str,
    title: str,
    description: str,
    column: str,
    rows: list[tuple[str, float, str]],
    row_header: str = "Quý",
) -> Chart:
    top = max((value for _, value, _ in rows), default=0) or 1
    bars = [
        Bar(label, value, text, 10 + i * ROW, round(BAR_AREA * value / top, 1))
        for i, (label, value, text) in enumerate(rows)
    ]
    return Chart(chart_id, title, description, column, bars, 20 + len(rows) * ROW, row_header)


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
class ResultsPage:
    template: ClassVar[str] = "results.html"

    quarters: list[QuarterRow]
    charts: list[Chart]
    latest: QuarterRow | None
    source_note: str | None
    stats_csv: str  # the figures as open data


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") + " %" if whole else "—"


_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def results_page(facts: Facts) -> ResultsPage:
    content = facts.content
    rows = []
    on_time_shares: list[float] = []  # per quarter, for the charts
    online_shares: list[float] = []
    for st in content.stats:
        t = st.totals
        label = f"Quý {_ROMAN[st.period[-1]]}/{st.period[:4]}"
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
            chart(
                "dung-han",
                "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn",
                "Phần trăm hồ sơ đã giải quyết trong kỳ được trả đúng hạn hoặc trước hạn, theo quý.",
                "Tỷ lệ đúng hạn",
                [(r.label, share, r.on_time_rate) for r, share in zip(rows, on_time_shares, strict=True)],
            )
        )
        charts.append(
            chart(
                "truc-tuyen",
                "Tỷ lệ hồ sơ nộp trực tuyến",
                "Phần trăm hồ sơ tiếp nhận mới trong kỳ được nộp trực tuyến, theo quý.",
                "Tỷ lệ trực tuyến",
                [(r.label, share, r.online_rate) for r, share in zip(rows, online_shares, strict=True)],
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
                    "Số hồ sơ",
                    [(content.sectors[f.field].name, f.received, number(f.received)) for f in by_sector],
                    "Lĩnh vực",
                )
            )
    return ResultsPage(
        rows,
        charts,
        rows[-1] if rows else None,
        content.stats[-1].source if content.stats else None,
        urls.data_file("stats.csv"),
    )
