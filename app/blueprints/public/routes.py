"""Routes of the public site."""

from flask import abort, current_app, jsonify, redirect, render_template, request
from flask_babel import gettext as _
from sqlalchemy import select, text

from ...assets import asset_url
from ...auth_roles import public
from ...extensions import db
from ...htmx import render
from ...i18n import set_language
from ...models import Post
from ...services import procedures as procedure_service
from ...services import schedule
from ...services.points import active_points, default_point, point_by_slug, resolve_point
from ...services.text import search_terms
from ...templating import weekday_names
from ...timeutil import local_now
from . import bp


def _home_context(point):
    now = local_now()
    announcements = db.session.scalars(
        select(Post)
        .where((Post.point_id == point.id) | (Post.point_id.is_(None)))
        .order_by(Post.pinned.desc(), Post.published_at.desc())
        .limit(2)
    ).all()
    return dict(
        point=point,
        points=active_points(),
        status=schedule.status(point, now),
        week=schedule.weekly_hours(point, now.date()),
        weekday_names=weekday_names(),
        changes=schedule.upcoming_changes(point, days=21, today=now.date()),
        featured=procedure_service.search()[:6],
        announcements=announcements,
        now=now,
    )


@bp.get("/")
@public
def home():
    point = default_point()
    if point is None:
        return render_template("public/empty.html"), 503
    return render_template("public/home.html", **_home_context(point))


@bp.get("/points/<slug>")
@public
def point_home(slug):
    return render_template("public/home.html", **_home_context(point_by_slug(slug)))


@bp.get("/procedures")
@public
def procedures():
    query = request.args.get("q", "")
    too_long = len(query) > current_app.config["SEARCH_MAX_LENGTH"]
    found = [] if too_long else procedure_service.search(query)
    return render(
        "public/procedures.html",
        "public/_procedure_results.html",
        query=query,
        searched=bool(search_terms(query)),  # letters or digits to look for
        too_long=too_long,
        groups=procedure_service.grouped(found),
        count=len(found),
    )


@bp.get("/procedures/<code>")
@public
def procedure(code):
    found = procedure_service.by_code(code)
    if found is None:
        abort(
            404,
            description=_(
                "There is no procedure with code “%(code)s”. Search the list of procedures instead.",
                code=code[:40],
            ),
        )
    return render_template("public/procedure.html", procedure=found)


@bp.get("/about")
@public
def about():
    return render_template("public/about.html", point=resolve_point(), points=active_points())


@bp.get("/lang/<code>")
@public
def language(code):
    return set_language(code)


@bp.get("/favicon.ico")
@public
def favicon():
    # Browsers ask for /favicon.ico whatever the page says; send them to the fingerprinted icon.
    response = redirect(asset_url("favicon.svg"), code=301)
    response.headers["Cache-Control"] = "public, max-age=31536000"
    return response


@bp.get("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # the point of a health check: say so, don't crash
        return jsonify(status="error", database="unreachable"), 503
    from ...notifications.health import worker_lag

    return jsonify(
        status="ok", database="ok", time=local_now().isoformat(timespec="seconds"), notifications=worker_lag()
    )
