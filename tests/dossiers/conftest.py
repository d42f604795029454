"""Dossier test helpers: complete answers per procedure, and a dossier made through the services."""

import pytest

from app.forms.dossier_wizard import step_names
from app.models import Procedure
from app.services import dossiers as service

ANSWERS = {
    "birth": {
        "requester": {
            "full_name": "Nguyễn Thị Lan",
            "id_number": "042190001234",
            "phone": "0912345678",
            "residence": "Số 5, ngõ 12, TDP 12, phường Tân Giang",
            "relationship": "mother",
        },
        "child": {"full_name": "Trần Minh Khôi", "sex": "male", "date_of_birth": "01/11/2026"},
        "origin": {
            "place_of_birth": "Bệnh viện đa khoa tỉnh Hà Tĩnh",
            "hometown": "Thạch Hà, Hà Tĩnh",
            "ethnicity": "Kinh",
            "nationality": "Việt Nam",
        },
        "mother": {
            "full_name": "Nguyễn Thị Lan",
            "birth_year": "1995",
            "ethnicity": "Kinh",
            "nationality": "Việt Nam",
            "residence": "TDP 12, phường Tân Giang",
        },
        "father": {
            "full_name": "Trần Văn Hùng",
            "birth_year": "1993",
            "ethnicity": "Kinh",
            "nationality": "Việt Nam",
            "residence": "TDP 12, phường Tân Giang",
        },
        "copies": {"copies": "1"},
    },
    "death": {
        "requester": {
            "full_name": "Lê Văn Bình",
            "id_number": "042080005678",
            "phone": "0987654321",
            "residence": "TDP 12, phường Tân Giang",
            "relationship": "child",
        },
        "deceased": {
            "full_name": "Lê Văn Thành",
            "date_of_birth": "12/05/1940",
            "sex": "male",
            "id_number": "042040001111",
            "ethnicity": "Kinh",
            "nationality": "Việt Nam",
            "last_residence": "TDP 12, phường Tân Giang",
        },
        "death": {
            "date_of_death": "01/11/2026",
            "time_of_death": "14:30",
            "place_of_death": "Tại nhà",
            "cause": "Tuổi cao",
            "notice_number": "125/GBT",
        },
    },
    "extract": {
        "requester": {
            "full_name": "Phạm Thị Hoa",
            "id_number": "042185002222",
            "phone": "0356789012",
            "residence": "TDP 12, phường Tân Giang",
            "relationship": "self",
        },
        "record": {
            "event_type": "birth",
            "person_name": "Phạm Thị Hoa",
            "registration_number": "số 12, quyển 01",
            "registration_date": "03/04/1985",
            "office": "UBND phường Tân Giang",
            "copies": "2",
        },
    },
    "marital": {
        "requester": {
            "full_name": "Hoàng Văn Đức",
            "id_number": "042196003333",
            "phone": "0778123456",
            "residence": "TDP 12, phường Tân Giang",
            "relationship": "self",
        },
        "residence": {"residence_periods": "1996–nay: TDP 12, phường Tân Giang"},
        "status": {"status": "single", "purpose": "Đăng ký kết hôn"},
    },
    "generic": {
        "requester": {
            "full_name": "Võ Thị Mai",
            "id_number": "",
            "phone": "0901234567",
            "residence": "TDP 12, phường Tân Giang",
            "relationship": "self",
        },
        "request": {"details": "Đăng ký thường trú cho con về ở cùng."},
    },
}

PROCEDURE_OF = {
    "birth": "khai-sinh",
    "death": "khai-tu",
    "extract": "trich-luc-ho-tich",
    "marital": "xac-nhan-hon-nhan",
    "generic": "thuong-tru",
}


def make_dossier(demo, kind="birth", submit=True, user=None, channel="self", **overrides):
    """A dossier filled in through the services (as the wizard would), submitted by default."""
    procedure = Procedure.query.filter_by(code=PROCEDURE_OF[kind]).one()
    dossier = service.start_draft(procedure, demo, channel, user)
    service.give_consent(dossier, "test")
    for step, values in ANSWERS[kind].items():
        service.save_step(dossier, step, {**values, **overrides.get(step, {})}, complete=True)
    if submit:
        service.submit(dossier, step_names(kind))
    return dossier


@pytest.fixture
def dossier_factory(demo):
    return lambda **kw: make_dossier(demo, **kw)
