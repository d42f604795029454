"""Demo data for Tân Giang ward, TDP 12 (Hà Tĩnh), from shared/DOMAIN.md.

Fees and time limits marked [U] there come from secondary sources: staff correct them as data.
"""

import secrets
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from .extensions import db
from .models import Desk, OpeningSession, Post, Procedure, ServicePoint, Team, User
from .services import appointments
from .services.accounts import create_user
from .services.appointments.rules import now_local

PORTAL = "https://dichvucong.gov.vn"
PILOT_START = date(2019, 4, 2)
SATURDAY_START = date(2019, 9, 7)

TEAMS = [
    ("one-stop", "Bộ phận một cửa phường", "Ward one-stop desk", "A"),
    ("online", "Tổ dịch vụ công trực tuyến", "Online public-service team", "B"),
    ("volunteers", "Đội thanh niên xung kích", "Youth-union volunteers", "C"),
]

CIVIL = ("Hộ tịch", "Civil status")
PROCEDURES = [
    dict(
        code="khai-sinh",
        team="online",
        sort_order=1,
        online_level="full",
        service_minutes=15,
        name_vi="Đăng ký khai sinh",
        name_en="Birth registration",
        category=CIVIL,
        summary_vi="Đăng ký khai sinh cho trẻ; có thể làm liên thông khai sinh – thường trú – thẻ BHYT cho trẻ dưới 6 tuổi.",
        summary_en="Register a child's birth; can be filed together with permanent residence and the child's health-insurance card.",
        who_vi="Cha hoặc mẹ trong 60 ngày kể từ ngày sinh; nếu không thì ông, bà, người thân hoặc người nuôi dưỡng.",
        who_en="A parent within 60 days of the birth; otherwise a grandparent, relative or carer.",
        papers_vi="Tờ khai đăng ký khai sinh\nGiấy chứng sinh (hoặc văn bản của người làm chứng / giấy cam đoan)\nCăn cước / CCCD của người đi đăng ký (xuất trình)",
        papers_en="Birth registration declaration\nBirth certificate from the hospital (or a witness statement / undertaking)\nID card of the person registering (shown)",
        fee_vi="Miễn phí nếu đúng hạn; quá hạn 10.000 đồng",
        fee_en="Free on time; 10,000 VND if late",
        time_limit_days=0,
        time_limit_vi="Trong ngày; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo",
        time_limit_en="Same day; if received after 15:00, the next working day",
        result_vi="Trích lục khai sinh có số định danh cá nhân",
        result_en="Birth extract with personal ID number",
        legal_basis="Luật Hộ tịch 60/2014/QH13; Nghị định 123/2015/NĐ-CP; Nghị định 63/2024/NĐ-CP",
    ),
    dict(
        code="khai-tu",
        team="online",
        sort_order=2,
        online_level="full",
        service_minutes=15,
        name_vi="Đăng ký khai tử",
        name_en="Death registration",
        category=CIVIL,
        summary_vi="Đăng ký việc một người đã mất.",
        summary_en="Register a death.",
        who_vi="Vợ, chồng, con, cha, mẹ hoặc người thân thích trong 15 ngày kể từ ngày mất.",
        who_en="Spouse, child, parent or a relative within 15 days of the death.",
        papers_vi="Tờ khai đăng ký khai tử\nGiấy báo tử hoặc giấy tờ thay thế\nVăn bản ủy quyền nếu đăng ký thay",
        papers_en="Death registration declaration\nDeath notice or an equivalent paper\nAuthorisation if registering for someone else",
        fee_vi="Miễn phí nếu đúng hạn; quá hạn 10.000 đồng",
        fee_en="Free on time; 10,000 VND if late",
        time_limit_days=0,
        time_limit_vi="Trong ngày",
        time_limit_en="Same day",
        result_vi="Trích lục khai tử",
        result_en="Death extract",
        legal_basis="Luật Hộ tịch 60/2014/QH13; Nghị định 123/2015/NĐ-CP",
    ),
    dict(
        code="trich-luc-ho-tich",
        team="online",
        sort_order=3,
        online_level="full",
        service_minutes=10,
        name_vi="Cấp bản sao trích lục hộ tịch",
        name_en="Copy of a civil-status extract",
        category=CIVIL,
        summary_vi="Xin bản sao trích lục khai sinh, kết hôn, khai tử… đã đăng ký.",
        summary_en="Get a copy of a registered birth, marriage or death extract.",
        who_vi="Người có yêu cầu hoặc người được ủy quyền.",
        who_en="The person, or a representative.",
        papers_vi="Tờ khai cấp bản sao trích lục hộ tịch\nCăn cước / CCCD (xuất trình)\nVăn bản ủy quyền nếu làm thay",
        papers_en="Request form\nID card (shown)\nAuthorisation if requesting for someone else",
        fee_vi="8.000 đồng / bản",
        fee_en="8,000 VND per copy",
        time_limit_days=0,
        time_limit_vi="Trong ngày",
        time_limit_en="Same day",
        result_vi="Bản sao trích lục hộ tịch",
        result_en="Copy of the extract",
        legal_basis="Luật Hộ tịch 60/2014/QH13; Nghị định 123/2015/NĐ-CP",
    ),
    dict(
        code="xac-nhan-hon-nhan",
        team="online",
        sort_order=4,
        online_level="full",
        service_minutes=15,
        name_vi="Xác nhận tình trạng hôn nhân",
        name_en="Confirmation of marital status",
        category=CIVIL,
        summary_vi="Giấy xác nhận đang độc thân, đã ly hôn… để kết hôn hoặc làm thủ tục khác.",
        summary_en="A certificate of your marital status, for marriage or other procedures.",
        who_vi="Người có yêu cầu, hoặc người được ủy quyền.",
        who_en="The person, or someone they authorise.",
        papers_vi="Tờ khai cấp giấy xác nhận tình trạng hôn nhân\nBản án / quyết định ly hôn nếu đã ly hôn\nGiấy xác nhận cũ nếu xin cấp lại",
        papers_en="Declaration\nDivorce judgment if divorced\nThe old certificate if it is being re-issued",
        fee_vi="10.000 đồng",
        fee_en="10,000 VND",
        time_limit_days=3,
        time_limit_vi="03 ngày làm việc",
        time_limit_en="3 working days",
        result_vi="Giấy xác nhận tình trạng hôn nhân (giá trị 6 tháng)",
        result_en="Marital status certificate (valid 6 months)",
        legal_basis="Luật Hộ tịch 60/2014/QH13; Nghị định 123/2015/NĐ-CP",
    ),
    dict(
        code="ket-hon",
        team="one-stop",
        sort_order=5,
        online_level="partial",
        service_minutes=20,
        name_vi="Đăng ký kết hôn",
        name_en="Marriage registration",
        category=CIVIL,
        summary_vi="Đăng ký kết hôn; hai bên nam, nữ phải có mặt khi nhận giấy.",
        summary_en="Register a marriage; both partners attend to receive the certificate.",
        who_vi="Hai bên nam, nữ.",
        who_en="Both partners.",
        papers_vi="Tờ khai đăng ký kết hôn\nGiấy xác nhận tình trạng hôn nhân (nếu đăng ký ở nơi khác nơi thường trú)\nCăn cước / CCCD của hai bên (xuất trình)",
        papers_en="Marriage declaration\nMarital status certificate (if registering away from home)\nBoth partners' ID cards (shown)",
        fee_vi="Miễn phí",
        fee_en="Free",
        time_limit_days=0,
        time_limit_vi="Ngay trong ngày; tối đa 05 ngày làm việc nếu cần xác minh",
        time_limit_en="Immediately; up to 5 working days if verification is needed",
        result_vi="Giấy chứng nhận kết hôn",
        result_en="Marriage certificate",
        legal_basis="Luật Hộ tịch 60/2014/QH13; Luật Hôn nhân và gia đình 52/2014/QH13",
    ),
    dict(
        code="cai-chinh-ho-tich",
        team="one-stop",
        sort_order=6,
        online_level="partial",
        service_minutes=20,
        name_vi="Thay đổi, cải chính, bổ sung thông tin hộ tịch",
        name_en="Changing or correcting civil-status records",
        category=CIVIL,
        summary_vi="Sửa sai sót, thay đổi họ tên, bổ sung thông tin trong giấy tờ hộ tịch.",
        summary_en="Correct mistakes, change a name or add missing details in civil-status records.",
        who_vi="Người có yêu cầu; cha mẹ hoặc người giám hộ đối với người chưa thành niên.",
        who_en="The person; a parent or guardian for a minor.",
        papers_vi="Tờ khai thay đổi, cải chính, bổ sung thông tin hộ tịch\nGiấy tờ làm căn cứ\nCăn cước / CCCD (xuất trình)",
        papers_en="Request form\nPapers supporting the change\nID card (shown)",
        fee_vi="15.000 đồng",
        fee_en="15,000 VND",
        time_limit_days=3,
        time_limit_vi="03 ngày làm việc; thêm 03–05 ngày nếu cần xác minh",
        time_limit_en="3 working days; 3–5 more if verification is needed",
        result_vi="Trích lục thay đổi, cải chính hộ tịch",
        result_en="Extract of the change",
        legal_basis="Luật Hộ tịch 60/2014/QH13; Nghị định 123/2015/NĐ-CP",
    ),
    dict(
        code="chung-thuc-ban-sao",
        team="one-stop",
        sort_order=7,
        online_level="in_person",
        service_minutes=5,
        name_vi="Chứng thực bản sao từ bản chính",
        name_en="Certified copies from originals",
        category=("Chứng thực", "Certification"),
        summary_vi="Chứng thực bản sao giấy tờ từ bản chính.",
        summary_en="Certify copies of documents against the originals.",
        who_vi="Bất kỳ ai có bản chính.",
        who_en="Anyone with the original.",
        papers_vi="Bản chính giấy tờ\nBản sao cần chứng thực (hoặc nhờ chụp tại chỗ)",
        papers_en="The original document\nThe copies to certify (or have them copied there)",
        fee_vi="2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang; tối đa 200.000 đồng/bản",
        fee_en="2,000 VND per page; 1,000 VND from page 3; at most 200,000 VND per copy",
        time_limit_days=0,
        time_limit_vi="Trong ngày; nhận sau 15 giờ thì trả ngày làm việc tiếp theo",
        time_limit_en="Same day; next working day if received after 15:00",
        result_vi="Bản sao có chứng thực",
        result_en="Certified copy",
        legal_basis="Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC",
    ),
    dict(
        code="chung-thuc-chu-ky",
        team="one-stop",
        sort_order=8,
        online_level="in_person",
        service_minutes=10,
        name_vi="Chứng thực chữ ký",
        name_en="Signature certification",
        category=("Chứng thực", "Certification"),
        summary_vi="Chứng thực chữ ký trên giấy tờ, văn bản.",
        summary_en="Certify a signature on a paper.",
        who_vi="Người ký, có mặt trực tiếp.",
        who_en="The signer, in person.",
        papers_vi="Giấy tờ cần chứng thực chữ ký\nCăn cước / CCCD (xuất trình)",
        papers_en="The paper to be signed\nID card (shown)",
        fee_vi="10.000 đồng / trường hợp",
        fee_en="10,000 VND per case",
        time_limit_days=0,
        time_limit_vi="Trong ngày",
        time_limit_en="Same day",
        result_vi="Giấy tờ được chứng thực chữ ký",
        result_en="The certified paper",
        legal_basis="Nghị định 23/2015/NĐ-CP",
    ),
    dict(
        code="thuong-tru",
        team="volunteers",
        sort_order=9,
        online_level="full",
        service_minutes=15,
        name_vi="Đăng ký thường trú",
        name_en="Permanent residence registration",
        category=("Cư trú", "Residence"),
        summary_vi="Nộp trực tuyến tới Công an phường; tình nguyện viên hỗ trợ kích hoạt VNeID mức 2.",
        summary_en="Filed online with the ward police; volunteers help activate a VNeID level-2 account.",
        who_vi="Công dân có chỗ ở hợp pháp tại phường.",
        who_en="Citizens with a lawful home in the ward.",
        papers_vi="Tờ khai thay đổi thông tin cư trú (CT01)\nGiấy tờ chứng minh chỗ ở hợp pháp",
        papers_en="Residence change form (CT01)\nProof of lawful residence",
        fee_vi="Nộp trực tuyến 10.000 đồng; trực tiếp 20.000 đồng",
        fee_en="10,000 VND online; 20,000 VND in person",
        time_limit_days=7,
        time_limit_vi="07 ngày làm việc",
        time_limit_en="7 working days",
        result_vi="Thông báo kết quả đăng ký thường trú",
        result_en="Notice of registration",
        legal_basis="Luật Cư trú 68/2020/QH14",
    ),
    dict(
        code="tam-tru",
        team="volunteers",
        sort_order=10,
        online_level="full",
        service_minutes=10,
        name_vi="Đăng ký tạm trú",
        name_en="Temporary residence registration",
        category=("Cư trú", "Residence"),
        summary_vi="Đăng ký tạm trú với Công an phường, làm trực tuyến qua VNeID hoặc Cổng dịch vụ công.",
        summary_en="Register temporary residence with the ward police, online via VNeID or the portal.",
        who_vi="Người đến sinh sống từ 30 ngày trở lên.",
        who_en="People staying 30 days or more.",
        papers_vi="Tờ khai thay đổi thông tin cư trú (CT01)\nGiấy tờ chứng minh chỗ ở hợp pháp",
        papers_en="Residence change form (CT01)\nProof of lawful residence",
        fee_vi="Nộp trực tuyến 7.000 đồng; trực tiếp 15.000 đồng",
        fee_en="7,000 VND online; 15,000 VND in person",
        time_limit_days=3,
        time_limit_vi="03 ngày làm việc",
        time_limit_en="3 working days",
        result_vi="Thông báo kết quả đăng ký tạm trú",
        result_en="Notice of registration",
        legal_basis="Luật Cư trú 68/2020/QH14",
    ),
]

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


def seed(echo=print):
    """Create the demo point if it is not there yet; print the passwords of the users it makes."""
    if ServicePoint.query.filter_by(slug="tdp12-tan-giang").first():
        echo("Demo data already present: nothing changed.")
        return False
    point = ServicePoint(
        slug="tdp12-tan-giang",
        name_vi="Tổ dân phố điện tử TDP 12",
        name_en="E-residential group TDP 12",
        ward="Phường Tân Giang",
        residential_group="Tổ dân phố 12",
        city="Thành phố Hà Tĩnh",
        province="Hà Tĩnh",
        address="Nhà văn hóa Tổ dân phố 12, phường Tân Giang, thành phố Hà Tĩnh",
        directions_vi="Trong nhà văn hóa của tổ dân phố; có máy tính, máy quét và máy in để làm dịch vụ công trực tuyến. "
        "Bản chính giấy tờ được kiểm tra và nhận kết quả tại bộ phận một cửa UBND phường.",
        directions_en="Inside the group's cultural house, with a computer, scanner and printer for online services. "
        "Originals are checked and results collected at the ward's one-stop office.",
        phone="0239 3855 123",
        latitude=18.3429,
        longitude=105.9057,
        ticket_header="UBND phường Tân Giang – Tổ dân phố điện tử TDP 12",
    )
    db.session.add(point)
    for weekday in range(5):
        db.session.add(
            OpeningSession(
                point=point, weekday=weekday, start=time(7, 30), end=time(11, 30), effective_from=PILOT_START
            )
        )
        db.session.add(
            OpeningSession(
                point=point, weekday=weekday, start=time(13, 30), end=time(17, 0), effective_from=PILOT_START
            )
        )
    db.session.add(
        OpeningSession(
            point=point,
            weekday=5,
            start=time(7, 30),
            end=time(11, 30),
            effective_from=SATURDAY_START,
            note_vi="Buổi sáng thứ Bảy",
            note_en="Saturday morning",
        )
    )
    teams = {}
    for code, name_vi, name_en, prefix in TEAMS:
        teams[code] = Team(point=point, code=code, name_vi=name_vi, name_en=name_en, ticket_prefix=prefix)
        db.session.add(teams[code])
    procedures = []
    for row in PROCEDURES:
        row = dict(row)
        category_vi, category_en = row.pop("category")
        team = teams[row.pop("team")]
        procedure = Procedure(
            category_vi=category_vi, category_en=category_en, team=team, portal_url=PORTAL, **row
        )
        procedures.append(procedure)
        db.session.add(procedure)
    for number, team_code in enumerate(["one-stop", "online", "volunteers"], start=1):
        desk = Desk(point=point, team=teams[team_code], number=number)
        desk.procedures = [p for p in procedures if p.team is teams[team_code]]
        db.session.add(desk)
    db.session.add(Post(point=point, published_at=datetime(2019, 9, 5, 1, 0), **SATURDAY_POST))
    from .outreach_demo import seed_outreach

    seed_outreach(point)  # news, issued documents, useful links
    db.session.commit()
    seed_demo_bookings(point)  # a few bookings on the next open days

    echo("Demo data created for Tân Giang ward, TDP 12. Sign-in accounts (shown once):")
    for username, role, full_name in [
        ("admin", "admin", "Quản trị hệ thống"),
        ("canbo", "staff", "Nguyễn Thị Hoa"),
        ("tinhnguyen", "volunteer", "Trần Văn Nam"),
    ]:
        if User.query.filter_by(username=username).first():
            continue
        password = secrets.token_urlsafe(9)
        create_user(username, role, password, full_name=full_name, point=None if role == "admin" else point)
        echo(f"  {role:<10} {username:<12} {password}")
    from .services.dossier_demo import seed_demo_dossiers

    seed_demo_dossiers(point)  # sample dossiers in several states for the staff list
    return True


DEMO_PEOPLE = [
    ("Nguyễn Văn An", "0912345678"),
    ("Trần Thị Bích", "0987654321"),
    ("Lê Minh Châu", "0356789012"),
    ("Phạm Quốc Dũng", "0708123456"),
]


def seed_demo_bookings(point, now=None):
    """A few bookings on the next open days, so the staff list and the slot picker show something."""
    now = now_local(now)
    made = 0
    wanted = [("khai-sinh", 0, 0), ("xac-nhan-hon-nhan", 0, 0), ("ket-hon", 1, 1), ("thuong-tru", 2, 2)]
    for (code, day_index, slot_index), (name, phone) in zip(wanted, DEMO_PEOPLE, strict=False):
        procedure = db.session.scalars(select(Procedure).filter_by(code=code)).first()
        team = procedure and appointments.team_for(point, procedure)
        if team is None:
            continue
        settings = appointments.settings_for(team)
        # From tomorrow: today's slots may be over by the time someone looks.
        days = sorted(
            appointments.slots_by_day(
                point, team, now.date() + timedelta(days=1), now=now, settings=settings
            ).items()
        )
        if len(days) <= day_index:
            continue
        slots = [s for s in days[day_index][1] if s.left > 0]
        if len(slots) <= slot_index:
            continue
        try:
            appointments.place(point, procedure, team, settings, slots[slot_index], name, phone, now)
            made += 1
        except appointments.BookingError:
            continue
    return made
