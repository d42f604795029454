"""Administration forms: points, teams, desks, procedures, users, opening hours, report targets."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import (
    URL,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from ..models.admin import TARGET_METRICS
from ..models.procedure import ONLINE_LEVELS
from .fields import (
    CheckboxesField,
    DecimalField,
    FloatField,
    IntegerField,
    SelectField,
    TimeField,
    VNDateField,
    area_field,
    text_field,
)


class PointForm(FlaskForm):
    slug = StringField(
        _l("Address name (slug)"),
        description=_l("Lower-case letters, digits and hyphens, e.g. tdp12-tan-giang"),
        validators=[
            DataRequired(_l("Enter an address name")),
            Length(max=60),
            Regexp(
                r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Use lower-case letters, digits and hyphens only")
            ),
        ],
    )
    name_vi = text_field(_l("Name (Vietnamese)"), 200, _l("Enter the point's name"))
    name_en = text_field(_l("Name (English)"), 200)
    ward = text_field(_l("Ward or commune"), 120, _l("Enter the ward or commune"))
    residential_group = text_field(_l("Residential group"), 120)
    city = text_field(_l("City or district"), 120)
    province = text_field(_l("Province"), 120)
    address = text_field(_l("Address"), 300, _l("Enter the address"))
    directions_vi = area_field(_l("Directions (Vietnamese)"))
    directions_en = area_field(_l("Directions (English)"))
    phone = StringField(
        _l("Phone"),
        validators=[
            Optional(),
            Length(max=20),
            Regexp(r"^[0-9 +().-]+$", message=_l("Enter a phone number with digits only")),
        ],
    )
    latitude = FloatField(
        _l("Latitude"), validators=[Optional(), NumberRange(-90, 90, _l("Latitude is between -90 and 90"))]
    )
    longitude = FloatField(
        _l("Longitude"),
        validators=[Optional(), NumberRange(-180, 180, _l("Longitude is between -180 and 180"))],
    )
    ticket_header = text_field(_l("Header printed on tickets"), 200)
    active = BooleanField(_l("Open to the public (active)"), default=True)


class TeamForm(FlaskForm):
    code = StringField(
        _l("Code"),
        validators=[
            DataRequired(_l("Enter a code")),
            Length(max=30),
            Regexp(r"^[a-z0-9-]+$", message=_l("Use lower-case letters, digits and hyphens only")),
        ],
    )
    name_vi = text_field(_l("Name (Vietnamese)"), 200, _l("Enter the team's name"))
    name_en = text_field(_l("Name (English)"), 200)
    ticket_prefix = StringField(
        _l("Ticket letter"),
        description=_l("One or two capital letters, e.g. A"),
        validators=[
            DataRequired(_l("Enter the ticket letter")),
            Regexp(r"^[A-Z]{1,2}$", message=_l("Use one or two capital letters")),
        ],
    )


class DeskForm(FlaskForm):
    number = IntegerField(
        _l("Desk number"),
        validators=[
            DataRequired(_l("Enter the desk number")),
            NumberRange(1, 99, _l("Desk number is between 1 and 99")),
        ],
    )
    team_id = SelectField(_l("Team"), coerce=int, validators=[DataRequired(_l("Choose a team"))])
    procedure_ids = CheckboxesField(_l("Procedures this desk serves"), coerce=int, validators=[Optional()])
    active = BooleanField(_l("In use (active)"), default=True)


class ProcedureForm(FlaskForm):
    code = StringField(
        _l("Code"),
        description=_l("Used in addresses, e.g. khai-sinh"),
        validators=[
            DataRequired(_l("Enter a code")),
            Length(max=40),
            Regexp(
                r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Use lower-case letters, digits and hyphens only")
            ),
        ],
    )
    name_vi = text_field(_l("Name (Vietnamese)"), 200, _l("Enter the procedure's name"))
    name_en = text_field(_l("Name (English)"), 200)
    category_vi = text_field(_l("Field (Vietnamese)"), 120, _l("Enter the field, e.g. Hộ tịch"))
    category_en = text_field(_l("Field (English)"), 120)
    summary_vi = area_field(_l("Summary (Vietnamese)"))
    summary_en = area_field(_l("Summary (English)"))
    who_vi = area_field(_l("Who may apply (Vietnamese)"))
    who_en = area_field(_l("Who may apply (English)"))
    papers_vi = area_field(_l("Papers (Vietnamese)"), _l("List the papers, one per line"))
    papers_en = area_field(_l("Papers (English)"))
    fee_vi = text_field(_l("Fee (Vietnamese)"), 300, _l("Enter the fee, or Miễn phí"))
    fee_en = text_field(_l("Fee (English)"), 300)
    time_limit_days = IntegerField(
        _l("Legal time limit (working days)"),
        description=_l("0 means the same day"),
        validators=[
            InputRequired(_l("Enter the time limit in working days")),
            NumberRange(0, 90, _l("The time limit is between 0 and 90 working days")),
        ],
    )
    time_limit_vi = text_field(_l("Time limit as shown (Vietnamese)"), 300)
    time_limit_en = text_field(_l("Time limit as shown (English)"), 300)
    result_vi = text_field(_l("Result (Vietnamese)"), 300)
    result_en = text_field(_l("Result (English)"), 300)
    legal_basis = area_field(_l("Legal basis"))
    online_level = SelectField(_l("Online level"), validators=[DataRequired(_l("Choose the online level"))])
    portal_url = StringField(
        _l("Link on the national public-service portal"),
        validators=[
            Optional(),
            Length(max=500),
            URL(require_tld=True, message=_l("Enter a full web address starting with https://")),
        ],
    )
    team_id = SelectField(_l("Team that handles it"), coerce=int, validators=[Optional()])
    service_minutes = IntegerField(
        _l("Typical service time (minutes)"),
        validators=[
            DataRequired(_l("Enter the typical service time")),
            NumberRange(1, 240, _l("Service time is between 1 and 240 minutes")),
        ],
    )
    sort_order = IntegerField(_l("Display order"), default=100, validators=[Optional(), NumberRange(0, 9999)])
    active = BooleanField(_l("Shown to residents (active)"), default=True)


class UserCreateForm(FlaskForm):
    username = StringField(
        _l("Username"),
        description=_l("Lower-case letters, digits, dots and hyphens"),
        validators=[
            DataRequired(_l("Enter a username")),
            Length(max=60),
            Regexp(r"^[a-z0-9._-]+$", message=_l("Use lower-case letters, digits, dots and hyphens only")),
        ],
    )
    full_name = text_field(_l("Full name"), 120, _l("Enter the person's full name"))
    role = SelectField(_l("Role"), validators=[DataRequired(_l("Choose a role"))])
    point_id = SelectField(
        _l("Service point"),
        coerce=int,
        description=_l("Staff, volunteers and kiosks belong to one point"),
        validators=[Optional()],
    )

    def validate_point_id(self, field):
        if self.role.data in ("staff", "volunteer", "kiosk") and not field.data:
            raise ValidationError(_l("Choose the point where this person works"))


class UserEditForm(UserCreateForm):
    username = None
    active = BooleanField(_l("Can sign in (active)"), default=True)


class SessionForm(FlaskForm):
    weekday = SelectField(
        _l("Day of the week"), coerce=int, validators=[InputRequired(_l("Choose the day of the week"))]
    )
    start = TimeField(_l("Opens at"), validators=[DataRequired(_l("Enter the opening time, e.g. 07:30"))])
    end = TimeField(_l("Closes at"), validators=[DataRequired(_l("Enter the closing time, e.g. 11:30"))])
    effective_from = VNDateField(
        _l("In force from"), validators=[InputRequired(_l("Enter the date it starts"))]
    )
    effective_to = VNDateField(_l("In force until"), validators=[Optional()])
    note_vi = text_field(_l("Note (Vietnamese)"), 200)
    note_en = text_field(_l("Note (English)"), 200)

    def validate_end(self, field):
        if self.start.data and field.data and field.data <= self.start.data:
            raise ValidationError(_l("The closing time must be after the opening time"))

    def validate_effective_to(self, field):
        if field.data and self.effective_from.data and field.data < self.effective_from.data:
            raise ValidationError(_l("The end date must be on or after the start date"))


class ClosedDayForm(FlaskForm):
    point_id = SelectField(
        _l("Service point"),
        coerce=int,
        description=_l("Leave empty for every point"),
        validators=[Optional()],
    )
    date = VNDateField(_l("Date"), validators=[InputRequired(_l("Enter the date"))])
    kind = SelectField(_l("Kind"), validators=[DataRequired(_l("Choose closure or extra opening"))])
    start = TimeField(_l("From"), validators=[Optional()])
    end = TimeField(_l("Until"), validators=[Optional()])
    reason_vi = text_field(_l("Reason (Vietnamese)"), 200, _l("Enter the reason residents will see"))
    reason_en = text_field(_l("Reason (English)"), 200)

    def validate(self, extra_validators=None):
        # Optional() stops a field's own checks when it is empty, so the rules that depend on
        # the kind are checked here, after every field has been read.
        valid = super().validate(extra_validators)
        if self.kind.data == "extra":
            for name, message in (
                ("start", _l("Enter when the extra opening starts")),
                ("end", _l("Enter when the extra opening ends")),
            ):
                field = self[name]
                if field.data is None and not field.errors:
                    field.errors = list(field.errors) + [message]
                    valid = False
            if self.start.data and self.end.data and self.end.data <= self.start.data and not self.end.errors:
                self.end.errors = list(self.end.errors) + [_l("The end time must be after the start time")]
                valid = False
        return valid


class TargetForm(FlaskForm):
    point_id = SelectField(
        _l("Service point"),
        coerce=int,
        description=_l("Leave empty for every point"),
        validators=[Optional()],
    )
    metric = SelectField(_l("Figure"), validators=[DataRequired(_l("Choose a figure"))])
    value = DecimalField(
        _l("Target"),
        description=_l("Shares in per cent (0–100), waiting time in minutes, satisfaction 1–5"),
        places=None,
        validators=[InputRequired(_l("Enter the target as a number"))],
    )
    effective_from = VNDateField(
        _l("In force from"), validators=[InputRequired(_l("Enter the date it starts"))]
    )
    note = text_field(_l("Note"), 200)

    def validate_value(self, field):
        value = float(field.data)
        limits = {
            "online_share": (0, 100),
            "on_time_share": (0, 100),
            "median_wait_minutes": (0, 600),
            "satisfaction": (1, 5),
        }
        low, high = limits.get(self.metric.data, (0, 100))
        if not low <= value <= high:
            raise ValidationError(_l("The target is between %(low)s and %(high)s", low=low, high=high))


__all__ = [
    "PointForm",
    "TeamForm",
    "DeskForm",
    "ProcedureForm",
    "UserCreateForm",
    "UserEditForm",
    "SessionForm",
    "ClosedDayForm",
    "TargetForm",
    "ONLINE_LEVELS",
    "TARGET_METRICS",
]
