"""The dossier wizard's step forms: the base step, about you, consent, extracts, marital status, generic.

What a step keeps goes into the draft as typed (see fields.py); birth and death steps are in
birth_death_steps.py, and dossier_wizard.py says which steps each procedure asks.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from .fields import (
    Choice,
    Text,
    count_between,
    mobile,
    person_name,
    personal_id,
    required,
    vn_date,
)

SEX = [SelectChoice("male", _l("Male")), SelectChoice("female", _l("Female"))]


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
        """As typed, except a value longer than its field allows: never stored (a 3 MB draft took two posts)."""
        return {
            name: field.data
            for name, field in self._fields.items()
            if name != "csrf_token" and isinstance(field.data, str) and len(field.data) <= _longest(field)
        }


def _longest(field, default=1000):
    limits = [v.max for v in field.validators if isinstance(v, Length) and v.max and v.max > 0]
    return min(limits, default=default)


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
    SelectChoice("mother", _l("Mother of the child")),
    SelectChoice("father", _l("Father of the child")),
    SelectChoice("grandparent", _l("A grandparent")),
    SelectChoice("relative", _l("Another relative")),
    SelectChoice("carer", _l("The person caring for the child")),
    SelectChoice("self", _l("The person born (an adult)")),
]
DEATH_RELATIONSHIPS = [
    SelectChoice("spouse", _l("Husband or wife")),
    SelectChoice("child", _l("Son or daughter")),
    SelectChoice("parent", _l("Father or mother")),
    SelectChoice("relative", _l("Another relative")),
    SelectChoice("other", _l("Someone else (with an authorisation)")),
]
SELF_OR_PROXY = [
    SelectChoice("self", _l("The person concerned")),
    SelectChoice("proxy", _l("Someone acting for them (with an authorisation)")),
]


EVENT_TYPES = [
    SelectChoice("birth", _l("Birth")),
    SelectChoice("marriage", _l("Marriage")),
    SelectChoice("death", _l("Death")),
    SelectChoice("other", _l("Another civil-status event")),
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
    SelectChoice("single", _l("Never married")),
    SelectChoice("divorced", _l("Divorced")),
    SelectChoice("widowed", _l("Widowed")),
    SelectChoice("married", _l("Married")),
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
