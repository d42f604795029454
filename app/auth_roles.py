"""Who may open what: every route is marked either @public or @roles_required(...); grants within a role.

A convention test walks app.url_map and fails on a route that is neither, so a new
staff page cannot be left open by forgetting a decorator.
"""

from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user

from .extensions import db, login_manager
from .models import User

# What a role may do beyond opening its pages (admins may do everything). Volunteers help
# residents in person, so they see residents' phones masked and cannot ring them from a desk,
# and they run only the desks of their own team ("desks.team:<team code>"), not every desk.
GRANTS = {
    "staff": frozenset({"phones.full", "desks.all"}),
    "volunteer": frozenset({"desks.team:volunteers"}),
}


def may(grant, user=None):
    """True when the signed-in person (or `user`) holds `grant`."""
    user = current_user if user is None else user
    if not getattr(user, "is_authenticated", False):
        return False
    return user.role == "admin" or grant in GRANTS.get(user.role, ())


def may_run_desk(desk, user=None):
    """Every desk with "desks.all"; otherwise only the desks of a team the role is granted."""
    team_code = desk.team.code if desk.team is not None else None
    return may("desks.all", user) or (team_code is not None and may(f"desks.team:{team_code}", user))


def own_point_or_404(model, record_id):
    """A record of the signed-in staff member's own point (an admin's: any point), else 404.

    Another point's record answers as if it did not exist, so its id says nothing.
    """
    record = db.session.get(model, record_id)
    if record is None or (current_user.point_id and record.point_id != current_user.point_id):
        abort(404)
    return record


def mask_phone(phone):
    """0912•••678: enough to tell two residents apart at the desk, not to write the number down."""
    digits = (phone or "").strip()
    return f"{digits[:4]}•••{digits[-3:]}" if len(digits) > 7 else "•••"


def shown_phone(phone):
    """A resident's phone as the signed-in person may see it: whole with the grant, else masked."""
    if not phone:
        return ""
    return phone if may("phones.full") else mask_phone(phone)


def public(view):
    view.is_public = True
    return view


def roles_required(*roles):
    """Signed-in users with one of `roles` (admins always pass); others get login or 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = roles
        return wrapped

    return decorator


@login_manager.user_loader
def load_user(user_id):
    try:
        uid, version = (int(part) for part in user_id.split(":"))
    except (ValueError, AttributeError):
        return None
    user = db.session.get(User, uid)
    if user is None or user.session_version != version or not user.active:
        return None
    return user


def init_app(app):
    login_manager.login_message = None  # the login page explains itself
    app.jinja_env.globals["may"] = may
    app.jinja_env.filters["shown_phone"] = shown_phone
    from . import session_limits

    session_limits.init_app(app)
