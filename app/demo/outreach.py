"""Demo news, issued documents (one with a small generated PDF) and useful links."""

import hashlib
from datetime import date, datetime

from ..extensions import db
from ..models import Document, Link, Post
from ..services import uploads

SATURDAY_POST = dict(
    title_vi="Tổ dân phố điện tử mở cửa sáng thứ Bảy từ 07/09/2019",
    title_en="The e-residential-group point opens on Saturday mornings from 07/09/2019",
    body_vi="Để bà con đi làm trong tuần có thể làm thủ tục, từ ngày 07/09/2019 điểm Tổ dân phố điện tử "
    "TDP 12 mở thêm buổi sáng thứ Bảy (07:30–11:30). Cán bộ một cửa, tổ dịch vụ công trực tuyến và "
    "đoàn viên thanh niên hỗ trợ khai sinh, khai tử, trích lục hộ tịch, xác nhận tình trạng hôn nhân "
    "qua dịch vụ công trực tuyến.",
    body_en="So that residents who work on weekdays can come, from 07/09/2019 the TDP 12 point also opens on "
    "Saturday mornings (07:30–11:30). One-stop staff, the online-service team and youth-union "
    "volunteers help with birth and death registration, civil-status extracts and marital-status "
    "confirmation online.",
    pinned=True,
)

LINKS = [
    ("Cổng Dịch vụ công quốc gia", "National Public Service Portal", "https://dichvucong.gov.vn", 10),
    (
        "Cổng Dịch vụ công tỉnh Hà Tĩnh",
        "Hà Tĩnh provincial public-service portal",
        "https://dichvucong.hatinh.gov.vn",
        20,
    ),
    ("Ứng dụng định danh điện tử VNeID", "VNeID electronic identity", "https://vneid.gov.vn", 30),
    ("Cổng thông tin điện tử tỉnh Hà Tĩnh", "Hà Tĩnh provincial portal", "https://hatinh.gov.vn", 40),
    ("Cổng thông tin điện tử Chính phủ", "Government portal", "https://chinhphu.vn", 50),
]

POSTS = [
    dict(
        title_vi="Ra mắt mô hình Tổ dân phố điện tử tại TDP 12",
        title_en="The e-residential group opens in TDP 12",
        body_vi="Thực hiện Kế hoạch 62/KH-UBND ngày 02/04/2019 của UBND thành phố Hà Tĩnh, phường Tân Giang "
        "thí điểm mô hình **Tổ dân phố điện tử** tại nhà văn hóa TDP 12.\n\n"
        "Tại đây có máy tính, máy quét, máy in và kết nối Internet để bà con làm dịch vụ công trực tuyến "
        "ngay gần nhà. Bà con chỉ đến bộ phận một cửa của phường để đối chiếu bản chính và nhận kết quả.",
        body_en="Under the city's Plan 62/KH-UBND of 02/04/2019, Tân Giang ward pilots the **e-residential group** "
        "in the cultural house of TDP 12.\n\nA computer, scanner, printer and internet connection let "
        "residents file online services near home.",
        body_format="markdown",
        published_at=datetime(2019, 4, 2, 2, 0),
    ),
    dict(
        title_vi="Hướng dẫn kích hoạt tài khoản định danh điện tử VNeID mức 2",
        title_en="How to activate a level-2 VNeID account",
        body_vi="Đoàn viên thanh niên tại điểm hỗ trợ kích hoạt tài khoản VNeID mức 2. Bà con mang theo:\n\n"
        "- Thẻ căn cước / CCCD gắn chip\n- Điện thoại có số thuê bao chính chủ\n\n"
        "Xem thêm tại [vneid.gov.vn](https://vneid.gov.vn).",
        body_en="Youth-union volunteers help activate level-2 VNeID accounts. Bring:\n\n"
        "- Your chip ID card\n- A phone whose number is registered in your name",
        body_format="markdown",
        published_at=datetime(2024, 3, 4, 1, 0),
    ),
    dict(
        title_vi="Từ 01/07/2025: nộp hồ sơ tại bất kỳ trung tâm phục vụ hành chính công cấp xã trong tỉnh",
        title_en="From 01/07/2025: file at any commune-level service centre in the province",
        body_vi="Theo Nghị định 118/2025/NĐ-CP, từ ngày 01/07/2025 người dân có thể nộp hồ sơ thủ tục hành chính "
        "tại trung tâm phục vụ hành chính công cấp xã bất kỳ trong tỉnh, không phụ thuộc nơi cư trú.",
        body_en="Under Decree 118/2025, from 01/07/2025 residents can file at any commune-level public "
        "administration service centre in the province, wherever they live.",
        body_format="text",
        published_at=datetime(2025, 7, 1, 1, 0),
    ),
]

DOCUMENTS = [
    dict(
        title_vi="Kế hoạch thí điểm mô hình Tổ dân phố điện tử trên địa bàn thành phố",
        title_en="Plan for piloting the e-residential group model in the city",
        number="62/KH-UBND",
        issued_on=date(2019, 4, 2),
        issuer="UBND thành phố Hà Tĩnh",
        pdf=True,
    ),
    dict(
        title_vi="Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông",
        title_en="Decree on one-stop and inter-connected one-stop handling of procedures",
        number="118/2025/NĐ-CP",
        issued_on=date(2025, 6, 9),
        issuer="Chính phủ",
    ),
    dict(
        title_vi="Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến",
        title_en="Decree on providing information and online public services",
        number="42/2022/NĐ-CP",
        issued_on=date(2022, 6, 24),
        issuer="Chính phủ",
    ),
]


def small_pdf(lines):
    """A one-page PDF with a few lines of ASCII text, built by hand (no PDF library needed)."""
    text = (
        "BT /F1 14 Tf 56 780 Td 18 TL "
        + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for line in lines
        )
        + " ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode("ascii")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _demo_pdf():
    """The demo attachment, saved under a name derived from its content (same file on every seed)."""
    data = small_pdf(
        [
            "UBND THANH PHO HA TINH",
            "So: 62/KH-UBND - Ha Tinh, ngay 02/04/2019",
            "KE HOACH",
            "Thi diem mo hinh To dan pho dien tu",
            "(Ban demo cua ung dung)",
        ]
    )
    key = hashlib.sha256(data).hexdigest()[:32]
    path = uploads.folder() / key
    if not path.exists():
        path.write_bytes(data)
    return key, len(data)


def seed_outreach(point):
    """Add the demo news, documents and links (the caller commits)."""
    db.session.add(Post(point=point, published_at=datetime(2019, 9, 5, 1, 0), **SATURDAY_POST))
    for row in POSTS:
        db.session.add(Post(point=point, **row))
    for row in DOCUMENTS:
        row = dict(row)
        document = Document(**{k: v for k, v in row.items() if k != "pdf"})
        if row.get("pdf"):
            key, size = _demo_pdf()
            document.file_key, document.size_bytes = key, size
            document.original_name, document.mime_type = "62-KH-UBND.pdf", "application/pdf"
        db.session.add(document)
    for title_vi, title_en, url, order in LINKS:
        db.session.add(Link(title_vi=title_vi, title_en=title_en, url=url, sort_order=order))
