"""Importing the ward one-stop CSV export: encoding and separator detection, column mapping preview,
importing the same file twice, undo, audit."""

import io
import unicodedata

import pytest

from app.extensions import db
from app.models import AuditEvent, Dossier, Procedure
from app.models.portal_import import ImportBatch, ImportChange
from app.services import portal_csv
from tests.admin.fixtures import report_point
from tests.conftest import csrf_token, html, sign_in, text_of

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text):
    """Vietnamese Windows encoding: letters with circumflex, breve or horn precomposed, tones combining."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


@pytest.fixture
def dossiers(demo):
    point = report_point()
    procedure = db.session.scalars(db.select(Procedure).filter_by(code="khai-sinh")).one()
    made = []
    for code, portal, status in (
        ("HS-2411-AAAA", "G22.99-0001", "processing"),
        ("HS-2411-BBBB", None, "received"),
        ("HS-2411-CCCC", None, "completed"),
    ):
        dossier = Dossier(
            point_id=point.id, procedure_id=procedure.id, code=code, portal_code=portal, status=status
        )
        db.session.add(dossier)
        made.append(dossier)
    db.session.commit()
    return point, made


@pytest.fixture
def staff_client(app, dossiers, make_user):
    return sign_in(app.test_client(), make_user("staff", point=dossiers[0]))


EXPORT = (
    "STT;Mã hồ sơ;Trạng thái;Ngày hẹn trả\r\n"
    "1;g22.99-0001;Đã trả kết quả;20/11/2024\r\n"
    "2;HS-2411-BBBB;Đang xử lý;21/11/2024\r\n"
    "3;HS-2411-CCCC;Đã xử lý xong;22/11/2024\r\n"
    "4;HS-2411-ZZZZ;Đã trả kết quả;22/11/2024\r\n"
    "5;HS-2411-AAAA;Chờ ký số;22/11/2024\r\n"
)


def upload(client, raw, name="mot-cua.csv"):
    token = csrf_token(client, "/staff/dossiers/import")
    return client.post(
        "/staff/dossiers/import",
        data={"csrf_token": token, "file": (io.BytesIO(raw), name)},
        content_type="multipart/form-data",
    )


def test_encodings_and_separators_are_detected():
    for raw in (
        "\ufeffMã hồ sơ,Trạng thái\n".encode(),
        "Mã hồ sơ,Trạng thái\n".encode(),
        windows_1258("Mã hồ sơ,Trạng thái\n"),
    ):
        text, _encoding = portal_csv.decode(raw)
        assert text.startswith("Mã hồ sơ")
    assert [portal_csv.decode(raw)[1] for raw in (b"\xef\xbb\xbfa", b"a", windows_1258("Đã"))] == [
        "utf-8-sig",
        "utf-8",
        "cp1258",
    ]
    assert [portal_csv.separator_of(t) for t in ("a;b;c\n1,5;2", "a\tb\n", "a,b\n", "ab\n")] == [
        ";",
        "\t",
        ",",
        ",",
    ]
    assert portal_csv.guess_mapping(["STT", "Mã hồ sơ", "Trạng thái", "Ngày hẹn trả"]) == {
        "code": 1, "status": 2, "received": None, "due": 3
    }  # fmt: skip
    assert (
        portal_csv.status_of("  ĐÃ TRẢ  kết quả ") == "returned" and portal_csv.status_of("Chờ ký số") is None
    )


def test_preview_import_twice_and_undo(staff_client, dossiers):
    _point, (first, second, third) = dossiers
    response = upload(staff_client, windows_1258(EXPORT))
    assert response.status_code == 303
    preview = staff_client.get(response.headers["Location"])
    page = text_of(preview)
    assert "cp1258" in page and "“;”" in page
    assert "2 hồ sơ sẽ thay đổi" in page and "HS-2411-ZZZZ" in page and "Chờ ký số" in page
    batch = db.session.scalars(db.select(ImportBatch)).one()
    form = html(preview).find("form", action=f"/staff/dossiers/import/{batch.id}/apply")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    assert (data["code"], data["status"]) == ("1", "2")
    assert staff_client.post(f"/staff/dossiers/import/{batch.id}/apply", data=data).status_code == 303
    db.session.expire_all()
    assert (first.status, second.status, third.status) == ("returned", "processing", "completed")
    assert first.finished_at is not None and len(db.session.scalars(db.select(ImportChange)).all()) == 2
    assert db.session.scalars(db.select(AuditEvent).filter_by(action="dossier.import")).one()

    again = upload(staff_client, windows_1258(EXPORT))
    assert "Không có gì thay đổi" in text_of(staff_client.get(again.headers["Location"]))

    token = csrf_token(staff_client, f"/staff/dossiers/import/{batch.id}")
    assert (
        staff_client.post(f"/staff/dossiers/import/{batch.id}/undo", data={"csrf_token": token}).status_code
        == 303
    )
    db.session.expire_all()
    assert (first.status, second.status) == ("processing", "received") and first.finished_at is None
    assert db.session.scalars(db.select(AuditEvent).filter_by(action="dossier.import_undo")).one()


def test_an_empty_or_unreadable_file_is_explained(staff_client):
    response = upload(staff_client, b"")
    assert response.status_code == 400 and html(response).title.text.startswith("Lỗi")
    assert "Chọn tệp CSV" in html(response).find(id="file-error").text


def test_dossiers_export_in_our_documented_format_as_csv_and_json(staff_client, dossiers, clock):
    import csv
    import json
    from datetime import datetime

    _point, (first, _second, _third) = dossiers
    first.submitted_at = datetime(2024, 11, 18, 2, 0)  # 09:00 in Hà Tĩnh
    db.session.commit()
    body = staff_client.get("/staff/dossiers/export.csv?start=01/11/2024&end=30/11/2024")
    rows = list(csv.reader(io.StringIO(body.get_data().decode("utf-8-sig"))))
    assert rows[0][:3] == ["code", "national_code", "procedure_code"] and len(rows) == 2
    record = dict(zip(rows[0], rows[1], strict=True))
    assert (record["code"], record["national_code"], record["submitted_at"]) == (
        "HS-2411-AAAA", "G22.99-0001", "2024-11-18T09:00:00+07:00"
    )  # fmt: skip
    document = json.loads(
        staff_client.get("/staff/dossiers/export.json?start=01/11/2024&end=30/11/2024").get_data()
    )
    assert document["format"] == "tdp-dossiers/1" and document["dossiers"][0]["digitised"] is False
    assert "applicant" not in json.dumps(document)  # no personal data
    assert staff_client.get("/staff/dossiers/export.csv?start=31/11/2024&end=x").status_code == 400
