"""The catalogue of problem codes: each stable code with its severity and its explanation for
editors (title, explanation, example, fix). ERROR_CODES.md is generated from this table."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # blocks publishing
    WARNING = "warning"  # blocks only `validate --strict`
    NOTICE = "notice"  # for reviewers' information (e.g. a fee changing next week); never blocks

    @property
    def label(self) -> str:
        """As editors read it in a report."""
        return {"error": "lỗi", "warning": "cảnh báo", "notice": "lưu ý"}[self.value]


@dataclass(frozen=True)
class CodeInfo:
    severity: Severity
    title: str
    explanation: str
    example: str
    fix: str


E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTICE

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
    # What is read and published (security): only regular files inside the content folder, forms
    # of a document type, a base_url that is an absolute https address.
    "symlink": CodeInfo(
        E,
        "Liên kết (symlink) trong thư mục nội dung",
        "Nội dung chỉ được đọc từ tệp thật nằm trong thư mục nội dung. Một liên kết (symlink) tới tệp hay"
        " thư mục khác, kể cả trong cùng thư mục nội dung, không bao giờ được đọc hay đăng lên cổng: nó có"
        " thể trỏ tới tệp bí mật ngoài kho nội dung (ví dụ cấu hình git chứa mã truy cập). Thông báo chỉ"
        " nêu đường dẫn của liên kết, không nêu nơi nó trỏ tới.",
        "`ln -s ../../.git/config content/forms/mau.docx`",
        "Xoá liên kết và chép tệp thật vào đúng chỗ.",
    ),
    "not-a-file": CodeInfo(
        E,
        "Không phải tệp thông thường",
        "Ở chỗ cần một tệp nội dung lại là một thư mục, một ống dẫn có tên (FIFO) hay một thiết bị;"
        " chương trình không đọc những thứ này.",
        "`mkfifo content/procedures/x.yaml`",
        "Xoá nó và đặt tệp thật vào đây.",
    ),
    "form-type": CodeInfo(
        E,
        "Biểu mẫu không phải tệp tài liệu",
        "Tệp trong `content/forms/` được đăng nguyên vẹn trên địa chỉ của cổng, nên chỉ nhận tệp tài liệu:"
        " .pdf, .doc, .docx, .xls, .xlsx, .odt, .ods; nội dung tệp cũng phải đúng định dạng đó. Trang web"
        " (.html, .svg), chương trình (.exe, .js) hay tệp đổi đuôi bị từ chối vì có thể chạy mã trên cổng.",
        "`content/forms/trang.html`, hoặc một trang web được đổi tên thành `mau.pdf`.",
        "Mở biểu mẫu gốc trong Word hoặc LibreOffice và lưu lại thành .docx hoặc .pdf.",
    ),
    "form-name": CodeInfo(
        E,
        "Tên tệp biểu mẫu chưa chuẩn",
        "Tên tệp biểu mẫu là một phần địa chỉ tải về, nên chỉ gồm chữ thường không dấu, số và dấu gạch"
        " ngang, đuôi viết thường. Thông báo nêu tên nên đổi thành.",
        "`content/forms/Tờ khai đăng ký.DOCX`",
        "Đổi tên tệp theo thông báo (ví dụ `to-khai-dang-ky.docx`) và sửa `form:` ở các thủ tục dùng nó.",
    ),
    "base-url": CodeInfo(
        E,
        "Địa chỉ cổng không hợp lệ",
        "`base_url` trong `site.yaml` là địa chỉ công khai của cổng, được ghi vào mọi trang, sơ đồ trang,"
        " nguồn tin và dữ liệu mở. Nó phải là địa chỉ đầy đủ bắt đầu bằng `https://` (chỉ máy thử"
        " `localhost` được dùng `http://`), gồm tên miền không dấu và đường dẫn chỉ có chữ không dấu, số,"
        " `-`, `_`, `.`, `~`, `/`; không có tên người dùng, mật khẩu, `?…` hay `#…`.",
        "`base_url: http://kienxuong.gov.vn` hoặc `base_url: https://dichvucong.gov.vn@evil.example/`",
        "Ghi địa chỉ đầy đủ, ví dụ `https://kienxuong.thaibinh.gov.vn/`.",
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
        "Các bậc tính phí phải liền nhau: bậc đầu từ 1, mỗi bậc sau bắt đầu ngay sau bậc trước; chỉ bậc cuối"
        " được để trống `to`, và bậc cuối phải để trống `to` (nếu không, các đơn vị sau bậc cuối không được"
        " tính tiền).",
        "Bậc 1: trang 1–2, bậc 2: từ trang 4; hoặc bậc cuối `{from: 3, to: 200, amount: 1000}`.",
        "Sửa `from`/`to` cho liền nhau; xoá `to` ở bậc cuối.",
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
        "Thủ tục tham chiếu đến một lĩnh vực không có trong `content/fields/` (hay `fields.yaml`).",
        "`field: ho-tic`",
        "Sửa theo gợi ý hoặc thêm lĩnh vực: một tệp mới trong `content/fields/`.",
    ),
    "unknown-agency": CodeInfo(
        E,
        "Cơ quan không tồn tại",
        "Tham chiếu đến một cơ quan không có trong `content/agencies/` (hay `agencies.yaml`).",
        "`executing: [ubnd-huyen-kx]`",
        "Sửa theo gợi ý hoặc thêm cơ quan: một tệp mới trong `content/agencies/`.",
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
        'Căn cứ pháp lý tham chiếu số hiệu văn bản chưa khai báo trong `content/legal/` (hay `legal.yaml`). Gợi ý "có phải ý bạn là" chỉ nêu văn bản cùng số hiệu viết khác (thiếu số 0 ở đầu, `ND` thay `NĐ`, chữ thường), không bao giờ nêu một văn bản khác.',
        '`legal_basis: ["123/2015/NĐ-CP"]` khi `legal.yaml` chưa có văn bản này.',
        "Thêm văn bản (số hiệu, trích yếu, cơ quan ban hành, ngày): một tệp mới trong `content/legal/`, ví dụ `123-2015-nd-cp.yaml`.",
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
        " và theo xã phải cộng lại bằng tổng số; số lượt hài lòng không thể nhiều hơn số lượt đánh giá.",
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
        "Hai mức thu của cùng một khoản phí, hoặc hai mức giảm khi nộp trực tuyến của cùng một mức thu, có hiệu"
        " lực trong cùng một ngày: trang web không biết áp dụng mức nào.",
        "Mức cũ đến 2026-12-31, mức mới từ 2026-07-01; hai mức giảm 50% và 100% cùng không ghi ngày.",
        "Đặt `valid_until` của mức cũ là ngày trước `valid_from` của mức mới.",
    ),
    "missing-site": CodeInfo(
        E,
        "Thiếu tệp cấu hình cổng",
        "Thư mục nội dung phải có `site.yaml`, các lĩnh vực (`fields/` hoặc `fields.yaml`) và các cơ quan (`agencies/` hoặc `agencies.yaml`).",
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
    "upcoming-change": CodeInfo(
        N,
        "Sắp có thay đổi",
        "Trong 14 ngày tới, một thông tin người dân thấy sẽ tự thay đổi theo ngày đã ghi: mức thu mới bắt đầu"
        " áp dụng, một mức thu hoặc mức giảm khi nộp trực tuyến hết hiệu lực, một thủ tục bắt đầu hoặc hết hiệu"
        " lực, một ngày nghỉ của Bộ phận Một cửa. Trang được xây dựng lại mỗi đêm nên sẽ tự đúng vào ngày đó;"
        " lưu ý này để người duyệt biết trước và kiểm tra lại. Lưu ý không bao giờ chặn việc xuất bản.",
        "Mức thu mới `valid_from: 2027-01-01` khi hôm nay là 25/12/2026.",
        "Không cần sửa gì nếu thông tin đúng; nếu sai ngày hoặc sai số tiền thì sửa trước ngày đó.",
    ),
    "unused-fee": CodeInfo(
        W,
        "Khoản phí không được dùng",
        "Khoản phí không được thủ tục nào tham chiếu.",
        "Tệp phí cũ còn sót sau khi bỏ thủ tục.",
        "Tham chiếu nó từ thủ tục hoặc xoá tệp.",
    ),
    # Facts that are wrong (issue 11). An error when the value is certainly wrong, whatever the
    # portal; a warning when it is usually a mistake but a real portal may need it.
    "deceptive-url": CodeInfo(
        E,
        "Địa chỉ web đánh lừa",
        "Địa chỉ được tạo để trông giống một địa chỉ khác: có tên đăng nhập trước dấu `@`"
        " (`https://dichvucong.gov.vn@evil.example/` thực ra mở trang evil.example), có dấu `\\` hay `%` trong"
        " tên máy chủ, có `gov.vn` ở giữa một tên miền khác, hoặc dùng chữ có dấu, chữ Kirin, punycode để giả"
        " một tên miền gov.vn. Là lỗi vì không cổng nào cần công bố một địa chỉ như vậy: nó chỉ dẫn người dân"
        " đến nơi khác với nơi họ đọc thấy.",
        "`url: https://dichvucong.gov.vn@evil.example/` hoặc `url: https://dichvucong.gov.vn.evil.example/`",
        "Mở trang cần dẫn tới trong trình duyệt và chép lại đúng địa chỉ trên thanh địa chỉ.",
    ),
    "online-not-https": CodeInfo(
        E,
        "Đường dẫn nộp trực tuyến không dùng https",
        "Người dân gửi hồ sơ có thông tin cá nhân qua đường dẫn nộp trực tuyến (`online.url`), nên đường dẫn"
        " phải bắt đầu bằng `https://`. Là lỗi vì mọi cổng dịch vụ công đều có https; một đường dẫn `http://`"
        " là chép nhầm hoặc cũ. (Các đường dẫn khác, như nguồn dữ liệu, vẫn được dùng `http://`.)",
        "`url: http://dichvucong.thaibinh.gov.vn/`",
        "Đổi `http://` thành `https://` và mở thử đường dẫn.",
    ),
    "online-not-gov": CodeInfo(
        W,
        "Đường dẫn nộp trực tuyến không thuộc gov.vn",
        "Cổng Dịch vụ công quốc gia và các cổng dịch vụ công của tỉnh đều thuộc tên miền gov.vn. Một đường"
        " dẫn nộp hồ sơ ra ngoài gov.vn thường là chép nhầm từ một trang tin hay trang hướng dẫn. Là cảnh báo"
        " vì một số hệ thống chuyên ngành hợp lệ có tên miền khác.",
        "`url: https://thutuc.example.com/nop-ho-so`",
        "Dẫn đến trang thủ tục trên dichvucong.gov.vn hoặc cổng dịch vụ công của tỉnh.",
    ),
    "bad-email": CodeInfo(
        E,
        "Địa chỉ thư điện tử sai",
        "Trường thư điện tử chỉ ghi một địa chỉ dạng `ten@ten-mien.vn`, không kèm `mailto:`, tên người, địa"
        " chỉ thứ hai hay dấu `?`. Trang web biến địa chỉ thành liên kết gửi thư; một giá trị khác làm liên"
        " kết hỏng hoặc gửi thư đến nơi khác, nên đây là lỗi.",
        "`email: motcua.vuninh` (thiếu `@`), `email: a@x.gov.vn; b@x.gov.vn`.",
        "Ghi đúng một địa chỉ; nếu có nhiều địa chỉ, chọn địa chỉ chính.",
    ),
    "duplicate-item": CodeInfo(
        E,
        "Mục bị lặp trong danh sách",
        "Một danh sách ghi cùng một mục hai lần: thủ tục liên quan, cơ quan, cấp, kênh nộp, khoản phí của một"
        " kênh, thủ tục hay dùng, ngày trong tuần, ngày trực, khung giờ, văn bản căn cứ, giấy tờ, lĩnh vực"
        " hay xã trong số liệu… Là lỗi vì mục lặp không thêm thông tin nào mà làm trang hiện hai dòng giống"
        " nhau (hoặc cộng số liệu hai lần). Hai kênh cùng hình thức nộp được phép khi `description` của"
        " chúng khác nhau (ví dụ đúng hạn và quá hạn).",
        "`weekdays: [t2, t4, t2]`; hai kênh `truc_tiep` không có mô tả.",
        "Xoá mục lặp (dòng được chỉ ra), hoặc ghi mô tả để phân biệt hai kênh.",
    ),
    "zero-value": CodeInfo(
        E,
        "Số 0 không có nghĩa",
        "Số ngày, số giờ giải quyết, số bộ hồ sơ, dân số hay số lượt đánh giá bằng 0 không mô tả điều gì có"
        " thật, nên là lỗi. Giải quyết ngay trong ngày ghi `same_day: true`; khi chưa có số liệu thì bỏ trường.",
        "`working_days: 0`, `dossier_sets: 0`, `population: 0`.",
        "Ghi số đúng, hoặc cách ghi được nêu trong thông báo.",
    ),
    "nothing-to-submit": CodeInfo(
        E,
        "Giấy tờ phải nộp nhưng không nộp bản nào",
        'Giấy tờ ghi 0 bản chính và 0 bản sao có nghĩa là chỉ xuất trình (trang hiện chữ "xuất trình"). Trong'
        " nhóm `nop` (giấy tờ phải nộp) điều đó tự mâu thuẫn, nên là lỗi; trong nhóm `xuat_trinh` thì hợp lệ.",
        "Nhóm `nop` có `original: 0` và `copy: 0`.",
        "Ghi số bản phải nộp, hoặc chuyển giấy tờ sang nhóm `xuat_trinh`.",
    ),
    "fee-cap": CodeInfo(
        E,
        "Mức tối đa thấp hơn mức thu của một bậc",
        "Mức tối đa (`cap`) bằng 0 hoặc thấp hơn số tiền cho một đơn vị của một bậc, nên bậc đó không bao giờ"
        " được thu như đã ghi. Là lỗi vì biểu phí như vậy tự mâu thuẫn; thường do gõ thiếu một chữ số.",
        "Bậc 2.000 đồng/trang và `cap: 1500`; hoặc `cap: 0`.",
        "Đối chiếu với văn bản quy định mức thu và sửa `cap` hoặc `amount`.",
    ),
    "outside-validity": CodeInfo(
        E,
        "Ngày nằm ngoài thời gian hiệu lực",
        "Một ngày trực, ngày tiếp công dân nằm ngoài `valid_from`–`valid_until` của chính dòng đó, hoặc một"
        " mức giảm khi nộp trực tuyến không trùng ngày nào với mức thu của nó: thông tin đó không bao giờ"
        " được hiển thị hay áp dụng, nên là lỗi.",
        "Lịch trực hiệu lực đến 2026-06-30 có `dates: [2026-07-04]`.",
        "Sửa ngày, hoặc sửa thời gian hiệu lực của dòng.",
    ),
    "hours-order": CodeInfo(
        E,
        "Khung giờ đảo ngược hoặc chồng nhau",
        "Buổi sáng phải kết thúc trước (hoặc đúng lúc) buổi chiều bắt đầu; các khung giờ trong một danh sách"
        " (giờ tiếp công dân, giờ mở cửa ngày nghỉ) không được chồng lên nhau. Là lỗi vì người dân không"
        " biết giờ nào đúng.",
        '`morning: "13:30-17:00"` và `afternoon: "07:30-11:30"` (đảo ngược).',
        "Đổi chỗ hoặc sửa giờ.",
    ),
    "weekday-twice": CodeInfo(
        E,
        "Một ngày trong tuần ở hai khối giờ làm việc",
        "Mỗi ngày trong tuần chỉ được ghi trong một khối `office_hours`; mỗi khối đã có cả buổi sáng và buổi"
        " chiều. Là lỗi vì trang không biết khối nào đúng cho ngày đó.",
        "Khối 1 `weekdays: [t2, t3, t4, t5, t6]`, khối 2 `weekdays: [t6, t7]`.",
        "Bỏ ngày lặp khỏi một khối; nếu ngày đó có giờ khác, tách nó thành khối riêng.",
    ),
    "self-reference": CodeInfo(
        E,
        "Bản ghi tham chiếu đến chính nó",
        "Một xã được ghi là sáp nhập vào chính nó, một cơ quan được thay thế bởi chính nó, một thủ tục liên"
        " quan đến chính nó, hoặc một vòng (xã A sáp nhập vào B, B sáp nhập vào A). Luôn là lỗi.",
        "`id: xa-vu-ninh` và `merged_into: xa-vu-ninh`.",
        "Ghi mã của xã, cơ quan hoặc thủ tục kia.",
    ),
    "merged-without-target": CodeInfo(
        E,
        "Có ngày sáp nhập nhưng không có nơi sáp nhập",
        "`merged_on` cho biết xã đã sáp nhập nhưng thiếu `merged_into` (sáp nhập vào đâu). Là lỗi vì trang"
        " không thể dẫn người dân đến đơn vị mới.",
        "`merged_on: 2025-07-01` không có `merged_into`.",
        "Thêm `merged_into` với mã của xã, phường mới, hoặc xoá `merged_on`.",
    ),
    "merged-without-date": CodeInfo(
        W,
        "Có nơi sáp nhập nhưng không có ngày",
        "`merged_into` không kèm `merged_on`. Là cảnh báo vì thông tin vẫn đúng, chỉ thiếu ngày có hiệu lực"
        " mà người dân cần để biết giấy tờ cũ ghi tên đơn vị nào.",
        "`merged_into: xa-vu-an` không có `merged_on`.",
        "Thêm `merged_on` theo nghị quyết sắp xếp đơn vị hành chính.",
    ),
    "reference-not-in-force": CodeInfo(
        W,
        "Tham chiếu đến bản ghi không còn hiệu lực",
        "Một thủ tục đang áp dụng do một cơ quan đã hết hiệu lực thực hiện, trang chủ giới thiệu một thủ tục"
        " đã bãi bỏ hay tạm dừng, hoặc một xã sáp nhập vào một xã đã lại sáp nhập tiếp. Là cảnh báo vì đôi"
        " khi việc cập nhật đang làm dở, nhưng người dân sẽ được dẫn đến nơi không còn tồn tại.",
        "`executing: [ubnd-huyen]` khi `ubnd-huyen` có `valid_until: 2025-06-30`.",
        "Tham chiếu đến cơ quan, thủ tục hoặc xã đang hoạt động (xem `replaced_by`, `merged_into`).",
    ),
    "future-date": CodeInfo(
        E,
        "Ngày ở tương lai",
        "Ngày rà soát (`last_reviewed`), ngày lấy dữ liệu (`source.retrieved`), ngày ban hành văn bản hay kỳ"
        " báo cáo số liệu không thể sau hôm nay (giờ Việt Nam). Là lỗi vì việc đó chưa xảy ra; thường do gõ"
        " nhầm năm. (Ngày hiệu lực, ngày sáp nhập thì được ở tương lai.)",
        "`last_reviewed: 2027-09-01` khi hôm nay là 28/11/2026.",
        "Sửa thành ngày đã xảy ra.",
    ),
    "period-file-name": CodeInfo(
        E,
        "Tên tệp số liệu khác kỳ báo cáo",
        "Tệp số liệu được đặt tên theo kỳ (`stats/2018-q1.yaml` cho `period: 2018-Q1`). Khi tên và kỳ khác"
        " nhau, thường là tệp được chép từ kỳ trước mà quên sửa `period`, nên số liệu sẽ được công bố cho sai"
        " quý; vì vậy là lỗi.",
        "Tệp `stats/2018-q2.yaml` có `period: 2018-Q1`.",
        "Sửa `period` hoặc đổi tên tệp cho khớp.",
    ),
    "unread-file": CodeInfo(
        E,
        "Tệp nội dung không được đọc",
        "Tệp nằm trong thư mục nội dung và trông như nội dung (tệp YAML, hoặc bất kỳ tệp nào trong"
        " `procedures/`, `fees/`, `communes/`, `stats/`), nhưng chương trình không đọc nó: phần mở rộng không"
        " phải `.yaml` (ví dụ `.YAML`, `.yaml.txt`, `.bak`), nằm trong thư mục con, hoặc nằm ở thư mục không"
        " đúng tên. Là lỗi vì nội dung đó sẽ không xuất hiện trên trang mà không ai hay.",
        "`procedures/ho-tich/1.001193-dang-ky-khai-sinh.yaml`, `procedures/x.yaml.txt`, `Procedures/x.yaml`.",
        "Đổi tên hoặc chuyển tệp vào đúng thư mục (`procedures/`, `fees/`, `communes/`, `stats/`), hoặc xoá tệp.",
    ),
    "unknown-file": CodeInfo(
        W,
        "Tệp lạ trong thư mục nội dung",
        "Tệp không thuộc loại nội dung nào và không được đọc (ví dụ một tệp Word ở thư mục gốc). Là cảnh báo"
        " vì có thể là ghi chú để đó có chủ ý; biểu mẫu để tải về phải nằm trong `forms/`.",
        "`ghi-chu.docx` ở thư mục gốc của nội dung.",
        "Chuyển biểu mẫu vào `forms/`, hoặc chuyển tệp ra khỏi thư mục nội dung.",
    ),
    "file-name-not-nfc": CodeInfo(
        E,
        "Tên tệp tiếng Việt chưa chuẩn hoá (NFC)",
        "Tên tệp có dấu được lưu ở dạng tổ hợp (NFD), thường do máy Mac hoặc do giải nén. Tên trông giống hệt"
        " nhưng khác từng byte, nên tham chiếu đến tệp và liên kết tải về không khớp. Là lỗi vì liên kết trên"
        " trang sẽ hỏng.",
        "`forms/tờ-khai.docx` với chữ `ờ` là `o` cộng hai dấu ghép.",
        "Đổi tên tệp, tốt nhất dùng tên không dấu (`to-khai.docx`).",
    ),
    # Traps for new editors (issue 14): merge leftovers, shared values, misleading indentation,
    # skeleton placeholders, forms nobody links to
    "yaml-conflict-marker": CodeInfo(
        E,
        "Dấu xung đột git còn sót lại",
        "Khi hai người sửa cùng chỗ của một tệp, git đánh dấu hai phiên bản bằng các dòng `<<<<<<<`,"
        " `=======` và `>>>>>>>` để người gộp chọn. Nếu các dòng này còn sót lại, tệp không còn là YAML hợp lệ."
        " Lỗi được báo ngay tại dòng dấu đầu tiên; khi đó là tệp dùng chung (văn bản, cơ quan, lĩnh vực),"
        ' các lỗi "không có mã …" kéo theo ở tệp khác không được báo thêm.',
        "`<<<<<<< HEAD` ở dòng 34 của `legal.yaml`.",
        "Giữ lại phần đúng (có thể cả hai phần), rồi xoá ba dòng `<<<<<<<`, `=======`, `>>>>>>>`.",
    ),
    "yaml-indent": CodeInfo(
        E,
        "Thụt lề sâu hơn khoá ở trên",
        "Một dòng `khoá:` thụt vào sâu hơn dòng ngay trên nó, mà dòng trên đã có giá trị (`result: Giấy khai"
        " sinh`). YAML hiểu dòng này là phần tiếp theo của giá trị ở trên, rồi không hiểu dấu `:`.",
        "`result: Giấy khai sinh` rồi dòng dưới `  legal_basis: [...]` (thừa hai dấu cách).",
        "Xoá bớt dấu cách ở đầu dòng cho thẳng hàng với các khoá cùng cấp, như thông báo nêu.",
    ),
    "yaml-anchor": CodeInfo(
        W,
        "Dùng bí danh YAML (`&…`/`*…`)",
        "`&ten` đặt tên cho một giá trị, `*ten` dùng lại đúng giá trị đó ở chỗ khác. Mọi chỗ dùng lại là cùng"
        " một giá trị: thêm một khoản phí vào kênh trực tiếp sẽ âm thầm thêm nó vào cả kênh trực tuyến và bưu"
        " chính. Người đọc tệp (và công cụ soạn thảo) khó thấy điều đó.",
        "`fees: &id001 [phi-a]` ở kênh trực tiếp và `fees: *id001` ở kênh trực tuyến.",
        "Chép giá trị ra từng chỗ (`fees: [phi-a]` ở mỗi kênh) và xoá `&…`, `*…`.",
    ),
    "skeleton-placeholder": CodeInfo(
        E,
        "Còn chữ mẫu của khung soạn sẵn",
        'Tệp được tạo bằng `python -m generator new …` có những chữ mẫu để điền (như "Thủ tục này dùng để làm'
        ' gì…", số quyết định `…/QĐ-UBND`). Nếu để nguyên, người dân sẽ đọc thấy chúng trên cổng.',
        '`summary: "Thủ tục này dùng để làm gì, viết một hai câu bằng lời thường."`',
        "Điền nội dung thật theo Quyết định công bố, hoặc xoá dòng nếu trường đó không bắt buộc.",
    ),
    "unused-form": CodeInfo(
        W,
        "Biểu mẫu không được thủ tục nào dùng",
        "Mọi tệp trong `content/forms/` đều được đăng lên cổng, nhưng không thủ tục nào dẫn tới tệp này, nên"
        " người dân không tìm thấy nó; thường là tên tệp gõ khác với `form:` trong thủ tục, hoặc mẫu cũ đã thay.",
        "`content/forms/mau-cu.docx` mà không có `form: mau-cu.docx` ở thủ tục nào.",
        "Sửa `form:` ở thủ tục cho đúng tên tệp, hoặc xoá tệp cũ.",
    ),
    # Facts the published record does not state (issue 16): `khong_neu`, one spelling for every
    # field. A notice lists each one for the office to work down; it never blocks a build, not
    # even `validate --strict` (which fails on warnings only).
    "not-stated": CodeInfo(
        N,
        "Thông tin văn bản công bố không nêu",
        "Trường ghi `khong_neu`: văn bản công bố không nêu thông tin này, và trang ghi \u201cChưa công bố\u201d"
        " thay vì tự điền. Đây là lưu ý để cơ quan bổ sung dần, không phải lỗi; `python -m generator stats`"
        " đếm các trường này theo từng loại.",
        "`legal_basis: khong_neu` vì trang thủ tục trên cổng tỉnh không ghi căn cứ pháp lý.",
        "Khi có văn bản nêu thông tin, ghi giá trị thật thay cho `khong_neu`.",
    ),
    "not-stated-spelling": CodeInfo(
        E,
        "Viết sai `khong_neu`",
        "Giá trị \u201ckhông nêu\u201d chỉ có một cách viết: `khong_neu` (chữ thường, không dấu, gạch dưới)."
        " Cách viết khác (`khong-neu`, `Không nêu`, `khong neu`) sẽ bị hiểu nhầm là nội dung thật.",
        "`result: khong-neu`.",
        "Sửa thành `khong_neu`.",
    ),
}
