"""Staff of one service point moderate and edit their own point's content, not another point's.

Variants: edit, delete, see in list (posts, documents, links), moderate (comments), pin on the board.
"""

import datetime as dt

import pytest

from app.extensions import db
from app.models import Document, Link, Post, Rating, ServicePoint
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


def content(kind, point, title):
    """One post, document or link of a point (None: city-wide), and the staff page that lists it."""
    point_id = point.id if point is not None else None
    if kind == "post":
        row = Post(point_id=point_id, title_vi=title, body_vi="Nội dung")
        listing = "/admin/outreach/posts"
    elif kind == "document":
        row = Document(point_id=point_id, title_vi=title, issued_on=dt.date(2026, 11, 20), issuer="UBND")
        listing = "/admin/outreach/documents"
    else:
        row = Link(point_id=point_id, title_vi=title, url="https://dichvucong.gov.vn")
        listing = "/admin/outreach/links"
    db.session.add(row)
    db.session.commit()
    return row, listing


MODELS = {"post": Post, "document": Document, "link": Link}
KINDS = ["post", "document", "link"]


@pytest.mark.parametrize("kind", KINDS)
def test_staff_see_in_their_list_only_their_own_points_content(app, demo, make_user, kind):
    other = second_point()
    content(kind, demo, "Của TDP 12")
    content(kind, None, "Toàn thành phố")
    _, listing = content(kind, other, "Của TDP khác")
    client = sign_in(app.test_client(), make_user("staff", point=other))
    shown = text_of(client.get(listing))
    assert "Của TDP khác" in shown
    assert "Của TDP 12" not in shown and "Toàn thành phố" not in shown


@pytest.mark.parametrize("kind", KINDS)
def test_staff_cannot_delete_another_points_content(app, demo, make_user, kind):
    other = second_point()
    ours, listing = content(kind, demo, "Của TDP 12")
    client = sign_in(app.test_client(), make_user("staff", point=other))
    token = csrf_token(client, listing)
    path = f"/admin/outreach/{kind}s/{ours.id}/delete"
    assert client.post(path, data={"csrf_token": token}).status_code == 404
    db.session.expire_all()
    assert db.session.get(MODELS[kind], ours.id) is not None


@pytest.mark.parametrize("kind", ["post", "link"])
def test_staff_cannot_edit_another_points_or_a_city_wide_item(app, demo, make_user, kind):
    other = second_point()
    ours, _ = content(kind, demo, "Của TDP 12")
    city, _ = content(kind, None, "Toàn thành phố")
    mine, _ = content(kind, other, "Của TDP khác")
    client = sign_in(app.test_client(), make_user("staff", point=other))
    assert client.get(f"/admin/outreach/{kind}s/{ours.id}/edit").status_code == 404
    assert client.get(f"/admin/outreach/{kind}s/{city.id}/edit").status_code == 404
    token = csrf_token(client, f"/admin/outreach/{kind}s/{mine.id}/edit")
    fields = {"title_vi": "Đã sửa", "body_vi": "x", "body_format": "text", "url": "https://a.gov.vn"}
    refused = client.post(f"/admin/outreach/{kind}s/{ours.id}/edit", data={"csrf_token": token, **fields})
    assert refused.status_code == 404
    db.session.expire_all()
    assert db.session.get(MODELS[kind], ours.id).title_vi == "Của TDP 12"


def write_post(client, title, **extra):
    token = csrf_token(client, "/admin/outreach/posts/new")
    data = {"csrf_token": token, "title_vi": title, "body_vi": "Nội dung", "body_format": "text", **extra}
    response = client.post("/admin/outreach/posts/new", data=data)
    assert response.status_code == 303, response.text[:500]
    return db.session.scalars(db.select(Post).filter_by(title_vi=title)).one()


def test_a_staff_post_belongs_to_their_point_even_if_they_ask_for_city_wide(app, demo, make_user):
    other = second_point()
    client = sign_in(app.test_client(), make_user("staff", point=other))
    assert 'name="place"' not in client.get("/admin/outreach/posts/new").get_data(as_text=True)
    assert write_post(client, "Thông báo TDP khác", place="all").point_id == other.id
    assert write_post(client, "Thông báo TDP 12", place=str(demo.id)).point_id == other.id


def test_city_wide_is_an_admins_explicit_choice(admin_client, demo):
    assert 'name="place"' in admin_client.get("/admin/outreach/posts/new").get_data(as_text=True)
    assert write_post(admin_client, "Toàn thành phố", place="all").point_id is None
    assert write_post(admin_client, "Chỉ một điểm", place=str(demo.id)).point_id == demo.id


def test_another_points_pinned_post_is_not_on_this_points_board(app, demo, make_user, clock):
    clock(2026, 11, 26, 9, 0)
    other = second_point()
    write_post(sign_in(app.test_client(), make_user("staff", point=other)), "Nghỉ trưa TDP khác", pinned="y")
    board = text_of(app.test_client().get("/board", headers={"HX-Request": "true"}))
    assert "Nghỉ trưa TDP khác" not in board
    own = write_post(
        sign_in(app.test_client(), make_user("staff", point=demo)), "Nghỉ trưa TDP 12", pinned="y"
    )
    assert own.point_id == demo.id
    board = text_of(app.test_client().get("/board", headers={"HX-Request": "true"}))
    assert "Nghỉ trưa TDP 12" in board


def test_public_pages_show_the_points_own_and_city_wide_content(client, demo):
    other = second_point()
    for kind, path in (("post", "/news"), ("document", "/documents"), ("link", "/links")):
        content(kind, demo, f"{kind} của TDP 12")
        content(kind, None, f"{kind} toàn thành phố")
        content(kind, other, f"{kind} của TDP khác")
        shown = text_of(client.get(path))
        assert f"{kind} của TDP 12" in shown and f"{kind} toàn thành phố" in shown
        assert f"{kind} của TDP khác" not in shown
