"""The closed vocabularies of the content model: every choice is spelled once, as a Literal, and
given its Vietnamese label once, beside it. Pages, schemas and messages all read the labels here.
"""

from __future__ import annotations

from typing import Any, Literal, get_args


def labels(choices: Any, *names: str) -> dict[str, str]:
    """The Vietnamese label of each value of the Literal `choices`, in the Literal's order."""
    values = get_args(choices)
    if len(values) != len(names):  # pragma: no cover - a programming error, caught on import
        raise ValueError(f"{len(values)} choices but {len(names)} labels")
    return dict(zip(values, names, strict=True))


ChannelMode = Literal["truc_tiep", "truc_tuyen", "buu_chinh", "luu_dong"]
CHANNEL_LABELS = labels(ChannelMode, "Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính", "Lưu động")

OnlineLevel = Literal["toan_trinh", "mot_phan", "khong"]
ONLINE_LEVEL_LABELS = labels(OnlineLevel, "Toàn trình", "Một phần", "Không có")

FeeKind = Literal["phi", "le_phi"]
FEE_KIND_LABELS = labels(FeeKind, "Phí", "Lệ phí")

CommuneType = Literal["xa", "phuong", "thi_tran", "dac_khu"]
COMMUNE_TYPE_LABELS = labels(CommuneType, "Xã", "Phường", "Thị trấn", "Đặc khu")

Weekday = Literal["t2", "t3", "t4", "t5", "t6", "t7", "cn"]
WEEKDAY_LABELS = labels(Weekday, "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
WEEKDAYS: tuple[str, ...] = tuple(WEEKDAY_LABELS)  # Monday first, as date.weekday() counts

DocumentGroup = Literal["nop", "xuat_trinh"]
DOCUMENT_GROUP_LABELS = labels(DocumentGroup, "Giấy tờ phải nộp", "Giấy tờ phải xuất trình")

Status = Literal["dang_ap_dung", "tam_dung", "bai_bo"]
STATUS_LABELS = labels(Status, "Đang áp dụng", "Tạm dừng", "Đã bãi bỏ")

# Every value of every vocabulary with its label: for schemas' hover help and for messages.
ALL_LABELS: dict[str, str] = {
    **CHANNEL_LABELS,
    **ONLINE_LEVEL_LABELS,
    **FEE_KIND_LABELS,
    **COMMUNE_TYPE_LABELS,
    **WEEKDAY_LABELS,
    **DOCUMENT_GROUP_LABELS,
    **STATUS_LABELS,
}
