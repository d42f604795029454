"""Demo bookings on the next open days, so the staff list and the slot picker show something."""

from datetime import timedelta

from sqlalchemy import select

from ..extensions import db
from ..models import Procedure
from ..services import appointments
from ..services.appointments.rules import now_local

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
