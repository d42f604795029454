"""Sample dossiers in several states for the demo's staff list (names as in DOMAIN.md's examples)."""

from datetime import timedelta

from sqlalchemy import select

from ..extensions import db
from ..models import Procedure, User
from ..services import dossiers as service
from ..services.workdays import due_date
from ..timeutil import utcnow

SAMPLES = [
    # procedure, channel, answers' requester, days ago submitted, moves, portal code
    ("khai-sinh", "volunteer", ("Nguyễn Thị Lan", "0912345678", "042190001234"), 0, [], "G22.42-DEMO-0001"),
    ("khai-tu", "paper", ("Lê Văn Bình", "0987654321", "042080005678"), 1, [("received", None)], None),
    (
        "xac-nhan-hon-nhan",
        "self",
        ("Hoàng Văn Đức", "0778123456", "042196003333"),
        9,
        [("received", None), ("processing", None)],
        "G22.42-DEMO-0002",
    ),
    (
        "trich-luc-ho-tich",
        "volunteer",
        ("Phạm Thị Hoa", "0356789012", "042185002222"),
        2,
        [("supplement", "Thiếu văn bản ủy quyền của người có yêu cầu")],
        None,
    ),
    (
        "khai-sinh",
        "self",
        ("Trần Thị Mai", "0901234567", "042194004444"),
        3,
        [("received", None), ("completed", None)],
        "G22.42-DEMO-0003",
    ),
    (
        "thuong-tru",
        "volunteer",
        ("Võ Văn Tùng", "0934567890", "042188005555"),
        12,
        [("received", None), ("processing", None), ("completed", None), ("returned", "Đã trả kết quả")],
        None,
    ),
]


def seed_demo_dossiers(point):
    """Six dossiers from submitted to returned, one overdue; they are plain demo data."""
    staff = db.session.scalars(select(User).filter_by(role="staff", point_id=point.id)).first()
    created = []
    for code, channel, (name, phone, id_number), days_ago, moves, portal in SAMPLES:
        procedure = db.session.scalars(select(Procedure).filter_by(code=code)).first()
        if procedure is None:
            continue
        dossier = service.start_draft(procedure, point, channel)
        service.give_consent(dossier, "Dữ liệu mẫu")
        service.save_step(
            dossier,
            "requester",
            {
                "full_name": name,
                "phone": phone,
                "id_number": id_number,
                "residence": "Tổ dân phố 12, phường Tân Giang",
                "relationship": "self",
            },
            complete=True,
        )
        dossier.answers = {**dossier.answers, "_done": ["consent", "requester"]}
        service.submit(dossier, ["consent", "requester"])
        for status, note in moves:
            service.move(dossier, status, note, staff, audited=False)  # sample data, not staff work
        # Back-date the history so the list shows due dates spread over the past days.
        shift = timedelta(days=days_ago)
        dossier.submitted_at -= shift
        if dossier.received_at:
            dossier.received_at -= shift
        if dossier.finished_at:
            dossier.finished_at -= shift
        for event in dossier.events:
            event.at -= shift
        dossier.due_date = due_date(
            dossier.received_at or dossier.submitted_at, procedure.time_limit_days, point
        )
        dossier.portal_code = portal
        dossier.created_at = dossier.updated_at = utcnow() - shift
        created.append(dossier)
    db.session.commit()
    return created
