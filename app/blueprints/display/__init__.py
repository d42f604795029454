"""Large text and high contrast switches, and the accessibility statement."""

from flask import Blueprint

bp = Blueprint("display", __name__)

from . import routes  # noqa: E402,F401
