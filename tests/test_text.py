"""Accent-free folding and Vietnamese phone numbers."""

import pytest

from app.services.text import fold, normalise_phone, search_terms


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Đăng ký khai tử", "dang ky khai tu"),
        ("ĐĂNG KÝ KẾT HÔN", "dang ky ket hon"),
        ("Xác nhận tình trạng hôn nhân", "xac nhan tinh trang hon nhan"),
        ("  nhiều   khoảng   trắng ", "nhieu khoang trang"),
        ("", ""),
    ],
)
def test_vietnamese_text_folds_to_plain_ascii(text, folded):
    assert fold(text) == folded


def test_a_query_of_punctuation_only_has_no_search_terms():
    assert search_terms("!!! ??? ...") == []


@pytest.mark.parametrize(
    "raw, phone",
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("091.234.5678", "0912345678"),
        ("0212345678", None),  # 02x is a landline prefix, not a mobile
        ("091234567", None),  # nine digits
        ("09123456789", None),  # eleven digits
        ("abc", None),
    ],
)
def test_mobile_numbers_are_normalised_or_refused(raw, phone):
    assert normalise_phone(raw) == phone
