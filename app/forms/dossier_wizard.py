"""The dossier wizard's definition: which steps each kind of dossier asks, in order, with their forms."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .birth_death_steps import (
    BirthCopiesForm,
    ChildForm,
    ChildOriginForm,
    DeathForm,
    DeceasedForm,
    parent_form,
)
from .dossier_steps import (
    BIRTH_RELATIONSHIPS,
    DEATH_RELATIONSHIPS,
    SELF_OR_PROXY,
    ConsentForm,
    GenericRequestForm,
    MaritalResidenceForm,
    MaritalStatusForm,
    RecordForm,
    requester_form,
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
