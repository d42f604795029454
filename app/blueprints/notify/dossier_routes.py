"""A resident's choice of messages about a dossier, offered on its receipt (the browser that holds it)."""

from flask import abort, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from ...auth_roles import own_point_or_404, public, roles_required
from ...extensions import db
from ...models import Dossier
from ...notifications import dossier_events
from ...services import dossiers as dossier_service
from ...shared_pc import key_for
from . import bp
from .choice import choice_page, push_refused, push_subscription
from .forms import DeskDossierNotifyForm, DossierNotifyForm


def _held_or_404(dossier_id):
    """The submitted dossier this browser holds (the resident's, or the desk's for a paper one)."""
    dossier = dossier_service.draft_for_key(dossier_id, key_for(dossier_id))
    if dossier is None or dossier.status == "draft":
        abort(404)
    return dossier


def _staff_dossier_or_404(dossier_id):
    """A sent dossier of the staff member's point."""
    dossier = own_point_or_404(Dossier, dossier_id)
    if dossier.status == "draft":
        abort(404)
    return dossier


@bp.route("/dossiers/<int:dossier_id>/notify", methods=["GET", "POST"])
@public
def choose_for_dossier(dossier_id):
    """SMS or Zalo about the dossier: received, papers missing, result ready, nearly overdue."""
    dossier = _held_or_404(dossier_id)
    back = url_for("dossiers.receipt", dossier_id=dossier.id)
    return _choose(dossier, DossierNotifyForm(), back, "notify.choose_for_dossier")


@bp.route("/staff/dossiers/<int:dossier_id>/notify", methods=["GET", "POST"])
@roles_required("staff")
def staff_choose_for_dossier(dossier_id):
    """The same choice made at the desk, when staff receive a dossier from a resident standing there."""
    dossier = _staff_dossier_or_404(dossier_id)
    back = url_for("dossiers.staff_detail", dossier_id=dossier.id)
    return _choose(dossier, DeskDossierNotifyForm(), back, "notify.staff_choose_for_dossier")


@bp.post("/staff/dossiers/<int:dossier_id>/notify/stop")
@roles_required("staff")
def staff_stop_for_dossier(dossier_id):
    """Stop at the resident's request, at the desk."""
    dossier = _staff_dossier_or_404(dossier_id)
    dossier_events.stop_all(dossier)
    db.session.commit()
    return redirect(url_for("dossiers.staff_detail", dossier_id=dossier.id), code=303)


def _choose(dossier, form, back, endpoint):
    """The choice page; messages go in the resident's language (asked at the desk, else the page's)."""
    if dossier.is_finished:
        return redirect(back, code=303)
    if request.method == "GET":
        form.phone.data = dossier.applicant_phone
    if form.validate_on_submit():
        lang = form.lang.data if "lang" in form else get_locale().language
        dossier_events.choose(dossier, form.channel.data, form.phone.normalised, lang)
        return redirect(back, code=303)
    consent = _(
        "%(point)s will use this number only for dossier %(code)s: when it is received, if papers are missing, "
        "when the result is ready and if it is nearly overdue. It is erased when the dossier ends, or at once "
        "if you stop the messages.",
        point=dossier.point.t("name"),
        code=dossier.code,
    )
    subject = _("Messages about dossier %(code)s", code=dossier.code)
    return choice_page(form, subject, consent, back, url_for(endpoint, dossier_id=dossier.id))


@bp.post("/dossiers/<int:dossier_id>/notify/stop")
@public
def stop_for_dossier(dossier_id):
    dossier = _held_or_404(dossier_id)
    dossier_events.stop_all(dossier)
    db.session.commit()
    return redirect(url_for("dossiers.receipt", dossier_id=dossier.id), code=303)


@bp.post("/dossiers/<int:dossier_id>/push")
@public
def push_for_dossier(dossier_id):
    """The browser's push subscription for the dossier (static/js/push.js, as on the ticket page)."""
    dossier = _held_or_404(dossier_id)
    subscription = push_subscription(dossier.is_finished)
    if subscription is None:
        return push_refused()
    endpoint, p256dh, auth = subscription
    dossier_events.choose(dossier, "push", endpoint, get_locale().language, p256dh=p256dh, auth=auth)
    return "", 204
