"""Desk console actions of the desk itself: open it, take a break, close it, call one particular number."""

from flask import request
from flask_babel import gettext as _

from ...auth_roles import roles_required
from ...htmx import refused_status
from ...services import desk_state, queue
from . import bp
from .routes import ROLES, _after_action, _console, _desk_or_404, _staff


@bp.post("/desk/<int:desk_id>/state")
@roles_required(*ROLES)
def change_state(desk_id):
    desk = _desk_or_404(desk_id)
    try:
        desk_state.set_state(desk, request.form.get("state", ""), **_staff())
    except queue.QueueError as refused:
        return _after_action(desk, error=refused.message)
    return _after_action(desk, message=desk_state.STATE_NAMES[desk_state.state_of(desk)])


@bp.post("/desk/<int:desk_id>/call-number")
@roles_required(*ROLES)
def call_number(desk_id):
    desk = _desk_or_404(desk_id)
    typed = request.form.get("number", "")[:8]
    try:
        desk_state.refuse_unless_open(desk)
        ticket = desk_state.ticket_by_number(desk, typed)
        queue.call(ticket, desk, **_staff())
    except queue.QueueError as refused:
        # The message beside the field, what was typed kept; 200 for htmx so it is shown, else 409.
        return _console(desk, refused_status(), number_error=refused.message, number_typed=typed)
    return _after_action(desk, message=_("Called %(label)s.", label=ticket.label))
