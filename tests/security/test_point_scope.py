"""Staff of one service point moderate their own point's comments, not another point's."""

from app.extensions import db
from app.models import Rating, ServicePoint
from tests.conftest import csrf_token, sign_in, text_of


def second_point():
    point = ServicePoint(slug="tdp-khac", name_vi="TDP khác", ward="Phường khác", address="Số 1")
    db.session.add(point)
    db.session.commit()
    return point


def pending(point, comment):
    rating = Rating(point_id=point.id, overall=3, comment=comment)
    db.session.add(rating)
    db.session.commit()
    return rating


def test_staff_of_another_point_neither_see_nor_moderate_a_points_comments(app, demo, make_user):
    other = second_point()
    ours, theirs = pending(demo, "Bình luận ở TDP 12"), pending(other, "Bình luận ở TDP khác")
    client = sign_in(app.test_client(), make_user("staff", point=other))
    listing = text_of(client.get("/admin/outreach/comments"))
    assert "Bình luận ở TDP khác" in listing and "Bình luận ở TDP 12" not in listing
    token = csrf_token(client, "/admin/outreach/comments")
    refused = client.post(
        f"/admin/outreach/comments/{ours.id}", data={"csrf_token": token, "decision": "approved"}
    )
    assert refused.status_code == 404
    allowed = client.post(
        f"/admin/outreach/comments/{theirs.id}", data={"csrf_token": token, "decision": "approved"}
    )
    assert allowed.status_code == 303
    db.session.expire_all()
    assert db.session.get(Rating, ours.id).status == "pending"
    assert db.session.get(Rating, theirs.id).status == "approved"


def test_an_admin_sees_every_points_comments(admin_client, demo):
    other = second_point()
    pending(demo, "Bình luận ở TDP 12")
    pending(other, "Bình luận ở TDP khác")
    listing = text_of(admin_client.get("/admin/outreach/comments"))
    assert "Bình luận ở TDP 12" in listing and "Bình luận ở TDP khác" in listing
