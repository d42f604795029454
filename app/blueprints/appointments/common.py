"""Helpers the appointment views share: the point, the client's address, htmx-aware responses."""

from flask import make_response, redirect, request
from flask_login import current_user

from ...htmx import is_htmx, render
from ...services.points import resolve_point


def point_or_503():
    """The point a resident books at: `?point=<slug>` (a city-wide deployment), else the first one.

    The chosen point is remembered for the request so every link and form of the booking
    steps carries it on (see the blueprint's url_defaults).
    """
    from flask import g

    slug = request.values.get("point")
    point = resolve_point(slug, missing=503)
    if slug:
        g.appointment_point = point
    return point


def staff_point():
    """Staff see their own point; admins (no point) the deployment's first one."""
    return current_user.point or point_or_503()  # an admin (no point of their own) may choose one


def user():
    return current_user._get_current_object() if current_user.is_authenticated else None


def page(template, fragment, status_code=200, push_url=None, **context):
    """render() plus the URL htmx should show: after a POST it must not be the POST's own URL."""
    response = render(template, fragment, status_code=status_code, **context)
    if is_htmx() and request.method == "POST":
        response.headers["HX-Push-Url"] = push_url or "false"
    return response


def go(url):
    """After a POST: 303 to the page; htmx follows the redirect itself, so it gets the same page."""
    return redirect(url, code=303)


def private(response):
    """Pages reached with a booking's secret link: never cached, never indexed."""
    response = make_response(response)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
