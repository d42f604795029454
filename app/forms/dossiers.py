"""Dossier forms: one small form per wizard step, for the four key procedures and a generic one.

Every field is a string field, so whatever was typed (valid or not) goes back into the
draft unchanged and is shown again: nothing typed is lost on an error, a back step or a resume.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional, StopValidation, ValidationError

from ..services.text import normalise_phone
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
    """Radio buttons whose message is ours, not WTForms' "Not a valid choice"."""

    def __init__(self, label, choices, message, **kwargs):
        values = [value for value, _ in choices]
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
    if not re.fullmatch(r"\d{4}", field.data) or not 1900 <= int(field.data) <= local_today().year:
        raise ValidationError(_l("Enter a year of 4 digits, for example 1990"))


def personal_id(form, field):
    """The 12-digit personal ID (CCCD / căn cước); spaces are allowed while typing."""
    if not field.data:
        return
    digits = re.sub(r"[\s.\-]", "", field.data)
    if not re.fullmatch(r"\d{12}", digits):
        raise ValidationError(_l("The personal ID number has 12 digits"))
    field.data = digits


def mobile(form, field):
    if not field.data:
        return
    phone = normalise_phone(field.data)
    if phone is None:
        raise ValidationError(_l("Enter a mobile number of 10 digits, for example 0912 345 678"))
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


SEX = [("male", _l("Male")), ("female", _l("Female"))]


def _date(text):
    try:
        return datetime.strptime(text or "", "%d/%m/%Y").date()
    except ValueError:
        return None


def _year(text):
    return int(text) if text and re.fullmatch(r"\d{4}", text) else None


class StepForm(FlaskForm):
    """A wizard step. values() gives what to keep in the draft.

    `answers` holds the draft's other steps (set by the view before validating), for checks
    across steps: a date of death before the date of birth is caught on whichever step is
    changed second, with the message beside that step's field.
    """

    answers = {}

    def other(self, step, name):
        return (self.answers.get(step) or {}).get(name)

    def values(self):
        return {
            name: field.data
            for name, field in self._fields.items()
            if name != "csrf_token" and isinstance(field.data, str)
        }


def requester_form(relationships, id_required=True):
    class RequesterForm(StepForm):
        full_name = Text(
            _l("Your full name"),
            [required(_l("Enter your full name")), person_name],
            max_length=100,
            description=_l("As on your ID card, for example Nguyễn Văn An"),
        )
        id_number = Text(
            _l("Your personal ID number (CCCD)"),
            [required(_l("Enter your personal ID number")) if id_required else Optional(), personal_id],
            max_length=20,
            description=_l("12 digits, on your ID card or in VNeID"),
        )
        phone = Text(
            _l("Mobile number"),
            [required(_l("Enter a mobile number")), mobile],
            max_length=20,
            description=_l("To check the dossier with its code and to be called when the result is ready"),
        )
        residence = Text(
            _l("Where you live"),
            [required(_l("Enter where you live"))],
            max_length=200,
            description=_l("House number, street, residential group, ward"),
        )
        relationship = Choice(_l("You are"), relationships, _l("Choose who you are in this dossier"))

    return RequesterForm


BIRTH_RELATIONSHIPS = [
    ("mother", _l("The child's mother")),
    ("father", _l("The child's father")),
    ("grandparent", _l("A grandparent")),
    ("relative", _l("Another relative")),
    ("carer", _l("The person caring for the child")),
    ("self", _l("The person born (an adult)")),
]
DEATH_RELATIONSHIPS = [
    ("spouse", _l("Husband or wife")),
    ("child", _l("Son or daughter")),
    ("parent", _l("Father or mother")),
    ("relative", _l("Another relative")),
    ("other", _l("Someone else (with an authorisation)")),
]
SELF_OR_PROXY = [
    ("self", _l("The person concerned")),
    ("proxy", _l("Someone acting for them (with an authorisation)")),
]


class ChildForm(StepForm):
    full_name = Text(
        _l("The child's full name"),
        [required(_l("Enter the child's full name")), person_name],
        max_length=100,
    )
    sex = Choice(_l("Sex"), SEX, _l("Choose the child's sex"))
    date_of_birth = Text(
        _l("Date of birth"),
        [required(_l("Enter the date of birth")), vn_date],
        max_length=20,
        description=_l("Day/month/year, for example 05/03/2026"),
    )

    def validate_date_of_birth(self, field):
        born = _date(field.data)
        mother, father = _year(self.other("mother", "birth_year")), _year(self.other("father", "birth_year"))
        if born and mother and born.year <= mother:
            raise ValidationError(
                _l(
                    "The child's date of birth must be after the mother's year of birth "
                    "(%(year)d): check this date or the mother's year of birth",
                    year=mother,
                )
            )
        if born and father and born.year <= father:
            raise ValidationError(
                _l(
                    "The child's date of birth must be after the father's year of birth "
                    "(%(year)d): check this date or the father's year of birth",
                    year=father,
                )
            )


class ChildOriginForm(StepForm):
    place_of_birth = Text(
        _l("Place of birth"),
        [required(_l("Enter the place of birth"))],
        max_length=200,
        description=_l("The hospital or health station, or the address"),
    )
    hometown = Text(
        _l("Hometown (quê quán)"),
        [required(_l("Enter the hometown"))],
        max_length=200,
        description=_l("Usually the father's or mother's hometown, as the parents agree"),
    )
    ethnicity = Text(_l("Ethnicity"), [required(_l("Enter the ethnicity"))], max_length=50, default="Kinh")
    nationality = Text(
        _l("Nationality"), [required(_l("Enter the nationality"))], max_length=50, default="Việt Nam"
    )


def parent_form(who_required):
    check = required(_l("Enter the full name")) if who_required else Optional()

    class ParentForm(StepForm):
        full_name = Text(_l("Full name"), [check, person_name], max_length=100)
        birth_year = Text(_l("Year of birth"), [birth_year], max_length=4)
        ethnicity = Text(_l("Ethnicity"), [Optional()], max_length=50, default="Kinh")
        nationality = Text(_l("Nationality"), [Optional()], max_length=50, default="Việt Nam")
        residence = Text(_l("Where they live"), [Optional()], max_length=200)

        def validate_birth_year(self, field):
            if self.full_name.data and not field.data:
                raise ValidationError(_l("Enter the year of birth"))
            born = _date(self.other("child", "date_of_birth"))
            year = _year(field.data)
            if not field.errors and born and year and year >= born.year:
                raise ValidationError(
                    _l(
                        "The year of birth must be before the child's date of birth (%(date)s)",
                        date=f"{born:%d/%m/%Y}",
                    )
                )

    return ParentForm


class BirthCopiesForm(StepForm):
    copies = Text(
        _l("Extra copies of the birth extract"),
        [Optional(), count_between(0, 10)],
        max_length=2,
        default="0",
        description=_l("0 if you need only the original"),
    )


class DeceasedForm(StepForm):
    full_name = Text(
        _l("Full name of the person who died"),
        [required(_l("Enter the full name")), person_name],
        max_length=100,
    )
    date_of_birth = Text(
        _l("Their date of birth"),
        [required(_l("Enter the date of birth")), vn_date],
        max_length=20,
        description=_l("Day/month/year, for example 05/03/1950"),
    )
    sex = Choice(_l("Sex"), SEX, _l("Choose the sex"))
    id_number = Text(_l("Their personal ID number (CCCD)"), [Optional(), personal_id], max_length=20)
    ethnicity = Text(_l("Ethnicity"), [required(_l("Enter the ethnicity"))], max_length=50, default="Kinh")
    nationality = Text(
        _l("Nationality"), [required(_l("Enter the nationality"))], max_length=50, default="Việt Nam"
    )
    last_residence = Text(
        _l("Last place of residence"), [required(_l("Enter the last place of residence"))], max_length=200
    )

    def validate_date_of_birth(self, field):
        born, died = _date(field.data), _date(self.other("death", "date_of_death"))
        if born and died and born > died:
            raise ValidationError(
                _l(
                    "The date of birth must not be after the date of death (%(date)s): "
                    "check this date or the date of death",
                    date=f"{died:%d/%m/%Y}",
                )
            )


class DeathForm(StepForm):
    date_of_death = Text(
        _l("Date of death"),
        [required(_l("Enter the date of death")), vn_date],
        max_length=20,
        description=_l("Day/month/year"),
    )
    time_of_death = Text(
        _l("Time of death"),
        [Optional(), clock_time],
        max_length=20,
        description=_l("Hours:minutes, for example 14:30"),
    )
    place_of_death = Text(_l("Place of death"), [required(_l("Enter the place of death"))], max_length=200)
    cause = Text(_l("Cause of death"), [Optional()], max_length=200)
    notice_number = Text(
        _l("Death notice number"),
        [Optional()],
        max_length=50,
        description=_l("On the death notice (giấy báo tử), if you have one"),
    )

    def validate_date_of_death(self, field):
        died, born = _date(field.data), _date(self.other("deceased", "date_of_birth"))
        if died and born and died < born:
            raise ValidationError(
                _l(
                    "The date of death cannot be before the date of birth (%(date)s): "
                    "check this date or the date of birth",
                    date=f"{born:%d/%m/%Y}",
                )
            )


EVENT_TYPES = [
    ("birth", _l("Birth")),
    ("marriage", _l("Marriage")),
    ("death", _l("Death")),
    ("other", _l("Another civil-status event")),
]


class RecordForm(StepForm):
    event_type = Choice(_l("Which record do you need a copy of?"), EVENT_TYPES, _l("Choose the record"))
    person_name = Text(
        _l("Name of the person on the record"), [required(_l("Enter the name")), person_name], max_length=100
    )
    registration_number = Text(
        _l("Registration number and book"),
        [Optional()],
        max_length=60,
        description=_l("For example: số 125, quyển 01/2015"),
    )
    registration_date = Text(
        _l("Date of registration"),
        [Optional(), vn_date],
        max_length=20,
        description=_l("Day/month/year, if you know it"),
    )
    office = Text(
        _l("Office that registered it"),
        [required(_l("Enter the office"))],
        max_length=200,
        description=_l("For example: UBND phường Tân Giang"),
    )
    copies = Text(
        _l("Number of copies"),
        [required(_l("Enter the number of copies")), count_between(1, 20)],
        max_length=2,
        default="1",
    )


MARITAL_STATUSES = [
    ("single", _l("Never married")),
    ("divorced", _l("Divorced")),
    ("widowed", _l("Widowed")),
    ("married", _l("Married")),
]


class MaritalResidenceForm(StepForm):
    residence_periods = TextAreaField(
        _l("Where you have lived"),
        [
            required(_l("Enter where you have lived")),
            Length(max=1000, message=_l("Use at most %(max)d characters", max=1000)),
        ],
        description=_l(
            "Each address with the years, for example: 2010–2020 phường Nam Hà; 2020 until now TDP 12 Tân Giang"
        ),
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
    )


class MaritalStatusForm(StepForm):
    status = Choice(_l("Your current marital status"), MARITAL_STATUSES, _l("Choose your marital status"))
    purpose = Text(
        _l("What the certificate is for"),
        [required(_l("Enter what the certificate is for"))],
        max_length=200,
        description=_l("For example: to register a marriage, to buy a house"),
    )


class GenericRequestForm(StepForm):
    details = TextAreaField(
        _l("What do you need?"),
        [
            required(_l("Describe what you need")),
            Length(max=1000, message=_l("Use at most %(max)d characters", max=1000)),
        ],
        description=_l("In a few sentences; staff will tell you if anything else is needed"),
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
    )


class ConsentForm(StepForm):
    agree = BooleanField(
        _l("I agree that my answers are kept and used for this purpose"),
        [DataRequired(_l("Tick the box to agree, or stop here: nothing has been saved yet"))],
    )


@dataclass(frozen=True)
class Step:
    name: str
    form: type
    title: object


CONSENT = Step("consent", ConsentForm, _l("Your personal data"))
STEPS = {
    "birth": [
        Step("requester", requester_form(BIRTH_RELATIONSHIPS), _l("About you")),
        Step("child", ChildForm, _l("The child")),
        Step("origin", ChildOriginForm, _l("Where the child was born")),
        Step("mother", parent_form(True), _l("The child's mother")),
        Step("father", parent_form(False), _l("The child's father")),
        Step("copies", BirthCopiesForm, _l("Copies")),
    ],
    "death": [
        Step("requester", requester_form(DEATH_RELATIONSHIPS), _l("About you")),
        Step("deceased", DeceasedForm, _l("The person who died")),
        Step("death", DeathForm, _l("The death")),
    ],
    "extract": [
        Step("requester", requester_form(SELF_OR_PROXY), _l("About you")),
        Step("record", RecordForm, _l("The record")),
    ],
    "marital": [
        Step("requester", requester_form(SELF_OR_PROXY), _l("About you")),
        Step("residence", MaritalResidenceForm, _l("Where you have lived")),
        Step("status", MaritalStatusForm, _l("Your marital status")),
    ],
    "generic": [
        Step("requester", requester_form(SELF_OR_PROXY, id_required=False), _l("About you")),
        Step("request", GenericRequestForm, _l("Your request")),
    ],
}


def steps_for(kind):
    """Consent first (nothing is stored before it), then the procedure's own steps."""
    return [CONSENT] + STEPS.get(kind, STEPS["generic"])


def step_names(kind):
    return [step.name for step in steps_for(kind)]


class LookupForm(FlaskForm):
    code = Text(
        _l("Dossier code"),
        [required(_l("Enter the dossier code"))],
        max_length=20,
        description=_l("On your receipt, for example HS-2611-7K3Q"),
    )
    phone = Text(
        _l("Mobile number given in the dossier"), [required(_l("Enter the mobile number"))], max_length=20
    )


class ResumeForm(FlaskForm):
    code = Text(
        _l("Resume code"),
        [required(_l("Enter the resume code"))],
        max_length=20,
        description=_l("8 letters and digits, for example ABCD-2345"),
    )


class MoveForm(FlaskForm):
    to_status = RadioField(
        _l("New status"), validate_choice=False, validators=[DataRequired(_l("Choose the new status"))]
    )
    note = TextAreaField(
        _l("Note"),
        [Length(max=1000, message=_l("Use at most %(max)d characters", max=1000))],
        description=_l("Required when asking for a supplement (say what is missing) or refusing"),
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
    )

    def validate_to_status(self, field):
        if field.data not in [value for value, _ in self.to_status.choices]:
            raise ValidationError(_l("This move is not possible from the current status"))

    def validate_note(self, field):
        if self.to_status.data in ("supplement", "refused") and not field.data:
            raise ValidationError(_l("Write what is missing, or why the dossier is refused"))


CHANNEL_CHOICES = [
    ("self", _l("Resident alone, online")),
    ("volunteer", _l("With a volunteer at the point")),
    ("paper", _l("On paper at the desk")),
]


class FilingForm(FlaskForm):
    channel = Choice(_l("Channel"), CHANNEL_CHOICES, _l("Choose the channel"))
    portal_code = Text(
        _l("National portal dossier code"),
        [Optional()],
        max_length=40,
        description=_l("When the dossier was filed on dichvucong.gov.vn"),
    )


class EraseForm(FlaskForm):
    """Staff confirm that the resident withdrew consent: the token is the whole form."""


class WithdrawDraftForm(FlaskForm):
    code = Text(
        _l("Resume code"),
        [required(_l("Enter the resume code"))],
        max_length=20,
        description=_l("8 letters and digits, on your note or on the wizard's pages"),
    )


class PapersForm(FlaskForm):
    """The papers whose originals the desk has checked (choices set from the procedure)."""

    papers = SelectMultipleField(_l("Originals checked"), validate_choice=False)
