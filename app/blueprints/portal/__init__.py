"""National-portal hooks for staff: importing the one-stop CSV export (preview, import, undo)."""

from flask import Blueprint

bp = Blueprint("portal", __name__)

from . import export, routes  # noqa: E402,F401
