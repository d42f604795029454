"""Staff open only their own point's dossiers, complaints and import batches: another point's answer 404."""

from app.extensions import db
from app.models import ServicePoint
from app.models.complaint import Complaint
from app.models.portal_import import ImportBatch
from tests.conftest import sign_in
from tests.dossiers.conftest import make_dossier


def pages_of(demo):
    """A sent dossier, a complaint and an import batch of the demo point, by the staff page of each."""
    dossier = make_dossier(demo)
    complaint = Complaint(point_id=demo.id, text="Chờ quá lâu ở quầy 2")
    batch = ImportBatch(
        point_id=demo.id,
        filename="xuat.csv",
        sha256="0" * 64,
        encoding="utf-8",
        separator=",",
        content="ma\n",
    )
    db.session.add_all([complaint, batch])
    db.session.commit()
    return {
        "dossier": f"/staff/dossiers/{dossier.id}",
        "national ticks": f"/staff/dossiers/{dossier.id}/national",
        "complaint": f"/staff/complaints/{complaint.id}",
        "import batch": f"/staff/dossiers/import/{batch.id}",
    }


def test_another_points_records_answer_as_if_they_did_not_exist(app, demo, make_user):
    pages = pages_of(demo)
    other = ServicePoint(slug="tdp-khac", name_vi="TDP khác", ward="Phường khác", address="Số 1")
    db.session.add(other)
    db.session.commit()
    outsider = sign_in(app.test_client(), make_user("staff", point=other))
    insider = sign_in(app.test_client(), make_user("staff", point=demo))
    admin = sign_in(app.test_client(), make_user("admin"))
    for name, url in pages.items():
        assert outsider.get(url).status_code == 404, name
        assert insider.get(url).status_code == 200, name
        assert admin.get(url).status_code == 200, name
