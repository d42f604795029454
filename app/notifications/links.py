"""Absolute links for messages, built without a request: PUBLIC_BASE_URL, else the request's host."""

from flask import current_app, has_request_context, request


def public_url(path):
    base = current_app.config.get("PUBLIC_BASE_URL")
    if not base and has_request_context():
        base = request.host_url.rstrip("/")
    return f"{base or 'http://localhost:8000'}{path}"
