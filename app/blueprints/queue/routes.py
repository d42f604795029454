"""Routes: take a ticket, print its slip; closing earlier days (`flask queue close-days`)."""

import secrets

import segno
from flask import abort, current_app, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ... import shared_pc
from ...auth_roles import public
from ...clients import client_key
from ...forms.queue import TicketForm
from ...htmx import render
from ...services import queue, schedule
from ...services.points import resolve_point
from ...templating import weekday_names
from ...timeutil import local_now
from . import bp

BROWSER_COOKIE = "qid"


def _is_office():
    return current_user.is_authenticated and current_user.has_role("staff", "volunteer")


def _point(slug=None):
    """The point a page is about: ?point=<slug>, else the signed-in person's, else the default."""
    return resolve_point(slug, current_user)


def _browser_id():
    value = request.cookies.get(BROWSER_COOKIE, "")
    return value if 16 <= len(value) <= 40 and value.isalnum() else None


def _remember_browser(response, browser_id):
    if request.cookies.get(BROWSER_COOKIE) != browser_id:
        response.set_cookie(
            BROWSER_COOKIE,
            browser_id,
            max_age=365 * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        )
    return response


def _form_page(form, point, status_code=200, error=None, closed=None):
    procedures = queue.procedures_at(point)
    form.procedure.choices = [SelectChoice(p.code, p.t("name")) for p in procedures]
    if closed is None:
        state = schedule.status(point, local_now())
        closed = None if state.is_open else state
    response = render(
        "queue/new.html",
        None,
        status_code,
        form=form,
        point=point,
        error=error,
        closed=closed,
        office=_is_office(),
        weekday_names=weekday_names(),
        procedures={p.code: p for p in procedures},
    )
    response.headers["Cache-Control"] = "no-store"
    return _remember_browser(response, _browser_id() or secrets.token_hex(12))


@bp.get("/tickets/new")
@public
def new_ticket():
    point = _point(request.args.get("point"))
    form = TicketForm(point=point.slug)
    if request.args.get("procedure"):
        form.procedure.data = request.args["procedure"]
    return _form_page(form, point)


@bp.post("/tickets")
@public
def create_ticket():
    form = TicketForm()
    point = _point(form.point.data or None)
    procedures = {p.code: p for p in queue.procedures_at(point)}
    form.procedure.choices = [SelectChoice(code, p.t("name")) for code, p in procedures.items()]
    if not form.validate_on_submit():
        return _form_page(form, point)
    procedure = procedures[form.procedure.data]
    priority = form.priority.data or None
    helped = shared_pc.browser_id()  # a resident at the office PC, a volunteer beside them
    browser_id = helped or _browser_id() or secrets.token_hex(12)
    try:
        if _is_office():
            ticket = queue.issue_ticket(
                point,
                procedure,
                "office",
                phone=form.phone_number,
                priority=priority,
                user=current_user._get_current_object(),
                ip=client_key(),
                form_key=form.submission.data,
            )
        else:
            ticket = queue.issue_public_ticket(
                point,
                procedure,
                form.phone_number,
                priority,
                browser_id,
                client_key(),
                channel="office" if helped else "phone",
                form_key=form.submission.data,
            )
    except queue.QueueClosed as closed:
        state = schedule.status(point, local_now())
        return _form_page(form, point, 409, error=closed.message, closed=state)
    except queue.TooManyTickets as refused:
        return _form_page(form, point, 429, error=refused.message)
    except queue.QueueError as refused:
        return _form_page(form, point, 409, error=refused.message)
    target = url_for("queue.ticket", token=ticket.token)
    if _is_office() and request.form.get("print"):
        target = url_for("queue.print_ticket", token=ticket.token, paper=request.form.get("paper", "80"))
    response = redirect(target, code=303)
    return response if helped else _remember_browser(response, browser_id)


def _ticket_or_404(token):
    ticket = queue.ticket_by_token(token)
    if ticket is None:
        abort(404, description=_("There is no ticket at this address. Check the link, or take a new ticket."))
    return ticket


@bp.get("/t/<token>/print")
@public
def print_ticket(token):
    found = _ticket_or_404(token)
    url = url_for("queue.ticket", token=found.token, _external=True)
    qr = segno.make(url, error="m").svg_inline(border=2, omitsize=True)
    paper = "58" if request.args.get("paper") == "58" else "80"
    response = render(
        "queue/print.html",
        None,
        t=found,
        s=queue.ticket_status(found),
        qr=qr,
        url=url,
        paper=paper,
        autoprint=request.args.get("auto", "1") != "0",
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.cli.command("close-days")
def close_days_command():
    """Cancel tickets left open from earlier days and erase their phone numbers."""
    import click

    click.echo(f"{queue.close_days()} ticket(s) from earlier days closed.")
