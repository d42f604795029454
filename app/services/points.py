"""Finding the service point a page is about."""

from flask import abort

from ..models import ServicePoint


def active_points():
    return ServicePoint.query.filter_by(active=True).order_by(ServicePoint.id).all()


def default_point():
    """The deployment's first active point: the one `/` shows."""
    return ServicePoint.query.filter_by(active=True).order_by(ServicePoint.id).first()


def point_by_slug(slug):
    point = ServicePoint.query.filter_by(slug=slug, active=True).first()
    if point is None:
        abort(404)
    return point
