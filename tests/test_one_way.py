"""One way to do each thing in app/: queries through SQLAlchemy 2.0 select(), never the legacy
Model.query or session.query(); the client's address through clients.client_key(), never
request.remote_addr (with its own fallback) in a view."""

import re
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"
LEGACY_QUERY = re.compile(r"\b[A-Z]\w*\.query\b|\bsession\.query\(")
REMOTE_ADDR = re.compile(r"\bremote_addr\b")


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


def test_queries_use_select_not_the_legacy_query_api():
    assert offending_lines(LEGACY_QUERY) == []


def test_only_clients_py_reads_the_remote_address():
    assert offending_lines(REMOTE_ADDR, allowed=("clients.py",)) == []
