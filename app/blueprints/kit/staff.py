"""Staff and volunteers: the outreach kit's index and the announcement for the TDP's Zalo group, kept once edited."""

from flask import abort, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from ...auth_roles import roles_required
from ...services import outreach_kit
from ...services.points import active_points, default_point, point_by_slug
from ...templating import absolute_url
from ...timeutil import local_now
from ..public.routes import weekday_names
from . import bp

MAX_LENGTH = 4000  # a long Zalo group post; the generated one is about 900 characters


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


class AnnouncementForm(FlaskForm):
    announcement = TextAreaField(
        _l("Announcement text"),
        validators=[
            DataRequired(_l("Write the announcement, or start again from the current hours.")),
            Length(
                max=MAX_LENGTH, message=_l("Keep the announcement under %(max)d characters.", max=MAX_LENGTH)
            ),
        ],
    )


def _hours_lines(generated):
    return [line for line in generated.splitlines() if line.startswith("- ")]


@bp.route("/kit/announcement", methods=["GET", "POST"])
@roles_required("staff", "volunteer")
def announcement():
    """The generated text, or the one saved for this point and language; saving keeps the edit."""
    point = _point()
    lang = get_locale().language
    generated = announcement_text(point)
    saved = outreach_kit.saved_announcement(point, lang)
    may_save = current_user.point_id in (None, point.id)  # another point's text is theirs to edit
    form = AnnouncementForm()
    status = 200
    if request.method == "POST":
        if not may_save:
            abort(403)
        if form.validate_on_submit():
            user = current_user._get_current_object()
            outreach_kit.save_announcement(point, lang, form.announcement.data, user, _hours_lines(generated))
            return redirect(url_for("kit.announcement", point=point.slug, saved=1), code=303)
        status = 400
    fresh = request.args.get("fresh") == "1" or saved is None
    if request.method == "GET":
        form.announcement.data = generated if fresh else saved.text
    page = render_template(
        "kit/announcement.html",
        point=point,
        form=form,
        saved=saved,
        fresh=fresh,
        may_save=may_save,
        just_saved=request.args.get("saved") == "1" and request.method == "GET",
        out_of_date=saved is not None
        and not fresh
        and outreach_kit.out_of_date(saved, _hours_lines(generated)),
    )
    return page, status
