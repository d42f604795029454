"""News, issued documents, the map and links: public pages and the staff pages that edit them."""

import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from app.demo.outreach import small_pdf
from app.extensions import db
from app.models import Document, Link, Post
from tests.conftest import csrf_token, html, text_of

PDF = small_pdf(["Quyet dinh so 12/QD-UBND"])


def test_news_lists_pinned_first_with_dates_as_dd_mm_yyyy(client, demo):
    page = html(client.get("/news"))
    titles = [a.get_text(strip=True) for a in page.select("#news-list h2 a")]
    assert titles[0] == "Tổ dân phố điện tử mở cửa sáng thứ Bảy từ 07/09/2019"  # pinned, though older
    assert titles[1].startswith("Từ 01/07/2025")  # then newest first
    assert page.select_one("#news-list time").get_text() == "05/09/2019"


def test_news_is_paginated_with_and_without_htmx(client, demo):
    for n in range(12):
        db.session.add(
            Post(
                point=demo,
                title_vi=f"Thông báo số {n}",
                body_vi="Nội dung",
                published_at=datetime(2026, 1, 1 + n, 2, 0),
            )
        )
    db.session.commit()
    first = html(client.get("/news"))
    assert len(first.select("#news-list article")) == 10
    link = first.select_one(".app-pager a")
    assert link["href"] == "/news?page=2" and link["hx-get"] == "/news?page=2"
    fragment = client.get("/news?page=2", headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and "HX-Request" in fragment.headers["Vary"]
    assert len(html(fragment).select("#news-list article")) == 6  # 16 posts in all
    assert "Trang 2/2" in text_of(fragment)


def test_a_post_opens_on_its_own_page_and_a_future_one_is_not_shown(client, demo):
    post = Post.query.filter(Post.title_vi.like("Hướng dẫn%")).one()
    response = client.get(f"/news/{post.id}")
    assert response.status_code == 200
    doc = html(response)
    assert doc.h1.get_text() == post.title_vi
    assert doc.select_one(".app-post__body li") is not None  # Markdown list rendered
    future = Post(point=demo, title_vi="Sắp đăng", body_vi="x", published_at=datetime(2999, 1, 1))
    db.session.add(future)
    db.session.commit()
    assert client.get(f"/news/{future.id}").status_code == 404
    assert "Sắp đăng" not in text_of(client.get("/news"))


def test_script_in_a_post_is_never_executed(staff_client, client, demo):
    attack = (
        "Xin chào <script>alert(1)</script> <img src=x onerror=alert(2)> "
        '[bấm vào](javascript:alert(3)) <a href="javascript:alert(4)" style="color:red">x</a>'
    )
    for body_format in ("markdown", "text"):
        response = staff_client.post(
            "/admin/outreach/posts/new",
            data={
                "csrf_token": csrf_token(staff_client, "/admin/outreach/posts/new"),
                "title_vi": "<b>Tiêu đề</b>",
                "body_format": body_format,
                "body_vi": attack,
            },
        )
        assert response.status_code == 303
        page = client.get(response.headers["Location"])
        doc = html(page)
        body = doc.select_one(".app-post__body")
        assert body.find("script") is None and body.find("img") is None
        assert not [a for a in body.find_all("a") if "javascript" in a.get("href", "")]
        assert not body.find_all(attrs={"style": True}) and not body.find_all(attrs={"onerror": True})
        assert "<script>alert(1)</script>" in body.get_text()  # shown as text
        assert doc.h1.get_text() == "<b>Tiêu đề</b>"


def test_staff_edit_a_post_and_it_says_when(staff_client, client, demo, clock):
    post = Post.query.filter(Post.title_vi.like("Từ 01/07/2025%")).one()
    url = f"/admin/outreach/posts/{post.id}/edit"
    form = html(staff_client.get(url))
    assert form.find("input", attrs={"name": "title_vi"})["value"] == post.title_vi
    clock(2026, 11, 27, 9, 0)
    response = staff_client.post(
        url,
        data={
            "csrf_token": csrf_token(staff_client, url),
            "title_vi": "Tiêu đề mới",
            "body_format": "text",
            "body_vi": "Nội dung mới",
            "pinned": "y",
        },
    )
    assert response.status_code == 303
    page = text_of(client.get(f"/news/{post.id}"))
    assert "Tiêu đề mới" in page and "cập nhật 27/11/2026" in page
    assert html(client.get("/news")).select_one("#news-list h2 a").get_text() in (
        "Tiêu đề mới",
        "Tổ dân phố điện tử mở cửa sáng thứ Bảy từ 07/09/2019",
    )


def test_a_post_without_a_title_shows_the_error_and_keeps_the_text(staff_client, demo):
    response = staff_client.post(
        "/admin/outreach/posts/new",
        data={
            "csrf_token": csrf_token(staff_client, "/admin/outreach/posts/new"),
            "title_vi": "",
            "body_format": "text",
            "body_vi": "Nội dung đã gõ",
        },
    )
    doc = html(response)
    assert response.status_code == 200 and doc.title.get_text().startswith("Lỗi: ")
    assert "Nhập tiêu đề" in text_of(response)
    assert doc.find("textarea", attrs={"name": "body_vi"}).get_text().strip() == "Nội dung đã gõ"


def upload(staff_client, filename, data, **fields):
    url = "/admin/outreach/documents"
    form = {
        "csrf_token": csrf_token(staff_client, url),
        "title_vi": "Quyết định về việc công khai thủ tục",
        "number": "12/QĐ-UBND",
        "issued_on": "2026-11-20",
        "issuer": "UBND phường Tân Giang",
        "attachment": (io.BytesIO(data), filename),
    }
    form.update(fields)
    return staff_client.post(url, data=form, content_type="multipart/form-data")


def stored_files(app):
    demo_keys = {d.file_key for d in Document.query.filter(Document.number == "62/KH-UBND")}
    return [p.name for p in Path(app.config["UPLOAD_FOLDER"]).iterdir() if p.name not in demo_keys]


def test_staff_upload_a_pdf_and_residents_download_it_safely(staff_client, client, demo, app):
    response = upload(staff_client, "../../quyết định.pdf", PDF)
    assert response.status_code == 303
    document = Document.query.filter_by(number="12/QĐ-UBND").one()
    assert document.mime_type == "application/pdf" and document.size_bytes == len(PDF)
    assert stored_files(app) == [document.file_key]  # random name, outside static/
    assert document.original_name == "quyết định.pdf"

    listing = html(client.get("/documents"))
    item = listing.find(string=lambda s: "Quyết định về việc công khai" in s).find_parent("li")
    assert "20/11/2026" in item.get_text() and "PDF" in item.get_text()
    download = client.get(item.find("a")["href"])
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''quy%E1%BA%BFt" in download.headers["Content-Disposition"]
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download.headers["Content-Security-Policy"]


def test_a_file_whose_content_is_not_what_its_name_says_is_refused(staff_client, demo):
    html_disguised = b"<html><script>alert(1)</script></html>"
    for filename, data in (
        ("bao-cao.pdf", html_disguised),
        ("anh.png", PDF),
        ("virus.exe", b"MZ\x90\x00"),
        ("trang.html", b"<html></html>"),
        ("bang.xlsx", b"PK\x03\x04broken"),
    ):
        response = upload(staff_client, filename, data)
        assert response.status_code == 422, filename
        doc = html(response)
        error = doc.find(id="attachment-error")
        assert error and "Không chấp nhận loại tệp này" in error.get_text(), filename
        assert doc.find("input", attrs={"name": "issuer"})["value"] == "UBND phường Tân Giang"
    assert Document.query.filter_by(number="12/QĐ-UBND").count() == 0


def test_office_files_are_recognised_by_their_contents(staff_client, demo):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    assert upload(staff_client, "ke-hoach.docx", buffer.getvalue()).status_code == 303
    assert (
        upload(staff_client, "bang.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600).status_code == 303
    )
    assert upload(staff_client, "bang.xlsx", buffer.getvalue()).status_code == 422  # a Word file named .xlsx
    kinds = sorted(d.file_label for d in Document.query.filter_by(number="12/QĐ-UBND"))
    assert kinds == ["DOCX", "XLS"]


def test_a_file_over_the_size_limit_is_refused_with_a_clear_message(staff_client, demo, app, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_MAX_BYTES", 2 * 1024 * 1024)
    big = PDF + b"%" + b"0" * (2 * 1024 * 1024)
    response = upload(staff_client, "lon.pdf", big)
    assert response.status_code == 422
    assert "Tệp quá lớn: tối đa 2 MB." in html(response).find(id="attachment-error").get_text()
    much_bigger = upload(staff_client, "rat-lon.pdf", PDF + b"0" * (3 * 1024 * 1024))
    assert much_bigger.status_code == 413  # stopped before the form is even read


def test_deleting_a_document_removes_its_file(staff_client, client, demo, app):
    upload(staff_client, "x.pdf", PDF)
    document = Document.query.filter_by(number="12/QĐ-UBND").one()
    token = csrf_token(staff_client, "/admin/outreach/documents")
    assert (
        staff_client.post(
            f"/admin/outreach/documents/{document.id}/delete", data={"csrf_token": token}
        ).status_code
        == 303
    )
    assert client.get(f"/documents/{document.id}/download").status_code == 404
    assert stored_files(app) == []


def test_documents_page_with_and_without_htmx(client, demo):
    full = client.get("/documents")
    assert "Văn bản mới ban hành" in text_of(full) and "62/KH-UBND" in text_of(full)
    fragment = client.get("/documents", headers={"HX-Request": "true"})
    assert "<html" not in fragment.get_data(as_text=True) and "62/KH-UBND" in text_of(fragment)


def test_map_page_is_light_with_the_address_and_an_online_map_link(client, demo):
    response = client.get("/map")
    doc = html(response)
    assert doc.find("svg") is not None and doc.find("iframe") is None
    assert demo.address in text_of(response)
    assert doc.find("a", href=demo.map_url) is not None
    assert len(list(doc.find_all("script"))) == 2  # only the site's own deferred scripts


def test_links_page_lists_national_and_provincial_portals(client, demo):
    doc = html(client.get("/links"))
    hrefs = [a["href"] for a in doc.select(".app-cards a")]
    assert hrefs[0] == "https://dichvucong.gov.vn" and "https://dichvucong.hatinh.gov.vn" in hrefs


def test_staff_add_a_link_but_not_a_javascript_one(staff_client, client, demo):
    url = "/admin/outreach/links"
    bad = staff_client.post(
        url,
        data={
            "csrf_token": csrf_token(staff_client, url),
            "title_vi": "Lừa",
            "url": "javascript:alert(1)",
            "sort_order": "1",
        },
    )
    assert bad.status_code == 200 and "Nhập địa chỉ đầy đủ, bắt đầu bằng https://" in text_of(bad)
    ok = staff_client.post(
        url,
        data={
            "csrf_token": csrf_token(staff_client, url),
            "title_vi": "Bảo hiểm xã hội",
            "url": "https://baohiemxahoi.gov.vn",
            "sort_order": "1",
        },
    )
    assert ok.status_code == 303
    assert html(client.get("/links")).select_one(".app-cards a")["href"] == "https://baohiemxahoi.gov.vn"
    assert Link.query.count() == 6


def test_volunteers_cannot_open_the_staff_outreach_pages(volunteer_client, demo):
    for url in (
        "/admin/outreach/posts",
        "/admin/outreach/documents",
        "/admin/outreach/links",
        "/admin/outreach/comments",
    ):
        assert volunteer_client.get(url).status_code == 403


def test_home_page_links_to_news_documents_map_and_feedback(client, demo):
    doc = html(client.get("/"))
    hrefs = {a["href"] for a in doc.find_all("a")}
    assert {"/news", "/documents", "/map", "/feedback"} <= hrefs
    assert "**" not in doc.get_text()  # Markdown bodies shown as plain excerpts


def test_the_demo_plan_downloads_as_a_real_pdf(client, demo):
    document = Document.query.filter_by(number="62/KH-UBND").one()
    response = client.get(f"/documents/{document.id}/download")
    assert response.status_code == 200 and response.data.startswith(b"%PDF-1.4")
    assert response.data.rstrip().endswith(b"%%EOF")
    assert "filename=62-KH-UBND.pdf" in response.headers["Content-Disposition"]


ISSUED_ON_REFUSED = {
    "year 0001": ("0001-01-01", "Nhập một ngày từ năm 1900 đến một năm kể từ hôm nay"),
    "year 9999": ("9999-12-31", "Nhập một ngày từ năm 1900 đến một năm kể từ hôm nay"),
    "year 10000": ("10000-01-01", "Nhập một ngày có thật, ví dụ 20/11/2026"),
    "30 February": ("2026-02-30", "Nhập một ngày có thật, ví dụ 20/11/2026"),
    "words": ("hôm qua", "Nhập một ngày có thật, ví dụ 20/11/2026"),
    "empty": ("", "Nhập ngày ban hành văn bản"),
}


@pytest.mark.parametrize("typed", ISSUED_ON_REFUSED.values(), ids=ISSUED_ON_REFUSED.keys())
def test_a_document_date_that_is_no_real_issue_date_is_refused_in_vietnamese(
    staff_client, demo, clock, typed
):
    clock(2026, 11, 27, 9, 0)
    value, message = typed
    response = upload(staff_client, "quyet-dinh.pdf", PDF, issued_on=value)
    assert response.status_code == 200
    error = html(response).find(id="issued_on-error")
    assert error is not None and error.get_text(" ", strip=True).endswith(message)
    assert Document.query.filter_by(number="12/QĐ-UBND").count() == 0


def test_a_document_date_typed_day_first_is_read(staff_client, demo, clock):
    clock(2026, 11, 27, 9, 0)
    assert upload(staff_client, "quyet-dinh.pdf", PDF, issued_on="20/11/2026").status_code == 303
    assert Document.query.filter_by(number="12/QĐ-UBND").one().issued_on.isoformat() == "2026-11-20"


# What a forged or mistyped value gets: one Vietnamese message beside the field, never WTForms' English.
FORM_REFUSALS = {
    "text format not offered": (
        "posts/new",
        {"body_format": "html"},
        "body_format",
        "Chọn định dạng văn bản",
    ),
    "no text format": ("posts/new", {"body_format": ""}, "body_format", "Chọn định dạng văn bản"),
    "order in words": ("links", {"sort_order": "abc"}, "sort_order", "Nhập một số từ 0 đến 9999"),
    "order 1e5": ("links", {"sort_order": "1e5"}, "sort_order", "Nhập một số từ 0 đến 9999"),
    "order negative": ("links", {"sort_order": "-5"}, "sort_order", "Nhập một số từ 0 đến 9999"),
    "order 20 digits": ("links", {"sort_order": "9" * 20}, "sort_order", "Nhập một số từ 0 đến 9999"),
}


@pytest.mark.parametrize("case", FORM_REFUSALS.values(), ids=FORM_REFUSALS.keys())
def test_a_bad_value_gets_one_vietnamese_message_beside_its_field(staff_client, demo, case):
    page, sent, name, message = case
    url = f"/admin/outreach/{page}"
    data = {"csrf_token": csrf_token(staff_client, url), "title_vi": "Không lưu", "body_vi": "Nội dung"}
    data.update({"url": "https://dichvucong.gov.vn", "body_format": "text"}, **sent)
    response = staff_client.post(url, data=data)
    assert response.status_code == 200
    beside = [e.get_text(" ", strip=True) for e in html(response).select(f"#{name}-error")]
    assert beside == [f"Lỗi: {message}"]
    assert "Not a valid" not in response.get_data(as_text=True)
    assert (
        Post.query.filter_by(title_vi="Không lưu").count()
        == Link.query.filter_by(title_vi="Không lưu").count()
        == 0
    )
