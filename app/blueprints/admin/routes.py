"""The staff start page: what a signed-in person can do from here."""

from flask import render_template
from flask_login import current_user

from ...auth_roles import roles_required
from ...services.complaints import due_soon
from . import bp


@bp.get("/")
@roles_required("staff", "volunteer")
def index():
    reminders = due_soon(current_user.point) if current_user.has_role("staff") else []
    page = render_template("admin/index.html", user=current_user, complaint_reminders=reminders)
    return page, 200, {"Cache-Control": "no-store"}
