"""A post or document of one service point is not shown under another point's pages.

The public pages list a point's own items and the city-wide ones (the point is `?point=<slug>`, else
the deployment's first); opening one item follows the same rule, so an id typed by hand cannot show
point A's post under point B. Variants: a post's page, a document's download, the lists, the links a
point's home page gives (news, rating), the links staff follow from their own lists, an unknown point.
"""

import datetime as dt
import io

import pytest

from app.demo.outreach import small_pdf
from app.extensions import db
from app.models import Post, Rating, ServicePoint
from app.services import outreach
from tests.conftest import csrf_token, html, sign_in, text_of
from tests.outreach.conftest import form_fields, solve

PDF = small_pdf(["Ke hoach"])


@pytest.fixture
def other(demo):
    point = ServicePoint(slug="tdp-khac", name_vi="TDP khác", ward="Phường khác", address="Số 1")
    db.session.add(point)
    db.session.commit()
    return point


@pytest.fixture
def uploads_folder(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path / "uploads"))


def post_of(point, title, pinned=False):
    return outreach.save_post(
        None,
        {"title_vi": title, "body_vi": f"Nội dung {title}", "pinned": pinned, "point_id": point and point.id},
    )


def document_of(point, title):
    data = {
        "title_vi": title,
        "issued_on": dt.date(2026, 11, 20),
        "issuer": "UBND",
        "point_id": point and point.id,
    }
    return outreach.add_document(data, io.BytesIO(PDF), "ke-hoach.pdf")


# Where each item may be opened: (whose item, the point of the page, opens?).
CASES = [
    ("other", "", False),  # another point's item under the first point's pages
    ("other", "?point=tdp-khac", True),
    ("demo", "?point=tdp-khac", False),
    ("demo", "", True),
    ("demo", "?point=tdp12-tan-giang", True),
    ("city", "", True),
    ("city", "?point=tdp-khac", True),
]


def owner(name, demo, other):
    return {"demo": demo, "other": other, "city": None}[name]


@pytest.mark.parametrize("whose, query, opens", CASES)
def test_a_posts_page_opens_only_where_the_list_shows_it(client, demo, other, whose, query, opens):
    post = post_of(owner(whose, demo, other), "Thông báo cắt điện")
    page = client.get(f"/news/{post.id}{query}")
    listed = "Thông báo cắt điện" in text_of(client.get(f"/news{query}"))
    assert (page.status_code, listed) == ((200, True) if opens else (404, False))
    if opens:
        assert "Nội dung Thông báo cắt điện" in text_of(page)


@pytest.mark.parametrize("whose, query, opens", CASES)
def test_a_documents_file_downloads_only_where_the_list_shows_it(
    client, demo, other, uploads_folder, whose, query, opens
):
    document = document_of(owner(whose, demo, other), "Kế hoạch phòng cháy")
    download = client.get(f"/documents/{document.id}/download{query}")
    listed = "Kế hoạch phòng cháy" in text_of(client.get(f"/documents{query}"))
    assert (download.status_code, listed) == ((200, True) if opens else (404, False))
    if opens:
        assert download.data.startswith(b"%PDF")


def test_an_unknown_point_is_a_404_not_the_first_points_items(client, demo):
    post = post_of(None, "Toàn thành phố")
    for path in ("/news", f"/news/{post.id}", "/documents", "/links"):
        assert client.get(f"{path}?point=khong-co").status_code == 404, path


def test_links_follow_the_point_of_the_page(client, demo, other):
    theirs = outreach.save_link(
        None, {"title_vi": "Cổng của TDP khác", "url": "https://a.gov.vn", "point_id": other.id}
    )
    shown = text_of(client.get("/links?point=tdp-khac"))
    assert theirs.title_vi in shown
    assert theirs.title_vi not in text_of(client.get("/links"))


def test_a_points_home_page_links_open_its_own_posts(client, demo, other):
    post_of(other, "Nghỉ trưa TDP khác", pinned=True)
    home = html(client.get("/points/tdp-khac"))
    read_more = home.find("a", string="Xem tiếp")
    assert read_more is not None, home.get_text(" ")[:1000]
    assert "Nội dung Nghỉ trưa TDP khác" in text_of(client.get(read_more["href"]))
    news = next(a["href"] for a in home.find_all("a") if a.get_text() == "Tin tức" and "point=" in a["href"])
    listed = html(client.get(news)).select("#news-list h2 a")
    assert "Nghỉ trưa TDP khác" in [a.get_text() for a in listed]
    assert client.get(listed[0]["href"]).status_code == 200


def test_paging_a_points_news_stays_at_that_point(client, demo, other):
    for n in range(11):
        post_of(other, f"Tin TDP khác số {n}")
    first = html(client.get("/news?point=tdp-khac"))
    older = first.find("a", rel="next")
    assert "point=tdp-khac" in older["href"] and "point=tdp-khac" in older["hx-get"]
    assert "Tin TDP khác số 0" in text_of(client.get(older["href"]))


def test_staff_open_their_own_points_post_and_file_from_their_lists(
    app, demo, other, make_user, uploads_folder
):
    client = sign_in(app.test_client(), make_user("staff", point=other))
    post_of(other, "Tin của TDP khác")
    document_of(other, "Văn bản của TDP khác")
    view = html(client.get("/admin/outreach/posts")).find("a", string="Xem")
    assert client.get(view["href"]).status_code == 200
    files = html(client.get("/admin/outreach/documents")).find("a", string="ke-hoach.pdf")
    assert client.get(files["href"]).status_code == 200


def test_saving_a_post_shows_it_where_it_belongs(app, demo, other, make_user):
    client = sign_in(app.test_client(), make_user("staff", point=other))
    token = csrf_token(client, "/admin/outreach/posts/new")
    data = {"csrf_token": token, "title_vi": "Họp tổ", "body_vi": "Tối thứ Sáu", "body_format": "text"}
    saved = client.post("/admin/outreach/posts/new", data=data)
    assert saved.status_code == 303 and "point=tdp-khac" in saved.location
    assert "Tối thứ Sáu" in text_of(client.get(saved.location))
    post = db.session.scalars(db.select(Post).filter_by(title_vi="Họp tổ")).one()
    assert client.get(f"/news/{post.id}").status_code == 404  # not under the first point's pages


def test_rating_from_a_points_home_page_counts_for_that_point(client, demo, other):
    home = html(client.get("/points/tdp-khac"))
    link = next(
        a["href"] for a in home.find_all("a") if a.get_text() == "Đánh giá dịch vụ" and "point=" in a["href"]
    )
    page = client.get(link)
    assert "TDP khác" in html(page).find("h1").get_text()
    data = {**form_fields(page), "overall": "2", "comment": "Chờ lâu ở TDP khác", "captcha": solve(page)}
    action = html(page).find("form", id="feedback-form")["action"]
    sent = client.post(action, data=data)
    assert sent.status_code == 303 and "point=tdp-khac" in sent.location
    rating = db.session.scalars(db.select(Rating)).one()
    assert rating.point_id == other.id
    rating.status = "approved"
    db.session.commit()
    assert "Chờ lâu ở TDP khác" in text_of(client.get(link))
    assert "Chờ lâu ở TDP khác" not in text_of(client.get("/feedback"))
