"""The home page's "Sắp tới" list: an extra opening's note is shown only when it says something new."""

from datetime import datetime

from app.extensions import db
from app.services import schedule
from app.timeutil import LOCAL_TZ
from tests.conftest import html


def coming_up(client):
    return [" ".join(li.get_text().split()) for li in html(client.get("/")).select("h3 + ul.app-list li")]


def test_an_extra_opening_with_the_default_note_does_not_repeat_its_label(client, demo, clock):
    clock(2026, 12, 7, 9, 0)
    schedule.add_extra_opening(demo, 3, now=datetime(2026, 12, 8, 1, 39, tzinfo=LOCAL_TZ))
    schedule.add_extra_opening(
        demo, 2, now=datetime(2026, 12, 9, 14, 0, tzinfo=LOCAL_TZ), reason_vi="Ngày hội CCCD"
    )
    db.session.commit()
    items = coming_up(client)
    assert "08/12/2026: mở cửa bổ sung 01:39–04:39" in items
    assert "09/12/2026: mở cửa bổ sung 14:00–16:00 (Ngày hội CCCD)" in items
    assert not any("(Mở cửa bổ sung)" in item for item in items)
