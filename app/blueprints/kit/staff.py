"""Staff and volunteers: the outreach kit's index and the announcement for the TDP's Zalo group."""

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...auth_roles import roles_required
from ...services import outreach_kit
from ...services.points import active_points, default_point, point_by_slug
from ...templating import absolute_url
from ...timeutil import local_now
from ..public.routes import weekday_names
from . import bp


def _point():
    slug = request.args.get("point")
    if slug:
        return point_by_slug(slug)
    return getattr(current_user, "point", None) or default_point()


def announcement_text(point):
    """A Zalo group post in the screen's language, from the hours in force; staff edit it before posting."""
    today = local_now().date()
    names = weekday_names()
    lines = [_("%(point)s: help with your papers", point=point.t("name")).upper(), ""]
    lines.append(
        _(
            "Staff and youth-union volunteers help you with administrative procedures and file online "
            "public services for you, free of charge, at %(address)s.",
            address=point.address,
        )
    )
    lines += ["", _("Opening hours:")]
    for group in outreach_kit.hours_groups(outreach_kit.week(point, today)):
        days = (
            names[group.first] if group.first == group.last else f"{names[group.first]}–{names[group.last]}"
        )
        hours = ", ".join(f"{s:%H:%M}–{e:%H:%M}" for s, e in group.sessions)
        lines.append(f"- {days}: {hours}")
    since = outreach_kit.saturday_since(point, today)
    if since:
        lines.append(_("Saturday mornings are for residents who work on weekdays."))
    key = ", ".join(p.t("name").lower() for p in outreach_kit.key_procedures())
    if key:
        lines += ["", _("Most asked: %(procedures)s. Papers to bring for each:", procedures=key)]
        lines.append(absolute_url(url_for("public.procedures")))
    lines += [
        "",
        _("Take a number before you come:")
        + " "
        + absolute_url(url_for("queue.new_ticket", point=point.slug)),
        _("Book a time:") + " " + absolute_url(url_for("appointments.new", point=point.slug)),
    ]
    if point.phone:
        lines.append(_("Phone: %(phone)s", phone=point.phone))
    return "\n".join(lines)


@bp.get("/kit")
@roles_required("staff", "volunteer")
def index():
    return render_template(
        "kit/index.html", points=active_points(), procedures=outreach_kit.key_procedures(), point=_point()
    )


@bp.get("/kit/announcement")
@roles_required("staff", "volunteer")
def announcement():
    point = _point()
    return render_template("kit/announcement.html", point=point, text=announcement_text(point))
