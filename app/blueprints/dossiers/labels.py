"""Words for statuses and channels: short ones for staff, plain sentences for residents."""

from flask_babel import lazy_gettext as _l

STATUS = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "received": _l("Received"),
    "processing": _l("Being processed"),
    "supplement": _l("Needs supplement"),
    "completed": _l("Result ready"),
    "returned": _l("Result returned"),
    "refused": _l("Refused"),
    "withdrawn": _l("Withdrawn"),
    "cancelled": _l("Cancelled"),
}

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

CHANNEL = {
    "self": _l("Resident alone, online"),
    "volunteer": _l("With a volunteer at the point"),
    "paper": _l("On paper at the desk"),
}
