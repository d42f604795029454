"""The self-service kiosk by the door: one tap takes a number, the slip prints, the screen resets."""

from flask import Blueprint

bp = Blueprint("kiosk", __name__)

from . import routes  # noqa: E402,F401
