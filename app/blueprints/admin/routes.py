"""The staff start page: what a signed-in person can do from here."""

from flask import render_template
from flask_login import current_user

from ...auth_roles import roles_required
from . import bp


@bp.get("/")
@roles_required("staff", "volunteer")
def index():
    return render_template("admin/index.html", user=current_user), 200, {"Cache-Control": "no-store"}
