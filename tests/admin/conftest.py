"""Helpers for the administration and report tests."""

import json

import pytest

from app.models import AuditEvent
from tests.conftest import csrf_token


@pytest.fixture
def post_form(db):
    """POST a form with a fresh CSRF token from the page that shows it."""

    def post(client, url, data, page=None, **kwargs):
        data = dict(data, csrf_token=csrf_token(client, page or url))
        return client.post(url, data=data, **kwargs)

    return post


def audit_events(action):
    return [
        (e, json.loads(e.before or "null"), json.loads(e.after or "null"))
        for e in AuditEvent.query.filter_by(action=action).order_by(AuditEvent.id)
    ]
