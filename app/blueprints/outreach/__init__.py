"""Outreach and feedback: news, issued documents, map, useful links, ratings, visit counter."""

from flask import Blueprint

bp = Blueprint("outreach", __name__)

from . import feedback, pages, staff  # noqa: E402,F401
