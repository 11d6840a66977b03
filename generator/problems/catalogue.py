"""The catalogue of problem codes: each stable code with its severity and its explanation for
editors (title, explanation, example, fix). ERROR_CODES.md is generated from this table."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class CodeInfo:
    severity: Severity
    title: str
    explanation: str
    example: str
    fix: str


E, W = Severity.ERROR, Severity.WARNING

# The catalogue. Codes are stable: tests and editors rely on them. Adding one means adding it here
# (ERROR_CODES.md is generated from this table and a test keeps them in step).
CATALOGUE: dict[str, CodeInfo] = {
    # Files and YAML syntax
    "file-too-large": CodeInfo(
        E,
        "Tệp quá lớn",
        "Một tệp nội dung không được lớn hơn 1 MB. Tệp lớn như vậy thường là do dán nhầm dữ liệu.",
        "Tệp `procedures/x.yaml` nặng 5 MB.",
        "Tách nội dung thành nhiều tệp, mỗi thủ tục một tệp.",
    ),
    "encoding": CodeInfo(
        E,
        "Tệp không phải UTF-8",
        "Tệp phải được lưu với mã hoá UTF-8 (có hoặc không có BOM).",
        "Tệp lưu bằng Windows-1258 hoặc UTF-16.",
        "Mở tệp trong trình soạn thảo và lưu lại với mã hoá UTF-8.",
    ),
    "yaml-tab": CodeInfo(
        E,
        "Dùng ký tự Tab để thụt lề",
        "YAML chỉ cho phép thụt lề bằng dấu cách; ký tự Tab làm tệp không đọc được.",
        "Một dòng bắt đầu bằng ký tự Tab.",
        "Thay Tab bằng hai dấu cách.",
    ),
    "yaml-syntax": CodeInfo(
        E,
        "Lỗi cú pháp YAML",
        "Tệp không đúng cú pháp YAML: thiếu dấu hai chấm, thụt lề sai, ngoặc không đóng…",
        '`ten: "Đăng ký khai sinh` (thiếu dấu ngoặc kép đóng).',
        "Sửa dòng được chỉ ra (và dòng ngay trước nó).",
    ),
    "yaml-duplicate-key": CodeInfo(
        E,
        "Khoá bị lặp",
        "Cùng một khoá xuất hiện hai lần trong một khối; YAML sẽ âm thầm bỏ giá trị đầu.",
        "Hai dòng `name:` trong cùng một thủ tục.",
        "Xoá một trong hai dòng, giữ giá trị đúng.",
    ),
    "yaml-key-type": CodeInfo(
        E,
        "Khoá không phải là chữ",
        "Mọi khoá phải là chữ (ví dụ `name`), không phải số, ngày hay danh sách.",
        "`2025: …` dùng số làm khoá.",
        "Dùng một khoá có tên theo mẫu.",
    ),
    "yaml-tag": CodeInfo(
        E,
        "Thẻ YAML không được hỗ trợ",
        "Nội dung chỉ được dùng chữ, số, ngày, đúng/sai, danh sách và khối; các thẻ như `!!python/…`"
        " hay `!!binary` bị từ chối vì lý do an toàn.",
        "`name: !!python/object:os.system …`",
        "Xoá thẻ và ghi giá trị bình thường.",
    ),
    "yaml-alias-bomb": CodeInfo(
        E,
        "Bí danh YAML mở rộng quá lớn",
        "Bí danh (`&`/`*`) được mở rộng thành quá nhiều phần tử hoặc tự tham chiếu.",
        'Chuỗi bí danh lồng nhau kiểu "billion laughs".',
        "Không dùng bí danh; ghi giá trị trực tiếp.",
    ),
    "empty-file": CodeInfo(
        E,
        "Tệp rỗng",
        "Tệp không có nội dung nào.",
        "Một tệp `.yaml` mới tạo nhưng chưa điền.",
        "Dùng `python -m generator new …` để tạo khung rồi điền nội dung, hoặc xoá tệp.",
    ),
    "invalid-date": CodeInfo(
        E,
        "Ngày không có thật",
        "Ngày viết theo dạng YYYY-MM-DD và phải là ngày có thật.",
        "`valid_from: 2025-02-30`",
        "Sửa thành ngày có thật, ví dụ `2025-02-28`.",
    ),
    "text-not-nfc": CodeInfo(
        W,
        "Chữ tiếng Việt chưa chuẩn hoá (NFC)",
        "Chữ có dấu được gõ ở dạng tổ hợp (NFD), thường do sao chép từ PDF hoặc máy Mac. Chương trình"
        " đã tự chuẩn hoá, nhưng nên lưu lại tệp ở dạng chuẩn để tìm kiếm và so sánh chính xác.",
        "`Đăng ký` gõ bằng chữ `a` cộng dấu ghép.",
        "Gõ lại chữ bằng bộ gõ tiếng Việt (Unicode dựng sẵn).",
    ),
    # Resource budget, nesting and odd characters (issue 11: the loader's limits). The figures are
    # those of load/yaml_source.py and model/types.py; tests/test_bad_inputs_limits.py keeps them in step.
    "budget-exceeded": CodeInfo(
        E,
        "Vượt giới hạn dung lượng nội dung",
        "Để kiểm tra và xây dựng trang luôn xong trong vài giây, nội dung có các giới hạn, cao hơn nhiều"
        " so với một tỉnh thật (khoảng 2.000 thủ tục, 100 xã): tối đa 5.000 tệp YAML, tổng cộng"
        " 20.000.000 byte và 1.000.000 giá trị; mỗi tệp tối đa 1.000.000 byte và 100.000 giá trị; mỗi"
        " danh sách tối đa 5.000 mục; khối lồng nhau tối đa 20 tầng. Thông báo nêu giới hạn bị vượt, con"
        " số gặp phải và chỗ bị vượt; khi vượt giới hạn của toàn bộ nội dung, các tệp sau không được đọc.",
        "Một thủ tục có 45.000 từ khoá; thư mục `procedures/` có 6.000 tệp.",
        "Bỏ dữ liệu dán nhầm hoặc lặp lại; tách danh sách quá dài. Nếu nội dung thật vượt giới hạn, báo cho"
        " người phát triển.",
    ),
    "yaml-too-deep": CodeInfo(
        E,
        "Khối lồng nhau quá sâu",
        "Khối và danh sách được lồng vào nhau quá 20 tầng; mẫu nội dung sâu nhất chỉ có 6 tầng. Thường do"
        " thiếu ngoặc đóng `]`, `}` hoặc dán nhầm dữ liệu.",
        "`a: [[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]`",
        "Sửa dòng được chỉ ra: đóng các ngoặc hoặc bỏ phần dán nhầm.",
    ),
    "yaml-indent-character": CodeInfo(
        E,
        "Thụt lề bằng ký tự lạ",
        "Dòng được thụt lề bằng một ký tự trông như dấu cách hoặc không thấy được, như dấu cách không ngắt"
        " (U+00A0, hay gặp khi sao chép từ Word) hay BOM (U+FEFF); YAML không hiểu đó là dấu cách nên đọc"
        " sai cả khối. Thông báo nêu tên ký tự và cột của nó.",
        "Dòng `  deciding: ubnd-xa` mà hai dấu cách đầu là U+00A0.",
        "Xoá phần thụt lề của dòng và gõ lại bằng phím cách.",
    ),
    "control-character": CodeInfo(
        E,
        "Ký tự điều khiển trong chữ",
        "Chữ chứa ký tự điều khiển (NUL, U+0001…U+001F, U+007F…U+009F, ngắt dòng U+2028), thường do sao"
        " chép từ PDF hoặc Word; chúng làm hỏng bảng tính, nguồn tin và tìm kiếm. Tên, tiêu đề, địa chỉ"
        " chỉ viết trên một dòng và không có ký tự Tab; mô tả, ghi chú, các bước, điều kiện và quy định"
        " thu phí được viết nhiều dòng (dùng `|`).",
        '`name: "Đăng ký\\u0000 khai sinh"`; một tên viết trên hai dòng.',
        "Gõ lại đoạn chữ được chỉ ra; viết tên trên một dòng.",
    ),
    "bidi-control": CodeInfo(
        E,
        "Ký tự điều khiển hướng chữ",
        "Chữ chứa ký tự đổi hướng hiển thị (U+202A…U+202E, U+2066…U+2069, U+200E, U+200F, U+061C): chữ"
        " hiển thị trên trang khác với chữ được lưu, có thể dùng để giả mạo tên thủ tục.",
        "Tên chứa U+202E, đọc như `Đăng ký khai sinh` nhưng thật ra là chữ khác.",
        "Xoá ký tự được chỉ ra hoặc gõ lại cả giá trị.",
    ),
    "invisible-character": CodeInfo(
        E,
        "Ký tự không hiển thị trong chữ",
        "Chữ chứa ký tự không nhìn thấy (dấu cách độ rộng 0 U+200B, gạch nối mềm U+00AD, BOM U+FEFF, ký tự"
        " lấp chỗ trống) hoặc ký tự không có trong bảng mã thông thường (vùng dùng riêng của phông chữ cũ):"
        " hai tên trông giống hệt nhau lại khác nhau khi tìm kiếm và so sánh.",
        "`Đăng ký\\u200b khai sinh` (sao chép từ trang web).",
        "Xoá ký tự ở vị trí được chỉ ra (gõ lại chữ quanh đó).",
    ),
    "invisible-text": CodeInfo(
        E,
        "Giá trị chỉ gồm ký tự không hiển thị",
        "Giá trị trông như để trống nhưng thật ra gồm toàn ký tự không nhìn thấy (dấu cách độ rộng 0, ký tự"
        " lấp chỗ trống Hangul…).",
        '`name: "\\u200b\\u200b"`',
        "Ghi nội dung bằng chữ, hoặc bỏ trường nếu không bắt buộc.",
    ),
    # Shape of a record
    "missing-field": CodeInfo(
        E,
        "Thiếu trường bắt buộc",
        "Trường này bắt buộc phải có.",
        "Thủ tục không có `name`.",
        "Thêm trường còn thiếu theo mẫu (`python -m generator new procedure`).",
    ),
    "unknown-key": CodeInfo(
        E,
        "Khoá không có trong mẫu",
        "Khoá không thuộc mẫu của loại nội dung này, thường do gõ sai chính tả; thông báo gợi ý khoá gần nhất.",
        "`nmae:` thay vì `name:`.",
        "Sửa theo gợi ý, hoặc xoá khoá.",
    ),
    "wrong-type": CodeInfo(
        E,
        "Sai kiểu giá trị",
        "Giá trị không đúng kiểu: cần chữ nhưng gặp số, cần danh sách nhưng gặp chữ…",
        '`original: "một"` thay vì `original: 1`; `code: 1.001193` không có ngoặc kép.',
        "Ghi giá trị theo kiểu được nêu trong thông báo. Mã thủ tục phải đặt trong ngoặc kép.",
    ),
    "invalid-choice": CodeInfo(
        E,
        "Giá trị không nằm trong danh sách cho phép",
        "Trường này chỉ nhận một số giá trị cố định; thông báo liệt kê các giá trị hợp lệ.",
        "`mode: truc-tiep` thay vì `mode: truc_tiep`.",
        "Chọn một giá trị trong danh sách.",
    ),
    "bad-format": CodeInfo(
        E,
        "Sai định dạng",
        "Giá trị không đúng định dạng yêu cầu (mã thủ tục, mã định danh, giờ, điện thoại…).",
        '`code: "1.1193"` thay vì `"1.001193"`; `id: Hộ tịch` thay vì `ho-tich`.',
        "Sửa theo định dạng được nêu trong thông báo.",
    ),
    "empty-value": CodeInfo(
        E,
        "Giá trị rỗng",
        "Trường chữ hoặc danh sách này không được để trống.",
        '`name: ""`',
        "Điền nội dung hoặc xoá trường nếu không bắt buộc.",
    ),
    "not-integer-amount": CodeInfo(
        E,
        "Số tiền không phải số nguyên đồng",
        "Số tiền ghi bằng số nguyên đồng, không có dấu chấm hay dấu phẩy phân cách hàng nghìn.",
        "`amount: 50.000` (YAML hiểu là 50) thay vì `amount: 50000`.",
        "Viết liền các chữ số: `50000`.",
    ),
    "negative-number": CodeInfo(
        E,
        "Số âm",
        "Số tiền, số bản, số ngày không được âm.",
        "`amount: -2000`",
        "Ghi số không âm.",
    ),
    "out-of-range": CodeInfo(
        E,
        "Số nằm ngoài khoảng cho phép",
        "Số quá lớn hoặc quá nhỏ so với quy định của trường (ví dụ tỷ lệ giảm phải từ 1 đến 100).",
        "`percent: 150`",
        "Ghi số trong khoảng được nêu.",
    ),
    "date-range": CodeInfo(
        E,
        "Khoảng ngày ngược",
        "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.",
        "`valid_from: 2026-01-01` và `valid_until: 2025-12-31`.",
        "Sửa lại một trong hai ngày.",
    ),
    "time-range": CodeInfo(
        E,
        "Khung giờ sai",
        "Khung giờ viết dạng `HH:MM-HH:MM`, giờ kết thúc sau giờ bắt đầu.",
        '`morning: "11:30-07:30"`',
        'Viết lại, ví dụ `"07:30-11:30"`.',
    ),
    "one-of": CodeInfo(
        E,
        "Cần đúng một trong các lựa chọn",
        "Trường này cần đúng một cách ghi (ví dụ thời hạn: số ngày làm việc, số ngày, trong ngày hoặc văn bản).",
        "`time:` có cả `working_days` và `calendar_days`.",
        "Giữ một cách ghi.",
    ),
    "bad-url": CodeInfo(
        E,
        "Địa chỉ web không hợp lệ",
        "Địa chỉ web phải bắt đầu bằng `https://` hoặc `http://`.",
        "`url: javascript:alert(1)` hoặc `url: dichvucong.gov.vn`",
        "Ghi đầy đủ địa chỉ, ví dụ `https://dichvucong.gov.vn/…`.",
    ),
    "bad-form-path": CodeInfo(
        E,
        "Đường dẫn biểu mẫu không hợp lệ",
        "Biểu mẫu là tên tệp nằm trong thư mục `content/forms/`, không được chứa `..` hay đường dẫn tuyệt đối.",
        "`form: ../../etc/passwd`",
        "Chép tệp biểu mẫu vào `content/forms/` và ghi tên tệp, ví dụ `to-khai-khai-sinh.docx`.",
    ),
    "tier-order": CodeInfo(
        E,
        "Bậc phí sai thứ tự",
        "Các bậc tính phí phải liền nhau: bậc đầu từ 1, mỗi bậc sau bắt đầu ngay sau bậc trước; chỉ bậc cuối được để trống `to`.",
        "Bậc 1: trang 1–2, bậc 2: từ trang 4.",
        "Sửa `from`/`to` cho liền nhau.",
    ),
    # Across records
    "duplicate-id": CodeInfo(
        E,
        "Mã định danh bị trùng",
        "Hai bản ghi cùng loại có cùng mã (`id` hoặc mã thủ tục).",
        'Hai tệp thủ tục cùng `code: "1.001193"`.',
        "Sửa mã của một bản ghi, hoặc gộp hai tệp.",
    ),
    "unknown-sector": CodeInfo(
        E,
        "Lĩnh vực không tồn tại",
        "Thủ tục tham chiếu đến một lĩnh vực không có trong `fields.yaml`.",
        "`field: ho-tic`",
        "Sửa theo gợi ý hoặc thêm lĩnh vực vào `fields.yaml`.",
    ),
    "unknown-agency": CodeInfo(
        E,
        "Cơ quan không tồn tại",
        "Tham chiếu đến một cơ quan không có trong `agencies.yaml`.",
        "`executing: [ubnd-huyen-kx]`",
        "Sửa theo gợi ý hoặc thêm cơ quan vào `agencies.yaml`.",
    ),
    "unknown-fee": CodeInfo(
        E,
        "Khoản phí không tồn tại",
        "Kênh nộp tham chiếu đến một khoản phí, lệ phí không có trong `fees/`.",
        "`fee: le-phi-khai-sinh-2` khi không có tệp phí nào có `id` đó.",
        "Sửa theo gợi ý hoặc tạo tệp phí (`python -m generator new fee`).",
    ),
    "unknown-commune": CodeInfo(
        E,
        "Xã, phường không tồn tại",
        "Tham chiếu đến một xã, phường, thị trấn không có trong `communes/`.",
        "`merged_into: xa-vu-ninh-2`",
        "Sửa theo gợi ý.",
    ),
    "unknown-level": CodeInfo(
        E,
        "Cấp thực hiện không có trong cấu hình",
        "Cấp thực hiện phải là một trong các cấp khai báo ở `site.yaml` (`levels`).",
        "`levels: [huyen]` khi cổng chỉ khai báo cấp tỉnh và cấp xã.",
        "Dùng một cấp đã khai báo hoặc thêm cấp vào `site.yaml`.",
    ),
    "unknown-legal-doc": CodeInfo(
        E,
        "Văn bản pháp luật chưa có trong danh mục",
        "Căn cứ pháp lý tham chiếu số hiệu văn bản chưa khai báo trong `legal.yaml`.",
        '`legal_basis: ["123/2015/NĐ-CP"]` khi `legal.yaml` chưa có văn bản này.',
        "Thêm văn bản (số hiệu, trích yếu, cơ quan ban hành, ngày) vào `legal.yaml`.",
    ),
    "unknown-procedure": CodeInfo(
        E,
        "Thủ tục liên quan không tồn tại",
        "Mục `related` tham chiếu đến một mã thủ tục không có trong `procedures/`.",
        '`related: ["1.009999"]`',
        "Sửa mã hoặc bỏ tham chiếu.",
    ),
    "missing-form-file": CodeInfo(
        E,
        "Không tìm thấy tệp biểu mẫu",
        "Tệp biểu mẫu được nêu không có trong thư mục `content/forms/`.",
        "`form: to-khai-khai-sinh.docx` nhưng chưa chép tệp vào `content/forms/`.",
        "Chép tệp vào `content/forms/` hoặc sửa tên tệp.",
    ),
    "stats-sum": CodeInfo(
        E,
        "Số liệu không khớp",
        "Số hồ sơ tiếp nhận phải bằng đã giải quyết cộng đang giải quyết cộng trả lại; số liệu theo lĩnh vực"
        " và theo xã phải cộng lại bằng tổng số.",
        "Tổng tiếp nhận 1.932 nhưng đã giải quyết 1.745 + đang giải quyết 180 = 1.925.",
        "Đối chiếu lại với báo cáo và sửa số liệu sai.",
    ),
    "fee-not-in-force": CodeInfo(
        E,
        "Không có biểu phí đang áp dụng",
        "Khoản phí được thủ tục tham chiếu nhưng không có mức thu nào có hiệu lực vào ngày xây dựng trang.",
        "Mọi mức thu của khoản phí đều hết hạn trước hôm nay.",
        "Thêm mức thu mới (`versions`) với `valid_from` phù hợp.",
    ),
    "fee-overlap": CodeInfo(
        E,
        "Các mức thu chồng ngày",
        "Hai mức thu của cùng một khoản phí có hiệu lực trong cùng một ngày.",
        "Mức cũ đến 2026-12-31, mức mới từ 2026-07-01.",
        "Đặt `valid_until` của mức cũ là ngày trước `valid_from` của mức mới.",
    ),
    "missing-site": CodeInfo(
        E,
        "Thiếu tệp cấu hình cổng",
        "Thư mục nội dung phải có `site.yaml`, `fields.yaml` và `agencies.yaml`.",
        "Thư mục nội dung không có `site.yaml`.",
        "Tạo tệp theo mẫu trong README.",
    ),
    "file-name": CodeInfo(
        W,
        "Tên tệp không khớp mã",
        "Tên tệp nên bắt đầu bằng mã của bản ghi để dễ tìm (ví dụ `1.001193-dang-ky-khai-sinh.yaml`).",
        "Tệp `khai-sinh.yaml` chứa thủ tục `1.001193`.",
        "Đổi tên tệp.",
    ),
    # Warnings about content that is valid but probably wrong
    "online-without-link": CodeInfo(
        W,
        "Nộp trực tuyến nhưng thiếu đường dẫn",
        "Thủ tục có kênh nộp trực tuyến nhưng không có `online.url`; người dân sẽ không biết nộp ở đâu.",
        "Kênh `truc_tuyen` mà `online.url` để trống.",
        "Thêm đường dẫn đến trang dịch vụ công.",
    ),
    "online-level-mismatch": CodeInfo(
        W,
        "Mức dịch vụ trực tuyến không khớp kênh nộp",
        "Thủ tục khai báo mức dịch vụ công trực tuyến nhưng không có kênh `truc_tuyen`, hoặc ngược lại.",
        "`online.level: toan_trinh` nhưng chỉ có kênh `truc_tiep`.",
        "Thêm kênh trực tuyến hoặc sửa `online.level`.",
    ),
    "review-overdue": CodeInfo(
        W,
        "Lâu chưa rà soát",
        "Thủ tục chưa được rà soát hơn 24 tháng (`last_reviewed`).",
        "`last_reviewed: 2022-01-10`",
        "Đối chiếu lại với Cơ sở dữ liệu quốc gia về TTHC rồi cập nhật `last_reviewed`.",
    ),
    "deprecated-key": CodeInfo(
        W,
        "Khoá đã đổi tên",
        "Khoá này được viết theo cách cũ và vẫn được chấp nhận trong phiên bản này, nhưng sẽ bị từ chối ở"
        " phiên bản sau. Thông báo nêu tên mới.",
        "`days:` trong giờ làm việc (nay là `weekdays:`), `from:`/`until:` trong ngày nghỉ (nay là"
        " `valid_from:`/`valid_until:`).",
        "Đổi tên khoá theo thông báo; giá trị giữ nguyên.",
    ),
    "unused-fee": CodeInfo(
        W,
        "Khoản phí không được dùng",
        "Khoản phí không được thủ tục nào tham chiếu.",
        "Tệp phí cũ còn sót sau khi bỏ thủ tục.",
        "Tham chiếu nó từ thủ tục hoặc xoá tệp.",
    ),
}
