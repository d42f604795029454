"""Staff accounts: creating them, signing in under throttles, changing one's password, ending sessions."""

from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..models import ROLES, User
from ..timeutil import utcnow
from . import audit, passwords, throttle


class AccountError(ValueError):
    pass


def create_user(username, role, password, full_name=None, point=None):
    username = (username or "").strip().lower()
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if not username or len(username) > 60:
        raise AccountError("username must be 1-60 characters")
    try:
        passwords.check(password, username)
    except passwords.PasswordRuleError as error:
        raise AccountError(str(error.message))
    if db.session.scalar(select(User.id).filter_by(username=username)):
        raise AccountError(f"user {username} already exists")
    user = User(username=username, role=role, full_name=full_name, point=point)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


@dataclass
class LoginResult:
    user: User | None = None
    reason: str | None = None  # "throttled", "invalid"
    retry_after: int = 0  # seconds, when throttled


def _limits():
    config = current_app.config
    return config["LOGIN_LIMIT_PER_PAIR"], config["LOGIN_LIMIT_PER_USER"], config["LOGIN_LIMIT_PER_IP"]


def _name(username):
    # Quoted, so no name is a prefix of another's keys ("hoa:" never starts "hoa:1:...").
    return quote(username, safe="")


def _keys(username, client_ip):
    name = _name(username)
    return f"login:pair:{name}:{client_ip}", f"login:user:{name}", f"login:ip:{client_ip}"


@cache
def _dummy_hash(method):
    return generate_password_hash("not a password anyone has", method)


def _password_matches(user, password):
    """Check a password, spending the same hashing work whether or not the account exists."""
    if user is None or not user.active:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        check_password_hash(_dummy_hash(method), password)
        return False
    return user.check_password(password)


def authenticate(username, password, client_ip):
    """Check a sign-in under three throttles, counted across workers, and audit the outcome.

    Wrong passwords are counted per (account, address), per account and per address. The
    first limit is low: it stops guessing from one place without refusing colleagues behind
    the office router; the other two are high enough that only a spread-out attack reaches them.
    """
    username = (username or "").strip().lower()
    keys = _keys(username, client_ip)
    limits = _limits()
    # Throttle counters first: they write in their own transaction (see throttle.py).
    for key, (limit, window) in zip(keys, limits, strict=True):
        if throttle.count(key, window) >= limit:
            return LoginResult(reason="throttled", retry_after=throttle.retry_after(key, window))

    user = db.session.scalars(select(User).filter_by(username=username)).first()
    if not _password_matches(user, password or ""):
        for key, (limit, window) in zip(keys, limits, strict=True):
            throttle.hit(key, limit, window)
        known = user is not None
        # An unknown name is not logged: people sometimes type their password into that field.
        audit.record(
            "auth.sign_in_failed",
            "user",
            user.id if known else None,
            user=user if known else None,
            point_id=user.point_id if known else None,
            after={"reason": "wrong password" if known and user.active else "unknown or inactive account"},
            ip=client_ip,
        )
        db.session.commit()
        return LoginResult(reason="invalid")
    throttle.reset(keys[0], limits[0][1])
    user.last_login_at = utcnow()
    audit.record("auth.sign_in", "user", user.id, user=user, point_id=user.point_id, ip=client_ip)
    db.session.commit()
    return LoginResult(user=user)


def is_throttled(user):
    """True while wrong passwords for this account are being refused (from at least one address)."""
    limit, window = current_app.config["LOGIN_LIMIT_PER_USER"]
    if throttle.count(f"login:user:{_name(user.username)}", window) >= limit:
        return True
    limit, window = current_app.config["LOGIN_LIMIT_PER_PAIR"]
    return throttle.any_at_least(f"login:pair:{_name(user.username)}:", limit, window)


def forget_failures(user):
    """Wrong passwords counted against the account are forgotten: it signs in again from every address."""
    config = current_app.config
    throttle.reset_prefix(f"login:pair:{_name(user.username)}:")
    throttle.reset(f"login:user:{_name(user.username)}", config["LOGIN_LIMIT_PER_USER"][1])
    throttle.reset(f"password:user:{user.id}", config["PASSWORD_CHANGE_LIMIT"][1])


def unlock(user, actor, client_ip=None):
    """An admin lets the account sign in again from every address at once."""
    forget_failures(user)
    audit.record("auth.unlock", "user", user.id, user=actor, point_id=user.point_id, ip=client_ip)
    db.session.commit()


class PasswordChangeError(ValueError):
    def __init__(self, field, message, retry_after=0):
        super().__init__(str(message))
        self.field, self.message, self.retry_after = field, message, retry_after


def change_password(user, current, new, client_ip):
    """A signed-in person sets their own password; wrong current passwords are throttled per account."""
    limit, window = current_app.config["PASSWORD_CHANGE_LIMIT"]
    key = f"password:user:{user.id}"
    if throttle.count(key, window) >= limit:
        raise PasswordChangeError(
            "current_password",
            _l("Too many wrong attempts. Please wait and try again."),
            retry_after=throttle.retry_after(key, window),
        )
    if not user.check_password(current or ""):
        throttle.hit(key, limit, window)
        audit.record(
            "auth.password_change_failed", "user", user.id, user=user, point_id=user.point_id, ip=client_ip
        )
        db.session.commit()
        raise PasswordChangeError("current_password", _l("This is not your current password."))
    try:
        passwords.check(new, user.username)
    except passwords.PasswordRuleError as error:
        raise PasswordChangeError("new_password", error.message)
    user.set_password(new)  # bumps session_version: every other session ends
    audit.record("auth.password_change", "user", user.id, user=user, point_id=user.point_id, ip=client_ip)
    db.session.commit()
    throttle.reset(key, window)


def end_every_session(user, client_ip=None):
    """Sign `user` out everywhere: every cookie issued so far stops opening pages (sign-out, theft)."""
    user.session_version = (user.session_version or 0) + 1
    audit.record("auth.sign_out", "user", user.id, user=user, point_id=user.point_id, ip=client_ip)
    db.session.commit()
