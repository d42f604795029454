"""Reports say how many ratings came with a real ticket or dossier: the open form's code is only a speed bump."""

from app.extensions import db
from app.models import Rating
from tests.conftest import text_of


def test_the_report_counts_ratings_tied_to_a_real_visit(staff_client, demo):
    db.session.add_all(
        [
            Rating(point_id=demo.id, overall=5, ticket_ref="t" * 22),
            Rating(point_id=demo.id, overall=4, dossier_ref="HS-2611-7K3Q"),
            Rating(point_id=demo.id, overall=1),
        ]
    )
    db.session.commit()
    page = text_of(staff_client.get("/reports"))
    assert "2 trong 3 lượt đánh giá được gửi cho một số thứ tự hoặc hồ sơ thật" in page
