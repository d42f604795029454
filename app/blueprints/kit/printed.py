"""The printable outreach kit: an A4 poster per point and an A5 leaflet per procedure."""

from flask import abort, render_template, url_for

from ...auth_roles import public
from ...services import outreach_kit
from ...services.points import point_by_slug
from ...templating import absolute_url, qr_svg
from ...timeutil import local_now
from ..public.routes import weekday_names
from . import bp


def _links(point):
    take = absolute_url(url_for("queue.new_ticket", point=point.slug))
    book = absolute_url(url_for("appointments.new", point=point.slug))
    return take, book


def _common(point):
    today = local_now().date()
    week = outreach_kit.week(point, today)
    return dict(
        point=point,
        today=today,
        week=week,
        groups=outreach_kit.hours_groups(week),
        saturday_since=outreach_kit.saturday_since(point, today),
        weekday_names=weekday_names(),
        home_url=absolute_url(url_for("public.point_home", slug=point.slug)),
    )


@bp.get("/points/<slug>/poster")
@public
def poster(slug):
    point = point_by_slug(slug)
    take, book = _links(point)
    procedures = [(p, outreach_kit.papers(p)) for p in outreach_kit.key_procedures()]
    return render_template(
        "kit/poster.html",
        take_url=take,
        book_url=book,
        take_qr=qr_svg(take),
        book_qr=qr_svg(book),
        procedures=procedures,
        **_common(point),
    )


@bp.get("/points/<slug>/leaflets/<code>")
@public
def leaflet(slug, code):
    point = point_by_slug(slug)
    procedure = outreach_kit.procedure(code)
    if procedure is None:
        abort(404)
    page_url = absolute_url(url_for("public.procedure", code=procedure.code))
    return render_template(
        "kit/leaflet.html",
        procedure=procedure,
        papers=outreach_kit.papers(procedure),
        page_url=page_url,
        page_qr=qr_svg(page_url),
        **_common(point),
    )
