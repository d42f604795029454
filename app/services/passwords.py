"""Password rules for accounts people choose a password for: long enough, not common, not the username."""

import string
from functools import cache
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

COMMON_LIST = Path(__file__).resolve().parent.parent / "data" / "common_passwords.txt"


class PasswordRuleError(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@cache
def common_passwords():
    with open(COMMON_LIST, encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip() and not line.startswith("# "))


def _squeezed(text):
    return "".join(text.lower().split())


def _stem(squeezed):
    """The password without the digits and signs people tack on: "matkhau12345678" -> "matkhau"."""
    return squeezed.strip(string.digits + string.punctuation)


def _is_common(password):
    squeezed = _squeezed(password)
    stem = _stem(squeezed)
    common = common_passwords()
    return (
        squeezed in common
        or password.lower() in common
        or stem in common
        or len(stem) < 4  # digits and signs with a word too short to count ("20262026", "abc!!!2026")
        or len(set(squeezed)) < 3
    )


def check(password, username=None):
    """Raise PasswordRuleError with a message for the person when `password` breaks a rule."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    password = password or ""
    if len(password) < minimum:
        raise PasswordRuleError(_l("Use at least %(count)d characters.", count=minimum))
    if len(password) > 200:
        raise PasswordRuleError(_l("Use at most 200 characters."))
    if _is_common(password):
        raise PasswordRuleError(_l("This password is too common. Choose a longer phrase only you would use."))
    if username and _squeezed(username) in _squeezed(password):
        raise PasswordRuleError(_l("The password must not contain the username."))
