"""Hand-computed service-index fixtures (Decision 766): the week 18/11/2024 - 24/11/2024 at TDP 7.

Today is Mon 02/12/2024. xac-nhan-hon-nhan and cai-chinh-ho-tich take 3 working days, khai-sinh 0.
A dossier received after 15:00 counts from the next working day; weekends do not count.

D1 xac-nhan: received Mon 18 09:00, due Thu 21, result Thu 21             -> on time
D2 xac-nhan: received Mon 18 16:00 (counts from Tue 19: 766 due Fri 22); more papers asked Thu 21,
   back Mon 25 (waited Thu, Fri = 2 working days: 766 due Tue 26); result Wed 27 -> late by 766
   (the resident's due date restarted at Mon 25 -> Thu 28, so today's on-time figure says on time)
D3 cai-chinh: received Tue 19, papers asked twice (Tue 19, Wed 20), result Thu 21 -> late (second request)
D4 xac-nhan: received Wed 20, due Mon 25, still processing on 02/12       -> late
D5 xac-nhan: received Fri 22, papers asked Fri 22, not back yet           -> not counted
D6 khai-sinh: received Sat 23 (counts from Mon 25, due Mon 25), result Mon 25 -> on time
2.1 = 2 on time of 5 = 40 %.

Ticks: D1 online, paid online, VNeID, digitised, reused; D2 online, paid at the desk, digitised;
D3 online (a partly-online procedure), no fee; D5 in person, paid at the desk; D6 postal, VNeID; D4 none.
3.3 = 3 of 6 = 50 % (2 fully online, 1 partly); 3.6 = 1 of 3 paid; 4.2 = 2 of 6; 4.3 = 1 of 6; 4.5 = 2 of 6.
Ratings 5, 4, 2, 5 (and a rejected 1): 1 dislike of 4. 5.4 = 100 % - (60 % + 25 %) = 15 %.
"""

import secrets
from datetime import date, timedelta

from app.extensions import db
from app.models import Dossier, DossierEvent, Procedure, Rating
from app.models.reports import NationalFiling
from tests.admin.fixtures import WEEK, local


def _day(offset, hour, minute=0):
    """Local time `offset` days after Mon 18/11/2024, as stored (naive UTC)."""
    return local(WEEK + timedelta(days=offset), hour, minute)


def add(point, code, status, due, events, ticks=None):
    """events: [(status, day offset from Mon 18/11, hour)]; the first one is the submission."""
    procedure = db.session.scalars(db.select(Procedure).filter_by(code=code)).one()
    dossier = Dossier(
        point_id=point.id,
        procedure_id=procedure.id,
        status=status,
        channel="self",
        submitted_at=_day(events[0][1], events[0][2]),
        due_date=due,
        code="HS-" + secrets.token_hex(3).upper(),
    )
    for kind, offset, hour in events:
        dossier.events.append(DossierEvent(status=kind, at=_day(offset, hour)))
    db.session.add(dossier)
    if ticks:
        db.session.flush()
        db.session.add(NationalFiling(dossier_id=dossier.id, **ticks))
    return dossier


def build_index_week(point):
    add(
        point, "xac-nhan-hon-nhan", "completed", date(2024, 11, 21),
        [("received", 0, 9), ("completed", 3, 10)],
        dict(national_channel="online", payment="online", vneid_level2=True, digitised=True, data_reused=True),
    )  # fmt: skip
    add(
        point, "xac-nhan-hon-nhan", "completed", date(2024, 11, 28),
        [("received", 0, 16), ("supplement", 3, 10), ("received", 7, 9), ("completed", 9, 10)],
        dict(national_channel="online", payment="desk", digitised=True),
    )  # fmt: skip
    add(
        point, "cai-chinh-ho-tich", "returned", date(2024, 11, 26),
        [("received", 1, 9), ("supplement", 1, 11), ("received", 2, 9), ("supplement", 2, 14),
         ("received", 3, 9), ("completed", 3, 15), ("returned", 3, 16)],
        dict(national_channel="online", payment="none"),
    )  # fmt: skip
    add(
        point,
        "xac-nhan-hon-nhan",
        "processing",
        date(2024, 11, 25),
        [("received", 2, 9), ("processing", 2, 10)],
    )
    add(
        point, "xac-nhan-hon-nhan", "supplement", date(2024, 11, 27),
        [("received", 4, 9), ("supplement", 4, 10)],
        dict(national_channel="in_person", payment="desk"),
    )  # fmt: skip
    add(
        point, "khai-sinh", "completed", date(2024, 11, 25),
        [("received", 5, 8), ("completed", 7, 10)],
        dict(national_channel="postal", vneid_level2=True),
    )  # fmt: skip
    add(point, "khai-sinh", "completed", date(2024, 11, 11), [("received", -7, 9), ("completed", -7, 10)])
    for overall, status in (
        (5, "approved"),
        (4, "pending"),
        (2, "approved"),
        (5, "approved"),
        (1, "rejected"),
    ):
        db.session.add(Rating(point_id=point.id, overall=overall, status=status, created_at=_day(1, 10)))
    db.session.commit()
