"""The resident's choice of how to be told about their number; staff test messages and broadcasts."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from ...notifications.point_settings import parse_positions
from ...services.text import PHONE_MESSAGE, normalise_phone


class NotifyForm(FlaskForm):
    channel = RadioField(
        _l("How should we tell you?"),
        choices=[SelectChoice("sms", _l("Text message (SMS)")), SelectChoice("zns", _l("Zalo message"))],
        default="sms",
        validators=[InputRequired(_l("Choose SMS or Zalo"))],
    )
    phone = StringField(_l("Mobile phone number"))
    lead_minutes = RadioField(
        _l("How long do you need to get back here?"),
        choices=[SelectChoice(str(m), _l("%(num)d minutes", num=m)) for m in (5, 15, 30)],
        default="15",
        validators=[InputRequired(_l("Choose how long you need"))],
    )
    consent = BooleanField(_l("I agree to receive these messages"))

    def validate_phone(self, field):
        field.normalised = normalise_phone(field.data)
        if not field.normalised:
            raise ValidationError(PHONE_MESSAGE)

    def validate_consent(self, field):
        if not field.data:
            raise ValidationError(_l("Tick the box to agree, or go back without messages"))


class TestMessageForm(FlaskForm):
    channel = RadioField(
        _l("Message channel"),
        choices=[SelectChoice("sms", _l("Text message (SMS)")), SelectChoice("zns", _l("Zalo message"))],
        default="sms",
        validators=[InputRequired(_l("Choose SMS or Zalo"))],
    )
    phone = StringField(_l("Mobile phone number"))

    def validate_phone(self, field):
        field.normalised = normalise_phone(field.data)
        if not field.normalised:
            raise ValidationError(PHONE_MESSAGE)


class BroadcastForm(FlaskForm):
    text = StringField(
        _l("Message to everyone waiting today"),
        validators=[
            InputRequired(_l("Write the message")),
            Length(max=100, message=_l("Keep it to 100 characters so it fits one SMS")),
        ],
    )
    confirmed = HiddenField()


class BookingNotifyForm(NotifyForm):
    lead_minutes = None  # a booking has a time: reminders go the evening before and an hour before


class DossierNotifyForm(NotifyForm):
    lead_minutes = None  # a dossier's news comes when staff move it, not at a time to come back


class DeskDossierNotifyForm(DossierNotifyForm):
    """At the desk the page is in the staff's language, so the resident's is asked."""

    lang = RadioField(
        _l("Language of the messages"),
        choices=[SelectChoice("vi", "Tiếng Việt"), SelectChoice("en", "English")],
        default="vi",  # also when a form is sent without it
    )


class PointSettingsForm(FlaskForm):
    ahead_at = StringField(_l("Send “còn N người” when this many people are ahead"))
    quota_sms = IntegerField(_l("SMS per day"), validators=[Optional(), NumberRange(min=0, max=100000)])
    quota_zns = IntegerField(
        _l("Zalo messages per day"), validators=[Optional(), NumberRange(min=0, max=100000)]
    )

    def validate_ahead_at(self, field):
        try:
            field.positions = parse_positions(field.data or "")
        except ValueError:
            raise ValidationError(_l("Write one to three numbers from 1 to 20, like 3, 1")) from None
