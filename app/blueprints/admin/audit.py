"""The audit log: who did what to which record, filtered by user, action, record type and dates."""

from flask import request
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from ...auth_roles import roles_required
from ...forms.filters import AuditFilterForm
from ...htmx import render
from ...services import audit_log
from . import bp
from .audit_words import action_label, describe, record_type_label


@bp.get("/audit")
@roles_required("admin")
def audit():
    form = AuditFilterForm(formdata=request.args or None)
    actions, types = audit_log.audit_choices()
    form.action.choices = [SelectChoice("", _("Any action"))] + [
        SelectChoice(a, action_label(a)) for a in actions
    ]
    form.record_type.choices = [SelectChoice("", _("Any record type"))] + [
        SelectChoice(t, record_type_label(t)) for t in types
    ]
    events = None
    if form.validate():
        events = audit_log.audit_events(
            form.user.data,
            form.action.data,
            form.record_type.data,
            form.start.data,
            form.end.data,
            request.args.get("page", 1, type=int),
        )
    args = {k: v for k, v in request.args.items() if k != "page"}
    described = describe(events.items) if events is not None else []
    response = render(
        "admin/audit.html",
        "admin/_audit_results.html",
        form=form,
        events=events,
        args=args,
        described=described,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
