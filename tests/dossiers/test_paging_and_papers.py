"""The staff list comes in pages; the desk ticks the originals it checked, shown on the detail and receipt."""

import json

from app.extensions import db
from app.models import AuditEvent, Dossier
from app.services import dossiers as service
from tests.conftest import csrf_token, html, text_of

from .conftest import make_dossier
from .test_wizard import fill, start

HX = {"HX-Request": "true"}
BIRTH_PAPERS = [
    "Tờ khai đăng ký khai sinh",
    "Giấy chứng sinh (hoặc văn bản của người làm chứng / giấy cam đoan)",
    "Căn cước / CCCD của người đi đăng ký (xuất trình)",
]


def codes(response):
    return [a.get_text() for a in html(response).select("#dossier-list tbody tr td:first-child a")]


def test_the_list_shows_25_dossiers_a_page_by_default(app):
    assert app.config["DOSSIER_PAGE_SIZE"] == 25


def test_the_staff_list_is_paged_with_links_that_work_with_and_without_htmx(
    staff_client, demo, app, monkeypatch
):
    monkeypatch.setitem(app.config, "DOSSIER_PAGE_SIZE", 4)
    for _n in range(4):
        make_dossier(demo, "extract")
    total = Dossier.query.filter(Dossier.status.in_(service.OPEN)).count()  # demo samples too
    assert 8 < total <= 12
    first = staff_client.get("/staff/dossiers?status=open")
    assert len(codes(first)) == 4 and "Trang 1/3" in [
        s.get_text() for s in html(first).select(".app-pager span")
    ]
    next_link = html(first).find("a", rel="next")
    assert next_link["href"] == next_link["hx-get"] == "/staff/dossiers?status=open&page=2"
    assert not html(first).find("a", rel="prev")
    seen = codes(first)
    for headers in ({}, HX):
        second = staff_client.get(next_link["href"], headers=headers)
        assert second.status_code == 200 and ("<html" in second.text) == (headers == {})
        assert len(codes(second)) == 4 and not set(codes(second)) & set(seen)
    third = staff_client.get("/staff/dossiers?status=open&page=3")
    assert html(third).find("a", rel="prev")["href"] == "/staff/dossiers?status=open&page=2"
    assert not html(third).find("a", rel="next")
    assert len(seen + codes(second) + codes(third)) == total
    # A page past the end is empty, not an error; a page that is not a number is the first.
    assert staff_client.get("/staff/dossiers?status=open&page=9").status_code == 200
    assert staff_client.get("/staff/dossiers?page=abc").status_code == 200


def test_a_short_list_has_no_pager(staff_client, demo):
    assert not html(staff_client.get("/staff/dossiers")).find("nav", class_="app-pager")


def test_the_desk_ticks_checked_originals_and_the_detail_keeps_them(staff_client, demo):
    dossier = make_dossier(demo, "birth")
    url = f"/staff/dossiers/{dossier.id}"
    page = html(staff_client.get(url))
    boxes = page.find(id="papers").find_all("input", attrs={"type": "checkbox"})
    assert [b["value"] for b in boxes] == BIRTH_PAPERS and not any(b.has_attr("checked") for b in boxes)
    form = page.find(id="papers").find("form")
    assert form["action"] == form["hx-post"] == url + "/papers"
    token = csrf_token(staff_client, url)
    response = staff_client.post(url + "/papers", data={"csrf_token": token, "papers": BIRTH_PAPERS[:2]})
    assert response.status_code == 303 and response.headers["Location"] == url
    ticked = [
        b["value"] for b in html(staff_client.get(url)).find(id="papers").find_all("input", checked=True)
    ]
    assert ticked == BIRTH_PAPERS[:2]
    # With htmx the checklist comes back alone, saved.
    fragment = staff_client.post(
        url + "/papers", data={"csrf_token": token, "papers": [BIRTH_PAPERS[2], "Giả"]}, headers=HX
    )
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "Đã lưu danh mục giấy tờ" in text_of(fragment)
    assert [b["value"] for b in html(fragment).find_all("input", checked=True)] == BIRTH_PAPERS[2:]
    db.session.expire_all()
    assert db.session.get(Dossier, dossier.id).answers["_papers"] == BIRTH_PAPERS[2:]  # unknown paper ignored
    updates = AuditEvent.query.filter_by(action="dossier.update").order_by(AuditEvent.id).all()
    assert json.loads(updates[-1].after) == {"papers_checked": BIRTH_PAPERS[2:]}
    assert json.loads(updates[-1].before) == {"papers_checked": BIRTH_PAPERS[:2]}


def test_ticking_papers_needs_staff_and_the_token(client, volunteer_client, staff_client, demo):
    dossier = make_dossier(demo, "birth")
    url = f"/staff/dossiers/{dossier.id}/papers"
    assert client.post(url, data={"papers": BIRTH_PAPERS}).status_code in (302, 400)
    assert (
        volunteer_client.post(
            url, data={"csrf_token": csrf_token(volunteer_client, "/lookup"), "papers": BIRTH_PAPERS}
        ).status_code
        == 403
    )
    assert staff_client.post(url, data={"papers": BIRTH_PAPERS}).status_code == 400
    db.session.expire_all()
    assert "_papers" not in db.session.get(Dossier, dossier.id).answers


def test_the_receipt_shows_which_originals_were_checked(client, demo, make_user, clock):
    clock(2026, 12, 7, 9, 0)
    dossier_id, token = start(client)
    fill(client, dossier_id, token)
    client.post(f"/dossiers/{dossier_id}/check", data={"csrf_token": token})
    dossier = db.session.get(Dossier, dossier_id)
    service.check_papers(dossier, [BIRTH_PAPERS[1]], make_user("staff", point=demo))
    items = html(client.get(f"/dossiers/{dossier_id}/receipt")).select(".app-papers li")
    assert [("đã kiểm tra bản chính" in li.get_text()) for li in items] == [False, True, False]


def test_the_checklist_survives_the_retention_purge(demo, clock):
    clock(2026, 1, 5, 9, 0)
    dossier = make_dossier(demo, "birth")
    service.check_papers(dossier, BIRTH_PAPERS)
    service.move(dossier, "withdrawn")
    clock(2026, 12, 7, 9, 0)
    service.purge_personal_data(30)
    assert dossier.anonymised and dossier.answers["_papers"] == BIRTH_PAPERS
