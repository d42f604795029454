"""Every kind of bad input gets its Vietnamese message; good input in any usual form is accepted."""

import pytest

from app.forms.birth_death_steps import ChildForm, DeathForm, parent_form
from app.forms.dossier_steps import BIRTH_RELATIONSHIPS, MaritalResidenceForm, RecordForm, requester_form

Requester = requester_form(BIRTH_RELATIONSHIPS)
GOOD_REQUESTER = {
    "full_name": "Nguyễn Thị Lan",
    "id_number": "042190001234",
    "phone": "0912345678",
    "residence": "TDP 12",
    "relationship": "mother",
}
GOOD_CHILD = {"full_name": "Trần Minh Khôi", "sex": "male", "date_of_birth": "01/11/2026"}


def check(app, form_class, good, field, typed):
    with app.test_request_context("/", method="POST", data={**good, field: typed}):
        form = form_class(meta={"csrf": False})
        valid = form.validate()
        return valid, [str(e) for e in form[field].errors], form[field].data


@pytest.mark.parametrize(
    "form_class, good, field, typed, message",
    [
        (Requester, GOOD_REQUESTER, "full_name", "", "Nhập họ, chữ đệm và tên của bạn"),
        (Requester, GOOD_REQUESTER, "full_name", "Nguyen Van 2", "chỉ gồm chữ cái"),
        (Requester, GOOD_REQUESTER, "full_name", "Lan" * 40, "Tối đa 100 ký tự"),
        (Requester, GOOD_REQUESTER, "id_number", "04219000123", "12 chữ số"),
        (Requester, GOOD_REQUESTER, "id_number", "04219000123X", "12 chữ số"),
        (Requester, GOOD_REQUESTER, "id_number", "", "Nhập số định danh"),
        (Requester, GOOD_REQUESTER, "phone", "091234567", "Nhập số di động 10 chữ số, ví dụ 0912 345 678"),
        (Requester, GOOD_REQUESTER, "phone", "0212345678", "10 chữ số"),
        (Requester, GOOD_REQUESTER, "phone", "+1 415 555 0100", "10 chữ số"),
        (Requester, GOOD_REQUESTER, "relationship", "", "Chọn quan hệ"),
        (Requester, GOOD_REQUESTER, "relationship", "boss", "Chọn quan hệ"),
        (Requester, GOOD_REQUESTER, "residence", "x" * 201, "Tối đa 200 ký tự"),
        (ChildForm, GOOD_CHILD, "date_of_birth", "2026-11-01", "ngày/tháng/năm"),
        (ChildForm, GOOD_CHILD, "date_of_birth", "31/02/2026", "không có thật"),
        (ChildForm, GOOD_CHILD, "date_of_birth", "29/02/2025", "không có thật"),
        (ChildForm, GOOD_CHILD, "date_of_birth", "01/01/2099", "sau ngày hôm nay"),
        (ChildForm, GOOD_CHILD, "date_of_birth", "", "Nhập ngày sinh"),
        (ChildForm, GOOD_CHILD, "sex", "x", "Chọn giới tính"),
        (parent_form(True), {"full_name": "Nguyễn Thị Lan"}, "birth_year", "", "Nhập năm sinh"),
        (parent_form(True), {"full_name": "Nguyễn Thị Lan"}, "birth_year", "95", "4 chữ số"),
        # 4 digits, but not a year a parent was born in: say that, not "4 digits" again.
        (parent_form(True), {"full_name": "Nguyễn Thị Lan"}, "birth_year", "3000", "Kiểm tra lại năm"),
        (
            DeathForm,
            {"date_of_death": "01/11/2026", "place_of_death": "Nhà"},
            "time_of_death",
            "25:00",
            "giờ:phút",
        ),
        (
            RecordForm,
            {"event_type": "birth", "person_name": "Phạm Thị Hoa", "office": "UBND", "copies": "1"},
            "copies",
            "0",
            "từ 1 đến 20",
        ),
        (MaritalResidenceForm, {}, "residence_periods", "x" * 1001, "Tối đa 1000 ký tự"),
    ],
)
def test_bad_input_is_refused_with_a_vietnamese_message(app, form_class, good, field, typed, message):
    valid, errors, _ = check(app, form_class, good, field, typed)
    assert not valid
    assert any(message in str(error) for error in errors), errors


@pytest.mark.parametrize(
    "form_class, good, field, typed, stored",
    [
        (Requester, GOOD_REQUESTER, "phone", "+84 912 345 678", "0912345678"),
        (Requester, GOOD_REQUESTER, "phone", "0912 345 678", "0912345678"),
        (Requester, GOOD_REQUESTER, "phone", "84912345678", "0912345678"),
        (Requester, GOOD_REQUESTER, "id_number", "042 190 001 234", "042190001234"),
        # Full-width digits (an East Asian keyboard layout) are kept as the ASCII digits a lookup uses.
        (Requester, GOOD_REQUESTER, "id_number", "０４２１９０００１２３４", "042190001234"),
        (Requester, GOOD_REQUESTER, "full_name", "  NGUYỄN   THỊ LAN ", "NGUYỄN THỊ LAN"),
        (
            Requester,
            GOOD_REQUESTER,
            "full_name",
            "Nguye\u0302\u0303n Thi\u0323 Lan",
            "Nguyễn Thị Lan",
        ),  # typed as NFD
        (Requester, GOOD_REQUESTER, "full_name", "H'Hen Niê", "H'Hen Niê"),
        (Requester, GOOD_REQUESTER, "full_name", "Đặng Thị Ngọc-Ánh", "Đặng Thị Ngọc-Ánh"),
        (ChildForm, GOOD_CHILD, "date_of_birth", "1/9/2026", "01/09/2026"),
        (ChildForm, GOOD_CHILD, "date_of_birth", "29.02.2024", "29/02/2024"),
        (
            DeathForm,
            {"date_of_death": "01/11/2026", "place_of_death": "Nhà"},
            "time_of_death",
            "7h05",
            "07:05",
        ),
    ],
)
def test_usual_ways_of_typing_are_accepted_and_tidied(app, form_class, good, field, typed, stored):
    valid, errors, data = check(app, form_class, good, field, typed)
    assert valid, errors
    assert data == stored


def test_a_future_date_is_judged_in_vietnam_time(app, clock):
    clock(2026, 12, 7, 6, 0)  # still 6 December in UTC
    valid, errors, _ = check(app, ChildForm, GOOD_CHILD, "date_of_birth", "07/12/2026")
    assert valid, errors
