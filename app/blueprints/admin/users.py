"""Accounts and roles: create (with a generated password shown once), edit, deactivate, reset password, unlock."""

from flask import request
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from ...auth_roles import roles_required
from ...clients import client_key
from ...forms.admin import UserCreateForm, UserEditForm
from ...htmx import render
from ...models import User
from ...services import accounts as accounts_service
from ...services import admin as admin_service
from ...services import admin_accounts
from . import bp
from .common import (
    actor,
    admin_url,
    back_to,
    form_page,
    get_or_404,
    point_choices,
    saved,
    show_error,
    values_of,
)


def role_names():
    return {
        "admin": _("Administrator"),
        "staff": _("Staff member"),
        "volunteer": _("Volunteer"),
        "kiosk": _("Kiosk by the door"),
    }


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/users")
@roles_required("admin")
def users():
    point_id = request.args.get("point", type=int)
    listed = admin_service.accounts(point_id)
    return render(
        "admin/users.html",
        None,
        accounts=listed,
        throttled={a.id for a in listed if accounts_service.is_throttled(a)},
        roles=role_names(),
        point_id=point_id,
    )


def _prepare(form):
    # A blank first option: a browser never submits a role nobody chose (it would send the first one).
    form.role.choices = [SelectChoice("", _("Choose a role"))] + [
        SelectChoice(role, name) for role, name in role_names().items()
    ]
    form.point_id.choices = point_choices(_("Every point (administrators only)"))


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required("admin")
def user_new():
    form = UserCreateForm()
    _prepare(form)
    if form.validate_on_submit():
        try:
            account, password = admin_accounts.create_account(
                values_of(form, ("username", "full_name", "role", "point_id")), actor()
            )
            return _password_page(account, password, created=True)
        except admin_service.AdminError as error:
            show_error(form, error)
    return form_page(
        form,
        _("New account"),
        admin_url("users"),
        intro=_("A password is generated and shown once after saving."),
        submit=_("Create the account"),
    )


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
@roles_required("admin")
def user_edit(user_id):
    account = get_or_404(User, user_id)
    form = UserEditForm(obj=account if request.method == "GET" else None)
    _prepare(form)
    if request.method == "GET" and account.point_id is None:
        form.point_id.data = 0
    if form.validate_on_submit():
        values = values_of(form, ("full_name", "role", "point_id", "active"))
        if saved(form, lambda by: admin_accounts.update_account(account, values, by)):
            return back_to(admin_url("users"))
    return _no_store(
        render(
            "admin/user_edit.html",
            None,
            form=form,
            account=account,
            throttled=accounts_service.is_throttled(account),
            title=_("Account %(name)s", name=account.username),
            back=admin_url("users"),
        )
    )


@bp.post("/users/<int:user_id>/unlock")
@roles_required("admin")
def user_unlock(user_id):
    account = get_or_404(User, user_id)
    accounts_service.unlock(account, actor(), client_key())
    return back_to(admin_url("user_edit", user_id=account.id))


@bp.post("/users/<int:user_id>/reset-password")
@roles_required("admin")
def user_reset_password(user_id):
    account = get_or_404(User, user_id)
    return _password_page(account, admin_accounts.reset_password(account, actor()), created=False)


@bp.post("/users/<int:user_id>/deactivate")
@roles_required("admin")
def user_deactivate(user_id):
    account = get_or_404(User, user_id)
    try:
        admin_accounts.deactivate(account, actor())
    except admin_service.AdminError as error:
        form = UserEditForm(obj=account, formdata=None)
        _prepare(form)
        form.active.errors = [error.message]
        return _no_store(
            render(
                "admin/user_edit.html",
                None,
                status_code=409,
                form=form,
                account=account,
                title=_("Account %(name)s", name=account.username),
                back=admin_url("users"),
            )
        )
    return back_to(admin_url("users"))


def _password_page(account, password, created):
    # Rendered straight from the POST (never redirected or stored), so it is seen once.
    return _no_store(
        render("admin/user_password.html", None, account=account, password=password, created=created)
    )
