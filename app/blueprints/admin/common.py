"""Helpers the administration pages share: the generic form page, values from forms, lookups."""

from flask import abort, redirect, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ...extensions import db
from ...forms.fields import choices
from ...htmx import render
from ...models import ServicePoint
from ...services import admin as admin_service


def actor():
    return current_user._get_current_object()


def get_or_404(model, record_id):
    obj = db.session.get(model, record_id)
    if obj is None:
        abort(404)
    return obj


def values_of(form, fields):
    """Form data for the named model fields: text trimmed, empty text and 0 ids as None."""
    values = {}
    for name in fields:
        if name not in form:
            continue
        value = form[name].data
        if isinstance(value, str):
            value = value.strip() or None
        if name.endswith("_id") and not value:
            value = None
        values[name] = value
    return values


def show_error(form, error):
    field = form[error.field] if error.field in form else next(iter(form))
    field.errors = list(field.errors) + [error.message]


def saved(form, save):
    """Run save(actor): True once saved; on a refusal, False with the reason beside its field."""
    try:
        save(actor())
    except admin_service.AdminError as error:
        show_error(form, error)
        return False
    return True


def back_to(url):
    """After a POST: 303 to the page to show next (the list, the record, the form's own page)."""
    return redirect(url, code=303)


def point_choices(blank=None):
    return choices(
        (
            SelectChoice(p.id, p.name_vi)
            for p in db.session.scalars(select(ServicePoint).order_by(ServicePoint.id))
        ),
        blank,
    )


def form_page(form, title, back, status_code=200, intro=None, submit=None, **extra):
    """One template for every create/edit form: fields in order, errors beside them."""
    return render(
        "admin/form.html",
        None,
        status_code=status_code,
        form=form,
        title=title,
        back=back,
        intro=intro,
        submit=submit,
        **extra,
    )


def admin_url(endpoint, **values):
    return url_for(f"admin.{endpoint}", **values)
