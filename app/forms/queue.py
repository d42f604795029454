"""Taking a ticket, and transferring one from a desk."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from ..services.submissions import new_form_key
from ..services.text import PHONE_MESSAGE, normalise_phone

PRIORITY_CHOICES = [
    SelectChoice("", _l("No")),
    SelectChoice("elderly", _l("Elderly person")),
    SelectChoice("disabled", _l("Person with a disability")),
    SelectChoice("pregnant", _l("Pregnant woman")),
    SelectChoice("child", _l("With a small child")),
]


class TicketForm(FlaskForm):
    procedure = RadioField(
        _l("What have you come for?"),
        choices=[],
        validators=[InputRequired(_l("Choose what you have come for"))],
    )
    phone = StringField(
        _l("Mobile phone number"),
        validators=[Length(max=20, message=PHONE_MESSAGE)],
    )
    priority = RadioField(_l("Priority"), choices=PRIORITY_CHOICES, default="")
    point = HiddenField()
    submission = HiddenField(default=new_form_key)  # one ticket however often the page is sent

    def validate_phone(self, field):
        if field.data and field.data.strip() and normalise_phone(field.data) is None:
            raise ValidationError(PHONE_MESSAGE)

    @property
    def phone_number(self):
        return normalise_phone(self.phone.data) if self.phone.data else None


class TransferForm(FlaskForm):
    to = SelectField(_l("Transfer to"), choices=[], validators=[InputRequired(_l("Choose a desk or a team"))])
