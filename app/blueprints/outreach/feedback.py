"""GET/POST /feedback: rating the service point, with a self-hosted verification code."""

from flask import redirect, request, url_for
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _

from ...auth_roles import public
from ...clients import client_key
from ...forms.outreach import ASKED, CRITERIA_LABELS, FeedbackForm
from ...htmx import is_htmx, render
from ...services import captcha
from ...services import feedback as service
from ...services.points import resolve_point
from . import bp

NO_STORE = {"Cache-Control": "private, no-store"}  # a fresh single-use code and CSRF token


def _messages():
    return {
        "captcha": _("The verification code is not correct."),
        "captcha_expired": _("The verification code has expired. Type the new code below."),
        "throttled": _("Too many ratings from this device. Please try again later."),
        "lookups": _(
            "Too many references that were not found from this connection. Please try again in a few minutes."
        ),
        "rated": _("This visit has already been rated. Thank you!"),
        "visit": _(
            "We could not find a finished visit with this reference. "
            "You can still rate the service point in general."
        ),
    }


def summary_rows(point):
    rows = []
    for item in service.summary(point):
        if item.count:
            text = ngettext(
                "%(num)d rating, average %(average)s",
                "%(num)d ratings, average %(average)s",
                item.count,
                average=format_decimal(round(item.average, 1), "0.0"),
            )
        else:
            text = _("No ratings yet")
        rows.append((CRITERIA_LABELS[item.name], text))
    return rows


def _point():
    """The point rated: `?point=<slug>` (a point's home page links that way), else the first one."""
    return resolve_point(request.args.get("point"))


def _here():
    """The query argument that keeps the point in the form's address, its pager and the thanks page."""
    return {"point": request.args["point"]} if request.args.get("point") else {}


def _page(point, form, challenge, visit=None, alert=None, rated=False, status=200):
    form.captcha_token.data = challenge.token
    comments = service.published_comments(point, page=max(request.args.get("page", 1, type=int) or 1, 1))
    if is_htmx() and status >= 400:
        status = 200  # htmx swaps only 2xx answers; the message is in the fragment
    response = render(
        "outreach/feedback.html",
        "outreach/_feedback_form.html",
        status_code=status,
        point=point,
        form=form,
        challenge=challenge,
        visit=visit or service.Visit(),
        alert=alert,
        rated=rated,
        criteria=ASKED,
        summary=summary_rows(point),
        comments=comments,
        here=_here(),
    )
    response.headers.update(NO_STORE)
    return response


@bp.get("/feedback")
@public
def feedback():
    point = _point()
    ticket, dossier = request.args.get("ticket", ""), request.args.get("dossier", "")
    form = FeedbackForm(ticket=ticket, dossier=dossier)
    alert, visit = None, None
    status = 200
    try:
        visit = service.visit_for(ticket, dossier, client_key())
    except service.FeedbackError as error:
        alert = _messages()[error.reason]
        form.ticket.data = form.dossier.data = ""
        status = 429 if error.reason == "lookups" else 200
    rated = bool(visit and service.already_rated(visit))
    return _page(
        point,
        form,
        captcha.new_challenge(),
        visit=visit,
        alert=_messages()["rated"] if rated else alert,
        rated=rated,
        status=status,
    )


@bp.post("/feedback")
@public
def feedback_post():
    point = _point()
    form = FeedbackForm()
    challenge = captcha.challenge_from(form.captcha_token.data) or captcha.new_challenge()
    if "new_code" in request.form:  # "another code": same answers, a new picture
        form.captcha.data = ""
        return _page(point, form, captcha.new_challenge())
    if not form.validate_on_submit():
        return _page(point, form, challenge)
    try:
        visit = service.visit_for(form.ticket.data, form.dossier.data, client_key())
        service.submit(
            point,
            form.scores(),
            form.comment.data,
            visit,
            form.captcha_token.data,
            form.captcha.data,
            client_key(),
            trips=form.trips_count(),
        )
    except service.FeedbackError as error:
        message = _messages()[error.reason]
        if error.reason in ("captcha", "captcha_expired"):
            form.captcha.errors = [message]
            form.captcha.data = ""
            return _page(point, form, captcha.new_challenge())
        if error.reason in ("throttled", "lookups"):
            return _page(point, form, challenge, alert=message, status=429)
        if error.reason == "visit":
            form.ticket.data = form.dossier.data = ""
            return _page(point, form, captcha.new_challenge(), alert=message)
        return _page(point, form, captcha.new_challenge(), alert=message, rated=True)
    if is_htmx():
        return render(
            "outreach/feedback_thanks.html",
            "outreach/_feedback_thanks.html",
            point=point,
            summary=summary_rows(point),
        )
    return redirect(url_for("outreach.feedback_thanks", **_here()), code=303)


@bp.get("/feedback/thanks")
@public
def feedback_thanks():
    point = _point()
    return render("outreach/feedback_thanks.html", point=point, summary=summary_rows(point))
