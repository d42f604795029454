"""Field types and validators the forms share: trimmed text, dates, numbers and choices with our own messages.

Every field is a string field, so whatever was typed (valid or not) goes back to the page
unchanged and is shown again: nothing typed is lost on an error, a back step or a resume.
"""

import re
import unicodedata
from datetime import datetime

from flask_babel import lazy_gettext as _l
from wtforms import (
    DecimalField,
    Field,
    FloatField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, Optional, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from ..services.text import PHONE_MESSAGE, ascii_digits, normalise_phone
from ..timeutil import local_today

_NAME = re.compile(r"^[^\W\d_]+(?:[ '’\-.][^\W\d_]+)*\.?$")
_SPACES = re.compile(r"\s+")


def _strip(value):
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip() if isinstance(value, str) else value


class Text(StringField):
    """A text field that trims spaces and joins NFD-typed Vietnamese marks (NFC)."""

    def __init__(self, label, validators=None, max_length=200, **kwargs):
        validators = list(validators or []) + [
            Length(max=max_length, message=_l("Use at most %(max)d characters", max=max_length))
        ]
        kwargs.setdefault("filters", []).append(_strip)
        super().__init__(label, validators, **kwargs)


class Choice(RadioField):
    """Radio buttons whose message is ours, not WTForms' "Not a valid choice".

    `choices` is a list of SelectChoice, like every choice list given to WTForms here
    (WTForms 3.4 no longer reads (value, label) tuples)."""

    def __init__(self, label, choices, message, **kwargs):
        values = [c.value for c in choices]
        super().__init__(
            label,
            choices=choices,
            validate_choice=False,
            validators=[DataRequired(message), AnyOf(values, message=message)],
            **kwargs,
        )


def required(message):
    return DataRequired(message)


def person_name(form, field):
    """Full names in any Vietnamese spelling: letters with their marks, spaces, hyphens."""
    if field.data and not _NAME.match(field.data):
        raise ValidationError(_l("Enter the name with letters only, for example Nguyễn Thị Lan"))


def vn_date(form, field):
    """dd/mm/yyyy, a real date, not in the future; stored back as dd/mm/yyyy."""
    if not field.data:
        return
    match = re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", field.data)
    if not match:
        raise StopValidation(_l("Enter the date as day/month/year, for example 05/03/2026"))
    try:
        day = datetime(int(match[3]), int(match[2]), int(match[1])).date()
    except ValueError:
        raise StopValidation(_l("This date does not exist: check the day and the month"))
    if day > local_today():
        raise StopValidation(_l("The date cannot be in the future"))
    if day.year < 1900:
        raise StopValidation(_l("Check the year"))
    field.data = f"{day:%d/%m/%Y}"


def birth_year(form, field):
    if not field.data:
        return
    if not re.fullmatch(r"\d{4}", field.data):
        raise ValidationError(_l("Enter a year of 4 digits, for example 1990"))
    if not 1900 <= int(field.data) <= local_today().year:
        raise ValidationError(_l("Check the year"))
    field.data = ascii_digits(field.data)


def personal_id(form, field):
    """The 12-digit personal ID (CCCD / căn cước); spaces are allowed while typing, digits of any
    script are stored as ASCII."""
    if not field.data:
        return
    digits = ascii_digits(re.sub(r"[\s.\-]", "", field.data))
    if not re.fullmatch(r"\d{12}", digits):
        raise ValidationError(_l("The personal ID number has 12 digits"))
    field.data = digits


def mobile(form, field):
    if not field.data:
        return
    phone = normalise_phone(field.data)
    if phone is None:
        raise ValidationError(PHONE_MESSAGE)
    field.data = phone


def clock_time(form, field):
    if not field.data:
        return
    match = re.fullmatch(r"(\d{1,2})\s*(?:[:hg]|giờ)\s*(\d{2})?\s*(?:phút)?", field.data.lower())
    if not match or int(match[1]) > 23 or int(match[2] or 0) > 59:
        raise ValidationError(_l("Enter the time as hours:minutes, for example 14:30"))
    field.data = f"{int(match[1]):02d}:{int(match[2] or 0):02d}"


def count_between(low, high):
    def check(form, field):
        if not field.data:
            return
        if not re.fullmatch(r"\d{1,2}", field.data) or not low <= int(field.data) <= high:
            raise ValidationError(_l("Enter a number from %(low)d to %(high)d", low=low, high=high))
        field.data = str(int(field.data))

    return check


DATE_FORMAT = "%d/%m/%Y"


# What a date may leave out, coarsest last: "07/09/2019" is a day, "09/2019" a month, "2019" a year.
DATE_PRECISIONS = (("day", DATE_FORMAT), ("month", "%m/%Y"), ("year", "%Y"))


class VNDateField(Field):
    """A dd/mm/yyyy date typed as text; what was typed is shown again when it is wrong.

    With partial=True a month (mm/yyyy) or a year (yyyy) is read too, as its first day;
    `precision` then says which was typed ("day", "month" or "year"), for the form to check.
    """

    widget = TextInput()

    def __init__(self, label=None, validators=None, partial=False, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.formats = DATE_PRECISIONS if partial else DATE_PRECISIONS[:1]
        self.precision = None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime(DATE_FORMAT) if self.data else ""

    def process_formdata(self, valuelist):
        self.data = self.precision = None
        text = (valuelist[0] if valuelist else "").strip()
        if not text:
            return
        for precision, pattern in self.formats:
            try:
                self.data = datetime.strptime(text, pattern).date()
            except ValueError:
                continue
            self.precision = precision
            break
        else:
            raise ValueError(self._unreadable())
        if not 1900 <= self.data.year <= 2200:  # year 0001 or 9999 overflows date arithmetic later
            self.data = None
            raise ValueError(_l("Enter a year between 1900 and 2200"))

    def _unreadable(self):
        if len(self.formats) > 1:
            return _l("Enter a day as dd/mm/yyyy, a month as mm/yyyy or a year as yyyy, for example 11/2026")
        return self.gettext("Enter a date as dd/mm/yyyy, for example 07/09/2019")


def _own_message(field_class, message):
    """The field with our own (translated) message when what was typed cannot be read."""

    class Field(field_class):
        def process_formdata(self, valuelist):
            try:
                super().process_formdata(valuelist)
            except ValueError:
                self.data = None
                raise ValueError(str(message)) from None

        def pre_validate(self, form):
            try:
                super().pre_validate(form)
            except ValidationError:
                raise ValidationError(_l("Choose one of the options")) from None

    Field.__name__ = field_class.__name__
    return Field


IntegerField = _own_message(IntegerField, _l("Enter a whole number"))
FloatField = _own_message(FloatField, _l("Enter a number, e.g. 18.3429"))
DecimalField = _own_message(DecimalField, _l("Enter a number, e.g. 80"))
TimeField = _own_message(TimeField, _l("Enter a time as hh:mm, e.g. 07:30"))
SelectField = _own_message(SelectField, _l("Choose one of the options"))


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def text_field(label, size, required=None):
    validators = [DataRequired(required)] if required else [Optional()]
    return StringField(
        label, validators=validators + [Length(max=size, message=_l("Too long: at most %(max)d characters"))]
    )


def area_field(label, required=None):
    return TextAreaField(label, validators=[DataRequired(required)] if required else [Optional()])


def choices(options, blank=None):
    """A list of SelectChoice with an optional empty first entry (value 0 for integer selects)."""
    return ([SelectChoice(0, blank)] if blank is not None else []) + list(options)
