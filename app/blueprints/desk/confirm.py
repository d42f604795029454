"""Questions a desk asks before an action that cannot be undone (marking a resident not present)."""

from flask import redirect, url_for

from ...auth_roles import roles_required
from ...extensions import db
from ...htmx import render
from ...models import Ticket
from . import bp
from .routes import ROLES, _desk_or_404


@bp.get("/desk/<int:desk_id>/tickets/<int:ticket_id>/no-show")
@roles_required(*ROLES)
def confirm_no_show(desk_id, ticket_id):
    """'Not present' asks first: the resident loses their turn. The POST of the same path does it."""
    desk = _desk_or_404(desk_id)
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None or ticket.point_id != desk.point_id or ticket.status != "called":
        return redirect(url_for("desk.console", desk_id=desk.id), code=303)
    response = render("desk/confirm_no_show.html", "desk/_confirm_no_show.html", desk=desk, ticket=ticket)
    response.headers["Cache-Control"] = "no-store"
    return response
