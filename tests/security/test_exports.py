"""Admin pages and downloads are never stored by a browser; exported cells never run as formulas; upload names."""

import csv
import io

import pytest

from app.services.reports.csv_export import safe_cell, to_csv
from app.services.uploads import safe_name


def plain_admin_pages(app):
    for rule in app.url_map.iter_rules():
        if (
            rule.endpoint.split(".")[0] in ("admin", "reports")
            and "GET" in rule.methods
            and not rule.arguments
        ):
            yield rule.rule


def test_every_admin_and_report_page_says_no_store(app, admin_client):
    pages = [url for url in plain_admin_pages(app) if not url.endswith((".csv", ".xlsx"))]
    assert len(pages) > 8
    for url in pages:
        response = admin_client.get(url)
        if response.status_code == 200:
            assert response.headers["Cache-Control"] == "no-store", url


DOWNLOADS = {"report CSV": "/reports/export.csv", "report workbook": "/reports/export.xlsx"}


@pytest.mark.parametrize("url", DOWNLOADS.values(), ids=DOWNLOADS.keys())
def test_downloads_say_no_store(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith("attachment")


# A text cell a spreadsheet would run -> what the file must hold instead.
FORMULA_CELLS = {
    "equals": ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
    "plus": ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    "minus": ("-2+3", "'-2+3"),
    "at": ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    "tab first": ("\t=1+1", "'\t=1+1"),
    "carriage return first": ("\r=1+1", "'\r=1+1"),
    "ordinary text": ("Khai tử", "Khai tử"),
}
NUMBERS = {"integer": 12, "negative": -3, "decimal": 2.5, "zero": 0}


@pytest.mark.parametrize("text, stored", FORMULA_CELLS.values(), ids=FORMULA_CELLS.keys())
def test_text_cells_that_look_like_formulas_are_escaped(text, stored):
    assert safe_cell(text) == stored
    written = list(csv.reader(io.StringIO(to_csv(["a"], [[text]]).lstrip("\ufeff"), newline="")))
    assert written[1] == [stored]


@pytest.mark.parametrize("number", NUMBERS.values(), ids=NUMBERS.keys())
def test_numbers_stay_numbers(number):
    assert safe_cell(number) == number
    assert to_csv(["n"], [[number]]).endswith(f"{number}\r\n")


UPLOAD_NAMES = {
    "right-to-left override": ("hoa-don\u202egnp.pdf", "hoa-dongnp.pdf"),
    "isolates": ("\u2067quyet-dinh\u2069.pdf", "quyet-dinh.pdf"),
    "direction marks": ("bao\u200e-cao\u200f.docx", "bao-cao.docx"),
    "control characters": ("to\x00trinh\x1b.pdf", "totrinh.pdf"),
    "folders": ("../../etc/passwd.pdf", "passwd.pdf"),
    "Vietnamese kept": ("Quyết định 16.pdf", "Quyết định 16.pdf"),
}


@pytest.mark.parametrize("given, shown", UPLOAD_NAMES.values(), ids=UPLOAD_NAMES.keys())
def test_upload_names_lose_bidi_and_control_characters(given, shown):
    assert safe_name(given) == shown
