"""Filters read from the query string (GET, no CSRF), so a report or an audit search is a link to share."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length, Optional, ValidationError

from .fields import SelectField, VNDateField

PERIODS = ("day", "week", "month", "quarter", "year", "custom")

# How much of a date each period needs: a year report may name only the year, a month or quarter its month.
ENOUGH_FOR = {"year": {"year", "month", "day"}, "quarter": {"month", "day"}, "month": {"month", "day"}}


class ReportFilterForm(FlaskForm):
    """Read from the query string (GET), so a report is a link people can share."""

    class Meta:
        csrf = False

    period = SelectField(_l("Period"), default="week", validators=[Optional()])
    on = VNDateField(_l("Day in the period"), validators=[Optional()], partial=True)
    start = VNDateField(_l("From"), validators=[Optional()])
    end = VNDateField(_l("Until"), validators=[Optional()])
    point = SelectField(_l("Service point"), coerce=int, validators=[Optional()])

    def validate_on(self, field):
        if field.data and field.precision not in ENOUGH_FOR.get(self.period.data, {"day"}):
            if field.precision == "year":
                raise ValidationError(
                    _l("A year alone is enough for a yearly report only: enter a day as dd/mm/yyyy")
                )
            raise ValidationError(
                _l("A month is enough for a monthly or quarterly report only: enter a day as dd/mm/yyyy")
            )

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.period.data != "custom":
            return valid
        start, end = self.start, self.end
        if start.data is None and not start.errors:
            start.errors = list(start.errors) + [_l("Enter the first day of the range")]
        if end.data is None and not end.errors:
            end.errors = list(end.errors) + [_l("Enter the last day of the range")]
        if start.data and end.data:
            if end.data < start.data:
                end.errors = list(end.errors) + [_l("The last day must be on or after the first day")]
            elif (end.data - start.data).days > 366 * 3:
                end.errors = list(end.errors) + [_l("Choose a range of at most three years")]
        return valid and not start.errors and not end.errors


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    user = StringField(_l("User"), validators=[Optional(), Length(max=60)])
    action = SelectField(_l("Action"), default="", validators=[Optional()])
    record_type = SelectField(_l("Record type"), default="", validators=[Optional()])
    start = VNDateField(_l("From"), validators=[Optional()])
    end = VNDateField(_l("Until"), validators=[Optional()])

    def validate_end(self, field):
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_l("The last day must be on or after the first day"))
