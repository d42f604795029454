"""Appointment forms: the resident's details, finding a booking again, a team's booking settings."""

import re
import unicodedata

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from ..services.appointments import normalise_code
from ..services.submissions import new_form_key
from ..services.text import PHONE_MESSAGE, normalise_phone

_NAME = re.compile(r"^[^\W\d_]+(?:[ '’\-.][^\W\d_]+)*\.?$")


def _strip(value):
    return " ".join(unicodedata.normalize("NFC", value).split()) if isinstance(value, str) else value


def _phone(form, field):
    if field.data and normalise_phone(field.data) is None:
        raise ValidationError(PHONE_MESSAGE)


class DetailsForm(FlaskForm):
    procedure = HiddenField()
    day = HiddenField()
    slot = HiddenField()
    submission = HiddenField(default=new_form_key)  # one booking however often the page is sent
    name = StringField(
        _l("Full name"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Enter your full name")),
            Length(max=120, message=_l("Use at most %(max)d characters", max=120)),
        ],
    )
    phone = StringField(
        _l("Mobile number"),
        filters=[_strip],
        description=_l("We only use it to find your booking. For example 0912 345 678"),
        validators=[DataRequired(_l("Enter your mobile number")), _phone],
    )

    def validate_name(self, field):
        if field.data and not _NAME.match(field.data):
            raise ValidationError(_l("Enter the name with letters only, for example Nguyễn Thị Lan"))


class LookupForm(FlaskForm):
    code = StringField(
        _l("Booking code"),
        filters=[_strip],
        description=_l("6 letters and digits, for example K7M-Q3X"),
        validators=[DataRequired(_l("Enter the booking code")), Length(max=20)],
    )
    phone = StringField(
        _l("Mobile number"),
        filters=[_strip],
        validators=[DataRequired(_l("Enter the mobile number you booked with")), Length(max=20)],
    )

    def validate_code(self, field):
        if field.data and normalise_code(field.data) is None:
            raise ValidationError(_l("A booking code has 6 letters and digits, for example K7M-Q3X"))


class SettingsForm(FlaskForm):
    slot_minutes = IntegerField(
        _l("Slot length (minutes)"),
        validators=[
            InputRequired(_l("Enter the slot length")),
            NumberRange(5, 240, _l("Enter a number from %(min)s to %(max)s")),
        ],
    )
    capacity = IntegerField(
        _l("Bookings per slot"),
        description=_l("0 stops new bookings for this team"),
        validators=[
            InputRequired(_l("Enter the number of bookings per slot")),
            NumberRange(0, 100, _l("Enter a number from %(min)s to %(max)s")),
        ],
    )
    horizon_days = IntegerField(
        _l("Days ahead residents can book"),
        validators=[
            InputRequired(_l("Enter how many days ahead")),
            NumberRange(1, 120, _l("Enter a number from %(min)s to %(max)s")),
        ],
    )
    max_per_phone = IntegerField(
        _l("Future bookings per phone number"),
        validators=[
            InputRequired(_l("Enter the limit per phone number")),
            NumberRange(1, 20, _l("Enter a number from %(min)s to %(max)s")),
        ],
    )
