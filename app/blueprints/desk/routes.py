"""Routes of the desk console. Every action is one POST that htmx swaps in place."""

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ...auth_roles import may_run_desk, roles_required
from ...clients import client_key
from ...extensions import db
from ...forms.queue import TransferForm
from ...htmx import is_htmx, refused_status, render
from ...models import Desk, Team, Ticket
from ...models.queue import CHANNEL_NAMES, PRIORITY_NAMES, STATUS_NAMES
from ...services import desk_state, queue
from ...services.points import active_points
from . import bp

ROLES = ("staff", "volunteer")
ACTIONS = {
    "recall": queue.recall,
    "start": queue.start,
    "finish": queue.finish,
    "no-show": queue.no_show,
    "call": queue.call,
}


def _desk_or_404(desk_id):
    desk = db.session.get(Desk, desk_id)
    if desk is None or not desk.active:
        abort(404)
    if current_user.point_id is not None and desk.point_id != current_user.point_id:
        abort(404)  # another point's desk: not this person's to run
    if not may_run_desk(desk):
        abort(403)  # another team's desk: volunteers run their own team's (auth_roles.GRANTS)
    return desk


def _staff():
    """Who pressed the button and from where, for the audit log the queue service writes."""
    return dict(user=current_user._get_current_object(), ip=client_key())


def _transfer_form(desk):
    form = TransferForm()
    form.to.choices = [
        SelectChoice(f"desk:{d.id}", _("Desk %(number)s", number=d.number) + f" – {d.team.t('name')}")
        for d in queue.desks_at(desk.point)
        if d.id != desk.id
    ] + [
        SelectChoice(f"team:{t.id}", _("Team: %(name)s", name=t.t("name")))
        for t in queue.teams_at(desk.point)
    ]
    return form


def _console(desk, status_code=200, error=None, message=None, form=None, **extra):
    current = queue.desk_current(desk)
    context = dict(
        desk=desk,
        current=current,
        waiting=queue.waiting_for_desk(desk),
        error=error,
        message=message,
        transfer=form or _transfer_form(desk),
        priority_names=PRIORITY_NAMES,
        status_names=STATUS_NAMES,
        channel_names=CHANNEL_NAMES,
    )
    context.update(desk_state.console_view(desk), **extra)  # open / on a break, today's counts
    response = render("desk/console.html", "desk/_console.html", status_code, **context)
    response.headers["Cache-Control"] = "no-store"
    return response


def _after_action(desk, error=None, message=None, form=None):
    """htmx: the console fragment in place (200, even for a refusal, so it is shown).
    Without JavaScript: back to the console (303), or the console with the refusal (409)."""
    if error:
        return _console(desk, refused_status(), error=error, form=form)
    if is_htmx():
        return _console(desk, 200, message=message, form=form)
    return redirect(url_for("desk.console", desk_id=desk.id), code=303)


@bp.get("/desk")
@roles_required(*ROLES)
def index():
    points = [current_user.point] if current_user.point_id else active_points()
    desks = db.session.scalars(
        db.select(Desk)
        .where(Desk.point_id.in_([p.id for p in points]), Desk.active.is_(True))
        .order_by(Desk.point_id, Desk.number)
    ).all()
    desks = [desk for desk in desks if may_run_desk(desk)]
    return render_template("desk/index.html", desks=desks, points=points), 200, {"Cache-Control": "no-store"}


@bp.get("/desk/<int:desk_id>")
@roles_required(*ROLES)
def console(desk_id):
    return _console(_desk_or_404(desk_id))


@bp.get("/desk/<int:desk_id>/waiting")
@roles_required(*ROLES)
def waiting(desk_id):
    desk = _desk_or_404(desk_id)
    if not is_htmx():
        return redirect(url_for("desk.console", desk_id=desk.id))
    response = render(
        "desk/console.html",
        "desk/_waiting.html",
        desk=desk,
        waiting=queue.waiting_for_desk(desk),
        priority_names=PRIORITY_NAMES,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/desk/<int:desk_id>/call-next")
@roles_required(*ROLES)
def call_next(desk_id):
    desk = _desk_or_404(desk_id)
    try:
        desk_state.refuse_unless_open(desk)  # a desk on a break or closed does not call
        ticket = queue.call_next(desk, **_staff())
    except queue.QueueError as refused:
        return _after_action(desk, error=refused.message)
    return _after_action(desk, message=_("Called %(label)s.", label=ticket.label))


@bp.post("/desk/<int:desk_id>/tickets/<int:ticket_id>/<any(recall, start, finish, 'no-show', call):action>")
@roles_required(*ROLES)
def act(desk_id, ticket_id, action):
    desk = _desk_or_404(desk_id)
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None or ticket.point_id != desk.point_id:
        abort(404)
    try:
        if action == "call":
            desk_state.refuse_unless_open(desk)
        ACTIONS[action](ticket, desk, **_staff())
    except queue.QueueError as refused:
        return _after_action(desk, error=refused.message)
    return _after_action(desk)


@bp.post("/desk/<int:desk_id>/tickets/<int:ticket_id>/transfer")
@roles_required(*ROLES)
def transfer(desk_id, ticket_id):
    desk = _desk_or_404(desk_id)
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None or ticket.point_id != desk.point_id:
        abort(404)
    form = _transfer_form(desk)
    if not form.validate_on_submit():
        return _after_action(desk, error=_("Choose a desk or a team to transfer to."), form=form)
    kind, _sep, target_id = form.to.data.partition(":")
    target = db.session.get(Desk if kind == "desk" else Team, int(target_id))
    try:
        if kind == "desk":
            queue.transfer(ticket, desk, to_desk=target, **_staff())
        else:
            queue.transfer(ticket, desk, to_team=target, **_staff())
    except queue.QueueError as refused:
        return _after_action(desk, error=refused.message, form=form)
    return _after_action(desk, message=_("%(label)s transferred.", label=ticket.label))
