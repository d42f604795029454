"""National-portal hooks: each procedure links to its flow there (editable data); the lookup page
links a dossier that has a national code to its status on the portal."""

from app.extensions import db
from tests.conftest import csrf_token, html
from tests.dossiers.conftest import make_dossier


def test_birth_and_death_link_to_the_inter_connected_services(client, demo):
    for code in ("khai-sinh", "khai-tu"):
        link = html(client.get(f"/procedures/{code}")).find("a", string="Mở Cổng Dịch vụ công quốc gia")
        assert "lien-thong" in link["href"]
    other = html(client.get("/procedures/ket-hon")).find("a", string="Mở Cổng Dịch vụ công quốc gia")
    assert other["href"] == "https://dichvucong.gov.vn"


def test_the_lookup_links_a_dossier_with_a_national_code_to_its_status_there(client, demo):
    dossier = make_dossier(demo, "extract")
    dossier.portal_code = "G22.99-241118-0001"
    db.session.commit()
    answer = client.post(
        "/lookup",
        data={
            "csrf_token": csrf_token(client, "/lookup"),
            "code": dossier.code,
            "phone": dossier.applicant_phone,
        },
    )
    link = html(answer).find("a", string="Xem trạng thái trên Cổng Dịch vụ công quốc gia")
    assert link["href"].endswith("ma_ho_so=G22.99-241118-0001") and link["rel"] == ["noopener"]
    assert "G22.99-241118-0001" in html(answer).find(class_="app-portal-status").text
