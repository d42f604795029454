"""Password rules for accounts people choose a password for: long enough, not common, not the username."""

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


def check(password, username=None):
    """Raise PasswordRuleError with a message for the person when `password` breaks a rule."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    password = password or ""
    if len(password) < minimum:
        raise PasswordRuleError(_l("Use at least %(count)d characters.", count=minimum))
    if len(password) > 200:
        raise PasswordRuleError(_l("Use at most 200 characters."))
    squeezed = _squeezed(password)
    if squeezed in common_passwords() or password.lower() in common_passwords() or len(set(squeezed)) < 3:
        raise PasswordRuleError(_l("This password is too common. Choose a longer phrase only you would use."))
    if username and _squeezed(username) in squeezed:
        raise PasswordRuleError(_l("The password must not contain the username."))
