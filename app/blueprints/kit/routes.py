"""Share cards (Open Graph) on public pages and the point's preview picture."""

from functools import lru_cache

import segno
from flask import current_app, request, url_for
from markupsafe import Markup, escape

from ...auth_roles import public
from ...services import card_image, share
from ...services.points import default_point, point_by_slug
from . import bp


def absolute_url(path):
    return share.absolute_url(path, current_app.config.get("PUBLIC_BASE_URL"), request.host_url)


def share_card(point=None):
    """The picture for a page's Open Graph tags: the page's point, else the deployment's first."""
    point = point if getattr(point, "slug", None) else default_point()
    if point is None:
        return None
    version = share.hours_version(point)
    return {
        "point": point,
        "image": absolute_url(url_for("kit.preview", slug=point.slug, v=version)),
    }


def qr_svg(url):
    """A QR code as inline SVG (segno): no image request, nothing for the CSP to allow."""
    return Markup(segno.make(url, error="m").svg_inline(border=2, omitsize=True))


@bp.app_context_processor
def share_context():
    return {"absolute_url": absolute_url, "share_card": share_card, "qr_svg": qr_svg}


@lru_cache(maxsize=32)
def _card(week, url):
    return card_image.card_png(dict(week), url)


@bp.get("/points/<slug>/preview.png")
@public
def preview(slug):
    point = point_by_slug(slug)
    url = absolute_url(url_for("public.point_home", slug=point.slug))
    week = tuple(sorted((day, tuple(sessions)) for day, sessions in share.week_of(point).items()))
    response = current_app.response_class(_card(week, url), mimetype="image/png")
    # ?v= changes with the hours, so a shared card can be cached for a day by chat apps.
    response.headers["Cache-Control"] = "public, max-age=86400"
    response.headers["Content-Disposition"] = f'inline; filename="{escape(point.slug)}.png"'
    return response
