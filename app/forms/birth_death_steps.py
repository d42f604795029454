"""Wizard steps of birth and death registration: the child, the parents, the person who died, the death.

Dates are checked against the draft's other steps, so a contradiction is caught on whichever
step is changed second, with the message beside that step's field.
"""

import re

from flask_babel import lazy_gettext as _l
from wtforms.validators import Optional, ValidationError

from ..services.dossiers.rules import parse_vn_date as _date
from .dossier_steps import SEX, StepForm
from .fields import (
    Choice,
    Text,
    birth_year,
    clock_time,
    count_between,
    person_name,
    personal_id,
    required,
    vn_date,
)


def _year(text):
    return int(text) if text and re.fullmatch(r"\d{4}", text) else None


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
