"""Staff home, administration (management and audit) and the reports."""

from flask import Blueprint

bp = Blueprint("admin", __name__)
# Reports live at the stable public path /reports, outside the /admin prefix.
reports_bp = Blueprint("reports", __name__, cli_group=None)  # its commands are top-level

from . import audit, hours, points, procedures, reports, routes, targets, users  # noqa: E402,F401
