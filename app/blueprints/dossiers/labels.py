"""Words of the dossier pages: statuses and channels (defined with the model), timeline sentences, moves."""

from flask_babel import lazy_gettext as _l

from ...models.dossier import CHANNEL_LABELS, STATUS_LABELS

STATUS = STATUS_LABELS

# What a resident reads in the lookup timeline.
TIMELINE = {
    "submitted": _l("You submitted the dossier."),
    "received": _l("The one-stop desk received the dossier and checked the papers."),
    "processing": _l("Staff are working on the dossier."),
    "supplement": _l("More papers are needed. Please bring them to the one-stop desk:"),
    "completed": _l("The result is ready. Come to the one-stop desk with your ID card to collect it."),
    "returned": _l("The result was handed over. The dossier is closed."),
    "refused": _l("The dossier could not be accepted. The reason:"),
    "withdrawn": _l("The dossier was withdrawn at your request."),
    "cancelled": _l("The dossier was cancelled."),
}

# The button staff press to move a dossier to each status.
MOVE = {
    "received": _l("Receive (papers complete)"),
    "processing": _l("Start processing"),
    "supplement": _l("Ask for a supplement"),
    "completed": _l("Result ready"),
    "returned": _l("Result handed over"),
    "refused": _l("Refuse"),
    "withdrawn": _l("Withdrawn by the resident"),
}

CHANNEL = CHANNEL_LABELS
