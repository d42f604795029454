"""Forms of the outreach pages: rating the service point, and staff editing news, documents, links."""

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from ..models.outreach import RATING_CRITERIA
from ..services.feedback import COMMENT_MAX
from ..timeutil import local_today
from .fields import SelectField

SCALE = [
    SelectChoice(1, _l("Very dissatisfied")),
    SelectChoice(2, _l("Dissatisfied")),
    SelectChoice(3, _l("Neutral")),
    SelectChoice(4, _l("Satisfied")),
    SelectChoice(5, _l("Very satisfied")),
]

CRITERIA_LABELS = {
    "overall": _l("Overall, how satisfied are you?"),
    "on_time": _l("Result on time"),
    "attitude": _l("Staff attitude"),
    "publicity": _l("Publicity of procedures"),
    "trips": _l("Times residents came for one matter"),
}
# Asked on a 1-5 scale (RATING_CRITERIA). "How many times did you have to come" is a count (`trips`).
ASKED = RATING_CRITERIA


class ScoreField(RadioField):
    """1-5 radio buttons. A value not offered (only a forged request sends one) gets our message,
    not WTForms' English "Not a valid choice." or "Invalid Choice: could not coerce."."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(str(_l("Choose one of the options"))) from None

    def pre_validate(self, form):
        try:
            super().pre_validate(form)
        except ValidationError:
            raise ValidationError(_l("Choose one of the options")) from None


def _score(name, required=False):
    validators = [InputRequired(_l("Choose how satisfied you are overall"))] if required else [Optional()]
    return ScoreField(CRITERIA_LABELS[name], choices=SCALE, coerce=int, validators=validators)


class FeedbackForm(FlaskForm):
    overall = _score("overall", required=True)
    on_time = _score("on_time")
    attitude = _score("attitude")
    publicity = _score("publicity")
    trips = StringField(
        _l("How many times did you come to the point for this matter?"),
        validators=[Optional()],
        description=_l("A number: 1 if it was done on your first visit"),
    )
    comment = TextAreaField(
        _l("Comment"),
        validators=[
            Optional(),
            Length(max=COMMENT_MAX, message=_l("A comment is at most %(max)d characters")),
        ],
    )
    captcha = StringField(
        _l("Verification code"),
        validators=[
            DataRequired(_l("Enter the verification code")),
            Length(max=20, message=_l("The verification code is not correct.")),
        ],
    )
    captcha_token = HiddenField()
    ticket = HiddenField()
    dossier = HiddenField()

    def validate_trips(self, field):
        if self.trips_count() is None:
            raise ValidationError(_l("Enter a number from 1 to 20, for example 1"))

    def trips_count(self):
        """The count typed (1-20), None when left empty or not a number in range."""
        raw = (self.trips.data or "").strip()
        return int(raw) if raw.isdigit() and 1 <= int(raw) <= 20 else None

    def scores(self):
        return {name: self[name].data for name in ASKED}


CITY_WIDE = "all"


class PlacedForm(FlaskForm):
    """Where an item is shown. Admins, who serve the whole city, pick a service point or the whole
    city; the view removes the field for other staff, whose items always belong to their own point.
    The view fills the choices; a value not among them is refused ("Choose one of the options")."""

    place = SelectField(
        _l("Shown at"),
        choices=[],
        validators=[InputRequired(_l("Choose a service point, or the whole city"))],
    )

    def chosen_point_id(self):
        """The point picked (an id), or None for the whole city."""
        return None if self.place.data == CITY_WIDE else int(self.place.data)


class TitledForm(PlacedForm):
    """A title in Vietnamese (required) and in English (optional): news posts and links."""

    title_vi = StringField(
        _l("Title (Vietnamese)"),
        validators=[
            DataRequired(_l("Enter a title")),
            Length(max=200, message=_l("A title is at most 200 characters")),
        ],
    )
    title_en = StringField(
        _l("Title (English)"),
        validators=[Optional(), Length(max=200, message=_l("A title is at most 200 characters"))],
    )


class PostForm(TitledForm):
    body_format = RadioField(
        _l("Text format"),
        default="text",
        choices=[
            SelectChoice("text", _l("Plain text")),
            SelectChoice("markdown", _l("Markdown (**bold**, lists, links)")),
        ],
        # Our message for a value not offered too, not WTForms' English "Not a valid choice".
        validate_choice=False,
        validators=[
            InputRequired(_l("Choose a text format")),
            AnyOf(["text", "markdown"], message=_l("Choose a text format")),
        ],
    )
    body_vi = TextAreaField(
        _l("Text (Vietnamese)"),
        validators=[
            DataRequired(_l("Enter the text")),
            Length(max=20000, message=_l("The text is at most 20,000 characters")),
        ],
    )
    body_en = TextAreaField(
        _l("Text (English)"),
        validators=[Optional(), Length(max=20000, message=_l("The text is at most 20,000 characters"))],
    )
    pinned = BooleanField(_l("Pin to the top of the news and the home page"))


class IssuedOnField(DateField):
    """A date picked in the browser (YYYY-MM-DD) or typed as dd/mm/yyyy, with our own message."""

    def __init__(self, label, **kwargs):
        super().__init__(label, format=["%Y-%m-%d", "%d/%m/%Y"], **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(_l("Enter a real date, for example 20/11/2026"))) from None


class DocumentForm(PlacedForm):
    title_vi = StringField(
        _l("Title (Vietnamese)"),
        validators=[
            DataRequired(_l("Enter a title")),
            Length(max=300, message=_l("A title is at most 300 characters")),
        ],
    )
    title_en = StringField(
        _l("Title (English)"),
        validators=[Optional(), Length(max=300, message=_l("A title is at most 300 characters"))],
    )
    number = StringField(
        _l("Number and symbol"), validators=[Optional(), Length(max=60, message=_l("At most 60 characters"))]
    )
    issued_on = IssuedOnField(
        _l("Date issued"),
        validators=[InputRequired(_l("Enter the date the document was issued"))],
        render_kw={"type": "date"},
    )
    issuer = StringField(
        _l("Issued by"),
        validators=[
            DataRequired(_l("Enter who issued the document")),
            Length(max=200, message=_l("At most 200 characters")),
        ],
    )
    attachment = FileField(_l("Attachment"), validators=[FileRequired(_l("Choose the file to attach"))])

    def validate_issued_on(self, field):
        # Year 0001 or 9999 would sit at the top or bottom of the list for ever.
        if field.data and not date(1900, 1, 1) <= field.data <= local_today() + timedelta(days=366):
            raise ValidationError(_l("Enter a date from 1900 up to a year from today"))


class OrderField(IntegerField):
    """A whole number; what cannot be read gets the same one message as a number out of range."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(_l("Enter a number from 0 to 9999"))) from None


class LinkForm(TitledForm):
    url = StringField(
        _l("Web address"),
        validators=[
            DataRequired(_l("Enter the web address")),
            Length(max=500, message=_l("At most 500 characters")),
            Regexp(
                r"^https?://[^\s/$.?#][^\s<>\"]*$", message=_l("Enter a full address starting with https://")
            ),
        ],
    )
    sort_order = OrderField(_l("Order in the list"), default=100, validators=[Optional()])

    def validate_sort_order(self, field):
        if field.data is not None and not 0 <= field.data <= 9999:
            raise ValidationError(_l("Enter a number from 0 to 9999"))


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""
