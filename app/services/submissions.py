"""One-time form keys: the same form sent twice (a double tap) makes one booking or ticket, not two."""

import hashlib
import secrets


def new_form_key():
    """The key a form page carries in a hidden field; a new one each time the page is made."""
    return secrets.token_urlsafe(16)


def submission_key(form_key, *answers):
    """What the database keeps, unique: the form's key bound to what was answered with it, so the
    same page sent again with other answers (the back button, then another family member's name)
    is a new submission. None (no protection) when the form carried no usable key."""
    if not isinstance(form_key, str) or not 16 <= len(form_key) <= 64:
        return None
    text = "\x1f".join([form_key, *("" if answer is None else str(answer) for answer in answers)])
    return hashlib.sha256(text.encode()).hexdigest()
