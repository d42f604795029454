"""One way to do each thing in app/: queries through SQLAlchemy 2.0 select(), never the legacy
Model.query or session.query(); the client's address through clients.client_key(), never
request.remote_addr (with its own fallback) in a view; and in templates/, a form's CSRF field
through the csrf() macro of components/forms.html, never a form's own field or written by hand."""

import re
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"
TEMPLATES = APP.parent / "templates"
LEGACY_QUERY = re.compile(r"\b[A-Z]\w*\.query\b|\bsession\.query\(")
REMOTE_ADDR = re.compile(r"\bremote_addr\b")
CSRF_BY_HAND = re.compile(r"\.csrf_token\s*(\(|}})|name=[\"']csrf_token[\"']")


def offending_lines(pattern, allowed=()):
    return [
        f"{path.relative_to(APP)}:{number}: {line.strip()}"
        for path in sorted(APP.rglob("*.py"))
        if "migrations" not in path.parts and path.relative_to(APP).as_posix() not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]


def test_the_patterns_find_what_they_look_for():
    assert LEGACY_QUERY.search("ServicePoint.query.filter_by(slug=slug)")
    assert LEGACY_QUERY.search("db.session.query(AuditEvent.action)")
    assert not LEGACY_QUERY.search('parts.path + (f"?{parts.query}" if parts.query else "")')
    assert REMOTE_ADDR.search('ip = request.remote_addr or "?"')
    assert CSRF_BY_HAND.search("  {{ form.csrf_token }}")
    assert CSRF_BY_HAND.search('<input type="hidden" name="csrf_token" value="{{ csrf_token_value() }}">')
    assert not CSRF_BY_HAND.search('{% for f in form if f.name != "csrf_token" %}')


def test_queries_use_select_not_the_legacy_query_api():
    assert offending_lines(LEGACY_QUERY) == []


def test_only_clients_py_reads_the_remote_address():
    assert offending_lines(REMOTE_ADDR, allowed=("clients.py",)) == []


def test_templates_write_the_csrf_field_only_through_the_csrf_macro():
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        if path.relative_to(TEMPLATES).as_posix() != "components/forms.html"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if CSRF_BY_HAND.search(line)
    ]
    assert found == []
