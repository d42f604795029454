"""Staff home and administration (management and audit); the reports have their own package."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import audit, hours, points, procedures, routes, targets, users  # noqa: E402,F401
