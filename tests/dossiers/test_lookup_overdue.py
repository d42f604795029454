"""A resident looking up a dossier past its due date is told plainly that it is late, and whom to ask."""

from datetime import date

from app.extensions import db
from app.services import dossiers as service
from tests.conftest import csrf_token, html

from .conftest import make_dossier


def looked_up(client, dossier):
    token = csrf_token(client, "/lookup")
    response = client.post("/lookup", data={"csrf_token": token, "code": dossier.code, "phone": "0912345678"})
    return " ".join(html(response).find(id="lookup-result").get_text(" ").split())


def test_a_dossier_past_its_due_date_says_it_is_late_and_whom_to_call(client, demo, clock):
    clock(2026, 11, 30, 9, 0)
    dossier = make_dossier(demo, "birth")
    service.move(dossier, "received")
    service.move(dossier, "processing")
    dossier.due_date = date(2026, 12, 3)
    demo.phone = "024 3825 1234"
    db.session.commit()
    clock(2026, 12, 3, 16, 0)
    assert "trễ hẹn" not in looked_up(client, dossier)  # due today: not late yet
    clock(2026, 12, 8, 9, 0)
    shown = looked_up(client, dossier)
    assert "hẹn trả ngày 03/12/2026" in shown
    assert "Hồ sơ đã trễ hẹn: kết quả hẹn trả ngày 03/12/2026." in shown
    assert f"{demo.name_vi} theo số 024 3825 1234" in shown
    service.move(dossier, "completed")
    assert "trễ hẹn" not in looked_up(client, dossier)  # done: no longer late
