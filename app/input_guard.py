"""One guard where text enters: path, query, form fields, and the headers and cookies the app reads.

Refused with a 400 page before any view or database sees them: C0 control characters (NUL made
PostgreSQL fail with a 500), except tab, CR and LF in form fields (multi-line text); bidi controls
(U+202E shows "gnp.pdf" as "fdp.png"); numbers in the query string too long for any column. Form
bodies are capped (uploads keep their own cap); file contents are not text and pass.
"""

import re

from flask import abort, current_app, request
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage
from werkzeug.routing import IntegerConverter as WerkzeugIntegerConverter

from .request_hooks import UPLOAD_ENDPOINTS

_CONTROLS = re.compile("[\x00-\x1f\x7f]")
_CONTROLS_EXCEPT_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Embeddings, overrides, isolates and the invisible direction marks (LRM, RLM, ALM).
_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
# 16 digits or more is no id, page, phone or ID-card number, and overflows the databases' integers.
_HUGE_NUMBER = re.compile(r"[+-]?\d{16,}")

# Headers some part of the app reads; the others are passed on untouched.
READ_HEADERS = ("User-Agent", "Referer", "Origin", "HX-Request", "HX-Target", "If-None-Match", "X-CSRFToken")


def _refuse(what):
    abort(400, description=what)


def _bad_text(text, controls=_CONTROLS):
    return bool(controls.search(text) or _BIDI.search(text))


def check_request():
    if request.endpoint not in UPLOAD_ENDPOINTS:
        # Read before the form is parsed, so a 30 MB field stops at 413 unread.
        request.max_content_length = request.max_content_length or _form_limit()
    if _bad_text(request.path):
        _refuse(_("The address contains characters that are not allowed."))
    for key, value in request.args.items(multi=True):
        if _bad_text(key) or _bad_text(value):
            _refuse(_("The address contains characters that are not allowed."))
        if _HUGE_NUMBER.fullmatch(value.strip()):
            _refuse(_("A number in the address is too large."))
    for name in READ_HEADERS:
        value = request.headers.get(name)
        if value and _CONTROLS.search(value.replace("\t", "")):
            _refuse(_("The request contains characters that are not allowed."))
    for key, value in request.cookies.items():
        if _bad_text(key) or _bad_text(value):
            _refuse(_("The request contains characters that are not allowed."))
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        _check_form()


def _check_form():
    for key, value in request.form.items(multi=True):
        if _bad_text(key) or _bad_text(value, _CONTROLS_EXCEPT_LINES):
            _refuse(_("What you typed contains invisible control characters. Please type it again."))
    for _name, storage in request.files.items(multi=True):
        if isinstance(storage, FileStorage) and _CONTROLS.search(storage.filename or ""):
            _refuse(_("The file name contains characters that are not allowed."))


def _form_limit():
    return current_app.config["FORM_MAX_BYTES"]


class IntegerConverter(WerkzeugIntegerConverter):
    """`<int:id>` up to 15 digits: a larger number is a 404, not an overflow in the database driver.

    Same name as Werkzeug's, which it replaces: code that looks converters up by name keeps working.
    """

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):
        super().__init__(map, fixed_digits, min, MAX_URL_INT if max is None else max, signed)


MAX_URL_INT = 10**15 - 1


def init_app(app):
    """Call before blueprints are registered (their routes bind the int converter)."""
    app.url_map.converters["int"] = IntegerConverter
    # Before CSRF checking and the views, which parse and use what this checks.
    app.before_request_funcs.setdefault(None, []).insert(0, check_request)
