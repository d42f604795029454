"""Who may open what: every route is marked either @public or @roles_required(...).

A convention test walks app.url_map and fails on a route that is neither, so a new
staff page cannot be left open by forgetting a decorator.
"""

from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user

from .extensions import db, login_manager
from .models import User


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
    from . import session_limits

    session_limits.init_app(app)
