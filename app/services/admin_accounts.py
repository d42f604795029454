"""Staff accounts as admins manage them: create with a generated password, update, deactivate, reset."""

import secrets

from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import User
from . import audit
from .accounts import forget_failures
from .admin import AdminError, save

# Password characters people can read aloud and copy from paper: no 0/O, 1/I/l.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz"


def generate_password():
    """Twelve characters in three groups, shown once to the admin who hands it over."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def _account_rules(values):
    if values.get("role") == "admin":
        values["point_id"] = values.get("point_id") or None
    elif not values.get("point_id"):
        raise AdminError("point_id", _l("Choose the point where this person works"))


def create_account(values, user):
    """A new account with a generated password; returns (account, password)."""
    values = dict(values, username=values["username"].strip().lower())
    _account_rules(values)
    password = generate_password()
    account = User(active=True)
    account.set_password(password)
    save(account, values, user)
    return account, password


def update_account(account, values, user):
    values = dict(values)
    _account_rules(values)
    if account.id == getattr(user, "id", None):
        if values.get("active") is False:
            raise AdminError("active", _l("You cannot deactivate your own account"))
        if values.get("role") != "admin":
            raise AdminError("role", _l("You cannot remove your own administrator role"))
    signs_out = values.get("active") is False or values.get("role") != account.role
    result = save(account, values, user, apply=_sign_out if signs_out else None)
    return result


def _sign_out(account):
    # Flask-Login compares this with the cookie: every open session ends.
    account.session_version = (account.session_version or 0) + 1


def deactivate(account, user):
    if account.id == getattr(user, "id", None):
        raise AdminError("active", _l("You cannot deactivate your own account"))
    return save(account, {"active": False}, user, apply=_sign_out)


def reset_password(account, user):
    """A new generated password (returned once) that also signs the account out everywhere, and
    lets it sign in at once: wrong passwords counted against it are forgotten."""
    password = generate_password()
    account.set_password(password)
    forget_failures(account)
    audit.record("user.reset_password", "user", account.id, user=user, point_id=account.point_id)
    db.session.commit()
    return password
