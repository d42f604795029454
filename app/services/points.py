"""Finding the service point a page is about."""

from flask import abort
from sqlalchemy import select

from ..extensions import db
from ..models import ServicePoint


def active_points():
    return db.session.scalars(select(ServicePoint).filter_by(active=True).order_by(ServicePoint.id)).all()


def default_point():
    """The deployment's first active point: the one `/` shows."""
    return db.session.scalars(select(ServicePoint).filter_by(active=True).order_by(ServicePoint.id)).first()


def point_by_slug(slug):
    point = db.session.scalars(select(ServicePoint).filter_by(slug=slug, active=True)).first()
    if point is None:
        abort(404)
    return point


def resolve_point(slug=None, user=None, missing=404):
    """The point a page is about: `?point=<slug>` when given (404 if unknown); else the signed-in
    user's own point when `user` is given and has one; else the deployment's first.

    abort(`missing`) when there is no point at all (a deployment not set up yet).
    """
    if slug:
        return point_by_slug(slug)
    own = getattr(user, "point", None) if getattr(user, "is_authenticated", False) else None
    if own is not None:
        return own
    point = default_point()
    if point is None:
        abort(missing)
    return point
