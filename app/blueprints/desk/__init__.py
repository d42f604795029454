"""The staff desk console: call the next ticket, serve it, finish it, transfer it."""

from flask import Blueprint

bp = Blueprint("desk", __name__)

from . import confirm, routes, state  # noqa: E402,F401
