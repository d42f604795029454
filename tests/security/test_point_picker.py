"""Admins, who serve the whole city, pick where a post, document or link is shown.

Variants: each kind offers the active points and the whole city with nothing preselected; the pick
is saved; no pick, a point that does not exist, a closed point, or a word are refused with the
choice and what was typed kept; editing keeps the item's point selected; staff get no picker and
cannot post elsewhere by sending one.
"""

import io

import pytest

from app.demo.outreach import small_pdf
from app.extensions import db
from app.models import Document, Link, Post, ServicePoint
from tests.conftest import csrf_token, html, sign_in, text_of

PDF = small_pdf(["Van ban"])
FORMS = {
    "post": "/admin/outreach/posts/new",
    "document": "/admin/outreach/documents",
    "link": "/admin/outreach/links",
}
MODELS = {"post": Post, "document": Document, "link": Link}
KINDS = list(FORMS)


@pytest.fixture(autouse=True)
def uploads_folder(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path / "uploads"))


@pytest.fixture
def other(demo):
    point = ServicePoint(slug="tdp-khac", name_vi="TDP khác", ward="Phường khác", address="Số 1")
    closed = ServicePoint(
        slug="tdp-dong", name_vi="TDP đã đóng", ward="Phường khác", address="Số 2", active=False
    )
    db.session.add_all([point, closed])
    db.session.commit()
    return point


def closed_point():
    return db.session.scalars(db.select(ServicePoint).filter_by(slug="tdp-dong")).one()


def fields(kind, title):
    if kind == "post":
        return {"title_vi": title, "body_vi": "Nội dung", "body_format": "text"}
    if kind == "document":
        return {
            "title_vi": title,
            "issued_on": "2026-11-20",
            "issuer": "UBND phường",
            "attachment": (io.BytesIO(PDF), "van-ban.pdf"),
        }
    return {"title_vi": title, "url": "https://dichvucong.gov.vn"}


def send(client, kind, title, **extra):
    data = {"csrf_token": csrf_token(client, FORMS[kind]), **fields(kind, title), **extra}
    return client.post(FORMS[kind], data=data, content_type="multipart/form-data")


def saved(kind, title):
    return db.session.scalars(db.select(MODELS[kind]).filter_by(title_vi=title)).one_or_none()


def picker(response):
    return html(response).find("select", attrs={"name": "place"})


@pytest.mark.parametrize("kind", KINDS)
def test_an_admin_is_offered_every_open_point_and_the_whole_city_with_nothing_chosen(
    admin_client, demo, other, kind
):
    select = picker(admin_client.get(FORMS[kind]))
    assert select is not None
    options = {o["value"]: o.get_text() for o in select.find_all("option")}
    assert options == {
        "": "Chọn nơi hiển thị",
        "all": "Toàn thành phố: mọi điểm phục vụ",
        str(demo.id): demo.name_vi,
        str(other.id): "TDP khác",
    }
    assert select.find("option", selected=True) is None
    assert select.find_previous("label").get_text(strip=True) == "Hiển thị tại"


@pytest.mark.parametrize("kind", KINDS)
def test_an_admin_posts_to_the_point_they_pick_or_to_the_whole_city(admin_client, demo, other, kind):
    assert send(admin_client, kind, "Cho TDP khác", place=str(other.id)).status_code == 303
    assert send(admin_client, kind, "Cho cả thành phố", place="all").status_code == 303
    assert saved(kind, "Cho TDP khác").point_id == other.id
    assert saved(kind, "Cho cả thành phố").point_id is None


REFUSED = {
    "nothing chosen": ("", "Chọn một điểm phục vụ, hoặc toàn thành phố"),
    "no such point": ("9999", "Chọn một trong các lựa chọn"),
    "a word": ("tdp-khac", "Chọn một trong các lựa chọn"),
    "a negative id": ("-1", "Chọn một trong các lựa chọn"),
    "a closed point": (None, "Chọn một trong các lựa chọn"),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("variant", list(REFUSED))
def test_a_place_not_offered_is_refused_and_nothing_is_saved(admin_client, demo, other, kind, variant):
    value, message = REFUSED[variant]
    value = str(closed_point().id) if value is None else value
    response = send(admin_client, kind, "Không được lưu", place=value)
    assert response.status_code in (200, 422)
    assert message in text_of(response)
    assert saved(kind, "Không được lưu") is None


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_submit_keeps_the_point_chosen_and_what_was_typed(admin_client, demo, other, kind):
    data = fields(kind, "Giữ lại tiêu đề")
    data.pop("body_vi", None), data.pop("issuer", None), data.pop("url", None)  # one required field empty
    data["csrf_token"] = csrf_token(admin_client, FORMS[kind])
    response = admin_client.post(
        FORMS[kind], data={**data, "place": str(other.id)}, content_type="multipart/form-data"
    )
    chosen = picker(response).find("option", selected=True)
    assert chosen is not None and chosen["value"] == str(other.id)
    assert html(response).find("input", attrs={"name": "title_vi"})["value"] == "Giữ lại tiêu đề"
    assert saved(kind, "Giữ lại tiêu đề") is None


@pytest.mark.parametrize("kind", ["post", "link"])
def test_editing_shows_the_items_point_and_can_move_it(admin_client, demo, other, kind):
    send(admin_client, kind, "Sẽ chuyển", place=str(demo.id))
    item = saved(kind, "Sẽ chuyển")
    edit = f"/admin/outreach/{kind}s/{item.id}/edit"
    assert picker(admin_client.get(edit)).find("option", selected=True)["value"] == str(demo.id)
    data = {"csrf_token": csrf_token(admin_client, edit), **fields(kind, "Sẽ chuyển"), "place": str(other.id)}
    assert admin_client.post(edit, data=data).status_code == 303
    db.session.expire_all()
    assert saved(kind, "Sẽ chuyển").point_id == other.id


def test_an_item_of_a_closed_point_keeps_its_point_when_edited(admin_client, demo, other):
    post = Post(point_id=closed_point().id, title_vi="Của điểm đã đóng", body_vi="x")
    db.session.add(post)
    db.session.commit()
    edit = f"/admin/outreach/posts/{post.id}/edit"
    chosen = picker(admin_client.get(edit)).find("option", selected=True)
    assert (chosen["value"], chosen.get_text()) == (str(closed_point().id), "TDP đã đóng")
    data = {
        "csrf_token": csrf_token(admin_client, edit),
        **fields("post", "Đã sửa"),
        "place": chosen["value"],
    }
    assert admin_client.post(edit, data=data).status_code == 303
    db.session.expire_all()
    assert db.session.get(Post, post.id).point_id == closed_point().id


@pytest.mark.parametrize("kind", KINDS)
def test_staff_get_no_picker_and_cannot_post_elsewhere(app, demo, other, make_user, kind):
    client = sign_in(app.test_client(), make_user("staff", point=other))
    assert picker(client.get(FORMS[kind])) is None
    assert send(client, kind, "Muốn đăng cho TDP 12", place=str(demo.id)).status_code == 303
    assert send(client, kind, "Muốn đăng toàn thành phố", place="all").status_code == 303
    assert saved(kind, "Muốn đăng cho TDP 12").point_id == other.id
    assert saved(kind, "Muốn đăng toàn thành phố").point_id == other.id


@pytest.mark.parametrize("kind", KINDS)
def test_an_admins_list_says_where_each_item_is_shown(admin_client, demo, other, kind):
    send(admin_client, kind, "Cho TDP khác", place=str(other.id))
    send(admin_client, kind, "Cho cả thành phố", place="all")
    listing = {
        "post": "/admin/outreach/posts",
        "document": "/admin/outreach/documents",
        "link": "/admin/outreach/links",
    }
    items = {
        li.find(["a", "strong"]).get_text(): " ".join(li.get_text(" ").split())
        for li in html(admin_client.get(listing[kind])).select("li")
        if li.find(["a", "strong"])
    }
    assert "TDP khác" in items["Cho TDP khác"]
    assert "Toàn thành phố" in items["Cho cả thành phố"]
