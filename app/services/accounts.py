"""Staff accounts: creating them and signing in with throttling and lockout."""

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app

from ..extensions import db
from ..models import ROLES, User
from ..timeutil import utcnow
from . import throttle


class AccountError(ValueError):
    pass


def create_user(username, role, password, full_name=None, point=None):
    username = (username or "").strip().lower()
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if not username or len(username) > 60:
        raise AccountError("username must be 1-60 characters")
    if len(password or "") < 8:
        raise AccountError("password must be at least 8 characters")
    if User.query.filter_by(username=username).first():
        raise AccountError(f"user {username} already exists")
    user = User(username=username, role=role, full_name=full_name, point=point)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


@dataclass
class LoginResult:
    user: User | None = None
    reason: str | None = None  # "throttled", "locked", "invalid"


def authenticate(username, password, client_ip):
    """Check a sign-in; count failures per account and per address across workers."""
    username = (username or "").strip().lower()
    per_user, user_window = current_app.config["LOGIN_LIMIT_PER_USER"]
    per_ip, ip_window = current_app.config["LOGIN_LIMIT_PER_IP"]
    # Throttle counters first: they write in their own transaction (see throttle.py).
    if throttle.count(f"login:ip:{client_ip}", ip_window) >= per_ip:
        return LoginResult(reason="throttled")
    if throttle.count(f"login:user:{username}", user_window) >= per_user:
        return LoginResult(reason="throttled")

    user = User.query.filter_by(username=username).first()
    now = utcnow()
    if user is not None and user.is_locked(now):
        return LoginResult(reason="locked")
    if user is None or not user.active or not user.check_password(password or ""):
        throttle.hit(f"login:ip:{client_ip}", per_ip, ip_window)
        throttle.hit(f"login:user:{username}", per_user, user_window)
        if user is not None:
            user.failed_logins = (user.failed_logins or 0) + 1
            if user.failed_logins >= current_app.config["LOCKOUT_AFTER"]:
                user.locked_until = now + timedelta(minutes=current_app.config["LOCKOUT_MINUTES"])
                user.failed_logins = 0
            db.session.commit()
        return LoginResult(reason="invalid")
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    db.session.commit()
    return LoginResult(user=user)


def end_every_session(user):
    """Sign `user` out everywhere: every cookie issued so far stops opening pages (sign-out, theft)."""
    user.session_version = (user.session_version or 0) + 1
    db.session.commit()
