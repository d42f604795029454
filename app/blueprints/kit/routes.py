"""Share cards (Open Graph) on public pages and the point's preview picture."""

from functools import lru_cache

from flask import current_app, url_for
from markupsafe import escape

from ...auth_roles import public
from ...services import card_image, share
from ...services.points import point_by_slug
from ...templating import absolute_url
from . import bp


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
