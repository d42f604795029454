"""WTForms' own messages ("Not a valid choice.", "This field is required.") in our catalog.

WTForms ships no Vietnamese, so a value a form did not expect (a forged choice, a letter in a
number field) used to come back in English. Flask-WTF asks `request.wtforms_translations` for
these messages; `init_app` puts our catalog there, so they read like the rest of the page, in the
page's language. Fields with a message of their own keep it: this only covers WTForms' defaults.

The ids below are WTForms' exact wording (wtforms/locale/wtforms.pot), marked so that
`tools/po.py update` extracts them into translations/ with everything else.
"""

from flask import request
from flask_babel import get_translations


def N_(message):
    """Marks a message for extraction without translating it here."""
    return message


def Nn_(singular, plural):
    """Marks a singular/plural pair for extraction without translating it here."""
    return singular, plural


MARKED = (
    N_("This field is required."),
    N_("Invalid input."),
    N_("Not a valid choice."),
    N_("Invalid Choice: could not coerce."),
    N_("Invalid choice(s): one or more data inputs could not be coerced."),
    N_("Not a valid integer value."),
    N_("Not a valid decimal value."),
    N_("Not a valid float value."),
    N_("Not a valid date value."),
    N_("Not a valid time value."),
    N_("Not a valid datetime value."),
    N_("Not a valid week value."),
    N_("Number must be at least %(min)s."),
    N_("Number must be at most %(max)s."),
    N_("Number must be between %(min)s and %(max)s."),
    N_("Date must be at least %(min)s."),
    N_("Date must be at most %(max)s."),
    N_("Date must be between %(min)s and %(max)s."),
    N_("Field must be between %(min)d and %(max)d characters long."),
    N_("Field must be equal to %(other_name)s."),
    N_("Invalid email address."),
    N_("Invalid URL."),
    N_("Invalid value, must be one of: %(values)s."),
    N_("Invalid value, can't be any of: %(values)s."),
    N_("This field cannot be edited."),
    N_("This field is disabled and cannot have a value."),
    Nn_("Field must be at least %(min)d character long.", "Field must be at least %(min)d characters long."),
    Nn_("Field cannot be longer than %(max)d character.", "Field cannot be longer than %(max)d characters."),
    Nn_("Field must be exactly %(max)d character long.", "Field must be exactly %(max)d characters long."),
    Nn_(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
    ),
)


class CatalogMessages:
    """The two methods Flask-WTF calls, answered from the request's Flask-Babel catalog.

    WTForms fills in %(min)s and the like itself, so nothing is formatted here."""

    def ugettext(self, message):
        return get_translations().ugettext(message)

    def ungettext(self, singular, plural, n):
        return get_translations().ungettext(singular, plural, n)


MESSAGES = CatalogMessages()


def init_app(app):
    @app.before_request
    def wtforms_speak_our_language():
        request.wtforms_translations = MESSAGES
