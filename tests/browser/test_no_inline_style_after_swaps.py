"""No CSP violation after htmx swaps a form back with its errors (phone, JavaScript on).

Browser extensions, autofill and translators set styles on a page's elements through the CSSOM, which
CSP allows. htmx used to copy an element's old style attribute onto its swapped-in twin while settling
(setAttribute, which CSP blocks): one "Applying inline style violates … style-src" error per element.
The test sets such a style the way they do, then swaps."""

import re

import pytest

from tests.dossiers.conftest import ANSWERS

pytestmark = pytest.mark.browser

STYLED_BY_SOMEONE_ELSE = (
    "document.querySelectorAll('main [id]').forEach(e => { e.style.outlineOffset = '0px'; })"
)


@pytest.fixture
def csp_errors(phone):
    errors = []
    phone.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    return errors


def test_a_feedback_form_with_errors_swaps_in_without_csp_violations(phone, live_server, demo, csp_errors):
    phone.goto(f"{live_server}/feedback")
    phone.evaluate(STYLED_BY_SOMEONE_ELSE)
    phone.click("text=Gửi đánh giá")
    phone.wait_for_selector("#captcha-error")
    assert csp_errors == []


def test_a_dossier_step_with_an_error_swaps_in_without_csp_violations(phone, live_server, demo, csp_errors):
    phone.goto(live_server + "/procedures/khai-sinh")
    phone.click("text=Chuẩn bị hồ sơ")
    phone.click("button:has-text('Bắt đầu')")
    phone.wait_for_url(re.compile(r"/steps/consent$"))
    phone.check("input[name=agree]")
    phone.click("button[value=continue]")
    phone.wait_for_url(re.compile(r"/steps/requester$"))
    phone.fill("[name=full_name]", ANSWERS["birth"]["requester"]["full_name"])
    phone.fill("[name=phone]", "0912 345")
    phone.evaluate(STYLED_BY_SOMEONE_ELSE)
    phone.click("button[value=continue]")
    phone.wait_for_selector("#phone-error")
    assert csp_errors == []
