"""Dossier forms outside the wizard: residents' lookup and resume, staff's moves, filing, papers, erasure."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..models.dossier import CHANNEL_LABELS
from .fields import Choice, Text, required


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
        if field.data not in [c.value for c in self.to_status.choices]:
            raise ValidationError(_l("This move is not possible from the current status"))

    def validate_note(self, field):
        if self.to_status.data in ("supplement", "refused") and not field.data:
            raise ValidationError(_l("Write what is missing, or why the dossier is refused"))


CHANNEL_CHOICES = [SelectChoice(value, label) for value, label in CHANNEL_LABELS.items()]


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
