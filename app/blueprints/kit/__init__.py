"""Outreach kit: share-card picture, printable poster and leaflets, the Zalo group announcement."""

from flask import Blueprint

bp = Blueprint("kit", __name__)

from . import printed, routes, staff  # noqa: E402,F401
