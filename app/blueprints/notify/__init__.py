"""Notifications on the web: the service worker, the web app manifest, and the staff delivery log."""

from flask import Blueprint

bp = Blueprint("notify", __name__)

from . import dossier_routes, routes  # noqa: E402,F401
